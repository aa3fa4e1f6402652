"""The :class:`Store`: one DuckDB file, opened for reading or writing, with the library's whole API."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from pathlib import Path
from typing import Any, Literal

from thucydides.provenance import Provenance
from thucydides.record import Document
from thucydides.store import read, write
from thucydides.store.filters import DocumentFilter, EventPage, Filters
from thucydides.store.merge import remerge
from thucydides.store.rows import Coded, DocumentRow, MentionRow, content_hash
from thucydides.store.schema import create_or_upgrade, needs_upgrade
from thucydides.store.turns import Access


def document_of(row: dict[str, Any]) -> Document:
    """A stored ``documents`` row as a document to code again (its text is its cleaned text)."""
    published = row.get("published")
    return Document(
        id=row["doc_id"],
        raw=row.get("text") or "",
        url=row.get("url"),
        source=row.get("source"),
        title=row.get("title"),
        published=published,
        published_how=(row.get("published_how") or "none") if published else "none",
    )


class Store:
    """A DuckDB file of documents, event mentions and merged events.

    Processes take turns at the file (see :mod:`thucydides.store.turns`): many may read at once,
    one may write, and nobody gets an error for it, only a wait. By default a ``Store`` holds its
    turn from opening to :meth:`close` (use it as a context manager); with ``share=True`` it opens
    the file for each piece of work and keeps it only while no other process is waiting, so
    that a server and an ingest can run side by side.
    """

    def __init__(
        self,
        path: str | Path,
        read_only: bool = False,
        threads: int | None = None,
        share: bool = False,
        timeout: float | None = None,
        say: Callable[[str], None] | None = None,
    ) -> None:
        """Open (and, for writing, create) a store.

        Args:
            path: the DuckDB file.
            read_only: open for reading only (several readers may share the file).
            threads: DuckDB threads for this connection (default: DuckDB's, one per core).
            share: hand the file over to other processes that wait for it between pieces of work.
            timeout: how long to wait for the file while another process uses it (None: as
                long as it takes).
            say: told once, after a second of waiting, whom it waits for.

        Raises:
            FileNotFoundError: ``read_only`` and there is no such file.
            RuntimeError: the file was written by an incompatible version of the store
                (:class:`~thucydides.store.schema.LayoutError`).
            StoreBusy: the file could not be had within ``timeout``, or a program that does not
                take turns holds it.
        """
        self.path = str(path)
        self.read_only = read_only
        self.threads = threads
        self.share = share
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no store at {self.path}; run `thucydides ingest` first")
        self._scope: ContextVar[list[Any] | None] = ContextVar(f"store-scope-{id(self)}", default=None)
        self._created = False
        if read_only:
            self._upgrade_if_older(timeout, say)
        self._closed = False
        self._access = Access(
            self.path, write=not read_only, opened=self._opened, watch=share, timeout=timeout, say=say
        )
        self.con: Any = None
        if not share:
            self.con = self._access.begin()

    def _upgrade_if_older(self, timeout: float | None, say: Callable[[str], None] | None) -> None:
        """Bring a file of an older layout up to date (a writer's turn, once) before reading it."""
        probe = Access(self.path, write=False, watch=False, timeout=timeout, say=say)
        try:
            with probe.use() as con:
                older = needs_upgrade(con, self.path)
        finally:
            probe.close()
        if older:
            upgrade = Access(self.path, write=True, watch=False, timeout=timeout, say=say)
            try:
                with upgrade.use() as con:
                    create_or_upgrade(con, self.path)
            finally:
                upgrade.close()

    def _opened(self, con: Any) -> None:
        if not self.read_only and not self._created:
            create_or_upgrade(con, self.path)
            self._created = True
        if self.threads is not None:
            con.execute(f"SET threads TO {int(self.threads)}")

    def close(self) -> None:
        """Close the connection and let other processes have the file (committed work is on disk)."""
        if self._closed:
            return
        self._closed = True
        if self.con is not None:
            self._access.end(self.con)
            self.con = None
        self._access.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def handovers(self) -> int:
        """How many times this store was handed over to another process that waited for it."""
        return self._access.handovers

    @contextmanager
    def _use(self) -> Iterator[Any]:
        """The connection for one piece of work (the held one, the scope's, or one taken for it)."""
        if self.con is not None:
            yield self.con
            return
        held = self._scope.get()
        if held is not None:
            if not held:
                held.append(self._access.begin())
            yield held[0]
            return
        with self._access.use() as con:
            yield con

    @contextmanager
    def scope(self) -> Iterator[None]:
        """Work inside the block (in this context and copies of it) shares one turn at the store.

        The HTTP API runs each request in a scope: the request's queries see one state of the
        store, and the store is handed over to a waiting process only between requests.
        """
        held: list[Any] = []
        token = self._scope.set(held)
        try:
            yield
        finally:
            self._scope.reset(token)
            for con in held:
                self._access.end(con)

    def cursor(self) -> Any:
        """A cursor for queries of one's own: the scope's (see :meth:`scope`), else a new one of the
        held connection."""
        held = self._scope.get()
        if held is not None:
            if not held:
                held.append(self._access.begin())
            return held[0]
        if self.con is None:
            raise RuntimeError("a shared store gives cursors inside Store.scope() only")
        return self.con.cursor()

    def hand_over(self) -> bool:
        """Let a waiting process have the file now, if one waits (a shared store does it by itself)."""
        return self._access.hand_over()

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

        A document with the id of a stored one but other content replaces it (see :meth:`add_many`).

        Args:
            doc: a document that went through the pipeline.
            digest: its :func:`content_hash` (computed when not given).
        """
        return self.add_many([Coded.from_document(doc, digest or content_hash(doc))])[0] != "already"

    def add_rows(self, doc_row: DocumentRow, rows: Iterable[MentionRow]) -> bool:
        """Store one document row and its mention rows; False when the document is already there."""
        return self.add_many([Coded(doc_row, list(rows))])[0] != "already"

    def add_many(self, items: Sequence[Coded]) -> list[str]:
        """Store several coded documents in one transaction, updating merged events.

        A document is its id: one stored with the same content is already there; one stored with
        other content (or marked ``replace``) is replaced, its old mentions deleted and the merged
        events they were part of recounted; a new id with the content of a stored document is a
        copy, not stored again. Either every document of the call is stored or none is, so a
        killed run leaves whole documents only.

        Returns:
            For each item: ``"added"``, ``"replaced"`` or ``"already"``.
        """
        with self._use() as con:
            return write.add_many(con, items)

    def note_skipped(self, refused: Sequence[tuple[str, str | None, str]]) -> None:
        """Remember documents not coded for their language: ``(doc id, language, reason)``."""
        with self._use() as con:
            write.note_skipped(con, refused)

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

    def summary(self, provenance: Provenance | None = None) -> dict[str, Any]:
        """Counts for the demo summary: documents, mentions, merged events, events per type, top dyads.

        With a ``provenance`` (the coder and actor files one would code with now), also
        ``outdated``: how many documents another coder version or other knowledge coded.
        """
        with self._use() as con:
            out = read.summary(con)
            if provenance is not None:
                out["outdated"] = read.outdated_documents(con, provenance.coder_version, provenance.kb_hash)
            return out

    def document_ids(self, where: DocumentFilter, provenance: Provenance) -> list[str]:
        """Ids of the stored documents that match ``where`` (``outdated`` compared with ``provenance``)."""
        with self._use() as con:
            return read.document_ids(con, where, provenance.coder_version, provenance.kb_hash)

    def stored_documents(self, doc_ids: list[str]) -> list[Document]:
        """Stored documents as they can be coded again: their cleaned text, publication date, URL, title."""
        with self._use() as con:
            rows = read.stored_documents(con, doc_ids)
        return [document_of(row) for row in rows]

    def content_hashes(self, doc_ids: list[str]) -> dict[str, str]:
        """The stored content hash of each of these documents."""
        with self._use() as con:
            return {r["doc_id"]: r["content_hash"] for r in read.stored_documents(con, doc_ids)}
