"""Passes over the dates found in a story: a date named with its year lends it to the same date named
without, days counted from a day named after them, and the first end of a range."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from thucydides.dates.found import Found
from thucydides.dates.tense import hung_on

DAYS_LEAD = re.compile(r"(?P<dir>before|after)\s", re.IGNORECASE)
DAYS_COUNT = re.compile(r"\b(?P<n>\d{1,2}|[A-Za-z]+)\s+days?\s+$")
DAYS_BEFORE = re.compile(r"\b(?P<n>\d{1,2}|[A-Za-z]+)\s+days?\s+(?P<dir>before|after)\s+$")

SENTENCE_END = re.compile(r"[.!?;]\s|\n")
RANGE_GAP = re.compile(r"\s*(?:to|until|till|through|and|-|–|—)\s*")


def _range_word(text: str, found: Found) -> str:
    """The word that ends a range when a date's span begins with it ("until 1995" read with its cue)."""
    word = re.match(r"(?:until|till|through)\b", text[found.start : found.end])
    return word.group() if word else ""


WEEKDAY_THEN_DATE = re.compile(r"\s*[(\[]\s*$")


def weekday_with_its_date(
    text: str, chosen: list[Found], weekdays: dict[str, int], published: date | None
) -> None:
    """ "on Thursday (July 13)", "Thursday night (February 28th)": a weekday with its date in brackets after
    it is that date; a date without a year takes the year, within a year of its own, that puts it on that
    weekday (the story may be of another year than the publication's)."""
    for first, second in zip(chosen, chosen[1:], strict=False):
        if first.precision != "day" or second.precision != "day":
            continue
        if not WEEKDAY_THEN_DATE.fullmatch(text, first.end, second.start):
            continue
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", text[first.start : first.end])]
        wanted = next((weekdays[w] for w in words if w in weekdays), None)
        if wanted is None:
            continue
        day = date.fromisoformat(second.value)
        if day.weekday() != wanted and second.year_from != "named" and published is not None:
            agrees = [
                d
                for y in (published.year - 1, published.year, published.year + 1)
                if (d := _same_day(day, y)) is not None and d.weekday() == wanted
            ]
            if agrees:
                best = min(agrees, key=lambda d: abs((d - published).days))
                second.value, second.year_from = best.isoformat(), "named"
                second.reason += f"; the weekday before it falls on it in {best.year} → {second.value}"
                day = best
        if day.weekday() == wanted and first.value != second.value:
            first.value = second.value
            first.reason += f"; the date after it in brackets → {second.value}"


APPOSITION = re.compile(r",\s+")


def weekday_in_apposition(text: str, chosen: list[Found], weekdays: dict[str, int]) -> None:
    """ "returns Tuesday, the day after Labor Day": a bare weekday followed by a comma and a day that falls on
    that weekday within a week of it is that day (the weekday alone was read from the tense)."""
    for first, second in zip(chosen, chosen[1:], strict=False):
        if first.precision != "day" or second.precision != "day" or first.value == second.value:
            continue
        if not APPOSITION.fullmatch(text, first.end, second.start):
            continue
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", text[first.start : first.end])]
        if len(words) != 1 or words[0] not in weekdays:
            continue
        day, own = date.fromisoformat(second.value), date.fromisoformat(first.value)
        if day.weekday() == weekdays[words[0]] and abs((day - own).days) <= 7:
            first.value = second.value
            first.reason += f"; the day after it, {text[second.start : second.end]!r} → {second.value}"


