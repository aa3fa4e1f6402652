"""A/B timing of the event coder: this checkout's against another commit's, in one process, in turns.

    .venv/bin/python bench/coder_ab.py OLD_COMMIT [--passes 24] [PATH ...]

On a shared machine the load changes from one minute to the next, so two runs of a timer are hard to
compare. Here the other commit's package is unpacked (``git archive``) under another name
(``thucyold``), both pipelines are built, the documents (default: ``corpus/sample``) are parsed once and
run through each version's stages before the coder, and then the two coders alternate over the same
parses, pass by pass (the order swapped every pass), timed in CPU seconds. Each version's best and median
pass are printed with their ratio; ``OLD_COMMIT`` = ``HEAD`` gives the noise of the method itself.
"""

from __future__ import annotations

import argparse
import copy
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def unpack(commit: str, into: Path) -> None:
    """The package of ``commit`` as ``into/thucyold`` (every ``thucydides`` module name renamed)."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "src/thucydides"], capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    pkg = into / "thucyold"
    (into / "src" / "thucydides").rename(pkg)
    for path in pkg.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("thucydides.", "thucyold.").replace('"thucydides"', '"thucyold"'), encoding="utf-8"
        )


def old_coding(docs: list[Any]) -> tuple[Any, list[Any]]:
    """The old version's coder and its copies of the documents, through its stages before the coder."""
    from thucyold.actors import ActorResolver, KnowledgeBase  # type: ignore[import-not-found]
    from thucyold.dates import DateResolver  # type: ignore[import-not-found]
    from thucyold.events import EventCoder  # type: ignore[import-not-found]
    from thucyold.events.model import SentenceEventModel  # type: ignore[import-not-found]
    from thucyold.ontology import Ontology  # type: ignore[import-not-found]
    from thucyold.places import Gazetteer, PlaceResolver  # type: ignore[import-not-found]
    from thucyold.record import Document  # type: ignore[import-not-found]

    kb, dates, gazetteer = KnowledgeBase.load(), DateResolver(), Gazetteer.load()
    stages = [ActorResolver(kb), dates, PlaceResolver(gazetteer, kb.successions)]
    coder = EventCoder(
        Ontology.load(), gazetteer=gazetteer, numbers=dates.vocab.numbers, model=SentenceEventModel.load()
    )
    out = []
    for d in docs:
        o = Document(id=d.id, raw=d.raw, text=d.text, published=d.published)
        o.nlp = d.nlp
        for stage in stages:
            o = stage(o)
        out.append(o)
    return coder, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old")
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "corpus" / "sample")])
    ap.add_argument("--passes", type=int, default=24)
    args = ap.parse_args()

    from thucydides.events import EventCoder
    from thucydides.pipeline import Options, Pipeline
    from thucydides.read import ReadOptions, read_documents
    from thucydides.record import Document

    tmp = Path(tempfile.mkdtemp(prefix="coder_ab_"))
    unpack(args.old, tmp)
    sys.path.insert(0, str(tmp))
    pipe = Pipeline(Options(keep_parse=True))
    at = next(i for i, s in enumerate(pipe.post) if isinstance(s, EventCoder))
    read = [d for d in read_documents(args.paths, ReadOptions()) if isinstance(d, Document)]
    docs = [d for d in (pipe._through(pipe.pre, d) for d in read) if isinstance(d, Document)]
    assert pipe.nlp is not None
    docs = pipe.nlp.pipe(docs)
    new_docs = [copy.copy(d) for d in docs]
    for stage in pipe.post[:at]:
        new_docs = [stage(d) for d in new_docs]
    old_coder, old_docs = old_coding(docs)
    gc.collect()
    gc.freeze()  # as the pipeline does after building (pipeline.built_quietly)
    runs: dict[str, tuple[Any, list[Any]]] = {"old": (old_coder, old_docs), "new": (pipe.post[at], new_docs)}
    times: dict[str, list[float]] = {"old": [], "new": []}
    for n in range(args.passes):
        for name in ("old", "new") if n % 2 == 0 else ("new", "old"):
            coder, ds = runs[name]
            started = time.process_time()
            for d in ds:
                coder(d)
            times[name].append(time.process_time() - started)
    for name, ts in times.items():
        events = sum(len(d.events) for d in runs[name][1])
        print(
            f"{name}: {len(docs)} documents, {events} events; best {1000 * min(ts):.1f} ms, median "
            f"{1000 * statistics.median(ts):.1f} ms of CPU per pass ({args.passes} passes)"
        )
    print(
        f"new/old: medians {statistics.median(times['new']) / statistics.median(times['old']):.3f}, "
        f"bests {min(times['new']) / min(times['old']):.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
