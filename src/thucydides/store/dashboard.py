"""Read-only, parameterised aggregates for the HTTP API and the dashboard.

The event list, one event, the actor list and the dyad timeline are in
:mod:`thucydides.store.read`. What is here works over the same tables with
the same filter meanings (:class:`thucydides.store.Filters`): a timeline for any
filters, map points, the actor network, counts, and document look-ups.

Every value a user sends travels as a bound parameter; the only text spliced into
SQL comes from fixed tables in this module, chosen by validated names. Each
function takes a DuckDB cursor, so concurrent requests never share one.
"""

from __future__ import annotations

import json
from typing import Any

from thucydides.names import Names
from thucydides.store.filters import Filters, where_clause
from thucydides.store.read import timeline_buckets


def where_sql(f: Filters) -> tuple[str, list[Any]]:
    """The WHERE clause over ``events`` for the filters, and its parameters (see
    :func:`thucydides.store.filters.where_clause`, which also validates them)."""
    where, args = where_clause(f)
    return " AND ".join(["TRUE", *where]), args


def count_events(cur: Any, f: Filters) -> int:
    """How many merged events match the filters."""
    where, args = where_sql(f)
    row = cur.execute(f"SELECT count(*) FROM events WHERE {where}", args).fetchone()
    return int(row[0]) if row else 0


def actor_exists(cur: Any, actor: str) -> bool:
    """Whether any event names this actor (by id, code or words of its name)."""
    where, args = where_sql(Filters(actor=actor))
    return cur.execute(f"SELECT 1 FROM events WHERE {where} LIMIT 1", args).fetchone() is not None


def country_exists(cur: Any, iso3: str) -> bool:
    """Whether any event has an actor of this country (ISO3 or IGO) on either side."""
    code = iso3.upper()
    row = cur.execute(
        "SELECT 1 FROM events WHERE source_country = ? OR target_country = ? LIMIT 1", [code, code]
    ).fetchone()
    return row is not None


def document_titles(cur: Any, doc_ids: list[str]) -> dict[str, str | None]:
    """Titles of stored documents by id."""
    if not doc_ids:
        return {}
    marks = ", ".join("?" for _ in doc_ids)
    rows = cur.execute(f"SELECT doc_id, title FROM documents WHERE doc_id IN ({marks})", doc_ids).fetchall()
    return {r[0]: r[1] for r in rows}


def get_document(cur: Any, doc_id: str) -> dict[str, Any] | None:
    """A stored document's metadata and cleaned text, with where its events' evidence lies."""
    row = cur.execute(
        "SELECT doc_id, url, source, outlet, title, published, published_how, text FROM documents"
        " WHERE doc_id = ?",
        [doc_id],
    ).fetchone()
    if not row:
        return None
    found = cur.execute(
        "SELECT mention_id, event_id, event_type, quad_class, record FROM mentions WHERE doc_id = ?"
        " ORDER BY mention_id",
        [doc_id],
    ).fetchall()
    events = []
    for mention_id, event_id, event_type, quad_class, record in found:
        evidence = json.loads(record).get("evidence") or {}
        events.append(
            {
                "mention_id": mention_id,
                "event_id": event_id,
                "event_type": event_type,
                "quad_class": quad_class,
                "start": evidence.get("start"),
                "end": evidence.get("end"),
            }
        )
    events.sort(key=lambda e: (e["start"] is None, e["start"] or 0, e["mention_id"]))
    keys = ("doc_id", "url", "source", "outlet", "title", "published", "published_how", "text")
    doc = dict(zip(keys, row, strict=True))
    doc["published"] = row[5].isoformat() if row[5] else None
    doc["events"] = events
    return doc


def timeline(cur: Any, f: Filters, by: str) -> dict[str, Any]:
    """Merged events per day, week (from Monday) or month, with the same row shape as the store's.

    Only events dated at least as precisely as the bucket are counted; ``undated`` says how many
    of the matching events were left out for that reason.
    """
    buckets = timeline_buckets(cur, f, by)
    total = count_events(cur, f)
    return {
        "by": by,
        "buckets": buckets,
        "events": total,
        "undated": total - sum(b["events"] for b in buckets),
    }


