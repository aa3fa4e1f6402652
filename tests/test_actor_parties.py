"""Political parties in the actor knowledge base: named as written and in lower-cased copy, with their country
and their time in government; no party name fires on the same words in ordinary use."""

from __future__ import annotations

from datetime import date
from importlib import resources
from typing import Any

import pytest

from thucydides.actors import ActorResolver, KnowledgeBase
from thucydides.actors.kb import surface_key
from thucydides.actors.names import norm_key
from thucydides.datafile import load_yaml
from thucydides.record import Document

D2024 = date(2024, 3, 1)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def _party_ids() -> set[str]:
    text = (
        resources.files("thucydides.data")
        .joinpath("actors")
        .joinpath("parties.yaml")
        .read_text(encoding="utf-8")
    )
    return {str(item["id"]) for item in load_yaml(text)}


def _actors(pipeline: Any, text: str, published: date = D2024) -> list[tuple[str, str | None, str | None]]:
    doc = Document(id="t", raw=text, published=published, published_how="given")
    (out,) = list(pipeline.run([doc]))
    assert isinstance(out, Document), out
    return [(m.text, m.actor.country, m.actor.sector) for m in out.actors]


def _has(actors: list[tuple[str, str | None, str | None]], word: str, country: str) -> bool:
    return any(word.lower() in t.lower() and c == country for t, c, _ in actors)


# --- the data ---


def test_parties_no_name_of_a_party_is_a_name_of_another_entry(kb: KnowledgeBase) -> None:
    parties = _party_ids()
    assert len(parties) >= 150
    owners: dict[str, set[str]] = {}
    for entry in kb.entries.values():
        owner = f"country:{entry.country}" if entry.kind in {"country", "capital", "demonym"} else entry.id
        for alias in (entry.name, *entry.aliases):
            for key in {f"exact {surface_key(alias)}", f"folded {norm_key(alias)}"}:
                owners.setdefault(key, set()).add(owner)
    shared = sorted(k for k, ids in owners.items() if len(ids) > 1 and ids & parties)
    assert shared == []


@pytest.mark.parametrize(
    "code", ["SP", "PTI", "CPI", "APC", "DPP", "DA", "RN", "PAN", "PP", "PT", "NC", "Labour", "Green"]
)
def test_parties_leave_out_abbreviations_and_words_in_ordinary_use(kb: KnowledgeBase, code: str) -> None:
    parties = _party_ids()
    assert not [e.id for e in kb.lookup(code, fold=True) if e.id in parties]


def test_parties_countries_cover_every_region(kb: KnowledgeBase) -> None:
    parties = _party_ids()
    countries = {c for i in parties for c in (kb.entries[i].countries or (kb.entries[i].country,))}
    assert {
        "IND",
        "PAK",
        "BGD",
        "ZAF",
        "NGA",
        "MEX",
        "BRA",
        "GBR",
        "DEU",
        "TUR",
        "ISR",
        "JPN",
        "USA",
    } <= countries
    assert len(countries) >= 60


@pytest.mark.parametrize(
    ("name", "when", "sector"),
    [
        ("ANC", date(1990, 2, 11), "OPP"),
        ("ANC", date(2024, 6, 1), "GOV"),
        ("BJP", date(2002, 3, 10), "GOV"),
        ("BJP", date(2010, 1, 1), "PTY"),
        ("Indian National Congress", date(2010, 1, 1), "GOV"),
        ("Indian National Congress", date(2020, 1, 1), "PTY"),
        ("Awami League", date(2024, 9, 1), "PTY"),
        ("PML-N", date(2024, 6, 1), "GOV"),
        ("Bangladesh Nationalist Party", date(2024, 6, 1), "PTY"),
    ],
)
def test_parties_govern_only_in_their_years_in_office(
    kb: KnowledgeBase, name: str, when: date, sector: str
) -> None:
    resolver = ActorResolver(kb)
    actor = resolver.resolve_text(name, when)
    assert actor is not None and actor.sector == sector


# --- in sentences ---


@pytest.mark.parametrize(
    ("text", "word", "country"),
    [
        ("The BJP lashed out at the state government over the killings.", "BJP", "IND"),
        ("the bjp lashed out at the state government over the killings.", "bjp", "IND"),
        ("Awami League activists clashed with BNP supporters in the capital.", "BNP", "BGD"),
        ("awami league activists clashed with bnp supporters in the capital.", "awami league", "BGD"),
        ("awami league activists clashed with bnp supporters in the capital.", "bnp", "BGD"),
        ("Tehreek-e-Insaf leaders met the governor on Monday.", "Tehreek-e-Insaf", "PAK"),
        ("MORENA lawmakers rejected the proposal.", "MORENA", "MEX"),
        ("The ANC's national executive met on Sunday.", "ANC", "ZAF"),
        ("the congress party accused the bjp of rigging the vote.", "congress party", "IND"),
        ("Trinamool Congress workers attacked the offices of a rival party.", "Trinamool", "IND"),
        ("the police arrested ten samajwadi party workers.", "samajwadi", "IND"),
        ("Likud and Yesh Atid leaders met to discuss the budget.", "Likud", "ISR"),
        ("The Tories attacked the government's plans.", "Tories", "GBR"),
        ("AfD lawmakers walked out of the chamber.", "AfD", "DEU"),
        ("Witnesses said ZANU-PF supporters beat opposition activists.", "ZANU-PF", "ZWE"),
    ],
)
def test_parties_named_in_a_sentence_resolve_with_their_country(
    pipeline: Any, text: str, word: str, country: str
) -> None:
    actors = _actors(pipeline, text)
    assert _has(actors, word, country), actors


def test_parties_a_shared_name_takes_the_country_named_beside_it(pipeline: Any) -> None:
    actors = _actors(pipeline, "In Nigeria, the Labour Party rejected the election result.")
    assert _has(actors, "Labour Party", "NGA"), actors
    actors = _actors(pipeline, "The Labour Party won the British election.")
    assert _has(actors, "Labour Party", "GBR"), actors


@pytest.mark.parametrize(
    "text",
    [
        "The labour market is tight and wages are rising.",
        "the labour market is tight and wages are rising.",
        "The minister gave a green light to the plan.",
        "Delegates at the congress of the union voted to strike.",
        "Shares of apple inc rose after the results.",
        "a national rally of farmers was held in the town.",
        "the superintendent said the sp had ordered a probe.",
        "He said it was a sad day for the workers party members.",
    ],
)
def test_parties_words_of_a_party_name_in_ordinary_use_name_no_party(pipeline: Any, text: str) -> None:
    actors = _actors(pipeline, text)
    assert not [a for a in actors if a[2] == "PTY"], actors
