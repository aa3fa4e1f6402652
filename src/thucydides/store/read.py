"""Reading: the typed query API over merged events (pages, one event, actors, timelines, counts).

Every function takes a DuckDB connection or cursor (read-only is enough) and validates what the
user sent (:class:`~thucydides.store.filters.Filters`); bad values raise
:class:`~thucydides.store.filters.QueryError`, which names the parameter. Values travel as bound
parameters; the only text spliced into SQL comes from fixed tables chosen by validated names.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, Literal

from thucydides.store.filters import (
    MAX_PAGE_SIZE,
    PERIODS,
    SORTS,
    DocumentFilter,
    EventPage,
    Filters,
    QueryError,
    decode_cursor,
    document_where,
    encode_cursor,
    iso3_param,
    where_clause,
)


def added_text(moment: datetime | None) -> str | None:
    """``added_at`` as ISO 8601 in UTC (``2026-12-07T06:30:00Z``), as event records carry it."""
    return moment.replace(microsecond=0).isoformat() + "Z" if moment else None


def timeline_buckets(cur: Any, f: Filters, by: str) -> list[dict[str, Any]]:
    """Merged events matching ``f`` per period ``by`` (a key of :data:`PERIODS`), oldest first.

    Only events dated at least as precisely as the period are counted. Each row is ``{"period",
    "start", "events", "mentions", "goldstein", "quad_1" .. "quad_4"}``; ``period`` is ``2019-02-28``,
    ``2019-W09`` or ``2019-02``. ``cur`` is a DuckDB connection or cursor.
    """
    part, precise = PERIODS[by]
    where, args = where_clause(f)
    where += ["day IS NOT NULL", f"date_precision IN ({', '.join(['?'] * len(precise))})"]
    sql = f"""
        SELECT date_trunc('{part}', day)::DATE AS start, count(*), sum(num_mentions),
               round(sum(goldstein), 2),
               count_if(quad_class = 1), count_if(quad_class = 2),
               count_if(quad_class = 3), count_if(quad_class = 4)
        FROM events WHERE {" AND ".join(where)} GROUP BY 1 ORDER BY 1
    """
    out = []
    for start, n, mentions, gold, q1, q2, q3, q4 in cur.execute(sql, [*args, *precise]).fetchall():
        if by == "day":
            period = start.isoformat()
        elif by == "week":
            iso = start.isocalendar()
            period = f"{iso.year}-W{iso.week:02d}"
        else:
            period = start.strftime("%Y-%m")
        out.append(
            {
                "period": period,
                "start": start.isoformat(),
                "events": n,
                "mentions": int(mentions or 0),
                "goldstein": float(gold or 0.0),
                "quad_1": q1,
                "quad_2": q2,
                "quad_3": q3,
                "quad_4": q4,
            }
        )
    return out


def events_page(
    con: Any,
    filters: Filters | None = None,
    sort: str = "date",
    limit: int = 50,
    cursor: str | None = None,
) -> EventPage:
    """One page of merged events matching the filters.

    Args:
        filters: which events (see :class:`Filters`; its ``limit`` is ignored here).
        sort: ``date``, ``mentions``, ``sources``, ``goldstein``, ``confidence`` or ``reported``
            (first report day); ``-`` in front for descending (``-mentions``: most reported
            first). Ties are broken by ``event_id``, so paging is stable.
        limit: events per page, 1 to :data:`MAX_PAGE_SIZE`.
        cursor: ``next_cursor`` of the previous page (with the same filters and sort).

    Returns:
        The merged records (fields of ``event.schema.json`` plus ``num_mentions``,
        ``num_documents``, ``num_sources``, ``first_report``, ``last_report``,
        ``reported_types``, ``reported_dates`` and ``mentions``) and the next cursor.

    Raises:
        QueryError: a bad filter, sort, limit or cursor (``param`` names it).
    """
    if sort.lstrip("-") not in SORTS:
        raise QueryError("sort", f"expected one of {', '.join(SORTS)} (with - for descending)")
    if not isinstance(limit, int) or not 1 <= limit <= MAX_PAGE_SIZE:
        raise QueryError("limit", f"must be between 1 and {MAX_PAGE_SIZE}")
    where, args = where_clause(filters or Filters())
    expr, _ = SORTS[sort.lstrip("-")]
    desc = sort.startswith("-")
    if cursor:
        value, last_id = decode_cursor(cursor, sort)
        op = "<" if desc else ">"
        where.append(f"({expr} {op} ? OR ({expr} = ? AND event_id > ?))")
        args += [value, value, last_id]
    sql = (
        f"SELECT record, {expr} AS sort_value, event_id, added_at FROM events"
        + (f" WHERE {' AND '.join(where)}" if where else "")
        + f" ORDER BY sort_value {'DESC' if desc else 'ASC'}, event_id LIMIT {limit + 1}"
    )
    found = con.execute(sql, args).fetchall()
    page = EventPage([{**json.loads(r[0]), "added_at": added_text(r[3])} for r in found[:limit]])
    if len(found) > limit:
        _, value, event_id, _ = found[limit - 1]
        page.next_cursor = encode_cursor(sort, value, event_id)
    return page


def events(con: Any, filters: Filters | None = None, sort: str = "date") -> Iterator[dict[str, Any]]:
    """Every merged event matching the filters (up to ``filters.limit``), page by page.

    Raises:
        QueryError: a bad filter value.
    """
    f = filters or Filters()
    left = f.limit
    cursor: str | None = None
    while True:
        size = MAX_PAGE_SIZE if left is None else min(left, MAX_PAGE_SIZE)
        if size <= 0:
            return
        page = events_page(con, f, sort=sort, limit=size, cursor=cursor)
        yield from page.events
        if left is not None:
            left -= len(page.events)
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def event(con: Any, event_id: str) -> dict[str, Any] | None:
    """One merged event with every mention, each with its full per-document record.

    ``event_id`` may also be the id of one of its mentions. None when there is no such event.
    """
    row = con.execute(
        "SELECT e.record, e.added_at FROM events e WHERE e.event_id = ? UNION ALL "
        "SELECT e.record, e.added_at FROM mentions m JOIN events e USING (event_id) WHERE m.mention_id = ?"
        " LIMIT 1",
        [event_id, event_id],
    ).fetchone()
    if row is None:
        return None
    rec: dict[str, Any] = {**json.loads(row[0]), "added_at": added_text(row[1])}
    full = {
        mid: json.loads(r)
        for mid, r in con.execute(
            "SELECT mention_id, record FROM mentions WHERE event_id = ?", [rec["event_id"]]
        ).fetchall()
    }
    for m in rec["mentions"]:
        m["record"] = full.get(m["mention_id"])
    return rec


def with_mention_records(
    con: Any, events: Iterable[dict[str, Any]], batch: int = 500
) -> Iterator[dict[str, Any]]:
    """Merged events whose mentions carry their full per-document ``record``, the length of their
    document's text (``doc_len``) and when that document was stored (``added_at``), for exports
    that write one row per report (GDELT's mentions table). Reads a batch of events at a time."""
    it = iter(events)
    while True:
        part = [e for _, e in zip(range(batch), it, strict=False)]
        if not part:
            return
        marks = ", ".join(["?"] * len(part))
        found = {
            mid: (record, doc_len, added)
            for mid, record, doc_len, added in con.execute(
                "SELECT m.mention_id, m.record, length(d.text), d.ingested_at FROM mentions m"
                f" JOIN documents d USING (doc_id) WHERE m.event_id IN ({marks})",
                [e["event_id"] for e in part],
            ).fetchall()
        }
        for e in part:
            for m in e.get("mentions") or []:
                record, doc_len, added = found.get(m.get("mention_id"), (None, None, None))
                m.update(record=json.loads(record) if record else None, doc_len=doc_len)
                m["added_at"] = added_text(added)
            yield e


def actors(con: Any, limit: int = 50, country: str | None = None) -> list[dict[str, Any]]:
    """Actors with how many merged events they take part in, most active first.

    An actor is its id where resolved, else its CAMEO code and name.

    Args:
        limit: at most this many actors (1 to :data:`MAX_PAGE_SIZE`).
        country: only actors of this ISO3 country.

    Returns:
        ``{"id", "name", "code", "country", "sector", "events", "as_source", "as_target",
        "mentions"}`` per actor.
    """
    if not isinstance(limit, int) or not 1 <= limit <= MAX_PAGE_SIZE:
        raise QueryError("limit", f"must be between 1 and {MAX_PAGE_SIZE}")
    args: list[Any] = []
    cond = ""
    if country:
        cond = "WHERE country = ?"
        args.append(iso3_param("country", country))
    sql = f"""
        WITH sides AS (
            SELECT source_id AS id, source_name AS name, source_code AS code, source_country AS country,
                   source_sector AS sector, 1 AS src, 0 AS tgt, num_mentions
            FROM events WHERE source_name IS NOT NULL
            UNION ALL
            SELECT target_id, target_name, target_code, target_country, target_sector, 0, 1, num_mentions
            FROM events WHERE target_name IS NOT NULL
        )
        SELECT id, min(name), code, country, min(sector), sum(src) + sum(tgt), sum(src), sum(tgt),
               sum(num_mentions)
        FROM sides {cond}
        GROUP BY id, code, country, CASE WHEN id IS NULL THEN lower(name) END
        ORDER BY 6 DESC, 2, 1 LIMIT {limit}
    """
    keys = ("id", "name", "code", "country", "sector", "events", "as_source", "as_target", "mentions")
    return [dict(zip(keys, row, strict=True)) for row in con.execute(sql, args).fetchall()]


def dyad_timeline(
    con: Any,
    a: str,
    b: str,
    by: Literal["day", "week", "month"] = "month",
    directed: bool = False,
    since: str | date | None = None,
    until: str | date | None = None,
) -> list[dict[str, Any]]:
    """Events between two countries per day, week (starting Monday) or month.

    Only events dated at least as precisely as the period are counted: a month-precision
    event is in the monthly timeline, not in the daily or weekly one; undated and year-precision
    events are in none (find them with :meth:`events_page`).

    Args:
        a: ISO3 code of one side (the source when ``directed``).
        b: ISO3 code of the other side.
        by: ``day``, ``week`` or ``month``.
        directed: only events from ``a`` to ``b``.
        since: first day to count.
        until: last day to count.

    Returns:
        One row per period with events, oldest first: ``{"period", "start", "events",
        "mentions", "goldstein", "quad_1", "quad_2", "quad_3", "quad_4"}``; ``period`` is
        ``2019-02-28``, ``2019-W09`` or ``2019-02``, ``start`` its first day, ``goldstein``
        the sum of the events' Goldstein values.
    """
    if by not in PERIODS:
        raise QueryError("by", "expected day, week or month")
    return timeline_buckets(con, Filters(dyad=(a, b), directed=directed, since=since, until=until), by)


def counts_of(con: Any) -> dict[str, int]:
    """How many documents, mentions and merged events the store holds."""
    out = {}
    for table in ("documents", "mentions", "events"):
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        out[table] = int(row[0]) if row else 0
    return out


def summary(con: Any) -> dict[str, Any]:
    """Counts for the demo summary: documents, mentions, merged events, events per type, top dyads."""
    counts = counts_of(con)
    by_type = con.execute(
        "SELECT event_type, count(*) n FROM events GROUP BY 1 ORDER BY n DESC, 1"
    ).fetchall()
    dyads = con.execute(
        "SELECT source_country, target_country, count(*) n, round(sum(goldstein), 1) FROM events "
        "WHERE source_country IS NOT NULL AND target_country IS NOT NULL "
        "AND source_country <> target_country "
        "GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 10"
    ).fetchall()
    multi = con.execute("SELECT count(*) FROM events WHERE num_documents > 1").fetchone()
    skipped = con.execute("SELECT language, count(*) n FROM skipped GROUP BY 1 ORDER BY n DESC, 1").fetchall()
    return {
        "documents": counts["documents"],
        "mentions": counts["mentions"],
        "events": counts["events"],
        "multi_document_events": int(multi[0]) if multi else 0,
        "by_type": by_type,
        "dyads": dyads,
        "skipped_languages": [(lang, int(n)) for lang, n in skipped],
    }


def outdated_documents(con: Any, coder_version: str, kb_hash: str) -> int:
    """How many stored documents another coder version or other knowledge (actor files) coded."""
    where, args = document_where(DocumentFilter(), coder_version, kb_hash)
    row = con.execute(f"SELECT count(*) FROM documents WHERE {' AND '.join(where)}", args).fetchone()
    return int(row[0]) if row else 0


def document_ids(con: Any, f: DocumentFilter, coder_version: str, kb_hash: str) -> list[str]:
    """Ids of the stored documents that match ``f``, in order."""
    where, args = document_where(f, coder_version, kb_hash)
    cond = f" WHERE {' AND '.join(where)}" if where else ""
    return [r[0] for r in con.execute(f"SELECT doc_id FROM documents{cond} ORDER BY doc_id", args).fetchall()]


def stored_documents(con: Any, doc_ids: list[str]) -> list[dict[str, Any]]:
    """The stored rows (``documents`` columns) of these documents, in the order given."""
    rows = con.execute("SELECT * FROM documents WHERE list_contains(?::VARCHAR[], doc_id)", [doc_ids])
    names = [d[0] for d in rows.description]
    found = {r[0]: dict(zip(names, r, strict=True)) for r in rows.fetchall()}
    return [found[i] for i in doc_ids if i in found]