def map_points(cur: Any, f: Filters, limit: int) -> list[dict[str, Any]]:
    """Event places with coordinates, grouped by place, most events first."""
    where, args = where_sql(f)
    sql = f"""
        SELECT place_name, place_country, round(lat, 3), round(lon, 3), count(*) AS n,
               round(avg(goldstein), 2), count_if(quad_class <= 2), count_if(quad_class >= 3)
        FROM events WHERE {where} AND lat IS NOT NULL AND lon IS NOT NULL
        GROUP BY 1, 2, 3, 4 ORDER BY n DESC, 1 LIMIT ?
    """
    keys = ("name", "country", "lat", "lon", "events", "goldstein_mean", "cooperation", "conflict")
    return [dict(zip(keys, r, strict=True)) for r in cur.execute(sql, [*args, limit]).fetchall()]


def country_counts(cur: Any, f: Filters) -> list[dict[str, Any]]:
    """Merged events per actor country (either side), with the mean and the sum of their Goldstein scores."""
    where, args = where_sql(f)
    sql = f"""
        WITH m AS (SELECT * FROM events WHERE {where}),
        sides AS (
            SELECT event_id, source_country AS c, goldstein, quad_class FROM m
            WHERE source_country IS NOT NULL
            UNION
            SELECT event_id, target_country, goldstein, quad_class FROM m WHERE target_country IS NOT NULL
        )
        SELECT c, count(*) n, round(avg(goldstein), 2), round(sum(goldstein), 2),
               count_if(quad_class <= 2), count_if(quad_class >= 3)
        FROM sides GROUP BY c ORDER BY n DESC, c
    """
    keys = ("country", "events", "goldstein_mean", "goldstein", "cooperation", "conflict")
    return [dict(zip(keys, r, strict=True)) for r in cur.execute(sql, args).fetchall()]


def _node_key(side: str, merge: bool) -> str:
    """SQL for one side's network node: its actor code, except that organisations (``IGO``, ``NGO``)
    are told apart by actor id and, with ``merge``, a country's bare code and its government
    (``USA``, ``USAGOV``) are one node, the country."""
    merged = (
        f"WHEN {side}_country IS NOT NULL AND ({side}_code = {side}_country"
        f" OR {side}_code = {side}_country || 'GOV') THEN {side}_country"
        if merge
        else ""
    )
    return f"""CASE WHEN {side}_code IS NULL THEN NULL
        WHEN {side}_country IN ('IGO', 'NGO') AND {side}_id IS NOT NULL THEN {side}_id
        {merged} ELSE {side}_code END"""


def network(
    cur: Any, f: Filters, limit: int, *, merge: bool = False, names: Names | None = None
) -> dict[str, Any]:
    """The actor network: the ``limit`` strongest actor pairs (undirected, by events) and their actors.

    Args:
        cur: a DuckDB cursor.
        f: the event filters.
        limit: how many pairs.
        merge: fold each country's bare code and its government into one node per country
            (``USA`` + ``USAGOV`` → ``USA``, "United States"); other sectors stay apart.
        names: country and sector names for the labels (default: the bundled ones).

    Returns:
        ``{"nodes": [...], "edges": [...]}``. An edge is ``{"a", "b", "events", "goldstein",
        "cooperation", "conflict"}``; a node is ``{"code", "name", "kind", "country", "sector",
        "events", "actors", "filter"}``: ``kind`` is ``country``, ``code`` or ``organization``,
        ``actors`` the names most often behind it, and ``filter`` the event filter that selects it
        (``{"country": "USA"}`` or ``{"actor": "AFGINS"}``).
    """
    names = names or Names.load()
    where, args = where_sql(f)
    sides = f"""
        m AS (SELECT * FROM events WHERE {where}),
        sides AS (
            SELECT event_id, goldstein, quad_class, source_code AS code, source_country AS country,
                   source_sector AS sector, source_id AS id, source_name AS name,
                   {_node_key("source", merge)} AS node, {_node_key("target", merge)} AS other
            FROM m
            UNION ALL
            SELECT event_id, goldstein, quad_class, target_code, target_country, target_sector,
                   target_id, target_name, {_node_key("target", merge)}, {_node_key("source", merge)}
            FROM m
        )"""
    edge_sql = f"""
        WITH {sides}
        SELECT node, other, count(*) AS n, round(sum(goldstein), 2),
               count_if(quad_class <= 2), count_if(quad_class >= 3)
        FROM sides WHERE node IS NOT NULL AND other IS NOT NULL AND node < other
        GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?
    """
    keys = ("a", "b", "events", "goldstein", "cooperation", "conflict")
    edges = [dict(zip(keys, r, strict=True)) for r in cur.execute(edge_sql, [*args, limit]).fetchall()]
    chosen = sorted({e["a"] for e in edges} | {e["b"] for e in edges})
    if not chosen:
        return {"nodes": [], "edges": edges}
    marks = ", ".join("?" for _ in chosen)
    node_sql = f"""
        WITH {sides}
        SELECT node, mode(country), mode(sector), count(DISTINCT event_id) FROM sides
        WHERE node IN ({marks}) GROUP BY node ORDER BY node
    """
    who_sql = f"""
        WITH {sides}
        SELECT node, name, id, count(DISTINCT event_id) AS n FROM sides
        WHERE node IN ({marks}) AND name IS NOT NULL GROUP BY 1, 2, 3 ORDER BY node, n DESC, name
    """
    behind: dict[str, list[tuple[str, str | None, int]]] = {}
    for node, name, actor_id, n in cur.execute(who_sql, [*args, *chosen]).fetchall():
        behind.setdefault(node, []).append((name, actor_id, int(n)))
    nodes = []
    for node, country, sector, n in cur.execute(node_sql, [*args, *chosen]).fetchall():
        who = behind.get(node, [])
        nodes.append(_node(node, country, sector, int(n), who, names))
    return {"nodes": nodes, "edges": edges}


