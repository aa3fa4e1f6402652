"""Typed rows: what the coder hands to the writer, one per stored document and per event mention.

A :class:`Coded` is a coded document as the store will hold it (a :class:`DocumentRow` and its
:class:`MentionRow`\\ s). Rows hold plain values (strings, numbers, ISO dates), so they pickle
cheaply from a worker process to the writer and travel through Spark and Parquet unchanged
(:meth:`DocumentRow.as_dict`, :meth:`DocumentRow.from_dict`).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from thucydides.merge import block_key, report_interval
from thucydides.record import Document
from thucydides.store.schema import DOCUMENT_COLUMNS, MENTION_COLUMNS

DATELINE_OUTLET = re.compile(r"\(([A-Z][\w .&'-]{1,40}?)\)\s*(?:-{1,2}|–|—)")


def content_hash(doc: Document) -> str:
    """The hash that identifies a document's content (its raw text or HTML).

    Text that is not valid Unicode (a lone surrogate such as ``"\\ud800"``, which Python can hold
    but UTF-8 cannot encode) is hashed as its code points, so it never stops a run.
    """
    return hashlib.sha256(doc.raw.encode("utf-8", errors="surrogatepass")).hexdigest()


def storable(value: Any) -> Any:
    """A value DuckDB can store: a string with lone surrogates gets U+FFFD in their place.

    Python strings may hold lone surrogates (JSON's ``"\\ud800"`` escapes make them); UTF-8, and
    so DuckDB, cannot. Each is replaced by one character, so offsets into the text stay right.
    """
    if not isinstance(value, str):
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in value)
    return value


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


@dataclass(slots=True)
class DocumentRow:
    """One ``documents`` row (see ``docs/STORE.md``).

    Attributes:
        doc_id: the document's identity (JSONL id, feed link, path, or a content-derived id).
        content_hash: :func:`content_hash` of what was read.
        published: publication day, ISO ``YYYY-MM-DD``.
        coder_version: the thucydides version that coded it.
        kb_hash: the hash of the knowledge base and actor files that coded it.
        language: the detected language (ISO 639-1), when known.
        ingested_at: when it was stored (UTC); the writer sets it.
    """

    doc_id: str
    content_hash: str
    url: str | None = None
    source: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    published_how: str | None = None
    text: str | None = None
    n_events: int = 0
    ingested_at: datetime | None = None
    coder_version: str | None = None
    kb_hash: str | None = None
    language: str | None = None

    @classmethod
    def from_document(cls, doc: Document, digest: str, coder_version: str | None = None,
                      kb_hash: str | None = None) -> DocumentRow:  # fmt: skip
        """The row of a coded document."""
        return cls(
            doc_id=doc.id,
            content_hash=digest,
            url=doc.url,
            source=doc.source,
            outlet=outlet_of(doc),
            title=doc.title,
            published=doc.published.isoformat() if doc.published else None,
            published_how=doc.published_how,
            text=doc.text,
            n_events=len(doc.events),
            coder_version=coder_version,
            kb_hash=kb_hash,
            language=getattr(doc, "language", None),
        )

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> DocumentRow:
        """A row from a mapping of column names (e.g. read back from Parquet); unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        out = cls(**{k: v for k, v in row.items() if k in known})
        if out.published is not None and not isinstance(out.published, str):
            out.published = out.published.isoformat()
        if out.n_events is None:
            out.n_events = 0
        return out

    def as_dict(self) -> dict[str, Any]:
        """The row as a mapping of column names."""
        return asdict(self)

    def values(self) -> list[Any]:
        """The values in the order of :data:`~thucydides.store.schema.DOCUMENT_COLUMNS`."""
        return [storable(getattr(self, c)) for c in DOCUMENT_COLUMNS]


def actor_columns(prefix: str, actor: dict[str, Any] | None, sector: bool = False) -> dict[str, Any]:
    """The columns of one side's actor (``source_id``, ``source_code``, ...), with its sector if asked."""
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


@dataclass(slots=True)
class MentionRow:
    """One ``mentions`` row: an event as one document coded it (``record`` is its JSON record).

    ``event_id`` (the merged event it belongs to) is filled in by the merge.
    """

    mention_id: str
    doc_id: str
    block: str
    record: str
    event_id: str | None = None
    event_type: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    modality: str | None = None
    source_id: str | None = None
    source_code: str | None = None
    source_country: str | None = None
    source_name: str | None = None
    target_id: str | None = None
    target_code: str | None = None
    target_country: str | None = None
    target_name: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_first: str | None = None
    date_last: str | None = None
    place_name: str | None = None
    place_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    evidence: str | None = None
    confidence: float | None = None

    @classmethod
    def from_record(cls, rec: dict[str, Any], published: str | None = None) -> MentionRow:
        """The row of one event record (``Event.to_json()``).

        Args:
            rec: the event record.
            published: the publication day (ISO) of its document, which dates undated events.
        """
        span = report_interval(rec, published)
        loc = rec.get("location") or {}
        return cls(
            mention_id=rec["event_id"],
            doc_id=rec["doc_id"],
            block=block_key(rec, published),
            record=json.dumps(rec, ensure_ascii=False),
            event_type=rec.get("event_type"),
            cameo=rec.get("cameo"),
            quad_class=rec.get("quad_class"),
            goldstein=rec.get("goldstein"),
            modality=rec.get("modality"),
            **actor_columns("source", rec.get("source")),
            **actor_columns("target", rec.get("target")),
            date=rec.get("date"),
            date_precision=rec.get("date_precision"),
            date_first=span[0].isoformat() if span else None,
            date_last=span[1].isoformat() if span else None,
            place_name=loc.get("name"),
            place_country=loc.get("country"),
            lat=loc.get("lat"),
            lon=loc.get("lon"),
            evidence=(rec.get("evidence") or {}).get("text"),
            confidence=rec.get("confidence"),
        )

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> MentionRow:
        """A row from a mapping of column names (e.g. read back from Parquet); unknown keys are ignored."""
        known = {f.name for f in fields(cls)}
        out = cls(**{k: v for k, v in row.items() if k in known})
        for name in ("date_first", "date_last"):
            value = getattr(out, name)
            if value is not None and not isinstance(value, str):
                setattr(out, name, value.isoformat())
        return out

    def as_dict(self) -> dict[str, Any]:
        """The row as a mapping of column names."""
        return asdict(self)

    def values(self) -> list[Any]:
        """The values in the order of :data:`~thucydides.store.schema.MENTION_COLUMNS`."""
        return [storable(getattr(self, c)) for c in MENTION_COLUMNS]


@dataclass(slots=True)
class Coded:
    """A coded document on its way to the writer: its row and its mentions' rows.

    ``replace``: it was coded again (``ingest --recode``) and replaces the stored document of its
    id even though its content is the same.
    """

    document: DocumentRow
    mentions: list[MentionRow] = field(default_factory=list)
    replace: bool = False

    @classmethod
    def from_document(cls, doc: Document, digest: str, coder_version: str | None = None,
                      kb_hash: str | None = None) -> Coded:  # fmt: skip
        """The rows of a document that went through the pipeline."""
        published = doc.published.isoformat() if doc.published else None
        return cls(
            DocumentRow.from_document(doc, digest, coder_version, kb_hash),
            [MentionRow.from_record(ev.to_json(), published) for ev in doc.events],
        )
