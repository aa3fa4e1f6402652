"""Tests for the thirteenth round of the dates work, read from the dev half of our own news documents
(``bench/own_dates.txt``): text written in lower case, months listed after one preposition ("in both June
and July"), "since" that always looks back, "ahead of" that looks forward, a year that is what something
covers (not when the act happened), a predicate adjective whose verb carries the tense ("will stay closed
through Friday"), and an entity's date that does not take the cue of the last pattern match.

Sentences are our own, news-style (not those of the set).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.test_dates import _check_well_formed, _only

from thucydides.dates import DateResolver

WED_2022_08_10 = date(2022, 8, 10)
THU_2024_10_10 = date(2024, 10, 10)
FRI_2019_01_04 = date(2019, 1, 4)
WED_1999_10_20 = date(1999, 10, 20)
MON_2001_12_03 = date(2001, 12, 3)


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


def _value(resolver: DateResolver, nlp: Any, sentence: str, published: date, expression: str) -> str:
    mention = _only(resolver.find(sentence, published, nlp(sentence)), expression)
    return f"{mention.value} ({mention.reason})"


# (sentence, published, expression, value) with the parse
PARSED = [
    # months listed after one preposition are each a date
    ("The Fed raised rates in both June and July.", WED_2022_08_10, "June", "2022-06"),
    ("The Fed raised rates in both June and July.", WED_2022_08_10, "July", "2022-07"),
    ("Prices rose in April, May and June.", WED_2022_08_10, "May", "2022-05"),
    ("Prices rose in April, May and June.", WED_2022_08_10, "June", "2022-06"),
    # "since" looks back whatever the tense: last February, not the coming one
    (
        "Employers added the most jobs since February, the department said.",
        FRI_2019_01_04,
        "since February",
        "2018-02",
    ),
    # "ahead of" a date: the coming one, unless just past
    (
        "Companies froze spending ahead of Jan. 1, analysts said.",
        WED_1999_10_20,
        "ahead of Jan. 1",
        "2000-01-01",
    ),
    ("Shares rallied ahead of Oct. 15, traders said.", WED_1999_10_20, "ahead of Oct. 15", "1999-10-15"),
    # a predicate adjective: the tense of the verb it completes
    ("Schools will stay closed through Friday, officials said.", THU_2024_10_10, "Friday", "2024-10-11"),
    ("The bridge was closed on Monday.", THU_2024_10_10, "Monday", "2024-10-07"),
    # a year a thing covers does not lend the act's month its year
    (
        "The company restated its earnings for 1997 through 2000 in November.",
        MON_2001_12_03,
        "November",
        "2001-11",
    ),
    ("In 1996, the company cut jobs in June.", MON_2001_12_03, "June", "1996-06"),
]


@pytest.mark.parametrize(("sentence", "published", "expression", "value"), PARSED)
def test_dates_round13_values(
    resolver: DateResolver, nlp: Any, sentence: str, published: date, expression: str, value: str
) -> None:
    got = _value(resolver, nlp, sentence, published, expression)
    assert got.startswith(value + " "), got


def test_dates_a_name_is_no_listed_month(resolver: DateResolver, nlp: Any) -> None:
    sentence = "Theresa May met him in June and May said no deal was near."
    mentions = resolver.find(sentence, WED_2022_08_10, nlp(sentence))
    assert [m.text for m in mentions] == ["June"], [(m.text, m.value) for m in mentions]


def test_dates_text_in_lower_case(resolver: DateResolver, nlp: Any) -> None:
    text = (
        "hurricane milton made landfall late wednesday, two weeks after helene struck on sept. 26. "
        "schools will stay closed through friday. the county may reopen offices monday. "
        "the last storm this strong came in march 1921."
    )
    mentions = resolver.find(text, THU_2024_10_10, nlp(text))
    _check_well_formed(mentions, text)
    got = {m.text: m.value for m in mentions}
    assert got["wednesday"] == "2024-10-09"
    assert got["sept. 26"] == "2024-09-26"
    assert got["friday"] == "2024-10-11"
    assert got["monday"] == "2024-10-14"
    assert got["march 1921"] == "1921-03"
    assert "may" not in got  # the verb, in lower case as in any text


def test_dates_a_bare_month_in_a_text_in_lower_case(resolver: DateResolver, nlp: Any) -> None:
    # the parse finds no DATE in lower case: a month's name is one there ("may" only before a number)
    text = "the board will publish november figures next month. october sales fell. the may report was weak."
    got = {m.text: m.value for m in resolver.find(text, date(2025, 11, 14), nlp(text))}
    assert got == {"november": "2025-11", "next month": "2025-12", "october": "2025-10"}, got


def test_dates_lower_case_words_in_a_text_in_title_case_are_no_dates(
    resolver: DateResolver, nlp: Any
) -> None:
    text = "The senator said Tuesday that she may march with the strikers. The sun set early."
    mentions = resolver.find(text, THU_2024_10_10, nlp(text))
    assert [m.text for m in mentions] == ["Tuesday"], [(m.text, m.value) for m in mentions]


def test_dates_an_entity_does_not_take_the_cue_of_the_last_match(resolver: DateResolver, nlp: Any) -> None:
    # "into September" is found by the parse; a "since" matched before it must not turn it to last year's
    text = "The strike has gone on since July 12. The series could be cancelled if it lasts into September."
    mentions = resolver.find(text, date(1994, 8, 12), nlp(text))
    got = {m.text: m.value for m in mentions}
    assert got.get("September") == "1994-09", got


def test_dates_a_word_ending_in_last_is_no_last(resolver: DateResolver, nlp: Any) -> None:
    # "blast Monday" written on a Monday: today's blast, not "last Monday" a week back; "within" holds no "in"
    text = "The blast Monday killed 12 people, officials said."
    mentions = resolver.find(text, date(1998, 3, 2), nlp(text))
    assert [(m.text, m.value) for m in mentions] == [("Monday", "1998-03-02")]
    text = "They met last Monday."
    assert [(m.text, m.value) for m in resolver.find(text, date(1998, 3, 2), nlp(text))] == [
        ("last Monday", "1998-02-23")
    ]


def test_dates_the_day_before_counts_from_the_storys_day_not_a_look_back(
    resolver: DateResolver, nlp: Any
) -> None:
    # the day a span is counted from ("18 days after ... on Jan. 25") is a look back: "the day before" counts
    # from the story's day; with no other day, from that one
    text = (
        "He stepped down on Friday, 18 days after protests began on Jan. 25. The day before, he had refused."
    )
    got = {m.text: m.value for m in resolver.find(text, date(2011, 2, 11), nlp(text))}
    assert got["The day before"] == "2011-02-10", got
    text = "Protests began on Jan. 25. The day before, police arrested 20 people."
    got = {m.text: m.value for m in resolver.find(text, date(2011, 2, 11), nlp(text))}
    assert got["The day before"] == "2011-01-24", got
