"""Score the coder on ``bench/own_articles.jsonl``: short news articles written for this project (never
copied from any outlet; each article's key events annotated before the coder's output on it was seen), in
many regions, years and styles (wire stories with datelines, local news, Title Case headlines, analysis
pieces with background paragraphs, live blogs, passive and nominal key events, site furniture lines).

Each record is one article in the format of ``tests/fixtures/article_key_events.jsonl`` (see
:mod:`thucydides.evalsets.articles`), with the article's ``text`` in place of a ``file``. The articles are
split once by a hash of their ``id`` (:func:`own_sentences.half`): rules are written from the ``dev`` half
only (``-v`` lists its misses and which field failed); the ``test`` half is scored for figures only.

    PYTHONPATH=src .venv/bin/python bench/own_articles.py [--split dev|test] [-v]

The figures are those of ``thucydides eval`` on the real pages (the same scorer).
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

PATH = Path(__file__).with_name("own_articles.jsonl")


def records(split: str) -> list[dict[str, Any]]:
    """The annotated articles of one half, in file order."""
    return own_sentences.records(PATH, split)


def documents(recs: list[dict[str, Any]]) -> list[Document]:
    """A document for each article, with its given publication date (as ``read_articles`` gives it)."""
    return own_sentences.dated_documents(recs)


def code(recs: list[dict[str, Any]], pipeline: Any) -> list[list[Event]]:
    """Every event of each article, coded whole."""
    results = {d.id: d for d in pipeline.run(documents(recs)) if isinstance(d, Document)}
    return [list(results[str(i)].events) if str(i) in results else [] for i in range(len(recs))]


def _show(e: Event) -> str:
    src = e.source.country if e.source else None
    tgt = e.target.country if e.target else None
    place = f"{e.location.name or ''}/{e.location.country}" if e.location else None
    return f"{e.event_type} {src}->{tgt} {e.date} @{place} {e.confidence:.2f} '{e.evidence.text[:70]}'"


def explain(rec: dict[str, Any], events: list[Event]) -> list[str]:
    """One line per key event missed or found with a wrong field: what failed (not found, type, rank, or the
    fields that disagree) and the events that came closest."""
    keys = list(rec.get("key_events") or [])
    ranked = sorted(events, key=lambda e: -e.confidence)
    top = ranked[: articles.top_k(len(keys))]
    lines = []
    for g in keys:
        pair = f"{g.get('source')}->{g.get('target')}"
        head = f"{rec['id']}: {g['type']} {pair} {g.get('date')} '{g['sentence'][:60]}'"
        hits = [e for e in top if articles._type_ok(g, e) and articles._from_sentence(g, e)]
        if hits:
            best = max(hits, key=lambda e: sum(articles.field_agreement(g, e).values()))
            wrong = [f for f, ok in articles.field_agreement(g, best).items() if not ok]
            if wrong:
                lines.append(f"  {head}\n    fields {', '.join(wrong)}: {_show(best)}")
            continue
        in_sentence = [e for e in ranked if articles._from_sentence(g, e)]
        typed = [e for e in in_sentence if articles._type_ok(g, e)]
        if typed:
            why = f"rank {ranked.index(typed[0]) + 1} (top {len(top)})"
        elif in_sentence:
            why = "type"
        else:
            why = "not found"
        lines.append(f"  {head}\n    {why}: " + "; ".join(_show(e) for e in (typed or in_sentence)[:3]))
        if why.startswith("rank"):
            lines.append("    above it: " + "; ".join(_show(e) for e in top[:3]))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("-v", action="store_true", help="list the dev half's misses")
    args = parser.parse_args()
    recs = records(args.split)
    coded = code(recs, Pipeline(Options()))
    report = articles.score(recs, coded, str(PATH), args.split)
    figures = ", ".join(f"{k} {v}" for k, v in report.figures.items())
    print(f"{args.split} half ({len(recs)} articles): {figures}")
    if args.v and args.split == "dev":
        for rec, events in zip(recs, coded, strict=True):
            for line in explain(rec, events):
                print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
