"""The embedded event store: the only module that talks to DuckDB.

Tables (documented for SQL users in ``docs/STORE.md``):

- ``documents``: one row per ingested document, keyed by ``doc_id``, with a unique ``content_hash``.
- ``mentions``: one row per event as one document coded it (``record`` holds the full JSON record);
  ``event_id`` points to the merged event it belongs to.
- ``events``: one row per merged event (the same real event reported by several documents and
  outlets, see :mod:`thucydides.merge`), with ``num_mentions``, ``num_documents``, ``num_sources``,
  first and last report; ``record`` holds the merged JSON record with every mention.
- ``meta``: the schema version.

Each document is written with its mentions, and the merged events they touch are recomputed, in
one transaction: a killed run leaves whole documents only, with their merged events up to date,
and a rerun skips what is already there (same content hash or same id).

Reading is done through a small typed query API (:meth:`Store.events_page`, :meth:`Store.event`,
:meth:`Store.actors`, :meth:`Store.dyad_timeline`); bad filter values raise :class:`QueryError`,
which names the parameter.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

from thucydides.merge import Report, block_key, cluster, date_interval, merged_event, report_interval
from thucydides.query import (
    MAX_PAGE_SIZE,
    PERIODS,
    SORTS,
    EventPage,
    Filters,
    QueryError,
    decode_cursor,
    encode_cursor,
    iso3_param,
    where_clause,
)
from thucydides.record import Document

__all__ = ["MAX_PAGE_SIZE", "EventPage", "Filters", "QueryError", "Store", "content_hash"]

SCHEMA_VERSION = 2

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR UNIQUE NOT NULL,
    url VARCHAR, source VARCHAR, outlet VARCHAR, title VARCHAR,
    published DATE, published_how VARCHAR,
    text VARCHAR,
    n_events INTEGER,
    ingested_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS mentions (
    mention_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    event_id VARCHAR,
    block VARCHAR NOT NULL,
    event_type VARCHAR, cameo VARCHAR, quad_class INTEGER, goldstein DOUBLE, modality VARCHAR,
    source_id VARCHAR, source_code VARCHAR, source_country VARCHAR, source_name VARCHAR,
    target_id VARCHAR, target_code VARCHAR, target_country VARCHAR, target_name VARCHAR,
    date VARCHAR, date_precision VARCHAR, date_first DATE, date_last DATE,
    place_name VARCHAR, place_country VARCHAR, lat DOUBLE, lon DOUBLE,
    evidence VARCHAR, confidence DOUBLE,
    record JSON
);
CREATE INDEX IF NOT EXISTS mentions_block ON mentions (block);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    block VARCHAR NOT NULL,
    event_type VARCHAR, cameo VARCHAR, quad_class INTEGER, goldstein DOUBLE, modality VARCHAR,
    source_id VARCHAR, source_code VARCHAR, source_country VARCHAR, source_sector VARCHAR,
    source_name VARCHAR,
    target_id VARCHAR, target_code VARCHAR, target_country VARCHAR, target_sector VARCHAR,
    target_name VARCHAR,
    date VARCHAR, date_precision VARCHAR, day DATE,
    place_name VARCHAR, place_country VARCHAR, lat DOUBLE, lon DOUBLE,
    num_mentions INTEGER, num_documents INTEGER, num_sources INTEGER,
    first_report DATE, last_report DATE,
    confidence DOUBLE,
    search VARCHAR,
    record JSON
);
CREATE INDEX IF NOT EXISTS events_block ON events (block);
"""

MENTION_COLUMNS = [
    "mention_id",
    "doc_id",
    "event_id",
    "block",
    "event_type",
    "cameo",
    "quad_class",
    "goldstein",
    "modality",
    "source_id",
    "source_code",
    "source_country",
    "source_name",
    "target_id",
    "target_code",
    "target_country",
    "target_name",
    "date",
    "date_precision",
    "date_first",
    "date_last",
    "place_name",
    "place_country",
    "lat",
    "lon",
    "evidence",
    "confidence",
    "record",
]
EVENT_COLUMNS = [
    "event_id",
    "block",
    "event_type",
    "cameo",
    "quad_class",
    "goldstein",
    "modality",
    "source_id",
    "source_code",
    "source_country",
    "source_sector",
    "source_name",
    "target_id",
    "target_code",
    "target_country",
    "target_sector",
    "target_name",
    "date",
    "date_precision",
    "day",
    "place_name",
    "place_country",
    "lat",
    "lon",
    "num_mentions",
    "num_documents",
    "num_sources",
    "first_report",
    "last_report",
    "confidence",
    "search",
    "record",
]
DOCUMENT_COLUMNS = [
    "doc_id",
    "content_hash",
    "url",
    "source",
    "outlet",
    "title",
    "published",
    "published_how",
    "text",
    "n_events",
    "ingested_at",
]

