"""Train the learned ranking of place readings (:mod:`thucydides.places.ranker`); build time only.

    python -m thucydides.places.train_ranker             # cross-validate; write the model if it wins
    python -m thucydides.places.train_ranker --no-write  # cross-validate only

Reads the DEV halves of ``../shared/gold/places_dev/{lgl,trnews,geovirus}.jsonl`` (split by
:mod:`thucydides.splits`; the test halves are never read). Each article is coded up to the place stage
with the hand ranking alone; every ambiguous name's readings (the resolver's ``collect`` hook) are
labelled by the gold names that the name's mentions are scored against: a reading is right for a gold
name when it lies within 161 km of the gold point. The model is a conditional logit (a logistic
regression normalised over each name's readings, L2-penalised, plain numpy), trained to put the mass on
right readings. Cross-validation by document (folds over the three sets' dev articles together)
compares, per set, the share of gold names found and within 161 km with the hand choice and with the
model's choice on the held-out folds. The model is written (trained on all the dev articles) only when
it wins: better on every set, or by :data:`CLEAR_GAIN` on LGL with no loss elsewhere (``--force``
writes it anyway); otherwise a model written before is removed, and the resolver keeps the hand
ranking.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from thucydides.evalsets.places import (
    WITHIN_KM,
    PlacesReport,
    distance_km,
    parsed_documents,
    place_stages,
    read_records,
    score,
)
from thucydides.places.ranker import FEATURES, RANKER_FILE, Ranker
from thucydides.splits import select

ROOT = Path(__file__).resolve().parents[3]
SETS = ("lgl", "trnews", "geovirus")
CLEAR_GAIN = 0.01  # a gain on LGL that ships the model when the other sets lose nothing


@dataclass(slots=True)
class Instance:
    """One gold name scored against one ambiguous name's readings."""

    set_name: str
    doc: str
    rows: np.ndarray  # readings x features
    right: np.ndarray  # bool per reading: within 161 km of the gold point
    km: np.ndarray  # per reading: km from the gold point (inf where the reading has no point)
    hand: int  # index of the hand resolution's reading


def collect(gold_dir: Path) -> tuple[list[Instance], dict[str, PlacesReport]]:
    """The dev halves' instances and the hand ranking's reports (one per set)."""
    from thucydides.pipeline import Options, Pipeline
    from thucydides.places import PlaceResolver

    pipe = Pipeline(Options(batch_size=64))
    stages = place_stages(pipe)
    resolver = next(stage for stage in stages if isinstance(stage, PlaceResolver))
    resolver.ranker = None
    instances: list[Instance] = []
    reports: dict[str, PlacesReport] = {}
    for set_name in SETS:
        path = gold_dir / f"{set_name}.jsonl"
        records = list(select(set_name, read_records(path), "dev"))
        by_id = {str(r["id"]): r for r in records}
        report = reports[set_name] = PlacesReport(str(path), split="dev")
        for doc in parsed_documents(records, pipe):
            groups: list[dict[str, Any]] = []
            resolver.collect = groups
            for stage in stages:
                doc = stage(doc)
            resolver.collect = None
            rec = by_id[doc.id]
            score(report, rec, doc.places)
            instances += _label(set_name, doc.id, rec, doc.places, groups)
    return instances, reports


def _label(
    set_name: str, doc_id: str, rec: dict[str, Any], mentions: Sequence[Any], groups: Sequence[dict[str, Any]]
) -> list[Instance]:
    """An instance for every gold name whose scored mention (as :func:`score` picks it) is one of a
    ranked name's mentions."""
    owner: dict[tuple[int, int], int] = {}
    for n, group in enumerate(groups):
        for start, end in group["spans"]:
            owner.setdefault((start, end), n)
    out: list[Instance] = []
    for t in rec.get("toponyms") or ():
        if t.get("lat") is None or t.get("lon") is None:
            continue
        start, end = int(t["start"]), int(t["end"])
        over = [m for m in mentions if m.start < end and start < m.end]
        if not over:
            continue
        best = max(over, key=lambda m: min(m.end, end) - max(m.start, start))
        which = owner.get((best.start, best.end))
        if which is None or best.reason.startswith("site in"):
            continue
        group = groups[which]
        km = np.array(
            [
                distance_km(lat, lon, float(t["lat"]), float(t["lon"]))
                if lat is not None and lon is not None
                else np.inf
                for lat, lon in group["points"]
            ]
        )
        rows = np.asarray(group["rows"], dtype=float)
        out.append(Instance(set_name, doc_id, rows, km <= WITHIN_KM, km, group["hand"]))
    return out


