#!/usr/bin/env bash
# Rebuilds the two generated files of the demo library from the sources in this folder:
# the PDF edition (printed by Debian's chromium from an HTML page) and the Word edition (Open XML SDK).
# Every other file in ../library is written by hand.
set -euo pipefail
cd "$(dirname "$0")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --no-pdf-header-footer --user-data-dir="$profile" \
  --print-to-pdf=../library/police-roma-sinti.pdf police-roma-sinti.html 2>/dev/null
dotnet run MakeDocx.cs -- ../library/annual-report-2012.docx
ls -l ../library/police-roma-sinti.pdf ../library/annual-report-2012.docx
