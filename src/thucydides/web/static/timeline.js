// thucydides dashboard: the timeline of cooperation (up) and conflict (down) with the Goldstein sum.
// By default it shows the shortest span that holds the bulk (95 %) of the dated events, so that a
// few historical events do not stretch the axis; a button shows every date.
"use strict";

(function (TH) {
  const { el, svg, title, MONTHS, QUAD } = TH;
  const BULK = 0.95;
  const LABEL_STEPS = { month: [1, 2, 3, 4, 6, 12, 24], week: [1, 2, 4, 8, 13, 26, 52], day: [1, 2, 7, 14, 28, 56, 91] };

  const utc = (iso) => new Date(`${iso}T00:00:00Z`);
  const dayOf = (d) => d.toISOString().slice(0, 10);

  // Empty periods get an empty bar, so that the time axis is even.
  function fillGaps(buckets, by) {
    if (buckets.length < 2) return buckets;
    const byStart = new Map(buckets.map((b) => [b.start, b]));
    const next = (d) => {
      const n = new Date(d);
      if (by === "month") n.setUTCMonth(n.getUTCMonth() + 1);
      else n.setUTCDate(n.getUTCDate() + (by === "week" ? 7 : 1));
      return n;
    };
    const out = [];
    const last = utc(buckets[buckets.length - 1].start);
    for (let d = utc(buckets[0].start); d <= last && out.length <= 5000; d = next(d)) {
      const start = dayOf(d);
      out.push(byStart.get(start) || { start, events: 0, mentions: 0, goldstein: 0, quad_1: 0, quad_2: 0, quad_3: 0, quad_4: 0 });
    }
    return out.length > 5000 ? buckets : out;
  }

  // The shortest run of buckets [first, last] holding at least BULK of the events.
  function bulk(buckets) {
    const n = buckets.length;
    const total = buckets.reduce((s, b) => s + b.events, 0);
    if (n < 3 || !total) return [0, n - 1];
    const need = Math.ceil(total * BULK);
    let best = [0, n - 1];
    let end = 0, sum = 0;
    for (let start = 0; start < n; start++) {
      while (end < n && sum < need) sum += buckets[end++].events;
      if (sum < need) break;
      if (end - 1 - start < best[1] - best[0]) best = [start, end - 1];
      sum -= buckets[start].events;
    }
    return best;
  }

  // One label format per bucket size: "Jan" / "21 Jan", with the year where it starts or changes.
  function label(start, by, withYear) {
    const d = utc(start);
    const month = MONTHS[d.getUTCMonth()];
    const year = withYear ? ` ${d.getUTCFullYear()}` : "";
    return by === "month" ? `${month}${year}` : `${d.getUTCDate()} ${month}${year}`;
  }

  function periodName(start, by) {
    const text = label(start, by, true);
    return by === "week" ? `week of ${text}` : text;
  }

  // Ticks for a count axis of about px units: the finest round step (1, 2, 5 × 10^n) that leaves
  // room between labels, and the axis top rounded up to it, so that bars never pass the axis.
  function scale(max, px) {
    const most = Math.max(1, Math.floor(px / 22));
    let step = 1;
    for (let mag = 1; ; mag *= 10) {
      const found = [1, 2, 5].map((m) => m * mag).find((s) => Math.ceil(Math.max(max, 1) / s) <= most);
      if (found) { step = found; break; }
    }
    const top = Math.max(step, Math.ceil(max / step) * step);
    const ticks = [];
    for (let v = step; v <= top; v += step) ticks.push(v);
    return { top, ticks };
  }

  // Draw into box. opts: { all (show every date), onToggle (called when the range button is pressed) }.
  function draw(box, data, opts) {
    const everything = fillGaps(data.buckets, data.by);
    if (!everything.length) {
      box.replaceChildren(el("div", { class: "empty", text: `No dated events at ${data.by} precision (${data.undated} without one).` }));
      return;
    }
    const [lo, hi] = opts.all ? [0, everything.length - 1] : bulk(everything);
    const buckets = everything.slice(lo, hi + 1);
    const before = everything.slice(0, lo).reduce((s, b) => s + b.events, 0);
    const after = everything.slice(hi + 1).reduce((s, b) => s + b.events, 0);

    const W = 1000, H = 270, left = 56, right = 48, top = 14, bottom = 30;
    const plotH = H - top - bottom;
    const maxUp = Math.max(0, ...buckets.map((b) => b.quad_1 + b.quad_2));
    const maxDown = Math.max(0, ...buckets.map((b) => b.quad_3 + b.quad_4));
    const share = Math.max(maxUp, 1) / (Math.max(maxUp, 1) + Math.max(maxDown, 1));
    const up = scale(maxUp, plotH * share);
    const down = scale(maxDown, plotH * (1 - share));
    const unit = plotH / (up.top + down.top);
    const zeroY = top + up.top * unit;
    const step = (W - left - right) / buckets.length;
    const barW = Math.max(1, Math.min(38, step * 0.75));
    const g = svg("g");
    const chart = svg("svg", {
      viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "timeline of cooperation and conflict",
      "data-first": buckets[0].start, "data-last": buckets[buckets.length - 1].start, "data-by": data.by,
    }, g);
    for (const [ticks, sign] of [[up.ticks, -1], [down.ticks, 1]]) {
      for (const v of ticks) {
        const y = zeroY + sign * v * unit;
        g.append(svg("line", { class: "gridline", x1: left, x2: W - right, y1: y, y2: y }),
          svg("text", { class: "tick", x: left - 6, y: y + 3, "text-anchor": "end" }, String(v)));
      }
    }
    // the two halves named in the left margin, each along its own half
    const upMid = (top + zeroY) / 2, downMid = (zeroY + H - bottom) / 2;
    g.append(svg("text", { class: "tick half", x: 12, y: upMid, transform: `rotate(-90 12 ${upMid})`, "text-anchor": "middle" }, "cooperation"),
      svg("text", { class: "tick half", x: 12, y: downMid, transform: `rotate(-90 12 ${downMid})`, "text-anchor": "middle" }, "conflict"));
    buckets.forEach((b, i) => {
      const x = left + i * step + (step - barW) / 2;
      const group = svg("g", { class: "bucket", "data-start": b.start });
      let y = zeroY;
      for (const q of ["2", "1"]) {
        const h = b[`quad_${q}`] * unit;
        if (h > 0) { y -= h; group.append(svg("rect", { class: `bar q${q}`, x, y, width: barW, height: h })); }
      }
      y = zeroY;
      for (const q of ["3", "4"]) {
        const h = b[`quad_${q}`] * unit;
        if (h > 0) { group.append(svg("rect", { class: `bar q${q}`, x, y, width: barW, height: h })); y += h; }
      }
      group.append(title(`${periodName(b.start, data.by)}: ${b.events} events (${b.mentions} reports), Goldstein sum ${b.goldstein}\n` +
        Object.entries(QUAD).map(([q, name]) => `${name}: ${b[`quad_${q}`]}`).join("\n")));
      group.append(svg("rect", { x: left + i * step, y: top, width: step, height: plotH, fill: "transparent" }));
      g.append(group);
    });
    // period labels: every k-th bucket, k the smallest round step leaving room for a label
    const room = data.by === "month" ? 64 : 70;
    const every = LABEL_STEPS[data.by].find((k) => k * step >= room) || Math.ceil(room / step);
    let lastYear = null;
    buckets.forEach((b, i) => {
      if (i % every) return;
      const year = b.start.slice(0, 4);
      g.append(svg("text", { class: "tick period", x: left + i * step + step / 2, y: H - bottom + 16, "text-anchor": "middle" },
        label(b.start, data.by, year !== lastYear)));
      lastYear = year;
    });
    g.append(svg("line", { class: "zero", x1: left, x2: W - right, y1: zeroY, y2: zeroY }));
    // the Goldstein sum on its own axis (right), inside the plot
    const gmax = Math.max(1, ...buckets.map((b) => Math.abs(b.goldstein)));
    const reach = Math.min(zeroY - top, H - bottom - zeroY);
    const gy = (v) => zeroY - (v / gmax) * reach * 0.95;
    g.append(svg("polyline", { class: "gline", points: buckets.map((b, i) => `${left + i * step + step / 2},${gy(b.goldstein)}`).join(" ") }));
    buckets.forEach((b, i) => g.append(svg("circle", { class: "gdot", cx: left + i * step + step / 2, cy: gy(b.goldstein), r: 2.5 }, title(`Goldstein sum ${b.goldstein}`))));
    g.append(svg("text", { class: "tick", x: W - right + 6, y: gy(gmax) + 3 }, `+${Math.round(gmax)}`),
      svg("text", { class: "tick", x: W - right + 6, y: gy(-gmax) + 3 }, `−${Math.round(gmax)}`),
      svg("text", { class: "tick", x: W - right + 6, y: zeroY + 3 }, "0 G"));

    const notes = [];
    if (before || after || opts.all) {
      const outside = [before ? `${before} earlier` : null, after ? `${after} later` : null].filter(Boolean).join(" and ");
      const first = everything[0].start, last = everything[everything.length - 1].start;
      notes.push(el("span", { text: opts.all ? `All dates, ${label(first, data.by, true)} to ${label(last, data.by, true)}. ` : `Showing the bulk of the events; ${outside} outside this range. ` }),
        el("button", { type: "button", id: "timeline-range", class: "link", onclick: opts.onToggle }, opts.all ? "Show the bulk" : `Show all dates (from ${label(first, data.by, true)})`));
    }
    if (data.undated) notes.push(el("span", { text: ` ${data.undated} of ${data.events} events have no date at ${data.by} precision and are left out.` }));
    box.replaceChildren(chart, ...(notes.length ? [el("div", { class: "hint timeline-note" }, ...notes)] : []));
  }

  TH.timeline = { draw, bulk, fillGaps, label };
})(window.TH);
