"""The same event across documents: which reports describe one real event, and the merged record.

A *report* (a "mention" in the store) is one event as one document coded it. Reports are merged
into one event when they agree on everything they both know:

- **actors**: the same source and the same target after resolution: equal actor ids, or the same
  country with compatible sectors (equal, or one side only known at country level);
- **type**: the same quad class, and within one document the same event type (a document that
  codes two different types for one dyad usually describes two events). Across documents reports
  of different types in one quad class merge, and the merged event lists every reported type;
- **modality**: asserted and historical reports merge; negated, hypothetical and future ones
  only merge with reports of the same modality;
- **date**: each report's date is an interval at its precision (a day, a month, a year; a date
  taken from the publication day may be the day before), and all intervals of a merged event must
  overlap, or, for reports of different documents, come within :data:`DAY_SLACK` of each other
  (outlets in other time zones, an overnight event, a report dated by the day it was announced);
  two reports of one document on days apart stay two events;
- **place**: where both reports know a place, the same country and, for two city-level places,
  within :data:`MAX_PLACE_KM` of each other.

Clustering is deterministic and independent of the order the documents arrived in: reports are
sorted, then each joins the compatible cluster that shares most of its event types (complete
linkage: compatible with every member), else starts a new one. A merged event takes the smallest
report id in it as its id, so re-ingesting the same documents gives the same ids. Reports that
disagree stay visible: in ``reported_types`` and ``reported_dates`` of the merged record, and in its
``mentions``.

All functions are pure (no database); :mod:`thucydides.store` calls them for the reports of one
*block* (same actor countries, quad class, modality group and year) at a time.
"""

from __future__ import annotations

import calendar
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

MAX_PLACE_KM = 100.0
DAY_SLACK = timedelta(days=1)  # how far apart the dates of two documents' reports of one event may be
PRECISION_RANK = {"day": 0, "publication": 1, "month": 2, "year": 3, "unknown": 4}
FACTUAL = frozenset({"asserted", "historical"})


@dataclass(slots=True)
class Report:
    """One event as one document reported it.

    Attributes:
        mention_id: the event id the coder gave it (unique per document and sentence).
        doc_id: the document it was read from.
        outlet: who published the document (for ``num_sources``); None when unknown.
        published: the document's publication day, ISO ``YYYY-MM-DD``, or None.
        record: the event record (``Event.to_json()``).
        url: the document's address, when known.
    """

    mention_id: str
    doc_id: str
    outlet: str | None
    published: str | None
    record: dict[str, Any]
    url: str | None = None

    @property
    def interval(self) -> tuple[date, date] | None:
        """The days the event may have happened on (see :func:`report_interval`)."""
        return report_interval(self.record, self.published)


