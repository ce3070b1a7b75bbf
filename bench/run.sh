#!/usr/bin/env bash
# bench/run.sh: Surge against wrk on this machine, same target, same pinning.
#
# Installs nothing. Builds Surge once (Release) unless SURGE_BIN is given, starts a
# private nginx (bench/nginx.conf) on 127.0.0.1:$PORT pinned to CPU $SRV_CPU, runs
# every case in $CASES pinned to CPU $GEN_CPU under /usr/bin/time -v ($CONC
# connections / VUs, closed loop, keep-alive, $DUR seconds), $REPS rounds that
# alternate the cases, and prints a markdown table of medians (bench/report.py).
# nginx is stopped by its pid at exit. Only 127.0.0.1 is ever a target.
#
# Environment knobs [defaults]:
#   PORT [18080]  DUR [10]  CONC [50]  REPS [3]  GEN_CPU [0]  SRV_CPU [1]
#   SURGE_RATE (unset): surge cases run --rate SURGE_RATE (open model, CONC VUs at most) instead of --vus CONC
#   SURGE_QUIET  [0]  1: surge cases run with --quiet (no banner, no live lines); by default the live console
#                is on, as a user runs it (its lines go to DIR/err.txt)
#   CASES        [wrk surge]  space-separated; each name N has a function case_N
#                (dashes become underscores), see "cases" below. Also: surge-cs, surge-yaml,
#                surge-base and surge-base-cs (SURGE_BASE_BIN); surge-no-ua and wrk-ua, the two tools
#                sending the same bytes (Surge sends a User-Agent header by default, as k6 does; wrk none)
#   SURGE_BIN    an already built surge executable (skips dotnet publish)
#   SURGE_SCRIPT [bench/get.cs]  scenario file for the surge-cs case
#   TARGET_PATH  [/hello]  /hello (13 B) or /10k (10 KiB)
#   SCHEME       [http]  https: nginx serves TLS with a self-signed certificate made for the run
#                (needs openssl); surge gets --insecure, wrk does not check certificates
#   WORK         results folder [a new mktemp -d /tmp/surge-bench.XXXXXX]
#   WINDOW       [2-$((DUR-1)) when DUR >= 5, else off]  FROM-TO seconds after each launch: the case's
#                process CPU and nginx's served requests are also read over this window, which leaves
#                out start-up, warm-up and the end of the run ("steady" columns); "off" to skip
#
# Usage: bench/run.sh            (from anywhere; it cds to the repo root)
#        CASES=wrk DUR=2 REPS=1 bench/run.sh
set -u
set -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
cd "$ROOT" || exit 1

PORT=${PORT:-18080}
DUR=${DUR:-10}
CONC=${CONC:-50}
REPS=${REPS:-3}
GEN_CPU=${GEN_CPU:-0}
SRV_CPU=${SRV_CPU:-1}
CASES=${CASES:-wrk surge}
TARGET_PATH=${TARGET_PATH:-/hello}
SURGE_SCRIPT=${SURGE_SCRIPT:-$ROOT/bench/get.cs}
SCHEME=${SCHEME:-http}
BASE=$SCHEME://127.0.0.1:$PORT
URL=$BASE$TARGET_PATH
RUN_LIMIT=$((DUR + 60))   # every measured run is bounded by timeout -k 5 $RUN_LIMIT
if [ "$DUR" -ge 5 ]; then WINDOW=${WINDOW:-2-$((DUR - 1))}; else WINDOW=${WINDOW:-off}; fi

for v in PORT DUR CONC REPS GEN_CPU SRV_CPU; do
  case "${!v}" in ''|*[!0-9]*) echo "$v must be a non-negative integer (got '${!v}')" >&2; exit 1 ;; esac
done
for v in DUR CONC REPS; do
  [ "${!v}" -ge 1 ] || { echo "$v must be at least 1" >&2; exit 1; }
