#!/usr/bin/env bash
# Runs every Polis test on a fresh Debian machine: installs what is missing (PostgreSQL 15 server, Chromium,
# fonts, the npm packages of the web assets and of tests/citation (Citation.js), the shared validators), builds with
# warnings as errors, runs the unit, integration (SQLite and PostgreSQL) and browser tests, and ends with one line
# "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

apt_packages=(postgresql-15 chromium fonts-noto-core fonts-dejavu-core)
# Bilingual dictionaries for the query-translation lexicon (polis lexicon build; GPL/CC data, never committed).
dictionary_pairs=(deu-eng deu-fra deu-pol deu-rus deu-spa eng-deu eng-fra eng-pol eng-rus eng-spa fra-deu fra-eng fra-pol
  fra-rus fra-spa pol-deu pol-eng pol-fra pol-rus pol-spa spa-deu spa-eng)
for pair in "${dictionary_pairs[@]}"; do apt_packages+=("dict-freedict-$pair"); done
apt_packages+=(trans-de-en)
# Müller's English–Russian dictionary: the lexicon's secondary dictionary (docs/lexicon.md).
apt_packages+=(mueller7-dict)
# Hunspell dictionaries: query lemmas and the language identifier (Polis.Search works without them, less well).
apt_packages+=(hunspell-ru hunspell-fr hunspell-de-de hunspell-es hunspell-en-us)
# pdftoppm: a first-page preview of each uploaded PDF (Polis works without it, with no previews).
apt_packages+=(poppler-utils)
# libfontconfig1: SkiaSharp's native library finds the fonts through it (the annual report's charts as DOCX pictures).
apt_packages+=(libfontconfig1)
missing=()
for p in "${apt_packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Software translation catalogs of ~50 desktop programs for the lexicon's software terms (docs/lexicon.md): unpacked
# into /usr/local/share/polis/locale, not installed; `polis lexicon build` and the demo start read them. The tests do
# not need them, so a failed download only warns.
if ! bash tools/fetch-catalogs.sh; then
  echo "warning: the software catalogs were not fetched; the lexicon will have fewer software terms"
fi
# Debian's package starts a cluster of its own on 5432; the tests start their own throwaway clusters instead.
command -v pg_lsclusters >/dev/null && pg_lsclusters -h 2>/dev/null | awk '$4=="online"{print $1, $2}' | while read -r v c; do
  pg_ctlcluster "$v" "$c" stop 2>/dev/null || true
done

validators="$root/../shared/validators"
if [ -d "$validators" ] && [ ! -d "$validators/node_modules" ]; then
  echo "setting up the shared validators"
  bash "$validators/setup.sh" >/dev/null
fi
export POLIS_VALIDATORS="$validators"

(cd src/Polis.Web && npm ci --no-audit --no-fund --loglevel=error)
# Citation.js, which reads the citation exports in the tests (tests/Polis.Tests/Library/CitingAndLinking.cs).
(cd tests/citation && npm ci --no-audit --no-fund --loglevel=error)

dotnet tool restore >/dev/null
# Layout as .editorconfig says (the analyzers and code-style rules run in the build itself, as errors).
if ! dotnet format whitespace Polis.slnx --verify-no-changes; then
  echo "the code is not formatted: run 'dotnet format whitespace Polis.slnx'"; exit 1
fi
dotnet build Polis.slnx -c Release -warnaserror -nologo -v quiet

log=$(mktemp)
set +e
# dotnet test runs the test modules two at a time here, starting from the end of Polis.slnx's /tests/ folder: the
# slowest module (Polis.Tests, ~12 min) is listed last so that it starts first and the others run beside it.
dotnet test --solution Polis.slnx -c Release --no-build 2>&1 | tee "$log" | grep -vE '^\s*\{"@t"'
status=${PIPESTATUS[0]}
set -e
total=$(awk '/^  total:/{t+=$2} END{print t+0}' "$log")
failed=$(awk '/^  failed:/{f+=$2} END{print f+0}' "$log")
# MTP prints one summary per test project and, for a solution, a final one over all; use the final one.
if grep -q '^Test run summary' "$log"; then
  total=$(awk '/^Test run summary/{b=1; t=0; f=0} b&&/^  total:/{t=$2} b&&/^  failed:/{f=$2} END{print t+0}' "$log")
  failed=$(awk '/^Test run summary/{b=1; t=0; f=0} b&&/^  failed:/{f=$2} END{print f+0}' "$log")
fi
rm -f "$log"
echo "$((total - failed)) passed, $failed failed"
if [ "$total" -eq 0 ]; then echo "no test ran"; exit 1; fi
exit "$status"
