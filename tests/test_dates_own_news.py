"""Tests for the seventh round of the dates work, read from the dev half of our own news documents
(``bench/own_dates.txt``): what a past verb of intention or a verb that sets a date says of the date on its
infinitive or object, anniversaries, a month in a past relative clause, a month that is a person's
surname, an ordinal day before a noun, and a weekday in apposition with its day.

Sentences are our own, news-style (not those of the set).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.test_dates import _only

from thucydides.dates import DateResolver

TUE_2008_12_30 = date(2008, 12, 30)
WED_2024_11_06 = date(2024, 11, 6)
THU_2002_09_12 = date(2002, 9, 12)
THU_2005_09_01 = date(2005, 9, 1)
MON_2011_09_12 = date(2011, 9, 12)
WED_2017_11_15 = date(2017, 11, 15)
BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


def _value(resolver: DateResolver, nlp: Any, sentence: str, published: date, expression: str) -> str:
    mention = _only(resolver.find(sentence, published, nlp(sentence)), expression)
    return f"{mention.value} ({mention.reason})"


# (sentence, published, expression, value) with the parse
PARSED = [
    # what a past verb of intention promised or hoped for comes after it
    (
        "The army promised on Tuesday to hand power to civilians by July.",
        TUE_2008_12_30,
        "by July",
        "2009-07",
    ),
    (
        "The senator said he hoped to pass the budget by April 15.",
        TUE_2008_12_30,
        "by April 15",
        "2009-04-15",
    ),
    ("The rebels vowed to attack the capital in March.", TUE_2008_12_30, "March", "2009-03"),
    # ... unless just past: the plan may have been carried out
    ("The group planned to hold a rally on Dec. 3.", TUE_2008_12_30, "Dec. 3", "2008-12-03"),
    # a present plan points ahead in any case
    ("The group plans to hold a rally on Dec. 3.", TUE_2008_12_30, "Dec. 3", "2009-12-03"),
    # a verb that sets a date, with its object between them
    ("The unions called a national strike for Friday.", TUE_2008_12_30, "Friday", "2009-01-02"),
    ("The court postponed the hearing until March 3.", TUE_2008_12_30, "until March 3", "2009-03-03"),
    ("Residents prepared for a quiet Christmas.", date(2012, 12, 24), "Christmas", "2012-12-25"),
    # a month in a relative clause whose verb is past, whatever the future around it
    (
        "The governor, who replaced the mayor as the nominee in July, will speak tonight.",
        WED_2024_11_06,
        "July",
        "2024-07",
    ),
    # the month of a future sentence stays ahead
    ("The nominee will speak at the convention in July.", WED_2024_11_06, "July", "2025-07"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "published", "expression", "value"), PARSED)
def test_dates_verb_of_intention_setting_or_relative_clause_picks_the_occurrence(
    resolver: DateResolver, nlp: Any, sentence: str, published: date, expression: str, value: str
) -> None:
    assert _value(resolver, nlp, sentence, published, expression).startswith(value + " ")


@pytest.mark.slow
def test_dates_a_bare_participle_that_planned_a_day_sets_nothing_ahead(
    resolver: DateResolver, nlp: Any
) -> None:
    sentence = "A memorial service planned at the university for Saturday was canceled."
    assert _value(resolver, nlp, sentence, TUE_2008_12_30, "Saturday").startswith("2008-12-27 ")


# (sentence, expression, value or None) published 2002-09-12: an anniversary counts its years back
ANNIVERSARIES = [
    ("He spoke a day after the first anniversary of the Sept. 11 attacks.", "Sept. 11", "2001-09-11"),
    ("Veterans marked the 50th anniversary of the Aug. 2 landing.", "Aug. 2", "1952-08-02"),
    ("It was the twenty-fifth anniversary of the June 5 coup.", "June 5", "1977-06-05"),
    ("Crowds marked the anniversary of the Sept. 11 attacks.", "Sept. 11", None),  # how many years: unknown
    ("It was the anniversary of the war of Sept. 11, 1973.", "Sept. 11, 1973", "1973-09-11"),
]


@pytest.mark.parametrize(("sentence", "expression", "value"), ANNIVERSARIES)
def test_dates_an_anniversary_counts_its_ordinal_in_years_back(
    resolver: DateResolver, sentence: str, expression: str, value: str | None
) -> None:
    mentions = resolver.find(sentence, THU_2002_09_12)
    if value is None:
        assert not [m for m in mentions if expression in m.text], [(m.text, m.value) for m in mentions]
    else:
        assert _only(mentions, expression).value == value


@pytest.mark.slow
def test_dates_anniversary_without_ordinal_is_no_date_with_the_parse(
    resolver: DateResolver, nlp: Any
) -> None:
    sentence = "Crowds marked the anniversary of the Sept. 11 attacks."
    assert not resolver.find(sentence, THU_2002_09_12, nlp(sentence))


@pytest.mark.slow
def test_dates_a_month_that_is_a_persons_surname_is_no_date(resolver: DateResolver, nlp: Any) -> None:
    text = (
        "Prime Minister Theresa May said Wednesday that Britain would leave. "
        "May's government has struggled since June. The vote is in May."
    )
    mentions = resolver.find(text, WED_2017_11_15, nlp(text))
    assert [(m.text, m.value) for m in mentions if "May" in m.text] == [("May", "2018-05")]  # the last only


def test_dates_an_ordinal_day_before_a_noun_is_no_weekdays_day(resolver: DateResolver) -> None:
    mentions = resolver.find("Crowds gathered Sunday, the 10th anniversary of the attacks.", MON_2011_09_12)
    assert _only(mentions, "Sunday").value == "2011-09-11"
    assert _only(
        resolver.find("It happened on Friday the 13th.", MON_2011_09_12), "Friday the 13th"
    ).value == ("2011-05-13")


def test_dates_a_weekday_in_apposition_takes_the_day_after_it(resolver: DateResolver) -> None:
    mentions = resolver.find("Congress returns Tuesday, the day after Labor Day.", THU_2005_09_01)
    assert _only(mentions, "Tuesday").value == "2005-09-06"
    assert _only(mentions, "the day after Labor Day").value == "2005-09-06"
    # a day on another weekday leaves the weekday alone
    mentions = resolver.find("The vote was Monday, the day after Labor Day.", THU_2005_09_01)
    assert _only(mentions, "Monday").value == "2005-08-29"


def test_dates_own_news_set_is_built_from_its_source() -> None:
    spec = importlib.util.spec_from_file_location("own_dates", BENCH / "own_dates.py")
    assert spec is not None and spec.loader is not None
    sys.path.insert(0, str(BENCH))
    try:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH))
    built = module.parse_source((BENCH / "own_dates.txt").read_text(encoding="utf-8"))
    assert module.check(built) == []
    stored = [
        json.loads(line) for line in (BENCH / "own_dates.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert built == stored
    assert module.check([{"id": "x", "text": "on Monday", "timexes": [
        {"start": 3, "end": 9, "text": "Monday", "type": "DATE", "value": "2008-12-30"}]}])  # fmt: skip
