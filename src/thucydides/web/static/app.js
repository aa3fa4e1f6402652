// thucydides dashboard: vanilla JavaScript, no libraries, nothing fetched from other hosts.
// Every number shown is aggregated by the server; the page only draws it. The charts live in
// timeline.js, map.js and network.js; this file holds the filters, the event table and the wiring.
"use strict";

(function (TH) {
  const { $, el, getJSON, humanDate, QUAD } = TH;
  const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  const PAGE = 50;

  const state = {
    by: "month", sort: "date", cursor: null, world: null, names: new Map(),
    allDates: false, shade: "events", merge: true, top: 25, timeline: null, mapData: null,
  };

  // ------------------------------------------------------------ small helpers

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function actorLabel(actor) {
    if (!actor) return "—";
    return actor.name || actor.text || actor.code || "—";
  }

  function countryName(iso3) {
    return state.names.get(iso3) || iso3;
  }

  function showMessage(text) {
    const box = $("#message");
    box.textContent = text || "";
    box.hidden = !text;
  }

  // ------------------------------------------------------------ filters and the URL

  const FIELDS = ["actor", "country", "type", "quad_class", "since", "until", "q"];

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
      s.first_date ? ` · ${humanDate(s.first_date)} to ${humanDate(s.last_date)}` : "",
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
    const countries = [...new Set(actors.actors.map((a) => a.country).filter((c) => c && /^[A-Z]{3}$/.test(c)))].sort();
    $("#country-list").replaceChildren(...countries.map((c) => el("option", { value: c, label: countryName(c) })));
  }

  // ------------------------------------------------------------ timeline

  async function loadTimeline(f) {
    let about = "over time";
    if (f.dyad) {
      const [a, b] = f.dyad.split(",");
      about = `between ${countryName(a)} and ${countryName(b)}`;
    } else if (f.actor || f.country) {
      about = `involving ${[f.actor, f.country ? countryName(f.country) : null].filter(Boolean).join(" and ")}`;
    }
    $("#timeline-title").textContent = `Cooperation and conflict ${about}`;
    state.timeline = await getJSON(`/api/timeline?${query(f, { by: state.by })}`);
    drawTimeline(f);
  }

  function drawTimeline(f) {
    if (!state.timeline) return;
    TH.timeline.draw($("#timeline"), state.timeline, {
      all: state.allDates || Boolean(f.since || f.until),
      onToggle: () => { state.allDates = !state.allDates; drawTimeline(readForm()); },
    });
  }

  // ------------------------------------------------------------ map

  async function loadWorld() {
    if (!state.world) {
      state.world = TH.map.decode(await getJSON("/static/world.json"));
      for (const c of state.world) if (c.iso3 && !state.names.has(c.iso3)) state.names.set(c.iso3, c.name);
    }
    return state.world;
  }

  async function loadMap(f) {
    const [, data] = await Promise.all([loadWorld(), getJSON(`/api/map?${query(f, { limit: 1000 })}`)]);
    state.mapData = data;
    drawMap(f);
  }

  function drawMap(f) {
    if (!state.world || !state.mapData) return;
    TH.map.draw($("#map"), state.world, state.mapData, {
      mode: state.shade,
      selected: f.country,
      nameOf: (code, name) => ({ IGO: "international organisations", NGO: "non-governmental organisations" })[code] || name || countryName(code),
      onCountry: (iso3) => {
        const now = readForm();
        setFilters({ ...now, dyad: undefined, country: now.country === iso3 ? undefined : iso3 });
      },
    });
  }

  // ------------------------------------------------------------ network

  async function loadNetwork(f) {
    const data = await getJSON(`/api/network?${query(f, { limit: state.top, merge: state.merge ? "true" : "false" })}`);
    for (const n of data.nodes) if (n.kind === "country" && n.country) state.names.set(n.country, n.name);
    TH.network.draw($("#network"), data, {
      selected: f.actor || f.country,
      onNode: (node) => setFilters({ ...readForm(), dyad: undefined, actor: undefined, country: undefined, ...node.filter }),
      onEdge: (a, b) => setFilters({ ...readForm(), dyad: undefined, actor: undefined, country: undefined, ...edgeFilter(a, b) }),
    });
  }

  // The filter for a line between two nodes: the dyad of their countries, or an organisation and the other side.
  function edgeFilter(a, b) {
    const isState = (n) => n.country && n.country !== "IGO" && n.country !== "NGO";
    if (isState(a) && isState(b)) return { dyad: `${a.country},${b.country}` };
    const org = isState(a) ? b : a, other = org === a ? b : a;
    return { ...org.filter, ...(isState(other) ? { country: other.country } : {}) };
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
    await loadWorld().catch(() => null); // country names for the titles (once; the map reports a failure)
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
    for (const b of document.querySelectorAll("#by-seg button")) b.classList.toggle("on", b.dataset.by === state.by);
    $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); refresh(); });
    $("#clear").addEventListener("click", () => setFilters({}));
    $("#more").addEventListener("click", () => loadEvents(readForm(), true).catch((err) => showMessage(err.message)));
    $("#close-detail").addEventListener("click", closeDetail);
    document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") closeDetail(); });
    for (const b of document.querySelectorAll("#by-seg button")) {
      b.addEventListener("click", () => {
        state.by = b.dataset.by;
        for (const o of document.querySelectorAll("#by-seg button")) o.classList.toggle("on", o === b);
        const f = readForm();
        loadTimeline(f).catch((err) => showMessage(err.message));
      });
    }
    for (const b of document.querySelectorAll("#shade-seg button")) {
      b.addEventListener("click", () => {
        state.shade = b.dataset.shade;
        for (const o of document.querySelectorAll("#shade-seg button")) o.classList.toggle("on", o === b);
        drawMap(readForm());
      });
    }
    $("#merge").checked = state.merge;
    $("#merge").addEventListener("change", () => {
      state.merge = $("#merge").checked;
      loadNetwork(readForm()).catch((err) => showMessage(err.message));
    });
    $("#top").value = String(state.top);
    $("#top").addEventListener("change", () => {
      state.top = Number($("#top").value) || 25;
      loadNetwork(readForm()).catch((err) => showMessage(err.message));
    });
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
})(window.TH);
