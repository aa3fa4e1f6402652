"""Tests for thucydides.dates across a story: anaphoric dates, ranges, holidays, dates without a year.

(The single-expression tables are in test_dates.py; this file holds what depends on the rest of the
story or on news-style conventions.)
"""

from __future__ import annotations

from datetime import date

import pytest
from tests.test_dates import _only

from thucydides.dates import DateResolver
from thucydides.dates.vocabulary import easter_sunday, nth_weekday

SAT_2019_11_30 = date(2019, 11, 30)
FRI_2020_01_03 = date(2020, 1, 3)
THU_2019_10_24 = date(2019, 10, 24)


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


# (story, publication, expression, value, precision)
ANAPHORIC: list[tuple[str, date, str, str, str]] = [
    (
        "The rebels took the town on March 3, 2017. That day, the army fled.",
        SAT_2019_11_30,
        "That day",
        "2017-03-03",
        "day",
    ),
    (
        "The rebels took the town on March 3, 2017. Later that day the army fled.",
        SAT_2019_11_30,
        "Later that day",
        "2017-03-03",
        "day",
    ),
    (
        "The rebels took the town on March 3, 2017. The next day, the army fled.",
        SAT_2019_11_30,
        "The next day",
        "2017-03-04",
        "day",
    ),
    (
        "The rebels took the town on March 31, 2017. The following day the army fled.",
        SAT_2019_11_30,
        "The following day",
        "2017-04-01",
        "day",
    ),
    (
        "The rebels took the town on March 3, 2017. The previous day the army had fled.",
        SAT_2019_11_30,
        "The previous day",
        "2017-03-02",
        "day",
    ),
    (
        "The rebels took the town on March 3, 2017, and two days later the army fled.",
        SAT_2019_11_30,
        "two days later",
        "2017-03-05",
        "day",
    ),
    (
        "The rebels took the town on March 3, 2017. The army returned the next morning.",
        SAT_2019_11_30,
        "the next morning",
        "2017-03-04",
        "day",
    ),
    (
        "The ceasefire was signed in June 2016. Fighting resumed later that month.",
        SAT_2019_11_30,
        "later that month",
        "2016-06",
        "month",
    ),
    (
        "The ceasefire was signed on June 5, 2016. In the same month, fighting resumed.",
        SAT_2019_11_30,
        "the same month",
        "2016-06",
        "month",
    ),
    (
        "The ceasefire was signed in June 2016. The following month, fighting resumed.",
        SAT_2019_11_30,
        "The following month",
        "2016-07",
        "month",
    ),
    ("The party won the vote in 2014. That year, turnout fell.", SAT_2019_11_30, "That year", "2014", "year"),
    (
        "The party won the vote in 2014. Turnout had been higher the previous year.",
        SAT_2019_11_30,
        "the previous year",
        "2013",
        "year",
    ),
    (
        "The party won the vote in 2014, and a year later it lost power.",
        SAT_2019_11_30,
        "a year later",
        "2015",
        "year",
    ),
    (
        "The party won the vote on May 4, 2014. Later that year it lost power.",
        SAT_2019_11_30,
        "Later that year",
        "2014",
        "year",
    ),
    # a comparison may open the paragraph after its antecedent, not one further
    (
        "The firm got an offer in March 2016.\n\nThe following month, it put itself up for sale.",
        SAT_2019_11_30,
        "The following month",
        "2016-04",
        "month",
    ),
    (
        "Troops crossed the river on June 2, 2015.\n\nTwo days later, the bridge fell.",
        SAT_2019_11_30,
        "Two days later",
        "2015-06-04",
        "day",
    ),
    (
        "The pact was signed in 2012.\n\nTrade grew.\n\nProfit rose from a year earlier.",
        SAT_2019_11_30,
        "a year earlier",
        "2018",
        "year",
    ),
    # a comparison with no date named in its paragraph counts from the publication date
    (
        "Profit rose to $5 million from $4 million a year earlier.",
        SAT_2019_11_30,
        "a year earlier",
        "2018",
        "year",
    ),
    ("Exports grew faster than in the previous year.", SAT_2019_11_30, "the previous year", "2018", "year"),
]