done
case "$TARGET_PATH" in /hello|/10k) ;; *) echo "TARGET_PATH must be /hello or /10k" >&2; exit 1 ;; esac
case "$SCHEME" in http|https) ;; *) echo "SCHEME must be http or https" >&2; exit 1 ;; esac
WIN_FROM=; WIN_TO=
if [ "$WINDOW" != off ]; then
  [[ "$WINDOW" =~ ^([0-9]+)-([0-9]+)$ ]] && [ "${BASH_REMATCH[1]}" -lt "${BASH_REMATCH[2]}" ] && [ "${BASH_REMATCH[2]}" -le "$DUR" ] \
    || { echo "WINDOW must be FROM-TO in whole seconds, FROM < TO <= DUR, or off (got '$WINDOW')" >&2; exit 1; }
  WIN_FROM=${BASH_REMATCH[1]}; WIN_TO=${BASH_REMATCH[2]}
fi

# ---------- prerequisites (installs nothing) ----------
need() { # command debian-package
  command -v "$1" >/dev/null 2>&1 || [ -x "$1" ] || {
    echo "missing $1: apt-get install -y $2" >&2; exit 1; }
}
need nginx nginx
need wrk wrk
need taskset util-linux
need /usr/bin/time time
need curl curl
need python3 python3
need timeout coreutils
[ "$SCHEME" = https ] && need openssl openssl
NGINX=$(command -v nginx)
WRK=$(command -v wrk)

ncpu=$(nproc --all)
for v in GEN_CPU SRV_CPU; do
  [ "${!v}" -lt "$ncpu" ] || { echo "$v=${!v} but this machine has $ncpu CPUs" >&2; exit 1; }
done
[ "$GEN_CPU" != "$SRV_CPU" ] || echo "warning: GEN_CPU = SRV_CPU = $GEN_CPU; generator and nginx share a core" >&2

# ---------- cases ----------
# A case N is a function case_N DIR that fills the array CMD (the command, run pinned
# to GEN_CPU from inside DIR) and sets PARSER to how report.py reads its results:
#   wrk  -> DIR/out.txt is wrk's output
#   json -> DIR/summary.json is a k6-style summary (metrics.http_reqs.values.{count,rate})
# Optional hooks: precheck_N runs once before anything starts, and the script exits when
# it fails (e.g. a missing input file); retry_N RC returns 0 when a run that ended with
# exit status RC should be run again (once), e.g. after dropping an unsupported flag;
# needs_surge_N returning 0 makes the script build (or take SURGE_BIN) Surge.
# To add a case: write case_N (and hooks), then CASES="wrk surge N" bench/run.sh.

case_wrk() {
  CMD=("$WRK" -t1 -c"$CONC" -d"${DUR}s" --latency "$URL")
  PARSER=wrk
}

# wrk sending Surge's default request (not in the default CASES): the same bytes as the surge case, a
# User-Agent header included, which nginx parses and matches against browser names for every request.
case_wrk_ua() {
  local version
  version=$("$SURGE" --version 2>/dev/null) || version=0.0.0
  CMD=("$WRK" -t1 -c"$CONC" -d"${DUR}s" --latency -H "User-Agent: surge/${version%%+*}" "$URL")
  PARSER=wrk
}
needs_surge_wrk_ua() { return 0; }

SURGE_QUIET=${SURGE_QUIET:-0}   # when 1, dropped for good the first time surge rejects --quiet (exit 104)
surge_flags() { # dir -> common flags in array SF
  if [ -n "${SURGE_RATE:-}" ]; then  # open model at a fixed rate: the same work in every case
    SF=(--rate "$SURGE_RATE" --pre-allocated-vus "$CONC" --max-vus "$CONC" --duration "${DUR}s" --summary-export "$1/summary.json")
  else
    SF=(--vus "$CONC" --duration "${DUR}s" --summary-export "$1/summary.json")
  fi
  [ "$SURGE_QUIET" = 1 ] && SF+=(--quiet)
  [ "$SCHEME" = https ] && SF+=(--insecure)  # nginx's certificate is the self-signed one made below
  return 0
}
surge_retry() { # rc
  if [ "$1" = 104 ] && [ "$SURGE_QUIET" = 1 ]; then
    echo "  surge exited 104 (invalid arguments?); retrying without --quiet" >&2
    SURGE_QUIET=0
    return 0
  fi
  return 1
}

