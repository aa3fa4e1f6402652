"""A learned re-ranking of a place name's readings (issue 13): a logistic model over each name's candidates.

After the hand-weighted resolution (:mod:`thucydides.places.resolver`), every ambiguous name's readings are
described by a few features (the hand score and rank, kind, size, whether the reading lies in the country
and first-level division the story's other names were put in, its distance to those names' points ...)
and scored by a conditional logit (a logistic regression whose probabilities are normalised over the
name's readings). The weights are trained on the dev halves of the geoparsing sets by
``python -m thucydides.places.train_ranker`` and shipped as a small text table
(``data/places/ranker.tsv``: one line per feature, its mean, scale and weight), read with numpy. Without
that file the resolver keeps the hand ranking.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from thucydides.places.entry import Entry, distance_km
from thucydides.places.gazetteer import Reading

RANKER_FILE = "ranker.tsv"
MAX_CANDIDATES = 10  # the hand ranking's best readings that the model chooses between
_FAR_LOG_KM = 4.5  # log10 km given when there is no point to measure from (about 30,000 km)

FEATURES: tuple[str, ...] = (
    "hand_choice",  # the reading the hand-weighted resolution chose
    "score_gap",  # hand score less the best hand score among the name's readings
    "log_rank",  # log(1 + rank) in the hand ranking
    "base_gap",  # score without context less the best one
    "log_population",  # log10 of a town's population (0 for others)
    "kind_country",
    "kind_admin1",
    "kind_admin2",
    "kind_region",
    "primary",  # the name is the reading's own name, not an alternate
    "exact",  # ... spelt as written
    "support",  # how strongly the story's countries and divisions back it (hand resolver's measure)
    "capital",
    "lead_country",  # in the country leading the story's context
    "lead_admin1",  # in the first-level division leading it
    "share_country",  # share of the story's other resolved names put in its country
    "share_admin1",  # ... in its first-level division
    "admin1_named",  # its first-level division is itself a resolved name of the story
    "country_named",  # its country is a resolved name of the story
    "min_km",  # log10(1 + km) to the nearest of the story's other towns and counties
    "median_km",  # ... the median over them
    "has_points",  # whether the story has such other points
    "min_km_clear",  # log10(1 + km) to the nearest other name with a single reading
    "has_clear",
    "within_100km",  # a town or county of the story lies within 100 km
    "log_candidates",  # log of the number of readings
    "trust",  # how far the hand resolver lets context lift a town of this size
    "pop_gap",  # log10 population less the largest among the name's town readings (towns only)
    "coherent",  # log(1 + other names with some town or county reading within 100 km)
    "coherent_share",  # ... as a share of the other names that have such readings
)


@dataclass(frozen=True, slots=True)
class Story:
    """What the story's other names say, for one name's readings (see :func:`features`)."""

    lead_country: str
    lead_admin1: str
    countries: Mapping[str, int]  # of the other resolved names' chosen readings
    admin1s: Mapping[str, int]
    others: int
    named_admin1s: frozenset[str]
    named_countries: frozenset[str]
    points: Sequence[tuple[float, float]]  # the other towns' and counties' points
    clear: Sequence[tuple[float, float]]  # the other names' points that have a single reading


def _distances(entry: Entry, points: Sequence[tuple[float, float]]) -> list[float]:
    lat, lon = entry.place.lat, entry.place.lon
    if lat is None or lon is None or not points:
        return []
    return sorted(distance_km(lat, lon, plat, plon) for plat, plon in points)


def features(
    readings: Sequence[Reading],
    chosen: Entry,
    spelt: str,
    story: Story,
    coherent: Sequence[int],
    named: int,
) -> list[list[float]]:
    """One row of :data:`FEATURES` per reading (``readings`` in hand order, best first); ``coherent``:
    per reading, how many of the story's other names have a town or county reading within 100 km of it;
    ``named``: how many other names have town or county readings at all."""
    top_pop = max(
        (math.log10(max(r.entry.population, 1)) for r in readings if r.entry.kind == "city"), default=0.0
    )
    top_score = readings[0].score
    top_base = max(r.base for r in readings)
    log_n = math.log(len(readings))
    rows: list[list[float]] = []
    for rank, r in enumerate(readings):
        e = r.entry
        place = e.place
        country = place.country or ""
        near = _distances(e, story.points)
        clear = _distances(e, story.clear)
        min_km = math.log10(1 + near[0]) if near else _FAR_LOG_KM
        median_km = math.log10(1 + near[len(near) // 2]) if near else _FAR_LOG_KM
        min_clear = math.log10(1 + clear[0]) if clear else _FAR_LOG_KM
        rows.append(
            [
                1.0 if e is chosen else 0.0,
                max(-10.0, r.score - top_score),
                math.log1p(rank),
                max(-10.0, r.base - top_base),
                math.log10(max(e.population, 1)) if e.kind == "city" else 0.0,
                1.0 if e.kind == "country" else 0.0,
                1.0 if e.kind == "admin1" else 0.0,
                1.0 if e.kind == "admin2" else 0.0,
                1.0 if e.kind == "region" else 0.0,
                1.0 if r.primary else 0.0,
                1.0 if place.name.casefold() == spelt else 0.0,
                min(3.0, r.support),
                1.0 if e.capital else 0.0,
                1.0 if country and country == story.lead_country else 0.0,
                1.0 if e.a1 and e.a1 == story.lead_admin1 else 0.0,
                story.countries.get(country, 0) / story.others if story.others and country else 0.0,
                story.admin1s.get(e.a1, 0) / story.others if story.others and e.a1 else 0.0,
                1.0 if e.kind != "admin1" and e.a1 and e.a1 in story.named_admin1s else 0.0,
                1.0 if e.kind != "country" and country in story.named_countries else 0.0,
                min_km,
                median_km,
                1.0 if near else 0.0,
                min_clear,
                1.0 if clear else 0.0,
                1.0 if near and near[0] <= 100.0 else 0.0,
                log_n,
                e.trust(),
                math.log10(max(e.population, 1)) - top_pop if e.kind == "city" else 0.0,
                math.log1p(coherent[rank]),
                coherent[rank] / named if named else 0.0,
            ]
        )
    return rows


def coherence(
    candidates: Sequence[Sequence[tuple[float | None, float | None]]],
    points: Sequence[Sequence[tuple[float, float]]],
    km: float = 100.0,
) -> list[list[int]]:
    """For each name's candidates (points, None where a reading has none), how many OTHER names have one
    of their ``points`` (the towns and counties among their readings) within ``km`` of it."""
    flat = [(g, lat, lon) for g, group in enumerate(points) for lat, lon in group]
    out = [[0] * len(group) for group in candidates]
    if not flat:
        return out
    owner = np.array([g for g, _, _ in flat])
    plat = np.radians([lat for _, lat, _ in flat])
    plon = np.radians([lon for _, _, lon in flat])
    rows = [
        (g, n, lat, lon)
        for g, group in enumerate(candidates)
        for n, (lat, lon) in enumerate(group)
        if lat is not None and lon is not None
    ]
    if not rows:
        return out
    clat = np.radians([r[2] for r in rows])[:, None]
    clon = np.radians([r[3] for r in rows])[:, None]
    a = np.sin((plat - clat) / 2) ** 2 + np.cos(clat) * np.cos(plat) * np.sin((plon - clon) / 2) ** 2
    near = 2 * 6371.0 * np.arcsin(np.minimum(1.0, np.sqrt(a))) <= km
    groups = len(points)
    by_name = np.zeros((len(rows), groups), dtype=bool)
    for g in range(groups):
        mask = owner == g
        if mask.any():
            by_name[:, g] = near[:, mask].any(axis=1)
    for k, (g, n, _, _) in enumerate(rows):
        out[g][n] = int(by_name[k].sum() - by_name[k, g])
    return out


class Ranker:
    """The trained weights: ``score(rows)`` gives each reading's probability among the name's readings."""

    def __init__(self, mean: np.ndarray, scale: np.ndarray, weight: np.ndarray) -> None:
        self.mean = mean
        self.scale = scale
        self.weight = weight

    @classmethod
    def load(cls, text: str | None = None) -> Ranker | None:
        """The bundled model (``data/places/ranker.tsv``), or None when none is shipped or it does not
        match :data:`FEATURES`."""
        if text is None:
            source = resources.files("thucydides").joinpath("data", "places", RANKER_FILE)
            if not source.is_file():
                return None
            text = source.read_text(encoding="utf-8")
        names = [
            line.split("\t", 1)[0] for line in text.splitlines() if line.strip() and not line.startswith("#")
        ]
        if tuple(names) != FEATURES:
            return None
        table = np.loadtxt(io.StringIO(text), comments="#", delimiter="\t", usecols=(1, 2, 3), ndmin=2)
        return cls(table[:, 0], table[:, 1], table[:, 2])

    def dump(self) -> str:
        """The weights as the text table :meth:`load` reads."""
        lines = ["# feature\tmean\tscale\tweight (python -m thucydides.places.train_ranker)"]
        for name, m, s, w in zip(FEATURES, self.mean, self.scale, self.weight, strict=True):
            lines.append(f"{name}\t{m:.6g}\t{s:.6g}\t{w:.6g}")
        return "\n".join(lines) + "\n"

    def score(self, rows: Sequence[Sequence[float]]) -> list[float]:
        x = (np.asarray(rows, dtype=float) - self.mean) / self.scale
        z = x @ self.weight
        z = np.exp(z - z.max())
        return [float(v) for v in z / z.sum()]
