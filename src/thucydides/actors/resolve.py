"""Actor resolution in context: finds actor noun phrases in a parsed document and resolves each one.

A mention is built around *atoms*: knowledge-base names found in the text (longest match first),
spaCy entities, and sector nouns ("officials", "troops"). Atoms that modify the same actor noun
phrase ("China's Vice Foreign Minister Le Yucheng", "US military officials") are grouped into one
mention whose country comes from its modifiers and whose sector comes from its head noun. People are
matched by name (exact, then in-document linking of short and variant forms, then a blocked fuzzy and
transliteration-aware comparison) and take the role they held on the document's date.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rapidfuzz.distance import Levenshtein

from thucydides.actors.kb import Entry, KnowledgeBase, SectorWord, person_family, person_given, surface_key
from thucydides.actors.names import (
    first_names_agree,
    given_names_agree_eastern,
    norm_key,
    skeleton,
    surname_close,
    tokens,
)
from thucydides.record import Actor, ActorMention, Document

_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
_GROUPING_DEPS = frozenset({"compound", "amod", "nmod", "poss", "flat", "nummod", "appos_name"})
_LEFT_DEPS = frozenset(
    {
        "det",
        "amod",
        "nummod",
        "compound",
        "poss",
        "case",
        "quantmod",
        "nmod",
        "advmod",
        "punct",
        "predet",
        "npadvmod",
    }
)
_LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "inside",
        "outside",
        "around",
        "across",
        "throughout",
        "within",
        "into",
        "via",
        "over",
        "through",
        "beyond",
        "towards",
        "toward",
    }
)
_MOTION_PREPS = frozenset({"to", "from", "for"})
_MOTION_LEMMAS = frozenset(
    {
        "travel",
        "fly",
        "go",
        "come",
        "return",
        "move",
        "arrive",
        "head",
        "trip",
        "visit",
        "journey",
        "flight",
        "deploy",
        "send",
        "leave",
        "flee",
        "way",
        "relocate",
        "bring",
    }
)
_VISIT_LEMMAS = frozenset({"visit", "tour", "reach", "leave", "enter", "land", "flee"})
_TITLE_WORDS = frozenset(
    {
        "president",
        "vice",
        "prime",
        "minister",
        "foreign",
        "deputy",
        "secretary",
        "state",
        "defence",
        "defense",
        "chancellor",
        "premier",
        "king",
        "queen",
        "crown",
        "prince",
        "emir",
        "sheikh",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "general",
        "gen",
        "leader",
        "chairman",
        "former",
        "ex",
        "envoy",
        "ambassador",
        "special",
        "representative",
        "spokesman",
        "spokeswoman",
        "supreme",
        "senator",
        "sen",
        "rep",
        "speaker",
        "commander",
        "mullah",
        "ayatollah",
        "chief",
        "head",
        "us",
        "u.s.",
        "the",
        "a",
        "an",
        "of",
        "north",
        "south",
        "new",
        "interim",
        "acting",
        "top",
        "senior",
        "negotiator",
        "counterpart",
    }
)
FUZZY_COUNTRY_MIN = 6
_MOBILE_SECTORS = frozenset({"MIL", "REF", ""})
_SETTLED_HEADS = frozenset({"government", "authority", "ministry", "administration", "regime", "cabinet"})
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_WORD = re.compile(r"[^\W_][\w.'’\-]*")


@dataclass(slots=True)
class _Atom:
    start: int  # token index
    end: int  # token index, exclusive
    kind: str  # entry | name | country | demonym | sector
    entry: Entry | None = None
    country: str | None = None
    label: str = ""
    misspelt: bool = False  # a country name or demonym read from a misspelling ("Ethopia")


@dataclass(slots=True)
class _Misspelt:
    """A misspelt country name or demonym and what it stands for."""

    kind: str  # country | demonym
    country: str
    entry: Entry | None

    def at(self, i: int, label: str) -> _Atom:
        return _Atom(i, i + 1, self.kind, entry=self.entry, country=self.country, label=label, misspelt=True)


@dataclass(frozen=True, slots=True)
class _NameForm:
    """One spelling of a person's name, normalised once: its tokens and its East Asian given names."""

    toks: tuple[str, ...]
    given_eastern: tuple[str, ...]


@dataclass(slots=True)
class _Context:
    when: date | None
    persons: list[Entry] = field(default_factory=list)
    unknown: dict[str, Actor] = field(default_factory=dict)
    cache: dict[tuple[str, str | None], tuple[Entry | None, str]] = field(default_factory=dict)
    country_counts: Counter[str] = field(default_factory=Counter)


