#!/usr/bin/env python3
"""Peak memory of every process whose command line starts with PROGRAM, summed, sampled every 0.2 s until
STOPFILE exists: a test run with --generators N is N + 1 processes, and /usr/bin/time sees one.

Writes "PEAK_PSS_KIB PEAK_RSS_KIB PROCESSES" to OUTFILE. PSS (proportional set size) counts a page that
several of these processes share (the program's own code, mapped from the same files) once in all, split
between them; RSS counts it in each, so a sum of RSS overstates what N copies of one program use.

usage: rss-tree.py PROGRAM STOPFILE OUTFILE"""
import os
import sys
import time

program, stop_file, out_file = sys.argv[1], sys.argv[2], sys.argv[3]
peak_pss, peak_rss, peak_count = 0, 0, 0
while not os.path.exists(stop_file):
    pss, rss, count = 0, 0, 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if f.read().split(b"\0", 1)[0].decode(errors="replace") != program:
                    continue
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1])
            count += 1
        except OSError:
            continue  # gone between the listing and the read
    if pss > peak_pss:
        peak_pss, peak_count = pss, count
    peak_rss = max(peak_rss, rss)
    time.sleep(0.2)
with open(out_file, "w") as f:
    f.write(f"{peak_pss} {peak_rss} {peak_count}\n")
