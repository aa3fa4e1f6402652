"""Writers for merged events: a table for people, CSV, JSON lines, GDELT 2.0, PLOVER JSON and Parquet.

Every writer takes merged event records as :meth:`thucydides.store.Store.events` yields them (the
fields of ``event.schema.json`` plus ``num_mentions``, ``num_documents``, ``num_sources``,
``first_report``, ``last_report`` and ``mentions``); single-document records without those fields
are written with counts of one.
"""

from __future__ import annotations

import calendar
import csv
import json
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

from thucydides import __version__
from thucydides.merge import date_interval

GDELT_COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
]

# GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (admin1)
GEO_TYPE = {"country": 1, "region": 1, "admin1": 5, "city": 4}

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

FORMATS = ("gdelt", "plover", "csv", "parquet", "jsonl")


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


def actor_cell(actor: dict[str, Any] | None) -> str:
    if not actor:
        return "-"
    return f"{actor.get('code') or actor.get('country') or '?'} ({actor.get('name') or actor.get('text')})"


def write_table(events: Iterable[dict[str, Any]], out: TextIO, width: int = 150) -> int:
    """A listing for people: one block per merged event with its evidence and report counts."""
    n = 0
    for e in events:
        n += 1
        loc = e.get("location") or {}
        where = f" @ {loc.get('name')} ({loc.get('country')})" if loc else ""
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


def _fraction_date(day: date) -> str:
    days = 366 if calendar.isleap(day.year) else 365
    return f"{day.year + (day.timetuple().tm_yday - 1) / days:.4f}"


def _gdelt_id(event_id: str, n: int) -> int:
    """A stable integer id (GDELT ids are integers): 60 bits of the hexadecimal event id."""
    try:
        return int(event_id[:15], 16)
    except ValueError:
        return n


def gdelt_row(e: dict[str, Any], n: int) -> list[Any]:
    """One merged event in the GDELT 2.0 event table's column order (:data:`GDELT_COLUMNS`).

    Dates at month or year precision take the first day of the period (GDELT has only days);
    ``IsRootEvent`` is 1 for events read from the lead sentence; ``AvgTone`` is not computed.
    """
    s, t, loc = e.get("source") or {}, e.get("target") or {}, e.get("location") or {}
    span = date_interval(e.get("date"), e.get("date_precision") or "unknown")
    day = span[1] if span and e.get("date_precision") == "publication" else (span[0] if span else None)
    added = e.get("first_report") or (day.isoformat() if day else None)
    cameo = str(e["cameo"])
    n_m, n_d, n_s = _counts(e)
    row: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
    row.update(
        {
            "GLOBALEVENTID": _gdelt_id(str(e["event_id"]), n),
            "SQLDATE": day.strftime("%Y%m%d") if day else "",
            "MonthYear": day.strftime("%Y%m") if day else "",
            "Year": day.year if day else "",
            "FractionDate": _fraction_date(day) if day else "",
            "Actor1Code": s.get("code") or "",
            "Actor1Name": (s.get("name") or s.get("text") or "").upper(),
            "Actor1CountryCode": s.get("country") or "",
            "Actor1Type1Code": s.get("sector") or "",
            "Actor2Code": t.get("code") or "",
            "Actor2Name": (t.get("name") or t.get("text") or "").upper(),
            "Actor2CountryCode": t.get("country") or "",
            "Actor2Type1Code": t.get("sector") or "",
            "IsRootEvent": 1 if int(e.get("sentence_index") or 0) == 0 else 0,
            "EventCode": cameo,
            "EventBaseCode": cameo[:3],
            "EventRootCode": cameo[:2],
            "QuadClass": e["quad_class"],
            "GoldsteinScale": e["goldstein"],
            "NumMentions": n_m,
            "NumSources": n_s,
            "NumArticles": n_d,
            "ActionGeo_Type": GEO_TYPE.get(loc.get("precision") or "", "") if loc else 0,
            "ActionGeo_FullName": loc.get("name") or "",
            "ActionGeo_CountryCode": loc.get("country") or "",
            "ActionGeo_ADM1Code": loc.get("admin1") or "",
            "ActionGeo_Lat": loc.get("lat") if loc.get("lat") is not None else "",
            "ActionGeo_Long": loc.get("lon") if loc.get("lon") is not None else "",
            "ActionGeo_FeatureID": loc.get("geonameid") or "",
            "DATEADDED": str(added).replace("-", "")[:8] + "000000" if added else "",
            "SOURCEURL": next(
                (m.get("url") for m in e.get("mentions", []) if m.get("url")), e.get("doc_id", "")
            ),
        }
    )
    return [row[c] for c in GDELT_COLUMNS]