class ActorResolver:
    """Stage: reads ``doc.nlp`` (a spaCy Doc over ``doc.text``), ``doc.published`` and ``doc.body_end``;
    fills ``doc.actors`` with non-overlapping :class:`ActorMention` objects, each with the reason for
    its resolution.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        """Build a resolver over a loaded knowledge base (see :meth:`KnowledgeBase.load`)."""
        self.kb = kb
        self._first_words = {k.split()[0] for k in kb.exact} | {k.split()[0] for k in kb.demonyms}
        # one-word country names and demonyms by first letter, for misspelt ones ("Ethopia", "Afganistan")
        self._country_words: dict[str, list[tuple[str, str, str]]] = {}
        for key, iso in kb.country_names.items():
            if " " not in key and len(key) >= FUZZY_COUNTRY_MIN and key[:1].isupper():
                self._country_words.setdefault(key[0], []).append((key, "country", iso))
        for key, iso in kb.demonyms.items():
            if " " not in key and len(key) >= FUZZY_COUNTRY_MIN and key[:1].isupper():
                self._country_words.setdefault(key[0], []).append((key, "demonym", iso))
        # people's names normalised once: every spelling of at least two words, the family names of the
        # aliases, and a block of the people whose family name has a given consonant frame, which every
        # spelling variant of a family name shares (see ``surname_close``)
        self._forms: dict[str, tuple[_NameForm, ...]] = {}
        self._alias_families: dict[str, frozenset[str]] = {}
        self._by_frame: dict[tuple[bool, str], list[Entry]] = {}
        self._western_by_frame: dict[str, list[Entry]] = {}
        for entry in kb.entries.values():
            if entry.kind != "person":
                continue
            forms = tuple(
                _NameForm(t, person_given(" ".join(t), True))
                for t in kb.name_tokens.get(entry.id, ())
                if len(t) >= 2
            )
            self._forms[entry.id] = forms
            self._alias_families[entry.id] = frozenset(person_family(a, entry.eastern) for a in entry.aliases)
            for frame in {_frame(f.toks[0] if entry.eastern else f.toks[-1]) for f in forms}:
                self._by_frame.setdefault((entry.eastern, frame), []).append(entry)
            if entry.family and not entry.eastern:
                self._western_by_frame.setdefault(_frame(entry.family), []).append(entry)

    # ---- public ----

    def __call__(self, doc: Document) -> Document:
        """Find and resolve every actor mention of ``doc`` (requires ``doc.nlp``)."""
        if doc.nlp is None:
            raise ValueError(f"document {doc.id}: ActorResolver needs doc.nlp (run the nlp stage first)")
        doc.actors = self.mentions(doc.nlp, doc.text, doc.published, doc.body_end)
        return doc

    def mentions(
        self, sdoc: Any, text: str, when: date | None, body_end: int | None = None
    ) -> list[ActorMention]:
        """Actor mentions of a parsed text (``sdoc`` is the spaCy Doc over ``text``)."""
        limit = len(sdoc)
        if body_end is not None:
            limit = next((t.i for t in sdoc if t.idx >= body_end), len(sdoc))
        ctx = _Context(when=when)
        atoms = self._atoms(sdoc, limit)
        for a in atoms:
            if a.country and a.kind in {"country", "demonym"}:
                ctx.country_counts[a.country] += 1
        by_token: dict[int, _Atom] = {}
        for a in atoms:
            for i in range(a.start, a.end):
                by_token[i] = a
        groups = self._group(sdoc, atoms, by_token)
        out: list[ActorMention] = []
        for head, members in groups:
            out.extend(self._split_coordinated(sdoc, text, head, members, by_token, ctx))
        out.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[ActorMention] = []
        for m in out:
            if kept and m.start < kept[-1].end:
                continue
            kept.append(m)
        return kept

    def resolve_text(self, text: str, when: date | None = None) -> Actor | None:
        """Resolve a phrase on its own, without a parse.

        ``"a Russian Deputy Foreign Minister"`` -> RUS GOV; ``"Pyongyang"`` -> PRK GOV;
        ``"US military officials"`` -> USA MIL; ``"Le Yucheng"`` -> CHN GOV (a known person).
        """
        actor, _ = self.resolve_text_explained(text, when)
        return actor

    def resolve_text_explained(self, text: str, when: date | None = None) -> tuple[Actor | None, str]:
        """Like :meth:`resolve_text`, also returning the reason."""
        phrase = text.strip()
        if not phrase:
            return None, "empty"
        ctx = _Context(when=when)
        entries = self.kb.lookup(phrase, fold=True)
        if entries:
            picked = self._pick(entries, when)
            return self._from_entry(phrase, picked, when, None, "knowledge base name"), "knowledge base name"
        words = _WORD.findall(_POSSESSIVE.sub("", phrase))
        lemmas = [_lemma(w) for w in words]
        countries, entry, name_words = self._scan_words(words)
        sector, sector_why = self._sector(lemmas)
        country = countries[0] if countries else None
        if entry is not None and entry.kind != "capital":
            return self._from_entry(phrase, entry, when, country, "contains a knowledge-base name"), "name"
        if name_words:
            person, why = self._match_person(" ".join(name_words), ctx, country)
            if person is not None:
                return self._from_person(phrase, person, when, lemmas), why
        if entry is not None:  # a capital inside a phrase
            return self._from_entry(phrase, entry, when, None, "seat of government"), "seat of government"
        if country and (sector or not name_words):
            kind = _type_for(sector, name_words)
            name = " ".join(name_words) if kind == "person" else self._country_name(country)
            return Actor(text=phrase, name=name, country=country, sector=sector, type=kind), (
                f"country {country} from modifier; {sector_why or 'no sector word'}"
            )
        if sector and not self.kb.heads.get(_head_lemma(lemmas) or "", _NO).weak:
            return Actor(text=phrase, sector=sector, type="group"), sector_why
        if name_words and _looks_like_name(name_words):
            return Actor(text=phrase, name=" ".join(name_words), type="person"), "unknown person"
        return None, "no actor words"

    def explain(self, mention: ActorMention) -> str:
        """Why ``mention`` was resolved as it was."""
        a = mention.actor
        return f"{mention.text!r} -> {a.code or '-'} ({a.type or '?'}, {a.name or '?'}): {mention.reason}"

    # ---- atoms ----

    def _atoms(self, sdoc: Any, limit: int) -> list[_Atom]:
        text = sdoc.text
        kb = self.kb
        toks = list(sdoc)  # made once: indexing the Doc builds a new token object each time
        atoms: list[_Atom] = []
        taken = [False] * limit
        max_n = min(kb.max_alias_tokens, 8)
        ents = {e.start: e for e in sdoc.ents if e.label_ in _NAME_LABELS and e.end <= limit}
        i = 0
        while i < limit:
            tok = toks[i]
            if (
                tok.text in kb.regions
                and tok.dep_ == "amod"
                and tok.head.tag_ in {"NNS", "NNPS"}
                and tok.head.lemma_.lower() in kb.region_heads
                and not _stance_prefixed(sdoc, i)
            ):
                # "European governments", "Arab ministers": states acting together through their
                # regional organisation (data/actors/regions.yaml), coded IGO
                atoms.append(_Atom(i, i + 1, "demonym", country="IGO", label=tok.ent_type_))
                taken[i] = True
                i += 1
                continue
            if tok.text in self._first_words or (tok.text and tok.text[0].isupper()) or i in ents:
                found = None
                for n in range(1, min(max_n, limit - i) + 1):
                    last = toks[i + n - 1]
                    if n > 1 and (last.is_space or tok.is_space):
                        break
                    key = surface_key(text[tok.idx : last.idx + len(last.text)])
                    if key not in kb.prefixes:
                        break
                    if last.is_punct and n > 1:
                        continue
                    if key in kb.exact:
                        found = _Atom(i, i + n, "entry", entry=self._pick(kb.exact[key], None))
                    elif key in kb.demonyms and (n > 1 or tok.text[0].isupper()):
                        found = _Atom(i, i + n, "demonym", country=kb.demonyms[key])
                if found is not None:
                    ent = ents.get(i)
                    if ent is not None and ent.end > found.end and ent.label_ == "PERSON":
                        found = None  # a longer person name that starts with a known word ("Jordan Smith")
                if found is not None and _stance_prefixed(sdoc, i):
                    for j in range(found.start, found.end):  # "an anti-Syria journalist" is not Syrian
                        taken[j] = True
                    i = found.end
                    continue
                if found is not None:
                    while found.start < found.end - 1 and toks[found.start].lower_ == "the":
                        found.start += 1
                    if found.entry is not None and found.entry.kind == "country":
                        found.kind, found.country = "country", found.entry.country
                    found.label = toks[found.start].ent_type_
                    atoms.append(found)
                    for j in range(found.start, found.end):
                        taken[j] = True
                    i = found.end
                    continue
            i += 1
        for ent in sdoc.ents:
            if (
                ent.label_ not in _NAME_LABELS
                or ent.end > limit
                or any(taken[j] for j in range(ent.start, ent.end))
            ):
                continue
            start = ent.start + (1 if toks[ent.start].lower_ == "the" else 0)
            end = ent.end - (
                1 if toks[ent.end - 1].tag_ == "POS" or toks[ent.end - 1].text in {"’s", "'s"} else 0
            )
            if start >= end:
                continue
            folded = kb.folded.get(norm_key(sdoc[start:end].text))
            misspelt = self._misspelt_country(toks[start].text) if end - start == 1 else None
            if folded:  # "north korea" in a lower-case headline
                entry = self._pick(folded, None)
                kind, country = ("country", entry.country) if entry.kind == "country" else ("entry", None)
                atoms.append(_Atom(start, end, kind, entry=entry, country=country, label=ent.label_))
            elif misspelt is not None:
                atoms.append(misspelt.at(start, ent.label_))
            else:
                atoms.append(_Atom(start, end, "name", label=ent.label_))
            for j in range(start, end):
                taken[j] = True
        i = 0
        while i < limit:  # capitalised proper nouns the tagger left unlabelled: maybe a known person
            j = i
            while (
                j < limit
                and not taken[j]
                and toks[j].pos_ == "PROPN"
                and toks[j].text[:1].isupper()
                and toks[j].lemma_.lower() not in self.kb.heads
                and toks[j].lower_ not in _TITLE_WORDS
            ):
                j += 1
            misspelt = self._misspelt_country(toks[i].text) if j == i + 1 else None
            if misspelt is not None:
                atoms.append(misspelt.at(i, "PROPN"))
                taken[i] = True
            elif j > i:
                atoms.append(_Atom(i, j, "name", label="PROPN"))
                for k in range(i, j):
                    taken[k] = True
            i = max(j, i + 1)
        for tok in toks[:limit]:
            if taken[tok.i] or tok.pos_ not in {"NOUN", "PROPN"}:
                continue
            if self._head_word(tok) is not None:
                atoms.append(_Atom(tok.i, tok.i + 1, "sector"))
        atoms.sort(key=lambda a: a.start)
        return atoms

    def _misspelt_country(self, word: str) -> _Misspelt | None:
        """A one-word country name or demonym the text misspells ("Ethopia", "Afganistan").

        Only capitalised words of at least ``FUZZY_COUNTRY_MIN`` letters, against names with the same first
        letter: one edit for words up to nine letters, two for longer ones, and exactly one country
        within reach ("Austria" is never "Australia": two edits apart, too many for seven letters).
        """
        if len(word) < FUZZY_COUNTRY_MIN or not word[:1].isupper() or not word.isalpha():
            return None
        limit = 1 if len(word) <= 9 else 2
        hits = {
            (kind, iso)
            for key, kind, iso in self._country_words.get(word[0], ())
            if abs(len(key) - len(word)) <= limit
            and Levenshtein.distance(key, word, score_cutoff=limit) <= limit
        }
        if len({iso for _, iso in hits}) != 1:
            return None
        kind, iso = sorted(hits)[0]
        entry = self.kb.entries.get(f"country:{iso}") if kind == "country" else None
        return _Misspelt(kind if entry is not None else "demonym", iso, entry)

    # ---- grouping ----

    def _group(
        self, sdoc: Any, atoms: list[_Atom], by_token: dict[int, _Atom]
    ) -> list[tuple[int, list[_Atom]]]:
        groups: dict[int, list[_Atom]] = {}
        order: list[int] = []
        for atom in atoms:
            head = self._np_head(sdoc, atom, by_token)
            if head not in groups:
                groups[head] = []
                order.append(head)
            groups[head].append(atom)
        return [(h, groups[h]) for h in order]

    def _np_head(self, sdoc: Any, atom: _Atom, by_token: dict[int, _Atom]) -> int:
        span = sdoc[atom.start : atom.end]
        tok = span.root
        if atom.kind in {"country", "demonym"} and tok.dep_ == "conj":
            # "US and British forces": the second country modifies what the first one modifies
            first = by_token.get(tok.head.i)
            if first is not None and first.kind in {"country", "demonym"}:
                first_root = sdoc[first.start : first.end].root
                shared = self._np_head(sdoc, first, by_token)
                if shared != first_root.i:
                    return shared
        while tok.dep_ in _GROUPING_DEPS and tok.head.i != tok.i:
            parent = tok.head
            if not self._actorish(parent, by_token, atom):
                break
            if tok.dep_ == "poss" and by_token.get(parent.i) is None and not self._head_word(parent):
                break
            tok = parent
        owner = by_token.get(tok.i)
        if owner is not None:
            return int(sdoc[owner.start : owner.end].root.i)
        return int(tok.i)

    def _actorish(self, tok: Any, by_token: dict[int, _Atom], atom: _Atom) -> bool:
        other = by_token.get(tok.i)
        if other is not None:
            if other is atom:
                return True
            if atom.kind in {"country", "demonym"} and other.kind in {"country", "demonym"}:
                return False
            # a country name modifying a person/organisation/sector noun groups with it; two names don't
            return other.kind in {"sector", "entry", "name"} and not (
                atom.kind == "entry"
                and other.kind == "entry"
                and atom.entry is not None
                and atom.entry.kind in {"person", "organization", "group"}
            )
        return self._head_word(tok) is not None

    def _head_word(self, tok: Any) -> str | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ in {"NOUN", "PROPN"} and (lemma in self.kb.heads or tok.lower_ in self.kb.heads):
            word = lemma if lemma in self.kb.heads else tok.lower_
            if self.kb.heads[word].name_only and not (tok.text[:1].isupper() and tok.i > tok.sent.start):
                return None  # "union", "party" head an actor only as part of a name ("the Kenyan Union")
            return word
        return None

    # ---- resolution of a group ----

    def _split_coordinated(
        self, sdoc: Any, text: str, head: int, members: list[_Atom], by_token: dict[int, _Atom], ctx: _Context
    ) -> list[ActorMention]:
        """ "US and British forces": each country gets its own mention, sharing the sector of the head."""
        named = [a for a in members if a.kind in {"country", "demonym"} and a.country]
        out: list[ActorMention] = []
        if len({a.country for a in named}) > 1 and self._primary(members) is None:
            head_word = self._head_word(sdoc[head])
            sector, why = self._sector([sdoc[head].lemma_.lower()], head_lemma=head_word)
            if sector is not None:
                for a in named[:-1]:
                    t = sdoc[a.start : a.end]
                    actor = Actor(
                        text=t.text,
                        name=self._country_name(a.country),
                        country=a.country,
                        sector=sector,
                        type="group",
                    )
                    out.append(
                        ActorMention(
                            start=t.start_char,
                            end=t.end_char,
                            text=t.text,
                            actor=actor,
                            reason=f"country {a.country}, coordinated with another modifier of "
                            f"'{sdoc[head].text}'; {why}",
                            head=t.root.i,
                        )
                    )
                members = [m for m in members if m not in named[:-1]]
        mention = self._resolve_group(sdoc, text, head, members, by_token, ctx)
        if mention is not None:
            out.append(mention)
        return out

    def _resolve_group(
        self, sdoc: Any, text: str, head: int, members: list[_Atom], by_token: dict[int, _Atom], ctx: _Context
    ) -> ActorMention | None:
        start = min(a.start for a in members)
        end = max(a.end for a in members)
        head_tok = sdoc[head]
        head_word = self._head_word(head_tok)
        inside = by_token.get(head)
        if head_word and inside and inside.kind in {"country", "demonym"}:
            head_word = None  # "the Soviet Union", "the West Bank": the head noun is part of a country's name
        # extend left over determiners, numerals and adjectives of the head
        left = head_tok.left_edge.i
        while left < start and (
            sdoc[left].is_punct
            or sdoc[left].dep_ not in _LEFT_DEPS
            or sdoc[left].pos_ in {"VERB", "AUX", "ADP", "CCONJ", "PRON"}
        ):
            left += 1
        while left < start and by_token.get(left) is not None and by_token[left] not in members:
            left += 1
        if left < start and all(
            (by_token.get(j) is None or by_token[j] in members)
            and sdoc[j].dep_ in _LEFT_DEPS
            and sdoc[j].pos_ not in {"VERB", "AUX", "CCONJ"}
            and not sdoc[j].is_punct
            or sdoc[j].text in {"-", "’s", "'s"}
            for j in range(left, start)
        ):
            start = left
        if head >= end and head < len(sdoc):
            end = head + 1
        if head_word and end == head + 1:
            end = self._of_name_end(sdoc, end, by_token)
        while start < end and (sdoc[start].is_punct or sdoc[start].is_space):
            start += 1
        while end > start and (
            sdoc[end - 1].is_punct or sdoc[end - 1].is_space or sdoc[end - 1].text in {"’s", "'s"}
        ):
            end -= 1
        if start >= end:
            return None
        lemmas = [sdoc[i].lemma_.lower() for i in range(start, end) if not sdoc[i].is_punct]
        countries = [a.country for a in members if a.kind in {"country", "demonym"} and a.country]
        countries += [
            a.entry.country
            for a in members
            if a.kind == "entry" and a.entry is not None and a.entry.kind == "capital" and a.entry.country
        ]
        primary = self._primary(members)
        if primary is not None and primary.kind == "name":
            countries += [
                a.entry.country
                for a in members
                if a.kind == "entry"
                and a.entry is not None
                and a.entry.kind in {"organization", "group"}
                and a.entry.country
            ]
        reason_bits: list[str] = []

        # "Congress in Mexico", "the parliament of Iraq": a country right after the phrase
        pp = self._prep_country(sdoc, end, by_token)
        institution = (
            primary is not None
            and primary.kind == "entry"
            and primary.entry is not None
            and primary.entry.default_country is not None
        )
        needs_country = primary is None or institution
        if pp is not None and sdoc[end].lower_ == "in" and not institution:
            hs = self.kb.heads.get(head_word or "", _NO)
            if hs.sector in _MOBILE_SECTORS and (head_word or "") not in _SETTLED_HEADS:
                pp = None
        if pp is not None and needs_country and not countries:
            countries.append(pp[1])
            end = pp[0]
            reason_bits.append(f"country {pp[1]} from the following 'in/of' phrase")
        elif (
            primary is None
            and not countries
            and head_word
            and (inner := self._member_country(head_tok, by_token))
        ):
            countries.append(inner[1])  # "doctors from two American aid groups": people of those groups
            reason_bits.append(f"country {inner[1]} from '{inner[0]}', the group they belong to")

        span_text = text[sdoc[start].idx : sdoc[end - 1].idx + len(sdoc[end - 1].text)]
        span_start = sdoc[start].idx
        country = countries[0] if countries else None
        actor: Actor | None = None

        if primary is not None and primary.kind == "entry" and primary.entry is not None:
            entry = primary.entry
            if entry.kind == "capital":
                if len(members) == 1 and self._locative(sdoc[primary.start : primary.end].root):
                    return None
                first = sdoc[primary.start : primary.end]
                if len(members) == 1 and first.start <= 1 and first.text.isupper() and len(first.text) > 3:
                    return None  # "STOCKHOLM, Oct. 5 (Wire) -": the dateline names where it was written
                reason_bits.append(f"{entry.name} as the seat of {entry.country}'s government")
            if entry.kind == "person":
                actor = self._from_person(span_text, entry, ctx.when, lemmas)
                if entry not in ctx.persons:
                    ctx.persons.append(entry)
                reason_bits.append(f"known person {entry.name} ({self._role_reason(entry, ctx.when)})")
            else:
                if entry.countries and not country:
                    country = self._nearest_country(sdoc, primary, entry.countries, by_token, ctx)
                    reason_bits.append(f"country {country} of several candidates, from context")
                actor = self._from_entry(span_text, entry, ctx.when, country, "")
                reason_bits.append(f"knowledge base {entry.kind} {entry.name}")
                hs = self.kb.heads.get(head_word or "", _NO)
                if entry.sector in {"IGO", "NGO"} and hs.sector in {"MIL", "COP"} and head >= primary.end:
                    actor.sector = hs.sector
                    reason_bits.append(f"sector {hs.sector} from '{head_tok.text}'")
        elif (
            primary is not None
            and primary.kind == "name"
            and not (primary.label == "PROPN" and head_word and countries and head != primary.start)
        ):  # "the Kenyan Farmers Association": capitalised words inside an organisation's name are no person
            name_text = _strip_titles(sdoc[primary.start : primary.end].text)
            appos_country = self._appos_country(sdoc, primary, by_token)
            if appos_country is None and pp is not None and sdoc[end].lower_ in {"of", "from"}:
                appos_country = pp[1]
            evidence = country or appos_country
            person, why = self._match_person(name_text, ctx, evidence) if name_text else (None, "")
            if person is not None:
                actor = self._from_person(span_text, person, ctx.when, lemmas)
                if person not in ctx.persons:
                    ctx.persons.append(person)
                reason_bits.append(why)
            elif primary.label == "PROPN":
                return None
            else:
                described = lemmas if self._sector(lemmas)[0] else lemmas + self._appos_lemmas(sdoc, primary)
                actor, why = self._describe(
                    span_text, primary, name_text, described, country, appos_country, ctx
                )
                if actor is None:
                    return None
                reason_bits.append(why)
        else:
            # no name: a sector noun phrase, or a country / demonym on its own; words of a country's own
            # name ("the West Bank") give no sector
            named = {
                i
                for a in members
                if a.kind == "country" and a.end - a.start > 1
                for i in range(a.start, a.end)
            }
            own = [
                sdoc[i].lemma_.lower() for i in range(start, end) if not sdoc[i].is_punct and i not in named
            ]
            sector, why = self._sector(own, head_lemma=head_word)
            if sector is None:
                if not countries:
                    return None
                only = members[0]
                if only.kind == "demonym" and sdoc[only.start : only.end].root.dep_ in {"amod", "compound"}:
                    # "an Indian proposal", "German goods": the adjective alone names the country the thing
                    # belongs to; the event coder reads it as the actor behind the noun
                    span = sdoc[only.start : only.end]
                    return ActorMention(
                        start=span.start_char,
                        end=span.end_char,
                        text=span.text,
                        actor=Actor(
                            text=span.text,
                            name=self._country_name(country),
                            id=f"country:{country}",
                            country=country,
                            type="country",
                        ),
                        reason=(
                            f"regional adjective on '{span.root.head.text}': states acting through the "
                            f"{self.kb.regions.get(span.text, 'regional organisation')} (IGO)"
                            if country == "IGO"
                            else f"demonym adjective on '{span.root.head.text}': the country {country}"
                        )
                        + (f"; '{span.text}' read as a misspelt country name" if only.misspelt else ""),
                        head=span.root.i,
                    )
                actor = Actor(
                    text=span_text,
                    name=self._country_name(country),
                    id=f"country:{country}",
                    country=country,
                    type="country",
                )
                reason_bits.append(f"country name {country}")
            else:
                hw = self.kb.heads.get(head_word or "", _NO)
                if country is None and (hw.weak or head_tok.dep_ in {"compound", "amod"}):
                    return None
                actor = Actor(
                    text=span_text,
                    country=country,
                    sector=sector,
                    type="organization" if hw.name_only else "group",
                    name=self._country_name(country) if country else None,
                )
                if hw.name_only:  # "the Nigerian Union of Teachers": a name the knowledge base lacks
                    reason_bits.append(
                        f"organisation named by country and head noun '{head_tok.text}': "
                        f"country {country}; {why}"
                    )
                else:
                    said = country and any("country" in b for b in reason_bits)
                    where = (
                        "" if said else f"country {country} from modifier; " if country else "no country; "
                    )
                    reason_bits.append(where + why)
        if actor is None:
            return None
        for a in members:
            if a.misspelt and a.country == actor.country:
                reason_bits.append(f"'{sdoc[a.start].text}' read as a misspelt country name ({a.country})")
        return ActorMention(
            start=span_start,
            end=span_start + len(span_text),
            text=span_text,
            actor=actor,
            reason="; ".join(b for b in reason_bits if b),
            head=head if head < end else end - 1,
        )

    def _of_name_end(self, sdoc: Any, end: int, by_token: dict[int, _Atom]) -> int:
        """Extend "Ministry" over "of Foreign Affairs" (capitalised words that name no other actor)."""
        if end + 1 >= len(sdoc) or sdoc[end].lower_ != "of":
            return end
        j = end + 1
        while (
            j < len(sdoc)
            and (sdoc[j].text[:1].isupper() or sdoc[j].lower_ in {"and", "&"})
            and (by_token.get(j) is None or by_token[j].kind == "sector" or by_token[j].label == "PROPN")
        ):
            j += 1
        while j > end + 1 and sdoc[j - 1].lower_ in {"and", "&"}:
            j -= 1
        return j if j > end + 1 else end

    def _primary(self, members: Sequence[_Atom]) -> _Atom | None:
        rank = {"person": 0, "group": 1, "organization": 1, "institution": 2, "capital": 4, "country": 5}
        best: tuple[int, _Atom] | None = None
        for a in members:
            if a.kind == "entry" and a.entry is not None:
                r = rank.get(a.entry.kind, 3)
            elif a.kind == "name" and a.label in {"PERSON", "ORG", "GPE", "FAC", "PROPN"}:
                r = 0 if a.label == "PERSON" else 3
            else:
                continue
            if best is None or r < best[0]:
                best = (r, a)
        return best[1] if best else None

    def _describe(
        self,
        span_text: str,
        atom: _Atom,
        name: str,
        lemmas: list[str],
        country: str | None,
        appos_country: str | None,
        ctx: _Context,
    ) -> tuple[Actor | None, str]:
        """An entity the knowledge base does not know: keep what its description says."""
        sector, why = self._sector(lemmas)
        if atom.label == "PERSON" or (
            atom.label in {"GPE", "ORG"} and _looks_like_name(name.split()) and sector
        ):
            key = person_family(name, False)
            known = ctx.unknown.get(key)
            if known is not None and len(name.split()) == 1:
                return Actor(
                    text=span_text, name=known.name, country=known.country, sector=known.sector, type="person"
                ), f"same person as {known.name} earlier in the document"
            c = country or appos_country
            actor = Actor(
                text=span_text,
                name=name,
                country=c,
                sector=sector or ("GOV" if c and appos_country else None),
                type="person",
            )
            if key:
                ctx.unknown[key] = actor
            return actor, f"unknown person; country {c or '-'} from description; {why or 'no sector word'}"
        if atom.label == "ORG" and (country or sector):
            return Actor(text=span_text, name=name, country=country, sector=sector, type="organization"), (
                f"unknown organisation; country {country or '-'}; {why or 'no sector word'}"
            )
        return None, ""

    # ---- people ----

    def _match_person(self, name: str, ctx: _Context, evidence: str | None) -> tuple[Entry | None, str]:
        key = (name, evidence)
        if key in ctx.cache:
            return ctx.cache[key]
        result = self._match_person_uncached(name, ctx, evidence)
        ctx.cache[key] = result
        return result

    def _match_person_uncached(
        self, name: str, ctx: _Context, evidence: str | None
    ) -> tuple[Entry | None, str]:
        kb, when = self.kb, ctx.when
        exact = [e for e in kb.lookup(name, fold=True) if e.kind == "person"]
        if exact:
            return self._pick(exact, when), "exact name"
        toks = tokens(name)
        if not toks:
            return None, ""
        if len(toks) == 1:
            word = toks[0]
            for p in reversed(ctx.persons):
                if word == p.family or word in self._alias_families.get(p.id, ()):
                    return p, f"surname of {p.name}, named earlier in the document"
            for p in reversed(ctx.persons):
                if p.eastern:
                    continue
                score = surname_close(word, p.family)
                if score >= 60:
                    return (
                        p,
                        f"spelling variant of {p.name}, named earlier in the document ({score:.0f}/100)",
                    )
            if word in kb.common_surnames:
                return None, ""
            cands = kb.persons_by_family.get(word, [])
            if len(cands) == 1:
                return cands[0], "surname of a known person"
            active = [p for p in cands if when and any(r.active(when) for r in p.roles)]
            if len(active) == 1:
                return active[0], "surname of the only known person of that name in office"
            if len(word) < 6:
                return None, ""
            # only a family name with the same consonant frame can be close (see ``surname_close``)
            fuzzy = [
                (surname_close(word, p.family), p)
                for p in self._fuzzy_surname_pool(word)
                if when is None or any(r.active(when) for r in p.roles)
            ]
            fuzzy = [
                (s, p)
                for s, p in fuzzy
                if s >= 80 and len(word) >= 6 and Levenshtein.distance(word, p.family) <= 1
            ]
            if len({p.id for _, p in fuzzy}) == 1:
                s, p = fuzzy[0]
                return p, f"spelling variant of the surname of {p.name} (similarity {s:.0f})"
            return None, ""
        form = self._name_form(name)
        found: dict[str, tuple[Entry, str]] = {}
        pools = (ctx.persons, [p for fam in {toks[0], toks[-1]} for p in kb.persons_by_family.get(fam, [])])
        for pool in pools:
            for p in pool:
                why = self._name_agrees(form, p, evidence)
                if why:
                    found.setdefault(p.id, (p, why))
            if found:
                break
        if not found:
            # family names that are spelled differently (Choe/Choi, Ri/Lee): fuzzy surname
            for p in self._fuzzy_pool(form.toks):
                why = self._name_agrees(form, p, evidence, fuzzy_family=True)
                if why:
                    found.setdefault(p.id, (p, why))
        if len(found) == 1:
            return next(iter(found.values()))
        if found and when:
            in_office = [v for v in found.values() if any(r.active(when) for r in v[0].roles)]
            if len(in_office) == 1:
                return in_office[0]
        return None, ""

    @staticmethod
    def _name_form(name: str) -> _NameForm:
        return _NameForm(tuple(tokens(name)), person_given(name, True))

    def _fuzzy_pool(self, toks: Sequence[str]) -> list[Entry]:
        """The people a name of two or more words may name with a differently spelled family name.

        Blocked by the initial of the family name (the first or last word) and by its consonant frame:
        ``surname_close`` is 0 for family names whose frames differ, so nobody outside the pool can agree.
        """
        initials = {toks[-1][0], toks[0][0]}
        pool = self._by_frame.get((True, _frame(toks[0])), []) + self._by_frame.get(
            (False, _frame(toks[-1])), []
        )
        return [p for p in pool if p.family and p.family[0] in initials]

    def _fuzzy_surname_pool(self, word: str) -> list[Entry]:
        """The people of Western name order a lone family name may name in a different spelling."""
        return [p for p in self._western_by_frame.get(_frame(word), []) if p.family[0] == word[0]]

    def _name_agrees(
        self, mention: _NameForm, p: Entry, evidence: str | None, fuzzy_family: bool = False
    ) -> str:
        toks_m = mention.toks
        if len(toks_m) < 2:
            return ""
        for known in self._forms.get(p.id, ()):
            toks_k = known.toks
            if p.eastern:
                fam_m, fam_k = toks_m[0], toks_k[0]
                fam_ok = fam_m == fam_k or (fuzzy_family and surname_close(fam_m, fam_k) >= 85)
                if fam_ok and given_names_agree_eastern(mention.given_eastern, known.given_eastern):
                    if (
                        evidence
                        and p.country
                        and evidence != p.country
                        and not any(r.country == evidence for r in p.roles)
                    ):
                        return ""
                    return f"transliteration of {p.name} (family name and every given-name syllable agree)"
            else:
                fam_m, fam_k = toks_m[-1], toks_k[-1]
                score = surname_close(fam_m, fam_k)
                if score >= (100 if not fuzzy_family else 80) and first_names_agree(toks_m[0], toks_k[0]):
                    return f"name variant of {p.name}"
        return ""

    def _from_person(self, text: str, p: Entry, when: date | None, lemmas: Sequence[str]) -> Actor:
        country, sector, _ = p.at(when)
        if {"former", "ex"} & set(lemmas) and sector in {"GOV", "MIL", "LEG", "JUD"}:
            sector = "ELI"
        return Actor(text=text, name=p.name, id=p.id, country=country, sector=sector, type="person")

    def _role_reason(self, p: Entry, when: date | None) -> str:
        return p.at(when)[2] or "no roles"

    # ---- entries and context ----

    def _from_entry(self, text: str, entry: Entry, when: date | None, country: str | None, why: str) -> Actor:
        if entry.kind == "person":
            return self._from_person(text, entry, when, ())
        c, sector, _ = entry.at(when)
        if country and (
            entry.default_country is not None or (entry.countries and country in entry.countries)
        ):
            c = country
        if entry.kind == "country":
            return Actor(text=text, name=entry.name, id=entry.id, country=entry.country, type="country")
        actor_id = entry.id.split("#")[0]
        name = self._country_name(entry.country) if entry.kind == "capital" else entry.name
        return Actor(text=text, name=name, id=actor_id, country=c, sector=sector, type=entry.type)

    def _pick(self, entries: Sequence[Entry], when: date | None) -> Entry:
        if len(entries) == 1 or when is None:
            return entries[0]
        active = [e for e in entries if e.roles and any(r.active(when) for r in e.roles)]
        return active[0] if active else entries[0]

    def _country_name(self, iso: str | None) -> str | None:
        if not iso:
            return None
        e = self.kb.entries.get(f"country:{iso}")
        return e.name if e else iso

    def _locative(self, tok: Any) -> bool:
        """True when a capital is used as a place ("in Moscow", "visited Beijing"), not as its government."""
        head = tok.head
        if tok.dep_ == "pobj" and head.dep_ in {"prep", "agent"}:
            prep = head.lower_
            if prep in _LOCATIVE_PREPS:
                return True
            if prep in _MOTION_PREPS and head.head.lemma_.lower() in _MOTION_LEMMAS:
                return True
            if prep == "between" or prep == "with" or prep == "against":
                return False
        if tok.dep_ == "dobj" and head.lemma_.lower() in _VISIT_LEMMAS:
            return True
        if tok.dep_ == "compound" or tok.dep_ == "nmod":
            return True  # "Moscow summit", "Beijing airport"
        return tok.dep_ == "conj" and self._locative(tok.head) if tok.head is not tok else False

    def _prep_country(self, sdoc: Any, end: int, by_token: dict[int, _Atom]) -> tuple[int, str] | None:
        if end + 1 >= len(sdoc) or sdoc[end].lower_ not in {"in", "of", "from"}:
            return None
        j = end + 1
        if sdoc[j].lower_ == "the" and j + 1 < len(sdoc):
            j += 1
        atom = by_token.get(j)
        if atom is not None and atom.start == j and atom.kind in {"country", "demonym"} and atom.country:
            return atom.end, atom.country
        return None

    def _member_country(self, head: Any, by_token: dict[int, _Atom]) -> tuple[str, str] | None:
        """The country of the group people named by role belong to: "doctors from two American aid groups",
        "officials of a Kenyan union" (a demonym or country modifying the object of "of"/"from").

        Returns the group's words and the country, or ``None``.
        """
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"of", "from"}:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj" or pobj.pos_ not in {"NOUN", "PROPN"}:
                    continue
                for mod in (pobj, *pobj.children):
                    if mod is not pobj and mod.dep_ not in {"amod", "compound", "poss"}:
                        continue
                    a = by_token.get(mod.i)
                    if a is not None and a.kind in {"country", "demonym"} and a.country and mod.i < pobj.i:
                        return sdoc_words(pobj), a.country
        return None

    def _appos_country(self, sdoc: Any, atom: _Atom, by_token: dict[int, _Atom]) -> str | None:
        """Country named in an apposition: "X, the representative of Y" or "a Y diplomat, X"."""
        root = sdoc[atom.start : atom.end].root
        described = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            described.append(root.head)
        for node in described:
            tokens_ = node.subtree if node in root.children else node.lefts
            for t in tokens_:
                a = by_token.get(t.i)
                if a is not None and a is not atom and a.kind in {"country", "demonym"} and a.country:
                    return a.country
                if a is not None and a.kind == "entry" and a.entry is not None and a.entry.kind == "capital":
                    return a.entry.country
        return None

    def _appos_lemmas(self, sdoc: Any, atom: _Atom) -> list[str]:
        """Lemmas of the describing noun phrase of an apposition (for the sector of an unknown person)."""
        root = sdoc[atom.start : atom.end].root
        for c in root.children:
            if c.dep_ == "appos":
                return [t.lemma_.lower() for t in c.lefts] + [c.lemma_.lower()]
        if root.dep_ == "appos":
            return [t.lemma_.lower() for t in root.head.lefts] + [root.head.lemma_.lower()]
        return []

    def _nearest_country(
        self, sdoc: Any, atom: _Atom, candidates: Sequence[str], by_token: dict[int, _Atom], ctx: _Context
    ) -> str:
        sent = sdoc[atom.start].sent
        best: tuple[int, str] | None = None
        for i in range(sent.start, sent.end):
            a = by_token.get(i)
            if a is not None and a.kind in {"country", "demonym"} and a.country and a.country in candidates:
                d = abs(i - atom.start)
                if best is None or d < best[0]:
                    best = (d, a.country)
        if best:
            return best[1]
        counted = [(ctx.country_counts[c], -k, c) for k, c in enumerate(candidates) if ctx.country_counts[c]]
        return max(counted)[2] if counted else candidates[0]

    # ---- words ----

    def _scan_words(self, words: Sequence[str]) -> tuple[list[str], Entry | None, list[str]]:
        """Countries, the first non-country entry, and the capitalised leftover words of a phrase."""
        kb = self.kb
        countries: list[str] = []
        entry: Entry | None = None
        used = [False] * len(words)
        i = 0
        while i < len(words):
            matched = False
            for n in range(min(kb.max_alias_tokens, len(words) - i), 0, -1):
                chunk = " ".join(words[i : i + n])
                key = surface_key(chunk)
                hits = kb.exact.get(key)
                if hits:
                    e = hits[0]
                    if e.kind == "country" and e.country:
                        countries.append(e.country)
                    elif e.kind == "capital" and e.country:
                        countries.append(e.country)
                        entry = entry or e
                    elif e.kind != "person":
                        entry = entry or e
                    else:
                        continue
                    matched = True
                elif key in kb.demonyms and chunk[0].isupper():
                    countries.append(kb.demonyms[key])
                    matched = True
                if matched:
                    for j in range(i, i + n):
                        used[j] = True
                    i += n
                    break
            if not matched:
                i += 1
        leftover = [
            w
            for w, u in zip(words, used, strict=True)
            if not u and w[0].isupper() and w.lower() not in _TITLE_WORDS and _lemma(w) not in kb.heads
        ]
        return countries, entry, leftover

    def _sector(self, lemmas: Sequence[str], head_lemma: str | None = None) -> tuple[str | None, str]:
        """Sector of a noun phrase from its head noun and sector-bearing modifiers."""
        kb = self.kb
        head: tuple[str, SectorWord] | None = None
        modifier: str | None = None
        i = 0
        while i < len(lemmas):
            two = f"{lemmas[i]} {lemmas[i + 1]}" if i + 1 < len(lemmas) else ""
            if two and two in kb.heads and (not kb.heads[two].name_only or two == head_lemma):
                head = (two, kb.heads[two])
                i += 2
                continue
            if two and two in kb.modifiers and kb.modifiers[two] != "ELI":
                modifier = kb.modifiers[two]
                i += 2
                continue
            w = lemmas[i]
            if w in kb.heads and (not kb.heads[w].name_only or w == head_lemma):
                head = (w, kb.heads[w])
            if w in kb.modifiers and kb.modifiers[w] not in {"ELI", "GOV"} and i + 1 < len(lemmas):
                modifier = modifier or kb.modifiers[w]
            i += 1
        if head_lemma and head_lemma in kb.heads:
            head = (head_lemma, kb.heads[head_lemma])
        if head is None:
            if modifier:
                return modifier, f"sector {modifier} from modifier"
            return None, ""
        word, sw = head
        if modifier and modifier != sw.sector and (sw.generic or sw.sector == "GOV"):
            return modifier, f"sector {modifier} from modifier of '{word}'"
        return sw.sector, f"sector {sw.sector} from '{word}'"


# --- small helpers ---


_NO = SectorWord("")


STANCE_PREFIXES = frozenset({"anti", "pro", "non"})


def _stance_prefixed(sdoc: Any, i: int) -> bool:
    """True for a name written after "anti-", "pro-" or "non-": a stance or exclusion, not a nationality."""
    if i >= 2 and sdoc[i - 1].text == "-" and sdoc[i - 2].lower_ in STANCE_PREFIXES:
        return True
    return i >= 1 and sdoc[i - 1].lower_.rstrip("-") in STANCE_PREFIXES and sdoc[i - 1].text.endswith("-")


def sdoc_words(tok: Any) -> str:
    """The words of the noun phrase ``tok`` heads, without its prepositional phrases."""
    left = tok.left_edge.i
    return str(tok.doc[left : tok.i + 1].text)


def _lemma(word: str) -> str:
    w = word.lower().strip(".’'")
    if w.endswith("men") and len(w) > 4:
        return w[:-3] + "man"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _head_lemma(lemmas: Sequence[str]) -> str | None:
    return lemmas[-1] if lemmas else None


def _type_for(sector: str | None, name_words: Sequence[str]) -> Any:
    if name_words and _looks_like_name(name_words):
        return "person"
    return "group" if sector else "country"


def _looks_like_name(words: Iterable[str]) -> bool:
    ws = list(words)
    return bool(ws) and all(w[:1].isupper() for w in ws) and len(ws) <= 5


def _frame(word: str) -> str:
    """Consonant frame of a family name, computed as ``surname_close`` does: spellings that differ in it
    are never close, so it blocks the fuzzy comparison."""
    return skeleton(norm_key(word).replace(" ", ""))


def _strip_titles(text: str) -> str:
    words = text.replace("’s", "").replace("'s", "").split()
    while words and words[0].lower().strip(".") in _TITLE_WORDS:
        words = words[1:]
    return " ".join(words)
