#!/usr/bin/env bash
# bench/startup.sh: how long after launch `surge run` sends its first request, for --url and for a
# C# script taken from the compile cache. A small Python server on 127.0.0.1 notes when the first
# request arrives; the time is measured from just before the launch.
#
# Environment knobs [defaults]: PORT [18082]  RUNS [5]  SURGE_BIN (an already built surge; required)
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PORT=${PORT:-18082}
RUNS=${RUNS:-5}
[ -x "${SURGE_BIN:-}" ] || { echo "set SURGE_BIN to a built surge executable" >&2; exit 1; }
WORK=$(mktemp -d /tmp/surge-startup.XXXXXX)

# Answers every request; writes the arrival time (seconds since the epoch) of the first one after each reset.
cat > "$WORK/server.py" <<'PY'
import http.server, sys, time, os
first = os.path.join(sys.argv[2], "first")
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        if not os.path.exists(first):
            with open(first, "w") as f: f.write(repr(time.time()))
        self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(b"ok")
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
python3 "$WORK/server.py" "$PORT" "$WORK" & SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 0.1; done

url="http://127.0.0.1:$PORT/hello"
# One run of the script first, so the others take it from the compile cache.
BENCH_URL=$url "$SURGE_BIN" run "$HERE/get.cs" --vus 1 --iterations 1 --no-history -q >/dev/null 2>&1

measure() { # label, command...
  local label=$1; shift
  local times=()
  for _ in $(seq "$RUNS"); do
    rm -f "$WORK/first"
    local t0; t0=$(python3 -c 'import time; print(repr(time.time()))')
    BENCH_URL=$url timeout 60 "$@" >/dev/null 2>&1
    [ -f "$WORK/first" ] || { times+=("none"); continue; }
    times+=("$(python3 -c "print(f'{$(cat "$WORK/first") - $t0:.2f}')")")
  done
  echo "| $label | ${times[*]} |"
}
echo "| run | seconds from launch to the first request, $RUNS runs |"
echo "|---|---|"
measure "--url" "$SURGE_BIN" run --url "$url" --vus 1 --iterations 1 --no-history -q
measure "C# script (cached)" "$SURGE_BIN" run "$HERE/get.cs" --vus 1 --iterations 1 --no-history -q
