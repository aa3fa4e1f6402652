// thucydides dashboard: helpers shared by the page's scripts (vanilla JavaScript, no libraries).
// Loaded first; the charts (timeline.js, map.js, network.js) and app.js add to the TH namespace.
"use strict";

window.TH = (function () {
  const SVG = "http://www.w3.org/2000/svg";
  const QUAD = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  const $ = (sel) => document.querySelector(sel);

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

  // A date as people write it, at its precision: "2014", "Jan 2019", "21 Jan 2019".
  function humanDate(iso) {
    if (!iso) return "";
    const [y, m, d] = iso.split("-");
    if (!m) return y;
    if (!d) return `${MONTHS[Number(m) - 1]} ${y}`;
    return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
  }

  // Mix two #rrggbb colours: t = 0 gives a, 1 gives b.
  function mix(a, b, t) {
    const pa = [1, 3, 5].map((i) => parseInt(a.slice(i, i + 2), 16));
    const pb = [1, 3, 5].map((i) => parseInt(b.slice(i, i + 2), 16));
    return `#${pa.map((v, i) => Math.round(v + (pb[i] - v) * Math.max(0, Math.min(1, t))).toString(16).padStart(2, "0")).join("")}`;
  }

  // Whether cooperation or conflict dominates a count: "coop", "conf" or "mixed".
  function tone(cooperation, conflict) {
    if (cooperation >= 2 * conflict && cooperation > 0) return "coop";
    if (conflict >= 2 * cooperation && conflict > 0) return "conf";
    return "mixed";
  }

  return { SVG, QUAD, MONTHS, $, el, svg, title, getJSON, humanDate, mix, tone };
})();
