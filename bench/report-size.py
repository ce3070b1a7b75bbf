#!/usr/bin/env python3
"""Makes a synthetic one-hour results file from a short real one.

Usage: report-size.py SHORT.ndjson HOUR.ndjson [SECONDS] [TARGETS]

Takes the start line, one whole loaded second (its resources and interval lines) and the stop line
of SHORT, and writes SECONDS (default 3600) copies of that second, each moved to its own time,
with the resource sample repeated for TARGETS (default 3) monitored targets. The histograms are the
real ones of that second, so the report has real per-second percentiles to compute.
"""
import json
import sys
from datetime import datetime, timedelta

short, out = sys.argv[1], sys.argv[2]
seconds = int(sys.argv[3]) if len(sys.argv) > 3 else 3600
targets = int(sys.argv[4]) if len(sys.argv) > 4 else 3
lines = [json.loads(l) for l in open(short) if l.strip()]
start = next(l for l in lines if l["type"] == "start")
stop = next(l for l in lines if l["type"] == "stop")
intervals = [i for i, l in enumerate(lines) if l["type"] == "interval"]
# The second loaded interval: whole (about one second long), with its resources line just before it.
second = intervals[1]
interval, resources = lines[second], lines[second - 1]
assert resources["type"] == "resources", "the short run needs --monitor"
begin = datetime.fromisoformat(start["time"])
sample = resources["samples"][0]
names = [sample["target"]] + [f"app-{n}" for n in range(1, targets)]
with open(out, "w") as f:
    f.write(json.dumps(start, separators=(",", ":")) + "\n")
    for s in range(1, seconds + 1):
        samples = [dict(sample, target=name, cpuPercent=(s * 7 + n * 13) % 100) for n, name in enumerate(names)]
        f.write(json.dumps(dict(resources, t=float(s), samples=samples), separators=(",", ":")) + "\n")
        time = (begin + timedelta(seconds=s)).isoformat()
        f.write(json.dumps(dict(interval, t=float(s), dur=1.0, tTicks=s * 10_000_000, durTicks=10_000_000, time=time), separators=(",", ":")) + "\n")
    stop = dict(stop, time=(begin + timedelta(seconds=seconds)).isoformat(), duration=float(seconds),
                durationTicks=seconds * 10_000_000, loadTicks=seconds * 10_000_000)
    f.write(json.dumps(stop, separators=(",", ":")) + "\n")
