"""`thucydides eval`: score the coder against a gold file.

Two formats are understood:

- PLOVER gold standard records (a JSON list of records with ``text``, ``event``, ``source``, ``target``);
  older type names are mapped (DEMAND→REQUEST, DISAPPROVE/INVESTIGATE→ACCUSE, FIGHT→ASSAULT).
- A hand-annotated article in the seed's format (``document``, ``events`` with ``types``, ``source``,
  ``target``, ``level``); the document is looked for beside the gold file.

Scores: event-type accuracy (the coder's most confident event of each sentence against the gold type;
no event counts as ``NONE``), per-type precision/recall/F1, a confusion matrix, and the F1 of
(source country, event type, target country) triples.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from thucydides.record import Document, Event, Problem

LEGACY = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
IGO_CODES = frozenset({"IGO", "EU", "EUR", "NATO", "UN", "UNO", "NGO"})
NONE = "NONE"
Triple = tuple[str | None, str, str | None]


@dataclass(slots=True)
class Report:
    """Scores of one evaluation run."""

    gold_file: str
    n: int = 0
    correct: int = 0
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (gold type, predicted type)
    triple_tp: int = 0
    triple_pred: int = 0
    triple_gold: int = 0
    found: dict[str, bool] = field(default_factory=dict)  # seed format: gold event id → found
    levels: dict[str, str] = field(default_factory=dict)

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    @property
    def triple_f1(self) -> float:
        p = self.triple_tp / self.triple_pred if self.triple_pred else 0.0
        r = self.triple_tp / self.triple_gold if self.triple_gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def per_type(self) -> dict[str, dict[str, float]]:
        types = sorted({g for g, _ in self.pairs} | {p for _, p in self.pairs} - {NONE})
        out: dict[str, dict[str, float]] = {}
        for t in types:
            tp = sum(1 for g, p in self.pairs if g == t and p == t)
            n_pred = sum(1 for _, p in self.pairs if p == t)
            n_gold = sum(1 for g, _ in self.pairs if g == t)
            prec = tp / n_pred if n_pred else 0.0
            rec = tp / n_gold if n_gold else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            out[t] = {"precision": prec, "recall": rec, "f1": f1, "support": n_gold}
        return out

    def confusion(self) -> dict[str, dict[str, int]]:
        table: dict[str, dict[str, int]] = {}
        for (g, p), n in Counter(self.pairs).items():
            table.setdefault(g, {})[p] = n
        return table

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "gold_file": self.gold_file,
            "sentences": self.n,
            "event_type_accuracy": round(self.accuracy, 4),
            "triple_f1": round(self.triple_f1, 4),
            "triples": {
                "true_positives": self.triple_tp,
                "predicted": self.triple_pred,
                "gold": self.triple_gold,
            },
            "per_type": {t: {k: round(v, 4) for k, v in s.items()} for t, s in self.per_type().items()},
            "confusion": self.confusion(),
        }
        if self.found:
            out["events_found"] = {k: v for k, v in self.found.items()}
            out["required_found"] = sum(v for k, v in self.found.items() if self.levels[k] == "required")
            out["required_total"] = sum(1 for k in self.found if self.levels[k] == "required")
        return out


def _country(code: str | None) -> str | None:
    if not code:
        return None
    return "IGO" if code in IGO_CODES else code


def _actors(raw: Any) -> list[str | None]:
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        return [None]
    return [_country(a.get("code")) for a in raw if isinstance(a, dict)] or [None]


def _triples(events: list[Event]) -> set[Triple]:
    return {
        (
            _country(e.source.country if e.source else None),
            e.event_type,
            _country(e.target.country if e.target else None),
        )
        for e in events
    }


def normalise_type(name: str) -> str:
    return LEGACY.get(name.upper(), name.upper())


def evaluate_gsr(records: list[dict[str, Any]], pipeline: Any, gold_file: str = "") -> Report:
    """Score the coder on PLOVER gold standard records (one sentence each)."""
    report = Report(gold_file)
    records = [r for r in records if isinstance(r, dict) and r.get("text") and r.get("event") != "DOCUMENT"]
    docs: list[Document | Problem] = [
        Document(
            id=str(r.get("id") or i),
            raw=str(r["text"]).strip("{} "),
            published=date(2000, 1, 1),
            published_how="given",
        )
        for i, r in enumerate(records)
    ]
    results = {item.id: item for item in pipeline.run(docs) if isinstance(item, Document)}
    for i, rec in enumerate(records):
        gold_type = normalise_type(str(rec["event"]))
        doc = results.get(str(rec.get("id") or i))
        events = sorted(doc.events, key=lambda e: -e.confidence) if doc else []
        predicted = events[0].event_type if events else NONE
        report.n += 1
        report.correct += predicted == gold_type
        report.pairs.append((gold_type, predicted))
        gold = {(s, gold_type, t) for s in _actors(rec.get("source")) for t in _actors(rec.get("target"))}
        pred = _triples(events)
        report.triple_gold += len(gold)
        report.triple_pred += len(pred)
        report.triple_tp += len(gold & pred)
    return report


WORD = re.compile(r"[A-Za-z]+")


def _seed_match(g: dict[str, Any], e: Event) -> bool:
    if e.event_type not in g["types"]:
        return False
    want = {w.lower() for w in WORD.findall(g.get("evidence", "")) if len(w) > 2}
    have = {w.lower() for w in WORD.findall(e.evidence.text)}
    if want and len(want & have) < 0.6 * len(want):
        return False
    src = _country(e.source.country if e.source else None)
    tgt = _country(e.target.country if e.target else None)
    if "source" in g and src not in {_country(x) for x in g["source"] if x}:
        return False
    if "target" in g and not (
        (tgt is None and None in g["target"])
        or (tgt is not None and tgt in {_country(x) for x in g["target"] if x})
    ):
        return False
    d = e.date or ""
    if "date" in g and d != g["date"]:
        return False
    if "date_range" in g and not (d and g["date_range"][0][: len(d)] <= d <= g["date_range"][1][: len(d)]):
        return False
    loc = e.location.country if e.location else None
    return not ("location" in g and loc != g["location"].get("country"))


def evaluate_article(gold: dict[str, Any], gold_path: Path, pipeline: Any, published: date | None) -> Report:
    """Score the coder on one annotated article (the seed's format)."""
    report = Report(str(gold_path))
    path = gold_path.parent / str(gold["document"])
    text = path.read_text(encoding="utf-8")
    when = published
    window = (gold.get("publication_date") or {}).get("window")
    if when is None and window:
        when = date.fromisoformat(window[-1])
    doc = Document(id=str(path), raw=text, published=when, published_how="given" if when else "none")
    (result,) = list(pipeline.run([doc]))
    events = result.events if isinstance(result, Document) else []
    for g in gold.get("events", []):
        hits = [e for e in events if _seed_match(g, e)]
        report.found[g["id"]] = bool(hits)
        report.levels[g["id"]] = g.get("level", "required")
        best = hits[0].event_type if hits else NONE
        report.n += 1
        gold_type = g["types"][0]
        report.correct += bool(hits)
        report.pairs.append((gold_type, best if hits else NONE))
        report.triple_gold += 1
        report.triple_tp += bool(hits)
    report.triple_pred = len(events)
    return report


def evaluate_file(path: Path, pipeline: Any, published: date | None = None) -> Report:
    """Score the coder on a gold file, whichever of the two formats it is in.

    Raises:
        ValueError: when the file is in neither format.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, list):
        return evaluate_gsr(data, pipeline, str(path))
    if isinstance(data, dict) and "events" in data and "document" in data:
        return evaluate_article(data, path, pipeline, published)
    raise ValueError(f"{path}: neither PLOVER gold standard records (a JSON list) nor an annotated article")


def format_table(report: Report) -> str:
    """The report as text for people."""
    lines = [
        f"gold: {report.gold_file}",
        f"sentences/events scored: {report.n}",
        f"event-type accuracy: {report.accuracy:.3f}",
        f"triple F1 (source country, type, target country): {report.triple_f1:.3f} "
        f"(tp {report.triple_tp}, predicted {report.triple_pred}, gold {report.triple_gold})",
    ]
    if report.found:
        for level in ("required", "desired"):
            ids = [k for k in report.found if report.levels[k] == level]
            if ids:
                got = " ".join(f"{k}{'+' if report.found[k] else '-'}" for k in ids)
                lines.append(f"{level}: {sum(report.found[k] for k in ids)}/{len(ids)}  {got}")
    lines.append("")
    lines.append(f"{'type':<10} {'prec':>6} {'rec':>6} {'f1':>6} {'n':>4}")
    for t, s in report.per_type().items():
        lines.append(
            f"{t:<10} {s['precision']:>6.2f} {s['recall']:>6.2f} {s['f1']:>6.2f} {int(s['support']):>4}"
        )
    conf = report.confusion()
    cols = sorted({p for row in conf.values() for p in row})
    lines.append("")
    lines.append("confusion (rows gold, columns predicted):")
    lines.append(" " * 10 + "".join(f"{c[:6]:>7}" for c in cols))
    for g in sorted(conf):
        lines.append(f"{g:<10}" + "".join(f"{conf[g].get(c, 0) or '.':>7}" for c in cols))
    return "\n".join(lines) + "\n"
