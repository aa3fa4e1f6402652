"""Case restoration before the parse: lower-cased wire copy, Title Case headlines and ALL CAPS lines.

The parser and the name finders lean on capitals: "IRAN SEIZES BRITISH TANKER" or "the police arrested
ten supporters of imran khan in lahore" parse badly and name nobody. :class:`CaseRestorer` writes such
text back in ordinary case before the parse, with the same length (character offsets do not move; the
events' evidence is still cut from the text as written):

- a document with (almost) no capital letters is lower-cased copy: every line is restored;
- otherwise a line is restored when it is ALL CAPS (no lower-case letter, at least two words) or Title
  Case (at least four words begin with a capital and every other word is a small word such as "of");
- restoring a line lower-cases it, then writes the names the knowledge base knows (countries, capitals,
  demonyms, organisations, people, their aliases: the longest run of words that is a name) as the
  knowledge base writes them, and capitalises the first word of each sentence.

Lines in ordinary case are left alone, so ordinary news costs one scan for capitals per line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from thucydides.datafile import load_yaml

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_LOWER_START = re.compile(r"(?<![\w'’.-])[^\W\d_A-Z]")  # a word beginning with a lower-case letter
_UPPER_START = re.compile(r"(?<![\w'’.-])[A-Z]")
# two words in lower case in a row, neither a small word of a headline ("led the", "were killed")
_LOWER_PROSE = re.compile(r"(?<![\w'’.-])[a-z]{4,}[,;:]?\s+[a-z]{4,}\b")
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"”’)]*\s+|\n)\W*?([^\W\d_])")
_CASED = re.compile(r"[A-Za-z]")
_LOWER_LETTER = re.compile(r"[a-z]")
_NOT_CASED = re.compile(r"[^A-Za-z]+")
_NOT_CAPITAL = re.compile(r"[^A-Z]+")
LOWER_DOC_SAMPLE = 20_000
_TRAIL = "'’.-"
MIN_WORDS_CAPS = 2
MIN_WORDS_TITLE = 4
LOWER_DOC_SHARE = 0.01  # at most this share of capital letters: the document is lower-cased copy
MAX_NAME_WORDS = 5
SETTINGS_FILE = "truecase.yaml"


@cache
def _settings() -> dict[str, Any]:
    text = (resources.files("thucydides") / "data" / SETTINGS_FILE).read_text(encoding="utf-8")
    return dict(load_yaml(text) or {})


@cache
def keep_lower() -> frozenset[str]:
    """Words of one word that never take a known name's capitals (``data/truecase.yaml``)."""
    return frozenset(str(w) for w in _settings().get("keep_lower") or ())


@cache
def title_small() -> frozenset[str]:
    """Small words a Title Case headline writes in lower case besides ``keep_lower`` ("near", "amid")."""
    return frozenset(str(w) for w in _settings().get("title_small") or ())


@cache
def caps_names() -> dict[str, str]:
    """Words of ``keep_lower`` an ALL CAPS line means as a name, and how the name is written ("us": "US")."""
    return {str(w).lower(): str(w) for w in _settings().get("caps_names") or ()}


