"""Names shared by several entries of the actor knowledge base, and names of entries that are also well-known
place names of the gazetteer (countries, states, regions, towns of 300,000 people or more).

    PYTHONPATH=$PWD/src .venv/bin/python bench/actor_collisions.py [--kind group] [--prefix group:party-]

A shared name resolves to the first entry that has it (or the one in office on the document's date), so a
collision is either meant (a country and its capital are different entries with different names) or a bug.
Lower-case copy is matched through :mod:`thucydides.truecase` (every known name capitalised as the knowledge
base writes it), so the case-insensitive collisions are listed as well.
"""

from __future__ import annotations

import argparse
from collections import defaultdict

from thucydides.actors import KnowledgeBase
from thucydides.actors.kb import Entry, surface_key
from thucydides.actors.names import norm_key


def collisions(kb: KnowledgeBase, prefix: str = "") -> list[tuple[str, str, list[str]]]:
    """``(how, key, entry ids)`` for every key of two or more entries, one of them with an id starting
    with ``prefix``. ``how`` is ``exact`` (the name as written) or ``folded`` (case and accents ignored)."""
    by_exact: dict[str, set[str]] = defaultdict(set)
    by_folded: dict[str, set[str]] = defaultdict(set)
    for entry in kb.entries.values():
        for alias in (entry.name, *entry.aliases):
            by_exact[surface_key(alias)].add(_owner(entry))
            by_folded[norm_key(alias)].add(_owner(entry))
    out = []
    for how, table in (("exact", by_exact), ("folded", by_folded)):
        for key, ids in sorted(table.items()):
            if len(ids) > 1 and any(i.startswith(prefix) for i in ids):
                if how == "folded" and ids == by_exact.get(key, set()):
                    continue
                out.append((how, key, sorted(ids)))
    return out


def _owner(entry: Entry) -> str:
    # a country, its capital and its demonyms are one actor
    if entry.kind in {"country", "capital", "demonym"}:
        return f"country:{entry.country}"
    return entry.id


def place_collisions(kb: KnowledgeBase, prefix: str) -> list[tuple[str, str]]:
    """``(name, entry id)`` for names of entries (id starting with ``prefix``) that are well-known places."""
    from thucydides.places.gazetteer import Gazetteer

    places = {norm_key(n) for n in Gazetteer.load().well_known_names()}
    return [
        (alias, entry.id)
        for entry in kb.entries.values()
        if entry.id.startswith(prefix) and entry.kind not in {"country", "capital", "demonym"}
        for alias in (entry.name, *entry.aliases)
        if norm_key(alias) in places
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--prefix", default="", help="only collisions involving ids with this prefix")
    ap.add_argument("--no-places", action="store_true", help="skip the gazetteer (slow to load)")
    args = ap.parse_args()
    kb = KnowledgeBase.load()
    found = collisions(kb, args.prefix)
    for how, key, ids in found:
        print(f"{how:7} {key!r}: {', '.join(ids)}")
    print(f"{len(found)} shared names")
    if not args.no_places:
        hits = place_collisions(kb, args.prefix)
        for alias, eid in hits:
            print(f"place   {alias!r}: {eid}")
        print(f"{len(hits)} names that are well-known places")


if __name__ == "__main__":
    main()
