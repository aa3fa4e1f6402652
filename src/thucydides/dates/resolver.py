"""Date expressions: find them in text and resolve them against the publication date.

The stage :class:`DateResolver` reads ``doc.text``, ``doc.nlp`` (the spaCy Doc, may be
``None``), ``doc.published`` and ``doc.body_end`` and fills ``doc.dates`` with
:class:`~thucydides.record.DateMention` records, sorted by start and non-overlapping.

How expressions are found, in order of trust:

1. Regular expressions built from the vocabulary in ``data/dates.yaml`` (explicit dates,
   partial dates, relative expressions, holidays, ranges, deadlines and range starts).
2. spaCy ``DATE`` entities that no pattern covered, parsed by dateparser (always with
   ``languages=["en"]``, ``RELATIVE_BASE`` = publication date, ``PREFER_DATES_FROM="past"``).

Conventions (news usage):

* A partial date ("the 20th", "October", "Saturday") is the most recent one on or before
  publication, unless a tense clue near it ("will", "scheduled", ...) or a deadline cue ("by",
  "until") points to the future; then it is the next one. A month and day without a year and
  without a tense clue ("payable Dec. 1") is the nearest one: news style leaves the year out of
  dates of the current year.
* "last week", "this week", "next week", "the week of March 3" and weekends get *month* precision:
  the month that holds most of the week's days (a week is never a day); seasons, halves of a year and
  quarters ("the third quarter") get *year* precision. Each keeps its TIMEX3 value beside
  (``DateMention.timex``: ``1998-W06``, ``1998-W06-WE``, ``1997-SU``, ``1997-H2``, ``1997-Q3``).
* Vague references ("recently", "now", "in recent weeks") are not calendar dates (TimeBank's
  PAST_REF and PRESENT_REF): an event they date keeps the publication date at ``publication``
  precision. So are spans counted in decades ("four decades ago").
* Dates that refer to another date of the story ("that year", "the next day", "a year
  earlier") take their value from it (see :mod:`thucydides.dates.anaphora`).
* Durations ("two years", "a month") are not dates and are omitted; so are relative
  expressions when no publication date is known: a year is never invented.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from thucydides.dates.anaphora import Anaphora, weekday_determiner
from thucydides.dates.found import Found, Kind
from thucydides.dates.guard import compile_guarded, required_strings
from thucydides.dates.handlers import (
    ANNIVERSARY_BEFORE,
    DURATION_WORD,
    EVENT_NAME_AFTER,
    NUMERIC_DATE,
    YEAR,
    ExpressionHandlers,
    Handler,
    MatchContext,
)
from thucydides.dates.story import (
    coordinated_with_named,
    days_from_dates,
    mark_ranges,
    on_the_verb_of_a_named_year,
    weekday_in_apposition,
    weekday_with_its_date,
    years_named_in_story,
)
from thucydides.dates.vocabulary import (
    DateVocabulary,
    alternation,
    iso_at,
    load_date_vocabulary,
    safe_date,
    titled,
)
from thucydides.record import DateMention, Document, Precision

TAIL = 40  # how far after its anchor a match may end (see ``_near_anchors``)
DECADE_AFTER = re.compile(r"(?<=0)['’]?s\b")  # after a year's digits: a decade ("1990's", "1980s")
SENTENCE_START = re.compile(r"(?:^|[.!?][\"'”’)]*[ \t]+|\n\s*)([^\W\d_])", re.MULTILINE)
DATELINE_DAYS = 3  # a dateline this near the publication date gives the story's own date


class DateResolver(ExpressionHandlers):
    """Stage: date expressions → :class:`DateMention` values with precision and kind.

    Reads ``doc.text``, ``doc.nlp`` (spaCy Doc or ``None``), ``doc.published`` and
    ``doc.body_end``; fills ``doc.dates`` (sorted by start, non-overlapping). It does not
    set ``doc.published``: the caller uses :func:`find_dateline_date` and
    :func:`infer_publication_date` for that and records how the date was found.
    """

    def __init__(self, vocabulary: DateVocabulary | None = None) -> None:
        self.vocab = vocabulary or load_date_vocabulary()
        self._build_patterns()
        self._anaphora = Anaphora(self.vocab)

    # ------------------------------------------------------------------ public interface

    def __call__(self, doc: Document) -> Document:
        doc.dates = self.find(doc.text, doc.published, doc.nlp, doc.body_end)
        return doc

    def find(
        self, text: str, published: date | None, spacy_doc: Any = None, end: int | None = None
    ) -> list[DateMention]:
        """Find and resolve the date expressions of ``text[:end]``.

        Args:
            text: the article text; offsets point into it.
            published: the publication date partial and relative dates resolve against;
                ``None`` keeps only expressions that carry their own year.
            spacy_doc: the parsed text (optional); its DATE entities are extra candidates.
            end: where the article ends (page furniture after it is ignored).

        Returns:
            Date mentions sorted by start, non-overlapping (the longest expression wins).
        """
        if isinstance(published, datetime):
            published = published.date()
        given = published
        written = text
        lower_case = written_in_lower_case(text)
        if lower_case:  # its month and weekday names capitalised, as the patterns read them
            text = self._lower_names.sub(lambda m: m.group().capitalize(), text)
        published = self._story_date(text, published)
        stop = len(text) if end is None else min(end, len(text))
        ctx = MatchContext(text, published, spacy_doc, lower_case=lower_case)
        found: list[Found] = []
        window = text if stop == len(text) else text[:stop]
        for rank, (pattern, handler) in enumerate(self._patterns):
            needs = self._needs[rank]
            if needs is not None and not any(s in window for s in needs):
                continue  # every match holds one of these strings: the text has no match
            takes_cue = self._takes_cue[rank]
            anchored = self._anchors.get(handler)
            matches = (
                pattern.finditer(text, 0, stop)
                if anchored is None
                else _near_anchors(pattern, anchored, text, stop)
            )
            for match in matches:
                ctx.cue = self._cue_of(match, text) if takes_cue else None
                try:
                    hit = handler(match, ctx)
                except OverflowError:  # "yesterday" published on 0001-01-01: before the calendar starts
                    continue
                for one in hit if isinstance(hit, list) else () if hit is None else (hit,):
                    if self._a_set(text, one.start, one.end):
                        continue  # "every Friday", "each March": a set of dates, not one
                    one.rank = rank
                    found.append(one)
        chosen = _without_overlaps(found)
        if spacy_doc is not None:
            chosen = _without_overlaps(chosen + self._from_entities(ctx, chosen, stop))
        weekday_with_its_date(text, chosen, self.vocab.weekdays, published)
        years_named_in_story(text, chosen)
        coordinated_with_named(text, chosen, spacy_doc)
        on_the_verb_of_a_named_year(text, chosen, spacy_doc)
        days_from_dates(text, chosen, self.vocab.numbers)
        weekday_in_apposition(text, chosen, self.vocab.weekdays)
        try:
            anaphors = self._anaphora.resolve(text, stop, chosen, published)
        except OverflowError:  # "the next day" at the end of the calendar
            anaphors = []
        if anaphors:  # "September of that year" takes the place of "September"
            chosen = [f for f in chosen if not any(a.start <= f.start and f.end <= a.end for a in anaphors)]
        chosen = sorted(chosen + anaphors, key=lambda f: f.start)
        mark_ranges(text, chosen)
        if published != given:
            for f in chosen:
                f.reason = f.reason.replace(
                    f"publication {published}", f"the dateline's {published} (the document is dated {given})"
                )
        return [
            DateMention(
                f.start,
                f.end,
                written[f.start : f.end],
                f.value,
                f.precision,
                f"{f.reason} [TIMEX3 {f.timex}]" if f.timex else f.reason,
                f.kind,
                f.timex,
            )
            for f in chosen
        ]

    def _story_date(self, text: str, published: date | None) -> date | None:
        """The date relative expressions count from: a wire dateline's date when it lies within
        ``DATELINE_DAYS`` of the publication date ("WASHINGTON, March 12 (Wire) --" in a document dated
        March 13: "Friday" and "today" are the story's, March 12), else the publication date."""
        if published is None:
            return None
        head = text.lstrip()[:400]
        match = self._dateline.match(head)
        if match is None:
            return published
        month = self.vocab.month_number(match["mon"] or match["dmon"])
        day = int(match["day"] or match["dday"])
        year = match["year"] or match["dyear"]
        years = [int(year)] if year else [published.year - 1, published.year, published.year + 1]
        options = [d for y in years if (d := safe_date(y, month, day)) is not None]
        best = min(options, key=lambda d: abs((d - published).days), default=None)
        if best is None or abs((best - published).days) > DATELINE_DAYS:
            return published
        return best

    def dateline_date(self, text: str, near: date | None = None) -> date | None:
        """See :func:`find_dateline_date`."""
        head = text.lstrip()[:400]
        offset = len(text) - len(text.lstrip())
        match = self._dateline.match(head) or self._labelled_date.search(head)
        if match is None:
            return None
        month = self.vocab.month_number(match["mon"] or match["dmon"])
        day = int(match["day"] or match["dday"])
        year = match["year"] or match["dyear"]
        if year:
            return safe_date(int(year), month, day)
        anchor = self.infer_publication_date(text[offset + match.end() :]) or near
        if anchor is None:
            return None
        options = [
            d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := safe_date(y, month, day))
        ]
        return min(options, key=lambda d: abs((d - anchor).days)) if options else None

    def infer_publication_date(self, text: str) -> date | None:
        """See :func:`infer_publication_date`."""
        estimate: date | None = None
        for match in self._countdown.finditer(text):
            guess = self._countdown_date(match)
            if guess is not None and (estimate is None or guess > estimate):
                estimate = guess
        latest: date | None = None
        for mention in self.find(text, None):
            if mention.precision != "day" or mention.kind != "point":
                continue
            if self._tense(text, mention.start, mention.end) == "future":
                continue
            if latest is None or mention.as_date > latest:
                latest = mention.as_date
        if estimate is not None and (latest is None or latest <= estimate):
            return estimate
        return latest

    # ------------------------------------------------------------------ patterns

    def _build_patterns(self) -> None:
        v = self.vocab
        month_full = titled(v.months)
        month_any = rf"(?:{month_full}\b|{titled(v.abbreviations)}\b\.?)"
        weekday = titled(v.weekdays)
        cue = alternation([*v.deadline_cues, *v.range_start_cues])
        number = alternation([*v.numbers, *v.vague_numbers])
        rel3 = alternation(["this", "last", "next"])
        rel5 = alternation(["this", "last", "next", "this past", "this coming"])
        rel_the = alternation(["this", "last", "next", "the", "the current", "the coming", "the previous"])
        target = (
            rf"(?:(?P<t_mon>{month_any})(?:,?\s+(?:of\s+)?(?P<t_mon_year>{YEAR})"
            rf"|\s+(?P<t_mon_rel>{rel3})\s+year)?"
            rf"|(?P<t_year>{YEAR})"
            rf"|(?P<t_rel>{rel_the})"
            r"\s+(?P<t_unit>year|month|week)\b)"
        )
        wd_opt = rf"(?:(?P<wdn>{weekday}),?\s+)?"
        holidays = sorted(v.holidays, key=len, reverse=True)
        holiday_names = "(?:" + "|".join(_name_pattern(h) for h in holidays) + ")"
        day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
        spelled_days = _words(v.spelled_days)
        spelled = _words(v.spelled_numbers)
        edge = alternation(["first", "last", "final", "opening", "closing"])
        quarter = alternation(["first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th"])
        month_range_end = rf"(?P<m2>{month_full})\b(?!\.?\s*\d{{1,2}}\b(?!\d))(?:,?\s+(?P<y2>{YEAR}))?"
        specs: list[tuple[str, Handler]] = [
            (
                rf"(?<![\w$€£#.,/:-])(?P<core>(?P<y1>{YEAR})\s*[-–—/]\s*(?P<y2>{YEAR}|\d\d)(?![\d%-]|[.,]\d))",
                self._on_year_range,
            ),
            (
                rf"(?P<open>[Ff]rom|[Bb]etween)\s+(?P<core>(?P<m1>{month_full})(?:,?\s+(?P<y1>{YEAR}))?"
                rf"\s+(?:to|and|until|till|through|-|–)\s+{month_range_end})",
                self._on_month_range,
            ),
            (
                rf"(?P<core>(?P<m1>{month_full})(?P<y1>)\s*[-–]\s*{month_range_end})",
                self._on_month_range,
            ),
            (
                rf"(?<![\d/.-])(?P<core>(?P<y>{YEAR})(?P<sep>[-/])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}}))"
                r"(?![\d/-])",
                self._on_iso,
            ),
            (
                r"(?<![\d/.-])(?P<core>(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d\d))(?![\d/])",
                self._on_numeric,
            ),
            (
                rf"(?:(?<![\w-])(?P<prep>{alternation(v.month_prepositions)})\s+)?"
                rf"(?P<core>(?:(?P<mon>{month_full})\s+)?['’](?P<yy>\d\d))(?![\w'’%])",
                self._on_short_year,
            ),
            (
                rf"(?P<core>(?P<mon>{month_any})(?:\s+|(?<=\.))(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*[-–]\s*"
                rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(?P<year>{YEAR}))",
                self._on_day_range,
            ),
            (
                rf"(?P<core>[Tt]he\s+week\s+(?:of|starting|beginning|ending|ended)\s+(?P<mon>{month_any})"
                rf"(?:\s+|(?<=\.)){day}(?![\d:%])(?:(?:\s*,\s*|\s+)(?P<year>{YEAR}))?)",
                self._on_week_of,
            ),
            (
                rf"(?P<core>{wd_opt}(?P<mon>{month_any})(?:\s+|(?<=\.))(?:the\s+(?=\d{{1,2}}(?:st|nd|rd|th)\b))?"
                rf"{day}(?![\d:%])(?:(?:\s*,\s*|\s+(?:of\s+)?)(?P<year>{YEAR})"
                rf"|,?\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year\b(?!['’]))?)",
                self._on_month_day,
            ),
            (
                rf"(?<![\d,.])(?P<core>{wd_opt}(?:the\s+)?{day}(?:\s+of)?\s+(?P<mon>{month_any})"
                rf"(?:,?\s+(?P<year>{YEAR}))?)",
                self._on_month_day,
            ),
            (
                rf"(?P<core>{wd_opt}(?P<mon>{month_full})\s+(?:the\s+)?(?P<dw>{spelled_days})\b(?![-\w])"
                rf"(?:,?\s+(?P<year>{YEAR}))?)",
                self._on_month_day,
            ),
            (
                rf"(?P<core>{wd_opt}[Tt]he\s+(?P<dw>{spelled_days})\s+of\s+(?P<mon>{month_full})\b"
                rf"(?:,?\s+(?P<year>{YEAR}))?)",
                self._on_month_day,
            ),
            (
                rf"(?:(?<![\w-])(?P<prep>{alternation(v.month_prepositions)})\s+)?(?P<core>(?:[Tt]he\s+year\s+)?"
                rf"(?:(?P<c19>[Nn]ineteen)(?:\s+hundred(?:\s+and)?)?\s+(?P<yy>{spelled})"
                rf"|(?P<c20>[Tt]wo\s+thousand)(?:\s+(?:and\s+)?(?P<y2>{spelled}))?)\b(?![-\w]))",
                self._on_spelled_year,
            ),
            (
                rf"(?P<core>(?P<mon>{month_any}),?\s+(?:of\s+)?(?P<year>{YEAR}))",
                self._on_month_year,
            ),
            (
                rf"(?P<core>[Tt]he\s+(?P<nth>first|second|third|fourth|last|final)\s+(?P<nwd>{weekday})\s+(?:in|of)\s+"
                rf"(?P<mon>{month_full})\b(?:,?\s+(?P<year>{YEAR}))?)",
                self._on_nth_weekday,
            ),
            (
                rf"(?P<core>(?:[Tt]he\s+)?(?P<edge>{edge})\s+day\s+of\s+(?:(?P<e_year>{YEAR})"
                rf"|(?P<e_rel>this|last|next|the)\s+(?P<e_unit>year|month)\b"
                rf"|(?P<e_mon>{month_full})\b(?:,?\s+(?P<e_mon_year>{YEAR}))?))",
                self._on_edge_day,
            ),
            (
                rf"(?P<core>(?:(?P<e_year>{YEAR})|(?P<e_rel>[Tt]his|[Ll]ast|[Nn]ext)\s+(?P<e_unit>year|month))"
                rf"['’]s\s+(?P<edge>{edge})\s+day)\b",
                self._on_edge_day,
            ),
            (
                rf"(?<![\w-])(?P<core>(?:(?P<q_pre_year>{YEAR})['’]s\s+|(?P<q_pre_rel>[Tt]his|[Ll]ast|[Nn]ext)"
                rf"\s+year['’]s\s+|[Tt]he\s+)(?P<q>{quarter})\s+quarter\b(?!-)"
                rf"(?:,?\s+of\s+(?:(?P<q_year>{YEAR})|(?P<q_rel>this|last|next)\s+year\b))?)",
                self._on_quarter,
            ),
            (
                r"(?P<core>(?:[Tt]he\s+same|[Tt]his)\s+(?:day|date)\s+(?:last\s+year|a\s+year\s+ago)\b)",
                self._on_day_last_year,
            ),
            (
                r"(?P<core>[Tt]he\s+(?P<edge>first)\s+of\s+(?P<e_rel>the|this|next)\s+(?P<e_unit>year|month)\b)",
                self._on_edge_day,
            ),
            (
                rf"(?P<core>(?:the\s+)?(?:very\s+)?(?P<pos>{alternation(v.period_positions)})(?:\s+of\s+|-){target})",
                self._on_period,
            ),
            (
                rf"(?P<core>\b(?P<adj>{alternation(v.period_adjectives)})(?:-|\s+)(?:in\s+)?(?:the\s+)?{target})",
                self._on_period,
            ),
            (
                rf"(?P<core>(?<![Tt]he\s)\b(?P<rel>{rel5})"
                r"\s+(?P<unit>week|weekend|month|year)\b)",
                self._on_relative_unit,
            ),
            (
                rf"(?P<core>\b{alternation(['over', 'at', 'during'])}\s+the\s+weekend\b)",
                self._on_relative_unit,
            ),
            (
                r"\b(?:(?:[Ii]t|[Tt]his)(?:\s+is|['’]s)|(?:said|says)\s+(?:that\s+)?(?:it|this)\s+was"
                r"|(?:called|calls)\s+(?:it|this))\s+(?:[\"“`'‘]+)?an?\s+(?:[a-z]+\s+){0,2}?(?P<core>day)\b(?![’'-])",
                self._on_this_day,
            ),
            (
                r"\b(?:than|as)\s+(?P<core>last)\b(?=\s*[.,;:!?)]|\s+(?:and|or|but)\b)",
                self._on_elided_last,
            ),
            (
                rf"(?P<core>(?<![\w-])(?P<n>\d{{1,3}}|(?i:{spelled})|{number})\s+(?P<unit>day|week|month|year|decade)s?\s+ago\b"
                r"(?:\s+(?P<same>this\s+(?:month|week)|today|yesterday)\b)?)",
                self._on_ago,
            ),
            (
                r"(?P<core>\b(?:[Tt]he\s+day\s+(?P<db>before\s+yesterday|after\s+tomorrow)"
                r"|(?:(?:[Ee]arlier|[Ll]ater)\s+)?(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)"
                r"|(?P<part>[Ll]ast\s+night|[Tt]his\s+(?:morning|afternoon|evening)))\b)",
                self._on_day_word,
            ),
            (
                rf"(?:(?<![\w-])(?P<prep>{alternation(['on', 'from', 'during', 'early', 'late'])})\s+)?"
                rf"(?P<core>(?:(?<![\w-])(?P<rel>{rel5})\s+)?"
                rf"(?P<wd>{weekday})(?!s\b)\b(?:\s+(?:morning|afternoon|evening|night)\b)?)",
                self._on_weekday,
            ),
            (
                rf"(?:(?<![\w-])(?P<prep>{alternation(v.ordinal_day_prepositions)})\s+)?"
                rf"(?P<core>\b[Tt]he\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)\b(?!-)"
                rf"(?:\s+of\s+(?P<rel>this|last|next)\s+month)?)",
                self._on_ordinal_day,
            ),
            (
                rf"(?:(?<![\w-])(?P<prep>{alternation(v.month_prepositions)})[\s-]+)?"
                rf"(?P<core>(?:(?<![\w-])(?P<pre_rel>{rel5})\s+)?"
                rf"(?P<mon>{month_full})\b(?!\.?\s*\d)(?:,?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b)?)",
                self._on_month,
            ),
            (
                rf"(?P<core>(?:(?P<rel>{rel5})\s+)?(?:the\s+)?"
                rf"(?P<season>{alternation(v.seasons)})\b(?:\s+(?:of\s+)?(?P<year>{YEAR})"
                rf"|\s+of\s+(?P<srel>this|last|next)\s+year\b)?)",
                self._on_season,
            ),
            (
                rf"(?:(?<=\b[Pp]ost-)|(?<=\b[Pp]re-)|(?<![\w$€£#.,/:-]))"
                rf"(?P<core>(?:[Tt]he\s+year\s+)?(?P<year>{YEAR}))(?![.,]\d|\s*%|-\w)",
                self._on_year,
            ),
            (
                rf"(?P<core>\b(?:[Tt]he\s+)?(?:[Yy]ear['’]s\s+end|[Yy]ear-end|[Ee]nd-of-year)\b"
                rf"(?:\s+(?P<year>{YEAR}))?)",
                self._on_year_end,
            ),
            (
                rf"(?P<core>(?P<holiday>{holiday_names})\b(?!\s+[A-Z])(?:,?\s+(?:of\s+)?(?P<year>{YEAR}))?)",
                self._on_holiday,
            ),
        ]
        self._bare_month = re.compile(rf"(?P<core>(?P<mon>{month_full}))")
        self._entity_month = re.compile(rf"\b{titled([*v.months, *v.abbreviations])}\b")
        self._patterns: list[tuple[re.Pattern[str], Handler]] = [(compile_guarded(p), h) for p, h in specs]

        # for each pattern, strings one of which each of its matches contains (shortest first), if known;
        # given by hand where a case-insensitive part keeps required_strings from working it out (every
        # "N units ago" ends in "ago", whatever the case of its spelled-out number)
        given: dict[Handler, tuple[str, ...]] = {self._on_ago: ("ago",)}
        # patterns tried only near a word every match holds, (the word, how far before it a match may start;
        # see ``_near_anchors``): "N units ago" starts at most 80 characters before its "ago" ("Twenty-five
        # years ago"); trying its number words, or the prepositions before a month, at every position of
        # the text were the slowest patterns of all
        self._anchors: dict[Handler, tuple[re.Pattern[str], int]] = {
            self._on_ago: (re.compile(r"ago\b"), 80),
            self._on_short_year: (re.compile(r"['’]\d\d"), 40),  # "through September '97"
            self._on_month: (re.compile(rf"{month_full}\b"), 40),  # "throughout this coming March"
        }
        self._needs: list[tuple[str, ...] | None] = [
            given[h]
            if h in given
            else None
            if (needs := required_strings(p)) is None
            else tuple(sorted(needs, key=_shortest_first))
            for p, h in specs
        ]
        joins = alternation(v.month_list_joiners)
        joiner = rf"(?:\s*,\s*(?:{joins}\s+)?|\s+{joins}\s+)"
        self._month_list = re.compile(
            rf"\b{alternation(v.month_prepositions)}\s+(?:{alternation(v.month_list_openers)}\s+)?"
            rf"(?:{month_full}{joiner})*(?:{month_full}{joiner}|{alternation(v.month_list_openers)}\s+)$"
        )
        plain_months = [m for m in v.months if m not in v.lower_case_months_with_number]
        self._lower_names = re.compile(
            rf"\b(?:{alternation([*v.weekdays, *plain_months])}\b"
            rf"|{alternation(sorted(v.lower_case_months_with_number))}(?=\s+\d)"
            rf"|{alternation(list(v.abbreviations))}(?=\.?\s+\d))"
        )
        self._cue_before = re.compile(rf"\b(?P<cue>{cue})\s+$")
        self._cue_word = re.compile(rf"(?P<cue>{cue})")
        # handlers whose expression may follow a deadline or range cue ("by Friday", "since 2014"); the
        # cue is read before each match (see ``find``), not put at the head of the patterns, which would
        # then be tried at every "b", "s", "u" of the text
        cueless = {
            self._on_iso,
            self._on_numeric,
            self._on_ago,
            self._on_day_word,
            self._on_year_range,
            self._on_month_range,
            self._on_day_range,
            self._on_elided_last,
            self._on_this_day,
        }
        self._takes_cue = [h not in cueless for _, h in specs]
        self._recurring = re.compile(rf"\b{alternation(v.recurring_cues)}\s+$")
        self._street = re.compile(
            rf"\s+(?:[A-Z][A-Za-z'’]+\.?\s+){{1,3}}(?i:{alternation(v.street_words)})\b\.?", re.ASCII
        )
        each = rf"{alternation(v.recurring_cues)}\s+{alternation(v.recurring_periods)}"
        adverb = alternation(v.recurring_adverbs)
        self._recurring_before = re.compile(rf"\b(?:{each}|{adverb}),?\s+(?:on|in)\s+$", re.IGNORECASE)
        self._recurring_after = re.compile(
            rf"(?:,?\s+(?:of\s+)?(?:{each}|{adverb})\b"
            rf"|s?\s+{alternation([p + 's' for p in v.anaphors['parts_of_day']])}\b)",
            re.IGNORECASE,
        )
        self._future_re = re.compile(rf"(?:\b{alternation(v.future_cues)}\b|'ll\b)")
        self._past_re = re.compile(rf"\b{alternation(v.past_cues)}\b")
        self._weekday_det = weekday_determiner(v)
        self._setting_verbs = frozenset(w.lower() for w in v.scheduling_verbs if " " not in w)
        self._scheduled = re.compile(
            rf"\b(?P<verb>{alternation(v.scheduling_verbs)})\s+(?:\w+ly\s+)?(?:until|till|to|for)\s+(?:the\s+)?$"
        )
        self._declared = re.compile(rf"\b(?:{alternation(v.declaring_verbs)})\s+$", re.IGNORECASE)
        self._countdown = re.compile(
            rf"\b(?P<n>\d{{1,3}}|{number})\s+(?P<unit>day|week|month)s?\s+"
            rf"(?:left|remaining|to\s+go)\s+(?:(?P<in>in)|before|until|till|to)\s+"
            rf"(?:the\s+(?:(?P<edge>end)|start|beginning)\s+of\s+)?(?P<year>{YEAR})"
        )
        mdy = (
            rf"(?:{weekday},?\s+)?(?P<mon>{month_any})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
            rf"(?:,?\s+(?P<year>{YEAR}))?"
        )
        dmy = (
            rf"(?:{weekday},?\s+)?(?P<dday>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmon>{month_any})"
            rf"(?:,?\s+(?P<dyear>{YEAR}))?"
        )
        self._dateline = re.compile(
            rf"(?:[A-Z][A-Za-z.'’ -]{{1,40}},\s+(?:[A-Z][A-Za-z.]+,\s+)?)?(?:{mdy}|{dmy})"
            r"\s*(?:\([^)\n]{1,40}\)\s*)?[-–—:]"
        )
        self._labelled_date = re.compile(
            rf"\b(?:Published|Updated|Posted|Date)\b\s*(?:on\s*)?:?\s*(?:{mdy}|{dmy})"
        )

    # ------------------------------------------------------------------ shared helpers

    def _a_set(self, text: str, start: int, end: int) -> bool:
        """Whether the date at ``start:end`` names one of a recurring set: "every Friday", "each March",
        "every year on Dec. 7", "annually on May 1", "May 1 each year", "Sunday mornings"."""
        return (
            self._recurring.search(text, max(0, start - 12), start) is not None
            or self._recurring_before.search(text, max(0, start - 24), start) is not None
            or self._recurring_after.match(text, end) is not None
        )

    def _cue_of(self, match: re.Match[str], text: str) -> re.Match[str] | None:
        """The deadline or range cue of a match: the words just before it ("by Friday"), or its own
        preposition when that is one ("until March")."""
        at = match.start()
        cue = self._cue_before.search(text, max(0, at - 24), at)
        if cue is None and match.groupdict().get("prep"):
            cue = self._cue_word.fullmatch(text, match.start("prep"), match.end("prep"))
        return cue

    def _from_entities(self, ctx: MatchContext, taken: list[Found], stop: int) -> list[Found]:
        """spaCy DATE entities no pattern covered, parsed by dateparser."""
        ctx.cue = None  # an entity has no cue of its own (not the last pattern match's)
        out: list[Found] = []
        parser: Any = None
        ents = getattr(ctx.spacy_doc, "ents", ())
        surnames: set[str] | None = None
        for ent in ents:
            if ent.label_ != "DATE" or ent.end_char > stop:
                continue
            if ent.text.lower() in self.vocab.months:
                if surnames is None:  # "Theresa May said ... May's government": the person, no month
                    surnames = {e.text.split()[-1] for e in ents if e.label_ == "PERSON" and " " in e.text}
                if ent.text in surnames:
                    continue
            if any(f.start < ent.end_char and ent.start_char < f.end for f in taken):
                continue
            if not self._worth_parsing(ent.text, ctx.published):
                continue
            if self._a_set(ctx.text, ent.start_char, ent.end_char):
                continue  # "each January": a set of dates, not one
            if getattr(getattr(ent, "root", None), "tag_", "") == "MD":
                continue  # "May I remind you": the modal
            if ANNIVERSARY_BEFORE.search(ctx.text, max(0, ent.start_char - 40), ent.start_char):
                continue  # "the anniversary of the Sept. 11 attacks": a year the patterns did not find
            if parser is None:
                parser = _date_parser(ctx.published)
            try:
                hit = self._parse_entity(parser, ent.text, ent.start_char, ctx)
            except (OverflowError, ValueError):  # a date outside the calendar
                continue
            if hit is not None:
                hit.rank = len(self._patterns)
                out.append(hit)
        return out

    def _worth_parsing(self, phrase: str, published: date | None) -> bool:
        """An entity that names a calendar date (not a duration), resolvable with what is known."""
        has_year = re.search(rf"(?<!\d){YEAR}", phrase) is not None
        if not (has_year or self._entity_month.search(phrase) or NUMERIC_DATE.search(phrase)):
            return False
        if DURATION_WORD.search(phrase):
            return False
        return published is not None or has_year

    def _parse_entity(self, parser: Any, phrase: str, start: int, ctx: MatchContext) -> Found | None:
        if re.fullmatch(YEAR, phrase) and self._a_number(ctx.text, start, start + len(phrase), int(phrase)):
            return None  # "Post No. 1922", "sent 2000 soldiers": a number, as the year pattern reads it
        if re.search(rf"{YEAR}$", phrase) and DECADE_AFTER.match(ctx.text, start + len(phrase)):
            return None  # "the 1990's" parsed as "1990" and "'s": a decade, no year
        bare = self._bare_month.fullmatch(ctx.text, start, start + len(phrase))
        if bare is not None and EVENT_NAME_AFTER.match(ctx.text, start + len(phrase)):
            return None  # "March of Dimes", "March for Babies", "the March on Washington": a name
        if bare is not None and ctx.published is not None:  # "postponed to February": tense picks the year
            month = self.vocab.month_number(bare["mon"])
            year = self._month(ctx.published, month, *self._clue(ctx, bare))
            value = f"{year:04d}-{month:02d}"
            why = f"spaCy DATE '{phrase}': month → {value} (publication {ctx.published})"
            return Found(start, start + len(phrase), value, "month", why, "point")
        data = parser.get_date_data(phrase)
        if data.date_obj is None:
            return None
        period = data.period or "day"
        precision: Precision = (
            "year" if period == "year" else "month" if period in ("month", "week") else "day"
        )
        value = iso_at(data.date_obj.date(), precision)
        before = ctx.text[max(0, start - 20) : start].split()
        prev = before[-1].lower() if before else ""
        kind: Kind = "deadline" if prev in self.vocab.deadline_cues else "point"
        kind = "range_start" if prev in self.vocab.range_start_cues else kind
        return Found(
            start, start + len(phrase), value, precision, f"spaCy DATE '{phrase}' read by dateparser", kind
        )


