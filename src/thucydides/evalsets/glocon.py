"""GLOCON wire sentences (``glocon_protest_dev.jsonl``): protest or contentious violence found?

Each record is one sentence with ``protest: true`` where it carries protest or contentious-violence
information (demonstrations, strikes, riots, armed militancy, attacks by non-state groups). Each sentence
is coded as a document of its own; it is predicted positive when the coder gives it a PROTEST or an
ASSAULT event. Scores: precision, recall and F1 of the positive class.
"""

from __future__ import annotations

from typing import Any

from thucydides.evalsets.common import SetReport, code_and_score, prf
from thucydides.record import Event
from thucydides.splits import Half

SET_NAME = "glocon"
CONTENTIOUS = frozenset({"PROTEST", "ASSAULT"})


def is_record(rec: dict[str, Any]) -> bool:
    """Whether a JSON-lines record is in this format."""
    return "protest" in rec and "doc" in rec and "text" in rec


def score(
    records: list[dict[str, Any]], coded: list[list[Event]], gold_file: str = "", half: Half | None = None
) -> SetReport:
    """Score coded sentences (``coded[i]``: the events of ``records[i]``)."""
    report = SetReport(gold_file, "glocon", half)
    tp = n_pred = n_gold = 0
    by_type: dict[str, int] = {t: 0 for t in sorted(CONTENTIOUS)}
    for rec, events in zip(records, coded, strict=True):
        types = {e.event_type for e in events} & CONTENTIOUS
        pred, gold = bool(types), bool(rec.get("protest"))
        tp += pred and gold
        n_pred += pred
        n_gold += gold
        for t in types:
            by_type[t] += gold
        if pred != gold:
            what = "missed" if gold else f"false alarm ({', '.join(sorted(types))})"
            report.misses.append(f"{rec.get('id')} {what}")
    report.figures = {
        "sentences": len(records),
        "positives": n_gold,
        "predicted": n_pred,
        "true_positives": tp,
    }
    report.figures |= prf(tp, n_pred, n_gold)
    report.per_type = {t: {"true_positives_with_type": n} for t, n in by_type.items()}
    return report


def evaluate(
    records: list[dict[str, Any]], pipeline: Any, gold_file: str = "", half: Half | None = None
) -> SetReport:
    """Code each sentence of ``half`` as a document of its own and score it."""
    return code_and_score(SET_NAME, score, records, pipeline, gold_file, half)
