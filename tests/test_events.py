"""The event coder's mechanisms: intentions, reported obligations, pronoun sources, compound event nouns,
targets found through complements and places. Sentences are written for these tests."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from thucydides.events.lexicon import Lexicon
from thucydides.record import Document, Event


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


@pytest.mark.parametrize(
    ("cameo", "negated", "expected"),
    [
        ("0874", False, "0356"),  # will withdraw → intent to de-escalate
        ("081", False, "0354"),  # will ease sanctions
        ("040", False, "036"),  # will meet
        ("070", False, "033"),  # will provide aid
        ("190", False, "138"),  # will attack → threaten with force
        ("163", False, "1312"),  # will impose sanctions → threaten with sanctions
        ("030", True, "120"),  # will not accept → refuse
        ("111", False, None),  # statements keep their own code
        ("190", True, None),  # will not attack: no refusal
    ],
)
def test_events_lexicon_maps_stated_intentions(
    lexicon: Lexicon, cameo: str, negated: bool, expected: str | None
) -> None:
    assert lexicon.intent_code(cameo, negated=negated) == expected


def test_events_lexicon_reads_obligation_and_speech_words(lexicon: Lexicon) -> None:
    assert lexicon.obligation["must"].startswith("10")
    assert "say" in lexicon.speech_verbs


def _code(pipeline: Any, text: str) -> list[Event]:
    doc = Document(id="t", raw=text, published=date(2024, 3, 1), published_how="given")
    (out,) = list(pipeline.run([doc]))
    assert isinstance(out, Document), out
    return sorted(out.events, key=lambda e: -e.confidence)


def _top(pipeline: Any, text: str) -> tuple[str, str | None, str | None, str]:
    events = _code(pipeline, text)
    assert events, f"no event for: {text}"
    e = events[0]
    return (
        e.event_type,
        e.source.country if e.source else None,
        e.target.country if e.target else None,
        e.cameo,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "etype", "src", "tgt"),
    [
        (
            "Germany said it would pull its soldiers out of Mali by the end of the year.",
            "AGREE",
            "DEU",
            "MLI",
        ),
        ("Kenya pledged to release the detained Ugandan fishermen next week.", "AGREE", "KEN", None),
        ("Brazil will not accept the new tariffs proposed by Argentina.", "REJECT", "BRA", None),
        ("Chile said Peru must return the seized fishing boats.", "REQUEST", "CHL", "PER"),
        (
            "Poland announced that it will close its border with Belarus unless the crossings stop.",
            "THREATEN",
            "POL",
            None,
        ),
        ("Hundreds of workers in Nigeria began a hunger strike on Tuesday.", "PROTEST", "NGA", None),
        ("Egypt refused to lift the blockade on Libya.", "REJECT", "EGY", "LBY"),
        ("Norway lifted the curfew in Somalia on Friday.", "CONCEDE", "NOR", "SOM"),
    ],
)
def test_events_codes_mechanisms(pipeline: Any, text: str, etype: str, src: str, tgt: str | None) -> None:
    got_type, got_src, got_tgt, _ = _top(pipeline, text)
    assert got_type == etype
    assert got_src == src
    if tgt is not None:
        assert got_tgt == tgt


@pytest.mark.slow
def test_events_threat_with_a_complement_that_is_no_threat_keeps_the_threat(pipeline: Any) -> None:
    etype, src, _, cameo = _top(pipeline, "Iran threatened to deliver a painful response to Israel.")
    assert (etype, src) == ("THREATEN", "IRN")
    assert cameo.startswith("13")


@pytest.mark.slow
def test_events_demand_outranks_the_act_it_demands(pipeline: Any) -> None:
    etype, src, _, _ = _top(pipeline, "Japan demanded an admission that Chinese troops attacked the island.")
    assert (etype, src) == ("REQUEST", "JPN")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The visitors captured the midfield early and never surrendered it.",
        "Analysts expect the market to recover slowly next year.",
    ],
)
def test_events_quiet_on_sentences_without_events(pipeline: Any, text: str) -> None:
    assert _code(pipeline, text) == []
