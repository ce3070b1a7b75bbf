#!/usr/bin/env bash
# bench/soak.sh: a long open-model run against nginx, watching Surge's own memory and descriptors.
#
# Starts a private nginx (bench/nginx.conf) on 127.0.0.1:$PORT, runs
#   surge run --url http://127.0.0.1:$PORT/hello --rate $RATE --duration ${DURATION}s --out soak.ndjson -q
# and every $EVERY seconds samples the surge process's resident memory (VmRSS) and open file
# descriptors (/proc/PID/fd). Prints a table and a verdict: flat when the RSS of the last sample is
# within 15 % of the median of the samples after the first minute, and the descriptors stay within the
# VU pool (a VU opens its connection when it first runs, so more of the pool holds one when iterations
# queue up on a busy machine) plus 150 for the runtime and files. Installs nothing; nginx is stopped by
# its pid at exit. Only 127.0.0.1 is a target.
#
# Environment knobs [defaults]:
#   PORT [18090]  RATE [10000]  DURATION [600] (seconds)  EVERY [10] (seconds)
#   SURGE_BIN     an already built surge executable (else dotnet publish, Release)
#   WORK          results folder [a new mktemp -d /tmp/surge-soak.XXXXXX]
#
# Usage: bench/soak.sh             (10 minutes at 10,000/s)
#        DURATION=60 RATE=2000 bench/soak.sh
set -u
set -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
cd "$ROOT" || exit 1
PORT=${PORT:-18090}
RATE=${RATE:-10000}
DURATION=${DURATION:-600}
EVERY=${EVERY:-10}
for v in PORT RATE DURATION EVERY; do
  case "${!v}" in ''|*[!0-9]*|0) echo "$v must be a positive integer (got '${!v}')" >&2; exit 1 ;; esac
done
for tool in nginx curl; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || { echo "missing $tool: apt-get install -y $tool" >&2; exit 1; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

WORK=${WORK:-$(mktemp -d /tmp/surge-soak.XXXXXX)}
mkdir -p "$WORK" && WORK=$(cd "$WORK" && pwd)
echo "results in $WORK" >&2

if [ -n "${SURGE_BIN:-}" ]; then
  SURGE=$SURGE_BIN
else
  echo "building Surge (dotnet publish src/Surge.Cli -c Release) ..." >&2
  timeout -k 10 1800 dotnet publish src/Surge.Cli -c Release -o "$WORK/surge" --nologo -v q > "$WORK/build.log" 2>&1 < /dev/null \
    || { echo "dotnet publish failed, see $WORK/build.log" >&2; exit 1; }
  SURGE=$WORK/surge/Surge.Cli
fi

NGINX_PID=
SURGE_PID=
cleanup() {
  [ -n "$SURGE_PID" ] && kill -0 "$SURGE_PID" 2>/dev/null && kill -TERM "$SURGE_PID" 2>/dev/null
  if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$NGINX_PID" 2>/dev/null && kill -KILL "$NGINX_PID" 2>/dev/null
    echo "nginx (pid $NGINX_PID) stopped" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

NP=$WORK/nginx
mkdir -p "$NP/www" "$NP/logs" "$NP/tmp"
printf 'Hello, World!' > "$NP/www/hello"
printf 'x' > "$NP/www/10k"
chmod a+rx "$WORK" "$NP" "$NP/www" && chmod a+r "$NP/www/hello" "$NP/www/10k"
sed "s/127\.0\.0\.1:18080/127.0.0.1:$PORT/" "$HERE/nginx.conf" > "$NP/nginx.conf"
"$NGINX" -p "$NP/" -c "$NP/nginx.conf" -e "$NP/logs/error.log" -g "pid $NP/nginx.pid;" > "$NP/logs/stdout.log" 2>&1 < /dev/null &
NGINX_PID=$!
for _ in $(seq 50); do curl -s -m 1 -o /dev/null "http://127.0.0.1:$PORT/hello" && break; sleep 0.1; done
curl -s -m 2 -o /dev/null "http://127.0.0.1:$PORT/hello" || { echo "nginx did not start:" >&2; cat "$NP/logs/"* >&2; exit 1; }

"$SURGE" run --url "http://127.0.0.1:$PORT/hello" --rate "$RATE" --duration "${DURATION}s" \
  --out "$WORK/soak.ndjson" --summary-export "$WORK/summary.json" -q > "$WORK/out.txt" 2> "$WORK/err.txt" < /dev/null &
SURGE_PID=$!

printf '| t (s) | RSS MiB | descriptors |\n|---:|---:|---:|\n' | tee "$WORK/samples.md"
t=0
while kill -0 "$SURGE_PID" 2>/dev/null; do
  rss=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$SURGE_PID/status" 2>/dev/null)
  fds=$(ls "/proc/$SURGE_PID/fd" 2>/dev/null | wc -l)
  [ -n "$rss" ] && printf '| %d | %s | %d |\n' "$t" "$rss" "$fds" | tee -a "$WORK/samples.md"
  sleep "$EVERY"
  t=$((t + EVERY))
done
wait "$SURGE_PID"
rc=$?
SURGE_PID=

echo "surge exited $rc; $(grep -m1 'TPS\.' "$WORK/out.txt" | sed 's/^ *//')" | tee "$WORK/verdict.txt"
python3 - "$WORK/samples.md" "$WORK/summary.json" <<'PY' | tee -a "$WORK/verdict.txt"
import json, statistics, sys
rows = [l.strip('|\n').split('|') for l in open(sys.argv[1]) if l.startswith('| ') and not l.startswith('| t')]
samples = [(int(t), float(r), int(f)) for t, r, f in rows]
settled = [s for s in samples if s[0] >= 60] or samples
median = statistics.median(r for _, r, _ in settled)
last = samples[-1]
fds = [f for _, _, f in settled]
pool = json.load(open(sys.argv[2]))["metrics"]["vus_max"]["values"]["max"]
flat = abs(last[1] - median) <= 0.15 * median and max(fds) <= pool + 150
print(f"RSS after the first minute: median {median:.1f} MiB, last {last[1]:.1f} MiB, max {max(r for _, r, _ in settled):.1f} MiB; "
      f"descriptors {min(fds)}-{max(fds)} for a pool of {pool:.0f} VUs: {'flat' if flat else 'NOT flat'}")
PY
exit "$rc"
