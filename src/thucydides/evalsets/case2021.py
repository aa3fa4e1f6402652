"""CASE 2021 news snippets (``case2021_dev.jsonl``): is the top event's type the snippet's type?

Each record is a snippet with an ACLED-style ``subtype`` and the PLOVER ``type`` it maps to (``null`` for
natural and man-made disasters, ``"unmapped"`` for subtypes with no PLOVER type: those are not scored).
A snippet is coded as one document. For a typed snippet the coder is right when the type of its most
confident event is the gold type (no event: ``NONE``, a miss). For a disaster snippet it is right when
it codes no *violent* event at all.

Violent, from the ontology: a material-conflict type (quad class 4) whose CAMEO root is 17 or above,
that is coercion (17: arrests, curfews, seizures) and assault (18-20: beatings, attacks, fighting, mass
violence). Protest (14), mobilisation (15) and sanctions (16) are material conflict without force
against people, so a disaster snippet coded as one is not counted as violent (they are still wrong
for a typed snippet).
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

from thucydides.evalsets.common import NONE, SetReport, code_and_score, ratio
from thucydides.ontology import bundled_ontology
from thucydides.record import Event
from thucydides.splits import Half

SET_NAME = "case2021"
UNMAPPED = "unmapped"
FORCE_ROOT = 17


def is_record(rec: dict[str, Any]) -> bool:
    """Whether a JSON-lines record is in this format."""
    return "subtype" in rec and "type" in rec and "text" in rec


@cache
def violent_types() -> frozenset[str]:
    """The PLOVER types that count as violent (see the module docstring), read from the ontology."""
    onto = bundled_ontology()
    return frozenset(
        t
        for t in onto.types()
        if onto.type_info(t).quad_class == 4 and int(onto.default_cameo(t)[:2]) >= FORCE_ROOT
    )


def score(
    records: list[dict[str, Any]], coded: list[list[Event]], gold_file: str = "", half: Half | None = None
) -> SetReport:
    """Score coded snippets (``coded[i]``: the events of ``records[i]``, most confident first)."""
    report = SetReport(gold_file, "case2021", half)
    violent = violent_types()
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    for rec, events in zip(records, coded, strict=True):
        gold = rec.get("type")
        if gold == UNMAPPED:
            continue
        top = events[0].event_type if events else NONE
        if gold is None:
            key = "disaster (no violent event)"
            ok = not any(e.event_type in violent for e in events)
        else:
            key = str(gold)
            ok = top == gold
            predicted[top] += 1
        total[key] += 1
        right[key] += ok
        if not ok:
            got = ", ".join(sorted({e.event_type for e in events})) or NONE
            report.misses.append(f"{rec.get('id')} {rec.get('subtype')} ({key}) coded {got}")
    n = sum(total.values())
    typed = sum(v for k, v in total.items() if not k.startswith("disaster"))
    typed_right = sum(v for k, v in right.items() if not k.startswith("disaster"))
    disasters = total["disaster (no violent event)"]
    report.figures = {
        "snippets_scored": n,
        "top_type_right_or_disaster_without_violence": ratio(sum(right.values()), n),
        "top_type_right_typed": ratio(typed_right, typed),
        "disasters_without_violent_event": ratio(right["disaster (no violent event)"], disasters),
        "violent_types": ", ".join(sorted(violent)),
    }
    for key in sorted(total):
        row: dict[str, Any] = {"right": f"{right[key]}/{total[key]}", "recall": ratio(right[key], total[key])}
        if not key.startswith("disaster"):
            row["precision"] = ratio(right[key], predicted[key])
        report.per_type[key] = row
    return report


def evaluate(
    records: list[dict[str, Any]], pipeline: Any, gold_file: str = "", half: Half | None = None
) -> SetReport:
    """Code each snippet of ``half`` as a document of its own and score it."""
    return code_and_score(SET_NAME, score, records, pipeline, gold_file, half)
