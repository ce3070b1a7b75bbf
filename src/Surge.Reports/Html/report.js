// Surge's report page: draws the data block (a finished run) or, on the dashboard, the seconds
// that arrive over Server-Sent Events. One page for both, so the live view and the report agree.
(function () {
  "use strict";
  var L = JSON.parse(document.getElementById("surge-labels").textContent);
  var data = JSON.parse(document.getElementById("surge-data").textContent);
  var lang = document.documentElement.lang || "en";
  var palette = ["#2563eb", "#e8590c", "#2f9e44", "#c2255c", "#7048e8", "#0c8599", "#f08c00", "#5c940d", "#862e9c", "#d6336c"];
  var charts = [];
  var signature = "";
  var zoom = null;
  var pending = false;

  function t(key) { return L[key] || key; }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  // Units as the console prints them (Surge.Reports.Console.Units).
  // .NET's "0.##": the value to 15 significant digits, then rounded half away from zero, so the page
  // prints exactly what the console does (JavaScript's toFixed rounds the binary value instead).
  function decimal(v, decimals, keepZeros) {
    if (!isFinite(v)) { return String(v); }
    var s = Math.abs(v).toPrecision(15);
    if (s.indexOf("e") >= 0) { s = Number(s).toFixed(20); }
    var parts = s.split("."), whole = parts[0], frac = parts[1] || "";
    if (frac.length > decimals) {
      var up = frac.charCodeAt(decimals) >= 53;
      frac = frac.slice(0, decimals);
      if (up) {
        var digits = (whole + frac).split("").map(Number), i = digits.length - 1;
        while (i >= 0 && digits[i] === 9) { digits[i] = 0; i--; }
        if (i < 0) { digits.unshift(1); } else { digits[i]++; }
        var all = digits.join("");
        whole = all.slice(0, all.length - decimals);
        frac = all.slice(all.length - decimals);
      }
    }
    if (keepZeros) { while (frac.length < decimals) { frac += "0"; } } else { frac = frac.replace(/0+$/, ""); }
    var out = frac ? whole + "." + frac : whole;
    return v < 0 && /[1-9]/.test(out) ? "-" + out : out;
  }
  function fixed(v, decimals) { return decimal(v, decimals, false); }
  function number(v, decimals) { return v == null ? "–" : fixed(v, decimals == null ? 2 : decimals); }
  function time(ms) {
    if (ms == null) { return "–"; }
    if (ms === 0) { return "0s"; }
    if (ms < 1) { return fixed(ms * 1000, 2) + "µs"; }
    if (ms < 1000) { return fixed(ms, 2) + "ms"; }
    if (ms < 60000) { return fixed(ms / 1000, 2) + "s"; }
    var tenths = Math.round(ms / 100);
    return Math.floor(tenths / 600) + "m" + fixed((tenths % 600) / 10, 1) + "s";
  }
  function bytes(b) {
    if (b == null) { return "–"; }
    if (b < 1000) { return fixed(b, 0) + " B"; }
    if (b < 1e6) { return fixed(b / 1e3, 1) + " kB"; }
    if (b < 1e9) { return fixed(b / 1e6, 1) + " MB"; }
    return fixed(b / 1e9, 2) + " GB";
  }
  function memory(b) {
    if (b == null) { return "–"; }
    if (b < 1024) { return fixed(b, 0) + " B"; }
    if (b < 1048576) { return fixed(b / 1024, 1) + " KiB"; }
    if (b < 1073741824) { return fixed(b / 1048576, 1) + " MiB"; }
    return fixed(b / 1073741824, 2) + " GiB";
  }
  function percent(fraction) { return decimal(fraction * 100, 2, true) + "%"; }
  function rate(b) { return b == null ? "–" : bytes(b) + "/s"; }
  function localTime(iso) { return new Date(iso).toLocaleString(lang, { dateStyle: "medium", timeStyle: "medium" }); }

  function header() {
    var head = document.getElementById("head");
    head.textContent = "";
    var badge;
    if (data.live && !data.ended) {
      badge = el("span", { "class": "badge live", id: "state", text: t("live") });
    } else if (data.exitCode === 0) {
      badge = el("span", { "class": "badge ok", id: "state", text: data.verdicts.length ? t("passed") : t("done") });
    } else {
      badge = el("span", { "class": "badge bad", id: "state", text: t("failed") });
    }
    head.appendChild(el("h1", {}, [t("title") + ": " + data.target, badge]));
    var scenarios = data.scenarios.map(function (s) { return s.name + " (" + s.executor + ": " + s.description + ")"; }).join("; ");
    var running = data.live && !data.ended;
    head.appendChild(el("div", { "class": "meta", id: "started" }, [t("started") + ": " + localTime(data.start) + " · " +
      (running ? t("planned") : t("duration")) + ": " + time(data.durationS * 1000),
      el("span", { id: "elapsed" })]));
    head.appendChild(el("div", { "class": "meta" }, [t("scenarios") + ": " + scenarios]));
    if (data.stopMessage) { head.appendChild(el("div", { "class": "meta" }, [t("stop") + ": " + data.stopMessage])); }
    if (data.live && data.ended) {
      head.appendChild(el("a", { "class": "button", id: "download", href: "report.html" + location.search, download: "surge-report.html", text: t("download") }));
    }
    document.title = t("title") + " – " + data.target;
  }

  function verdicts() {
    var box = document.getElementById("verdicts");
    box.textContent = "";
    box.appendChild(el("h2", { text: t("verdicts") }));
    if (!data.verdicts.length) { box.appendChild(el("div", { "class": "hint", text: t("noVerdicts") })); }
    data.verdicts.forEach(function (v) {
      var known = v.passed !== undefined;
      var mark = el("span", { "class": "mark " + (!known ? "" : v.passed ? "ok" : "bad"), text: !known ? "…" : v.passed ? "✓" : "✗" });
      box.appendChild(el("div", { "class": "verdict" }, [mark, " " + v.label, el("span", { "class": "observed", text: known ? v.observed : t("pending") })]));
    });
    var diagnosis = document.getElementById("diagnosis");
    diagnosis.textContent = "";
    if (data.diagnosis.length) {
      diagnosis.appendChild(el("h2", { text: t("diagnosis") }));
      diagnosis.appendChild(el("pre", { text: data.diagnosis.join("\n") }));
    }
  }

  function totals() {
    var box = document.getElementById("totals");
    box.textContent = "";
    var s = data.totals;
    if (!s) { return; }
    [["requests", number(s.requests)], ["tps", number(s.tps)], ["avg", time(s.avgMs)], ["p50", time(s.p50Ms)], ["p90", time(s.p90Ms)],
      ["p95", time(s.p95Ms)], ["p99", time(s.p99Ms)], ["max", time(s.maxMs)], ["errorRate", percent(s.errorRate)],
      ["iterations", number(s.iterations)], ["dataSent", bytes(s.dataSent)], ["dataReceived", bytes(s.dataReceived)]].forEach(function (p) {
      box.appendChild(el("div", { "class": "card" }, [el("div", { "class": "k", text: t(p[0]) }), el("div", { "class": "v", id: "total-" + p[0], text: p[1] })]));
    });
  }

  // Each chart: a title, a formatter for its y values and its series, each a label and a getter on a second's row.
  function specs() {
    var rows = data.seconds;
    var kinds = {}, targets = {}, net = false, disk = false, dropped = data.openModel;
    rows.forEach(function (r) {
      Object.keys(r.err).forEach(function (k) { kinds[k] = true; });
      Object.keys(r.res).forEach(function (k) {
        targets[k] = true;
        var v = r.res[k];
        net = net || v[2] != null || v[3] != null;
        disk = disk || v[4] != null || v[5] != null;
      });
      dropped = dropped || r.drop > 0;
    });
    kinds = Object.keys(kinds).sort();
    targets = Object.keys(targets).sort();
    var list = [];
    var throughput = [{ label: t("tps"), get: function (r) { return r.tps; } }];
    if (data.openModel) { throughput.push({ label: t("offered"), get: function (r) { return r.off; } }); }
    list.push({ id: "throughput", title: t("chartThroughput"), fmt: number, series: throughput });
    list.push({ id: "latency", title: t("chartLatency"), fmt: time, series: ["p50", "p90", "p95", "p99"].map(function (p) {
      return { label: p, get: function (r) { return r[p]; } };
    }) });
    list.push({ id: "errors", title: t("chartErrors"), fmt: number, series: kinds.length ? kinds.map(function (k) {
      return { label: k, get: function (r) { return r.err[k] || 0; } };
    }) : [{ label: t("errors"), get: function () { return 0; } }] });
    list.push({ id: "vus", title: t("chartVus"), fmt: number, series: [{ label: t("vus"), get: function (r) { return r.vus; } }] });
    if (dropped) {
      list.push({ id: "dropped", title: t("chartDropped"), fmt: number, series: [{ label: t("dropped"), get: function (r) { return r.drop; } }] });
    }
    function perTarget(index, suffix) {
      return targets.map(function (name) {
        return { label: name + (suffix ? " " + suffix : ""), get: function (r) { var v = r.res[name]; return v ? v[index] : null; } };
      });
    }
    var cpu = function (v) { return v == null ? "–" : fixed(v, 1) + "%"; };
    if (rows.some(function (r) { return r.gen != null; })) {
      list.push({ id: "generator", title: t("chartGenerator"), fmt: cpu, series: [{ label: t("generator"), get: function (r) { return r.gen; } }] });
    }
    if (targets.length) {
      list.push({ id: "cpu", title: t("chartCpu"), fmt: cpu, series: perTarget(0, "") });
      list.push({ id: "memory", title: t("chartMemory"), fmt: memory, series: perTarget(1, "") });
      if (net) { list.push({ id: "network", title: t("chartNetwork"), fmt: rate, series: perTarget(2, t("rx")).concat(perTarget(3, t("tx"))) }); }
      if (disk) { list.push({ id: "disk", title: t("chartDisk"), fmt: rate, series: perTarget(4, t("read")).concat(perTarget(5, t("write"))) }); }
    }
    return list;
  }

  function columns(spec) {
    var rows = data.seconds;
    var cols = [rows.map(function (r) { return r.t; })];
    spec.series.forEach(function (s) { cols.push(rows.map(function (r) { var v = s.get(r); return v == null ? null : v; })); });
    return cols;
  }

  function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
  function width(node) { return Math.max(280, Math.floor(node.getBoundingClientRect().width)); }
  function axis(fmt) {
    return { stroke: css("--muted"), grid: { stroke: css("--line"), width: 1 }, ticks: { stroke: css("--line") }, size: 84,
      values: fmt ? function (u, vals) { return vals.map(fmt); } : undefined };
  }

  function zoomAll(min, max) {
    zoom = min == null ? null : { min: min, max: max };
    charts.forEach(function (c) {
      var d = c.u.data[0];
      c.u.setScale("x", zoom || { min: d[0], max: d[d.length - 1] });
    });
  }

  function buildCharts(list) {
    charts.forEach(function (c) { c.u.destroy(); });
    charts = [];
    var box = document.getElementById("charts");
    box.textContent = "";
    list.forEach(function (spec) {
      var holder = el("div", { "class": "chart", id: "chart-" + spec.id }, [el("div", { "class": "chart-title", text: spec.title })]);
      box.appendChild(holder);
      var opts = {
        width: width(holder), height: 200,
        cursor: { sync: { key: "surge" }, drag: { x: true, y: false } },
        scales: { x: { time: true } },
        legend: { live: true },
        series: [{ value: function (u, v) { return v == null ? "–" : new Date(v * 1000).toLocaleTimeString(lang); } }].concat(spec.series.map(function (s, i) {
          return { label: s.label, stroke: palette[i % palette.length], width: 1.5, spanGaps: false, value: function (u, v) { return spec.fmt(v); } };
        })),
        // Whole seconds and up: the data has one point a second.
        axes: [Object.assign(axis(null), { incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200, 86400] }), axis(spec.fmt)],
        hooks: {
          setSelect: [function (u) {
            if (u.select.width > 2) {
              zoomAll(u.posToVal(u.select.left, "x"), u.posToVal(u.select.left + u.select.width, "x"));
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            }
          }],
        },
      };
      var u = new uPlot(opts, columns(spec), holder);
      u.over.addEventListener("dblclick", function () { zoomAll(null); });
      charts.push({ u: u, spec: spec, holder: holder });
    });
    if (list.length) { box.appendChild(el("div", { "class": "hint", text: t("zoomHint") })); }
  }

  function drawCharts() {
    var list = specs();
    var sig = list.map(function (s) { return s.id + ":" + s.series.map(function (x) { return x.label; }).join(","); }).join("|");
    if (sig !== signature) {
      signature = sig;
      buildCharts(list);
    } else {
      charts.forEach(function (c, i) { c.spec = list[i]; c.u.setData(columns(list[i]), zoom == null); });
    }
    if (zoom) { zoomAll(zoom.min, zoom.max); }
    document.body.setAttribute("data-seconds", String(data.seconds.length));
    var elapsed = document.getElementById("elapsed");
    if (elapsed && data.live && !data.ended && data.seconds.length) { elapsed.textContent = " · " + t("elapsed") + ": " + time(Math.round(data.seconds[data.seconds.length - 1].e) * 1000); }
    var last = data.seconds[data.seconds.length - 1];
    document.body.setAttribute("data-last-elapsed", last ? String(last.e) : "");
    document.body.setAttribute("data-first-elapsed", data.seconds.length ? String(data.seconds[0].e) : "");
    // How long after its end the newest second was drawn (the dashboard's promise: within 3 s).
    document.body.setAttribute("data-shown-lag", last ? (Date.now() / 1000 - last.t).toFixed(3) : "");
  }

  function curve() {
    var section = document.getElementById("curve-section");
    var box = document.getElementById("curve");
    box.textContent = "";
    section.querySelector("h2").textContent = t("curve");
    var points = (data.curve || []).filter(function (p) { return p[0] < 100; });
    section.style.display = points.length ? "" : "none";
    if (!points.length) { return; }
    // x = 1 / (1 - p): 0% → 1, 90% → 10, 99% → 100 ... so each "nine" gets the same room on a log axis.
    var xs = points.map(function (p) { return 1 / (1 - p[0] / 100); });
    var label = function (x) { var p = 100 * (1 - 1 / x); return fixed(p, 4) + "%"; };
    new uPlot({
      width: width(box), height: 240,
      scales: { x: { time: false, distr: 3 } },
      series: [{ label: t("percentile"), value: function (u, v) { return v == null ? "–" : label(v); } },
        { label: "http_req_duration", stroke: palette[0], width: 2, value: function (u, v) { return time(v); } }],
      axes: [Object.assign(axis(label), {
        splits: function (u) { var out = [], max = u.scales.x.max; for (var x = 1; x <= max * 1.0001; x *= 10) { out.push(x); } return out; },
      }), axis(time)],
    }, [xs, points.map(function (p) { return p[1]; })], box);
  }

  function table(title, id, heads, rows, sortable) {
    var wrap = el("div", { "class": "table-wrap" });
    var head = el("tr", {}, heads.map(function (h, i) { return el("th", { "class": i === 0 || h.text ? "text" : "", "data-col": String(i), text: h.label }); }));
    var body = el("tbody");
    rows.forEach(function (r) {
      body.appendChild(el("tr", {}, r.map(function (cell, i) {
        return el("td", { "class": i === 0 || heads[i].text ? "text" : "", "data-sort": String(cell.sort), text: cell.text });
      })));
    });
    var tableNode = el("table", { id: id, "class": sortable ? "sortable" : "" }, [el("thead", {}, [head]), body]);
    if (sortable) {
      head.addEventListener("click", function (e) {
        var th = e.target.closest("th");
        if (!th) { return; }
        var col = Number(th.getAttribute("data-col"));
        var asc = th.getAttribute("aria-sort") !== "ascending";
        head.querySelectorAll("th").forEach(function (x) { x.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var trs = Array.prototype.slice.call(body.children);
        trs.sort(function (a, b) {
          var x = a.children[col].getAttribute("data-sort"), y = b.children[col].getAttribute("data-sort");
          var nx = Number(x), ny = Number(y);
          var c = isNaN(nx) || isNaN(ny) ? x.localeCompare(y) : nx - ny;
          return asc ? c : -c;
        });
        trs.forEach(function (tr) { body.appendChild(tr); });
      });
    }
    wrap.appendChild(tableNode);
    return [el("h2", { text: title }), wrap];
  }
  function cell(text, sort) { return { text: text, sort: sort == null ? text : sort }; }

  function tables() {
    var box = document.getElementById("tables");
    box.textContent = "";
    function add(parts) { parts.forEach(function (p) { box.appendChild(p); }); }
    if (data.endpoints && data.endpoints.length) {
      var service = data.endpoints.some(function (e) { return e.serviceP95Ms != null; });
      var heads = [{ label: t("name") }, { label: t("method"), text: true }, { label: t("requests") }, { label: t("tps") }, { label: t("avg") },
        { label: t("p95") }, { label: t("p99") }, { label: t("failedCol") }];
      if (service) { heads.push({ label: t("serviceP95") }); }
      add(table(t("endpoints"), "endpoints", heads, data.endpoints.map(function (e) {
        var row = [cell(e.name), cell(e.method), cell(number(e.requests), e.requests), cell(number(e.tps), e.tps), cell(time(e.avgMs), e.avgMs),
          cell(time(e.p95Ms), e.p95Ms), cell(time(e.p99Ms), e.p99Ms), cell(number(e.failed), e.failed)];
        if (service) { row.push(cell(e.serviceP95Ms == null ? "–" : time(e.serviceP95Ms), e.serviceP95Ms == null ? -1 : e.serviceP95Ms)); }
        return row;
      }), true));
    }
    var pairs = function (o) { return Object.keys(o || {}).map(function (k) { return [k, o[k]]; }); };
    var statuses = pairs(data.statuses), errorKinds = pairs(data.errors);
    if (statuses.length) {
      add(table(t("status"), "status", [{ label: t("code") }, { label: t("count") }], statuses.map(function (p) { return [cell(p[0]), cell(number(p[1]), p[1])]; }), true));
    }
    if (errorKinds.length) {
      add(table(t("errorKinds"), "error-kinds", [{ label: t("kind") }, { label: t("count") }], errorKinds.map(function (p) { return [cell(p[0]), cell(number(p[1]), p[1])]; }), true));
    }
    if (data.checks && data.checks.length) {
      add(table(t("checks"), "checks", [{ label: t("check") }, { label: t("group"), text: true }, { label: t("passes") }, { label: t("fails") }], data.checks.map(function (c) {
        return [cell(c.name), cell(c.group), cell(number(c.passes), c.passes), cell(number(c.fails), c.fails)];
      }), true));
    }
    if (data.groups && data.groups.length) {
      add(table(t("groups"), "groups", [{ label: t("path") }, { label: t("count") }, { label: t("avg") }, { label: t("p90") }, { label: t("p95") }, { label: t("max") }], data.groups.map(function (g) {
        return [cell(g.path), cell(number(g.count), g.count), cell(time(g.avg), g.avg), cell(time(g.p90), g.p90), cell(time(g.p95), g.p95), cell(time(g.max), g.max)];
      }), true));
    }
    if (data.scenarios.length && data.totals) {
      add(table(t("scenarios"), "scenarios", [{ label: t("scenario") }, { label: t("executor"), text: true }, { label: t("completed") }, { label: t("interrupted") }, { label: t("failedCol") }, { label: t("droppedCol") }],
        data.scenarios.map(function (s) {
          return [cell(s.name), cell(s.executor + ": " + s.description), cell(number(s.completed), s.completed), cell(number(s.interrupted), s.interrupted), cell(number(s.failed), s.failed), cell(number(s.dropped), s.dropped)];
        }), true));
    }
    if (data.custom && data.custom.length) {
      add(table(t("custom"), "custom", [{ label: t("metric") }, { label: t("type"), text: true }, { label: t("value"), text: true }], data.custom.map(function (m) {
        var v = m.values, text;
        var f = m.contains === "time" ? time : m.contains === "data" ? bytes : number;
        if (m.type === "counter") { text = f(v.count) + " (" + f(v.rate) + "/s)"; }
        else if (m.type === "gauge") { text = f(v.value) + " (min " + f(v.min) + ", max " + f(v.max) + ")"; }
        else if (m.type === "rate") { text = percent(v.rate) + " (" + number(v.passes) + " / " + number(v.passes + v.fails) + ")"; }
        else { text = Object.keys(v).map(function (k) { return k + "=" + f(v[k]); }).join(" "); }
        return [cell(m.name), cell(m.type), cell(text)];
      }), true));
    }
    if (data.targets && data.targets.length) {
      add(table(t("targets"), "targets", [{ label: t("target") }, { label: t("kind"), text: true }, { label: t("cpuAvg") }, { label: t("cpuPeak") }, { label: t("memoryPeak") }], data.targets.map(function (r) {
        return [cell(r.target), cell(r.kind), cell(r.cpuAvg == null ? "–" : fixed(r.cpuAvg, 1) + "%", r.cpuAvg), cell(r.cpuPeak == null ? "–" : fixed(r.cpuPeak, 1) + "%", r.cpuPeak), cell(memory(r.memoryPeak), r.memoryPeak)];
      }), true));
    }
  }

  function events() {
    var box = document.getElementById("events");
    box.textContent = "";
    var rows = [];
    data.seconds.forEach(function (r) { (r.ev || []).forEach(function (e) { rows.push([cell(time(r.e * 1000), r.e), cell(e[0]), cell(e[1])]); }); });
    if (rows.length) {
      table(t("events"), "events-table", [{ label: t("at") }, { label: t("kind"), text: true }, { label: t("message"), text: true }], rows, false).forEach(function (p) { box.appendChild(p); });
    }
  }

  function renderAll() {
    header();
    verdicts();
    totals();
    signature = "";
    drawCharts();
    curve();
    tables();
    events();
    document.getElementById("foot").textContent = t("footer");
  }

  function schedule() {
    if (pending) { return; }
    pending = true;
    // At most a few redraws a second, whatever the stream does after a catch-up.
    setTimeout(function () { pending = false; drawCharts(); events(); }, 250);
  }

  if (data.findMax || data.tour || data.compare) {
    SurgePages({ t: t, el: el, cell: cell, table: table, number: number, fixed: fixed, time: time, percent: percent, memory: memory,
      localTime: localTime, axis: axis, width: width, palette: palette, data: data })();
    return;
  }

  renderAll();
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { signature = ""; drawCharts(); curve(); }, 150);
  });

  if (data.live) {
    var source = new EventSource("events" + location.search);
    source.addEventListener("second", function (e) {
      var row = JSON.parse(e.data);
      var last = data.seconds[data.seconds.length - 1];
      if (!last || row.e > last.e) { data.seconds.push(row); schedule(); }
    });
    source.addEventListener("end", function (e) {
      data = JSON.parse(e.data);
      data.live = true;
      data.ended = true;
      source.close();
      renderAll();
      document.body.setAttribute("data-ended", "true");
    });
  }
}());
