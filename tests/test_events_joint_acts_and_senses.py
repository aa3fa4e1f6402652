"""joint actors coded both ways, subject conditions, statements, misspelt countries, new senses."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.conftest import code_events as _code

from thucydides.events.lexicon import Lexicon
from thucydides.record import Document, Event


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def _triples(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {
        (e.event_type, e.source.country if e.source else None, e.target.country if e.target else None)
        for e in events
    }


def test_events_lexicon_reads_statement_words(lexicon: Lexicon) -> None:
    words = lexicon.statements
    assert words.default == "010"
    assert words.adjectives["skeptical"] == "012"
    assert words.nouns["condolences"] == "018"
    assert "decline" in words.no_comment_verbs


def test_events_lexicon_reads_subject_conditions(lexicon: Lexicon) -> None:
    senses = lexicon.verbs["arrive"]
    assert senses[0].subj and "peacekeepers" in senses[0].subj
    assert not senses[-1].subj


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "event_type", "pair"),
    [
        ("Norway and Chile signed a trade agreement on Monday.", "SUPPORT", ("NOR", "CHL")),
        ("Kenya and Uganda agreed to reopen their border.", "AGREE", ("KEN", "UGA")),
        ("Talks between Peru and Bolivia resumed in Lima.", "CONSULT", ("PER", "BOL")),
    ],
)
def test_events_codes_joint_acts_in_both_directions(
    pipeline: Any, text: str, event_type: str, pair: tuple[str, str]
) -> None:
    found = _triples(_code(pipeline, text))
    a, b = pair
    assert (event_type, a, b) in found and (event_type, b, a) in found


@pytest.mark.slow
def test_events_directed_joint_subject_keeps_one_direction(pipeline: Any) -> None:
    found = _triples(_code(pipeline, "Indian and Chinese troops clashed with Nepalese police."))
    assert not any(t == "ASSAULT" and s == "NPL" for t, s, _ in found)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cameo", "source"),
    [
        ("Ethopia has agreed to hold talks with Sudan.", "03", "ETH"),
        ("The government of Afganistan rejected the offer.", "12", "AFG"),
        ("Peacekeeping troops from Ghana arrived in Liberia on Monday.", "074", None),
        ("The union called off its strike after talks with the Kenyan government.", "082", None),
        ("The United Nations will withdraw its inspectors from Iraq.", "13", "IGO"),
        ("Kenyan forces seized the town of Kismayo.", "192", "KEN"),
        ("The Soviet Union threatened to stop negotiations with the United States.", "13", "RUS"),
    ],
)
def test_events_new_senses_and_misspelt_countries(
    pipeline: Any, text: str, cameo: str, source: str | None
) -> None:
    events = _code(pipeline, text)
    assert events, text
    assert events[0].cameo.startswith(cameo), (text, events[0].cameo)
    if source is not None:
        assert events[0].source is not None and events[0].source.country == source


@pytest.mark.slow
def test_events_misspelling_needs_a_single_close_country(pipeline: Any) -> None:
    events = _code(pipeline, "Austria and Australia signed a treaty.")
    countries = {e.source.country for e in events if e.source}
    assert countries == {"AUT", "AUS"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The foreign ministry declined to comment on the report.", "011"),
        ("The Chilean president said he was skeptical about the plan.", "012"),
        ("The Brazilian minister said he was confident that a deal would be reached.", "013"),
        ("The Spanish king expressed condolences to the families of the victims.", "018"),
        ("A Danish official said the economy would grow next year.", "010"),
        ("Heavy rain fell on the capital.", None),
    ],
)
def test_events_statement_code_names_the_kind_of_comment(pipeline: Any, text: str, code: str | None) -> None:
    from thucydides.events.statements import statement_code

    lex = next(s for s in pipeline.post if hasattr(s, "lexicon")).lexicon
    doc = Document(id="s", raw=text, published=date(2024, 3, 1), published_how="given")
    (out,) = list(pipeline.run([doc]))
    assert isinstance(out, Document) and out.nlp is not None
    sent = next(iter(out.nlp.sents))
    assert statement_code(sent, lex.statements, lex.speech_verbs) == code
