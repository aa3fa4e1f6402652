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
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from thucydides.actors.atoms import FUZZY_COUNTRY_MIN, AtomFinder
from thucydides.actors.clues import _Atom, _Context, _lemma
from thucydides.actors.groups import _NO, GroupResolver, _looks_like_name
from thucydides.actors.kb import Entry, KnowledgeBase, person_family, person_given
from thucydides.actors.persons import _frame, _NameForm
from thucydides.record import Actor, ActorMention, Document

_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_WORD = re.compile(r"[^\W_][\w.'’\-]*")


class ActorResolver(AtomFinder, GroupResolver):
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
        ctx = _Context(when=when, tokens=list(sdoc))
        atoms = self._atoms(sdoc, limit, text, ctx.tokens)
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
                trimmed = _affiliation(kept[-1], m, text)
                if trimmed is None:
                    continue
                fresh = self.resolve_text(trimmed.text, when)  # the title no longer counts for its sector
                if fresh is not None and fresh.country == trimmed.actor.country:
                    trimmed.actor = replace(fresh, text=trimmed.text)
                kept[-1] = trimmed
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


def _head_lemma(lemmas: Sequence[str]) -> str | None:
    return lemmas[-1] if lemmas else None


def _type_for(sector: str | None, name_words: Sequence[str]) -> Any:
    if name_words and _looks_like_name(name_words):
        return "person"
    return "group" if sector else "country"


def _affiliation(first: ActorMention, person: ActorMention, text: str) -> ActorMention | None:
    """An organisation or country phrase cut back to end where an overlapping person's phrase begins.

    "UN Secretary-General Kofi Annan": the parse may hang the title on both the organisation and the
    person; the person keeps the title, the organisation keeps its own name. ``None`` where the later
    mention is not a person extending past the first.
    """
    if (
        person.actor.type != "person"
        or first.actor.type not in ("organization", "country")
        or not first.start < person.start
        or person.end <= first.end
    ):
        return None
    cut = text[first.start : person.start].rstrip(" -\u2010\u2013")
    if not cut:
        return None
    actor = replace(first.actor, text=cut)
    return ActorMention(first.start, first.start + len(cut), cut, actor, first.reason, None)
