"""Tests for the sixth round of the dates work: the TIMEX3 value each date expression of news should get.

A table of our own news-style sentences, each with its document's date and the TIMEX3 value (TimeML's
conventions, as TimeBank annotates) of one expression in it:

- a calendar value (``1998-02-10``, ``1998-02``, ``1998``): the mention's ``value``;
- a week, weekend, season, half year or quarter (``1998-W06``, ``1998-W06-WE``, ``1997-SU``, ``1997-H2``,
  ``1997-Q3``): the mention's ``timex``, its ``value`` the calendar value that holds it (a week at month
  precision, the others at year precision);
- ``NONE``: no date over the expression: a duration ("the past year"), a vague reference ("now",
  "recently": TimeBank's PRESENT_REF, PAST_REF), a decade or century (``199X``, ``18XX``: no calendar
  value), a number that is no year.

The tables are split by behaviour; those that need what the verb says run with the parse (marked slow).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from thucydides.dates import DateResolver
from thucydides.evalsets.timebank import TimebankReport, score
from thucydides.record import DateMention

THU = "1998-02-12"  # a Thursday
TUE = "1998-02-10"
CALENDAR = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")
NONE = "NONE"

Row = tuple[str, str, str, str]  # (document date, sentence, expression, TIMEX3 value or NONE)


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


def _check(mentions: list[DateMention], sentence: str, expression: str, timex: str) -> None:
    at = sentence.index(expression)
    over = [m for m in mentions if m.start < at + len(expression) and at < m.end]
    shown = [(m.text, m.value, m.timex) for m in mentions]
    if timex == NONE:
        assert not over, shown
        return
    assert len(over) == 1, shown
    mention = over[0]
    if CALENDAR.fullmatch(timex):
        assert (mention.value, mention.timex) == (timex, None), (shown, mention.reason)
    else:
        assert mention.timex == timex, (shown, mention.reason)
        assert CALENDAR.fullmatch(mention.value) and timex.startswith(mention.value[:4]), shown
        assert f"TIMEX3 {timex}" in mention.reason


def _run(resolver: DateResolver, row: Row, nlp: Any = None) -> None:
    published, sentence, expression, timex = row
    parsed = nlp(sentence) if nlp is not None else None
    _check(resolver.find(sentence, date.fromisoformat(published), parsed), sentence, expression, timex)


# weeks, weekends, seasons, halves and quarters: the TIMEX3 value beside a calendar value that holds them
PERIODS: list[Row] = [
    (THU, "The talks collapsed last week, officials said.", "last week", "1998-W06"),
    (THU, "Ministers will meet again this week in Geneva.", "this week", "1998-W07"),
    (THU, "The envoy arrives next week.", "next week", "1998-W08"),
    (THU, "The vote is set for the week of March 3.", "the week of March 3", "1998-W10"),
    (THU, "Sales were counted in the week ending Feb. 6, 1998.", "the week ending Feb. 6, 1998", "1998-W06"),
    (THU, "Iraq must comply by the end of next week.", "the end of next week", "1998-W08"),
    (TUE, "The company was founded two weeks ago.", "two weeks ago", "1998-W05"),
    (THU, "Rebels attacked the town over the weekend.", "over the weekend", "1998-W06-WE"),
    (THU, "Protests are planned for this weekend.", "this weekend", "1998-W07-WE"),
    (THU, "Fighting flared last weekend near the border.", "last weekend", "1998-W06-WE"),
    (THU, "The drought worsened last summer.", "last summer", "1997-SU"),
    (THU, "The offensive began in the fall of 1996.", "the fall of 1996", "1996-FA"),
    (THU, "The work will be done in the spring of next year.", "the spring of next year", "1999-SP"),
    (THU, "The economy shrank in the second half of 1997.", "the second half of 1997", "1997-H2"),
    (THU, "Growth picked up in the first half of the year.", "the first half of the year", "1998-H1"),
    (THU, "Profit fell in the fourth quarter, the bank said.", "the fourth quarter", "1997-Q4"),
    (THU, "Profit rose in the first quarter.", "the first quarter", "1998-Q1"),
    (THU, "The company expects a loss in the third quarter.", "the third quarter", "1998-Q3"),
    (THU, "Sales rose in the third quarter of 1996.", "the third quarter of 1996", "1996-Q3"),
    (THU, "Last year's fourth quarter was weak.", "Last year's fourth quarter", "1997-Q4"),
]


@pytest.mark.parametrize("row", PERIODS, ids=[r[2] for r in PERIODS])
def test_a_period_gets_its_timex3_value_beside_a_calendar_value(resolver: DateResolver, row: Row) -> None:
    _run(resolver, row)


# a day that must not be given as its year or its month (TimeBank's "day as year" kind of miss)
DAYS: list[Row] = [
    (THU, "The accord was signed on the first day of 1997.", "the first day of 1997", "1997-01-01"),
    (THU, "The deal closed on the last day of 1997.", "the last day of 1997", "1997-12-31"),
    (THU, "Officials marked 1998's first day with fireworks.", "1998's first day", "1998-01-01"),
    (THU, "The law will take effect on the first of the year.", "the first of the year", "1999-01-01"),
    (THU, "The law took effect the first day of the year.", "the first day of the year", "1998-01-01"),
    (THU, "Rent is due on the last day of the month.", "the last day of the month", "1998-02-28"),
    (THU, "The strike began on Feb. 6 last year.", "Feb. 6 last year", "1997-02-06"),
    (THU, "The strike began Feb. 6 of last year.", "Feb. 6 of last year", "1997-02-06"),
    (THU, "The summit opens March 3 next year.", "March 3 next year", "1999-03-03"),
    (THU, "Last year's Feb. 6 vote was close.", "Feb. 6", "1997-02-06"),
    (THU, "Fireworks lit the sky on the Fourth of July 1997.", "Fourth of July 1997", "1997-07-04"),
    (THU, "The park will close on July Fourth.", "July Fourth", "1998-07-04"),
    (THU, "Veterans Day parades were held in every city.", "Veterans Day", "1997-11-11"),
    (
        THU,
        "It was held the second Sunday of January 1996.",
        "the second Sunday of January 1996",
        "1996-01-14",
    ),
    (TUE, "It opened a week ago today.", "a week ago today", "1998-02-03"),
    (THU, "Prices were lower on the same day last year.", "the same day last year", "1997-02-12"),
    (TUE, "It opened two weeks ago yesterday.", "two weeks ago yesterday", "1998-01-26"),
    (THU, "The plant opened on 5 March 1996.", "5 March 1996", "1996-03-05"),
    (THU, "The plant opened on March 5th, 1996.", "March 5th, 1996", "1996-03-05"),
    (THU, "The crash of Oct. 19 , 1987, wiped out billions.", "Oct. 19 , 1987", "1987-10-19"),
    (THU, "FEB. 6, 1998 - The council met.", "FEB. 6, 1998", "1998-02-06"),
    (THU, "The accord was signed on Christmas Eve 1996.", "Christmas Eve 1996", "1996-12-24"),
]


@pytest.mark.parametrize("row", DAYS, ids=[r[2] for r in DAYS])
def test_a_day_is_given_as_a_day(resolver: DateResolver, row: Row) -> None:
    _run(resolver, row)


# a year-like number before a word in "s" that is no plural ("was", "is", "has") is a year, not a count
YEARS: list[Row] = [
    (THU, "The budget for the year 2000 was cut.", "the year 2000", "2000"),
    (THU, "2000 is an election year.", "2000", "2000"),
    (THU, "The total for 1990 was higher.", "1990", "1990"),
    (THU, "He said 1999 has been hard.", "1999", "1999"),
]


@pytest.mark.parametrize("row", YEARS, ids=[r[1][:30] for r in YEARS])
def test_a_year_before_a_verb_in_s_is_a_year(resolver: DateResolver, row: Row) -> None:
    _run(resolver, row)


# durations, vague references, decades and centuries, numbers: no calendar date (a date there is a false
# alarm to TimeBank, which marks them DURATION, PRESENT_REF/PAST_REF, 199X, or not at all)
NO_DATE: list[Row] = [
    (THU, "Prices rose 5% over the past year.", "the past year", NONE),
    (THU, "Output has doubled in the last two years.", "the last two years", NONE),
    (THU, "Prices have risen over the past two weeks.", "the past two weeks", NONE),
    (THU, "Troops are now in the capital.", "now", NONE),
    (THU, "The company is currently reviewing its options.", "currently", NONE),
    (THU, "The army recently withdrew from the area.", "recently", NONE),
    (THU, "At the time, prices were falling.", "the time", NONE),
    (THU, "Inflation was high in the 1970s.", "1970s", NONE),
    (THU, "Unemployment peaked in the mid-1990s.", "1990s", NONE),
    (THU, "The dispute dates to the 19th century.", "19th century", NONE),
    (THU, "The company was founded a decade ago.", "a decade ago", NONE),
    (THU, "(c) 1998 The Associated Press. All rights reserved.", "1998", NONE),
    (THU, "Copyright 1998 Reuters.", "1998", NONE),
    (THU, "The bill, H.R. 1998, passed the House.", "1998", NONE),
    (THU, "I'm Peter Jennings. This is World News Tonight.", "Tonight", NONE),
    (THU, "They sent 2000 troops to the border.", "2000", NONE),
    (THU, "Trading volume was 1998 contracts.", "1998", NONE),
    (THU, "The company employs 1,998 people.", "1,998", NONE),
]


@pytest.mark.parametrize("row", NO_DATE, ids=[r[1][:30] for r in NO_DATE])
def test_no_calendar_date_where_timeml_has_none(resolver: DateResolver, row: Row) -> None:
    _run(resolver, row)


# what the verb says (the parse): a bare weekday relative to the document's date and tense, the nth weekday
# of a month as a day only where it is one occurrence, a month or day on the verb of a year named before it
# in the sentence is in that year (not on another verb, not across sentences), a decade spaCy reads as a year
WITH_PARSE: list[Row] = [
    (THU, "The minister resigned on Tuesday.", "Tuesday", "1998-02-10"),
    (THU, "The minister will resign on Tuesday.", "Tuesday", "1998-02-17"),
    (THU, "The minister resigns Tuesday.", "Tuesday", "1998-02-17"),
    (TUE, "The minister said Tuesday that talks would resume.", "Tuesday", "1998-02-10"),
    (THU, "The rebels seized the town on Monday. Officials fled the same day.", "the same day", "1998-02-09"),
    (THU, "The rebels seized the town earlier this month.", "earlier this month", "1998-02"),
    (THU, "The company was sold late last year.", "late last year", "1997"),
    (THU, "Prices were lower a year ago.", "a year ago", "1997"),
    (THU, "The vote was held the first Tuesday in November.", "the first Tuesday in November", "1997-11-04"),
    (THU, "The vote will be held on the last Sunday of March.", "the last Sunday of March", "1998-03-29"),
    (THU, "Elections are held on the first Sunday of May.", "the first Sunday", NONE),
    (THU, "In 1996, the crisis spread to Russia in June.", "June", "1996-06"),
    (THU, "In 1996, the crisis spread to Russia in June and to Brazil in August.", "August", "1996-08"),
    (THU, "He flew to Paris on Jan. 5, 1996, and to Rome on Jan. 9.", "Jan. 9", "1996-01-09"),
    (
        THU,
        "On Dec. 30, 1996, the army moved north and on Jan. 2 it reached the river.",
        "Jan. 2",
        "1997-01-02",
    ),
    (THU, "The company, founded in 1990, cut jobs in January.", "January", "1998-01"),
    (THU, "The crisis began in 1996. In June, it spread to Russia.", "June", "1997-06"),
    (TUE, "The talks were held in the 1990's.", "1990", NONE),
    (TUE, "Growth was slow in the 1980's and 1990's.", "1980", NONE),
]


@pytest.mark.slow
@pytest.mark.parametrize("row", WITH_PARSE, ids=[r[2] for r in WITH_PARSE])
def test_the_parse_decides_between_a_day_and_none(resolver: DateResolver, nlp: Any, row: Row) -> None:
    _run(resolver, row, nlp)


def test_the_dates_stage_keeps_a_week_at_month_precision(resolver: DateResolver) -> None:
    (mention,) = resolver.find("The talks collapsed last week.", date(1998, 3, 4))
    assert (mention.value, mention.precision, mention.timex) == ("1998-02", "month", "1998-W09")


def test_the_scorer_counts_periods_by_their_timex3_value_apart_from_calendar_dates() -> None:
    text = "Talks collapsed last week and resumed in the third quarter."
    record = {
        "id": "d",
        "timexes": [
            {"start": 16, "end": 25, "text": "last week", "type": "DATE", "value": "1998-W06"},
            {"start": 40, "end": 57, "text": "the third quarter", "type": "DATE", "value": "1998-Q3"},
        ],
    }
    predicted = [
        DateMention(16, 25, text[16:25], "1998-02", "month", "why", "point", "1998-W06"),
        DateMention(40, 57, text[40:57], "1997", "year", "why", "point", "1997-Q3"),
    ]
    report = score(TimebankReport("gold"), record, predicted)
    assert (report.periods, report.periods_exact) == (2, 1)
    assert (report.gold, report.predicted, report.unscored) == (0, 0, 2)
    assert "1/2 given their TIMEX3 value" in report.table()
