"""IndiaPoliceEvents sentences (``india_police_dev.jsonl``): police killings and arrests, police as source.

Each record is one lower-cased sentence with ``labels`` answering "did the police …": KILL, ARREST, FORCE,
FAIL, ANY_ACTION. Each sentence is coded as a document of its own (dated by its ``published``).

- Recall: a KILL sentence is found when the coder gives it an ASSAULT event, an ARREST sentence when it
  gives it a COERCE event, in both cases with a source of a state security sector (``STATE_FORCE``:
  police, military, intelligence). A sentence labelled both is found when either is.
- False alarms: among the sentences with no label at all (no police action of any kind), the share that
  get a *state kill or arrest*: an ASSAULT or COERCE event with a state-security source.
"""

from __future__ import annotations

from typing import Any

from thucydides.evalsets.common import SetReport, code_and_score, ratio
from thucydides.record import Event
from thucydides.splits import Half

SET_NAME = "india_police"
STATE_FORCE = frozenset({"COP", "MIL", "SPY"})
WANTED = {"KILL": "ASSAULT", "ARREST": "COERCE"}


def is_record(rec: dict[str, Any]) -> bool:
    """Whether a JSON-lines record is in this format."""
    return "labels" in rec and "doc_id" in rec and "text" in rec


def state_act(e: Event, etype: str | None = None) -> bool:
    """Whether an event is an ASSAULT or COERCE (or ``etype``) with a state-security source."""
    types = {etype} if etype else set(WANTED.values())
    return e.event_type in types and e.source is not None and (e.source.sector or "") in STATE_FORCE


def score(
    records: list[dict[str, Any]], coded: list[list[Event]], gold_file: str = "", half: Half | None = None
) -> SetReport:
    """Score coded sentences (``coded[i]``: the events of ``records[i]``)."""
    report = SetReport(gold_file, "india_police", half)
    found = {k: 0 for k in WANTED}
    total = {k: 0 for k in WANTED}
    any_found = any_total = quiet = alarms = 0
    for rec, events in zip(records, coded, strict=True):
        labels = set(rec.get("labels") or ())
        wanted = [k for k in WANTED if k in labels]
        if not labels:
            quiet += 1
            if any(state_act(e) for e in events):
                alarms += 1
                report.misses.append(
                    f"false alarm {rec.get('id')}: {', '.join(e.event_type for e in events)}"
                )
            continue
        hits = [k for k in wanted if any(state_act(e, WANTED[k]) for e in events)]
        for k in wanted:
            total[k] += 1
            found[k] += k in hits
        if wanted:
            any_total += 1
            any_found += bool(hits)
            if not hits:
                got = (
                    ", ".join(f"{e.event_type}:{e.source.sector if e.source else '-'}" for e in events)
                    or "none"
                )
                report.misses.append(f"{rec.get('id')} {'+'.join(wanted)} coded {got}")
    report.figures = {
        "sentences": len(records),
        "police_kill_or_arrest_found": f"{any_found}/{any_total}",
        "recall": ratio(any_found, any_total),
        "sentences_without_police_action": quiet,
        "false_alarms": alarms,
        "false_alarm_rate": ratio(alarms, quiet),
    }
    report.per_type = {
        f"{k} ({WANTED[k]}, state source)": {
            "found": f"{found[k]}/{total[k]}",
            "recall": ratio(found[k], total[k]),
        }
        for k in WANTED
    }
    return report


def evaluate(
    records: list[dict[str, Any]], pipeline: Any, gold_file: str = "", half: Half | None = None
) -> SetReport:
    """Code each sentence of ``half`` as a document of its own and score it."""
    return code_and_score(SET_NAME, score, records, pipeline, gold_file, half)
