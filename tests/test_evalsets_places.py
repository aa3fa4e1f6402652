"""The geoparsing gold format of `thucydides eval`: scoring, and the floors on the held-out half."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thucydides.evalsets.places import PlacesReport, distance_km, is_places_file, score
from thucydides.record import Place, PlaceMention

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "places_dev"


def _mention(start: int, end: int, lat: float | None, lon: float | None) -> PlaceMention:
    return PlaceMention(start, end, "x", Place("x", "USA", lat=lat, lon=lon), "test")


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((0.0, 0.0), (0.0, 1.0), 111.2),
        ((51.5, -0.13), (48.86, 2.35), 343.5),
        ((10.0, 10.0), (10.0, 10.0), 0.0),
    ],
)
def test_distance_km_is_the_great_circle_distance(
    a: tuple[float, float], b: tuple[float, float], km: float
) -> None:
    assert distance_km(*a, *b) == pytest.approx(km, abs=1.0)


def test_score_counts_found_within_and_misses() -> None:
    record = {
        "id": "d1",
        "toponyms": [
            {"start": 0, "end": 5, "text": "Alpha", "lat": 0.0, "lon": 0.0},
            {"start": 10, "end": 14, "text": "Beta", "lat": 0.0, "lon": 0.0},
            {"start": 20, "end": 25, "text": "Gamma", "lat": 0.0, "lon": 0.0},
        ],
    }
    report = PlacesReport("gold")
    score(report, record, [_mention(0, 5, 0.0, 1.0), _mention(10, 14, 0.0, 3.0), _mention(30, 33, 0.0, 0.0)])
    assert (report.gold, report.found, report.within) == (3, 2, 1)
    assert report.accuracy == pytest.approx(1 / 3)
    assert report.precision == pytest.approx(2 / 3)
    assert report.median_km == pytest.approx(222.4, abs=1.0)
    assert len(report.misses) == 2


def test_is_places_file_tells_the_format_by_its_first_record(tmp_path: Path) -> None:
    places = tmp_path / "lgl.jsonl"
    places.write_text(json.dumps({"id": "a", "text": "t", "toponyms": []}) + "\n")
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "a", "text": "t"}) + "\n")
    assert is_places_file(places) and not is_places_file(other)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "floor"), [("lgl", 0.76), ("trnews", 0.81), ("geovirus", 0.85)])
def test_places_accuracy_on_the_held_out_half_stays_above_its_floor(name: str, floor: float) -> None:
    path = GOLD / f"{name}.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is absent (../shared/gold is not beside this checkout)")
    from thucydides.evalsets.places import evaluate_places
    from thucydides.pipeline import Options, Pipeline

    report = evaluate_places(path, Pipeline(Options(upto="places", batch_size=64)), "test")
    assert report.accuracy >= floor, report.format_table()
