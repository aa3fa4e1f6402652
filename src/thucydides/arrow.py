"""Merged events as a typed Arrow table: Parquet and Arrow files, and data frames for notebooks.

Dates are dates (``date`` is the first day of the event's date, ``date_last`` its last, and
``date_precision`` says which of ``day``, ``month``, ``year``, ``publication`` it is), times are UTC
timestamps, counts are integers, and actors, the place and every report are nested structs (so
``source.code`` or ``mentions[1].url`` work in DuckDB and pyarrow). The flat columns of the CSV
export are there too. The schema (:func:`schema`) is documented in ``docs/STORE.md``.

Needs pyarrow (``pip install 'thucydides[arrow]'``; pandas too for :func:`events_frame`); it is
imported only when a function here is called.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from thucydides.merge import date_interval


class ArrowUnavailable(RuntimeError):
    """pyarrow (or pandas, for a data frame) is not installed."""


def _pa() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise ArrowUnavailable("Parquet and Arrow need pyarrow: pip install 'thucydides[arrow]'") from None
    return pyarrow


def schema() -> Any:
    """The pyarrow schema of the exported events (see ``docs/STORE.md``)."""
    pa = _pa()
    actor = pa.struct([(k, pa.string()) for k in ("text", "name", "id", "country", "sector", "code", "type")])
    place = pa.struct(
        [
            ("name", pa.string()),
            ("country", pa.string()),
            ("admin1", pa.string()),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
            ("geonameid", pa.int64()),
            ("precision", pa.string()),
        ]
    )
    mention = pa.struct(
        [
            ("mention_id", pa.string()),
            ("doc_id", pa.string()),
            ("outlet", pa.string()),
            ("url", pa.string()),
            ("published", pa.date32()),
            ("event_type", pa.string()),
            ("date", pa.string()),
            ("date_precision", pa.string()),
            ("modality", pa.string()),
            ("evidence", pa.string()),
            ("evidence_start", pa.int32()),
            ("evidence_end", pa.int32()),
        ]
    )
    return pa.schema(
        [
            ("event_id", pa.string()),
            ("date", pa.date32()),
            ("date_last", pa.date32()),
            ("date_precision", pa.string()),
            ("date_text", pa.string()),
            ("event_type", pa.string()),
            ("cameo", pa.string()),
            ("quad_class", pa.int8()),
            ("goldstein", pa.float64()),
            ("modality", pa.string()),
            ("mode", pa.string()),
            ("context", pa.list_(pa.string())),
            ("source_code", pa.string()),
            ("source_name", pa.string()),
            ("source_country", pa.string()),
            ("target_code", pa.string()),
            ("target_name", pa.string()),
            ("target_country", pa.string()),
            ("location", pa.string()),
            ("location_country", pa.string()),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
            ("num_mentions", pa.int32()),
            ("num_documents", pa.int32()),
            ("num_sources", pa.int32()),
            ("first_report", pa.date32()),
            ("last_report", pa.date32()),
            ("added_at", pa.timestamp("us", tz="UTC")),
            ("confidence", pa.float64()),
            ("doc_id", pa.string()),
            ("evidence", pa.string()),
            ("source", actor),
            ("target", actor),
            ("place", place),
            ("reported_types", pa.map_(pa.string(), pa.int32())),
            ("mentions", pa.list_(mention)),
        ]
    )


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _moment(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    else:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


def _actor(a: dict[str, Any] | None) -> dict[str, Any] | None:
    if not a:
        return None
    return {k: a.get(k) for k in ("text", "name", "id", "country", "sector", "code", "type")}


def _place(p: dict[str, Any] | None) -> dict[str, Any] | None:
    if not p:
        return None
    return {k: p.get(k) for k in ("name", "country", "admin1", "lat", "lon", "geonameid", "precision")}


def _mention(m: dict[str, Any]) -> dict[str, Any]:
    ev = m.get("evidence") or {}
    return {
        "mention_id": m.get("mention_id"),
        "doc_id": m.get("doc_id"),
        "outlet": m.get("source"),
        "url": m.get("url"),
        "published": _day(m.get("published")),
        "event_type": m.get("event_type"),
        "date": m.get("date"),
        "date_precision": m.get("date_precision"),
        "modality": m.get("modality"),
        "evidence": ev.get("text"),
        "evidence_start": ev.get("start"),
        "evidence_end": ev.get("end"),
    }


def row(e: dict[str, Any]) -> dict[str, Any]:
    """One merged event as a row of :func:`schema` (Python values: dates, datetimes, dicts, lists)."""
    from thucydides.export import csv_row

    out = csv_row(e)
    precision = e.get("date_precision") or "unknown"
    span = date_interval(e.get("date"), precision)
    if span and precision == "publication":
        span = (span[1], span[1])
    out.update(
        {
            "date": span[0] if span else None,
            "date_last": span[1] if span else None,
            "date_text": e.get("date"),
            "mode": e.get("mode"),
            "context": list(e.get("context") or []),
            "first_report": _day(e.get("first_report")),
            "last_report": _day(e.get("last_report")),
            "added_at": _moment(e.get("added_at")),
            "source": _actor(e.get("source")),
            "target": _actor(e.get("target")),
            "place": _place(e.get("location")),
            "reported_types": list((e.get("reported_types") or {e["event_type"]: 1}).items()),
            "mentions": [_mention(m) for m in e.get("mentions") or []],
        }
    )
    return out


def events_table(events: Iterable[dict[str, Any]]) -> Any:
    """A ``pyarrow.Table`` of merged events with :func:`schema`."""
    pa = _pa()
    return pa.Table.from_pylist([row(e) for e in events], schema=schema())


def write_parquet(events: Iterable[dict[str, Any]], path: str | Path) -> int:
    """A Parquet file of merged events with :func:`schema`. Returns the number of rows."""
    import pyarrow.parquet as pq

    table = events_table(events)
    pq.write_table(table, str(path))
    return int(table.num_rows)


def write_arrow(events: Iterable[dict[str, Any]], path: str | Path) -> int:
    """An Arrow IPC file (Feather v2) of merged events with :func:`schema`. Returns the number of rows."""
    pa = _pa()
    table = events_table(events)
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return int(table.num_rows)


def events_frame(db: str | Path, sort: str = "date", **filters: Any) -> Any:
    """The store's merged events as a pandas data frame, for notebooks.

    Args:
        db: the store file (``thucydides ingest`` makes one).
        sort: as for ``thucydides events --sort`` (``-mentions``: most reported first).
        **filters: fields of :class:`thucydides.store.Filters` (``country="IRN"``, ``type="ASSAULT"``,
            ``cameo="19"``, ``since="2019-10"``, ``dyad=("USA", "IRN")``, ``added_since=...``).

    Returns:
        A ``pandas.DataFrame`` with the columns of :func:`schema`.

    Raises:
        ArrowUnavailable: pyarrow or pandas is missing.
        thucydides.store.QueryError: a bad filter value.
        FileNotFoundError: no store at ``db``.
    """
    from thucydides.store import Store
    from thucydides.store.filters import Filters

    try:
        import pandas  # noqa: F401
    except ImportError:
        raise ArrowUnavailable("events_frame needs pandas: pip install 'thucydides[arrow]'") from None
    with Store(db, read_only=True) as store:
        table = events_table(store.events(Filters(**filters), sort=sort))
    return table.to_pandas()
