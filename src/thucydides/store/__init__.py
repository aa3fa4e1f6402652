"""The embedded event store: the only package that talks to DuckDB.

Tables (documented for SQL users in ``docs/STORE.md``):

- ``documents``: one row per ingested document, keyed by ``doc_id``, with a unique ``content_hash``.
- ``mentions``: one row per event as one document coded it (``record`` holds the full JSON record);
  ``event_id`` points to the merged event it belongs to.
- ``events``: one row per merged event (the same real event reported by several documents and
  outlets, see :mod:`thucydides.merge`), with ``num_mentions``, ``num_documents``, ``num_sources``,
  first and last report, and ``added_at`` (when it first entered the store); ``record`` holds the
  merged JSON record with every mention.
- ``meta``: the layout version.

Modules: :mod:`~thucydides.store.schema` (tables, layout upgrades), :mod:`~thucydides.store.rows`
(the typed rows the coder hands to the writer), :mod:`~thucydides.store.write` (documents and
mentions in one transaction), :mod:`~thucydides.store.merge` (merged events per block),
:mod:`~thucydides.store.filters` (filters, sorting, cursors: no SQL from users),
:mod:`~thucydides.store.read` (the query API), :mod:`~thucydides.store.dashboard` (the HTTP API's
aggregates), :mod:`~thucydides.store.parquet` (the Spark engine's output), and
:mod:`~thucydides.store.core` (:class:`Store`, which ties them together).
"""

from __future__ import annotations

from thucydides.store.core import Store
from thucydides.store.filters import MAX_PAGE_SIZE, EventPage, Filters, QueryError
from thucydides.store.rows import Coded, DocumentRow, MentionRow, content_hash, outlet_of
from thucydides.store.schema import DOCUMENT_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS, LayoutError

__all__ = [
    "DOCUMENT_COLUMNS",
    "EVENT_COLUMNS",
    "MAX_PAGE_SIZE",
    "MENTION_COLUMNS",
    "Coded",
    "DocumentRow",
    "EventPage",
    "Filters",
    "LayoutError",
    "MentionRow",
    "QueryError",
    "Store",
    "content_hash",
    "outlet_of",
]
