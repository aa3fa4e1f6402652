"""The candidate record the date handlers, the anaphora and the resolver pass around."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from thucydides.record import Precision

Kind = Literal["point", "deadline", "duration", "range_start"]
YearFrom = Literal["named", "partial", "other"]


@dataclass(slots=True)
class Found:
    """A resolved candidate before overlap removal."""

    start: int
    end: int
    value: str
    precision: Precision
    reason: str
    kind: Kind
    rank: int = 0
    # "named": the text gives the year ("Oct. 23, 1998"); "partial": a month-day or month whose year was
    # worked out ("Oct. 23") with no clue pointing ahead, which a date of the story with the same
    # month-day may correct
    year_from: YearFrom = "other"
    # a comparison with the present that counts back ("a year ago": ("year", 1)); a later "a year earlier" in
    # the same comparison ("from $9 million a year ago ... compared with $8 million a year earlier") is
    # the same date, not a year before it
    back: tuple[str, int] | None = None
    # a day counted back from another ("the day before last Tuesday's hearing", "the day before"): the value
    # of the day it was counted from, the story's time, which a later "the next day" counts from
    anchor: str | None = None
    # the TIMEX3 value where the calendar value only approximates the expression: a week ("1998-W06"), a
    # weekend ("1998-W06-WE"), a season ("1997-SU"), a half year ("1997-H2"), a quarter ("1997-Q3")
    timex: str | None = None
