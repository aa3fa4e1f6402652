"""Score the coder on bench/probe_sentences.jsonl: short news sentences written for this probe (never copied
from any corpus), in many genres and forms, each with the events it must give and those it must not.

A sentence is right when every ``must`` event is among the coder's events and no ``must_not`` event is. An
event spec: ``type`` (one PLOVER type, or a list of acceptable ones), and optionally ``source`` / ``target``:
an actor code (NGACOP), a sector alone (COP, of any country or none), a country alone (NGA, any sector),
or null for no actor; a list of these for any of them. Prints right/total per genre, and with ``-v`` each
wrong sentence with the events it got.

    PYTHONPATH=src .venv/bin/python bench/probe_score.py [-v] [FILE]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from thucydides.pipeline import Options, Pipeline
from thucydides.record import Document


def _actor_matches(actor: Any, want: str | list[str] | None) -> bool:
    if isinstance(want, list):  # any of these
        return any(_actor_matches(actor, w) for w in want)
    if want is None:
        return actor is None
    if actor is None:
        return False
    return actor.code == want or actor.sector == want or actor.country == want


def _matches(event: Any, spec: dict[str, Any]) -> bool:
    types = spec["type"] if isinstance(spec["type"], list) else [spec["type"]]
    return (
        event.event_type in types
        and ("source" not in spec or _actor_matches(event.source, spec["source"]))
        and ("target" not in spec or _actor_matches(event.target, spec["target"]))
    )


def _show(e: Any) -> str:
    def actor(a: Any) -> str:
        return "-" if a is None else (a.code or a.sector or "?")

    return f"{e.event_type}/{e.cameo} '{e.trigger}' {actor(e.source)} -> {actor(e.target)}"


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if a != "-v"]
    path = Path(args[0]) if args else Path(__file__).with_name("probe_sentences.jsonl")
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    pipeline = Pipeline(Options())
    docs = [Document(id=f"p{i}", raw=it["text"], text=it["text"]) for i, it in enumerate(items)]
    right: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for it, doc in zip(items, pipeline.run(docs), strict=True):
        events = list(doc.events)
        ok = all(any(_matches(e, s) for e in events) for s in it.get("must") or ()) and not any(
            _matches(e, s) for e in events for s in it.get("must_not") or ()
        )
        right[it["genre"]][1] += 1
        right[it["genre"]][0] += ok
        if verbose and not ok:
            print(f"WRONG [{it['genre']}/{it['form']}] {it['text']}")
            print(f"   want {it.get('must')} not {it.get('must_not')}")
            print(f"   got  {'; '.join(_show(e) for e in events) or 'nothing'}")
    total = [sum(v[0] for v in right.values()), sum(v[1] for v in right.values())]
    for genre, (r, n) in right.items():
        print(f"{genre:10s} {r:3d}/{n}")
    print(f"{'all':10s} {total[0]:3d}/{total[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
