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
        # a demonym adjective names the country behind the thing it modifies
        ("Peru rejected a Bolivian proposal on water rights.", "REJECT", "PER", "BOL"),
        # release of people named by nationality
        ("Militants in Mali freed a Canadian engineer on Monday.", "RETREAT", "MLI", "CAN"),
        # a finite coordinated verb is not negated by the first verb's "not"
        (
            "Ghana's foreign minister said the talks had not succeeded and accused Togo of bad faith.",
            "ACCUSE",
            "GHA",
            "TGO",
        ),
        # an actor named without a country takes the country where the sentence is set; a protest with
        # no target is aimed at that country's authorities, an arrest at its people
        ("Students in Nairobi protested against the new tax.", "PROTEST", "KEN", "KEN"),
        ("Police in Lima arrested dozens of farmers on Tuesday.", "COERCE", "PER", "PER"),
        # a dateline capital is no actor; a verb hung on the reported clause keeps the speaker as source
        (
            "LIMA, May 3 (Andes Wire) - Peru's trade minister said talks with Chile stalled on Friday "
            "and blamed Santiago for the delay.",
            "ACCUSE",
            "PER",
            "CHL",
        ),
        # "the two leaders" stands for the two parties named before
        (
            "Kenya's president met Tanzania's president in Arusha on Monday. "
            "The two leaders agreed to reopen the border.",
            "CONSULT",
            "KEN",
            "TZA",
        ),
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


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "etype", "src", "tgt", "why"),
    [
        (
            "Kenya's president met Tanzania's president in Arusha on Monday. "
            "The two leaders agreed to reopen the border.",
            "AGREE",
            "KEN",
            "TZA",
            "two parties",
        ),
        (
            "Ecuador's opposition staged a march in Quito. The government banned further rallies.",
            "COERCE",
            "ECU",
            "ECU",
            "names no country",
        ),
    ],
)
def test_events_later_sentence_refers_back_to_actors_named_before(
    pipeline: Any, text: str, etype: str, src: str, tgt: str, why: str
) -> None:
    events = [e for e in _code(pipeline, text) if e.event_type == etype and e.evidence.start > 0]
    assert events, f"no {etype} event in the second sentence of: {text}"
    e = events[0]
    assert (e.source.country if e.source else None, e.target.country if e.target else None) == (src, tgt)
    assert any(why in line for line in e.explain)


@pytest.mark.slow
def test_events_actor_without_country_and_no_context_keeps_its_sector_and_no_country(pipeline: Any) -> None:
    events = _code(pipeline, "Unidentified gunmen attacked a bus.")
    assert [(e.event_type, e.source.country, e.source.sector) for e in events if e.source] == [
        ("ASSAULT", None, "INS")
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "etype", "src", "tgt", "why"),
    [
        (  # a threat is aimed at the actor whose act would set it off
            "Russia threatened to suspend gas deliveries if Ukraine joins the alliance.",
            "THREATEN",
            "RUS",
            "UKR",
            "on whose act the threat is conditioned",
        ),
        (  # a complaint is aimed at what it is about, not at whom it is made to
            "Greece complained to the United Nations about Turkish naval patrols.",
            "ACCUSE",
            "GRC",
            "TUR",
            "about",
        ),
        (  # the subject of "joined" takes part in the protest its object names
            "Thousands of Kenyans joined a protest in Nairobi.",
            "PROTEST",
            "KEN",
            "KEN",
            "who takes part in",
        ),
        (  # "leaders" named by role only take the country where the sentence is set; suspending a strike
            # eases dissent (082), aimed at the authorities of the country where it happens
            "Union leaders in Lagos agreed to suspend the strike.",
            "AGREE",
            "NGA",
            "NGA",
            "names no country",
        ),
        (  # a partitive object: the condition and the target are read through "part of"
            "Japan suspended part of its aid to Myanmar.",
            "SANCTION",
            "JPN",
            "MMR",
            "of the object",
        ),
        (  # "struck what X called a depot in Syria": the free relative says where
            "Israeli jets struck what Israel called a weapons depot in Syria.",
            "ASSAULT",
            "ISR",
            "SYR",
            "where it was done",
        ),
        (  # the dateline's city is no subject
            "BEIRUT, March 3 (Wire) - Syrian troops shelled rebel positions near Idlib.",
            "ASSAULT",
            "SYR",
            None,
            "subject 'troops'",
        ),
        (  # an unnamed spokesman is not of the country he accuses
            "Relations between China and Canada have soured. China summoned the Canadian ambassador. "
            "A foreign ministry spokesman accused Canada of interference.",
            "ACCUSE",
            "CHN",
            "CAN",
            "most often besides CAN",
        ),
    ],
)
def test_events_round3_argument_mechanisms(
    pipeline: Any, text: str, etype: str, src: str, tgt: str | None, why: str
) -> None:
    events = [e for e in _code(pipeline, text) if e.event_type == etype and any(why in x for x in e.explain)]
    assert events, f"no {etype} event explained by {why!r} in: {text}"
    e = events[-1]
    assert (e.source.country if e.source else None, e.target.country if e.target else None) == (src, tgt)


@pytest.mark.slow
def test_events_meeting_expectations_is_no_meeting(pipeline: Any) -> None:
    assert _code(pipeline, "The proposal met the expectations of Brazil.") == []


@pytest.mark.parametrize(
    ("word", "cameo"),
    [("dismiss", "120"), ("withdraw", "161"), ("order", "174"), ("end", "082"), ("seek", "020")],
)
def test_events_lexicon_has_object_conditioned_senses(lexicon: Lexicon, word: str, cameo: str) -> None:
    senses = lexicon.verbs[word]
    assert any(s.cameo == cameo and (s.obj or s.xcomp) for s in senses)


def test_events_lexicon_reads_not_obj_and_generic_actors(lexicon: Lexicon) -> None:
    assert any("expectation" in s.not_obj for s in lexicon.verbs["meet"])
    assert lexicon.generic_actors["worker"] == "LAB"
    assert "join" in lexicon.participation_verbs


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        ("Thousands of nurses took to the streets on Friday.", "141"),
        ("Soldiers took to the streets on Friday.", None),
    ],
)
def test_events_lexicon_sense_does_not_apply_to_a_doer_it_excludes(
    lexicon: Lexicon, nlp: Any, text: str, cameo: str | None
) -> None:
    verb = next(t for t in nlp(text) if t.lemma_ == "take")
    entry = lexicon.match(verb, "verb")
    assert (entry.cameo if entry else None) == cameo


@pytest.mark.parametrize(
    "text",
    [
        "The rebels want the president to resign before the end of the month.",
        "Farmers in Punjab expect the government to withdraw the new laws.",
    ],
)
def test_an_act_someone_wants_another_to_do_is_not_reported_as_done(pipeline: Any, text: str) -> None:
    acts = [e for e in _code(pipeline, text) if e.event_type in ("RETREAT", "CONCEDE")]
    assert acts and all(e.modality != "asserted" for e in acts), [(e.event_type, e.modality) for e in acts]


@pytest.mark.parametrize(
    "text",
    [
        "Russia denied bombing the hospital in Mariupol.",
        "The army denied that its soldiers had killed civilians in the village.",
        "The ministry rejected claims that troops fired on protesters in the capital.",
    ],
)
def test_an_act_its_doer_denies_is_not_reported_as_done(pipeline: Any, text: str) -> None:
    acts = [e for e in _code(pipeline, text) if e.event_type == "ASSAULT"]
    assert acts and all(e.modality == "negated" for e in acts), [(e.event_type, e.modality) for e in acts]
