#!/usr/bin/env python3
"""Turn a bench/run.sh results folder into markdown tables.

Usage: report.py WORKDIR      (also writes WORKDIR/all-runs.csv and WORKDIR/report.md)

Per run (WORKDIR/runs/<case>/rep<N>/):
  meta.txt   written by run.sh (rc, parser, nginx stub_status and /proc/stat before/after)
  time.txt   /usr/bin/time -v of the whole tool process (start-up included)
  out.txt    the tool's stdout (parser "wrk")
  summary.json  k6-style summary (parser "json"): metrics.http_reqs.values.{count,rate}

Columns:
  rps          the tool's own requests/second figure
  CPU µs/req   (user+sys seconds of the tool process) / requests the tool counted * 1e6
  peak RSS     "Maximum resident set size" of the tool process, MiB
  nginx req/s  requests nginx counted during the run (stub_status delta) / DUR
  medians are taken column by column over the runs that exited 0 and counted requests;
  ratios are median(case) / median(baseline case, wrk).
"""
import csv
import json
import os
import re
import statistics
import sys

BASELINE = "wrk"


def read_kv(path):
    d = {}
    try:
        with open(path) as f:
            for line in f:
                if "=" in line:
                    k, v = line.rstrip("\n").split("=", 1)
                    d[k] = v
    except OSError:
        pass
    return d


def read_text(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def dur_ms(value, unit):
    return float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}[unit]


def parse_time(text):
    r = {}
    m = re.search(r"User time \(seconds\):\s*([\d.]+)", text)
    r["user_s"] = float(m.group(1)) if m else None
    m = re.search(r"System time \(seconds\):\s*([\d.]+)", text)
    r["sys_s"] = float(m.group(1)) if m else None
    m = re.search(r"Maximum resident set size \(kbytes\):\s*(\d+)", text)
    r["rss_mib"] = int(m.group(1)) / 1024 if m else None
    m = re.search(r"Elapsed \(wall clock\) time \([^)]*\):\s*([\d:.]+)", text)
    if m:
        secs = 0.0
        for part in m.group(1).split(":"):
            secs = secs * 60 + float(part)
        r["elapsed_s"] = secs
    else:
        r["elapsed_s"] = None
    return r


