"""The vocabulary date expressions are built from (``data/dates.yaml``) and small calendar helpers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import Any

from thucydides.datafile import load_yaml
from thucydides.record import Precision


@dataclass(frozen=True, slots=True)
class DateVocabulary:
    """The words date expressions are built from (``data/dates.yaml``)."""

    months: dict[str, int]
    abbreviations: dict[str, int]
    weekdays: dict[str, int]
    weekday_name_words: frozenset[str]
    numbers: dict[str, int]
    vague_numbers: dict[str, int]
    deadline_cues: tuple[str, ...]
    range_start_cues: tuple[str, ...]
    backward_cues: frozenset[str]
    forward_cues: frozenset[str]
    month_list_openers: tuple[str, ...]
    month_list_joiners: tuple[str, ...]
    lower_case_months_with_number: frozenset[str]
    month_prepositions: tuple[str, ...]
    ordinal_day_prepositions: tuple[str, ...]
    ordinal_day_followers: frozenset[str]
    period_positions: dict[str, str]
    period_adjectives: dict[str, str]
    seasons: dict[str, tuple[int, int]]
    number_labels: frozenset[str]
    quantity_cues: frozenset[str]
    year_determiners: frozenset[str]
    count_nouns: frozenset[str]
    not_plurals: frozenset[str]
    number_followers: frozenset[str]
    street_words: tuple[str, ...]
    clock_words: frozenset[str]
    future_cues: tuple[str, ...]
    past_cues: tuple[str, ...]
    reporting_verbs: frozenset[str]
    scheduling_verbs: tuple[str, ...]
    ongoing_verbs: frozenset[str]
    plan_verbs: frozenset[str]
    declaring_verbs: frozenset[str]
    intention_verbs: frozenset[str]
    anaphors: dict[str, tuple[str, ...]]
    recurring_cues: tuple[str, ...]
    generic_day_followers: frozenset[str]
    recurring_periods: tuple[str, ...]
    recurring_adverbs: tuple[str, ...]
    holidays: dict[str, dict[str, Any]]
    spelled_numbers: dict[str, int]  # "one".."ninety-nine" (with a hyphen or a space)
    spelled_days: dict[str, int]  # "first".."thirty-first"

    def holiday(self, name: str, year: int) -> date | None:
        """The date of the holiday ``name`` (any case, any apostrophe) in ``year``, if known."""
        spec = self.holidays.get(" ".join(name.lower().replace("’", "'").split()))
        if spec is None:
            return None
        if "fixed" in spec:
            return safe_date(year, int(spec["fixed"][0]), int(spec["fixed"][1]))
        if "easter" in spec:
            return easter_sunday(year) + timedelta(days=int(spec["easter"]))
        month, weekday, nth = spec["nth"]
        return nth_weekday(year, int(month), self.weekdays[str(weekday)], int(nth))

    def month_number(self, word: str) -> int:
        """Month number of a month name or abbreviation in any case ("Nov." → 11)."""
        key = word.lower().rstrip(".")
        return self.months.get(key) or self.abbreviations[key]


def load_date_vocabulary() -> DateVocabulary:
    """Read ``thucydides/data/dates.yaml`` into a :class:`DateVocabulary`."""
    raw = load_yaml(resources.files("thucydides").joinpath("data/dates.yaml").read_text("utf-8"))
    return DateVocabulary(
        months=dict(raw["months"]),
        abbreviations=dict(raw["month_abbreviations"]),
        weekdays=dict(raw["weekdays"]),
        weekday_name_words=frozenset(raw["weekday_name_words"]),
        numbers=dict(raw["numbers"]),
        vague_numbers=dict(raw["vague_numbers"]),
        deadline_cues=tuple(raw["deadline_cues"]),
        range_start_cues=tuple(raw["range_start_cues"]),
        backward_cues=frozenset(raw["backward_cues"]),
        forward_cues=frozenset(raw["forward_cues"]),
        month_list_openers=tuple(raw["month_list_openers"]),
        month_list_joiners=tuple(raw["month_list_joiners"]),
        lower_case_months_with_number=frozenset(raw["lower_case_months_with_number"]),
        month_prepositions=tuple(raw["month_prepositions"]),
        ordinal_day_prepositions=tuple(raw["ordinal_day_prepositions"]),
        ordinal_day_followers=frozenset(raw["ordinal_day_followers"]),
        period_positions=dict(raw["period_positions"]),
        period_adjectives=dict(raw["period_adjectives"]),
        seasons={k: (int(v[0]), int(v[1])) for k, v in raw["seasons"].items()},
        number_labels=frozenset(raw["number_labels"]),
        quantity_cues=frozenset(raw["quantity_cues"]),
        year_determiners=frozenset(raw["year_determiners"]),
        count_nouns=frozenset(raw["count_nouns"]),
        not_plurals=frozenset(raw["not_plurals"]),
        number_followers=frozenset(raw["number_followers"]),
        street_words=tuple(raw["street_words"]),
        clock_words=frozenset(raw["clock_words"]),
        future_cues=tuple(raw["future_cues"]),
        past_cues=tuple(raw["past_cues"]),
        reporting_verbs=frozenset(raw["reporting_verbs"]),
        scheduling_verbs=tuple(raw["scheduling_verbs"]),
        ongoing_verbs=frozenset(raw["ongoing_verbs"]),
        plan_verbs=frozenset(raw["plan_verbs"]),
        declaring_verbs=frozenset(raw["declaring_verbs"]),
        intention_verbs=frozenset(f for verb in raw["intention_verbs"] for f in verb_forms(verb)),
        anaphors={k: tuple(v) for k, v in raw["anaphors"].items()},
        recurring_cues=tuple(raw["recurring_cues"]),
        generic_day_followers=frozenset(raw["generic_day_followers"]),
        recurring_periods=tuple(raw["recurring_periods"]),
        recurring_adverbs=tuple(raw["recurring_adverbs"]),
        holidays={k: dict(v) for k, v in raw["holidays"].items()},
        spelled_numbers=_spelled(raw["spelled_units"], raw["spelled_tens"], raw["spelled_tens"], 99),
        spelled_days=_spelled(raw["spelled_ordinals"], raw["spelled_tens_ordinals"], raw["spelled_tens"], 31),
    )


def verb_forms(verb: str) -> tuple[str, ...]:
    """A verb's base form with its regular third person and past forms ("hope": "hopes", "hoped"; "plan":
    "plans", "planned"; "agree": "agreed"; "try": "tried"): the parse's lemma is not always right ("hoped"
    read as "hop")."""
    if verb.endswith("e"):
        return verb, verb + "s", verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb, verb[:-1] + "ies", verb[:-1] + "ied"
    doubled = len(verb) > 2 and verb[-1] in "bdglmnprt" and verb[-2] in "aeiou" and verb[-3] not in "aeiou"
    past = verb + verb[-1] + "ed" if doubled and not verb.endswith(("en", "er")) else verb + "ed"
    return verb, verb + ("es" if verb.endswith(("s", "sh", "ch", "x")) else "s"), past


def _spelled(low: list[str], tens: list[str], prefixes: list[str], top: int) -> dict[str, int]:
    """Number words up to ``top``: ``low`` for 1-19, ``tens`` for 20, 30..., and each ten's ``prefixes`` word
    ("twenty") joined to the first nine of ``low`` by a hyphen or a space ("twenty-first", "ninety eight")."""
    words = {word: n for n, word in enumerate(low, 1)}
    for i, prefix in enumerate(prefixes):
        value = 20 + 10 * i
        if value <= top and i < len(tens):
            words[tens[i]] = value
        for j, tail in enumerate(low[:9], 1):
            if value + j <= top:
                for joint in ("-", " "):
                    words[f"{prefix}{joint}{tail}"] = value + j
    return words


# --------------------------------------------------------------------------- regex helpers


def phrase(words: str) -> str:
    """A lower-case phrase that may start with a capital, words separated by any space."""
    parts = [re.escape(w) for w in words.split()]
    first = parts[0]
    if first[:1].isalpha():
        first = f"[{first[0].upper()}{first[0]}]{first[1:]}"
    return r"\s+".join([first, *parts[1:]])


def alternation(words: Iterable[str]) -> str:
    """Alternation of phrases, longest first, each allowed a capital first letter."""
    return "(?:" + "|".join(phrase(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


def titled(words: Iterable[str]) -> str:
    """Alternation of names in Title case or UPPER case only (never lower case)."""
    forms = sorted({f for w in words for f in (w.capitalize(), w.upper())}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(f) for f in forms) + ")"


def iso_at(d: date, precision: Precision) -> str:
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ``weekday`` (0 Monday) of a month; ``nth`` -1 is the last one."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    y, m = add_months(year, month, 1)
    last = date(y, m, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def easter_sunday(year: int) -> date:
    """Western Easter Sunday of ``year`` (the Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)
