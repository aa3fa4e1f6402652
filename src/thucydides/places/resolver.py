"""The place-resolution stage: place names in a document, resolved with the document's help."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from thucydides.datafile import load_yaml
from thucydides.places.gazetteer import CONTEXT_BONUS, Gazetteer, Reading, _read_text, normalize_name
from thucydides.record import ActorMention, Document, Place, PlaceMention
from thucydides.successions import Successions

_PLACE_WEIGHT = 2
_CLEAR_MARGIN = CONTEXT_BONUS  # a lead that no context could overturn
_WEAK_CITY_POPULATION = 100_000
_PHRASE_CITY_POPULATION = 1_000_000
_DIRECTION_RE = re.compile(
    r"(?P<dir>(?:north|south)[- ]?(?:east|west)(?:ern)?|(?:north|south|east|west)(?:ern)?|central)"
    r"\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_DIRECTION_BEFORE_RE = re.compile(
    r"\b(?:(?:north|south)[- ]?(?:east|west)(?:ern)?|(?:north|south|east|west)(?:ern)?|central)\s+$",
    re.IGNORECASE,
)
_LOCATIVE_BEFORE_RE = re.compile(
    r"\b(?:in|at|near|from|to|into|across|inside|outside|throughout|around|within|towards?|via|"
    r"through|over|off)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_CUE_RE = re.compile(
    r"\b(?:town|city|village|port|capital|province|district|suburb|outskirts|governorate|region)\s+of\s+"
    r"(?P<name>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,2})"
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_BLOCKING_LABELS = frozenset(
    {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LANGUAGE", "FAC"}
)


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    text: str
    source: str  # "ner:GPE", "phrase", ...
    direction: str | None = None  # normalised direction word when the span starts with one


def _canonical_direction(word: str) -> str:
    word = word.lower().replace("-", "").replace(" ", "")
    if word.endswith("ern"):
        word = word[:-3]
    return word


class PlaceResolver:
    """Stage: finds place names in a document and resolves them.

    Reads ``doc.nlp`` (the spaCy Doc over ``doc.text``; optional: without it only the phrase
    matcher runs), ``doc.actors`` (spans resolved as persons are never places; a span that is an
    organisation actor, e.g. "Washington" for the US government, is a place only after a
    locative preposition) and ``doc.body_end`` (text at or after it is ignored). Fills
    ``doc.places`` with non-overlapping :class:`PlaceMention` objects sorted by offset.
    """

    def __init__(self, gazetteer: Gazetteer, successions: Successions | None = None) -> None:
        """Prepare the phrase matcher over the gazetteer's non-city names.

        Args:
            gazetteer: a loaded :class:`Gazetteer`.
            successions: the table of states and their successors; the bundled one when omitted
                (the pipeline hands over the one its knowledge base has read).
        """
        self.gazetteer = gazetteer
        self._phrase_re = _phrase_pattern(gazetteer.phrase_names(_PHRASE_CITY_POPULATION))
        self._successions = successions if successions is not None else Successions.load()
        titles = load_yaml(_read_text("person_titles.yaml")) or {}
        self._person_titles = frozenset(str(w) for w in titles.get("titles") or ())

    def __call__(self, doc: Document) -> Document:
        """Fill ``doc.places``; see the class docstring for what is read."""
        limit = doc.body_end if doc.body_end is not None else len(doc.text)
        unique = {(span.start, span.end): span for span in self._find_spans(doc, limit) if span.end <= limit}
        spans = list(unique.values())
        spans = self._drop_actor_spans(doc.text, spans, doc.actors)
        evidence = [(span, self._clear_country(span)) for span in spans]
        context: Counter[str] = Counter()
        for _, country in evidence:
            if country:
                context[country] += _PLACE_WEIGHT
        for mention in doc.actors:
            code = mention.actor.country
            if code and self.gazetteer.has_country(code):
                context[code] += 1
        starts = {span.start: span for span in spans}
        mentions: list[PlaceMention] = []
        for span, country in evidence:
            own = context.copy()
            if country:
                own[country] -= _PLACE_WEIGHT
            follower = starts.get(span.end + 2) if doc.text[span.end : span.end + 2] == ", " else None
            within = self._qualifier(follower) if follower else None
            resolved = self._resolve_span(span, +own, strict=span.source != "cue", within=within)
            if resolved is not None:
                place, reason = resolved
                place, reason = self._as_of(place, reason, doc.published)
                mentions.append(PlaceMention(span.start, span.end, span.text, place, reason))
        doc.places = _non_overlapping(mentions)
        return doc

    def _as_of(self, place: Place, reason: str, when: date | None) -> tuple[Place, str]:
        """The place in the country it belonged to on ``when`` (Juba lay in Sudan until July 2011)."""
        country, why = self._successions.country_on(place.country, when)
        if not why:
            return place, reason
        return replace(place, country=country), f"{reason}; {why}"

    def resolve_name(self, name: str, context_countries: Sequence[str] = ()) -> Place | None:
        """The most likely place for a name, given countries the document is about.

        Args:
            name: a place name as written ("northern Syria", "Tripoli", "the Gulf").
            context_countries: ISO3 codes of the document's other places and actors; repeat a
                code to weigh it more.

        Returns:
            A copy of the chosen place, or None when the name is not a known place.
        """
        context = Counter(code for code in context_countries if code)
        name = name.strip()
        within = None
        head, comma, tail = name.partition(", ")
        if comma and not self.gazetteer.knows(name):
            within = self._qualifier(_Span(0, len(tail), tail, "name"))
            name = head
        match = _DIRECTION_RE.match(name)
        direction = _canonical_direction(match.group("dir")) if match else None
        resolved = self._resolve_span(_Span(0, len(name), name, "name", direction), context, within=within)
        return resolved[0] if resolved else None

    def _qualifier(self, span: _Span) -> tuple[str, str | None] | None:
        """(country, admin1) named by the qualifier in "Paris, Texas" or "Tripoli, Lebanon"."""
        key = self._key(span)
        ranked = self.gazetteer.readings(key, {}) if key else []
        if not ranked or ranked[0].entry.kind not in ("country", "admin1"):
            return None
        place = ranked[0].entry.place
        if not place.country:
            return None
        return place.country or "", place.admin1 if ranked[0].entry.kind == "admin1" else None

    def _find_spans(self, doc: Document, limit: int | None = None) -> list[_Span]:
        """Candidate place spans; with ``limit``, matches that start at or after it are not looked at (their
        spans, even trimmed, would end after it)."""
        text = doc.text
        stop = len(text) if limit is None else limit
        spans: list[_Span] = []
        blocking: list[tuple[int, int]] = []
        labels: dict[tuple[int, int], str] = {}
        if doc.nlp is not None:
            for ent in doc.nlp.ents:
                if ent.label_ in _PLACE_LABELS and not self._described_as_person(ent):
                    spans.append(_Span(ent.start_char, ent.end_char, ent.text, f"ner:{ent.label_}"))
                if ent.label_ in _BLOCKING_LABELS:
                    blocking.append((ent.start_char, ent.end_char))
                    labels[(ent.start_char, ent.end_char)] = ent.label_
        for match in _CUE_RE.finditer(text):
            if match.start() >= stop:
                break
            spans.append(_Span(match.start("name"), match.end("name"), match.group("name"), "cue"))
        for match in self._phrase_re.finditer(text):
            if match.start() >= stop:
                break
            if self._phrase_is_place(match, blocking, labels):
                spans.append(_Span(match.start(), match.end(), match.group(0), "phrase"))
        return [trimmed for span in spans if (trimmed := _trim(text, span)) is not None]

    def _described_as_person(self, ent: Any) -> bool:
        """True for a name in apposition with a noun describing a person ("Oshima, the UN relief
        coordinator, said"), which the tagger took for a place."""
        root = ent.root
        described = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            described.append(root.head)
        return any(d.lemma_.lower() in self._person_titles for d in described if d.pos_ in ("NOUN", "PROPN"))

    def _phrase_is_place(
        self, match: re.Match[str], blocking: list[tuple[int, int]], labels: Mapping[tuple[int, int], str]
    ) -> bool:
        """A phrase match counts unless it is lower case, part of a longer name or a person's name."""
        start, end = match.span()
        found = match.group(0)
        if not found[0].isupper() or (len(found) <= 3 and not found.isupper()):
            return False
        if any(b0 <= start and end <= b1 and b1 - b0 > end - start for b0, b1 in blocking):
            return False
        label = labels.get((start, end))
        if label is None:
            return True
        # The small model often calls a lone country or region a person or an organisation; a lone
        # city name it calls a person is left to it (the actor stage has the last word on persons).
        ranked = self.gazetteer.readings(normalize_name(found), {})
        return bool(ranked) and (label != "PERSON" or ranked[0].entry.kind != "city")

    def _drop_actor_spans(self, text: str, spans: list[_Span], actors: Sequence[ActorMention]) -> list[_Span]:
        persons = [(m.start, m.end) for m in actors if m.actor.type == "person"]
        organisations = {(m.start, m.end) for m in actors if m.actor.type in ("organization", "group")}
        kept: list[_Span] = []
        for span in spans:
            if any(start < span.end and span.start < end for start, end in persons):
                continue
            if (span.start, span.end) in organisations and not _LOCATIVE_BEFORE_RE.search(
                text[max(0, span.start - 30) : span.start]
            ):
                continue
            kept.append(span)
        return kept

    def _clear_country(self, span: _Span) -> str | None:
        """The country of a span whose best reading clearly beats every reading in another country."""
        key = self._key(span)
        ranked = self.gazetteer.readings(key, {}) if key else []
        if not ranked or ranked[0].entry.place.country is None or _weak(ranked[0]):
            return None
        best = ranked[0].entry
        rivals = [r.score for r in ranked[1:] if r.entry.place.country != best.place.country]
        if rivals and ranked[0].score - max(rivals) < _CLEAR_MARGIN:
            return None
        return best.place.country

    def _key(self, span: _Span) -> str | None:
        """The lookup key of a span, without its direction word."""
        key = normalize_name(span.text)
        if span.direction and not self.gazetteer.knows(span.text):
            match = _DIRECTION_RE.match(key)
            return normalize_name(match.group("rest")) if match else None
        return key

    def _resolve_span(
        self,
        span: _Span,
        context: Mapping[str, float],
        strict: bool = False,
        within: tuple[str, str | None] | None = None,
    ) -> tuple[Place, str] | None:
        """Resolve a span; ``strict`` drops weak readings (a small town known only by a variant
        spelling, with no support from the document), which are mostly misread names; ``within``
        keeps only readings in that (country, admin1) when any exist."""
        key = self._key(span)
        ranked = self.gazetteer.readings(key, context) if key else []
        if within is not None:
            inside = [r for r in ranked if _is_within(r.entry.place, within) and r.entry.kind != "country"]
            if inside:
                ranked = [r._replace(support=1.0) for r in inside]
        if not ranked:
            return None
        best = ranked[0]
        entry = best.entry
        if strict and _weak(best):
            return None
        reason = entry.describe()
        if not best.primary:
            reason += f"; variant name of {entry.place.name}"
        if len(ranked) > 1:
            reason += f"; best of {len(ranked)} readings"
            if best.base < max(r.base for r in ranked):
                reason += ", chosen by the document's other places and actors"
        if span.direction and key != normalize_name(span.text):
            lead = _DIRECTION_RE.match(span.text)
            prefix = span.text[: lead.start("rest")].strip().lower() if lead else span.direction
            place = self.gazetteer.directional(entry, span.direction, f"{prefix} {entry.place.name}")
            return place, f"{span.direction} part of {reason}"
        return replace(entry.place), reason


def _phrase_pattern(names: Sequence[str]) -> re.Pattern[str]:
    """One case-insensitive pattern for name keys (words may be joined by spaces, dots or hyphens).

    The alternatives are grouped by their first letter, keeping their order within a group, so the
    matcher tries only the names that can start at a position instead of all of them (more than ten
    times faster); since names that start with another letter can never match there, the result is
    the same as one flat alternation in the given order.
    """
    groups: dict[str, list[str]] = {}
    flat: list[str] = []
    for key in names:
        part = r"[\s.\-]*".join(re.escape(word) for word in re.split(r"[ ]", key))
        first = key[:1]
        if first.isascii() and first.isalpha():
            groups.setdefault(first.lower(), []).append(part[1:])
        else:
            flat.append(part)
    alternatives = [f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items()]
    # names that do not start with an ASCII letter can never compete with the grouped ones
    alternatives += flat
    return re.compile(r"(?<![\w\-])(?:" + "|".join(alternatives) + r")(?![\w]|-\w)", re.IGNORECASE)


def _is_within(place: Place, within: tuple[str, str | None]) -> bool:
    country, admin1 = within
    return place.country == country and (admin1 is None or place.admin1 == admin1)


def _weak(reading: Reading) -> bool:
    """A reading too thin to trust without support from the document."""
    entry = reading.entry
    return (
        entry.kind == "city"
        and not reading.primary
        and entry.population < _WEAK_CITY_POPULATION
        and reading.support == 0.0
    )


def _trim(text: str, span: _Span) -> _Span | None:
    """Drop a leading "the", a possessive ending and hyphen-compounds; take in a direction word."""
    start, end = span.start, span.end
    piece = text[start:end]
    lead = re.match(r"(?i)the\s+", piece)
    if lead:
        start += lead.end()
    tail = re.search(r"\s*['\u2019]s?$", text[start:end])
    if tail:
        end -= len(tail.group(0))
    while end > start and not text[end - 1].isalnum():
        if text[end - 1] == "." and end - start >= 2 and text[end - 2].isupper():
            break  # an abbreviation such as "U.S."
        end -= 1
    if end <= start:
        return None
    if (start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum()) or (
        end + 1 < len(text) and text[end] == "-" and text[end + 1].isalnum()
    ):
        return None
    direction = None
    before = _DIRECTION_BEFORE_RE.search(text[max(0, start - 20) : start])
    if before:
        direction = _canonical_direction(before.group(0).strip())
        start = start - len(text[max(0, start - 20) : start]) + before.start()
    return _Span(start, end, text[start:end], span.source, direction)


def _non_overlapping(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Keep the longest of overlapping mentions, then sort by offset."""
    chosen: list[PlaceMention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= other.start or other.end <= mention.start for other in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)
