"""Tests for how tense and the story pick the occurrence of a date named without its year.

Sentences are our own, news-style. Tables without the parse test the window clues and the calendar rules;
tables with the parse (marked slow) test what the verb the date modifies says.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.test_dates import _only

from thucydides.dates import DateResolver
from thucydides.dates.tense import news_year, tensed_occurrence

THU_1998_01_08 = date(1998, 1, 8)
WED_1998_11_25 = date(1998, 11, 25)
THU_1998_10_15 = date(1998, 10, 15)
SUN_1998_12_20 = date(1998, 12, 20)
SAT_2019_11_30 = date(2019, 11, 30)


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


# (publication, month, day, value): without a tense clue, the coming one when at most 120 days ahead, across
# the turn of the year as within it, else the last one
@pytest.mark.parametrize(
    ("published", "month", "day", "value"),
    [
        (date(1989, 11, 2), 1, 15, "1990-01-15"),  # 74 days ahead
        (date(1998, 10, 1), 1, 20, "1999-01-20"),  # 111 days ahead
        (date(1998, 8, 10), 1, 5, "1998-01-05"),  # 148 days ahead: the last one
        (date(1998, 8, 10), 12, 1, "1998-12-01"),  # 113 days ahead
        (date(1998, 2, 6), 12, 15, "1997-12-15"),
        (date(1998, 10, 15), 3, 3, "1998-03-03"),
        (SUN_1998_12_20, 1, 6, "1999-01-06"),
    ],
)
def test_dates_without_clue_take_the_coming_date_within_four_months(
    published: date, month: int, day: int, value: str
) -> None:
    found = news_year(published, lambda year: date(year, month, day))
    assert found is not None and found.isoformat() == value


# (publication, month, day, direction, loose, value)
@pytest.mark.parametrize(
    ("published", "month", "day", "direction", "loose", "value"),
    [
        (THU_1998_01_08, 1, 12, "past", False, "1997-01-12"),  # the verb's own past: last year's
        (THU_1998_01_08, 1, 12, "past", True, "1998-01-12"),  # a loose clue: this year's, 4 days ahead
        (THU_1998_01_08, 3, 12, "past", True, "1997-03-12"),  # this year's is 63 days ahead: too far
        (date(1998, 2, 6), 12, 15, "past", True, "1997-12-15"),  # last year's is the last one anyway
        (WED_1998_11_25, 11, 20, "future", True, "1999-11-20"),  # looseness is for past clues only
        (WED_1998_11_25, 1, 18, "future", False, "1999-01-18"),
    ],
)
def test_dates_loose_past_clue_does_not_carry_a_near_date_into_last_year(
    published: date, month: int, day: int, direction: Any, loose: bool, value: str
) -> None:
    found = tensed_occurrence(published, lambda year: date(year, month, day), direction, loose)
    assert found is not None and found.isoformat() == value


# (sentence, publication, expression, value): a verb that puts off or sets a date points ahead, past tense
# or not; without such a verb before it the past tense keeps the last one
SCHEDULED: list[tuple[str, date, str, str]] = [
    ("The hearing was adjourned until Jan. 18.", WED_1998_11_25, "until Jan. 18", "1999-01-18"),
    ("The vote was postponed to Dec. 2 after the storm.", WED_1998_11_25, "Dec. 2", "1998-12-02"),
    ("The strike, called for Jan. 12, closed no schools.", THU_1998_10_15, "Jan. 12", "1999-01-12"),
    ("The deadline was extended to Jan. 31.", THU_1998_10_15, "Jan. 31", "1999-01-31"),
    ("The curfew was lifted Jan. 5 in the capital.", THU_1998_10_15, "Jan. 5", "1998-01-05"),
    ("The talks were delayed until Monday.", THU_1998_10_15, "until Monday", "1998-10-19"),
    ("The talks were delayed on Monday by the storm.", THU_1998_10_15, "Monday", "1998-10-12"),
]


@pytest.mark.parametrize(("sentence", "published", "expression", "value"), SCHEDULED)
def test_dates_verb_that_sets_a_date_points_ahead(
    resolver: DateResolver, sentence: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, published), expression)
    assert mention.value == value, mention.reason


# (sentence, publication, expression, value): with the parse, the tense of the verb the date modifies
PARSED: list[tuple[str, date, str, str]] = [
    # a past clue that is not the date's verb does not carry a near date into last year
    ("The opposition called for a general strike on Jan. 12.", THU_1998_01_08, "Jan. 12", "1998-01-12"),
    ("The Jan. 14 deadline gave the family no time.", date(2000, 1, 5), "Jan. 14", "2000-01-14"),
    # ... but the date's own verb in the past does
    ("He arrived on the 3rd of March.", date(2015, 3, 1), "the 3rd of March", "2014-03-03"),
    ("The vote was held on March 2.", date(2024, 2, 29), "March 2", "2023-03-02"),
    # a finite verb that points ahead wins over its past form
    ("The prosecutor has scheduled a news conference Thursday.", date(1999, 5, 5), "Thursday", "1999-05-06"),
    # a bare participle is no tense of its own: the nearest clue decides
    ("A rally staged Saturday by students drew thousands.", date(1999, 10, 24), "Saturday", "1999-10-23"),
    # a simple present or a present progressive with a weekday is an arrangement
    ("Voting begins Sunday in the north.", THU_1998_10_15, "Sunday", "1998-10-18"),
    ("The funeral is Saturday.", THU_1998_10_15, "Saturday", "1998-10-17"),
    ("The envoy is meeting his counterpart Sunday.", THU_1998_10_15, "Sunday", "1998-10-18"),
    ("The president met the envoy Sunday.", THU_1998_10_15, "Sunday", "1998-10-11"),
    # a verb of saying in the present is no arrangement
    ("The ministry says Monday's raid killed four.", THU_1998_10_15, "Monday", "1998-10-12"),
    # an infinitive after a present, perfect or forward-pointing verb comes after it
    ("The ministers have agreed to meet again on Saturday.", THU_1998_10_15, "Saturday", "1998-10-17"),
    ("The talks, which are expected to end Friday, began Monday.", THU_1998_10_15, "Friday", "1998-10-16"),
    ("The talks, which are expected to end Friday, began Monday.", THU_1998_10_15, "Monday", "1998-10-12"),
    # a month after a verb that sets it, read from a spaCy DATE entity
    ("The summit was postponed to February.", WED_1998_11_25, "February", "1999-02"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "published", "expression", "value"), PARSED)
def test_dates_tense_of_the_verb_the_date_modifies_picks_its_occurrence(
    resolver: DateResolver, nlp: Any, sentence: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, published, nlp(sentence)), expression)
    assert mention.value == value, mention.reason


@pytest.mark.slow
def test_dates_reason_says_when_a_loose_clue_kept_this_year(resolver: DateResolver, nlp: Any) -> None:
    sentence = "The opposition called for a general strike on Jan. 12."
    mention = _only(resolver.find(sentence, THU_1998_01_08, nlp(sentence)), "Jan. 12")
    assert "this year's, 4 days from" in mention.reason


# (text, publication, expression, value, anchored): a wire dateline a few days from the document's date gives
# the story's own date, which relative expressions count from (the reason says so)
@pytest.mark.parametrize(
    ("text", "published", "expression", "value", "anchored"),
    [
        (
            "WASHINGTON, March 12 (Wire) --\n\nThe envoys met today.",
            date(1999, 3, 13),
            "today",
            "1999-03-12",
            True,
        ),
        (
            "WASHINGTON, March 12 (Wire) --\n\nThey met Thursday.",
            date(1999, 3, 13),
            "Thursday",
            "1999-03-11",
            True,
        ),
        (
            "WASHINGTON, March 12 (Wire) --\n\nThey met yesterday.",
            date(1999, 3, 12),
            "yesterday",
            "1999-03-11",
            False,
        ),
        # a dateline far from the document's date is not the story's date
        (
            "WASHINGTON, March 2 (Wire) --\n\nThe envoys met today.",
            date(1999, 3, 13),
            "today",
            "1999-03-13",
            False,
        ),
        ("The envoys met today in Washington.", date(1999, 3, 13), "today", "1999-03-13", False),
    ],
)
def test_dates_count_from_the_datelines_date_when_near_the_documents(
    resolver: DateResolver, text: str, published: date, expression: str, value: str, anchored: bool
) -> None:
    mention = _only(resolver.find(text, published), expression)
    assert mention.value == value, mention.reason
    assert ("the dateline's" in mention.reason) == anchored, mention.reason


# (story, publication, expression, value): a weekday after "that", "the following", "the previous" is in the
# story's week, counted from the day named before it; "that" as a conjunction is no such word
@pytest.mark.parametrize(
    ("story", "published", "expression", "value"),
    [
        (
            "The judge was shot on Oct. 23, 1998. That Friday, he had come home.",
            SAT_2019_11_30,
            "That Friday",
            "1998-10-23",
        ),
        (
            "Troops crossed on June 2, 2015. The following Monday, the bridge fell.",
            SAT_2019_11_30,
            "The following Monday",
            "2015-06-08",
        ),
        (
            "The vote was on March 3, 2017.\n\nThe previous Sunday, rebels struck.",
            SAT_2019_11_30,
            "The previous Sunday",
            "2017-02-26",
        ),
        (
            "They met on May 4, 2014. The next Friday they met again.",
            SAT_2019_11_30,
            "The next Friday",
            "2014-05-09",
        ),
        (
            "They met on May 4, 2014. Officials said that Friday was calm.",
            SAT_2019_11_30,
            "Friday",
            "2019-11-29",
        ),
        ("The talks resume next Friday.", SAT_2019_11_30, "next Friday", "2019-12-06"),
    ],
)
def test_dates_weekday_after_that_or_the_following_is_in_the_storys_week(
    resolver: DateResolver, story: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(story, published), expression)
    assert mention.value == value, mention.reason


def test_dates_weekday_after_that_without_a_day_before_it_is_left_out(resolver: DateResolver) -> None:
    assert resolver.find("That Friday, nobody came.", SAT_2019_11_30) == []


# (sentence, publication, expression, value): "last" + month is the most recent one, except the month just
# ended, which news calls "last month" (so "last February" in March is a year back)
@pytest.mark.parametrize(
    ("sentence", "published", "expression", "value"),
    [
        ("The plant closed last June.", date(1998, 10, 15), "last June", "1998-06"),
        ("The plant closed last February.", date(1998, 3, 1), "last February", "1997-02"),
        ("The plant closed this past February.", date(1998, 3, 1), "this past February", "1998-02"),
        ("The plant closed last March.", date(1998, 3, 20), "last March", "1997-03"),
        ("The plant closed last December.", date(1999, 1, 10), "last December", "1998-12"),
    ],
)
def test_dates_last_month_name_is_a_year_back_when_that_month_just_ended(
    resolver: DateResolver, sentence: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, published), expression)
    assert mention.value == value, mention.reason


# (sentence, publication, expression, value): days counted from a day named right after them
@pytest.mark.parametrize(
    ("sentence", "published", "expression", "value"),
    [
        (
            "The day before last Tuesday's hearing, he left.",
            date(2000, 2, 24),
            "The day before last Tuesday",
            "2000-02-21",
        ),
        (
            "Two days after Oct. 3, 1999, the army fled.",
            SAT_2019_11_30,
            "Two days after Oct. 3, 1999",
            "1999-10-05",
        ),
        (
            "He left 10 days before March 3, 2017.",
            SAT_2019_11_30,
            "10 days before March 3, 2017",
            "2017-02-21",
        ),
        (
            "Shops reopened the day after Christmas.",
            date(2000, 2, 24),
            "the day after Christmas",
            "1999-12-26",
        ),
        ("The days before March 3, 2017 were calm.", SAT_2019_11_30, "before March 3, 2017", "2017-03-03"),
        ("He left a few days before March 3, 2017.", SAT_2019_11_30, "before March 3, 2017", "2017-03-03"),
    ],
)
def test_dates_counts_days_from_a_day_named_after_them(
    resolver: DateResolver, sentence: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, published), expression)
    assert mention.value == value, mention.reason
