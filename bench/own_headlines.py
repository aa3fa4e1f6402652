"""Score the coder on ``bench/own_headlines.jsonl``: 232 headlines written for this project (never copied),
in Title Case, ALL CAPS and sentence case, across the PLOVER types and hard negatives (features, sports,
business, markets), each labelled with the PLOVER type of its main event (or ``NONE``) and, where the
headline names them, the country of its source and target (ISO 3166 alpha-3).

The set is split by a hash of the headline as written (``own_sentences.half``): rules are written from the
``dev`` half only (``-v`` lists its misses); the ``test`` half is scored for figures only.

    PYTHONPATH=src .venv/bin/python bench/own_headlines.py [--split dev|test] [-v]

A headline's type is right when its most confident event has the labelled type (no event for ``NONE``); its
actors are right when, besides, that event's source (target) country is the labelled one, for each given.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from thucydides.pipeline import Options, Pipeline
from thucydides.record import Document

sys.path.insert(0, str(Path(__file__).resolve().parent))
from own_sentences import labelled, ranked  # noqa: E402

PATH = Path(__file__).with_name("own_headlines.jsonl")


def headlines(split: str) -> tuple[list[dict[str, Any]], list[Document]]:
    """The labelled headlines of one half, and a document for each."""
    return labelled(PATH, split, "head")


def _country(actor: Any) -> str | None:
    return actor.country if actor is not None else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("-v", action="store_true", help="list the dev half's misses")
    args = parser.parse_args()
    items, docs = headlines(args.split)
    pipeline = Pipeline(Options())
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_case: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    actors = [0, 0]
    confusions: Counter[tuple[str, str]] = Counter()
    for it, doc in zip(items, pipeline.run(docs), strict=True):
        events = ranked(doc)
        top = events[0] if events else None
        got = top.event_type if top else "NONE"
        right = got == it["type"]
        for table, key in ((per_type, it["type"]), (per_case, it["case"])):
            table[key][0] += right
            table[key][1] += 1
        wanted = [(k, it.get(k)) for k in ("source", "target") if it.get(k)]
        actors_right = True
        if wanted:
            actors_right = right and top is not None
            actors_right = actors_right and all(_country(getattr(top, k)) == v for k, v in wanted)
            actors[0] += actors_right
            actors[1] += 1
        if not right:
            confusions[(it["type"], got)] += 1
        if args.v and args.split == "dev" and not (right and actors_right):
            listed = ", ".join(
                f"{e.event_type}/{e.cameo} '{e.trigger}' {_country(e.source)}->{_country(e.target)} "
                f"{e.confidence:.2f}"
                for e in events
            )
            want = " ".join(f"{k}={v}" for k, v in wanted)
            print(f"  {it['type']:9s} {want:21s} <- {listed or 'nothing'}: {it['text']}")
    right_n = sum(v[0] for v in per_type.values())
    total = sum(v[1] for v in per_type.values())
    print(f"{args.split} half: top type right {right_n}/{total} = {right_n / total:.3f}; "
          f"with actors right {actors[0]}/{actors[1]} = {actors[0] / max(actors[1], 1):.3f}")  # fmt: skip
    print("  by case: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(per_case.items())))
    print("  by type: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(per_type.items())))
    print("  most frequent confusions (gold -> coded): "
          + ", ".join(f"{g}->{t} {n}" for (g, t), n in confusions.most_common(12)))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
