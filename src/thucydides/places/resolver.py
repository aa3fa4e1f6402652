"""The place-resolution stage: place names in a document, resolved with the document's help."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from thucydides.datafile import load_yaml
from thucydides.places.gazetteer import (
    CONTEXT_BONUS,
    Entry,
    Gazetteer,
    Reading,
    _read_text,
    context_tops,
    normalize_name,
)
from thucydides.record import ActorMention, Document, Place, PlaceMention
from thucydides.successions import Successions

_PLACE_WEIGHT = 2
_POSSIBLE_VOTE = 0.5  # what a name adds to each division it may lie in (see PlaceResolver._context)
_CLEAR_MARGIN = CONTEXT_BONUS  # a lead that no context could overturn
_CLEAR_CITY_MARGIN = 1.0  # a city this far ahead of namesakes in other divisions names its division
_WEAK_CITY_POPULATION = 100_000
_KNOWN_CITY_POPULATION = 50_000  # a city this large is a place wherever its name stands capitalised
_MAX_NAME_WORDS = 6
_MEMO_SIZE = 100_000
_DATELINE_CHARS = 80
# a capitalised word (hyphen-joined capitalised words stay one: "Winston-Salem"); an abbreviation's dot
_WORD = r"(?:[A-Z]\.){2,}|(?:St|Ft|Mt)\.|[A-Z][\w'\u2019]*(?:-[A-Z][\w'\u2019]*)*"
_CONNECTOR = r"(?:of|the|de|del|da|do|dos|das|la|le|el|al|upon|on|and|y|di|du|des)"
_RUN_RE = re.compile(rf"(?<![\w\-])(?:{_WORD})(?:[ ](?:{_CONNECTOR}[ ](?:{_CONNECTOR}[ ])?)?(?:{_WORD}))*")
_TOKEN_RE = re.compile(rf"{_WORD}|{_CONNECTOR}")
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
    r"through|over|off)\s+(?:the\s+)?$|,\s+of\s+$",
    re.IGNORECASE,
)
# prepositions after which a name the tagger took for a person is still a place ("a horse in Pahrump")
_STRONG_LOCATIVE_RE = re.compile(r"\b(?:in|near|inside|outside|throughout|around)\s+(?:the\s+)?$|,\s+of\s+$")
_CUE_RE = re.compile(
    r"\b(?:town|city|village|port|capital|province|district|suburb|outskirts|governorate|region)\s+of\s+"
    r"(?P<name>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){0,2})"
)
_QUALIFYING_WORDS = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "far",
        "upper",
    }
    | {"lower", "greater", "metro", "northeast", "northwest", "southeast", "southwest", "mid", "downtown"}
)
_PARTY_BEFORE_RE = re.compile(r"(?<![\w.])(?:[A-Z]{1,3})-$")  # "R-", "DFL-" before a legislator's town
_LIST_NAME = r"[A-Z][\w'\u2019.-]+(?:\s[A-Z][\w'\u2019.-]+)?"
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_BLOCKING_LABELS = frozenset(
    {"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LANGUAGE", "FAC"}
)


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    text: str
    source: str  # "ner:GPE", "cue", "name" (a gazetteer name in capitals), "abbr" ...
    direction: str | None = None  # normalised direction word when the span starts with one
    inside: str | None = None  # the label of a longer entity the name is part of ("ORG", "PERSON")
    locative: bool = False  # a locative preposition stands before it ("in", "near")
    partial: bool = False  # a part of a longer run of capitalised words ("Gainesville Public Utilities")
    compound: bool = False  # a part of a hyphen compound of names ("Fargo-Moorhead", "R-Marshall")
    local: bool = False  # a local institution or people follows it ("Raytown police", "an Alton man")
    strong: bool = False  # "in", "near", ", of" stands before it: a place even if tagged as a person
    dateline: bool = False  # a name in capitals opening a dateline ("HUDSON -- Officials said")
    lookup: str | None = None  # the name to look up when it is not the text ("Barrow" -> "Barrow County")


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
        """Prepare the matchers over the gazetteer's names and abbreviations.

        Args:
            gazetteer: a loaded :class:`Gazetteer`.
            successions: the table of states and their successors; the bundled one when omitted
                (the pipeline hands over the one its knowledge base has read).
        """
        self.gazetteer = gazetteer
        abbreviations = sorted(gazetteer.abbreviations(), key=len, reverse=True)
        self._abbr_re = re.compile(
            r"(?<![\w.])(?:"
            + "|".join(re.escape(a).replace(r"\ ", r"\s?") for a in abbreviations)
            + r")(?!\w)"
        )
        self._successions = successions if successions is not None else Successions.load()
        titles = load_yaml(_read_text("person_titles.yaml")) or {}
        self._person_titles = frozenset(str(w) for w in titles.get("titles") or ())
        blocked = load_yaml(_read_text("non_places.yaml")) or {}
        self._known: dict[str, bool] = {}  # text as written -> whether the gazetteer knows it
        self._demonyms = frozenset(normalize_name(str(w)) for w in blocked.get("demonyms") or ())
        local = load_yaml(_read_text("local_words.yaml")) or {}
        self._local_after = re.compile(
            r"\s+(?:" + "|".join(re.escape(str(w)) for w in local.get("after_name") or ()) + r")\b",
            re.IGNORECASE,
        )
        plurals: dict[str, str] = {str(k): str(v) for k, v in (local.get("division_plurals") or {}).items()}
        self._division_plurals = plurals
        self._division_list = re.compile(
            rf"(?P<names>{_LIST_NAME}(?:,\s+{_LIST_NAME})*,?\s+(?:and|or)\s+{_LIST_NAME})\s+"
            rf"(?P<plural>{'|'.join(plurals)})\b"
        )

    def __call__(self, doc: Document) -> Document:
        """Fill ``doc.places``; see the class docstring for what is read.

        Every name is first read alone; the countries and divisions that the document names clearly
        (and its actors' countries) then weigh the readings of every name, and all the mentions of one
        name are resolved together (a qualifier such as "Paris, Texas" on one of them holds for all).
        """
        limit = doc.body_end if doc.body_end is not None else len(doc.text)
        unique: dict[tuple[int, int], _Span] = {}
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
        context, votes = self._context(doc, spans)
        starts = {span.start: span for span in spans}
        qualified: dict[str, tuple[str, str | None]] = {}
        for span in spans:
            within = self._qualifier_after(doc.text, span, starts)
            key = self._key(span)
            if within and key:
                qualified.setdefault(key, within)
        done: dict[tuple[str | None, str | None], tuple[Place, str] | None] = {}
        withouts: dict[str, _Without] = {}
        mentions: list[PlaceMention] = []
        for span in spans:
            key = self._key(span)
            memo = (key, span.direction) if span.source != "abbr" else (span.text, "abbr")
            vote_key = span.text if span.source == "abbr" else key or ""
            own = withouts.get(vote_key)
            if own is None:
                own = withouts[vote_key] = _Without(context, votes.get(vote_key, {}))
            if memo not in done:
                done[memo] = self._resolve_in(span, own, qualified.get(key or ""))
            resolved = done[memo]
            if resolved is None:
                continue
            place, reason = resolved
            if span.source != "abbr" and not self._accepted(span, key, own):
                continue
            place, reason = self._as_of(place, reason, doc.published)
            mentions.append(PlaceMention(span.start, span.end, span.text, replace(place), reason))
        mentions += self._demonym_mentions(doc, limit)
        mentions += _sites_in_towns(doc, mentions, limit)
        doc.places = _non_overlapping(mentions)
        return doc

    def _demonym_mentions(self, doc: Document, limit: int) -> list[PlaceMention]:
        """A demonym the tagger marks as a nationality ("Sudanese", "Russian") names its country, at
        precision ``country``, when the actor stage has read the country from it; the event coder
        never takes one for where an event happened (it is no object of a locative preposition)."""
        if doc.nlp is None:
            return []
        out: list[PlaceMention] = []
        for ent in doc.nlp.ents:
            if ent.label_ != "NORP" or ent.end_char > limit or normalize_name(ent.text) not in self._demonyms:
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
        return out

    def _context(
        self, doc: Document, spans: Sequence[_Span]
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
        for span in spans:
            key = span.text if span.source == "abbr" else self._key(span)
            if not key or key in done and span.start >= _DATELINE_CHARS or span.direction:
                continue
            if span.source == "name" and (
                span.partial and len(span.text.split()) == 1 or span.inside == "PERSON"
            ):
                continue
            if span.source == "abbr":
                found = self.gazetteer.abbreviation(span.text)
                entries = [found] if found else []
            else:
                entries = [e for e, primary in self.gazetteer.entries(key) if primary and e.kind != "country"]
            own = votes.setdefault(key, {})
            if key in done and span.start >= _DATELINE_CHARS:
                continue
            done.add(key)
            scale = 2.0 if span.start < _DATELINE_CHARS else 1.0
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
        return dict(context), votes

    def _accepted(self, span: _Span, key: str | None, context: Mapping[str, float]) -> bool:
        """Whether a name found only by the gazetteer (not tagged as a place) is kept: a country,
        division or region always; a city when it is large, when a locative preposition stands before
        it, or when the document names its division."""
        if span.source.startswith("ner:") and not span.inside or span.source == "cue" or not key:
            return True
        ranked = self.gazetteer.readings(key, context, _tops(context))
        if not ranked:
            return False
        entry = ranked[0].entry
        if entry.kind in ("country", "admin1", "region"):
            return True
        supported = context.get(entry.a1, 0.0) >= 1.0 or context.get(entry.a2, 0.0) >= 1.0
        if ranked[0].primary and (span.dateline or span.strong or span.local and span.inside != "PERSON"):
            return True
        if not ranked[0].primary and span.source == "name":
            return supported
        if span.partial:
            return entry.population >= _KNOWN_CITY_POPULATION or supported
        if entry.kind == "admin2":
            return supported or span.locative or len(span.text.split()) > 1 and span.inside != "PERSON"
        if span.inside == "PERSON":
            return supported and entry.population >= _KNOWN_CITY_POPULATION
        return supported or entry.population >= _KNOWN_CITY_POPULATION or span.locative

    def _resolve_in(
        self, span: _Span, context: Mapping[str, float], within: tuple[str, str | None] | None
    ) -> tuple[Place, str] | None:
        if span.source == "abbr":
            entry = self.gazetteer.abbreviation(span.text)
            if entry is None:
                return None
            return replace(entry.place), f"abbreviation of {entry.place.name}; {entry.describe()}"
        strict = span.source not in ("cue",) and not span.locative
        return self._resolve_span(span, context, strict=strict, within=within)

    def _qualifier_after(
        self, text: str, span: _Span, starts: Mapping[int, _Span]
    ) -> tuple[str, str | None] | None:
        """(country, admin1) of the name after a comma ("Paris, Texas", "Lexington, Ky.")."""
        if text[span.end : span.end + 2] != ", ":
            return None
        follower = starts.get(span.end + 2)
        if follower is None:
            return None
        if follower.source == "abbr":
            entry = self.gazetteer.abbreviation(follower.text)
            return (entry.place.country or "", entry.place.admin1) if entry else None
        return self._qualifier(follower)

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
        entities: list[tuple[int, int, str]] = []
        tokens: dict[int, Any] = {}
        if doc.nlp is not None:
            for ent in doc.nlp.ents:
                if ent.label_ in _PLACE_LABELS and not self._described_as_person(ent):
                    spans.append(_Span(ent.start_char, ent.end_char, ent.text, f"ner:{ent.label_}"))
                entities.append((ent.start_char, ent.end_char, ent.label_))
            # where a sentence opens with a word that is no proper noun ("Police said"): a capital there
            # says nothing
            tokens = {sent[0].idx: sent[0] for sent in doc.nlp.sents if sent[0].pos_ != "PROPN"}
        for match in _CUE_RE.finditer(text):
            if match.start() >= stop:
                break
            spans.append(_Span(match.start("name"), match.end("name"), match.group("name"), "cue"))
        for match in self._division_list.finditer(text, 0, stop):
            kind = self._division_plurals[match.group("plural")]
            for name in re.finditer(_LIST_NAME, match.group("names")):
                if name.group(0) not in ("and", "or"):
                    at = match.start("names") + name.start()
                    spans.append(
                        _Span(
                            at,
                            at + len(name.group(0)),
                            name.group(0),
                            "cue",
                            lookup=f"{name.group(0)} {kind}",
                        )
                    )
        for match in self._abbr_re.finditer(text, 0, stop):
            spans.append(_Span(match.start(), match.end(), match.group(0), "abbr"))
        for match in _RUN_RE.finditer(text, 0, stop):
            spans.extend(self._names_in_run(text, match, tokens))
        if doc.nlp is not None and _lower_case(text[:stop]):
            spans.extend(self._lower_case_names(doc.nlp, stop))
        out: list[_Span] = []
        for span in spans:
            trimmed = span if span.source == "abbr" or span.lookup else _trim(text, span)
            if trimmed is None:
                continue
            trimmed.lookup = span.lookup
            trimmed.local = span.local or bool(self._local_after.match(text, trimmed.end))
            trimmed.inside = _inside(trimmed, entities)
            trimmed.dateline = _opens_dateline(text, trimmed)
            trimmed.strong = bool(_STRONG_LOCATIVE_RE.search(text, max(0, trimmed.start - 30), trimmed.start))
            trimmed.locative = (
                span.locative
                or trimmed.dateline
                or bool(_LOCATIVE_BEFORE_RE.search(text[max(0, trimmed.start - 30) : trimmed.start]))
            )
            lead = _DIRECTION_RE.match(trimmed.text) if trimmed.direction is None else None
            if lead and not self._knows_text(trimmed.text):
                trimmed.direction = _canonical_direction(lead.group("dir"))
            out.append(trimmed)
        return out

    def _names_in_run(self, text: str, run: re.Match[str], tokens: Mapping[int, Any]) -> list[_Span]:
        """The longest gazetteer names in a run of capitalised words, left to right. A hyphen compound
        that is no name itself ("Fargo-Moorhead", "R-Elbow Lake") is read as its parts: two places
        joined are each a place; a town after a party's code is a legislator's home (read as if after
        "of")."""
        words: list[tuple[int, int, int]] = []  # start, end, number of the split compound (-1: none)
        for n, m in enumerate(_TOKEN_RE.finditer(run.group(0))):
            at, token = m.start() + run.start(), m.group(0)
            if "-" in token and not self._knows_text(token):
                for part in token.split("-"):
                    if part:
                        words.append((at, at + len(part), n))
                    at += len(part) + 1
            else:
                words.append((at, at + len(token), -1))
        found: list[_Span] = []
        compounds: dict[int, list[_Span]] = defaultdict(list)
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + _MAX_NAME_WORDS), i, -1):
                start, end = words[i][0], words[j - 1][1]
                piece = text[start:end]
                if not piece[0].isupper() or not piece[-1].isalnum() and not piece.endswith("."):
                    continue
                if (
                    j - i == 1
                    and not self._word_may_be_name(piece, tokens.get(start))
                    and not _opens_dateline(text, _Span(start, end, piece, "name"))
                ):
                    continue
                if len(piece) < 3 or not self._knows_text(piece):
                    continue
                joined = (
                    words[i][2] >= 0
                    and text[start - 1 : start] == "-"
                    or words[j - 1][2] >= 0
                    and text[end : end + 1] == "-"
                )
                partial = (i, j) != (0, len(words))
                # a single word after another capitalised word is mostly a longer name's generic part
                # ("Flat Creek", "McEver Road"), not a place of its own; not after a hyphen
                if (
                    partial
                    and j - i == 1
                    and i > 0
                    and not joined
                    and self._names_before(text, words[i - 1][0], words[i - 1][1], tokens)
                    and not self._is_division_or_country(_Span(start, end, piece, "name"))
                ):
                    continue
                party = joined and bool(_PARTY_BEFORE_RE.search(text, max(0, start - 5), start))
                span = _Span(start, end, piece, "name", partial=partial, compound=joined, locative=party)
                found.append(span)
                if joined:
                    compounds[max(words[i][2], words[j - 1][2])].append(span)
                i = j - 1
                break
            i += 1
        for parts in compounds.values():
            if len(parts) > 1:  # two places joined ("Fargo-Moorhead"): each is one
                for span in parts:
                    span.local = True
        return found

    @staticmethod
    def _names_before(text: str, start: int, end: int, tokens: Mapping[int, Any]) -> bool:
        """Whether the capitalised word before a single-word name makes the two one longer name ("Flat
        Creek"): not a direction ("North Queensland"), nor a common word opening a sentence ("A Queens
        native")."""
        word = text[start:end]
        return word[0].isupper() and tokens.get(start) is None and word.lower() not in _QUALIFYING_WORDS

    def _knows_text(self, piece: str) -> bool:
        """Whether the gazetteer knows a name as written (memoised)."""
        known = self._known.get(piece)
        if known is None:
            if len(self._known) > _MEMO_SIZE:
                self._known.clear()
            known = self._known[piece] = self.gazetteer.knows(piece)
        return known

    def _lower_case_names(self, sdoc: Any, stop: int) -> list[_Span]:
        """Names in a text written in lower case ("protests in ahmedabad, gujarat"): one to three words
        that the parser reads as proper nouns and that name a division or a city of a million, or a
        country, longest first."""
        found: list[_Span] = []
        tokens = [t for t in sdoc if t.idx < stop]
        i = 0
        while i < len(tokens):
            for j in range(min(len(tokens), i + 3), i, -1):
                words = tokens[i:j]
                if not all(t.is_alpha and t.pos_ in ("PROPN", "NOUN") and not t.is_stop for t in words):
                    continue
                start, end = words[0].idx, words[-1].idx + len(words[-1])
                ranked = self.gazetteer.readings(normalize_name(sdoc.text[start:end]), {})
                # a common noun ("acre", "centre") is a name only when it is a country's
                proper = all(t.pos_ == "PROPN" for t in words) or ranked and ranked[0].entry.kind == "country"
                if ranked and proper and ranked[0].primary and _prominent(ranked[0].entry):
                    found.append(_Span(start, end, sdoc.text[start:end], "lower"))
                    i = j - 1
                    break
            i += 1
        return found

    def _word_may_be_name(self, word: str, token: Any) -> bool:
        """A lone capitalised word is looked up unless it is a short code in capitals that no country
        goes by, or a common word capitalised because it opens a sentence."""
        if word.isupper() and len(word) <= 3 and not self.gazetteer.is_country_name(word):
            return False
        return token is None

    def _described_as_person(self, ent: Any) -> bool:
        """True for a name in apposition with a noun describing a person ("Oshima, the UN relief
        coordinator, said"), which the tagger took for a place."""
        root = ent.root
        described = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            described.append(root.head)
        return any(d.lemma_.lower() in self._person_titles for d in described if d.pos_ in ("NOUN", "PROPN"))

    def _drop_actor_spans(
        self, text: str, spans: list[_Span], actors: Sequence[ActorMention], sdoc: Any = None
    ) -> list[_Span]:
        """Spans that are persons' names, or a capital standing for its government as the subject of a
        verb ("Washington rejected the offer"), are no places."""
        persons = [
            (
                m.start + (4 if text[m.start : m.start + 4].lower() == "the " else 0),
                m.end,
                m.actor.country is not None,
            )
            for m in actors
            if m.actor.type == "person"
        ]
        organisations = {(m.start, m.end) for m in actors if m.actor.type in ("organization", "group")}
        kept: list[_Span] = []
        for span in spans:
            # a person the knowledge base knows, or a name inside a longer person's name, is no place;
            # a lone name the tagger alone took for a person ("Gainesville"), or a name inside a phrase
            # the actor stage took for a person but the tagger did not ("the Queensland Police
            # Service"), may still be one
            # except a country or state that opens a person's title ("U.S. Agriculture Secretary X",
            # "Indiana Governor X") and a tagged place after a locative preposition ("visiting Austin")
            if not span.dateline and any(
                start < span.end
                and span.start < end
                and (known or (start, end) != (span.start, span.end) and span.inside == "PERSON")
                and not (span.start == start and end > span.end and self._titled(text, span, end))
                and not (
                    (start, end) == (span.start, span.end)
                    and span.locative
                    and span.source.startswith("ner:")
                )
                for start, end, known in persons
            ):
                continue
            if any((start, end) == (span.start, span.end) for start, end, _ in persons) and not (
                span.locative and span.source.startswith("ner:")
            ):
                span.inside = "PERSON"
            if (
                (span.start, span.end) in organisations
                and not _LOCATIVE_BEFORE_RE.search(text[max(0, span.start - 30) : span.start])
                and _acts(sdoc, span)
            ):
                continue
            kept.append(span)
        return kept

    def _titled(self, text: str, span: _Span, end: int) -> bool:
        """Whether a name opening a person's phrase that ends at ``end`` names the place of a titled
        person's office: a country or first-level division ("U.S. District Judge X", "Indiana Governor
        X"), or any place before a local office ("Athens Mayor X")."""
        words = re.findall(r"[a-z]+", text[span.end : end].lower())
        if self._local_after.match(text, span.end):
            return True  # "Athens Mayor X", "Hall County Sheriff X"
        possessive = text[span.end : span.end + 2] in ("'s", "\u2019s")  # "Russia's Vladimir Putin"
        if not possessive and not any(word in self._person_titles for word in words):
            return False
        return self._is_division_or_country(span)

    def _is_division_or_country(self, span: _Span) -> bool:
        """Whether a name alone reads first as a country or a first-level division."""
        key = self._key(span)
        ranked = self.gazetteer.readings(key, {}) if key else []
        return bool(ranked) and ranked[0].primary and ranked[0].entry.kind in ("country", "admin1")

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
        key = normalize_name(span.lookup or span.text)
        # a direction in lower case is no part of a name ("east London" is London's east, not East London)
        if span.direction and (span.text[0].islower() or not self.gazetteer.knows(span.text)):
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
        ranked = self.gazetteer.readings(key, context, _tops(context)) if key else []
        # a country's name is qualified by no other country ("in Russia, U.S. officials said" is no
        # Russia in the US), only by a state ("Lebanon, Pa.")
        if within is not None and (
            within[1] is not None or not any(r.entry.kind == "country" and r.primary for r in ranked)
        ):
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


def _tops(context: Mapping[str, float]) -> tuple[float, float, float]:
    return context.tops() if isinstance(context, _Without) else context_tops(context)


class _Without(Mapping[str, float]):
    """The document's context less one name's own votes, without copying it (read-only)."""

    def __init__(self, context: Mapping[str, float], own: Mapping[str, float]) -> None:
        self._context = context
        self._own = own
        self._tops: tuple[float, float, float] | None = None

    def tops(self) -> tuple[float, float, float]:
        """:func:`context_tops` of this context (computed once)."""
        if self._tops is None:
            self._tops = context_tops(dict(self.items()))
        return self._tops

    def items(self) -> Any:
        own = self._own
        return [
            (code, w - own.get(code, 0.0)) for code, w in self._context.items() if w - own.get(code, 0.0) > 0
        ]

    def __getitem__(self, code: str) -> float:
        value = self._context[code] - self._own.get(code, 0.0)
        if value <= 0:
            raise KeyError(code)
        return value

    def get(self, code: str, default: Any = None) -> Any:
        try:
            return self[code]
        except KeyError:
            return default

    def __iter__(self) -> Iterator[str]:
        return (code for code in self._context if self.get(code) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


_SITE_LINK_RE = re.compile(r"(?:,\s*|\s+(?:in|at|near|of)\s+(?:the\s+)?)$")


def _sites_in_towns(doc: Document, mentions: Sequence[PlaceMention], limit: int) -> list[PlaceMention]:
    """A street, square, station or building the tagger marks (FAC) and the text places in a town
    ("Archibald Street, Cairns", "the Champs-Elysees in Paris") resolves to that town, at precision
    ``city``."""
    if doc.nlp is None:
        return []
    towns = {m.start: m for m in mentions if m.place.precision == "city"}
    taken = [(m.start, m.end) for m in mentions]
    out: list[PlaceMention] = []
    for ent in doc.nlp.ents:
        if ent.label_ != "FAC" or ent.end_char > limit:
            continue
        if any(start < ent.end_char and ent.start_char < end for start, end in taken):
            continue
        gap = doc.text[ent.end_char : ent.end_char + 12]
        link = next((m for n, m in towns.items() if 0 < n - ent.end_char <= 12), None)
        if link is None or not _SITE_LINK_RE.search(gap[: link.start - ent.end_char]):
            continue
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        start = ent.end_char - len(text)
        out.append(PlaceMention(start, ent.end_char, text, replace(link.place), f"site in {link.place.name}"))
    return out


_DATELINE_AFTER_RE = re.compile(r"(?:,(?: [A-Z][\w.]*){1,3})?(?: \([A-Za-z .]+\))? ?(?:--|\u2014|\u2013|-) ")


def _opens_dateline(text: str, span: _Span) -> bool:
    """Whether a name in capitals opens a dateline ("HUDSON -- Officials said", "PORTLAND, Maine --"),
    at the start of the text or of a sentence: the place the story was filed from."""
    if not span.text.isupper() or len(span.text) < 3:
        return False
    if span.start == 0 and re.match(r",? [A-Z]", text[span.end : span.end + 3]):
        return True  # the text opens with it: "WASHINGTON Barack Obama said", "AUSTIN, Texas"
    before = text[max(0, span.start - 3) : span.start]
    if span.start > 0 and not re.search(r"(?:^|[.!?\n])\s*$", before):
        return False
    return bool(_DATELINE_AFTER_RE.match(text, span.end))


def _lower_case(text: str) -> bool:
    """Whether a text is written in lower case (under one word in fifty capitalised)."""
    words = re.findall(r"[^\W\d_]+", text[:5000])
    return len(words) >= 5 and sum(w[0].isupper() for w in words) < len(words) / 50


def _prominent(entry: Entry) -> bool:
    """A place well enough known to be recognised in lower-case text."""
    return entry.kind in ("country", "admin1") or entry.kind == "city" and entry.population >= 1_000_000


def _acts(sdoc: Any, span: _Span) -> bool:
    """Whether the span is the subject of a verb in the parse (True when there is no parse)."""
    if sdoc is None:
        return True
    found = sdoc.char_span(span.start, span.end, alignment_mode="expand")
    return found is None or found.root.dep_ in ("nsubj", "nsubjpass")


def _inside(span: _Span, entities: Sequence[tuple[int, int, str]]) -> str | None:
    """The label of a longer non-place entity that contains the span ("ORG" for "Gainesville" in
    "Gainesville Public Utilities"), else None."""
    for start, end, label in entities:
        if start <= span.start and span.end <= end and (start, end) != (span.start, span.end):
            if label not in _PLACE_LABELS:
                return label
        elif (start, end) == (span.start, span.end) and label in ("PERSON", "ORG"):
            return label
    return None


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
    # a hyphen-compound keeps its name when the other half is a lower-case word ("Gaza-based",
    # "pro-Russia"), not when it is another name ("Guinea-Bissau" is looked up whole)
    if not span.compound and (
        (start >= 2 and text[start - 1] == "-" and text[start - 2].isalnum() and text[start - 2].isupper())
        or (
            end + 1 < len(text)
            and text[end] == "-"
            and text[end + 1].isalnum()
            and not text[end + 1].islower()
        )
    ):
        return None
    direction = None
    before = _DIRECTION_BEFORE_RE.search(text[max(0, start - 20) : start])
    if before:
        direction = _canonical_direction(before.group(0).strip())
        start = start - len(text[max(0, start - 20) : start]) + before.start()
    return _Span(
        start,
        end,
        text[start:end],
        span.source,
        direction,
        locative=span.locative,
        compound=span.compound,
        local=span.local,
    )


def _non_overlapping(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Keep the longest of overlapping mentions, then sort by offset."""
    chosen: list[PlaceMention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= other.start or other.end <= mention.start for other in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)