needs_surge_surge() { return 0; }
case_surge() {
  surge_flags "$1"
  CMD=("$SURGE" run --url "$URL" "${SF[@]}")
  PARSER=json
}
retry_surge() { surge_retry "$1"; }

# surge sending wrk's request (not in the default CASES): no User-Agent header (k6's --user-agent "").
needs_surge_surge_no_ua() { return 0; }
case_surge_no_ua() {
  surge_flags "$1"
  CMD=("$SURGE" run --url "$URL" --user-agent "" "${SF[@]}")
  PARSER=json
}
retry_surge_no_ua() { surge_retry "$1"; }

# surge of another build (not in the default CASES): SURGE_BASE_BIN, e.g. the commit before a
# change, so before and after are measured side by side in one run: CASES="wrk surge surge-base".
needs_surge_surge_base() { return 0; }
precheck_surge_base() {
  [ -x "${SURGE_BASE_BIN:-}" ] || { echo "surge-base: set SURGE_BASE_BIN to an earlier build's surge executable" >&2; return 1; }
}
case_surge_base() {
  surge_flags "$1"
  CMD=("$SURGE_BASE_BIN" run --url "$URL" "${SF[@]}")
  PARSER=json
}
retry_surge_base() { surge_retry "$1"; }

# surge running a C# scenario file (not in the default CASES). The script is expected to
# read its target from the environment variable BENCH_URL.
needs_surge_surge_cs() { return 0; }
precheck_surge_cs() {
  [ -f "$SURGE_SCRIPT" ] || { echo "surge-cs: no scenario file $SURGE_SCRIPT (set SURGE_SCRIPT)" >&2; return 1; }
  SURGE_SCRIPT=$(cd "$(dirname "$SURGE_SCRIPT")" && pwd)/$(basename "$SURGE_SCRIPT")
}
case_surge_cs() {
  surge_flags "$1"
  CMD=(env BENCH_URL="$URL" "$SURGE" run "$SURGE_SCRIPT" "${SF[@]}")
  PARSER=json
}
retry_surge_cs() { surge_retry "$1"; }

# the C# scenario with the SURGE_BASE_BIN build (not in the default CASES): before and after a change
# to the script path, side by side in one run: CASES="wrk surge-cs surge-base-cs".
needs_surge_surge_base_cs() { return 0; }
precheck_surge_base_cs() { precheck_surge_base && precheck_surge_cs; }
case_surge_base_cs() {
  surge_flags "$1"
  CMD=(env BENCH_URL="$URL" "$SURGE_BASE_BIN" run "$SURGE_SCRIPT" "${SF[@]}")
  PARSER=json
}
retry_surge_base_cs() { surge_retry "$1"; }

# surge running the YAML scenario bench/get.yaml (not in the default CASES): the same GET, target from BENCH_URL.
needs_surge_surge_yaml() { return 0; }
case_surge_yaml() {
  surge_flags "$1"
  CMD=(env BENCH_URL="$URL" "$SURGE" run "$ROOT/bench/get.yaml" "${SF[@]}")
  PARSER=json
}
retry_surge_yaml() { surge_retry "$1"; }

# surge with its live dashboard and one client on its event stream (not in the default CASES):
# CASES="surge surge-dashboard" measures what the dashboard costs the generator, side by side.
needs_surge_surge_dashboard() { return 0; }
case_surge_dashboard() {
  surge_flags "$1"
  CMD=(env DASH_PORT="${DASH_PORT:-15665}" CLIENT_CPU="$SRV_CPU" bash "$HERE/dashboard-watched.sh" "$SURGE" run --url "$URL" "${SF[@]}")
  PARSER=json
}
retry_surge_dashboard() { surge_retry "$1"; }

