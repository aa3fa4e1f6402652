"""Score the date stage on ``bench/own_dates.jsonl``: short news-style documents written for this project
(never copied from any corpus; written before the stage's output on them was seen), 1990-2026, wire
leads, business copy, a broadcast transcript, lower-case local news, each with its document creation
date and every temporal expression marked with its TIMEX3 type and value as TimeBank would give them
(hard negatives left unmarked: counts, scores, ages, names).

The documents are written in ``bench/own_dates.txt`` ("=== <id> <published>" starts a document;
``[[text|value]]`` marks a DATE, ``[[text|value|TYPE]]`` a DURATION, SET or TIME); ``--build`` turns it into
the JSON lines (TimeBank's format: ``id``, ``published``, ``text``, ``timexes`` with offsets), checking that
a weekday's value falls on that weekday.

The set is split once by a hash of the document's id (``own_sentences.half``): rules are written from the
``dev`` half only (``-v`` lists its misses and wrong predictions); the ``test`` half is scored for
figures only. The scores are TimeBank's (``thucydides eval``; ``evalsets/timebank.py``): exact value
over calendar DATE values, and precision over predicted dates (one over no timex, a duration or a set is
wrong).

    PYTHONPATH=src .venv/bin/python bench/own_dates.py [--build] [--split dev|test] [-v]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from own_sentences import half  # noqa: E402

from thucydides.evalsets.timebank import evaluate_timebank  # noqa: E402
from thucydides.pipeline import Options, Pipeline  # noqa: E402

SOURCE = Path(__file__).with_name("own_dates.txt")
PATH = Path(__file__).with_name("own_dates.jsonl")
MARK = re.compile(r"\[\[([^\]|]+)\|([^\]|]+)(?:\|([A-Z]+))?\]\]")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_source(source: str) -> list[dict[str, Any]]:
    """The documents of the marked-up source, in TimeBank's format."""
    records: list[dict[str, Any]] = []
    for block in re.split(r"^=== ", source, flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        doc_id, published = head.split()
        text, timexes, pos = [], [], 0
        length = 0
        for m in MARK.finditer(body):
            text.append(body[pos : m.start()])
            length += m.start() - pos
            span, value, kind = m.group(1), m.group(2), m.group(3) or "DATE"
            timexes.append(
                {"start": length, "end": length + len(span), "text": span, "type": kind, "value": value}
            )
            text.append(span)
            length += len(span)
            pos = m.end()
        text.append(body[pos:])
        records.append({"id": doc_id, "published": published, "text": "".join(text).strip("\n") + "\n",
                        "timexes": timexes})  # fmt: skip
    return records


def check(records: list[dict[str, Any]]) -> list[str]:
    """Problems in the marked values: a weekday whose value is another day, a span that is not the text."""
    problems = []
    for r in records:
        for t in r["timexes"]:
            if r["text"][t["start"] : t["end"]] != t["text"]:
                problems.append(f"{r['id']}: offsets of {t['text']!r}")
            named = [i for i, w in enumerate(WEEKDAYS) if re.search(rf"\b{w}\b", t["text"], re.I)]
            day = re.match(r"(\d{4}-\d\d-\d\d)", t["value"])
            if named and day and date.fromisoformat(day.group(1)).weekday() != named[0]:
                problems.append(f"{r['id']}: {t['text']!r} is not {t['value']}")
    return problems


def records(split: str) -> list[dict[str, Any]]:
    """The documents of one half."""
    items = [json.loads(line) for line in PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in items if half(r["id"]) == split]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", action="store_true", help="write own_dates.jsonl from own_dates.txt")
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("-v", action="store_true", help="list the dev half's misses and wrong predictions")
    args = parser.parse_args()
    if args.build:
        built = parse_source(SOURCE.read_text(encoding="utf-8"))
        problems = check(built)
        for p in problems:
            print(p)
        if problems:
            return 1
        PATH.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in built), encoding="utf-8")
        halves = [half(r["id"]) for r in built]
        print(f"{len(built)} documents ({halves.count('dev')} dev), "
              f"{sum(len(r['timexes']) for r in built)} timexes written to {PATH.name}")  # fmt: skip
    chosen = records(args.split)
    report = evaluate_timebank(chosen, Pipeline(Options(upto="dates")), PATH.name)
    table = report.table()
    if not (args.v and args.split == "dev"):
        table = table.split("\nmissed:")[0] + "\n"
    print(f"{args.split} half:")
    print(table, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
