#!/usr/bin/env bash
# bench/schedule.sh: how late the open model starts its iterations. Runs constant-arrival-rate tests
# of one GET against a warm server (Surge's demo target in a process of its own, or TARGET_URL) and
# prints, per rate, the medians of http_req_duration (counted from when each iteration was due) and
# http_req_service_time (from when it was sent). Their gap is the schedule's own lateness.
#
# Environment knobs [defaults]:
#   RATES [10 200 2000]  DUR [5]  REPS [2]  TARGET_URL (skips the demo target)  SURGE_BIN (skips the build)
set -u
set -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
cd "$ROOT" || exit 1
RATES=${RATES:-10 200 2000}
DUR=${DUR:-5}
REPS=${REPS:-2}
WORK=$(mktemp -d /tmp/surge-schedule.XXXXXX)

if [ -z "${SURGE_BIN:-}" ]; then
  dotnet build src/Surge.Cli -c Release -o "$WORK/surge" >/dev/null || exit 1
  SURGE_BIN="$WORK/surge/Surge.Cli"
fi

URL=${TARGET_URL:-}
if [ -z "$URL" ]; then
  "$SURGE_BIN" demo > "$WORK/demo.out" 2>&1 &
  DEMO=$!
  trap 'kill "$DEMO" 2>/dev/null; wait' EXIT
  for _ in $(seq 100); do
    URL=$(grep -o 'http://127.0.0.1:[0-9]*/' "$WORK/demo.out" | head -1)
    [ -n "$URL" ] && break
    sleep 0.1
  done
  [ -n "$URL" ] || { echo "the demo target did not start: $(cat "$WORK/demo.out")" >&2; exit 1; }
  URL="${URL}fast"
fi

# Warm the server so its own first answers are not what is measured.
for _ in $(seq 200); do curl -s "$URL" >/dev/null; done

echo "| rate/s | run | from schedule med | service med | gap med (ms) | from schedule p90 | service p90 |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for rate in $RATES; do
  for rep in $(seq "$REPS"); do
    out="$WORK/rate-$rate-$rep.json"
    "$SURGE_BIN" run --url "$URL" --rate "$rate" --duration "${DUR}s" -q --summary-export "$out" >/dev/null 2>&1
    python3 - "$out" "$rate" "$rep" <<'PY'
import json, sys
metrics = json.load(open(sys.argv[1]))["metrics"]
due = metrics["http_req_duration"]["values"]
sent = metrics["http_req_service_time"]["values"]
print(f"| {sys.argv[2]} | {sys.argv[3]} | {due['med']:.2f} | {sent['med']:.2f} | {due['med'] - sent['med']:.2f} | {due['p(90)']:.2f} | {sent['p(90)']:.2f} |")
PY
  done
done
echo "results in $WORK"
