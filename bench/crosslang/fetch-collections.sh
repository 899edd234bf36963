#!/usr/bin/env bash
# The cross-language collections beside GNOME Help, fetched from Debian with `apt-get download` (nothing is installed,
# nothing is committed):
#  - LibreOffice Help (libreoffice-help-{en-us,de,fr,ru,es}): 2,561 HTML pages per language, the same path in every
#    language; unpacked to <cache>/libreoffice/usr/share/libreoffice/help/<lang>/text/...
#  - manual pages (manpages-l10n: manpages-{de,fr,ru,es}[-dev]) with their English originals, rendered to text with
#    mandoc (from its own .deb): <cache>/manpages/text/<lang>/<section>/<page>.txt, the same relative name in every
#    language (that is what pairs the editions). Pages that only include another (.so) and links are aliases, skipped.
# Run once (a few minutes); bench/crosslang reads the result.
#
#   bench/crosslang/fetch-collections.sh [cache]      # default: ${TMPDIR:-/tmp}/polis-crosslang
set -euo pipefail

base="${1:-${TMPDIR:-/tmp}/polis-crosslang}"
quiet() { grep -v '^W: Download is performed unsandboxed' >&2 || true; }

# LibreOffice Help
mkdir -p "$base/libreoffice/debs"
if [ ! -e "$base/libreoffice/debs/.done" ]; then
  (cd "$base/libreoffice/debs" && apt-get download libreoffice-help-en-us libreoffice-help-de libreoffice-help-fr \
    libreoffice-help-ru libreoffice-help-es 2> >(quiet))
  for deb in "$base"/libreoffice/debs/*.deb; do dpkg-deb -x "$deb" "$base/libreoffice"; done
  touch "$base/libreoffice/debs/.done"
fi
for lang in en-US de fr ru es; do
  echo "libreoffice-help $lang: $(find "$base/libreoffice/usr/share/libreoffice/help/$lang/text" -name '*.html' | wc -l) pages"
done

# Manual pages
cache="$base/manpages"
mkdir -p "$cache/debs" "$cache/root"
cd "$cache/debs"

# Translations: manpages-l10n 4.18 for German, French, Russian and Spanish (general and development sections).
translated=(manpages-de manpages-de-dev manpages-fr manpages-fr-dev manpages-ru manpages-ru-dev manpages-es manpages-es-dev)
# English: the packages that own the originals of the translated pages (found once with `dpkg -S` on the pages of the
# packages above, every owner kept), plus packages that ship their own translations beside their English pages.
english=(manpages manpages-dev systemd coreutils util-linux e2fsprogs gettext openssh-client gzip uuid-dev bzip2
  bsdextrautils systemd-sysv mount bsdutils net-tools less init-system-helpers hostname binutils-common bash
  util-linux-extra systemd-timesyncd libcrypt-dev grep diffutils tar gettext-base zstd perl-base ncurses-bin make
  locales libpam-runtime libnss-systemd libc-bin groff-base findutils ed wget time sed openssl libpam-systemd
  libc-devtools libc-dev-bin file bc passwd login psmisc man-db dpkg apt debconf procps)
tools=(mandoc)

if [ ! -e "$cache/debs/.done" ]; then
  apt-get download "${translated[@]}" "${english[@]}" "${tools[@]}" 2> >(quiet)
  for deb in ./*.deb; do dpkg-deb -x "$deb" "$cache/root"; done
  touch "$cache/debs/.done"
fi

mandoc="$cache/root/usr/bin/mandoc"
man="$cache/root/usr/share/man"
out="$cache/text"
if [ ! -e "$out/.done" ]; then
rm -rf "$out"
# One job per language; inside it, one mandoc per page. Pages that only include another (.so) and links are aliases,
# not documents, and are skipped.
render() {
  local lang="$1" dir="$2" f rel target first
  while IFS= read -r -d '' f; do
    rel="${f#"$dir"/}"
    first="$(zcat -f "$f" | grep -v '^\.\\"' | grep -v "^'\\\\\"" | grep -m1 -v '^\s*$' || true)"
    case "$first" in .so\ *) continue ;; esac
    target="$out/$lang/${rel%.gz}.txt"
    mkdir -p "$(dirname "$target")"
    "$mandoc" -Kutf-8 -Tutf8 -O width=500 "$f" 2>/dev/null | col -bx > "$target" || rm -f "$target"
  done < <(find "$dir" -mindepth 2 -maxdepth 2 -type f -path "$dir/man[1-8]/*" -print0 | sort -z)
}
export -f render
export out mandoc
for lang in en de fr ru es; do
  if [ "$lang" = en ]; then dir="$man"; else dir="$man/$lang"; fi
  echo "$lang $dir"
done | xargs -P 2 -L 1 bash -c 'render "$0" "$1"'
fi

for lang in en de fr ru es; do
  echo "manpages $lang: $(find "$out/$lang" -name '*.txt' -size +0 | wc -l) pages"
done
touch "$out/.done"
