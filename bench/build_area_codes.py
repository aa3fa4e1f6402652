"""Build ``src/thucydides/data/places/area_codes.csv``: the first-level division (GeoNames code, "US.NJ",
"CA.08") of each telephone area code of the United States and Canada, from the PyPI package
``phonenumbers`` (its geocoding data; build time only, like ``zipcodes`` for the gazetteer).

    make gazetteer    # installs phonenumbers==9.0.43 (build time only), runs this after the gazetteer

An area code names the state or province its numbers lie in; the code is kept only where the package
puts every number it describes under that one division (codes shared by two states are left out).
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

import phonenumbers
from phonenumbers import geocoder

from thucydides.places import Gazetteer, normalize_name

OUT = Path(__file__).resolve().parents[1] / "src" / "thucydides" / "data" / "places" / "area_codes.csv"
# names the package writes otherwise than the gazetteer does
_RENAMED = {"Washington State": "Washington", "Washington D.C.": "District of Columbia"}


def _division(gazetteer: Gazetteer, name: str) -> str | None:
    """The GeoNames code of a US state or a Canadian province, by its name or its postal code."""
    name = _RENAMED.get(name, name)
    if len(name) == 2 and name.isupper():
        return f"US.{name}"
    for entry, primary in gazetteer.entries(normalize_name(name)):
        if primary and entry.kind == "admin1" and entry.place.country in ("USA", "CAN") and entry.a1:
            return entry.a1
    return None


def main() -> None:
    gazetteer = Gazetteer.load()
    rows: list[tuple[int, str]] = []
    for code in range(200, 1000):
        seen: Counter[str] = Counter()
        for first in "23456789":
            number = phonenumbers.parse(f"+1{code}{first}000000")
            if not phonenumbers.is_valid_number(number):
                continue
            where = geocoder.description_for_number(number, "en")
            division = _division(gazetteer, where.split(", ")[-1]) if where else None
            seen[division or "?"] += 1
        if len(seen) == 1 and "?" not in seen:
            rows.append((code, next(iter(seen))))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# Telephone area code -> first-level division (bench/build_area_codes.py, from phonenumbers)\n"
        )
        writer = csv.writer(handle)
        writer.writerow(["code", "admin1"])
        writer.writerows(rows)
    print(f"{len(rows)} area codes -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
