#!/usr/bin/env bash
# Software translation catalogs (gettext .mo) for the lexicon's "software terms" (docs/lexicon.md), fetched from Debian
# with `apt-get download` and unpacked with `dpkg-deb -x`: nothing is installed as a package and nothing is committed;
# only usr/share/locale/{ru,fr,de,es}/LC_MESSAGES/*.mo is kept, as <dest>/<lang>/LC_MESSAGES/<domain>.mo.
# `polis lexicon build` (and the demo start's background build) reads /usr/share/locale and, when it exists, the
# default destination /usr/local/share/polis/locale (LexiconBuildOptions.DefaultCatalogs); tests/run.sh runs this
# script, so a machine set up by it has the same software terms as the figures in docs/performance.md.
#
# The packages are well-translated desktop software (GTK, GLib, GNOME, Xfce and KDE applications and frameworks,
# GIMP, Inkscape, office and media applications). Left out on purpose: every package whose documentation is an
# evaluation collection (libreoffice*, gnome-user-docs, yelp, manpages*) and every package whose manual pages are in
# the manual-page collection (coreutils, util-linux, systemd, apt, dpkg … the `english` list of
# bench/crosslang/fetch-collections.sh), so that no catalog repeats the wording of a page we evaluate on; the lexicon
# builder skips their domains in /usr/share/locale too (SoftwareCatalogs.Excluded).
#
#   tools/fetch-catalogs.sh [dest]      # default /usr/local/share/polis/locale (written with sudo when not writable)
# Packages the archive no longer has are skipped with a warning; a second run with <dest>/.fetched present does nothing.
set -euo pipefail

dest="${1:-/usr/local/share/polis/locale}"
[ -e "$dest/.fetched" ] && exit 0
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
sudo_cmd=""
if ! mkdir -p "$dest" 2>/dev/null || [ ! -w "$dest" ]; then
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd mkdir -p "$dest"
fi

available() { apt-cache show --no-all-versions "${packages[@]}" 2>/dev/null | awk '/^Package:/{print $2}' | sort -u; }
mapfile -t found < <(available)
if [ ${#found[@]} -eq 0 ]; then
  # A machine whose package lists were never fetched (a fresh container) knows no package yet.
  updater=""; [ "$(id -u)" -ne 0 ] && updater="sudo"
  $updater apt-get update -qq
  mapfile -t found < <(available)
fi
missing=$(comm -23 <(printf '%s\n' "${packages[@]}" | sort -u) <(printf '%s\n' "${found[@]}"))
[ -n "$missing" ] && echo "fetch-catalogs: not in the archive, skipped: $(echo $missing)" >&2

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download "${found[@]}" 2> >(grep -v '^W: Download is performed unsandboxed' >&2 || true) >/dev/null)
mkdir -p "$work/locale"
for deb in "$work"/*.deb; do
  x="$work/x"; mkdir -p "$x"
  dpkg-deb -x "$deb" "$x"
  for lang in ru fr de es; do
    if [ -d "$x/usr/share/locale/$lang/LC_MESSAGES" ]; then
      mkdir -p "$work/locale/$lang/LC_MESSAGES"
      cp "$x/usr/share/locale/$lang/LC_MESSAGES/"*.mo "$work/locale/$lang/LC_MESSAGES/" 2>/dev/null || true
    fi
  done
  rm -rf "$x" "$deb"
done
$sudo_cmd cp -r "$work/locale/." "$dest/"
$sudo_cmd chmod -R a+rX "$dest"
$sudo_cmd touch "$dest/.fetched"
for lang in ru fr de es; do
  echo "catalogs $lang: $(find "$dest/$lang/LC_MESSAGES" -name '*.mo' 2>/dev/null | wc -l) files in $dest"
done
