"""List the large cities the place stage misses in a few sentences of our own (a scratch aid for finding
whole classes of recognition errors: a city the tagger reads as a date, a person, an organisation or
nothing).

    PYTHONPATH=src .venv/bin/python bench/places_big_cities.py [--min 500000]

Each city of the gazetteer whose name (ascii, as GeoNames writes it) reads first as a city of at least
``--min`` people is put in each template sentence; a line is printed for each city missed in any of them,
with the template's number and the tagger's label over the name, then the counts by template and label.
"""

from __future__ import annotations

import argparse
from collections import Counter

from thucydides.nlp import load_nlp
from thucydides.places import Gazetteer, PlaceResolver
from thucydides.places.gazetteer import normalize_name
from thucydides.record import Document

TEMPLATES = (
    "Speaking in the legislature in {}, the premier said the province had done harm.",
    "{} police said two men were arrested on Friday.",
    "Protesters marched through {} on Sunday.",
    "The minister flew to {} for talks.",
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--min", type=int, default=500_000)
    args = parser.parse_args()
    gazetteer = Gazetteer.load()
    nlp, resolver = load_nlp(), PlaceResolver(gazetteer)
    counts: Counter[tuple[int, str]] = Counter()
    cities = 0
    for name in sorted(set(gazetteer.well_known_names(args.min))):
        if not name.isascii() or not name[:1].isupper():
            continue
        ranked = gazetteer.readings(normalize_name(name), {})
        if not ranked or ranked[0].entry.kind != "city" or ranked[0].entry.population < args.min:
            continue
        cities += 1
        missed = []
        for n, template in enumerate(TEMPLATES):
            text = template.format(name)
            doc = Document(id="t", text=text)
            doc.nlp = nlp(text)
            resolver(doc)
            at = text.index(name)
            if not any(m.start <= at < m.end for m in doc.places):
                labels = [e.label_ for e in doc.nlp.ents if e.start_char <= at < e.end_char] or ["-"]
                missed.append((n, labels[0]))
                counts[(n, labels[0])] += 1
        if missed:
            print(name, missed)
    print(f"{cities} cities; misses by (template, label): {counts.most_common()}")


if __name__ == "__main__":
    main()
