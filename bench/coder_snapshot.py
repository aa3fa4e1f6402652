"""Snapshot every event the coder gives on the dev halves of the evaluation sets, to diff two versions.

    .venv/bin/python bench/coder_snapshot.py OUT_DIR [--sets plover,cameo,...] [--ablate RULE ...]
    diff -r OLD_DIR NEW_DIR            # or: bench/coder_snapshot.py --compare OLD_DIR NEW_DIR

For each set it runs ``thucydides eval --split dev`` through the library (the corpus sample through the
pipeline, as ``thucydides code`` does) and writes ``OUT_DIR/<set>.jsonl``: one line per coded document,
its events with every field, in canonical JSON (sorted keys), and ``OUT_DIR/<set>.report.json``, the
eval's figures. The spaCy parses are cached as DocBin in ``bench/.cache/parses.spacy`` (keyed by text),
so a rerun codes the stages after the parse only. The IndiaPoliceEvents set is sampled: 1,500 records of
its dev half, every n-th in file order. ``--strip-rules`` leaves out the explanation's line naming the
coder's rules (the line the phase machinery adds), to compare with a snapshot taken before it existed.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CACHE = ROOT / "bench" / ".cache"
SETS = {
    "plover": SHARED / "gold" / "plover_gsr_dev.json",
    "cameo": SHARED / "reference" / "cameo" / "cameo-codes.csv",
    "case2021": SHARED / "gold" / "case2021_dev.jsonl",
    "glocon": SHARED / "gold" / "glocon_protest_dev.jsonl",
    "articles": ROOT / "tests" / "fixtures" / "article_key_events.jsonl",
    "india_police": CACHE / "india_police_sample.jsonl",
    "seed": SHARED / "seed" / "gold.json",
    "nonevents": ROOT / "tests" / "fixtures" / "non_event_sentences.txt",
    "corpus": ROOT / "corpus" / "sample",
}
INDIA_SAMPLE = 1500
RULES_PREFIX = "rules:"


class CachedParser:
    """A stand-in for the spaCy ``Language`` that answers parses of known texts from a DocBin cache."""

    def __init__(self, nlp: Any, path: Path) -> None:
        from spacy.tokens import DocBin

        self._nlp = nlp
        self._path = path
        self._docs: dict[str, Any] = {}
        self.added = 0
        if path.exists():
            for doc in DocBin().from_disk(path).get_docs(nlp.vocab):
                self._docs[doc.text] = doc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nlp, name)

    def __call__(self, text: Any) -> Any:
        return next(iter(self.pipe([text])))

    def pipe(self, texts: Any, batch_size: int = 64, **kwargs: Any) -> Any:
        texts = list(texts)
        keys = [t if isinstance(t, str) else t.text for t in texts]
        todo = [(k, t) for k, t in zip(keys, texts, strict=True) if k not in self._docs]
        if todo:
            for (k, _), doc in zip(
                todo, self._nlp.pipe([t for _, t in todo], batch_size=batch_size), strict=True
            ):
                self._docs[k] = doc
            self.added += len(todo)
        return [self._docs[k] for k in keys]

    def save(self) -> None:
        from spacy.tokens import DocBin

        if not self.added:
            return
        bin_ = DocBin(store_user_data=False)
        for doc in self._docs.values():
            bin_.add(doc)
        self._path.parent.mkdir(parents=True, exist_ok=True)
        bin_.to_disk(self._path)


class Recorder:
    """A last pipeline stage that keeps each document's events."""

    def __init__(self) -> None:
        self.docs: list[tuple[str, str, list[Any]]] = []

    def __call__(self, doc: Any) -> Any:
        self.docs.append((doc.id, doc.text[:60], list(doc.events)))
        return doc


def canonical(value: Any, strip_rules: bool) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: canonical(getattr(value, f.name), strip_rules) for f in dataclasses.fields(value)}
        if strip_rules and isinstance(out.get("explain"), list):
            out["explain"] = [s for s in out["explain"] if not str(s).startswith(RULES_PREFIX)]
        return out
    if isinstance(value, (list, tuple)):
        return [canonical(v, strip_rules) for v in value]
    if isinstance(value, dict):
        return {str(k): canonical(v, strip_rules) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def india_sample() -> None:
    from thucydides.splits import select

    path = SETS["india_police"]
    if path.exists():
        return
    records = [
        json.loads(line) for line in (SHARED / "gold" / "india_police_dev.jsonl").open() if line.strip()
    ]
    dev = list(select("india_police", records, "dev"))
    step = max(1, len(dev) // INDIA_SAMPLE)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for rec in dev[::step][:INDIA_SAMPLE]:
            fh.write(json.dumps(rec) + "\n")


def run(out: Path, names: list[str], ablate: list[str], strip_rules: bool) -> None:
    from thucydides.evaluate import evaluate_file
    from thucydides.pipeline import Options, Pipeline
    from thucydides.read import ReadOptions, read_documents

    india_sample()
    pipe = Pipeline(Options(batch_size=64))
    assert pipe.nlp is not None
    parser = CachedParser(pipe.nlp.nlp, CACHE / "parses.spacy")
    pipe.nlp.nlp = parser
    if ablate:
        from thucydides.events.phases import ablate as switch_off

        switch_off(pipe, ablate)
    recorder = Recorder()
    pipe.post.append(recorder)
    out.mkdir(parents=True, exist_ok=True)
    timings: dict[str, float] = {}
    for name in names:
        recorder.docs.clear()
        started = time.perf_counter()
        report: Any = None
        if name == "corpus":
            items = list(read_documents([str(SETS[name])], ReadOptions()))
            list(pipe.run(items))
        else:
            report = evaluate_file(SETS[name], pipe, None, "dev")
        timings[name] = round(time.perf_counter() - started, 2)
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            for doc_id, head, events in recorder.docs:
                line = {"doc": doc_id, "text": head, "events": canonical(events, strip_rules)}
                fh.write(json.dumps(line, sort_keys=True, ensure_ascii=False) + "\n")
        if report is not None:
            (out / f"{name}.report.json").write_text(
                json.dumps(report.to_json(), sort_keys=True, indent=1) + "\n", encoding="utf-8"
            )
        n_events = sum(len(e) for _, _, e in recorder.docs)
        sys.stderr.write(f"{name}: {len(recorder.docs)} documents, {n_events} events, {timings[name]} s\n")
    parser.save()


def compare(old: Path, new: Path) -> int:
    """Print the sets whose snapshots differ, with the first differing documents; 1 if any differ."""
    differ = 0
    for path in sorted(old.glob("*.json*")):
        other = new / path.name
        a = path.read_text(encoding="utf-8").splitlines()
        b = other.read_text(encoding="utf-8").splitlines() if other.exists() else []
        diff = [(x, y) for x, y in zip(a, b, strict=False) if x != y]
        if len(a) != len(b) or diff:
            differ += 1
            print(f"{path.name}: {len(diff)} of {len(a)} lines differ ({len(b)} lines in {new})")
            for x, y in diff[:3]:
                print(f"  - {x[:400]}\n  + {y[:400]}")
        else:
            print(f"{path.name}: identical ({len(a)} lines)")
    return 1 if differ else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, nargs="?")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--ablate", action="append", default=[])
    ap.add_argument("--strip-rules", action="store_true")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    args = ap.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        ap.error("OUT_DIR is required")
    run(args.out, [s for s in args.sets.split(",") if s], args.ablate, args.strip_rules)
    return 0


if __name__ == "__main__":
    sys.exit(main())
