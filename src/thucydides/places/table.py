"""GeoNames' populated places and divisions on disk (``data/places/geonames.bin``), read on demand.

The file (written by :func:`write_table`, from ``bench/build_gazetteer.py``) is a short JSON header and
blocks of records and of the lookup index, each block compressed on its own. Opening the table reads
the header only; a lookup unpacks the one index block its key falls in and the record blocks of the
records it names, and a record becomes an :class:`Entry` only when it is first looked up. So start-up
costs milliseconds and memory grows only with the names a corpus names.
"""

from __future__ import annotations

import json
import struct
import zlib
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from thucydides.places.entry import Entry, EntryKind
from thucydides.record import Place

MAGIC = b"THGZ1\n"
ROWS_PER_BLOCK = 128
KEYS_PER_BLOCK = 128
_CACHED_BLOCKS = 4096  # unpacked blocks kept (each a few kB)


def write_table(
    path: Path,
    rows: Sequence[str],
    keys: Mapping[str, Sequence[int]],
    bounds: Mapping[str, Sequence[float]],
    capitals: Mapping[str, int],
) -> int:
    """Write the table file.

    Args:
        path: where to write (``geonames.bin``).
        rows: the records, one tab-separated line each (the populated places, "C", sorted by
            geonameid, then the divisions, "A"; see ``bench/build_gazetteer.py``).
        keys: lookup key -> record numbers (negative for an alternate name).
        bounds: ISO2 -> (south, west, north, east) of the country's places.
        capitals: ISO2 -> record number of the country's capital.

    Returns:
        The size of the file in bytes.
    """
    blob = bytearray()
    row_offsets, city_firsts = [0], []
    for start in range(0, len(rows), ROWS_PER_BLOCK):
        block = rows[start : start + ROWS_PER_BLOCK]
        if block[0].startswith("C\t"):
            city_firsts.append(int(block[0].split("\t", 2)[1]))
        blob += zlib.compress("\n".join(block).encode("utf-8"), 9)
        row_offsets.append(len(blob))
    ordered = sorted(keys.items())
    key_offsets, key_firsts = [len(blob)], []
    for start in range(0, len(ordered), KEYS_PER_BLOCK):
        block_keys = ordered[start : start + KEYS_PER_BLOCK]
        key_firsts.append(block_keys[0][0])
        text = "\n".join(f"{key}\t{','.join(map(str, ids))}" for key, ids in block_keys)
        blob += zlib.compress(text.encode("utf-8"), 9)
        key_offsets.append(len(blob))
    header = {
        "rows": len(rows),
        "cities": sum(1 for row in rows if row.startswith("C\t")),
        "row_offsets": row_offsets,
        "city_firsts": city_firsts,
        "key_offsets": key_offsets,
        "key_firsts": key_firsts,
        "bounds": dict(bounds),
        "capitals": dict(capitals),
    }
    head = json.dumps(header, separators=(",", ":")).encode("utf-8")
    data = MAGIC + struct.pack("<I", len(head)) + head + bytes(blob)
    path.write_bytes(data)
    return len(data)


