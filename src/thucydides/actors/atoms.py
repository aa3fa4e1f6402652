"""Candidate mention finding: the atoms of a document (knowledge-base names, entities, sector nouns)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import Levenshtein

from thucydides.actors.clues import _TITLE_WORDS, ClueReader, _Atom
from thucydides.actors.kb import Entry, surface_key
from thucydides.actors.names import norm_key
from thucydides.events.words import event_words

_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
FUZZY_COUNTRY_MIN = 6


@dataclass(slots=True)
class _Misspelt:
    """A misspelt country name or demonym and what it stands for."""

    kind: str  # country | demonym
    country: str
    entry: Entry | None

    def at(self, i: int, label: str) -> _Atom:
        return _Atom(i, i + 1, self.kind, entry=self.entry, country=self.country, label=label, misspelt=True)


class AtomFinder(ClueReader):
    """Mixin of the actor resolver: finds the atoms (candidate mention parts) of a document."""

    _first_words: set[str]
    _country_words: dict[str, list[tuple[str, str, str]]]

    # ---- atoms ----

    def _atoms(self, sdoc: Any, limit: int, text: str, toks: list[Any]) -> list[_Atom]:
        """The atoms of the first ``limit`` tokens.

        ``text`` is the text as written and ``toks`` the tokens of ``sdoc``, made once by the caller
        (indexing the Doc builds a new token object each time). Names are looked up in the text the parser
        read, the same length: a case-restored copy where the text was lower-cased copy ("bjp" read as
        "BJP", as the knowledge base writes it; see :mod:`thucydides.truecase`), else ``text`` itself.
        """
        kb = self.kb
        parsed = sdoc.text
        text = parsed if len(parsed) == len(text) else text
        words = [t.text for t in toks]  # and each attribute read builds its string again
        atoms: list[_Atom] = []
        taken = [False] * limit
        max_n = min(kb.max_alias_tokens, 8)
        all_ents = sdoc.ents
        dashes = event_words().dateline_dashes
        ents = {e.start: e for e in all_ents if e.label_ in _NAME_LABELS and e.end <= limit}
        first_words = self._first_words
        i = 0
        while i < limit:
            tok = toks[i]
            word = words[i]
            if (
                word in kb.regions
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
            if word in first_words or (word and word[0].isupper()) or i in ents:
                found = None
                for n in range(1, min(max_n, limit - i) + 1):
                    last = toks[i + n - 1]
                    if n > 1 and (last.is_space or tok.is_space):
                        break
                    key = surface_key(text[tok.idx : last.idx + len(words[i + n - 1])])
                    if key not in kb.prefixes:
                        break
                    if last.is_punct and n > 1:
                        continue
                    if key in kb.exact:
                        found = _Atom(i, i + n, "entry", entry=self._pick(kb.exact[key], None))
                    elif key in kb.demonyms and (n > 1 or word[0].isupper()):
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
        for ent in all_ents:
            if (
                ent.label_ not in _NAME_LABELS
                or ent.end > limit
                or any(taken[j] for j in range(ent.start, ent.end))
            ):
                continue
            start = ent.start + (1 if toks[ent.start].lower_ == "the" else 0)
            # "KANO - Police" tagged as one name: a dateline's town in capitals and its dash open the
            # sentence, the name begins after them
            dash = next((j for j in range(start, ent.end) if words[j] in dashes), None)
            if dash is not None and all(toks[j].is_upper or toks[j].is_punct for j in range(start, dash)):
                for j in range(start, dash + 1):
                    taken[j] = True  # no word of the dateline names anyone
                start = dash + 1
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
        poses = [t.pos_ for t in toks[:limit]]
        i = 0
        while i < limit:  # capitalised proper nouns the tagger left unlabelled: maybe a known person
            j = i
            while (
                j < limit
                and not taken[j]
                and poses[j] == "PROPN"
                and toks[j].ent_type_ not in NOT_NAME_ENTITIES  # "from 1 May": a date, not Theresa May
                and words[j][:1].isupper()
                and toks[j].lemma_.lower() not in self.kb.heads
                and toks[j].lower_ not in _TITLE_WORDS
            ):
                j += 1
            misspelt = self._misspelt_country(words[i]) if j == i + 1 else None
            if misspelt is not None:
                atoms.append(misspelt.at(i, "PROPN"))
                taken[i] = True
            elif j > i:
                atoms.append(_Atom(i, j, "name", label="PROPN"))
                for k in range(i, j):
                    taken[k] = True
            i = max(j, i + 1)
        for i, upos in enumerate(poses):
            if taken[i] or upos not in {"NOUN", "PROPN"}:
                continue
            if self._head_word(toks[i]) is not None:
                atoms.append(_Atom(i, i + 1, "sector"))
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


# entity labels of words that are never an actor's name, whatever their capital letter
NOT_NAME_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
STANCE_PREFIXES = frozenset({"anti", "pro", "non"})


def _stance_prefixed(sdoc: Any, i: int) -> bool:
    """True for a name written after "anti-", "pro-" or "non-": a stance or exclusion, not a nationality."""
    if i >= 2 and sdoc[i - 1].text == "-" and sdoc[i - 2].lower_ in STANCE_PREFIXES:
        return True
    return i >= 1 and sdoc[i - 1].lower_.rstrip("-") in STANCE_PREFIXES and sdoc[i - 1].text.endswith("-")