RUN_CASES=()
NEED_SURGE=0
for c in $CASES; do
  fn=${c//-/_}
  declare -F "case_$fn" >/dev/null || { echo "unknown case '$c' (no function case_$fn in $0)" >&2; exit 1; }
  if declare -F "precheck_$fn" >/dev/null && ! "precheck_$fn"; then exit 1; fi
  RUN_CASES+=("$c")
  if declare -F "needs_surge_$fn" >/dev/null && "needs_surge_$fn"; then NEED_SURGE=1; fi
done
[ "${#RUN_CASES[@]}" -gt 0 ] || { echo "CASES is empty" >&2; exit 1; }

if [ -z "${WORK:-}" ]; then
  WORK=$(mktemp -d /tmp/surge-bench.XXXXXX) || exit 1
fi
mkdir -p "$WORK/runs" || exit 1
WORK=$(cd "$WORK" && pwd)
echo "results in $WORK" >&2

# ---------- Surge: given, or built once ----------
SURGE=
if [ "$NEED_SURGE" = 1 ]; then
  if [ -n "${SURGE_BIN:-}" ]; then
    [ -f "$SURGE_BIN" ] && [ -x "$SURGE_BIN" ] || { echo "SURGE_BIN=$SURGE_BIN is not an executable file" >&2; exit 1; }
    SURGE=$(cd "$(dirname "$SURGE_BIN")" && pwd)/$(basename "$SURGE_BIN")
    echo "using SURGE_BIN=$SURGE" >&2
  else
    command -v dotnet >/dev/null 2>&1 || {
      echo "missing dotnet: install the .NET 10 SDK (package dotnet-sdk-10.0), or set SURGE_BIN to a built surge" >&2; exit 1; }
    echo "building Surge (dotnet publish src/Surge.Cli -c Release -r linux-x64, ReadyToRun) ..." >&2
    if ! timeout -k 10 1800 dotnet publish src/Surge.Cli -c Release -r linux-x64 --self-contained false -o "$WORK/surge" --nologo -v q \
         > "$WORK/build.log" 2>&1 < /dev/null; then
      echo "dotnet publish failed, see $WORK/build.log:" >&2; tail -n 30 "$WORK/build.log" >&2; exit 1
    fi
    SURGE=$WORK/surge/Surge.Cli  # the apphost of src/Surge.Cli
    [ -x "$SURGE" ] || { echo "build did not produce $SURGE" >&2; exit 1; }
  fi
fi

# ---------- nginx ----------
NGINX_PID=
stop_nginx() {
  if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$NGINX_PID" 2>/dev/null && kill -TERM "$NGINX_PID" 2>/dev/null
    for _ in $(seq 30); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$NGINX_PID" 2>/dev/null && kill -KILL "$NGINX_PID" 2>/dev/null
    wait "$NGINX_PID" 2>/dev/null
    echo "nginx (pid $NGINX_PID) stopped" >&2
  fi
  NGINX_PID=
}
trap stop_nginx EXIT
trap 'exit 130' INT TERM

if curl -sk -m 2 -o /dev/null "$BASE/" 2>/dev/null; then
  echo "something already listens on 127.0.0.1:$PORT; stop it or choose another PORT" >&2; exit 1
fi
NP=$WORK/nginx
mkdir -p "$NP/www" "$NP/logs" "$NP/tmp"
printf 'Hello, World!' > "$NP/www/hello"                              # 13 bytes
python3 -c "import sys; l=b'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\n'; sys.stdout.buffer.write((l*200)[:10240])" > "$NP/www/10k"
# when started as root, nginx's worker runs as an unprivileged user: let it read www
chmod a+rx "$WORK" "$NP" "$NP/www" && chmod a+r "$NP/www/hello" "$NP/www/10k"
sed "s/127\.0\.0\.1:18080/127.0.0.1:$PORT/" "$HERE/nginx.conf" > "$NP/nginx.conf"
if [ "$SCHEME" = https ]; then
  # A self-signed certificate for 127.0.0.1, made for this run; nginx's master (root) reads it.
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$NP/key.pem" -out "$NP/cert.pem" >/dev/null 2>&1 || { echo "openssl could not make a certificate" >&2; exit 1; }
  sed -i "s|listen 127.0.0.1:$PORT backlog=4096;|listen 127.0.0.1:$PORT ssl backlog=4096; ssl_certificate $NP/cert.pem; ssl_certificate_key $NP/key.pem;|" "$NP/nginx.conf"
  grep -q "ssl_certificate " "$NP/nginx.conf" || { echo "bench/nginx.conf: no listen line to turn into TLS" >&2; exit 1; }
fi
taskset -c "$SRV_CPU" "$NGINX" -p "$NP/" -c "$NP/nginx.conf" -e "$NP/logs/error.log" -g "pid $NP/nginx.pid;" \
  > "$NP/logs/stdout.log" 2>&1 < /dev/null &
NGINX_PID=$!
for _ in $(seq 50); do curl -sk -m 1 -o /dev/null "$BASE/hello" && break; sleep 0.1; done
if ! curl -sk -m 2 -o /dev/null "$BASE/hello"; then
  echo "nginx did not start:" >&2; cat "$NP/logs/"* >&2; exit 1
fi
if [ "$(curl -sk -m 2 "$BASE/hello")" != "Hello, World!" ] || [ "$(curl -sk -m 2 "$BASE/10k" | wc -c)" != 10240 ]; then
  echo "nginx serves wrong content (can its worker user read $NP/www?):" >&2
  curl -sk -m 2 -i "$BASE/hello" >&2; exit 1
fi
WORKER_PID=$(ps -o pid= --ppid "$NGINX_PID" | head -1 | tr -d ' ')
echo "nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///') master $NGINX_PID worker $WORKER_PID on CPU $SRV_CPU, $URL" >&2

# ---------- measurement helpers ----------
cpu_line() { grep "^cpu$1 " /proc/stat; }                          # user nice system idle iowait irq softirq ...
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; } # utime+stime, clock ticks
nginx_counts() { curl -sk -m 2 "$BASE/nginx_status" | awk 'NR==3 {print $1, $3}'; } # accepted requests
measured_pid() { # the measured program under the subshell, time, timeout and taskset (which execs it)
  local p=$1 c
  for _ in 1 2 3 4 5 6; do
    c=$(ps -o pid= --ppid "$p" | head -1 | tr -d ' ')
    [ -n "$c" ] || break
    p=$c
    case "$(cat "/proc/$p/comm" 2>/dev/null)" in bash|time|timeout|taskset) ;; *) echo "$p"; return ;; esac
  done
  echo ""
}
window_sample() { # pid -> "seconds-since-epoch cpu-ticks accepted requests"
  echo "$(date +%s.%N) $(proc_ticks "$1") $(nginx_counts)"
}

