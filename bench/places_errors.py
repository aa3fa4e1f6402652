"""List the place stage's misses on the DEV half of a geoparsing gold file, by kind (a scratch aid for
writing general mechanisms; reads the dev half only and refuses the test half).

    PYTHONPATH=src .venv/bin/python bench/places_errors.py ../shared/gold/places_dev/lgl.jsonl [--kind far]

For each gold name missed: "not found" (is the name known to the gazetteer? what span overlaps it?) or
"far" (the reading chosen, the nearest reading the gazetteer has for the name, its rank, and whether the
story names the nearest reading's first-level division).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from thucydides.evalsets.places import WITHIN_KM, parsed_documents, place_stages, read_records
from thucydides.places import PlaceResolver
from thucydides.places.entry import distance_km
from thucydides.places.gazetteer import normalize_name
from thucydides.splits import select


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("gold", type=Path)
    parser.add_argument("--kind", choices=("all", "far", "missing"), default="all")
    parser.add_argument("--summary", action="store_true", help="print the counts by kind only")
    args = parser.parse_args()
    if "test" in args.gold.stem:
        sys.exit("dev halves only")
    from thucydides.pipeline import Options, Pipeline

    pipe = Pipeline(Options(batch_size=64))
    fate: dict[tuple[int, int], str] = {}
    find, drop, accept = PlaceResolver._find_spans, PlaceResolver._drop_actor_spans, PlaceResolver._accepted

    def found(self, doc, limit=None):  # type: ignore[no-untyped-def]
        spans = find(self, doc, limit)
        fate.clear()
        for sp in spans:
            fate[(sp.start, sp.end)] = f"span:{sp.source}{'/' + sp.inside if sp.inside else ''}"
        return spans

    def dropped(self, text, spans, actors, sdoc=None):  # type: ignore[no-untyped-def]
        kept = drop(self, text, spans, actors, sdoc)
        ids = {(sp.start, sp.end) for sp in kept}
        for sp in spans:
            if (sp.start, sp.end) not in ids:
                fate[(sp.start, sp.end)] += ":actor-dropped"
            elif sp.opener:
                fate[(sp.start, sp.end)] += ":opener"
        return kept

    def accepted(self, span, key, context, *rest):  # type: ignore[no-untyped-def]
        ok = accept(self, span, key, context, *rest)
        if not ok and not fate[(span.start, span.end)].endswith(":not-accepted"):
            fate[(span.start, span.end)] += ":not-accepted"
        return ok

    PlaceResolver._find_spans = found  # type: ignore[method-assign]
    PlaceResolver._drop_actor_spans = dropped  # type: ignore[method-assign]
    PlaceResolver._accepted = accepted  # type: ignore[method-assign]
    records = list(select(args.gold.stem, read_records(args.gold), "dev"))
    docs = parsed_documents(records, pipe)
    stages = place_stages(pipe)
    resolver = next(s for s in stages if isinstance(s, PlaceResolver))
    gaz = resolver.gazetteer
    by_id = {str(r["id"]): r for r in records}
    kinds: Counter[str] = Counter()
    for doc in docs:
        for stage in stages:
            doc = stage(doc)
        rec = by_id[doc.id]
        states = {m.place.admin1 for m in doc.places if m.place.precision == "admin1"}
        for t in rec.get("toponyms") or ():
            if t.get("lat") is None:
                continue
            s, e = int(t["start"]), int(t["end"])
            glat, glon = float(t["lat"]), float(t["lon"])
            over = [m for m in doc.places if m.start < e and s < m.end]
            name = t.get("text", rec["text"][s:e])
            key = normalize_name(name)
            entries = gaz.entries(key)
            if not over:
                if args.kind == "far":
                    continue
                known = "known" if entries else "unknown"
                near = [
                    en
                    for en, _ in entries
                    if en.place.lat is not None
                    and distance_km(en.place.lat, en.place.lon, glat, glon) <= WITHIN_KM
                ]
                kind = f"missing-{known}{'-near' if near else ''}"
                why = [v for (a, b), v in fate.items() if a < e and s < b]
                kind += ":" + (";".join(why) if why else "no-span")
                kinds[kind] += 1
                if not args.summary:
                    ctx = rec["text"][max(0, s - 50) : e + 50].replace("\n", " ")
                    print(f"{kind}\t{doc.id}\t{name!r}\t...{ctx}...")
                continue
            best = max(over, key=lambda m: min(m.end, e) - max(m.start, s))
            p = best.place
            if p.lat is None:
                continue
            km = distance_km(p.lat, p.lon, glat, glon)
            if km <= WITHIN_KM:
                continue
            if args.kind == "missing":
                continue
            bkey = normalize_name(best.text)
            bentries = gaz.entries(bkey)
            near = sorted(
                (
                    (distance_km(en.place.lat, en.place.lon, glat, glon), en)
                    for en, _ in bentries
                    if en.place.lat is not None
                ),
                key=lambda x: x[0],
            )
            right = near[0][1] if near and near[0][0] <= WITHIN_KM else None
            if right is None:
                kind = "far-noreading"
            else:
                named = right.place.admin1 in states
                kind = f"far-{p.precision}->{right.kind}{'-statenamed' if named else ''}"
            kinds[kind] += 1
            if not args.summary:
                alt = "-"
                if right is not None:
                    where = f"{right.place.name}, {right.place.admin1}, {right.place.country}"
                    alt = f"{where} ({right.kind} {right.population})"
                print(
                    f"{kind}\t{doc.id}\t{name!r}\tchose {p.name}, {p.admin1}, {p.country} {km:.0f} km"
                    f"\tright: {alt}\t[{best.reason}]\tstates: {sorted(x for x in states if x)}"
                )
    for kind, n in kinds.most_common():
        print(f"{n}\t{kind}", file=sys.stderr)


if __name__ == "__main__":
    main()
