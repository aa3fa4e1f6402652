"""Writers for merged events: a table for people, CSV, JSON lines, GDELT 2.0 (:mod:`thucydides.gdelt`),
PLOVER JSON, Parquet and Arrow (:mod:`thucydides.arrow`).

Every writer takes merged event records as :meth:`thucydides.store.Store.events` yields them (the
fields of ``event.schema.json`` plus ``num_mentions``, ``num_documents``, ``num_sources``,
``first_report``, ``last_report`` and ``mentions``); single-document records without those fields
are written with counts of one.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from thucydides import __version__
from thucydides.merge import date_interval

CSV_COLUMNS = [
    "event_id",
    "date",
    "date_precision",
    "event_type",
    "cameo",
    "quad_class",
    "goldstein",
    "modality",
    "source_code",
    "source_name",
    "source_country",
    "target_code",
    "target_name",
    "target_country",
    "location",
    "location_country",
    "lat",
    "lon",
    "num_mentions",
    "num_documents",
    "num_sources",
    "first_report",
    "last_report",
    "confidence",
    "doc_id",
    "evidence",
]

FORMATS = ("gdelt", "gdelt-mentions", "plover", "csv", "parquet", "arrow", "jsonl")


def _counts(e: dict[str, Any]) -> tuple[int, int, int]:
    return int(e.get("num_mentions", 1)), int(e.get("num_documents", 1)), int(e.get("num_sources", 1))


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def csv_row(e: dict[str, Any]) -> dict[str, Any]:
    """The flat columns of a merged event (:data:`CSV_COLUMNS`), for CSV and Parquet."""
    s, t, loc = e.get("source") or {}, e.get("target") or {}, e.get("location") or {}
    n_m, n_d, n_s = _counts(e)
    return {
        "event_id": e["event_id"],
        "date": e.get("date"),
        "date_precision": e.get("date_precision"),
        "event_type": e["event_type"],
        "cameo": e["cameo"],
        "quad_class": e["quad_class"],
        "goldstein": e["goldstein"],
        "modality": e.get("modality"),
        "source_code": s.get("code"),
        "source_name": s.get("name") or s.get("text"),
        "source_country": s.get("country"),
        "target_code": t.get("code"),
        "target_name": t.get("name") or t.get("text"),
        "target_country": t.get("country"),
        "location": loc.get("name"),
        "location_country": loc.get("country"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "num_mentions": n_m,
        "num_documents": n_d,
        "num_sources": n_s,
        "first_report": e.get("first_report"),
        "last_report": e.get("last_report"),
        "confidence": e.get("confidence"),
        "doc_id": e.get("doc_id"),
        "evidence": _one_line((e.get("evidence") or {}).get("text")),
    }


def write_csv(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Comma-separated values with a header of :data:`CSV_COLUMNS`. Returns the number of rows."""
    w = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for e in events:
        w.writerow({k: "" if v is None else v for k, v in csv_row(e).items()})
        n += 1
    return n


