"""Whole articles with their key events (a JSON-lines file of our own format).

One record per article::

    {"id": "0a1b", "file": "pages/0a1b.html.gz", "published": "2019-05-02",
     "key_events": [{"type": "PROTEST", "alt_types": ["ASSAULT"], "source": "FRA", "target": "FRA",
                     "date": "2019-05-01", "place": {"name": "Paris", "country": "FRA"},
                     "sentence": "a short quote of the sentence that reports it"}]}

``file`` is a page (``.html``, ``.html.gz``) or a text file, relative to the JSON-lines file; ``published``
may be ``null`` (the reader's date from the page is then used). ``key_events`` may be empty: a page with
no political event. ``source``/``target`` are ISO 3166 alpha-3 codes, ``IGO``, or ``null`` (nobody, or no
country); ``date`` is ISO 8601 at its precision (``2019``, ``2019-05``, ``2019-05-01``) or ``null``;
``place`` is ``null`` where the report names none.

Each article is read and coded whole. Its *most confident events* are the ``top_k(n)`` events of highest
confidence, ``n`` being the number of its key events (``max(5, 2n)``). A key event is **found** when one
of them has its type (or one of its ``alt_types``) and comes from its sentence: the event's evidence
holds at least 60% of the quote's words of three letters or more. For each key event found, the best
such event (the one agreeing on most fields) is compared field by field: source country, target country
(``IGO`` aliases folded, sectors ignored), date (the coder's date, cut to the gold precision, equals the
gold date; a gold ``null`` date is not scored), place (same country, and same name where the coder has
one, compared without case, accents, spaces or hyphens; a gold ``null`` place is not scored). A key
event found with every field right is found *exactly*. Events coded anywhere in the article count for
the ``anywhere`` figure (ranking aside), and events in the most confident list of a page with no key
event are counted apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from thucydides.evalsets.common import SetReport, ratio, split_records
from thucydides.record import Document, Event, Place, Problem
from thucydides.splits import Half

SET_NAME = "article_extraction"
FIELDS = ("source", "target", "date", "place")
WORD = re.compile(r"[A-Za-z]{3,}")
QUOTE_SHARE = 0.6
IGO_CODES = frozenset({"IGO", "EU", "EUR", "NATO", "UN", "UNO", "NGO"})


def is_record(rec: dict[str, Any]) -> bool:
    """Whether a JSON-lines record is in this format."""
    return "key_events" in rec and "file" in rec


def top_k(n_key: int) -> int:
    """How many of an article's most confident events are looked at for ``n_key`` key events."""
    return max(5, 2 * n_key)


def _country(code: Any) -> str | None:
    if not code:
        return None
    return "IGO" if str(code) in IGO_CODES else str(code)


def _from_sentence(g: dict[str, Any], e: Event) -> bool:
    want = {w.lower() for w in WORD.findall(str(g.get("sentence") or ""))}
    have = {w.lower() for w in WORD.findall(e.evidence.text)}
    return not want or len(want & have) >= QUOTE_SHARE * len(want)


def _type_ok(g: dict[str, Any], e: Event) -> bool:
    return e.event_type in {str(g["type"]), *(str(t) for t in g.get("alt_types") or ())}


