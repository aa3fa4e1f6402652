"""The store commands (events, dyad, export) on a store built by hand (no model needed)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from tests.test_store import DOCS, country, event

from thucydides.cli import main
from thucydides.record import Document, Event, Evidence, Place
from thucydides.store import Store, content_hash


def _dmz_doc() -> Document:
    d = Document(id="e", raw="raw text of e", source="Daily", published=date(2019, 6, 30))
    d.text = d.raw
    text = "North Korea and South Korea held talks in the Demilitarized Zone."
    d.events = [
        Event(
            event_id="e-0",
            doc_id="e",
            event_type="CONSULT",
            cameo="043",
            quad_class=1,
            goldstein=2.8,
            modality="asserted",
            source=country("PRK"),
            target=country("KOR"),
            evidence=Evidence(text, 0, len(text)),
            date="2019-06-30",
            date_precision="day",
            location=Place("Demilitarized Zone", None, lat=37.95, lon=126.68, precision="region"),
        ),
        event("e", 1, "ACCUSE", "SYR", "TUR", "2019-09", "month"),
    ]
    return d


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "t.duckdb"
    with Store(path) as s:
        for d in [*DOCS, _dmz_doc()]:
            assert s.add(d, content_hash(d))
    return str(path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _jsonl(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


@pytest.mark.parametrize("argv", [["--sort", "-mentions"], ["--sort=-mentions"]])
def test_events_sorts_descending_with_a_dash_given_either_way(
    db: str, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "events", "--db", db, "--format", "jsonl", *argv)
    assert code == 0, err
    counts = [e["num_mentions"] for e in _jsonl(out)]
    assert counts == sorted(counts, reverse=True) and counts[0] == 3


@pytest.mark.parametrize(
    ("since", "until", "days"),
    [
        ("2019-10", None, {"2019-10-09", "2019-10-10", "2019-11-13", "2019-11-20"}),
        (None, "2019-10", {"2019-06-30", "2019-09-01", "2019-10-09", "2019-10-10"}),
        ("2019-09", "2019-09", {"2019-09-01"}),
        ("2019-11", "2019-11", {"2019-11-13", "2019-11-20"}),
        (
            "2019",
            "2019",
            {"2019-06-30", "2019-09-01", "2019-10-09", "2019-10-10", "2019-11-13", "2019-11-20"},
        ),
    ],
)
def test_events_take_month_and_year_dates_as_periods(
    db: str, since: str | None, until: str | None, days: set[str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["events", "--db", db, "--format", "jsonl"]
    argv += ["--since", since] if since else []
    argv += ["--until", until] if until else []
    code, out, err = _run(capsys, *argv)
    assert code == 0, err
    found = set()
    for e in _jsonl(out):
        d = str(e["date"])
        found.add(d if len(d) == 10 else d + "-01")
    assert found == days


def test_events_refuse_a_date_that_is_no_period(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["events", "--since", "2019-13"])
    assert exc.value.code == 2 and "YYYY-MM" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "cameos"),
    [
        (["--type", "190"], {"190"}),
        (["--cameo", "19"], {"190"}),
        (["--cameo", "04"], {"040", "043"}),
        (["--cameo", "11"], {"112"}),
    ],
)
def test_events_filter_by_cameo_code(
    db: str, argv: list[str], cameos: set[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "events", "--db", db, "--format", "jsonl", *argv)
    assert code == 0, err
    assert {e["cameo"] for e in _jsonl(out)} == cameos


def test_events_refuse_a_cameo_code_that_is_not_digits(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "events", "--db", db, "--cameo", "19x")
    assert code == 2 and "--cameo" in err and "Traceback" not in err


def test_events_table_prints_a_place_in_no_country_without_none(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "events", "--db", db, "--country", "PRK")
    assert code == 0 and "@ Demilitarized Zone" in out and "(None)" not in out


def test_dyad_by_week_says_how_many_month_precision_events_it_leaves_out(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "dyad", "TUR", "SYR", "--db", db, "--by", "week")
    assert code == 0
    counted = sum(int(line.split()[1]) for line in out.splitlines()[2:] if line[:4].isdigit())
    assert counted >= 1
    assert "1 dated to the month" in out and "--by month" in out


def test_dyad_by_month_leaves_nothing_out(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "dyad", "TUR", "SYR", "--db", db, "--by", "month")
    assert "left out" not in out


@pytest.mark.parametrize(
    ("argv", "want"),
    [
        (["--country", "USA"], lambda r: "USA" in (r["source_country"], r["target_country"])),
        (["--type", "ASSAULT"], lambda r: r["event_type"] == "ASSAULT"),
        (["--cameo", "04"], lambda r: r["cameo"].startswith("04")),
        (["--dyad", "SYR,TUR"], lambda r: {r["source_country"], r["target_country"]} == {"SYR", "TUR"}),
        (["--since", "2019-11"], lambda r: r["date"] >= "2019-11"),
        (["--place", "SYR"], lambda r: r["location_country"] == "SYR"),
        (["--text", "demilitarized"], lambda r: r["location"] == "Demilitarized Zone"),
        (["--actor", "PRK"], lambda r: "PRK" in (r["source_code"], r["target_code"])),
    ],
    ids=["country", "type", "cameo", "dyad", "since", "place", "text", "actor"],
)
def test_export_takes_the_filters_of_events(
    db: str, argv: list[str], want: object, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "export", "--db", db, "--format", "csv", *argv)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    _, everything, _ = _run(capsys, "export", "--db", db, "--format", "csv")
    assert rows and len(rows) < len(list(csv.DictReader(io.StringIO(everything))))
    assert all(want(r) for r in rows)  # type: ignore[operator]


def test_export_gdelt_has_no_header_unless_asked(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, plain, _ = _run(capsys, "export", "--db", db, "--format", "gdelt")
    _, headed, _ = _run(capsys, "export", "--db", db, "--format", "gdelt", "--header")
    assert not plain.startswith("GLOBALEVENTID") and headed.startswith("GLOBALEVENTID\tSQLDATE")
    assert headed.splitlines()[1:] == plain.splitlines()
    assert all(len(line.split("\t")) == 61 for line in plain.splitlines())


def test_export_gdelt_loads_as_gdelt_rows_with_fips_codes_from_the_table(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from thucydides.gdelt import EVENT_COLUMNS, EVENT_TYPES, Tables

    fips = set(Tables.load().fips.values())
    _, out, _ = _run(capsys, "export", "--db", db, "--format", "gdelt")
    rows = [dict(zip(EVENT_COLUMNS, line.split("\t"), strict=True)) for line in out.splitlines()]
    assert rows
    for row in rows:
        for column, kind in EVENT_TYPES.items():
            if row[column] != "":
                kind(row[column])  # every cell reads as GDELT's type for its column
        for who in ("Actor1", "Actor2", "Action"):
            country = row[f"{who}Geo_CountryCode"]
            assert country == "" or country in fips
            assert row[f"{who}Geo_ADM1Code"].startswith(country)
    geo = {(r["ActionGeo_CountryCode"], r["ActionGeo_Type"]) for r in rows if r["ActionGeo_Type"] != "0"}
    assert ("SY", "4") in geo and ("", "4") in geo  # Ras al-Ain (a city in Syria); the Demilitarized Zone


def test_export_gdelt_mentions_writes_a_row_per_report(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "export", "--db", db, "--format", "gdelt-mentions", "--type", "ASSAULT")
    assert code == 0, err
    rows = [line.split("\t") for line in out.splitlines()]
    assert all(len(r) == 16 for r in rows)
    with Store(db, read_only=True) as s:
        from thucydides.store import Filters

        reports = sum(int(e["num_mentions"]) for e in s.events(Filters(type="ASSAULT")))
    assert len(rows) == reports and {r[6] for r in rows} == {"1"}  # SentenceID: first sentence


def test_export_parquet_needs_an_output_file(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "export", "--db", db, "--format", "parquet")
    assert code == 2 and "--output" in err


def test_extract_progress_is_labelled_extract() -> None:
    from thucydides.pipeline import Options, Pipeline

    out = io.StringIO()
    pipe = Pipeline(Options(upto="extract", progress=out))
    docs = list(pipe.run([Document(id="a", raw="Some article text.")], total=1))
    assert len(docs) == 1 and "[thucydides] extract 1/1" in out.getvalue() and " code " not in out.getvalue()


def test_export_added_since_gives_only_what_was_stored_later(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import time
    from datetime import UTC, datetime

    db = str(tmp_path / "grow.duckdb")
    with Store(db) as s:
        for d in DOCS[:2]:
            s.add(d, content_hash(d))
    time.sleep(0.01)
    mark = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    time.sleep(0.01)
    with Store(db) as s:
        s.add(DOCS[3], content_hash(DOCS[3]))
    _, everything, _ = _run(capsys, "export", "--db", db, "--format", "gdelt")
    code, out, err = _run(capsys, "export", "--db", db, "--format", "gdelt", "--added-since", mark)
    assert code == 0, err
    new = [line.split("\t") for line in out.splitlines()]
    old = [line.split("\t") for line in everything.splitlines()]
    assert 0 < len(new) < len(old)
    assert sorted(r[1] for r in new) == ["20191113", "20191120"]  # the events of the later document
    stamp = mark[:19].replace("-", "").replace(":", "").replace("T", "")
    before = {r[0] for r in old} - {r[0] for r in new}
    assert all(r[59] >= stamp for r in new), (stamp, new)
    assert all(r[59] <= stamp for r in old if r[0] in before), (stamp, old)


def test_export_refuses_an_added_since_that_is_no_time(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", "--db", db, "--format", "gdelt", "--added-since", "yesterday"])
    assert exc.value.code == 2 and "Traceback" not in capsys.readouterr().err