def _name_pattern(name: str) -> str:
    """A pattern for a holiday's name: capitalised first word, later words capitalised or not, any
    apostrophe ("New Year's Day", "Christmas day")."""
    words = []
    for i, word in enumerate(name.split()):
        body = re.escape(word[1:]).replace("'", "['’]")
        first = word[0].upper() if i == 0 else f"[{word[0].upper()}{word[0]}]"
        words.append(first + body)
    return r"\s+".join(words)


def _words(words: dict[str, int]) -> str:
    """An alternation of number words (longest first), any space or hyphen inside them."""
    forms = sorted(words, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", "[-\\s]") for w in forms) + ")"


def _shortest_first(word: str) -> tuple[int, str]:
    return len(word), word


def _date_parser(published: date | None) -> Any:
    """A dateparser reader for English, relative to the publication date, preferring the past."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings=settings)


def _near_anchors(
    pattern: re.Pattern[str], anchored: tuple[re.Pattern[str], int], text: str, stop: int
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern`` in ``text[:stop]``, found by trying the pattern only from ``reach``
    characters before each match of the anchor (a word every match holds, at most ``reach`` characters
    after the match's start and ``TAIL`` before its end) to ``TAIL`` characters after it: the same matches
    as a scan of the whole text, in a fraction of the time where the anchor is rare."""
    anchor, reach = anchored
    done = 0
    for a in anchor.finditer(text, 0, stop):
        if a.start() < done:
            continue  # inside the last match
        for match in pattern.finditer(text, max(done, a.start() - reach), min(stop, a.end() + TAIL)):
            if match.start() > a.start():
                break  # a later match holds a later anchor: found from there
            done = match.end()
            yield match


