"""Round 10: targets reached through the object noun: the one whose act the object is ("condemned
Serbia's crackdown") and the recipient of an aid programme ("froze its aid programme for X"). Sentences
are written for these tests."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from thucydides.record import Document, Event


@pytest.fixture(scope="module")
def pipeline() -> Any:
    from thucydides.pipeline import Options, Pipeline

    return Pipeline(Options(keep_parse=True))


def _code(pipeline: Any, text: str) -> list[Event]:
    doc = Document(id="t", raw=text, published=date(2024, 3, 1), published_how="given")
    (out,) = list(pipeline.run([doc]))
    assert isinstance(out, Document), out
    return sorted(out.events, key=lambda e: -e.confidence)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Germany on Tuesday condemned Turkey's arrest of two Swedish journalists in Syria.", "DEU", "TUR"),
        (
            "Canada froze part of a development aid programme for Myanmar after talks with Thailand.",
            "CAN",
            "MMR",
        ),
    ],
)
def test_events_target_is_reached_through_the_object_noun(
    pipeline: Any, text: str, source: str, target: str
) -> None:
    events = _code(pipeline, text)
    assert events, text
    top = events[0]
    assert top.source is not None and top.source.country == source
    assert top.target is not None and top.target.country == target