@pytest.mark.parametrize(("story", "published", "expression", "value", "precision"), ANAPHORIC)
def test_dates_resolves_anaphoric_dates_against_the_story(
    resolver: DateResolver, story: str, published: date, expression: str, value: str, precision: str
) -> None:
    mention = _only(resolver.find(story, published), expression)
    assert (mention.value, mention.precision, mention.kind) == (value, precision, "point"), mention.reason
    assert "→" in mention.reason


@pytest.mark.parametrize(
    "story",
    [
        "That day will come, the minister said.",  # no date before it
        "Nobody knows what the next day will bring.",
        "Talks will go on over the next year.",  # a span, not a date
        "Prices rose in the following months.",
        "A year after the war, the town is empty.",  # counted from an event
        "Two days later the army fled.",  # a later date needs an antecedent
    ],
)
def test_dates_leaves_anaphors_without_antecedent_unresolved(resolver: DateResolver, story: str) -> None:
    assert resolver.find(story, SAT_2019_11_30) == []


def test_dates_anaphor_reason_names_its_antecedent(resolver: DateResolver) -> None:
    story = "The rebels took the town on March 3, 2017. The next day, the army fled."
    mention = _only(resolver.find(story, SAT_2019_11_30), "The next day")
    assert "March 3, 2017" in mention.reason and "+1 day" in mention.reason


def test_dates_anaphor_is_not_resolved_without_any_date(resolver: DateResolver) -> None:
    assert resolver.find("Profit rose from a year earlier.", None) == []


# (sentence, publication, [(expression, value, kind), ...])
RANGES: list[tuple[str, date, list[tuple[str, str, str]]]] = [
    (
        "Fighting raged from March to May.",
        SAT_2019_11_30,
        [("from March", "2019-03", "range_start"), ("May", "2019-05", "point")],
    ),
    (
        "Fighting raged between June and August 2016.",
        SAT_2019_11_30,
        [("between June", "2016-06", "range_start"), ("August 2016", "2016-08", "point")],
    ),
    (
        "Fighting raged from November 2015 to February.",
        SAT_2019_11_30,
        [("from November 2015", "2015-11", "range_start"), ("February", "2016-02", "point")],
    ),
    (
        "The March-May 2018 offensive failed.",
        SAT_2019_11_30,
        [("March", "2018-03", "range_start"), ("May 2018", "2018-05", "point")],
    ),
    (
        "The 2018-2019 budget was cut.",
        SAT_2019_11_30,
        [("2018", "2018", "range_start"), ("2019", "2019", "point")],
    ),
    (
        "The 1998-99 season was cancelled.",
        SAT_2019_11_30,
        [("1998", "1998", "range_start"), ("99", "1999", "point")],
    ),
    (
        "The 1999-00 season was cancelled.",
        SAT_2019_11_30,
        [("1999", "1999", "range_start"), ("00", "2000", "point")],
    ),
    (
        "Output fell between 1990 and 1995.",
        SAT_2019_11_30,
        [("1990", "1990", "range_start"), ("1995", "1995", "point")],
    ),
    (
        "The war lasted from 2011 to 2014.",
        SAT_2019_11_30,
        [("2011", "2011", "range_start"), ("2014", "2014", "point")],
    ),
    (
        "Troops stayed from 1991 until 1995.",
        SAT_2019_11_30,
        [("1991", "1991", "range_start"), ("until 1995", "1995", "deadline")],
    ),
]


# (sentence, publication, expression, value): the end of a year is a date of that year
@pytest.mark.parametrize(
    ("sentence", "published", "expression", "value"),
    [
        ("New rules should be in place by year's end.", THU_2019_10_24, "by year's end", "2019"),
        ("The bank expects to finish the sale at year-end.", THU_2019_10_24, "year-end", "2019"),
        ("Debt stood at $5 million at year-end 2017.", THU_2019_10_24, "year-end 2017", "2017"),
        ("Debt stood at $5 million at the year's end.", date(2020, 1, 20), "the year's end", "2019"),
    ],
)
def test_dates_reads_the_end_of_a_year_as_that_year(
    resolver: DateResolver, sentence: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, published), expression)
    assert (mention.value, mention.precision) == (value, "year"), mention.reason


