#!/usr/bin/env bash
# The size of the HTML report of a one-hour run with monitors (synthetic results file, see
# report-size.py), and how long `surge report --html` takes to write it.
# Usage: bench/report-size.sh [SECONDS] [TARGETS]   (defaults 3600 and 3). SURGE_BIN: a built surge;
# otherwise the Debug build of src/Surge.Cli is used (built if missing).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-3600}"
targets="${2:-3}"
work="$(mktemp -d /tmp/surge-report-size.XXXXXX)"
trap 'rm -rf "$work"' EXIT
if [ -n "${SURGE_BIN:-}" ]; then
  surge=("$SURGE_BIN")
else
  dll="$root/src/Surge.Cli/bin/Debug/net10.0/Surge.Cli.dll"
  [ -f "$dll" ] || dotnet build "$root/src/Surge.Cli" -v q --nologo >/dev/null
  surge=(dotnet "$dll")
fi
cd "$work"
"${surge[@]}" run --vus 4 --duration 3s --monitor local --out short.ndjson --no-history --quiet >/dev/null
python3 "$root/bench/report-size.py" short.ndjson hour.ndjson "$seconds" "$targets"
start=$(date +%s.%N)
"${surge[@]}" report hour.ndjson --html hour.html >/dev/null
end=$(date +%s.%N)
data=$(python3 -c "import sys; s=open('hour.html',encoding='utf-8').read(); a=s.index('id=\"surge-data\">'); print(s.index('</script>', a) - a)")
printf 'seconds=%s targets=%s results_file=%s bytes report=%s bytes (data block %s) gzip=%s bytes written_in=%.1f s\n' \
  "$seconds" "$targets" "$(stat -c %s hour.ndjson)" "$(stat -c %s hour.html)" "$data" "$(gzip -c hour.html | wc -c)" "$(echo "$end - $start" | bc)"
