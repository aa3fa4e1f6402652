"""The :class:`Store`: one DuckDB file, opened for reading or writing, with the library's whole API."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Literal

from thucydides.record import Document
from thucydides.store import read, write
from thucydides.store.filters import EventPage, Filters
from thucydides.store.merge import remerge
from thucydides.store.rows import Coded, DocumentRow, MentionRow, content_hash
from thucydides.store.schema import LayoutError, create_or_upgrade, needs_upgrade


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
            RuntimeError: the file was written by an incompatible version of the store
                (:class:`~thucydides.store.schema.LayoutError`).
        """
        self.path = str(path)
        self.read_only = read_only
        self.threads = threads
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no store at {self.path}; run `thucydides ingest` first")
        self.con: Any = self._connect()

    def _connect(self) -> Any:
        import duckdb

        if self.read_only:
            con = duckdb.connect(self.path, read_only=True)
            try:
                older = needs_upgrade(con, self.path)
            except LayoutError:
                con.close()
                raise
            if older:  # bring an older layout up to date once, then read
                con.close()
                con = duckdb.connect(self.path)
                create_or_upgrade(con, self.path)
                con.close()
                con = duckdb.connect(self.path, read_only=True)
        else:
            con = duckdb.connect(self.path)
            try:
                create_or_upgrade(con, self.path)
            except LayoutError:
                con.close()
                raise
        if self.threads is not None:
            con.execute(f"SET threads TO {int(self.threads)}")
        return con

    def close(self) -> None:
        """Close the connection (committed work is already on disk)."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _use(self) -> Iterator[Any]:
        """The connection for one piece of work."""
        yield self.con

    # ------------------------------------------------------------------ writing

    def known_hashes(self) -> set[str]:
        """Content hashes of every stored document (to skip them before coding)."""
        with self._use() as con:
            return write.known_hashes(con)

    def known_ids(self) -> set[str]:
        """Ids of every stored document."""
        with self._use() as con:
            return write.known_ids(con)

    def add(self, doc: Document, digest: str | None = None) -> bool:
        """Store a coded document with its events and merge them; False when it was already there.

        Args:
            doc: a document that went through the pipeline.
            digest: its :func:`content_hash` (computed when not given).
        """
        return self.add_many([Coded.from_document(doc, digest or content_hash(doc))])[0]

    def add_rows(self, doc_row: DocumentRow, rows: Iterable[MentionRow]) -> bool:
        """Store one document row and its mention rows; False when the document is already there."""
        return self.add_many([Coded(doc_row, list(rows))])[0]

    def add_many(self, items: Sequence[Coded]) -> list[bool]:
        """Store several coded documents in one transaction, updating merged events.

        A document whose content hash or id is already stored (or repeated earlier in ``items``)
        is skipped. Either every document of the call is stored or none is, so a killed run
        leaves whole documents only.

        Returns:
            For each item, whether it was stored.
        """
        with self._use() as con:
            return write.add_many(con, items)

    def remerge(self) -> int:
        """Recompute every merged event from the mentions (after a change of merge rules).

        Returns:
            The number of merged events.
        """
        with self._use() as con:
            return remerge(con, write.utc_now())

    # ------------------------------------------------------------------ reading

    def events_page(
        self,
        filters: Filters | None = None,
        sort: str = "date",
        limit: int = 50,
        cursor: str | None = None,
    ) -> EventPage:
        """One page of merged events matching the filters (see :func:`thucydides.store.read.events_page`).

        Raises:
            QueryError: a bad filter, sort, limit or cursor (``param`` names it).
        """
        with self._use() as con:
            return read.events_page(con, filters, sort=sort, limit=limit, cursor=cursor)

    def events(self, filters: Filters | None = None, sort: str = "date") -> Iterator[dict[str, Any]]:
        """Every merged event matching the filters (up to ``filters.limit``), page by page.

        Raises:
            QueryError: a bad filter value.
        """
        with self._use() as con:
            yield from read.events(con, filters, sort=sort)

    def with_mention_records(self, events: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Merged events whose mentions carry their full records, document length and storing time
        (see :func:`thucydides.store.read.with_mention_records`)."""
        with self._use() as con:
            yield from read.with_mention_records(con, events)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One merged event with every mention, each with its full per-document record.

        ``event_id`` may also be the id of one of its mentions. None when there is no such event.
        """
        with self._use() as con:
            return read.event(con, event_id)

    def actors(self, limit: int = 50, country: str | None = None) -> list[dict[str, Any]]:
        """Actors with how many merged events they take part in (see :func:`thucydides.store.read.actors`)."""
        with self._use() as con:
            return read.actors(con, limit=limit, country=country)

    def dyad_timeline(
        self,
        a: str,
        b: str,
        by: Literal["day", "week", "month"] = "month",
        directed: bool = False,
        since: str | date | None = None,
        until: str | date | None = None,
    ) -> list[dict[str, Any]]:
        """Events between two countries per period (see :func:`thucydides.store.read.dyad_timeline`)."""
        with self._use() as con:
            return read.dyad_timeline(con, a, b, by=by, directed=directed, since=since, until=until)

    def counts(self) -> dict[str, int]:
        """How many documents, mentions and merged events the store holds."""
        with self._use() as con:
            return read.counts_of(con)

    def summary(self) -> dict[str, Any]:
        """Counts for the demo summary: documents, mentions, merged events, events per type, top dyads."""
        with self._use() as con:
            return read.summary(con)
