// The report's other pages, drawn with the helpers report.js hands over: surge compare --html, surge
// find-max --report and surge lab tour --report. report.js itself draws a run's report and the live dashboard.
var SurgePages = function (h) {
  "use strict";
  var t = h.t, el = h.el, cell = h.cell, table = h.table, number = h.number, fixed = h.fixed, time = h.time,
    percent = h.percent, memory = h.memory, localTime = h.localTime, axis = h.axis, width = h.width,
    palette = h.palette, data = h.data;
  // surge compare --html: the comparison table, and both runs overlaid on seconds since each one's start.
  function renderCompare() {
    var runs = data.runs, cmp = data.comparison;
    var head = document.getElementById("head");
    head.appendChild(el("h1", { text: t("comparison") + ": " + runs[0].label + " → " + runs[1].label }));
    runs.forEach(function (r, i) {
      head.appendChild(el("div", { "class": "meta" }, [(i ? t("after") : t("before")) + ": " + r.label + " · " + r.data.target + " · " +
        localTime(r.data.start) + " · " + time(r.data.durationS * 1000)]));
    });
    if (cmp.differences.length) { head.appendChild(el("div", { "class": "meta", text: cmp.differences.join("; ") })); }
    document.title = t("comparison") + " – " + runs[0].label + " → " + runs[1].label;
    var value = function (unit, v) {
      if (v == null) { return "–"; }
      return unit === "ms" ? time(v) : unit === "percent" ? fixed(v, 2) + "%" : unit === "bytes" ? memory(v) : number(v) + "/s";
    };
    var rows = cmp.rows.map(function (r) {
      return [cell(r.group + " " + r.name), cell(value(r.unit, r.before), r.before == null ? -1 : r.before), cell(value(r.unit, r.after), r.after == null ? -1 : r.after),
        cell(r.changePercent == null ? "–" : (r.changePercent > 0 ? "+" : "") + fixed(r.changePercent, 1) + "%", r.changePercent == null ? 0 : r.changePercent), cell(t(r.verdict))];
    });
    var tablesBox = document.getElementById("tables");
    table(t("comparison"), "comparison", [{ label: t("metric") }, { label: t("before") }, { label: t("after") }, { label: t("change") }, { label: t("verdict"), text: true }], rows, true)
      .forEach(function (p) { tablesBox.appendChild(p); });

    var last = 0;
    runs.forEach(function (r) { r.data.seconds.forEach(function (row) { last = Math.max(last, Math.round(row.e)); }); });
    var xs = [];
    for (var i = 0; i <= last; i++) { xs.push(i); }
    function column(run, get) {
      var out = xs.map(function () { return null; });
      run.data.seconds.forEach(function (row) { out[Math.round(row.e)] = get(row); });
      return out;
    }
    var errors = function (row) { return Object.keys(row.err).reduce(function (sum, k) { return sum + row.err[k]; }, 0); };
    var specs = [
      { id: "tps", title: t("chartThroughput"), fmt: number, get: function (r) { return r.tps; } },
      { id: "p95", title: t("chartLatency") + " (p95)", fmt: time, get: function (r) { return r.p95; } },
      { id: "p99", title: t("chartLatency") + " (p99)", fmt: time, get: function (r) { return r.p99; } },
      { id: "errors", title: t("chartErrors"), fmt: number, get: errors },
      { id: "vus", title: t("chartVus"), fmt: number, get: function (r) { return r.vus; } },
    ];
    var targets = {};
    runs[0].data.seconds.forEach(function (r) { Object.keys(r.res).forEach(function (k) { targets[k] = true; }); });
    Object.keys(targets).sort().forEach(function (name) {
      specs.push({ id: "cpu-" + name, title: t("chartCpu") + ": " + name, fmt: function (v) { return v == null ? "–" : fixed(v, 1) + "%"; },
        get: function (r) { var v = r.res[name]; return v ? v[0] : null; } });
    });
    var box = document.getElementById("charts");
    specs.forEach(function (spec) {
      var holder = el("div", { "class": "chart", id: "chart-" + spec.id }, [el("div", { "class": "chart-title", text: spec.title })]);
      box.appendChild(holder);
      new uPlot({
        width: width(holder), height: 200,
        cursor: { sync: { key: "surge-compare" } },
        scales: { x: { time: false } },
        series: [{ label: t("elapsed"), value: function (u, v) { return v == null ? "–" : time(v * 1000); } }].concat(runs.map(function (run, n) {
          return { label: run.label, stroke: palette[n], width: 1.5, value: function (u, v) { return spec.fmt(v); } };
        })),
        axes: [axis(function (v) { return time(v * 1000); }), axis(spec.fmt)],
      }, [xs].concat(runs.map(function (run) { return column(run, spec.get); })), holder);
    });
    document.getElementById("curve-section").style.display = "none";
    document.getElementById("foot").textContent = t("footer");
  }

  // surge find-max --report: the steps as points (throughput against the offered load, latency against
  // throughput, throughput against concurrency with the USL curve) and their table. The tour draws one per
  // stage into its own boxes, its ids prefixed.
  function renderFindMax(fm, box, prefix) {
    var open = fm.model === "open";
    if (box.head) {
      box.head.appendChild(el("h1", {}, [t("findMax") + ": " + fm.target, fm.maxTps != null
        ? el("span", { "class": "badge ok", id: "state", text: t("maxTps") + " " + number(fm.maxTps, 1) + "/s" })
        : el("span", { "class": "badge bad", id: "state", text: t("noMax") })]));
      box.head.appendChild(el("div", { "class": "meta", text: (open ? t("openModel") : t("closedModel")) + " · " + t("goals") + ": " + (fm.goals.join(", ") || "–") }));
      document.title = t("findMax") + " – " + fm.target;
    }
    if (fm.diagnosis.length) {
      box.diagnosis.appendChild(el("h2", { text: t("diagnosis") }));
      box.diagnosis.appendChild(el("pre", { text: fm.diagnosis.join("\n") }));
    }
    var steps = fm.steps.slice();
    var passed = function (s) { return s.verdict === "Passed"; };
    // One x array per chart: the points sorted by x; passing and failing steps as two series of dots.
    function points(id, title, xLabel, xFmt, yFmt, x, ys, curve) {
      var sorted = steps.slice().sort(function (a, b) { return x(a) - x(b); });
      var xs = sorted.map(x), cols = [xs], series = [{ label: xLabel, value: function (u, v) { return v == null ? "–" : xFmt(v); } }], n = 0;
      ys.forEach(function (y) {
        [true, false].forEach(function (ok) {
          cols.push(sorted.map(function (s) { return passed(s) === ok ? y.get(s) : null; }));
          series.push({ label: y.label + (ok ? "" : " ✗"), stroke: ok ? palette[n] : palette[n + 1], width: 0, paths: function () { return null; },
            points: { show: true, size: 9, fill: ok ? palette[n] : palette[n + 1] }, value: function (u, v) { return yFmt(v); } });
        });
        n += 2;
      });
      if (curve) {
        cols.push(xs.map(curve.get));
        series.push({ label: curve.label, stroke: palette[4], width: 1.5, dash: [6, 4], points: { show: false }, value: function (u, v) { return yFmt(v); } });
      }
      var holder = el("div", { "class": "chart", id: "chart-" + prefix + id }, [el("div", { "class": "chart-title", text: title })]);
      box.charts.appendChild(holder);
      new uPlot({ width: width(holder), height: 240, scales: { x: { time: false } }, series: series, axes: [axis(xFmt), axis(yFmt)] }, cols, holder);
    }
    var perSecond = function (v) { return v == null ? "–" : number(v, 1) + "/s"; };
    var level = open ? perSecond : function (v) { return v == null ? "–" : number(v, 0) + " VUs"; };
    points("steps", open ? t("tpsByRate") : t("tpsByVus"), open ? t("offered") : t("vus"), level, perSecond,
      function (s) { return s.level; }, [{ label: t("tps"), get: function (s) { return s.tps; } }],
      open ? { label: t("offered"), get: function (x) { return x; } } : null);
    points("latency", t("latencyByTps"), t("tps"), perSecond, time, function (s) { return s.tps; },
      [{ label: "p95", get: function (s) { return s.p95Ms; } }]);
    if (fm.usl) {
      var u = fm.usl;
      points("usl", t("uslFit") + " (λ=" + number(u.lambda, 2) + ", σ=" + number(u.sigma, 4) + ", κ=" + number(u.kappa, 6) + ", R²=" + number(u.rSquared, 3) + ")",
        t("concurrency"), function (v) { return v == null ? "–" : number(v, 1); }, perSecond, function (s) { return s.concurrency; },
        [{ label: t("tps"), get: function (s) { return s.tps; } }],
        { label: "USL", get: function (n) { return u.lambda * n / (1 + u.sigma * (n - 1) + u.kappa * n * (n - 1)); } });
    }
    var rows = steps.map(function (s) {
      return [cell(String(s.number), s.number), cell(level(s.level), s.level), cell(s.verdict + (s.hold ? " (" + t("hold") + ")" : "") + (s.best ? " ★" : "")),
        cell(perSecond(s.tps), s.tps), cell(time(s.p50Ms), s.p50Ms), cell(time(s.p95Ms), s.p95Ms), cell(time(s.p99Ms), s.p99Ms), cell(percent(s.errorRate), s.errorRate), cell(s.reasons)];
    });
    table(t("steps"), prefix + "steps", [{ label: t("step") }, { label: open ? t("offered") : t("vus") }, { label: t("verdict"), text: true }, { label: t("tps") },
      { label: "p50" }, { label: "p95" }, { label: "p99" }, { label: t("errorRate") }, { label: t("reasons"), text: true }], rows, true)
      .forEach(function (p) { box.tables.appendChild(p); });
  }


  // surge lab tour --report: the tour's table, then each stage's find-max as above, one section a stage.
  function renderTour() {
    var head = document.getElementById("head");
    head.appendChild(el("h1", { text: t("tour") }));
    head.appendChild(el("div", { "class": "meta", text: t("openModel") + " · " + t("goals") + ": " + data.goals.join(", ") }));
    document.title = t("tour");
    var heads = ["stage", "topology", "tourMax", "p95", "bottleneck", "nextStep", "gain"].map(function (k, i) { return { label: t(k), text: i === 1 || i === 4 || i === 5 }; });
    table(t("tourTable"), "tour", heads, data.stages.map(function (s) { return s.cells.map(function (c) { return cell(c); }); }), false)
      .forEach(function (p) { document.getElementById("tables").appendChild(p); });
    var main = document.querySelector("main");
    data.stages.forEach(function (s) {
      var box = { diagnosis: el("div", { "class": "stage-diagnosis" }), charts: el("div", { "class": "stage-charts" }), tables: el("div") };
      main.appendChild(el("section", { "class": "stage", id: "stage-" + s.stage }, [el("h2", { text: t("stage") + " " + s.stage + ": " + s.cells[1] }),
        el("div", { "class": "meta", text: s.findMax.target }), box.diagnosis, box.charts, box.tables]));
      renderFindMax(s.findMax, box, "s" + s.stage + "-");
    });
  }

  function parts() {
    return { head: document.getElementById("head"), diagnosis: document.getElementById("diagnosis"), charts: document.getElementById("charts"), tables: document.getElementById("tables") };
  }
  return function render() {
    if (data.compare) {
      renderCompare();
      return;
    }

    if (data.tour) { renderTour(); } else { renderFindMax(data, parts(), ""); }
    document.getElementById("curve-section").style.display = "none";
    document.getElementById("foot").textContent = t("footer");
  };
};
