"""Tests for dates written with short or spelled-out numbers (thucydides.dates.numbers): our own sentences."""

from __future__ import annotations

from datetime import date

import pytest
from tests.test_dates import _only

from thucydides.dates import DateResolver

SAT_2019_11_30 = date(2019, 11, 30)


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


# (sentence, publication, expression, value, precision): numbers written short
@pytest.mark.parametrize(
    ("sentence", "published", "expression", "value", "precision"),
    [
        ("The vote is set for 10/20/98 in the capital.", date(1998, 10, 15), "10/20/98", "1998-10-20", "day"),
        ("The vote is set for 10/20/1998.", None, "10/20/1998", "1998-10-20", "day"),
        ("The vote was held on 20/10/98.", date(1998, 10, 25), "20/10/98", "1998-10-20", "day"),
        ("The vote was held on 3/1/05.", date(2005, 3, 10), "3/1/05", "2005-03-01", "day"),
        ("The crisis began in '97 and ended in '98.", date(1998, 10, 15), "'97", "1997", "year"),
        ("The firm moved in late '99.", date(2001, 5, 2), "'99", "1999", "year"),
        ("The firm moved in March '01.", date(2001, 5, 2), "March '01", "2001-03", "month"),
    ],
)
def test_dates_reads_numeric_dates_and_two_digit_years_near_publication(
    resolver: DateResolver, sentence: str, published: date | None, expression: str, value: str, precision: str
) -> None:
    mention = _only(resolver.find(sentence, published), expression)
    assert (mention.value, mention.precision) == (value, precision), mention.reason


@pytest.mark.parametrize(
    "sentence",
    [
        "He said '97 was a bad vintage.",  # no preposition or month before it
        "The team won 3/4/5 of its games.",  # no year of two or four digits
        "The score was 2 1/2 points.",
    ],
)
def test_dates_short_numbers_that_are_no_dates(resolver: DateResolver, sentence: str) -> None:
    assert [m.text for m in resolver.find(sentence, date(1998, 10, 15))] == []


# (sentence, publication, expression, value): dates spelled out, as broadcast transcripts write them
@pytest.mark.parametrize(
    ("sentence", "published", "expression", "value"),
    [
        ("He was born in nineteen fifty-two in Ohio.", SAT_2019_11_30, "nineteen fifty-two", "1952"),
        ("The plan ends by the year two thousand.", date(1998, 2, 5), "by the year two thousand", "2000"),
        ("The plan ended in two thousand and one.", SAT_2019_11_30, "two thousand and one", "2001"),
        ("Elections are set for March twenty-third.", date(1998, 2, 5), "March twenty-third", "1998-03-23"),
        ("The vote was held on January the fifth.", date(1998, 2, 5), "January the fifth", "1998-01-05"),
    ],
)
def test_dates_reads_dates_spelled_out(
    resolver: DateResolver, sentence: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, published), expression)
    assert mention.value == value, mention.reason


@pytest.mark.parametrize(
    "sentence",
    ["Two thousand people marched.", "In two thousand cases, the court ruled.", "Nineteen people died."],
)
def test_dates_spelled_numbers_that_are_counts_are_no_years(resolver: DateResolver, sentence: str) -> None:
    assert resolver.find(sentence, SAT_2019_11_30) == []
