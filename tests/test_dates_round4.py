"""Tests for round 4 of the dates work: a date that names a thing, parallel comparisons with the present,
anniversaries ("50 years ago this month"), abbreviations written without a space ("Dec.3").

Sentences are our own, news-style.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.test_dates import _only

from thucydides.dates import DateResolver

FRI_1998_02_27 = date(1998, 2, 27)
THU_1998_02_05 = date(1998, 2, 5)


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


# (sentence, expression, value) published Friday 1998-02-27: a date before the noun it names, in a sentence
# about the future, is the recent one when it lies at most 60 days (a month: two months) back
NAMING_DATES = [
    ("Officials said Tuesday that the Feb. 12 accord would hold.", "Feb. 12", "1998-02-12"),
    ("The U.N. will review the Jan. 30 agreement next month.", "Jan. 30", "1998-01-30"),
    # more than 60 days back: the future of the sentence stands (an election, a summit to come)
    ("The government would honor the Dec. 3 truce, he said.", "Dec. 3", "1998-12-03"),
    ("The November elections will be close.", "November", "1998-11"),
    ("Officials will review the January accord.", "January", "1998-01"),
    # the coming one, when it is near, as without a clue
    ("The March 15 deadline will be hard to meet.", "March 15", "1998-03-15"),
    # a date the verb's own future dates is still ahead
    ("The talks will resume on Feb. 12 in Geneva.", "Feb. 12", "1999-02-12"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expression", "value"), NAMING_DATES)
def test_dates_naming_a_thing_ignore_the_future_of_the_sentence(
    resolver: DateResolver, nlp: Any, sentence: str, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, FRI_1998_02_27, nlp(sentence)), expression)
    assert mention.value == value, mention.reason


# (text, the values in order): "a year ago" and "a year earlier" in one comparison with the present are the
# same year; "a year earlier" after a date the text names counts back from it
PARALLEL = [
    (
        "Net income rose to $5 million from $4 million a year ago. Revenue was $10 million, compared with "
        "$9 million a year earlier.",
        ["1997", "1997"],
    ),
    ("Prices rose 2% from a month ago and 3% from a month earlier.", ["1998-01", "1998-01"]),
    ("The company was founded in 1985. A year earlier, its founder had left.", ["1985", "1984"]),
    # a different count is not the same comparison
    ("Sales fell from two years ago. A year earlier they had risen.", ["1996", "1995"]),
]


@pytest.mark.parametrize(("text", "values"), PARALLEL)
def test_dates_parallel_comparisons_with_the_present_are_one_date(
    resolver: DateResolver, text: str, values: list[str]
) -> None:
    assert [m.value for m in resolver.find(text, FRI_1998_02_27)] == values


# (sentence, expression, value) published 1998-02-05: an anniversary counts back from this month or today
ANNIVERSARIES = [
    ("The war ended 50 years ago this month.", "50 years ago this month", "1948-02"),
    ("Ten years ago today, the wall fell.", "Ten years ago today", "1988-02-05"),
    ("Two years ago yesterday he died.", "Two years ago yesterday", "1996-02-04"),
    ("Two months ago today it began.", "Two months ago today", "1997-12-05"),
]


@pytest.mark.parametrize(("sentence", "expression", "value"), ANNIVERSARIES)
def test_dates_anniversaries_count_back_from_this_month_or_today(
    resolver: DateResolver, sentence: str, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, THU_1998_02_05), expression)
    assert mention.value == value, mention.reason


def test_dates_anniversary_of_an_approximate_count_gives_nothing(resolver: DateResolver) -> None:
    # "this month" is the anniversary's month, not the date of the event
    assert resolver.find("Several years ago this month the plant opened.", THU_1998_02_05) == []
    assert resolver.find("A few years ago today the plant opened.", THU_1998_02_05) == []


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The blasts hit on Dec.3, 1998, at dawn.", "Dec.3, 1998", "1998-12-03"),
        ("The talks ended Sept.30 without a deal.", "Sept.30", "1998-09-30"),
    ],
)
def test_dates_abbreviated_month_without_a_space_before_the_day(
    resolver: DateResolver, sentence: str, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, date(1998, 12, 5)), expression)
    assert mention.value == value, mention.reason


# (text, expression, value) published 1998-10-27: a month or day followed by a year anaphor is in that year
MONTH_OF_THAT_YEAR = [
    (
        "The company was acquired in 1986. In September of that year, it moved.",
        "September of that year",
        "1986-09",
    ),
    (
        "He was elected in 1992. On March 3 of the following year he resigned.",
        "March 3 of the following year",
        "1993-03-03",
    ),
    ("In 1990 it began. In June that year the army left.", "June that year", "1990-06"),
    ("In 1985 he came, and in May of the previous year he had left.", "May of the previous year", "1984-05"),
]


@pytest.mark.parametrize(("text", "expression", "value"), MONTH_OF_THAT_YEAR)
def test_dates_month_of_that_year_takes_the_antecedent_year(
    resolver: DateResolver, text: str, expression: str, value: str
) -> None:
    mention = _only(resolver.find(text, date(1998, 10, 27)), expression)
    assert mention.value == value, mention.reason


# (sentence, the values found): a year-like number before a plural noun, with no determiner, time preposition
# or sentence start before it, is a count; after a determiner or a possessive it names the noun's year
COUNTS = [
    ("The army sent 1990 soldiers to the border.", []),
    ("The index rose to 2050 points on Friday.", ["1998-02-27"]),
    ("The shelling began at 1900 GMT.", []),
    ("The army sent 2000 soldiers and 1900 police.", []),
    ("The 1998 elections were close.", ["1998"]),
    ("Iraq's 1997 exports fell.", ["1997"]),
    ("Its 1996 profits fell.", ["1996"]),
    ("In 1995 elections were held.", ["1995"]),
    ("The post-1959 exiles left.", ["1959"]),
    ("Each January the board meets.", []),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "values"), COUNTS)
def test_dates_year_like_counts_are_no_years(
    resolver: DateResolver, nlp: Any, sentence: str, values: list[str]
) -> None:
    assert [m.value for m in resolver.find(sentence, FRI_1998_02_27, nlp(sentence))] == values


# (sentence, expression, value) published Wednesday 1998-02-25
SAYING_AND_PRESENT = [
    # the verb's own simple present is an arrangement, whatever the past of the sentence around it
    ("Annan, who arrives in Baghdad Friday, said he was hopeful.", "Friday", "1998-02-27"),
    # the time of the saying, whatever the tense of what was said
    ("In a statement Tuesday, the group said it would strike Thursday.", "Tuesday", "1998-02-24"),
    ("In a statement Tuesday, the group said it would strike Thursday.", "Thursday", "1998-02-26"),
    ("Annan, who arrived in Baghdad Friday, said he was hopeful.", "Friday", "1998-02-20"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "expression", "value"), SAYING_AND_PRESENT)
def test_dates_weekday_of_a_present_or_of_the_saying(
    resolver: DateResolver, nlp: Any, sentence: str, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, date(1998, 2, 25), nlp(sentence)), expression)
    assert mention.value == value, mention.reason


@pytest.mark.parametrize(
    ("sentence", "expression"),
    [
        ("He was seen on October 23,1998 in Buffalo.", "October 23,1998"),
        ("He was seen on October the 23rd, 1998 in Buffalo.", "October the 23rd, 1998"),
        ("He was seen on Oct.23,1998 in Buffalo.", "Oct.23,1998"),
    ],
)
def test_dates_day_with_its_year_in_loose_forms(
    resolver: DateResolver, sentence: str, expression: str
) -> None:
    mention = _only(resolver.find(sentence, date(1998, 11, 25)), expression)
    assert mention.value == "1998-10-23", mention.reason


def test_dates_month_the_number_without_ordinal_is_no_day(resolver: DateResolver) -> None:
    assert [m.text for m in resolver.find("In March the 15 members voted.", date(1998, 11, 25))] == ["March"]


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("It began in March of last year.", "March of last year", "1997-03"),
    ],
)
def test_dates_month_of_last_year(resolver: DateResolver, sentence: str, expression: str, value: str) -> None:
    mention = _only(resolver.find(sentence, date(1998, 1, 25)), expression)
    assert mention.value == value, mention.reason


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("The war ended fifty years ago.", "fifty years ago", "1948"),
        ("Twenty-five years ago the coup took place.", "Twenty-five years ago", "1973"),
        ("Twenty five years ago the coup took place.", "Twenty five years ago", "1973"),
        ("Eighteen months ago he came.", "Eighteen months ago", "1996-08"),
        ("He was born in 1950. Forty years later he died.", "Forty years later", "1990"),
    ],
)
def test_dates_counts_spelled_past_twelve(
    resolver: DateResolver, text: str, expression: str, value: str
) -> None:
    mention = _only(resolver.find(text, FRI_1998_02_27), expression)
    assert mention.value == value, mention.reason
