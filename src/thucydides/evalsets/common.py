"""What the per-format scorers share: coding texts one document each, and the report they return."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from thucydides.record import Document, Event, Problem
from thucydides.splits import Half, select

NONE = "NONE"
PLACEHOLDER_DATE = date(2000, 1, 1)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The records of a JSON-lines file (blank lines skipped).

    Raises:
        ValueError: when a line is not a JSON object, naming the line.
    """
    out: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None
            if not isinstance(rec, dict):
                raise ValueError(f"{path}:{n}: not a JSON object")
            out.append(rec)
    return out


def split_records(set_name: str, records: list[dict[str, Any]], half: Half | None) -> list[dict[str, Any]]:
    """The records of one half of a set (all of them where ``half`` is None)."""
    return list(select(set_name, records, half))


def code_texts(
    texts: list[str], pipeline: Any, published: list[date | None] | None = None
) -> list[list[Event]]:
    """The coder's events for each text, coded as a document of its own, most confident first.

    ``published`` gives each text's publication date (the PLOVER placeholder date where missing).
    """
    docs: list[Document | Problem] = [
        Document(
            id=str(i),
            raw=t,
            published=(published[i] if published and published[i] else PLACEHOLDER_DATE),
            published_how="given",
        )
        for i, t in enumerate(texts)
    ]
    results = {item.id: item for item in pipeline.run(docs) if isinstance(item, Document)}
    out: list[list[Event]] = []
    for i in range(len(texts)):
        doc = results.get(str(i))
        out.append(sorted(doc.events, key=lambda e: -e.confidence) if doc else [])
    return out


def code_and_score(
    set_name: str,
    score: Callable[[list[dict[str, Any]], list[list[Event]], str, Half | None], SetReport],
    records: list[dict[str, Any]],
    pipeline: Any,
    gold_file: str = "",
    half: Half | None = None,
) -> SetReport:
    """Code the ``text`` of each record of ``half`` as a document of its own (dated by its ``published``
    where it has one) and hand the records and their events to ``score``."""
    records = split_records(set_name, records, half)
    published = [_date(r.get("published")) for r in records]
    return score(records, code_texts([str(r["text"]) for r in records], pipeline, published), gold_file, half)


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def ratio(num: int, den: int) -> float:
    """``num / den`` rounded for reports (0.0 for an empty denominator)."""
    return round(num / den, 4) if den else 0.0


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass(slots=True)
class SetReport:
    """The scores of one gold set in one of the newer formats: figures, a per-type table and misses.

    ``figures`` holds the headline numbers (printed in order, and the JSON's top level); ``per_type`` maps
    a type (or label) to its own figures; ``misses`` lists examples the coder got wrong, for reading.
    """

    gold_file: str
    kind: str
    half: str | None = None
    figures: dict[str, Any] = field(default_factory=dict)
    per_type: dict[str, dict[str, Any]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"gold_file": self.gold_file, "kind": self.kind, "split": self.half or "all"}
        out |= self.figures
        if self.per_type:
            out["per_type"] = self.per_type
        out["misses"] = list(self.misses)
        return out

    def table(self) -> str:
        lines = [f"gold: {self.gold_file} ({self.kind}, split: {self.half or 'all'})"]
        lines += [f"{k.replace('_', ' ')}: {_show(v)}" for k, v in self.figures.items()]
        if self.per_type:
            cols = list(dict.fromkeys(k for row in self.per_type.values() for k in row))
            lines += ["", f"{'type':<22}" + "".join(f"{c[:12]:>14}" for c in cols)]
            for name, row in self.per_type.items():
                lines.append(f"{name:<22}" + "".join(f"{_show(row.get(c, '')):>14}" for c in cols))
        lines += [*self.notes]
        if self.misses:
            lines += ["", "missed:", *(f"  {m}" for m in self.misses)]
        return "\n".join(lines) + "\n"


def _show(v: Any) -> str:
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def iter_events(coded: list[list[Event]]) -> Iterator[tuple[int, Event]]:
    """(text index, event) for every coded event."""
    for i, events in enumerate(coded):
        for e in events:
            yield i, e
