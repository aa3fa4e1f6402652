"""Merged events in the store: recomputed per block from the mentions (the rules are in
:mod:`thucydides.merge`; this module reads and writes the tables).

A merged event keeps ``added_at``, the time it first entered the store, when later reports
merge into it or its id changes (an earlier report joined): it takes the earliest ``added_at``
among the stored events its mentions belonged to.
"""

from __future__ import annotations

import json
from collections.abc import Sequence, Set
from datetime import datetime
from typing import Any

from thucydides.merge import Report, cluster, date_interval, merged_event
from thucydides.store.rows import actor_columns
from thucydides.store.schema import EVENT_COLUMNS

STEP = 500  # blocks per statement


def event_row(block: str, rec: dict[str, Any], added_at: datetime | None) -> list[Any]:
    """The ``events`` row of a merged record, in the order of :data:`EVENT_COLUMNS`."""
    span = date_interval(rec.get("date"), rec.get("date_precision") or "unknown")
    loc = rec.get("location") or {}
    words = [m["evidence"]["text"] for m in rec["mentions"] if m.get("evidence")]
    for side in ("source", "target"):
        a = rec.get(side) or {}
        words += [str(a.get(k)) for k in ("name", "text", "code") if a.get(k)]
    words += [str(loc.get("name"))] if loc.get("name") else []
    row = {
        "event_id": rec["event_id"],
        "block": block,
        "event_type": rec.get("event_type"),
        "cameo": rec.get("cameo"),
        "quad_class": rec.get("quad_class"),
        "goldstein": rec.get("goldstein"),
        "modality": rec.get("modality"),
        **actor_columns("source", rec.get("source"), sector=True),
        **actor_columns("target", rec.get("target"), sector=True),
        "date": rec.get("date"),
        "date_precision": rec.get("date_precision"),
        "day": span[0] if span else None,
        "place_name": loc.get("name"),
        "place_country": loc.get("country"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "num_mentions": rec["num_mentions"],
        "num_documents": rec["num_documents"],
        "num_sources": rec["num_sources"],
        "first_report": rec.get("first_report"),
        "last_report": rec.get("last_report"),
        "confidence": rec.get("confidence"),
        "search": " ".join(" ".join(words).lower().split()),
        "record": json.dumps(rec, ensure_ascii=False),
        "added_at": added_at,
    }
    return [row[c] for c in EVENT_COLUMNS]


def _parts(blocks: Sequence[str]) -> list[tuple[list[str], str]]:
    return [
        (list(blocks[i : i + STEP]), ", ".join(["?"] * len(blocks[i : i + STEP])))
        for i in range(0, len(blocks), STEP)
    ]


def merge_blocks(
    con: Any,
    blocks: Sequence[str],
    now: datetime,
    rewrite_all: bool = False,
    changed: Set[str] = frozenset(),
) -> None:
    """Recompute the merged events of some blocks from all their mentions (inside a transaction).

    A merged event is made only from its mentions (and their documents); so an event whose
    mentions are exactly those it had is already up to date and is left as it is. Only new and
    changed events are written (all of them with ``rewrite_all``, after the merge rules changed).
    Events of these blocks left without mentions are deleted.

    Args:
        con: a read-write connection, inside a transaction.
        blocks: the merge blocks to recompute.
        now: ``added_at`` of events none of whose mentions was in a stored event.
        rewrite_all: rewrite every event of the blocks, changed or not.
        changed: stored events that lost mentions (their document was replaced): rewritten even
            when the mentions they keep stay together.
    """
    if not blocks:
        return
    from thucydides.store.write import insert

    by_block: dict[str, list[Report]] = {b: [] for b in blocks}
    old: dict[str, str | None] = {}
    added: dict[str, datetime] = {}  # stored event id -> when it entered the store
    for part, marks in _parts(blocks):
        for block, mid, old_id, doc_id, outlet, published, url, record, added_at in con.execute(
            "SELECT m.block, m.mention_id, m.event_id, m.doc_id, d.outlet, d.published, d.url, m.record,"
            " e.added_at FROM mentions m JOIN documents d USING (doc_id)"
            f" LEFT JOIN events e ON e.event_id = m.event_id WHERE m.block IN ({marks})",
            part,
        ).fetchall():
            old[mid] = old_id
            if old_id is not None and added_at is not None:
                added[old_id] = added_at
            by_block[block].append(
                Report(
                    mention_id=mid,
                    doc_id=doc_id,
                    outlet=outlet,
                    published=published.isoformat() if published else None,
                    record=json.loads(record),
                    url=url,
                )
            )
    old_members: dict[str, set[str]] = {}
    for mid, event_id in old.items():
        if event_id is not None:
            old_members.setdefault(event_id, set()).add(mid)
    rows: list[list[Any]] = []
    links: list[list[str]] = []
    kept: list[str] = []
    for block in blocks:
        for members in cluster(by_block[block]):
            first = old[members[0].mention_id]
            if (
                not rewrite_all
                and first is not None
                and first not in changed
                and len(old_members.get(first, ())) == len(members)
                and all(old[m.mention_id] == first for m in members)
            ):
                kept.append(first)  # the same mentions as before: the stored event is up to date
                continue
            rec = merged_event(members)
            earlier = [added[e] for e in {old[m.mention_id] for m in members} if e in added]
            rows.append(event_row(block, rec, min(earlier, default=now)))
            links += [
                [m.mention_id, rec["event_id"]] for m in members if old[m.mention_id] != rec["event_id"]
            ]
    for part, marks in _parts(blocks):
        con.execute(
            f"DELETE FROM events WHERE block IN ({marks}) AND NOT list_contains(?::VARCHAR[], event_id)",
            [*part, kept],
        )
    insert(con, f"events ({', '.join(EVENT_COLUMNS)})", len(EVENT_COLUMNS), rows)
    if links:
        con.execute("CREATE TEMP TABLE IF NOT EXISTS relink (mention_id VARCHAR, event_id VARCHAR)")
        con.execute("DELETE FROM relink")
        insert(con, "relink", 2, links)
        con.execute(
            "UPDATE mentions SET event_id = relink.event_id FROM relink "
            "WHERE mentions.mention_id = relink.mention_id"
        )


def remerge(con: Any, now: datetime) -> int:
    """Recompute every merged event from the mentions (after a change of merge rules).

    Events keep the time they entered the store (see the module's docstring).

    Returns:
        The number of merged events.
    """
    blocks = [r[0] for r in con.execute("SELECT DISTINCT block FROM mentions ORDER BY 1").fetchall()]
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM events WHERE NOT list_contains(?::VARCHAR[], block)", [blocks])
        merge_blocks(con, blocks, now, rewrite_all=True)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    row = con.execute("SELECT count(*) FROM events").fetchone()
    return int(row[0]) if row else 0
