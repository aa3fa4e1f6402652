"""Geoparsing gold (``places_dev/*.jsonl``): toponyms with offsets and true coordinates.

Each line is one article: ``id``, ``text``, optionally ``published``, and ``toponyms``, each with
``start``/``end`` offsets into ``text`` and the gold ``lat``/``lon``. The articles are coded up to the
place stage (the parse is cached on disk, see :func:`parsed_documents`) and every gold toponym is scored:

- *found*: a place mention of the coder overlaps the gold span;
- *within 161 km*: found, and the mention's coordinates lie within 161 km (100 miles) of the gold point
  (the usual geoparsing score, "accuracy@161"; the share of all gold toponyms);
- the median error in km of the found toponyms that have coordinates.
"""

from __future__ import annotations

import hashlib
import json
import os
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from thucydides.places.entry import distance_km
from thucydides.record import Document, PlaceMention
from thucydides.splits import Half, select

WITHIN_KM = 161.0
MISSES_SHOWN = 40


def is_places_file(path: Path) -> bool:
    """Whether ``path`` is a JSONL file of articles with ``toponyms``."""
    if path.suffix.lower() != ".jsonl":
        return False
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                first = json.loads(line)
                return isinstance(first, dict) and "toponyms" in first and "text" in first
    return False


def read_records(path: Path) -> list[dict[str, Any]]:
    """The articles of a places gold file, skipping blank lines."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@dataclass(slots=True)
class PlacesReport:
    """Scores of the place stage on one geoparsing gold file."""

    gold_file: str
    split: str = "all"
    documents: int = 0
    gold: int = 0
    found: int = 0
    within: int = 0
    predicted: int = 0  # place mentions the coder produced in the scored documents
    predicted_matched: int = 0  # of them, those that overlap a gold toponym
    errors: list[float] = field(default_factory=list)  # km, of the found toponyms with coordinates
    misses: list[str] = field(default_factory=list)
    kind: str = "places"

    @property
    def accuracy(self) -> float:
        """Share of gold toponyms found and placed within 161 km."""
        return self.within / self.gold if self.gold else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def within_of_found(self) -> float:
        return self.within / self.found if self.found else 0.0

    @property
    def precision(self) -> float:
        return self.predicted_matched / self.predicted if self.predicted else 0.0

    @property
    def median_km(self) -> float | None:
        return round(statistics.median(self.errors), 1) if self.errors else None

    def to_json(self) -> dict[str, Any]:
        return {
            "gold_file": self.gold_file,
            "kind": self.kind,
            "split": self.split,
            "documents": self.documents,
            "gold_toponyms": self.gold,
            "found": self.found,
            "within_161km": self.within,
            "accuracy_161km": round(self.accuracy, 4),
            "recall": round(self.recall, 4),
            "within_161km_of_found": round(self.within_of_found, 4),
            "median_error_km": self.median_km,
            "predicted_mentions": self.predicted,
            "precision": round(self.precision, 4),
            "misses": list(self.misses),
        }

    def format_table(self) -> str:
        lines = [
            f"gold: {self.gold_file} (split {self.split}, {self.documents} documents)",
            f"gold toponyms: {self.gold}",
            f"found and within {WITHIN_KM:.0f} km: {self.within}/{self.gold} ({self.accuracy:.3f})",
            f"found (a place mention overlaps the name): {self.found} (recall {self.recall:.3f})",
            f"within {WITHIN_KM:.0f} km of those found: {self.within_of_found:.3f}",
            f"median error of those found: {self.median_km} km",
            f"place mentions overlapping a gold name: {self.predicted_matched}/{self.predicted} "
            f"(precision {self.precision:.3f}; the gold may not name every place)",
            "",
            f"misses (first {MISSES_SHOWN}):",
            *(f"  {m}" for m in self.misses[:MISSES_SHOWN]),
        ]
        return "\n".join(lines) + "\n"


def _cache_dir() -> Path:
    base = os.environ.get("THUCYDIDES_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "thucydides")
    return Path(base) / "parses"


def _documents(records: Sequence[dict[str, Any]]) -> list[Document]:
    docs = []
    for rec in records:
        published = None
        if rec.get("published"):
            try:
                published = date.fromisoformat(str(rec["published"])[:10])
            except ValueError:
                published = None
        docs.append(
            Document(
                id=str(rec["id"]),
                raw=str(rec["text"]),
                published=published,
                published_how="given" if published else "none",
            )
        )
    return docs


def parsed_documents(records: Sequence[dict[str, Any]], pipeline: Any, cache: bool = True) -> list[Document]:
    """The records as documents through the stages before the parse, parsed (from a DocBin cache on disk
    when the same texts were parsed before with the same model), with no later stage run yet.

    The cache lives under ``$THUCYDIDES_CACHE/parses`` (default ``~/.cache/thucydides/parses``).
    """
    from spacy.tokens import DocBin

    docs = [d for d in (pipeline.prepare(doc) for doc in _documents(records)) if isinstance(d, Document)]
    nlp = pipeline.nlp.nlp
    digest = hashlib.sha256()
    digest.update(f"{nlp.meta.get('name')}-{nlp.meta.get('version')}-{nlp.pipe_names}".encode())
    for doc in docs:
        digest.update(doc.body.encode("utf-8") + b"\0")
    path = _cache_dir() / f"{digest.hexdigest()[:24]}.spacy"
    if cache and path.is_file():
        parses = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if len(parses) == len(docs):
            for doc, parse in zip(docs, parses, strict=True):
                doc.nlp = parse
            return docs
    docs = pipeline.nlp.pipe(docs)
    if cache:
        path.parent.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin(store_user_data=False)
        for doc in docs:
            bin_.add(doc.nlp)
        bin_.to_disk(path)
    return docs


def place_stages(pipeline: Any) -> list[Any]:
    """The pipeline's stages after the parse up to and including the place resolver."""
    from thucydides.places import PlaceResolver

    stages: list[Any] = []
    for stage in pipeline.post:
        stages.append(stage)
        if isinstance(stage, PlaceResolver):
            return stages
    raise ValueError("the pipeline has no place stage")


