"""Writers for the command line: tables for people and TSV of coded events (JSON lines, the stored
events' listing and the export formats are in :mod:`thucydides.export`)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from thucydides.export import actor_cell, place_cell
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
        where = place_cell(e.get("location"))
        out.write(
            f"{e.get('date') or '?'} [{e['date_precision']}]  {e['event_type']} {e['cameo']} "
            f"(quad {e['quad_class']}, Goldstein {e['goldstein']:+g}, {e['modality']}){where}\n"
            f"    {actor_cell(e.get('source'))} → {actor_cell(e.get('target'))}\n"
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
