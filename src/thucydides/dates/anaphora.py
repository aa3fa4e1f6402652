"""Dates that refer back to another date of the story: "that year", "the same month", "the next day".

An anaphoric expression takes its value from the nearest date named before it (its antecedent) that is
precise enough: a day for "that day" or "the next morning", a month for "later that month", any date for
"that year". Comparisons ("a year earlier", "the previous year", "two days later") move from the
antecedent; when no antecedent is named in the same paragraph, the earlier ones ("a year earlier",
"the previous year") count from the publication date, as news compares with its present, and the later
ones are left unresolved. Nothing is resolved without an antecedent or a publication date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from thucydides.dates.handlers import Found
from thucydides.dates.vocabulary import DateVocabulary, add_months, alternation, iso_at
from thucydides.record import Precision

PARAGRAPH = re.compile(r"\n\s*\n")
NEEDS: dict[str, tuple[Precision, ...]] = {
    "day": ("day",),
    "month": ("day", "month"),
    "year": ("day", "month", "year"),
}


class Anaphora:
    """Finds anaphoric date expressions and resolves them against the dates found before them."""

    def __init__(self, vocab: DateVocabulary) -> None:
        a = vocab.anaphors
        parts = alternation(a["parts_of_day"])
        unit = rf"(?P<unit>day|month|year|{parts})"
        number = alternation([*vocab.numbers])
        self.parts = frozenset(a["parts_of_day"])
        self.shut_before = frozenset(a["not_after"])
        self.spans = frozenset(" ".join(w.split()) for w in a["spans_after"])
        self.numbers = vocab.numbers
        self.later = frozenset(a["later"])
        self.patterns = [
            re.compile(
                rf"\b(?:(?P<pos>{alternation(a['positions'])})\s+(?:(?:in|on)\s+)?)?"
                rf"(?P<same>{alternation(a['same'])})\s+{unit}\b(?![-'’])"
            ),
            re.compile(rf"\b(?P<rel>{alternation([*a['next'], *a['previous']])})\s+{unit}\b(?![-'’])"),
            re.compile(
                rf"\b(?P<n>\d{{1,2}}|{number})\s+(?P<unit>day|week|month|year)s?\s+"
                rf"(?P<dir>{alternation([*a['later'], *a['earlier']])})\b"
            ),
            re.compile(r"\b[Tt]he\s+(?P<unit>day|month|year)\s+(?P<dir>before|after)\b"),
        ]
        self.next_words = frozenset(" ".join(w.split()) for w in a["next"])

    def resolve(self, text: str, stop: int, taken: list[Found], published: date | None) -> list[Found]:
        """Anaphoric expressions of ``text[:stop]`` that overlap none of ``taken``, resolved.

        Args:
            text: the article text.
            stop: where the article ends.
            taken: the dates found so far (the antecedents), sorted by start.
            published: the publication date (for comparisons without an antecedent).
        """
        candidates: list[tuple[int, int, re.Match[str]]] = []
        for pattern in self.patterns:
            for m in pattern.finditer(text, 0, stop):
                if any(f.start < m.end() and m.start() < f.end for f in taken):
                    continue
                if any(s < m.end() and m.start() < e for s, e, _ in candidates):
                    continue
                candidates.append((m.start(), m.end(), m))
        out: list[Found] = []
        known = list(taken)
        for _, _, m in sorted(candidates, key=lambda c: c[0]):
            hit = self._one(text, m, known, published)
            if hit is not None:
                out.append(hit)
                known = sorted([*known, hit], key=lambda f: f.start)
        return out

    def _one(self, text: str, m: re.Match[str], known: list[Found], published: date | None) -> Found | None:
        groups = m.groupdict()
        unit = m["unit"].lower()
        scale = "day" if unit in self.parts or unit == "week" else unit
        if groups.get("same"):
            offset, comparison = 0, False
        elif groups.get("rel"):
            rel = " ".join(m["rel"].lower().split())
            before = re.findall(r"[a-z]+", text[max(0, m.start() - 12) : m.start()].lower())
            if rel in self.spans and before and before[-1] in self.shut_before:
                return None  # "over the next year", "within the next month": a span, not a date
            offset, comparison = (1 if rel in self.next_words else -1), True
        else:
            direction = " ".join(m["dir"].lower().split())
            closed = re.match(r"\s*(?:[,.;:)]|$)", text[m.end() :]) is not None
            if direction in ("after", "before") and not closed and groups.get("n"):
                return None  # "a year after the war": counted from an event, not a date
            word = (groups.get("n") or "1").lower()
            count = int(word) if word.isdigit() else self.numbers.get(word, 1)
            count *= 7 if unit == "week" else 1
            offset, comparison = (count if direction in self.later else -count), True
        ante = self._antecedent(text, m.start(), known, scale, comparison)
        if ante is None:
            if not comparison or offset > 0 or published is None:
                return None
            base, base_precision, what = published, scale, f"publication {published}"
        else:
            base, base_precision, what = ante.as_date(), ante.precision, f"'{ante.text}' ({ante.value})"
        precision: Precision = "day" if scale == "day" else "month" if scale == "month" else "year"
        if base_precision == "year":
            precision = "year"
        value = iso_at(_moved(base, scale, offset), precision)
        how = "the same" if offset == 0 else f"{offset:+d} {scale}{'s' if abs(offset) > 1 else ''} from"
        return Found(m.start(), m.end(), value, precision, f"'{m.group()}' → {value}: {how} {what}", "point")

    @staticmethod
    def _antecedent(
        text: str, at: int, known: list[Found], scale: str, comparison: bool
    ) -> _Antecedent | None:
        """The nearest date before ``at`` precise enough for ``scale`` (for a comparison: in the same
        paragraph)."""
        floor = 0
        if comparison:
            breaks = [b.end() for b in PARAGRAPH.finditer(text, 0, at)]
            floor = breaks[-1] if breaks else 0
        for f in reversed(known):
            if f.end > at:
                continue
            if f.start < floor:
                return None
            if f.precision in NEEDS[scale]:
                return _Antecedent(text[f.start : f.end], f.value, f.precision)
        return None


class _Antecedent:
    __slots__ = ("precision", "text", "value")

    def __init__(self, text: str, value: str, precision: Precision) -> None:
        self.text, self.value, self.precision = text, value, precision

    def as_date(self) -> date:
        parts = [int(p) for p in self.value.split("-")]
        return date(parts[0], (parts[1:] or [1])[0], (parts[2:] or [1])[0])


def _moved(base: date, scale: str, offset: int) -> date:
    if scale == "day":
        return base + timedelta(days=offset)
    if scale == "month":
        year, month = add_months(base.year, base.month, offset)
        return date(year, month, 1)
    return date(base.year + offset, 1, 1)


__all__ = ["Anaphora"]