def _node(
    node: str,
    country: str | None,
    sector: str | None,
    events: int,
    who: list[tuple[str, str | None, int]],
    names: Names,
) -> dict[str, Any]:
    """One network node with a readable name and the filter that selects its events."""
    actors = list(dict.fromkeys(name for name, _, _ in who))[:3]
    if country in ("IGO", "NGO") or (country is None and who and who[0][1] == node):
        kind, label, filt = "organization", who[0][0] if who else node, {"actor": node}
    elif country and node == country:
        kind, label, filt = "country", names.country(country) or node, {"country": country}
    else:
        kind, filt = "code", {"actor": node}
        label = names.actor_code(node, country, sector)
        top = who[0] if who else None
        # a named group or institution behind most of the node's events names it (AFGINS: Taliban)
        if (
            top
            and sector not in ("GOV", None)
            and top[1]
            and not top[1].startswith("country:")
            and top[2] * 2 > events
        ):
            label = top[0]
    return {
        "code": node,
        "name": label,
        "kind": kind,
        "country": country,
        "sector": sector,
        "events": events,
        "actors": actors,
        "filter": filt,
    }


def summary(cur: Any) -> dict[str, Any]:
    """Store-wide counts for the dashboard's header: documents, mentions, events, date range, types.

    ``first_day``/``last_day`` are calendar days (a year-precision date is its first day);
    ``first_date``/``last_date`` are the same events' dates as written, at their precision.
    """
    docs = cur.execute("SELECT count(*) FROM documents").fetchone()
    mentions = cur.execute("SELECT count(*) FROM mentions").fetchone()
    ev = cur.execute(
        "SELECT count(*), min(day), max(day), count_if(num_documents > 1) FROM events"
    ).fetchone()
    types = cur.execute("SELECT event_type, count(*) n FROM events GROUP BY 1 ORDER BY n DESC, 1").fetchall()
    # the first and last dates as written, at their precision ("2014" for a year, not 2014-01-01)
    first = cur.execute("SELECT date FROM events WHERE day IS NOT NULL ORDER BY day, date LIMIT 1").fetchone()
    last = cur.execute(
        "SELECT date FROM events WHERE day IS NOT NULL ORDER BY day DESC, date LIMIT 1"
    ).fetchone()
    return {
        "documents": int(docs[0]) if docs else 0,
        "mentions": int(mentions[0]) if mentions else 0,
        "events": int(ev[0]) if ev else 0,
        "first_day": ev[1].isoformat() if ev and ev[1] else None,
        "last_day": ev[2].isoformat() if ev and ev[2] else None,
        "first_date": first[0] if first else None,
        "last_date": last[0] if last else None,
        "multi_document_events": int(ev[3] or 0) if ev else 0,
        "by_type": {t: n for t, n in types},
    }