def date_interval(value: str | None, precision: str) -> tuple[date, date] | None:
    """The first and last day an ISO date at ``precision`` may stand for.

    Args:
        value: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or None).
        precision: ``day``, ``month``, ``year``, ``publication`` (the publication day was used, so
            the event may also have happened the day before) or ``unknown``.

    Returns:
        ``(first, last)``, or None when there is no usable date.
    """
    if not value:
        return None
    try:
        parts = [int(p) for p in value[:10].split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        day = date(parts[0], parts[1], parts[2])
    except (ValueError, IndexError):
        return None
    if precision == "publication":
        return day - timedelta(days=1), day
    return day, day


def report_interval(record: dict[str, Any], published: str | None = None) -> tuple[date, date] | None:
    """The days an event report may stand for: its own date, else its document's publication day.

    An undated report is taken to be about the day of (or before) its publication; with neither,
    it is None and only merges with reports of the same document.
    """
    span = date_interval(record.get("date"), record.get("date_precision") or "unknown")
    if span is None and published:
        span = date_interval(published, "publication")
    return span


def actor_key(actor: dict[str, Any] | None) -> str:
    """The part of an actor that must be equal for two reports to be merged (country, else name)."""
    if not actor:
        return "-"
    if actor.get("country"):
        return str(actor["country"])
    return "~" + " ".join(str(actor.get("name") or actor.get("text") or "").lower().split())


def modality_group(modality: str | None) -> str:
    """Asserted and historical reports are facts; the other modalities only merge among themselves."""
    return "fact" if (modality or "asserted") in FACTUAL else str(modality)


def block_key(record: dict[str, Any], published: str | None = None) -> str:
    """The key that every report of one merged event shares; only reports in a block are compared.

    Args:
        record: the event record.
        published: its document's publication day (ISO), used when the event has no date.
    """
    span = report_interval(record, published)
    year = str(span[1].year) if span else "none"
    return "|".join(
        (
            actor_key(record.get("source")),
            actor_key(record.get("target")),
            str(record.get("quad_class")),
            modality_group(record.get("modality")),
            year,
        )
    )


def actors_compatible(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Whether two resolved actors may be the same party.

    Equal ids always are. Otherwise the countries (or, without country, the names) must be equal;
    two different named organisations or groups are not the same party; sectors must agree unless
    one side is only known at country level.
    """
    if a is None or b is None:
        return a is None and b is None
    if a.get("id") and a.get("id") == b.get("id"):
        return True
    if actor_key(a) != actor_key(b):
        return False
    if not a.get("country"):
        return True  # same normalised name
    named = ("organization", "group")
    if a.get("type") in named and b.get("type") in named and a.get("id") and b.get("id"):
        return False
    sa, sb, country = a.get("sector"), b.get("sector"), a.get("country")
    return sa == sb or sa in (None, country) or sb in (None, country)


def _km(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return None
    la1, lo1, la2, lo2 = (math.radians(float(x)) for x in (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def places_compatible(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Whether two event places may be the same place (unknown places are compatible with any)."""
    if not a or not b:
        return True
    if a.get("country") and b.get("country") and a["country"] != b["country"]:
        return False
    if a.get("precision") == "city" and b.get("precision") == "city":
        if a.get("geonameid") and a.get("geonameid") == b.get("geonameid"):
            return True
        km = _km(a, b)
        return km is None or km <= MAX_PLACE_KM
    return True


class _Facts(NamedTuple):
    """What :func:`compatible` compares, worked out once per report (clustering compares each many times)."""

    quad: Any
    modality: str
    doc_id: str
    event_type: Any
    source: dict[str, Any] | None
    target: dict[str, Any] | None
    location: dict[str, Any] | None
    interval: tuple[date, date] | None


def _facts(r: Report) -> _Facts:
    rec = r.record
    return _Facts(
        rec.get("quad_class"),
        modality_group(rec.get("modality")),
        r.doc_id,
        rec.get("event_type"),
        rec.get("source"),
        rec.get("target"),
        rec.get("location"),
        r.interval,
    )


def _content_compatible(a: _Facts, b: _Facts, slack: timedelta = DAY_SLACK) -> bool:
    """:func:`compatible` without the rules about reports of one document (dates may be ``slack``
    apart)."""
    if a.quad != b.quad or a.modality != b.modality:
        return False
    if not (actors_compatible(a.source, b.source) and actors_compatible(a.target, b.target)):
        return False
    if not places_compatible(a.location, b.location):
        return False
    ia, ib = a.interval, b.interval
    if ia is None or ib is None:
        return ia is None and ib is None
    return _overlap(ia, ib, slack)


def _overlap(ia: tuple[date, date], ib: tuple[date, date], slack: timedelta = timedelta(0)) -> bool:
    return ia[0] <= ib[1] + slack and ib[0] <= ia[1] + slack


def compatible(a: Report, b: Report) -> bool:
    """Whether two reports may describe the same real event (see the module docstring)."""
    fa, fb = _facts(a), _facts(b)
    if fa.doc_id == fb.doc_id and fa.event_type != fb.event_type:
        return False  # one document coding two types for one dyad describes two events
    if (fa.interval is None or fb.interval is None) and fa.doc_id != fb.doc_id:
        return False  # an undated report only merges within its document
    return _content_compatible(fa, fb, timedelta(0) if fa.doc_id == fb.doc_id else DAY_SLACK)


def _hashable(value: Any) -> Any:
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def _actor_signature(actor: dict[str, Any] | None) -> Any:
    """Everything :func:`actors_compatible` reads of an actor (equal signatures: equal answers)."""
    if actor is None:
        return None
    fields = (actor.get("id"), actor_key(actor), actor.get("country"), actor.get("type"), actor.get("sector"))
    return ("actor", *(_hashable(v) for v in fields))


def _place_signature(place: dict[str, Any] | None) -> Any:
    """Everything :func:`places_compatible` reads of a place."""
    if not place:
        return None
    fields = (place.get(k) for k in ("country", "precision", "geonameid", "lat", "lon"))
    return ("place", *(_hashable(v) for v in fields))


def _signature(f: _Facts) -> tuple[Any, ...]:
    """What :func:`_content_compatible` depends on, as one hashable value."""
    return (
        _hashable(f.quad),
        f.modality,
        _actor_signature(f.source),
        _actor_signature(f.target),
        _place_signature(f.location),
        f.interval,
    )


def _order(r: Report, facts: _Facts, type_counts: Counter[Any] | None = None) -> tuple[Any, ...]:
    """Reports in date order; among one document's reports that start on one day, the block's most
    reported types first (the document's other act of that day, "who had invited Kim", then cannot take
    another document's report of the main event away from the main event's own cluster)."""
    span = facts.interval
    rank = PRECISION_RANK.get(r.record.get("date_precision") or "unknown", 4)
    common = -(type_counts or {}).get(facts.event_type, 0)
    return (span[0] if span else date.max, rank, r.doc_id, common, r.mention_id)


class _Cluster:
    """A cluster being built: its reports, their distinct signatures, types and documents."""

    __slots__ = ("days", "docs", "members", "signatures", "types")

    def __init__(self) -> None:
        self.days: dict[str, list[tuple[date, date]]] = {}
        self.members: list[Report] = []
        self.signatures: set[int] = set()
        self.types: Counter[Any] = Counter()
        self.docs: dict[str, set[Any]] = {}

    def add(self, rep: Report, facts: _Facts, signature: int) -> None:
        self.members.append(rep)
        self.signatures.add(signature)
        self.types[facts.event_type] += 1
        self.docs.setdefault(facts.doc_id, set()).add(facts.event_type)
        if facts.interval is not None:
            self.days.setdefault(facts.doc_id, []).append(facts.interval)


def cluster(reports: Iterable[Report]) -> list[list[Report]]:
    """Group reports into events; the result does not depend on the order of ``reports``.

    Each report joins the cluster whose members it is all compatible with (complete linkage) and
    that shares most of its event type, else starts one. Reports that :func:`compatible` cannot
    tell apart except by document (same type, actors, place, dates and modality: typically the
    same event in many reports) are compared once per cluster, not once per member.

    Args:
        reports: reports of one block (reports of different blocks are never merged anyway).

    Returns:
        The clusters, each sorted by report id, in order of their smallest report id.
    """
    prepared = [(r, _facts(r)) for r in reports]
    type_counts = Counter(facts.event_type for _, facts in prepared)
    prepared.sort(key=lambda pair: _order(pair[0], pair[1], type_counts))
    ids: dict[tuple[Any, ...], int] = {}
    examples: list[_Facts] = []
    known: dict[tuple[int, int], bool] = {}

    def agree(i: int, j: int) -> bool:
        found = known.get((i, j))
        if found is None:
            found = known[(i, j)] = known[(j, i)] = _content_compatible(examples[i], examples[j])
        return found

    clusters: list[_Cluster] = []
    for rep, facts in prepared:
        sig = ids.setdefault(_signature(facts), len(ids))
        if sig == len(examples):
            examples.append(facts)
        best: _Cluster | None = None
        best_score = -1
        for group in clusters:
            same_doc = group.docs.get(facts.doc_id)
            if same_doc is not None and any(t != facts.event_type for t in same_doc):
                continue
            if facts.interval is None and (same_doc is None or len(group.docs) > 1):
                continue  # undated reports only merge within one document
            if same_doc is not None and facts.interval is not None:
                days = group.days.get(facts.doc_id, [])
                if any(not _overlap(facts.interval, d) for d in days):
                    continue  # one document's reports on days apart are two events
            if all(agree(sig, other) for other in group.signatures):
                score = group.types[facts.event_type]
                if score > best_score:
                    best, best_score = group, score
        if best is None:
            best = _Cluster()
            clusters.append(best)
        best.add(rep, facts, sig)
    out = [sorted(c.members, key=lambda r: r.mention_id) for c in clusters]
    return sorted(out, key=lambda c: c[0].mention_id)


def _representative(members: Sequence[Report], top_type: str) -> Report:
    def score(r: Report) -> tuple[Any, ...]:
        rec = r.record
        known = sum(bool((rec.get(k) or {}).get("id")) for k in ("source", "target"))
        return (
            rec.get("event_type") == top_type,
            -PRECISION_RANK.get(rec.get("date_precision") or "unknown", 4),
            rec.get("modality") == "asserted",
            known,
            float(rec.get("confidence") or 0.0),
        )

    best = max(score(r) for r in members)
    return min((r for r in members if score(r) == best), key=lambda r: r.mention_id)


def merged_event(members: Sequence[Report]) -> dict[str, Any]:
    """The merged record of one cluster.

    It has the fields of ``event.schema.json`` (taken from the most representative report: the
    most reported type, then the most precise date, then the highest confidence), with ``event_id``
    the smallest report id, plus ``num_mentions``, ``num_documents``, ``num_sources``,
    ``first_report``/``last_report`` (publication days), ``reported_types`` and ``reported_dates``
    (how many reports said what, so disagreements stay visible) and ``mentions`` (every report
    with its document, evidence and what it said).

    Args:
        members: the reports of one cluster (at least one).
    """
    if not members:
        raise ValueError("a merged event needs at least one report")
    members = sorted(members, key=lambda r: r.mention_id)
    types = Counter(str(r.record.get("event_type")) for r in members)
    top_type = sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    rep = _representative(members, top_type)
    rec = dict(rep.record)
    rec.pop("explain", None)
    if rec.get("location") is None:
        placed = [r for r in members if r.record.get("location")]
        if placed:
            rec["location"] = _representative(placed, top_type).record["location"]
    dates = Counter(f"{r.record.get('date')}|{r.record.get('date_precision')}" for r in members)
    published = sorted(r.published for r in members if r.published)
    mentions = sorted(members, key=lambda r: (r.published or "9999", r.doc_id, r.mention_id))
    rec.update(
        event_id=members[0].mention_id,
        num_mentions=len(members),
        num_documents=len({r.doc_id for r in members}),
        num_sources=len({r.outlet or f"doc:{r.doc_id}" for r in members}),
        first_report=published[0] if published else None,
        last_report=published[-1] if published else None,
        reported_types=dict(sorted(types.items())),
        reported_dates=[
            {"date": None if d == "None" else d, "precision": p, "reports": n}
            for (d, p), n in sorted((tuple(k.split("|", 1)), n) for k, n in dates.items())
        ],
        mentions=[
            {
                "mention_id": r.mention_id,
                "doc_id": r.doc_id,
                "evidence": r.record.get("evidence"),
                "event_type": r.record.get("event_type"),
                "date": r.record.get("date"),
                "date_precision": r.record.get("date_precision"),
                "modality": r.record.get("modality"),
                "source": r.outlet,
                "url": r.url,
                "published": r.published,
            }
            for r in mentions
        ],
    )
    return rec
