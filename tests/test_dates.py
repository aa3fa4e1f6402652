"""Tests for thucydides.dates: finding date expressions and resolving them against publication."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from thucydides.dates import DateResolver, find_dateline_date, infer_publication_date, load_date_vocabulary
from thucydides.record import DateMention, Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_b572a6a0bfdea77a.txt"

SAT_2019_11_30 = date(2019, 11, 30)  # a Saturday, end of month
WED_2019_11_27 = date(2019, 11, 27)
FRI_2020_01_03 = date(2020, 1, 3)  # just after the year boundary
SUN_2015_03_01 = date(2015, 3, 1)  # first day of a month
THU_2024_02_29 = date(2024, 2, 29)  # leap day


@pytest.fixture(scope="module")
def resolver() -> DateResolver:
    return DateResolver()


def _only(mentions: list[DateMention], text: str) -> DateMention:
    hits = [m for m in mentions if m.text == text]
    assert len(hits) == 1, f"expected one mention {text!r}, got {[(m.text, m.value) for m in mentions]}"
    return hits[0]


def _check_well_formed(mentions: list[DateMention], text: str) -> None:
    for m in mentions:
        assert m.text == text[m.start : m.end]
        assert m.reason
    for first, second in zip(mentions, mentions[1:], strict=False):
        assert first.end <= second.start, "mentions must be sorted and must not overlap"


# (sentence, publication, expression, value, precision, kind)
RESOLVED: list[tuple[str, date, str, str, str, str]] = [
    # explicit and partial month-day dates
    (
        "The ministry said on November 27 that talks failed.",
        SAT_2019_11_30,
        "November 27",
        "2019-11-27",
        "day",
        "point",
    ),
    (
        "The ministry said on November 27 that talks failed.",
        FRI_2020_01_03,
        "November 27",
        "2019-11-27",
        "day",
        "point",
    ),
    (
        "The ministry said on November 27 that talks failed.",
        SUN_2015_03_01,
        "November 27",
        "2014-11-27",
        "day",
        "point",
    ),
    ("Officials met on Nov. 25 in Geneva.", SAT_2019_11_30, "Nov. 25", "2019-11-25", "day", "point"),
    ("Officials met Nov 25 in Geneva.", THU_2024_02_29, "Nov 25", "2023-11-25", "day", "point"),
    (
        "The accord was signed on 25 November 2019.",
        THU_2024_02_29,
        "25 November 2019",
        "2019-11-25",
        "day",
        "point",
    ),
    (
        "It was signed on November 25, 2019, in Doha.",
        SAT_2019_11_30,
        "November 25, 2019",
        "2019-11-25",
        "day",
        "point",
    ),
    (
        "Elections were held on 2019-10-05 nationwide.",
        FRI_2020_01_03,
        "2019-10-05",
        "2019-10-05",
        "day",
        "point",
    ),
    (
        "The memo is dated 2015/02/27 in the archive.",
        SUN_2015_03_01,
        "2015/02/27",
        "2015-02-27",
        "day",
        "point",
    ),
    ("Fighting resumed in October 2019.", FRI_2020_01_03, "October 2019", "2019-10", "month", "point"),
    (
        "Fighting resumed in Oct. 2019 near the border.",
        FRI_2020_01_03,
        "Oct. 2019",
        "2019-10",
        "month",
        "point",
    ),
    (
        "The court ruled on Saturday, November 30, 2019.",
        FRI_2020_01_03,
        "Saturday, November 30, 2019",
        "2019-11-30",
        "day",
        "point",
    ),
    ("He arrived on the 3rd of March.", SUN_2015_03_01, "the 3rd of March", "2014-03-03", "day", "point"),
    ("Talks were held on 5 October in Oslo.", SAT_2019_11_30, "5 October", "2019-10-05", "day", "point"),
    ("Talks were held on December 30 in Oslo.", FRI_2020_01_03, "December 30", "2019-12-30", "day", "point"),
    ("The ministers met on January 2 in Oslo.", FRI_2020_01_03, "January 2", "2020-01-02", "day", "point"),
    ("The vote was held on February 29.", THU_2024_02_29, "February 29", "2024-02-29", "day", "point"),
    ("The vote was held on March 2.", THU_2024_02_29, "March 2", "2023-03-02", "day", "point"),
    ("The summit will open on December 5.", SAT_2019_11_30, "December 5", "2019-12-05", "day", "point"),
    (
        "Leaders are scheduled to meet on January 10.",
        SAT_2019_11_30,
        "January 10",
        "2020-01-10",
        "day",
        "point",
    ),
    ("SEPT. 9 was the day the army moved.", SAT_2019_11_30, "SEPT. 9", "2019-09-09", "day", "point"),
    # day of the month alone
    (
        "The envoy spoke on the 20th, saying talks were over.",
        SAT_2019_11_30,
        "the 20th",
        "2019-11-20",
        "day",
        "point",
    ),
    (
        "The envoy spoke on the 20th, saying talks were over.",
        FRI_2020_01_03,
        "the 20th",
        "2019-12-20",
        "day",
        "point",
    ),
    ("The envoy arrived on the 31st and left.", SAT_2019_11_30, "the 31st", "2019-10-31", "day", "point"),
    ("The envoy arrived on the 1st and left.", SUN_2015_03_01, "the 1st", "2015-03-01", "day", "point"),
    ("Troops withdrew on the 29th.", THU_2024_02_29, "the 29th", "2024-02-29", "day", "point"),
    ("Troops withdrew on the 30th.", date(2024, 3, 5), "the 30th", "2024-01-30", "day", "point"),
    ("Talks will resume on the 15th.", SAT_2019_11_30, "the 15th", "2019-12-15", "day", "point"),
    (
        "Talks were held on the 5th of last month.",
        SAT_2019_11_30,
        "the 5th of last month",
        "2019-10-05",
        "day",
        "point",
    ),
    # month names without a day
    (
        "In April this year, the council voted.",
        SAT_2019_11_30,
        "April this year",
        "2019-04",
        "month",
        "point",
    ),
    (
        "In April last year, the council voted.",
        FRI_2020_01_03,
        "April last year",
        "2019-04",
        "month",
        "point",
    ),
    ("In April, the council voted.", SAT_2019_11_30, "April", "2019-04", "month", "point"),
    ("In December, the council voted.", FRI_2020_01_03, "December", "2019-12", "month", "point"),
    ("In March, the council voted.", SUN_2015_03_01, "March", "2015-03", "month", "point"),
    ("The council voted in May.", SAT_2019_11_30, "May", "2019-05", "month", "point"),
    ("The council will vote in March.", SAT_2019_11_30, "March", "2020-03", "month", "point"),
    ("Last September the council voted.", SAT_2019_11_30, "Last September", "2019-09", "month", "point"),
    # the month just ended is "last month": "last October" in November is a year back
    ("Last October the council voted.", SAT_2019_11_30, "Last October", "2018-10", "month", "point"),
    ("Last December the council voted.", SAT_2019_11_30, "Last December", "2018-12", "month", "point"),
    ("The council plans a vote next June.", SAT_2019_11_30, "next June", "2020-06", "month", "point"),
    ("The ban stays in force until March.", SAT_2019_11_30, "until March", "2020-03", "month", "deadline"),
    # years
    ("In 2018, the council voted.", SAT_2019_11_30, "2018", "2018", "year", "point"),
    ("The 2018 deal collapsed.", SAT_2019_11_30, "2018", "2018", "year", "point"),
    ("Sanctions have applied since 2014.", SAT_2019_11_30, "since 2014", "2014", "year", "range_start"),
    ("The country has been at war since 1975.", THU_2024_02_29, "since 1975", "1975", "year", "range_start"),
    ("They must decide before 2020.", SAT_2019_11_30, "before 2020", "2020", "year", "deadline"),
    ("The bill passed last year.", FRI_2020_01_03, "last year", "2019", "year", "point"),
    ("This year, the bill passed.", THU_2024_02_29, "This year", "2024", "year", "point"),
    ("The bill will pass next year.", SAT_2019_11_30, "next year", "2020", "year", "point"),
    ("Nothing changed in the year 2000.", SAT_2019_11_30, "the year 2000", "2000", "year", "point"),
    ("In 2000 elections were held.", SAT_2019_11_30, "2000", "2000", "year", "point"),
    ("Around 2015 the war spread north.", SAT_2019_11_30, "2015", "2015", "year", "point"),
    # days relative to publication
    ("The army withdrew yesterday.", FRI_2020_01_03, "yesterday", "2020-01-02", "day", "point"),
    ("The army withdrew yesterday.", SUN_2015_03_01, "yesterday", "2015-02-28", "day", "point"),
    ("The army withdrew yesterday.", date(2024, 3, 1), "yesterday", "2024-02-29", "day", "point"),
    ("The minister arrives today.", SAT_2019_11_30, "today", "2019-11-30", "day", "point"),
    ("Talks resume tomorrow.", date(2019, 12, 31), "tomorrow", "2020-01-01", "day", "point"),
    (
        "It happened the day before yesterday.",
        date(2020, 1, 1),
        "the day before yesterday",
        "2019-12-30",
        "day",
        "point",
    ),
    ("Two days ago the army withdrew.", date(2020, 1, 1), "Two days ago", "2019-12-30", "day", "point"),
    ("Rebels attacked 3 days ago.", SUN_2015_03_01, "3 days ago", "2015-02-26", "day", "point"),
    ("Rebels attacked a week ago.", SAT_2019_11_30, "a week ago", "2019-11", "month", "point"),
    ("Rebels attacked two weeks ago.", FRI_2020_01_03, "two weeks ago", "2019-12", "month", "point"),
    ("Rebels attacked three months ago.", FRI_2020_01_03, "three months ago", "2019-10", "month", "point"),
    ("Rebels attacked two years ago.", SAT_2019_11_30, "two years ago", "2017", "year", "point"),
    ("Rebels attacked a few days ago.", date(2020, 1, 2), "a few days ago", "2019-12", "month", "point"),
    ("Last night, rebels attacked.", date(2020, 1, 1), "Last night", "2019-12-31", "day", "point"),
    (
        "This morning the police cleared the square.",
        THU_2024_02_29,
        "This morning",
        "2024-02-29",
        "day",
        "point",
    ),
    # weekdays: the most recent one on or before publication, unless the tense points ahead
    ("On Saturday, protesters gathered.", SAT_2019_11_30, "Saturday", "2019-11-30", "day", "point"),
    ("On Friday, protesters gathered.", SAT_2019_11_30, "Friday", "2019-11-29", "day", "point"),
    ("On Sunday, protesters gathered.", SAT_2019_11_30, "Sunday", "2019-11-24", "day", "point"),
    ("Protesters gathered Saturday in the square.", FRI_2020_01_03, "Saturday", "2019-12-28", "day", "point"),
    ("A truce was agreed last Friday.", FRI_2020_01_03, "last Friday", "2019-12-27", "day", "point"),
    ("Talks are set for next Monday.", FRI_2020_01_03, "next Monday", "2020-01-06", "day", "point"),
    ("The president will visit on Monday.", WED_2019_11_27, "Monday", "2019-12-02", "day", "point"),
    ("Rebels must leave by Friday.", WED_2019_11_27, "by Friday", "2019-11-29", "day", "deadline"),
    (
        "Police said on Tuesday night that two died.",
        SUN_2015_03_01,
        "Tuesday night",
        "2015-02-24",
        "day",
        "point",
    ),
    # weeks, months, years relative to publication
    ("The rebels met last week.", SAT_2019_11_30, "last week", "2019-11", "month", "point"),
    ("The rebels met last week.", FRI_2020_01_03, "last week", "2019-12", "month", "point"),
    ("The rebels met last week.", date(2019, 12, 4), "last week", "2019-11", "month", "point"),
    ("The rebels met this week.", FRI_2020_01_03, "this week", "2020-01", "month", "point"),
    ("The rebels meet next week.", SAT_2019_11_30, "next week", "2019-12", "month", "point"),
    (
        "Earlier this month, rebels attacked.",
        SUN_2015_03_01,
        "Earlier this month",
        "2015-03",
        "month",
        "point",
    ),
    ("Rebels attacked last month.", FRI_2020_01_03, "last month", "2019-12", "month", "point"),
    ("Rebels will attack next month.", date(2019, 12, 31), "next month", "2020-01", "month", "point"),
    ("Rebels attacked this year.", FRI_2020_01_03, "this year", "2020", "year", "point"),
    (
        "Over the weekend, clashes erupted.",
        date(2019, 12, 2),
        "Over the weekend",
        "2019-11",
        "month",
        "point",
    ),
    ("Clashes erupted last weekend.", date(2020, 1, 8), "last weekend", "2020-01", "month", "point"),
    # vague positions in a period
    (
        "At the beginning of October, talks stalled.",
        SAT_2019_11_30,
        "the beginning of October",
        "2019-10",
        "month",
        "point",
    ),
    ("Talks stalled in early October.", FRI_2020_01_03, "early October", "2019-10", "month", "point"),
    (
        "The tariffs were postponed to mid-November.",
        SAT_2019_11_30,
        "mid-November",
        "2019-11",
        "month",
        "point",
    ),
    ("Growth slowed in mid-2019.", FRI_2020_01_03, "mid-2019", "2019", "year", "point"),
    ("The rebels regrouped late last year.", FRI_2020_01_03, "late last year", "2019", "year", "point"),
    ("A plan is due by the end of 2019.", SAT_2019_11_30, "by the end of 2019", "2019", "year", "deadline"),
    (
        "Progress is unlikely before the end of the year.",
        SUN_2015_03_01,
        "before the end of the year",
        "2015",
        "year",
        "deadline",
    ),
    ("Prices rose at the end of the year.", SUN_2015_03_01, "the end of the year", "2015", "year", "point"),
    (
        "Since the beginning of this year, raids have grown.",
        THU_2024_02_29,
        "Since the beginning of this year",
        "2024",
        "year",
        "range_start",
    ),
    ("Elections will be held in late October.", SAT_2019_11_30, "late October", "2020-10", "month", "point"),
    (
        "Rebels attacked at the end of last month.",
        FRI_2020_01_03,
        "the end of last month",
        "2019-12",
        "month",
        "point",
    ),
    (
        "Output fell in the first half of 2019.",
        SAT_2019_11_30,
        "the first half of 2019",
        "2019",
        "year",
        "point",
    ),
    ("Troops will leave early next year.", SAT_2019_11_30, "early next year", "2020", "year", "point"),
    ("Troops must leave by end-2019.", SAT_2019_11_30, "by end-2019", "2019", "year", "deadline"),
    (
        "Troops left at the end of November 2019.",
        FRI_2020_01_03,
        "the end of November 2019",
        "2019-11",
        "month",
        "point",
    ),
    ("Earlier this year, troops left.", FRI_2020_01_03, "Earlier this year", "2020", "year", "point"),
    # seasons
    ("Protests spread last summer.", SAT_2019_11_30, "last summer", "2019", "year", "point"),
    ("Protests spread last summer.", FRI_2020_01_03, "last summer", "2019", "year", "point"),
    ("Protests spread last summer.", SUN_2015_03_01, "last summer", "2014", "year", "point"),
    ("Protests spread in the spring of 2016.", SAT_2019_11_30, "the spring of 2016", "2016", "year", "point"),
    # ranges
    ("The war raged from 2015 to 2018.", SAT_2019_11_30, "2015", "2015", "year", "range_start"),
]


@pytest.mark.parametrize(("sentence", "published", "expression", "value", "precision", "kind"), RESOLVED)
def test_dates_resolves_expression_against_publication(
    resolver: DateResolver,
    sentence: str,
    published: date,
    expression: str,
    value: str,
    precision: str,
    kind: str,
) -> None:
    mentions = resolver.find(sentence, published)
    _check_well_formed(mentions, sentence)
    mention = _only(mentions, expression)
    assert (mention.value, mention.precision, mention.kind) == (value, precision, kind), mention.reason


# (sentence, a word that must not be inside any date mention)
NOT_DATES: list[tuple[str, str]] = [
    ("Protesters march through the capital every week.", "march"),
    ("The march ended peacefully near the parliament.", "march"),
    ("Officials may re-examine the measures soon.", "may"),
    ("May the talks succeed, the envoy said.", "May"),
    ("March organisers said the rally would go ahead.", "March"),
    ("Theresa May resigned as party leader.", "May"),
    ("Troops are deployed along the 38th parallel.", "38th"),
    ("Growth slowed in the 1990's, officials said.", "1990"),  # a decade, written with an apostrophe
    ("Growth slowed in the mid-1980's.", "1980"),
    ("It was the deadliest attack of the 20th century.", "20th"),
    ("Veterans gathered for the 20th anniversary.", "20th"),
    ("The government revoked Article 370 of the constitution.", "370"),
    ("The G20 summit discussed 5G networks.", "20"),
    ("The council adopted Resolution 2254 unanimously.", "2254"),
    ("The council adopted Resolution 2019 unanimously.", "2019"),
    ("Flight 2020 landed safely.", "2020"),
    ("The truce lasted one month.", "month"),
    ("It took a month to agree on the text.", "month"),
    ("The war has lasted two years.", "years"),
    ("Over the past two years, prices rose.", "years"),
    ("Over the last year, prices rose steadily.", "year"),
    ("About 2000 people attended the rally.", "2000"),
    ("Nearly 1900 soldiers were deployed.", "1900"),
    ("Some 2000 troops crossed the river.", "2000"),
    ("Around 1850 refugees arrived.", "1850"),
    ("The Sunday Times reported the claims.", "Sunday"),
    ("USA Today reported the claims.", "Today"),
    ("The Good Friday Agreement still holds.", "Friday"),
    ("He spent the 1990s abroad.", "1990"),
    ("They unveiled a 10-year plan.", "10"),
    ("Prices rose 2.5 percent in the quarter.", "2.5"),
    ("The fall of the regime surprised few.", "fall"),
    ("The council meets every Friday.", "Friday"),
    ("Prices are reviewed each March by the board.", "March"),
]


@pytest.mark.parametrize("published", [SAT_2019_11_30, FRI_2020_01_03])
@pytest.mark.parametrize(("sentence", "word"), NOT_DATES)
def test_dates_ignores_things_that_only_look_like_dates(
    resolver: DateResolver, sentence: str, word: str, published: date
) -> None:
    at = sentence.index(word)
    mentions = resolver.find(sentence, published)
    covering = [m for m in mentions if m.start <= at < m.end]
    assert not covering, [(m.text, m.value, m.reason) for m in covering]


@pytest.mark.parametrize(
    "sentence",
    [
        "The army withdrew yesterday.",
        "On Saturday, protesters gathered.",
        "The ministry said on November 27 that talks failed.",
        "The envoy spoke on the 20th, saying talks were over.",
        "The bill passed last year.",
        "In April, the council voted.",
        "Recently, the council voted.",
        "The rebels met last week.",
        "Two days ago the army withdrew.",
        "At the beginning of October, talks stalled.",
    ],
)
def test_dates_never_invents_a_year_without_publication(resolver: DateResolver, sentence: str) -> None:
    assert resolver.find(sentence, None) == []


@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The accord was signed on 25 November 2019.", "25 November 2019", "2019-11-25"),
        ("Fighting resumed in October 2019.", "October 2019", "2019-10"),
        ("In 2018, the council voted.", "2018", "2018"),
        ("A plan is due by the end of 2019.", "by the end of 2019", "2019"),
    ],
)
def test_dates_resolves_self_contained_dates_without_publication(
    resolver: DateResolver, sentence: str, expression: str, value: str
) -> None:
    assert _only(resolver.find(sentence, None), expression).value == value


def test_dates_weekday_reason_names_the_rule(resolver: DateResolver) -> None:
    mention = _only(resolver.find("On Friday, protesters gathered.", SAT_2019_11_30), "Friday")
    assert "Friday" in mention.reason and "2019-11-30" in mention.reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Recently, the council voted.",
        "The council has met often in recent weeks.",
        "The council is now divided.",
        "Lately the council has met often.",
        "The council first met four decades ago.",
    ],
)
def test_dates_vague_references_are_not_calendar_dates(resolver: DateResolver, sentence: str) -> None:
    assert resolver.find(sentence, SAT_2019_11_30) == []


def test_dates_week_spanning_two_months_takes_the_month_with_most_days(resolver: DateResolver) -> None:
    mention = _only(resolver.find("The rebels met this week.", FRI_2020_01_03), "this week")
    assert mention.value == "2020-01" and "most of its days" in mention.reason


def test_dates_prefers_the_longest_expression(resolver: DateResolver) -> None:
    text = "Talks stalled in April this year and on Saturday, November 30, 2019."
    mentions = resolver.find(text, FRI_2020_01_03)
    assert [m.text for m in mentions] == ["April this year", "Saturday, November 30, 2019"]


def test_dates_stage_fills_document_and_ignores_page_furniture(resolver: DateResolver) -> None:
    body = "Rebels attacked on November 22. Talks are due by the end of 2019.\n\n"
    furniture = "Related stories\nThe president tweeted on December 31 that talks had begun."
    doc = Document(id="d1", text=body + furniture, published=SAT_2019_11_30, body_end=len(body))
    out = resolver(doc)
    assert out is doc
    assert [(m.text, m.value, m.kind) for m in doc.dates] == [
        ("November 22", "2019-11-22", "point"),
        ("by the end of 2019", "2019", "deadline"),
    ]


def test_dates_vocabulary_is_read_from_the_data_file() -> None:
    vocab = load_date_vocabulary()
    assert vocab.month_number("Nov.") == 11
    assert vocab.month_number("SEPTEMBER") == 9
    assert "by" in vocab.deadline_cues and "since" in vocab.range_start_cues
    assert "on" in vocab.ordinal_day_prepositions  # YAML must not read it as a boolean


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SEOUL, Oct. 5, 2019 (Wire) - The talks broke down.", date(2019, 10, 5)),
        ("October 5, 2019 - The talks broke down.", date(2019, 10, 5)),
        ("WASHINGTON, 5 October 2019 — The talks broke down.", date(2019, 10, 5)),
        ("  NEW DELHI, Tuesday, March 3, 2015: Officials met.", date(2015, 3, 3)),
        (
            "Oct 5 (Reuters) - The ministry said on September 30, 2019 that talks had failed.",
            date(2019, 10, 5),
        ),
        ("Jan 2 (Reuters) - The ministry said on December 30, 2019 that talks had failed.", date(2020, 1, 2)),
        ("Published: 5 October 2019\nThe talks broke down.", date(2019, 10, 5)),
        ("Oct 5 (Reuters) - The ministry said talks had failed.", None),
        ("The ministry said on October 5, 2019 that talks had failed.", None),
        ("No dateline here at all.", None),
    ],
)
def test_dates_reads_wire_datelines(resolver: DateResolver, text: str, expected: date | None) -> None:
    assert find_dateline_date(text, resolver) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("With just two months to go before 2021, campaigns are under way.", date(2020, 11, 1)),
        ("With 30 days left in 2019, the deadline looms.", date(2019, 12, 1)),
        ("The treaty was signed on March 3, 2018, and talks resumed on 12 June 2018.", date(2018, 6, 12)),
        ("The vote will take place on March 3, 2030. Talks were held on 12 June 2018.", date(2018, 6, 12)),
        (
            "With two weeks to go before 2016, officials said on December 20, 2015 that it was over.",
            date(2015, 12, 20),
        ),
        ("No dates here at all, only opinions.", None),
    ],
)
def test_dates_infers_publication_from_text_clues(
    resolver: DateResolver, text: str, expected: date | None
) -> None:
    assert infer_publication_date(text, resolver) == expected


def test_dates_module_functions_build_their_own_resolver() -> None:
    assert find_dateline_date("October 5, 2019 - Talks.") == date(2019, 10, 5)
    assert infer_publication_date("Talks were held on 12 June 2018.") == date(2018, 6, 12)


# --------------------------------------------------------------------------- the seed article


def _seed_text() -> tuple[str, int]:
    if not SEED.exists():
        pytest.skip(f"the shared seed article is absent ({SEED})")
    text = SEED.read_text(encoding="utf-8")
    marker = "Sign Up for Our Newsletters"  # where the gold annotation says the body ends
    return text, text.index(marker) if marker in text else len(text)


def _covering(mentions: list[DateMention], text: str, phrase: str) -> DateMention:
    at = text.index(phrase)
    hits = [m for m in mentions if m.start <= at + len(phrase) - 1 and at < m.end]
    assert len(hits) == 1, (phrase, [(m.text, m.value) for m in hits])
    return hits[0]


def test_dates_on_the_seed_article(resolver: DateResolver) -> None:
    text, end = _seed_text()
    mentions = resolver.find(text, SAT_2019_11_30, None, end)
    _check_well_formed(mentions, text)
    expected = {
        "November 27": ("2019-11-27", "day"),
        "November 25": ("2019-11-25", "day"),
        "on the 20th": ("2019-11-20", "day"),
        "At the beginning of October": ("2019-10", "month"),
        "April this year": ("2019-04", "month"),
    }
    for phrase, (value, precision) in expected.items():
        mention = _covering(mentions, text, phrase)
        assert (mention.value, mention.precision) == (value, precision), (phrase, mention.reason)
    deadline = _covering(mentions, text, "by the end of 2019")
    assert (deadline.value, deadline.kind) == ("2019", "deadline")
    assert not [m for m in mentions if m.value.startswith("2019-05")], "the modal 'may' is not a month"
    assert all(m.end <= end for m in mentions)


def test_dates_infers_the_seed_publication_window(resolver: DateResolver) -> None:
    text, end = _seed_text()
    inferred = infer_publication_date(text[:end], resolver)
    assert inferred is not None and date(2019, 11, 27) <= inferred <= date(2019, 12, 2)


# --------------------------------------------------------------------------- with the spaCy model


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The ministry said on November 27 that talks failed.", "November 27", "2019-11-27"),
        ("In May, the council voted against the plan.", "May", "2019-05"),
        ("The envoy spoke on the 20th, saying talks were over.", "the 20th", "2019-11-20"),
    ],
)
def test_dates_stage_on_a_parsed_doc_matches_the_text_only_result(
    resolver: DateResolver, nlp: Any, sentence: str, expression: str, value: str
) -> None:
    doc = Document(id="p", text=sentence, published=SAT_2019_11_30, nlp=nlp(sentence))
    resolver(doc)
    assert _only(doc.dates, expression).value == value


@pytest.mark.slow
def test_dates_reads_spacy_date_entities_the_patterns_miss(resolver: DateResolver, nlp: Any) -> None:
    sentence = "Fighting resumed on 10.05.2019 near the border."
    assert resolver.find(sentence, SAT_2019_11_30) == []
    mentions = resolver.find(sentence, SAT_2019_11_30, nlp(sentence))
    mention = _only(mentions, "10.05.2019")
    assert (mention.value, mention.precision) == ("2019-10-05", "day")
    assert "dateparser" in mention.reason


@pytest.mark.slow
def test_dates_on_the_parsed_seed_article_skips_the_modal_may(resolver: DateResolver, nlp: Any) -> None:
    text, end = _seed_text()
    doc = Document(id="seed", text=text, published=SAT_2019_11_30, body_end=end, nlp=nlp(text))
    resolver(doc)
    _check_well_formed(doc.dates, text)
    assert not [m for m in doc.dates if m.value.startswith("2019-05")]
    assert _covering(doc.dates, text, "November 27").value == "2019-11-27"


def test_dates_accepts_a_datetime_as_publication(resolver: DateResolver) -> None:
    from datetime import datetime

    mention = _only(resolver.find("The army withdrew yesterday.", datetime(2020, 1, 3, 18, 30)), "yesterday")
    assert mention.value == "2020-01-02"


class _Ent:
    """A stand-in for a spaCy entity span: enough for the entity fallback."""

    def __init__(self, text: str, phrase: str, label: str = "DATE") -> None:
        self.text, self.label_ = phrase, label
        self.start_char = text.index(phrase)
        self.end_char = self.start_char + len(phrase)


class _Parsed:
    def __init__(self, text: str, *phrases: str) -> None:
        self.ents = [_Ent(text, p) for p in phrases]

    def char_span(self, start: int, end: int, alignment_mode: str = "strict") -> None:
        return None


@pytest.mark.parametrize(
    ("sentence", "entity", "published", "value"),
    [
        ("Fighting resumed on 10.05.2019 near the border.", "10.05.2019", None, "2019-10-05"),
        ("Fighting resumed on 10.05.2019 near the border.", "10.05.2019", SAT_2019_11_30, "2019-10-05"),
        ("Fighting resumed on 10/05 near the border.", "10/05", SAT_2019_11_30, None),  # could be a score
        ("Fighting resumed on 10/05 near the border.", "10/05", None, None),
        ("The truce held for the past two years.", "the past two years", SAT_2019_11_30, None),
    ],
)
def test_dates_entity_fallback_needs_a_year_or_a_publication_date(
    resolver: DateResolver, sentence: str, entity: str, published: date | None, value: str | None
) -> None:
    mentions = resolver.find(sentence, published, _Parsed(sentence, entity))
    found = [m.value for m in mentions if "dateparser" in m.reason]
    assert found == ([value] if value else [])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("corpus/wire_20190719_tanker.txt", date(2019, 7, 19)),
        ("/data/2021-03-02-report.html", date(2021, 3, 2)),
        ("feed_2004_11_30.jsonl", date(2004, 11, 30)),
        ("story-12345678.txt", None),  # no valid calendar day written year first
        ("20191332_x.txt", None),  # month 13
        ("2019/notes_20190101.txt", date(2019, 1, 1)),  # only the last path component
        ("a_20190101_b_20190202.txt", None),  # two different dates: no guess
        ("report.txt", None),
    ],
)
def test_dates_reads_a_publication_date_from_a_file_name(name: str, expected: date | None) -> None:
    from thucydides.dates import filename_date

    assert filename_date(name) == expected


def test_dates_dateline_without_year_takes_it_from_the_file_name(resolver: DateResolver) -> None:
    text = "LONDON, July 19 (Wire) -- The ministry said the ship was stopped."
    assert find_dateline_date(text, resolver) is None
    assert find_dateline_date(text, resolver, near=date(2019, 7, 19)) == date(2019, 7, 19)
    assert find_dateline_date(text, resolver, near=date(2020, 1, 3)) == date(2019, 7, 19)


def test_dates_publication_stage_prefers_given_date_over_file_name(resolver: DateResolver) -> None:
    from thucydides.pipeline import PublishedStage
    from thucydides.record import Document

    def run(default: date | None) -> Document:
        doc = Document(id="in/wire_20190719_tanker.txt", raw="x", published=None)
        doc.text = "The ministry said the ship was stopped."
        return PublishedStage(default, resolver)(doc)

    assert (run(None).published, run(None).published_how) == (date(2019, 7, 19), "filename")
    assert (run(date(2020, 1, 1)).published, run(date(2020, 1, 1)).published_how) == (
        date(2020, 1, 1),
        "given",
    )
