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


def insert(
    con: Any,
    table: str,
    width: int,
    rows: Sequence[Sequence[Any]],
    ignore: bool = False,
    replace: bool = False,
) -> None:
    """Insert rows in one statement that takes each column as a list and unnests them side by side.

    DuckDB converts a list parameter in one go, so this is about twice as fast as multi-row
    ``VALUES`` statements with a placeholder per value (and far faster than a statement per row).
    """
    if not rows:
        return
    if any(len(r) != width for r in rows):
        raise ValueError(f"every row for {table} must have {width} values")
    verb = "INSERT OR IGNORE INTO" if ignore else "INSERT OR REPLACE INTO" if replace else "INSERT INTO"
    columns = [list(column) for column in zip(*rows, strict=True)]
    con.execute(f"{verb} {table} SELECT {', '.join(['unnest(?)'] * width)}", columns)


def known_hashes(con: Any) -> set[str]:
    """Content hashes of every stored document (to skip them before coding)."""
    return {row[0] for row in con.execute("SELECT content_hash FROM documents").fetchall()}


def known_ids(con: Any) -> set[str]:
    """Ids of every stored document."""
    return {row[0] for row in con.execute("SELECT doc_id FROM documents").fetchall()}


def add_many(con: Any, items: Sequence[Coded]) -> list[str]:
    """Store several coded documents in one transaction, updating the merged events they touch.

    A document is its id. One whose id is stored with the same content is already there; one
    whose id is stored with other content (an edited file, a corrected report), or that is marked
    :attr:`~thucydides.store.rows.Coded.replace` (re-coded), replaces the stored one: its old
    mentions are deleted and the merged events they were part of are recounted. A document with
    a new id but the content of a stored one is a copy and is not stored again. Either every
    document of the call is stored or none is.

    Returns:
        For each item: ``"added"``, ``"replaced"`` or ``"already"``.
    """
    if not items:
        return []
    con.execute("BEGIN TRANSACTION")
    try:
        outcome = _add_many(con, items)
        con.execute("COMMIT")
        return outcome
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _add_many(con: Any, items: Sequence[Coded]) -> list[str]:
    hashes = [c.document.content_hash for c in items]
    ids = [c.document.doc_id for c in items]
    marks = ", ".join(["?"] * len(items))
    by_id: dict[str, str] = {}  # stored doc id -> its content hash
    hash_of: dict[str, str] = {}  # stored content hash -> its doc id
    sql = f"SELECT content_hash, doc_id FROM documents WHERE content_hash IN ({marks}) OR doc_id IN ({marks})"
    for h, i in con.execute(sql, hashes + ids).fetchall():
        by_id[i], hash_of[h] = h, i
    outcome: list[str] = []
    now = utc_now()
    docs: list[list[Any]] = []
    mentions: list[list[Any]] = []
    gone: list[str] = []  # stored documents to replace
    seen: set[str] = set()  # ids and hashes stored by this call
    for coded in items:
        row = coded.document
        stored_hash = by_id.get(row.doc_id)
        copy_of = hash_of.get(row.content_hash)
        if (row.doc_id in seen or row.content_hash in seen) or (
            not coded.replace and (stored_hash == row.content_hash or (copy_of and copy_of != row.doc_id))
        ):
            outcome.append("already")
            continue
        seen |= {row.doc_id, row.content_hash}
        if stored_hash is not None:
            gone.append(row.doc_id)
        outcome.append("replaced" if stored_hash is not None else "added")
        row.ingested_at = now
        docs.append(row.values())
        mentions += [m.values() for m in coded.mentions]
    blocks: set[str] = set()
    dirty: set[str] = set()
    if gone:
        for block, event_id in con.execute(
            "SELECT block, event_id FROM mentions WHERE list_contains(?::VARCHAR[], doc_id)", [gone]
        ).fetchall():
            blocks.add(block)
            if event_id is not None:
                dirty.add(event_id)
        con.execute("DELETE FROM mentions WHERE list_contains(?::VARCHAR[], doc_id)", [gone])
        con.execute("DELETE FROM documents WHERE list_contains(?::VARCHAR[], doc_id)", [gone])
    insert(con, f"documents ({', '.join(DOCUMENT_COLUMNS)})", len(DOCUMENT_COLUMNS), docs)
    if docs:  # coded now: no longer skipped
        con.execute("DELETE FROM skipped WHERE list_contains(?::VARCHAR[], doc_id)", [[d[0] for d in docs]])
    insert(con, f"mentions ({', '.join(MENTION_COLUMNS)})", len(MENTION_COLUMNS), mentions, ignore=True)
    block_at = MENTION_COLUMNS.index("block")
    blocks |= {m[block_at] for m in mentions}
    merge_blocks(con, sorted(blocks), now=now, changed=dirty)
    return outcome


def note_skipped(con: Any, refused: Sequence[tuple[str, str | None, str]]) -> None:
    """Remember documents that were not coded for their language: ``(doc id, language, reason)``."""
    if not refused:
        return
    now = utc_now()
    con.execute("BEGIN TRANSACTION")
    try:
        insert(con, "skipped", 4, [[d, lang, reason, now] for d, lang, reason in refused], replace=True)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