run_one() { # case rep
  local c=$1 r=$2 fn=${1//-/_} dir=$WORK/runs/$1/rep$2
  local n0 n1 g0 g1 s0 s1 w0 w1 t0 t1 rc attempt=1
  mkdir -p "$dir"
  while :; do
    CMD=(); PARSER=
    "case_$fn" "$dir" || { echo "case $c: cannot build its command, skipped" >&2; return; }
    printf '%q ' taskset -c "$GEN_CPU" "${CMD[@]}" > "$dir/cmd.txt"; echo >> "$dir/cmd.txt"
    rm -f "$dir/summary.json"
    n0=$(nginx_counts); g0=$(cpu_line "$GEN_CPU"); s0=$(cpu_line "$SRV_CPU"); w0=$(proc_ticks "$WORKER_PID")
    t0=$(date +%s.%N)
    ( cd "$dir" && /usr/bin/time -v -o "$dir/time.txt" timeout -k 5 "$RUN_LIMIT" \
        taskset -c "$GEN_CPU" "${CMD[@]}" > "$dir/out.txt" 2> "$dir/err.txt" < /dev/null ) &
    local bg=$! pid= win0= win1=
    if [ -n "$WIN_FROM" ]; then
      sleep "$(awk "BEGIN {d = $t0 + $WIN_FROM - $(date +%s.%N); print (d > 0 ? d : 0)}")"
      pid=$(measured_pid "$bg")
      if [ -n "$pid" ]; then
        win0=$(window_sample "$pid")
        sleep "$((WIN_TO - WIN_FROM))"
        win1=$(window_sample "$pid")
      fi
    fi
    wait "$bg"
    rc=$?
    t1=$(date +%s.%N)
    w1=$(proc_ticks "$WORKER_PID"); g1=$(cpu_line "$GEN_CPU"); s1=$(cpu_line "$SRV_CPU"); n1=$(nginx_counts)
    if [ "$attempt" = 1 ] && [ "$rc" != 0 ] && declare -F "retry_$fn" >/dev/null && "retry_$fn" "$rc"; then
      mv "$dir/err.txt" "$dir/err.attempt1.txt"; mv "$dir/out.txt" "$dir/out.attempt1.txt"
      attempt=2; sleep 1; continue
    fi
    break
  done
  {
    echo "case=$c"; echo "rep=$r"; echo "rc=$rc"; echo "parser=$PARSER"; echo "attempts=$attempt"
    echo "dur=$DUR"; echo "wall=$(awk "BEGIN {printf \"%.3f\", $t1 - $t0}")"
    echo "nginx_before=$n0"; echo "nginx_after=$n1"
    echo "worker_ticks=$((w1 - w0))"; echo "clk_tck=$(getconf CLK_TCK)"
    echo "gen_cpu_before=$g0"; echo "gen_cpu_after=$g1"
    echo "srv_cpu_before=$s0"; echo "srv_cpu_after=$s1"
    echo "window=${WIN_FROM:+$WIN_FROM-$WIN_TO}"; echo "window_before=$win0"; echo "window_after=$win1"
  } > "$dir/meta.txt"
  printf '%-10s rep %s rc=%s\n' "$c" "$r" "$rc" >&2
  if [ "$rc" != 0 ]; then
    case "$rc" in 124|137) echo "  $c timed out (limit ${RUN_LIMIT}s)" >&2 ;; esac
    echo "  $c failed (rc=$rc); last lines of $dir/err.txt:" >&2
    tail -n 5 "$dir/err.txt" | sed 's/^/    /' >&2
  fi
  sleep 1
}

