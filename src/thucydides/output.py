"""Writers for the command line: JSON lines, tables for people, TSV/CSV, the GDELT layout."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from thucydides.record import Document, Event

EVENT_TSV_COLUMNS = (
    "event_id",
    "doc_id",
    "date",
    "event_type",
    "cameo",
    "quad_class",
    "goldstein",
    "modality",
    "source_code",
    "source_text",
    "target_code",
    "target_text",
    "location",
    "location_country",
    "evidence",
)

GDELT_COLUMNS = (
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
)

GEO_TYPE = {"country": 1, "admin1": 5, "city": 4, "region": 1}


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _actor_cell(actor: dict[str, Any] | None) -> str:
    if not actor:
        return "-"
    code = actor.get("code") or actor.get("country") or "?"
    return f"{code} ({actor.get('name') or actor.get('text')})"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def event_row(ev: Event | dict[str, Any]) -> dict[str, Any]:
    return ev.to_json() if isinstance(ev, Event) else ev


def write_event_table(events: Iterable[Event | dict[str, Any]], out: TextIO, explain: bool = False) -> int:
    """A table for people: one event per block with its evidence. Returns how many were written."""
    n = 0
    for ev in events:
        e = event_row(ev)
        n += 1
        loc = e.get("location") or {}
        where = f" @ {loc.get('name')} ({loc.get('country')})" if loc else ""
        out.write(
            f"{e.get('date') or '?'} [{e['date_precision']}]  {e['event_type']} {e['cameo']} "
            f"(quad {e['quad_class']}, Goldstein {e['goldstein']:+g}, {e['modality']}){where}\n"
            f"    {_actor_cell(e.get('source'))} → {_actor_cell(e.get('target'))}\n"
            f'    "{_clip(e["evidence"]["text"], 160)}"  [{e["doc_id"]}]\n'
        )
        if explain and isinstance(ev, Event):
            for line in ev.explain:
                if line:
                    out.write(f"      · {line}\n")
    return n


def write_event_tsv(events: Iterable[Event | dict[str, Any]], out: TextIO) -> None:
    w = csv.writer(out, delimiter="\t", lineterminator="\n")
    w.writerow(EVENT_TSV_COLUMNS)
    for ev in events:
        e = event_row(ev)
        s, t, loc = e.get("source") or {}, e.get("target") or {}, e.get("location") or {}
        w.writerow(
            [
                e["event_id"],
                e["doc_id"],
                e.get("date") or "",
                e["event_type"],
                e["cameo"],
                e["quad_class"],
                e["goldstein"],
                e["modality"],
                s.get("code") or "",
                s.get("text") or "",
                t.get("code") or "",
                t.get("text") or "",
                loc.get("name") or "",
                loc.get("country") or "",
                " ".join(e["evidence"]["text"].split()),
            ]
        )


def gdelt_row(e: dict[str, Any], n: int) -> list[Any]:
    """One merged event in the GDELT 2.0 event table's column order."""
    s, t, loc = e.get("source") or {}, e.get("target") or {}, e.get("location") or {}
    date = (e.get("date") or "").replace("-", "")
    day = date.ljust(8, "0") if date else ""
    cameo = str(e["cameo"])
    row: dict[str, Any] = {c: "" for c in GDELT_COLUMNS}
    row.update(
        {
            "GLOBALEVENTID": n,
            "SQLDATE": day,
            "MonthYear": day[:6],
            "Year": day[:4],
            "FractionDate": f"{int(day[:4]) + (int(day[4:6] or 1) - 1) / 12:.4f}" if day else "",
            "Actor1Code": s.get("code") or "",
            "Actor1Name": (s.get("name") or s.get("text") or "").upper(),
            "Actor1CountryCode": s.get("country") or "",
            "Actor1Type1Code": s.get("sector") or "",
            "Actor2Code": t.get("code") or "",
            "Actor2Name": (t.get("name") or t.get("text") or "").upper(),
            "Actor2CountryCode": t.get("country") or "",
            "Actor2Type1Code": t.get("sector") or "",
            "IsRootEvent": 1,
            "EventCode": cameo,
            "EventBaseCode": cameo[:3],
            "EventRootCode": cameo[:2],
            "QuadClass": e["quad_class"],
            "GoldsteinScale": e["goldstein"],
            "NumMentions": e.get("num_mentions", 1),
            "NumSources": e.get("num_sources", 1),
            "NumArticles": e.get("num_documents", 1),
            "AvgTone": "",
            "ActionGeo_Type": GEO_TYPE.get(loc.get("precision") or "", "") if loc else "",
            "ActionGeo_FullName": loc.get("name") or "",
            "ActionGeo_CountryCode": loc.get("country") or "",
            "ActionGeo_ADM1Code": loc.get("admin1") or "",
            "ActionGeo_Lat": loc.get("lat") if loc.get("lat") is not None else "",
            "ActionGeo_Long": loc.get("lon") if loc.get("lon") is not None else "",
            "ActionGeo_FeatureID": loc.get("geonameid") or "",
            "SOURCEURL": next(
                (m.get("url") for m in e.get("mentions", []) if m.get("url")), e.get("doc_id", "")
            ),
        }
    )
    return [row[c] for c in GDELT_COLUMNS]


def write_gdelt(events: Iterable[dict[str, Any]], out: TextIO) -> None:
    w = csv.writer(out, delimiter="\t", lineterminator="\n")
    w.writerow(GDELT_COLUMNS)
    for n, e in enumerate(events, 1):
        w.writerow(gdelt_row(e, n))


def write_mentions_table(rows: Sequence[dict[str, Any]], columns: Sequence[str], out: TextIO) -> None:
    """A plain aligned table of stage output (actors, dates, places)."""
    if not rows:
        out.write("nothing found\n")
        return
    widths = {
        c: min(max(len(c), *(len(str(r.get(c) if r.get(c) is not None else "")) for r in rows)), 40)
        for c in columns
    }
    out.write("  ".join(c.ljust(widths[c]) for c in columns).rstrip() + "\n")
    for r in rows:
        cells = [
            _clip(str(r.get(c) if r.get(c) is not None else ""), widths[c]).ljust(widths[c]) for c in columns
        ]
        out.write("  ".join(cells).rstrip() + "\n")


def document_json(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "published_how": doc.published_how,
        "url": doc.url,
        "source": doc.source,
        "text": doc.body,
    }
