"""The store's tables: their layout, its version, and how an older file is brought up to date.

The layout is documented for SQL users in ``docs/STORE.md``. Columns added after version 2 are
listed in :data:`ADDED_COLUMNS` and added in place when a file of an older layout is opened for
writing, so a store never has to be rebuilt for them.
"""

from __future__ import annotations

from typing import Any

SCHEMA_VERSION = 3

TABLES = """
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

# tables added since layout 2
ADDED_TABLES = """
CREATE TABLE IF NOT EXISTS skipped (
    doc_id VARCHAR PRIMARY KEY,
    language VARCHAR,
    reason VARCHAR,
    skipped_at TIMESTAMP
);
"""

# (table, column, type) added since layout 2, in the order they were added
ADDED_COLUMNS: list[tuple[str, str, str]] = [
    ("events", "added_at", "TIMESTAMP"),
    ("documents", "coder_version", "VARCHAR"),
    ("documents", "kb_hash", "VARCHAR"),
    ("documents", "language", "VARCHAR"),
]

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
    "added_at",
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
    "coder_version",
    "kb_hash",
    "language",
]


class LayoutError(RuntimeError):
    """The file is not a store this version can use (with what to do about it)."""


def tables(con: Any) -> set[str]:
    """Names of the tables in the connected file."""
    return {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


def layout_version(con: Any, path: str) -> int | None:
    """The layout version of the connected store; None for an empty file.

    Raises:
        LayoutError: the file holds events but no version (written before the store was versioned).
    """
    found = tables(con)
    if "events" in found and "meta" not in found:
        raise LayoutError(f"{path} was written by an older version of thucydides; remove it and ingest again")
    if "meta" not in found:
        return None
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else None


def needs_upgrade(con: Any, path: str) -> bool:
    """Whether a store file must be opened for writing once before it can be read (older layout)."""
    version = layout_version(con, path)
    if version is not None and version > SCHEMA_VERSION:
        raise LayoutError(f"{path} was written by a newer version of thucydides (layout {version})")
    return version is not None and version < SCHEMA_VERSION


def create_or_upgrade(con: Any, path: str) -> None:
    """Create the tables of an empty file, or add the columns an older layout lacks (writing)."""
    older = needs_upgrade(con, path)  # and refuses unusable files
    con.execute(TABLES)
    con.execute(ADDED_TABLES)
    for table, column, kind in ADDED_COLUMNS:
        con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {kind}")
    if older:  # events stored before added_at existed entered the store with their first document
        con.execute(
            "UPDATE events SET added_at = first.at FROM ("
            " SELECT m.event_id, min(d.ingested_at) AS at FROM mentions m JOIN documents d USING (doc_id)"
            " GROUP BY 1) AS first WHERE events.event_id = first.event_id AND events.added_at IS NULL"
        )
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
