"""Tests for the eighth round of the dates work, read from the dev half of our own news documents
(``bench/own_dates.txt``): "next Thursday" written on a Wednesday, a weekday a plan in the past perfect was
set for, a deadline on a verb with no tense of its own, the verb of the clause a dated noun stands in, a
day declared a day of mourning, and "N years to the day after".

Sentences are our own, news-style (not those of the set).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.test_dates import _only

from thucydides.dates import DateResolver

WED_1997_08_27 = date(1997, 8, 27)
MON_1989_12_18 = date(1989, 12, 18)
TUE_2008_03_11 = date(2008, 3, 11)
THU_2021_09_30 = date(2021, 9, 30)
TUE_2009_03_24 = date(2009, 3, 24)
THU_1995_04_20 = date(1995, 4, 20)
FRI_1998_07_17 = date(1998, 7, 17)


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


def _value(resolver: DateResolver, nlp: Any, sentence: str, published: date, expression: str) -> str:
    mention = _only(resolver.find(sentence, published, nlp(sentence)), expression)
    return f"{mention.value} ({mention.reason})"


# (sentence, published, expression, value) with the parse
PARSED = [
    # "next Thursday" on a Wednesday is next week's ("Thursday" alone is tomorrow); on a Friday the coming one
    ("Several chains open new stores next Thursday.", WED_1997_08_27, "next Thursday", "1997-09-04"),
    ("Several chains open new stores Thursday.", WED_1997_08_27, "Thursday", "1997-08-28"),
    ("The talks resume next Monday.", WED_1997_08_27, "next Monday", "1997-09-01"),
    # a plan in the past perfect: the nearest such day, either side
    ("The signing had been set for Tuesday.", WED_1997_08_27, "Tuesday", "1997-08-26"),
    ("The vote had been scheduled for Friday, but was moved up.", WED_1997_08_27, "Friday", "1997-08-29"),
    ("The vote was scheduled for Friday.", WED_1997_08_27, "Friday", "1997-08-29"),
    # a deadline on an infinitive or a bare participle is ahead of the past that set it
    (
        "Regulators had ordered the bank to raise $60 million by March 31.",
        MON_1989_12_18,
        "by March 31",
        "1990-03-31",
    ),
    (
        "He apologized Monday and faced calls to resign by Wednesday.",
        TUE_2008_03_11,
        "by Wednesday",
        "2008-03-12",
    ),
    (
        "Congress passed a stopgap bill, keeping agencies funded through Dec. 3.",
        THU_2021_09_30,
        "Dec. 3",
        "2021-12-03",
    ),
    # ... unless just past
    (
        "He managed to finish the report by Sept. 5, officials said.",
        THU_2021_09_30,
        "by Sept. 5",
        "2021-09-05",
    ),
    # the verb of the clause whose adverbial phrase holds the dated noun, not the nearest clue in the text
    (
        "The council approved the changes during a meeting Wednesday, which would cut costs.",
        TUE_2009_03_24,
        "Wednesday",
        "2009-03-18",
    ),
    # ... not a verb further up ("searching" does not date the blaze)
    (
        "Firefighters are searching for the cause of a blaze Monday morning.",
        TUE_2009_03_24,
        "Monday morning",
        "2009-03-23",
    ),
    # a day declared a day of something lies ahead of the declaring
    ("The president declared Sunday a national day of mourning.", THU_1995_04_20, "Sunday", "1995-04-23"),
    ("The government declared Friday a public holiday.", THU_1995_04_20, "Friday", "1995-04-21"),
    ("He declared Monday that the war was over.", THU_1995_04_20, "Monday", "1995-04-17"),
]


@pytest.mark.parametrize(("sentence", "published", "expression", "value"), PARSED)
def test_dates_round8_picks_the_occurrence(
    resolver: DateResolver, nlp: Any, sentence: str, published: date, expression: str, value: str
) -> None:
    got = _value(resolver, nlp, sentence, published, expression)
    assert got.startswith(value + " "), got


def test_dates_years_to_the_day_after_is_no_day(resolver: DateResolver, nlp: Any) -> None:
    sentence = "The czar was buried today, 80 years to the day after he was shot."
    mentions = resolver.find(sentence, FRI_1998_07_17, nlp(sentence))
    assert [m.text for m in mentions] == ["today"]
    sentence = "He was arrested on Monday. He was released the day after."
    mentions = resolver.find(sentence, FRI_1998_07_17, nlp(sentence))
    assert _only(mentions, "the day after").value == "1998-07-14"


def test_dates_the_weekday_before_that_counts_from_the_day_named_before(
    resolver: DateResolver, nlp: Any
) -> None:
    sentence = "The party won the first vote last Tuesday and the second the Saturday before that."
    mentions = resolver.find(sentence, date(2016, 2, 29), nlp(sentence))
    assert _only(mentions, "the Saturday before that").value == "2016-02-20"
    sentence = "He arrived on Feb. 3. He left the Monday after that."
    mentions = resolver.find(sentence, date(2016, 2, 29), nlp(sentence))
    assert _only(mentions, "the Monday after that").value == "2016-02-08"


def test_dates_since_tagged_as_a_conjunction_still_hangs_the_date_on_its_verb(
    resolver: DateResolver, nlp: Any
) -> None:
    sentence = "The company has bought back shares since March, and its board will meet next month."
    mentions = resolver.find(sentence, date(1989, 10, 30), nlp(sentence))
    assert _only(mentions, "since March").value == "1989-03"


def test_dates_a_tense_clue_after_a_comma_and_a_new_clause_is_not_the_dates(
    resolver: DateResolver, nlp: Any
) -> None:
    sentence = "Republicans won the House in Tuesday's elections, and their leader said the party would act."
    mentions = resolver.find(sentence, date(1994, 11, 9), nlp(sentence))
    assert _only(mentions, "Tuesday").value == "1994-11-08"
    sentence = "The talks begin Tuesday, and will last three days."
    mentions = resolver.find(sentence, date(1994, 11, 9), nlp(sentence))
    assert _only(mentions, "Tuesday").value == "1994-11-15"


def test_dates_that_monday_takes_the_day_named_before_that_fell_on_a_monday(
    resolver: DateResolver, nlp: Any
) -> None:
    text = (
        "Two years after the crash of Oct. 19, 1987, investors stayed away. "
        "The drop last Friday revived memories of that Monday, when the Dow lost 508 points."
    )
    mentions = resolver.find(text, date(1989, 10, 19), nlp(text))
    assert _only(mentions, "that Monday").value == "1987-10-19"
