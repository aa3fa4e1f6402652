"""Tests for the offline gazetteer and the place-resolution stage."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from thucydides.places import Gazetteer, PlaceResolver, normalize_name
from thucydides.record import Actor, ActorMention, Document, Place

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_b572a6a0bfdea77a.txt"
SEED_GOLD = SHARED / "seed" / "gold.json"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def resolver(gazetteer: Gazetteer) -> PlaceResolver:
    return PlaceResolver(gazetteer)


# --- names without context -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "country", "precision"),
    [
        ("Moscow", "RUS", "city"),
        ("Beijing", "CHN", "city"),
        ("Kabul", "AFG", "city"),
        ("Damascus", "SYR", "city"),
        ("Baghdad", "IRQ", "city"),
        ("Tehran", "IRN", "city"),
        ("Pyongyang", "PRK", "city"),
        ("Seoul", "KOR", "city"),
        ("Nairobi", "KEN", "city"),
        ("Caracas", "VEN", "city"),
        ("Lagos", "NGA", "city"),
        ("Karachi", "PAK", "city"),
        ("Mumbai", "IND", "city"),
        ("Bombay", "IND", "city"),
        ("Kiev", "UKR", "city"),
        ("Kyiv", "UKR", "city"),
        ("Sanaa", "YEM", "city"),
        ("Sana'a", "YEM", "city"),
        ("Aleppo", "SYR", "city"),
        ("Mosul", "IRQ", "city"),
        ("Idlib", "SYR", "city"),
        ("Benghazi", "LBY", "city"),
        ("Kraków", "POL", "city"),
        ("Washington", "USA", "city"),
        ("Paris", "FRA", "city"),
        ("Tripoli", "LBY", "city"),
        ("Hyderabad", "IND", "city"),
        ("New York", "USA", "admin1"),  # the state: the bare name's usual reading (divisions_first.yaml)
        ("New York City", "USA", "city"),
        ("Syria", "SYR", "country"),
        ("Iraq", "IRQ", "country"),
        ("Kuwait", "KWT", "country"),
        ("Afghanistan", "AFG", "country"),
        ("Georgia", "GEO", "country"),
        ("the United States", "USA", "country"),
        ("U.S.", "USA", "country"),
        ("the US", "USA", "country"),
        ("Britain", "GBR", "country"),
        ("the UK", "GBR", "country"),
        ("the DPRK", "PRK", "country"),
        ("North Korea's", "PRK", "country"),
        ("South Korea \u2019s", "KOR", "country"),
        ("Burma", "MMR", "country"),
        ("Côte d'Ivoire", "CIV", "country"),
        ("the Netherlands", "NLD", "country"),
        ("UAE", "ARE", "country"),
        ("Crimea", "UKR", "admin1"),
        ("Kashmir", "IND", "admin1"),
        ("Texas", "USA", "admin1"),
        ("Washington state", "USA", "admin1"),
        ("Scotland", "GBR", "admin1"),
        ("Idlib province", "SYR", "admin1"),
        ("the West Bank", "PSE", "region"),
        ("Gaza Strip", "PSE", "region"),
        ("Donbas", "UKR", "region"),
        ("Darfur", "SDN", "region"),
        ("the Golan Heights", "SYR", "region"),
    ],
)
def test_places_resolves_name_to_country_and_precision(
    resolver: PlaceResolver, name: str, country: str, precision: str
) -> None:
    place = resolver.resolve_name(name)
    assert place is not None, name
    assert (place.country, place.precision) == (country, precision)
    assert place.lat is not None and place.lon is not None


@pytest.mark.parametrize(
    "name",
    [
        "the Korean Peninsula",
        "the Gulf",
        "the Persian Gulf",
        "the Sahel",
        "the South China Sea",
        "the Strait of Hormuz",
        "the Middle East",
        "Northeast Asia",
        "Europe",
        "Latin America",
    ],
)
def test_places_resolves_multinational_regions_without_a_country(resolver: PlaceResolver, name: str) -> None:
    place = resolver.resolve_name(name)
    assert place is not None, name
    assert place.precision == "region"
    assert place.country is None
    assert place.lat is not None


@pytest.mark.parametrize(
    ("name", "context", "country"),
    [
        ("Tripoli", ["LBN"], "LBN"),
        ("Tripoli", ["LBY"], "LBY"),
        ("Tripoli", [], "LBY"),
        ("Hyderabad", ["PAK"], "PAK"),
        ("Hyderabad", ["IND"], "IND"),
        ("Georgia", ["USA"], "USA"),
        ("Georgia", ["GEO", "USA"], "GEO"),
        ("Georgia", ["RUS"], "GEO"),
        ("Kashmir", ["PAK"], "PAK"),
        ("Kashmir", ["IND"], "IND"),
        ("Punjab", ["IND"], "IND"),
        ("Punjab", ["PAK"], "PAK"),
        ("Washington", ["USA"], "USA"),
        ("Washington", ["USA", "GBR"], "USA"),
        ("Paris", ["USA"], "FRA"),
        ("Moscow", ["USA"], "RUS"),
        ("the Gulf", ["MEX", "USA"], None),
    ],
)
def test_places_context_countries_choose_between_readings(
    resolver: PlaceResolver, name: str, context: list[str], country: str | None
) -> None:
    place = resolver.resolve_name(name, context)
    assert place is not None
    assert place.country == country


@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [
        ("Paris, Texas", "USA", "Texas"),
        ("Tripoli, Lebanon", "LBN", None),
        ("Hyderabad, Pakistan", "PAK", None),
        ("Moscow, Idaho", "USA", "Idaho"),
        ("Paris, France", "FRA", None),
    ],
)
def test_places_comma_qualifier_picks_the_reading_inside_it(
    resolver: PlaceResolver, name: str, country: str, admin1: str | None
) -> None:
    place = resolver.resolve_name(name)
    assert place is not None
    assert place.country == country
    assert place.precision == "city"
    if admin1:
        assert place.admin1 == admin1


@pytest.mark.parametrize(
    ("name", "context", "country"),
    [("Geneva", ["USA"], "CHE"), ("Paris", ["USA", "USA"], "FRA"), ("Moscow", ["USA"], "RUS")],
)
def test_places_shared_country_does_not_lift_a_small_town_over_a_famous_namesake(
    resolver: PlaceResolver, name: str, context: list[str], country: str
) -> None:
    place = resolver.resolve_name(name, context)
    assert place is not None and place.country == country


def test_places_gulf_means_gulf_of_mexico_in_a_us_mexico_story(resolver: PlaceResolver) -> None:
    gulf = resolver.resolve_name("the Gulf", ["USA", "MEX"])
    persian = resolver.resolve_name("the Gulf", ["IRN", "SAU"])
    assert gulf is not None and persian is not None
    assert gulf.name == "Gulf of Mexico"
    assert persian.name == "Persian Gulf"


def test_places_washington_in_us_context_is_the_capital_not_the_state(resolver: PlaceResolver) -> None:
    place = resolver.resolve_name("Washington", ["USA", "USA"])
    assert place is not None
    assert place.precision == "city"
    assert place.admin1 == "District of Columbia"


@pytest.mark.parametrize(
    ("name", "country", "expected_name", "lat_side"),
    [
        ("northern Syria", "SYR", "northern Syria", "north"),
        ("eastern Ukraine", "UKR", "eastern Ukraine", None),
        ("southern Lebanon", "LBN", "southern Lebanon", "south"),
        ("north-western Pakistan", "PAK", "north-western Pakistan", "north"),
        ("northeast Nigeria", "NGA", "northeast Nigeria", "north"),
        ("central Mali", "MLI", "central Mali", None),
    ],
)
def test_places_direction_word_names_part_of_a_country(
    resolver: PlaceResolver,
    gazetteer: Gazetteer,
    name: str,
    country: str,
    expected_name: str,
    lat_side: str | None,
) -> None:
    place = resolver.resolve_name(name)
    whole = gazetteer.country(country)
    assert place is not None and whole is not None
    assert (place.country, place.name, place.precision) == (country, expected_name, "region")
    assert place.geonameid is None
    assert place.lat is not None
    if lat_side == "north":
        south = resolver.resolve_name(f"southern {whole.name}")
        assert south is not None and south.lat is not None and place.lat > south.lat
    if lat_side == "south":
        north = resolver.resolve_name(f"northern {whole.name}")
        assert north is not None and north.lat is not None and place.lat < north.lat


@pytest.mark.parametrize(
    ("name", "country"),
    [("Northern Ireland", "GBR"), ("South Sudan", "SSD"), ("West Bank", "PSE"), ("East Jerusalem", "PSE")],
)
def test_places_direction_word_that_is_part_of_a_name_is_kept(
    resolver: PlaceResolver, name: str, country: str
) -> None:
    place = resolver.resolve_name(name)
    assert place is not None
    assert place.country == country
    assert place.name.lower() == name.lower()


@pytest.mark.parametrize(
    "name",
    [
        "Russian",
        "North Korean",
        "American",
        "Chinese",
        "Syrian",
        "the White House",
        "the Kremlin",
        "the Pentagon",
        "Downing Street",
        "North",
        "Western",
        "Zzyzxqv",
        "",
    ],
)
def test_places_demonyms_institutions_and_unknown_words_are_not_places(
    resolver: PlaceResolver, name: str
) -> None:
    assert resolver.resolve_name(name) is None


# --- the gazetteer itself --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iso3", "name", "lat", "lon"),
    [("SYR", "Syria", 35.0, 38.0), ("RUS", "Russia", 60.0, 100.0), ("USA", "United States", 39.76, -98.5)],
)
def test_gazetteer_country_sits_at_its_geonames_point(
    gazetteer: Gazetteer, iso3: str, name: str, lat: float, lon: float
) -> None:
    place = gazetteer.country(iso3)
    assert place is not None
    assert (place.name, place.country, place.precision) == (name, iso3, "country")
    assert place.geonameid is not None
    assert abs((place.lat or 0) - lat) < 0.5 and abs((place.lon or 0) - lon) < 0.5


def test_gazetteer_country_is_none_for_unknown_code(gazetteer: Gazetteer) -> None:
    assert gazetteer.country("XYZ") is None


@pytest.mark.parametrize(
    ("name", "first", "also"),
    [
        ("Paris", "FRA", "USA"),
        ("Moscow", "RUS", "USA"),
        ("Tripoli", "LBY", "LBN"),
        ("Hyderabad", "IND", "PAK"),
        ("Georgia", "GEO", "USA"),
    ],
)
def test_gazetteer_candidates_lists_every_reading_most_likely_first(
    gazetteer: Gazetteer, name: str, first: str, also: str
) -> None:
    found = gazetteer.candidates(name)
    assert found[0].country == first
    assert also in {place.country for place in found}


def test_gazetteer_candidates_are_copies(gazetteer: Gazetteer) -> None:
    gazetteer.candidates("Moscow")[0].name = "changed"
    assert gazetteer.candidates("Moscow")[0].name == "Moscow"


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("the U.S.", "us"),
        ("North Korea\u2019s", "north korea"),
        ("Kraków", "krakow"),
        ("Guinea-Bissau", "guinea bissau"),
        ("  The   Hague ", "hague"),
    ],
)
def test_places_normalize_name_folds_case_accents_and_articles(raw: str, key: str) -> None:
    assert normalize_name(raw) == key


# --- the stage over sentences ----------------------------------------------------------------


def _run(
    nlp: Any,
    resolver: PlaceResolver,
    text: str,
    actors: list[ActorMention] | None = None,
    body_end: int | None = None,
) -> Document:
    doc = Document(id="t", text=text, body_end=body_end, actors=actors or [])
    doc.nlp = nlp(text)
    return resolver(doc)


def _person(text: str, surface: str, country: str) -> list[ActorMention]:
    return [
        ActorMention(m.start(), m.end(), surface, Actor(surface, country=country, type="person"))
        for m in re.finditer(re.escape(surface), text)
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The deputy minister stated in Moscow on Monday that talks would go on.", [("Moscow", "RUS")]),
        (
            "Troops left northern Syria and crossed into Iraq last week.",
            [("northern Syria", "SYR"), ("Iraq", "IRQ")],
        ),
        (
            "Clashes broke out in Tripoli, Lebanon's second city, as protests spread from Beirut.",
            [("Tripoli", "LBN"), ("Lebanon", "LBN"), ("Beirut", "LBN")],
        ),
        (
            "Militias shelled the airport in Tripoli, the Libyan capital, on Sunday.",
            [("Tripoli", "LBY")],
        ),
        (
            "The envoy flew from Tbilisi to meet officials who say Georgia will not give up its claim.",
            [("Tbilisi", "GEO"), ("Georgia", "GEO")],
        ),
        (
            "Voters in Atlanta lined up for hours as Georgia counted ballots, officials in Texas said.",
            [("Atlanta", "USA"), ("Georgia", "USA"), ("Texas", "USA")],
        ),
        (
            "Police in Hyderabad detained dozens after unrest spread across Sindh and Karachi.",
            [("Hyderabad", "PAK"), ("Sindh", "PAK"), ("Karachi", "PAK")],
        ),
        (
            "Tankers were seized in the Strait of Hormuz, raising tension across the Persian Gulf.",
            [("Strait of Hormuz", None), ("Persian Gulf", None)],
        ),
        (
            "Settlers and soldiers clashed in the West Bank while rockets were fired from the Gaza Strip.",
            [("West Bank", "PSE"), ("Gaza Strip", "PSE")],
        ),
        (
            "Fighting resumed in eastern Ukraine as separatists in Donbas shelled villages near Crimea.",
            [("eastern Ukraine", "UKR"), ("Donbas", "UKR"), ("Crimea", "UKR")],
        ),
        (
            "Warships patrolled the South China Sea while ministers met in Manila.",
            [("South China Sea", None), ("Manila", "PHL")],
        ),
        (
            "Insurgents attacked a convoy in the Sahel, near the border between Mali and Niger.",
            [("Sahel", None), ("Mali", "MLI"), ("Niger", "NER")],
        ),
        (
            "Government aircraft bombed Idlib as the army advanced on Aleppo.",
            [("Idlib", "SYR"), ("Aleppo", "SYR")],
        ),
        (
            "Security forces imposed a curfew in Kashmir after protests in Srinagar.",
            [("Kashmir", "IND"), ("Srinagar", "IND")],
        ),
    ],
)
def test_places_stage_finds_and_resolves_places_in_sentences(
    nlp: Any, resolver: PlaceResolver, text: str, expected: list[tuple[str, str | None]]
) -> None:
    doc = _run(nlp, resolver, text)
    found = {(m.text, m.place.country) for m in doc.places}
    for surface, country in expected:
        assert any(t.endswith(surface) and c == country for t, c in found), (surface, country, found)
    for mention in doc.places:
        assert text[mention.start : mention.end] == mention.text
        assert mention.reason


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "not_place"),
    [
        ("Russian and North Korean diplomats met on Tuesday.", "Russian"),
        ("A spokesman for the White House declined to comment.", "White House"),
        ("The Kremlin said the talks were useful.", "Kremlin"),
        ("Chinese officials welcomed the plan.", "Chinese"),
    ],
)
def test_places_stage_skips_demonyms_and_institutions(
    nlp: Any, resolver: PlaceResolver, text: str, not_place: str
) -> None:
    doc = _run(nlp, resolver, text)
    assert all(not_place not in m.text for m in doc.places)


@pytest.mark.slow
def test_places_stage_skips_spans_resolved_as_persons(nlp: Any, resolver: PlaceResolver) -> None:
    text = "The talks between Oshima and officials in Moscow lasted an hour, and Oshima said they went well."
    plain = _run(nlp, resolver, text)
    with_actors = _run(nlp, resolver, text, _person(text, "Oshima", "JPN"))
    assert any(m.text == "Oshima" for m in plain.places), "the model reads the surname as a town"
    assert all("Oshima" not in m.text for m in with_actors.places)
    assert [m.place.country for m in with_actors.places] == ["RUS"]


@pytest.mark.slow
def test_places_stage_skips_person_tagged_as_place_by_the_model(nlp: Any, resolver: PlaceResolver) -> None:
    text = "Georgia Hartley, a lawyer, said the ruling in Paris was fair."
    actors = _person(text, "Georgia Hartley", "GBR")
    doc = _run(nlp, resolver, text, actors)
    assert all(m.start >= actors[0].end or m.end <= actors[0].start for m in doc.places)
    assert any(m.place.country == "FRA" for m in doc.places)


@pytest.mark.slow
def test_places_stage_ignores_text_after_body_end(nlp: Any, resolver: PlaceResolver) -> None:
    body = "Ministers met in Cairo on Friday."
    text = body + "\n\nRelated stories\n\nWhat next for trade with India?"
    doc = _run(nlp, resolver, text, body_end=len(body))
    assert [m.place.country for m in doc.places] == ["EGY"]


@pytest.mark.slow
def test_places_stage_treats_capital_as_government_only_without_a_locative(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = "Washington rejected the offer, and the envoy later arrived in Washington for talks."
    spans = [m.span() for m in re.finditer("Washington", text)]
    government = Actor("Washington", country="USA", sector="GOV", type="organization")
    actors = [ActorMention(start, end, "Washington", government) for start, end in spans]
    doc = _run(nlp, resolver, text, actors)
    assert [(m.start, m.place.country) for m in doc.places] == [(spans[1][0], "USA")]


@pytest.mark.slow
def test_places_stage_mentions_are_sorted_and_do_not_overlap(nlp: Any, resolver: PlaceResolver) -> None:
    text = (
        "Aid reached northern Syria through Turkey, while the Korean Peninsula and the Middle East "
        "stayed on the agenda in New York and Geneva."
    )
    doc = _run(nlp, resolver, text)
    starts = [m.start for m in doc.places]
    assert starts == sorted(starts)
    for left, right in zip(doc.places, doc.places[1:], strict=False):
        assert left.end <= right.start
    names = {m.place.name for m in doc.places}
    assert {"northern Syria", "Korean Peninsula", "Middle East"} <= names


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("A roadside bomb exploded near the town of Samarra on Sunday.", "Samarra", "IRQ"),
        ("Protesters gathered in the port city of Hodeidah.", "Hodeidah", "YEM"),
        ("The storm hit Paris, Texas, overnight, and Tripoli, Lebanon, a day later.", "Paris", "USA"),
        ("The storm hit Paris, Texas, overnight, and Tripoli, Lebanon, a day later.", "Tripoli", "LBN"),
    ],
)
def test_places_stage_uses_cue_words_and_comma_qualifiers(
    nlp: Any, resolver: PlaceResolver, text: str, surface: str, country: str
) -> None:
    doc = _run(nlp, resolver, text)
    assert (surface, country) in {(m.text, m.place.country) for m in doc.places}


@pytest.mark.slow
def test_places_stage_works_without_a_parse(resolver: PlaceResolver) -> None:
    doc = Document(id="t", text="Shipping through the Strait of Hormuz and the Red Sea slowed.")
    resolver(doc)
    assert [m.place.name for m in doc.places] == ["Strait of Hormuz", "Red Sea"]


# --- the seed article ------------------------------------------------------------------------


@pytest.mark.slow
def test_places_seed_article_resolves_its_places_and_none_from_furniture(
    nlp: Any, resolver: PlaceResolver
) -> None:
    if not SEED.exists() or not SEED_GOLD.exists():
        pytest.skip("../shared/seed is not available next to the repository")
    text = SEED.read_text(encoding="utf-8")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    body_end = text.index(gold["body_ends_before"])
    actors: list[ActorMention] = []
    for actor in gold["actors"]:
        if actor.get("type") == "person":
            for surface in actor["mentions"]:
                actors.extend(_person(text, surface, actor["country"]))
    doc = _run(nlp, resolver, text, actors, body_end=body_end)
    by_text: dict[str, set[str | None]] = {}
    for mention in doc.places:
        by_text.setdefault(mention.text, set()).add(mention.place.country)
        assert mention.end <= body_end
    assert by_text["Moscow"] == {"RUS"}
    assert by_text["Syria"] == {"SYR"}
    assert by_text["northern Syria"] == {"SYR"}
    for name, code in [("Iraq", "IRQ"), ("Kuwait", "KWT"), ("Afghanistan", "AFG")]:
        assert by_text[name] == {code}
    assert all(m.place.country != "IND" for m in doc.places)
    person_spans = [(a.start, a.end) for a in actors]
    assert all(m.end <= s or e <= m.start for m in doc.places for s, e in person_spans)


@pytest.mark.slow
@pytest.mark.parametrize(("published", "country"), [(date(2005, 3, 1), "SDN"), (date(2015, 3, 1), "SSD")])
def test_places_city_of_a_later_state_lies_in_the_older_one_before_independence(
    published: date, country: str
) -> None:
    from thucydides.pipeline import Options, Pipeline
    from thucydides.record import Document

    text = "Rebels shelled army positions in Juba on Sunday, killing 20 people."
    (doc,) = list(
        Pipeline(Options()).run([Document(id="t", raw=text, published=published, published_how="given")])
    )
    juba = [p for p in doc.places if p.text == "Juba"]
    assert juba and juba[0].place.country == country


def test_places_successions_table_names_the_older_state_until_independence() -> None:
    from thucydides.successions import Successions

    table = Successions.load()
    assert table.country_on("SSD", date(2011, 7, 8))[0] == "SDN"
    assert table.country_on("SSD", date(2011, 7, 9)) == ("SSD", "")
    assert table.country_on("FRA", date(1990, 1, 1)) == ("FRA", "")
    assert table.country_on("MNE", None) == ("MNE", "")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Kenzo Oshima, the UN relief coordinator, urged both sides to let aid through.", None),
        ("Aid reached Oshima, a small island south of Tokyo, on Monday.", "Oshima"),
    ],
)
def test_places_name_described_as_a_person_is_no_place(text: str, place: str | None) -> None:
    from thucydides.pipeline import Options, Pipeline
    from thucydides.record import Document

    (doc,) = list(Pipeline(Options()).run([Document(id="t", raw=text, published=date(2001, 5, 1))]))
    found = [p.text for p in doc.places if "Oshima" in p.text]
    assert found == ([place] if place else [])


# --- GeoNames' table: divisions, small towns, abbreviations, the document's divisions ----------


@pytest.mark.parametrize(
    ("code", "name", "kind"),
    [
        ("US.KY", "Kentucky", "admin1"),
        ("CA.02", "British Columbia", "admin1"),
        ("US.LA.079", "Rapides Parish", "admin2"),
    ],
)
def test_gazetteer_finds_divisions_by_geonames_code(
    gazetteer: Gazetteer, code: str, name: str, kind: str
) -> None:
    entry = gazetteer.division(code)
    assert entry is not None
    assert (entry.place.name, entry.kind) == (name, kind)


@pytest.mark.parametrize(
    ("written", "name"), [("Ky.", "Kentucky"), ("W.Va.", "West Virginia"), ("B.C.", "British Columbia")]
)
def test_gazetteer_reads_division_abbreviations(gazetteer: Gazetteer, written: str, name: str) -> None:
    entry = gazetteer.abbreviation(written)
    assert entry is not None and entry.place.name == name


def test_gazetteer_knows_small_towns_and_counties(gazetteer: Gazetteer) -> None:
    assert gazetteer.knows("Laurel County")
    assert any(p.admin1 == "Georgia" for p in gazetteer.candidates("Gainesville"))


@pytest.mark.slow
def test_places_stage_resolves_a_town_by_the_divisions_the_document_names(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = (
        "Crews in Gainesville cleaned up the spill. Hall County officials said the water in Georgia was safe."
    )
    doc = _run(nlp, resolver, text)
    town = next(m for m in doc.places if m.text == "Gainesville")
    assert town.place.admin1 == "Georgia"
    state = next(m for m in doc.places if m.text == "Georgia")
    assert (state.place.country, state.place.precision) == ("USA", "admin1")


@pytest.mark.slow
def test_places_stage_resolves_city_and_abbreviated_state(nlp: Any, resolver: PlaceResolver) -> None:
    text = "The fire broke out in Lexington, Ky., late on Monday."
    doc = _run(nlp, resolver, text)
    found = {m.text: m.place for m in doc.places}
    assert found["Lexington"].admin1 == "Kentucky"
    assert found["Ky."].precision == "admin1"


@pytest.mark.slow
def test_places_stage_finds_a_name_before_a_hyphenated_word(nlp: Any, resolver: PlaceResolver) -> None:
    doc = _run(nlp, resolver, "A Gaza-based group fired rockets.")
    assert [(m.text, m.place.country) for m in doc.places] == [("Gaza", "PSE")]


@pytest.mark.slow
def test_places_stage_all_mentions_of_a_name_resolve_alike(nlp: Any, resolver: PlaceResolver) -> None:
    text = "Police in Paris, Texas, said the road to Paris was closed. Paris schools stayed open."
    doc = _run(nlp, resolver, text)
    places = {(m.place.name, m.place.admin1) for m in doc.places if m.text == "Paris"}
    assert places == {("Paris", "Texas")}


@pytest.mark.slow
def test_places_stage_finds_well_known_names_in_lower_case_text(nlp: Any, resolver: PlaceResolver) -> None:
    text = (
        "the police said the violence spread from delhi to gujarat, and a curfew was imposed in pakistan too."
    )
    doc = _run(nlp, resolver, text)
    found = {(m.text, m.place.country, m.place.precision) for m in doc.places}
    assert {("gujarat", "IND", "admin1"), ("pakistan", "PAK", "country")} <= found
    assert not any(m.text in ("police", "violence", "curfew") for m in doc.places)


@pytest.mark.parametrize(
    ("text", "site", "city"),
    [
        ("The fire started on Orchard Street in Boston on Monday.", "Orchard Street", "Boston"),
        ("Protesters marched across Tahrir Square in Cairo.", "Tahrir Square", "Cairo"),
    ],
)
@pytest.mark.slow
def test_places_stage_puts_a_street_or_square_in_the_town_the_text_names(
    nlp: Any, resolver: PlaceResolver, text: str, site: str, city: str
) -> None:
    doc = _run(nlp, resolver, text)
    found = {m.text: m for m in doc.places}
    assert found[site].place.name == city and found[site].place.precision == "city"
    assert found[site].reason == f"site in {city}"


@pytest.mark.parametrize(
    "text",
    [
        "The girl from Buffalo, New York, was treated at a clinic.",
        "Former New York Gov. Hugh Carey spoke at the dinner.",
        "The storm hit Missouri, New York and North Carolina overnight.",
    ],
)
@pytest.mark.slow
def test_places_stage_reads_a_state_where_the_text_says_so(
    nlp: Any, resolver: PlaceResolver, text: str
) -> None:
    doc = _run(nlp, resolver, text)
    found = {m.text: m.place for m in doc.places}
    assert (found["New York"].precision, found["New York"].admin1) == ("admin1", "New York")


@pytest.mark.slow
def test_places_stage_keeps_the_city_where_nothing_says_state(nlp: Any, resolver: PlaceResolver) -> None:
    doc = _run(
        nlp, resolver, "Flights from Texas and Washington, D.C., were cancelled. He lives in New York City."
    )
    found = {m.text: m.place for m in doc.places}
    assert found["Washington"].precision == "city"
    assert found["New York City"].precision == "city"


@pytest.mark.slow
def test_places_stage_reads_new_york_alone_as_the_state(nlp: Any, resolver: PlaceResolver) -> None:
    # the bare name is the state in the geoparsing sets' convention; Quebec likewise the province
    doc = _run(nlp, resolver, "He moved to New York after two years in Quebec.")
    found = {m.text: m.place for m in doc.places}
    assert (found["New York"].precision, found["New York"].admin1) == ("admin1", "New York")
    assert found["Quebec"].precision == "admin1"


@pytest.mark.slow
def test_places_stage_a_name_placed_once_is_a_place_where_tagged_as_a_person(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = (
        "Gainesville residents marched on Friday. About 55 people walked through Gainesville, "
        "and Gainesville officials watched. Art Smith, a Gainesville resident, spoke."
    )
    doc = _run(nlp, resolver, text)
    towns = [m for m in doc.places if m.text == "Gainesville"]
    assert any(m.reason.endswith("a place elsewhere in the story") for m in towns)
    assert len(towns) >= 3 and len({(m.place.name, m.place.admin1) for m in towns}) == 1


@pytest.mark.slow
def test_places_stage_a_surname_is_not_promoted_by_a_namesake_town(nlp: Any, resolver: PlaceResolver) -> None:
    text = "Finance director David Hopkins spoke in Hopkins on Monday. Hopkins said revenue fell."
    doc = _run(nlp, resolver, text)
    assert [m.start for m in doc.places if m.text == "Hopkins"] == [text.index("in Hopkins") + 3]


def test_gazetteer_division_takes_the_point_of_its_row_in_the_project_table(gazetteer: Gazetteer) -> None:
    ontario = next(e for e, primary in gazetteer.entries("ontario") if e.kind == "admin1" and e.a1)
    assert (ontario.place.lat, ontario.place.lon) == (50.0, -85.0)


@pytest.mark.slow
def test_places_stage_puts_a_town_near_the_story_s_other_towns(nlp: Any, resolver: PlaceResolver) -> None:
    # no state is named; Richmond alone is the Virginia city, beside Berea the Kentucky town near Berea
    text = "The Berea police and officers from Richmond searched the house."
    doc = _run(nlp, resolver, text)
    found = {m.text: m for m in doc.places}
    assert found["Richmond"].place.admin1 == "Kentucky"
    assert "near the story's other places" in found["Richmond"].reason
    alone = _run(nlp, resolver, "Officers from Richmond searched the house.")
    assert [m.place.admin1 for m in alone.places] == ["Virginia"]


def test_gazetteer_looks_names_up_with_short_words_written_in_full(gazetteer: Gazetteer) -> None:
    assert "RUS" in {p.country for p in gazetteer.candidates("St. Petersburg")}
    assert "USA" in {p.country for p in gazetteer.candidates("Saint Petersburg")}
    assert len(gazetteer.candidates("Mt. Pleasant")) == len(gazetteer.candidates("Mount Pleasant"))


@pytest.mark.slow
def test_places_stage_finds_a_country_code_or_a_big_city_inside_an_organisation(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = "The US Centers for Disease Control sent US$5 million, the director told CTV Winnipeg."
    doc = _run(nlp, resolver, text)
    found = {(m.start, m.text): m.place for m in doc.places}
    assert found[(text.index("US Centers"), "US")].country == "USA"
    assert found[(text.index("Winnipeg"), "Winnipeg")].country == "CAN"
    assert not any(start == text.index("US$") for start, _ in found)


@pytest.mark.slow
def test_places_stage_a_name_opening_a_sentence_is_a_place_where_the_story_places_it(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = "Whitestown thanks donors. Local businesses in Whitestown paid for the new water line."
    doc = _run(nlp, resolver, text)
    assert [m.start for m in doc.places if m.text == "Whitestown"] == [0, text.rindex("Whitestown")]
    alone = _run(nlp, resolver, "Whitestown thanks donors. Local businesses paid for the new water line.")
    assert not alone.places


@pytest.mark.parametrize(
    ("text", "name", "country", "precision"),
    [
        ("Berea police are searching for a suspect in a robbery.", "Berea", "USA", "city"),
        ("Queensland police said the road toll rose over Easter in Brisbane.", "Queensland", "AUS", "admin1"),
    ],
)
@pytest.mark.slow
def test_places_stage_a_name_before_a_town_s_office_is_a_town_unless_the_story_backs_the_division(
    nlp: Any, resolver: PlaceResolver, text: str, name: str, country: str, precision: str
) -> None:
    doc = _run(nlp, resolver, text)
    found = {m.text: m.place for m in doc.places}
    assert (found[name].country, found[name].precision) == (country, precision)


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        (
            "Officials from Boston and Worcester said the horse came from Springfield in Illinois.",
            "Springfield",
            "Illinois",
        ),
        ("Cases came from Georgia, Oklahoma, Pennsylvania and Ohio.", "Oklahoma", "Oklahoma"),
        ("The girl lives in Lebanon, Pa., with her parents.", "Lebanon", "Pennsylvania"),
    ],
)
@pytest.mark.slow
def test_places_stage_qualifiers_after_in_and_lists_of_states(
    nlp: Any, resolver: PlaceResolver, text: str, name: str, admin1: str
) -> None:
    doc = _run(nlp, resolver, text)
    found = {m.text: m.place for m in doc.places}
    assert (found[name].country, found[name].admin1) == ("USA", admin1)


# --- third places round: country names that are towns, residents' towns, names beside persons ---------


@pytest.mark.parametrize(
    ("text", "name", "country", "admin1"),
    [
        # nothing backs the country; the story's other names lie in the state that holds its namesake
        # (a town near them, "Robbinsdale", or one of the state they vote for, "Tyler" of Texas)
        (
            "Family of Jordan motorcyclist finds him injured. The Jordan resident was flown to North "
            "Memorial Medical Center in Robbinsdale.",
            "Jordan",
            "USA",
            "Minnesota",
        ),
        (
            "A barn burned near Palestine on Tuesday. Crews from Tyler and Jacksonville helped.",
            "Palestine",
            "USA",
            "Texas",
        ),
        # the country's name stays the country where the story backs it or names no such state
        ("Refugees crossed from Syria into Lebanon, officials in Beirut said.", "Lebanon", "LBN", None),
        ("Troops were sent to Jordan last week, officials in Texas said.", "Jordan", "JOR", None),
    ],
)
@pytest.mark.slow
def test_places_stage_reads_a_country_name_nothing_backs_as_a_town_of_the_story(
    nlp: Any, resolver: PlaceResolver, text: str, name: str, country: str, admin1: str | None
) -> None:
    doc = _run(nlp, resolver, text)
    found = {m.text: m.place for m in doc.places}
    assert found[name].country == country
    if admin1:
        assert found[name].admin1 == admin1


@pytest.mark.slow
def test_places_stage_finds_the_town_of_residents_inside_a_persons_phrase(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = "About 55 Gainesville residents marched on Friday. A Gainesville resident spoke."
    actors = [
        ActorMention(0, 30, "About 55 Gainesville residents", Actor("residents", type="person")),
        ActorMention(51, 73, "A Gainesville resident", Actor("resident", type="person")),
    ]
    doc = _run(nlp, resolver, text, actors=actors)
    assert [m.text for m in doc.places] == ["Gainesville", "Gainesville"]


@pytest.mark.slow
def test_places_stage_keeps_a_family_name_out_even_before_a_local_word(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = "The Jones family is this year's ambassador family. John Lennon-Yoko Ono fans gathered."
    actors = [ActorMention(4, 9, "Jones", Actor("Jones", type="person"))]
    doc = _run(nlp, resolver, text, actors=actors)
    assert not any(m.text in ("Jones", "Lennon", "Yoko") for m in doc.places)


@pytest.mark.parametrize(("name", "country"), [("Heathrow", "GBR"), ("Gatwick", "GBR"), ("Schiphol", "NLD")])
def test_places_airports_known_by_their_own_name(resolver: PlaceResolver, name: str, country: str) -> None:
    place = resolver.resolve_name(name)
    assert place is not None and place.country == country


@pytest.mark.slow
def test_places_stage_reads_an_airport_of_the_table_without_a_tag(nlp: Any, resolver: PlaceResolver) -> None:
    doc = _run(nlp, resolver, "Flights were cancelled at Heathrow and Gatwick also reported delays.")
    assert {m.text: m.place.country for m in doc.places} == {"Heathrow": "GBR", "Gatwick": "GBR"}


# --- fifth round: names found and read with the story's help (our own sentences) ---------------------------


@pytest.mark.slow
def test_places_stage_a_direction_word_name_votes_for_its_state(nlp: Any, resolver: PlaceResolver) -> None:
    doc = _run(nlp, resolver, "The clinic in Mount Pleasant now serves patients across Northeast Texas.")
    found = {m.text: m.place for m in doc.places}
    assert found["Mount Pleasant"].admin1 == "Texas"


def test_places_a_division_known_by_a_variant_loses_to_a_town_of_that_name(resolver: PlaceResolver) -> None:
    place = resolver.resolve_name("Laconia")
    assert place is not None and (place.country, place.precision) == ("USA", "city")


@pytest.mark.slow
def test_places_stage_a_name_listed_beside_places_is_a_place(nlp: Any, resolver: PlaceResolver) -> None:
    doc = _run(nlp, resolver, "Teams from Dodge City, Great Bend, Hutchinson and Kingman met on Saturday.")
    found = {m.text: m.place for m in doc.places}
    assert found["Kingman"].admin1 == "Kansas"


@pytest.mark.parametrize(
    ("text", "name", "county"),
    [
        (
            "Kanawha deputies searched the house near Charleston, W.Va., on Monday.",
            "Kanawha",
            "Kanawha County",
        ),
        (
            "The bill came from Delegate Jane Roe, D-Monongalia, and Delegate Tom Poe, R-Raleigh. "
            "The West Virginia House passed it.",
            "Raleigh",
            "Raleigh County",
        ),
    ],
)
@pytest.mark.slow
def test_places_stage_reads_a_county_named_by_its_stem_in_the_story_s_state(
    nlp: Any, resolver: PlaceResolver, text: str, name: str, county: str
) -> None:
    doc = _run(nlp, resolver, text)
    found = {m.text: m for m in doc.places}
    assert (found[name].place.name, found[name].place.admin1) == (county, "West Virginia")
    assert "named without its county word" in found[name].reason


@pytest.mark.slow
def test_places_stage_a_surname_that_is_a_county_stem_is_no_place(nlp: Any, resolver: PlaceResolver) -> None:
    doc = _run(
        nlp, resolver, "Hughes said the dog was gone. The West Virginia sheriff said Hughes was upset."
    )
    assert [m.text for m in doc.places] == ["West Virginia"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "By Jane Roe, Staff Writer March 29, 2009 PATASKALA -- Officials said the block can be built.",
            "PATASKALA",
        ),
        # ... with its dash as three hyphens or as the C1 code a Windows em dash becomes
        ("Council meets. WOODRUFF --- The council voted to pave the road on Monday.", "WOODRUFF"),
        ("Barn burns. PATASKALA \x97 Crews from three towns fought the fire for hours.", "PATASKALA"),
        ("The crowd cheered former U.S. Sen. Bob Dole at the rally.", "U.S."),
        ("John Doe, 44, of 2517 Memphis St., Alexandria, was charged with theft.", "Alexandria"),
        ("The crash on Route 52 in Kentucky killed Larry Dunaway of Berea on Monday.", "Berea"),
    ],
)
@pytest.mark.slow
def test_places_stage_finds_a_dateline_a_titled_office_and_a_person_s_home(
    nlp: Any, resolver: PlaceResolver, text: str, name: str
) -> None:
    doc = _run(nlp, resolver, text)
    assert name in {m.text for m in doc.places}


@pytest.mark.slow
def test_places_stage_a_small_town_word_inside_a_longer_name_is_no_place(
    nlp: Any, resolver: PlaceResolver
) -> None:
    doc = _run(nlp, resolver, "She was treated at Pattie A. Clay Medical Center in Richmond, Ky.")
    assert "Clay" not in {m.text for m in doc.places}
    assert {m.text: m.place.admin1 for m in doc.places}["Richmond"] == "Kentucky"


@pytest.mark.slow
def test_places_stage_a_town_placed_once_is_a_place_opening_an_organisation_s_name(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = (
        "The Whitestown council met on Monday. Whitestown invited all donors to the signing, and the "
        "Whitestown water line project will start in Indiana."
    )
    doc = _run(nlp, resolver, text)
    towns = [m for m in doc.places if m.text == "Whitestown"]
    assert len(towns) == 3 and {m.place.admin1 for m in towns} == {"Indiana"}


@pytest.mark.slow
def test_places_stage_a_month_the_tagger_dates_is_no_town(nlp: Any, resolver: PlaceResolver) -> None:
    doc = _run(nlp, resolver, "The Ohio plant closed in March, and it reopened in May in Columbus.")
    assert [m.text for m in doc.places] == ["Ohio", "Columbus"]


@pytest.mark.slow
def test_places_stage_the_town_ending_an_organisation_s_name_after_of_is_a_place(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = (
        "The panels came from United Concrete Products of Wallingford, and the Department of Justice "
        "approved the deal."
    )
    doc = _run(nlp, resolver, text)
    assert [(m.text, m.place.admin1) for m in doc.places] == [("Wallingford", "Connecticut")]


@pytest.mark.slow
def test_places_stage_a_town_before_its_school_s_students_is_a_place(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = (
        '"I was shocked," said Kayla Swain, a Lovejoy senior who plays for the team in Clayton County, '
        "Georgia."
    )
    doc = _run(nlp, resolver, text)
    assert {m.text: m.place.admin1 for m in doc.places}.get("Lovejoy") == "Georgia"


def test_places_a_hamlet_without_a_population_gains_nothing_from_its_country(resolver: PlaceResolver) -> None:
    # GeoNames lists an English hamlet "Hartford" with no population: a story's British names do not lift
    # it over the city of Connecticut
    place = resolver.resolve_name("Hartford", ["GBR", "GBR"])
    assert place is not None and (place.country, place.admin1) == ("USA", "Connecticut")


def _actors(text: str, *found: tuple[str, str | None, str]) -> list[ActorMention]:
    return [
        ActorMention(m.start(), m.end(), surface, Actor(surface, country=country, type=kind))
        for surface, country, kind in found
        for m in re.finditer(re.escape(surface), text)
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        (
            "The Latvians had not been heard from since Tuesday, a rescuer said.",
            [("The Latvians", "LVA", "group")],
            {"Latvians": "LVA"},
        ),
        (
            "The Lebanese Army blocked the canal with earth on Sunday.",
            [("The Lebanese Army", "LBN", "organization")],
            {"Lebanese": "LBN"},
        ),
        (
            "A Russian-American crew blasted off on Thursday.",
            [("Russian", "RUS", "group"), ("American", "USA", "group")],
            {"Russian": "RUS", "American": "USA"},
        ),
        (
            "The Canadians met the Swedish delegation on Monday.",
            [("The Canadians", "CAN", "group"), ("the Swedish delegation", None, "group")],
            {"Canadians": "CAN"},
        ),
    ],
)
def test_places_stage_reads_a_demonym_as_its_country_where_the_actor_stage_read_the_country(
    nlp: Any,
    resolver: PlaceResolver,
    text: str,
    actors: list[tuple[str, str | None, str]],
    expected: dict[str, str],
) -> None:
    doc = _run(nlp, resolver, text, _actors(text, *actors))
    found = {m.text: m.place.country for m in doc.places if m.place.precision == "country"}
    assert found == expected
    # ... a people, not where the sentence is set (the event coder's scene skips it)
    assert all(m.names_people() for m in doc.places)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "town", "state"),
    [
        ("The Alton Elks will host a dinner on Friday.", "Alton", "Illinois"),
        ("The Tega Cay Volunteer Fire Department put out the blaze.", "Tega Cay", "South Carolina"),
    ],
)
def test_places_stage_a_town_before_its_lodge_or_volunteers_is_a_place(
    nlp: Any, resolver: PlaceResolver, text: str, town: str, state: str
) -> None:
    doc = _run(nlp, resolver, text)
    assert {m.text: m.place.admin1 for m in doc.places}.get(town) == state


def test_gazetteer_reads_a_county_word_written_short(gazetteer: Gazetteer) -> None:
    assert [(p.name, p.admin1) for p in gazetteer.candidates("Loudon Co.")][:1] == [
        ("Loudon County", "Tennessee")
    ]
    # ... but a saint's name written short stays a town's ("St. Mary" is no parish of Louisiana)
    assert all(p.precision != "admin2" for p in gazetteer.candidates("St. Mary"))


@pytest.mark.slow
def test_places_stage_reads_a_county_written_short_before_its_people(
    nlp: Any, resolver: PlaceResolver
) -> None:
    doc = _run(nlp, resolver, "Loudon Co. man dies in wreck on Friday night.")
    assert [(m.place.name, m.place.admin1) for m in doc.places] == [("Loudon County", "Tennessee")]


@pytest.mark.slow
def test_places_stage_a_word_of_a_person_s_name_in_the_story_is_no_town_alone(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = "Principal Michael Rogers spoke to parents on Monday. Rogers said the school would stay open."
    doc = _run(nlp, resolver, text)
    assert [m.text for m in doc.places] == []
    # ... but after "in" the name is the town all the same
    doc = _run(nlp, resolver, text.replace("on Monday", "in Rogers, Ark., on Monday"))
    assert [(m.text, m.place.admin1) for m in doc.places][:1] == [("Rogers", "Arkansas")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Spring Elections drew a record turnout in Gainesville.", "Spring"),
        ("The Union Pacific train stopped near the Grand Theater.", "Union"),
    ],
)
def test_places_stage_a_common_word_opening_a_name_is_no_town(
    nlp: Any, resolver: PlaceResolver, text: str, word: str
) -> None:
    doc = _run(nlp, resolver, text)
    assert all(m.text != word for m in doc.places)


@pytest.mark.slow
def test_places_stage_a_common_word_after_in_is_a_town(nlp: Any, resolver: PlaceResolver) -> None:
    doc = _run(nlp, resolver, "The family moved to Union, N.J., last year.")
    assert [(m.text, m.place.admin1) for m in doc.places][:1] == [("Union", "New Jersey")]


@pytest.mark.slow
def test_places_stage_reads_the_people_of_a_us_state_as_the_state(nlp: Any, resolver: PlaceResolver) -> None:
    doc = _run(nlp, resolver, "Most Ohioans are slow to receive their stimulus money, the governor said.")
    found = [(m.text, m.place.name, m.place.precision) for m in doc.places]
    assert found == [("Ohioans", "Ohio", "admin1")]


@pytest.mark.slow
def test_places_stage_a_direction_written_short_is_no_town(nlp: Any, resolver: PlaceResolver) -> None:
    doc = _run(nlp, resolver, "Fire damages S.E. Paris apartment on Tuesday.")
    assert all(not m.text.startswith("S.E") for m in doc.places)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "town", "state"),
    [
        (
            "He stopped for a while in Gainesville before heading on to Sherman where he spent the night.",
            "Sherman",
            "Texas",
        ),
        ("The team is off to Albuquerque for the game versus Drake.", "Albuquerque", "New Mexico"),
    ],
)
def test_places_stage_a_name_after_a_word_of_motion_and_to_is_a_place(
    nlp: Any, resolver: PlaceResolver, text: str, town: str, state: str
) -> None:
    doc = _run(nlp, resolver, text)
    assert {m.text: m.place.admin1 for m in doc.places}.get(town) == state


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "source_country", "target_country"),
    [
        ("About 800 ethnic Turks went on a hunger strike in Sweden on Monday.", "SWE", "SWE"),
        ("Hundreds of Latvians protested in Moscow on Monday.", "LVA", "RUS"),
    ],
)
def test_places_a_people_read_as_a_place_does_not_set_the_event_s_scene(
    text: str, source_country: str, target_country: str
) -> None:
    from thucydides.pipeline import Options, Pipeline, code_texts

    events = code_texts([text], pipeline=Pipeline(Options(published=date(2021, 3, 3))))
    assert [
        (e.source.country if e.source else None, e.target.country if e.target else None) for e in events
    ] == [(source_country, target_country)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "town", "country"),
    [
        ("Government forces shelled Afrin for a third day on Thursday.", "Afrin", "SYR"),
        ("The rebels vowed to hold on after the fall of Goma last week.", "Goma", "COD"),
        ("Israeli aircraft struck Khan Younis overnight, residents said.", "Khan Younis", "PSE"),
        ("Fighting went on in Marawi for a fifth month.", "Marawi", "PHL"),
    ],
)
def test_places_stage_the_object_of_an_attack_or_a_capture_is_a_place(
    nlp: Any, resolver: PlaceResolver, text: str, town: str, country: str
) -> None:
    doc = _run(nlp, resolver, text)
    assert {m.text: m.place.country for m in doc.places}.get(town) == country


@pytest.mark.slow
def test_places_a_town_an_attack_captures_is_the_event_s_place_and_its_country_the_target() -> None:
    from thucydides.pipeline import Options, Pipeline, code_texts

    events = code_texts(
        ["M23 rebels captured Goma on Monday."], pipeline=Pipeline(Options(published=date(2024, 3, 3)))
    )
    found = [
        (e.location.name if e.location else None, e.target.country if e.target else None) for e in events
    ]
    assert found == [("Goma", "COD")]


# --- villages GeoNames lacks (the towns of the US ZIP codes, bench/build_gazetteer.py) --------------


@pytest.mark.parametrize(
    ("name", "state"),
    [
        ("Winnetoon", "Nebraska"),
        ("Tennessee Colony", "Texas"),
        ("Moorland", "Iowa"),
        ("Pleasant City", "Ohio"),
    ],
)
def test_gazetteer_knows_villages_of_fewer_than_500_people_in_their_state_and_county(
    gazetteer: Gazetteer, name: str, state: str
) -> None:
    villages = [e for e, primary in gazetteer.entries(normalize_name(name)) if e.village]
    assert [e.place.admin1 for e in villages] == [state]
    village = villages[0]
    # no GeoNames record: no population, no geonameid, and a county of its state
    assert village.population == 0 and village.place.geonameid is None
    assert village.a2.startswith(village.a1 + ".")
    assert village.describe() == "village in USA"


@pytest.mark.parametrize("word", ["house", "united", "flat", "pride"])
def test_gazetteer_leaves_out_villages_named_by_a_common_english_word(
    gazetteer: Gazetteer, word: str
) -> None:
    assert not any(e.village for e, _ in gazetteer.entries(word))


def test_gazetteer_a_village_is_lifted_by_no_country(gazetteer: Gazetteer) -> None:
    village = next(e for e, _ in gazetteer.entries("winnetoon") if e.village)
    assert village.trust() == 0.0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "town", "state"),
    [
        # qualified by its state
        (
            "Firefighters from three counties fought a grass fire near Winnetoon, Neb., on Sunday.",
            "Winnetoon",
            "Nebraska",
        ),
        # a name of two words in the state the story's other names vote for
        (
            "The Anderson County sheriff said the fire began at a barn outside Tennessee Colony. Crews from"
            " Palestine, Texas, and Athens, Texas, helped put it out.",
            "Tennessee Colony",
            "Texas",
        ),
        # after "in", in the state of the story's other towns
        (
            "The Muscatine County board met Tuesday. Two farms in Moorland and one near Fort Dodge, Iowa,"
            " lost power in the storm.",
            "Moorland",
            "Iowa",
        ),
    ],
)
def test_places_stage_reads_a_village_the_story_places_in_its_state(
    nlp: Any, resolver: PlaceResolver, text: str, town: str, state: str
) -> None:
    doc = _run(nlp, resolver, text)
    assert {m.text: m.place.admin1 for m in doc.places}.get(town) == state


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "word"),
    [
        # "House" (New Mexico) is left out of the table: a common English word
        ("The measure died in the House last year, lawmakers in Austin, Texas, said.", "House"),
        # a single word untagged and after no locative names no village, even in the story's state
        ("The Olive fire burned near Alpine, Texas.", "Olive"),
        ("The Micro plant near Raleigh, N.C., added jobs.", "Micro"),
    ],
)
def test_places_stage_a_common_word_that_only_a_village_bears_is_no_place(
    nlp: Any, resolver: PlaceResolver, text: str, word: str
) -> None:
    doc = _run(nlp, resolver, text)
    assert word not in {m.text for m in doc.places}


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The St. Patrick parade drew crowds to downtown Rock Hill on Saturday.",
        "Crowds lined the streets of Rock Hill for the St. Patrick parade.",
    ],
)
def test_places_stage_a_village_casts_no_vote_for_its_state(
    nlp: Any, resolver: PlaceResolver, text: str
) -> None:
    # "St. Patrick" is a village of Missouri, where Rock Hill has a small namesake: the South Carolina city
    # stays the reading
    doc = _run(nlp, resolver, text)
    assert {m.text: m.place.admin1 for m in doc.places}.get("Rock Hill") == "South Carolina"


def test_places_direction_word_before_a_town_names_the_town(resolver: PlaceResolver) -> None:
    # "central Bangkok", "east London": the part of a town is the town (its name, its point, its id)
    whole = resolver.resolve_name("Bangkok")
    part = resolver.resolve_name("central Bangkok")
    assert whole is not None and part is not None
    assert (part.name, part.country, part.geonameid, part.precision) == (
        whole.name,
        whole.country,
        whole.geonameid,
        "city",
    )


# --- round 8: names cut short, sites named after places, large cities the tagger misreads ------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        (
            "NEW DELHI, May 3 (Wire) - Ministers from six countries met to discuss water.",
            "NEW DELHI",
            "New Delhi",
        ),
        ("India And Nepal Sign Power Deal In New Delhi", "New Delhi", "New Delhi"),
        ("the two leaders held talks in new delhi on a border dispute.", "new delhi", "New Delhi"),
        ("A heat wave closed schools across New Delhi for a week.", "New Delhi", "New Delhi"),
        ("The envoy flew from New Delhi to Kathmandu on Tuesday.", "New Delhi", "New Delhi"),
        ("Floodwater rose in New Orleans as the levees strained.", "New Orleans", "New Orleans"),
        ("the fire broke out in a warehouse in new orleans late on friday.", "new orleans", "New Orleans"),
        ("He grew up in New York City before moving to Mexico City.", "New York City", "New York City"),
        ("He grew up in New York City before moving to Mexico City.", "Mexico City", "Mexico City"),
        ("Officials in Port Harcourt said the pipeline had been repaired.", "Port Harcourt", "Port Harcourt"),
        ("The talks in Kuwait City ended without a deal.", "Kuwait City", "Kuwait City"),
    ],
)
def test_places_stage_a_name_of_several_words_is_not_cut_to_a_shorter_namesake(
    nlp: Any, resolver: PlaceResolver, text: str, name: str, place: str
) -> None:
    # GeoNames lists "New Delhi" among Delhi's variants: the place that bears the whole name is the reading
    doc = _run(nlp, resolver, text)
    assert {m.text: m.place.name for m in doc.places}.get(name) == place


def test_places_a_name_borne_whole_beats_a_namesake_that_lists_it_as_a_variant(
    resolver: PlaceResolver,
) -> None:
    found = resolver.resolve_name("New Delhi")
    assert found is not None and (found.name, found.country) == ("New Delhi", "IND")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "site", "city"),
    [
        (
            "MOSCOW, March 4 - Riot police cleared Pushkin Square of protesters on Saturday.",
            "Pushkin Square",
            "Moscow",
        ),
        ("Crowds filled Pushkin Square in Moscow despite the ban.", "Pushkin Square", "Moscow"),
        ("A flat on Moscow Street in Kyiv was damaged by a drone on Tuesday.", "Moscow Street", "Kyiv"),
        ("KYIV, May 2 (Wire) - Demonstrators gathered on Lviv Square and marched on.", "Lviv Square", "Kyiv"),
        ("The shooting happened on Lincoln Avenue in Omaha, police said.", "Lincoln Avenue", "Omaha"),
        ("The crash closed Jefferson Street, Nashville, for three hours.", "Jefferson Street", "Nashville"),
        (
            "Commuters were stranded at Victoria Station in London after the strike.",
            "Victoria Station",
            "London",
        ),
        ("Students blocked Independence Avenue in Minsk for an hour.", "Independence Avenue", "Minsk"),
        (
            "Traffic stopped on the Brooklyn Bridge in New York City during the march.",
            "Brooklyn Bridge",
            "New York City",
        ),
    ],
)
def test_places_stage_a_site_named_after_a_place_lies_in_the_town_the_text_names(
    nlp: Any, resolver: PlaceResolver, text: str, site: str, city: str
) -> None:
    doc = _run(nlp, resolver, text)
    found = {m.text: m for m in doc.places}
    assert found[site].place.name == city and found[site].place.precision == "city"
    assert found[site].reason == f"site in {city}"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Several hundred people rallied on Pushkin Square on Saturday evening.", "Pushkin"),
        ("Protesters Return To Pushkin Square Despite Ban", "Pushkin"),
        ("police blocked the Brooklyn Bridge during the march.", "Brooklyn"),
        ("A bus caught fire on Lincoln Avenue on Monday morning.", "Lincoln"),
        ("Vendors set up stalls along Berlin Street before dawn.", "Berlin"),
        ("The rally on Lviv Square ended peacefully.", "Lviv"),
    ],
)
def test_places_stage_a_site_named_after_a_town_is_never_that_town(
    nlp: Any, resolver: PlaceResolver, text: str, town: str
) -> None:
    # no town, dateline or link names where the site is: no place, and never the namesake town
    doc = _run(nlp, resolver, text)
    assert not any(m.place.name == town for m in doc.places)
    assert not any(m.text == town for m in doc.places)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "city"),
    [
        (
            "Speaking in the legislature in Winnipeg, the premier said the province had done harm.",
            "Winnipeg",
            "Winnipeg",
        ),
        ("The premier of Manitoba spoke in Winnipeg on Friday.", "Winnipeg", "Winnipeg"),
        ("winnipeg police arrested three men after the robbery.", "winnipeg", "Winnipeg"),
        ("Protests Spread To Winnipeg And Regina", "Winnipeg", "Winnipeg"),
        ("WINNIPEG, Manitoba - The city council voted to raise property taxes.", "WINNIPEG", "Winnipeg"),
        ("Thousands marched in Winnipeg and Calgary against the pipeline.", "Winnipeg", "Winnipeg"),
        ("The team flew home to Winnipeg after the loss.", "Winnipeg", "Winnipeg"),
    ],
)
def test_places_stage_finds_a_large_city_the_tagger_takes_for_something_else(
    nlp: Any, resolver: PlaceResolver, text: str, name: str, city: str
) -> None:
    # the tagger reads "Winnipeg" as a date in some sentences: a city of half a million is no date
    doc = _run(nlp, resolver, text)
    assert {m.text: m.place.name for m in doc.places}.get(name) == city


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The ceasefire held in March and again by Christmas.", "March"),
        ("Talks resumed on Sunday in Geneva.", "Sunday"),
    ],
)
def test_places_stage_a_date_word_naming_a_small_town_stays_a_date(
    nlp: Any, resolver: PlaceResolver, text: str, word: str
) -> None:
    doc = _run(nlp, resolver, text)
    assert not any(m.text == word for m in doc.places)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "city"),
    [
        ("Protesters marched through Kano on Sunday.", "Kano", "Kano"),
        ("Crowds marched through Dakar and Accra on Saturday.", "Dakar", "Dakar"),
        ("Soldiers patrolled through Mashhad after the unrest.", "Mashhad", "Mashhad"),
        ("Kano police said two men were arrested on Friday.", "Kano", "Kano"),
        ("Rawalpindi police detained a cleric after the sermon.", "Rawalpindi", "Rawalpindi"),
        ("Ahmedabad police said two men were arrested on Friday.", "Ahmedabad", "Ahmedabad"),
        ("Hyderabad residents queued for water through the night.", "Hyderabad", "Hyderabad"),
    ],
)
def test_places_stage_a_city_of_half_a_million_is_a_place_where_the_tagger_reads_a_person_or_nothing(
    nlp: Any, resolver: PlaceResolver, text: str, name: str, city: str
) -> None:
    # after a locative, or opening a sentence before its police: the tagger's person or its silence does not
    # hide a large city
    doc = _run(nlp, resolver, text)
    assert {m.text: m.place.name for m in doc.places}.get(name) == city


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Charlotte Brown said she would vote.",
        "The coach Dakar Mensah said the team was ready.",
    ],
)
def test_places_stage_a_person_named_like_a_large_city_stays_out(
    nlp: Any, resolver: PlaceResolver, text: str
) -> None:
    doc = _run(nlp, resolver, text)
    assert not any(m.text in ("Dakar", "Charlotte") for m in doc.places)


@pytest.mark.slow
def test_places_stage_three_names_near_none_of_the_others_agree_on_one_place(
    nlp: Any, resolver: PlaceResolver
) -> None:
    # each name alone is its biggest namesake (Wisconsin's county, Georgia's city, Florida's town): two of
    # them meeting in Minnesota, beside a third name's reading there, read the story there
    text = (
        "Deputies from the Douglas County Sheriff's Office said a driver from Albany was hurt when her car "
        "rolled over west of Brandon on Sunday."
    )
    doc = _run(nlp, resolver, text)
    found = {m.text: m.place.admin1 for m in doc.places}
    assert found["Douglas County"] == "Minnesota"
    assert found["Brandon"] == "Minnesota"


def test_near_count_counts_the_points_within_the_ring() -> None:
    from thucydides.places.resolver import _near_count

    place = Place(name="Montgomery", country="USA", lat=44.44, lon=-93.58)
    # Watertown and Delano of Minnesota lie near; Mark, Illinois does not
    assert _near_count(place, [(44.96, -93.85), (45.04, -93.79), (41.26, -89.34), (None, None)]) == 2


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "feature", "town"),
    [
        # the town the text places it in
        (
            "A boat capsized on the Greenbrier River near Marlinton on Sunday.",
            "Greenbrier River",
            "Marlinton",
        ),
        # ... else the dateline's town
        (
            "BECKLEY, W.Va. -- Crews pulled a pickup truck from Piney Creek on Monday.",
            "Piney Creek",
            "Beckley",
        ),
        # ... else the town the story names most
        (
            "Residents of the East Side packed the meeting. Fargo officials said the East Side would get new "
            "sewers, and Fargo will pay for them.",
            "East Side",
            "Fargo",
        ),
    ],
)
def test_places_stage_a_local_water_or_side_of_town_lies_in_the_story_s_town(
    nlp: Any, resolver: PlaceResolver, text: str, feature: str, town: str
) -> None:
    doc = _run(nlp, resolver, text)
    found = {m.text: m for m in doc.places}
    assert found[feature].place.name == town
    assert found[feature].place.precision == "city"
    assert found[feature].reason == f"local feature of {town}"


@pytest.mark.slow
def test_places_stage_a_local_water_with_no_town_of_the_story_is_no_place(
    nlp: Any, resolver: PlaceResolver
) -> None:
    doc = _run(nlp, resolver, "Police in Columbus said the Tygart River rose overnight.")
    assert all("River" not in m.text for m in doc.places)


@pytest.mark.slow
def test_places_stage_a_telephone_number_votes_for_its_area_code_s_state(
    nlp: Any, resolver: PlaceResolver
) -> None:
    text = "The Flemington Elks will hold a dinner on Friday. Call (908) 555-0199 for tickets."
    # a New Jersey area code: the New Jersey town, not the larger one in Australia
    assert [(m.text, m.place.admin1) for m in _run(nlp, resolver, text).places] == [
        ("Flemington", "New Jersey")
    ]
    # ... a number without its area code says nothing
    plain = _run(nlp, resolver, text.replace("(908) ", ""))
    assert [m.place.country for m in plain.places] == ["AUS"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("call (908) 555-0199 today", "908"),
        ("call 952-555-0142", "952"),
        ("call 804.555.0100", "804"),
        ("a ratio of 3.141.592.6535", None),
        ("a mixed 908-555.0199", None),
    ],
)
def test_phone_pattern_reads_the_area_code(text: str, code: str | None) -> None:
    from thucydides.places.resolver import _PHONE_RE

    found = [m.group(1) or m.group(2) for m in _PHONE_RE.finditer(text)]
    assert found == ([code] if code else [])


def test_area_codes_table_names_states_and_provinces() -> None:
    from thucydides.places.gazetteer import _read_csv

    table = {row["code"]: row["admin1"] for row in _read_csv("area_codes.csv")}
    assert table["908"] == "US.NJ" and table["952"] == "US.MN" and table["519"] == "CA.08"
    assert "800" not in table  # toll-free: no place


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, name",
    [
        ("Helicopters dropped barrel bombs on Douma, the last rebel-held town in the area.", "Douma"),
        ("Insurgents stormed Douma, a town east of the capital, on Sunday.", "Douma"),
    ],
)
def test_places_stage_a_name_in_apposition_to_a_town_or_bombed_is_a_place(
    nlp: Any, resolver: PlaceResolver, text: str, name: str
) -> None:
    doc = _run(nlp, resolver, text)
    assert any(m.text == name and m.place.country == "SYR" for m in doc.places)


@pytest.mark.slow
def test_places_stage_a_person_described_by_a_city_office_is_no_place(
    nlp: Any, resolver: PlaceResolver
) -> None:
    doc = _run(nlp, resolver, "Mary Douma, a city councillor, said the vote was unfair.")
    assert not any(m.text == "Douma" for m in doc.places)
