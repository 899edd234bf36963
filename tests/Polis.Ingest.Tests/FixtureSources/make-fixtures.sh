#!/usr/bin/env bash
# Rebuilds ../Files from the sources in this folder with real tools:
# Debian's chromium (PDF printing and the "scan" screenshot), qpdf (PDF encryption), iconv, zip, the .NET SDK,
# and node with the npm package officecrypto-tool (DOCX encryption).
# The zip-bomb DOCX is not here: the tests build it at run time so that no large file is committed.
set -euo pipefail
cd "$(dirname "$0")"
out=../Files
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

chrome() {
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --no-pdf-header-footer \
    --user-data-dir="$(mktemp -d -p "$work")" "$@" 2>/dev/null
}

# A two-page PDF, English on page 1 and Russian on page 2, with a text layer and Title/Lang metadata.
chrome --print-to-pdf="$out/guidebook.pdf" guidebook.html

# A "scanned" PDF: a screenshot of a typed letter, printed as a page that holds only that image.
chrome --window-size=900,300 --screenshot="$work/scan.png" scan-page.html
cp scanned.html "$work/"
chrome --print-to-pdf="$out/scanned.pdf" "$work/scanned.html"

# The same guidebook behind a user password (AES-256).
qpdf --encrypt user-secret owner-secret 256 -- "$out/guidebook.pdf" "$out/encrypted.pdf"

# A PDF cut off in the middle of a download.
head -c 3000 "$out/guidebook.pdf" > "$out/truncated.pdf"

# A ZIP archive that somebody named .pdf.
(cd "$work" && cp "$OLDPWD/notes.md" . && zip -q -X really-a-zip.zip notes.md)
cp "$work/really-a-zip.zip" "$out/really-a-zip.pdf"

# An image named .txt: binary content with NUL bytes.
cp "$work/scan.png" "$out/photo.txt"

# Russian plain text in the legacy Windows code page, and in UTF-16 with a byte-order mark.
iconv -f UTF-8 -t WINDOWS-1251 russian.utf8.txt > "$out/russian-cp1251.txt"
iconv -f UTF-8 -t UTF-16 russian.utf8.txt > "$out/russian-utf16.txt"

cp notes.md "$out/notes.md"

# A Word document written by the Open XML SDK, and a copy cut short.
dotnet run MakeDocx.cs -- "$out/annual-report.docx"
head -c 1200 "$out/annual-report.docx" > "$out/truncated.docx"

# The same document behind a password, as Word saves it.
(cd "$work" && npm install --silent --no-audit --no-fund officecrypto-tool@0.0.19 > /dev/null)
NODE_PATH="$work/node_modules" node encrypt-docx.js "$out/annual-report.docx" "$out/encrypted.docx"

ls -l "$out"
