"""Parquet and Arrow with real types, and events_frame for notebooks (no model needed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.test_store import DOCS

from thucydides.store import Store, content_hash

pa = pytest.importorskip("pyarrow", reason="Parquet and Arrow need pyarrow (the arrow extra)")


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "t.duckdb"
    with Store(path) as s:
        for d in DOCS:
            s.add(d, content_hash(d))
    return str(path)


def _events(db: str) -> list[dict[str, object]]:
    with Store(db, read_only=True) as s:
        return list(s.events())


def test_arrow_columns_have_real_types() -> None:
    from thucydides.arrow import schema

    s = schema()
    assert s.field("date").type == pa.date32() and s.field("date_last").type == pa.date32()
    assert s.field("first_report").type == pa.date32()
    assert pa.types.is_timestamp(s.field("added_at").type) and s.field("added_at").type.tz == "UTC"
    assert pa.types.is_list(s.field("mentions").type)
    assert pa.types.is_struct(s.field("mentions").type.value_type) and pa.types.is_struct(
        s.field("source").type
    )
    assert s.field("quad_class").type == pa.int8() and s.field("num_mentions").type == pa.int32()


def test_parquet_keeps_dates_at_their_precision_and_mentions_nested(db: str, tmp_path: Path) -> None:
    import duckdb
    import pyarrow.parquet as pq

    from thucydides import export

    path = tmp_path / "ev.parquet"
    assert export.export(_events(db), "parquet", path=path) == len(_events(db))
    table = pq.read_table(path)
    assert table.schema.field("date").type == pa.date32()
    rows = {r["event_id"]: r for r in table.to_pylist()}
    merged = next(r for r in rows.values() if r["num_mentions"] == 3)
    assert merged["date"] == date(2019, 10, 9) and merged["date_precision"] == "day"
    assert [m["doc_id"] for m in merged["mentions"]] == ["a", "b", "c"]
    assert merged["added_at"].tzinfo is not None and merged["source"]["code"] == "TUR"
    con = duckdb.connect()
    got = con.execute(
        "SELECT mentions[1].outlet, source.country, typeof(date), typeof(added_at)"
        f" FROM read_parquet('{path}') WHERE num_mentions = 3"
    ).fetchone()
    assert got == ("Wire", "TUR", "DATE", "TIMESTAMP WITH TIME ZONE")


@pytest.mark.parametrize(
    ("value", "precision", "first", "last"),
    [
        ("2019-10", "month", date(2019, 10, 1), date(2019, 10, 31)),
        ("2019", "year", date(2019, 1, 1), date(2019, 12, 31)),
    ],
)
def test_arrow_month_and_year_dates_span_their_period(
    value: str, precision: str, first: date, last: date
) -> None:
    from thucydides.arrow import row

    r = row({"event_id": "x", "event_type": "ASSAULT", "cameo": "190", "quad_class": 4, "goldstein": -10.0,
             "date": value, "date_precision": precision})  # fmt: skip
    assert (r["date"], r["date_last"], r["date_precision"], r["date_text"]) == (first, last, precision, value)


def test_arrow_file_reads_back(db: str, tmp_path: Path) -> None:
    from thucydides import export

    path = tmp_path / "ev.arrow"
    n = export.export(_events(db), "arrow", path=path)
    table = pa.ipc.open_file(str(path)).read_all()
    assert table.num_rows == n and table.schema.field("date").type == pa.date32()


def test_events_frame_takes_the_filters_of_events(db: str) -> None:
    pytest.importorskip("pandas", reason="events_frame needs pandas (the arrow extra)")
    import thucydides

    frame = thucydides.events_frame(db, country="USA", sort="-mentions")
    assert len(frame) == 2 and set(frame["source_country"]) == {"USA"}
    assert list(frame["mentions"].map(len)) == [1, 1]
    assert len(thucydides.events_frame(db, cameo="19", since="2019-11")) == 1
