"""targets reached through the object noun: the one whose act the object is ("condemned
Serbia's crackdown") and the recipient of an aid programme ("froze its aid programme for X"). Sentences
are written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import code_events as _code


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
