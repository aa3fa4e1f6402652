"""Scoring of TimeBank dates in `thucydides eval` (hand-built records; the dev-half floor is slow)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from thucydides.evalsets.timebank import TimebankReport, is_calendar, miss_kind, score
from thucydides.evaluate import evaluate_file, format_table
from thucydides.record import DateMention, Document, Precision, Problem
from thucydides.splits import Half, half_of

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TIMEBANK = SHARED / "gold" / "timebank_dev.jsonl"

TEXT = "On Monday, 2019 talks began; in March they ended. Two years passed. Now it is calm."
RECORD: dict[str, Any] = {
    "id": "doc1",
    "published": "2020-01-06",
    "text": TEXT,
    "timexes": [
        {"start": 3, "end": 9, "text": "Monday", "type": "DATE", "value": "2020-01-06"},
        {"start": 11, "end": 15, "text": "2019", "type": "DATE", "value": "2019"},
        {"start": 32, "end": 37, "text": "March", "type": "DATE", "value": "2019-03"},
        {"start": 50, "end": 59, "text": "Two years", "type": "DURATION", "value": "P2Y"},
        {"start": 68, "end": 71, "text": "Now", "type": "DATE", "value": "PRESENT_REF"},
    ],
}


def _at(text: str, value: str, precision: Precision = "day") -> DateMention:
    start = TEXT.index(text)
    return DateMention(start, start + len(text), text, value, precision, f"because {text}")


def test_timebank_scores_exact_values_and_counts_every_wrong_prediction() -> None:
    predicted = [
        _at("Monday", "2020-01-06"),  # right
        _at("2019", "2019", "year"),  # right
        _at("March", "2020-03", "month"),  # wrong year: a miss and a wrong prediction
        _at("Two years", "2018", "year"),  # over a duration: wrong
        _at("Now", "2020-01", "month"),  # over PRESENT_REF: not scored
        _at("calm", "2020-01-06"),  # over nothing: invented
    ]
    report = score(TimebankReport("g"), RECORD, predicted)
    assert (report.gold, report.exact) == (3, 2)
    assert (report.predicted, report.right, report.unscored) == (5, 2, 1)
    assert report.miss_counts() == {"month wrong year": 1}
    assert report.wrong_counts() == {"month wrong year": 1, "year over duration": 1, "invented day": 1}
    assert round(report.recall, 3) == 0.667 and report.precision == 0.4
    assert (report.on_gold, round(report.precision_on_gold, 3)) == (3, 0.667)


def test_timebank_gold_date_without_prediction_is_a_miss_not_found() -> None:
    report = score(TimebankReport("g"), RECORD, [])
    assert report.exact == 0 and report.predicted == 0
    assert report.miss_counts() == {"day not found": 1, "year not found": 1, "month not found": 1}


@pytest.mark.parametrize(
    ("timex", "calendar"),
    [
        ({"type": "DATE", "value": "1998"}, True),
        ({"type": "DATE", "value": "1998-08"}, True),
        ({"type": "DATE", "value": "1998-08-10"}, True),
        ({"type": "DATE", "value": "1998-Q3"}, False),
        ({"type": "DATE", "value": "1998-W32"}, False),
        ({"type": "DATE", "value": "1998-SU"}, False),
        ({"type": "DATE", "value": "PAST_REF"}, False),
        ({"type": "DATE", "value": "1998-08-10TNI"}, False),
        ({"type": "TIME", "value": "1998-08-10"}, False),
        ({"type": "DURATION", "value": "P2Y"}, False),
    ],
)
def test_timebank_scores_only_calendar_date_values(timex: dict[str, str], calendar: bool) -> None:
    assert is_calendar(timex) is calendar


@pytest.mark.parametrize(
    ("gold", "predicted", "kind"),
    [
        ("1998-08-10", None, "day not found"),
        (None, "1998-08", "invented month"),
        ("1998-08-10", "1998-08", "day as month"),
        ("1998-08-10", "1997-08-10", "day wrong year"),
        ("1998-08-10", "1998-07-10", "day wrong month"),
        ("1998-08-10", "1998-08-11", "day wrong day"),
        ("1998", "1997", "year wrong year"),
    ],
)
def test_timebank_names_the_kind_of_each_miss(gold: str | None, predicted: str | None, kind: str) -> None:
    assert miss_kind(gold, predicted) == kind


class FakePipeline:
    """Gives each document the dates in ``answers`` under its id."""

    def __init__(self, answers: dict[str, list[DateMention]]) -> None:
        self.answers = answers
        self.seen: list[Document] = []

    def run(self, items: Iterable[Document | Problem]) -> Iterator[Document | Problem]:
        for item in items:
            if isinstance(item, Document):
                self.seen.append(item)
                item.text = item.raw
                item.dates = self.answers.get(item.id, [])
            yield item


def _two_records(tmp_path: Path) -> tuple[Path, str, str]:
    ids = [f"doc{i}" for i in range(40)]
    dev = next(i for i in ids if half_of("timebank", i) == "dev")
    test = next(i for i in ids if half_of("timebank", i) == "test")
    path = tmp_path / "tb.jsonl"
    path.write_text("".join(json.dumps(RECORD | {"id": key}) + "\n" for key in (dev, test)), encoding="utf-8")
    return path, dev, test


def test_timebank_eval_reads_the_jsonl_and_scores_one_half(tmp_path: Path) -> None:
    path, dev, test = _two_records(tmp_path)
    right = [_at("Monday", "2020-01-06"), _at("2019", "2019", "year"), _at("March", "2019-03", "month")]
    pipe = FakePipeline({dev: right, test: []})
    report = evaluate_file(path, pipe, split="dev")
    assert isinstance(report, TimebankReport)
    assert (report.documents, report.gold, report.exact, report.precision) == (1, 3, 3, 1.0)
    assert [d.id for d in pipe.seen] == [dev]
    assert pipe.seen[0].published == date(2020, 1, 6) and pipe.seen[0].published_how == "given"
    whole = evaluate_file(path, FakePipeline({dev: right, test: []}))
    assert isinstance(whole, TimebankReport) and (whole.documents, whole.exact) == (2, 3)
    table = format_table(whole)
    assert "exact value: 0.500 (3/6)" in table and "day not found: 1" in table
    assert json.loads(json.dumps(whole.to_json()))["misses_by_kind"] == {
        "day not found": 1,
        "year not found": 1,
        "month not found": 1,
    }


def test_timebank_eval_rejects_a_jsonl_of_another_kind(tmp_path: Path) -> None:
    path = tmp_path / "other.jsonl"
    path.write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="TimeBank"):
        evaluate_file(path, FakePipeline({}))


# (half, exact-value floor, precision floor): slightly below the figures in docs/ACCURACY.md; the dev half is
# the one the rules were read from, the test half the one that counts
FLOORS = [("dev", 0.94, 0.95), ("test", 0.87, 0.86)]


@pytest.fixture(scope="module")
def pipeline() -> Any:
    from thucydides.pipeline import Options, Pipeline

    return Pipeline(Options(upto="dates", batch_size=32))


@pytest.mark.slow
@pytest.mark.parametrize(("half", "exact_floor", "precision_floor"), FLOORS)
def test_timebank_half_stays_above_floor(
    pipeline: Any, half: Half, exact_floor: float, precision_floor: float
) -> None:
    if not TIMEBANK.is_file():
        pytest.skip(f"{TIMEBANK} is absent (the development data lives outside the repository)")
    report = evaluate_file(TIMEBANK, pipeline, split=half)
    assert isinstance(report, TimebankReport)
    assert report.documents == {"dev": 60, "test": 61}[half]
    # plain floats, and the counts by kind on the dev half only: a failure must not print the test half's
    # misses (pytest shows the objects an assertion reads)
    recall, precision = float(report.recall), float(report.precision)
    shown = half == "dev"
    assert recall >= exact_floor, report.miss_counts() if shown else f"exact value {recall:.3f}"
    assert precision >= precision_floor, report.wrong_counts() if shown else f"precision {precision:.3f}"
