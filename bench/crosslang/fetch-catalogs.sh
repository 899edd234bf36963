#!/usr/bin/env bash
# Software translation catalogs (gettext .mo) for the "Software terms" lexicon resource, fetched from Debian with
# `apt-get download` and unpacked with `dpkg-deb -x` (nothing installed, nothing committed): only
# usr/share/locale/{ru,fr,de,es}/LC_MESSAGES/*.mo is kept, under <cache>/catalogs/usr/share/locale.
# The packages are well-translated desktop software (GTK, GLib, GNOME, Xfce and KDE applications and frameworks,
# GIMP, Inkscape, office and media applications). Left out on purpose: every package whose documentation is an
# evaluation collection (libreoffice*, gnome-user-docs, yelp, manpages*) and every package whose manual pages are in
# the manual-page collection (coreutils, util-linux, systemd, apt, dpkg … the `english` list of fetch-collections.sh),
# so that no catalog repeats the wording of a page we evaluate on; the lexicon builder skips their domains in
# /usr/share/locale too (SoftwareCatalogs.Excluded).
#
#   bench/crosslang/fetch-catalogs.sh [cache]      # default: ${TMPDIR:-/tmp}/polis-crosslang
#   polis lexicon build --catalogs /usr/share/locale --catalogs <cache>/catalogs/usr/share/locale
set -euo pipefail

base="${1:-${TMPDIR:-/tmp}/polis-crosslang}/catalogs"
quiet() { grep -v '^W: Download is performed unsandboxed' >&2 || true; }
packages=(
  libgtk-3-common libgtk-4-common libglib2.0-data
  nautilus-data gedit-common evince-common gnome-control-center-data gnome-shell-common mutter-common eog totem-common
  gnome-calculator file-roller gnome-terminal-data gnome-software-common rhythmbox-data gnome-disk-utility baobab
  gnome-system-monitor gnome-text-editor evolution-common evolution-data-server-common simple-scan shotwell-common
  thunar-data xfce4-panel xfce4-settings mousepad
  dolphin kate okular konsole gwenview ark kcalc libkf5kiowidgets5 libkf5xmlgui-data libkf5widgetsaddons-data
  libkf5configwidgets-data libkf5textwidgets-data
  gimp-data inkscape gnumeric-common abiword-common gnucash-common pidgin-data synaptic remmina-common gthumb-data
  transmission-common gparted
)
mkdir -p "$base/debs"
if [ ! -e "$base/debs/.done" ]; then
  (cd "$base/debs" && apt-get download "${packages[@]}" 2> >(quiet))
  for deb in "$base"/debs/*.deb; do
    tmp="$(mktemp -d)"
    dpkg-deb -x "$deb" "$tmp"
    for lang in ru fr de es; do
      if [ -d "$tmp/usr/share/locale/$lang/LC_MESSAGES" ]; then
        mkdir -p "$base/usr/share/locale/$lang/LC_MESSAGES"
        cp "$tmp/usr/share/locale/$lang/LC_MESSAGES/"*.mo "$base/usr/share/locale/$lang/LC_MESSAGES/" 2>/dev/null || true
      fi
    done
    rm -rf "$tmp"
  done
  rm -f "$base"/debs/*.deb
  touch "$base/debs/.done"
fi
for lang in ru fr de es; do
  echo "catalogs $lang: $(find "$base/usr/share/locale/$lang/LC_MESSAGES" -name '*.mo' | wc -l) files"
done
