"""The HTTP API over a small hand-built store: every endpoint, filters, paging, caps and bad input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from thucydides.api import Limits, create_app, serve  # noqa: E402
from thucydides.record import Actor, Document, Event, Evidence, Place  # noqa: E402
from thucydides.store import Store, content_hash  # noqa: E402

# (source code, source text, target code, target text, type, cameo, quad, goldstein, date, trigger, place)
ROWS = [
    ("USAGOV", "Washington", "PRKGOV", "Pyongyang", "CONSULT", "040", 1, 1.0, "2019-02-27", "met", "Hanoi"),
    ("PRKGOV", "Pyongyang", "USAGOV", "Washington", "ACCUSE", "112", 3, -2.0, "2019-03-01", "blamed", None),
    (
        "USAGOV",
        "Washington",
        "PRKGOV",
        "Pyongyang",
        "SANCTION",
        "163",
        4,
        -8.0,
        "2019-03-20",
        "imposed",
        None,
    ),
    ("CHNGOV", "Beijing", "PRKGOV", "Pyongyang", "AID", "070", 2, 7.0, "2019-04-02", "shipped", "Beijing"),
    ("RUSGOV", "Moscow", "IRNGOV", "Tehran", "AGREE", "057", 1, 8.0, "2019-05-15", "signed", "Moscow"),
    (
        "IRNGOV",
        "Tehran",
        "USAGOV",
        "Washington",
        "THREATEN",
        "138",
        3,
        -7.0,
        "2019-06-20",
        "warned",
        "Tehran",
    ),
    (
        "USAMIL",
        "US forces",
        "IRNMIL",
        "Iranian forces",
        "ASSAULT",
        "190",
        4,
        -10.0,
        "2019-06-21",
        "struck",
        None,
    ),
    (
        "PRKGOV",
        "Pyongyang",
        "USAGOV",
        "Washington",
        "CONSULT",
        "040",
        1,
        1.0,
        "2019-06-30",
        "met",
        "Panmunjom",
    ),
    ("USAGOV", "Washington", "CHNGOV", "Beijing", "REJECT", "120", 3, -4.0, None, "refused", None),
    ("CHNGOV", "Beijing", None, None, "PROTEST", "140", 3, -6.5, "2019-08", "rallied", None),
]
PLACES = {
    "Hanoi": Place("Hanoi", "VNM", lat=21.02, lon=105.84),
    "Beijing": Place("Beijing", "CHN", lat=39.91, lon=116.4),
    "Moscow": Place("Moscow", "RUS", lat=55.75, lon=37.62),
    "Tehran": Place("Tehran", "IRN", lat=35.69, lon=51.42),
    "Panmunjom": Place("Panmunjom", "KOR", lat=37.96, lon=126.68),
}


def _actor(code: str | None, text: str | None) -> Actor | None:
    if code is None or text is None:
        return None
    country, sector = code[:3], code[3:] or None
    return Actor(text=text, name=text, id=f"test:{code.lower()}", country=country, sector=sector)


def build_store(path: Path) -> list[str]:
    """Write one document per row of ROWS (plus a quiet one) and return the mention ids."""
    ids = []
    with Store(path) as store:
        for i, (sc, st, tc, tt, etype, cameo, quad, gold, when, trigger, place) in enumerate(ROWS):
            target_words = f" {tt}" if tt else ""
            where = f" in {place}" if place else ""
            sentence = f"Officials said {st} {trigger}{target_words}{where} this week."
            doc = Document(
                id=f"doc-{i:02d}",
                raw=sentence,
                text=sentence,
                title=f"Report {i}",
                source="Test Wire" if i % 2 else "Other Paper",
                url=f"https://news.example/{i}" if i % 3 else None,
                published=date(2019, 1, 1 + i),
            )
            event = Event(
                event_id=f"ev{i:02d}",
                doc_id=doc.id,
                event_type=etype,
                cameo=cameo,
                quad_class=quad,
                goldstein=gold,
                modality="asserted",
                source=_actor(sc, st),
                target=_actor(tc, tt),
                evidence=Evidence(sentence, 0, len(sentence)),
                date=when,
                date_precision=("day" if len(when) == 10 else "month") if when else "unknown",
                location=PLACES.get(place) if place else None,
                confidence=0.8,
                trigger=trigger,
            )
            doc.events = [event]
            store.add(doc, content_hash(doc))
            ids.append(event.event_id)
        quiet = Document(id="doc-quiet", raw="Nothing happened.", text="Nothing happened.", title="Quiet")
        store.add(quiet, content_hash(quiet))
    return ids


class FakePipeline:
    """Stands in for the real pipeline: codes any text into one AGREE event."""

    built = 0

    def __init__(self) -> None:
        FakePipeline.built += 1

    def run(self, docs: list[Document]) -> Iterator[Document]:
        for doc in docs:
            doc.text = doc.raw
            src, tgt = Actor("Spain", "Spain", None, "ESP"), Actor("Portugal", "Portugal", None, "PRT")
            doc.events = [
                Event(
                    "posted-1", doc.id, "AGREE", "057", 1, 8.0, "asserted", src, tgt, Evidence(doc.text, 0, 5)
                )
            ]
            yield doc


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "events.duckdb"
    build_store(path)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    FakePipeline.built = 0
    app = create_app(
        db, limits=Limits(page=20, body_bytes=20_000, text_chars=5_000), pipeline_factory=FakePipeline
    )
    with TestClient(app) as c:
        yield c


def _all_pages(client: TestClient, params: dict[str, Any]) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    cursor = None
    for _ in range(50):
        page = client.get("/api/events", params={**params, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        events += body["events"]
        cursor = body["next_cursor"]
        if cursor is None:
            return events
    raise AssertionError("paging never ended")


# ---------------------------------------------------------------- events


@pytest.mark.parametrize("sort", ["date", "-date", "goldstein", "-goldstein", "mentions", "-confidence"])
def test_api_events_pages_cover_every_event_once_in_sort_order(client: TestClient, sort: str) -> None:
    events = _all_pages(client, {"limit": 3, "sort": sort})
    ids = [e["event_id"] for e in events]
    assert sorted(ids) == [f"ev{i:02d}" for i in range(len(ROWS))]
    if sort.lstrip("-") == "goldstein":
        values = [e["goldstein"] for e in events]
        assert values == sorted(values, reverse=sort.startswith("-"))


def test_api_events_without_cursor_returns_first_page_and_a_cursor(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 4, "total": True}).json()
    assert len(body["events"]) == 4
    assert body["next_cursor"]
    assert body["total"] == len(ROWS)
    assert all({"event_id", "event_type", "mentions", "num_mentions"} <= set(e) for e in body["events"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"dyad": "USA,PRK"}, {"ev00", "ev01", "ev02", "ev07"}),
        ({"dyad": "PRK,USA", "directed": True}, {"ev01", "ev07"}),
        ({"actor": "USAMIL"}, {"ev06"}),
        ({"actor": "beijing"}, {"ev03", "ev08", "ev09"}),
        ({"country": "IRN"}, {"ev04", "ev05", "ev06"}),
        ({"type": "consult"}, {"ev00", "ev07"}),
        ({"quad_class": 4}, {"ev02", "ev06"}),
        ({"since": "2019-06-01", "until": "2019-06-30"}, {"ev05", "ev06", "ev07"}),
        ({"since": "2019-06", "until": "2019-06"}, {"ev05", "ev06", "ev07"}),
        ({"cameo": "11"}, {"ev01"}),
        ({"cameo": "163"}, {"ev02"}),
        ({"q": "shipped"}, {"ev03"}),
        ({"place": "moscow"}, {"ev04"}),
        ({"dyad": "USA,PRK", "quad_class": 1}, {"ev00", "ev07"}),
    ],
)
def test_api_events_filters_return_exactly_the_matching_events(
    client: TestClient, params: dict[str, Any], expected: set[str]
) -> None:
    assert {e["event_id"] for e in _all_pages(client, {**params, "limit": 20})} == expected


def test_api_event_returns_mentions_with_highlighted_actors_and_event_word(client: TestClient) -> None:
    body = client.get("/api/events/ev03").json()
    assert body["event_type"] == "AID"
    (mention,) = body["mentions"]
    assert mention["title"] == "Report 3"
    text = mention["evidence"]["text"]
    spans = {h["kind"]: text[h["start"] : h["end"]] for h in mention["highlights"]}
    assert spans["source"] == "Beijing"
    assert spans["target"] == "Pyongyang"
    assert spans["event"] == "shipped"


def test_api_unknown_event_is_404_naming_the_parameter(client: TestClient) -> None:
    response = client.get("/api/events/no-such-event")
    assert response.status_code == 404
    assert response.json()["parameter"] == "event_id"


def test_api_document_returns_text_and_event_offsets(client: TestClient) -> None:
    body = client.get("/api/documents/doc-04").json()
    assert body["text"].startswith("Officials said Moscow signed")
    assert [e["mention_id"] for e in body["events"]] == ["ev04"]
    assert client.get("/api/documents/doc-nope").status_code == 404


# ---------------------------------------------------------------- aggregates


def test_api_actors_counts_events_on_either_side(client: TestClient) -> None:
    actors = {a["code"]: a for a in client.get("/api/actors", params={"limit": 50}).json()["actors"]}
    usa = actors["USAGOV"]
    assert usa["events"] == 6
    assert (usa["as_source"], usa["as_target"]) == (3, 3)
    assert len(client.get("/api/actors", params={"limit": 2}).json()["actors"]) == 2


@pytest.mark.parametrize(("by", "buckets"), [("day", 4), ("week", 3), ("month", 3)])
def test_api_dyad_timeline_buckets_dated_events(client: TestClient, by: str, buckets: int) -> None:
    body = client.get("/api/dyads/USA/PRK/timeline", params={"by": by}).json()
    assert len(body["buckets"]) == buckets
    assert sum(b["events"] for b in body["buckets"]) == 4
    assert sum(b["goldstein"] for b in body["buckets"]) == pytest.approx(1.0 - 2.0 - 8.0 + 1.0)
    assert sum(b["quad_4"] for b in body["buckets"]) == 1


def test_api_timeline_reports_events_too_vague_for_the_bucket(client: TestClient) -> None:
    by_day = client.get("/api/timeline", params={"actor": "CHNGOV", "by": "day"}).json()
    by_month = client.get("/api/timeline", params={"actor": "CHNGOV", "by": "month"}).json()
    assert by_day["events"] == by_month["events"] == 3
    assert by_day["undated"] == 2  # no date, and a month-precision date
    assert by_month["undated"] == 1


def test_api_map_groups_places_and_places_countries(client: TestClient) -> None:
    body = client.get("/api/map").json()
    places = {p["name"]: p for p in body["places"]}
    assert set(places) == set(PLACES)
    assert places["Tehran"]["conflict"] == 1
    countries = {c["country"]: c for c in body["countries"]}
    assert countries["USA"]["events"] == 7
    assert countries["USA"]["lat"] is not None


def test_api_network_weights_pairs_by_events(client: TestClient) -> None:
    body = client.get("/api/network", params={"limit": 2}).json()
    top = body["edges"][0]
    assert (top["a"], top["b"], top["events"]) == ("PRKGOV", "USAGOV", 4)
    assert len(body["edges"]) == 2
    assert {n["code"] for n in body["nodes"]} >= {"PRKGOV", "USAGOV"}


def test_api_network_merges_a_countrys_government_into_the_country(client: TestClient) -> None:
    merged = client.get("/api/network", params={"merge": "true"}).json()
    top = merged["edges"][0]
    assert (top["a"], top["b"], top["events"]) == ("PRK", "USA", 4)
    nodes = {n["code"]: n for n in merged["nodes"]}
    assert "USAGOV" not in nodes
    assert nodes["USA"]["name"] == "United States"
    assert (nodes["USA"]["kind"], nodes["USA"]["filter"]) == ("country", {"country": "USA"})
    split = {n["code"]: n for n in client.get("/api/network").json()["nodes"]}
    assert split["USAGOV"]["name"] == "United States government"
    assert split["USAGOV"]["filter"] == {"actor": "USAGOV"}


def test_api_map_sums_goldstein_per_actor_country(client: TestClient) -> None:
    countries = {c["country"]: c for c in client.get("/api/map").json()["countries"]}
    usa = [row[7] for row in ROWS if row[0].startswith("USA") or (row[2] or "").startswith("USA")]
    assert countries["USA"]["goldstein"] == pytest.approx(sum(usa))
    assert countries["USA"]["name"] == "United States"


def test_api_summary_writes_first_and_last_dates_at_their_precision(client: TestClient) -> None:
    body = client.get("/api/summary").json()
    assert (body["last_day"], body["last_date"]) == ("2019-08-01", "2019-08")
    assert body["first_date"] == body["first_day"] == "2019-02-27"


def test_api_summary_counts_the_store(client: TestClient) -> None:
    body = client.get("/api/summary").json()
    assert (body["documents"], body["events"], body["mentions"]) == (len(ROWS) + 1, len(ROWS), len(ROWS))


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("path", "params", "parameter", "status"),
    [
        ("/api/events", {"limit": 100000}, "limit", 422),
        ("/api/events", {"limit": 21}, "limit", 422),
        ("/api/events", {"limit": 0}, "limit", 422),
        ("/api/events", {"limit": "ten"}, "limit", 422),
        ("/api/events", {"since": "2019-02-30"}, "since", 422),
        ("/api/events", {"since": "yesterday"}, "since", 422),
        ("/api/events", {"until": "2019-13-01"}, "until", 422),
        ("/api/events", {"since": "2019-05-01", "until": "2019-01-01"}, "since", 422),
        ("/api/events", {"quad_class": 9}, "quad_class", 422),
        ("/api/events", {"type": "FIGHTING"}, "type", 422),
        ("/api/events", {"dyad": "USA"}, "dyad", 422),
        ("/api/events", {"dyad": "USA,PRK;DROP TABLE events"}, "dyad", 422),
        ("/api/events", {"country": "U$A"}, "country", 422),
        ("/api/events", {"sort": "event_id; DROP TABLE events"}, "sort", 422),
        ("/api/events", {"cursor": "not-a-cursor"}, "cursor", 422),
        ("/api/events", {"cursor": "WzEsMiwzXQ"}, "cursor", 422),  # a well-formed list of the wrong things
        ("/api/events", {"actor": "Nobody Known"}, "actor", 404),
        ("/api/events", {"actor": "x' OR '1'='1"}, "actor", 404),
        ("/api/actors", {"limit": 100000}, "limit", 422),
        ("/api/dyads/USA/ZZZ/timeline", {}, "b", 404),
        ("/api/dyads/USA/PRK/timeline", {"by": "year"}, "by", 422),
        ("/api/dyads/U1A/PRK/timeline", {}, "a", 422),
        ("/api/network", {"limit": 10**9}, "limit", 422),
        ("/api/map", {"limit": -1}, "limit", 422),
    ],
)
def test_api_bad_parameters_get_a_4xx_json_answer_naming_the_parameter(
    client: TestClient, path: str, params: dict[str, Any], parameter: str, status: int
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["parameter"] == parameter
    assert "Traceback" not in response.text


@pytest.mark.parametrize("words", ["'; DROP TABLE events; --", "%", "_", "\\", '" OR 1=1'])
def test_api_injection_attempts_in_free_text_are_only_searched_for(client: TestClient, words: str) -> None:
    response = client.get("/api/events", params={"q": words})
    assert response.status_code == 200
    assert response.json()["events"] == []
    assert client.get("/api/summary").json()["events"] == len(ROWS)


def test_api_store_is_opened_read_only(client: TestClient) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]
    with store.scope(), pytest.raises(Exception, match="(?i)read.only"):
        store.cursor().execute("DELETE FROM events")


def test_api_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    assert serve(tmp_path / "missing.duckdb", port=1) == 1


# ---------------------------------------------------------------- coding posted text


def test_api_code_returns_events_without_storing_them_and_builds_the_pipeline_once(
    client: TestClient,
) -> None:
    before = client.get("/api/summary").json()["events"]
    for _ in range(2):
        response = client.post(
            "/api/code", json={"text": "Spain and Portugal agreed.", "published": "2020-05-01"}
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert [e["event_type"] for e in body["events"]] == ["AGREE"]
        assert body["document"]["published"] == "2020-05-01"
    assert FakePipeline.built == 1
    assert client.get("/api/summary").json()["events"] == before


@pytest.mark.parametrize(
    ("body", "parameter"),
    [
        ({"text": "a", "html": "<p>a</p>"}, "body"),
        ({}, "body"),
        ({"text": "   "}, "body"),
        ({"text": "Spain agreed.", "published": "2020-02-30"}, "published"),
        ({"text": "Spain agreed.", "extra": 1}, "extra"),
        ({"text": 5}, "text"),
    ],
)
def test_api_code_rejects_bad_bodies_naming_the_field(
    client: TestClient, body: dict[str, Any], parameter: str
) -> None:
    response = client.post("/api/code", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["parameter"] == parameter


def test_api_code_refuses_bodies_over_the_cap(client: TestClient) -> None:
    big = json.dumps({"text": "word " * 10_000})
    response = client.post("/api/code", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["parameter"] == "body"


def test_api_code_refuses_streamed_bodies_over_the_cap(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 1000
        yield b'"}'

    response = client.post("/api/code", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_api_code_refuses_text_over_the_character_cap(client: TestClient) -> None:
    response = client.post("/api/code", json={"text": "x" * 6_000})
    assert response.status_code == 413
    assert response.json()["parameter"] == "text"


def test_api_errors_inside_a_request_answer_json_without_a_traceback(db: Path) -> None:
    def broken() -> Any:
        raise RuntimeError("model files missing")

    app = create_app(db, pipeline_factory=broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.post("/api/code", json={"text": "Spain agreed."})
    assert response.status_code == 500
    assert response.json() == {"error": "internal error: RuntimeError"}
    assert "Traceback" not in response.text


# ---------------------------------------------------------------- the page


def test_dashboard_page_is_served_with_its_own_scripts_only(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert '<script src="/static/app.js"' in page.text
    for asset in ("/static/app.js", "/static/style.css", "/static/world.json"):
        response = client.get(asset)
        assert response.status_code == 200, asset
        # nothing is loaded from another host: the only URL is the SVG namespace
        assert "https://" not in response.text
        assert response.text.count("http://") == response.text.count("http://www.w3.org/2000/svg")


def test_openapi_spec_lists_every_endpoint(client: TestClient) -> None:
    paths = set(client.get("/openapi.json").json()["paths"])
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/actors",
        "/api/dyads/{a}/{b}/timeline",
        "/api/code",
    } <= paths


def test_api_summary_of_an_empty_store_counts_nothing(tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    Store(path).close()
    with TestClient(create_app(path)) as empty:
        body = empty.get("/api/summary").json()
    assert (body["documents"], body["events"], body["multi_document_events"]) == (0, 0, 0)
