"""Whole articles: the lede sets the story's country, what is news ranks first, and the parse repairs that
real pages need (quoted names, relative clauses, references in a verb's phrase, "when" clauses of dates).
Every text here is our own."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from thucydides.events.salience import ArticleSalience, SalienceSettings
from thucydides.record import Document, Event, Evidence


def _event(si: int, confidence: float, etype: str = "ACCUSE", cameo: str = "112", trigger: str = "") -> Event:
    return Event(
        event_id=f"e{si}{etype}",
        doc_id="d",
        sentence_index=si,
        event_type=etype,
        cameo=cameo,
        quad_class=3,
        goldstein=-2.0,
        modality="asserted",
        mode=None,
        context=[],
        source=None,
        target=None,
        evidence=Evidence("x", 0, 1),
        confidence=confidence,
        trigger=trigger,
    )


def _plain(**kw: float) -> ArticleSalience:
    return ArticleSalience(SalienceSettings(per_sentence=0.0, max_penalty=0.0, **kw))


def test_salience_lowers_the_same_act_told_again_below_a_new_one() -> None:
    doc = Document(id="d", raw="")
    first, again, other = (
        _event(0, 0.8, trigger="charged"),
        _event(3, 0.8, trigger="charged"),
        _event(5, 0.75),
    )
    doc.events = [first, again, other]
    _plain(repeat_penalty=0.1, reading_penalty=0.1)(doc)
    assert first.confidence == 0.8 and again.confidence == pytest.approx(0.7)
    assert other.confidence == 0.75 > again.confidence
    assert any("told again" in step for step in again.explain)


def test_salience_lowers_the_second_reading_of_the_same_words_only() -> None:
    doc = Document(id="d", raw="")
    accuse = _event(0, 0.85, trigger="charged")
    coerce = _event(0, 0.84, "COERCE", "173", trigger="charged")
    doc.events = [coerce, accuse]
    _plain(repeat_penalty=0.1, reading_penalty=0.1)(doc)
    assert accuse.confidence == 0.85 and coerce.confidence == pytest.approx(0.74)
    assert any("second reading" in step for step in coerce.explain)


def test_salience_never_lowers_the_most_confident_event() -> None:
    doc = Document(id="d", raw="")
    doc.events = [
        _event(4, 0.6, trigger="said"),
        _event(0, 0.9, trigger="said"),
        _event(2, 0.9, trigger="said"),
    ]
    _plain(repeat_penalty=0.1, reading_penalty=0.1)(doc)
    assert max(e.confidence for e in doc.events) == 0.9
    assert doc.events[1].confidence == 0.9


def test_salience_raises_an_event_the_headline_names() -> None:
    doc = Document(id="d", raw="", title="Two guards charged over inmate's death")
    charged, alleged = _event(3, 0.6, trigger="charged"), _event(1, 0.6, trigger="alleged")
    doc.events = [alleged, charged]
    ArticleSalience(SalienceSettings(per_sentence=0.0, max_penalty=0.0, headline_bonus=0.05))(doc)
    assert charged.confidence == pytest.approx(0.65) and alleged.confidence == 0.6
    assert any("headline" in step for step in charged.explain)


def test_bundled_salience_settings_read_the_lede_and_news_penalties() -> None:
    settings = SalienceSettings.load()
    assert settings.lede_sentences >= 1 and settings.lede_weight >= 1
    assert 0 < settings.repeat_penalty <= 0.2 and 0 < settings.reading_penalty <= 0.2


def _code(pipeline: Any, text: str) -> list[Event]:
    doc = Document(id="t", raw=text, published=date(2024, 3, 1), published_how="given")
    (out,) = list(pipeline.run([doc]))
    assert isinstance(out, Document), out
    return sorted(out.events, key=lambda e: -e.confidence)


def _pair(e: Event) -> tuple[str | None, str | None]:
    return (e.source.country if e.source else None, e.target.country if e.target else None)


@pytest.mark.slow
def test_lede_country_wins_over_a_country_the_body_names_more_often(pipeline: Any) -> None:
    text = (
        "Nepal is in turmoil. Protests spread across the country. On Monday, crowds filled the squares.\n\n"
        "Officers threatened to arrest the organisers on Tuesday.\n\n"
        "India said it was watching. India offered help."
    )
    threats = [e for e in _code(pipeline, text) if e.event_type == "THREATEN"]
    assert threats and _pair(threats[0])[0] == "NPL", threats


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "etype", "pair"),
    [
        (  # a definite reference as the object of the verb's own preposition
            "Protests continued in Peru.\n\nThe ombudsman's office called on the interim government to "
            "withdraw the troops.",
            "REQUEST",
            (None, "PER"),
        ),
        (  # a quoted name between a light verb and its event noun
            "Thousands of students in Chile launched “free education” marches on Monday.",
            "PROTEST",
            ("CHL", "CHL"),
        ),
        (  # the relative pronoun stands for the facility blocked
            "Riot police cleared the refinery in Ecuador, which protesters blocked for a week.",
            "PROTEST",
            ("ECU", "ECU"),
        ),
    ],
)
def test_real_page_sentences_are_coded(pipeline: Any, text: str, etype: str, pair: tuple[Any, Any]) -> None:
    found = [e for e in _code(pipeline, text) if e.event_type == etype]
    assert found, text
    src, tgt = pair
    assert any((src is None or _pair(e)[0] == src) and _pair(e)[1] == tgt for e in found), found


@pytest.mark.slow
def test_unnamed_prosecutors_bring_a_legal_charge(pipeline: Any) -> None:
    events = _code(pipeline, "Two Kenyan police officers were charged on Tuesday with murder in Nairobi.")
    charged = [e for e in events if e.event_type == "ACCUSE"]
    assert charged and _pair(charged[0]) == ("KEN", "KEN"), events
    assert charged[0].source is not None and charged[0].source.sector == "JUD"


@pytest.mark.slow
def test_an_act_in_a_when_clause_of_a_past_year_is_historical_and_ranks_low(pipeline: Any) -> None:
    text = (
        "Police arrested ten students in Tehran on Friday. "
        "Rallies have been banned since 2009, when troops crushed the protests in Tehran."
    )
    events = _code(pipeline, text)
    crushed = [e for e in events if e.trigger == "crushed"]
    assert crushed and crushed[0].date == "2009" and crushed[0].modality == "historical", events
    assert events[0].trigger == "arrested"


@pytest.mark.slow
def test_a_police_threat_of_force_with_no_one_named_is_aimed_at_the_people(pipeline: Any) -> None:
    text = "Riot police in Lima threatened to use live fire if protesters threw stones again."
    threats = [e for e in _code(pipeline, text) if e.event_type == "THREATEN"]
    assert threats and _pair(threats[0]) == ("PER", "PER"), threats
    fired = [e for e in _code(pipeline, "Riot police in Lima opened fire.") if e.event_type == "ASSAULT"]
    assert fired and fired[0].target is None, fired  # no threat: an attack keeps no target of its own


def test_a_place_in_the_event_phrase_and_where_the_lede_sets_the_story(pipeline: Any) -> None:
    # told from the capital, the story is set where its lede places the act: a place on the people acted on
    # ("traders who had gathered in the town of Nakuru"), and the next sentence, which names no place
    text = (
        "NAIROBI, June 3 (Wire) - Police fired tear gas at traders who had gathered in the town of Nakuru "
        "on Monday.\n\nOfficers later arrested six of the traders.\n"
    )
    events = _code(pipeline, text)
    assert {e.event_type for e in events} >= {"COERCE"}
    assert {e.location.name for e in events if e.location} == {"Nakuru"}
    text = "Gunmen killed nine people in an attack on a market in the town of Gwoza in Borno state."
    gwoza = _code(pipeline, text)
    assert [e.location.name for e in gwoza if e.event_type == "ASSAULT" and e.location] == ["Gwoza"]


def test_a_date_on_the_act_noun_that_is_the_subject_dates_the_verb(pipeline: Any) -> None:
    # published on Friday 1 March 2024: "the drone strike on Saturday" was on 24 February
    text = "The drone strike on Saturday killed four fighters near the border, officials said."
    events = _code(pipeline, text)
    assert events and {e.date for e in events if e.event_type == "ASSAULT"} == {"2024-02-24"}


def test_a_title_case_headline_verb_the_parse_took_for_a_noun_is_read(pipeline: Any) -> None:
    text = "Senate Censures Defence Minister Over Arms Deal\n\nThe vote was held late on Tuesday.\n"
    events = _code(pipeline, text)
    assert any(e.event_type == "ACCUSE" and e.evidence.text.startswith("Senate") for e in events)


@pytest.mark.slow
def test_the_agency_of_a_dateline_after_a_headline_is_no_party(pipeline: Any) -> None:
    """ "MOSCOW (Kremlin Pool) -" under a headline: the two leaders who meet are the visitor and the host,
    the visitor first (not the agency the credit names)."""
    text = (
        "Egyptian Leader Arrives In Moscow\n\n"
        "MOSCOW (Kremlin Pool) - Egypt's president arrived in Moscow on Monday for talks with his Russian "
        "counterpart.\n\nThe two leaders met for three hours and signed a nuclear energy agreement.\n"
    )
    met = [e for e in _code(pipeline, text) if e.trigger == "met"]
    assert met and _pair(met[0]) == ("EGY", "RUS"), [_pair(e) for e in met]


def test_dateline_span_finds_a_dateline_on_the_line_after_a_headline(nlp: Any) -> None:
    from thucydides.events.syntax import dateline_span

    sdoc = nlp("Leaders Meet In Lima\n\nLIMA (Andes Wire) - The two presidents met on Monday.")
    start, dash = dateline_span(sdoc)
    assert (sdoc[start].text, sdoc[dash].text) == ("LIMA", "-")
    assert dateline_span(nlp("Leaders met in Lima on Monday - officials said.")) == (-1, -1)


@pytest.mark.slow
def test_people_named_by_an_act_told_before_rank_below_its_report(pipeline: Any) -> None:
    text = (
        "Police in Harare detained 25 street vendors on Monday during a raid on an illegal market.\n\n"
        "A police spokesman said those detained would appear in court on Wednesday."
    )
    detained = [e for e in _code(pipeline, text) if e.event_type == "COERCE"]
    assert detained and detained[0].sentence_index == 0, detained
    retold = [e for e in detained if e.sentence_index == 1]
    assert all("told before" in " ".join(e.explain) for e in retold), retold
