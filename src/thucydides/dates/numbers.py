"""Handlers for dates written with short or spelled-out numbers: "10/20/98", "in '97", "nineteen
ninety-eight", "the year two thousand" (a part of :class:`~thucydides.dates.handlers.ExpressionHandlers`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from thucydides.dates.found import Found
from thucydides.dates.tense import full_year
from thucydides.dates.vocabulary import DateVocabulary, safe_date


class WrittenNumbers:
    """Dates whose numbers are written short or spelled out (``ctx`` is the handlers' match context)."""

    vocab: DateVocabulary
    _found: Callable[..., Found]

    def _on_numeric(self, m: re.Match[str], ctx: Any) -> Found | None:
        """ "10/20/98", "10/20/1998": month first (American news style) unless the first number cannot be
        a month; a two-digit year in the century that puts it nearest the publication."""
        first, second = int(m["a"]), int(m["b"])
        month, day = (second, first) if first > 12 >= second else (first, second)
        year = int(m["y"]) if len(m["y"]) == 4 else full_year(int(m["y"]), ctx.published)
        d = safe_date(year, month, day)
        return None if d is None else self._found(m, ctx, d.isoformat(), "day", f"numeric date '{m['core']}'")

    def _on_short_year(self, m: re.Match[str], ctx: Any) -> Found | None:
        """ "in '97", "late '98", "March '99": a year written with two digits after a preposition or a
        month, in the century that puts it nearest the publication."""
        if not (m["prep"] or m["mon"] or ctx.cue):
            return None  # "'97" alone may be a quotation or a score
        year = full_year(int(m["yy"]), ctx.published)
        if m["mon"]:
            value = f"{year:04d}-{self.vocab.month_number(m['mon']):02d}"
            return self._found(m, ctx, value, "month", f"month and two-digit year '{m['core']}' → {value}")
        return self._found(m, ctx, str(year), "year", f"two-digit year '{m['core']}' → {year}")

    def _on_spelled_year(self, m: re.Match[str], ctx: Any) -> Found | None:
        """ "nineteen ninety-eight", "the year two thousand", "in two thousand and one" (transcripts)."""
        if m["c19"]:
            tail = self._spelled(m["yy"])
            if tail < 10:
                return None  # "nineteen five": no way to write a year
            year = 1900 + tail
        else:
            named = m["core"].lower().startswith("the")  # "the year two thousand"
            if not (named or m["prep"] or ctx.cue):
                return None  # "two thousand people": a number
            if not named and m["y2"] is None and re.match(r"\s+[a-z]", ctx.text[m.end() :]):
                return None  # "in two thousand cases"
            year = 2000 + (self._spelled(m["y2"]) if m["y2"] else 0)
        return self._found(m, ctx, str(year), "year", f"year spelled out '{m['core']}' → {year}")

    def _spelled(self, words: str) -> int:
        return self.vocab.spelled_numbers[" ".join(words.lower().replace("-", " ").split())]