def parse_wrk(d):
    out = read_text(os.path.join(d, "out.txt"))
    r = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    r["rps"] = float(m.group(1)) if m else None
    m = re.search(r"(\d+) requests in", out)
    r["requests"] = int(m.group(1)) if m else None
    for p in ("50", "99"):
        m = re.search(rf"^\s+{p}(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
        r["p" + p] = dur_ms(m.group(1), m.group(2)) if m else None
    errs = 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        errs += sum(int(x) for x in m.groups())
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        errs += int(m.group(1))
    r["errors"] = errs
    return r


def metric_values(metrics, name):
    m = metrics.get(name)
    if not isinstance(m, dict):
        return {}
    v = m.get("values")
    return v if isinstance(v, dict) else m  # handleSummary shape, else k6's legacy flat shape


def parse_json(d):
    r = {"rps": None, "requests": None, "p50": None, "p99": None, "errors": None}
    path = os.path.join(d, "summary.json")
    try:
        with open(path) as f:
            metrics = json.load(f).get("metrics", {})
    except (OSError, ValueError, AttributeError) as e:
        r["note"] = f"no usable summary.json ({e.__class__.__name__})"
        return r
    reqs = metric_values(metrics, "http_reqs")
    if "count" in reqs:
        r["requests"] = int(reqs["count"])
    if "rate" in reqs:
        r["rps"] = float(reqs["rate"])
    dur = metric_values(metrics, "http_req_duration")
    for key, col in (("med", "p50"), ("p(50)", "p50"), ("p(99)", "p99")):
        if r[col] is None and isinstance(dur.get(key), (int, float)):
            r[col] = float(dur[key])
    failed = metric_values(metrics, "http_req_failed")
    if isinstance(failed.get("passes"), (int, float)):
        r["errors"] = int(failed["passes"])  # for http_req_failed, "passes" = failed requests
    elif isinstance(failed.get("rate"), (int, float)) and r["requests"] is not None:
        r["errors"] = round(failed["rate"] * r["requests"])
    return r


PARSERS = {"wrk": parse_wrk, "json": parse_json}


def cpu_busy(before, after):
    """busy share of one core between two /proc/stat 'cpuN ...' lines (idle+iowait = not busy)."""
    try:
        a = [int(x) for x in before.split()[1:]]
        b = [int(x) for x in after.split()[1:]]
    except (ValueError, AttributeError):
        return None
    delta = [y - x for x, y in zip(a, b)]
    total = sum(delta[:8])  # user nice system idle iowait irq softirq steal
    if total <= 0:
        return None
    return 100.0 * (total - delta[3] - delta[4]) / total


def steady_window(meta):
    """rps and CPU µs per request over the run's window (run.sh WINDOW): start-up, warm-up and the end left out."""
    none = {"win_rps": None, "win_cpu_us_per_req": None}
    try:
        t0, ticks0, _, req0 = (float(x) for x in meta["window_before"].split())
        t1, ticks1, _, req1 = (float(x) for x in meta["window_after"].split())
        reqs = req1 - req0 - 1  # the "after" stub_status request counts itself
        cpu = (ticks1 - ticks0) / int(meta["clk_tck"])
    except (KeyError, ValueError, ZeroDivisionError):
        return none
    if t1 <= t0 or reqs <= 0 or cpu <= 0:  # the program ended (or never ran) inside the window
        return none
    return {"win_rps": reqs / (t1 - t0), "win_cpu_us_per_req": cpu / reqs * 1e6}


def load_run(d):
    meta = read_kv(os.path.join(d, "meta.txt"))
    run = {"case": meta.get("case", "?"), "rep": int(meta.get("rep", "0") or 0),
           "rc": int(meta.get("rc", "-1") or -1), "attempts": meta.get("attempts", "1")}
    parser = PARSERS.get(meta.get("parser", ""))
    run.update(parser(d) if parser else {"note": f"unknown parser {meta.get('parser')!r}"})
    run.update(parse_time(read_text(os.path.join(d, "time.txt"))))
    dur = float(meta.get("dur", "0") or 0)
    wall = float(meta.get("wall", "0") or 0)
    try:
        acc0, req0 = (int(x) for x in meta["nginx_before"].split())
        acc1, req1 = (int(x) for x in meta["nginx_after"].split())
        run["nginx_reqs"] = req1 - req0 - 1  # the "after" stub_status request counts itself
        run["nginx_conns"] = acc1 - acc0 - 1
        run["nginx_rps"] = run["nginx_reqs"] / dur if dur > 0 else None
    except (KeyError, ValueError):
        run["nginx_reqs"] = run["nginx_conns"] = run["nginx_rps"] = None
    try:
        ticks = int(meta["worker_ticks"]) / int(meta["clk_tck"])
        run["nginx_cpu_pct"] = 100.0 * ticks / wall if wall > 0 else None
    except (KeyError, ValueError, ZeroDivisionError):
        run["nginx_cpu_pct"] = None
    run.update(steady_window(meta))
    run["gen_busy_pct"] = cpu_busy(meta.get("gen_cpu_before"), meta.get("gen_cpu_after"))
    run["srv_busy_pct"] = cpu_busy(meta.get("srv_cpu_before"), meta.get("srv_cpu_after"))
    cpu = None
    if run.get("user_s") is not None and run.get("sys_s") is not None:
        cpu = run["user_s"] + run["sys_s"]
    run["cpu_s"] = cpu
    run["cpu_us_per_req"] = cpu / run["requests"] * 1e6 if cpu is not None and run.get("requests") else None
    el = run.get("elapsed_s")
    run["gen_cpu_pct"] = 100.0 * cpu / el if cpu is not None and el else None
    run["ok"] = run["rc"] == 0 and bool(run.get("requests"))
    return run


def fmt(v, digits=0, thousands=True):
    if v is None:
        return "n/a"
    if thousands:
        return f"{v:,.{digits}f}"
    return f"{v:.{digits}f}"


def median(runs, key):
    vals = [r[key] for r in runs if r.get(key) is not None]
    return statistics.median(vals) if vals else None


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: report.py WORKDIR")
    work = sys.argv[1]
    env = read_kv(os.path.join(work, "env.txt"))
    cases = env.get("cases", "").split()
    runs_dir = os.path.join(work, "runs")
    runs = []
    for c in sorted(os.listdir(runs_dir)) if os.path.isdir(runs_dir) else []:
        for rep in sorted(os.listdir(os.path.join(runs_dir, c))):
            d = os.path.join(runs_dir, c, rep)
            if os.path.isfile(os.path.join(d, "meta.txt")):
                runs.append(load_run(d))
    for c in sorted({r["case"] for r in runs}):
        if c not in cases:
            cases.append(c)

    out = []
    p = out.append
    p(f"{env.get('date', '?')}: {env.get('host_cpus', '?')} CPUs ({env.get('cpu_model', '?')}), "
      f"kernel {env.get('kernel', '?')}, load before {env.get('loadavg_before', '?')}")
    p(f"nginx {env.get('nginx', '?')} on CPU {env.get('srv_cpu', '?')}, generators on CPU {env.get('gen_cpu', '?')}; "
      f"{env.get('url', '?')}, {env.get('conc', '?')} connections/VUs, {env.get('dur', '?')} s, "
      f"{env.get('reps', '?')} rounds; wrk {env.get('wrk', '?')}"
      + (f", surge `{env.get('surge_version') or 'no --version output'}` ({env['surge']})" if env.get("surge") else "")
      + f"; repo git {env.get('git') or '?'}, dotnet {env.get('dotnet') or '?'}")
    p("")
    p("Medians per case:")
    p("")
    p("| case | ok runs | rps | CPU µs/req | peak RSS MiB | nginx req/s | p50 ms | p99 ms | errors "
      "| gen CPU % | nginx worker CPU % | gen / srv core busy % | steady rps | steady CPU µs/req |")
    p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    med = {}
    for c in cases:
        all_c = [r for r in runs if r["case"] == c]
        ok = [r for r in all_c if r["ok"]]
        m = {k: median(ok, k) for k in ("rps", "cpu_us_per_req", "rss_mib", "nginx_rps", "p50", "p99", "errors",
                                         "gen_cpu_pct", "nginx_cpu_pct", "gen_busy_pct", "srv_busy_pct",
                                         "win_rps", "win_cpu_us_per_req")}
        med[c] = m
        p(f"| {c} | {len(ok)}/{len(all_c)} | {fmt(m['rps'])} | {fmt(m['cpu_us_per_req'], 2)} | "
          f"{fmt(m['rss_mib'], 1)} | {fmt(m['nginx_rps'])} | {fmt(m['p50'], 3)} | {fmt(m['p99'], 3)} | "
          f"{fmt(m['errors'])} | {fmt(m['gen_cpu_pct'])} | {fmt(m['nginx_cpu_pct'])} | "
          f"{fmt(m['gen_busy_pct'])} / {fmt(m['srv_busy_pct'])} | {fmt(m['win_rps'])} | "
          f"{fmt(m['win_cpu_us_per_req'], 2)} |")

    others = [c for c in cases if c != BASELINE]
    if BASELINE in med and others:
        b = med[BASELINE]
        p("")
        p(f"Ratios to {BASELINE} (medians; rps > 1 = more throughput, µs/req and RSS < 1 = cheaper):")
        p("")
        p(f"| case | rps / {BASELINE} rps | µs/req / {BASELINE} µs/req | RSS / {BASELINE} RSS "
          f"| nginx req/s / {BASELINE} nginx req/s | steady rps / {BASELINE} | steady µs/req / {BASELINE} |")
        p("|---|---:|---:|---:|---:|---:|---:|")

        def ratio(a, z):
            return f"{a / z:.2f}" if a is not None and z else "n/a"

        for c in others:
            m = med[c]
            p(f"| {c} | {ratio(m['rps'], b['rps'])} | {ratio(m['cpu_us_per_req'], b['cpu_us_per_req'])} | "
              f"{ratio(m['rss_mib'], b['rss_mib'])} | {ratio(m['nginx_rps'], b['nginx_rps'])} | "
              f"{ratio(m['win_rps'], b['win_rps'])} | {ratio(m['win_cpu_us_per_req'], b['win_cpu_us_per_req'])} |")

    p("")
    p("Per run:")
    p("")
    p("| case | round | rc | requests | rps | nginx reqs | nginx conns | user s | sys s | CPU µs/req "
      "| peak RSS MiB | wall s | p50 ms | p99 ms | errors | steady rps | steady CPU µs/req | notes |")
    p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for c in cases:
        for r in sorted((r for r in runs if r["case"] == c), key=lambda r: r["rep"]):
            notes = []
            if r.get("note"):
                notes.append(r["note"])
            if r["attempts"] != "1":
                notes.append(f"attempt {r['attempts']}")
            if not r["ok"]:
                notes.append("excluded from medians")
            p(f"| {c} | {r['rep']} | {r['rc']} | {fmt(r.get('requests'))} | {fmt(r.get('rps'))} | "
              f"{fmt(r.get('nginx_reqs'))} | {fmt(r.get('nginx_conns'))} | {fmt(r.get('user_s'), 2)} | "
              f"{fmt(r.get('sys_s'), 2)} | {fmt(r.get('cpu_us_per_req'), 2)} | {fmt(r.get('rss_mib'), 1)} | "
              f"{fmt(r.get('elapsed_s'), 2)} | {fmt(r.get('p50'), 3)} | {fmt(r.get('p99'), 3)} | "
              f"{fmt(r.get('errors'))} | {fmt(r.get('win_rps'))} | {fmt(r.get('win_cpu_us_per_req'), 2)} | "
              f"{'; '.join(notes)} |")

    text = "\n".join(out)
    print(text)
    with open(os.path.join(work, "report.md"), "w") as f:
        f.write(text + "\n")
    keys = ["case", "rep", "rc", "attempts", "requests", "rps", "cpu_s", "user_s", "sys_s", "cpu_us_per_req",
            "rss_mib", "elapsed_s", "nginx_reqs", "nginx_conns", "nginx_rps", "nginx_cpu_pct", "gen_cpu_pct",
            "gen_busy_pct", "srv_busy_pct", "p50", "p99", "errors", "win_rps", "win_cpu_us_per_req", "ok", "note"]
    with open(os.path.join(work, "all-runs.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=keys, extrasaction="ignore")
        w.writeheader()
        for r in runs:
            w.writerow(r)
    # exit 1 when a requested case produced no usable run
    return 0 if all(any(r["ok"] for r in runs if r["case"] == c) for c in cases) else 1


if __name__ == "__main__":
    sys.exit(main())