def score(report: PlacesReport, rec: dict[str, Any], mentions: Iterable[PlaceMention]) -> None:
    """Add one article's gold toponyms and the coder's place mentions to ``report``."""
    mentions = list(mentions)
    gold = [t for t in rec.get("toponyms") or () if t.get("lat") is not None and t.get("lon") is not None]
    report.documents += 1
    report.predicted += len(mentions)
    report.predicted_matched += sum(
        1 for m in mentions if any(m.start < int(t["end"]) and int(t["start"]) < m.end for t in gold)
    )
    for t in gold:
        start, end = int(t["start"]), int(t["end"])
        report.gold += 1
        over = [m for m in mentions if m.start < end and start < m.end]
        if not over:
            report.misses.append(f"{rec['id']}: '{t.get('text', '')}' not found")
            continue
        report.found += 1
        best = max(over, key=lambda m: min(m.end, end) - max(m.start, start))
        place = best.place
        if place.lat is None or place.lon is None:
            report.misses.append(
                f"{rec['id']}: '{t.get('text', '')}' found as '{best.text}' without coordinates"
            )
            continue
        km = distance_km(place.lat, place.lon, float(t["lat"]), float(t["lon"]))
        report.errors.append(km)
        if km <= WITHIN_KM:
            report.within += 1
        else:
            report.misses.append(
                f"{rec['id']}: '{t.get('text', '')}' put at {place.name} ({place.country}) {km:.0f} km off"
                f" [{best.reason}]"
            )


def evaluate_places(path: Path, pipeline: Any, half: Half | None = None, cache: bool = True) -> PlacesReport:
    """Score the place stage on a geoparsing gold file (one half of it with ``half``).

    The set's name for the split is the file's stem (``lgl``, ``trnews``, ``geovirus``).
    """
    records = list(select(path.stem, read_records(path), half))
    report = PlacesReport(str(path), split=half or "all")
    docs = parsed_documents(records, pipeline, cache=cache)
    stages = place_stages(pipeline)
    by_id = {str(r["id"]): r for r in records}
    for doc in docs:
        for stage in stages:
            doc = stage(doc)
        score(report, by_id[doc.id], doc.places)
    return report
