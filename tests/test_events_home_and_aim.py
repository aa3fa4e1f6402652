"""Actors' countries and targets the triple errors of the PLOVER records' dev half called for: an act
aimed at home, an "against" phrase deeper in the clause, an actor placed by its own phrase, peoples named
by the country they live in, a capital inside a name, and the sentence model's act reported by a speaker."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import code_events

from thucydides.events.propose import _reported
from thucydides.record import Event


def _pairs(events: list[Event], etype: str) -> set[tuple[str | None, str | None]]:
    return {
        (e.source.country if e.source else None, e.target.country if e.target else None)
        for e in events
        if e.event_type == etype
    }


@pytest.mark.slow
def test_events_rejection_naming_no_other_country_is_aimed_at_home(pipeline: Any) -> None:
    events = code_events(
        pipeline, "The Egyptian government rejected a request to build a new church in the district."
    )
    assert _pairs(events, "REJECT") == {("EGY", "EGY")}
    assert "home_target" in events[0].explain[-1]


@pytest.mark.slow
def test_events_rejection_with_another_country_named_is_not_aimed_at_home(pipeline: Any) -> None:
    events = code_events(
        pipeline, "The Egyptian government rejected a request from Sudan to reopen the crossing."
    )
    assert ("EGY", "EGY") not in _pairs(events, "REJECT")


@pytest.mark.slow
def test_events_threat_takes_its_target_from_an_against_phrase_and_its_source_from_its_own_place(
    pipeline: Any,
) -> None:
    text = (
        "In Niger, a rebel group based in Mali threatened to stockpile weapons "
        "for use against France and Germany."
    )
    assert _pairs(code_events(pipeline, text), "THREATEN") == {("MLI", "FRA"), ("MLI", "DEU")}


@pytest.mark.slow
def test_events_group_placed_by_its_own_phrase_not_by_the_scene(pipeline: Any) -> None:
    events = code_events(pipeline, "In Niger, militants based in Mali attacked an army convoy on Sunday.")
    assert {s for s, _ in _pairs(events, "ASSAULT")} == {"MLI"}


@pytest.mark.slow
def test_events_people_named_by_country_of_residence_and_ethnicity(pipeline: Any) -> None:
    events = code_events(pipeline, "Bosnian Serb leaders rejected the proposal on Tuesday.")
    assert events[0].source is not None and events[0].source.country == "BIH"


@pytest.mark.slow
def test_actors_capital_inside_an_organisation_name_is_no_government(pipeline: Any) -> None:
    from datetime import date

    from thucydides.record import Document

    doc = Document(
        id="t",
        raw="Iranian police arrested ten students of the University of Tehran on Monday.",
        published=date(2024, 3, 1),
        published_how="given",
    )
    (out,) = list(pipeline.run([doc]))
    assert isinstance(out, Document)
    assert not [m for m in out.actors if m.text == "Tehran"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("The Turkish army shelled several villages near the border overnight, residents said.", "shelled"),
        ("The ceasefire would collapse within days, a rebel spokesman said.", "said"),  # a prediction
        ("The operation took place on Saturday night, the president said.", "said"),  # no one named
    ],
)
def test_events_model_act_reported_by_a_speaker_is_anchored_on_the_reported_verb(
    nlp: Any, text: str, anchor: str
) -> None:
    sent = next(iter(nlp(text).sents))
    assert _reported(sent.root).text == anchor
