"""Queries over the store without SQL from users: filters, sorting and cursors.

:class:`Filters` says which events a query returns; :func:`where_clause` turns it into a
parameterised SQL condition (values never enter the SQL text). Bad values raise
:class:`QueryError`, which names the parameter, for a 4xx answer or a CLI error.
"""

from __future__ import annotations

import base64
import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

MAX_PAGE_SIZE = 500

# how events are ordered: name -> (SQL expression, Python type of its value in a cursor)
SORTS: dict[str, tuple[str, str]] = {
    "date": ("coalesce(day, DATE '9999-12-31')", "date"),
    "mentions": ("num_mentions", "int"),
    "sources": ("num_sources", "int"),
    "goldstein": ("goldstein", "float"),
    "confidence": ("confidence", "float"),
    "reported": ("coalesce(first_report, DATE '9999-12-31')", "date"),
}
# timeline period -> (DuckDB date_trunc part, the date precisions fine enough to be counted in it)
PERIODS: dict[str, tuple[str, tuple[str, ...]]] = {
    "day": ("day", ("day", "publication")),
    "week": ("week", ("day", "publication")),
    "month": ("month", ("day", "publication", "month")),
}
ISO3 = re.compile(r"^[A-Z]{3}$")
CAMEO = re.compile(r"^[0-9]{2,4}$")
PERIOD = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


