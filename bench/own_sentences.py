"""Score the coder's top event type on ``bench/own_sentences.jsonl``: 903 news sentences written for this
project (never copied from any corpus; written before the coder's output on them was seen), in many
regions and styles (wire leads, terse event notes, lower-case local news, Title Case and ALL CAPS
headlines, passive and nominal forms, hard negatives), each labelled with the PLOVER type of its main
event (or ``NONE``).

The set is split once by a hash of the sentence (``half``): rules are written from the ``dev`` half only
(``-v`` lists its misses); the ``test`` half is scored for figures only.

    PYTHONPATH=src .venv/bin/python bench/own_sentences.py [--split dev|test] [-v]

A sentence is right when its most confident event has the labelled type (no event for ``NONE``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from thucydides.pipeline import Options, Pipeline
from thucydides.record import Document

PATH = Path(__file__).with_name("own_sentences.jsonl")


def half(text: str) -> str:
    """The fixed half of a sentence: ``dev`` or ``test``."""
    return "dev" if int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "test"


def records(path: Path, split: str) -> list[dict[str, Any]]:
    """The records of one half of a JSON-lines set of our own split by each record's ``id``, in file order."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [it for it in items if half(it["id"]) == split]


def dated_documents(recs: list[dict[str, Any]]) -> list[Document]:
    """A document for each record (ids are the record's place in ``recs``), with its given publication
    date where it has one."""
    docs = []
    for i, rec in enumerate(recs):
        doc = Document(id=str(i), raw=rec["text"])
        if rec.get("published"):
            doc.published = date.fromisoformat(str(rec["published"])[:10])
            doc.published_how = "given"
        docs.append(doc)
    return docs


def labelled(path: Path, split: str, prefix: str = "own") -> tuple[list[dict[str, Any]], list[Document]]:
    """The labelled texts of one half of a JSON-lines set of our own (a ``text`` each), and a document for
    each (ids ``prefix`` and a number)."""
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = [it for it in items if half(it["text"]) == split]
    return items, [Document(id=f"{prefix}{i}", raw=it["text"], text=it["text"]) for i, it in enumerate(items)]


def sentences(split: str) -> tuple[list[dict[str, Any]], list[Document]]:
    """The labelled sentences of one half, and a document for each."""
    return labelled(PATH, split)


def ranked(doc: Document) -> list[Any]:
    """A coded document's events, the most confident first (its top type: the first's, else ``NONE``)."""
    return sorted(doc.events, key=lambda e: -e.confidence)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("-v", action="store_true", help="list the dev half's misses")
    args = parser.parse_args()
    items, docs = sentences(args.split)
    pipeline = Pipeline(Options())
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    confusions: Counter[tuple[str, str]] = Counter()
    for it, doc in zip(items, pipeline.run(docs), strict=True):
        events = ranked(doc)
        top = events[0].event_type if events else "NONE"
        per[it["type"]][0] += top == it["type"]
        per[it["type"]][1] += 1
        if top != it["type"]:
            confusions[(it["type"], top)] += 1
            if args.v and args.split == "dev":
                got = ", ".join(f"{e.event_type}/{e.cameo} '{e.trigger}' {e.confidence:.2f}" for e in events)
                print(f"  {it['type']:9s} <- {got or 'nothing'}: {it['text']}")
    right = sum(v[0] for v in per.values())
    total = sum(v[1] for v in per.values())
    print(f"{args.split} half: top type right {right}/{total} = {right / total:.3f}")
    print("  " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(per.items())))
    print("  most frequent confusions (gold -> coded): "
          + ", ".join(f"{g}->{t} {n}" for (g, t), n in confusions.most_common(12)))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
