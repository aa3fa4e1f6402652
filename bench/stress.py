"""Stress benchmark: time and memory of hostile and very long input (issue 16, and issue 14's long documents).

    .venv/bin/python bench/stress.py [--only NAME ...] [--json RESULT.json]

Each case runs in a process of its own, so that its peak resident memory (``ru_maxrss``, the model and
knowledge bases included) is its own. Cases and their goals:

- ``long-sentence``: "Iran " + "attacked " * 10000 + "Iraq." coded in under 10 s;
- ``yes``: "Yes. " * 10000 coded in under 400 MB;
- ``yes-16``: 16 such files in one folder, read and coded as ``thucydides code`` does, under 1 GB;
- ``gzip-bomb``: a 1 GiB ``.html.gz`` refused (over the 10 MB limit) under 300 MB;
- ``article-950k``: a 950 KB article coded under 1 GB;
- ``text-10m``: a 10 MB text coded in pieces in at most 1 GB, every offset checked against the text.

The articles are made of the bundled sample corpus's reports (written for this project), repeated.
Times are wall-clock seconds of the coding alone (after the model is loaded) and the CPU seconds of
the process in the same span; on a shared machine the CPU time is the steadier figure, so the 10 s
goal is checked against it (the load average at the end of each case is recorded beside it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOALS = {  # case: (what is bounded, the bound)
    "long-sentence": ("cpu_seconds", 10.0),  # wall time too, but on a shared machine it is the load
    "yes": ("peak_mb", 400.0),
    "yes-16": ("peak_mb", 1024.0),
    "gzip-bomb": ("peak_mb", 300.0),
    "article-950k": ("peak_mb", 1024.0),
    "text-10m": ("peak_mb", 1024.0),
}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _article(chars: int) -> str:
    """Reports of the sample corpus, repeated into one text of about ``chars`` characters."""
    reports = [
        p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "corpus" / "sample").glob("*.txt"))
    ]
    out: list[str] = []
    size = 0
    while size < chars:
        for report in reports:
            out.append(report)
            size += len(report) + 2
            if size >= chars:
                break
    return "\n\n".join(out)


def _code(texts: list[str], check: bool = False) -> dict[str, Any]:
    from thucydides.pipeline import Options, Pipeline
    from thucydides.record import Document

    pipe = Pipeline(Options(published=date(2019, 12, 1), progress=sys.stderr))
    docs = [Document(id=f"stress-{k}", raw=t) for k, t in enumerate(texts)]
    wall, cpu = time.perf_counter(), time.process_time()
    out = list(pipe.run(docs))
    result: dict[str, Any] = {
        "seconds": round(time.perf_counter() - wall, 1),
        "cpu_seconds": round(time.process_time() - cpu, 1),
        "documents": sum(1 for d in out if isinstance(d, Document)),
        "problems": [str(d) for d in out if not isinstance(d, Document)],
        "events": sum(len(d.events) for d in out if isinstance(d, Document)),
        "notes": sum(len(d.notes) for d in out if isinstance(d, Document)),
    }
    if check:
        bad = 0
        for d in out:
            if isinstance(d, Document):
                bad += sum(d.text[e.evidence.start : e.evidence.end] != e.evidence.text for e in d.events)
                bad += sum(d.text[m.start : m.end] != m.text for m in [*d.actors, *d.dates, *d.places])
        result["offsets_wrong"] = bad
        result["pieces"] = [
            n for d in out if isinstance(d, Document) for n in d.notes if n.startswith("coded in")
        ]
    return result


def case(name: str) -> dict[str, Any]:
    """Run one case in this process; its figures."""
    if name == "long-sentence":
        result = _code(["Iran " + "attacked " * 10_000 + "Iraq."])
    elif name == "yes":
        result = _code(["Yes. " * 10_000])
    elif name == "yes-16":
        from thucydides.read import ReadOptions, read_documents

        with tempfile.TemporaryDirectory() as tmp:
            for k in range(16):
                (Path(tmp) / f"yes{k:02d}.txt").write_text("Yes. " * 10_000, encoding="utf-8")
            texts = [d.raw for d in read_documents([tmp], ReadOptions()) if hasattr(d, "raw")]
        result = _code(texts)
    elif name == "gzip-bomb":
        from thucydides.read import ReadOptions, read_documents

        with tempfile.TemporaryDirectory() as tmp:
            bomb = Path(tmp) / "bomb.html.gz"
            with gzip.open(bomb, "wb", compresslevel=9) as gz:
                block = b"\0" * (1 << 20)
                for _ in range(1024):  # 1 GiB
                    gz.write(block)
            before = _peak_mb()
            wall = time.perf_counter()
            items = list(read_documents([str(bomb)], ReadOptions()))
            result = {
                "seconds": round(time.perf_counter() - wall, 2),
                "compressed_mb": round(bomb.stat().st_size / 1e6, 2),
                "peak_before_reading_mb": round(before),
                "problems": [str(i) for i in items],
            }
    elif name == "article-950k":
        result = _code([_article(950_000)], check=True)
    elif name == "text-10m":
        result = _code([_article(10_000_000)], check=True)
    else:
        raise SystemExit(f"unknown case {name!r}; cases: {', '.join(GOALS)}")
    result["peak_mb"] = round(_peak_mb())
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", nargs="*", choices=list(GOALS), help="run only these cases")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--case", help=argparse.SUPPRESS)  # a child process runs one case
    args = parser.parse_args()
    if args.case:
        print(json.dumps(case(args.case)))
        return 0
    results: dict[str, Any] = {}
    for name in args.only or list(GOALS):
        done = subprocess.run(
            [sys.executable, __file__, "--case", name], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            results[name] = {"error": done.stderr.strip().splitlines()[-1:] or ["failed"]}
        else:
            results[name] = json.loads(done.stdout.strip().splitlines()[-1])
            what, bound = GOALS[name]
            results[name]["goal"] = f"{what} < {bound:g}"
            results[name]["met"] = results[name][what] < bound
        results[name]["load_average"] = round(os.getloadavg()[0], 1)
        print(f"{name:14} {json.dumps(results[name])}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r.get("met") for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
