"""TimeBank/AQUAINT date expressions: how many calendar DATE values the date stage gets exactly right.

The gold format (``timebank_dev.jsonl``): one document a line with ``id``, ``published`` (the document
creation time), ``text`` and ``timexes`` (``start``/``end`` offsets into ``text``, ``text``, the TIMEX3
``type`` and ``value``).

What is scored:

- **Calendar DATE expressions**: gold timexes of type ``DATE`` whose value is a plain calendar value,
  ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. Quarters (``1998-Q3``), weeks (``1998-W32``), seasons
  (``1998-SU``), halves, decades, partial values (``1998-XX``), times of day and the vague references
  (``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``) are not calendar values: the date stage gives a week at
  month precision and a season or half year at year precision (by design: events need a calendar value),
  so they are left out of both scores. Weeks, weekends, seasons, halves and quarters are counted apart
  (``periods``): how many a prediction overlapping them gives their TIMEX3 value (``DateMention.timex``).
- **Exact value** (recall): the share of calendar DATE expressions that a predicted date overlapping
  the gold span resolves to exactly the gold value (same precision, same digits).
- **Precision**: the share of predicted dates that are right. A prediction that overlaps a calendar
  DATE expression is right when it has the value of one it overlaps, else wrong. A prediction that
  overlaps no gold timex at all, or only a ``DURATION`` or ``SET`` timex, is wrong (an invented date:
  TimeBank marks every temporal expression, so a date it does not mark is a false alarm). A prediction
  that overlaps only timexes left out above (a quarter, a week, ``PRESENT_REF``, a time of day) is not
  scored either way; their number is reported. ``precision_on_gold_dates`` is the same share over the
  predictions that overlap a calendar DATE expression only.

Predictions come from the whole pipeline (extraction, parse, dates) run on each document with its
``published`` date given, exactly as ``thucydides dates`` would read the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from thucydides.record import DateMention, Document, Problem
from thucydides.splits import Half, select

CALENDAR = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
# DATE values of a period the stage gives at a calendar precision with its TIMEX3 value beside
# (``DateMention.timex``): a week, a weekend, a season, a half year, a quarter; scored apart
PERIOD = re.compile(r"\d{4}-(?:W\d\d(?:-WE)?|SP|SU|FA|WI|H[12]|Q[1-4])")
SHAPES = {4: "year", 7: "month", 10: "day"}


@dataclass(slots=True)
class Miss:
    """One gold calendar date the stage did not resolve exactly, or one wrong prediction."""

    doc_id: str
    text: str
    gold: str | None  # the gold value (None: the prediction overlaps no scored gold timex)
    predicted: str | None  # the predicted value (None: nothing predicted there)
    kind: str  # see :func:`miss_kind`
    reason: str = ""  # the date stage's reason for its prediction


@dataclass(slots=True)
class TimebankReport:
    """Scores of the date stage on TimeBank documents."""

    gold_file: str
    documents: int = 0
    gold: int = 0  # calendar DATE expressions
    exact: int = 0
    predicted: int = 0  # predictions scored for precision
    right: int = 0
    unscored: int = 0  # predictions over timexes without a calendar value
    periods: int = 0  # DATE expressions of a week, weekend, season, half year or quarter (not in the scores)
    periods_exact: int = 0  # of those, how many a prediction overlapping them has the TIMEX3 value of
    misses: list[Miss] = field(default_factory=list)  # gold expressions not resolved exactly
    wrong: list[Miss] = field(default_factory=list)  # predictions counted wrong
    kind: str = "timebank"

    @property
    def recall(self) -> float:
        return self.exact / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def on_gold(self) -> int:
        """Predictions scored that overlap a calendar DATE expression (right or wrong)."""
        return self.right + sum(1 for m in self.wrong if m.gold is not None)

    @property
    def precision_on_gold(self) -> float:
        """Precision over the predictions that overlap a calendar DATE expression only (the invented
        dates and those over durations and sets left out): how often a date read where TimeBank marks
        one has the right value."""
        return self.right / self.on_gold if self.on_gold else 0.0

    def miss_counts(self) -> dict[str, int]:
        """Gold misses by kind, most frequent first."""
        return dict(Counter(m.kind for m in self.misses).most_common())

    def wrong_counts(self) -> dict[str, int]:
        """Wrong predictions by kind, most frequent first."""
        return dict(Counter(m.kind for m in self.wrong).most_common())

    def to_json(self) -> dict[str, Any]:
        def row(m: Miss) -> dict[str, Any]:
            return {
                "doc": m.doc_id,
                "text": m.text,
                "gold": m.gold,
                "predicted": m.predicted,
                "kind": m.kind,
                "reason": m.reason,
            }

        return {
            "gold_file": self.gold_file,
            "kind": self.kind,
            "documents": self.documents,
            "calendar_dates": self.gold,
            "exact": self.exact,
            "exact_value": round(self.recall, 4),
            "predicted_scored": self.predicted,
            "predicted_right": self.right,
            "precision": round(self.precision, 4),
            "predicted_on_gold_dates": self.on_gold,
            "precision_on_gold_dates": round(self.precision_on_gold, 4),
            "predicted_unscored": self.unscored,
            "periods": self.periods,
            "periods_exact": self.periods_exact,
            "misses_by_kind": self.miss_counts(),
            "wrong_by_kind": self.wrong_counts(),
            "misses": [row(m) for m in self.misses],
            "wrong": [row(m) for m in self.wrong],
        }

    def table(self) -> str:
        """The report as text for people."""
        lines = [
            f"gold: {self.gold_file}",
            f"documents: {self.documents}",
            f"calendar DATE expressions (YYYY, YYYY-MM, YYYY-MM-DD): {self.gold}",
            f"exact value: {self.recall:.3f} ({self.exact}/{self.gold})",
            f"precision: {self.precision:.3f} ({self.right}/{self.predicted} predicted dates right; "
            f"{self.unscored} over quarters, weeks, seasons or vague references not scored)",
            f"precision over the calendar dates TimeBank marks: {self.precision_on_gold:.3f} "
            f"({self.right}/{self.on_gold}; invented dates and dates over durations or sets left out)",
            "weeks, weekends, seasons, halves, quarters (not scored above): "
            f"{self.periods_exact}/{self.periods} given their TIMEX3 value",
            "",
            "misses by kind:",
            *(f"  {k}: {n}" for k, n in self.miss_counts().items()),
            "wrong predictions by kind:",
            *(f"  {k}: {n}" for k, n in self.wrong_counts().items()),
            "",
            "missed:",
            *(
                f"  {m.doc_id}: {m.text!r} gold {m.gold} predicted {m.predicted} [{m.kind}] ({m.reason})"
                for m in self.misses
            ),
            "wrong:",
            *(
                f"  {m.doc_id}: {m.text!r} gold {m.gold} predicted {m.predicted} [{m.kind}] ({m.reason})"
                for m in self.wrong
            ),
        ]
        return "\n".join(lines) + "\n"


def is_calendar(timex: dict[str, Any]) -> bool:
    """Whether a gold timex is a DATE with a plain calendar value (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``)."""
    return timex.get("type") == "DATE" and CALENDAR.fullmatch(str(timex.get("value", ""))) is not None


def shape(value: str | None) -> str:
    """``year``, ``month`` or ``day`` for a calendar value, else ``other``."""
    if value is None or CALENDAR.fullmatch(value) is None:
        return "other"
    return SHAPES[len(value)]


def miss_kind(gold: str | None, predicted: str | None) -> str:
    """What kind of error a gold value and a predicted value make.

    ``<shape> not found`` (nothing predicted over a gold date), ``<shape> as <shape>`` (the wrong
    precision), ``<shape> wrong <part>`` (the right precision, a wrong year, month or day), or for a
    prediction over no scored gold: ``invented <shape>`` (no timex there) or ``<shape> over duration/set``.
    """
    if predicted is None:
        return f"{shape(gold)} not found"
    if gold is None:
        return f"invented {shape(predicted)}"
    if shape(gold) != shape(predicted):
        return f"{shape(gold)} as {shape(predicted)}"
    part = "year" if gold[:4] != predicted[:4] else "month" if gold[:7] != predicted[:7] else "day"
    return f"{shape(gold)} wrong {part}"


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score(report: TimebankReport, record: dict[str, Any], predicted: list[DateMention]) -> TimebankReport:
    """Add one document's gold timexes and predicted dates to ``report`` (see the module's rules)."""
    doc_id = str(record.get("id", ""))
    timexes = [t for t in record.get("timexes") or () if isinstance(t, dict)]
    calendar = [t for t in timexes if is_calendar(t)]
    report.documents += 1
    for t in timexes:
        if t.get("type") == "DATE" and PERIOD.fullmatch(str(t.get("value", ""))):
            report.periods += 1
            near = [p for p in predicted if _overlaps(p.start, p.end, t["start"], t["end"])]
            report.periods_exact += any(p.timex == t["value"] for p in near)
    for t in calendar:
        report.gold += 1
        hits = [p for p in predicted if _overlaps(p.start, p.end, t["start"], t["end"])]
        if any(p.value == t["value"] for p in hits):
            report.exact += 1
            continue
        got = hits[0] if hits else None
        report.misses.append(
            Miss(
                doc_id,
                str(t.get("text", "")),
                t["value"],
                got.value if got else None,
                miss_kind(t["value"], got.value if got else None),
                got.reason if got else "",
            )
        )
    for p in predicted:
        over = [t for t in timexes if _overlaps(p.start, p.end, t["start"], t["end"])]
        golds = [t for t in over if is_calendar(t)]
        if not golds and any(t.get("type") in ("DATE", "TIME") for t in over):
            report.unscored += 1
            continue
        report.predicted += 1
        if any(t["value"] == p.value for t in golds):
            report.right += 1
            continue
        kind = miss_kind(golds[0]["value"], p.value) if golds else miss_kind(None, p.value)
        if not golds and over:
            kind = f"{shape(p.value)} over {str(over[0].get('type', '')).lower()}"
        report.wrong.append(
            Miss(doc_id, p.text, golds[0]["value"] if golds else None, p.value, kind, p.reason)
        )
    return report


def evaluate_timebank(
    records: list[dict[str, Any]], pipeline: Any, gold_file: str = "", half: Half | None = None
) -> TimebankReport:
    """Score the date stage on TimeBank documents (all of them, or one half of the fixed split).

    Args:
        records: the gold documents (``id``, ``published``, ``text``, ``timexes``).
        pipeline: a :class:`~thucydides.pipeline.Pipeline` that runs at least up to the date stage.
        gold_file: the file's name, for the report.
        half: ``dev`` or ``test`` (see :mod:`thucydides.splits`), or None for every document.
    """
    report = TimebankReport(gold_file)
    chosen = [r for r in select("timebank", records, half) if isinstance(r.get("text"), str)]
    by_id = {str(r["id"]): r for r in chosen}
    docs: list[Document | Problem] = [
        Document(
            id=str(r["id"]),
            raw=r["text"],
            published=date.fromisoformat(str(r["published"])[:10]) if r.get("published") else None,
            published_how="given" if r.get("published") else "none",
        )
        for r in chosen
    ]
    done: set[str] = set()
    for item in pipeline.run(docs):
        if isinstance(item, Document) and item.id in by_id:
            score(report, by_id[item.id], item.dates)
            done.add(item.id)
    for key, rec in by_id.items():  # a document the pipeline dropped: every gold date is a miss
        if key not in done:
            score(report, rec, [])
    return report
