"""Writing: documents with their mentions, in one transaction with the merged events they touch.

Every function takes an open DuckDB connection (read-write) and does its work inside one
transaction: a killed run leaves whole documents only, with their merged events up to date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from thucydides.store.merge import merge_blocks
from thucydides.store.rows import Coded
from thucydides.store.schema import DOCUMENT_COLUMNS, MENTION_COLUMNS


def utc_now() -> datetime:
    """The current time in UTC, without a time zone (as the store's TIMESTAMP columns hold it)."""
    return datetime.now(UTC).replace(tzinfo=None)


def insert(con: Any, table: str, width: int, rows: Sequence[Sequence[Any]], ignore: bool = False) -> None:
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
    con.execute(f"{verb} {table} SELECT {', '.join(['unnest(?)'] * width)}", columns)


def known_hashes(con: Any) -> set[str]:
    """Content hashes of every stored document (to skip them before coding)."""
    return {row[0] for row in con.execute("SELECT content_hash FROM documents").fetchall()}


def known_ids(con: Any) -> set[str]:
    """Ids of every stored document."""
    return {row[0] for row in con.execute("SELECT doc_id FROM documents").fetchall()}


def add_many(con: Any, items: Sequence[Coded]) -> list[bool]:
    """Store several coded documents in one transaction, updating the merged events they touch.

    A document whose content hash or id is already stored (or repeated earlier in ``items``)
    is skipped. Either every document of the call is stored or none is.

    Returns:
        For each item, whether it was stored.
    """
    if not items:
        return []
    con.execute("BEGIN TRANSACTION")
    try:
        hashes = [c.document.content_hash for c in items]
        ids = [c.document.doc_id for c in items]
        marks = ", ".join(["?"] * len(items))
        taken: set[str] = set()
        sql = f"SELECT content_hash, doc_id FROM documents WHERE content_hash IN ({marks})"
        sql += f" OR doc_id IN ({marks})"
        for h, i in con.execute(sql, hashes + ids).fetchall():
            taken |= {h, i}
        stored: list[bool] = []
        now = utc_now()
        docs: list[list[Any]] = []
        mentions: list[list[Any]] = []
        for coded in items:
            row = coded.document
            ok = row.content_hash not in taken and row.doc_id not in taken
            stored.append(ok)
            if not ok:
                continue
            taken |= {row.content_hash, row.doc_id}
            row.ingested_at = now
            docs.append(row.values())
            mentions += [m.values() for m in coded.mentions]
        insert(con, f"documents ({', '.join(DOCUMENT_COLUMNS)})", len(DOCUMENT_COLUMNS), docs)
        insert(con, f"mentions ({', '.join(MENTION_COLUMNS)})", len(MENTION_COLUMNS), mentions, ignore=True)
        block_at = MENTION_COLUMNS.index("block")
        merge_blocks(con, sorted({m[block_at] for m in mentions}), now=now)
        con.execute("COMMIT")
        return stored
    except BaseException:
        con.execute("ROLLBACK")
        raise
