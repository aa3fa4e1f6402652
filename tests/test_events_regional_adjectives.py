"""A regional adjective on a collective noun of states ("European governments", "Arab ministers")
stands for the regional organisation, coded IGO; on a single person it gives no actor. Sentences are
written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import code_events as _code


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "event", "source", "target"),
    [
        (
            "The Austrian chancellor warned European critics that he would open the border.",
            "THREATEN",
            "AUT",
            "IGO",
        ),
        ("Arab ministers condemned the air raid by Israel on Tuesday.", "ACCUSE", "IGO", None),
    ],
)
def test_events_regional_adjective_on_collective_noun_is_igo(
    pipeline: Any, text: str, event: str, source: str, target: str | None
) -> None:
    events = _code(pipeline, text)
    assert events, text
    top = events[0]
    assert top.event_type == event
    assert top.source is not None and top.source.country == source
    if target is not None:
        assert top.target is not None and top.target.country == target


@pytest.mark.slow
def test_events_regional_adjective_on_single_person_is_not_igo(pipeline: Any) -> None:
    events = _code(pipeline, "A European diplomat met the Iranian foreign minister on Monday.")
    assert all(e.source is None or e.source.country != "IGO" for e in events)
