"""The PLOVER records' triple errors, sentence by sentence, grouped by kind.

    .venv/bin/python bench/plover_triples.py [GOLD] [--split dev] [--verbose]

Scores the records as ``thucydides eval`` does (:func:`thucydides.evaluate.evaluate_gsr`) and, for every
record whose predicted triples differ from the gold, names the kind of error:

- ``type``: the top event's type is wrong (the triples cannot match);
- ``swapped``: the predicted source and target are the gold's, reversed;
- ``source no country`` / ``target no country``: the coder found an actor there but with no country;
- ``source missing`` / ``target missing``: no actor there at all;
- ``source wrong`` / ``target wrong``: an actor with another country;
- ``target extra``: a target where the gold has none;
- ``extra pair``: the gold triple is predicted, with other triples of the same type beside it;
- ``multiple``: the gold has several actors on one side and the prediction has only some.

Reads the dev half only unless told otherwise (the held-out half's errors are not to be read).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from thucydides.evaluate import NONE, _gold_triples, _triples, _unordered, normalise_type
from thucydides.pipeline import Options, Pipeline
from thucydides.record import Document, Event
from thucydides.splits import select

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "gold" / "plover_gsr_dev.json"


def _side(gold: set[Any], pred: set[Any], name: str, pred_actors: list[Any]) -> str | None:
    if gold == pred:
        return None
    if pred == {None}:
        if any(a is not None and a.country is None for a in pred_actors):
            return f"{name} no country"
        return f"{name} missing"
    if gold == {None}:
        return f"{name} extra"
    if pred < gold:
        return "multiple"
    if gold < pred:
        return f"{name} extra actor"
    return f"{name} wrong"


def kinds(gold: set[Any], pred: set[Any], events: list[Event]) -> list[str]:
    if gold & pred:
        return ["extra pair"] if pred - gold else ["multiple"]
    out: list[str] = []
    g_src = {s for s, _, _ in gold}
    g_tgt = {t for _, _, t in gold}
    p_src = {s for s, _, _ in pred}
    p_tgt = {t for _, _, t in pred}
    if p_src and p_tgt and g_src == p_tgt and g_tgt == p_src and g_src != g_tgt:
        return ["swapped"]
    for side, g, p, actors in (
        ("source", g_src, p_src, [e.source for e in events]),
        ("target", g_tgt, p_tgt, [e.target for e in events]),
    ):
        k = _side(g, p, side, actors)
        if k:
            out.append(k)
    return out or ["other"]


def _actor(a: Any) -> str:
    if a is None:
        return "-"
    return f"{a.text!r}:{a.country or '?'}{'/' + a.sector if a.sector else ''}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path, nargs="?", default=DEFAULT)
    ap.add_argument("--split", choices=("dev",), default="dev")
    ap.add_argument("--verbose", action="store_true", help="print each error with the sentence")
    args = ap.parse_args()
    records = json.loads(args.gold.read_text(encoding="utf-8"))
    records = [r for r in records if isinstance(r, dict) and r.get("text") and r.get("event") != "DOCUMENT"]
    records = list(select("plover_gsr", [r for r in records if "id" in r], args.split))
    pipe = Pipeline(Options(batch_size=64))
    docs = [
        Document(
            id=str(r["id"]),
            raw=str(r["text"]).strip("{} "),
            published=date(2000, 1, 1),
            published_how="given",
        )
        for r in records
    ]
    results = {d.id: d for d in pipe.run(docs) if isinstance(d, Document)}
    counts: Counter[str] = Counter()
    tp = pred_n = gold_n = 0
    for rec in records:
        gold_type = normalise_type(str(rec["event"]))
        doc = results.get(str(rec["id"]))
        events = sorted(doc.events, key=lambda e: -e.confidence) if doc else []
        top = events[0].event_type if events else NONE
        chosen = [e for e in events if e.event_type == top]
        gold, joint = _gold_triples(rec, gold_type)
        pred = _triples(chosen)
        if joint:
            pred = _unordered(pred)
        tp += len(gold & pred)
        pred_n += len(pred)
        gold_n += len(gold)
        if gold == pred:
            continue
        ks = ["type"] if top != gold_type else kinds(gold, pred, chosen)
        counts.update(ks)
        if args.verbose:
            print(f"{rec['id']}  [{', '.join(ks)}]")
            print(f"  {rec['text']}")
            print(f"  gold {sorted(gold, key=str)}  pred {sorted(pred, key=str)}")
            for e in chosen:
                print(f"    {e.event_type} {e.cameo} {e.trigger!r} {_actor(e.source)} -> {_actor(e.target)}")
    f1 = 2 * tp / (pred_n + gold_n) if pred_n + gold_n else 0.0
    print(f"records {len(records)}  triple F1 {f1:.3f} (tp {tp}, predicted {pred_n}, gold {gold_n})")
    for k, n in counts.most_common():
        print(f"  {k:20s} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
