"""Tests for the fifth round of the dates work (precision): dates of a recurring set are no dates, a year
after "fiscal" is a year, a present with a forward word points ahead, a day counted back from another
leaves the story's time where it was, and a date on a verb joined to the verb of a dated day takes that
day's year.

Sentences are our own, news-style.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.test_dates import _only

from thucydides.dates import DateResolver

TUE_1998_02_24 = date(1998, 2, 24)
MON_1989_10_30 = date(1989, 10, 30)
WED_1999_05_05 = date(1999, 5, 5)
WED_1998_03_04 = date(1998, 3, 4)


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


# (sentence, the expression that must give no date) published 1998-02-24: one date of a recurring set
SETS = [
    ("Every year on Dec. 7 veterans gather at the memorial.", "Dec. 7"),
    ("Each year, on Jan. 1, the new tax rates take effect.", "Jan. 1"),
    ("Workers march annually on May 1 in the capital.", "May 1"),
    ("The festival is held on July 4 every year.", "July 4"),
    ("The market is closed on Sunday mornings.", "Sunday"),
    ("Friday nights are busy at the border crossing.", "Friday"),
]


@pytest.mark.parametrize(("sentence", "expression"), SETS)
def test_a_date_of_a_recurring_set_is_no_date(resolver: DateResolver, sentence: str, expression: str) -> None:
    mentions = resolver.find(sentence, TUE_1998_02_24)
    assert not [m for m in mentions if expression in m.text], [(m.text, m.value) for m in mentions]


# the same words that are one date
ONE_DATE = [
    ("The festival was held on July 4, and every year since it has grown.", "July 4", "1997-07-04"),
    ("Friday night's blast killed three people.", "Friday night", "1998-02-20"),
    ("The market was closed on Sunday morning.", "Sunday morning", "1998-02-22"),
]


@pytest.mark.parametrize(("sentence", "expression", "value"), ONE_DATE)
def test_one_date_near_words_of_a_set_is_still_a_date(
    resolver: DateResolver, sentence: str, expression: str, value: str
) -> None:
    assert _only(resolver.find(sentence, TUE_1998_02_24), expression).value == value


# (sentence, values in order) published 1989-10-30: a year after "fiscal" or "calendar" names the year, even
# before a plural noun ("fiscal 1989 sales" is no count of 1989 sales)
FISCAL = [
    ("Fiscal 1989 sales rose 5%.", ["1989"]),
    ("In fiscal 1990 results will improve, the company said.", ["1990"]),
    ("Calendar 1988 earnings were restated.", ["1988"]),
    ("The company sent 1990 workers home.", []),
]


@pytest.mark.parametrize(("sentence", "values"), FISCAL)
def test_a_year_after_fiscal_is_a_year(resolver: DateResolver, sentence: str, values: list[str]) -> None:
    assert [m.value for m in resolver.find(sentence, MON_1989_10_30)] == values


# (sentence, expression, value) published 1998-02-24: a simple present that arranges a date ("Elections are
# due in September", "Election Day is Nov. 3") points ahead; a date just past stays where it is
PRESENT_AHEAD = [
    ("Elections are due in September.", "September", "1998-09"),
    ("Election Day is Nov. 3.", "Nov. 3", "1998-11-03"),
    ("The report is expected in October, officials said.", "October", "1998-10"),
    ("The record date is Feb. 10.", "Feb. 10", "1998-02-10"),
    ("The deadline is Friday.", "Friday", "1998-02-27"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expression", "value"), PRESENT_AHEAD)
def test_a_present_that_arranges_a_date_points_ahead(
    resolver: DateResolver, nlp: Any, sentence: str, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, TUE_1998_02_24, nlp(sentence)), expression)
    assert mention.value == value, mention.reason


# (text, expression, value): after a day counted back from another ("the day before the shooting"), "the next
# morning" counts from the day the story went back from
COUNTED_BACK = [
    (
        "Slepian was shot Oct. 23 at his home. Kopp's car was seen there the day before the shooting. "
        "The next morning, police found a shell casing.",
        "The next morning",
        "1998-10-24",
    ),
    (
        "The hearing was held Oct. 23. The day before Oct. 23, lawyers met. The next day, the judge ruled.",
        "The next day",
        "1998-10-24",
    ),
    # a day counted forward moves the story's time
    (
        "The bombs exploded Oct. 23. The next day, rescuers arrived. The next morning, the FBI came.",
        "The next morning",
        "1998-10-25",
    ),
]


@pytest.mark.parametrize(("text", "expression", "value"), COUNTED_BACK)
def test_the_next_day_after_a_day_counted_back_counts_from_the_story_day(
    resolver: DateResolver, text: str, expression: str, value: str
) -> None:
    mention = _only(resolver.find(text, WED_1999_05_05), expression)
    assert mention.value == value, mention.reason


# (sentence, expression, value) published 1998-03-04: a date without its year on a verb joined to the verb
# of a date named with its year is the first such date after it; a date on another verb is not
JOINED = [
    ("The Gulf War began on Jan. 17, 1991, and ended Feb. 28.", "Feb. 28", "1991-02-28"),
    ("He was arrested on Nov. 3, 1996, and released in December.", "December", "1996-12"),
    ("The plan was announced on Oct. 5, 1990, and took effect Jan. 1.", "Jan. 1", "1991-01-01"),
    ("Smith, who was born May 5, 1940, died Oct. 2.", "Oct. 2", "1997-10-02"),
    ("The company, founded on June 1, 1950, said on Feb. 5 that it would close.", "Feb. 5", "1998-02-05"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expression", "value"), JOINED)
def test_a_date_on_a_joined_verb_takes_the_year_of_the_dated_day(
    resolver: DateResolver, nlp: Any, sentence: str, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, WED_1998_03_04, nlp(sentence)), expression)
    assert mention.value == value, mention.reason


# (text, values in order) published 1989-11-01: a holiday or weekday before a noun of a kind is no day; before
# a noun of one event it is
GENERIC_DAYS = [
    ("Retailers expect strong Christmas sales, and the Christmas shopping season starts early.", []),
    ("Easter candy sales were weak.", []),
    ("A Sunday school teacher was hurt, the Sunday edition reported.", []),
    ("The store will close for Christmas.", ["1989-12-25"]),
    ("The Sunday vote was close.", ["1989-10-29"]),
    ("Police said the Christmas bombing was planned for months.", ["1988-12-25"]),
]


@pytest.mark.parametrize(("text", "values"), GENERIC_DAYS)
def test_a_day_before_a_noun_of_a_kind_is_no_date(
    resolver: DateResolver, text: str, values: list[str]
) -> None:
    assert [m.value for m in resolver.find(text, date(1989, 11, 1))] == values


# (text, weekdays found) published 2009-03-19: an ordinal weekday of a month is not this week's day
ORDINAL_WEEKDAYS = [
    ("The city holds elections on the first Tuesday after the first Monday in November.", []),
    ("The board meets on the second Friday of each month.", []),
    ("He left last Friday.", ["last Friday"]),
]


@pytest.mark.parametrize(("text", "weekdays"), ORDINAL_WEEKDAYS)
def test_an_ordinal_weekday_is_not_this_weeks_day(
    resolver: DateResolver, text: str, weekdays: list[str]
) -> None:
    found = [m.text for m in resolver.find(text, date(2009, 3, 19)) if m.text.endswith(("day", "days"))]
    assert found == weekdays


# (text, values in order) published 1989-10-27: a year-like number before a larger unit, "block" or a street's
# name is a number
NUMBERS = [
    ("Volume was 1989 million shares.", []),
    ("The fire started in the 1900 block of Main Street.", []),
    ("Shares traded at 1990 yen.", []),
    ("The 1990 budget was cut by $2 million.", ["1990"]),
    ("The biggest house is at 2031 Monument Ave. with five kitchens.", []),
    ("He lives at 1900 Pennsylvania Avenue.", []),
    ("In 1998 Main Street was paved.", ["1998"]),
]


@pytest.mark.parametrize(("text", "values"), NUMBERS)
def test_a_number_before_a_larger_unit_is_no_year(
    resolver: DateResolver, text: str, values: list[str]
) -> None:
    assert [m.value for m in resolver.find(text, MON_1989_10_30)] == values


# (text, (expression, value) in order) published 1998-10-05: a day with its year written "of 1998" or after a
# spaced comma is one date; two days of one month with the year after the second are two days, no year alone
FORMS = [
    ("The date was September 29th of 1998.", [("September 29th of 1998", "1998-09-29")]),
    ("It was signed January 1 , 1998 in Paris.", [("January 1 , 1998", "1998-01-01")]),
    (
        "The ministers met on Sept. 28-29, 1998 in Vienna.",
        [("Sept. 28", "1998-09-28"), ("29, 1998", "1998-09-29")],
    ),
]


@pytest.mark.parametrize(("text", "found"), FORMS)
def test_a_day_with_its_year_is_one_date_not_a_day_and_a_year(
    resolver: DateResolver, text: str, found: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.value) for m in resolver.find(text, date(1998, 10, 5))] == found


# (text, (expression, value) in order) published 1989-10-27: "last" left after "than" or "as" when "this year"
# or "this month" came before it in the sentence is last year or last month; "last" elsewhere is no date
ELIDED = [
    (
        "Holders would get twice as high a dividend this year as last.",
        [("this year", "1989"), ("last", "1988")],
    ),
    (
        "Sales rose more this month than last, and prices fell.",
        [("this month", "1989-10"), ("last", "1989-09")],
    ),
    ("He finished last, and the team was last in the league.", []),
    ("The company was bought as last resort.", []),
]


@pytest.mark.parametrize(("text", "found"), ELIDED)
def test_last_left_after_this_year_is_last_year(
    resolver: DateResolver, text: str, found: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.value) for m in resolver.find(text, date(1989, 10, 27))] == found


# (text, (expression, value) in order) published 1999-03-12: "a great day" said of the story's day is that day
THIS_DAY = [
    ('Geremek said it was "a great day for Poland."', [("day", "1999-03-12")]),
    ("This is a historic day, the minister said.", [("day", "1999-03-12")]),
    ("Clinton called it a sad day for America.", [("day", "1999-03-12")]),
    ("Today is a sad day.", [("Today", "1999-03-12")]),
    ("The day was cold, and it was a long trip.", []),
]


@pytest.mark.parametrize(("text", "found"), THIS_DAY)
def test_a_great_day_said_of_the_story_is_its_day(
    resolver: DateResolver, text: str, found: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.value) for m in resolver.find(text, date(1999, 3, 12))] == found


# (sentence, expression, value) published 1989-10-30: a date on a bare participle has no tense of its own; the
# future around it keeps a date just past where it is, and a date further back goes ahead
PARTICIPLES = [
    ("In the fiscal year beginning Oct. 1, spending will rise.", "Oct. 1", "1989-10-01"),
    ("The offer, expiring Nov. 17, will be extended.", "Nov. 17", "1989-11-17"),
    ("In the fiscal year beginning July 1, spending will rise.", "July 1", "1990-07-01"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expression", "value"), PARTICIPLES)
def test_a_date_on_a_bare_participle_is_not_carried_a_year_ahead(
    resolver: DateResolver, nlp: Any, sentence: str, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, MON_1989_10_30, nlp(sentence)), expression)
    assert mention.value == value, mention.reason


# (text, expression, value) published 1989-10-30: a weekday with its day of the month is that day
WEEKDAY_THE_NTH = [
    ("On Friday the 13th, the Dow fell 190 points.", "Friday the 13th", "1989-10-13"),
    ("The vote is set for Tuesday the 14th.", "Tuesday the 14th", "1989-11-14"),
    ("Prices fell on Friday, the 13th of October.", "Friday, the 13th of October", "1989-10-13"),
]


@pytest.mark.parametrize(("text", "expression", "value"), WEEKDAY_THE_NTH)
def test_a_weekday_with_its_day_of_the_month_is_that_day(
    resolver: DateResolver, text: str, expression: str, value: str
) -> None:
    mention = _only(resolver.find(text, MON_1989_10_30), expression)
    assert mention.value == value, mention.reason


# (text, values in order) published 1998-02-24: a month that names an event ("the March on Washington") is no
# month; the same word with a preposition of time is
EVENT_MONTHS = [
    ("The March on Washington drew thousands.", []),
    ("Organizers said the March against Hunger was peaceful.", []),
    ("The strike began in March on the docks.", ["1997-03"]),
]


@pytest.mark.parametrize(("text", "values"), EVENT_MONTHS)
def test_a_month_naming_an_event_is_no_month(resolver: DateResolver, text: str, values: list[str]) -> None:
    assert [m.value for m in resolver.find(text, TUE_1998_02_24)] == values


# (text, values in order) published 2016-12-19: a month named with "last" or "next" lends its year to the same
# month named later in the story without one
RELATIVE_MONTHS = [
    (
        "He was healthy until last December. He has been preparing for death since that day in December.",
        ["2015-12", "2015-12"],
    ),
    ("The site went online last October. A group sued in October.", ["2016-10", "2016-10"]),
]


@pytest.mark.parametrize(("text", "values"), RELATIVE_MONTHS)
def test_last_december_lends_its_year_to_december_later(
    resolver: DateResolver, text: str, values: list[str]
) -> None:
    assert [m.value for m in resolver.find(text, date(2016, 12, 19))] == values
