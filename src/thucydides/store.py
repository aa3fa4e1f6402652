"""The embedded event store: the only module that talks to DuckDB.

Tables:

- ``documents``: one row per ingested document, keyed by ``doc_id`` with a unique ``content_hash``.
- ``events``: one row per coded event (``record`` holds the full JSON record).

Each document is written with its events in one transaction, so a killed run
leaves whole documents only, and a rerun skips what is already there.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from thucydides.record import Document

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR UNIQUE NOT NULL,
    url VARCHAR, source VARCHAR, title VARCHAR,
    published DATE, published_how VARCHAR,
    text VARCHAR,
    n_events INTEGER,
    ingested_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    event_type VARCHAR, cameo VARCHAR, quad_class INTEGER, goldstein DOUBLE, modality VARCHAR,
    source_code VARCHAR, source_country VARCHAR, source_name VARCHAR,
    target_code VARCHAR, target_country VARCHAR, target_name VARCHAR,
    date VARCHAR, date_precision VARCHAR,
    place_name VARCHAR, place_country VARCHAR, lat DOUBLE, lon DOUBLE,
    evidence VARCHAR, confidence DOUBLE,
    record JSON
);
"""


def content_hash(doc: Document) -> str:
    """The hash that identifies a document's content (its raw text or HTML)."""
    return hashlib.sha256(doc.raw.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Filters:
    """Query filters for :meth:`Store.events`."""

    actor: str | None = None
    country: str | None = None
    dyad: tuple[str, str] | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None


class Store:
    """A DuckDB file of documents and events."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        import duckdb

        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no store at {self.path}; run `thucydides ingest` first")
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.con.execute(SCHEMA)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def known_hashes(self) -> set[str]:
        return {row[0] for row in self.con.execute("SELECT content_hash FROM documents").fetchall()}

    def add(self, doc: Document, digest: str) -> bool:
        """Write a document and its events in one transaction; False when it was already there."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            exists = con.execute(
                "SELECT 1 FROM documents WHERE content_hash = ? OR doc_id = ?", [digest, doc.id]
            ).fetchone()
            if exists:
                con.execute("ROLLBACK")
                return False
            con.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    doc.id,
                    digest,
                    doc.url,
                    doc.source,
                    doc.title,
                    doc.published,
                    doc.published_how,
                    doc.text,
                    len(doc.events),
                    datetime.now(UTC).replace(tzinfo=None),
                ],
            )
            rows = []
            for ev in doc.events:
                rec = ev.to_json()
                src, tgt, loc = ev.source, ev.target, ev.location
                rows.append(
                    [
                        ev.event_id,
                        ev.doc_id,
                        ev.event_type,
                        ev.cameo,
                        ev.quad_class,
                        ev.goldstein,
                        ev.modality,
                        src.code if src else None,
                        src.country if src else None,
                        (src.name or src.text) if src else None,
                        tgt.code if tgt else None,
                        tgt.country if tgt else None,
                        (tgt.name or tgt.text) if tgt else None,
                        ev.date,
                        ev.date_precision,
                        loc.name if loc else None,
                        loc.country if loc else None,
                        loc.lat if loc else None,
                        loc.lon if loc else None,
                        ev.evidence.text,
                        ev.confidence,
                        json.dumps(rec),
                    ]
                )
            if rows:
                con.executemany("INSERT OR IGNORE INTO events VALUES (" + ", ".join(["?"] * 22) + ")", rows)
            con.execute("COMMIT")
            return True
        except Exception:
            con.execute("ROLLBACK")
            raise

    def events(self, f: Filters | None = None) -> Iterator[dict[str, Any]]:
        """Events matching the filters, as JSON records with their mention counts."""
        f = f or Filters()
        where, args = ["1=1"], []
        if f.actor:
            where.append(
                "(lower(source_name) LIKE ? OR lower(target_name) LIKE ?"
                " OR source_code = ? OR target_code = ?)"
            )
            like = f"%{f.actor.lower()}%"
            args += [like, like, f.actor.upper(), f.actor.upper()]
        if f.country:
            where.append("(source_country = ? OR target_country = ?)")
            args += [f.country.upper(), f.country.upper()]
        if f.dyad:
            where.append(
                "((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))"
            )
            a, b = f.dyad[0].upper(), f.dyad[1].upper()
            args += [a, b, b, a]
        if f.type:
            where.append("event_type = ?")
            args.append(f.type.upper())
        if f.since:
            where.append("date >= ?")
            args.append(f.since)
        if f.until:
            where.append("substr(date, 1, 10) <= ?")
            args.append(f.until)
        sql = (
            "SELECT e.record, d.source, d.url FROM events e JOIN documents d USING (doc_id) WHERE "
            + " AND ".join(where)
            + " ORDER BY date, event_id"
        )
        if f.limit:
            sql += f" LIMIT {int(f.limit)}"
        for record, source, url in self.con.execute(sql, args).fetchall():
            rec = json.loads(record)
            rec.update(
                num_mentions=1,
                num_documents=1,
                num_sources=1,
                mentions=[
                    {"doc_id": rec["doc_id"], "evidence": rec["evidence"], "source": source, "url": url}
                ],
            )
            yield rec

    def summary(self) -> dict[str, Any]:
        """Counts for the demo summary: documents, events per type, top dyads."""
        con = self.con
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()
        n_events = con.execute("SELECT count(*) FROM events").fetchone()
        by_type = con.execute(
            "SELECT event_type, count(*) n FROM events GROUP BY 1 ORDER BY n DESC, 1"
        ).fetchall()
        dyads = con.execute(
            "SELECT source_country, target_country, count(*) n, round(sum(goldstein), 1) FROM events "
            "WHERE source_country IS NOT NULL AND target_country IS NOT NULL "
            "AND source_country <> target_country "
            "GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 10"
        ).fetchall()
        return {
            "documents": n_docs[0] if n_docs else 0,
            "events": n_events[0] if n_events else 0,
            "by_type": by_type,
            "dyads": dyads,
        }
