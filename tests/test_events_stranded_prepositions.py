"""the object of a preposition that the parse left empty ("granted asylum to five officers holed
up in ...", where the parser makes the recipients the subject of the participle clause). Sentences are
written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import code_events as _code


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        (
            "Ecuador has granted political asylum to four Bolivian army officers holed up in its embassy "
            "since the Chilean-backed coup, the Ecuadorean foreign ministry said on Monday.",
            "ECU",
            "BOL",
        ),
        (
            "Mexico has granted asylum to two Honduran opposition leaders hiding in its embassy since "
            "the American invasion, officials said.",
            "MEX",
            "HND",
        ),
    ],
)
def test_events_recipient_parsed_as_clause_subject_is_the_target(
    pipeline: Any, text: str, source: str, target: str
) -> None:
    events = _code(pipeline, text)
    assert events, text
    top = events[0]
    assert top.source is not None and top.source.country == source
    assert top.target is not None and top.target.country == target
