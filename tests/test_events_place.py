"""Where an event happened: the place its verb acted on or was aimed at, else the story's dateline."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from thucydides.pipeline import Options, Pipeline, code_texts


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Options(published=date(2021, 3, 3)))


def _places(pipeline: Pipeline, text: str) -> dict[str, tuple[str | None, str | None]]:
    events: list[Any] = code_texts([text], pipeline=pipeline)
    return {
        e.trigger: (e.location.name if e.location else None, e.location.country if e.location else None)
        for e in events
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "country"),
    [
        ("Turkish troops fired on Aleppo on Tuesday.", "fired", "SYR"),
        ("Government forces shelled Idlib on Monday.", "shelled", "SYR"),
    ],
)
def test_event_place_is_what_an_attack_acted_on_or_was_aimed_at(
    pipeline: Pipeline, text: str, trigger: str, country: str
) -> None:
    found = _places(pipeline, text)
    assert any(t.startswith(trigger) and c == country for t, (_, c) in found.items()), found


@pytest.mark.slow
def test_event_without_a_place_takes_the_dateline_of_its_actors_country(pipeline: Pipeline) -> None:
    text = "ANKARA, 3 March 2021 (Wire) — The Turkish president condemned the killing of civilians."
    found = _places(pipeline, text)
    assert ("Ankara", "TUR") in found.values(), found


@pytest.mark.slow
def test_event_of_other_countries_does_not_take_the_dateline(pipeline: Pipeline) -> None:
    text = "ANKARA, 3 March 2021 (Wire) — Russia accused Ukraine of violating the ceasefire."
    found = _places(pipeline, text)
    assert all(name != "Ankara" for name, _ in found.values()), found