@pytest.mark.parametrize(("sentence", "published", "expected"), RANGES)
def test_dates_reads_both_ends_of_a_range(
    resolver: DateResolver, sentence: str, published: date, expected: list[tuple[str, str, str]]
) -> None:
    mentions = resolver.find(sentence, published)
    got = [(m.text, m.value, m.kind) for m in mentions]
    assert got == expected, [m.reason for m in mentions]


@pytest.mark.parametrize(
    "sentence", ["Data for 2019-10 are out.", "Call 1990-2090 now.", "He was born 2019-12."]
)
def test_dates_does_not_read_a_range_where_the_numbers_cannot_be_one(
    resolver: DateResolver, sentence: str
) -> None:
    assert not [m for m in resolver.find(sentence, SAT_2019_11_30) if m.kind == "range_start"]


# (sentence, publication, expression, value)
HOLIDAYS: list[tuple[str, date, str, str]] = [
    ("Troops left on Christmas Day.", FRI_2020_01_03, "Christmas Day", "2019-12-25"),
    ("Troops will leave by Christmas.", SAT_2019_11_30, "by Christmas", "2019-12-25"),
    ("Troops left on New Year's Eve.", FRI_2020_01_03, "New Year's Eve", "2019-12-31"),
    ("Troops left on New Year’s Day.", FRI_2020_01_03, "New Year’s Day", "2020-01-01"),
    ("Shops closed on Thanksgiving Day.", FRI_2020_01_03, "Thanksgiving Day", "2019-11-28"),
    ("Shops closed on Thanksgiving Day 1999.", FRI_2020_01_03, "Thanksgiving Day 1999", "1999-11-25"),
    ("Protesters gathered on Good Friday.", date(2019, 5, 1), "Good Friday", "2019-04-19"),
    ("The truce will hold until Easter.", date(2024, 2, 29), "until Easter", "2024-03-31"),
    ("The strike began on Labor Day.", date(2019, 9, 10), "Labor Day", "2019-09-02"),
    ("The parade was held on Memorial Day.", date(2019, 6, 10), "Memorial Day", "2019-05-27"),
]


@pytest.mark.parametrize(("sentence", "published", "expression", "value"), HOLIDAYS)
def test_dates_resolves_holidays(
    resolver: DateResolver, sentence: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, published), expression)
    assert (mention.value, mention.precision) == (value, "day"), mention.reason
    assert "holiday" in mention.reason


@pytest.mark.parametrize(
    ("sentence", "word"),
    [("The Easter Island statues were moved.", "Easter"), ("The Christmas Island camp closed.", "Christmas")],
)
def test_dates_holiday_words_in_place_names_are_not_dates(
    resolver: DateResolver, sentence: str, word: str
) -> None:
    at = sentence.index(word)
    assert not [m for m in resolver.find(sentence, SAT_2019_11_30) if m.start <= at < m.end]


@pytest.mark.parametrize(
    ("year", "expected"), [(2019, date(2019, 4, 21)), (2024, date(2024, 3, 31)), (2000, date(2000, 4, 23))]
)
def test_dates_computes_easter(year: int, expected: date) -> None:
    assert easter_sunday(year) == expected


@pytest.mark.parametrize(
    ("year", "month", "weekday", "nth", "expected"),
    [
        (1999, 11, 3, 4, date(1999, 11, 25)),
        (2019, 5, 0, -1, date(2019, 5, 27)),
        (2019, 9, 0, 1, date(2019, 9, 2)),
    ],
)
def test_dates_finds_the_nth_weekday_of_a_month(
    year: int, month: int, weekday: int, nth: int, expected: date
) -> None:
    assert nth_weekday(year, month, weekday, nth) == expected


