"""Export writers: GDELT 2.0 columns, PLOVER JSON records, CSV and Parquet (no model needed)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from thucydides import export
from thucydides.merge import Report, cluster, merged_event


def _record(
    mid: str, doc: str, day: str, precision: str = "day", modality: str = "asserted"
) -> dict[str, Any]:
    return {
        "event_id": mid,
        "doc_id": doc,
        "sentence_index": 0,
        "event_type": "ASSAULT",
        "mode": "aerial",
        "context": ["military"],
        "cameo": "195",
        "quad_class": 4,
        "goldstein": -10.0,
        "modality": modality,
        "source": {
            "text": "Turkey",
            "name": "Turkey",
            "id": "country:TUR",
            "country": "TUR",
            "sector": None,
            "code": "TUR",
            "type": "country",
        },
        "target": {
            "text": "Kurdish forces",
            "name": "SDF",
            "id": None,
            "country": "SYR",
            "sector": "REB",
            "code": "SYRREB",
            "type": "group",
        },
        "date": day,
        "date_precision": precision,
        "location": {
            "name": "Ras al-Ain",
            "country": "SYR",
            "admin1": "Al-Hasakah",
            "lat": 36.85,
            "lon": 40.07,
            "geonameid": 164,
            "precision": "city",
        },
        "evidence": {"text": f"Jets struck the town, said {doc}.", "start": 5, "end": 40},
        "confidence": 0.8,
    }


@pytest.fixture
def merged() -> dict[str, Any]:
    reps = [
        Report(
            "0a1b2c3d4e5f6a7b",
            "d1",
            "Wire",
            "2019-10-09",
            _record("0a1b2c3d4e5f6a7b", "d1", "2019-10-09"),
            url="https://wire.example/1",
        ),
        Report(
            "9f9f9f9f9f9f9f9f",
            "d2",
            "Post",
            "2019-10-10",
            _record("9f9f9f9f9f9f9f9f", "d2", "2019-10-10", "publication"),
        ),
    ]
    (members,) = cluster(reps)
    return merged_event(members)


def test_export_gdelt_writes_no_header_unless_asked(merged: dict[str, Any]) -> None:
    out = io.StringIO()
    export.write_gdelt([merged], out)
    (line,) = out.getvalue().splitlines()
    assert len(line.split("\t")) == 61 and not line.startswith("GLOBALEVENTID")


def test_export_gdelt_writes_the_real_header_and_a_row_under_it(merged: dict[str, Any]) -> None:
    out = io.StringIO()
    assert export.write_gdelt([merged], out, header=True) == 1
    header, line = out.getvalue().splitlines()
    cols = header.split("\t")
    assert len(cols) == 61 and cols[0] == "GLOBALEVENTID" and cols[-1] == "SOURCEURL"
    row = dict(zip(cols, line.split("\t"), strict=True))
    assert row["GLOBALEVENTID"] == str(int("0a1b2c3d4e5f6a7", 16))
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("20191009", "201910", "2019")
    assert (row["Actor1Code"], row["Actor2Code"], row["Actor2CountryCode"], row["Actor2Type1Code"]) == (
        "TUR",
        "SYRREB",
        "SYR",
        "REB",
    )
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"], row["QuadClass"]) == (
        "195",
        "195",
        "19",
        "4",
    )
    assert (row["NumMentions"], row["NumArticles"], row["NumSources"]) == ("2", "2", "2")
    assert (row["ActionGeo_Type"], row["ActionGeo_Lat"], row["ActionGeo_Long"]) == ("4", "36.85", "40.07")
    assert row["ActionGeo_CountryCode"] == "SY"
    assert row["ActionGeo_FullName"] == "Ras al-Ain, Al-Hasakah, Syria"
    assert row["DATEADDED"] == "20191009000000" and row["SOURCEURL"] == "https://wire.example/1"
    assert float(row["FractionDate"]) == pytest.approx(2019 + 281 / 365, abs=1e-4)


def test_export_plover_records_carry_the_specification_fields(merged: dict[str, Any]) -> None:
    rec = export.plover_record(merged)
    for name in (
        "id",
        "date",
        "actor",
        "recipient",
        "event",
        "mode",
        "context",
        "quad_code",
        "event_scale",
        "event_text",
        "event_loc",
        "text_info",
        "cite_info",
        "coder",
    ):
        assert name in rec, name
    assert rec["event"] == ["ASSAULT"] and rec["date"] == "2019-10-09" and rec["quad_code"] == 4
    assert rec["actor"][0]["code"] == "TUR" and rec["recipient"][0]["sector"] == "REB"
    assert rec["recipient"][0]["entity_text"] == "Kurdish forces"
    assert len(rec["event_text"]) == 2 and rec["event_loc"]["country_code"] == "SYR"
    assert rec["num_mentions"] == 2 and rec["cite_info"]["url"] == "https://wire.example/1"


@pytest.mark.parametrize(
    ("modality", "day", "precision", "modes", "enddate"),
    [
        ("negated", "2019-10-09", "day", ["aerial", "negation"], None),
        ("future", "2019-10", "month", ["aerial", "future"], "2019-10-31"),
        ("asserted", "2019", "year", ["aerial"], "2019-12-31"),
    ],
)
def test_export_plover_adds_auxiliary_modes_and_an_end_date(
    modality: str, day: str, precision: str, modes: list[str], enddate: str | None
) -> None:
    rec = export.plover_record(_record("x", "d", day, precision, modality))
    assert rec["mode"] == modes and rec.get("enddate") == enddate


def test_export_csv_has_a_header_and_the_counts(merged: dict[str, Any]) -> None:
    out = io.StringIO()
    export.write_csv([merged], out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 1 and rows[0]["num_documents"] == "2" and rows[0]["source_code"] == "TUR"


def test_export_parquet_is_readable_with_its_columns(merged: dict[str, Any], tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "ev.parquet"
    assert export.export([merged], "parquet", path=path) == 1
    con = duckdb.connect()
    row = con.execute(f"SELECT event_id, num_mentions, lat, mentions FROM read_parquet('{path}')").fetchone()
    assert row is not None and row[0] == "0a1b2c3d4e5f6a7b" and row[1] == 2 and row[2] == pytest.approx(36.85)
    assert len(row[3]) == 2 and row[3][0]["url"] == "https://wire.example/1"


@pytest.mark.parametrize(("fmt", "path"), [("xml", None), ("parquet", None)])
def test_export_refuses_unknown_formats_and_parquet_without_a_file(fmt: str, path: Path | None) -> None:
    with pytest.raises(ValueError):
        export.export([], fmt, out=io.StringIO(), path=path)