def _without_overlaps(found: list[Found]) -> list[Found]:
    """Keep the longest candidates (then the most trusted pattern) that do not overlap."""
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.rank, f.start)):
        if all(f.end <= k.start or k.end <= f.start for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def find_dateline_date(
    text: str, resolver: DateResolver | None = None, near: date | None = None
) -> date | None:
    """The date in a wire dateline at the start of the text.

    Recognises "SEOUL, Oct. 5, 2019 (Wire) -", "October 5, 2019 -", "Oct 5 (Reuters) -" and
    "Published: 5 October 2019". A dateline without a year takes the year that puts it
    closest to :func:`infer_publication_date` of the rest of the text, else to ``near``, or gives
    ``None``.

    Args:
        text: the article text.
        resolver: a ready :class:`DateResolver` (one is built when omitted).
        near: a date the document is known to be close to (a date in its file name), if any.
    """
    return (resolver or DateResolver()).dateline_date(text, near)


FILENAME_DATE = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})(?P<s>[-_.]?)(?P<m>0[1-9]|1[0-2])(?P=s)"
    r"(?P<d>0[1-9]|[12][0-9]|3[01])(?![0-9])"
)


def written_in_lower_case(text: str) -> bool:
    """Whether most sentences of ``text`` start in lower case (local copy, forum posts, transcripts written in
    lower case): there month and weekday names are written in lower case too, and the patterns (which read
    names in Title or UPPER case only) need them capitalised; "may" and "march" only before a day number or a
    year (see ``lower_case_months_with_number``)."""
    starts = SENTENCE_START.findall(text)
    lower = sum(1 for c in starts if c.islower())
    return lower >= 2 and 2 * lower >= len(starts)


def filename_date(name: str) -> date | None:
    """A date written in a file's name ("kna_20190719_tanker.txt", "2019-07-19-report.html"), if any.

    Only the last path component is read, and only a valid calendar day between 1900 and 2099 written
    year first (``YYYYMMDD``, ``YYYY-MM-DD``, ``YYYY_MM_DD``, ``YYYY.MM.DD``); a name with two different
    such dates gives ``None``.
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    found = {safe_date(int(m["y"]), int(m["m"]), int(m["d"])) for m in FILENAME_DATE.finditer(base)}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def infer_publication_date(text: str, resolver: DateResolver | None = None) -> date | None:
    """Guess the publication date from clues in the text; the caller marks it as inferred.

    Clues: a countdown ("two months to go before 2021" → 2020-11-01, "30 days left in
    2019"), else the latest explicit full date (with a year) not in a future-tense context;
    a later full date wins over a countdown.

    Args:
        text: the article text (without page furniture).
        resolver: a ready :class:`DateResolver` (one is built when omitted).

    Returns:
        The estimated date, or ``None`` when the text holds no clue.
    """
    return (resolver or DateResolver()).infer_publication_date(text)