def write_gdelt(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Tab-separated GDELT 2.0 event rows under a header line of the real column names."""
    w = csv.writer(out, delimiter="\t", lineterminator="\n")
    w.writerow(GDELT_COLUMNS)
    n = 0
    for n, e in enumerate(events, 1):
        w.writerow(gdelt_row(e, n))
    return n


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


# ---------------------------------------------------------------------- Parquet


def write_parquet(events: Iterable[dict[str, Any]], path: str | Path) -> int:
    """A Parquet file of the flat, typed :data:`CSV_COLUMNS` plus ``mentions`` and ``record`` (JSON).

    Uses pyarrow when installed, else DuckDB. Returns the number of rows.
    """
    rows = []
    for e in events:
        row = csv_row(e)
        row["mentions"] = json.dumps(e.get("mentions") or [], ensure_ascii=False)
        row["record"] = json.dumps(e, ensure_ascii=False)
        rows.append(row)
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return _parquet_with_duckdb(rows, Path(path))
    columns = [*CSV_COLUMNS, "mentions", "record"]
    types = {"quad_class": pa.int8(), "goldstein": pa.float64(), "lat": pa.float64(), "lon": pa.float64()}
    types |= {k: pa.int32() for k in ("num_mentions", "num_documents", "num_sources")}
    types["confidence"] = pa.float64()
    schema = pa.schema([(c, types.get(c, pa.string())) for c in columns])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), str(path))
    return len(rows)


def _parquet_with_duckdb(rows: list[dict[str, Any]], path: Path) -> int:
    import duckdb

    con = duckdb.connect()
    numeric = {
        "quad_class": "INTEGER",
        "goldstein": "DOUBLE",
        "lat": "DOUBLE",
        "lon": "DOUBLE",
        "confidence": "DOUBLE",
    }
    numeric |= dict.fromkeys(("num_mentions", "num_documents", "num_sources"), "INTEGER")
    columns = [*CSV_COLUMNS, "mentions", "record"]
    con.execute("CREATE TABLE ev (" + ", ".join(f"{c} {numeric.get(c, 'VARCHAR')}" for c in columns) + ")")
    if rows:
        con.executemany(
            f"INSERT INTO ev VALUES ({', '.join(['?'] * len(columns))})",
            [[r[c] for c in columns] for r in rows],
        )
    con.execute(f"COPY ev TO '{str(path).replace(chr(39), chr(39) * 2)}' (FORMAT PARQUET)")
    con.close()
    return len(rows)


def export(
    events: Iterable[dict[str, Any]], fmt: str, out: TextIO | None = None, path: str | Path | None = None
) -> int:
    """Write merged events in one of :data:`FORMATS`.

    Args:
        events: merged event records.
        fmt: ``gdelt``, ``plover``, ``csv``, ``jsonl`` or ``parquet``.
        out: the text stream for the text formats (used when ``path`` is None).
        path: a file to write (required for parquet).

    Returns:
        The number of events written.

    Raises:
        ValueError: an unknown format, or parquet without a path.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if path is None:
            raise ValueError("parquet needs an output file")
        return write_parquet(events, path)
    writer = {"gdelt": write_gdelt, "plover": write_plover, "csv": write_csv, "jsonl": write_jsonl}[fmt]
    if path is not None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            return writer(events, fh)
    if out is None:
        raise ValueError("give an output stream or a path")
    return writer(events, out)
