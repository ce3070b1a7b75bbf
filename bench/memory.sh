#!/usr/bin/env bash
# bench/memory.sh: peak RSS of Surge with many VUs, each doing one GET then Sleep(1)
# (bench/sleepy.cs), against a private nginx on 127.0.0.1 that accepts enough connections.
#
# Environment knobs [defaults]:
#   VUS [1000 10000]  DUR [15]  PORT [18081] (and the ports after it, one per 25,000 VUs)
#   SURGE_BIN (skips dotnet publish)
# Prints one line per VU count: VUs, peak RSS (MiB), requests/s, and KiB per extra VU.
set -u
set -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
cd "$ROOT" || exit 1
VUS=${VUS:-1000 10000}
DUR=${DUR:-15}
PORT=${PORT:-18081}

for tool in nginx /usr/bin/time python3; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "$tool" ] || { echo "missing $tool (apt-get install -y nginx time python3)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/surge-memory.XXXXXX)
mkdir -p "$WORK/nginx/www" "$WORK/nginx/logs" "$WORK/nginx/tmp"
printf 'Hello, World!' > "$WORK/nginx/www/hello"
head -c 10240 /dev/zero > "$WORK/nginx/www/10k"
# One port per 25,000 VUs: a source and destination address pair has only the ephemeral port range
# (about 28,000 ports here) for its connections.
max=0; for n in $VUS; do [ "$n" -gt "$max" ] && max=$n; done
ports=$(( (max + 24999) / 25000 ))
conns=$(( max + 1000 ))
files=$(( max * 2 + 10000 ))
listen=""; urls=""
for i in $(seq 0 $((ports - 1))); do
  listen="$listen        listen 127.0.0.1:$((PORT + i)) backlog=4096;\n"
  urls="${urls:+$urls,}http://127.0.0.1:$((PORT + i))/hello"
done
# The benchmark's nginx, with room for every VU's connection.
sed -e "s/        listen 127.0.0.1:18080 backlog=4096;/$listen/" -e "s/worker_connections 4096;/worker_connections $conns;/" \
    -e "s/^worker_processes 1;/worker_processes 1;\nworker_rlimit_nofile $files;/" \
    bench/nginx.conf > "$WORK/nginx/nginx.conf"
# Every VU's connection is a descriptor, in Surge and in nginx (run as root, this raises the hard limit too).
ulimit -n "$files" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g "pid $WORK/nginx/nginx.pid;" &
trap 'kill "$(cat "$WORK/nginx/nginx.pid" 2>/dev/null)" 2>/dev/null; wait' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/hello" >/dev/null 2>&1 && break; sleep 0.1; done

if [ -z "${SURGE_BIN:-}" ]; then
  dotnet publish src/Surge.Cli -c Release -r linux-x64 --self-contained false -o "$WORK/surge" >/dev/null || exit 1
  SURGE_BIN="$WORK/surge/Surge.Cli"
fi

echo "| VUs | peak RSS (MiB) | requests/s | KiB per VU above the first count |"
echo "|---|---|---|---|"
first_rss=""; first_vus=""
for n in $VUS; do
  BENCH_URLS="$urls" timeout -k 5 $((DUR + 90)) /usr/bin/time -v -o "$WORK/time-$n.txt" \
    "$SURGE_BIN" run bench/sleepy.cs --vus "$n" --duration "${DUR}s" --graceful-stop 5s -q \
    --summary-export "$WORK/summary-$n.json" >"$WORK/out-$n.txt" 2>&1
  rss_kib=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$WORK/time-$n.txt")
  rps=$(python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['surge']['tps']))" "$WORK/summary-$n.json" 2>/dev/null || echo "?")
  per_vu="-"
  if [ -n "$first_rss" ]; then
    per_vu=$(( (rss_kib - first_rss) / (n - first_vus) ))
  else
    first_rss=$rss_kib; first_vus=$n
  fi
  echo "| $n | $((rss_kib / 1024)) | $rps | $per_vu |"
done
echo "(details in $WORK)"
