"""End-to-end ingest benchmark (``make bench``): throughput against bare spaCy, stage shares, workers.

    .venv/bin/python bench/bench.py [--copies 30] [--out BENCH_DIR] [--json RESULT.json]

It builds a larger corpus from ``corpus/sample`` (each copy varied so that content hashes
differ), then measures in one run, on the same texts:

1. bare spaCy: ``nlp.pipe`` over the cleaned article texts with the stock model as ``spacy.load``
   gives it (loaded and warmed up first; the pipeline itself adds a paragraph component and swaps
   in a faster attribute ruler and lemmatizer with the same output, see ``thucydides.nlp``);
2. the pipeline's time per stage (``extract``, ``published``, ``nlp``, ``actors``, ``dates``,
   ``places``, ``events``), hence actor resolution's share of pipeline time (1 and 2 are timed
   after a warm-up batch, so both warm);
3. ``ingest`` end to end with 1 and with 2 worker processes (each in a fresh process, so the
   peak memory of every worker is its own), documents/s and words/s, with and without the
   start-up (importing and building the pipeline, as ``ingest`` itself reports it). The workers
   parse and code; the main process reads, extracts the text and writes the store beside them, so
   the CPU time of all processes is reported too, and its ratio to bare spaCy's;
4. re-ingesting the unchanged corpus.

Throughput is a steady-state figure, so the default corpus (30 copies, 1,410 documents, about
45 s of parsing) is large enough for the few seconds of start-up to weigh little; both figures,
with and without start-up, are reported. The load average before and after the run is recorded
(the machine may be shared), and so is the CPU time of bare spaCy against its wall time (above 1
would mean spaCy used more than one thread, which would distort the comparison with workers).

Results are printed as JSON and, with ``--json``, written to a file; a summary goes to standard
error.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"


def build_corpus(dest: Path, copies: int) -> int:
    """Write ``copies`` varied copies of the sample corpus under ``dest``; return the document count."""
    n = 0
    for k in range(copies):
        folder = dest / f"copy{k:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        for src in sorted(SAMPLE.iterdir()):
            raw = src.read_text(encoding="utf-8")
            if src.suffix == ".txt":
                (folder / src.name).write_text(raw.rstrip("\n") + "\n" * (k + 1), encoding="utf-8")
                n += 1
            elif src.suffix == ".html":
                (folder / src.name).write_text(raw + f"\n<!-- bench copy {k} -->\n", encoding="utf-8")
                n += 1
            elif src.suffix == ".jsonl":
                lines = []
                for line in raw.splitlines():
                    if line.strip():
                        rec = json.loads(line)
                        rec["id"] = f"{rec['id']}-copy{k}"
                        rec["text"] = rec.get("text", "") + " " * (k + 1)
                        lines.append(json.dumps(rec, ensure_ascii=False))
                        n += 1
                (folder / src.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n


def bare_and_stages(corpus: Path) -> dict[str, Any]:
    """Time bare ``nlp.pipe`` and the pipeline per stage on the same documents, in this process."""
    import spacy

    from thucydides.nlp import DEFAULT_MODEL
    from thucydides.pipeline import Options, Pipeline
    from thucydides.read import ReadOptions, read_documents
    from thucydides.record import Document

    t0 = time.perf_counter()
    pipe = Pipeline(Options())
    build = time.perf_counter() - t0
    docs = [d for d in read_documents([str(corpus)], ReadOptions()) if isinstance(d, Document)]
    # Warm up first (spaCy's first batches are slower, and some stages import their libraries on
    # first use), so that the pipeline and bare spaCy below are both timed warm.
    t = time.perf_counter()
    for _ in pipe.run(list(read_documents([str(corpus)], ReadOptions()))[: pipe.options.batch_size]):
        pass
    warmup = time.perf_counter() - t
    timings: dict[str, float] = {}

    def timed(name: str, fn: Any) -> Any:
        def run(*a: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*a)
            finally:
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - t

        return run

    pre_names = [type(s).__name__ for s in pipe.pre]
    pipe.pre = [timed(n, s) for n, s in zip(pre_names, pipe.pre, strict=True)]
    post_names = [type(s).__name__ for s in pipe.post]
    pipe.post = [timed(n, s) for n, s in zip(post_names, pipe.post, strict=True)]
    assert pipe.nlp is not None
    pipe.nlp.pipe = timed("nlp", pipe.nlp.pipe)  # type: ignore[method-assign]
    t = time.perf_counter()
    coded = [d for d in pipe.run(docs) if isinstance(d, Document)]
    pipeline_s = time.perf_counter() - t
    texts = [d.body for d in coded]
    words = sum(len(x.split()) for x in texts)
    # the stock model as spaCy loads it: without the pipeline's paragraph component, and with
    # spaCy's own attribute ruler and lemmatizer (not thucydides.nlp's faster ones)
    nlp = spacy.load(DEFAULT_MODEL)
    for _ in nlp.pipe(texts[: pipe.options.batch_size], batch_size=pipe.options.batch_size):
        pass
    t, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=pipe.options.batch_size):
        pass
    bare_s = time.perf_counter() - t
    bare_cpu = time.process_time() - cpu
    return {
        "documents": len(coded),
        "words": words,
        "pipeline_build_s": round(build, 2),
        "warmup_s": round(warmup, 2),
        "bare_spacy_s": round(bare_s, 2),
        "bare_spacy_docs_per_s": round(len(texts) / bare_s, 2),
        "bare_spacy_words_per_s": round(words / bare_s),
        "bare_spacy_cpu_per_wall": round(bare_cpu / bare_s, 3),
        "pipeline_s": round(pipeline_s, 2),
        "stage_s": {k: round(v, 3) for k, v in timings.items()},
        "stage_share": {k: round(v / pipeline_s, 4) for k, v in timings.items()},
    }


INGEST = """
import json, resource, sys, time
from thucydides.ingest import IngestOptions, ingest
t = time.perf_counter()
r = ingest([sys.argv[1]], sys.argv[2], IngestOptions(workers=int(sys.argv[3])))
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": time.perf_counter() - t, "startup_s": getattr(r, "startup_seconds", None),
                  "added": r.added,
                  "already": r.already, "mentions": r.mentions, "words": r.words,
                  "worker_peak_rss_mb": r.worker_peak_rss_mb, "main_peak_rss_mb": r.main_peak_rss_mb,
                  "problems": len(r.problems),
                  "main_process_cpu_s": me.ru_utime + me.ru_stime,
                  "worker_processes_cpu_s": kids.ru_utime + kids.ru_stime}))