def train(instances: Sequence[Instance], l2: float = 1.0, steps: int = 600) -> Ranker:
    """Fit the conditional logit on the instances that have a right and a wrong reading."""
    useful = [i for i in instances if i.right.any() and not i.right.all()]
    x = np.concatenate([i.rows for i in useful])
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    x = (x - mean) / scale
    right = np.concatenate([i.right for i in useful]).astype(float)
    sizes = np.array([len(i.right) for i in useful])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    group = np.repeat(np.arange(len(useful)), sizes)
    w = np.zeros(x.shape[1])
    # Adam on the mean negative log-likelihood plus the L2 penalty
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    rate, b1, b2 = 0.05, 0.9, 0.999
    n = len(useful)
    for step in range(1, steps + 1):
        z = x @ w
        z -= np.maximum.reduceat(z, starts)[group]
        e = np.exp(z)
        p = e / np.add.reduceat(e, starts)[group]
        pr = p * right
        q = pr / np.add.reduceat(pr, starts)[group]
        grad = x.T @ (p - q) / n + l2 * w / n
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad**2
        w -= rate * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + 1e-8)
    return Ranker(mean, scale, w)


def _fold(doc: str, set_name: str, folds: int) -> int:
    return int(hashlib.sha256(f"{set_name}:{doc}".encode()).hexdigest(), 16) % folds


def choose(ranker: Ranker, inst: Instance) -> int:
    probs = ranker.score(inst.rows.tolist())
    return max(range(len(probs)), key=probs.__getitem__)


def cross_validate(
    instances: Sequence[Instance], reports: dict[str, PlacesReport], folds: int, l2: float
) -> dict[str, tuple[float, float, int, int, float | None, float | None]]:
    """Per set: (hand share within 161 km, model share, names the model fixes, names it breaks, median
    error in km of the names found with the hand choice and with the model's)."""
    gained = {s: [0, 0] for s in SETS}
    errors = {s: list(reports[s].errors) for s in SETS}
    for k in range(folds):
        train_on = [i for i in instances if _fold(i.doc, i.set_name, folds) != k]
        ranker = train(train_on, l2=l2)
        for inst in instances:
            if _fold(inst.doc, inst.set_name, folds) != k:
                continue
            pick = choose(ranker, inst)
            if pick != inst.hand and np.isfinite(inst.km[inst.hand]) and errors[inst.set_name]:
                found = errors[inst.set_name]
                n = min(range(len(found)), key=lambda j: abs(found[j] - inst.km[inst.hand]))
                found[n] = float(inst.km[pick])
            if pick != inst.hand:
                if inst.right[pick] and not inst.right[inst.hand]:
                    gained[inst.set_name][0] += 1
                elif inst.right[inst.hand] and not inst.right[pick]:
                    gained[inst.set_name][1] += 1
    out = {}
    for s in SETS:
        r = reports[s]
        fixed, broken = gained[s]
        after = round(statistics.median(errors[s]), 1) if errors[s] else None
        out[s] = (r.accuracy, (r.within + fixed - broken) / r.gold, fixed, broken, r.median_km, after)
    return out


def wins_over_hand(results: dict[str, tuple[float, float, int, int, float | None, float | None]]) -> bool:
    """Better on every set, or clearly better on LGL and no worse on the others."""
    gains = {s: r[1] - r[0] for s, r in results.items()}
    if all(g > 0 for g in gains.values()):
        return True
    return gains.get("lgl", 0.0) >= CLEAR_GAIN and all(g >= 0 for g in gains.values())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold" / "places_dev")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=10.0)
    parser.add_argument("--no-write", action="store_true", help="cross-validate only")
    parser.add_argument("--force", action="store_true", help="write the model even when it does not win")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "src" / "thucydides" / "data" / "places" / RANKER_FILE
    )
    args = parser.parse_args(argv)
    if not args.gold.is_dir():
        sys.stderr.write(f"error: no gold directory {args.gold}\n")
        return 2
    instances, reports = collect(args.gold)
    useful = sum(1 for i in instances if i.right.any() and not i.right.all())
    print(f"{len(instances)} gold names on ambiguous names, {useful} with a right and a wrong reading")
    print(f"cross-validation by document, {args.folds} folds, L2 {args.l2}:")
    results = cross_validate(instances, reports, args.folds, args.l2)
    for s, (hand, model, fixed, broken, km_hand, km_model) in results.items():
        print(
            f"  {s}: hand {hand:.4f} -> model {model:.4f} ({fixed} fixed, {broken} broken);"
            f" median error {km_hand} -> {km_model} km"
        )
    wins = wins_over_hand(results)
    print("the model " + ("wins" if wins else "does not win over the hand ranking"))
    if args.no_write:
        return 0
    if not wins and not args.force:
        if args.out.is_file():
            args.out.unlink()
            print(f"removed {args.out}: the resolver keeps the hand ranking")
        return 0
    ranker = train(instances, l2=args.l2)
    args.out.write_text(ranker.dump(), encoding="utf-8")
    print(f"wrote {args.out}")
    for name, w in zip(FEATURES, ranker.weight, strict=True):
        print(f"  {name:16s} {w:+.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
