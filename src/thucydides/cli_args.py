"""Argument types and options the command line shares: the event filters of ``events`` and ``export``,
numbers, days, months, years and times, and values that begin with "-" (``--sort -mentions``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any


def _checked(check: Callable[[str, str], Any], what: str) -> Callable[[str], str]:
    """An argparse type: a value checked by a parser of :mod:`thucydides.store.filters`, kept as written."""

    def parse(value: str) -> str:
        from thucydides.store.filters import QueryError

        try:
            check(what, value)
        except QueryError as exc:
            raise argparse.ArgumentTypeError(exc.message) from None
        return value

    return parse


def period(value: str) -> str:
    """A day, month or year (``2019-10-05``, ``2019-10``, ``2019``)."""
    from thucydides.store.filters import day_param

    return _checked(day_param, "date")(value)


def moment(value: str) -> str:
    """A UTC time (``2019-10-05``, ``2019-10-05T12:00:00`` or GDELT's ``20191005120000``)."""
    from thucydides.store.filters import time_param

    return _checked(time_param, "time")(value)


def add_filters(p: argparse.ArgumentParser) -> None:
    """The event filters that ``events`` and ``export`` share (see :class:`thucydides.store.Filters`)."""
    p.add_argument("--actor", help="actor id, CAMEO actor code (USAGOV) or words of its name")
    p.add_argument("--country", help="ISO 3166 alpha-3 code of either actor")
    p.add_argument("--dyad", help="two ISO3 codes, comma-separated: events between them")
    p.add_argument("--directed", action="store_true", help="with --dyad: only from the first to the second")
    p.add_argument("--type", help="PLOVER event type (ASSAULT), or a CAMEO code (190) as --cameo")
    p.add_argument("--cameo", help="CAMEO event code or its start: 19 (every code of root 19), 190, 0211")
    p.add_argument(
        "--quad-class", type=int, choices=(1, 2, 3, 4), help="1-4: verbal/material cooperation/conflict"
    )
    p.add_argument(
        "--since", type=period, help="first event day: YYYY-MM-DD, or YYYY-MM / YYYY (from its first day)"
    )
    p.add_argument(
        "--until", type=period, help="last event day: YYYY-MM-DD, or YYYY-MM / YYYY (to its last day)"
    )
    p.add_argument("--place", help="ISO3 code of the event's place, or words of its name")
    p.add_argument("--text", help="words that must appear in the evidence or the actor names")
    p.add_argument("--min-mentions", type=positive, metavar="N", help="only events reported N times or more")
    p.add_argument(
        "--added-since",
        type=moment,
        metavar="TIME",
        help="only events added to the store at or after TIME (UTC: YYYY-MM-DD[THH:MM:SS][Z] or "
        "GDELT's YYYYMMDDHHMMSS)",
    )
    p.add_argument("--limit", type=positive)


def positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from exc
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


# options whose values may begin with "-" ("--sort -mentions"): argparse would take them for options
DASH_VALUES = ("--sort",)


def join_dash_values(argv: Sequence[str]) -> list[str]:
    """``--sort -mentions`` as ``--sort=-mentions``, which argparse reads as a value."""
    out: list[str] = []
    it = iter(argv)
    for arg in it:
        if arg in DASH_VALUES:
            value = next(it, None)
            if value is not None and value.startswith("-") and not value.startswith("--"):
                out.append(f"{arg}={value}")
                continue
            out.append(arg)
            if value is not None:
                out.append(value)
            continue
        out.append(arg)
    return out
