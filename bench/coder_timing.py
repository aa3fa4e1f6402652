"""Time the event coder alone (CPU time, best and median of many passes) on documents parsed once.

    .venv/bin/python bench/coder_timing.py [PATH ...] [--passes 30]

The documents (default: ``corpus/sample``) are read, parsed and run through the stages before the
coder once; then only the event coder runs over them ``--passes`` times. CPU time of this process
(``time.process_time``) is less disturbed by other work on a shared machine than wall time; compare two
versions by running this script under each (``PYTHONPATH=...``) in turns.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "corpus" / "sample")])
    ap.add_argument("--passes", type=int, default=30)
    args = ap.parse_args()

    from thucydides.events import EventCoder
    from thucydides.pipeline import Options, Pipeline
    from thucydides.read import ReadOptions, read_documents
    from thucydides.record import Document

    pipe = Pipeline(Options(keep_parse=True))
    at = next(i for i, s in enumerate(pipe.post) if isinstance(s, EventCoder))
    coder = pipe.post[at]
    docs: list[Document] = []
    for item in read_documents(args.paths, ReadOptions()):
        if isinstance(item, Document):
            out = pipe._through(pipe.pre, item)
            if isinstance(out, Document):
                docs.append(out)
    assert pipe.nlp is not None
    docs = pipe.nlp.pipe(docs)
    for stage in pipe.post[:at]:
        docs = [stage(d) for d in docs]
    times: list[float] = []
    n_events = 0
    for _ in range(args.passes):
        started = time.process_time()
        for d in docs:
            coder(d)
        times.append(time.process_time() - started)
        n_events = sum(len(d.events) for d in docs)
    best, median = min(times), statistics.median(times)
    print(
        f"event coder: {len(docs)} documents, {n_events} events; best {1000 * best:.1f} ms, "
        f"median {1000 * median:.1f} ms of CPU per pass ({args.passes} passes)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