class GeonamesTable:
    """GeoNames' populated places and divisions, each record made into an :class:`Entry` only when a name
    that may mean it is looked up."""

    def __init__(self, data: bytes, iso3_of: Mapping[str, str], states: Mapping[str, str]) -> None:
        """Open the table over the file's bytes.

        Args:
            data: the content of ``geonames.bin``.
            iso3_of: ISO2 -> ISO3 country codes.
            states: US state code -> name (a US place's ``admin1`` is its state's name).

        Raises:
            ValueError: when the bytes are not a table file.
        """
        if not data.startswith(MAGIC):
            raise ValueError("not a gazetteer table (geonames.bin): rebuild it with `make gazetteer`")
        (size,) = struct.unpack_from("<I", data, len(MAGIC))
        start = len(MAGIC) + 4
        header: dict[str, Any] = json.loads(data[start : start + size])
        self._data = memoryview(data)[start + size :]
        self._row_offsets: list[int] = header["row_offsets"]
        self._key_offsets: list[int] = header["key_offsets"]
        self._key_firsts: list[str] = header["key_firsts"]
        self._city_firsts: list[int] = header["city_firsts"]
        self._cities: int = header["cities"]
        self._capitals = frozenset(header["capitals"].values())
        self.capitals: dict[str, int] = header["capitals"]
        self.bounds: dict[str, tuple[float, float, float, float]] = {
            iso2: (box[0], box[1], box[2], box[3]) for iso2, box in header["bounds"].items()
        }
        self._iso3_of = iso3_of
        self._states = states
        self._row_blocks: dict[int, list[str]] = {}
        self._key_blocks: dict[int, dict[str, str]] = {}
        self._made: dict[int, Entry] = {}
        self._extra: dict[str, Entry] = {}

    @classmethod
    def load(cls, iso3_of: Mapping[str, str], states: Mapping[str, str]) -> GeonamesTable:
        """Open the bundled table (reads the file and its header: a few milliseconds)."""
        data = resources.files("thucydides").joinpath("data", "places", "geonames.bin").read_bytes()
        return cls(data, iso3_of, states)

    def _unpack(self, offsets: list[int], block: int) -> str:
        return zlib.decompress(self._data[offsets[block] : offsets[block + 1]]).decode("utf-8")

    def _row(self, n: int) -> str:
        block, at = divmod(n, ROWS_PER_BLOCK)
        rows = self._row_blocks.get(block)
        if rows is None:
            if len(self._row_blocks) >= _CACHED_BLOCKS:
                self._row_blocks.clear()
            rows = self._row_blocks[block] = self._unpack(self._row_offsets, block).split("\n")
        return rows[at]

    def _ids(self, key: str) -> str | None:
        block = bisect_right(self._key_firsts, key) - 1
        if block < 0:
            return None
        found = self._key_blocks.get(block)
        if found is None:
            if len(self._key_blocks) >= _CACHED_BLOCKS:
                self._key_blocks.clear()
            lines = self._unpack(self._key_offsets, block).split("\n")
            found = self._key_blocks[block] = dict(line.split("\t", 1) for line in lines)
        return found.get(key)

    def well_known_names(self, min_population: int) -> Iterator[str]:
        """Primary names of the first-level divisions and of the towns of at least ``min_population``."""
        digits = len(str(min_population))  # a shorter population figure is smaller: no need to read it
        for block in range(len(self._row_offsets) - 1):  # read once, not cached: the rows of every block
            yield from _well_known(self._unpack(self._row_offsets, block).split("\n"), min_population, digits)

    def lookup(self, key: str) -> list[tuple[Entry, bool]]:
        """(entry, is primary name) pairs of a key."""
        ids = self._ids(key)
        if not ids:
            return []
        return [(self.entry(abs(int(i))), not i.startswith("-")) for i in ids.split(",")]

    def entry(self, n: int) -> Entry:
        """The entry of record ``n``."""
        entry = self._made.get(n)
        if entry is None:
            row = self._row(n).split("\t")
            if row[0] == "C":
                entry = _city_row(row, self._iso3_of, self._states)
                entry.capital = n in self._capitals
            elif row[0] == "V":
                entry = _village_row(row, self._iso3_of, self._states)
            else:
                entry = _division_row(row, self._iso3_of, self._states)
            self._made[n] = entry
        return entry

    def city(self, geonameid: int) -> Entry | None:
        """The populated place with a geonameid (the places are sorted by it)."""
        block = bisect_right(self._city_firsts, geonameid) - 1
        if block < 0:
            return None
        first = block * ROWS_PER_BLOCK
        for n in range(first, min(first + ROWS_PER_BLOCK, self._cities)):
            if self._row(n).split("\t", 2)[1] == str(geonameid):
                return self.entry(n)
        return None

    def division(self, code: str) -> Entry | None:
        """A division by its GeoNames code ("US.KY.125", "CA.02")."""
        found = self._extra.get(code)
        if found is None and (ids := self._ids("#" + code)):
            found = self.entry(int(ids.split(",")[0]))
        return found

    def add_divisions(self, entries: Mapping[str, Entry]) -> None:
        """Divisions from the project's tables (US states), found by :meth:`division` before the table's."""
        self._extra.update(entries)


def _city_row(row: list[str], iso3_of: Mapping[str, str], states: Mapping[str, str]) -> Entry:
    """A populated place: C id name lat lon cc admin1 admin2 population alternates."""
    return _town(row[2:8], iso3_of, states, geonameid=int(row[1]), population=int(row[8]))


def _village_row(row: list[str], iso3_of: Mapping[str, str], states: Mapping[str, str]) -> Entry:
    """A town GeoNames' table lacks (a post office's town, mostly a village): V name lat lon cc a1 a2."""
    return _town(row[1:7], iso3_of, states, village=True)


def _town(
    fields: list[str],
    iso3_of: Mapping[str, str],
    states: Mapping[str, str],
    geonameid: int | None = None,
    population: int = 0,
    village: bool = False,
) -> Entry:
    """The entry of a town from its fields name lat lon cc admin1 admin2 (a city's or a village's row)."""
    name, lat, lon, iso2, a1, a2 = fields
    iso3 = iso3_of.get(iso2)
    place = Place(
        name=name,
        country=iso3,
        admin1=states.get(a1) if iso2 == "US" else f"{iso2}.{a1}",
        lat=float(lat),
        lon=float(lon),
        geonameid=geonameid,
        precision="city",
    )
    return Entry(
        place,
        "city",
        population=population,
        context=(iso3,) if iso3 else (),
        a1=f"{iso2}.{a1}" if a1 else "",
        a2=f"{iso2}.{a1}.{a2}" if a1 and a2 else "",
        village=village,
    )


def _division_row(row: list[str], iso3_of: Mapping[str, str], states: Mapping[str, str]) -> Entry:
    """A division: A level code geonameid name lat lon population aliases type."""
    level, code = row[1], row[2]
    parts = code.split(".")
    iso3 = iso3_of.get(parts[0])
    kind: EntryKind = "admin1" if level == "1" else "admin2"
    place = Place(
        name=row[4],
        country=iso3,
        admin1=states.get(parts[1]) if parts[0] == "US" else ".".join(parts[:2]),
        lat=float(row[5]),
        lon=float(row[6]),
        geonameid=int(row[3]) if row[3] else None,
        precision="admin1",
    )
    return Entry(
        place,
        kind,
        population=int(row[7] or 0),
        context=(iso3,) if iso3 else (),
        a1=".".join(parts[:2]),
        a2=code if kind == "admin2" else "",
    )


def _well_known(rows: list[str], min_population: int, digits: int) -> Iterator[str]:
    """Primary names of the first-level divisions and of the towns of at least ``min_population`` in rows."""
    for row in rows:
        if row.startswith("C\t"):
            fields = row.split("\t", 9)
            if len(fields) > 8 and len(fields[8]) >= digits and int(fields[8]) >= min_population:
                yield fields[2]
        elif row.startswith("A\t1\t"):
            yield row.split("\t", 5)[4]