class QueryError(ValueError):
    """A bad query parameter; ``param`` names it (for a 4xx answer or a CLI error)."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message


@dataclass(slots=True)
class Filters:
    """Which events a query returns; every field is optional and they combine with AND.

    Attributes:
        actor: an actor id (``person:...``), a CAMEO actor code (``USAGOV``) or words of its name,
            on either side.
        country: ISO 3166 alpha-3 code (or ``IGO``) of either actor.
        dyad: two ISO3 codes: events between them (either direction unless ``directed``).
        directed: with ``dyad``, only events from the first to the second.
        type: PLOVER event type (legacy names such as ``FIGHT`` are accepted); a CAMEO code
            (digits, ``190``) is taken as ``cameo``.
        cameo: CAMEO event code or the start of one: ``19`` is every code of root 19, ``190`` that code
            (and any four-digit code below it).
        quad_class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
        since: first day, on the event's date: ``YYYY-MM-DD``, or ``YYYY-MM``/``YYYY`` for the first
            day of that month or year.
        until: last day, on the event's date: ``YYYY-MM-DD``, or ``YYYY-MM``/``YYYY`` for the last
            day of that month or year.
        place: ISO3 code of the event's place, or words of its name.
        text: words that must all appear in the evidence, actor names or place (case-insensitive).
        min_mentions: only events reported at least this many times.
        added_since: only events that entered the store at or after this time (UTC; an ISO date
            or date-time, or a :class:`datetime`); an event keeps the time it was first stored
            when later reports merge into it.
        limit: at most this many events (for :meth:`Store.events`).
    """

    actor: str | None = None
    country: str | None = None
    dyad: tuple[str, str] | None = None
    directed: bool = False
    type: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    since: str | date | None = None
    until: str | date | None = None
    place: str | None = None
    text: str | None = None
    min_mentions: int | None = None
    added_since: str | date | datetime | None = None
    limit: int | None = None


@dataclass(slots=True)
class EventPage:
    """One page of merged events and the cursor of the next page (None on the last page)."""

    events: list[dict[str, Any]] = field(default_factory=list)
    next_cursor: str | None = None


def iso3_param(param: str, value: str) -> str:
    code = value.strip().upper()
    if not ISO3.match(code):
        raise QueryError(param, f"expected an ISO 3166 alpha-3 code such as USA, got {value!r}")
    return code


def day_param(param: str, value: str | date, end: bool = False) -> date:
    """A day from ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``: the first day of a month or year, or with
    ``end`` the last one (so ``until=2019-10`` takes in the whole of October)."""
    if isinstance(value, date):
        return value
    found = PERIOD.match(str(value).strip())
    try:
        if not found:
            raise ValueError(value)
        year, month, day = found.groups()
        if day:
            return date(int(year), int(month), int(day))
        if month:
            last = calendar.monthrange(int(year), int(month))[1]
            return date(int(year), int(month), last if end else 1)
        return date(int(year), 12, 31) if end else date(int(year), 1, 1)
    except ValueError:
        raise QueryError(param, f"expected a date YYYY-MM-DD, YYYY-MM or YYYY, got {value!r}") from None


def cameo_param(param: str, value: str) -> str:
    code = value.strip()
    if not CAMEO.match(code):
        raise QueryError(param, f"expected a CAMEO event code of 2 to 4 digits such as 190, got {value!r}")
    return code


def time_param(param: str, value: str | date | datetime) -> datetime:
    """A point in time (naive, UTC) from a datetime, a date (its midnight) or ISO text.

    Text may be a date (``2026-12-07``), a date-time (``2026-12-07T06:30``, ``2026-12-07 06:30:00``),
    with ``Z`` or an offset, or GDELT's ``YYYYMMDDHHMMSS``.
    """
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    else:
        text = str(value).strip()
        try:
            if text.isdigit() and len(text) == 14:
                moment = datetime.strptime(text, "%Y%m%d%H%M%S")
            else:
                moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise QueryError(
                param, f"expected a date or time such as 2026-12-07 or 2026-12-07T06:30Z, got {value!r}"
            ) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def where_clause(f: Filters) -> tuple[list[str], list[Any]]:
    """SQL conditions (on ``events``) and their arguments for the filters; validates every value."""
    where: list[str] = []
    args: list[Any] = []
    if f.actor:
        needle = " ".join(f.actor.lower().split())
        where.append(
            "(source_id = ? OR target_id = ? OR source_code = ? OR target_code = ?"
            " OR contains(lower(source_name), ?) OR contains(lower(target_name), ?))"
        )
        args += [f.actor.strip(), f.actor.strip(), f.actor.strip().upper(), f.actor.strip().upper()]
        args += [needle, needle]
    if f.country:
        c = iso3_param("country", f.country)
        where.append("(source_country = ? OR target_country = ?)")
        args += [c, c]
    if f.dyad:
        if len(f.dyad) != 2:
            raise QueryError("dyad", "expected two ISO3 codes")
        a, b = iso3_param("dyad", f.dyad[0]), iso3_param("dyad", f.dyad[1])
        cond = "(source_country = ? AND target_country = ?)"
        if f.directed:
            where.append(cond)
            args += [a, b]
        else:
            where.append(f"({cond} OR {cond})")
            args += [a, b, b, a]
    codes = [("cameo", f.cameo)] if f.cameo else []
    if f.type and f.type.strip().isdigit():
        codes.append(("type", f.type))
    elif f.type:
        from thucydides.ontology import bundled_ontology

        try:
            etype = bundled_ontology().normalise_type(f.type)
        except KeyError as exc:
            raise QueryError("type", str(exc.args[0])) from None
        where.append("event_type = ?")
        args.append(etype)
    for param, code in codes:
        where.append("starts_with(cameo, ?)")
        args.append(cameo_param(param, code))
    if f.quad_class is not None:
        if f.quad_class not in (1, 2, 3, 4):
            raise QueryError("quad_class", f"expected 1, 2, 3 or 4, got {f.quad_class!r}")
        where.append("quad_class = ?")
        args.append(int(f.quad_class))
    since = day_param("since", f.since) if f.since else None
    until = day_param("until", f.until, end=True) if f.until else None
    if since and until and since > until:
        raise QueryError("since", f"{since} is after until {until}")
    if since:
        where.append("day >= ?")
        args.append(since)
    if until:
        where.append("day <= ?")
        args.append(until)
    if f.place:
        if ISO3.match(f.place.strip()):
            where.append("place_country = ?")
            args.append(f.place.strip())
        else:
            where.append("contains(lower(place_name), ?)")
            args.append(" ".join(f.place.lower().split()))
    if f.text:
        for word in f.text.lower().split():
            where.append("contains(search, ?)")
            args.append(word)
    if f.min_mentions is not None:
        if f.min_mentions < 1:
            raise QueryError("min_mentions", "must be at least 1")
        where.append("num_mentions >= ?")
        args.append(int(f.min_mentions))
    if f.added_since is not None:
        where.append("added_at >= ?")
        args.append(time_param("added_since", f.added_since))
    return where, args


def encode_cursor(sort: str, value: Any, event_id: str) -> str:
    raw = json.dumps([sort, value.isoformat() if isinstance(value, date) else value, event_id])
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8")
        name, value, event_id = json.loads(raw)
        kind = SORTS[name.lstrip("-")][1]
        if name != sort:
            raise ValueError("the cursor belongs to another sort order")
        if kind == "date":
            value = date.fromisoformat(value)
        elif kind == "int":
            value = int(value)
        else:
            value = float(value)
        return value, str(event_id)
    except (ValueError, TypeError, KeyError, json.JSONDecodeError) as exc:
        raise QueryError("cursor", f"not a cursor from this query ({exc})") from None


@dataclass(slots=True)
class DocumentFilter:
    """Which stored documents to code again (``thucydides ingest --recode --where ...``).

    Attributes:
        outdated: only documents coded by another coder version or other knowledge (actor files).
        id: a glob on the document id (``https://example.org/*``, ``corpus/*.txt``).
        source: the outlet (``documents.outlet``), exactly.
        since: first publication day.
        until: last publication day.
    """

    outdated: bool = True
    id: str | None = None
    source: str | None = None
    since: str | date | None = None
    until: str | date | None = None


WHERE_HELP = (
    "outdated (the default: another coder version or other actor files coded them), all, id=GLOB, "
    "source=OUTLET, since=YYYY-MM-DD, until=YYYY-MM-DD"
)


def parse_where(terms: list[str]) -> DocumentFilter:
    """A :class:`DocumentFilter` from ``--where`` terms (see :data:`WHERE_HELP`).

    Raises:
        QueryError: a term that is not one of those (``param`` is ``where``).
    """
    f = DocumentFilter()
    for term in terms:
        key, _, value = term.partition("=")
        key = key.strip().lower()
        if not value and key in ("all", "outdated"):
            f.outdated = key == "outdated"
        elif value and key == "id":
            f.id = value
        elif value and key == "source":
            f.source = value
        elif value and key in ("since", "until"):
            setattr(f, key, day_param(key, value))
        else:
            raise QueryError("where", f"{term!r} is not one of: {WHERE_HELP}")
    return f


def document_where(f: DocumentFilter, coder_version: str, kb_hash: str) -> tuple[list[str], list[Any]]:
    """SQL conditions (on ``documents``) and their arguments for a :class:`DocumentFilter`."""
    where: list[str] = []
    args: list[Any] = []
    if f.outdated:
        where.append("(coder_version IS DISTINCT FROM ? OR kb_hash IS DISTINCT FROM ?)")
        args += [coder_version, kb_hash]
    if f.id:
        where.append("doc_id GLOB ?")
        args.append(f.id)
    if f.source:
        where.append("outlet = ?")
        args.append(f.source)
    if f.since:
        where.append("published >= ?")
        args.append(day_param("since", f.since))
    if f.until:
        where.append("published <= ?")
        args.append(day_param("until", f.until))
    return where, args
