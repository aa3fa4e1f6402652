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


# (text, trigger, place name, country): the place the event's own clause names, through a common noun that
# names it ("the town of X", "the capital X"), from the object of the clause the event continues, or where a
# motion or a sending ends
@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "name", "country"),
    [
        ("Syrian troops shelled the outskirts of Idlib on Monday.", "shelled", "Idlib", "SYR"),
        ("Police clashed with protesters in the city of Mosul on Friday.", "clashed", "Mosul", "IRQ"),
        ("Rebels attacked an army base near the town of Kidal on Monday.", "attacked", "Kidal", "MLI"),
        ("Militants stormed a hotel in the Somali capital Mogadishu.", "stormed", "Mogadishu", "SOM"),
        ("The army fired rockets at the town of Marib on Monday.", "fired", "Marib", "YEM"),
        (
            "Officials said the bomb exploded at a market, killing 12 people in the northern city of Kirkuk.",
            "killing",
            "Kirkuk",
            "IRQ",
        ),
        ("Russia deployed warships into the Black Sea port of Sevastopol.", "deployed", "Sevastopol", "UKR"),
    ],
)
def test_event_place_is_named_in_its_own_clause(
    pipeline: Pipeline, text: str, trigger: str, name: str, country: str
) -> None:
    found = _places(pipeline, text)
    assert any(t.startswith(trigger) and p == (name, country) for t, p in found.items()), found


@pytest.mark.slow
def test_event_place_is_not_the_object_of_the_clause_that_reports_it(pipeline: Pipeline) -> None:
    text = "The minister told a conference in Geneva that rebels attacked a convoy on Monday."
    found = _places(pipeline, text)
    assert all(name != "Geneva" for t, (name, _) in found.items() if t.startswith("attacked")), found


@pytest.mark.slow
def test_event_takes_a_dateline_that_follows_a_headline(pipeline: Pipeline) -> None:
    text = "Two held after night raid. DALLAS -- Police arrested two men on Friday."
    found = _places(pipeline, text)
    assert found.get("arrested") == ("Dallas", "USA"), found


@pytest.mark.slow
def test_event_of_a_sentence_naming_another_region_does_not_take_the_dateline(pipeline: Pipeline) -> None:
    text = "DALLAS -- Police in Ohio arrested two men on Friday, officials said."
    found = _places(pipeline, text)
    assert all(name != "Dallas" for name, _ in found.values()), found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "name"),
    [
        (
            "Turkey launched an offensive against Kurdish fighters in northern Syria on Wednesday.",
            "launched",
            "northern Syria",
        ),
        ("Israeli jets fired on positions in southern Lebanon overnight.", "fired", "southern Lebanon"),
    ],
)
def test_event_place_is_where_what_it_aims_at_stands(
    pipeline: Pipeline, text: str, trigger: str, name: str
) -> None:
    found = _places(pipeline, text)
    assert any(t.startswith(trigger) and n == name for t, (n, _) in found.items()), found


@pytest.mark.slow
def test_event_in_a_region_of_another_country_does_not_take_the_dateline(pipeline: Pipeline) -> None:
    text = (
        "KILIS, Turkey, 3 March 2021 (Wire) — Turkish troops shelled Kurdish positions on Wednesday as "
        "fighting spread across northwest Syria."
    )
    found = _places(pipeline, text)
    assert all(name != "Kilis" for name, _ in found.values()), found


@pytest.mark.slow
def test_event_place_is_not_a_place_the_sentence_excepts(pipeline: Pipeline) -> None:
    assert (
        _places(pipeline, "Nigerian troops raided homes on Monday in the town of Kaduna.")["raided"][0]
        == "Kaduna"
    )
    found = _places(pipeline, "Nigerian troops raided homes on Monday, except in the town of Kaduna.")
    assert "raided" in found and found["raided"][0] != "Kaduna", found


@pytest.mark.slow
def test_event_between_two_sides_of_one_country_happened_there(pipeline: Pipeline) -> None:
    found = _places(pipeline, "Kenyan police arrested dozens of opposition supporters on Tuesday.")
    assert found.get("arrested") == ("Kenya", "KEN"), found
    # two countries' sides: nothing says where
    found = _places(pipeline, "Kenyan police arrested two Ugandan traders on Tuesday.")
    assert found.get("arrested", (None, None))[0] is None, found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a town that owns the site the act hit ("X's market") places it
        ("Gunmen attacked Karachi's main railway station on Friday, killing three guards.", "Karachi", "PAK"),
        ("A blast tore through Kandahar's central market on Sunday, killing nine people.", "Kandahār", "AFG"),
        # "the <demonym> capital" is that country's capital city
        ("Kenyan riot police beat students in the Kenyan capital on Thursday.", "Nairobi", "KEN"),
        # a meeting in person with no place in its sentence is held at the dateline
        ("OSLO - Israeli and Palestinian negotiators held talks on Tuesday, officials said.", "Oslo", "NOR"),
    ],
)
def test_event_place_of_a_site_a_capital_and_a_meeting(
    pipeline: Pipeline, text: str, name: str, country: str
) -> None:
    found = _places(pipeline, text)
    assert (name, country) in found.values(), found


@pytest.mark.slow
def test_a_phone_call_does_not_take_the_dateline() -> None:
    pipeline = Pipeline(Options(published=date(2021, 3, 3)))
    found = _places(pipeline, "OSLO - The Israeli and Palestinian leaders spoke by telephone on Tuesday.")
    assert ("Oslo", "NOR") not in found.values(), found


def test_gazetteer_capital() -> None:
    from thucydides.places.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    capital = gazetteer.capital("KEN")
    assert capital is not None and capital.name == "Nairobi" and capital.precision == "city"
    assert gazetteer.capital("XXX") is None