# month and day without a year or tense clue: news style (the coming one when at most 120 days ahead, else
# the last one)
# (sentence, publication, expression, value)
NEWS_YEAR: list[tuple[str, date, str, str]] = [
    ("The dividend is payable Dec. 1 to holders of record Nov. 10.", THU_2019_10_24, "Dec. 1", "2019-12-01"),
    ("The dividend is payable Dec. 1 to holders of record Nov. 10.", THU_2019_10_24, "Nov. 10", "2019-11-10"),
    (
        "Its fiscal year ends Jan. 31 for the company.",
        THU_2019_10_24,
        "Jan. 31",
        "2020-01-31",
    ),  # 99 days ahead
    ("Its fiscal year ended Jan. 31 for the company.", THU_2019_10_24, "Jan. 31", "2019-01-31"),
    ("The March 31 accord on fishing stands.", THU_2019_10_24, "March 31", "2019-03-31"),  # 159 days ahead
    ("Its fiscal year ends Jan. 15 for the company.", SAT_2019_11_30, "Jan. 15", "2020-01-15"),
    ("Its fiscal year ends Dec. 30 for the company.", FRI_2020_01_03, "Dec. 30", "2019-12-30"),
    ("The company's offer, at $5 a share, expires Nov. 17.", THU_2019_10_24, "Nov. 17", "2019-11-17"),
    ("The Jan. 14 deadline for the boy stands.", date(2000, 1, 5), "Jan. 14", "2000-01-14"),
    # an attribution after a comma does not set the tense of the date before it
    ("The company expects to close the deal Dec. 15, it said.", THU_2019_10_24, "Dec. 15", "2019-12-15"),
    ("The company closed the deal Oct. 15, it said.", THU_2019_10_24, "Oct. 15", "2019-10-15"),
]


@pytest.mark.parametrize(("sentence", "published", "expression", "value"), NEWS_YEAR)
def test_dates_month_day_without_tense_clue_is_in_the_publication_year(
    resolver: DateResolver, sentence: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, published), expression)
    assert mention.value == value, mention.reason


@pytest.mark.parametrize(
    ("sentence", "published", "expression", "value"),
    [
        (
            "Officials arrived in Miami Wednesday to meet the family.",
            date(2000, 1, 5),
            "Wednesday",
            "2000-01-05",
        ),
        ("Iran Saturday condemned the bombing.", date(1998, 8, 8), "Saturday", "1998-08-08"),
        ("The Friday explosions killed dozens.", date(1998, 8, 8), "Friday", "1998-08-07"),
        ("The father could arrive as early as Tuesday.", date(2000, 4, 3), "Tuesday", "2000-04-04"),
        ("The shares are to resume trading in Paris Tuesday.", date(1989, 10, 27), "Tuesday", "1989-10-31"),
        ("``Today is a sad day,'' he said.", date(2000, 1, 5), "Today", "2000-01-05"),
        ("The post-1959 exodus split families.", date(2000, 1, 5), "1959", "1959"),
    ],
)
def test_dates_reads_weekdays_after_names_and_forward_cues(
    resolver: DateResolver, sentence: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(sentence, published), expression)
    assert mention.value == value, mention.reason


# (story, publication, expression, value): the expression is the only mention with exactly that text
NAMED_EARLIER: list[tuple[str, date, str, str]] = [
    (
        "The doctor was killed on Oct. 23, 1998. A year on, the Oct. 23 killing is unsolved.",
        date(1999, 10, 24),
        "Oct. 23",
        "1998-10-23",
    ),
    (
        "The Oct. 23 killing is unsolved. The doctor was killed on Oct. 23, 1998, at home.",
        date(1999, 10, 24),
        "Oct. 23",
        "1998-10-23",
    ),
    (
        "The dam broke in March 2016. In March, the floods reached the capital.",
        SAT_2019_11_30,
        "March",
        "2016-03",
    ),
    # a clue pointing ahead keeps the coming one
    (
        "The doctor was killed on Oct. 23, 1998. A vigil will be held on Oct. 23.",
        date(1999, 10, 20),
        "Oct. 23",
        "1999-10-23",
    ),
    # a month named after the explicit one does not reach back
    (
        "In March, the floods reached the capital. The dam broke in March 2016.",
        SAT_2019_11_30,
        "March",
        "2019-03",
    ),
]


@pytest.mark.parametrize(("story", "published", "expression", "value"), NAMED_EARLIER)
def test_dates_partial_date_takes_the_year_of_the_same_date_named_in_the_story(
    resolver: DateResolver, story: str, published: date, expression: str, value: str
) -> None:
    mention = _only(resolver.find(story, published), expression)
    assert mention.value == value, mention.reason
