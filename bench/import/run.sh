#!/usr/bin/env bash
# Import benchmark (issue 21): `polis import` beside pdftotext over the same real PDFs, and a plain-text import.
# Usage: bench/import/run.sh [MAX_PDFS=48] [TEXT_DOCS=2000]
# Fetches Debian documentation packages that ship PDFs (apt-get download, several languages: English, German,
# Spanish, Russian/Cyrillic) into bench/import/.cache (never committed), unpacks up to MAX_PDFS PDFs spread over the
# packages, counts their pages (pdfinfo), times pdftotext over them with 1 and 2 workers, then `polis import` of the
# same files into a fresh SQLite data folder (no server: the import flushes the index itself), and an import of
# TEXT_DOCS generated text files. Polis's PDF extraction alone (bench/import/PdfPigAlone: PdfPig as the import runs
# it, nothing else) runs over the same PDFs with 1 and 2 workers: the floor of a PDF import. Each import runs with
# POLIS_IMPORT_TIMINGS=1 and its start-up (process start, migration check, seed check) is taken from its own figures,
# so the table gives the rate with and without it. Prints a Markdown table with pages/s, documents/s and the ratios.
# Needs poppler-utils (pdftotext, pdfinfo) and dpkg-deb. Trust the ratios, not the absolute figures, on a shared machine.
# POLIS_BENCH_PACKAGES (issue 21, eighth pass): more Debian packages whose PDFs join the set, e.g.
# "lilypond-doc-pdf texlive-lang-german texlive-lang-spanish" for a set near the issue's 96 PDFs; the set is then filled
# in turn from every package up to MAX_PDFS. Unset, the set is the one every earlier figure was measured on.
set -euo pipefail
cd "$(dirname "$0")/../.."
max=${1:-48}; ntext=${2:-2000}
cache=${POLIS_BENCH_CACHE:-$PWD/bench/import/.cache}
packages=(gnuplot-doc asymptote-doc lilypond-doc-pdf-de lilypond-doc-pdf-es texlive-lang-cyrillic)
extra=(${POLIS_BENCH_PACKAGES:-})
packages+=("${extra[@]}")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# Each package is fetched and unpacked once into the cache (a package already there, or marked done, is not fetched again).
mkdir -p "$cache/debs" "$cache/pdfs"
for pkg in "${packages[@]}"; do
  # (grep without -q: with pipefail, ls stopped by an early-exiting grep would read as "not there")
  [ -e "$cache/debs/$pkg.done" ] || ls "$cache/pdfs" | grep "^$pkg--" >/dev/null && continue
  echo "fetching $pkg (apt-get download)..." >&2
  (cd "$cache/debs" && apt-get download "$pkg" >/dev/null)
  for deb in "$cache"/debs/"$pkg"_*.deb; do
    x="$work/x-$pkg"; mkdir -p "$x"; dpkg-deb -x "$deb" "$x"
    find "$x" \( -name '*.pdf' -o -name '*.pdf.gz' \) -size +30k | sort | while read -r f; do
      name="$pkg--$(basename "$f" .gz)"
      case "$f" in *.gz) gunzip -c "$f" >"$cache/pdfs/$name" ;; *) cp "$f" "$cache/pdfs/$name" ;; esac
    done
    rm -rf "$x"
  done
  touch "$cache/debs/$pkg.done"
done

