#!/usr/bin/env bash
# Runs the activity insights benchmarks (README.md). Usage: run.sh [COUNT] [Sqlite|Postgres]
set -euo pipefail
cd "$(dirname "$0")/../.."
export POLIS_BENCH_ACTIVITIES="${1:-100000}"
export POLIS_VALIDATORS="${POLIS_VALIDATORS:-$(cd .. && pwd)/shared/validators}"
which="${2:-}"
dotnet build tests/Polis.Tests -c Release -nologo -v quiet
dotnet test --project tests/Polis.Tests -c Release --no-build -- --filter-class "*BenchmarkingActivityInsightsOn${which}*"
cat bench/activities/results-*.md