DATELINE_OUTLET = re.compile(r"\(([A-Z][\w .&'-]{1,40}?)\)\s*(?:-{1,2}|–|—)")


def content_hash(doc: Document) -> str:
    """The hash that identifies a document's content (its raw text or HTML)."""
    return hashlib.sha256(doc.raw.encode("utf-8")).hexdigest()


def outlet_of(doc: Document) -> str | None:
    """Who published a document: its source, else its web host, else a wire dateline's ``(Outlet) -``."""
    if doc.source:
        return doc.source
    if doc.url:
        host = urlparse(doc.url).netloc.lower().removeprefix("www.")
        if host:
            return host
    found = DATELINE_OUTLET.search(doc.text[:300])
    return found.group(1).strip() if found else None


def document_row(doc: Document, digest: str) -> dict[str, Any]:
    """The ``documents`` row of a coded document (plain values: Parquet- and pickle-friendly)."""
    return {
        "doc_id": doc.id,
        "content_hash": digest,
        "url": doc.url,
        "source": doc.source,
        "outlet": outlet_of(doc),
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "published_how": doc.published_how,
        "text": doc.text,
        "n_events": len(doc.events),
    }


def _actor_cols(prefix: str, actor: dict[str, Any] | None, sector: bool = False) -> dict[str, Any]:
    a = actor or {}
    cols = {
        f"{prefix}_id": a.get("id"),
        f"{prefix}_code": a.get("code"),
        f"{prefix}_country": a.get("country"),
        f"{prefix}_name": (a.get("name") or a.get("text")) if a else None,
    }
    if sector:
        cols[f"{prefix}_sector"] = a.get("sector")
    return cols


def mention_row(rec: dict[str, Any], published: str | None = None) -> dict[str, Any]:
    """The ``mentions`` row of one event record (``Event.to_json()``).

    Args:
        rec: the event record.
        published: the publication day (ISO) of its document, which dates undated events.
    """
    span = report_interval(rec, published)
    loc = rec.get("location") or {}
    return {
        "mention_id": rec["event_id"],
        "doc_id": rec["doc_id"],
        "event_id": None,
        "block": block_key(rec, published),
        "event_type": rec.get("event_type"),
        "cameo": rec.get("cameo"),
        "quad_class": rec.get("quad_class"),
        "goldstein": rec.get("goldstein"),
        "modality": rec.get("modality"),
        **_actor_cols("source", rec.get("source")),
        **_actor_cols("target", rec.get("target")),
        "date": rec.get("date"),
        "date_precision": rec.get("date_precision"),
        "date_first": span[0].isoformat() if span else None,
        "date_last": span[1].isoformat() if span else None,
        "place_name": loc.get("name"),
        "place_country": loc.get("country"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "evidence": (rec.get("evidence") or {}).get("text"),
        "confidence": rec.get("confidence"),
        "record": json.dumps(rec, ensure_ascii=False),
    }


def mention_rows(doc: Document) -> list[dict[str, Any]]:
    """The ``mentions`` rows of a coded document."""
    published = doc.published.isoformat() if doc.published else None
    return [mention_row(ev.to_json(), published) for ev in doc.events]


def _event_row(block: str, rec: dict[str, Any]) -> list[Any]:
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
        **_actor_cols("source", rec.get("source"), sector=True),
        **_actor_cols("target", rec.get("target"), sector=True),
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
    }
    return [row[c] for c in EVENT_COLUMNS]


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


