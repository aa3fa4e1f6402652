// thucydides dashboard: the world map. Country borders from Natural Earth (static/world.json, a
// TopoJSON topology built by tools/build_world.py), drawn in the Equal Earth projection; countries
// shaded by events or Goldstein sum, event places as points; zoom (wheel, buttons) and pan (drag).
"use strict";

(function (TH) {
  const { el, svg, title, mix, tone } = TH;
  const W = 1000;
  const NORTH = 84, SOUTH = -60; // the map's extent (Antarctica is left out of world.json)
  const NO_DATA = "#e6e0d2", LOW = "#f3dcc4", HIGH = "#8a3b12", COOP = "#1f6fa8", CONF = "#c0392b", MID = "#f4f1ea";
  const MAX_ZOOM = 16;

  // Equal Earth (Šavrič, Patterson and Jenny 2018): longitude, latitude in degrees → unit plane.
  function equalEarth(lon, lat) {
    const A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = Math.sqrt(3) / 2;
    const l = (lon * Math.PI) / 180;
    const t = Math.asin(M * Math.sin((lat * Math.PI) / 180));
    const t2 = t * t, t6 = t2 * t2 * t2;
    return [(l * Math.cos(t)) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2))), t * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))];
  }

  const X_MAX = equalEarth(180, 0)[0];
  const S = (W - 8) / (2 * X_MAX);
  const Y_TOP = equalEarth(0, NORTH)[1];
  const H = Math.ceil(S * (Y_TOP - equalEarth(0, SOUTH)[1])) + 8;

  function project(lon, lat) {
    const [x, y] = equalEarth(lon, lat);
    return [W / 2 + S * x, 4 + S * (Y_TOP - y)];
  }

  // The outline of the whole globe (the 180th meridians), for the sea.
  function outline() {
    const pts = [];
    for (let lat = SOUTH; lat <= NORTH; lat += 2) pts.push(project(180, lat));
    for (let lat = NORTH; lat >= SOUTH; lat -= 2) pts.push(project(-180, lat));
    return `M${pts.map((p) => p.map((v) => v.toFixed(1)).join(",")).join("L")}Z`;
  }

  function graticule() {
    let d = "";
    for (let lon = -150; lon <= 150; lon += 30) {
      const pts = [];
      for (let lat = SOUTH; lat <= NORTH; lat += 4) pts.push(project(lon, lat));
      d += `M${pts.map((p) => p.map((v) => v.toFixed(1)).join(",")).join("L")}`;
    }
    for (let lat = -45; lat <= 75; lat += 15) {
      const pts = [];
      for (let lon = -180; lon <= 180; lon += 5) pts.push(project(lon, lat));
      d += `M${pts.map((p) => p.map((v) => v.toFixed(1)).join(",")).join("L")}`;
    }
    return d;
  }

  // TopoJSON → one SVG path per country: arcs are delta-encoded integers on the topology's grid.
  // A ring cut at the 180th meridian (eastern Russia) jumps from +180 to −180: it is drawn twice,
  // shifted a whole turn east and west, and the map is clipped to the globe's outline.
  function decode(topo) {
    const [sx, sy] = topo.transform.scale, [tx, ty] = topo.transform.translate;
    const arcs = topo.arcs.map((arc) => {
      let x = 0, y = 0;
      return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
    });
    const path = (pts) => `M${pts.map(([lon, lat]) => project(lon, lat).map((v) => v.toFixed(1)).join(",")).join("L")}Z`;
    const ring = (indices) => {
      const pts = [];
      for (const i of indices) {
        const arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
        for (let j = pts.length ? 1 : 0; j < arc.length; j++) pts.push(arc[j]);
      }
      const cut = pts.some((p, j) => j && Math.abs(p[0] - pts[j - 1][0]) > 180);
      if (!cut) return path(pts);
      return path(pts.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat])) +
        path(pts.map(([lon, lat]) => [lon > 0 ? lon - 360 : lon, lat]));
    };
    return topo.objects.countries.geometries.map((g) => ({
      iso3: g.id, name: g.properties.name,
      d: (g.type === "Polygon" ? [g.arcs] : g.arcs).map((polygon) => polygon.map(ring).join("")).join(""),
    }));
  }

  function shade(row, mode, max) {
    if (!row) return NO_DATA;
    if (mode === "goldstein") {
      const t = Math.sqrt(Math.abs(row.goldstein) / max);
      return row.goldstein >= 0 ? mix(MID, COOP, 0.15 + 0.85 * t) : mix(MID, CONF, 0.15 + 0.85 * t);
    }
    return mix(LOW, HIGH, Math.log1p(row.events) / Math.log1p(max));
  }

  function legend(mode, max) {
    const steps = [0, 0.25, 0.5, 0.75, 1];
    const sw = (fill) => svg("rect", { width: 16, height: 10, fill });
    const box = svg("svg", { class: "scale", viewBox: "0 0 120 12", width: 120, height: 12 });
    const colours = mode === "goldstein"
      ? [mix(MID, CONF, 1), mix(MID, CONF, 0.5), MID, mix(MID, COOP, 0.5), mix(MID, COOP, 1)]
      : steps.map((t) => mix(LOW, HIGH, t));
    colours.forEach((c, i) => { const r = sw(c); r.setAttribute("x", i * 18); box.append(r); });
    const range = mode === "goldstein" ? [`−${Math.round(max)}`, `+${Math.round(max)} Goldstein sum`] : ["1", `${max} events`];
    return el("span", { class: "map-scale" }, range[0], " ", box, " ", range[1], " ",
      el("span", { class: "nodata" }), " no events");
  }

  // The map's view (zoom k, pan x/y in map units) survives redraws.
  const view = { k: 1, x: 0, y: 0 };
  let current = null; // { root, layer, points, labels }

  function clampView() {
    view.k = Math.max(1, Math.min(MAX_ZOOM, view.k));
    view.x = Math.min(0, Math.max(W - W * view.k, view.x));
    view.y = Math.min(0, Math.max(H - H * view.k, view.y));
  }

  function applyView() {
    if (!current) return;
    clampView();
    current.layer.setAttribute("transform", `translate(${view.x.toFixed(2)},${view.y.toFixed(2)}) scale(${view.k})`);
    for (const c of current.points) c.setAttribute("r", (Number(c.dataset.r) / Math.sqrt(view.k)).toFixed(2));
    for (const t of current.labels) {
      t.setAttribute("font-size", (15 / view.k).toFixed(2));
      t.setAttribute("x", Number(t.dataset.x) + 6 / view.k);
      t.setAttribute("y", Number(t.dataset.y) - 4 / view.k);
    }
  }

  function zoomAt(px, py, factor) {
    const k = Math.max(1, Math.min(MAX_ZOOM, view.k * factor));
    view.x = px - ((px - view.x) * k) / view.k;
    view.y = py - ((py - view.y) * k) / view.k;
    view.k = k;
    applyView();
  }

  function zoom(factor) {
    if (factor === 0) { view.k = 1; view.x = 0; view.y = 0; applyView(); return; }
    zoomAt(W / 2, H / 2, factor);
  }

  // Where a pointer event falls in the map's own units.
  function mapPoint(root, ev) {
    const box = root.getBoundingClientRect();
    return [((ev.clientX - box.left) / box.width) * W, ((ev.clientY - box.top) / box.height) * H];
  }

  function interact(root) {
    let drag = null;
    root.addEventListener("wheel", (ev) => {
      ev.preventDefault();
      const [px, py] = mapPoint(root, ev);
      zoomAt(px, py, Math.exp(-ev.deltaY * 0.0015));
    }, { passive: false });
    root.addEventListener("pointerdown", (ev) => {
      if (ev.button !== 0) return;
      drag = { start: mapPoint(root, ev), x: view.x, y: view.y, moved: false, id: ev.pointerId };
    });
    root.addEventListener("pointermove", (ev) => {
      if (!drag) return;
      const [px, py] = mapPoint(root, ev);
      const dx = px - drag.start[0], dy = py - drag.start[1];
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) { drag.moved = true; root.setPointerCapture(drag.id); root.classList.add("dragging"); }
      view.x = drag.x + dx;
      view.y = drag.y + dy;
      applyView();
    });
    const end = () => {
      if (drag && drag.moved) root.dataset.dragged = "true";
      drag = null;
      root.classList.remove("dragging");
    };
    root.addEventListener("pointerup", end);
    root.addEventListener("pointercancel", end);
    // a click that ends a drag is not a click on a country
    root.addEventListener("click", (ev) => {
      if (root.dataset.dragged === "true") { ev.stopPropagation(); delete root.dataset.dragged; }
    }, true);
  }

  // Draw into box. countries: decoded world; data: /api/map; opts: { mode, selected, onCountry }.
  function draw(box, countries, data, opts) {
    const rows = new Map(data.countries.map((c) => [c.country, c]));
    const mode = opts.mode === "goldstein" ? "goldstein" : "events";
    const onMap = countries.filter((c) => rows.has(c.iso3)).map((c) => rows.get(c.iso3));
    const max = mode === "goldstein"
      ? Math.max(1, ...onMap.map((r) => Math.abs(r.goldstein)))
      : Math.max(1, ...onMap.map((r) => r.events));
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "map of events", class: "worldmap" });
    const layer = svg("g", { class: "viewport" });
    const globe = outline();
    const lands = svg("g", { "clip-path": "url(#globe-clip)" });
    root.append(svg("defs", {}, svg("clipPath", { id: "globe-clip" }, svg("path", { d: globe }))));
    layer.append(svg("path", { class: "sea", d: globe }), svg("path", { class: "graticule", d: graticule() }), lands);
    for (const c of countries) {
      const row = c.iso3 ? rows.get(c.iso3) : null;
      const on = c.iso3 && opts.selected === c.iso3;
      const attrs = {
        class: `country${row ? " has-data" : ""}${on ? " on" : ""}${c.iso3 ? "" : " uncoded"}`,
        d: c.d, fill: shade(row, mode, max), "data-iso3": c.iso3 || "",
        "data-events": row ? row.events : 0, "data-goldstein": row ? row.goldstein : 0,
      };
      if (c.iso3) attrs.onclick = () => opts.onCountry(c.iso3);
      const text = row
        ? `${c.name}: ${row.events} events with an actor of ${c.iso3} (${row.cooperation} cooperation, ${row.conflict} conflict), Goldstein sum ${row.goldstein}${on ? " · click to clear" : " · click to filter"}`
        : `${c.name}: no events`;
      lands.append(svg("path", attrs, title(text)));
    }
    const maxP = Math.max(1, ...data.places.map((p) => p.events));
    const points = [], labels = [], taken = [];
    for (const p of data.places) {
      const [x, y] = project(p.lon, p.lat);
      const r = 2.5 + 7 * Math.sqrt(p.events / maxP);
      const dot = svg("circle", { class: `place ${tone(p.cooperation, p.conflict)}`, cx: x.toFixed(1), cy: y.toFixed(1), r, "data-r": r, "data-name": p.name },
        title(`${p.name}${p.country ? ` (${p.country})` : ""}: ${p.events} events here, mean Goldstein ${p.goldstein_mean}`));
      points.push(dot);
      layer.append(dot);
    }
    for (const p of data.places.slice(0, 10)) {
      const [x, y] = project(p.lon, p.lat);
      if (taken.some(([lx, ly]) => Math.abs(lx - x) < 70 && Math.abs(ly - y) < 12)) continue;
      taken.push([x, y]);
      const t = svg("text", { class: "map-label", x: x + 6, y: y - 4, "data-x": x, "data-y": y }, p.name);
      labels.push(t);
      layer.append(t);
    }
    root.append(layer);
    current = { root, layer, points, labels };
    interact(root);
    applyView();
    const controls = el("div", { class: "map-zoom" },
      el("button", { type: "button", class: "quiet", title: "zoom in", "aria-label": "zoom in", onclick: () => zoom(1.6) }, "+"),
      el("button", { type: "button", class: "quiet", title: "zoom out", "aria-label": "zoom out", onclick: () => zoom(1 / 1.6) }, "−"),
      el("button", { type: "button", class: "quiet", title: "whole world", "aria-label": "reset the view", onclick: () => zoom(0) }, "⟲"));
    const unmapped = data.countries.filter((c) => !countries.some((w) => w.iso3 === c.country));
    const note = unmapped.length
      ? el("div", { class: "hint" }, `Not on the map: ${unmapped.map((c) => `${opts.nameOf(c.country, c.name)} ${c.events}`).join(", ")}.`)
      : null;
    box.replaceChildren(el("div", { class: "map-frame" }, root, controls), el("div", { class: "legend" }, legend(mode, max)), ...(note ? [note] : []));
  }

  TH.map = { draw, decode, project, equalEarth, zoom, view };
})(window.TH);