@dataclass(slots=True)
class CaseRestorer:
    """Writes lower-cased, Title Case and ALL CAPS text back in ordinary case (see the module docstring).

    Args:
        names: the names to write as given ("Iran", "New Delhi", "NATO", "Imran Khan"), any number of words.
    """

    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    longest: int = 1
    # where the names come from, until the table is first needed (None: ``phrases`` is built)
    pending: Callable[[], Iterable[str]] | None = None

    @classmethod
    def from_names(cls, names: Iterable[str]) -> CaseRestorer:
        """A restorer that writes each of ``names`` as given (names of one word that are also plain words,
        such as "US" or "Central", are left out: ``keep_lower`` in ``data/truecase.yaml``)."""
        out = cls()
        out._add(names)
        return out

    @classmethod
    def lazy(cls, names: Callable[[], Iterable[str]]) -> CaseRestorer:
        """A restorer like :meth:`from_names` whose table of names is built on the first line it restores
        (most news has none): ``names`` is called then, once."""
        return cls(pending=names)

    def _add(self, names: Iterable[str]) -> None:
        out = self
        plain = keep_lower()
        for name in _with_ascii_forms(names):
            words = tuple(w.lower() for w in _WORD.findall(name))
            if not words or len(words) > MAX_NAME_WORDS or "".join(_WORD.findall(name)) == "":
                continue
            if len(words) == 1 and (words[0] in plain or len(words[0]) < 2):
                continue
            if not any(c.isupper() for c in name):
                continue
            cased = " ".join(_WORD.findall(name))
            if len(cased) != len(" ".join(words)):
                continue
            out.phrases.setdefault(words, cased)
            out.longest = max(out.longest, len(words))

    @classmethod
    def from_sources(cls, kb: Any, gazetteer: Any = None) -> CaseRestorer:
        """A restorer for the names and aliases of every entry of an actor knowledge base, and the
        well-known places of a gazetteer (towns of at least ``min_population`` in ``data/truecase.yaml``).

        The table is built when the first odd-case line comes (:meth:`lazy`): ordinary news never pays
        for it."""

        known = [n for e in kb.entries.values() for n in (e.name, *e.aliases)]

        def names() -> list[str]:
            found = list(known)
            if gazetteer is not None:
                found += gazetteer.well_known_names(int(_settings().get("min_population", 300_000)))
            return found

        return cls.lazy(names)

    def _table(self) -> None:
        """Build the table of names from :attr:`pending`, once (whole before it is used: a restorer shared
        by threads builds it at worst twice, never half)."""
        pending = self.pending
        if pending is not None:
            built = CaseRestorer.from_names(pending())
            self.phrases, self.longest = built.phrases, built.longest
            self.pending = None

    def restore(self, text: str) -> str | None:
        """``text`` with its odd-case lines in ordinary case, the same length; None when none is odd."""
        sample = text[:LOWER_DOC_SAMPLE]  # lower-cased copy is lower case from its first line
        letters = len(_NOT_CASED.sub("", sample))
        lower_doc = letters > 0 and len(_NOT_CAPITAL.sub("", sample)) <= LOWER_DOC_SHARE * letters
        pieces: list[str] = []
        done = 0
        for start, line in _lines(text):
            kind = _odd_kind(line) or ("lower" if lower_doc else None)
            if kind is None:
                continue
            fixed = self._line(line, kind)
            if fixed != line:
                pieces += [text[done:start], fixed]
                done = start + len(line)
        if not pieces:
            return None
        pieces.append(text[done:])
        return "".join(pieces)

    def _line(self, line: str, kind: str = "lower") -> str:
        """``line`` restored; ``kind``: how it was written ("caps", "title" or "lower")."""
        self._table()
        chars = [c.lower() if len(c.lower()) == 1 else c for c in line]
        words = list(_WORD.finditer(line))
        if kind != "lower":
            self._acronyms(line, words, chars, kind)
        i = 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                key = tuple(m.group(0).lower().rstrip(_TRAIL) for m in words[i : i + n])
                key = tuple(k.removesuffix("'s").removesuffix("’s") for k in key[:-1]) + key[-1:]
                cased = self.phrases.get(key)
                if cased is None and key[-1].endswith(("'s", "’s")):  # "Sri Lanka's", "Iran's"
                    cased = self.phrases.get(key[:-1] + (key[-1][:-2],))
                if cased is None:
                    continue
                for m, form in zip(words[i : i + n], cased.split(" "), strict=True):
                    for k, ch in enumerate(form):
                        if m.start() + k < len(chars) and chars[m.start() + k].lower() == ch.lower():
                            chars[m.start() + k] = ch
                i += n - 1
                break
            i += 1
        for m in _SENTENCE_START.finditer(line):
            k = m.start(1)
            if len(chars[k].upper()) == 1:
                chars[k] = chars[k].upper()
        return "".join(chars)

    @staticmethod
    def _acronyms(line: str, words: list[re.Match[str]], chars: list[str], kind: str) -> None:
        """Keep the capitals of acronyms: in a Title Case line every word written in capitals ("US", "IMF",
        "ECOWAS"; a word of one letter is no acronym), in an ALL CAPS line the plain words that are also
        names and are read as the name there (``caps_names`` in ``data/truecase.yaml``: "US")."""
        caps = caps_names()
        for m in words:
            word = m.group(0).rstrip(_TRAIL)
            keep = (len(word) > 1 and word.isupper()) if kind == "title" else word.lower() in caps
            if keep:
                form = caps.get(word.lower(), word) if kind == "caps" else word
                for k, ch in enumerate(form):
                    chars[m.start() + k] = ch


def _with_ascii_forms(names: Iterable[str]) -> Iterator[str]:
    """Each name, then its form without accents where it has one of the same length ("Erdoğan", "Erdogan")."""
    for name in names:
        yield name
        if not name.isascii():
            folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
            if len(folded) == len(name) and folded != name:
                yield folded


def _lines(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def _odd_kind(line: str) -> str | None:
    """How a line is odd: "caps" (ALL CAPS), "title" (Title Case), or None (see the module docstring)."""
    if _LOWER_PROSE.search(line) or not _CASED.search(line):
        return None  # two words in a row in lower case: ordinary prose, not ALL CAPS nor Title Case
    if not _LOWER_LETTER.search(line):
        return "caps" if len(_WORD.findall(line)) >= MIN_WORDS_CAPS else None
    if len(_UPPER_START.findall(line)) < MIN_WORDS_TITLE:
        return None
    plain = keep_lower() | title_small()  # in Title Case only the small words stay in lower case
    return "title" if all(_word_at(line, m.start()) in plain for m in _LOWER_START.finditer(line)) else None


def _word_at(line: str, start: int) -> str:
    m = _WORD.match(line, start)
    return m.group(0).lower() if m else ""