def _same_day(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # February 29
        return None


def years_named_in_story(text: str, chosen: list[Found]) -> None:
    """A month-day or month without a year takes the year of the same date named with its year in the
    story: "killed on Oct. 23, 1998 ... the Oct. 23 killing" (a month-day: the nearest such date before
    it, else after it; a month: only one before it, with no date of another year named between them)."""
    named = [f for f in chosen if f.year_from == "named"]
    if not named:
        return
    for f in chosen:
        if f.year_from != "partial":
            continue
        same = [n for n in named if n.precision == f.precision and n.value[4:] == f.value[4:]]
        before = [n for n in same if n.end <= f.start]
        after = [n for n in same if n.start >= f.end] if f.precision == "day" else []
        source = before[-1] if before else after[0] if after else None
        if source is None or source.value == f.value:
            continue
        if f.precision == "month" and any(
            source.end <= o.start < f.start and o.value[:4] != source.value[:4] for o in chosen
        ):
            continue  # "... in February 2008. ... from January ... in February": the story has moved on
        f.value = source.value
        f.reason += f"; the year of '{text[source.start : source.end]}' named in the story → {f.value}"


def coordinated_with_named(text: str, chosen: list[Found], spacy_doc: Any) -> None:
    """ "The war began on Jan. 17, 1991, and ended Feb. 28": a month-day or month without its year on a verb
    joined to the verb of a date named with its year just before it, in the same sentence, is the first such
    date after the named one (the two verbs tell one story), not the one near publication."""
    if spacy_doc is None:
        return
    for first, second in zip(chosen, chosen[1:], strict=False):
        if first.year_from != "named" or second.year_from != "partial" or first.precision == "year":
            continue
        if second.precision not in ("day", "month") or SENTENCE_END.search(text, first.end, second.start):
            continue
        one, two = hung_on(spacy_doc, first.start, first.end), hung_on(spacy_doc, second.start, second.end)
        if one is None or two is None or not (two.dep_ == "conj" and two.head == one):
            continue
        base = date.fromisoformat(first.value if first.precision == "day" else first.value + "-01")
        value = _first_on_or_after(base, second.value)
        if value is None or value == second.value:
            continue
        second.value, second.year_from = value, "named"
        named, own = text[first.start : first.end], text[second.start : second.end]
        alone = second.reason
        second.reason = (
            f"'{own}' → {value}: the first after '{named}' on the verb joined to its own (alone: {alone})"
        )


# Before a year that is what something covers or the end of a span ("restated its earnings for 1997 through
# 2000 in November", "the budget for 1990"): not when the act of the sentence happened.
COVERED_BEFORE = re.compile(r"(?:\bfor|\bthrough|\bthru|\bto|[-–])\s*$", re.IGNORECASE)


def on_the_verb_of_a_named_year(text: str, chosen: list[Found], spacy_doc: Any) -> None:
    """ "In 1996, the crisis spread to Russia in June", "He flew to Paris on Jan. 5, 1996, and to Rome on Jan.
    9": a month-day or month without its year on the same verb as a year, a month or a day named with its
    year before it in the sentence is in that year (the first such date on or after the named month or day),
    not near publication. Only the same verb (from the parse): "The company, founded in 1990, cut jobs in
    January" keeps this January."""
    if spacy_doc is None:
        return
    for i, f in enumerate(chosen):
        if f.year_from != "partial" or f.precision not in ("day", "month") or f.kind != "point":
            continue
        anchor = None
        for g in reversed(chosen[:i]):
            if SENTENCE_END.search(text, g.end, f.start):
                break
            explicit = g.year_from == "named" or (
                g.precision == "year" and re.search(rf"\b{g.value}\b", text[g.start : g.end]) is not None
            )
            if (
                explicit
                and g.kind == "point"
                and not COVERED_BEFORE.search(text, max(0, g.start - 10), g.start)
            ):
                anchor = g
                break
        if anchor is None or anchor.value[:4] == f.value[:4]:
            continue
        verb = hung_on(spacy_doc, f.start, f.end)
        if verb is None or verb != hung_on(spacy_doc, anchor.start, anchor.end):
            continue
        if anchor.precision == "year":
            value: str | None = anchor.value + f.value[4:]
            if f.precision == "day" and _same_day(date.fromisoformat(f.value), int(anchor.value)) is None:
                value = None
        else:
            base = date.fromisoformat(anchor.value if anchor.precision == "day" else anchor.value + "-01")
            value = _first_on_or_after(base, f.value)
        if value is None or value == f.value:
            continue
        named = text[anchor.start : anchor.end]
        f.reason = f"'{text[f.start : f.end]}' → {value}: on the verb of '{named}' (alone: {f.reason})"
        f.value, f.year_from = value, "named"


def _first_on_or_after(base: date, value: str) -> str | None:
    """The first month-day (``YYYY-MM-DD``) or month (``YYYY-MM``) with ``value``'s month and day on or
    after ``base``."""
    month = int(value[5:7])
    for year in (base.year, base.year + 1):
        if len(value) == 7:
            if (year, month) >= (base.year, base.month):
                return f"{year:04d}-{month:02d}"
            continue
        d = _same_day(date.fromisoformat(value), year)
        if d is not None and d >= base:
            return d.isoformat()
    return None


def days_from_dates(text: str, chosen: list[Found], numbers: dict[str, int]) -> None:
    """ "the day before last Tuesday's hearing", "two days after Oct. 3": days counted from a day named
    right after them (the span grows to take in the count)."""
    for f in chosen:
        if f.precision != "day":
            continue
        lead = DAYS_LEAD.match(text, f.start)  # "before Tuesday" read with its deadline cue
        head = (
            DAYS_COUNT.search(text, max(0, f.start - 40), f.start)
            if lead
            else DAYS_BEFORE.search(text, max(0, f.start - 40), f.start)
        )
        if head is None:
            continue
        word = head["n"].lower()
        count = 1 if word == "the" else int(word) if word.isdigit() else numbers.get(word, 0)
        if (count == 1) == ("days" in head.group()):
            continue  # "the days before Oct. 3": a span; "one days": no count
        if not 0 < count <= 31:
            continue
        direction = (lead or head)["dir"].lower()
        moved = date.fromisoformat(f.value) + timedelta(days=count if direction == "after" else -count)
        f.reason = f"{count} day{'s' if count > 1 else ''} {direction} {f.value} ({f.reason}) → {moved}"
        if direction != "after":
            f.anchor = f.value  # "the day before the hearing": the story's time stays the hearing's day
        f.start, f.value, f.kind = head.start(), moved.isoformat(), "point"


def mark_ranges(text: str, chosen: list[Found]) -> None:
    """'from X to Y', 'between X and Y': X starts a range."""
    for first, second in zip(chosen, chosen[1:], strict=False):
        gap = text[first.end : second.start]
        opener = re.search(r"\b(?:[Ff]rom|[Bb]etween)\s+$", text[max(0, first.start - 10) : first.start])
        if first.kind == "point" and opener and RANGE_GAP.fullmatch(gap + _range_word(text, second)):
            first.kind = "range_start"
            first.reason += "; starts a range"
            _year_from_range_end(first, second)


def _year_from_range_end(first: Found, second: Found) -> None:
    """ "from August to May 1, 2010": a start whose year was worked out takes the year that puts it in the
    year before the end the text dates ("August" → 2009-08, not last August)."""
    if first.year_from != "partial" or second.year_from != "named" or first.precision == "year":
        return
    end = second.value
    year = int(end[:4]) if first.value[4:] <= end[4 : len(first.value)] else int(end[:4]) - 1
    value = f"{year:04d}{first.value[4:]}"
    if value != first.value:
        first.value = value
        first.reason += f"; the year before its end {end} → {value}"
