"""Tests for dates whose occurrence the words around them settle: a weekday named with the date, a plan made
in the past, a date that is the object of "for".

Sentences are our own, news-style.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.test_dates import _only

from thucydides.dates import DateResolver

SUN_2009_03_15 = date(2009, 3, 15)
MON_2016_12_19 = date(2016, 12, 19)
TUE_2009_03_24 = date(2009, 3, 24)


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


# (sentence, publication, expression, value): a weekday written with a month-day picks the year it falls in
WEEKDAY_NAMED = [
    # 2009-02-18 is a Wednesday, 2010-02-18 a Thursday: the story's Monday, Feb. 18 is 2008's
    ("The clinic opens Monday, Feb. 18, for the season.", SUN_2009_03_15, "Monday, Feb. 18", "2008-02-18"),
    ("The board met on Wednesday, Feb. 20.", SUN_2009_03_15, "Wednesday, Feb. 20", "2008-02-20"),
    # this year's agrees with the weekday: the tense does not move it
    ("The band played Friday, April 3, at the fair.", TUE_2009_03_24, "Friday, April 3", "2009-04-03"),
    # the year written wins over the weekday
    ("The board met on Monday, Feb. 20, 2009.", SUN_2009_03_15, "Monday, Feb. 20, 2009", "2009-02-20"),
    # no year near publication has this weekday on this day (a slip): the usual reading stays
    ("The board will meet on Monday, March 28.", TUE_2009_03_24, "Monday, March 28", "2009-03-28"),
]


@pytest.mark.parametrize(("sentence", "published", "expression", "value"), WEEKDAY_NAMED)
def test_dates_weekday_named_with_a_day_picks_the_year_it_falls_in(
    resolver: DateResolver, sentence: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, published), expression)
    assert mention.value == value, mention.reason


def test_dates_weekday_checked_year_lends_itself_to_the_same_day_named_again(resolver: DateResolver) -> None:
    text = "The board met on Monday, Feb. 18, and again a week later. The Feb. 18 meeting was short."
    mentions = resolver.find(text, SUN_2009_03_15)
    assert [m.value for m in mentions if m.text.endswith("Feb. 18")] == ["2008-02-18", "2008-02-18"]


# (sentence, publication, expression, value): a plan made in the past is for a day either side of it, the
# nearest (a weekday: the coming one), not the next one a year on
PLANNED_IN_THE_PAST = [
    ("His surgery was scheduled for Sept. 26, but it was put off.", MON_2016_12_19, "Sept. 26", "2016-09-26"),
    ("He was set to die Feb. 26, a day after the hearing.", date(2009, 3, 18), "Feb. 26", "2009-02-26"),
    ("The vote was originally scheduled for Jan. 10.", MON_2016_12_19, "Jan. 10", "2017-01-10"),
    ("They had plans to leave Paris on Saturday.", date(2017, 4, 21), "Saturday", "2017-04-22"),
    # what was put off lies ahead
    ("The vote was postponed to Feb. 10.", date(2009, 3, 22), "Feb. 10", "2010-02-10"),
    # an arrangement still to come is ahead as before
    ("The hearing is scheduled for Sept. 26.", MON_2016_12_19, "Sept. 26", "2017-09-26"),
    ("The talks were delayed until Monday.", date(1998, 10, 15), "until Monday", "1998-10-19"),
]


@pytest.mark.parametrize(("sentence", "published", "expression", "value"), PLANNED_IN_THE_PAST)
def test_dates_plan_made_in_the_past_takes_the_nearest_date(
    resolver: DateResolver, sentence: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, published), expression)
    assert mention.value == value, mention.reason


# (sentence, publication, expression, value): with the parse, a date that is the whole object of "for" is
# the time something is set for; the past of the setting does not carry it into last year
SET_FOR = [
    ("The club has organized its spring forum for April 29.", TUE_2009_03_24, "April 29", "2009-04-29"),
    ("The judge set his sentencing for June 2.", date(2009, 3, 31), "June 2", "2009-06-02"),
    # a date before a noun is the date of that thing: the past stands
    ("He was jailed for the May 30 robbery.", TUE_2009_03_24, "May 30", "2008-05-30"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "published", "expression", "value"), SET_FOR)
def test_dates_date_set_for_is_not_moved_by_the_past_of_the_setting(
    resolver: DateResolver, nlp: Any, sentence: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, published, nlp(sentence)), expression)
    assert mention.value == value, mention.reason


# (text, publication, expression, value): the start of a range whose end the text dates lies before that end
@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        ("The work will run from August to May 1, 2010.", date(2009, 3, 27), "August", "2009-08"),
        ("The fair ran from Nov. 28 to Jan. 4, 2009.", date(2009, 3, 27), "Nov. 28", "2008-11-28"),
        # a start the text dates keeps its year
        ("The work ran from August 2007 to May 1, 2010.", date(2009, 3, 27), "August 2007", "2007-08"),
    ],
)
def test_dates_range_start_lies_in_the_year_before_its_dated_end(
    resolver: DateResolver, text: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(text, published), expression)
    assert mention.value == value, mention.reason


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        ("Navy ship to visit the port in August.", date(2009, 3, 29), "August", "2009-08"),
        ("Ship visited the port in August.", date(2009, 3, 29), "August", "2008-08"),
    ],
)
def test_dates_headline_infinitive_points_ahead(
    resolver: DateResolver, nlp: Any, text: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(text, published, nlp(text)), expression)
    assert mention.value == value, mention.reason


# (text, publication, value or None): an approximate count gives a value only where every count it may mean
# (two to twice the number) falls in the same month (days, weeks) or year (months); never a year of years
@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("They moved here a few years ago.", date(2009, 3, 24), None),
        ("They moved here several years ago.", date(2009, 3, 24), None),
        ("They moved here a few months ago.", date(2009, 3, 24), None),
        ("They moved here a few months ago.", date(2009, 11, 24), "2009"),
        ("They moved here a few days ago.", date(2009, 3, 24), "2009-03"),
        ("They moved here a few days ago.", date(2009, 3, 3), None),
    ],
)
def test_dates_approximate_count_gives_a_value_only_where_its_span_agrees(
    resolver: DateResolver, text: str, published: date, value: str | None
) -> None:
    mentions = [m for m in resolver.find(text, published) if "ago" in m.text]
    assert [m.value for m in mentions] == ([] if value is None else [value]), [m.reason for m in mentions]


# (text, publication, expression, value): a day spelled as an ordinal before its month ("the first of May")
@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        (
            "The vote is set for the twenty-third of October.",
            date(1998, 10, 20),
            "the twenty-third of October",
            "1998-10-23",
        ),
        (
            "It happened on the first of May, 1997.",
            date(1998, 10, 20),
            "the first of May, 1997",
            "1997-05-01",
        ),
    ],
)
def test_dates_spelled_ordinal_day_before_its_month(
    resolver: DateResolver, text: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(text, published), expression)
    assert mention.value == value, mention.reason


def test_dates_fraction_of_a_month_is_no_day(resolver: DateResolver) -> None:
    assert all(
        "third" not in m.text for m in resolver.find("A third of March sales fell.", date(1998, 10, 20))
    )


# (text, publication, expression, value): with the parse, a present progressive is an arrangement ahead
# ("is meeting ... Sunday") unless its verb names an activity going on ("are investigating")
@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "published", "expression", "value"),
    [
        (
            "Police are investigating a fiery crash early Thursday morning.",
            date(2009, 3, 27),
            "Thursday morning",
            "2009-03-26",
        ),
        (
            "Divers are searching the lake Tuesday for the missing boat.",
            date(2009, 3, 27),
            "Tuesday",
            "2009-03-24",
        ),
        ("The envoy is meeting his counterpart Sunday.", date(2009, 3, 27), "Sunday", "2009-03-29"),
    ],
)
def test_dates_progressive_of_an_ongoing_activity_is_no_arrangement(
    resolver: DateResolver, nlp: Any, text: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(text, published, nlp(text)), expression)
    assert mention.value == value, mention.reason


# (text, publication, [(expression, value)]): a weekday with its date in brackets after it is that date, and
# the weekday settles the date's year
@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "The team wrestles on Thursday night (February 28th) at five.",
            date(2009, 3, 15),
            [("Thursday night", "2008-02-28"), ("February 28th", "2008-02-28")],
        ),
        (
            "He sat on the panel on Thursday (July 13) with others.",
            date(2017, 7, 18),
            [("Thursday", "2017-07-13"), ("July 13", "2017-07-13")],
        ),
    ],
)
def test_dates_weekday_with_its_date_in_brackets(
    resolver: DateResolver, text: str, published: date, expected: list[tuple[str, str]]
) -> None:
    mentions = resolver.find(text, published)
    assert [(m.text, m.value) for m in mentions] == expected, [m.reason for m in mentions]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The dam broke in March 2016. In March, the floods reached the capital.", "2016-03"),
        # a date of another year named between them: the story has moved on
        ("The rate was 7.6 in February 2008. It rose from 8.6 in January to 9.1 in February.", "2009-02"),
    ],
)
def test_dates_month_takes_a_named_year_only_while_the_story_stays_there(
    resolver: DateResolver, text: str, value: str
) -> None:
    mentions = [m for m in resolver.find(text, date(2009, 3, 27)) if m.text in ("March", "February")]
    assert [m.value for m in mentions][-1] == value, [m.reason for m in mentions]


# (text, expression): spaCy DATE entities that are names or labelled numbers, not dates
@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("He stopped at VFW Post No. 1922 on the way.", "1922"),
        ("The family serves as March for Babies ambassadors.", "March"),
        ("Babies are born early, according to March of Dimes.", "March"),
    ],
)
def test_dates_entity_that_is_a_name_or_a_number_is_no_date(
    resolver: DateResolver, nlp: Any, text: str, expression: str
) -> None:
    assert all(m.text != expression for m in resolver.find(text, date(2009, 3, 22), nlp(text)))
