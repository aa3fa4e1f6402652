"""Date expressions: find them in text and resolve them against the publication date.

The stage :class:`DateResolver` reads ``doc.text``, ``doc.nlp`` (the spaCy Doc, may be
``None``), ``doc.published`` and ``doc.body_end`` and fills ``doc.dates`` with
:class:`~thucydides.record.DateMention` records, sorted by start and non-overlapping.

How expressions are found, in order of trust:

1. Regular expressions built from the vocabulary in ``data/dates.yaml`` (explicit dates,
   partial dates, relative and vague expressions, deadlines and range starts).
2. spaCy ``DATE`` entities that no pattern covered, parsed by dateparser (always with
   ``languages=["en"]``, ``RELATIVE_BASE`` = publication date, ``PREFER_DATES_FROM="past"``).

Conventions (news usage):

* A partial date ("November 27", "the 20th", "October", "Saturday") is the most recent one
  on or before publication, unless a tense clue near it ("will", "scheduled", ...) or a
  deadline cue ("by", "until") points to the future; then it is the next one.
* "last week", "this week", "next week" and weekends get *month* precision: the month that
  holds most of the week's days (a week is never a day).
* Vague expressions ("recently", "in recent weeks") get the publication month and say so.
* Durations ("two years", "a month") are not dates and are omitted; so are relative
  expressions when no publication date is known: a year is never invented.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any, Literal

import yaml

from thucydides.record import DateMention, Document, Precision

Kind = Literal["point", "deadline", "duration", "range_start"]

_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)(?!s\b)"
_SENTENCE_END = re.compile(r"[.!?;]\s|\n|[“”\"]")
_ED_WORD = re.compile(r"\b[a-z]{3,}ed\b")
_NUMERIC_DATE = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")
_DURATION_WORD = re.compile(r"\b(?:days?|weeks?|months?|years?|decades?|century|centuries)\b", re.I)
_NOT_PAST_ED = frozenset(
    {"hundred", "indeed", "need", "speed", "seed", "feed", "proceed", "succeed", "exceed"}
)


@dataclass(frozen=True, slots=True)
class DateVocabulary:
    """The words date expressions are built from (``data/dates.yaml``)."""

    months: dict[str, int]
    abbreviations: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    vague_numbers: dict[str, int]
    deadline_cues: tuple[str, ...]
    range_start_cues: tuple[str, ...]
    month_prepositions: tuple[str, ...]
    ordinal_day_prepositions: tuple[str, ...]
    ordinal_day_followers: frozenset[str]
    period_positions: dict[str, str]
    period_adjectives: dict[str, str]
    seasons: dict[str, tuple[int, int]]
    recent_phrases: tuple[str, ...]
    number_labels: frozenset[str]
    quantity_cues: frozenset[str]
    future_cues: tuple[str, ...]
    past_cues: tuple[str, ...]

    def month_number(self, word: str) -> int:
        """Month number of a month name or abbreviation in any case ("Nov." → 11)."""
        key = word.lower().rstrip(".")
        return self.months.get(key) or self.abbreviations[key]


def load_date_vocabulary() -> DateVocabulary:
    """Read ``thucydides/data/dates.yaml`` into a :class:`DateVocabulary`."""
    raw = yaml.safe_load(resources.files("thucydides").joinpath("data/dates.yaml").read_text("utf-8"))
    return DateVocabulary(
        months=dict(raw["months"]),
        abbreviations=dict(raw["month_abbreviations"]),
        weekdays=dict(raw["weekdays"]),
        numbers=dict(raw["numbers"]),
        vague_numbers=dict(raw["vague_numbers"]),
        deadline_cues=tuple(raw["deadline_cues"]),
        range_start_cues=tuple(raw["range_start_cues"]),
        month_prepositions=tuple(raw["month_prepositions"]),
        ordinal_day_prepositions=tuple(raw["ordinal_day_prepositions"]),
        ordinal_day_followers=frozenset(raw["ordinal_day_followers"]),
        period_positions=dict(raw["period_positions"]),
        period_adjectives=dict(raw["period_adjectives"]),
        seasons={k: (int(v[0]), int(v[1])) for k, v in raw["seasons"].items()},
        recent_phrases=tuple(raw["recent_phrases"]),
        number_labels=frozenset(raw["number_labels"]),
        quantity_cues=frozenset(raw["quantity_cues"]),
        future_cues=tuple(raw["future_cues"]),
        past_cues=tuple(raw["past_cues"]),
    )


# --------------------------------------------------------------------------- regex helpers


def _phrase(words: str) -> str:
    """A lower-case phrase that may start with a capital, words separated by any space."""
    parts = [re.escape(w) for w in words.split()]
    first = parts[0]
    if first[:1].isalpha():
        first = f"[{first[0].upper()}{first[0]}]{first[1:]}"
    return r"\s+".join([first, *parts[1:]])


def _alt(words: Iterable[str]) -> str:
    """Alternation of phrases, longest first, each allowed a capital first letter."""
    return "(?:" + "|".join(_phrase(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


def _titled(words: Iterable[str]) -> str:
    """Alternation of names in Title case or UPPER case only (never lower case)."""
    forms = sorted({f for w in words for f in (w.capitalize(), w.upper())}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(f) for f in forms) + ")"


def _iso(d: date, precision: Precision) -> str:
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(slots=True)
class _Found:
    """A resolved candidate before overlap removal."""

    start: int
    end: int
    value: str
    precision: Precision
    reason: str
    kind: Kind
    rank: int = 0


@dataclass(slots=True)
class _Ctx:
    """What a handler needs besides the match."""

    text: str
    published: date | None
    spacy_doc: Any


_Handler = Callable[[re.Match[str], _Ctx], "_Found | None"]


class DateResolver:
    """Stage: date expressions → :class:`DateMention` values with precision and kind.

    Reads ``doc.text``, ``doc.nlp`` (spaCy Doc or ``None``), ``doc.published`` and
    ``doc.body_end``; fills ``doc.dates`` (sorted by start, non-overlapping). It does not
    set ``doc.published``: the caller uses :func:`find_dateline_date` and
    :func:`infer_publication_date` for that and records how the date was found.
    """

    def __init__(self, vocabulary: DateVocabulary | None = None) -> None:
        self.vocab = vocabulary or load_date_vocabulary()
        self._build_patterns()

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
        stop = len(text) if end is None else min(end, len(text))
        ctx = _Ctx(text, published, spacy_doc)
        found: list[_Found] = []
        for rank, (pattern, handler) in enumerate(self._patterns):
            for match in pattern.finditer(text, 0, stop):
                hit = handler(match, ctx)
                if hit is not None:
                    hit.rank = rank
                    found.append(hit)
        chosen = _without_overlaps(found)
        if spacy_doc is not None:
            chosen = _without_overlaps(chosen + self._from_entities(ctx, chosen, stop))
        self._mark_ranges(text, chosen)
        return [
            DateMention(f.start, f.end, text[f.start : f.end], f.value, f.precision, f.reason, f.kind)
            for f in chosen
        ]

    def dateline_date(self, text: str) -> date | None:
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
            return _safe_date(int(year), month, day)
        anchor = self.infer_publication_date(text[offset + match.end() :])
        if anchor is None:
            return None
        options = [
            d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day))
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
        month_full = _titled(v.months)
        month_any = rf"(?:{month_full}\b|{_titled(v.abbreviations)}\b\.?)"
        weekday = _titled(v.weekdays)
        cue = _alt([*v.deadline_cues, *v.range_start_cues])
        cue_opt = rf"(?:(?P<cue>{cue})\s+)?"
        number = _alt([*v.numbers, *v.vague_numbers])
        rel3 = _alt(["this", "last", "next"])
        rel5 = _alt(["this", "last", "next", "this past", "this coming"])
        rel_the = _alt(["this", "last", "next", "the", "the current", "the coming", "the previous"])
        target = (
            rf"(?:(?P<t_mon>{month_any})(?:,?\s+(?:of\s+)?(?P<t_mon_year>{_YEAR})"
            rf"|\s+(?P<t_mon_rel>{rel3})\s+year)?"
            rf"|(?P<t_year>{_YEAR})"
            rf"|(?P<t_rel>{rel_the})"
            r"\s+(?P<t_unit>year|month|week)\b)"
        )
        wd_opt = rf"(?:{weekday},?\s+)?"
        day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
        specs: list[tuple[str, _Handler]] = [
            (
                rf"(?<![\d/.-])(?P<core>(?P<y>{_YEAR})(?P<sep>[-/])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}}))"
                r"(?![\d/-])",
                self._on_iso,
            ),
            (
                rf"{cue_opt}(?P<core>{wd_opt}(?P<mon>{month_any})\s+{day}(?![\d:%])"
                rf"(?:,?\s+(?P<year>{_YEAR}))?)",
                self._on_month_day,
            ),
            (
                rf"{cue_opt}(?<![\d,.])(?P<core>{wd_opt}(?:the\s+)?{day}(?:\s+of)?\s+(?P<mon>{month_any})"
                rf"(?:,?\s+(?P<year>{_YEAR}))?)",
                self._on_month_day,
            ),
            (
                rf"{cue_opt}(?P<core>(?P<mon>{month_any}),?\s+(?:of\s+)?(?P<year>{_YEAR}))",
                self._on_month_year,
            ),
            (
                rf"{cue_opt}(?P<core>(?:the\s+)?(?:very\s+)?(?P<pos>{_alt(v.period_positions)})(?:\s+of\s+|-){target})",
                self._on_period,
            ),
            (
                rf"{cue_opt}(?P<core>\b(?P<adj>{_alt(v.period_adjectives)})(?:-|\s+)(?:in\s+)?(?:the\s+)?{target})",
                self._on_period,
            ),
            (
                rf"{cue_opt}(?P<core>(?<![Tt]he\s)\b(?P<rel>{rel5})"
                r"\s+(?P<unit>week|weekend|month|year)\b)",
                self._on_relative_unit,
            ),
            (
                rf"{cue_opt}(?P<core>\b{_alt(['over', 'at', 'during'])}\s+the\s+weekend\b)",
                self._on_relative_unit,
            ),
            (
                rf"(?P<core>\b(?P<n>\d{{1,3}}|{number})\s+(?P<unit>day|week|month|year|decade)s?\s+ago\b)",
                self._on_ago,
            ),
            (
                r"(?P<core>\b(?:[Tt]he\s+day\s+(?P<db>before\s+yesterday|after\s+tomorrow)"
                r"|(?:(?:[Ee]arlier|[Ll]ater)\s+)?(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)"
                r"|(?P<part>[Ll]ast\s+night|[Tt]his\s+(?:morning|afternoon|evening)))\b)",
                self._on_day_word,
            ),
            (
                rf"{cue_opt}(?:(?P<prep>{_alt(['on', 'from', 'during', 'early', 'late'])})\s+)?"
                rf"(?P<core>(?:(?P<rel>{rel5})\s+)?"
                rf"(?P<wd>{weekday})(?!s\b)\b(?:\s+(?:morning|afternoon|evening|night)\b)?)",
                self._on_weekday,
            ),
            (
                rf"{cue_opt}(?:(?P<prep>{_alt(v.ordinal_day_prepositions)})\s+)?"
                rf"(?P<core>\b[Tt]he\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)\b(?!-)"
                rf"(?:\s+of\s+(?P<rel>this|last|next)\s+month)?)",
                self._on_ordinal_day,
            ),
            (
                rf"{cue_opt}(?:(?P<prep>{_alt(v.month_prepositions)})[\s-]+)?"
                rf"(?P<core>(?:(?P<pre_rel>{rel5})\s+)?"
                rf"(?P<mon>{month_full})\b(?!\.?\s*\d)(?:,?\s+(?P<rel>this|last|next)\s+year\b)?)",
                self._on_month,
            ),
            (
                rf"{cue_opt}(?P<core>(?:(?P<rel>{rel5})\s+)?(?:the\s+)?"
                rf"(?P<season>{_alt(v.seasons)})\b(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?)",
                self._on_season,
            ),
            (rf"(?P<core>\b{_alt(v.recent_phrases)}\b)", self._on_recent),
            (
                rf"{cue_opt}(?<![\w$€£#.,/:-])(?P<core>(?:[Tt]he\s+year\s+)?(?P<year>{_YEAR}))(?![.,]\d|\s*%|-\w)",
                self._on_year,
            ),
        ]
        self._entity_month = re.compile(rf"\b{_titled([*v.months, *v.abbreviations])}\b")
        self._patterns: list[tuple[re.Pattern[str], _Handler]] = [(re.compile(p), h) for p, h in specs]
        self._future_re = re.compile(rf"(?:\b{_alt(v.future_cues)}\b|'ll\b)")
        self._past_re = re.compile(rf"\b{_alt(v.past_cues)}\b")
        self._countdown = re.compile(
            rf"\b(?P<n>\d{{1,3}}|{number})\s+(?P<unit>day|week|month)s?\s+"
            rf"(?:left|remaining|to\s+go)\s+(?:(?P<in>in)|before|until|till|to)\s+"
            rf"(?:the\s+(?:(?P<edge>end)|start|beginning)\s+of\s+)?(?P<year>{_YEAR})"
        )
        mdy = (
            rf"(?:{weekday},?\s+)?(?P<mon>{month_any})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
            rf"(?:,?\s+(?P<year>{_YEAR}))?"
        )
        dmy = (
            rf"(?:{weekday},?\s+)?(?P<dday>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmon>{month_any})"
            rf"(?:,?\s+(?P<dyear>{_YEAR}))?"
        )
        self._dateline = re.compile(
            rf"(?:[A-Z][A-Za-z.'’ -]{{1,40}},\s+(?:[A-Z][A-Za-z.]+,\s+)?)?(?:{mdy}|{dmy})"
            r"\s*(?:\([^)\n]{1,40}\)\s*)?[-–—:]"
        )
        self._labelled_date = re.compile(
            rf"\b(?:Published|Updated|Posted|Date)\b\s*(?:on\s*)?:?\s*(?:{mdy}|{dmy})"
        )

    # ------------------------------------------------------------------ shared helpers

    def _kind(self, match: re.Match[str]) -> Kind:
        cue = match.groupdict().get("cue")
        if not cue:
            return "point"
        cue = " ".join(cue.lower().split())
        return "deadline" if cue in self.vocab.deadline_cues else "range_start"

    def _found(self, match: re.Match[str], value: str, precision: Precision, reason: str) -> _Found:
        start = match.start("cue") if match.groupdict().get("cue") else match.start("core")
        return _Found(start, match.end("core"), value, precision, reason, self._kind(match))

    def _tense(self, text: str, start: int, end: int) -> str | None:
        """'future' or 'past' from the nearest tense clue in the same sentence, else None."""
        left_from = max(0, start - 100)
        left = text[left_from:start]
        cut = [m.end() for m in _SENTENCE_END.finditer(left)]
        left = left[cut[-1] :] if cut else left
        right = text[end : end + 100]
        stop = _SENTENCE_END.search(right)
        right = right[: stop.start()] if stop else right
        best: tuple[int, str] | None = None
        for window, is_left in ((left, True), (right, False)):
            for tense, found in (
                ("future", self._future_re.finditer(window)),
                ("past", (m for m in self._past_re.finditer(window) if _past_marker(window, m))),
                ("past", (m for m in _ED_WORD.finditer(window) if _past_marker(window, m))),
            ):
                for m in found:
                    if tense == "past" and self._future_re.fullmatch(m.group()):
                        continue
                    distance = len(window) - m.end() if is_left else m.start()
                    if best is None or distance < best[0]:
                        best = (distance, tense)
        return best[1] if best else None

    def _future(self, ctx: _Ctx, match: re.Match[str]) -> bool:
        """Whether a partial date points forward: a future clue, or a deadline without a past clue."""
        tense = self._tense(ctx.text, match.start(), match.end())
        return tense == "future" or (tense is None and self._kind(match) == "deadline")

    def _month_day(self, pub: date, month: int, day: int, future: bool) -> date | None:
        year = pub.year
        if future:
            while (d := _safe_date(year, month, day)) is None or d < pub:
                year += 1
                if year > pub.year + 4:
                    return None
        else:
            while (d := _safe_date(year, month, day)) is None or d > pub:
                year -= 1
                if year < pub.year - 4:
                    return None
        return d

    @staticmethod
    def _month(pub: date, month: int, future: bool) -> int:
        if future:
            return pub.year + 1 if month < pub.month else pub.year
        return pub.year - 1 if month > pub.month else pub.year

    @staticmethod
    def _week(days: list[date], what: str) -> tuple[str, Precision, str]:
        counts: dict[tuple[int, int], int] = {}
        for d in days:
            counts[(d.year, d.month)] = counts.get((d.year, d.month), 0) + 1
        (year, month), _ = max(counts.items(), key=lambda kv: (kv[1], -days.index(_first_of(days, kv[0]))))
        note = "" if len(counts) == 1 else " (the month holding most of its days)"
        return f"{year:04d}-{month:02d}", "month", f"{what} {days[0]}..{days[-1]} → month precision{note}"

    # ------------------------------------------------------------------ handlers

    def _on_iso(self, m: re.Match[str], ctx: _Ctx) -> _Found | None:
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        return None if d is None else self._found(m, d.isoformat(), "day", f"numeric date '{m['core']}'")

    def _on_month_day(self, m: re.Match[str], ctx: _Ctx) -> _Found | None:
        month, day = self.vocab.month_number(m["mon"]), int(m["day"])
        if m["year"]:
            d = _safe_date(int(m["year"]), month, day)
            return None if d is None else self._found(m, d.isoformat(), "day", f"explicit date '{m['core']}'")
        if ctx.published is None or not 1 <= day <= 31:
            return None
        future = self._future(ctx, m)
        d = self._month_day(ctx.published, month, day, future)
        if d is None:
            return None
        how = "the next one on or after" if future else "the last one on or before"
        return self._found(
            m, d.isoformat(), "day", f"month-day '{m['core']}' → {d}: {how} publication {ctx.published}"
        )

    def _on_month_year(self, m: re.Match[str], ctx: _Ctx) -> _Found | None:
        value = f"{int(m['year']):04d}-{self.vocab.month_number(m['mon']):02d}"
        return self._found(m, value, "month", f"month and year '{m['core']}'")

    def _target(self, m: re.Match[str], ctx: _Ctx) -> tuple[str, Precision, str] | None:
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
                year = self._month(pub, month, self._future(ctx, m))
            return f"{year:04d}-{month:02d}", "month", f"month {year:04d}-{month:02d}"
        rel = " ".join(m["t_rel"].lower().split())
        if pub is None or rel == "the previous":
            return None
        offset = {"last": -1, "next": 1, "the coming": 1}.get(rel, 0)
        unit = m["t_unit"]
        if unit == "year":
            return str(pub.year + offset), "year", f"year {pub.year + offset} ('{m['t_rel']} year')"
        if unit == "month":
            year, month = _add_months(pub.year, pub.month, offset)
            return f"{year:04d}-{month:02d}", "month", f"month {year:04d}-{month:02d} ('{m['t_rel']} month')"
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=offset)
        return self._week([monday + timedelta(days=i) for i in range(7)], "week")

    def _on_period(self, m: re.Match[str], ctx: _Ctx) -> _Found | None:
        groups = m.groupdict()
        position = groups.get("pos") or groups.get("adj") or ""
        target = self._target(m, ctx)
        if target is None:
            return None
        value, precision, what = target
        label = " ".join(position.lower().split())
        part = self.vocab.period_positions.get(label) or self.vocab.period_adjectives.get(label, label)
        return self._found(m, value, precision, f"{part} part of {what} → {value} ({precision} precision)")

    def _on_relative_unit(self, m: re.Match[str], ctx: _Ctx) -> _Found | None:
        pub = ctx.published
        if pub is None:
            return None
        rel = " ".join((m.groupdict().get("rel") or "over the").lower().split())
        unit = m.groupdict().get("unit") or "weekend"
        offset = {"last": -1, "this past": -1, "next": 1, "this coming": 1}.get(rel, 0)
        if unit == "year":
            return self._found(
                m, str(pub.year + offset), "year", f"'{m['core']}' relative to publication {pub}"
            )
        if unit == "month":
            year, month = _add_months(pub.year, pub.month, offset)
            value = f"{year:04d}-{month:02d}"
            return self._found(m, value, "month", f"'{m['core']}' relative to publication {pub}")
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
        return self._found(m, value, precision, why)

    def _on_ago(self, m: re.Match[str], ctx: _Ctx) -> _Found | None:
        pub = ctx.published
        if pub is None:
            return None
        word = " ".join(m["n"].lower().split())
        vague = word in self.vocab.vague_numbers
        n = int(word) if word.isdigit() else (self.vocab.vague_numbers.get(word) or self.vocab.numbers[word])
        unit = m["unit"]
        precision: Precision
        if unit in ("day", "week"):
            d = pub - timedelta(days=n * (7 if unit == "week" else 1))
            precision = "day" if unit == "day" and not vague else "month"
        elif unit == "month":
            year, month = _add_months(pub.year, pub.month, -n)
            d, precision = date(year, month, 1), "year" if vague else "month"
        else:
            d, precision = date(pub.year - n * (10 if unit == "decade" else 1), 1, 1), "year"
        note = " (approximate count)" if vague else ""
        return self._found(m, _iso(d, precision), precision, f"'{m['core']}' before publication {pub}{note}")

    def _on_day_word(self, m: re.Match[str], ctx: _Ctx) -> _Found | None:
        pub = ctx.published
        if pub is None:
            return None
        word = (m["db"] or m["word"] or m["part"]).lower()
        if (
            m["word"] == "Today"
            and m.start("word") == m.start("core")
            and not _sentence_start(ctx.text, m.start())
        ):
            return None  # a name such as a newspaper's, not the day
        offset = {"before yesterday": -2, "after tomorrow": 2, "yesterday": -1, "tomorrow": 1}.get(word, 0)
        if word.startswith("last"):
            offset = -1
        d = pub + timedelta(days=offset)
        return self._found(m, d.isoformat(), "day", f"'{m['core']}' relative to publication {pub}")

    def _on_weekday(self, m: re.Match[str], ctx: _Ctx) -> _Found | None:
        pub, text = ctx.published, ctx.text
        context = m["cue"] or m["prep"] or m["rel"]
        if not context:
            after = text[m.end("core") : m.end("core") + 2]
            if re.match(r"\s[A-Z]", after) or (
                re.search(r"[A-Z]\w*\s$", text[max(0, m.start() - 20) : m.start()])
                and not _sentence_start(text, m.start())
            ):
                return None  # part of a name: "Good Friday", "Sunday Times"
        if pub is None:
            return None
        target = self.vocab.weekdays[m["wd"].lower()]
        rel = " ".join((m["rel"] or "").lower().split())
        back = (pub.weekday() - target) % 7
        ahead = (target - pub.weekday()) % 7
        if rel in ("last", "this past"):
            d, how = pub - timedelta(days=back or 7), "the one before"
        elif rel in ("next", "this coming"):
            d, how = pub + timedelta(days=ahead or 7), "the one after"
        elif self._future(ctx, m):
            d, how = pub + timedelta(days=ahead), "the next one on or after (future context)"
        else:
            d, how = pub - timedelta(days=back), "the most recent one on or before"
        return self._found(m, d.isoformat(), "day", f"weekday '{m['core']}' → {d}: {how} publication {pub}")

    def _on_ordinal_day(self, m: re.Match[str], ctx: _Ctx) -> _Found | None:
        pub = ctx.published
        day = int(m["day"])
        if not (m["cue"] or m["prep"]) or pub is None or not 1 <= day <= 31:
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
        year, month = _add_months(pub.year, pub.month, offset)
        d = _safe_date(year, month, day)
        if d is None and step:
            year, month = _add_months(year, month, step)
            d = _safe_date(year, month, day)
        if d is None:
            return None
        return self._found(m, d.isoformat(), "day", f"day of month '{m['core']}' → {d} (publication {pub})")

    def _on_month(self, m: re.Match[str], ctx: _Ctx) -> _Found | None:
        pub = ctx.published
        if not (m["cue"] or m["prep"] or m["pre_rel"] or m["rel"]) or pub is None:
            return None
        if _tagged_as_verb(ctx.spacy_doc, m.start("mon"), m.end("mon")):
            return None
        month = self.vocab.month_number(m["mon"])
        pre = " ".join((m["pre_rel"] or "").lower().split())
        if m["rel"]:
            year = pub.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
        elif pre in ("last", "this past"):
            year = pub.year if month < pub.month else pub.year - 1
        elif pre in ("next", "this coming"):
            year = pub.year if month > pub.month else pub.year + 1
        elif pre == "this":
            year = pub.year
        else:
            year = self._month(pub, month, self._future(ctx, m))
        value = f"{year:04d}-{month:02d}"
        return self._found(m, value, "month", f"month '{m['core']}' → {value} (publication {pub})")

    def _on_season(self, m: re.Match[str], ctx: _Ctx) -> _Found | None:
        first, last = self.vocab.seasons[m["season"].lower()]
        if m["year"]:
            return self._found(m, m["year"], "year", f"season '{m['core']}' → year {m['year']}")
        pub = ctx.published
        if not m["rel"] or pub is None:
            return None
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
        return self._found(m, str(year), "year", f"season '{m['core']}' → year {year} (publication {pub})")

    def _on_recent(self, m: re.Match[str], ctx: _Ctx) -> _Found | None:
        pub = ctx.published
        if pub is None:
            return None
        value = _iso(pub, "month")
        return self._found(m, value, "month", f"vague '{m['core']}': taken as the publication month {value}")

    def _on_year(self, m: re.Match[str], ctx: _Ctx) -> _Found | None:
        text, year = ctx.text, int(m["year"])
        before = re.findall(r"[\w$'.]+", text[max(0, m.start() - 30) : m.start()])
        prev = before[-1].lower().rstrip(".") if before else ""
        if prev in self.vocab.number_labels:
            return None  # "Resolution 2019", "Flight 2020"
        nxt = re.match(r"\s+([a-z]+)\b", text[m.end("core") :])
        word = nxt.group(1) if nxt else ""
        counted = bool(word) and word not in self.vocab.ordinal_day_followers
        if counted and prev in self.vocab.quantity_cues:
            return None  # "about 2000 people"
        dated = prev in self.vocab.month_prepositions or m["cue"]
        if counted and year % 50 == 0 and word.endswith("s") and not dated:
            return None  # "2000 troops"
        return self._found(m, str(year), "year", f"year '{m['core']}'")

    # ------------------------------------------------------------------ entities, ranges, countdowns

    def _from_entities(self, ctx: _Ctx, taken: list[_Found], stop: int) -> list[_Found]:
        """spaCy DATE entities no pattern covered, parsed by dateparser."""
        out: list[_Found] = []
        parser: Any = None
        for ent in getattr(ctx.spacy_doc, "ents", ()):
            if ent.label_ != "DATE" or ent.end_char > stop:
                continue
            if any(f.start < ent.end_char and ent.start_char < f.end for f in taken):
                continue
            if not self._worth_parsing(ent.text, ctx.published):
                continue
            if parser is None:
                parser = _date_parser(ctx.published)
            hit = self._parse_entity(parser, ent.text, ent.start_char, ctx)
            if hit is not None:
                hit.rank = len(self._patterns)
                out.append(hit)
        return out

    def _worth_parsing(self, phrase: str, published: date | None) -> bool:
        """An entity that names a calendar date (not a duration), resolvable with what is known."""
        has_year = re.search(rf"(?<!\d){_YEAR}", phrase) is not None
        if not (has_year or self._entity_month.search(phrase) or _NUMERIC_DATE.search(phrase)):
            return False
        if _DURATION_WORD.search(phrase):
            return False
        return published is not None or has_year

    def _parse_entity(self, parser: Any, phrase: str, start: int, ctx: _Ctx) -> _Found | None:
        data = parser.get_date_data(phrase)
        if data.date_obj is None:
            return None
        period = data.period or "day"
        precision: Precision = (
            "year" if period == "year" else "month" if period in ("month", "week") else "day"
        )
        value = _iso(data.date_obj.date(), precision)
        before = ctx.text[max(0, start - 20) : start].split()
        prev = before[-1].lower() if before else ""
        kind: Kind = "deadline" if prev in self.vocab.deadline_cues else "point"
        kind = "range_start" if prev in self.vocab.range_start_cues else kind
        return _Found(
            start, start + len(phrase), value, precision, f"spaCy DATE '{phrase}' read by dateparser", kind
        )

    @staticmethod
    def _mark_ranges(text: str, chosen: list[_Found]) -> None:
        """'from X to Y', 'between X and Y': X starts a range."""
        for first, second in zip(chosen, chosen[1:], strict=False):
            gap = text[first.end : second.start]
            opener = re.search(r"\b(?:[Ff]rom|[Bb]etween)\s+$", text[max(0, first.start - 10) : first.start])
            if (
                first.kind == "point"
                and opener
                and re.fullmatch(r"\s*(?:to|until|till|through|and|-|–|—)\s*", gap)
            ):
                first.kind = "range_start"
                first.reason += "; starts a range"

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
            y, mo = _add_months(base.year, base.month, -n)
            return _safe_date(y, mo, base.day) or date(y, mo, 28)
        return base - timedelta(days=n * (7 if m["unit"] == "week" else 1))


# --------------------------------------------------------------------------- module helpers


def _first_of(days: list[date], month: tuple[int, int]) -> date:
    return next(d for d in days if (d.year, d.month) == month)


def _past_marker(window: str, m: re.Match[str]) -> bool:
    """A word that marks the past: not "indeed", not a passive after "be" ("will be held")."""
    return m.group() not in _NOT_PAST_ED and not re.search(r"\bbe\s+$", window[: m.start()])


def _date_parser(published: date | None) -> Any:
    """A dateparser reader for English, relative to the publication date, preferring the past."""
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    return DateDataParser(languages=["en"], settings=settings)


def _sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n:"


def _tagged_as_verb(spacy_doc: Any, start: int, end: int) -> bool:
    """True when the parse reads a month-like word as a verb or modal ("May", "March")."""
    if spacy_doc is None:
        return False
    span = spacy_doc.char_span(start, end)
    return bool(
        span is not None and len(span) == 1 and (span[0].tag_ == "MD" or span[0].pos_ in ("AUX", "VERB"))
    )


def _without_overlaps(found: list[_Found]) -> list[_Found]:
    """Keep the longest candidates (then the most trusted pattern) that do not overlap."""
    kept: list[_Found] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.rank, f.start)):
        if all(f.end <= k.start or k.end <= f.start for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def find_dateline_date(text: str, resolver: DateResolver | None = None) -> date | None:
    """The date in a wire dateline at the start of the text.

    Recognises "SEOUL, Oct. 5, 2019 (Wire) -", "October 5, 2019 -", "Oct 5 (Reuters) -" and
    "Published: 5 October 2019". A dateline without a year takes the year that puts it
    closest to :func:`infer_publication_date` of the rest of the text, or gives ``None``.

    Args:
        text: the article text.
        resolver: a ready :class:`DateResolver` (one is built when omitted).
    """
    return (resolver or DateResolver()).dateline_date(text)


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
