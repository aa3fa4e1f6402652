"""Score where the coder places events on ``bench/own_event_places.jsonl``: short news stories written for
this project (never copied from any outlet; each story's place labelled before the coder's output on it was
seen), in many regions, with and without wire datelines, each with one key event and its gold place.

A record has ``text``, ``published`` (the publication date), ``type`` (the PLOVER type of the key event, or
null) and ``place``: ``{"name": ..., "country": ISO3}`` (the place as the text names it; ``also``: wider
names that contain it, for a village the gazetteer may lack), ``{"country": ISO3}`` (the text places the
event only in a country or a part of one: "in northern Mali") or null (the text places it nowhere).

Conventions of the labels: the event's place is where the act happened, not where it was reported from (a
dateline far from the event is not its place; a dateline with no place in the story is); "in the capital"
is the country's capital; talks are where they were held; a phone call or a statement to another country
has no place (null) unless the text says where it was made; a place inside an actor's name ("the Kabul
government") is not a scene.

The key event is the most confident event of the gold type (the most confident event where the story has
no gold type, or the coder found none of it). It agrees as
:func:`thucydides.evalsets.articles.field_agreement` scores a place: in the gold country, and where gold
names a place and the event's place has a name, the same name (folded) or one of the ``also`` names, or a
name under which the gazetteer knows the same GeoNames place
(:func:`thucydides.evalsets.articles.names_place`); for a null place, no place at all.

The set is split once by a hash of the record's ``id`` (:func:`own_sentences.half`): rules are written from
the ``dev`` half only (``-v`` lists its misses); the ``test`` half is scored for figures only.

    PYTHONPATH=src .venv/bin/python bench/own_event_places.py [--split dev|test] [-v]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from thucydides.evalsets.articles import names_place
from thucydides.pipeline import Options, Pipeline
from thucydides.record import Document, Event

sys.path.insert(0, str(Path(__file__).resolve().parent))
import own_sentences  # noqa: E402

PATH = Path(__file__).with_name("own_event_places.jsonl")


def records(split: str) -> list[dict[str, Any]]:
    """The labelled stories of one half, in file order."""
    return own_sentences.records(PATH, split)


def key_event(rec: dict[str, Any], events: list[Event]) -> Event | None:
    """The story's key event: the most confident of the gold type, else the most confident."""
    ranked = sorted(events, key=lambda e: -e.confidence)
    typed = [e for e in ranked if e.event_type == rec.get("type")]
    return (typed or ranked or [None])[0]


def agrees(gold: dict[str, Any] | None, e: Event) -> bool:
    """Whether the event's place is the gold place (see the module docstring)."""
    loc = e.location
    if gold is None:
        return loc is None
    if loc is None or loc.country != gold.get("country"):
        return False
    names = [str(n) for n in [gold.get("name"), *(gold.get("also") or [])] if n]
    return not names or not loc.name or names_place(names, loc)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("-v", action="store_true", help="list the dev half's misses")
    args = parser.parse_args()
    recs = records(args.split)
    docs = own_sentences.dated_documents(recs)
    coded = {d.id: d for d in Pipeline(Options()).run(docs) if isinstance(d, Document)}
    right = no_event = 0
    for i, rec in enumerate(recs):
        doc = coded.get(str(i))
        e = key_event(rec, list(doc.events) if doc is not None else [])
        ok = e is not None and agrees(rec["place"], e)
        right += ok
        no_event += e is None
        if args.v and args.split == "dev" and not ok:
            got = "no event"
            if e is not None:
                loc = e.location
                where = f"{loc.name}/{loc.country}/{loc.precision}" if loc else "none"
                got = f"{e.event_type} '{e.trigger}' at {where} ({e.explain[-1] if e.explain else ''})"
            print(f"- gold {rec['place']} <- {got}\n    {rec['text']}")
    n = len(recs)
    print(f"{args.split} half: event place right {right}/{n} = {right / n:.3f} (no event: {no_event})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
