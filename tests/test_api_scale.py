"""The API over a synthetic store of 100,000 merged events: pages return, and stay capped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from thucydides.api import Limits, create_app  # noqa: E402
from thucydides.store import Store  # noqa: E402

N_EVENTS = 100_000
PAGE_CAP = 100

# One row per event in the order of store.EVENT_COLUMNS, generated inside DuckDB.
FILL = """
INSERT INTO events
SELECT
    'e' || lpad(i::VARCHAR, 6, '0'),
    'block-' || (i % 1000),
    ['AGREE','CONSULT','SUPPORT','CONCEDE','COOPERATE','AID','RETREAT','REQUEST',
     'ACCUSE','REJECT','THREATEN','PROTEST','SANCTION','MOBILIZE','COERCE','ASSAULT'][(i % 16) + 1],
    '0' || (10 + i % 90),
    (i % 4) + 1,
    ((i % 21) - 10)::DOUBLE,
    'asserted',
    'actor-' || (i % 50), c1 || 'GOV', c1, 'GOV', 'Leader ' || (i % 50),
    'actor-' || ((i + 7) % 50), c2 || 'GOV', c2, 'GOV', 'Leader ' || ((i + 7) % 50),
    strftime(DATE '2015-01-01' + (i % 1800)::INTEGER, '%Y-%m-%d'),
    'day',
    DATE '2015-01-01' + (i % 1800)::INTEGER,
    'Town ' || (i % 300), c1, ((i % 120) - 60)::DOUBLE, ((i % 340) - 170)::DOUBLE,
    1 + (i % 3), 1 + (i % 2), 1,
    DATE '2015-01-01', DATE '2015-01-02',
    0.5,
    'synthetic event number ' || i,
    json_object(
        'event_id', 'e' || lpad(i::VARCHAR, 6, '0'), 'event_type', 'AGREE', 'goldstein', 1.0,
        'quad_class', 1, 'source', json_object('text', 'Leader', 'code', c1 || 'GOV', 'country', c1),
        'target', NULL, 'evidence', json_object('text', 'A synthetic sentence.', 'start', 0, 'end', 21),
        'num_mentions', 1, 'mentions', json_array()
    ),
    TIMESTAMP '2026-01-01 00:00:00'
FROM (
    SELECT i,
           ['USA','RUS','CHN','IRN','PRK','GBR','FRA','IND','PAK','TUR'][(i % 10) + 1] AS c1,
           ['USA','RUS','CHN','IRN','PRK','GBR','FRA','IND','PAK','TUR'][((i + 3) % 10) + 1] AS c2
    FROM range(?) t(i)
)
"""


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path: Path = tmp_path_factory.mktemp("big") / "big.duckdb"
    with Store(path) as store:
        store.con.execute(FILL, [N_EVENTS])
    with TestClient(create_app(path, limits=Limits(page=PAGE_CAP)), base_url="http://127.0.0.1") as client:
        yield client


def test_api_scale_store_holds_the_synthetic_events(big: TestClient) -> None:
    assert big.get("/api/summary").json()["events"] == N_EVENTS


def test_api_scale_pages_return_capped_and_continue_without_overlap(big: TestClient) -> None:
    seen: set[str] = set()
    cursor = None
    for _ in range(3):
        params: dict[str, str | int] = {"limit": PAGE_CAP, "sort": "-goldstein"}
        if cursor:
            params["cursor"] = cursor
        body = big.get("/api/events", params=params).json()
        ids = {e["event_id"] for e in body["events"]}
        assert len(ids) == PAGE_CAP
        assert not ids & seen
        seen |= ids
        cursor = body["next_cursor"]
        assert cursor


@pytest.mark.parametrize("limit", [PAGE_CAP + 1, N_EVENTS])
def test_api_scale_page_size_above_the_cap_is_refused(big: TestClient, limit: int) -> None:
    response = big.get("/api/events", params={"limit": limit})
    assert response.status_code == 422
    assert response.json()["parameter"] == "limit"


def test_api_scale_filtered_page_counts_all_matches(big: TestClient) -> None:
    body = big.get("/api/events", params={"dyad": "USA,IRN", "limit": 10, "total": True}).json()
    assert len(body["events"]) == 10
    assert body["total"] == N_EVENTS // 10
    assert all(e["source"]["country"] in {"USA", "IRN"} for e in body["events"])


@pytest.mark.parametrize(
    ("path", "key", "most"),
    [
        ("/api/timeline?by=month", "buckets", 60),
        ("/api/map?limit=200", "places", 200),
        ("/api/network?limit=30", "edges", 30),
        ("/api/actors?limit=25", "actors", 25),
        ("/api/dyads/USA/IRN/timeline?by=week", "buckets", 260),
    ],
)
def test_api_scale_aggregates_answer_with_bounded_sizes(
    big: TestClient, path: str, key: str, most: int
) -> None:
    response = big.get(path)
    assert response.status_code == 200, response.text
    items = response.json()[key]
    assert 0 < len(items) <= most


def test_api_scale_one_event_is_found_among_many(big: TestClient) -> None:
    assert big.get("/api/events/e054321").json()["event_id"] == "e054321"
