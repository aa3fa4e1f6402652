"""Dates that refer back to another date of the story: "that year", "the same month", "the next day".

An anaphoric expression takes its value from the nearest date named before it (its antecedent) that is
precise enough: a day for "that day" or "the next morning", a month for "later that month", any date for
"that year". Comparisons ("a year earlier", "the previous year", "two days later") move from the
antecedent, named in the same paragraph or the one before; when there is none, the earlier ones ("a year
earlier", "the previous year") count from the publication date, as news compares with its present, and the
later ones are left unresolved. Nothing is resolved without an antecedent or a publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from thucydides.dates.found import Found
from thucydides.dates.guard import compile_guarded
from thucydides.dates.vocabulary import DateVocabulary, add_months, alternation, iso_at, titled
from thucydides.record import Precision

PARAGRAPH = re.compile(r"\n\s*\n")
NEEDS: dict[str, tuple[Precision, ...]] = {
    "day": ("day",),
    "month": ("day", "month"),
    "year": ("day", "month", "year"),
}

# "80 years to the day after ...": "to the day" makes the span exact; it names no day
TO_THE_DAY = re.compile(r"\b(?:years?|months?|weeks?)\s+to\s+$", re.IGNORECASE)


@dataclass(slots=True)
class _Anaphor:
    """One anaphoric expression found: its span, unit and how far it moves from its antecedent."""

    start: int
    end: int
    scale: str  # day, month or year
    offset: int
    comparison: bool  # "a year earlier", "the next day" (else "that day": the antecedent itself)


class Anaphora:
    """Finds anaphoric date expressions and resolves them against the dates found before them.

    One pattern finds the unit words ("day", "month", "morning", "year later"); the words before each
    ("that", "the next", "two") are then read with small anchored patterns. A pattern that begins with
    "the", "that" or a number would be tried at almost every word.
    """

    def __init__(self, vocab: DateVocabulary) -> None:
        a = vocab.anaphors
        parts = alternation(a["parts_of_day"])
        directions = alternation([*a["later"], *a["earlier"]])
        number = alternation([*vocab.numbers, *vocab.spelled_numbers])
        self.parts = frozenset(a["parts_of_day"])
        self.shut_before = frozenset(a["not_after"])
        self.spans = frozenset(" ".join(w.split()) for w in a["spans_after"])
        self.numbers = {**vocab.spelled_numbers, **vocab.numbers}
        self.later = frozenset(a["later"])
        self.next_words = frozenset(" ".join(w.split()) for w in a["next"])
        self.units = compile_guarded(
            rf"\b(?P<unit>day|week|month|year|{parts})(?P<plural>s)?(?![\w'’-])(?:\s+(?P<dir>{directions})\b)?"
        )
        self.same_before = re.compile(
            rf"\b(?:(?P<pos>{alternation(a['positions'])})\s+(?:(?:in|on)\s+)?)?(?:{alternation(a['same'])})\s+$"
        )
        self.rel_before = re.compile(rf"\b(?P<rel>{alternation([*a['next'], *a['previous']])})\s+$")
        self.count_before = re.compile(rf"(?<![\w-])(?P<n>\d{{1,2}}|{number})\s+$", re.IGNORECASE)
        self.the_before = re.compile(r"\b[Tt]he\s+$")
        self.weekday_names = vocab.weekdays
        self.weekdays = compile_guarded(rf"\b(?P<wd>{titled(vocab.weekdays)})\b")
        self.weekday_before = weekday_determiner(vocab)
        self.previous_words = frozenset(" ".join(w.split()) for w in a["previous"])

    def resolve(self, text: str, stop: int, taken: list[Found], published: date | None) -> list[Found]:
        """Anaphoric expressions of ``text[:stop]`` that overlap none of ``taken``, resolved.

        Args:
            text: the article text.
            stop: where the article ends.
            taken: the dates found so far (the antecedents), sorted by start.
            published: the publication date (for comparisons without an antecedent).
        """
        out: list[Found] = []
        known = list(taken)
        for m in self.units.finditer(text, 0, stop):
            found = self._read(text, m)
            if found is None or any(f.start < found.end and found.start < f.end for f in known):
                continue
            host = self._host(text, found, known)
            if host is not None:  # "in September of that year": the month of the year meant
                rest = [f for f in known if f is not host]
                year = self._resolve(text, found, rest, published, host.start)
                hit = None if year is None else _in_year(text, host, year)
            else:
                hit = self._resolve(text, found, known, published)
            if hit is not None:
                out.append(hit)
                known = sorted([*known, hit], key=lambda f: f.start)
        for m in self.weekdays.finditer(text, 0, stop):
            hit = self._weekday(text, m, known)
            if hit is not None:
                out.append(hit)
                known = sorted([*known, hit], key=lambda f: f.start)
        return out

    def _weekday(self, text: str, m: re.Match[str], known: list[Found]) -> Found | None:
        """ "that Friday", "the following Monday", "the previous Sunday": the weekday in the week of the
        day named before it (in its paragraph or the one before), after it or before it."""
        det = weekday_anaphor(self.weekday_before, text, m.start())
        start, end, words = (
            (det.start(), m.end(), " ".join(det["det"].lower().split())) if det else (0, 0, "")
        )
        if det is None and (then := the_weekday_then(text, m.start(), m.end())) is not None:
            # "the Saturday before that": the last such day before the day named before it
            start, end, words = then[0], then[1], ("before" if then[2] == "before" else "after")
        if not end or any(f.start < end and start < f.end for f in known):
            return None
        target = self.weekday_names[m["wd"].lower()]
        same = (
            words not in self.next_words
            and words not in self.previous_words
            and words not in ("before", "after")
        )
        ante = self._antecedent(text, start, known, "day", True, target if same else None)
        if ante is None:
            return None
        base = ante.as_date()
        if words in self.next_words or words == "after":
            moved, how = base + timedelta(days=(target - base.weekday()) % 7 or 7), "the first after"
        elif words in self.previous_words or words == "before":
            moved, how = base - timedelta(days=(base.weekday() - target) % 7 or 7), "the last before"
        else:
            shift = (target - base.weekday()) % 7
            moved, how = base + timedelta(days=shift if shift <= 3 else shift - 7), "the one in the week of"
        phrase = text[start:end]
        why = f"'{phrase}' → {moved}: {how} '{ante.text}' ({ante.value})"
        return Found(start, end, moved.isoformat(), "day", why, "point")

    def _read(self, text: str, m: re.Match[str]) -> _Anaphor | None:
        """The anaphoric expression around one unit word, if the words before it make one."""
        unit = m["unit"].lower()
        scale = "day" if unit in self.parts or unit == "week" else unit
        at, lo = m.start(), max(0, m.start() - 40)
        if m["dir"]:
            direction = " ".join(m["dir"].lower().split())
            sign = 1 if direction in self.later else -1
            counted = self.count_before.search(text, lo, at)
            if counted is not None:
                closed = re.match(r"\s*(?:[,.;:)]|$)", text[m.end() :]) is not None
                if direction in ("after", "before") and not closed:
                    return None  # "a year after the war": counted from an event, not a date
                word = counted["n"].lower()
                count = int(word) if word.isdigit() else self.numbers.get(word, 1)
                count *= 7 if unit == "week" else 1
                return _Anaphor(counted.start("n"), m.end(), scale, sign * count, True)
            the = self.the_before.search(text, lo, at)
            if the is not None and not m["plural"] and direction in ("after", "before") and unit != "week":
                if TO_THE_DAY.search(text, max(0, the.start() - 30), the.start()):
                    return None  # "80 years to the day after they were shot": a span measured exactly
                return _Anaphor(the.start(), m.end(), scale, sign, True)  # "the day after"
        if m["plural"] or unit == "week":
            return None
        end = m.end("unit")
        same = self.same_before.search(text, lo, at)
        if same is not None:
            return _Anaphor(same.start(), end, scale, 0, False)
        rel = self.rel_before.search(text, lo, at)
        if rel is None:
            return None
        words = " ".join(rel["rel"].lower().split())
        before = re.findall(r"[a-z]+", text[max(0, rel.start() - 12) : rel.start()].lower())
        if words in self.spans and before and before[-1] in self.shut_before:
            return None  # "over the next year", "within the next month": a span, not a date
        return _Anaphor(rel.start(), end, scale, 1 if words in self.next_words else -1, True)

    @staticmethod
    def _host(text: str, a: _Anaphor, known: list[Found]) -> Found | None:
        """The month or day named without its year just before a year anaphor ("September of that year",
        "March 3 of the following year"), which the anaphor gives its year."""
        if a.scale != "year":
            return None
        for f in reversed(known):
            if f.end > a.start:
                continue
            between = text[f.end : a.start]
            if f.precision in ("month", "day") and f.kind == "point" and HOST_GAP.fullmatch(between):
                return None if YEAR_DIGITS.search(text, f.start, f.end) else f
            return None
        return None

    def _resolve(
        self, text: str, a: _Anaphor, known: list[Found], pub: date | None, at: int | None = None
    ) -> Found | None:
        """The value of ``a`` from the date before it (before ``at`` when given), else (an earlier
        comparison) ``pub``, else None."""
        ante = self._antecedent(text, a.start if at is None else at, known, a.scale, a.comparison)
        if ante is None:
            if not a.comparison or a.offset > 0 or pub is None:
                return None
            base, base_precision, what = pub, a.scale, f"publication {pub}"
        elif a.comparison and a.offset > 0 and a.scale == "day" and ante.anchor is not None:
            # "the day before the hearing, ... The next morning": the story went back a day and returns to
            # the day it counted from
            base, base_precision = date.fromisoformat(ante.anchor), ante.precision
            what = f"'{ante.text}' ({ante.value}), counted from {ante.anchor}"
        else:
            base, base_precision, what = ante.as_date(), ante.precision, f"'{ante.text}' ({ante.value})"
            if a.comparison and ante.back is not None and ante.back == (a.scale, -a.offset):
                # "$9 million a year ago ... $8 million a year earlier": two comparisons with the present
                phrase = text[a.start : a.end]
                why = f"'{phrase}' → {ante.value}: the same comparison as '{ante.text}'"
                hit = Found(a.start, a.end, ante.value, ante.precision, why, "point")
                hit.back = ante.back
                return hit
        precision: Precision = "day" if a.scale == "day" else "month" if a.scale == "month" else "year"
        if base_precision == "year":
            precision = "year"
        value = iso_at(_moved(base, a.scale, a.offset), precision)
        steps = f"{a.offset:+d} {a.scale}{'s' if abs(a.offset) > 1 else ''} from"
        how = "the same" if a.offset == 0 else steps
        phrase = text[a.start : a.end]
        hit = Found(a.start, a.end, value, precision, f"'{phrase}' → {value}: {how} {what}", "point")
        if ante is None and a.scale in ("month", "year"):
            hit.back = (a.scale, -a.offset)  # counted back from the present, as "a year ago" is
        if ante is not None and a.comparison and a.offset < 0 and a.scale == "day" and precision == "day":
            hit.anchor = iso_at(base, "day")  # "the day before": the story's time stays where it was
        return hit

    @staticmethod
    def _antecedent(
        text: str, at: int, known: list[Found], scale: str, comparison: bool, weekday: int | None = None
    ) -> _Antecedent | None:
        """The nearest date before ``at`` precise enough for ``scale`` (for a comparison: in the same
        paragraph or the one before, as a story goes on from one paragraph to the next: "In March, it got
        an offer. || The following month, it put itself up for sale"). With ``weekday`` ("that Monday"), the
        nearest day there that falls on it comes first ("the crash of Oct. 19, 1987 ... Friday's drop revived
        memories of that Monday")."""
        floor = 0
        if comparison:
            breaks = [b.end() for b in PARAGRAPH.finditer(text, 0, at)]
            floor = breaks[-2] if len(breaks) > 1 else 0
        nearest: _Antecedent | None = None
        counted_from: _Antecedent | None = None
        for f in reversed(known):
            if f.end > at:
                continue
            if f.start < floor:
                break
            if f.precision not in NEEDS[scale]:
                continue
            found = _Antecedent(text[f.start : f.end], f.value, f.precision, f.back, f.anchor)
            if weekday is not None and f.precision == "day" and _weekday_of(f.value) == weekday:
                return found
            if COUNTED_FROM.search(text, max(0, f.start - 80), f.start):
                # "stepped down on Friday, 18 days after protests began on Jan. 25. The day before, ...": the
                # day a span is counted from is a look back; the story's day stays the one before it
                counted_from = counted_from or found
                continue
            if weekday is None:
                return found
            nearest = nearest or found
        return nearest or counted_from


# Before a date a span is counted from, in the same sentence ("18 days after protests began on Jan. 25").
COUNTED_FROM = re.compile(
    r"\b[\w-]+\s+(?:days?|weeks?|months?|years?)\s+(?:after|before)\b[^.;!?]{0,60}$", re.IGNORECASE
)


def _weekday_of(value: str) -> int | None:
    try:
        return date.fromisoformat(value[:10]).weekday()
    except ValueError:
        return None


def weekday_determiner(vocab: DateVocabulary) -> re.Pattern[str]:
    """The words that make a weekday after them refer to the story's time, not the publication's ("that
    Friday", "the following Monday"), read just before the weekday (see :func:`weekday_anaphor`)."""
    a = vocab.anaphors
    return re.compile(rf"\b(?P<det>{alternation([*a['same'], *a['next'], *a['previous']])})\s+$")


WEEKDAY_THEN = re.compile(r"\s+(?P<dir>before|after)\s+(?:that|then)\b", re.IGNORECASE)


def the_weekday_then(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """ "the Saturday before that", "the Monday after that": the span (from "the") and "before" or "after"
    when the weekday at ``start:end`` counts from the day named before it; else None."""
    the = re.search(r"\b[Tt]he\s+$", text[max(0, start - 5) : start])
    then = WEEKDAY_THEN.match(text, end)
    if the is None or then is None:
        return None
    return max(0, start - 5) + the.start(), then.end(), then["dir"].lower()


THAT_AFTER = re.compile(
    r"(?:^|[.!?;:\n(\[`'\"“‘]|\b(?:on|by|until|till|before|after|since|from|of|through|during))\s*$",
    re.IGNORECASE,
)


def weekday_anaphor(determiner: re.Pattern[str], text: str, at: int) -> re.Match[str] | None:
    """The determiner that makes the weekday at ``at`` anaphoric, if any. "that" counts only at the start of
    a sentence or after a preposition ("That Friday, ...", "by that Friday"), not as a conjunction ("said
    that Friday's raid ...")."""
    det = determiner.search(text, max(0, at - 30), at)
    if det is None or not det["det"].lower().startswith("that"):
        return det
    return det if THAT_AFTER.search(text, max(0, det.start() - 12), det.start()) else None


class _Antecedent:
    __slots__ = ("anchor", "back", "precision", "text", "value")

    def __init__(
        self,
        text: str,
        value: str,
        precision: Precision,
        back: tuple[str, int] | None = None,
        anchor: str | None = None,
    ) -> None:
        self.text, self.value, self.precision, self.back = text, value, precision, back
        self.anchor = anchor

    def as_date(self) -> date:
        parts = [int(p) for p in self.value.split("-")]
        return date(parts[0], (parts[1:] or [1])[0], (parts[2:] or [1])[0])


HOST_GAP = re.compile(r",?\s+(?:of\s+)?")
YEAR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _in_year(text: str, host: Found, year: Found) -> Found:
    """The month or day ``host`` in the year ``year`` resolved to ("September of that year")."""
    value = year.value[:4] + host.value[4:]
    phrase = text[host.start : year.end]
    why = f"'{phrase}' → {value}: {year.reason.split(': ', 1)[-1]}"
    return Found(host.start, year.end, value, host.precision, why, "point")


def _moved(base: date, scale: str, offset: int) -> date:
    if scale == "day":
        return base + timedelta(days=offset)
    if scale == "month":
        year, month = add_months(base.year, base.month, offset)
        return date(year, month, 1)
    return date(base.year + offset, 1, 1)


__all__ = ["Anaphora"]
