#!/usr/bin/env bash
# Adds a migration NAME for both database providers (SQLite and PostgreSQL), each into its own folder, and checks that
# neither provider has model changes left. Usage: tools/add-migration.sh NAME
# Two modules built in parallel each add their own migration; when both land, the second one to merge re-runs this
# script after taking the other's migration (the snapshot is regenerated, never merged by hand).
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: tools/add-migration.sh NAME}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --project src/Polis --startup-project src/Polis \
    --context "${provider}PolisDb" --output-dir "Data/Migrations/$provider"
done
# The last `migrations add` built the project before writing its own migration: build again so the check sees both.
dotnet build src/Polis -nologo -v quiet >/dev/null
for provider in Sqlite Postgres; do
  if dotnet ef migrations has-pending-model-changes --project src/Polis --startup-project src/Polis \
      --context "${provider}PolisDb" --no-build >/dev/null 2>&1; then :; else
    echo "the $provider model still has changes without a migration" >&2; exit 1
  fi
done
echo "migration $name added for SQLite and PostgreSQL"
