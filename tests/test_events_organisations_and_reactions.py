"""organisations named by country and head noun, people of a group named in a phrase, reactions
to an act named earlier, domestic concessions, people without a country as prepositional targets."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import code_events as _code

from thucydides.events.lexicon import Lexicon
from thucydides.record import Event


@pytest.fixture(scope="module")
def resolver() -> Any:
    from thucydides.actors.kb import KnowledgeBase
    from thucydides.actors.resolve import ActorResolver

    return ActorResolver(KnowledgeBase.load())


def _triples(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {
        (e.event_type, e.source.country if e.source else None, e.target.country if e.target else None)
        for e in events
    }


def _mentions(nlp: Any, resolver: Any, text: str) -> dict[str, Any]:
    return {m.text: m for m in resolver.mentions(nlp(text), text, None)}


def test_events_lexicon_reads_act_references() -> None:
    lexicon = Lexicon.load()
    assert {"move", "decision"} <= lexicon.act_references
    assert "incursion" not in lexicon.act_references  # an event noun of its own, matched by type


def test_actors_organisation_words_are_name_only_heads() -> None:
    from thucydides.actors.kb import KnowledgeBase

    kb = KnowledgeBase.load()
    assert kb.heads["union"].name_only and kb.heads["union"].sector == "LAB"
    assert kb.heads["party"].sector == "PTY"
    assert not kb.heads["ministry"].name_only  # already a head word: keeps its own entry


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "mention", "country", "sector"),
    [
        (
            "The Zambian Union of Mine Workers called off a strike.",
            "The Zambian Union of Mine Workers",
            "ZMB",
            "LAB",
        ),
        (
            "The Kenyan Farmers Association protested on Monday.",
            "The Kenyan Farmers Association",
            "KEN",
            "CVL",
        ),
        ("The Iraqi Football Federation suspended its coach.", "The Iraqi Football Federation", "IRQ", "CVL"),
        (
            "The Ghanaian Ministry of Health opened an inquiry.",
            "The Ghanaian Ministry of Health",
            "GHA",
            "GOV",
        ),
        ("The Israeli Labour Party left the coalition.", "The Israeli Labour Party", "ISR", "PTY"),
    ],
)
def test_actors_organisation_named_by_country_and_head_noun(
    nlp: Any, resolver: Any, text: str, mention: str, country: str, sector: str
) -> None:
    found = _mentions(nlp, resolver, text)
    assert mention in found, list(found)
    actor = found[mention].actor
    assert (actor.country, actor.sector) == (country, sector), found[mention].reason


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Moscow said the Soviet Union had never signed it.", "the Soviet Union", "RUS"),
        ("Settlers left the West Bank on Friday.", "the West Bank", "PSE"),
    ],
)
def test_actors_head_noun_inside_a_country_name_gives_no_sector(
    nlp: Any, resolver: Any, text: str, mention: str, country: str
) -> None:
    found = _mentions(nlp, resolver, text)
    actor = found[mention].actor
    assert (actor.country, actor.sector) == (country, None), found[mention].reason


@pytest.mark.slow
def test_actors_lower_case_organisation_word_alone_is_no_actor(nlp: Any, resolver: Any) -> None:
    assert _mentions(nlp, resolver, "The union said the party would protest.") == {}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Nurses from three Canadian charities delivered medicine to Haiti.", "Nurses", "CAN"),
        ("Officials of a Kenyan union said the strike would go on.", "Officials", "KEN"),
    ],
)
def test_actors_people_take_the_country_of_the_group_in_their_phrase(
    nlp: Any, resolver: Any, text: str, mention: str, country: str
) -> None:
    m = _mentions(nlp, resolver, text)[mention]
    assert m.actor.country == country
    assert "the group they belong to" in m.reason


@pytest.mark.slow
def test_actors_misspelt_country_says_so_in_the_reason(nlp: Any, resolver: Any) -> None:
    m = _mentions(nlp, resolver, "Ethopia and Kenya signed a border accord.")["Ethopia"]
    assert m.actor.country == "ETH"
    assert "misspelt country name" in m.reason


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Venezuelan jets bombed a Guyanese border post on Monday. "
            "On Tuesday the Guyanese government condemned the bombing.",
            ("ACCUSE", "GUY", "VEN"),
        ),
        (
            "Chile expelled two Peruvian diplomats. Peru's foreign ministry denounced the move the next day.",
            ("ACCUSE", "PER", "CHL"),
        ),
    ],
)
def test_events_reaction_to_an_act_named_by_a_noun_targets_its_doer(
    pipeline: Any, text: str, expected: tuple[str, str, str]
) -> None:
    events = _code(pipeline, text)
    assert expected in _triples(events)
    reaction = next(e for e in events if e.event_type == expected[0])
    assert "refers back to" in reaction.explain[1]


@pytest.mark.slow
def test_events_reaction_without_an_earlier_act_keeps_no_target(pipeline: Any) -> None:
    events = _code(pipeline, "The Guyanese government condemned the move on Tuesday.")
    assert ("ACCUSE", "GUY", None) in _triples(events)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected", "whom"),
    [
        (
            "The Zambian Union of Mine Workers called off a strike on Friday.",
            ("CONCEDE", "ZMB", "ZMB"),
            "GOV",
        ),
        ("The Malawian government lifted a curfew on Sunday.", ("CONCEDE", "MWI", "MWI"), "CVL"),
    ],
)
def test_events_domestic_concessions_are_aimed_at_their_own_country(
    pipeline: Any, text: str, expected: tuple[str, str, str], whom: str
) -> None:
    events = [e for e in _code(pipeline, text) if e.event_type == expected[0]]
    assert expected in _triples(events)
    assert events[0].target is not None and events[0].target.sector == whom


@pytest.mark.slow
def test_events_people_without_country_after_a_preposition_are_placed_from_context(pipeline: Any) -> None:
    events = _code(pipeline, "Police in Lusaka fired tear gas at students on Monday.")
    assert ("COERCE", "ZMB", "ZMB") in _triples(events)  # crowd control is coercion
