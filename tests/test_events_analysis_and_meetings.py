"""reduced passives with a named doer, appeals "for" someone to act, assessments and descriptions
that report no act, meetings coded both ways, the pair behind "the two leaders", main clauses first."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import code_events as _code

from thucydides.events.lexicon import Lexicon
from thucydides.record import Event


def _triples(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {
        (e.event_type, e.source.country if e.source else None, e.target.country if e.target else None)
        for e in events
    }


def test_events_lexicon_reads_evaluative_adjectives() -> None:
    lexicon = Lexicon.load()
    assert {"difficult", "unlikely"} <= lexicon.evaluative
    assert "deadlocked" not in lexicon.evaluative  # a state of talks going on, not a judgement


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A Canadian journalist freed by Somali rebels arrived in Nairobi on Friday, officials said.",
            ("RETREAT", "SOM", "CAN"),
        ),
        ("Germany is pressing for Poland to accept the proposal, diplomats said.", ("REQUEST", "DEU", "POL")),
        (
            "Colombia's chief negotiator said talks with Venezuela collapsed on Sunday.",
            ("CONSULT", "VEN", "COL"),
        ),
        ("The negotiations between Chile and Bolivia are deadlocked.", ("CONSULT", "CHL", "BOL")),
    ],
)
def test_events_round7_codes_the_act(pipeline: Any, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _triples(_code(pipeline, text))


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "It will be hard for Ecuador to finish the withdrawal of its troops from the border.",
        "The Chilean president's campaign promise was to cut taxes for Bolivian traders.",
    ],
)
def test_events_round7_assessments_and_descriptions_report_no_act(pipeline: Any, text: str) -> None:
    assert _code(pipeline, text) == []


@pytest.mark.slow
def test_events_meeting_with_the_other_party_named_is_coded_both_ways(pipeline: Any) -> None:
    triples = _triples(_code(pipeline, "Colombia's chief negotiator said talks with Venezuela collapsed."))
    assert {("CONSULT", "COL", "VEN"), ("CONSULT", "VEN", "COL")} <= triples


@pytest.mark.slow
def test_events_visit_keeps_its_direction(pipeline: Any) -> None:
    events = _code(pipeline, "A Canadian journalist freed by Somali rebels arrived in Nairobi on Friday.")
    visits = {t for t in _triples(events) if t[0] == "CONSULT"}
    assert ("CONSULT", "SOM", "CAN") not in visits


@pytest.mark.slow
def test_events_foreign_source_easing_gets_no_domestic_target(pipeline: Any) -> None:
    events = _code(pipeline, "MOSCOW, May 3 (Wire) - The United States would ease restrictions on banks.")
    assert events
    assert all(e.target is None or e.target.country != "RUS" for e in events)


@pytest.mark.slow
def test_events_two_leaders_are_the_two_people_not_the_dateline_country(pipeline: Any) -> None:
    text = (
        "LIMA, Peru, May 3 (Wire) - Brazilian President Jair Bolsonaro and Argentine President "
        "Mauricio Macri signed a trade accord in Lima on Friday. The two leaders met for two hours."
    )
    met = {t for t in _triples(_code(pipeline, text)) if t[0] == "CONSULT"}
    assert ("CONSULT", "BRA", "ARG") in met
    assert not any("PER" in t for t in met)


@pytest.mark.slow
def test_events_main_clause_act_ranks_above_background_clause(pipeline: Any) -> None:
    events = _code(pipeline, "Kenya expelled the Somali ambassador after Somalia accused Kenya of meddling.")
    assert events[0].event_type == "SANCTION"
    assert any(e.event_type == "ACCUSE" for e in events)
