#!/usr/bin/env bash
# Runs a surge command with its dashboard on 127.0.0.1:$DASH_PORT and one client watching the event
# stream the whole time, so bench/run.sh's case surge-dashboard measures what the dashboard costs the
# generator. The client (curl, reading /events as a browser's EventSource does: the server's work per
# client is the same) is detached with setsid, so /usr/bin/time counts surge's CPU, not the client's.
# Usage: DASH_PORT=5665 CLIENT_CPU=1 bench/dashboard-watched.sh SURGE run ... (the --dashboard-listen flag is added)
set -u
port="${DASH_PORT:-15665}"
"$@" --dashboard-listen "127.0.0.1:$port" &
surge=$!
for _ in $(seq 300); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break  # no fork of a client per try: its CPU would count
  sleep 0.05
done
setsid -f taskset -c "${CLIENT_CPU:-1}" curl -sN -m 600 "http://127.0.0.1:$port/events" -o /dev/null
wait "$surge"
rc=$?
exit "$rc"