# ---------- run ----------
{
  echo "date=$(date -Is)"; echo "host_cpus=$ncpu"; echo "kernel=$(uname -r)"
  echo "cpu_model=$(lscpu 2>/dev/null | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}')"
  echo "loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "nginx=$("$NGINX" -v 2>&1 | sed 's/.*nginx\///')"
  echo "wrk=$("$WRK" -v 2>&1 | head -1 | awk '{print $2}')"
  [ -n "$SURGE" ] && echo "surge=$SURGE"
  [ -n "$SURGE" ] && echo "surge_version=$(timeout 10 "$SURGE" --version 2>/dev/null | head -1)"
  echo "dotnet=$(dotnet --version 2>/dev/null)"
  if g=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null); then
    git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || g="$g (src/ modified)"
    echo "git=$g"
  else echo "git=none"; fi
  echo "url=$URL"; echo "dur=$DUR"; echo "conc=$CONC"; echo "reps=$REPS"; echo "window=$WINDOW"
  echo "gen_cpu=$GEN_CPU"; echo "srv_cpu=$SRV_CPU"
  echo "cases=${RUN_CASES[*]}"
} > "$WORK/env.txt"

load1=$(cut -d' ' -f1 /proc/loadavg)
awk "BEGIN {exit !($load1 > 0.5)}" && echo "warning: load average is $load1; figures are only meaningful on an idle machine" >&2

curl -sk -o /dev/null "$BASE/hello"; curl -sk -o /dev/null "$BASE/10k"   # warm nginx's caches

for r in $(seq "$REPS"); do
  # alternate the order between rounds so no case always runs first
  if [ $((r % 2)) = 1 ]; then order=("${RUN_CASES[@]}")
  else order=(); for ((i = ${#RUN_CASES[@]} - 1; i >= 0; i--)); do order+=("${RUN_CASES[i]}"); done; fi
  for c in "${order[@]}"; do run_one "$c" "$r"; done
done

stop_nginx
python3 "$HERE/report.py" "$WORK"
rc=$?
echo
echo "raw outputs: $WORK"
exit $rc
