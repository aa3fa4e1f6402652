"""Clues around a mention: countries named nearby (prepositions, appositions, members), sectors from words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from thucydides.actors.kb import Entry, KnowledgeBase, SectorWord, surface_key
from thucydides.events.words import event_words
from thucydides.record import Actor

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


_INDEFINITE = frozenset({"a", "an", "another", "some", "any", "every", "no"})


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
class _Context:
    when: date | None
    persons: list[Entry] = field(default_factory=list)
    unknown: dict[str, Actor] = field(default_factory=dict)
    cache: dict[tuple[str, str | None], tuple[Entry | None, str]] = field(default_factory=dict)
    country_counts: Counter[str] = field(default_factory=Counter)
    tokens: list[Any] = field(default_factory=list)  # the document's tokens, made once (see mentions)


class ClueReader:
    """Mixin of the actor resolver: reads country and sector clues and builds actors from entries."""

    kb: KnowledgeBase

    def _head_word(self, tok: Any) -> str | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and tok.i > 0 and (before := tok.doc[tok.i - 1]).dep_ in ("compound", "amod"):
            two = f"{before.lemma_.lower()} {lemma}"  # "security forces", "riot police", "military base"
            if two in self.kb.heads and not self.kb.heads[two].name_only:
                return two
        if tok.pos_ in {"NOUN", "PROPN"} and (lemma in self.kb.heads or tok.lower_ in self.kb.heads):
            word = lemma if lemma in self.kb.heads else tok.lower_
            if (
                self.kb.heads[word].name_only
                and not (tok.text[:1].isupper() and tok.i > tok.sent.start)
                and not self._role_body(tok, word)
            ):
                return None  # "union", "party" head an actor only as part of a name ("the Kenyan Union")
            return word
        return None

    def _role_body(self, tok: Any, word: str) -> bool:
        """A body named by its role: an organisation noun of ``kb.bodies`` with a modifier saying which one
        ("the election commission", "the ruling party", "the teachers' union"); a bare, vaguely qualified
        or indefinite one ("the party", "the same board", "a surprise party") is none."""
        if word not in self.kb.bodies:
            return False
        if any(c.dep_ == "det" and c.lower_ in _INDEFINITE for c in tok.children):
            return False  # "a surprise party", "a students' union": some body, not the one named by its role
        return any(
            c.i < tok.i
            and c.dep_ in {"amod", "compound", "poss", "nmod"}
            and c.pos_ in {"NOUN", "PROPN", "ADJ", "VERB"}
            and c.lemma_.lower() not in self.kb.vague_modifiers
            for c in tok.children
        )

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
        name: str | None = entry.name
        if entry.kind == "capital":  # the seat of a government that did not exist yet: the older state's
            c, _ = self.kb.successions.country_on(c, when)
            name = self._country_name(c)
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

    def _place_slot(self, tok: Any) -> bool:
        """True for a word where a place stands: after a locative preposition (:meth:`_locative`), after
        a place noun and "of" ("the town of X"), or as what an attack on a place took ("shelled X")."""
        if self._locative(tok):
            return True
        head = tok.head
        words = event_words()
        if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in words.place_nouns:
            return True
        return tok.dep_ == "dobj" and head.lemma_.lower() in words.place_object_verbs

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
            if prep == "of" and head.head.pos_ == "PROPN" and head.head.text[:1].isupper():
                return True  # "the United Bus Company of Tehran", "the University of Tehran": part of a name
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
