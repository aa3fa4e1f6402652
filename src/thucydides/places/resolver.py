"""The place-resolution stage: place names in a document, resolved with the document's help."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from importlib import resources
from typing import Any

from thucydides.datafile import load_yaml
from thucydides.places.entry import Entry, distance_km
from thucydides.places.gazetteer import (
    CONTEXT_BONUS,
    Gazetteer,
    Reading,
    _read_csv,
    _read_text,
    context_tops,
    normalize_name,
)
from thucydides.places.ranker import MAX_CANDIDATES, Ranker, Story, coherence, features
from thucydides.places.spans import (
    DIRECTION_RE,
    Span,
    SpanFinder,
    canonical_direction,
    local_features,
    named_sites,
    non_overlapping,
    sites_in_towns,
)
from thucydides.record import Document, Place, PlaceMention
from thucydides.successions import Successions

_PLACE_WEIGHT = 2
_POSSIBLE_VOTE = 0.5  # what a name adds to each division it may lie in (see PlaceResolver._context)
_CLEAR_MARGIN = CONTEXT_BONUS  # a lead that no context could overturn
_CLEAR_CITY_MARGIN = 1.0  # a city this far ahead of namesakes in other divisions names its division
_WEAK_CITY_POPULATION = 100_000
_KNOWN_CITY_POPULATION = 50_000  # a city this large is a place wherever its name stands capitalised
_LARGE_CITY_POPULATION = 500_000  # ... and this large, even where the tagger took it for a person's
_LARGE_CITY_REASON = "; a large city before its people or offices"
_DATELINE_CHARS = 80
_NEAR_KM = 100.0  # a town or county this close to another of the story's towns and counties lies with it
_NEAR_BONUS = 2.0  # ... and its reading gains this much (about a hundredfold in population)
_CLUSTER_NAMES = 3  # names each near none of the others' that agree on one place (see _clustered)
_STATE_NAMES = 2  # other names read in one division that make it the story's (see _in_story_state)
_STATE_KINDS = frozenset({"city", "admin2", "admin1"})  # the readings whose division counts there
_STATE_BONUS = 2.0  # ... and what a town or county reading in that division gains (like _NEAR_BONUS)
_NEAR_DEGREES = _NEAR_KM / 100.0  # a box a little larger than the circle (1 degree of latitude is 111 km)
_POINT_KINDS = frozenset({"city", "admin2"})
_SUPPORT_SHARE = 0.5  # a division backs an untagged town when it has this share of the leading one's votes
_STEM_LEAD = 1.5  # a county read from its stem needs its division this far ahead of the best reading's
# a North American telephone number, "(908) 555-0142", "908-555-0142" or "908.555.0142": its area code
_PHONE_RE = re.compile(r"(?<![\d.-])(?:\((\d{3})\) ?|(\d{3})([-.]))\d{3}(?(3)\3|-)\d{4}(?![\d-])")
_PHONE_VOTE = 1.0  # what a telephone number adds to its area code's first-level division (a name's vote)
_LIST_GAP_RE = re.compile(r",\s+|,?\s+(?:and|or)\s+")
_WORD_RE = re.compile(r"\b[A-Z][a-z]+\b")  # a capitalised word (each part of "Russian-American")


class PlaceResolver(SpanFinder):
    """Stage: finds place names in a document and resolves them.

    Reads ``doc.nlp`` (the spaCy Doc over ``doc.text``; optional: without it only the phrase
    matcher runs), ``doc.actors`` (spans resolved as persons are never places; a span that is an
    organisation actor, e.g. "Washington" for the US government, is a place only after a
    locative preposition) and ``doc.body_end`` (text at or after it is ignored). Fills
    ``doc.places`` with non-overlapping :class:`PlaceMention` objects sorted by offset.
    """

    def __init__(self, gazetteer: Gazetteer, successions: Successions | None = None) -> None:
        """Prepare the matchers over the gazetteer's names and abbreviations.

        Args:
            gazetteer: a loaded :class:`Gazetteer`.
            successions: the table of states and their successors; the bundled one when omitted
                (the pipeline hands over the one its knowledge base has read).
        """
        super().__init__(gazetteer)
        self._successions = successions if successions is not None else Successions.load()
        blocked = load_yaml(_read_text("non_places.yaml")) or {}
        self._demonyms = frozenset(normalize_name(str(w)) for w in blocked.get("demonyms") or ())
        common = load_yaml(_read_text("common_words.yaml")) or {}
        self._common_words = frozenset(normalize_name(str(w)) for w in common.get("words") or ())
        # each country's demonyms, singular and plural ("Latvian", "Latvians"), from the actors' table
        self._demonym_countries = _demonym_countries()
        # the people of a US state ("Iowans") name the state
        self._state_people: dict[str, Place] = {}
        for row in _read_csv("state_demonyms.csv"):
            state = next(
                (
                    e.place
                    for e, primary in gazetteer.entries(normalize_name(row["state"]))
                    if primary and e.kind == "admin1" and e.place.country == "USA"
                ),
                None,
            )
            if state is not None:
                self._state_people[normalize_name(row["demonym"])] = state
        # the state or province of each telephone area code ("(908) 782-0000" is New Jersey's)
        self._area_codes = {row["code"]: row["admin1"] for row in _read_csv("area_codes.csv")}
        # the learned re-ranking of ambiguous names' readings (None: the hand ranking alone)
        self.ranker: Ranker | None = Ranker.load()
        # when a list, every ranked name's readings and features are added to it (for training)
        self.collect: list[dict[str, Any]] | None = None

    def __call__(self, doc: Document) -> Document:
        """Fill ``doc.places``; see the class docstring for what is read.

        Every name is first read alone; the countries and divisions that the document names clearly
        (and its actors' countries) then weigh the readings of every name, and all the mentions of one
        name are resolved together (a qualifier such as "Paris, Texas" on one of them holds for all).
        """
        limit = doc.body_end if doc.body_end is not None else len(doc.text)
        unique: dict[tuple[int, int], Span] = {}
        for span in self._find_spans(doc, limit):
            # an abbreviation's own reading ("B.C.") beats the tagger's span over the same letters
            # ... and so does a division named by a list ("Geauga and Medina counties")
            if span.end <= limit and (
                (span.start, span.end) not in unique or span.source == "abbr" or span.lookup
            ):
                unique[(span.start, span.end)] = span
        spans = self._drop_actor_spans(
            doc.text, sorted(unique.values(), key=lambda sp: sp.start), doc.actors, doc.nlp
        )
        # a name opening a sentence where the parse reads a common word is a place only where the story
        # names it as one elsewhere; it takes no part in reading the others
        openers = [span for span in spans if span.opener]
        if openers:
            spans = [span for span in spans if not span.opener]
        collected = len(self.collect) if self.collect is not None else 0
        words: list[set[str]] = []  # the words of the story's longer persons' names, once read
        mentions = self._read(doc, spans, openers, limit, words)
        # a name read as no place takes no part in reading the others: read them again without its votes
        # ("Section 2AA" of Minnesota sports news voted for a hamlet's Alabama)
        placed = {(m.start, m.end) for m in mentions}
        muted = frozenset(
            (span.start, span.end)
            for span in spans
            if span.source == "name"
            and (span.start, span.end) not in placed
            # a common word kept out ("Commerce") still votes: such words mostly name a place near the story's
            and not (" " not in span.text.strip() and self._key(span) in self._common_words)
        )
        if muted and any(self._may_vote(span) for span in spans if (span.start, span.end) in muted):
            if self.collect is not None:
                del self.collect[collected:]  # the ranker's training rows are the second reading's
            mentions = self._read(doc, spans, openers, limit, words, muted)
        # a name opening a street's or a square's name ("Pushkin Square") names the site, read after the
        # others (its reading's votes stay)
        doc.places = named_sites(doc.text, mentions, spans, self._site_word, self._site_stops, limit)
        doc.places = local_features(
            doc.text, doc.places, spans, self._feature_word, self._feature_before, self._site_stops, limit
        )
        return doc

    def _read(
        self,
        doc: Document,
        spans: Sequence[Span],
        openers: Sequence[Span],
        limit: int,
        words: list[set[str]],
        muted: frozenset[tuple[int, int]] = frozenset(),
    ) -> list[PlaceMention]:
        """The place mentions of the spans, each name read with the others' votes (but the ``muted``
        spans')."""
        context, votes = self._context(doc, spans, muted)
        starts = {span.start: span for span in spans}
        qualified: dict[str, tuple[str, str | None]] = {}
        for span in spans:
            within = self._qualifier_after(doc.text, span, starts)
            key = self._key(span)
            if within and key:
                qualified.setdefault(key, within)
        divisions = self._division_keys(doc.text, spans)
        towns = {
            self._key(span) for span in spans if span.local and self._town_after.match(doc.text, span.end)
        }
        done: dict[tuple[str | None, str | None], _Resolved | None] = {}
        withouts: dict[str, _Without] = {}
        leaders = _leaders(context)
        firsts: dict[tuple[str | None, str | None], tuple[Span, _Without]] = {}
        for span in spans:
            key = self._key(span)
            memo = (key, span.direction) if span.source != "abbr" else (span.text, "abbr")
            vote_key = span.text if span.source == "abbr" else key or ""
            own = withouts.get(vote_key)
            if own is None:
                own = withouts[vote_key] = _Without(context, votes.get(vote_key, {}), leaders)
            if memo not in done:
                done[memo] = self._resolve_in(
                    span,
                    own,
                    qualified.get(key or ""),
                    key in divisions,
                    key in towns and key not in divisions,
                )
                firsts[memo] = (span, own)
        self._near_others(done, firsts, qualified, divisions, towns)
        self._short_forms(done, firsts, qualified, divisions)
        if self.ranker is not None or self.collect is not None:
            self._learned(doc, spans, done, firsts, qualified, leaders)
        mentions: list[PlaceMention] = []
        accepted: set[tuple[str | None, str | None]] = set()
        held: list[tuple[Span, tuple[str | None, str | None], Place, str]] = []
        for span in spans:
            key = self._key(span)
            memo = (key, span.direction) if span.source != "abbr" else (span.text, "abbr")
            resolved = done[memo]
            if resolved is None:
                continue
            place, reason, _ = resolved
            own = withouts[span.text if span.source == "abbr" else key or ""]
            if span.source != "abbr" and not self._accepted(span, key, own, resolved[2]):
                held.append((span, memo, place, reason))
                continue
            if (
                span.source == "name"
                and " " not in span.text.strip()
                and not (span.locative or span.dateline or span.local)
                and (key in self._common_words or key in self._person_words(doc, words, spans))
            ):
                # "Tyler" where the story names "Tyler Smith": the person, not a town; "University" of a
                # university's name: a common word
                continue
            if (
                span.source.startswith("ner:")
                and not span.inside
                or span.locative
                or span.dateline
                or span.local
            ):
                accepted.add(memo)
            place, reason = self._as_of(place, reason, doc.published)
            mentions.append(PlaceMention(span.start, span.end, span.text, replace(place), reason))
        # one sense per story: a name taken for a place once (tagged as one, after "in", in a dateline,
        # before "police") is a place wherever the tagger took it alone for a person ("Gainesville
        # residents"), unless it is a word of a longer person's name in the story ("David Hopkins"), and
        # where it stands untagged or opens an organisation's name ("the Whitestown water line project")
        # when its place, of that very name, lies in the story's leading country; and a name listed beside
        # the story's places ("Lovejoy, Jonesboro and Riverdale", "Gainesville and Duluth") is one of them,
        # whatever the tagger took it for
        listed = _listed_with_places(doc.text, held, mentions)
        lead_country = next((code for code, (level, _) in leaders.items() if level == 0), None)
        held = [
            h
            for n, h in enumerate(held)
            if n in listed
            or h[1] in accepted
            and not h[0].partial
            and (
                h[0].inside == "PERSON"
                or h[0].inside in ("ORG", None)
                and not h[0].within_name
                and h[2].country == lead_country
                and normalize_name(h[2].name).startswith(h[1][0] or "-")
            )
        ]
        for span in openers:
            memo = (self._key(span), span.direction)
            resolved = done.get(memo)
            if resolved is not None and memo in accepted and not span.partial:
                held.append((span, memo, resolved[0], resolved[1]))
            elif span.local and not span.partial and memo[0]:
                # ... or, before its police or its people, where it names a city of half a million ("Kano
                # police said")
                if memo not in done:
                    done[memo] = self._resolve_in(span, _Without(context, {}, leaders), None)
                alone = done[memo]
                if (
                    alone is not None
                    and alone[2].kind == "city"
                    and alone[2].population >= _LARGE_CITY_POPULATION
                    and alone[0].name == alone[2].place.name
                ):
                    held.append((span, memo, alone[0], alone[1] + _LARGE_CITY_REASON))
        surnames = self._person_words(doc, words, spans) if held else set()
        for span, memo, place, reason in held:
            if memo[0] not in surnames:
                if not reason.endswith(_LARGE_CITY_REASON):
                    reason += "; a place elsewhere in the story"
                place, reason = self._as_of(place, reason, doc.published)
                mentions.append(PlaceMention(span.start, span.end, span.text, replace(place), reason))
        mentions += self._demonym_mentions(doc, limit)
        mentions += sites_in_towns(doc, mentions, limit)
        return non_overlapping(mentions)

    @staticmethod
    def _person_words(doc: Document, memo: list[set[str]], spans: Sequence[Span] = ()) -> set[str]:
        """:func:`_name_words` of the story, read once into ``memo``; a "name" that opens with a place
        before a local institution ("Lawrenceburg Parks and Recreation", "Flemington Elks" taken for
        persons) names no person."""
        if not memo:
            memo.append(_name_words(doc.nlp, frozenset(span.start for span in spans if span.local)))
        return memo[0]

    def _near_others(
        self,
        done: dict[tuple[str | None, str | None], _Resolved | None],
        firsts: Mapping[tuple[str | None, str | None], tuple[Span, _Without]],
        qualified: Mapping[str, tuple[str, str | None]],
        divisions: set[str],
        towns: set[str | None],
    ) -> None:
        """Read each town or county name again, lifting its readings that lie near the story's other towns
        and counties ("Watertown" beside "Montgomery" and "Elgin" of one state's local news, where
        the document names no state): a story's places lie together."""
        points = _town_points(done)
        if len(points) < 2:
            return
        for memo, (span, own) in firsts.items():
            key = memo[0]
            found = done[memo]
            if (
                found is None
                or not key
                or _fixed(span, key, qualified, divisions)
                or found[2].kind not in _POINT_KINDS
                and found[2].kind != "country"  # a country's name nothing backs may be a town near the others
                or len(self.gazetteer.entries(key)) < 2
            ):
                continue
            near = [point for other, point in points.items() if other[0] != key]
            # only where another reading lies near and the chosen one does not (else nothing changes: the
            # readings near gain alike)
            if (
                near
                and not _near(found[2].place, near)
                and any(
                    e is not found[2] and e.kind in _POINT_KINDS and _near(e.place, near)
                    for e, _ in self.gazetteer.entries(key)
                )
            ):
                strict = span.source not in ("cue",) and not span.locative
                again = self._resolve_span(span, own, strict=strict, near=near, town=key in towns)
                if again is not None and again[2] is not found[2]:
                    done[memo] = again
        self._clustered(done, firsts, qualified, divisions)
        self._in_story_state(done, firsts, qualified, divisions, towns)

    def _short_forms(
        self,
        done: dict[tuple[str | None, str | None], _Resolved | None],
        firsts: Mapping[tuple[str | None, str | None], tuple[Span, _Without]],
        qualified: Mapping[str, tuple[str, str | None]],
        divisions: set[str],
    ) -> None:
        """A name that opens a longer name of the story's towns, and that the gazetteer knows as another
        name of that very town, is that town ("Avondale" after "Avondale Estates", not the bigger Avondale
        of another state): a story names a place in full once and shortly after."""
        longer: dict[int, tuple[str, _Resolved]] = {}
        for memo, found in done.items():
            key = memo[0]
            if (
                key
                and " " in key
                and memo[1] != "abbr"
                and found is not None
                and found[2].kind == "city"
                and found[0].geonameid is not None
            ):
                longer.setdefault(found[0].geonameid, (key, found))
        if not longer:
            return
        for memo, (span, _) in firsts.items():
            key = memo[0]
            found = done[memo]
            if (
                found is None
                or not key
                or found[2].kind != "city"
                or _fixed(span, key, qualified, divisions)  # an abbreviation among them
            ):
                continue
            for entry, _ in self.gazetteer.entries(key):
                full = longer.get(entry.place.geonameid) if entry.place.geonameid is not None else None
                if (
                    full is not None
                    and full[0].startswith(key + " ")
                    and normalize_name(full[1][0].name).startswith(key + " ")
                    and entry.kind == "city"
                ):
                    if full[1][2] is not found[2]:
                        done[memo] = (
                            replace(full[1][0]),
                            f"{full[1][2].describe()}; short for {full[1][0].name}, named in the story",
                            full[1][2],
                        )
                    break

    def _in_story_state(
        self,
        done: dict[tuple[str | None, str | None], _Resolved | None],
        firsts: Mapping[tuple[str | None, str | None], tuple[Span, _Without]],
        qualified: Mapping[str, tuple[str, str | None]],
        divisions: set[str],
        towns: set[str | None],
    ) -> None:
        """Read again each town or county name put in another first-level division than the one where more
        of the story's other names were put, lifting its namesake in that division ("Albany" beside
        "Brandon" and "Douglas County", both read in Minnesota, is the Minnesota town, not the bigger one in
        Georgia; "Montgomery County" in a story of Indiana's counties is Indiana's): the division the
        names agree on once read wins where the first votes, split between each name's many namesakes,
        named none. Only a namesake in the same country is lifted."""
        read: dict[str, str] = {}  # each name's division, as read so far
        for memo, found in done.items():
            if memo[0] and found is not None and found[2].a1 and found[2].kind in _STATE_KINDS:
                read.setdefault(memo[0], found[2].a1)
        if len(read) <= _STATE_NAMES:
            return
        counts = Counter(read.values())
        points = _town_points(done)
        for memo, (span, own) in firsts.items():
            key = memo[0]
            found = done[memo]
            if (
                found is None
                or not key
                or _fixed(span, key, qualified, divisions)  # an abbreviation among them
                or found[2].kind not in _POINT_KINDS
            ):
                continue
            mine = found[2].a1
            others = counts.copy()
            others[read.get(key, "")] -= 1
            lead, n = max(others.items(), key=lambda item: (item[1], item[0]))
            if n < _STATE_NAMES or lead == mine or n <= others.get(mine, 0):
                continue
            country = found[2].place.country
            if not any(
                primary and e.a1 == lead and e.kind in _POINT_KINDS and e.place.country == country
                for e, primary in self.gazetteer.entries(key)
            ):
                continue
            near = [point for other, point in points.items() if other[0] != key]
            strict = span.source != "cue" and not span.locative
            again = self._resolve_span(span, own, strict=strict, near=near, town=key in towns, state=lead)
            if again is not None and again[2] is not found[2] and again[2].a1 == lead:
                done[memo] = again

    def _clustered(
        self,
        done: dict[tuple[str | None, str | None], _Resolved | None],
        firsts: Mapping[tuple[str | None, str | None], tuple[Span, _Without]],
        qualified: Mapping[str, tuple[str, str | None]],
        divisions: set[str],
    ) -> None:
        """Read again the town and county names that lie near none of the story's others, lifting a reading
        that lies near readings of two other such names ("Brandon", "Albany" and "Douglas County" of one
        Minnesota story, each first read at its biggest namesake in three states): where no name of a
        story anchors the others, three of them agreeing on one place is seldom chance (two are: "Paris"
        and "Richmond" both lie in Kentucky)."""
        points = _town_points(done)
        lone: dict[tuple[str | None, str | None], list[Entry]] = {}
        for memo, (span, _) in firsts.items():
            key = memo[0]
            found = done[memo]
            if (
                found is None
                or not key
                or _fixed(span, key, qualified, divisions)
                or memo not in points
                or _near(found[2].place, [point for other, point in points.items() if other[0] != key])
            ):
                continue
            readings = [
                e
                for e, primary in self.gazetteer.entries(key)
                if primary and e.kind in _POINT_KINDS and e.place.lat is not None
            ]
            if len(readings) >= 2:
                lone[memo] = readings
        if len(lone) < _CLUSTER_NAMES:
            return
        for memo, readings in lone.items():
            found = done[memo]
            if found is None:
                continue
            best: list[tuple[float | None, float | None]] = []
            for entry in readings:
                if entry is found[2]:
                    continue
                here = [(entry.place.lat, entry.place.lon)]
                support = [
                    (hit.place.lat, hit.place.lon)
                    for other, theirs in lone.items()
                    if other[0] != memo[0]
                    for hit in (next((o for o in theirs if _near(o.place, here)), None),)
                    if hit is not None
                ]
                if len(support) >= _CLUSTER_NAMES - 1 and len(support) > len(best):
                    best = support
            if best:
                span, own = firsts[memo]
                strict = span.source != "cue" and not span.locative
                again = self._resolve_span(span, own, strict=strict, near=best)
                if again is not None and again[2] is not found[2]:
                    done[memo] = again

    def _learned(
        self,
        doc: Document,
        spans: Sequence[Span],
        done: dict[tuple[str | None, str | None], _Resolved | None],
        firsts: Mapping[tuple[str | None, str | None], tuple[Span, _Without]],
        qualified: Mapping[str, tuple[str, str | None]],
        leaders: Mapping[str, tuple[int, float]],
    ) -> None:
        """Choose again between each ambiguous name's readings with the learned model
        (:mod:`thucydides.places.ranker`), given where the hand resolution put the story's other names; a
        name qualified in the text ("Paris, Texas") or read with a direction keeps its reading."""
        lead = {level: code for code, (level, _) in leaders.items()}
        chosen: list[tuple[str, Entry]] = [
            (memo[0], found[2])
            for memo, found in done.items()
            if memo[0] and found is not None and memo[1] != "abbr"
        ]
        single = {key for key, _ in chosen if len(self.gazetteer.entries(key)) == 1}
        # every name's town and county readings, for how well each reading sits with the others
        keys = sorted({key for key, _ in chosen})
        local = [
            [
                (e.place.lat, e.place.lon)
                for e, primary in self.gazetteer.entries(key)[:50]
                if primary and e.kind in _POINT_KINDS and e.place.lat is not None and e.place.lon is not None
            ]
            for key in keys
        ]
        named = sum(1 for group in local if group)
        index = {key: n for n, key in enumerate(keys)}
        todo: list[tuple[tuple[str | None, str | None], Span, Entry, _Resolved, list[Reading]]] = []
        for memo, (span, own) in firsts.items():
            key = memo[0]
            found = done[memo]
            if found is None or span.source == "abbr" or not key or span.direction or key in qualified:
                continue
            ranked = self.gazetteer.readings(key, _plain(own), _tops(own))
            if len(ranked) < 2:
                continue
            entry = found[2]
            top = [r for n, r in enumerate(ranked) if n < MAX_CANDIDATES or r.entry is entry]
            if any(r.entry is entry for r in top):
                todo.append((memo, span, entry, found, top))
        if not todo:
            return
        candidates: list[list[tuple[float | None, float | None]]] = [[] for _ in keys]
        for memo, _, _, _, top in todo:
            candidates[index[memo[0] or ""]] = [(r.entry.place.lat, r.entry.place.lon) for r in top]
        near = coherence(candidates, local)
        for memo, span, entry, found, top in todo:
            key = memo[0] or ""
            others = [(k, e) for k, e in chosen if k != key]
            story = Story(
                lead_country=lead.get(0, ""),
                lead_admin1=lead.get(1, ""),
                countries=Counter(e.place.country or "" for _, e in others),
                admin1s=Counter(e.a1 for _, e in others),
                others=len(others),
                named_admin1s=frozenset(e.a1 for _, e in others if e.kind == "admin1"),
                named_countries=frozenset(e.place.country or "" for _, e in others if e.kind == "country"),
                points=[
                    (e.place.lat, e.place.lon)
                    for _, e in others
                    if e.kind in _POINT_KINDS and e.place.lat is not None and e.place.lon is not None
                ],
                clear=[
                    (e.place.lat, e.place.lon)
                    for k, e in others
                    if k in single
                    and e.kind not in ("country", "region")
                    and e.place.lat is not None
                    and e.place.lon is not None
                ],
            )
            own_points = 1 if local[index[key]] else 0
            rows = features(top, entry, span.text.casefold(), story, near[index[key]], named - own_points)
            hand = next(n for n, r in enumerate(top) if r.entry is entry)
            if self.collect is not None:
                self.collect.append(
                    {
                        "doc": doc.id,
                        "spans": [
                            (s.start, s.end) for s in spans if self._key(s) == key and s.source != "abbr"
                        ],
                        "rows": rows,
                        "points": [(r.entry.place.lat, r.entry.place.lon) for r in top],
                        "hand": hand,
                        "readings": [
                            f"{r.entry.place.name}, {r.entry.place.admin1}, {r.entry.place.country}"
                            f" ({r.entry.kind}, {r.entry.population})"
                            for r in top
                        ],
                    }
                )
            if self.ranker is None:
                continue
            probs = self.ranker.score(rows)
            best = max(range(len(top)), key=probs.__getitem__)
            if best == hand:
                done[memo] = (found[0], f"{found[1]}; learned ranker {probs[hand]:.2f}", entry)
            else:
                pick = top[best].entry
                done[memo] = (
                    replace(pick.place),
                    f"{pick.describe()}; learned ranker {probs[best]:.2f} over {entry.place.name}, "
                    f"{entry.describe()} ({probs[hand]:.2f})",
                    pick,
                )

    def _demonym_mentions(self, doc: Document, limit: int) -> list[PlaceMention]:
        """A demonym names its country, at precision ``country``, where the actor stage has read a country
        from the phrase it stands in: a nationality the tagger marks ("Sudanese"), its plural ("the
        Latvians"), the opening word of a state body or firm ("the Lebanese Army", "American Airlines") and
        each part of a compound ("a Russian-American crew"); the event coder never takes one for where an
        event happened (it is no object of a locative preposition)."""
        if doc.nlp is None:
            return []
        out: list[PlaceMention] = []
        for ent in doc.nlp.ents:
            if ent.label_ != "NORP" or ent.end_char > limit:
                continue
            state = self._state_people.get(normalize_name(ent.text))
            if state is not None:
                out.append(
                    PlaceMention(
                        ent.start_char, ent.end_char, ent.text, replace(state), f"people of {state.name}"
                    )
                )
                continue
            if normalize_name(ent.text) not in self._demonyms:
                continue
            actor = next(
                (
                    m.actor
                    for m in doc.actors
                    if m.start <= ent.start_char and ent.end_char <= m.end and m.actor.country
                ),
                None,
            )
            place = self.gazetteer.country(actor.country) if actor and actor.country else None
            if place is not None:
                out.append(
                    PlaceMention(ent.start_char, ent.end_char, ent.text, place, f"demonym of {place.name}")
                )
        seen: set[int] = set()
        for mention in doc.actors:
            if not mention.actor.country or mention.end > limit:
                continue
            for word in _WORD_RE.finditer(doc.text, mention.start, mention.end):
                code = self._demonym_countries.get(word.group())
                if code is None or word.start() in seen:
                    continue
                seen.add(word.start())
                place = self.gazetteer.country(code)
                if place is not None:
                    out.append(
                        PlaceMention(word.start(), word.end(), word.group(), place, f"people of {place.name}")
                    )
        return out

    def _may_vote(self, span: Span) -> bool:
        """Whether a name may cast a vote for a division in :meth:`_context` (a reading of the gazetteer with
        a division): muting one that cannot changes nothing, so the story need not be read again."""
        key = span.text if span.source == "abbr" else self._key(span)
        lone = span.partial and len(span.text.split()) == 1
        if not key or (span.source == "name" and (lone or span.inside == "PERSON")):
            return False
        if span.source == "abbr":
            found = self.gazetteer.abbreviation(span.text)
            return found is not None and bool(found.a1 or found.a2)
        return any(
            primary and e.kind != "country" and (e.a1 or e.a2) for e, primary in self.gazetteer.entries(key)
        )

    def _context(
        self, doc: Document, spans: Sequence[Span], muted: frozenset[tuple[int, int]] = frozenset()
    ) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
        """Weights of the countries (ISO3) and divisions (GeoNames codes) the document is about, and each
        name's own share of the divisions' weights (taken out when that name is resolved).

        Countries: those of its clear place names and of its actors, less the name's own. Divisions:
        every name votes for the divisions its readings lie in, one vote split between them by the
        readings' sizes ("Kentucky" gives Kentucky nearly a whole vote), plus half a vote for each
        division it may lie in ("Hall County" lies in Georgia, Nebraska or Texas), twice for a name in
        the dateline; so the division the document's names agree on wins ("Gainesville" is then the one
        in Georgia when "Hall County" and "Georgia" stand beside it).
        """
        context: dict[str, float] = defaultdict(float)
        clear: dict[tuple[str, str | None], str | None] = {}
        # what each name adds to the countries: a name does not vote for its own reading ("London" and
        # "London police" make no case for the London in England)
        selfish: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for span in spans:
            memo = (span.text, span.direction)
            if memo not in clear:
                clear[memo] = self._clear_country(span)
            country = clear[memo]
            if country:
                context[country] += _PLACE_WEIGHT
                selfish[self._key(span) or ""][country] += _PLACE_WEIGHT
        for mention in doc.actors:
            code = mention.actor.country
            if code and self.gazetteer.has_country(code):
                context[code] += 1
                for span in spans:
                    if mention.start <= span.start and span.end <= mention.end:
                        selfish[self._key(span) or ""][code] += 1
                        break
        votes: dict[str, dict[str, float]] = {key: dict(own) for key, own in selfish.items()}
        done: set[str] = set()
        # a name that opens a longer name of the gazetteer's ("Tennessee" of "a Tennessee Colony man") votes
        # for nothing: the longer name is the place
        longer = [
            (span.start, span.end)
            for span in spans
            if span.source == "name" and " " in span.text.strip() and (span.start, span.end) not in muted
        ]
        for span in spans:
            key = span.text if span.source == "abbr" else self._key(span)
            if not key or key in done and span.start >= _DATELINE_CHARS or (span.start, span.end) in muted:
                continue
            if any(start == span.start and span.end < end for start, end in longer):
                continue
            if span.source == "name" and (
                span.partial and len(span.text.split()) == 1 or span.inside == "PERSON"
            ):
                continue
            if span.source == "abbr":
                found = self.gazetteer.abbreviation(span.text)
                entries = [found] if found else []
            else:
                pairs = self.gazetteer.entries(key)
                # a country's name is no vote for the divisions of its namesake towns ("China", "Mexico"
                # and "Peru" are all towns in Maine)
                named = any(e.kind == "country" and primary for e, primary in pairs)
                # ... and a village GeoNames lacks votes for nothing
                entries = [
                    e
                    for e, primary in pairs
                    if primary and e.kind != "country" and not (named and e.kind == "city") and not e.village
                ]
            own = votes.setdefault(key, {})
            if key in done and span.start >= _DATELINE_CHARS:
                continue
            done.add(key)
            scale = 2.0 if span.start < _DATELINE_CHARS and (span.dateline or span.source != "name") else 1.0
            for level in ("a1", "a2"):
                # one vote, split between the readings' divisions as likely as each reading is alone
                # (by size: "Texas" is the state far more than a hamlet of that name elsewhere), and
                # a part of one for every division the name may lie in: the division where most of
                # the document's names may lie wins even when each of them has a bigger namesake
                # elsewhere (small towns of one state in its local news)
                shares: dict[str, float] = defaultdict(float)
                for e in entries:
                    if getattr(e, level):
                        shares[getattr(e, level)] += 10 ** e.base_score()
                total = sum(shares.values())
                for code, share in shares.items():
                    weight = scale * (share / total + _POSSIBLE_VOTE)
                    own[code] = max(own.get(code, 0.0), weight)
        for key, own in votes.items():
            for code, weight in own.items():
                if len(code) != 3 or key not in selfish:
                    context[code] += weight
        # a local telephone number votes for its area code's state, as a name of the state would
        areas = {self._area_codes.get(m.group(1) or m.group(2), "") for m in _PHONE_RE.finditer(doc.text)}
        for code in areas - {""}:
            context[code] += _PHONE_VOTE
        return dict(context), votes

    def _accepted(
        self, span: Span, key: str | None, context: Mapping[str, float], chosen: Entry | None = None
    ) -> bool:
        """Whether a name found only by the gazetteer (not tagged as a place) is kept: a country,
        division or region always; a city when it is large, when a locative preposition stands before
        it, or when the document names its division; a county named by its bare stem ("Gwinnett") when
        a local word, a locative or a dateline says it is a place."""
        if chosen is not None and _by_stem(key, chosen):
            # ... before a local office or its people ("DuPage Sheriff", "Henrico police"), after "in", in a
            # dateline, as a legislator's home ("D-Braxton") or tagged as a place; a surname otherwise
            return not span.within_name and (
                span.local
                or span.strong
                or span.dateline
                or span.compound
                and span.locative
                or span.source == "ner:GPE"
                and span.inside is None
            )
        if span.source.startswith("ner:") and not span.inside or span.source == "cue" or not key:
            return True
        ranked = self.gazetteer.readings(key, _plain(context), _tops(context))
        ranked = _villages_kept(span, ranked, context)
        if not ranked:
            return False
        entry = ranked[0].entry
        if (
            entry.kind in ("country", "admin1", "region")
            or entry.kind == "city"
            and entry.place.geonameid is None
            and not entry.village
        ):
            return True  # ... and a place of the project's own table (regions.csv: "Gatwick", "Camp David")
        if (
            span.within_name
            and entry.kind == "city"
            and entry.population < _KNOWN_CITY_POPULATION
            and not (span.dateline or span.local or span.locative)
        ):
            return False  # a word of a longer name ("Clay" of "Pattie A. Clay Medical Center")
        lead = 0.0 if span.compound else _SUPPORT_SHARE * _tops(context)[1]
        supported = context.get(entry.a1, 0.0) >= max(1.0, lead) or context.get(entry.a2, 0.0) >= 1.0
        if ranked[0].primary and (
            span.dateline
            or span.strong
            or span.compound
            and span.locative  # a legislator's home ("R-Marshall")
            or span.local
            and (span.inside != "PERSON" or span.residents)
        ):
            return True
        if not ranked[0].primary and span.source == "name":
            # a large city's other name after "in" or as what an attack hit ("in Marawi", "shelled Afrin")
            strong = span.strong and not span.within_name and entry.population >= _KNOWN_CITY_POPULATION
            return supported or strong
        if span.partial:
            return entry.population >= _KNOWN_CITY_POPULATION or supported
        if entry.kind == "admin2":
            return supported or span.locative or len(span.text.split()) > 1 and span.inside != "PERSON"
        if span.inside == "PERSON":
            # ... or a city of half a million after a locative ("marched through Kano"): no person's name
            return (
                supported
                and entry.population >= _KNOWN_CITY_POPULATION
                or span.locative
                and not span.within_name
                and (entry.population >= _LARGE_CITY_POPULATION or _in_story_country(entry, context))
            )
        return supported or entry.population >= _KNOWN_CITY_POPULATION or span.locative

    def _division_keys(self, text: str, spans: Sequence[Span]) -> set[str]:
        """Keys of the names read as a first-level division wherever they stand in the story, when they
        have such a reading: a name after a place and a comma ("Buffalo, New York"), before a word of
        the division's offices or edges ("New York Gov. X", "the New York border"), or in a list with
        another name whose first reading is a division ("Missouri, New York and Ohio")."""
        out: set[str] = set()
        ends = {span.end: span for span in spans}
        for n, span in enumerate(spans):
            key = self._key(span)
            if (
                not key
                or span.source == "abbr"
                or span.direction
                or key in out
                or not self._has_division_reading(key)
            ):
                continue
            before = ends.get(span.start - 2) if text[span.start - 2 : span.start] == ", " else None
            cue = bool(self._division_after.match(text, span.end))
            if not cue and before is not None:
                cue = before.source != "abbr"
            if (
                not cue
            ):  # every name beside it in the list ("Texas and Washington, D.C." is no list of states)
                listed = _listed_with(text, spans, n)
                cue = bool(listed) and all(
                    self._is_division_or_country(other) and self._key(other) != key for other in listed
                )
            if cue:
                out.add(key)
        return out

    def _has_division_reading(self, key: str) -> bool:
        return any(primary and e.kind == "admin1" for e, primary in self.gazetteer.entries(key))

    def _resolve_in(
        self,
        span: Span,
        context: Mapping[str, float],
        within: tuple[str, str | None] | None,
        division: bool = False,
        town: bool = False,
    ) -> _Resolved | None:
        if span.source == "abbr":
            entry = self.gazetteer.abbreviation(span.text)
            if entry is None:
                return None
            return replace(entry.place), f"abbreviation of {entry.place.name}; {entry.describe()}", entry
        strict = span.source not in ("cue",) and not span.locative
        return self._resolve_span(span, context, strict=strict, within=within, division=division, town=town)

    def _county_by_stem(
        self, key: str, ranked: Sequence[Reading], context: Mapping[str, float], party: bool = False
    ) -> Entry | None:
        """The county a bare stem names ("Gwinnett", "Kanawha Circuit Court", "DuPage Sheriff"): the one of
        that name in the first-level division the story's names vote for most, where no reading of the name
        itself lies in that division, the best is no country, division or city of 100,000 or more, and the
        story backs the county's division well ahead of the best reading's ("Kanawha" of West Virginia news
        is no town in Iowa; "Butte" in a story of Montana and California stays the Montana town)."""
        counties = self.gazetteer.counties(key)
        if not counties:
            return None
        top = _tops(context)[1]
        picked = [e for e in counties if top >= 1.0 and context.get(e.a1, 0.0) >= top]
        if len(picked) != 1:
            return None
        county = picked[0]
        if ranked and (
            ranked[0].entry.kind not in _POINT_KINDS
            or ranked[0].entry.population >= _WEAK_CITY_POPULATION
            # ... unless a legislator's home ("R-Raleigh") in the state whose lawmakers the story names
            and not party
            or any(r.primary and r.entry.a1 == county.a1 for r in ranked)
            # ... and the story's names back the county's division well ahead of the best reading's
            or context.get(ranked[0].entry.a1, 0.0) * _STEM_LEAD > top
        ):
            return None
        return county

    def _qualifier_after(
        self, text: str, span: Span, starts: Mapping[int, Span]
    ) -> tuple[str, str | None] | None:
        """(country, admin1) of the name after a comma or "in" ("Paris, Texas", "Lexington, Ky.", "Warwick
        in Queensland"); a name that may be a state is not qualified by the next state of a list ("Illinois,
        Missouri"), only by an abbreviation ("Washington, Pa.")."""
        gap = (
            2
            if text[span.end : span.end + 2] == ", "
            else 4
            if text[span.end : span.end + 4] == " in "
            else 0
        )
        follower = starts.get(span.end + gap) if gap else None
        if follower is None:
            return None
        if follower.source == "abbr":
            if gap != 2:
                return None
            entry = self.gazetteer.abbreviation(follower.text)
            found = (entry.place.country or "", entry.place.admin1) if entry else None
        else:
            found = self._qualifier(follower)
        key = self._key(span)
        if (
            found is not None
            and found[1] is not None
            and follower.source != "abbr"
            and key
            and any(  # "Illinois, Missouri": a list of states of one country
                primary and e.kind == "admin1" and e.place.country == found[0]
                for e, primary in self.gazetteer.entries(key)
            )
        ):
            return None
        return found

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
            within = self._qualifier(Span(0, len(tail), tail, "name"))
            name = head
        match = DIRECTION_RE.match(name)
        direction = canonical_direction(match.group("dir")) if match else None
        resolved = self._resolve_span(Span(0, len(name), name, "name", direction), context, within=within)
        return resolved[0] if resolved else None

    def _qualifier(self, span: Span) -> tuple[str, str | None] | None:
        """(country, admin1) named by the qualifier in "Paris, Texas" or "Tripoli, Lebanon"."""
        key = self._key(span)
        ranked = self.gazetteer.readings(key, {}) if key else []
        if not ranked or ranked[0].entry.kind not in ("country", "admin1"):
            return None
        place = ranked[0].entry.place
        if not place.country:
            return None
        return place.country or "", place.admin1 if ranked[0].entry.kind == "admin1" else None

    def _clear_country(self, span: Span) -> str | None:
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

    def _resolve_span(
        self,
        span: Span,
        context: Mapping[str, float],
        strict: bool = False,
        within: tuple[str, str | None] | None = None,
        division: bool = False,
        near: Sequence[tuple[float | None, float | None]] = (),
        town: bool = False,
        state: str = "",
    ) -> _Resolved | None:
        """Resolve a span; ``strict`` drops weak readings (a small town known only by a variant
        spelling, with no support from the document), which are mostly misread names; ``within``
        keeps only readings in that (country, admin1) when any exist; a town or county reading within
        :data:`_NEAR_KM` of one of the points ``near`` gains :data:`_NEAR_BONUS`, and one in the first-level
        division ``state`` (a GeoNames code) gains :data:`_STATE_BONUS`."""
        key = self._key(span)
        ranked = self.gazetteer.readings(key, _plain(context), _tops(context)) if key else []
        ranked = _villages_kept(span, ranked, context, within is not None)
        lifted = in_state = False
        if near and len(ranked) > 1:
            # ... the readings near the most of the story's other names only ("Montgomery" near Watertown,
            # Delano and Scott County of Minnesota sports news, not the one near a person's "Mark")
            counts = [_near_count(r.entry.place, near) if r.entry.kind in _POINT_KINDS else 0 for r in ranked]
            most = max(counts)
            lift = [0 < count == most for count in counts]
            ranked = sorted(
                (
                    r._replace(score=r.score + _NEAR_BONUS, support=max(r.support, 1.0)) if up else r
                    for r, up in zip(ranked, lift, strict=True)
                ),
                key=lambda r: (-r.score, -r.base, -r.entry.population, r.entry.place.name),
            )
            lifted = ranked[0].support >= 1.0
        if state and len(ranked) > 1:
            # ... and those in the division where the story's other names lie
            ranked = sorted(
                (
                    r._replace(score=r.score + _STATE_BONUS, support=max(r.support, 1.0))
                    if r.primary and r.entry.a1 == state and r.entry.kind in _POINT_KINDS
                    else r
                    for r in ranked
                ),
                key=lambda r: (-r.score, -r.base, -r.entry.population, r.entry.place.name),
            )
            in_state = ranked[0].entry.a1 == state
        # a country's name is qualified by no other country ("in Russia, U.S. officials said" is no
        # Russia in the US), only by a state ("Lebanon, Pa.")
        if within is not None and (
            within[1] is not None or not any(r.entry.kind == "country" and r.primary for r in ranked)
        ):
            inside = [r for r in ranked if _is_within(r.entry.place, within) and r.entry.kind != "country"]
            if inside:
                ranked = [r._replace(support=1.0) for r in inside]
        if division and within is None:
            # "Buffalo, New York", "New York Gov. X": the state, not its city
            states = [r for r in ranked if r.primary and r.entry.kind == "admin1"]
            # ... one in a country the story backs ("the Gaza border" beside Israeli and Palestinian
            # actors is no province of Mozambique); none such, a backed town or region keeps its place
            backed = [r for r in states if r.support > 0]
            if backed:
                states = backed
            elif ranked[0].support:
                states = []
            if states and ranked[0].entry.kind not in ("country", "admin1"):
                ranked = states + [r for r in ranked if r not in states]
        if (
            town
            and within is None
            and ranked
            and ranked[0].entry.kind not in _POINT_KINDS
            and not ranked[0].support
        ):
            # "Berea police": a town or county, not a first-level division or a country of that name that
            # the story gives no other reason for ("Queensland police" are the state's)
            local = [r for r in ranked if r.primary and r.entry.kind in _POINT_KINDS]
            if local:
                ranked = local + [r for r in ranked if r not in local]
        if ranked and ranked[0].entry.kind == "country" and ranked[0].support == 0.0 and within is None:
            # a country's name that nothing else in the story backs (no place in it, no actor of it) is its
            # namesake town where the story's own divisions or towns hold that town ("Lebanon" beside
            # Myerstown, Pa.; "Palestine" in a story from Texas; "Jordan" beside Robbinsdale, Minn.)
            # ... a town of the story's leading country, spelt as the country is ("Cañada" is no "Canada")
            spelt = span.text.casefold()
            backed = [
                r
                for r in ranked
                if r.primary
                and r.entry.kind in _POINT_KINDS
                and r.entry.place.name.casefold() == spelt
                and _backed(r, context, near)
            ]
            if backed:
                ranked = backed + [r for r in ranked if r not in backed]
        county = (
            self._county_by_stem(key, ranked, context, party=span.compound and span.locative)
            if key and within is None
            else None
        )
        if county is not None:
            reason = f"{county.describe()}; named without its county word, in the story's state"
            return replace(county.place), reason, county
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
        if lifted:
            reason += "; near the story's other places"
        if in_state:
            reason += "; in the division of the story's other places"
        if span.direction and key != normalize_name(span.text):
            lead = DIRECTION_RE.match(span.text)
            prefix = span.text[: lead.start("rest")].strip().lower() if lead else span.direction
            place = self.gazetteer.directional(entry, span.direction, f"{prefix} {entry.place.name}")
            return place, f"{span.direction} part of {reason}", entry
        return replace(entry.place), reason, entry


def _villages_kept(
    span: Span, ranked: list[Reading], context: Mapping[str, float], qualified: bool = False
) -> list[Reading]:
    """The readings less the villages GeoNames lacks (``Entry.village``) that the span may not name. A name
    qualified by its state ("Orient, Ohio") or opening a dateline may name one; a name of two words or
    more, one after "in" or one the tagger marks as a place only a village in a first-level division the
    story's other names back (a vote, and half the votes of the leading division, as for an untagged small
    town: "Meadow Grove" in Nebraska news); any other, none (single words are often common ones: "United",
    "House", "Pride", "Flat")."""
    if not any(r.entry.village for r in ranked):
        return ranked
    if qualified or span.dateline:
        return ranked
    several = " " in span.text.strip()
    tagged = several or span.locative or span.source == "ner:GPE" and not span.inside
    least = max(1.0, _SUPPORT_SHARE * _tops(context)[1])
    return [r for r in ranked if not r.entry.village or tagged and context.get(r.entry.a1, 0.0) >= least]


def _by_stem(key: str | None, entry: Entry) -> bool:
    """Whether a county was read from its bare stem ("Gwinnett" for Gwinnett County; "Loudon Co." has its
    county word)."""
    return (
        entry.kind == "admin2" and key is not None and normalize_name(entry.place.name).startswith(key + " ")
    )


def _backed(
    reading: Reading, context: Mapping[str, float], near: Sequence[tuple[float | None, float | None]]
) -> bool:
    """Whether the story's other names hold a town or county reading: it lies in the first-level division
    they vote for most (or one close to it), in a second-level division they name, or near their towns."""
    entry = reading.entry
    tops = _tops(context)
    if not tops[0] or context.get(entry.place.country or "", 0.0) < tops[0]:
        return False
    weight = context.get(entry.a1, 0.0) if entry.a1 else 0.0
    if weight >= 0.5 and tops[1] > 0 and weight >= 0.5 * tops[1]:
        return True
    if entry.a2 and context.get(entry.a2, 0.0) >= 0.5:
        return True
    return bool(near) and _near(entry.place, near)


def _near_count(place: Place, points: Sequence[tuple[float | None, float | None]]) -> int:
    """How many of the points lie within :data:`_NEAR_KM` of a place."""
    return sum(1 for point in points if _near(place, [point]))


def _town_points(
    done: Mapping[tuple[str | None, str | None], _Resolved | None],
) -> dict[tuple[str | None, str | None], tuple[float | None, float | None]]:
    """The point of each name read so far as a town, county or other point-like place."""
    return {
        memo: (found[0].lat, found[0].lon)
        for memo, found in done.items()
        if found is not None and found[2].kind in _POINT_KINDS and found[0].lat is not None
    }


def _fixed(span: Span, key: str, qualified: Mapping[str, Any], divisions: set[str]) -> bool:
    """Whether a name is settled by its own words and not read again by the story's other places: an
    abbreviation, a name qualified by its state or country ("Albany, Georgia"), or a division's name."""
    return span.source == "abbr" or key in qualified or key in divisions


def _near(place: Place, points: Sequence[tuple[float | None, float | None]]) -> bool:
    """Whether a place lies within :data:`_NEAR_KM` of one of the points (a cheap box test first)."""
    lat, lon = place.lat, place.lon
    if lat is None or lon is None:
        return False
    for plat, plon in points:
        if (
            plat is None
            or plon is None
            or abs(plat - lat) > _NEAR_DEGREES
            or abs(plon - lon) > _NEAR_DEGREES * 3
        ):
            continue
        if distance_km(lat, lon, plat, plon) <= _NEAR_KM:
            return True
    return False


_GAP_BEFORE_RE = re.compile(r"(?:,\s+|,?\s+(?:and|or)\s+)$")
_GAP_AFTER_RE = re.compile(r",\s+|,?\s+(?:and|or)\s+")


def _listed_with_places(
    text: str, held: Sequence[tuple[Span, Any, Place, str]], mentions: Sequence[PlaceMention]
) -> set[int]:
    """The numbers of the held spans that stand in a list of names beside an accepted place, or beside
    another such held span ("Dodge City, Great Bend, Hutchinson, Kingman and Larned")."""
    if not held or not mentions:
        return set()
    ends = {m.end for m in mentions}
    starts = {m.start for m in mentions}
    out: set[int] = set()
    grew = True
    while grew:
        grew = False
        for n, (span, _, _, _) in enumerate(held):
            if n in out or span.partial:
                continue
            before = _GAP_BEFORE_RE.search(text, max(0, span.start - 8), span.start)
            after = _GAP_AFTER_RE.match(text, span.end)
            if before is not None and before.start() in ends or after is not None and after.end() in starts:
                out.add(n)
                ends.add(span.end)
                starts.add(span.start)
                grew = True
    return out


def _listed_with(text: str, spans: Sequence[Span], n: int) -> list[Span]:
    """The spans next to span ``n`` in a list of names ("Missouri, New York, North Carolina and Virginia")."""
    out: list[Span] = []
    if n > 0 and _LIST_GAP_RE.fullmatch(text, spans[n - 1].end, spans[n].start):
        out.append(spans[n - 1])
    if n + 1 < len(spans) and _LIST_GAP_RE.fullmatch(text, spans[n].end, spans[n + 1].start):
        out.append(spans[n + 1])
    return out


def _name_words(sdoc: Any, skipped: frozenset[int] = frozenset()) -> set[str]:
    """The keys of the words of the longer persons' names the tagger marks ("Hopkins" of "David Hopkins"),
    but those opening at one of the ``skipped`` offsets."""
    if sdoc is None:
        return set()
    return {
        normalize_name(token.text)
        for ent in sdoc.ents
        if ent.label_ == "PERSON" and len(ent) > 1 and ent.start_char not in skipped
        for token in ent
    }


def _tops(context: Mapping[str, float]) -> tuple[float, float, float]:
    return context.tops() if isinstance(context, _Without) else context_tops(context)


_Resolved = tuple[Place, str, Entry]


class _Without(Mapping[str, float]):
    """The document's context less one name's own votes (read-only; made into a dict when first read)."""

    def __init__(
        self,
        context: Mapping[str, float],
        own: Mapping[str, float],
        leaders: Mapping[str, tuple[int, float]] | None = None,
    ) -> None:
        self._context = context
        self._own = own
        self._leaders = leaders  # the code leading each level of the whole context: level, weight
        self._tops: tuple[float, float, float] | None = None
        self._values: dict[str, float] | None = None

    def plain(self) -> dict[str, float]:
        """The weights as a dict (computed once)."""
        if self._values is None:
            values = dict(self._context)
            for code, weight in self._own.items():
                left = values.get(code, 0.0) - weight
                if left > 0:
                    values[code] = left
                else:
                    values.pop(code, None)
            self._values = values
        return self._values

    def tops(self) -> tuple[float, float, float]:
        """:func:`context_tops` of this context (computed once; the whole context's when the name's own
        votes take nothing from the codes leading it)."""
        if self._tops is None:
            leaders = self._leaders
            if leaders is not None and not any(code in leaders for code in self._own):
                tops = [0.0, 0.0, 0.0]
                for level, weight in leaders.values():
                    tops[level] = weight
                self._tops = (tops[0], tops[1], tops[2])
            else:
                self._tops = context_tops(self.plain())
        return self._tops

    def items(self) -> Any:
        return self.plain().items()

    def __getitem__(self, code: str) -> float:
        return self.plain()[code]

    def get(self, code: str, default: Any = None) -> Any:
        return self.plain().get(code, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self.plain())

    def __len__(self) -> int:
        return len(self.plain())


def _leaders(context: Mapping[str, float]) -> dict[str, tuple[int, float]]:
    """The codes with the largest weight of each level (country, first-, second-level division)."""
    best: dict[int, tuple[str, float]] = {}
    for code, weight in context.items():
        level = 0 if len(code) == 3 else code.count(".")
        if level <= 2 and weight > 0 and (level not in best or weight > best[level][1]):
            best[level] = (code, weight)
    return {code: (level, weight) for level, (code, weight) in best.items()}


def _plain(context: Mapping[str, float]) -> Mapping[str, float]:
    return context.plain() if isinstance(context, _Without) else context


def _in_story_country(entry: Entry, context: Mapping[str, float]) -> bool:
    """Whether a town lies in a country the story's other places or actors name ("at the Kuźnica
    crossing" beside Polish border guards)."""
    return context.get(entry.place.country or "", 0.0) > 0


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


def _demonym_countries() -> dict[str, str]:
    """Each demonym of the actors' country table ("Latvian", "Latvians") with its country's ISO3 code (a
    demonym of two countries is left out)."""
    text = (
        resources.files("thucydides").joinpath("data", "actors", "countries.csv").read_text(encoding="utf-8")
    )
    out: dict[str, str] = {}
    clash: set[str] = set()
    for row in csv.DictReader(io.StringIO(text)):
        for word in (row.get("demonyms") or "").split("|"):
            if not _WORD_RE.fullmatch(word):
                continue
            if out.setdefault(word, row["iso3"]) != row["iso3"]:
                clash.add(word)
    return {word: code for word, code in out.items() if word not in clash}