def fold_name(name: str) -> str:
    """A place name compared without case, accents, spaces or hyphens ("Brasília" is "Brasilia", "Nay Pyi
    Taw" is "Naypyitaw")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", plain.lower())


@lru_cache(maxsize=1)
def _gazetteer() -> Any:
    from thucydides.places.gazetteer import Gazetteer

    return Gazetteer.load()


def names_place(names: Iterable[str], place: Place) -> bool:
    """Whether one of ``names`` (a gold label's, as the text spells them) names ``place``: the same name
    folded (:func:`fold_name`), or a name under which the gazetteer knows the same GeoNames place ("Douma"
    for Dūmā, "Mahshahr" for Bandar-e Māhshahr)."""
    names = [n for n in names if n]
    if fold_name(place.name) in {fold_name(n) for n in names}:
        return True
    if place.geonameid is None:
        return False
    return any(p.geonameid == place.geonameid for n in names for p in _gazetteer().candidates(n))


def field_agreement(g: dict[str, Any], e: Event) -> dict[str, bool]:
    """For each field the key event states (see the module docstring), whether the event agrees."""
    out: dict[str, bool] = {
        "source": _country(e.source.country if e.source else None) == _country(g.get("source")),
        "target": _country(e.target.country if e.target else None) == _country(g.get("target")),
    }
    if g.get("date"):
        gold = str(g["date"])
        out["date"] = bool(e.date) and str(e.date)[: len(gold)] == gold
    place = g.get("place")
    if place:
        loc = e.location
        same_country = loc is not None and loc.country == place.get("country")
        name = str(place.get("name") or "")
        named = loc is None or not loc.name or names_place([name], loc)
        out["place"] = same_country and (not name or named)
    return out


def score(
    records: list[dict[str, Any]], coded: list[list[Event]], gold_file: str = "", half: Half | None = None
) -> SetReport:
    """Score coded articles (``coded[i]``: every event of ``records[i]``)."""
    report = SetReport(gold_file, "articles", half)
    n_key = found = exact = anywhere = quiet_pages = quiet_events = 0
    agree = {f: 0 for f in FIELDS}
    scored = {f: 0 for f in FIELDS}
    by_type: dict[str, list[int]] = {}
    for rec, events in zip(records, coded, strict=True):
        keys = list(rec.get("key_events") or [])
        ranked = sorted(events, key=lambda e: -e.confidence)
        top = ranked[: top_k(len(keys))]
        if not keys:
            quiet_pages += 1
            quiet_events += len(top)
            continue
        for g in keys:
            n_key += 1
            row = by_type.setdefault(str(g["type"]), [0, 0])
            row[1] += 1
            anywhere += any(_type_ok(g, e) and _from_sentence(g, e) for e in ranked)
            hits = [e for e in top if _type_ok(g, e) and _from_sentence(g, e)]
            if not hits:
                report.misses.append(f"{rec.get('id')}: {g['type']} {g.get('source')}->{g.get('target')}")
                continue
            found += 1
            row[0] += 1
            best = max((field_agreement(g, e) for e in hits), key=lambda a: sum(a.values()))
            for f, ok in best.items():
                scored[f] += 1
                agree[f] += ok
            exact += all(best.values())
    report.figures = {
        "articles": len(records),
        "key_events": n_key,
        "found_among_most_confident": f"{found}/{n_key}",
        "found_share": ratio(found, n_key),
        "found_with_every_field_right": f"{exact}/{n_key}",
        "exact_share": ratio(exact, n_key),
        "found_anywhere_in_article": f"{anywhere}/{n_key}",
        "pages_without_key_events": quiet_pages,
        "events_in_their_most_confident_lists": quiet_events,
    }
    report.figures |= {f"{f}_agreement": f"{agree[f]}/{scored[f]}" for f in FIELDS}
    report.per_type = {
        t: {"found": f"{a}/{b}", "share": ratio(a, b)} for t, (a, b) in sorted(by_type.items())
    }
    return report


def read_articles(records: list[dict[str, Any]], base: Path) -> list[Document | Problem]:
    """The article of each record, read from ``file`` (relative to ``base``), with its given date."""
    from thucydides.read import ReadOptions, read_one

    docs: list[Document | Problem] = []
    for i, rec in enumerate(records):
        path = Path(str(rec["file"]))
        path = path if path.is_absolute() else base / path
        if not path.is_file():
            raise ValueError(f"{rec.get('id')}: no such article file: {path}")
        item = next((d for d in read_one(str(path), ReadOptions()) if isinstance(d, Document)), None)
        if item is None:
            raise ValueError(f"{rec.get('id')}: could not read {path}")
        item.id = str(i)
        if rec.get("published"):
            item.published = date.fromisoformat(str(rec["published"])[:10])
            item.published_how = "given"
        docs.append(item)
    return docs


def evaluate(
    records: list[dict[str, Any]], pipeline: Any, gold_file: str = "", half: Half | None = None
) -> SetReport:
    """Read and code each article of ``half`` whole, and score its most confident events."""
    records = split_records(SET_NAME, records, half)
    docs = read_articles(records, Path(gold_file).parent)
    results = {item.id: item for item in pipeline.run(docs) if isinstance(item, Document)}
    coded = [list(results[str(i)].events) if str(i) in results else [] for i in range(len(records))]
    return score(records, coded, gold_file, half)
