"""Recognition for the place stage: the spans of a text that may name places, before any is resolved.

A span comes from the tagger (GPE, LOC, FAC), from runs of capitalised words the gazetteer knows (hyphen
compounds read as their parts), from cue words ("the town of X"), lists of divisions ("Barrow and Jackson
counties"), division abbreviations ("Ky.") and, in lower-case text, proper nouns naming well-known places;
each carries what the resolver needs to accept it (a locative before it, a dateline, a local institution
after it, a longer entity it sits in).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from thucydides.datafile import load_yaml
from thucydides.places.gazetteer import Entry, Gazetteer, _read_text, normalize_name
from thucydides.record import ActorMention, Document, PlaceMention

_MAX_NAME_WORDS = 6
_BIG_CITY = (
    500_000  # a town this large is a name of its own even after another capitalised word ("CTV Winnipeg")
)
_MEMO_SIZE = 100_000
# a capitalised word (hyphen-joined capitalised words stay one: "Winston-Salem"); an abbreviation's dot
_WORD = r"(?:[A-Z]\.){2,}|(?:St|ST|Ste|STE|Ft|FT|Mt|MT)\.|[A-Z][\w'\u2019]*(?:-[A-Z][\w'\u2019]*)*"
_CONNECTOR = r"(?:of|the|de|del|da|do|dos|das|la|le|el|al|upon|on|and|y|di|du|des)"
_RUN_RE = re.compile(rf"(?<![\w\-])(?:{_WORD})(?:[ ](?:{_CONNECTOR}[ ](?:{_CONNECTOR}[ ])?)?(?:{_WORD}))*")
_TOKEN_RE = re.compile(rf"{_WORD}|{_CONNECTOR}")
DIRECTION_RE = re.compile(
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
_STRONG_LOCATIVE_RE = re.compile(
    r"\b(?:in|near|inside|outside|throughout|around)\s+(?:the\s+)?$|,\s+of\s+$"
    # "the town of X": a settlement's noun and "of" name a place
    r"|\b(?:town|city|village|port|province|district|suburb|outskirts|governorate|region|hamlet)\s+of\s+$"
)
_CUE_RE = re.compile(
    r"\b(?:town|city|village|port|capital|province|district|suburb|outskirts|governorate|region)\s+of\s+"
    r"(?P<name>[A-Z][\w'\u2019-]+(?:\s+(?:(?:da|de|do|dos|das|del|di|du|des|al|el)\s+)?[A-Z][\w'\u2019-]+){0,2})"
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
class Span:
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
    residents: bool = False  # its residents or its police follow it ("Gainesville residents"): no surname
    strong: bool = False  # "in", "near", ", of" stands before it: a place even if tagged as a person
    dateline: bool = False  # a name in capitals opening a dateline ("HUDSON -- Officials said")
    lookup: str | None = None  # the name to look up when it is not the text ("Barrow" -> "Barrow County")
    opener: bool = (
        False  # a single word opening a sentence that reads as a common word ("Gainesville residents")
    )
    # inside a longer organisation's or person's name, neither opening it nor after a preposition in it
    # ("Clay" of "Pattie A. Clay Medical Center"; not "Gainesville Police", "University of Kentucky")
    within_name: bool = False


def canonical_direction(word: str) -> str:
    word = word.lower().replace("-", "").replace(" ", "")
    if word.endswith("ern"):
        word = word[:-3]
    return word


class SpanFinder:
    """Finds the spans of a document that may name places (the first half of :class:`PlaceResolver`)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        """Prepare the matchers over the gazetteer's names and abbreviations and the word lists."""
        self.gazetteer = gazetteer
        abbreviations = sorted(gazetteer.abbreviations(), key=len, reverse=True)
        self._abbr_re = re.compile(
            r"(?<![\w.])(?:"
            + "|".join(re.escape(a).replace(r"\ ", r"\s?") for a in abbreviations)
            + r")(?!\w)"
        )
        titles = load_yaml(_read_text("person_titles.yaml")) or {}
        self._person_titles = frozenset(str(w) for w in titles.get("titles") or ())
        self._known: dict[str, bool] = {}  # text as written -> whether the gazetteer knows it
        self._keys: dict[tuple[str | None, str, str | None], str | None] = {}  # span's words -> lookup key
        local = load_yaml(_read_text("local_words.yaml")) or {}
        self._local_after = re.compile(
            r"\s+(?:" + "|".join(re.escape(str(w)) for w in local.get("after_name") or ()) + r")\b",
            re.IGNORECASE,
        )
        self._residents_after = re.compile(
            r"\s+(?:" + "|".join(re.escape(str(w)) for w in local.get("residents_after") or ()) + r")\b",
            re.IGNORECASE,
        )
        self._town_after = re.compile(
            r"\s+(?:" + "|".join(re.escape(str(w)) for w in local.get("town_after") or ()) + r")\b",
            re.IGNORECASE,
        )
        # the generic word of a street's, a square's, a bridge's or a station's name ("Pushkin Square",
        # "Lincoln Avenue"): the name before it names the site, not a town
        # (a short word with a dot is no street's before a name: "St. Mary's" is a saint's)
        self._site_word = re.compile(
            r"(?<=\w) (?:"
            + "|".join(
                re.escape(str(w)) + (r"(?!\s[A-Z])" if str(w).endswith(".") else r"(?!\w)")
                for w in local.get("site_words") or ()
            )
            + r")"
        )
        self._site_stops = frozenset(str(w) for w in local.get("site_name_stops") or ())
        # a local water, valley or part of a town after its name ("the Kanawha River", "the North Side"), or
        # a lake before it ("Lake Harriet")
        self._feature_word = re.compile(
            r"(?<=\w) (?:"
            + "|".join(re.escape(str(w)) for w in local.get("feature_words") or ())
            + r")(?!\w)"
        )
        self._feature_before = re.compile(
            r"\b(?:" + "|".join(re.escape(str(w)) for w in local.get("feature_before") or ()) + r")"
            r"(?: [A-Z][a-z]+){1,2}\b"
        )
        self._division_after = re.compile(
            r"\s+(?:" + "|".join(re.escape(str(w)) for w in local.get("division_after") or ()) + r")(?!\w)"
        )
        # "to" after a word of motion ("moved to Sherman", "off to Albuquerque"): a place even if tagged as a
        # person, like after "in"
        self._motion_to = _words_before(local.get("motion_before_to") or (), r"\s+to\s+$")
        # the object of an attack or a capture ("shelled Afrin", "the fall of Goma"): a place as after "in"
        self._attacked = _words_before(local.get("attacked_before") or (), r"\s+(?:the\s+)?$")
        # "Douma, the last rebel-held town ...": a name in apposition to a settlement's noun is a place
        nouns = "|".join(
            re.escape(str(w)).replace(r"\ ", r"\s+") for w in local.get("appositive_place_nouns") or ()
        )
        self._place_appositive = re.compile(
            rf"\s*,\s+(?:the|a|an)\s+(?:[\w'\u2019-]+\s+){{0,4}}?(?:{nouns})"
            # the noun ends the phrase ("a town in ...", "the capital,"), not "a city councillor"
            r"(?=\s*[,.;:)]|\s*$|\s+(?:in|of|on|near|along|about|where|that|which|with|close|just|outside|"
            r"across|north|south|east|west|some|and|held|controlled|run|located|situated|home)\b)",
            re.IGNORECASE,
        )
        self._institution_fields = frozenset(str(w).lower() for w in local.get("institution_fields") or ())
        plurals: dict[str, str] = {str(k): str(v) for k, v in (local.get("division_plurals") or {}).items()}
        self._division_plurals = plurals
        self._division_list = re.compile(
            rf"(?P<names>{_LIST_NAME}(?:,\s+{_LIST_NAME})*,?\s+(?:and|or)\s+{_LIST_NAME})\s+"
            rf"(?P<plural>{'|'.join(plurals)})\b"
        )

    def _find_spans(self, doc: Document, limit: int | None = None) -> list[Span]:
        """Candidate place spans; with ``limit``, matches that start at or after it are not looked at (their
        spans, even trimmed, would end after it)."""
        text = doc.text
        stop = len(text) if limit is None else limit
        spans: list[Span] = []
        entities: list[tuple[int, int, str]] = []
        tokens: dict[int, Any] = {}
        if doc.nlp is not None:
            for ent in doc.nlp.ents:
                if ent.label_ in _PLACE_LABELS and not self._described_as_person(ent):
                    spans.append(Span(ent.start_char, ent.end_char, ent.text, f"ner:{ent.label_}"))
                entities.append((ent.start_char, ent.end_char, ent.label_))
            # where a sentence opens with a word that is no proper noun ("Police said"): a capital there
            # says nothing
            tokens = {sent[0].idx: sent[0] for sent in doc.nlp.sents if sent[0].pos_ != "PROPN"}
        for match in _CUE_RE.finditer(text):
            if match.start() >= stop:
                break
            spans.append(Span(match.start("name"), match.end("name"), match.group("name"), "cue"))
        for match in self._division_list.finditer(text, 0, stop):
            kind = self._division_plurals[match.group("plural")]
            for name in re.finditer(_LIST_NAME, match.group("names")):
                if name.group(0) not in ("and", "or"):
                    at = match.start("names") + name.start()
                    spans.append(
                        Span(
                            at,
                            at + len(name.group(0)),
                            name.group(0),
                            "cue",
                            lookup=f"{name.group(0)} {kind}",
                        )
                    )
        for match in self._abbr_re.finditer(text, 0, stop):
            spans.append(Span(match.start(), match.end(), match.group(0), "abbr"))
        for match in _RUN_RE.finditer(text, 0, stop):
            spans.extend(self._names_in_run(text, match, tokens))
        if doc.nlp is not None and _lower_case(text[:stop]):
            spans.extend(self._lower_case_names(doc.nlp, stop))
        out: list[Span] = []
        dated = {(start, end) for start, end, label in entities if label in ("DATE", "TIME")}
        for span in spans:
            trimmed = span if span.source == "abbr" or span.lookup else _trim(text, span)
            if trimmed is None:
                continue
            if (
                span.source == "name"
                and " " not in trimmed.text
                and _inside(trimmed, entities) in ("DATE", "TIME")
                and not (
                    # a large city or a division the tagger alone took for a date ("in Winnipeg")
                    (trimmed.start, trimmed.end) in dated
                    and not any(c.isdigit() for c in trimmed.text)
                    and self._is_division_or_country(trimmed, _BIG_CITY)
                )
            ):
                continue  # "in March 2009", "by Christmas": a date, not the town of that name
            trimmed.lookup = span.lookup
            trimmed.opener = span.opener
            # ... after the whole hyphen compound ("an Athens-Clarke police officer")
            after = trimmed.end
            if span.compound:
                rest = _COMPOUND_REST_RE.match(text, after)
                after = rest.end() if rest else after
            trimmed.local = span.local or bool(self._local_after.match(text, after))
            trimmed.residents = bool(self._residents_after.match(text, after))
            trimmed.inside = _inside(trimmed, entities)
            trimmed.within_name = bool(trimmed.inside) and _within_name(text, trimmed, entities)
            trimmed.dateline = _opens_dateline(text, trimmed)
            trimmed.strong = (
                bool(_STRONG_LOCATIVE_RE.search(text, max(0, trimmed.start - 30), trimmed.start))
                or bool(self._motion_to.search(text, max(0, trimmed.start - 30), trimmed.start))
                or bool(self._attacked.search(text, max(0, trimmed.start - 30), trimmed.start))
                or _person_of(text, trimmed, entities)
                or bool(_ADDRESS_BEFORE_RE.search(text, max(0, trimmed.start - 60), trimmed.start))
                or bool(self._place_appositive.match(text, after))
            )
            trimmed.locative = (
                span.locative
                or trimmed.dateline
                or bool(_LOCATIVE_BEFORE_RE.search(text[max(0, trimmed.start - 30) : trimmed.start]))
                or trimmed.strong
                # the place that ends an organisation's name after "of" ("United Concrete Products of
                # Wallingford")
                or trimmed.inside == "ORG"
                and _ends_entity(trimmed, entities)
                and trimmed.text.lower() not in self._institution_fields
                and bool(_OF_BEFORE_RE.search(text, max(0, trimmed.start - 6), trimmed.start))
            )
            lead = DIRECTION_RE.match(trimmed.text) if trimmed.direction is None else None
            if lead and not self._knows_text(trimmed.text):
                trimmed.direction = canonical_direction(lead.group("dir"))
            out.append(trimmed)
        return out

    def _names_in_run(self, text: str, run: re.Match[str], tokens: Mapping[int, Any]) -> list[Span]:
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
        found: list[Span] = []
        compounds: dict[int, list[Span]] = defaultdict(list)
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + _MAX_NAME_WORDS), i, -1):
                start, end = words[i][0], words[j - 1][1]
                piece = text[start:end]
                if not piece[0].isupper() or not piece[-1].isalnum() and not piece.endswith("."):
                    continue
                opener = False
                if (
                    j - i == 1
                    and not self._word_may_be_name(piece, tokens.get(start))
                    and not _opens_dateline(text, Span(start, end, piece, "name"))
                ):
                    if tokens.get(start) is None or len(piece) <= 3 and piece.isupper():
                        continue
                    opener = True  # a capital that may be the sentence's: a place only if one elsewhere
                # two letters name a place only as a country's code in capitals ("US", "UK"), not glued
                # to a currency sign ("US$5")
                short = len(piece) < 3 and not (
                    piece.isupper()
                    and "$" not in text[start - 1 : start] + text[end : end + 1]
                    and self.gazetteer.is_country_name(piece)
                )
                if short or not self._knows_text(piece):
                    continue
                joined = (
                    words[i][2] >= 0
                    and text[start - 1 : start] == "-"
                    or words[j - 1][2] >= 0
                    and text[end : end + 1] == "-"
                )
                partial = (i, j) != (0, len(words))
                # a single word after another capitalised word is mostly a longer name's generic part
                # ("Flat Creek", "McEver Road"), not a place of its own, unless it ends the run and the story
                # takes it for one elsewhere ("Rodeo Gainesville" in a story from Gainesville: read like a
                # sentence's opener); not after a hyphen
                if (
                    partial
                    and j - i == 1
                    and i > 0
                    and not joined
                    and self._names_before(text, words[i - 1][0], words[i - 1][1], tokens)
                    and not self._is_division_or_country(Span(start, end, piece, "name"), _BIG_CITY)
                ):
                    if j < len(words):
                        continue
                    opener, partial = True, False
                party = joined and bool(_PARTY_BEFORE_RE.search(text, max(0, start - 5), start))
                span = Span(
                    start, end, piece, "name", partial=partial, compound=joined, locative=party, opener=opener
                )
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
            known = self._known[piece] = self.gazetteer.knows(piece) or bool(
                self.gazetteer.counties(normalize_name(piece))
            )
        return known

    def _lower_case_names(self, sdoc: Any, stop: int) -> list[Span]:
        """Names in a text written in lower case ("protests in ahmedabad, gujarat"): one to three words
        that the parser reads as proper nouns and that name a division, a city of half a million or a
        capital, or a country, longest first."""
        found: list[Span] = []
        tokens = [t for t in sdoc if t.idx < stop]
        i = 0
        while i < len(tokens):
            for j in range(min(len(tokens), i + 3), i, -1):
                words = tokens[i:j]
                if not all(t.is_alpha and t.pos_ in ("PROPN", "NOUN") and not t.is_stop for t in words):
                    continue
                start, end = words[0].idx, words[-1].idx + len(words[-1])
                ranked = self.gazetteer.readings(normalize_name(sdoc.text[start:end]), {})
                # a common noun ("acre", "centre") is a name only when it is a country's, or a large city's
                # after a locative or before a local word (the parser takes "winnipeg" for a noun)
                proper = all(t.pos_ == "PROPN" for t in words) or bool(
                    ranked
                    and (
                        ranked[0].entry.kind == "country"
                        or ranked[0].entry.kind == "city"
                        and ranked[0].entry.population >= _BIG_CITY
                        and (
                            bool(_LOCATIVE_BEFORE_RE.search(sdoc.text, max(0, start - 30), start))
                            or bool(self._local_after.match(sdoc.text, end))
                        )
                    )
                )
                if ranked and proper and ranked[0].primary and _prominent(ranked[0].entry):
                    found.append(Span(start, end, sdoc.text[start:end], "lower"))
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
        self, text: str, spans: list[Span], actors: Sequence[ActorMention], sdoc: Any = None
    ) -> list[Span]:
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
        kept: list[Span] = []
        for span in spans:
            # a person the knowledge base knows, or a name inside a longer person's name, is no place;
            # a lone name the tagger alone took for a person ("Gainesville"), or a name inside a phrase
            # the actor stage took for a person but the tagger did not ("the Queensland Police
            # Service"), may still be one
            # except a country or state that opens a person's title ("U.S. Agriculture Secretary X",
            # "Indiana Governor X") and a tagged place after a locative preposition ("visiting Austin")
            if span.source == "abbr" and _QUALIFIED_TOWN_BEFORE_RE.search(
                text, max(0, span.start - 40), span.start
            ):
                kept.append(span)  # "Chowchilla, Calif. Olson said": the town's state, whatever follows
                continue
            if not span.dateline and any(
                start < span.end
                and span.start < end
                and (
                    # ... not the town of a known person's office ("an Athens police officer")
                    known
                    and ((start, end) == (span.start, span.end) or not span.residents)
                    or (start, end) != (span.start, span.end)
                    and span.inside == "PERSON"
                    and not span.residents  # "about 55 Gainesville residents": the residents' town
                    # "John Smith of Berea", "Jane Doe, R-Marshall", "X, 44, of 12 Elm St., Alexandria": the
                    # person's home
                    and not span.strong
                    and not (span.compound and span.locative)
                    # a country or state of two words or more is no word of a person's name ("Sri Lanka")
                    and not (" " in span.text.strip() and self._is_division_or_country(span))
                )
                and not (
                    # ... after lower-case words only ("former U.S. Sen. Bob Dole")
                    (span.start == start or _LOWER_WORDS_RE.fullmatch(text, start, span.start))
                    and end > span.end
                    and self._titled(text, span, end)
                )
                and not (
                    (start, end) == (span.start, span.end)
                    and (span.locative or span.source == "ner:GPE" and " " not in span.text)
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

    def _titled(self, text: str, span: Span, end: int) -> bool:
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

    def _is_division_or_country(self, span: Span, city: int = 0) -> bool:
        """Whether a name alone reads first as a country or a first-level division (or, with ``city``, a
        town of at least that many people)."""
        key = self._key(span)
        ranked = self.gazetteer.readings(key, {}) if key else []
        if not ranked or not ranked[0].primary:
            return False
        entry = ranked[0].entry
        return (
            entry.kind in ("country", "admin1")
            or bool(city)
            and entry.kind == "city"
            and entry.population >= city
        )

    def _key(self, span: Span) -> str | None:
        """The lookup key of a span, without its direction word (memoised)."""
        memo = (span.lookup, span.text, span.direction)
        found = self._keys.get(memo, "")
        if found == "":
            if len(self._keys) > _MEMO_SIZE:
                self._keys.clear()
            found = self._keys[memo] = self._key_of(span)
        return found

    def _key_of(self, span: Span) -> str | None:
        key = normalize_name(span.lookup or span.text)
        # a direction in lower case is no part of a name ("east London" is London's east, not East London)
        if span.direction and (span.text[0].islower() or not self.gazetteer.knows(span.text)):
            match = DIRECTION_RE.match(key)
            return normalize_name(match.group("rest")) if match else None
        return key


_SITE_LINK_RE = re.compile(r"(?:,\s*|\s+(?:in|at|near|of)\s+(?:the\s+)?)$")


def sites_in_towns(doc: Document, mentions: Sequence[PlaceMention], limit: int) -> list[PlaceMention]:
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


def named_sites(
    text: str,
    mentions: list[PlaceMention],
    spans: Sequence[Span],
    site_word: re.Pattern[str],
    stops: frozenset[str],
    limit: int,
) -> list[PlaceMention]:
    """A street's, a square's, a bridge's or a station's name ("Pushkin Square", "Lincoln Avenue",
    "Moscow Street") names no town, though a place's name opens it: the site lies in the town the text
    places it in ("Pushkin Square in Moscow", "Orchard Street, Boston") or, failing that, in the town of the
    story's dateline, at precision ``city``; else it is no place. A site the gazetteer knows by its whole
    name ("Times Square") stays as read."""
    sites: list[tuple[int, int]] = []
    for match in site_word.finditer(text, 0, limit):
        start = _site_start(text, match.start(), stops)
        if start is not None:
            sites.append((start, match.end()))
    if not sites:
        return mentions
    dateline = {span.start for span in spans if span.dateline}
    inside = {id(m) for m in mentions for start, end in sites if start <= m.start and m.end < end}
    kept = [m for m in mentions if id(m) not in inside]
    filed = next(
        (m for m in kept if m.start in dateline and m.place.precision == "city"),
        None,
    )
    after = {m.start: m for m in kept}
    for start, end in sites:
        if any(m.start < end and start < m.end for m in kept):
            continue  # a name the gazetteer knows whole, or part of a longer place's name
        link = next((m for n, m in after.items() if 0 < n - end <= 12), None)
        if link is not None and not _SITE_LINK_RE.fullmatch(text, end, link.start):
            link = None
        # a site placed in a state or a country ("in Colorado") lies in no town the story knows
        town = filed if link is None else link if link.place.precision == "city" else None
        if town is not None:
            kept.append(
                PlaceMention(start, end, text[start:end], replace(town.place), f"site in {town.place.name}")
            )
    return sorted(kept, key=lambda m: m.start)


def local_features(
    text: str,
    mentions: list[PlaceMention],
    spans: Sequence[Span],
    after: re.Pattern[str],
    before: re.Pattern[str],
    stops: frozenset[str],
    limit: int,
) -> list[PlaceMention]:
    """A river, creek, lake, valley or side of town the gazetteer does not know ("the Kanawha River",
    "Kiser Lake", "Lake Harriet", "the North Side") lies in the town the text places it in ("the Kanawha
    River in Charleston"), else in the town of the story's dateline, else in the town the story names most
    (twice at least, more than any other), at precision ``city``; else it is no place. A name that a place
    mention already covers in part stays as read ("the Catawba River" of Catawba County)."""
    found: list[tuple[int, int]] = []
    for match in after.finditer(text, 0, limit):
        start = _site_start(text, match.start(), stops)
        if start is not None:
            found.append((start, match.end()))
    found += [(m.start(), m.end()) for m in before.finditer(text, 0, limit)]
    if not found:
        return mentions
    # the story's towns in the country its places lie in most ("Hall" of "North Hall" read as a German town
    # is no home of a Georgia story)
    countries = Counter(m.place.country for m in mentions if m.place.country)
    lead = countries.most_common(1)[0][0] if countries else None
    towns = [
        m
        for m in mentions
        if m.place.precision == "city" and m.place.country == lead and not m.names_people()
    ]
    dateline = {span.start for span in spans if span.dateline}
    home = next((m for m in towns if m.start in dateline), None)
    if home is None and towns:
        counts = Counter(m.place.geonameid or m.place.name for m in towns)
        ranked = counts.most_common(2)
        if ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            home = next(m for m in towns if (m.place.geonameid or m.place.name) == ranked[0][0])
    starts = {m.start: m for m in towns}
    out = list(mentions)
    for start, end in sorted(set(found)):
        if any(m.start < end and start < m.end for m in out):
            continue
        link = next((m for n, m in starts.items() if 0 < n - end <= 12), None)
        if link is not None and not _SITE_LINK_RE.fullmatch(text, end, link.start):
            link = None
        town = link or home
        if town is not None:
            out.append(
                PlaceMention(
                    start, end, text[start:end], replace(town.place), f"local feature of {town.place.name}"
                )
            )
    return sorted(out, key=lambda m: m.start)


_POSSESSIVES = ("'s", "\u2019s", "'", "\u2019")
_SITE_WORD_RE = re.compile(r"[A-Z][\w'\u2019.-]*$")


def _site_start(text: str, at: int, stops: frozenset[str]) -> int | None:
    """Where the name of a site ends at ``at`` starts: its one to three capitalised words before the
    generic word, without a preposition or an article of a Title Case line; None where there is none."""
    start = None
    pos = at
    for _ in range(3):
        word = _SITE_WORD_RE.search(text, max(0, pos - 40), pos)
        if word is None or word.group(0) in stops or word.group(0).endswith(_POSSESSIVES):
            break  # "Rock Hill's Main Street": the town's own street
        start = word.start()
        if start == 0 or text[start - 1] != " ":
            break
        pos = start - 1
    return start


_DATELINE_AFTER_RE = re.compile(
    # a dash, also as three hyphens or as the C1 code a Windows em or en dash becomes when read as Latin-1
    r"(?:,(?: [A-Z][\w.]*){1,3})?(?: \([A-Za-z .]+\))?(?: ?(?:---|--|\u2014|\u2013|\x97|\x96|-|\u201d)|:) "
)


def _words_before(words: Any, tail: str) -> re.Pattern[str]:
    """A pattern for one of ``words`` (spaces in a phrase match any space) then ``tail``, ending where a
    name starts, in any case."""
    alternatives = "|".join(re.escape(str(w)).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"\b(?:{alternatives}){tail}", re.IGNORECASE)


def _opens_dateline(text: str, span: Span) -> bool:
    """Whether a name in capitals opens a dateline ("HUDSON -- Officials said", "PORTLAND, Maine --"),
    at the start of the text or of a sentence: the place the story was filed from."""
    if not span.text.isupper() or len(span.text) < 3:
        return False
    if span.start == 0 and re.match(r", [A-Z]| [A-Z](?![A-Z])", text[span.end : span.end + 4]):
        # the text opens with it: "WASHINGTON Barack Obama said", "AUSTIN, Texas"; not the first word of a
        # headline in capitals ("POLICE FIRE TEAR GAS AT ...")
        return True
    before = text[max(0, span.start - 6) : span.start]
    # after a sentence, or after the byline's date ("March 29, 2009 PATASKALA -- City officials")
    if span.start > 0 and not re.search(r"(?:^|[.!?\n]|\b(?:19|20)\d\d)\s*$", before):
        return False
    return bool(_DATELINE_AFTER_RE.match(text, span.end))


def _lower_case(text: str) -> bool:
    """Whether a text is written in lower case (under one word in fifty capitalised)."""
    words = re.findall(r"[^\W\d_]+", text[:5000])
    return len(words) >= 5 and sum(w[0].isupper() for w in words) < len(words) / 50


def _prominent(entry: Entry) -> bool:
    """A place well enough known to be recognised in lower-case text."""
    return (
        entry.kind in ("country", "admin1")
        or entry.kind == "city"
        and (entry.population >= _BIG_CITY or entry.capital)
    )


def _acts(sdoc: Any, span: Span) -> bool:
    """Whether the span is the subject of a verb in the parse (True when there is no parse)."""
    if sdoc is None:
        return True
    found = sdoc.char_span(span.start, span.end, alignment_mode="expand")
    return found is None or found.root.dep_ in ("nsubj", "nsubjpass")


_PREPOSITION_BEFORE_RE = re.compile(r"\b(?:of|at|in|for|from|on|de|du)\s+(?:the\s+)?$", re.IGNORECASE)


def _within_name(text: str, span: Span, entities: Sequence[tuple[int, int, str]]) -> bool:
    """Whether a longer non-place entity holds the span after its first word and not after a preposition
    ("Clay" of "Pattie A. Clay Medical Center", "Barton" of "Joe Barton Jones")."""
    for start, end, label in entities:
        if start > span.start:
            break
        if start < span.start and span.end <= end and label not in _PLACE_LABELS:
            words = re.findall(r"[\w'.]+", text[start : span.start].lower())
            if words and words[0] == "the":
                words = words[1:]
            return any(word not in _QUALIFYING_WORDS for word in words) and not _PREPOSITION_BEFORE_RE.search(
                text, start, span.start
            )
    return False


_COMPOUND_REST_RE = re.compile(r"(?:-[A-Z][\w'\u2019]*)+")
_LOWER_WORDS_RE = re.compile(r"(?:[a-z]+\s+)+")
# a capitalised name and a comma just before a division's abbreviation ("Chowchilla, Calif. Olson said"):
# the abbreviation qualifies that town, whatever the tagger makes of the words after it
_QUALIFIED_TOWN_BEFORE_RE = re.compile(r"\b[A-Z][\w'.-]*,\s*$")
_OF_BEFORE_RE = re.compile(r"\s+of\s+$")
# a street address and a comma before a name: the town ("of 2517 Memphis St., Alexandria")
_ADDRESS_BEFORE_RE = re.compile(
    r"\b\d+\s+(?:[A-Z][\w'.]*\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Blvd|Boulevard|Lane|Ln|Way|"
    r"Court|Ct|Place|Pl|Highway|Hwy|Pike|Circle|Cir)\.?,\s+$"
)


def _person_of(text: str, span: Span, entities: Sequence[tuple[int, int, str]]) -> bool:
    """Whether the span follows a person's name and "of" ("Larry Dunaway of Berea"): the person's home."""
    of = _OF_BEFORE_RE.search(text, max(0, span.start - 6), span.start)
    if of is None:
        return False
    return any(end == of.start() and label == "PERSON" for _, end, label in entities if end <= of.start())


def _ends_entity(span: Span, entities: Sequence[tuple[int, int, str]]) -> bool:
    """Whether a longer entity ends where the span ends."""
    return any(start < span.start and end == span.end for start, end, _ in entities if start <= span.start)


def _inside(span: Span, entities: Sequence[tuple[int, int, str]]) -> str | None:
    """The label of a longer non-place entity that contains the span ("ORG" for "Gainesville" in
    "Gainesville Public Utilities"), else None."""
    for start, end, label in entities:
        if start > span.start:
            break  # the entities are in the order of the text
        if span.end <= end and (start, end) != (span.start, span.end):
            if label not in _PLACE_LABELS:
                return label
        elif (start, end) == (span.start, span.end) and label in ("PERSON", "ORG", "DATE", "TIME"):
            return label
    return None


def _trim(text: str, span: Span) -> Span | None:
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
        direction = canonical_direction(before.group(0).strip())
        start = start - len(text[max(0, start - 20) : start]) + before.start()
    return Span(
        start,
        end,
        text[start:end],
        span.source,
        direction,
        locative=span.locative,
        compound=span.compound,
        local=span.local,
    )


def non_overlapping(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Keep the longest of overlapping mentions, then sort by offset."""
    chosen: list[PlaceMention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= other.start or other.end <= mention.start for other in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)
