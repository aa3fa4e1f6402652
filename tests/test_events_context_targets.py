"""targets from context, unidentified attackers, minorities, parse repairs."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from thucydides.events.lexicon import Lexicon
from thucydides.record import Document, Event


def _run(pipeline: Any, text: str) -> Document:
    doc = Document(id="t", raw=text, published=date(2024, 3, 1), published_how="given")
    (out,) = list(pipeline.run([doc]))
    assert isinstance(out, Document), out
    return out


def _code(pipeline: Any, text: str) -> list[Event]:
    return sorted(_run(pipeline, text).events, key=lambda e: -e.confidence)


def _pair(e: Event) -> tuple[str | None, str | None]:
    return (e.source.country if e.source else None, e.target.country if e.target else None)


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def test_events_lexicon_reads_bare_on_as_a_preposition_not_a_boolean(lexicon: Lexicon) -> None:
    (entry,) = lexicon.verbs["renege"]
    assert entry.targets == ("on",)
    parsed = Lexicon.load("verbs:\n  switch: {cameo: '010', targets: [on, off], prep: [on]}\n")
    (switch,) = parsed.verbs["switch"]
    assert switch.targets == ("on", "off")
    assert switch.prep == frozenset({"on"})


def test_events_lexicon_lists_proposal_nouns_whose_sender_is_the_target(lexicon: Lexicon) -> None:
    assert {"offer", "appeal", "proposal", "invitation"} <= lexicon.proposal_nouns


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "etype", "src", "tgt", "why"),
    [
        (  # no target in the parse: the one other country of the sentence
            "Chile's foreign ministry condemned the bombing, saying Peru had ignored repeated warnings.",
            "ACCUSE",
            "CHL",
            "PER",
            "the one other country the sentence names",
        ),
        (  # violence without a named doer: unidentified attackers of the place's country
            "A car bomb killed two Canadian soldiers near Kandahar on Monday.",
            "ASSAULT",
            "AFG",
            "CAN",
            "unidentified attackers in AFG",
        ),
        (  # a people named with the country it lives in
            "Ethnic Hungarians in Romania staged a rally in Cluj.",
            "PROTEST",
            "ROU",
            "ROU",
            "a people living in Romania",
        ),
        (  # the sender of a rejected offer is the target
            "Georgia rejected an offer from Armenia to mediate.",
            "REJECT",
            "GEO",
            "ARM",
            "target = object 'offer'",
        ),
        (  # "freed X held since": the parse hangs X on "held"
            "Colombian rebels freed a Norwegian engineer held since March.",
            "RETREAT",
            "COL",
            "NOR",
            "target = object 'engineer'",
        ),
        (  # "vowed to attack" parsed as an adverbial clause is still an intention: a threat
            "Somali militants vowed to attack Kenyan troops.",
            "THREATEN",
            "SOM",
            "KEN",
            "a stated intention",
        ),
        (  # a material act aimed at the country of the place where it is done
            "Kenya's government suspended aid deliveries in Mogadishu.",
            "SANCTION",
            "KEN",
            "SOM",
            "the act was done in Mogadishu",
        ),
        (  # lodging a protest with a government is an official complaint, aimed at it
            "Britain lodged a protest with Spain over the incident.",
            "ACCUSE",
            "GBR",
            "ESP",
            "with Spain",
        ),
    ],
)
def test_events_round4_argument_mechanisms(
    pipeline: Any, text: str, etype: str, src: str, tgt: str | None, why: str
) -> None:
    events = [e for e in _code(pipeline, text) if e.event_type == etype and any(why in x for x in e.explain)]
    assert events, f"no {etype} event explained by {why!r} in: {text}"
    assert _pair(events[0]) == (src, tgt)


@pytest.mark.slow
def test_events_bare_conjunct_takes_the_nationality_of_the_first(pipeline: Any) -> None:
    events = _code(pipeline, "Turkish jets and artillery pounded towns in northern Iraq.")
    assault = [e for e in events if e.event_type == "ASSAULT"]
    assert assault
    assert {_pair(e) for e in assault} == {("TUR", "IRQ")}


@pytest.mark.slow
def test_events_stance_prefix_names_no_nationality(pipeline: Any) -> None:
    doc = _run(pipeline, "An anti-Iran cleric spoke to reporters.")
    assert all(m.actor.country != "IRN" for m in doc.actors)


@pytest.mark.slow
def test_events_anniversary_is_no_target_of_a_march(pipeline: Any) -> None:
    events = _code(pipeline, "Thousands of students marched in Santiago on the anniversary of the coup.")
    assert all(not any("anniversary" in x for x in e.explain) for e in events)


@pytest.mark.slow
def test_events_unnamed_government_never_takes_an_international_body_as_country(pipeline: Any) -> None:
    events = _code(
        pipeline, "The government agreed to receive a mission of observers from the African Union."
    )
    assert all(not (e.source and e.source.sector == "GOV" and e.source.country == "IGO") for e in events)
