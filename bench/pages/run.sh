#!/usr/bin/env bash
# Page benchmark (issue 21): Polis's pages beside a bare ASP.NET Core Razor page built from the same SDK, in one run.
# Usage: bench/pages/run.sh [SECONDS=20] [CONNECTIONS=32]
# Publishes both (Release), starts the bare page, measures it, starts Polis on SQLite with the demo data (a fresh data
# folder), measures each page, then measures the bare page again; prints a Markdown table with requests/s, p99 and the
# share of the bare page (the mean of its two runs). Needs wrk (apt-get install wrk) and the shared load-wrk.sh
# (POLIS_VALIDATORS, default ../shared/validators). Run it on an otherwise idle machine: the figures are only worth
# what the machine gives them.
# For the uncached pages it also prints the server's CPU time per request (from /proc/PID/stat over the wrk run) and,
# when dotnet-counters is found (DOTNET_COUNTERS, PATH or ~/.dotnet/tools; `dotnet tool install dotnet-counters
# --tool-path DIR`), the bytes the server allocated per request (dotnet.gc.heap.total_allocated over the run).
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-20}; conns=${2:-32}
validators=${POLIS_VALIDATORS:-$(cd .. && pwd)/shared/validators}
wrk_sh="$validators/bin/load-wrk.sh"
[ -x "$wrk_sh" ] || { echo "no $wrk_sh: set POLIS_VALIDATORS" >&2; exit 2; }
work=$(mktemp -d); pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

echo "publishing the bare page and Polis (Release)..." >&2
dotnet publish bench/pages/Bare -c Release -o "$work/bare" -nologo -v quiet >/dev/null
dotnet publish src/Polis.Web -c Release -o "$work/polis" -nologo -v quiet >/dev/null

wait_for() { for _ in $(seq 1 300); do curl -sf -o /dev/null "$1" && return 0; sleep 0.5; done; echo "no answer from $1" >&2; exit 1; }
measure() {   # URL [wrk options] -> "rps p99_ms"
  local url=$1; shift
  local line; line=$("$wrk_sh" "$url" "$secs" "$conns" 2 ${1+--} "$@" | tail -1)
  echo "$line" >&2
  local rps p99
  rps=$(printf '%s\n' "$line" | tr ' ' '\n' | sed -n 's/^rps=//p')
  p99=$(printf '%s\n' "$line" | tr ' ' '\n' | sed -n 's/^p99_ms=//p; s/^p99=//p' | head -1)
  echo "$rps ${p99:-?}"
}
counters=${DOTNET_COUNTERS:-$(command -v dotnet-counters || { [ -x ~/.dotnet/tools/dotnet-counters ] && echo ~/.dotnet/tools/dotnet-counters; } || true)}
# measure_cost PID URL [wrk options] -> "rps p99_ms KB_per_request CPU_ms_per_request" (KB "?" without dotnet-counters)
measure_cost() {
  local pid=$1 url=$2; shift 2
  local csv="$work/counters.csv" cpid="" t0 t1 line rps p99 req alloc
  rm -f "$csv"
  if [ -n "$counters" ]; then
    "$counters" collect -p "$pid" --counters System.Runtime --refresh-interval 1 --format csv -o "$csv" \
      --duration "00:00:00:$(printf %02d $((secs + 3)))" >/dev/null 2>&1 & cpid=$!
    sleep 1.5
  fi
  t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  line=$("$wrk_sh" "$url" "$secs" "$conns" 2 ${1+--} "$@" | tail -1)
  t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  echo "$line" >&2
  [ -n "$cpid" ] && wait "$cpid" 2>/dev/null || true
  rps=$(printf '%s\n' "$line" | tr ' ' '\n' | sed -n 's/^rps=//p')
  p99=$(printf '%s\n' "$line" | tr ' ' '\n' | sed -n 's/^p99_ms=//p' | head -1)
  req=$(printf '%s\n' "$line" | tr ' ' '\n' | sed -n 's/^requests=//p')
  alloc=$( [ -s "$csv" ] && grep 'total_allocated' "$csv" | awk -F, '{s += $5} END {print s + 0}' || echo "")
  awk -v r="$rps" -v p="${p99:-?}" -v a="$alloc" -v n="$req" -v c=$((t1 - t0)) -v t="$(getconf CLK_TCK)" \
    'BEGIN { kb = (a == "" ? "?" : sprintf("%.0f", a / 1024 / n)); printf "%s %s %s %.2f\n", r, p, kb, c * 1000 / t / n }'
}
bare_port=5191; polis_port=5192
start_bare() { (cd "$work/bare" && exec dotnet Bare.dll --urls "http://127.0.0.1:$bare_port") >/dev/null 2>&1 & pids+=($!); wait_for "http://127.0.0.1:$bare_port/"; }
stop_last() { kill "${pids[-1]}" 2>/dev/null || true; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; }

start_bare; curl -s "http://127.0.0.1:$bare_port/" -o /dev/null   # warm
read -r bare1 bare1_p99 < <(measure "http://127.0.0.1:$bare_port/"); stop_last

mkdir -p "$work/data"
(cd "$work/polis" && Polis__DataPath="$work/data" Polis__Demo=true Serilog__MinimumLevel__Default=Warning \
  ASPNETCORE_ENVIRONMENT=Production exec dotnet Polis.Web.dll serve --urls "http://127.0.0.1:$polis_port") >"$work/polis.log" 2>&1 &
