"""Score who did what to whom in short stories where a party is named only by role, pronoun, capital,
demonym, a title without a name or a group named earlier: ``bench/own_dyads.jsonl``.

The stories (2-5 sentences, a publication date each, some with a wire dateline) were written for this project
(never copied from any outlet) and labelled by hand before the coder's output on them was seen. Each has one
key event: its PLOVER ``type`` (``alt_types``: other types that are right too), its ``source`` and ``target``
country (an ISO3 code, ``IGO``, ``null``, or a list of the readings that are right), the key ``sentence``, and
``symmetric`` where the two parties may come in either order ("the two sides agreed").

A story is right when an event of the key sentence, of a right type, has a right source and a right target.
The stories are split once by a hash of their ``id`` (:func:`own_sentences.half`): rules are written from the
``dev`` half only (``-v`` lists its misses); the ``test`` half is scored for figures only.

    PYTHONPATH=src .venv/bin/python bench/own_dyads.py [--split dev|test] [-v]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from thucydides.evalsets import articles
from thucydides.pipeline import Options, Pipeline
from thucydides.record import Document, Event

sys.path.insert(0, str(Path(__file__).resolve().parent))
import own_sentences  # noqa: E402

PATH = Path(__file__).with_name("own_dyads.jsonl")


def records(split: str) -> list[dict[str, Any]]:
    """The labelled stories of one half, in file order."""
    return own_sentences.records(PATH, split)


def documents(recs: list[dict[str, Any]]) -> list[Document]:
    """A document for each story, with its given publication date."""
    return own_sentences.dated_documents(recs)


def _readings(value: Any) -> set[str | None]:
    return set(value) if isinstance(value, list) else {value}


def dyad_ok(rec: dict[str, Any], e: Event) -> bool:
    """True when the event's source and target countries are among the story's right readings."""
    src = e.source.country if e.source else None
    tgt = e.target.country if e.target else None
    sources, targets = _readings(rec.get("source")), _readings(rec.get("target"))
    if src in sources and tgt in targets:
        return True
    return bool(rec.get("symmetric")) and tgt in sources and src in targets


def typed(rec: dict[str, Any], events: list[Event]) -> list[Event]:
    """The events of the key sentence with a right type."""
    return [e for e in events if articles._type_ok(rec, e) and articles._from_sentence(rec, e)]


def _show(e: Event) -> str:
    src = e.source.country if e.source else None
    tgt = e.target.country if e.target else None
    return f"{e.event_type} {src}->{tgt} '{e.trigger}' {e.confidence:.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("-v", action="store_true", help="list the dev half's misses")
    args = parser.parse_args()
    recs = records(args.split)
    results = {d.id: d for d in Pipeline(Options()).run(documents(recs)) if isinstance(d, Document)}
    right = typed_right = 0
    for i, rec in enumerate(recs):
        events = list(results[str(i)].events) if str(i) in results else []
        mine = typed(rec, events)
        typed_right += bool(mine)
        ok = any(dyad_ok(rec, e) for e in mine)
        right += ok
        if args.v and args.split == "dev" and not ok:
            in_sentence = [e for e in events if articles._from_sentence(rec, e)]
            got = "; ".join(_show(e) for e in (mine or in_sentence)) or "nothing"
            print(f"  {rec['id']}: {rec['type']} {rec.get('source')}->{rec.get('target')} <- {got}")
            print(f"    {rec['sentence']}")
    n = len(recs)
    print(
        f"{args.split} half ({n} stories): type, source and target right {right}/{n} = {right / n:.3f}; "
        f"type right {typed_right}/{n} = {typed_right / n:.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