class Store:
    """A DuckDB file of documents, event mentions and merged events.

    Open it for writing once per process (DuckDB allows one writer); readers open it with
    ``read_only=True``. Use it as a context manager, or call :meth:`close`.
    """

    def __init__(self, path: str | Path, read_only: bool = False, threads: int | None = None) -> None:
        """Open (and, for writing, create) a store.

        Args:
            path: the DuckDB file.
            read_only: open for reading only (several readers may share the file).
            threads: DuckDB threads for this connection (default: DuckDB's, one per core).

        Raises:
            FileNotFoundError: ``read_only`` and there is no such file.
            RuntimeError: the file was written by an incompatible version of the store.
        """
        import duckdb

        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no store at {self.path}; run `thucydides ingest` first")
        self.con = duckdb.connect(self.path, read_only=read_only)
        if threads is not None:
            self.con.execute(f"SET threads TO {int(threads)}")
        tables = {r[0] for r in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "events" in tables and "meta" not in tables:
            self.con.close()
            raise RuntimeError(
                f"{self.path} was written by an older version of thucydides; remove it and ingest again"
            )
        if not read_only:
            self.con.execute(SCHEMA)
            self.con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )

    def close(self) -> None:
        """Close the connection (committed work is already on disk)."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def known_hashes(self) -> set[str]:
        """Content hashes of every stored document (to skip them before coding)."""
        return {row[0] for row in self.con.execute("SELECT content_hash FROM documents").fetchall()}

    def known_ids(self) -> set[str]:
        """Ids of every stored document."""
        return {row[0] for row in self.con.execute("SELECT doc_id FROM documents").fetchall()}

    def add(self, doc: Document, digest: str) -> bool:
        """Store a coded document with its events and merge them; False when it was already there.

        Args:
            doc: a document that went through the pipeline.
            digest: its :func:`content_hash`.
        """
        return self.add_rows(document_row(doc, digest), mention_rows(doc))

    def add_rows(self, doc_row: dict[str, Any], rows: Iterable[dict[str, Any]]) -> bool:
        """Store one document row and its mention rows; False when the document is already there.

        Rows are what :func:`document_row` and :func:`mention_row` make (the Spark loader passes
        them straight from Parquet).
        """
        return self.add_many([(doc_row, list(rows))])[0]

    def add_many(self, items: Sequence[tuple[dict[str, Any], Sequence[dict[str, Any]]]]) -> list[bool]:
        """Store several documents with their mentions in one transaction, updating merged events.

        A document whose content hash or id is already stored (or repeated earlier in ``items``)
        is skipped. Either every document of the call is stored or none is, so a killed run
        leaves whole documents only.

        Args:
            items: ``(document row, mention rows)`` pairs.

        Returns:
            For each item, whether it was stored.
        """
        if not items:
            return []
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            hashes = [d["content_hash"] for d, _ in items]
            ids = [d["doc_id"] for d, _ in items]
            marks = ", ".join(["?"] * len(items))
            taken: set[str] = set()
            sql = f"SELECT content_hash, doc_id FROM documents WHERE content_hash IN ({marks})"
            sql += f" OR doc_id IN ({marks})"
            for h, i in con.execute(sql, hashes + ids).fetchall():
                taken |= {h, i}
            stored: list[bool] = []
            now = datetime.now(UTC).replace(tzinfo=None)
            docs: list[list[Any]] = []
            mentions: list[list[Any]] = []
            for doc_row, rows in items:
                ok = doc_row["content_hash"] not in taken and doc_row["doc_id"] not in taken
                stored.append(ok)
                if not ok:
                    continue
                taken |= {doc_row["content_hash"], doc_row["doc_id"]}
                full = {**doc_row, "ingested_at": now}
                docs.append([full.get(c) for c in DOCUMENT_COLUMNS])
                mentions += [[r.get(c) for c in MENTION_COLUMNS] for r in rows]
            self._insert(f"documents ({', '.join(DOCUMENT_COLUMNS)})", len(DOCUMENT_COLUMNS), docs)
            self._insert("mentions", len(MENTION_COLUMNS), mentions, ignore=True)
            block_at = MENTION_COLUMNS.index("block")
            self._merge_blocks(sorted({m[block_at] for m in mentions}))
            con.execute("COMMIT")
            return stored
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _insert(self, table: str, width: int, rows: Sequence[Sequence[Any]], ignore: bool = False) -> None:
        """Insert rows in one statement that takes each column as a list and unnests them side by side.

        DuckDB converts a list parameter in one go, so this is about twice as fast as multi-row
        ``VALUES`` statements with a placeholder per value (and far faster than a statement per row).
        """
        if not rows:
            return
        if any(len(r) != width for r in rows):
            raise ValueError(f"every row for {table} must have {width} values")
        verb = "INSERT OR IGNORE INTO" if ignore else "INSERT INTO"
        columns = [list(column) for column in zip(*rows, strict=True)]
        self.con.execute(f"{verb} {table} SELECT {', '.join(['unnest(?)'] * width)}", columns)

    def _merge_blocks(self, blocks: Sequence[str], rewrite_all: bool = False) -> None:
        """Recompute the merged events of some blocks from all their mentions (inside a transaction).

        A merged event is made only from its mentions (and their documents), which never change once
        stored; so an event whose mentions are exactly those it had is already up to date and is
        left as it is. Only new and changed events are written (all of them with ``rewrite_all``,
        after the merge rules changed).
        """
        if not blocks:
            return
        con = self.con
        by_block: dict[str, list[Report]] = {b: [] for b in blocks}
        old: dict[str, str | None] = {}
        for step in range(0, len(blocks), 500):
            part = list(blocks[step : step + 500])
            marks = ", ".join(["?"] * len(part))
            for block, mid, old_id, doc_id, outlet, published, url, record in con.execute(
                "SELECT m.block, m.mention_id, m.event_id, m.doc_id, d.outlet, d.published, d.url, m.record "
                f"FROM mentions m JOIN documents d USING (doc_id) WHERE m.block IN ({marks})",
                part,
            ).fetchall():
                old[mid] = old_id
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
                    and len(old_members.get(first, ())) == len(members)
                    and all(old[m.mention_id] == first for m in members)
                ):
                    kept.append(first)  # the same mentions as before: the stored event is up to date
                    continue
                rec = merged_event(members)
                rows.append(_event_row(block, rec))
                links += [
                    [m.mention_id, rec["event_id"]] for m in members if old[m.mention_id] != rec["event_id"]
                ]
        for step in range(0, len(blocks), 500):
            part = list(blocks[step : step + 500])
            marks = ", ".join(["?"] * len(part))
            con.execute(
                f"DELETE FROM events WHERE block IN ({marks}) AND NOT list_contains(?::VARCHAR[], event_id)",
                [*part, kept],
            )
        self._insert("events", len(EVENT_COLUMNS), rows)
        if links:
            con.execute("CREATE TEMP TABLE IF NOT EXISTS relink (mention_id VARCHAR, event_id VARCHAR)")
            con.execute("DELETE FROM relink")
            self._insert("relink", 2, links)
            con.execute(
                "UPDATE mentions SET event_id = relink.event_id FROM relink "
                "WHERE mentions.mention_id = relink.mention_id"
            )

    def remerge(self) -> int:
        """Recompute every merged event from the mentions (after a change of merge rules).

        Returns:
            The number of merged events.
        """
        blocks = [r[0] for r in self.con.execute("SELECT DISTINCT block FROM mentions ORDER BY 1").fetchall()]
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DELETE FROM events")
            self._merge_blocks(blocks, rewrite_all=True)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        row = self.con.execute("SELECT count(*) FROM events").fetchone()
        return int(row[0]) if row else 0

    # ------------------------------------------------------------------ reading

    def events_page(
        self,
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
            f"SELECT record, {expr} AS sort_value, event_id FROM events"
            + (f" WHERE {' AND '.join(where)}" if where else "")
            + f" ORDER BY sort_value {'DESC' if desc else 'ASC'}, event_id LIMIT {limit + 1}"
        )
        found = self.con.execute(sql, args).fetchall()
        page = EventPage([json.loads(r[0]) for r in found[:limit]])
        if len(found) > limit:
            _, value, event_id = found[limit - 1]
            page.next_cursor = encode_cursor(sort, value, event_id)
        return page

    def events(self, filters: Filters | None = None, sort: str = "date") -> Iterator[dict[str, Any]]:
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
            page = self.events_page(f, sort=sort, limit=size, cursor=cursor)
            yield from page.events
            if left is not None:
                left -= len(page.events)
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One merged event with every mention, each with its full per-document record.

        ``event_id`` may also be the id of one of its mentions. None when there is no such event.
        """
        row = self.con.execute(
            "SELECT e.record FROM events e WHERE e.event_id = ? UNION ALL "
            "SELECT e.record FROM mentions m JOIN events e USING (event_id) WHERE m.mention_id = ? LIMIT 1",
            [event_id, event_id],
        ).fetchone()
        if row is None:
            return None
        rec: dict[str, Any] = json.loads(row[0])
        full = {
            mid: json.loads(r)
            for mid, r in self.con.execute(
                "SELECT mention_id, record FROM mentions WHERE event_id = ?", [rec["event_id"]]
            ).fetchall()
        }
        for m in rec["mentions"]:
            m["record"] = full.get(m["mention_id"])
        return rec

    def actors(self, limit: int = 50, country: str | None = None) -> list[dict[str, Any]]:
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
        return [dict(zip(keys, row, strict=True)) for row in self.con.execute(sql, args).fetchall()]

    def dyad_timeline(
        self,
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
        return timeline_buckets(
            self.con, Filters(dyad=(a, b), directed=directed, since=since, until=until), by
        )

    def counts(self) -> dict[str, int]:
        """How many documents, mentions and merged events the store holds."""
        out = {}
        for table in ("documents", "mentions", "events"):
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out

    def summary(self) -> dict[str, Any]:
        """Counts for the demo summary: documents, mentions, merged events, events per type, top dyads."""
        con = self.con
        counts = self.counts()
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
        return {
            "documents": counts["documents"],
            "mentions": counts["mentions"],
            "events": counts["events"],
            "multi_document_events": int(multi[0]) if multi else 0,
            "by_type": by_type,
            "dyads": dyads,
        }
