// thucydides dashboard: who deals with whom. A small deterministic force layout (Fruchterman–Reingold)
// per connected component, whose ideal edge length does not grow with the box, so a filtered dyad
// stays compact; the components are packed in rows and shrunk to fit the box, never stretched.
"use strict";

(function (TH) {
  const { el, svg, title, tone } = TH;
  const W = 560, H = 540;

  // Fruchterman–Reingold over one connected component, around (0, 0); k is the ideal edge length.
  function force(nodes, edges, k) {
    const n = nodes.length;
    const index = new Map(nodes.map((d, i) => [d.code, i]));
    // start on a sunflower spiral, busiest nodes in the middle (deterministic)
    const order = nodes.map((_, i) => i).sort((a, b) => nodes[b].events - nodes[a].events || (nodes[a].code < nodes[b].code ? -1 : 1));
    const pos = new Array(n);
    order.forEach((i, rank) => {
      const r = k * 0.7 * Math.sqrt(rank + 0.3), a = rank * 2.399963;
      pos[i] = { x: r * Math.cos(a), y: r * Math.sin(a) * 0.8 };
    });
    const maxE = Math.max(1, ...edges.map((e) => e.events));
    let temp = k;
    for (let iter = 0; iter < 300 && n > 1; iter++) {
      const disp = pos.map(() => ({ x: 0, y: 0 }));
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
          const d = Math.max(Math.hypot(dx, dy), 1);
          const f = (k * k) / d;
          disp[i].x += (dx / d) * f; disp[i].y += (dy / d) * f;
          disp[j].x -= (dx / d) * f; disp[j].y -= (dy / d) * f;
        }
      }
      for (const e of edges) {
        const i = index.get(e.a), j = index.get(e.b);
        const dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d = Math.max(Math.hypot(dx, dy), 1);
        const f = ((d * d) / k) * (0.6 + 0.6 * Math.sqrt(e.events / maxE));
        disp[i].x -= (dx / d) * f; disp[i].y -= (dy / d) * f;
        disp[j].x += (dx / d) * f; disp[j].y += (dy / d) * f;
      }
      for (let i = 0; i < n; i++) {
        disp[i].x -= pos[i].x * 0.03; // a slight pull to the middle; flatter on y for the wide box
        disp[i].y -= pos[i].y * 0.06;
        const d = Math.max(Math.hypot(disp[i].x, disp[i].y), 0.01);
        pos[i].x += (disp[i].x / d) * Math.min(d, temp);
        pos[i].y += (disp[i].y / d) * Math.min(d, temp);
      }
      temp = Math.max(temp * 0.975, 0.5);
    }
    return pos;
  }

  // Positions in the box: each connected component laid out on its own with one edge length (which
  // does not grow with the box), the components packed in rows, the whole shrunk to fit, never enlarged.
  function layout(nodes, edges, radius) {
    const n = nodes.length;
    const k = Math.max(50, Math.min(100, Math.sqrt((W * H) / Math.max(n, 1)) * 0.45));
    const index = new Map(nodes.map((d, i) => [d.code, i]));
    const parent = nodes.map((_, i) => i);
    const find = (i) => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    for (const e of edges) parent[find(index.get(e.a))] = find(index.get(e.b));
    const groups = new Map();
    nodes.forEach((_, i) => { const r = find(i); if (!groups.has(r)) groups.set(r, []); groups.get(r).push(i); });
    const parts = [...groups.values()].map((members) => {
      const set = new Set(members.map((i) => nodes[i].code));
      const local = force(members.map((i) => nodes[i]), edges.filter((e) => set.has(e.a)), k);
      // the component's box, labels (to the right) included
      const x0 = Math.min(...members.map((i, j) => local[j].x - radius(nodes[i])));
      const x1 = Math.max(...members.map((i, j) => local[j].x + radius(nodes[i]) + 6.4 * nodes[i].name.length + 6));
      const y0 = Math.min(...members.map((i, j) => local[j].y - radius(nodes[i]) - 6));
      const y1 = Math.max(...members.map((i, j) => local[j].y + radius(nodes[i]) + 8));
      return { members, local, x0, y0, w: x1 - x0, h: y1 - y0 };
    }).sort((a, b) => b.members.length - a.members.length || b.w * b.h - a.w * a.h);
    // shelf packing: rows no wider than the box (or the widest component)
    const rowWidth = Math.max(W - 20, ...parts.map((c) => c.w));
    let x = 0, y = 0, rowH = 0, width = 0;
    for (const c of parts) {
      if (x > 0 && x + c.w > rowWidth) { x = 0; y += rowH + 12; rowH = 0; }
      c.ox = x - c.x0; c.oy = y - c.y0;
      x += c.w + 16; rowH = Math.max(rowH, c.h); width = Math.max(width, x - 16);
    }
    const height = y + rowH;
    const fit = Math.min(1, (W - 20) / Math.max(width, 1), (H - 20) / Math.max(height, 1));
    const dx = (W - width * fit) / 2, dy = (H - height * fit) / 2;
    const pos = new Array(n);
    for (const c of parts) {
      c.members.forEach((i, j) => { pos[i] = { x: dx + (c.local[j].x + c.ox) * fit, y: dy + (c.local[j].y + c.oy) * fit }; });
    }
    return pos;
  }

  // Draw into box. data: /api/network; opts: { onNode(node), onEdge(a, b), selected (code) }.
  function draw(box, data, opts) {
    if (!data.edges.length) {
      box.replaceChildren(el("div", { class: "empty", text: "No events with both a source and a target for these filters." }));
      return;
    }
    const nodes = data.nodes;
    const maxN = Math.max(1, ...nodes.map((d) => d.events));
    const radius = (d) => 5 + 13 * Math.sqrt(d.events / maxN);
    const pos = layout(nodes, data.edges, radius);
    const index = new Map(nodes.map((d, i) => [d.code, i]));
    const maxE = Math.max(1, ...data.edges.map((e) => e.events));
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "network of actors" });
    for (const e of data.edges) {
      const a = pos[index.get(e.a)], b = pos[index.get(e.b)];
      const na = nodes[index.get(e.a)], nb = nodes[index.get(e.b)];
      root.append(svg("line", {
        class: `edge ${tone(e.cooperation, e.conflict)}`, x1: a.x, y1: a.y, x2: b.x, y2: b.y,
        "stroke-width": (1.5 + 8 * Math.sqrt(e.events / maxE)).toFixed(2), "data-a": e.a, "data-b": e.b,
        onclick: () => opts.onEdge(na, nb),
      }, title(`${na.name} ⇄ ${nb.name}: ${e.events} events (${e.cooperation} cooperation, ${e.conflict} conflict), Goldstein sum ${e.goldstein}`)));
    }
    // labels for the busiest nodes first, each where it overlaps no earlier label (right, else left)
    const boxes = nodes.map((d, i) => [pos[i].x - radius(d), pos[i].y - radius(d), pos[i].x + radius(d), pos[i].y + radius(d)]);
    const labels = new Map();
    const order = nodes.map((_, i) => i).sort((a, b) => nodes[b].events - nodes[a].events);
    for (const i of order) {
      const d = nodes[i], r = 5 + 13 * Math.sqrt(d.events / maxN), w = 6.4 * d.name.length + 4;
      const r2 = radius(d);
      const spots = [[pos[i].x + r2 + 2, pos[i].y - 8, "start"], [pos[i].x - r2 - 2 - w, pos[i].y - 8, "end"],
        [pos[i].x - w / 2, pos[i].y + r2 + 1, "middle"], [pos[i].x - w / 2, pos[i].y - r2 - 16, "middle"],
        [pos[i].x + r2 * 0.7, pos[i].y - r2 - 14, "start"], [pos[i].x + r2 * 0.7, pos[i].y + r2 - 1, "start"],
        [pos[i].x - r2 * 0.7 - w, pos[i].y - r2 - 14, "end"], [pos[i].x - r2 * 0.7 - w, pos[i].y + r2 - 1, "end"]];
      const inside = spots.filter(([x0, y0]) => x0 >= 0 && x0 + w <= W && y0 >= 0 && y0 + 15 <= H);
      const free = inside.find(([x0, y0]) => !boxes.some((o, j) => j !== i && x0 < o[2] && o[0] < x0 + w && y0 < o[3] && o[1] < y0 + 15));
      // the busiest node keeps its label even where every spot overlaps another
      const spot = free || (i === order[0] ? inside[0] || spots[0] : null);
      if (spot) {
        const [x0, y0, anchor] = spot;
        const b = [x0, y0, x0 + w, y0 + 15];
        boxes.push(b);
        labels.set(d.code, { anchor, x: (anchor === "start" ? b[0] : anchor === "end" ? b[2] : x0 + w / 2) - pos[i].x, y: b[1] + 12 - pos[i].y });
      }
    }
    nodes.forEach((d, i) => {
      const r = 5 + 13 * Math.sqrt(d.events / maxN);
      const on = opts.selected && opts.selected === d.code;
      const who = d.actors && d.actors.length ? `\n${d.actors.join(", ")}` : "";
      const side = labels.get(d.code);
      root.append(svg("g", {
        class: `node ${d.kind}${on ? " on" : ""}`, transform: `translate(${pos[i].x.toFixed(1)},${pos[i].y.toFixed(1)})`,
        "data-code": d.code, onclick: () => opts.onNode(d),
      }, svg("circle", { r: r.toFixed(1) }),
      side ? svg("text", { x: side.x.toFixed(1), y: side.y.toFixed(1), "text-anchor": side.anchor }, d.name) : null,
      title(`${d.name} (${d.code}): ${d.events} events${who}`)));
    });
    box.replaceChildren(root);
  }

  TH.network = { draw, layout };
})(window.TH);
