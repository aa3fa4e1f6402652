// thucydides dashboard: vanilla JavaScript, no libraries, nothing fetched from other hosts.
// Every number shown is aggregated by the server; the page only draws it.
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  const QUAD = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  const PAGE = 50;

  const state = { by: "month", sort: "date", cursor: null, world: null };
  const $ = (sel) => document.querySelector(sel);

  // ------------------------------------------------------------ small helpers

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  function title(text) {
    return svg("title", {}, text);
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function actorLabel(actor) {
    if (!actor) return "—";
    return actor.name || actor.text || actor.code || "—";
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const err = new Error(body.error || `HTTP ${response.status}`);
      err.parameter = body.parameter;
      throw err;
    }
    return body;
  }

  function showMessage(text) {
    const box = $("#message");
    box.textContent = text || "";
    box.hidden = !text;
  }

  // ------------------------------------------------------------ filters and the URL

  const FIELDS = ["actor", "type", "quad_class", "since", "until", "q"];

  function readForm() {
    const form = $("#filters");
    const f = {};
    for (const name of FIELDS) {
      const value = form.elements[name].value.trim();
      if (value) f[name] = value;
    }
    const a = form.elements.dyad_a.value.trim().toUpperCase();
    const b = form.elements.dyad_b.value.trim().toUpperCase();
    if (a && b) f.dyad = `${a},${b}`;
    return f;
  }

  function writeForm(f) {
    const form = $("#filters");
    for (const name of FIELDS) form.elements[name].value = f[name] || "";
    const [a, b] = (f.dyad || ",").split(",");
    form.elements.dyad_a.value = a || "";
    form.elements.dyad_b.value = b || "";
  }

  function fromLocation() {
    const params = new URLSearchParams(window.location.search);
    const f = {};
    for (const name of [...FIELDS, "dyad"]) if (params.get(name)) f[name] = params.get(name);
    if (["day", "week", "month"].includes(params.get("by"))) state.by = params.get("by");
    return f;
  }

  function query(f, extra) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...f, ...(extra || {}) })) if (v !== undefined && v !== "") params.set(k, v);
    return params.toString();
  }

  // ------------------------------------------------------------ header

  async function loadSummary() {
    const s = await getJSON("/api/summary");
    const box = $("#summary");
    box.replaceChildren(
      el("b", { text: s.events.toLocaleString() }), " events from ",
      el("b", { text: s.documents.toLocaleString() }), " documents",
      s.first_day ? ` · ${s.first_day} to ${s.last_day}` : "",
    );
    const actors = await getJSON("/api/actors?limit=500");
    const seen = new Set();
    const options = [];
    for (const a of actors.actors) {
      // one entry per code and one per country code, so both the actor and dyad fields can use the list
      for (const [value, label] of [[a.code, `${a.name || a.code} (${a.events})`], [a.country, a.country]]) {
        if (value && !seen.has(value)) { seen.add(value); options.push(el("option", { value, label })); }
      }
    }
    $("#actor-list").replaceChildren(...options);
  }

  // ------------------------------------------------------------ timeline

  async function loadTimeline(f) {
    const url = `/api/timeline?${query(f, { by: state.by })}`;
    if (f.dyad) {
      const [a, b] = f.dyad.split(",");
      $("#timeline-title").textContent = `Cooperation and conflict between ${a} and ${b}`;
    } else {
      $("#timeline-title").textContent = f.actor
        ? `Cooperation and conflict involving ${f.actor}`
        : "Cooperation and conflict over time";
    }
    drawTimeline(await getJSON(url));
  }

  function drawTimeline(data) {
    const box = $("#timeline");
    const buckets = fillGaps(data.buckets, data.by);
    if (!buckets.length) {
      box.replaceChildren(el("div", { class: "empty", text: `No dated events at ${data.by} precision (${data.undated} without one).` }));
      return;
    }
    const W = 1000, H = 260, left = 44, right = 44, top = 12, bottom = 34;
    const coop = (b) => b.quad_1 + b.quad_2;
    const conf = (b) => b.quad_3 + b.quad_4;
    const maxUp = Math.max(1, ...buckets.map(coop));
    const maxDown = Math.max(1, ...buckets.map(conf));
    const plotH = H - top - bottom;
    const zeroY = top + plotH * (maxUp / (maxUp + maxDown));
    const unit = plotH / (maxUp + maxDown);
    const step = (W - left - right) / buckets.length;
    const barW = Math.max(1, Math.min(38, step * 0.75));
    const g = svg("g");
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "timeline of cooperation and conflict" }, g);
    // grid and axes
    for (const v of niceTicks(maxUp)) {
      const y = zeroY - v * unit;
      g.append(svg("line", { class: "gridline", x1: left, x2: W - right, y1: y, y2: y }), svg("text", { class: "tick", x: left - 6, y: y + 3, "text-anchor": "end" }, String(v)));
    }
    for (const v of niceTicks(maxDown)) {
      const y = zeroY + v * unit;
      g.append(svg("line", { class: "gridline", x1: left, x2: W - right, y1: y, y2: y }), svg("text", { class: "tick", x: left - 6, y: y + 3, "text-anchor": "end" }, String(v)));
    }
    g.append(svg("text", { class: "tick", x: left + 4, y: top + 10 }, "▲ cooperation"),
      svg("text", { class: "tick", x: left + 4, y: H - bottom - 4 }, "▼ conflict"));
    const labelEvery = Math.ceil(buckets.length / 12);
    buckets.forEach((b, i) => {
      const x = left + i * step + (step - barW) / 2;
      const group = svg("g", { class: "bucket" });
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
      group.append(title(`${b.period}: ${b.events} events (${b.mentions} reports), Goldstein sum ${b.goldstein}\n` +
        Object.entries(QUAD).map(([q, name]) => `${name}: ${b[`quad_${q}`]}`).join("\n")));
      // an invisible full-height target so thin bars are easy to hover
      group.append(svg("rect", { x: left + i * step, y: top, width: step, height: plotH, fill: "transparent" }));
      g.append(group);
      if (i % labelEvery === 0) {
        g.append(svg("text", { class: "tick", x: left + i * step + step / 2, y: H - bottom + 14, "text-anchor": "middle" }, b.period));
      }
    });
    g.append(svg("line", { class: "zero", x1: left, x2: W - right, y1: zeroY, y2: zeroY }));
    // Goldstein sum on its own axis (right)
    const gmax = Math.max(1, ...buckets.map((b) => Math.abs(b.goldstein)));
    const gy = (v) => zeroY - (v / gmax) * Math.min(zeroY - top, H - bottom - zeroY) * 0.95;
    const points = buckets.map((b, i) => `${left + i * step + step / 2},${gy(b.goldstein)}`);
    g.append(svg("polyline", { class: "gline", points: points.join(" ") }));
    buckets.forEach((b, i) => g.append(svg("circle", { class: "gdot", cx: left + i * step + step / 2, cy: gy(b.goldstein), r: 2.5 }, title(`Goldstein sum ${b.goldstein}`))));
    g.append(svg("text", { class: "tick", x: W - right + 6, y: gy(gmax) + 3 }, `+${Math.round(gmax)}`),
      svg("text", { class: "tick", x: W - right + 6, y: gy(-gmax) + 3 }, `−${Math.round(gmax)}`),
      svg("text", { class: "tick", x: W - right + 6, y: zeroY + 3 }, "0 G"));
    const foot = data.undated ? el("div", { class: "hint", text: `${data.undated} of ${data.events} events have no date at ${data.by} precision and are left out.` }) : null;
    box.replaceChildren(chart, ...(foot ? [foot] : []));
  }

  function fillGaps(buckets, by) {
    // Empty periods get an empty bar, so that the time axis is even.
    if (buckets.length < 2) return buckets;
    const byStart = new Map(buckets.map((b) => [b.start, b]));
    const next = (d) => {
      const n = new Date(d);
      if (by === "month") n.setUTCMonth(n.getUTCMonth() + 1);
      else n.setUTCDate(n.getUTCDate() + (by === "week" ? 7 : 1));
      return n;
    };
    const out = [];
    const last = new Date(`${buckets[buckets.length - 1].start}T00:00:00Z`);
    for (let d = new Date(`${buckets[0].start}T00:00:00Z`); d <= last && out.length <= 3000; d = next(d)) {
      const start = d.toISOString().slice(0, 10);
      const period = by === "month" ? start.slice(0, 7) : by === "week" ? `week of ${start}` : start;
      out.push(byStart.get(start) || { period, start, events: 0, mentions: 0, goldstein: 0, quad_1: 0, quad_2: 0, quad_3: 0, quad_4: 0 });
    }
    return out.length > 3000 ? buckets : out;
  }

  function niceTicks(max) {
    const raw = max / 3;
    const mag = Math.pow(10, Math.floor(Math.log10(raw || 1)));
    const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) || mag;
    const out = [];
    for (let v = step; v <= max; v += step) out.push(Math.round(v));
    return out;
  }

  // ------------------------------------------------------------ map

  const MAP = { W: 1000, H: 480, north: 84, south: -58 };
  const project = (lon, lat) => [((lon + 180) / 360) * MAP.W, ((MAP.north - lat) / (MAP.north - MAP.south)) * MAP.H];

  function ring(points) {
    return points.map(([lon, lat], i) => `${i ? "L" : "M"}${project(lon, lat).map((v) => v.toFixed(1)).join(",")}`).join("") + "Z";
  }

  async function loadMap(f) {
    if (!state.world) state.world = await getJSON("/static/world.json");
    drawMap(await getJSON(`/api/map?${query(f, { limit: 1000 })}`));
  }

  function drawMap(data) {
    const { W, H } = MAP;
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "map of events" });
    root.append(svg("rect", { class: "sea", x: 0, y: 0, width: W, height: H }));
    let grid = "";
    for (let lon = -150; lon <= 150; lon += 30) { const [x] = project(lon, 0); grid += `M${x},0V${H}`; }
    for (let lat = -45; lat <= 75; lat += 15) { const [, y] = project(0, lat); grid += `M0,${y}H${W}`; }
    root.append(svg("path", { class: "graticule", d: grid }));
    root.append(svg("path", { class: "land", d: Object.values(state.world.land).map(ring).join("") }));
    root.append(svg("path", { class: "lake", d: Object.values(state.world.lakes).map(ring).join("") }));
    const maxC = Math.max(1, ...data.countries.map((c) => c.events));
    for (const c of data.countries) {
      if (c.lat === null || c.lon === null) continue;
      const [x, y] = project(c.lon, c.lat);
      root.append(svg("circle", {
        class: "country-bubble", cx: x, cy: y, r: 5 + 22 * Math.sqrt(c.events / maxC), "data-country": c.country,
        onclick: () => { setFilters({ ...readForm(), country: undefined, actor: c.country }); },
      }, title(`${c.country}: ${c.events} events as an actor (${c.cooperation} cooperation, ${c.conflict} conflict)`)));
    }
    const maxP = Math.max(1, ...data.places.map((p) => p.events));
    const labelled = new Set();
    const placedLabels = [];
    for (const p of data.places.slice(0, 12)) {
      const [x, y] = project(p.lon, p.lat);
      if (placedLabels.every(([lx, ly]) => Math.abs(lx - x) > 60 || Math.abs(ly - y) > 12)) {
        placedLabels.push([x, y]);
        labelled.add(p.name);
      }
    }
    for (const p of data.places) {
      const [x, y] = project(p.lon, p.lat);
      const kind = p.cooperation > 2 * p.conflict ? "coop" : p.conflict > 2 * p.cooperation ? "conf" : "mixed";
      root.append(svg("circle", { class: `place ${kind}`, cx: x, cy: y, r: 2.5 + 8 * Math.sqrt(p.events / maxP) },
        title(`${p.name}${p.country ? ` (${p.country})` : ""}: ${p.events} events, mean Goldstein ${p.goldstein_mean}`)));
      if (labelled.has(p.name)) root.append(svg("text", { class: "map-label", x: x + 6, y: y - 4 }, p.name));
    }
    const box = $("#map");
    box.replaceChildren(root);
    if (!data.places.length && !data.countries.length) box.append(el("div", { class: "hint", text: "No located events for these filters." }));
  }

  // ------------------------------------------------------------ network

  async function loadNetwork(f) {
    drawNetwork(await getJSON(`/api/network?${query(f, { limit: 80 })}`), f);
  }

  function layout(nodes, edges, W, H) {
    // A small deterministic force layout (Fruchterman–Reingold) started from a circle.
    const n = nodes.length;
    const pos = nodes.map((_, i) => ({ x: W / 2 + (W / 3) * Math.cos((2 * Math.PI * i) / n), y: H / 2 + (H / 3) * Math.sin((2 * Math.PI * i) / n) }));
    const index = new Map(nodes.map((d, i) => [d.code, i]));
    const k = Math.sqrt((W * H) / Math.max(n, 1)) * 0.6;
    let temp = W / 8;
    for (let iter = 0; iter < 250; iter++) {
      const disp = pos.map(() => ({ x: 0, y: 0 }));
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          const d = Math.max(Math.hypot(dx, dy), 0.01);
          const f = (k * k) / d;
          disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f;
          disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
        }
      }
      for (const e of edges) {
        const i = index.get(e.a), j = index.get(e.b);
        const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d = Math.max(Math.hypot(dx, dy), 0.01);
        const f = ((d * d) / k) * Math.min(1 + Math.log(e.events), 3) * 0.5;
        disp[i].x -= (dx / d) * f; disp[i].y -= (dy / d) * f;
        disp[j].x += (dx / d) * f; disp[j].y += (dy / d) * f;
      }
      for (let i = 0; i < n; i++) {
        // a pull to the centre keeps separate components close to the rest
        disp[i].x += (W / 2 - pos[i].x) * 0.8;
        disp[i].y += (H / 2 - pos[i].y) * 0.8;
        const d = Math.max(Math.hypot(disp[i].x, disp[i].y), 0.01);
        pos[i].x += (disp[i].x / d) * Math.min(d, temp);
        pos[i].y += (disp[i].y / d) * Math.min(d, temp);
      }
      temp = Math.max(temp * 0.97, 1);
    }
    // fit the drawing to the box, leaving room for labels
    const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const scale = Math.min((W - 120) / Math.max(x1 - x0, 1), (H - 50) / Math.max(y1 - y0, 1), 4.5);
    const dx = (W - 80 - (x1 - x0) * scale) / 2, dy = (H - (y1 - y0) * scale) / 2;
    return pos.map((p) => ({ x: dx + (p.x - x0) * scale, y: dy + (p.y - y0) * scale }));
  }

  function drawNetwork(data, f) {
    const box = $("#network");
    if (!data.edges.length) {
      box.replaceChildren(el("div", { class: "empty", text: "No events with both a source and a target for these filters." }));
      return;
    }
    const W = 1000, H = 480;
    const pos = layout(data.nodes, data.edges, W, H);
    const index = new Map(data.nodes.map((d, i) => [d.code, i]));
    const maxE = Math.max(1, ...data.edges.map((e) => e.events));
    const maxN = Math.max(1, ...data.nodes.map((d) => d.events));
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "network of actors" });
    for (const e of data.edges) {
      const a = pos[index.get(e.a)], b = pos[index.get(e.b)];
      const kind = e.cooperation > 2 * e.conflict ? "coop" : e.conflict > 2 * e.cooperation ? "conf" : "mixed";
      root.append(svg("line", {
        class: `edge ${kind}`, x1: a.x, y1: a.y, x2: b.x, y2: b.y, "stroke-width": 1.5 + 7 * Math.sqrt(e.events / maxE),
        "data-dyad": `${e.a},${e.b}`,
        onclick: () => setFilters({ ...readForm(), actor: undefined, dyad: `${e.a},${e.b}` }),
      }, title(`${e.a} ⇄ ${e.b}: ${e.events} events (${e.cooperation} cooperation, ${e.conflict} conflict), Goldstein sum ${e.goldstein}`)));
    }
    data.nodes.forEach((d, i) => {
      const on = f.actor && f.actor.toUpperCase() === d.code;
      const r = 6 + 12 * Math.sqrt(d.events / maxN);
      root.append(svg("g", {
        class: `node${on ? " on" : ""}`, transform: `translate(${pos[i].x},${pos[i].y})`, "data-code": d.code,
        onclick: () => setFilters({ ...readForm(), dyad: undefined, actor: d.code }),
      }, svg("circle", { r }), svg("text", { x: r + 3, y: 3 }, d.code), title(`${d.name || d.code} (${d.code}): ${d.events} events`)));
    });
    box.replaceChildren(root);
  }

  // ------------------------------------------------------------ events table

  async function loadEvents(f, append) {
    const extra = { limit: PAGE, sort: state.sort, total: append ? undefined : "true" };
    if (append && state.cursor) extra.cursor = state.cursor;
    const data = await getJSON(`/api/events?${query(f, extra)}`);
    const body = $("#events tbody");
    const rows = data.events.map(eventRow);
    if (append) body.append(...rows);
    else body.replaceChildren(...rows);
    if (!append) $("#event-count").textContent = `(${data.total.toLocaleString()})`;
    if (!append && !rows.length) body.append(el("tr", {}, el("td", { colspan: 7, class: "empty", text: "No events match these filters." })));
    state.cursor = data.next_cursor;
    $("#more").hidden = !data.next_cursor;
    for (const b of document.querySelectorAll("th button.sort")) {
      b.classList.toggle("asc", state.sort === b.dataset.sort);
      b.classList.toggle("desc", state.sort === `-${b.dataset.sort}`);
    }
  }

  function eventRow(e) {
    const place = e.location ? e.location.name : "";
    const sentence = e.evidence.text.trim();
    return el("tr", { "data-event-id": e.event_id, onclick: (ev) => openEvent(e.event_id, ev.currentTarget) },
      el("td", { class: "code", text: e.date || "—" }),
      el("td", {}, actorLabel(e.source), " ", el("span", { class: "code", text: e.source && e.source.code ? e.source.code : "" })),
      el("td", {}, el("span", { class: `badge q${e.quad_class}`, title: QUAD[e.quad_class], text: e.event_type }), " ", el("span", { class: "code", text: e.cameo })),
      el("td", {}, actorLabel(e.target), " ", el("span", { class: "code", text: e.target && e.target.code ? e.target.code : "" })),
      el("td", { text: place }),
      el("td", { class: "num", text: e.goldstein.toFixed(1) }),
      el("td", { class: "sentence", text: sentence.length > 180 ? `${sentence.slice(0, 177)}…` : sentence }),
    );
  }

  // ------------------------------------------------------------ one event

  function highlighted(text, spans) {
    const box = el("div", { class: "sentence-box" });
    let at = 0;
    for (const h of spans) {
      if (h.start < at) continue;
      box.append(text.slice(at, h.start), el("mark", { class: `hl-${h.kind}`, title: h.kind, text: text.slice(h.start, h.end) }));
      at = h.end;
    }
    box.append(text.slice(at));
    return box;
  }

  async function openEvent(eventId, row) {
    for (const r of document.querySelectorAll("#events tbody tr.on")) r.classList.remove("on");
    if (row) row.classList.add("on");
    const e = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
    const panel = $("#detail");
    $("#detail-title").textContent = `${actorLabel(e.source)} → ${e.event_type.toLowerCase()} → ${actorLabel(e.target)}`;
    const loc = e.location;
    const facts = el("dl", { class: "facts" });
    const fact = (k, v) => facts.append(el("dt", { text: k }), el("dd", {}, v));
    fact("Event", el("span", {}, el("span", { class: `badge q${e.quad_class}`, text: e.event_type }), ` CAMEO ${e.cameo}${e.mode ? ` · ${e.mode}` : ""}`));
    fact("Quad class", `${e.quad_class} ${QUAD[e.quad_class]}`);
    fact("Goldstein", String(e.goldstein));
    fact("Source", e.source ? `${actorLabel(e.source)} (${e.source.code || "?"})` : "—");
    fact("Target", e.target ? `${actorLabel(e.target)} (${e.target.code || "?"})` : "—");
    fact("When", e.date ? `${e.date} (${e.date_precision})` : "unknown");
    fact("Where", loc ? `${loc.name}${loc.country ? `, ${loc.country}` : ""}${loc.lat !== null && loc.lat !== undefined ? ` (${loc.lat.toFixed(2)}, ${loc.lon.toFixed(2)})` : ""}` : "—");
    fact("Modality", e.modality);
    fact("Confidence", String(e.confidence));
    fact("Reports", `${e.num_mentions} in ${e.num_documents} document${e.num_documents === 1 ? "" : "s"}`);
    const legend = el("div", { class: "hl-legend" },
      el("mark", { class: "hl-source", text: "source" }), el("mark", { class: "hl-event", text: "event" }),
      el("mark", { class: "hl-target", text: "target" }), el("mark", { class: "hl-date", text: "date" }),
      el("mark", { class: "hl-place", text: "place" }));
    const mentions = e.mentions.map((m) => {
      const url = safeUrl(m.url);
      const article = el("div", { class: "article" });
      const readStored = el("button", { type: "button", class: "quiet read-article", onclick: () => showArticle(m, article) }, "Read the stored article");
      return el("div", { class: "mention" },
        el("h3", {}, url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", class: "source-link", text: m.title || url }) : (m.title || m.doc_id)),
        el("div", { class: "meta", text: [m.source, m.published ? `published ${m.published}` : null, m.doc_id].filter(Boolean).join(" · ") }),
        highlighted(m.evidence.text.trim(), m.highlights || []),
        el("div", { class: "meta" }, url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: "Open the source article" }) : null, " ", readStored),
        article);
    });
    $("#detail-body").replaceChildren(facts, legend, ...mentions);
    panel.classList.add("open");
    panel.setAttribute("aria-hidden", "false");
  }

  async function showArticle(mention, box) {
    const doc = await getJSON(`/api/documents/${mention.doc_id.split("/").map(encodeURIComponent).join("/")}`);
    const text = doc.text || "";
    const { start, end } = mention.evidence;
    const sentence = text.slice(start, end);
    const trimmed = sentence.trimEnd();
    const node = el("div", { class: "article-text" }, text.slice(0, start), el("mark", { text: trimmed }), sentence.slice(trimmed.length), text.slice(end));
    box.replaceChildren(node);
    const mark = node.querySelector("mark");
    if (mark) node.scrollTop = Math.max(0, mark.offsetTop - node.offsetTop - 40);
  }

  function closeDetail() {
    const panel = $("#detail");
    panel.classList.remove("open");
    panel.setAttribute("aria-hidden", "true");
  }

  // ------------------------------------------------------------ wiring

  async function refresh() {
    const f = readForm();
    const qs = query(f, state.by !== "month" ? { by: state.by } : {});
    window.history.replaceState(null, "", qs ? `/?${qs}` : "/");
    showMessage("");
    state.cursor = null;
    document.body.dataset.loading = "true";
    const results = await Promise.allSettled([loadTimeline(f), loadMap(f), loadNetwork(f), loadEvents(f, false)]);
    const failed = results.find((r) => r.status === "rejected");
    if (failed) {
      const err = failed.reason;
      showMessage(err.parameter ? `${err.message} (parameter: ${err.parameter})` : String(err.message || err));
    }
    document.body.dataset.loading = "false";
  }

  function setFilters(f) {
    writeForm(f);
    refresh();
  }

  function init() {
    const typeSelect = $("#filters").elements.type;
    for (const t of TYPES) typeSelect.append(el("option", { value: t, text: t.toLowerCase() }));
    writeForm(fromLocation());
    for (const b of document.querySelectorAll(".seg button")) b.classList.toggle("on", b.dataset.by === state.by);
    $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); refresh(); });
    $("#clear").addEventListener("click", () => setFilters({}));
    $("#more").addEventListener("click", () => loadEvents(readForm(), true).catch((err) => showMessage(err.message)));
    $("#close-detail").addEventListener("click", closeDetail);
    document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") closeDetail(); });
    for (const b of document.querySelectorAll(".seg button")) {
      b.addEventListener("click", () => {
        state.by = b.dataset.by;
        for (const o of document.querySelectorAll(".seg button")) o.classList.toggle("on", o === b);
        const f = readForm();
        loadTimeline(f).catch((err) => showMessage(err.message));
      });
    }
    for (const b of document.querySelectorAll("th button.sort")) {
      b.addEventListener("click", () => {
        const key = b.dataset.sort;
        state.sort = state.sort === `-${key}` ? key : `-${key}`;
        loadEvents(readForm(), false).catch((err) => showMessage(err.message));
      });
    }
    loadSummary().catch((err) => showMessage(err.message));
    refresh();
  }

  document.addEventListener("DOMContentLoaded", init);
})();
