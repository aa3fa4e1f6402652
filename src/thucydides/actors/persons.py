"""Person-name matching: exact, in-document short and variant forms, blocked fuzzy comparison."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from thucydides.actors.clues import ClueReader, _Context
from thucydides.actors.kb import Entry, person_given
from thucydides.actors.names import (
    first_names_agree,
    given_names_agree_eastern,
    norm_key,
    skeleton,
    surname_close,
    tokens,
)


@dataclass(frozen=True, slots=True)
class _NameForm:
    """One spelling of a person's name, normalised once: its tokens and its East Asian given names."""

    toks: tuple[str, ...]
    given_eastern: tuple[str, ...]


class PersonMatcher(ClueReader):
    """Mixin of the actor resolver: matches person names against the knowledge base."""

    _forms: dict[str, tuple[_NameForm, ...]]
    _alias_families: dict[str, frozenset[str]]
    _by_frame: dict[tuple[bool, str], list[Entry]]
    _western_by_frame: dict[str, list[Entry]]

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


def _frame(word: str) -> str:
    """Consonant frame of a family name, computed as ``surname_close`` does: spellings that differ in it
    are never close, so it blocks the fuzzy comparison."""
    return skeleton(norm_key(word).replace(" ", ""))
