#!/usr/bin/env bash
# Same-load comparison of two builds' imports (issue 21, sixth pass): on a shared machine the load moves between two
# runs of bench/import/run.sh, so this alternates the two builds on the same files, round by round.
# Usage: bench/import/pair.sh BEFORE_PUBLISHED AFTER_PUBLISHED TEXT_FOLDER PDF_FOLDER [ROUNDS=2]
# BEFORE/AFTER_PUBLISHED: `dotnet publish src/Polis.Web -c Release -o DIR` of each build; TEXT_FOLDER, PDF_FOLDER: import
# folders with their metadata.csv (run.sh's generator and PDF set). Each PDF import is timed with pdftotext over the same
# PDFs with 2 workers before and after it; the ratio is the import's time against their mean. Each import's CPU time
# (user + system, its pdftotext and pdfinfo children included) is printed too: on a shared machine it moves much less
# than the wall time (eighth pass).
set -u
before=$1; after=$2; txt=$3; pdf=$4; rounds=${5:-2}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/empty"; echo "file,language,title,type,access" >"$work/empty/metadata.csv"
now() { date +%s.%N; }
imp() { # published data folder log
  rm -rf "$2"; (cd "$1" && Polis__DataPath="$2" Serilog__MinimumLevel__Default=Warning dotnet Polis.Web.dll import "$work/empty" >/dev/null 2>&1)
  local s; s=$(now); (cd "$1" && POLIS_IMPORT_TIMINGS=1 Polis__DataPath="$2" Serilog__MinimumLevel__Default=Warning /usr/bin/time -f "%U %S" -o "$4.cpu" dotnet Polis.Web.dll import "$3" >"$4" 2>&1); local e; e=$(now)
  awk -v a="$s" -v b="$e" 'BEGIN{printf "%.2f", b-a}'
}
cpu() { awk '{ printf "%.2f s CPU", $1 + $2 }' "$1.cpu"; }
p2() { local s; s=$(now); ls "$pdf"/*.pdf | xargs -P2 -I{} pdftotext -q {} /dev/null; local e; e=$(now); awk -v a="$s" -v b="$e" 'BEGIN{printf "%.2f", b-a}'; }
docs=$(($(wc -l <"$txt/metadata.csv") - 1))
pages=0; for f in "$pdf"/*.pdf; do pages=$((pages + $(pdfinfo "$f" 2>/dev/null | sed -n 's/^Pages: *//p'))); done
for r in $(seq 1 "$rounds"); do
  for b in before after; do
    dir=$before; [ $b = after ] && dir=$after
    l=$(cut -d' ' -f1 /proc/loadavg); t=$(imp "$dir" "$work/t-$b" "$txt" "$work/txt-$b-$r.log")
    echo "round $r $b text $docs files: $t s = $(awk -v n="$docs" -v t="$t" 'BEGIN{printf "%.1f", n/t}') documents/s, $(cpu "$work/txt-$b-$r.log") (load $l)"
  done
  for b in before after; do
    dir=$before; [ $b = after ] && dir=$after
    l=$(cut -d' ' -f1 /proc/loadavg); q=$(p2); t=$(imp "$dir" "$work/p-$b" "$pdf" "$work/pdf-$b-$r.log"); q2=$(p2)
    echo "round $r $b PDFs $pages pages: $t s = $(awk -v n="$pages" -v t="$t" 'BEGIN{printf "%.1f", n/t}') pages/s; pdftotext 2 workers $q s before, $q2 s after: ratio $(awk -v t="$t" -v a="$q" -v b="$q2" 'BEGIN{printf "%.2f", (a+b)/2/t}'); $(cpu "$work/pdf-$b-$r.log") (load $l)"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
