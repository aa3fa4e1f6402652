"""Name normalisation and person-name matching across spellings and transliterations.

Three layers, cheapest first:

* :func:`norm_key` folds case, accents, dots and hyphens so "Kim Jong-un" and "kim jong un" meet;
* :func:`skeleton` reduces a surname to its consonant frame ("Khalilzad", "Khalilzed" -> ``klzd``);
* :func:`syllable_keys` maps one romanised East Asian syllable to a phonetic key, both as Korean
  romanisation (McCune-Reischauer / Revised / ad-hoc variants meet: "myong", "myung", "miyong") and as
  its Chinese-mediated reading, where Korean entering-tone finals (-l, -k, -p, -t) are lost and a velar
  before *i* palatalises ("gil" and "ji" meet). A syllable matches when either key agrees.

Matching a person never merges two different family names, and demands every given-name syllable to
agree, so "Kim Jong Un", "Kim Jong Nam" and "Kim Yo Jong", or "Moon Jae-in" and "Moon Chung-in", stay apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

_APOS = re.compile(r"[’'`ʼ]")
_SEP = re.compile(r"[\s\-‐‑–—_/]+")
_NONWORD = re.compile(r"[^a-z0-9 ]+")

_VOWELS = "aeiouy"

# The functions below are pure and called again and again with the same few thousand names and words,
# so the costlier ones keep a bounded cache of their results.
_CACHE = 1 << 14


def ascii_fold(text: str) -> str:
    """Strip accents and fold to lower-case ASCII where possible."""
    if text.isascii():  # nothing to decompose: NFKD leaves ASCII as it is
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=_CACHE)
def norm_key(text: str) -> str:
    """Case-, accent-, punctuation- and hyphen-insensitive key of a name or phrase.

    >>> norm_key("Kim Jong-un")
    'kim jong un'
    >>> norm_key("the U.S. State Department")
    'us state department'
    """
    s = ascii_fold(text)
    s = _APOS.sub("", s).replace(".", "")
    s = _SEP.sub(" ", s)
    s = _NONWORD.sub(" ", s)
    words = s.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def tokens(text: str) -> list[str]:
    """Normalised tokens of a name."""
    return norm_key(text).split()


@lru_cache(maxsize=_CACHE)
def skeleton(word: str) -> str:
    """Consonant frame of a Latin-script word: first letter, then consonants without repeats or *h*.

    >>> skeleton("Khalilzad"), skeleton("Khallilzed")
    ('klzd', 'klzd')
    """
    w = norm_key(word).replace(" ", "").replace("ph", "f").replace("v", "f").replace("w", "f")
    if not w:
        return ""
    out = [w[0]]
    for c in w[1:]:
        if c in _VOWELS or c == "h":
            continue
        if out[-1] != c:
            out.append(c)
    return "".join(out)


# --- East Asian syllables ---

_INITIALS: Sequence[tuple[str, str]] = (
    ("tch", "J"),
    ("kk", "K"),
    ("gh", "K"),
    ("tt", "T"),
    ("pp", "P"),
    ("jj", "J"),
    ("ch", "J"),
    ("ts", "J"),
    ("zh", "J"),
    ("sh", "S"),
    ("ss", "S"),
    ("k", "K"),
    ("g", "K"),
    ("c", "K"),
    ("q", "J"),
    ("t", "T"),
    ("d", "T"),
    ("p", "P"),
    ("b", "P"),
    ("f", "P"),
    ("j", "J"),
    ("z", "J"),
    ("s", "S"),
    ("x", "S"),
    ("h", "H"),
    ("m", "M"),
    ("n", "N"),
    ("r", "R"),
    ("l", "R"),
)
_FINALS: Sequence[tuple[str, str]] = (
    ("ng", "NG"),
    ("n", "N"),
    ("m", "M"),
    ("l", "L"),
    ("r", "L"),
    ("k", "K"),
    ("g", "K"),
    ("c", "K"),
    ("p", "P"),
    ("b", "P"),
    ("t", "T"),
    ("d", "T"),
    ("s", "T"),
)


def _vowel_class(nucleus: str) -> str:
    # glides (y, w, and an i or u before another vowel) are dropped; eo/o/u/eu/oo/ou all meet in O.
    n = nucleus
    while len(n) > 1 and n[0] in "ywiu" and n[1] in "aeiouy":
        n = n[1:]
    n = n.lstrip("yw") or nucleus
    if n.startswith(("ee", "i", "y")):
        return "I"
    if n.startswith(("ae", "oe", "e")) and not n.startswith(("eo", "eu")):
        return "E"
    if n.startswith("a"):
        return "A"
    return "O"


@lru_cache(maxsize=_CACHE)
def syllable_keys(syllable: str) -> tuple[str, str]:
    """Korean-romanisation key and Chinese-reading key of one romanised syllable.

    >>> syllable_keys("myong") == syllable_keys("myung")
    True
    >>> syllable_keys("gil")[1] == syllable_keys("ji")[1]
    True
    """
    s = norm_key(syllable).replace(" ", "")
    initial = ""
    rest = s
    for spelling, cls in _INITIALS:
        if s.startswith(spelling):
            initial, rest = cls, s[len(spelling) :]
            break
    i = 0
    while i < len(rest) and rest[i] in _VOWELS:
        i += 1
    nucleus, coda = rest[:i], rest[i:]
    vowel = _vowel_class(nucleus) if nucleus else ""
    final = ""
    for spelling, cls in _FINALS:
        if coda.startswith(spelling):
            final = cls
            break
    korean = f"{initial}{vowel}{final}"
    sin_initial = "J" if initial == "K" and vowel == "I" else initial
    sin_final = "" if final in {"L", "K", "P", "T"} else final
    return korean, f"{sin_initial}{vowel}{sin_final}"


def syllables_agree(a: str, b: str) -> bool:
    """True when two romanised syllables can be the same sound in either reading."""
    if a == b:
        return True
    ka, sa = syllable_keys(a)
    kb, sb = syllable_keys(b)
    return ka == kb or sa == sb


def given_names_agree_eastern(mention: Sequence[str], known: Sequence[str]) -> bool:
    """East Asian given names agree when they have as many syllables and every syllable agrees.

    The first syllable must agree in its Korean key (the stronger one); later syllables may agree in
    either reading.
    """
    if not mention or len(mention) != len(known):
        if not mention or not known:
            return False
        joined_m, joined_k = "".join(mention), "".join(known)
        return joined_m == joined_k
    if syllable_keys(mention[0])[0] != syllable_keys(known[0])[0]:
        return False
    return all(syllables_agree(a, b) for a, b in zip(mention[1:], known[1:], strict=True))


@lru_cache(maxsize=_CACHE)
def vowel_frame(word: str) -> str:
    """Consonants kept in order, every run of vowels written as one ``a`` and a silent *h* dropped.

    >>> vowel_frame("Khalilzad"), vowel_frame("Khaleelzed")
    ('kalalzad', 'kalalzad')
    """
    w = norm_key(word).replace(" ", "").replace("ph", "f").replace("v", "f")
    out: list[str] = []
    for i, c in enumerate(w):
        if c in _VOWELS:
            if not out or out[-1] != "a":
                out.append("a")
        elif c == "h" and i > 0 and w[i - 1] not in _VOWELS:
            continue
        elif not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def surname_close(a: str, b: str) -> float:
    """Similarity (0-100) of two Latin-script surnames; 0 unless their consonant frames agree.

    Spellings of one surname share a consonant frame and either the same consonant-vowel pattern or
    differ by at most two edits ("Khalilzad", "Khalilzed", "Kalilzad"); different surnames rarely do.
    """
    na, nb = norm_key(a).replace(" ", ""), norm_key(b).replace(" ", "")
    if na == nb:
        return 100.0
    if len(na) < 4 or len(nb) < 4 or na[0] != nb[0]:
        return 0.0
    if skeleton(na) != skeleton(nb):
        return 0.0
    if Levenshtein.distance(na, nb) > 2 and vowel_frame(na) != vowel_frame(nb):
        return 0.0
    return max(float(ratio(na, nb)), 85.0 if vowel_frame(na) == vowel_frame(nb) else 0.0)


def first_names_agree(a: str, b: str) -> bool:
    """Western given names agree on equality, an initial, or a close spelling ("Steven"/"Stephen")."""
    na, nb = norm_key(a), norm_key(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    if len(na) == 1 or len(nb) == 1:
        return na[0] == nb[0]
    return na[0] == nb[0] and (skeleton(na) == skeleton(nb) or ratio(na, nb) >= 80)
