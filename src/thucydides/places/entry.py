"""A gazetteer record and what ranking it needs: kind, size, capital status, the codes of its divisions."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from thucydides.record import Place

EntryKind = Literal["country", "admin1", "admin2", "region", "city"]

EARTH_KM = 6371.0

_BASE_SCORE: dict[str, float] = {"country": 9.0, "admin1": 6.3, "admin2": 5.0, "region": 7.0}
_SMALL_TOWN_LOG = 4.0  # log10 of the population below which context lifts nothing
_TRUST_SPAN = 1.5


@dataclass(eq=False, slots=True)
class Entry:
    """One gazetteer record with what the ranking needs."""

    place: Place
    kind: EntryKind
    population: int = 0
    capital: bool = False
    prior: float = 0.0
    context: tuple[str, ...] = ()
    a1: str = ""  # GeoNames code of the first-level division ("US.KY"), when known
    a2: str = ""  # ... of the second-level division ("US.KY.125")
    village: bool = False  # a town GeoNames' table lacks (a post office's town): no population, no geonameid

    def base_score(self) -> float:
        if self.kind == "city":
            score = math.log10(max(self.population, 1000))
            return score + self.prior
        return _BASE_SCORE[self.kind] + self.prior

    def trust(self) -> float:
        """How far the document's countries may lift this entry (0..1): a small town needs more than
        a shared country to beat a famous namesake."""
        if self.kind != "city":
            return 1.0
        if self.village:
            return 0.0  # lifted by no country, like a hamlet
        if self.population <= 0:
            # a row of the project's own table has no population (see ``prior``); a GeoNames town
            # without one is a hamlet ("Hartford" in England), lifted by no country
            return 1.0 if self.place.geonameid is None else 0.0
        return max(0.0, min(1.0, (math.log10(self.population) - _SMALL_TOWN_LOG) / _TRUST_SPAN))

    def describe(self) -> str:
        country = self.place.country or "no single country"
        if self.village:
            return f"village in {country}"
        if self.kind == "city":
            text = f"city of {_people(self.population)} in {country}"
            return text + ("; capital" if self.capital else "")
        if self.kind == "country":
            return f"country {country}"
        if self.kind == "admin1":
            return f"first-level division of {country}"
        if self.kind == "admin2":
            return f"second-level division of {country}"
        return f"region in {country}" if self.place.country else "region spanning several countries"


def _people(population: int) -> str:
    if population >= 1_000_000:
        return f"{population / 1_000_000:.1f}M"
    return f"{population // 1000}k"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))
