"""Read-only, parameterised queries the store's own API lacks (aggregates for the dashboard).

The event list, one event, the actor list and the dyad timeline come from
:class:`thucydides.store.Store`. What is here works over the same tables with
the same filter meanings (:class:`thucydides.store.Filters`): a timeline for any
filters, map points, the actor network, counts, and document look-ups.

Every value a user sends travels as a bound parameter; the only text spliced into
SQL comes from fixed tables in this module, chosen by validated names. Each
function takes a DuckDB cursor, so concurrent requests never share one.
"""

from __future__ import annotations

import json
from typing import Any

from thucydides.query import where_clause
from thucydides.store import Filters, timeline_buckets


def where_sql(f: Filters) -> tuple[str, list[Any]]:
    """The WHERE clause over ``events`` for the filters, and its parameters (see
    :func:`thucydides.query.where_clause`, which also validates them)."""
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
    """Merged events per actor country (either side), with the mean Goldstein score."""
    where, args = where_sql(f)
    sql = f"""
        WITH m AS (SELECT * FROM events WHERE {where}),
        sides AS (
            SELECT event_id, source_country AS c, goldstein, quad_class FROM m
            WHERE source_country IS NOT NULL
            UNION
            SELECT event_id, target_country, goldstein, quad_class FROM m WHERE target_country IS NOT NULL
        )
        SELECT c, count(*) n, round(avg(goldstein), 2), count_if(quad_class <= 2), count_if(quad_class >= 3)
        FROM sides GROUP BY c ORDER BY n DESC, c
    """
    keys = ("country", "events", "goldstein_mean", "cooperation", "conflict")
    return [dict(zip(keys, r, strict=True)) for r in cur.execute(sql, args).fetchall()]


def network(cur: Any, f: Filters, limit: int) -> dict[str, Any]:
    """The actor network: the ``limit`` busiest actor pairs (by CAMEO code, undirected) and their actors."""
    where, args = where_sql(f)
    sql = f"""
        SELECT least(source_code, target_code) AS a, greatest(source_code, target_code) AS b,
               count(*) AS n, round(sum(goldstein), 2), count_if(quad_class <= 2), count_if(quad_class >= 3)
        FROM events
        WHERE {where} AND source_code IS NOT NULL AND target_code IS NOT NULL AND source_code <> target_code
        GROUP BY 1, 2 ORDER BY n DESC, a, b LIMIT ?
    """
    keys = ("a", "b", "events", "goldstein", "cooperation", "conflict")
    edges = [dict(zip(keys, r, strict=True)) for r in cur.execute(sql, [*args, limit]).fetchall()]
    codes = sorted({e["a"] for e in edges} | {e["b"] for e in edges})
    nodes: list[dict[str, Any]] = []
    if codes:
        marks = ", ".join("?" for _ in codes)
        node_sql = f"""
            WITH sides AS (
                SELECT event_id, source_code AS code, source_country AS country, source_name AS name
                FROM events WHERE source_code IN ({marks})
                UNION ALL
                SELECT event_id, target_code, target_country, target_name FROM events
                WHERE target_code IN ({marks})
            )
            SELECT code, mode(country), mode(name), count(DISTINCT event_id)
            FROM sides GROUP BY code ORDER BY code
        """
        rows = cur.execute(node_sql, [*codes, *codes]).fetchall()
        nodes = [dict(zip(("code", "country", "name", "events"), r, strict=True)) for r in rows]
    return {"nodes": nodes, "edges": edges}


def summary(cur: Any) -> dict[str, Any]:
    """Store-wide counts for the dashboard's header: documents, mentions, events, date range, types."""
    docs = cur.execute("SELECT count(*) FROM documents").fetchone()
    mentions = cur.execute("SELECT count(*) FROM mentions").fetchone()
    ev = cur.execute(
        "SELECT count(*), min(day), max(day), count_if(num_documents > 1) FROM events"
    ).fetchone()
    types = cur.execute("SELECT event_type, count(*) n FROM events GROUP BY 1 ORDER BY n DESC, 1").fetchall()
    return {
        "documents": int(docs[0]) if docs else 0,
        "mentions": int(mentions[0]) if mentions else 0,
        "events": int(ev[0]) if ev else 0,
        "first_day": ev[1].isoformat() if ev and ev[1] else None,
        "last_day": ev[2].isoformat() if ev and ev[2] else None,
        "multi_document_events": int(ev[3] or 0) if ev else 0,  # NULL on an empty store
        "by_type": {t: n for t, n in types},
    }