pids+=($!); polis_pid=$!
base="http://127.0.0.1:$polis_port"
wait_for "$base/health/live"
# The demo library is imported in the background at start: wait until a search finds it.
for _ in $(seq 1 240); do
  n=$(curl -s "$base/api/v1/library/search?q=police" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
  [ "${n:-0}" -gt 0 ] && break; sleep 0.5
done
# ...and until it stops growing (five seconds without a change), so that no import runs during the measurements.
last=""; still=0
for _ in $(seq 1 600); do
  n=$(curl -s -H "Cookie: polis.bench=1" "$base/api/v1/library/search?q=the" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
  if [ "$n" = "$last" ]; then still=$((still + 1)); else still=0; last=$n; fi
  [ $still -ge 10 ] && break; sleep 0.5
done
# ...and until the search's languages (lexicon, Hunspell dictionaries) have loaded: /health says Healthy, not Degraded.
for _ in $(seq 1 600); do [ "$(curl -s "$base/health")" = "Healthy" ] && break; sleep 0.5; done
doc=$(curl -s "$base/library/search?q=police" | grep -o 'href="/library/documents/[0-9a-f-]\{36\}"' | head -1 | sed 's/href="//; s/"$//')
pages=("/" "/library/search?q=police" "/api/v1/library/search?q=police" "$doc" "/health" "/health/live")
for p in "${pages[@]}"; do curl -s -o /dev/null "$base$p"; done   # warm
declare -A rps p99 urps up99 ukb ucpu
for p in "${pages[@]}"; do read -r rps[$p] p99[$p] < <(measure "$base$p"); done
# The same pages with a cookie, which opts a request out of the anonymous page cache (PageCache): what a signed-in
# reader's request costs apart from the access rule, and what every page costs on a cache miss.
uncached=("/" "/library/search?q=police" "/api/v1/library/search?q=police" "$doc")
for p in "${uncached[@]}"; do read -r urps[$p] up99[$p] ukb[$p] ucpu[$p] < <(measure_cost "$polis_pid" "$base$p" -H "Cookie: polis.bench=1"); done
# The uncached search page once more with response compression (wrk sends no Accept-Encoding otherwise).
read -r zrps zp99 zkb zcpu < <(measure_cost "$polis_pid" "$base/library/search?q=police" -H "Cookie: polis.bench=1" -H "Accept-Encoding: br, gzip")
# The search API and page again, a different query in every request (bench/pages/distinct.lua): no cache holds the
# answer, so this is what a search costs when it was not asked since the index last changed.
export POLIS_WRK_SUMMARY="$validators/load/summary.lua"
distinct=("/api/v1/library/search?q=" "/library/search?q=")
declare -A drps dp99 dkb dcpu
for p in "${distinct[@]}"; do
  export POLIS_WRK_PATH="$p"
  read -r drps[$p] dp99[$p] dkb[$p] dcpu[$p] < <(measure_cost "$polis_pid" "$base/" -H "Cookie: polis.bench=1" -s "$PWD/bench/pages/distinct.lua")
done
stop_last

start_bare
read -r bare2 bare2_p99 < <(measure "http://127.0.0.1:$bare_port/"); stop_last

bare=$(awk -v a="$bare1" -v b="$bare2" 'BEGIN{printf "%.0f", (a+b)/2}')
echo
echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg); wrk 2 threads, $conns connections, ${secs} s each"
echo
echo "| endpoint (demo data, anonymous, English) | req/s | p99 ms | share of the bare page |"
echo "|---|---|---|---|"
echo "| bare Razor page (before / after) | $bare1 / $bare2 | $bare1_p99 / $bare2_p99 | 1 |"
for p in "${pages[@]}"; do
  label=$p; [ "$p" = "$doc" ] && label="document page"
  printf '| %s | %s | %s | %s |\n' "$label" "${rps[$p]}" "${p99[$p]}" "$(awk -v a="${rps[$p]}" -v b="$bare" 'BEGIN{printf "%.3f", a/b}')"
done
echo
echo "| not cached (a cookie) | req/s | p99 ms | share of the bare page | KB allocated / request | CPU ms / request |"
echo "|---|---|---|---|---|---|"
for p in "${uncached[@]}"; do
  label=$p; [ "$p" = "$doc" ] && label="document page"
  printf '| %s | %s | %s | %s | %s | %s |\n' "$label" "${urps[$p]}" "${up99[$p]}" "$(awk -v a="${urps[$p]}" -v b="$bare" 'BEGIN{printf "%.3f", a/b}')" "${ukb[$p]}" "${ucpu[$p]}"
done
for p in "${distinct[@]}"; do
  printf '| %s | %s | %s | %s | %s | %s |\n' "${p}…, a different two-word query each request" "${drps[$p]}" "${dp99[$p]}" "$(awk -v a="${drps[$p]}" -v b="$bare" 'BEGIN{printf "%.3f", a/b}')" "${dkb[$p]}" "${dcpu[$p]}"
done
printf '| %s | %s | %s | %s | %s | %s |\n' "/library/search?q=police, compressed (br)" "$zrps" "$zp99" "$(awk -v a="$zrps" -v b="$bare" 'BEGIN{printf "%.3f", a/b}')" "$zkb" "$zcpu"
