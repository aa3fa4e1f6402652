"""Does the coder still find events in text without normal capitals? Lower case, Title Case, ALL CAPS.

    .venv/bin/python bench/case_robustness.py [--gold DIR] [--limit N] [--json FILE]

Takes the dev halves (``thucydides.splits``) of the PLOVER records and the CASE 2021 snippets in
``../shared/gold`` (only their text: no label is read), codes each text as written, then again lower-cased
("the police arrested ..."), in Title Case ("The Police Arrested ...": every word's first letter a
capital) and in ALL CAPS, and measures how many of the events of the text as written survive each
transform: the same (type, source code, target code) among the transformed text's events. It also prints
how often the transformed text's most confident event has the type of the original's. Texts whose
original gives no event are left out (nothing to survive).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from thucydides.evalsets.common import code_texts, read_jsonl
from thucydides.pipeline import Options, Pipeline
from thucydides.record import Event
from thucydides.splits import select

WORD_START = re.compile(r"(^|[\s\"'(\[“‘-])([a-z])")


def title_case(text: str) -> str:
    """Every word's first letter a capital, the rest as written lower-cased (headline style)."""
    return WORD_START.sub(lambda m: m.group(1) + m.group(2).upper(), text.lower())


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "lower case": str.lower,
    "Title Case": title_case,
    "ALL CAPS": str.upper,
}


def dev_texts(gold: Path) -> list[str]:
    """The texts of the dev halves of the PLOVER records and the CASE 2021 snippets."""
    plover = json.loads((gold / "plover_gsr_dev.json").read_text(encoding="utf-8"))
    plover = [r for r in plover if isinstance(r, dict) and r.get("text") and r.get("event") != "DOCUMENT"]
    texts = [str(r["text"]).strip("{} ") for r in select("plover_gsr", plover, "dev")]
    case = read_jsonl(gold / "case2021_dev.jsonl")
    texts += [str(r["text"]) for r in select("case2021", case, "dev")]
    return texts


def triples(events: list[Event]) -> set[tuple[str, str, str]]:
    """(type, source code, target code) of each event."""
    return {
        (e.event_type, (e.source.code or "") if e.source else "", (e.target.code or "") if e.target else "")
        for e in events
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=Path("../shared/gold"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N texts (0: all)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    texts = dev_texts(args.gold)
    if args.limit:
        texts = texts[: args.limit]
    pipe = Pipeline(Options())
    start = time.monotonic()
    original = code_texts(texts, pipe)
    keep = [i for i, evs in enumerate(original) if evs]
    ref = {i: triples(original[i]) for i in keep}
    n_ref = sum(len(t) for t in ref.values())
    figures: dict[str, dict[str, float | int]] = {}
    print(
        f"{len(texts)} dev texts, {len(keep)} with events as written, {n_ref} events (type, source, target)"
    )
    print(f"{'transform':<12} {'events kept':>12} {'share':>7} {'top type kept':>14} {'share':>7}")
    for name, transform in TRANSFORMS.items():
        coded = code_texts([transform(texts[i]) for i in keep], pipe)
        kept = sum(len(ref[i] & triples(evs)) for i, evs in zip(keep, coded, strict=True))
        top = sum(
            bool(evs) and evs[0].event_type == original[i][0].event_type
            for i, evs in zip(keep, coded, strict=True)
        )
        figures[name] = {
            "events": n_ref,
            "events_kept": kept,
            "events_kept_share": round(kept / n_ref, 4) if n_ref else 0.0,
            "texts": len(keep),
            "top_type_kept": top,
            "top_type_kept_share": round(top / len(keep), 4) if keep else 0.0,
        }
        f = figures[name]
        print(
            f"{name:<12} {kept:>6}/{n_ref:<5} {f['events_kept_share']:>7.3f} {top:>8}/{len(keep):<5} "
            f"{f['top_type_kept_share']:>7.3f}"
        )
    print(f"({time.monotonic() - start:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