# Up to MAX_PDFS, taken in turn from each package, readable by pdfinfo.
mkdir -p "$work/pdf"
readable() { pdfinfo "$cache/pdfs/$1" >/dev/null 2>&1; }
if [ ${#extra[@]} -eq 0 ]; then
  per=$(( (max + ${#packages[@]} - 1) / ${#packages[@]} ))
  for pkg in "${packages[@]}"; do
    ls "$cache/pdfs" | grep "^$pkg--" | head -n "$per" | while read -r f; do
      readable "$f" && cp "$cache/pdfs/$f" "$work/pdf/"
    done
  done
  ls "$work/pdf" | tail -n +$((max + 1)) | while read -r f; do rm "$work/pdf/$f"; done
else
  # One file from each package in turn (the first, then the second …) until MAX_PDFS or every package is used up.
  for pkg in "${packages[@]}"; do ls "$cache/pdfs" | grep "^$pkg--" | awk -v p="$pkg" '{ print NR "\t" p "\t" $0 }'; done \
    | sort -s -n -k1,1 | cut -f3 | while read -r f; do
      [ "$(ls "$work/pdf" | wc -l)" -ge "$max" ] && break
      readable "$f" && cp "$cache/pdfs/$f" "$work/pdf/"
    done
fi
files=$(ls "$work/pdf" | wc -l)
pages=0; for f in "$work"/pdf/*.pdf; do pages=$((pages + $(pdfinfo "$f" 2>/dev/null | sed -n 's/^Pages: *//p'))); done
mb=$(du -sm "$work/pdf" | cut -f1)

now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN{printf "%.1f", n/(b-a)}'; }
lang_of() { case "$1" in *-de--*|*german--*) echo de ;; *-es--*|*spanish--*) echo es ;; *cyrillic*) echo ru ;; *) echo en ;; esac; }

echo "publishing Polis (Release)..." >&2
dotnet publish src/Polis.Web -c Release -o "$work/polis" -nologo -v quiet >/dev/null
dotnet build bench/import/PdfPigAlone -c Release -o "$work/pig" -nologo -v quiet >/dev/null
polis() { (cd "$work/polis" && POLIS_IMPORT_TIMINGS=1 Polis__DataPath="$1" Serilog__MinimumLevel__Default=Warning dotnet Polis.Web.dll "${@:2}"); }
# The start-up an import printed (POLIS_IMPORT_TIMINGS): process start to the command, EF Core's model, migration check,
# seed check; in s.
startup() { awk '/^  (0 process start|1a EF model|1 migrate|2 seed)/ { s += $(NF-2) } END { printf "%.2f", s / 1000 }' "$1"; }

t0=$(now); ls "$work"/pdf/*.pdf | xargs -P1 -I{} pdftotext -q {} /dev/null; t1=$(now)
ls "$work"/pdf/*.pdf | xargs -P2 -I{} pdftotext -q {} /dev/null; t2=$(now)
p1=$(rate "$pages" "$t0" "$t1"); p2=$(rate "$pages" "$t1" "$t2")
g1=$(dotnet "$work/pig/PdfPigAlone.dll" "$work/pdf" 1 "$pages" | sed -n 's/.*s, \([0-9.]*\) pages\/s.*/\1/p')
g2=$(dotnet "$work/pig/PdfPigAlone.dll" "$work/pdf" 2 "$pages" | sed -n 's/.*s, \([0-9.]*\) pages\/s.*/\1/p')
# The same with pdftotext reading the text (ADR 0010: what the import does when poppler-utils is installed).
q2=$(dotnet "$work/pig/PdfPigAlone.dll" "$work/pdf" 2 "$pages" poppler | sed -n 's/.*s, \([0-9.]*\) pages\/s.*/\1/p')

# The sidecar: one Report per PDF, in the language of its package.
{ echo "file,language,title,type,access"
  for f in $(ls "$work/pdf" | grep '\.pdf$'); do echo "$f,$(lang_of "$f"),${f%.pdf},Report,Public"; done; } >"$work/pdf/metadata.csv"
# An empty import first creates, migrates and seeds the database, outside the timing.
mkdir -p "$work/empty"; echo "file,language,title,type,access" >"$work/empty/metadata.csv"
polis "$work/data-pdf" import "$work/empty" >/dev/null 2>&1 || true
t3=$(now); polis "$work/data-pdf" import "$work/pdf" >"$work/import-pdf.log" 2>&1 || { tail -5 "$work/import-pdf.log" >&2; }; t4=$(now)
pi=$(rate "$pages" "$t3" "$t4"); ps=$(startup "$work/import-pdf.log")
# pdftotext with 2 workers again right after the import: a load that moved during the run shows in the two figures.
t7=$(now); ls "$work"/pdf/*.pdf | xargs -P2 -I{} pdftotext -q {} /dev/null; t8=$(now); p2b=$(rate "$pages" "$t7" "$t8")
pw=$(awk -v n="$pages" -v a="$t3" -v b="$t4" -v s="$ps" 'BEGIN{printf "%.1f", n/(b-a-s)}')

# Text: TEXT_DOCS files of about 2 KB, words drawn from the PDFs' own text.
mkdir -p "$work/txt"
pdftotext -q "$(ls "$work"/pdf/*.pdf | head -1)" - | tr -s '[:space:]' '\n' | grep -E '^[[:alpha:]]{3,}$' | head -5000 >"$work/words" || true
[ -s "$work/words" ] || printf 'police\nreform\ntraining\nborder\ncommunity\n' >"$work/words"
awk -v n="$ntext" -v dir="$work/txt" 'BEGIN{srand(21)} {w[NR]=$0} END{
  print "file,language,title,type,access" > (dir "/metadata.csv")
  for (i = 1; i <= n; i++) { f = sprintf("doc-%05d.txt", i); s = "";
    for (j = 0; j < 300; j++) s = s w[int(rand() * NR) + 1] ((j % 15 == 14) ? ".\n" : " ");
    print s > (dir "/" f); close(dir "/" f); print f ",en,Text " i ",Report,Public" >> (dir "/metadata.csv") } }' "$work/words"
polis "$work/data-txt" import "$work/empty" >/dev/null 2>&1 || true
t5=$(now); polis "$work/data-txt" import "$work/txt" >"$work/import-txt.log" 2>&1 || { tail -5 "$work/import-txt.log" >&2; }; t6=$(now)
ti=$(rate "$ntext" "$t5" "$t6"); ts=$(startup "$work/import-txt.log")
tw=$(awk -v n="$ntext" -v a="$t5" -v b="$t6" -v s="$ts" 'BEGIN{printf "%.1f", n/(b-a-s)}')
segments() { ls "$1"/index/*.si 2>/dev/null | wc -l; }

echo
echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load average at the start: $load_start, at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "$files PDFs ($pages pages, $mb MB) from ${packages[*]}; $ntext text files."
echo
echo "| run | pages/s or documents/s | ratio |"
echo "|---|---|---|"
echo "| pdftotext, 1 worker | $p1 pages/s | 1 |"
echo "| pdftotext, 2 workers | $p2 pages/s | $(awk -v a="$p2" -v b="$p1" 'BEGIN{printf "%.2f", a/b}') |"
echo "| pdftotext, 2 workers, again right after the PDF import | $p2b pages/s | $(awk -v a="$p2b" -v b="$p2" 'BEGIN{printf "%.2f", a/b}') of the first |"
echo "| Polis's PDF extraction alone (PdfPig), 1 worker | $g1 pages/s | $(awk -v a="$g1" -v b="$p1" 'BEGIN{printf "%.2f", a/b}') of pdftotext with 1 worker |"
echo "| Polis's PDF extraction alone (PdfPig), 2 workers | $g2 pages/s | $(awk -v a="$g2" -v b="$p2" 'BEGIN{printf "%.2f", a/b}') of pdftotext with 2 workers |"
echo "| Polis's PDF extraction alone (pdftotext + pdfinfo), 2 workers | $q2 pages/s | $(awk -v a="$q2" -v b="$p2" 'BEGIN{printf "%.2f", a/b}') of pdftotext with 2 workers |"
echo "| polis import (PDFs) | $pi pages/s | $(awk -v a="$pi" -v b="$p2" 'BEGIN{printf "%.2f", a/b}') of pdftotext with 2 workers |"
echo "| polis import (PDFs) without its start-up ($ps s) | $pw pages/s | $(awk -v a="$pw" -v b="$p2" 'BEGIN{printf "%.2f", a/b}') of pdftotext with 2 workers |"
echo "| polis import (text) | $ti documents/s | index segments after: $(segments "$work/data-txt") |"
echo "| polis import (text) without its start-up ($ts s) | $tw documents/s | |"
echo
echo "Where the text import's time went (POLIS_IMPORT_TIMINGS; spans starting with w run on the workers, in parallel):"
echo
sed -n '/^timings/,$p' "$work/import-txt.log"
echo
echo "Where the PDF import's time went:"
echo
sed -n '/^timings/,$p' "$work/import-pdf.log"
grep -E "imported|failed|PDF text read by" "$work/import-pdf.log" | tail -3 >&2 || true
grep -iE "^\[[0-9]+/[0-9]+\] failed" "$work/import-pdf.log" | head -5 >&2 || true
grep -E "imported|failed" "$work/import-txt.log" | tail -2 >&2 || true
