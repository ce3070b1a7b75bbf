#!/usr/bin/env bash
# bench/memory.sh: peak RSS of Surge with many VUs, each doing one GET then Sleep(1)
# (bench/sleepy.cs), against a private nginx on 127.0.0.1 that accepts enough connections.
#
# Environment knobs [defaults]:
#   VUS [1000 10000]  DUR [15]  PORT [18081] (and the ports after it, one per 25,000 VUs)
#   GENERATORS [1]: above 1, each count runs as `--generators N` (N local generator processes and the
#     aggregator), for counts beyond one process's descriptor limit; the memory figure is then the peak of
#     their summed PSS (bench/rss-tree.py: pages the processes share, their code, counted once), and the
#     summed RSS is printed beside it
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
GENERATORS=${GENERATORS:-1}

for tool in nginx /usr/bin/time python3; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "$tool" ] || { echo "missing $tool (apt-get install -y nginx time python3)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/surge-memory.XXXXXX)
chmod 755 "$WORK"   # nginx's workers run as nobody: they must reach www/ (else every request is a 403)
mkdir -p "$WORK/nginx/www" "$WORK/nginx/logs" "$WORK/nginx/tmp"
printf 'Hello, World!' > "$WORK/nginx/www/hello"
head -c 10240 /dev/zero > "$WORK/nginx/www/10k"
# One port per 25,000 VUs: a source and destination address pair has only the ephemeral port range
# (about 28,000 ports here) for its connections.
max=0; for n in $VUS; do [ "$n" -gt "$max" ] && max=$n; done
ports=$(( (max + 24999) / 25000 ))
# Every VU's connection is a descriptor, in Surge and in nginx (run as root, this raises the hard limit too).
ulimit -n $(( max * 2 + 10000 )) 2>/dev/null || ulimit -n "$(ulimit -Hn)"
hard=$(ulimit -n)
# One nginx worker holds what its descriptor limit allows; beyond that, more workers share the listening
# sockets (reuseport: the kernel spreads the connections over them).
workers=$(( (max + 1000 + hard - 2000 - 1) / (hard - 2000) ))
conns=$(( (max + 1000) / workers + 1000 ))
reuse=""; [ "$workers" -gt 1 ] && reuse=" reuseport"
listen=""; urls=""
for i in $(seq 0 $((ports - 1))); do
  listen="$listen        listen 127.0.0.1:$((PORT + i)) backlog=4096$reuse;\n"
  urls="${urls:+$urls,}http://127.0.0.1:$((PORT + i))/hello"
done
# The benchmark's nginx, with room for every VU's connection.
sed -e "s/        listen 127.0.0.1:18080 backlog=4096;/$listen/" -e "s/worker_connections 4096;/worker_connections $conns;/" \
    -e "s/^worker_processes 1;/worker_processes $workers;\nworker_rlimit_nofile $hard;/" \
    bench/nginx.conf > "$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g "pid $WORK/nginx/nginx.pid;" &
trap 'kill "$(cat "$WORK/nginx/nginx.pid" 2>/dev/null)" 2>/dev/null; wait' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/hello" >/dev/null 2>&1 && break; sleep 0.1; done
[ "$(curl -s "http://127.0.0.1:$PORT/hello")" = "Hello, World!" ] || { echo "nginx does not serve /hello (see $WORK/nginx/logs)" >&2; exit 1; }

if [ -z "${SURGE_BIN:-}" ]; then
  dotnet publish src/Surge.Cli -c Release -r linux-x64 --self-contained false -o "$WORK/surge" >/dev/null || exit 1
  SURGE_BIN="$WORK/surge/Surge.Cli"
fi

echo "| VUs | peak RSS (MiB) | requests/s | failed | KiB per VU above the first count |"
echo "|---|---|---|---|---|"
first_rss=""; first_vus=""
for n in $VUS; do
  gen=(); [ "$GENERATORS" -gt 1 ] && gen=(--generators "$GENERATORS")
  rm -f "$WORK/stop-$n"
  python3 bench/rss-tree.py "$SURGE_BIN" "$WORK/stop-$n" "$WORK/rss-$n.txt" &
  sampler=$!
  BENCH_URLS="$urls" timeout -k 5 $((DUR + 90)) /usr/bin/time -v -o "$WORK/time-$n.txt" \
    "$SURGE_BIN" run bench/sleepy.cs --vus "$n" --duration "${DUR}s" --graceful-stop 5s -q "${gen[@]}" \
    --summary-export "$WORK/summary-$n.json" >"$WORK/out-$n.txt" 2>&1
  touch "$WORK/stop-$n"; wait "$sampler"
  note=""
  if [ "$GENERATORS" -gt 1 ]; then
    read -r rss_kib sum_rss procs < "$WORK/rss-$n.txt"   # summed over the aggregator and its generators
    note=" (PSS of $procs processes; their RSS summed: $((sum_rss / 1024)) MiB)"
  else
    rss_kib=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$WORK/time-$n.txt")
  fi
  rps=$(python3 -c "import json,sys; print(round(json.load(open(sys.argv[1]))['surge']['tps']))" "$WORK/summary-$n.json" 2>/dev/null || echo "?")
  failed=$(python3 -c "import json,sys; print(f\"{json.load(open(sys.argv[1]))['metrics']['http_req_failed']['values']['rate']:.1%}\")" "$WORK/summary-$n.json" 2>/dev/null || echo "?")
  per_vu="-"
  if [ -n "$first_rss" ]; then
    per_vu=$(( (rss_kib - first_rss) / (n - first_vus) ))
  else
    first_rss=$rss_kib; first_vus=$n
  fi
  echo "| $n | $((rss_kib / 1024))$note | $rps | $failed | $per_vu |"
done
echo "(details in $WORK)"
