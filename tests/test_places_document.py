"""Tests for the gazetteer's on-disk table and the place stage's reading of whole documents (issue 13)."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from tests.test_places import _person, _run

from thucydides.places import Gazetteer, PlaceResolver
from thucydides.places.table import GeonamesTable, write_table
from thucydides.record import Actor, ActorMention, Document


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def resolver(gazetteer: Gazetteer) -> PlaceResolver:
    return PlaceResolver(gazetteer)


def _found(doc: Document) -> dict[str, Any]:
    return {m.text: m.place for m in doc.places}


# --- the table on disk -------------------------------------------------------------------------


def test_table_reads_back_records_keys_and_boxes_it_wrote(tmp_path: Path) -> None:
    rows = [
        f"C\t{100 + n}\tTown{n}\t{n}.5\t-{n}.5\tUS\tKY\t{n:03d}\t{1000 * n}\tAlias{n}" for n in range(300)
    ]
    rows.append("A\t1\tUS.KY\t\tKentucky\t37.5\t-85.0\t4500000\t\tState")
    keys = {f"town{n}": [n] for n in range(300)} | {"alias7": [-7], "#US.KY": [300]}
    path = tmp_path / "table.bin"
    write_table(path, rows, keys, {"US": [25.0, -120.0, 48.0, -70.0]}, {"US": 5})
    table = GeonamesTable(path.read_bytes(), {"US": "USA"}, {"KY": "Kentucky"})
    [(town, primary)] = table.lookup("town250")
    assert primary and town.place.name == "Town250" and town.population == 250_000
    [(alias, primary)] = table.lookup("alias7")
    assert not primary and alias.place.name == "Town7"
    assert table.lookup("nowhere") == [] and table.lookup("") == []
    city = table.city(205)
    assert city is not None and city.place.name == "Town105" and city.place.admin1 == "Kentucky"
    assert table.city(99) is None
    division = table.division("US.KY")
    assert division is not None and division.kind == "admin1"
    assert table.entry(5).capital and not table.entry(6).capital
    assert table.bounds["US"] == (25.0, -120.0, 48.0, -70.0)


def test_table_refuses_a_file_of_another_format() -> None:
    with pytest.raises(ValueError, match="make gazetteer"):
        GeonamesTable(b"C\t1\tOld\n", {}, {})


def test_gazetteer_loads_without_reading_every_record() -> None:
    started = time.process_time()
    gazetteer = Gazetteer.load()
    assert time.process_time() - started < 1.0
    assert gazetteer.knows("Laurel County")


# --- capitals ----------------------------------------------------------------------------------


def test_gazetteer_marks_the_capital_city_not_a_division_of_its_name(gazetteer: Gazetteer) -> None:
    paris = next(e for e, _ in gazetteer.entries("paris") if e.place.country == "FRA" and e.kind == "city")
    assert paris.capital
    assert not any(e.capital for e, _ in gazetteer.entries("paris") if e.kind != "city")


@pytest.mark.slow
def test_places_stage_does_not_lift_a_foreign_capital_over_the_documents_own_town(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = (
        "The county fair opened in Dublin, Ohio, on Friday. Dublin police closed two streets near the "
        "fairground, and visitors from Columbus filled the parking lots in Dublin."
    )
    towns = {
        (m.place.country, m.place.admin1) for m in _run(nlp, resolver, text).places if m.text == "Dublin"
    }
    assert towns == {("USA", "Ohio")}


# --- recognition beyond the tagger -------------------------------------------------------------


@pytest.mark.slow
def test_places_stage_splits_a_hyphen_compound_of_two_towns(nlp: Any, resolver: PlaceResolver) -> None:
    text = "Volunteers filled sandbags across Fargo-Moorhead as the river kept rising in North Dakota."
    found = _found(_run(nlp, resolver, text))
    assert found["Fargo"].admin1 == "North Dakota"
    assert found["Moorhead"].admin1 == "Minnesota"


@pytest.mark.slow
def test_places_stage_reads_a_legislators_home_town_after_the_party_code(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = "The bill was written by Sen. Ann Porter, R-Hutchinson, and passed the Kansas Senate on Tuesday."
    found = _found(_run(nlp, resolver, text))
    assert found["Hutchinson"].admin1 == "Kansas"


@pytest.mark.slow
def test_places_stage_reads_a_dateline_in_capitals(nlp: Any, resolver: PlaceResolver) -> None:
    text = "Mill to reopen. DANIELSVILLE -- The old mill will reopen in May, officials in Georgia said."
    found = _found(_run(nlp, resolver, text))
    assert found["DANIELSVILLE"].admin1 == "Georgia"


@pytest.mark.slow
def test_places_stage_reads_a_direction_word_inside_a_tagged_name(nlp: Any, resolver: PlaceResolver) -> None:
    text = "Heavy snow fell across Northeast Georgia overnight, and schools in Atlanta stayed closed."
    found = _found(_run(nlp, resolver, text))
    assert (found["Northeast Georgia"].admin1, found["Northeast Georgia"].precision) == ("Georgia", "admin1")


@pytest.mark.slow
def test_places_stage_reads_a_town_before_its_police_or_people(nlp: Any, resolver: PlaceResolver) -> None:
    text = "Raytown police arrested a Grandview man on Monday after a chase through Jackson County, Missouri."
    found = _found(_run(nlp, resolver, text))
    assert found["Raytown"].admin1 == "Missouri"
    assert found["Grandview"].admin1 == "Missouri"


@pytest.mark.slow
def test_places_stage_reads_each_name_of_a_list_of_counties(nlp: Any, resolver: PlaceResolver) -> None:
    text = "Storms cut power in Geauga and Medina counties, the Ohio utility said."
    found = _found(_run(nlp, resolver, text))
    assert found["Geauga"].name == "Geauga County" and found["Geauga"].admin1 == "Ohio"
    assert found["Medina"].name == "Medina County" and found["Medina"].admin1 == "Ohio"


# --- the document's places decide ----------------------------------------------------------------


@pytest.mark.slow
def test_places_stage_a_name_does_not_vote_for_its_own_reading(nlp: Any, resolver: PlaceResolver) -> None:
    text = (
        "London police said the shelter on Dundas Street would stay open. The Middlesex County health unit "
        "and officials in Ontario praised London's plan, and St. Thomas will copy it."
    )
    towns = {m.place.country for m in _run(nlp, resolver, text).places if m.text == "London"}
    assert towns == {"CAN"}


@pytest.mark.slow
def test_places_stage_the_state_the_document_names_outweighs_a_bigger_namesake(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = (
        "Shop owners in Gainesville say business is up. Stores in Cooke County and across Texas reported "
        "a good year, and Gainesville plans a new market."
    )
    towns = {m.place.admin1 for m in _run(nlp, resolver, text).places if m.text == "Gainesville"}
    assert towns == {"Texas"}


# --- names the gazetteer used to miss ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "country", "kind"),
    [("Acapulco", "MEX", "city"), ("Anhui", "CHN", "admin1"), ("Zhejiang", "CHN", "admin1")],
)
def test_gazetteer_knows_a_name_without_its_generic_tail(
    gazetteer: Gazetteer, name: str, country: str, kind: str
) -> None:
    found = [(e.place.country, e.kind) for e, _ in gazetteer.entries(name.lower())]
    assert (country, kind) in found


def test_gazetteer_still_leaves_a_county_name_cut_short_to_the_towns(gazetteer: Gazetteer) -> None:
    assert all(e.kind != "admin2" for e, _ in gazetteer.entries("hall"))


@pytest.mark.parametrize(("written", "name"), [("NSW", "New South Wales"), ("Qld", "Queensland")])
def test_gazetteer_reads_australian_state_abbreviations(
    gazetteer: Gazetteer, written: str, name: str
) -> None:
    entry = gazetteer.abbreviation(written)
    assert entry is not None and entry.place.name == name


@pytest.mark.slow
def test_places_stage_reads_a_country_opening_an_officials_title(nlp: Any, resolver: PlaceResolver) -> None:
    text = "U.S. Agriculture Secretary Tom Vilsack said the ban on imports would be lifted soon."
    actors = [
        ActorMention(
            0,
            37,
            "U.S. Agriculture Secretary Tom Vilsack",
            Actor("Tom Vilsack", country="USA", type="person"),
        )
    ]
    doc = Document(id="t", text=text, actors=actors)
    doc.nlp = nlp(text)
    found = _found(resolver(doc))
    assert found["U.S."].country == "USA"
    assert not any(m.text.endswith("Vilsack") for m in doc.places)


@pytest.mark.slow
def test_places_stage_keeps_a_tagged_place_the_actor_stage_took_for_a_person(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = "A nurse at a clinic in Austin said she was bitten on a walk."
    at = text.index("Austin")
    actors = [ActorMention(at, at + 6, "Austin", Actor("Austin", country="USA", type="person"))]
    doc = Document(id="t", text=text, actors=actors)
    doc.nlp = nlp(text)
    found = _found(resolver(doc))
    assert found["Austin"].admin1 == "Texas"


@pytest.mark.slow
def test_places_stage_reads_a_legislators_home_town_of_two_words(nlp: Any, resolver: PlaceResolver) -> None:
    text = "The measure was backed by Rep. Dan Moore, D-Iowa City, and passed on Tuesday."
    found = _found(_run(nlp, resolver, text))
    assert found["Iowa City"].admin1 == "Iowa"


@pytest.mark.slow
def test_places_stage_reads_a_town_before_its_mayors_name(nlp: Any, resolver: PlaceResolver) -> None:
    text = "Alpharetta Mayor Jane Cole said the new park in Fulton County, Georgia, will open in June."
    at = text.index("Alpharetta")
    actors = [
        ActorMention(
            at, at + 26, "Alpharetta Mayor Jane Cole", Actor("Jane Cole", country="USA", type="person")
        )
    ]
    doc = Document(id="t", text=text, actors=actors)
    doc.nlp = nlp(text)
    assert _found(resolver(doc))["Alpharetta"].admin1 == "Georgia"


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("Youth crime is rising in Far North Queensland, officers say.", "Queensland", "AU.04"),
        ("She was picked for Team Alberta after the trials in Calgary.", "Alberta", "CA.01"),
    ],
)
@pytest.mark.slow
def test_places_stage_finds_a_state_after_a_qualifying_or_naming_word(
    nlp: Any, resolver: PlaceResolver, text: str, name: str, admin1: str
) -> None:
    place = next(m.place for m in _run(nlp, resolver, text).places if m.text.endswith(name))
    assert place.admin1 == admin1 and place.precision == "admin1"


@pytest.mark.slow
def test_places_stage_reads_a_capitalised_name_opening_the_text_as_the_dateline(
    nlp: Any, resolver: PlaceResolver
) -> None:
    found = _found(_run(nlp, resolver, "AUSTIN, Texas A new bridge opened over the river on Monday."))
    assert found["AUSTIN"].admin1 == "Texas"


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        ("the Alps", 46.4, 10.0),
        ("Sumatra", -0.5, 101.5),
        ("Lake Victoria", -1.0, 33.0),
        ("Danube", 45.2, 29.7),
    ],
)
def test_gazetteer_knows_physical_features(gazetteer: Gazetteer, name: str, lat: float, lon: float) -> None:
    best = gazetteer.candidates(name)[0]
    assert (best.precision, best.lat, best.lon) == ("region", lat, lon)


@pytest.mark.slow
def test_places_stage_does_not_qualify_a_country_by_the_country_named_after_its_comma(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = "He had worked for years in Russia, U.S. officials said on Wednesday."
    found = _found(_run(nlp, resolver, text))
    assert (found["Russia"].country, found["Russia"].precision) == ("RUS", "country")


def test_places_lower_case_direction_names_a_part_not_a_namesake(resolver: PlaceResolver) -> None:
    place = resolver.resolve_name("east London", ["GBR"])
    assert place is not None and place.country == "GBR"
    whole = resolver.resolve_name("East London")
    assert whole is not None and whole.country == "ZAF"


# --- namesakes in international news -------------------------------------------------------------


def _demonyms(text: str, pairs: list[tuple[str, str]]) -> list[ActorMention]:
    return [
        ActorMention(m.start(), m.end(), word, Actor(word, country=code, type="country"))
        for word, code in pairs
        for m in re.finditer(re.escape(word), text)
    ]


@pytest.mark.slow
def test_places_stage_reads_a_border_of_the_story_countrys_division_not_a_namesake_elsewhere(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = "Israeli troops fired at protesters along the Gaza border fence on Friday."
    actors = _demonyms(text, [("Israeli", "ISR")])
    found = _found(_run(nlp, resolver, text, actors))
    assert found["Gaza"].country == "PSE"


@pytest.mark.slow
def test_places_stage_reads_a_cued_name_with_a_lower_case_connector(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = "Fishermen went back to the port town of Mocímboa da Praia once the rains had stopped."
    found = _found(_run(nlp, resolver, text))
    assert found["Mocímboa da Praia"].country == "MOZ"


@pytest.mark.slow
def test_places_stage_reads_a_town_tagged_as_a_person_after_a_locative_in_the_storys_country(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = "Polish police stopped a van of migrants at the Kuźnica checkpoint near the border with Belarus."
    actors = _demonyms(text, [("Polish", "POL")])
    found = _found(_run(nlp, resolver, text, actors))
    assert found["Kuźnica"].country == "POL"


# --- the story's own places, once read, decide again (branch lgl13) ---------------------------------


@pytest.mark.slow
def test_places_stage_reads_a_town_again_in_the_state_where_the_storys_other_names_were_put(
    nlp: Any, resolver: PlaceResolver
) -> None:
    # the first votes split "Douglas County" between a dozen states; read, it and "Brandon" lie in Minnesota
    text = (
        "A Brandon woman was hurt Friday when her car rolled near Albany, and Douglas County deputies "
        "responded."
    )
    found = _found(_run(nlp, resolver, text))
    assert found["Brandon"].admin1 == "Minnesota"
    assert found["Albany"].admin1 == "Minnesota"


@pytest.mark.slow
def test_places_stage_a_short_name_of_a_town_named_in_full_is_that_town(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = (
        "Decatur and Avondale Estates will vote on the annexation plan next week. Most of the lots lie in "
        "Decatur, and the rest lie in Avondale."
    )
    towns = {m.place.name: m.place.admin1 for m in _run(nlp, resolver, text).places if m.text == "Avondale"}
    assert towns == {"Avondale Estates": "Georgia"}


@pytest.mark.slow
def test_places_stage_a_short_name_is_no_city_named_in_full_when_it_is_a_state(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = "She grew up in New York City and later moved upstate; New York has been her home ever since."
    kinds = {m.place.precision for m in _run(nlp, resolver, text).places if m.text == "New York"}
    assert kinds == {"admin1"}


@pytest.mark.slow
def test_places_stage_a_place_opening_a_local_body_taken_for_a_person_names_no_person(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = (
        "Lawrenceburg to host games in April. Seniors will compete in Lawrenceburg from April 20. Sponsors "
        "include Galaxy Lanes, Lawrenceburg Parks and Recreation and the local bank."
    )
    found = [m for m in _run(nlp, resolver, text).places if m.text == "Lawrenceburg"]
    assert len(found) == 3


@pytest.mark.slow
def test_places_stage_keeps_a_state_abbreviation_after_a_town_before_a_persons_name(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = "The photo was taken in Chowchilla, Calif. Smith was freed last week."
    actors = _person(text, "Calif. Smith", "USA")
    found = _found(_run(nlp, resolver, text, actors))
    assert found["Calif."].admin1 == "California"


@pytest.mark.slow
def test_places_stage_a_state_opening_a_longer_town_name_casts_no_vote(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = (
        "A Tennessee Colony man was shot at his home in northern Anderson County, police in Palestine said."
    )
    found = _found(_run(nlp, resolver, text))
    assert found["Tennessee Colony"].admin1 == "Texas"
    assert found["northern Anderson County"].admin1 == "Texas"


def test_gazetteer_knows_quebec_city_as_the_city(gazetteer: Gazetteer) -> None:
    kinds = {(e.kind, e.place.country) for e, _ in gazetteer.entries("quebec city")}
    assert kinds == {("city", "CAN")}