def write_jsonl(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One JSON record per line. Returns the number of records."""
    n = 0
    for e in events:
        out.write(json.dumps(e, ensure_ascii=False) + "\n")
        n += 1
    return n


def place_cell(loc: dict[str, Any] | None) -> str:
    """`` @ Name (ISO3)`` for an event's place, `` @ Name`` when it lies in no one country, else ``""``."""
    if not loc:
        return ""
    country = f" ({loc['country']})" if loc.get("country") else ""
    return f" @ {loc.get('name')}{country}"


def actor_cell(actor: dict[str, Any] | None) -> str:
    if not actor:
        return "-"
    return f"{actor.get('code') or actor.get('country') or '?'} ({actor.get('name') or actor.get('text')})"


def write_table(events: Iterable[dict[str, Any]], out: TextIO, width: int = 150) -> int:
    """A listing for people: one block per merged event with its evidence and report counts."""
    n = 0
    for e in events:
        n += 1
        where = place_cell(e.get("location"))
        n_m, n_d, n_s = _counts(e)
        text = _one_line((e.get("evidence") or {}).get("text"))
        text = text if len(text) <= width else text[: width - 1] + "…"
        out.write(
            f"{e.get('date') or '?'} [{e.get('date_precision')}]  {e['event_type']} {e['cameo']} "
            f"(quad {e['quad_class']}, Goldstein {e['goldstein']:+g}, {e.get('modality')}){where}\n"
            f"    {actor_cell(e.get('source'))} → {actor_cell(e.get('target'))}"
            f"   {n_m} mention(s), {n_d} document(s), {n_s} source(s)  id {e['event_id']}\n"
            f'    "{text}"  [{e.get("doc_id")}]\n'
        )
        types = e.get("reported_types") or {}
        if len(types) > 1:
            out.write(
                "    reports disagree on the type: " + ", ".join(f"{k} ×{v}" for k, v in types.items()) + "\n"
            )
    return n


# ---------------------------------------------------------------------- GDELT 2.0


def write_gdelt(events: Iterable[dict[str, Any]], out: TextIO, header: bool = False) -> int:
    """GDELT 2.0 event rows as GDELT writes them (see :mod:`thucydides.gdelt`)."""
    from thucydides.gdelt import write_events

    return write_events(events, out, header=header)


def write_gdelt_mentions(events: Iterable[dict[str, Any]], out: TextIO, header: bool = False) -> int:
    """GDELT 2.0 mentions rows, one per report of each event (see :mod:`thucydides.gdelt`)."""
    from thucydides.gdelt import write_mentions

    return write_mentions(events, out, header=header)


# ---------------------------------------------------------------------- PLOVER


def _plover_entity(actor: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not actor:
        return []
    return [
        {
            "code": actor.get("country"),
            "sector": actor.get("sector"),
            "entity_text": actor.get("text"),
            "identifier_id": actor.get("id"),
            "identifier_text": actor.get("name"),
        }
    ]


AUXILIARY_MODE = {
    "negated": "negation",
    "hypothetical": "hypothetical",
    "future": "future",
    "historical": "historical",
}


def plover_record(e: dict[str, Any]) -> dict[str, Any]:
    """A merged event as a record of the PLOVER data interchange specification.

    Named fields of the specification: ``id``, ``date`` (and ``enddate`` when the date is a month
    or a year), ``actor``/``recipient`` (entity objects), ``event``, ``mode`` (with the auxiliary
    modes ``negation``, ``hypothetical``, ``future``, ``historical``), ``context``, ``quad_code``,
    ``event_scale`` (Goldstein), ``event_text``, ``event_loc``, ``text_info``, ``cite_info``,
    ``coder``, ``coded_date``. Added fields: ``cameo``, ``date_precision``, the report counts and
    the ids of the documents that reported it.
    """
    span = date_interval(e.get("date"), e.get("date_precision") or "unknown")
    loc = e.get("location")
    ev = e.get("evidence") or {}
    modes = [e["mode"]] if e.get("mode") else []
    if e.get("modality") in AUXILIARY_MODE:
        modes.append(AUXILIARY_MODE[e["modality"]])
    mentions = e.get("mentions") or []
    n_m, n_d, n_s = _counts(e)
    rec: dict[str, Any] = {
        "id": e["event_id"],
        "date": span[0].isoformat() if span else None,
        "actor": _plover_entity(e.get("source")),
        "recipient": _plover_entity(e.get("target")),
        "event": [e["event_type"]],
        "mode": modes,
        "context": list(e.get("context") or []),
        "quad_code": e["quad_class"],
        "event_scale": e["goldstein"],
        "event_text": [m["evidence"]["text"] for m in mentions if m.get("evidence")] or [ev.get("text")],
        "text_info": {"sequence": e.get("sentence_index"), "start": ev.get("start"), "end": ev.get("end")},
        "cite_info": {
            "url": next((m.get("url") for m in mentions if m.get("url")), None),
            "publication": next((m.get("source") for m in mentions if m.get("source")), None),
            "coder": f"thucydides {__version__}",
        },
        "coder": f"thucydides {__version__}",
        "coded_date": datetime.now(UTC).date().isoformat(),
        "cameo": e["cameo"],
        "date_precision": e.get("date_precision"),
        "num_mentions": n_m,
        "num_documents": n_d,
        "num_sources": n_s,
        "documents": sorted({m["doc_id"] for m in mentions}) or [e.get("doc_id")],
    }
    if span and span[0] != span[1] and e.get("date_precision") in ("month", "year"):
        rec["enddate"] = span[1].isoformat()
    if loc:
        rec["event_loc"] = {
            "resolved_place": loc.get("name"),
            "geonameid": loc.get("geonameid"),
            "lat": loc.get("lat"),
            "lon": loc.get("lon"),
            "country_code": loc.get("country"),
            "resolution": {"country": 1, "region": 1, "admin1": 2, "city": 4}.get(loc.get("precision") or ""),
        }
    return rec


def write_plover(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """PLOVER JSON records, one per line (the specification suggests JSONL)."""
    return write_jsonl((plover_record(e) for e in events), out)


# ---------------------------------------------------------------------- Parquet and Arrow


def write_parquet(events: Iterable[dict[str, Any]], path: str | Path) -> int:
    """A Parquet file with real types (see :mod:`thucydides.arrow`). Returns the number of rows."""
    from thucydides.arrow import write_parquet as write

    return write(events, path)


TEXT_WRITERS = {
    "gdelt": write_gdelt,
    "gdelt-mentions": write_gdelt_mentions,
    "plover": write_plover,
    "csv": write_csv,
    "jsonl": write_jsonl,
}


def export(
    events: Iterable[dict[str, Any]],
    fmt: str,
    out: TextIO | None = None,
    path: str | Path | None = None,
    header: bool = False,
) -> int:
    """Write merged events in one of :data:`FORMATS`.

    Args:
        events: merged event records.
        fmt: ``gdelt``, ``gdelt-mentions``, ``plover``, ``csv``, ``jsonl``, ``parquet`` or ``arrow``.
        out: the text stream for the text formats (used when ``path`` is None).
        path: a file to write (required for parquet and arrow).
        header: ``gdelt`` and ``gdelt-mentions``: write a first line of column names (GDELT's own
            files have none).

    Returns:
        The number of events written.

    Raises:
        ValueError: an unknown format, or parquet or arrow without a path.
        thucydides.arrow.ArrowUnavailable: parquet or arrow without pyarrow installed.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt in ("parquet", "arrow"):
        if path is None:
            raise ValueError(f"{fmt} needs an output file")
        from thucydides.arrow import write_arrow

        return write_parquet(events, path) if fmt == "parquet" else write_arrow(events, path)
    writer = TEXT_WRITERS[fmt]
    kwargs = {"header": header} if fmt.startswith("gdelt") else {}
    if path is not None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            return writer(events, fh, **kwargs)
    if out is None:
        raise ValueError("give an output stream or a path")
    return writer(events, out, **kwargs)
