"""Actor resolution's shortcuts for speed: they must never change what is matched.

Person matching compares a fuzzy family name only with the people whose family name has the same
consonant frame, and the name functions keep small caches; these tests check that nothing a full
comparison would find is left out of the blocks, and that the shortcuts give what the long way gives.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterator

import pytest

from thucydides.actors import ActorResolver, Entry, KnowledgeBase
from thucydides.actors.names import ascii_fold, norm_key, skeleton, surname_close, tokens


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def resolver(kb: KnowledgeBase) -> ActorResolver:
    return ActorResolver(kb)


def _people(kb: KnowledgeBase) -> list[Entry]:
    return [e for e in kb.entries.values() if e.kind == "person" and e.family]


def _variants(word: str, rng: random.Random) -> Iterator[str]:
    """The word, and spellings one letter away from it (dropped, inserted, replaced)."""
    yield word
    for _ in range(4):
        i = rng.randrange(1, len(word)) if len(word) > 1 else 1
        yield word[:i] + word[i + 1 :]
        yield word[:i] + rng.choice("aeiouyhlk") + word[i:]
        yield word[:i] + rng.choice("aeiouy") + word[i + 1 :]


def _misspelt_names(kb: KnowledgeBase) -> list[tuple[str, ...]]:
    """Tokens of every known name of a person, with a misspelt family name (first or last word)."""
    rng = random.Random(11)
    out: list[tuple[str, ...]] = []
    for p in _people(kb):
        for toks in kb.name_tokens[p.id]:
            if len(toks) < 2:
                continue
            at = 0 if p.eastern else len(toks) - 1
            for v in _variants(toks[at], rng):
                if v:
                    out.append((*toks[:at], v, *toks[at + 1 :]))
    return out


def _frame(word: str) -> str:
    return skeleton(norm_key(word).replace(" ", ""))


def test_surname_close_is_zero_between_family_names_of_different_consonant_frames(kb: KnowledgeBase) -> None:
    rng = random.Random(5)
    families = sorted({p.family for p in _people(kb)})
    words = sorted({v for f in families for v in _variants(f, rng) if v})
    by_initial: dict[str, list[str]] = {}
    for w in words:
        by_initial.setdefault(w[0], []).append(w)
    close = 0
    for group in by_initial.values():
        for a in group:
            for b in group:
                if surname_close(a, b) > 0:
                    close += 1
                    assert _frame(a) == _frame(b), (a, b)
    assert close > len(words)  # spelling variants were compared, not only each word with itself


def test_fuzzy_pool_holds_everyone_a_full_search_would_match(
    kb: KnowledgeBase, resolver: ActorResolver
) -> None:
    people = _people(kb)
    checked = 0
    for toks in _misspelt_names(kb):
        name = " ".join(toks)
        form = resolver._name_form(name)
        initials = {toks[0][0], toks[-1][0]}
        agree = {
            p.id
            for p in people
            if p.family[0] in initials and resolver._name_agrees(form, p, None, fuzzy_family=True)
        }
        pool = {p.id for p in resolver._fuzzy_pool(form.toks)}
        assert agree <= pool, name
        checked += bool(agree)
    assert checked > len(people)  # most misspellings still agree with the person they came from


def test_fuzzy_surname_pool_holds_every_close_family_name(kb: KnowledgeBase, resolver: ActorResolver) -> None:
    rng = random.Random(3)
    western = [p for p in _people(kb) if not p.eastern]
    for word in sorted({v for p in western for v in _variants(p.family, rng) if len(v) >= 6}):
        close = {p.id for p in western if p.family[0] == word[0] and surname_close(word, p.family) > 0}
        assert close <= {p.id for p in resolver._fuzzy_surname_pool(word)}, word


@pytest.mark.parametrize(
    "text",
    ["Kim Jong-un", "the U.S. State Department", "Recep Tayyip Erdoğan", "Ñandú", "ÉCOLE", "Øresund", ""],
)
def test_ascii_fold_shortcut_for_ascii_text_agrees_with_decomposition(text: str) -> None:
    decomposed = unicodedata.normalize("NFKD", text)
    expected = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    assert ascii_fold(text) == expected


def test_cached_name_keys_do_not_leak_between_calls() -> None:
    first = tokens("Kim Jong-un")
    first.append("changed")  # the list handed out is the caller's own
    assert tokens("Kim Jong-un") == ["kim", "jong", "un"]