"""


def run_ingest(corpus: Path, db: Path, workers: int) -> dict[str, Any]:
    """``ingest`` in a fresh process; returns its report as a dict.

    ``seconds`` is the time ``ingest`` took (start-up included); ``process_s`` adds starting the
    interpreter and importing ``thucydides.ingest``.
    """
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", INGEST, str(corpus), str(db), str(workers)],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise RuntimeError(f"ingest with {workers} worker(s) failed:\n{out.stderr[-3000:]}")
    res = dict(json.loads(out.stdout.strip().splitlines()[-1]))
    res["process_s"] = time.perf_counter() - t
    return res


def machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal"))
        mem_gb = round(int(mem.split()[1]) / 1024 / 1024, 1)
    except (OSError, StopIteration):
        mem_gb = 0.0
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory_gb": mem_gb, "python": platform.python_version()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=30, help="copies of the 47-document sample (default 30)")
    ap.add_argument("--out", type=Path, help="work folder (default: a temporary one, removed afterwards)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    work = args.out or Path(tempfile.mkdtemp(prefix="thucydides-bench-"))
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    n_docs = build_corpus(corpus, args.copies)
    res: dict[str, Any] = {"machine": machine(), "corpus_documents": n_docs, "copies": args.copies}
    res["load_average_before"] = [round(x, 2) for x in os.getloadavg()]
    res["in_process"] = bare_and_stages(corpus)
    for workers in (1, 2):
        db = work / f"w{workers}.duckdb"
        db.unlink(missing_ok=True)
        r = run_ingest(corpus, db, workers)
        r["docs_per_s"] = round(r["added"] / r["seconds"], 2)
        r["words_per_s"] = round(r["words"] / r["seconds"])
        if r["startup_s"] is None:  # an older ingest that does not report it: the in-process build
            r["startup_s"] = res["in_process"]["pipeline_build_s"]
        r["docs_per_s_after_startup"] = round(r["added"] / max(r["seconds"] - r["startup_s"], 1e-9), 2)
        res[f"ingest_{workers}_worker"] = r
    res["reingest_unchanged"] = run_ingest(corpus, work / "w1.duckdb", 1)
    one, two, bare = res["ingest_1_worker"], res["ingest_2_worker"], res["in_process"]
    res["ratios"] = {
        "ingest_vs_bare_spacy": round(one["docs_per_s"] / bare["bare_spacy_docs_per_s"], 3),
        "ingest_vs_bare_spacy_after_startup": round(
            one["docs_per_s_after_startup"] / bare["bare_spacy_docs_per_s"], 3
        ),
        "pipeline_vs_bare_spacy": round(bare["bare_spacy_s"] / bare["pipeline_s"], 3),
        # CPU time rather than wall time: with one worker, reading, extraction and writing run in
        # the main process beside the worker, so wall time hides them; this ratio does not
        "ingest_cpu_vs_bare_spacy_cpu": round(
            bare["bare_spacy_s"]
            * bare["bare_spacy_cpu_per_wall"]
            / (one["main_process_cpu_s"] + one["worker_processes_cpu_s"]),
            3,
        ),
        "actor_share_of_pipeline": bare["stage_share"].get("ActorResolver"),
        "speedup_2_workers": round(one["seconds"] / two["seconds"], 3),
        "speedup_2_workers_after_startup": round(
            two["docs_per_s_after_startup"] / one["docs_per_s_after_startup"], 3
        ),
        "reingest_vs_first_run": round(res["reingest_unchanged"]["seconds"] / one["seconds"], 4),
        "peak_rss_mb_per_worker": max(one["worker_peak_rss_mb"] + two["worker_peak_rss_mb"]),
    }
    res["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    text = json.dumps(res, indent=2)
    print(text)
    ratios = res["ratios"]
    sys.stderr.write(
        f"{n_docs} documents; load {res['load_average_before']} -> {res['load_average_after']}\n"
        f"ingest, 1 worker, vs bare spaCy: {ratios['ingest_vs_bare_spacy']} end to end, "
        f"{ratios['ingest_vs_bare_spacy_after_startup']} after start-up (goal 0.85)\n"
        f"speed-up with 2 workers: {ratios['speedup_2_workers']} end to end, "
        f"{ratios['speedup_2_workers_after_startup']} after start-up (goal 1.7)\n"
        f"CPU time, 1 worker (all processes) vs bare spaCy: {ratios['ingest_cpu_vs_bare_spacy_cpu']}\n"
        f"pipeline vs bare spaCy: {ratios['pipeline_vs_bare_spacy']}; "
        f"re-ingest {ratios['reingest_vs_first_run']:.1%}; "
        f"peak RSS per worker {ratios['peak_rss_mb_per_worker']:.0f} MB\n"
    )
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    if args.out is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
