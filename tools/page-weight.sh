#!/usr/bin/env bash
# Page weight of a first visit (empty cache) as a browser makes it: the page, the style sheet and scripts it links,
# and the woff2 fonts the style sheet names (Chromium fetches the woff2 of each face; the Latin and the Cyrillic
# subsets are both used, since every page names its languages in their own script).
# Usage: tools/page-weight.sh http://127.0.0.1:5099     (a running Polis with the demo library)
# Prints one row per page: bytes transferred (bodies as sent, compressed when the server compresses) and requests.
set -euo pipefail
base=${1:-http://127.0.0.1:5099}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
get() { curl -s --compressed -o "$2" -w '%{size_download}' "$base$1"; }   # --compressed: Accept-Encoding: deflate, gzip, br, zstd

curl -s "$base/library/search?q=police" -o "$tmp/search.html"
doc=$(grep -o 'href="/library/documents/[0-9a-f-]\{36\}"' "$tmp/search.html" | head -1 | sed 's/href="//; s/"$//')
printf '| page | page bytes | style sheet, scripts, fonts bytes | total bytes | requests |\n|---|---|---|---|---|\n'
for page in "/" "/library/search?q=police" "$doc"; do
  bytes=$(get "$page" "$tmp/page.html"); assets=0; requests=1
  for href in $(grep -o '<link rel="stylesheet" href="[^"]*"\|<script src="[^"]*"' "$tmp/page.html" | sed 's/.*="//; s/"$//; s/&amp;/\&/g'); do
    assets=$((assets + $(get "$href" "$tmp/asset"))); requests=$((requests + 1))
    case "$href" in *.css*)
      dir=$(dirname "${href%%\?*}")
      for font in $(grep -o 'url("[^"]*\.woff2")' "$tmp/asset" | sed 's/url("//; s/")$//; s|^\./||' | sort -u); do
        assets=$((assets + $(get "$dir/$font" "$tmp/font"))); requests=$((requests + 1))
      done;;
    esac
  done
  printf '| %s | %s | %s | %s | %s |\n' "$page" "$bytes" "$assets" "$((bytes + assets))" "$requests"
done
