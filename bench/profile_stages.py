"""Time (or profile) the stages after spaCy on documents parsed once, without re-parsing.

    .venv/bin/python bench/profile_stages.py [PATH ...] [--repeat 3] [--profile actors|events] [--top 25]

The documents (default: ``corpus/sample``) are read and parsed once; then each stage after the parse
(actors, dates, places, events and those after them) runs over all of them ``--repeat`` times, each pass on
fresh copies of the documents, and the best pass is reported per stage, with each stage's share of the
parse (timed once) and the stages together. Caches of pure functions that outlive a
document (``functools.lru_cache``) are cleared before every pass, so repeated texts are not cheaper than
new ones. ``--profile STAGE`` prints a cProfile of that stage over one pass instead.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import pstats
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def clear_caches() -> None:
    """Empty the bounded caches of the actor stage's pure functions (if it has any)."""
    from thucydides.actors import kb, names

    for mod in (names, kb):
        for obj in vars(mod).values():
            clear = getattr(obj, "cache_clear", None)
            if callable(clear):
                clear()


_SHORT = {
    "ActorResolver": "actors",
    "DateResolver": "dates",
    "PlaceResolver": "places",
    "EventCoder": "events",
}


def _stage_name(stage: Any) -> str:
    """A stage's short name: its class's ("ArticleSalience" -> "article_salience")."""
    name = type(stage).__name__
    return _SHORT.get(name) or re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "corpus" / "sample")])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", help="a stage's name: actors, dates, places, events, article_salience, ...")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()

    from thucydides.pipeline import Options, Pipeline
    from thucydides.read import ReadOptions, read_documents
    from thucydides.record import Document

    pipe = Pipeline(Options(keep_parse=True))
    stages = {_stage_name(stage): stage for stage in pipe.post}
    docs: list[Document] = []
    for item in read_documents(args.paths, ReadOptions()):
        if isinstance(item, Document):
            out = pipe._through(pipe.pre, item)
            if isinstance(out, Document):
                docs.append(out)
    assert pipe.nlp is not None
    started = time.perf_counter()
    docs = pipe.nlp.pipe(docs)
    parse = time.perf_counter() - started
    print(f"{len(docs)} documents parsed", file=sys.stderr)

    def fresh() -> list[Document]:
        out = []
        for d in docs:
            c = copy.copy(d)  # the parse is shared (read-only); the stage outputs are new
            c.actors, c.dates, c.places, c.events = [], [], [], []
            out.append(c)
        return out

    def one_pass(upto: str, prof: Any = None) -> dict[str, float]:
        clear_caches()
        times: dict[str, float] = {}
        work = fresh()
        for name, stage in stages.items():
            t = time.perf_counter()
            if prof is not None and name == upto:
                prof.enable()
            work = [stage(d) for d in work]
            if prof is not None and name == upto:
                prof.disable()
            times[name] = time.perf_counter() - t
            if name == upto:
                break
        return times

    if args.profile:
        prof = cProfile.Profile()
        one_pass(args.profile, prof)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(args.top)
        return 0
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for name, s in one_pass("").items():
            best[name] = min(best.get(name, s), s)
    total = parse + sum(best.values())
    print(f"{'nlp':8s} {parse:7.3f} s  {1000 * parse / len(docs):6.2f} ms/doc  {100 * parse / total:5.1f} %")
    for name, s in best.items():
        print(f"{name:8s} {s:7.3f} s  {1000 * s / len(docs):6.2f} ms/doc  {100 * s / total:5.1f} %")
    share = 100 * (best["dates"] + best["places"]) / total
    print(f"dates + places: {share:.1f} % of parse and stages (one parse, the stages' best pass)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
