"""Tests for the way tense picks the occurrence of a date named without its year (thucydides.dates).

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
