"""Readable names: countries by ISO3 code and sectors by CAMEO sector code (for the dashboard).

Read once from the package's data files (``data/actors/countries.csv``, ``data/sector_names.csv``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from importlib import resources


def _rows(*parts: str) -> list[dict[str, str]]:
    text = resources.files("thucydides").joinpath("data", *parts).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@dataclass(slots=True)
class Names:
    """Country and sector names, with the code itself as the fallback."""

    countries: dict[str, str] = field(default_factory=dict)
    sectors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Names:
        """The bundled names."""
        return cls(
            countries={r["iso3"]: r["name"] for r in _rows("actors", "countries.csv")},
            sectors={r["code"]: r["label"] for r in _rows("sector_names.csv")},
        )

    def country(self, iso3: str | None) -> str | None:
        """``United States`` for ``USA``; the code itself when unknown, None for None."""
        if not iso3:
            return None
        return self.countries.get(iso3.upper(), iso3.upper())

    def actor_code(self, code: str, country: str | None, sector: str | None) -> str:
        """A CAMEO actor code in words: ``USAGOV`` → ``United States government``."""
        place = self.country(country) if country and country not in ("IGO", "NGO") else None
        part = self.sectors.get(sector or "", sector or "") if sector else ""
        if place and part:
            return f"{place} {part}"
        return place or part or code
