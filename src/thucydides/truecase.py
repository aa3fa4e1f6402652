"""Case restoration before the parse: lower-cased wire copy, Title Case headlines and ALL CAPS lines.

The parser and the name finders lean on capitals: "IRAN SEIZES BRITISH TANKER" or "the police arrested
ten supporters of imran khan in lahore" parse badly and name nobody. :class:`CaseRestorer` writes such
text back in ordinary case before the parse, with the same length (character offsets do not move; the
events' evidence is still cut from the text as written):

- a document with (almost) no capital letters is lower-cased copy: every line is restored;
- otherwise a line is restored when it is ALL CAPS (no lower-case letter, at least two words) or Title
  Case (most of its words, function words aside, begin with a capital);
- restoring a line lower-cases it, then writes the names the knowledge base knows (countries, capitals,
  demonyms, organisations, people, their aliases: the longest run of words that is a name) as the
  knowledge base writes them, and capitalises the first word of each sentence.

Lines in ordinary case are left alone, so ordinary news costs one scan for capitals per line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from thucydides.datafile import load_yaml

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_LOWER_START = re.compile(r"(?<![\w'’.-])[^\W\d_A-Z]")  # a word beginning with a lower-case letter
_UPPER_START = re.compile(r"(?<![\w'’.-])[A-Z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"”’)]*\s+|\n)\W*?([^\W\d_])")
_CASED = re.compile(r"[A-Za-z]")
_CAPITAL = re.compile(r"[A-Z]")
_TRAIL = "'’.-"
MIN_WORDS_CAPS = 2
MIN_WORDS_TITLE = 4
TITLE_SHARE = 0.8  # share of a line's content words that begin with a capital for it to be Title Case
LOWER_DOC_SHARE = 0.01  # at most this share of capital letters: the document is lower-cased copy
MAX_NAME_WORDS = 5
SETTINGS_FILE = "truecase.yaml"


@cache
def _settings() -> dict[str, Any]:
    text = (resources.files("thucydides") / "data" / SETTINGS_FILE).read_text(encoding="utf-8")
    return dict(load_yaml(text) or {})


def keep_lower() -> frozenset[str]:
    """Words of one word that never take a known name's capitals (``data/truecase.yaml``)."""
    return frozenset(str(w) for w in _settings().get("keep_lower") or ())


@dataclass(slots=True)
class CaseRestorer:
    """Writes lower-cased, Title Case and ALL CAPS text back in ordinary case (see the module docstring).

    Args:
        names: the names to write as given ("Iran", "New Delhi", "NATO", "Imran Khan"), any number of words.
    """

    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    longest: int = 1

    @classmethod
    def from_names(cls, names: Iterable[str]) -> CaseRestorer:
        """A restorer that writes each of ``names`` as given (names of one word that are also plain words,
        such as "US" or "Central", are left out: ``keep_lower`` in ``data/truecase.yaml``)."""
        out = cls()
        plain = keep_lower()
        for name in names:
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
        return out

    @classmethod
    def from_sources(cls, kb: Any, gazetteer: Any = None) -> CaseRestorer:
        """A restorer for the names and aliases of every entry of an actor knowledge base, and the
        well-known places of a gazetteer (towns of at least ``min_population`` in ``data/truecase.yaml``)."""
        names = [n for e in kb.entries.values() for n in (e.name, *e.aliases)]
        if gazetteer is not None:
            names += gazetteer.well_known_names(int(_settings().get("min_population", 300_000)))
        return cls.from_names(names)

    def restore(self, text: str) -> str | None:
        """``text`` with its odd-case lines in ordinary case, the same length; None when none is odd."""
        capitals = len(_CAPITAL.findall(text))
        lower_doc = (
            capitals <= LOWER_DOC_SHARE * len(_CASED.findall(text)) and _CASED.search(text) is not None
        )
        out: list[str] | None = None
        for start, line in _lines(text):
            if not (lower_doc or _odd_line(line)):
                continue
            fixed = self._line(line)
            if fixed != line:
                if out is None:
                    out = list(text)
                out[start : start + len(line)] = fixed
        return "".join(out) if out is not None else None

    def _line(self, line: str) -> str:
        chars = [c.lower() if len(c.lower()) == 1 else c for c in line]
        words = list(_WORD.finditer(line))
        i = 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                key = tuple(m.group(0).lower().rstrip(_TRAIL) for m in words[i : i + n])
                key = tuple(k.removesuffix("'s").removesuffix("’s") for k in key[:-1]) + key[-1:]
                cased = self.phrases.get(key)
                if cased is None and n == 1 and key[0].endswith(("'s", "’s")):
                    cased = self.phrases.get((key[0][:-2],))
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


def _lines(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def _odd_line(line: str) -> bool:
    """Whether a line is ALL CAPS or Title Case (see the module docstring)."""
    if not _CASED.search(line):
        return False
    if not any(c.islower() for c in line):
        return len(_WORD.findall(line)) >= MIN_WORDS_CAPS
    upper = len(_UPPER_START.findall(line))
    if upper < MIN_WORDS_TITLE or len(_LOWER_START.findall(line)) > 2 * upper + MIN_WORDS_TITLE:
        return False  # ordinary prose: most words begin in lower case
    plain = keep_lower()
    lower = sum(1 for m in _LOWER_START.finditer(line) if _word_at(line, m.start()) not in plain)
    return upper >= TITLE_SHARE * (upper + lower)


def _word_at(line: str, start: int) -> str:
    m = _WORD.match(line, start)
    return m.group(0).lower() if m else ""
