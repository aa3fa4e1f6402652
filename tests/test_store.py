"""The DuckDB store: writing documents, merging across them, and the query API (no model needed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from thucydides.record import Actor, Document, Event, Evidence, Place
from thucydides.store import MAX_PAGE_SIZE, Coded, Filters, QueryError, Store, content_hash

QUAD = {"ASSAULT": (4, "190", -10.0), "CONSULT": (1, "040", 1.0), "ACCUSE": (3, "112", -2.0)}
PLACES = {"SYR": Place("Ras al-Ain", "SYR", lat=36.85, lon=40.07, precision="city")}


def country(code: str, sector: str | None = None) -> Actor:
    return Actor(text=code, name=code, id=f"country:{code}", country=code, sector=sector, type="country")


def event(doc_id: str, n: int, etype: str, src: str, tgt: str, day: str, precision: str = "day") -> Event:
    quad, cameo, gold = QUAD[etype]
    text = f"{src} and {tgt} event number {n} of {doc_id}."
    return Event(
        event_id=f"{doc_id}-{n}",
        doc_id=doc_id,
        event_type=etype,
        cameo=cameo,
        quad_class=quad,
        goldstein=gold,
        modality="asserted",
        source=country(src),
        target=country(tgt),
        evidence=Evidence(text, 0, len(text)),
        date=day,
        date_precision=precision,  # type: ignore[arg-type]
        location=PLACES.get(tgt),
    )


def doc(doc_id: str, source: str, published: str, events: list[tuple[Any, ...]]) -> Document:
    d = Document(
        id=doc_id, raw=f"raw text of {doc_id}", source=source, published=date.fromisoformat(published)
    )
    d.text = d.raw
    d.events = [event(doc_id, n, *spec) for n, spec in enumerate(events)]
    return d


DOCS = [
    doc(
        "a",
        "Wire",
        "2019-10-09",
        [("ASSAULT", "TUR", "SYR", "2019-10-09"), ("CONSULT", "USA", "TUR", "2019-10-09")],
    ),
    doc("b", "Post", "2019-10-10", [("ASSAULT", "TUR", "SYR", "2019-10-10", "publication")]),
    doc(
        "c",
        "Herald",
        "2019-10-10",
        [("ASSAULT", "TUR", "SYR", "2019-10", "month"), ("ACCUSE", "SYR", "TUR", "2019-10-10")],
    ),
    doc(
        "d",
        "Wire",
        "2019-11-20",
        [("CONSULT", "USA", "TUR", "2019-11-13"), ("ASSAULT", "TUR", "SYR", "2019-11-20")],
    ),
]


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with Store(tmp_path / "t.duckdb") as s:
        for d in DOCS:
            assert s.add(d, content_hash(d))
        yield s


def test_store_merges_one_event_reported_by_three_outlets(store: Store) -> None:
    (ev,) = store.events(Filters(type="ASSAULT", until="2019-10-31"))
    assert (ev["num_mentions"], ev["num_documents"], ev["num_sources"]) == (3, 3, 3)
    assert (
        ev["date"] == "2019-10-09"
        and ev["first_report"] == "2019-10-09"
        and ev["last_report"] == "2019-10-10"
    )
    assert {m["doc_id"] for m in ev["mentions"]} == {"a", "b", "c"}
    assert store.counts() == {"documents": 4, "mentions": 7, "events": 5}


def test_store_adding_a_document_twice_keeps_it_once(store: Store) -> None:
    assert not store.add(DOCS[0], content_hash(DOCS[0]))
    assert store.counts()["documents"] == 4


def test_store_merged_ids_do_not_depend_on_the_order_of_ingest(store: Store, tmp_path: Path) -> None:
    first = sorted((e["event_id"], e["num_mentions"]) for e in store.events())
    with Store(tmp_path / "other.duckdb") as other:
        for d in reversed(DOCS):
            other.add(d, content_hash(d))
        assert sorted((e["event_id"], e["num_mentions"]) for e in other.events()) == first
        assert other.remerge() == len(first)
        assert sorted((e["event_id"], e["num_mentions"]) for e in other.events()) == first


def _events_with_rowids(s: Store) -> dict[str, tuple[int, str]]:
    return {
        eid: (rowid, rec)
        for rowid, eid, rec in s.con.execute("SELECT rowid, event_id, record FROM events").fetchall()
    }


def test_store_rewrites_only_the_merged_events_that_gain_mentions(store: Store, tmp_path: Path) -> None:
    before = _events_with_rowids(store)
    late = doc("e", "Gazette", "2019-10-11", [("ASSAULT", "TUR", "SYR", "2019-10-09")])
    assert store.add(late, content_hash(late))
    after = _events_with_rowids(store)
    (joined,) = [eid for eid, (_, rec) in after.items() if '"doc_id": "e"' in rec]
    assert before[joined][1] != after[joined][1], "the event the new report joined is rewritten"
    untouched = [eid for eid in before if eid != joined]
    assert untouched and all(after[eid] == before[eid] for eid in untouched), "the others stay as they were"
    with Store(tmp_path / "fresh.duckdb") as fresh:
        for d in [*DOCS, late]:
            fresh.add(d, content_hash(d))
        assert {k: v[1] for k, v in _events_with_rowids(fresh).items()} == {k: v[1] for k, v in after.items()}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), 5),
        (Filters(country="usa"), 2),
        (Filters(dyad=("SYR", "TUR")), 3),
        (Filters(dyad=("SYR", "TUR"), directed=True), 1),
        (Filters(actor="TUR"), 5),
        (Filters(actor="country:USA"), 2),
        (Filters(type="fight"), 2),  # legacy PLOVER name of ASSAULT
        (Filters(quad_class=1), 2),
        (Filters(since="2019-11-01"), 2),
        (Filters(until="2019-10-09"), 2),
        (Filters(place="SYR"), 2),
        (Filters(place="ras al"), 2),
        (Filters(text="event number"), 5),
        (Filters(text="number 1 of c"), 1),
        (Filters(min_mentions=2), 1),
        (Filters(limit=3), 3),
    ],
)
def test_store_filters_select_the_matching_events(store: Store, filters: Filters, expected: int) -> None:
    assert len(list(store.events(filters))) == expected


@pytest.mark.parametrize(
    ("filters", "param"),
    [
        (Filters(country="United States"), "country"),
        (Filters(dyad=("USA", "x")), "dyad"),
        (Filters(type="BOMBARD"), "type"),
        (Filters(quad_class=5), "quad_class"),
        (Filters(since="last week"), "since"),
        (Filters(since="2019-12-01", until="2019-01-01"), "since"),
        (Filters(min_mentions=0), "min_mentions"),
    ],
)
def test_store_bad_filters_name_the_parameter(store: Store, filters: Filters, param: str) -> None:
    with pytest.raises(QueryError) as err:
        list(store.events(filters))
    assert err.value.param == param


@pytest.mark.parametrize("sort", ["date", "-date", "mentions", "-mentions", "goldstein", "-confidence"])
def test_store_pages_cover_every_event_once_in_order(store: Store, sort: str) -> None:
    all_ids = [e["event_id"] for e in store.events_page(sort=sort, limit=MAX_PAGE_SIZE).events]
    seen, cursor = [], None
    while True:
        page = store.events_page(sort=sort, limit=2, cursor=cursor)
        seen += [e["event_id"] for e in page.events]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == all_ids and len(set(seen)) == 5


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": MAX_PAGE_SIZE + 1}, "limit"),
        ({"sort": "colour"}, "sort"),
        ({"cursor": "garbage!"}, "cursor"),
    ],
)
def test_store_bad_page_arguments_name_the_parameter(
    store: Store, kwargs: dict[str, Any], param: str
) -> None:
    with pytest.raises(QueryError) as err:
        store.events_page(**kwargs)
    assert err.value.param == param


def test_store_cursor_of_another_sort_is_refused(store: Store) -> None:
    cursor = store.events_page(sort="date", limit=1).next_cursor
    assert cursor
    with pytest.raises(QueryError):
        store.events_page(sort="-mentions", limit=1, cursor=cursor)


def test_store_event_has_every_mention_with_its_record(store: Store) -> None:
    merged = next(iter(store.events(Filters(min_mentions=3))))
    ev = store.event(merged["event_id"])
    assert ev is not None and len(ev["mentions"]) == 3
    assert {m["record"]["doc_id"] for m in ev["mentions"]} == {"a", "b", "c"}
    assert store.event("b-0") is not None and store.event("b-0")["event_id"] == merged["event_id"]  # type: ignore[index]
    assert store.event("no-such-event") is None


def test_store_actors_are_counted_per_side(store: Store) -> None:
    actors = {a["code"]: a for a in store.actors()}
    assert (
        actors["TUR"]["events"] == 5 and actors["TUR"]["as_source"] == 2 and actors["TUR"]["as_target"] == 3
    )
    assert actors["USA"]["as_target"] == 0 and actors["SYR"]["mentions"] == 5
    assert [a["code"] for a in store.actors(country="USA")] == ["USA"]
    with pytest.raises(QueryError):
        store.actors(limit=0)


@pytest.mark.parametrize(
    ("by", "periods"),
    [
        ("day", ["2019-10-09", "2019-10-10", "2019-11-20"]),
        ("week", ["2019-W41", "2019-W47"]),
        ("month", ["2019-10", "2019-11"]),
    ],
)
def test_store_dyad_timeline_counts_events_per_period(store: Store, by: str, periods: list[str]) -> None:
    rows = store.dyad_timeline("TUR", "SYR", by=by)  # type: ignore[arg-type]
    assert [r["period"] for r in rows] == periods
    assert sum(r["events"] for r in rows) == 3
    assert sum(r["quad_4"] + r["quad_3"] for r in rows) == 3
    assert rows[0]["goldstein"] == pytest.approx(-10.0 if by == "day" else -12.0)


def test_store_dyad_timeline_refuses_a_bad_period(store: Store) -> None:
    with pytest.raises(QueryError) as err:
        store.dyad_timeline("TUR", "SYR", by="year")  # type: ignore[arg-type]
    assert err.value.param == "by"


def test_store_read_only_open_of_a_missing_file_says_to_ingest(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="ingest"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_store_refuses_a_file_of_the_old_layout(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE events (event_id VARCHAR)")
    con.close()
    with pytest.raises(RuntimeError, match="older version"):
        Store(path)


def test_store_event_keeps_the_time_it_first_entered_when_later_reports_merge(tmp_path: Path) -> None:
    import time as clock

    with Store(tmp_path / "t.duckdb") as s:
        s.add(DOCS[0])
        (first,) = s.events(Filters(type="ASSAULT"))
        assert first["added_at"] and first["added_at"].endswith("Z")
        clock.sleep(1.1)
        s.add(DOCS[1])  # reports the same attack: merges into it
        (merged,) = s.events(Filters(type="ASSAULT"))
        assert merged["num_mentions"] == 2 and merged["added_at"] == first["added_at"]
        s.add(DOCS[3])  # a new attack in November
        marks = sorted({e["added_at"] for e in s.events(Filters(type="ASSAULT"))})
        assert len(marks) == 2
        assert [e["date"] for e in s.events(Filters(type="ASSAULT", added_since=marks[1]))] == ["2019-11-20"]
        assert (
            s.remerge() == 4 and sorted({e["added_at"] for e in s.events(Filters(type="ASSAULT"))}) == marks
        )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2000-01-01", 5),
        ("2000-01-01T06:30:00Z", 5),
        ("2000-01-01 06:30+02:00", 5),
        ("20000101063000", 5),
        ("2999-12-07", 0),
        ("2999-12-07T06:30:00Z", 0),
        ("29991207063000", 0),
    ],
)
def test_store_added_since_takes_dates_times_and_gdelt_stamps(
    store: Store, value: str, expected: int
) -> None:
    assert len(list(store.events(Filters(added_since=value)))) == expected


def test_store_added_since_refuses_words(store: Store) -> None:
    with pytest.raises(QueryError) as err:
        list(store.events(Filters(added_since="yesterday")))
    assert err.value.param == "added_since"


def test_store_hashes_and_stores_a_text_with_a_lone_surrogate(tmp_path: Path) -> None:
    broken = doc("s", "Wire", "2019-10-09", [("ASSAULT", "TUR", "SYR", "2019-10-09")])
    broken.raw += " \ud800"
    broken.text = broken.raw
    broken.title = "\udfff title"
    assert len(content_hash(broken)) == 64 and content_hash(broken) != content_hash(DOCS[0])
    with Store(tmp_path / "t.duckdb") as s:
        assert s.add(broken)
        assert s.counts()["documents"] == 1
        text, title = s.con.execute("SELECT text, title FROM documents").fetchone()
        assert text == broken.raw.replace("\ud800", "\ufffd") and len(text) == len(broken.raw)
        assert title == "\ufffd title"


def test_store_upgrades_a_file_of_layout_2_in_place(store: Store, tmp_path: Path) -> None:
    import duckdb

    from thucydides.store.schema import ADDED_COLUMNS, TABLES

    store.close()
    old = tmp_path / "old.duckdb"
    con = duckdb.connect(str(old))
    con.execute(TABLES)  # the tables as layout 2 made them
    con.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    con.execute(f"ATTACH '{tmp_path / 't.duckdb'}' AS new (READ_ONLY)")
    for table in ("documents", "mentions", "events"):
        added = {c for t, c, _ in ADDED_COLUMNS if t == table}
        names = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in added]
        con.execute(f"INSERT INTO {table} SELECT {', '.join(names)} FROM new.{table}")
    con.close()
    with Store(old, read_only=True) as upgraded:
        events = list(upgraded.events())
        assert len(events) == 5 and all(e["added_at"] for e in events)


def test_store_a_changed_document_replaces_its_old_mentions_and_recounts_merged_events(
    tmp_path: Path,
) -> None:
    with Store(tmp_path / "t.duckdb") as s:
        for d in DOCS:
            s.add(d)
        (attack,) = s.events(Filters(type="ASSAULT", until="2019-10-31"))
        assert attack["num_mentions"] == 3
        edited = doc("c", "Herald", "2019-10-10", [("CONSULT", "USA", "TUR", "2019-10-10")])
        edited.raw += " (corrected)"
        assert s.add_many([Coded.from_document(edited, content_hash(edited))]) == ["replaced"]
        (attack,) = s.events(Filters(type="ASSAULT", until="2019-10-31"))
        assert (attack["num_mentions"], attack["num_documents"]) == (2, 2)
        assert {m["doc_id"] for m in attack["mentions"]} == {"a", "b"}
        assert not list(s.events(Filters(type="ACCUSE"))), "the accusation was only in the old text"
        c_events = [e for e in s.events() if any(m["doc_id"] == "c" for m in e["mentions"])]
        assert [e["event_type"] for e in c_events] == ["CONSULT"]
        assert s.counts() == {"documents": 4, "mentions": 6, "events": 4}
        assert s.add_many([Coded.from_document(edited, content_hash(edited))]) == ["already"]


def test_store_a_copy_under_another_id_is_not_stored_again(store: Store) -> None:
    copy = doc("a-copy", "Wire", "2019-10-09", [])
    copy.raw = DOCS[0].raw
    assert not store.add(copy)
    assert store.counts()["documents"] == 4


def test_store_recoded_document_replaces_itself_even_when_unchanged(store: Store) -> None:
    again = Coded.from_document(DOCS[1], content_hash(DOCS[1]))
    again.replace = True
    before = sorted((e["event_id"], e["num_mentions"]) for e in store.events())
    assert store.add_many([again]) == ["replaced"]
    assert sorted((e["event_id"], e["num_mentions"]) for e in store.events()) == before


def test_store_counts_documents_coded_by_another_coder_or_knowledge(store: Store) -> None:
    from thucydides.provenance import Provenance
    from thucydides.store.filters import DocumentFilter, parse_where

    now = Provenance("0.1.0+new", "kb-new")
    assert store.summary(now)["outdated"] == 4
    coded = Coded.from_document(DOCS[0], content_hash(DOCS[0]))
    coded.document.coder_version, coded.document.kb_hash, coded.replace = "0.1.0+new", "kb-new", True
    store.add_many([coded])
    assert store.summary(now)["outdated"] == 3
    assert store.document_ids(DocumentFilter(), now) == ["b", "c", "d"]
    assert store.document_ids(parse_where(["all", "id=[ab]*"]), now) == ["a", "b"]
    assert store.document_ids(parse_where(["since=2019-10-10", "source=Herald"]), now) == ["c"]
    with pytest.raises(QueryError, match="where"):
        parse_where(["colour=red"])
    (stored,) = store.stored_documents(["c"])
    assert (stored.text or stored.raw, stored.published, stored.source) == (
        DOCS[2].text,
        DOCS[2].published,
        "Herald",
    )


def test_store_two_documents_of_one_content_in_one_write_store_the_first(tmp_path: Path) -> None:
    twin = doc("a-twin", "Wire", "2019-10-09", [])
    twin.raw = DOCS[0].raw
    with Store(tmp_path / "t.duckdb") as s:
        coded = [Coded.from_document(d, content_hash(d)) for d in (DOCS[0], twin)]
        assert s.add_many(coded) == ["added", "already"]
