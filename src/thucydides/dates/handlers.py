"""Handlers that turn one matched date expression into a value with precision and a reason.

:class:`ExpressionHandlers` is the half of :class:`~thucydides.dates.resolver.DateResolver` that
resolves matches; the resolver builds the patterns and picks among candidates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from thucydides.dates.anaphora import the_weekday_then, weekday_anaphor
from thucydides.dates.found import Found, Kind, YearFrom
from thucydides.dates.numbers import WrittenNumbers
from thucydides.dates.tense import (
    RECENT,
    Direction,
    Looseness,
    clause_tense,
    governor,
    how_picked,
    in_past_relative_clause,
    intended_by,
    names_a_thing,
    news_year,
    said_at,
    set_by,
    tensed_occurrence,
)
from thucydides.dates.vocabulary import DateVocabulary, add_months, iso_at, nth_weekday, safe_date
from thucydides.record import Precision

YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)(?!s\b)(?!(?<=0)['’]s\b)"  # not a decade: "1990s", "the 1980's"
THIS_UNIT = re.compile(r"\b[Tt]his\s+(year|month)\b")
# after a month: it names an event ("the March on Washington", "March of Dimes", "March for Babies")
EVENT_NAME_AFTER = re.compile(r"\s+(?:of|for|on|against)\s+(?:the\s+)?[A-Z]")
# "Friday the 13th", "Sunday, the 10th": not "Sunday, the 10th anniversary of the attacks"
NTH_DAY_AFTER = re.compile(r",?\s+the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?!of\b)[a-z])")
NTH_WEEKDAY = re.compile(r"\b[Tt]he\s+(?:first|second|third|fourth|fifth|last)\s+$")
SENTENCE_END = re.compile(r"[.!?;]\s|\n|[“”\"]")
ED_WORD = re.compile(r"\b[a-z]{3,}ed\b")
NUMERIC_DATE = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")
DURATION_WORD = re.compile(r"\b(?:days?|weeks?|months?|years?|decades?|century|centuries)\b", re.I)
PAST_FRAME = re.compile(r"\b(?:was|were|had(?:\s+been)?)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# what a declared day is made: "(declared Sunday) a national day of mourning", "(proclaimed Friday) a holiday"
DECLARED_AS = re.compile(r"\s+(?:as\s+)?(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:day|holiday)\b", re.IGNORECASE)
CLAUSE_JOIN = re.compile(r",\s+(?:and|but)\s+(?!(?:will|would|was|were|is|are|has|have|had)\b)\w+\s+\w+")
LIST_END = re.compile(r"\s*(?:[.,;:!?)]|$)|\s+(?:and|or|to|through)\b")
THROUGH_BEFORE = re.compile(r"\bthrough\s+$", re.IGNORECASE)
PAST_PERFECT = re.compile(r"\bhad(?:\s+been)?\s+(?:\w+ly\s+)?$", re.IGNORECASE)
FOR_BEFORE = re.compile(r"\bfor\s+$")
SET_FOR_BEFORE = re.compile(r"\b(?:for|until|till)\s+(?:[\w'-]+\s+){0,3}$", re.IGNORECASE)  # "for a somber"
AGO_BEFORE = re.compile(r"\bago\s+$")
# "the first anniversary of the Sept. 11 attacks": the date before which the anniversary counts years
ANNIVERSARY_BEFORE = re.compile(
    r"\b(?:(?P<nth>\d{1,3})(?:st|nd|rd|th)|(?P<word>[a-z]+(?:-[a-z]+)?))?\s*anniversary\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
DATE_CLOSED = re.compile(r"\s*(?:[,.;:)—–]|\s-|\(|$)")
RELATIVE_YEARS = {"this": 0, "last": -1, "next": 1}
QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# a possessive year just before a date: "last year's Feb. 6 vote", "1997's March 3 deadline"
POSSESSIVE_YEAR = re.compile(
    rf"(?:\b(?P<rel>[Tt]his|[Ll]ast|[Nn]ext)\s+year|(?<![\w$.,-])(?P<year>{YEAR}))['’]s\s+$"
)
# TIMEX3's codes of the seasons and the halves of a year
SEASON_CODES = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
HALVES = {"first half": "H1", "second half": "H2"}
NOT_PAST_ED = frozenset(
    {"hundred", "indeed", "need", "speed", "seed", "feed", "proceed", "succeed", "exceed"}
)


@dataclass(slots=True)
class MatchContext:
    """What a handler needs besides the match."""

    text: str
    published: date | None
    spacy_doc: Any
    cue: re.Match[str] | None = None  # a deadline or range cue just before the match ("by", "since")
    lower_case: bool = False  # the text is written in lower case (its names capitalised for the patterns)


Handler = Callable[[re.Match[str], MatchContext], "Found | list[Found] | None"]


class ExpressionHandlers(WrittenNumbers):
    """Resolution of matched expressions against the publication date (see the resolver)."""

    vocab: DateVocabulary
    _future_re: re.Pattern[str]
    _past_re: re.Pattern[str]
    _scheduled: re.Pattern[str]
    _declared: re.Pattern[str]
    _setting_verbs: frozenset[str]
    _weekday_det: re.Pattern[str]
    _countdown: re.Pattern[str]
    _street: re.Pattern[str]
    _month_list: re.Pattern[str]

    def _kind(self, ctx: MatchContext) -> Kind:
        if ctx.cue is None:
            return "point"
        cue = " ".join(ctx.cue["cue"].lower().split())
        return "deadline" if cue in self.vocab.deadline_cues else "range_start"

    def _found(
        self,
        match: re.Match[str],
        ctx: MatchContext,
        value: str,
        precision: Precision,
        reason: str,
        year_from: YearFrom = "other",
        timex: str | None = None,
    ) -> Found:
        start = ctx.cue.start("cue") if ctx.cue is not None else match.start("core")
        found = Found(start, match.end("core"), value, precision, reason, self._kind(ctx))
        found.year_from = year_from
        found.timex = timex
        return found

    def _tense(self, text: str, start: int, end: int) -> str | None:
        """'future' or 'past' from the nearest tense clue in the same sentence, else None; 'set' for a
        forward word in a past frame ("was set to die Feb. 26", "had plans to leave on Saturday")."""
        left_from = max(0, start - 100)
        left = text[left_from:start]
        cut = [m.end() for m in SENTENCE_END.finditer(left)]
        left = left[cut[-1] :] if cut else left
        right = text[end : end + 100]
        stop = SENTENCE_END.search(right)
        right = right[: stop.start()] if stop else right
        joined = CLAUSE_JOIN.search(right)  # "..., and Gingrich said the party would": another clause's tense
        right = right[: joined.start()] if joined else right
        best: tuple[int, str] | None = None
        for window, is_left in ((left, True), (right, False)):
            for tense, found in (
                ("future", self._future_re.finditer(window)),
                ("past", (m for m in self._past_re.finditer(window) if _past_marker(window, m))),
                ("past", (m for m in ED_WORD.finditer(window) if _past_marker(window, m))),
            ):
                for m in found:
                    if tense == "past" and self._future_re.fullmatch(m.group()):
                        continue
                    said = tense
                    if tense == "future" and PAST_FRAME.search(window, max(0, m.start() - 30), m.start()):
                        said = "set"  # "was set to die Feb. 26": a plan made in the past
                    if not is_left and "," in window[: m.start()] and m.group() in self.vocab.reporting_verbs:
                        continue  # "... on Dec. 15, it said": the attribution does not date the report
                    distance = len(window) - m.end() if is_left else m.start()
                    if best is None or distance < best[0]:
                        best = (distance, said)
        return best[1] if best else None

    def _future(self, ctx: MatchContext, match: re.Match[str]) -> bool:
        """Whether a partial date points forward: a future clue, or a deadline without a past clue."""
        return self._direction(ctx, match) == "future"

    def _future_word(self, word: str) -> bool:
        return self._future_re.fullmatch(word) is not None

    def _direction(self, ctx: MatchContext, match: re.Match[str]) -> Direction:
        """Which way a partial date points (see :meth:`_clue`)."""
        return self._clue(ctx, match)[0]

    def _clue(self, ctx: MatchContext, match: re.Match[str]) -> tuple[Direction, Looseness]:
        """Which way a partial date points, and whether a past clue is loose.

        ``future``: a verb that puts off or sets the date ("postponed until"), the future tense of the
        verb the date modifies (from the parse), else a future clue near it, or a deadline without a past
        clue; ``past``: the verb's past tense, else a past clue near it; ``None``: no clue (the nearest
        occurrence is meant). A past clue is loose when the parse shows it is not the tense of a verb the
        date modifies ("called for a strike on Jan. 12": the strike has no tense); it then does not carry
        the date into last year (see :func:`tensed_occurrence`).
        """
        core = match.start("core") if match.groupdict().get("core") is not None else match.start()
        weekday = match.groupdict().get("wd") is not None
        cue = " ".join(ctx.cue["cue"].lower().split()) if ctx.cue is not None else ""
        if cue in self.vocab.backward_cues:
            return "past", False  # "the most since February" (in January): last February, whatever the tense
        if cue in self.vocab.forward_cues and not weekday:
            return "future", RECENT  # "froze spending ahead of Jan. 1" (in October): the coming one
        if self._declared.search(ctx.text, max(0, core - 16), core) and DECLARED_AS.match(
            ctx.text, match.end()
        ):
            # "declared Sunday a national day of mourning": ahead of the declaring (a date just past stays)
            return "future", (False if weekday else RECENT)
        scheduled = self._scheduled.search(ctx.text, max(0, core - 40), core)
        verb_at: int | None = None
        verb = ""
        if scheduled is not None:
            verb_at, verb = scheduled.start(), scheduled["verb"]
        elif (
            SET_FOR_BEFORE.search(ctx.text, max(0, core - 40), core)
            and (setter := set_by(ctx.spacy_doc, core, match.end(), self._setting_verbs)) is not None
        ):
            verb_at, verb = setter.idx, setter.text  # "called a new national strike for Tuesday"
        if verb_at is not None:
            # "were delayed until Monday": the coming one
            planned = " ".join(verb.lower().split()) in self.vocab.plan_verbs
            if planned and not weekday and PAST_FRAME.search(ctx.text, max(0, verb_at - 30), verb_at):
                # "was scheduled for Sept. 26": a plan made in the past, for a day either side of it (what was
                # put off, "was postponed to February", still lies ahead)
                return None, False
            return "future", False
        hang = governor(ctx.spacy_doc, core, match.end(), self._future_word)
        if hang is not None and hang.progressive in self.vocab.ongoing_verbs and hang.tense == "future":
            return None, False  # "are investigating a crash early Thursday": going on, not arranged
        if hang is not None and hang.on_verb and hang.present and hang.tense is None:
            # "Annan, who arrives in Baghdad Friday, said ...": the verb's own present (an arrangement, see
            # ``_arranged``), not the past of the sentence around it; a forward word with it ("Elections are
            # due in September", "The report is expected in March") points ahead
            if self._tense(ctx.text, core, match.end()) == "future":
                return "future", False
            if match.groupdict().get("wd") is None:
                # "Election Day is Nov. 3": an arrangement ahead, unless just past ("the record date is
                # Oct. 15")
                return "future", RECENT
            return None, False
        if (
            hang is not None
            and hang.on_verb
            and not weekday
            and intended_by(ctx.spacy_doc, core, match.end(), self.vocab.intention_verbs)
        ):
            # "promised on Tuesday to hand power to civilians by July": what was promised comes after the
            # promise, whatever its tense; a date just past stays ("planned to hold a rally on March 3")
            return "future", RECENT
        if (
            hang is not None
            and hang.on_verb
            and hang.tense is None
            and (hang.infinitive or not hang.finite)
            and (self._kind(ctx) == "deadline" or THROUGH_BEFORE.search(ctx.text, max(0, core - 9), core))
        ):
            # "faced calls to resign by Wednesday", "ordered it to raise capital by March 31", "keeping
            # agencies funded through Dec. 3": a deadline on a verb with no tense of its own is ahead of what
            # set it, whatever the past around it; a date just past stays ("managed to finish by Jan. 5")
            return "future", (False if weekday else RECENT)
        tense: str | None = hang.tense if hang is not None and hang.tense else None
        if tense is None and hang is not None and not hang.on_verb:
            tense = clause_tense(ctx.spacy_doc, core, match.end(), self._future_word)
        tense = tense or self._tense(ctx.text, core, match.end())
        # a future sentence, with the date on no verb
        if tense == "future" and hang is not None and not hang.on_verb:
            if in_past_relative_clause(ctx.spacy_doc, core, match.end()):
                return "past", True  # "Harris, who replaced Biden as the nominee in July, will speak"
            if said_at(ctx.spacy_doc, core, match.end()):
                return "past", False  # "In a statement Tuesday, the group said it would strike"
            if match.groupdict().get("wd") is None and names_a_thing(ctx.spacy_doc, core, match.end()):
                # "said the Feb. 12 accord would hold", "will review the Jan. 30 agreement": the date names a
                # thing, maybe already set; the future of the sentence keeps it ahead only when not recent
                return "future", RECENT
        if (
            tense == "future"
            and hang is not None
            and hang.on_verb
            and not hang.finite
            and hang.tense is None
            and match.groupdict().get("wd") is None
        ):
            # "In the fiscal year beginning Oct. 1, spending will rise": a bare participle has no tense of its
            # own; the future around it keeps a date just past where it is
            return "future", RECENT
        if tense == "set":  # a plan made in the past: a weekday is the coming one, a date the nearest
            return ("future" if match.groupdict().get("wd") is not None else None), False
        if tense == "future" or (tense is None and self._kind(ctx) == "deadline"):
            return "future", False
        if tense == "past":
            if self._set_for(ctx, core, match.end()):
                return None, False
            return "past", hang is not None and not (hang.on_verb and hang.tense == "past")
        return None, False

    @staticmethod
    def _set_for(ctx: MatchContext, start: int, end: int) -> bool:
        """A date that is the whole object of "for" ("has organized its forum for April 29.", "booked a
        flight for Friday"): the time something is set for, which the past of the setting does not date.
        Not a date before a noun ("jailed for the March 3 attack", "arrested for Friday's robbery")."""
        if not FOR_BEFORE.search(ctx.text, max(0, start - 5), start):
            return False
        if DATE_CLOSED.match(ctx.text, end):
            return True
        if ctx.spacy_doc is None:
            return False
        after = ctx.spacy_doc.char_span(start, end, alignment_mode="expand")
        nxt = after.doc[after.end] if after is not None and after.end < len(after.doc) else None
        return nxt is not None and nxt.pos_ in ("ADP", "CCONJ", "SCONJ", "PUNCT")

    def _month_day(
        self, pub: date, month: int, day: int, direction: Direction, loose: Looseness = False
    ) -> date | None:
        """The occurrence of month-day that ``direction`` picks (see :func:`tensed_occurrence`)."""
        return tensed_occurrence(pub, lambda year: safe_date(year, month, day), direction, loose)

    @staticmethod
    def _month(pub: date, month: int, direction: Direction, loose: Looseness = False) -> int:
        """The year of the month that ``direction`` picks (``None``: see :func:`news_year`).

        A loose past clue does not move the month after the publication's into last year ("agreed to a
        summit in December" in November: this December; see :func:`tensed_occurrence`); a ``RECENT`` future
        clue leaves a month at most two back where it is ("will review the January accord" in March).
        """
        if direction is None:
            found = news_year(pub, lambda year: date(year, month, 1))
            return pub.year if found is None else found.year
        if direction == "future" and loose == RECENT and (pub.month - month) % 12 <= 2:
            return pub.year if month <= pub.month else pub.year - 1
        if direction == "future":
            return pub.year + 1 if month < pub.month else pub.year
        return pub.year - 1 if month > pub.month + (1 if loose else 0) else pub.year

    @staticmethod
    def _week(days: list[date], what: str) -> tuple[str, Precision, str]:
        counts: dict[tuple[int, int], int] = {}
        for d in days:
            counts[(d.year, d.month)] = counts.get((d.year, d.month), 0) + 1
        (year, month), _ = max(counts.items(), key=lambda kv: (kv[1], -days.index(_first_of(days, kv[0]))))
        note = "" if len(counts) == 1 else " (the month holding most of its days)"
        return f"{year:04d}-{month:02d}", "month", f"{what} {days[0]}..{days[-1]} → month precision{note}"

    # ------------------------------------------------------------------ handlers

    def _on_iso(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        return None if d is None else self._found(m, ctx, d.isoformat(), "day", f"numeric date '{m['core']}'")

    def _on_month_day(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        dw = m.groupdict().get("dw")
        day = self.vocab.spelled_days[" ".join(dw.lower().replace("-", " ").split())] if dw else int(m["day"])
        month = self.vocab.month_number(m["mon"])
        if m["year"]:
            d = safe_date(int(m["year"]), month, day)
            if d is None:
                return None
            return self._found(m, ctx, d.isoformat(), "day", f"explicit date '{m['core']}'", "named")
        if ctx.published is None or not 1 <= day <= 31:
            return None
        if (
            anniversary := ANNIVERSARY_BEFORE.search(ctx.text, max(0, m.start("core") - 40), m.start("core"))
        ) is not None:
            return self._anniversary_of(m, ctx, month, day, anniversary)
        year_of = self._year_said_with(m, ctx)
        if year_of is not None:  # "Feb. 6 last year", "March 3 of next year", "last year's Feb. 6 vote"
            year, words = year_of
            d = safe_date(year, month, day)
            if d is None:
                return None
            why = f"month-day '{m['core']}' → {d}: the year of '{words}' (publication {ctx.published})"
            return self._found(m, ctx, d.isoformat(), "day", why, "named")
        direction, loose = self._clue(ctx, m)
        d = self._month_day(ctx.published, month, day, direction, loose)
        if d is None:
            return None
        how = how_picked(direction, d, ctx.published)
        why = f"month-day '{m['core']}' → {d}: {how} publication {ctx.published}"
        named = m.groupdict().get("wdn")
        if named and d.weekday() != self.vocab.weekdays[named.lower()]:
            agrees = self._weekday_year(ctx.published, month, day, self.vocab.weekdays[named.lower()])
            if agrees is None:  # no year near publication has this weekday on this day: a typo
                why += f" ({named} falls on it in no year near publication)"
                return self._found(m, ctx, d.isoformat(), "day", why, "partial")
            return self._found(
                m, ctx, agrees.isoformat(), "day", f"{why}; but {named} falls on it in {agrees.year}", "named"
            )
        return self._found(m, ctx, d.isoformat(), "day", why, "other" if direction == "future" else "partial")

    def _anniversary_of(
        self, m: re.Match[str], ctx: MatchContext, month: int, day: int, anniversary: re.Match[str]
    ) -> Found | None:
        """A month-day without its year whose anniversary the text names ("the first anniversary of the Sept.
        11 attacks"): as many years before the anniversary (the occurrence nearest publication) as its
        ordinal says; without an ordinal the year is unknown (at least one back), so no date."""
        pub = ctx.published
        assert pub is not None
        word = (anniversary["word"] or "").lower().replace("-", " ")
        years = int(anniversary["nth"]) if anniversary["nth"] else self.vocab.spelled_days.get(word)
        if not years:
            return None
        near = [
            d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := safe_date(y, month, day)) is not None
        ]
        if not near:
            return None
        then = safe_date(min(near, key=lambda d: abs((d - pub).days)).year - years, month, day)
        if then is None:
            return None
        words = anniversary.group().strip()
        count = f"{years} year{'s' if years > 1 else ''}"
        why = f"month-day '{m['core']}' → {then}: '{words}' {count} before (publication {pub})"
        return self._found(m, ctx, then.isoformat(), "day", why, "named")

    def _year_said_with(self, m: re.Match[str], ctx: MatchContext) -> tuple[int, str] | None:
        """The year a month-day without one takes from the words around it: "(of) last year", "this year",
        "next year" after it (part of the match), or a possessive year before it ("last year's Feb. 6 vote",
        "1997's March 3 deadline"); with the words, for the reason."""
        pub = ctx.published
        assert pub is not None
        rel = m.groupdict().get("yrel")
        if rel:
            return pub.year + RELATIVE_YEARS[rel.lower()], f"{rel} year"
        before = POSSESSIVE_YEAR.search(ctx.text, max(0, m.start("core") - 20), m.start("core"))
        if before is None:
            return None
        if before["year"]:
            return int(before["year"]), before.group().strip()
        return pub.year + RELATIVE_YEARS[before["rel"].lower()], before.group().strip()

    def _on_week_of(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        """ "the week of March 3", "the week ending Feb. 6, 1998": the week holding that day (at month
        precision, as every week; its TIMEX3 value is the ISO week)."""
        day = self._on_month_day(m, ctx)
        if day is None:
            return None
        d = date.fromisoformat(day.value)
        monday = d - timedelta(days=d.weekday())
        value, precision, why = self._week(
            [monday + timedelta(days=i) for i in range(7)], f"'{m['core']}' ({day.reason}): the week"
        )
        return self._found(m, ctx, value, precision, why, day.year_from, timex=week_timex(d))

    def _on_edge_day(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        """The first or last day of a year or a month: "the first day of 1997", "the last day of the year",
        "1998's first day", "the first of next month", "the last day of March" (a day, not the year)."""
        pub = ctx.published
        first = m["edge"].lower() in ("first", "opening")
        groups = m.groupdict()
        what = f"the {'first' if first else 'last'} day of"
        if groups.get("e_year") or groups.get("e_mon_year"):
            year = int(groups.get("e_year") or groups["e_mon_year"])
            month = self.vocab.month_number(groups["e_mon"]) if groups.get("e_mon") else None
        elif pub is None:
            return None
        elif groups.get("e_mon"):
            month = self.vocab.month_number(groups["e_mon"])
            year = self._month(pub, month, *self._clue(ctx, m))
        else:
            rel = m["e_rel"].lower()
            offset = {"last": -1, "next": 1}.get(rel, 0)
            if m["e_unit"] == "year":
                year, month = pub.year + offset, None
                if rel == "the":  # "the first day of the year": this year's, or the next one ahead
                    d = date(year, 1, 1) if first else date(year, 12, 31)
                    direction = self._direction(ctx, m)
                    year += (
                        1
                        if direction == "future" and d < pub
                        else -1
                        if direction == "past" and d > pub
                        else 0
                    )
            else:
                year, month = add_months(pub.year, pub.month, offset)
                if rel == "the" and first and self._direction(ctx, m) == "future" and pub.day > 1:
                    year, month = add_months(year, month, 1)
        if month is None:
            d = date(year, 1, 1) if first else date(year, 12, 31)
        else:
            d = date(year, month, 1) if first else date(*add_months(year, month, 1), 1) - timedelta(days=1)
        return self._found(
            m,
            ctx,
            d.isoformat(),
            "day",
            f"'{m['core']}': {what} {iso_at(d, 'year' if month is None else 'month')} → {d}",
        )

    def _on_nth_weekday(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        """ "was held on the first Tuesday in November", "the last Sunday of March 1996": that day. With a
        simple present ("Elections are held on the first Sunday of May") it is the rule of a recurring day,
        no date (the month is read as before)."""
        nth = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "final": -1}[m["nth"].lower()]
        weekday = self.vocab.weekdays[m["nwd"].lower()]
        month = self.vocab.month_number(m["mon"])
        if m["year"]:
            named = nth_weekday(int(m["year"]), month, weekday, nth)
            return self._found(m, ctx, named.isoformat(), "day", f"'{m['core']}' → {named}", "named")
        pub = ctx.published
        if pub is None:
            return None
        hang = governor(ctx.spacy_doc, m.start("core"), m.end("core"), self._future_word)
        if hang is None or (hang.on_verb and hang.finite and hang.tense is None):
            return None  # no parse to tell, or "are held on the first Sunday of May": a rule, not a day
        direction, loose = self._clue(ctx, m)
        d = tensed_occurrence(pub, lambda year: nth_weekday(year, month, weekday, nth), direction, loose)
        if d is None:
            return None
        why = f"'{m['core']}' → {d}: {how_picked(direction, d, pub)} publication {pub}"
        return self._found(m, ctx, d.isoformat(), "day", why)

    def _on_day_last_year(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        """ "the same day last year", "this date a year ago": the publication's day a year back (a day, not
        last year)."""
        pub = ctx.published
        if pub is None:
            return None
        d = safe_date(pub.year - 1, pub.month, pub.day) or date(pub.year - 1, pub.month, 28)
        return self._found(
            m, ctx, d.isoformat(), "day", f"'{m['core']}': publication {pub} a year back → {d}"
        )

    def _on_quarter(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        """ "the third quarter", "the fourth quarter of 1997", "this year's first quarter": the year, at year
        precision, with the TIMEX3 quarter ("1997-Q4"). Without a year: the last such quarter begun by
        publication (earnings are reported after the quarter), the coming one where the context points ahead.
        An adjective ("third-quarter profit") is left out: TimeBank marks it now a date, now a duration."""
        pub = ctx.published
        n = QUARTERS[m["q"].lower()]
        year_word = m["q_year"] or m["q_pre_year"]
        rel = m["q_rel"] or m["q_pre_rel"]
        if year_word:
            year = int(year_word)
            why = f"quarter '{m['core']}'"
        elif pub is None:
            return None
        elif rel:
            year = pub.year + RELATIVE_YEARS[rel.lower()]
            why = f"quarter '{m['core']}' (publication {pub})"
        else:
            if self._direction(ctx, m) == "future":  # the one not yet over
                ends = [
                    date(*add_months(y, 3 * n, 1), 1) - timedelta(days=1) for y in (pub.year, pub.year + 1)
                ]
                year = next(d.year for d in ends if d >= pub)
                how = "the next one not over by"
            else:
                year = pub.year if date(pub.year, 3 * n - 2, 1) <= pub else pub.year - 1
                how = "the last one begun by"
            why = f"quarter '{m['core']}': {how} publication {pub}"
        timex = f"{year:04d}-Q{n}"
        return self._found(m, ctx, str(year), "year", f"{why} → {year}-Q{n} (year precision)", timex=timex)

    @staticmethod
    def _weekday_year(pub: date, month: int, day: int, weekday: int) -> date | None:
        """The occurrence of month-day nearest publication, within a year either side of its year, that
        falls on ``weekday`` ("Monday, Feb. 18" in a story published in March 2009 is 2008's)."""
        options = [
            d
            for year in (pub.year - 1, pub.year, pub.year + 1)
            if (d := safe_date(year, month, day)) is not None and d.weekday() == weekday
        ]
        return min(options, key=lambda d: abs((d - pub).days), default=None)

    def _on_month_year(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        value = f"{int(m['year']):04d}-{self.vocab.month_number(m['mon']):02d}"
        return self._found(m, ctx, value, "month", f"month and year '{m['core']}'", "named")

    def _target(self, m: re.Match[str], ctx: MatchContext) -> tuple[str, Precision, str] | None:
        pub = ctx.published
        if m["t_year"]:
            return m["t_year"], "year", f"the year {m['t_year']}"
        if m["t_mon"]:
            month = self.vocab.month_number(m["t_mon"])
            if m["t_mon_year"]:
                year = int(m["t_mon_year"])
            elif pub is None:
                return None
            elif m["t_mon_rel"]:
                year = pub.year + {"this": 0, "last": -1, "next": 1}[m["t_mon_rel"].lower()]
            else:
                year = self._month(pub, month, *self._clue(ctx, m))
            return f"{year:04d}-{month:02d}", "month", f"month {year:04d}-{month:02d}"
        rel = " ".join(m["t_rel"].lower().split())
        if pub is None or rel == "the previous":
            return None
        offset = {"last": -1, "next": 1, "the coming": 1}.get(rel, 0)
        unit = m["t_unit"]
        if unit == "year":
            return str(pub.year + offset), "year", f"year {pub.year + offset} ('{m['t_rel']} year')"
        if unit == "month":
            year, month = add_months(pub.year, pub.month, offset)
            return f"{year:04d}-{month:02d}", "month", f"month {year:04d}-{month:02d} ('{m['t_rel']} month')"
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=offset)
        return self._week([monday + timedelta(days=i) for i in range(7)], "week")

    def _on_period(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        groups = m.groupdict()
        position = groups.get("pos") or groups.get("adj") or ""
        target = self._target(m, ctx)
        if target is None:
            return None
        value, precision, what = target
        label = " ".join(position.lower().split())
        part = self.vocab.period_positions.get(label) or self.vocab.period_adjectives.get(label, label)
        timex = None
        if m["t_unit"] == "week" and ctx.published is not None:
            timex = week_timex(value_week(ctx.published, m["t_rel"]))
        elif precision == "year" and label in HALVES:  # "the second half of 1997": TIMEX3's 1997-H2
            timex = f"{value}-{HALVES[label]}"
        why = f"{part} part of {what} → {value} ({precision} precision)"
        return self._found(m, ctx, value, precision, why, timex=timex)

    def _on_relative_unit(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        pub = ctx.published
        if pub is None:
            return None
        if AGO_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start()):
            return None  # "several years ago this month": the anniversary of a time not known
        rel = " ".join((m.groupdict().get("rel") or "over the").lower().split())
        unit = m.groupdict().get("unit") or "weekend"
        offset = {"last": -1, "this past": -1, "next": 1, "this coming": 1}.get(rel, 0)
        if unit == "year":
            return self._found(
                m, ctx, str(pub.year + offset), "year", f"'{m['core']}' relative to publication {pub}"
            )
        if unit == "month":
            year, month = add_months(pub.year, pub.month, offset)
            value = f"{year:04d}-{month:02d}"
            return self._found(m, ctx, value, "month", f"'{m['core']}' relative to publication {pub}")
        if unit == "week":
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=offset)
            days = [monday + timedelta(days=i) for i in range(7)]
            if offset == 0:
                days = [d for d in days if d <= pub]
        else:
            saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
            in_weekend = pub.weekday() >= 5
            if offset < 0 and in_weekend:
                saturday -= timedelta(weeks=1)
            elif offset > 0 or (rel == "this" and not in_weekend):
                saturday += timedelta(weeks=1)
            days = [saturday, saturday + timedelta(days=1)]
        value, precision, why = self._week(days, f"'{m['core']}' (publication {pub}):")
        return self._found(
            m, ctx, value, precision, why, timex=week_timex(days[0], weekend=unit == "weekend")
        )

    def _on_this_day(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        """ "This is a historic day", "said it was a great day for Poland", "called it a sad day": the story's
        own day (said of the day the story tells)."""
        pub = ctx.published
        if pub is None:
            return None
        return self._found(m, ctx, pub.isoformat(), "day", f"'{m.group().strip()}': the story's day {pub}")

    def _on_elided_last(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        """ "twice as high this year as last", "more this month than last": the unit of the "this year" or
        "this month" before it in the sentence, one back."""
        pub = ctx.published
        before = ctx.text[max(0, m.start() - 80) : m.start()]
        cut = [e.end() for e in SENTENCE_END.finditer(before)]
        this = THIS_UNIT.findall(before[cut[-1] :] if cut else before)
        if pub is None or not this:
            return None
        unit = this[-1].lower()
        precision: Precision
        if unit == "year":
            value, precision = str(pub.year - 1), "year"
        else:
            year, month = add_months(pub.year, pub.month, -1)
            value, precision = f"{year:04d}-{month:02d}", "month"
        return self._found(
            m, ctx, value, precision, f"'{m['core']}' after 'this {unit}': last {unit} → {value}"
        )

    def _on_ago(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        pub = ctx.published
        if pub is None or m["unit"] == "decade":
            return None  # "four decades ago" names no year
        word = " ".join(m["n"].lower().split())
        vague = word in self.vocab.vague_numbers
        n = (
            int(word)
            if word.isdigit()
            else (
                self.vocab.vague_numbers.get(word)
                or self.vocab.numbers.get(word)
                or self.vocab.spelled_numbers[word.lower().replace("-", " ")]
            )
        )
        unit = m["unit"]
        if vague and not self._vague_span_agrees(pub, unit, n):
            return None  # "several years ago", "a few days ago" on the 2nd: no one value the span agrees on
        precision: Precision
        if unit in ("day", "week"):
            d = pub - timedelta(days=n * (7 if unit == "week" else 1))
            precision = "day" if unit == "day" and not vague else "month"
        elif unit == "month":
            year, month = add_months(pub.year, pub.month, -n)
            d, precision = date(year, month, 1), "year" if vague else "month"
        else:
            d, precision = date(pub.year - n, 1, 1), "year"
        same = " ".join((m["same"] or "").lower().split())
        if same and unit in ("month", "year") and not vague:
            # "50 years ago this month", "ten years ago today": the anniversary, that many years back
            day = pub - timedelta(days=1) if same == "yesterday" else pub
            year, month = (day.year - n, day.month) if unit == "year" else add_months(day.year, day.month, -n)
            d = safe_date(year, month, day.day) or date(year, month, 28)
            precision = "month" if same.startswith("this") else "day"
        elif same in ("today", "yesterday") and unit == "week" and not vague:
            # "a week ago today", "two weeks ago yesterday": that day, not its week
            d = pub - timedelta(days=7 * n + (1 if same == "yesterday" else 0))
            precision = "day"
        note = " (approximate count)" if vague else ""
        timex = week_timex(d) if unit == "week" and not vague and precision != "day" else None
        found = self._found(
            m,
            ctx,
            iso_at(d, precision),
            precision,
            f"'{m['core']}' before publication {pub}{note}",
            timex=timex,
        )
        if not vague and unit in ("month", "year"):
            found.back = (unit, n)
        return found

    @staticmethod
    def _vague_span_agrees(pub: date, unit: str, n: int) -> bool:
        """Whether an approximate count ("a few", "several": ``n``, read as 2 to 2n units back) falls in one
        month (days, weeks) or one year (months) whatever the count; years counted so are never one year."""
        if unit == "year":
            return False
        if unit == "month":
            return add_months(pub.year, pub.month, -2)[0] == add_months(pub.year, pub.month, -2 * n)[0]
        step = 7 if unit == "week" else 1
        near, far = pub - timedelta(days=2 * step), pub - timedelta(days=2 * n * step)
        return (near.year, near.month) == (far.year, far.month)

    def _on_day_word(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        pub = ctx.published
        if pub is None:
            return None
        word = (m["db"] or m["word"] or m["part"]).lower()
        if AGO_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start()):
            return None  # "several years ago today": the anniversary of a time not known
        if (
            m["word"] in ("Today", "Tonight")
            and m.start("word") == m.start("core")
            and not at_sentence_start(ctx.text, m.start())
        ):
            return None  # a name ("USA Today", "World News Tonight"), not the day
        offset = {"before yesterday": -2, "after tomorrow": 2, "yesterday": -1, "tomorrow": 1}.get(word, 0)
        if word.startswith("last"):
            offset = -1
        d = pub + timedelta(days=offset)
        return self._found(m, ctx, d.isoformat(), "day", f"'{m['core']}' relative to publication {pub}")

    def _on_weekday(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        pub = ctx.published
        at = m.start("core")
        anaphoric = weekday_anaphor(self._weekday_det, ctx.text, at) if not m["rel"] else None
        if anaphoric or (m["rel"] and re.search(r"\b[Tt]he\s+$", ctx.text[max(0, at - 5) : at])):
            return None  # "the next Friday", "that Friday": the story's week (see the anaphora)
        if not m["rel"] and the_weekday_then(ctx.text, at, m.end("core")) is not None:
            return None  # "the Saturday before that": counted from the story's day (see the anaphora)
        context = ctx.cue or m["prep"] or m["rel"]
        if not context and self._weekday_in_name(m, ctx):
            return None  # part of a name: "Good Friday", "Sunday Times"
        if self._generic_day(ctx.text, m.end("core")):
            return None  # "a Sunday school teacher", "the Sunday edition": a kind of thing
        if not m["rel"] and NTH_WEEKDAY.search(ctx.text, max(0, at - 16), at):
            return None  # "the first Tuesday in September", "the last Friday of the month": not this week's
        if pub is None:
            return None
        target = self.vocab.weekdays[m["wd"].lower()]
        nth = NTH_DAY_AFTER.match(ctx.text, m.end("core")) if not m["rel"] else None
        if nth is not None:
            return self._weekday_the_nth(m, ctx, pub, target, int(nth["day"]), nth.end())
        rel = " ".join((m["rel"] or "").lower().split())
        back = (pub.weekday() - target) % 7
        ahead = (target - pub.weekday()) % 7
        if rel in ("last", "this past"):
            d, how = pub - timedelta(days=back or 7), "the one before"
        elif rel == "next" and pub.weekday() < target:
            # "next Thursday" written on a Wednesday: the Thursday of next week ("Thursday" alone is tomorrow)
            d, how = pub + timedelta(days=ahead + 7), "the one in the week after that of"
        elif rel in ("next", "this coming"):
            d, how = pub + timedelta(days=ahead or 7), "the one after"
        elif not rel and self._overtaken_plan(ctx, at):
            # "The signing had been set for Tuesday": a plan the story has overtaken, for the nearest such day
            d = pub - timedelta(days=back) if back <= ahead else pub + timedelta(days=ahead)
            how = "the nearest one (a plan in the past perfect) to"
        elif (direction := self._direction(ctx, m)) == "future":
            d, how = pub + timedelta(days=ahead), "the next one on or after (future context)"
        elif direction is None and self._arranged(ctx, m):
            d, how = pub + timedelta(days=ahead), "the next one on or after (a present tense: an arrangement)"
        else:
            d, how = pub - timedelta(days=back), "the most recent one on or before"
        return self._found(
            m, ctx, d.isoformat(), "day", f"weekday '{m['core']}' → {d}: {how} publication {pub}"
        )

    def _weekday_the_nth(
        self, m: re.Match[str], ctx: MatchContext, pub: date, weekday: int, day: int, end: int
    ) -> Found | None:
        """ "Friday the 13th": the nearest day of the month ``day`` that falls on the weekday, on or before
        publication (after it where the context points ahead)."""
        step = 1 if self._direction(ctx, m) == "future" else -1
        year, month = pub.year, pub.month
        for _ in range(15):
            d = safe_date(year, month, day)
            if d is not None and d.weekday() == weekday and (d >= pub if step > 0 else d <= pub):
                found = self._found(
                    m,
                    ctx,
                    d.isoformat(),
                    "day",
                    f"'{ctx.text[m.start('core') : end]}' → {d}: the nearest such day",
                )
                found.end = end
                return found
            year, month = add_months(year, month, step)
        return None

    def _overtaken_plan(self, ctx: MatchContext, core: int) -> bool:
        """Whether a weekday is what a plan in the past perfect was set for ("which had been set for Tuesday",
        "had been scheduled for Friday, but was moved up"): the day is near, either side of publication."""
        scheduled = self._scheduled.search(ctx.text, max(0, core - 40), core)
        return (
            scheduled is not None
            and " ".join(scheduled["verb"].lower().split()) in self.vocab.plan_verbs
            and PAST_PERFECT.search(ctx.text, max(0, scheduled.start() - 30), scheduled.start()) is not None
        )

    def _arranged(self, ctx: MatchContext, m: re.Match[str]) -> bool:
        """Whether the weekday modifies a simple present ("Voting begins Sunday", "The funeral is
        Saturday"): news uses it for what is arranged, so the day is ahead."""
        hang = governor(ctx.spacy_doc, m.start("core"), m.end("core"), self._future_word)
        return hang is not None and hang.present

    def _weekday_in_name(self, m: re.Match[str], ctx: MatchContext) -> bool:
        """Whether a weekday without a preposition is part of a name rather than a day.

        A capitalised word before it from ``weekday_name_words`` ("Good Friday", "Super Tuesday") makes a
        name; so does the parse putting it inside a longer entity that is not a date ("The Sunday Times"),
        or, without a parse, a capitalised word after it. A place or a name before it ("in Miami
        Wednesday", "Iran Saturday condemned") does not.
        """
        text = ctx.text
        before = re.search(r"([A-Z][a-z]+)\s+$", text[max(0, m.start() - 20) : m.start()])
        if before and before.group(1).lower() in self.vocab.weekday_name_words:
            return True
        span = ctx.spacy_doc.char_span(m.start("wd"), m.end("wd")) if ctx.spacy_doc is not None else None
        if span is None or len(span) != 1:
            return re.match(r"\s[A-Z]", text[m.end("core") : m.end("core") + 2]) is not None
        token = span[0]
        if token.ent_type_ in ("", "DATE", "TIME"):
            return False
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return token.ent_iob_ == "I" or (following is not None and following.ent_iob_ == "I")

    def _on_ordinal_day(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        pub = ctx.published
        day = int(m["day"])
        if not (ctx.cue or m["prep"]) or pub is None or not 1 <= day <= 31:
            return None
        nxt = re.match(r"\s*([A-Za-z]+|\S)?", ctx.text[m.end("core") :])
        following = nxt.group(1) if nxt else None
        if following and following[0].isalpha() and following.lower() not in self.vocab.ordinal_day_followers:
            return None  # "the 20th century", "the 38th parallel"
        if m["rel"]:
            offset = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
            step = 0
        else:
            future = self._future(ctx, m)
            offset = (1 if day < pub.day else 0) if future else (-1 if day > pub.day else 0)
            step = 1 if future else -1
        year, month = add_months(pub.year, pub.month, offset)
        d = safe_date(year, month, day)
        if d is None and step:
            year, month = add_months(year, month, step)
            d = safe_date(year, month, day)
        if d is None:
            return None
        return self._found(
            m, ctx, d.isoformat(), "day", f"day of month '{m['core']}' → {d} (publication {pub})"
        )

    def _on_month(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        pub = ctx.published
        if pub is None:
            return None
        led = ctx.cue or m["prep"] or m["pre_rel"] or m["rel"]
        if not (led or ctx.lower_case or self._month_listed(ctx.text, m)):
            # a bare month: the parse's DATE entity, if any (in a text in lower case, where the parse finds
            # none, a month's name is one: "may" and "march" are only read there before a number)
            return None
        if tagged_as_verb(ctx.spacy_doc, m.start("mon"), m.end("mon")):
            return None
        if (m["prep"] or "").lower() == "the" and EVENT_NAME_AFTER.match(ctx.text, m.end("core")):
            return None  # "the March on Washington", "the March for Babies": an event's name
        month = self.vocab.month_number(m["mon"])
        pre = " ".join((m["pre_rel"] or "").lower().split())
        direction: Direction = None
        if m["rel"]:
            year = pub.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
        elif pre in ("last", "this past"):
            # "last February" in March is a year back: the month just ended is "last month" (or "this past
            # February"); "last June" in October is this year's
            just_ended = pre == "last" and month == pub.month - 1
            year = pub.year if month < pub.month and not just_ended else pub.year - 1
        elif pre in ("next", "this coming"):
            year = pub.year if month > pub.month else pub.year + 1
        elif pre == "this":
            year = pub.year
        else:
            direction, loose = self._clue(ctx, m)
            year = self._month(pub, month, direction, loose)
        value = f"{year:04d}-{month:02d}"
        partial: YearFrom = "partial" if not (m["rel"] or pre) and direction != "future" else "other"
        if pre and pre != "this":
            # "last December" names its year as surely as "December 2015": the same month named later in the
            # story without a word of its own ("since that day in December") is that one
            partial = "named"
        clue = f"{direction} tense clue, " if direction else ""
        return self._found(
            m, ctx, value, "month", f"month '{m['core']}' → {value} ({clue}publication {pub})", partial
        )

    def _month_listed(self, text: str, m: re.Match[str]) -> bool:
        """A bare month that is one of a list led by a preposition ("in both June and July", "in May, June
        and July"): each month of the list is a date, as the first is."""
        if m["mon"].lower() in self.vocab.lower_case_months_with_number and not LIST_END.match(
            text, m.end("mon")
        ):
            return False  # "met in June and May said": a name ("May", "March") ends a list only before a stop
        return self._month_list.search(text, max(0, m.start("mon") - 80), m.start("mon")) is not None

    def _on_year_end(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        """ "by year's end", "at year-end 1988": the year (its end is no day TimeBank or news names)."""
        if m["year"]:
            return self._found(m, ctx, m["year"], "year", f"the end of year {m['year']}")
        if ctx.published is None:
            return None
        pub = ctx.published
        if pub.month <= 3 and self._direction(ctx, m) == "past":  # "debt stood at ... at year-end" in January
            return self._found(
                m, ctx, str(pub.year - 1), "year", f"'{m['core']}': the end of the year before {pub}"
            )
        return self._found(
            m, ctx, str(pub.year), "year", f"'{m['core']}': the end of publication year {pub.year}"
        )

    def _on_season(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        first, last = self.vocab.seasons[m["season"].lower()]
        season = SEASON_CODES.get(m["season"].lower())
        pub = ctx.published
        if m["year"]:
            year = int(m["year"])
            why = f"season '{m['core']}' → year {m['year']}"
        elif pub is not None and m["srel"]:  # "the spring of next year"
            year = pub.year + RELATIVE_YEARS[m["srel"].lower()]
            why = f"season '{m['core']}' → year {year} (publication {pub})"
        elif not m["rel"] or pub is None:
            return None
        else:
            rel = " ".join(m["rel"].lower().split())
            wraps = first > last  # winter: the year of its January
            if rel in ("last", "this past"):
                year = pub.year if pub.month > last and not (wraps and pub.month == 12) else pub.year - 1
                year = pub.year if wraps and pub.month > last else year
            elif rel in ("next", "this coming"):
                year = pub.year if pub.month < first else pub.year + 1
                year = year + 1 if wraps else year
            else:
                year = pub.year
            why = f"season '{m['core']}' → year {year} (publication {pub})"
        timex = f"{year:04d}-{season}" if season else None
        return self._found(m, ctx, str(year), "year", why, timex=timex)

    def _on_year(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        named = m.start("year") > m.start("core")  # "the year 2000": a year whatever follows
        if not named and self._a_number(
            ctx.text, m.start(), m.end("core"), int(m["year"]), ctx.cue is not None
        ):
            return None
        return self._found(m, ctx, m["year"], "year", f"year '{m['core']}'")

    def _a_number(self, text: str, start: int, end: int, year: int, cued: bool = False) -> bool:
        """Whether a year-like number at ``start:end`` is a number, not a year: after a label ("Resolution
        2019"), a count ("about 2000 people", "sent 2000 soldiers", "rose to 2050 points": a plural noun
        after it and no determiner, time preposition or sentence start before it), a number of a larger unit
        ("1989 million shares", "the 1900 block") or a time of day ("at 1900 GMT")."""
        before = re.findall(r"[\w$'.]+", text[max(0, start - 30) : start])
        last = before[-1] if before else ""
        prev = last.lower().rstrip(".")
        if prev in self.vocab.number_labels:
            return True  # "Resolution 2019", "Flight 2020"
        nxt = re.match(r"\s+([A-Za-z]+)\b", text[end:])
        word = nxt.group(1) if nxt else ""
        if word.lower() in self.vocab.clock_words or word in self.vocab.number_followers:
            return True  # "at 1900 GMT", "1989 million shares", "the 1900 block of Main Street"
        counted = word.islower() and word not in self.vocab.ordinal_day_followers
        if counted and prev in self.vocab.quantity_cues:
            return True  # "about 2000 people"
        dated = prev in self.vocab.month_prepositions or cued
        if not dated and self._street.match(text, end):
            return True  # "at 2031 Monument Ave.": a house number ("In 1998 Main Street was paved": a year)
        if not counted or dated or text[max(0, start - 1) : start] == "-":
            return False  # "post-1959 exiles": a year
        plural = (
            word.endswith("s") and not word.endswith("ss") and word not in self.vocab.not_plurals
        ) or word in self.vocab.count_nouns
        if year % 50 == 0 and plural:
            return True  # "2000 troops"
        opens = not last or last.endswith(".") or not re.search(r"[A-Za-z]", last)
        named = prev in self.vocab.year_determiners or prev.endswith(("'s", "’s"))
        return plural and not opens and not named  # "sent 1990 soldiers"; not "the 1998 elections"

    def _generic_day(self, text: str, end: int) -> bool:
        """Whether the noun after a holiday or weekday ending at ``end`` makes it a kind of thing rather than
        one day ("the Christmas shopping season", "Easter candy", "the Sunday edition")."""
        nxt = re.match(r"\s+([a-z]+)\b", text[end : end + 20])
        return nxt is not None and nxt.group(1) in self.vocab.generic_day_followers

    def _on_holiday(self, m: re.Match[str], ctx: MatchContext) -> Found | None:
        name = m["holiday"]
        if self._generic_day(ctx.text, m.end("core")):
            return None  # "Christmas sales", "the Christmas season": a kind of thing, not the day
        if m["year"]:
            d = self.vocab.holiday(name, int(m["year"]))
            return (
                None
                if d is None
                else self._found(m, ctx, d.isoformat(), "day", f"holiday '{m['core']}' → {d}")
            )
        pub = ctx.published
        if pub is None:
            return None
        direction, loose = self._clue(ctx, m)
        d = tensed_occurrence(pub, lambda year: self.vocab.holiday(name, year), direction, loose)
        if d is None:
            return None
        return self._found(
            m,
            ctx,
            d.isoformat(),
            "day",
            f"holiday '{m['core']}' → {d}: {how_picked(direction, d, pub)} publication {pub}",
        )

    def _on_year_range(self, m: re.Match[str], ctx: MatchContext) -> list[Found] | None:
        """ "2018-2019", "1998-99", "2018/19": two years, the first starting a range."""
        first = int(m["y1"])
        second = int(m["y2"]) if len(m["y2"]) == 4 else first // 100 * 100 + int(m["y2"])
        if len(m["y2"]) == 2 and second <= first:
            second += 100
        if not 0 < second - first <= 30:
            return None  # "2019-10" is a month, "1990-2090" no range of news
        why = f"year range '{m['core']}'"
        return [
            Found(m.start("y1"), m.end("y1"), str(first), "year", f"{why}: starts in {first}", "range_start"),
            Found(m.start("y2"), m.end("y2"), str(second), "year", f"{why}: ends in {second}", "point"),
        ]

    def _on_month_range(self, m: re.Match[str], ctx: MatchContext) -> list[Found] | None:
        """ "from March to May", "between June and August 2019", "March-May": two months, the first
        starting a range; the years come from the text, else the end month resolves like a month."""
        first, last = self.vocab.month_number(m["m1"]), self.vocab.month_number(m["m2"])
        if m["y2"]:
            year2 = int(m["y2"])
        elif m["y1"]:
            year2 = int(m["y1"]) + (last < first)
        elif ctx.published is not None:
            year2 = self._month(ctx.published, last, *self._clue(ctx, m))
        else:
            return None
        year1 = int(m["y1"]) if m["y1"] else year2 - (first > last)
        why = f"month range '{m.group()}'"
        start = m.start("open") if m.groupdict().get("open") else m.start("m1")
        end1 = m.end("y1") if m["y1"] else m.end("m1")
        end2 = m.end("y2") if m["y2"] else m.end("m2")
        v1, v2 = f"{year1:04d}-{first:02d}", f"{year2:04d}-{last:02d}"
        return [
            Found(start, end1, v1, "month", f"{why}: starts in {v1}", "range_start"),
            Found(m.start("m2"), end2, v2, "month", f"{why}: ends in {v2}", "point"),
        ]

    def _on_day_range(self, m: re.Match[str], ctx: MatchContext) -> list[Found] | None:
        """ "Sept. 28-29, 1998": two days of the year written after the second, the first starting a range."""
        month, year = self.vocab.month_number(m["mon"]), int(m["year"])
        first, last = safe_date(year, month, int(m["d1"])), safe_date(year, month, int(m["d2"]))
        if first is None or last is None or last <= first:
            return None
        why = f"day range '{m['core']}'"
        start = Found(
            m.start("core"), m.end("d1"), first.isoformat(), "day", f"{why}: starts {first}", "range_start"
        )
        end = Found(m.start("d2"), m.end("year"), last.isoformat(), "day", f"{why}: ends {last}", "point")
        start.year_from = end.year_from = "named"
        return [start, end]

    # ------------------------------------------------------------------ entities, ranges, countdowns

    def _countdown_date(self, m: re.Match[str]) -> date | None:
        word = " ".join(m["n"].lower().split())
        n = (
            int(word)
            if word.isdigit()
            else (self.vocab.numbers.get(word) or self.vocab.vague_numbers.get(word))
        )
        if n is None:
            return None
        year = int(m["year"])
        base = date(year, 12, 31) if (m["in"] or m["edge"]) else date(year, 1, 1)
        if m["unit"] == "month":
            y, mo = add_months(base.year, base.month, -n)
            return safe_date(y, mo, base.day) or date(y, mo, 28)
        return base - timedelta(days=n * (7 if m["unit"] == "week" else 1))


# --------------------------------------------------------------------------- module helpers


def week_timex(day: date, weekend: bool = False) -> str:
    """The TIMEX3 value of the ISO week holding ``day`` ("1998-W06"), or of its weekend ("1998-W06-WE")."""
    iso = day.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}" + ("-WE" if weekend else "")


def value_week(pub: date, rel: str) -> date:
    """The Monday of the week "this", "last", "next" (or "the", "the coming", ...) week names."""
    offset = {"last": -1, "next": 1, "the coming": 1}.get(" ".join(rel.lower().split()), 0)
    return pub - timedelta(days=pub.weekday()) + timedelta(weeks=offset)


def _first_of(days: list[date], month: tuple[int, int]) -> date:
    return next(d for d in days if (d.year, d.month) == month)


def _past_marker(window: str, m: re.Match[str]) -> bool:
    """A word that marks the past: not "indeed", not a passive after "be" ("will be held")."""
    return m.group() not in NOT_PAST_ED and not re.search(r"\bbe\s+$", window[: m.start()])


def at_sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip(" \t\"“‘'(`")
    return not before or before[-1] in ".!?\n:"


def tagged_as_verb(spacy_doc: Any, start: int, end: int) -> bool:
    """True when the parse reads a month-like word as a verb or modal ("May", "March")."""
    if spacy_doc is None:
        return False
    span = spacy_doc.char_span(start, end)
    return bool(
        span is not None and len(span) == 1 and (span[0].tag_ == "MD" or span[0].pos_ in ("AUX", "VERB"))
    )
