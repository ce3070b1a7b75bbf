#!/usr/bin/env bash
# The full lab tour: every stage of `surge lab` brought up in turn and searched with find-max
# (goals p95<800ms, errors<1%), then the table docs/lab.md shows. Needs root (cgroups), PostgreSQL,
# nginx and Redis (`surge lab doctor` says what is missing). About 20 minutes.
# Usage: bench/lab-tour.sh [extra flags for surge lab tour, e.g. --step 10s]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Surge.Cli -c Release -v quiet -nologo >/dev/null
surge=(dotnet src/Surge.Cli/bin/Release/net10.0/Surge.Cli.dll)
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
"${surge[@]}" lab doctor
"${surge[@]}" lab tour --stages 1-8 --step 5s --from 20 --history "${HISTORY:-.surge/lab-tour.db}" "$@"
