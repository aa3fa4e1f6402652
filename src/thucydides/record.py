"""The typed records that travel the pipeline.

One :class:`Document` goes through every stage; each stage fills in its part
(``text``, ``actors``, ``dates``, ``places``, ``events``). Every offset is a
character offset into ``Document.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Precision = Literal["day", "month", "year"]
DatePrecision = Literal["day", "month", "year", "publication", "unknown"]
Modality = Literal["asserted", "negated", "hypothetical", "future", "historical"]
PlacePrecision = Literal["city", "admin1", "country", "region"]
ActorType = Literal["country", "person", "organization", "group"]


@dataclass(slots=True)
class Actor:
    """A resolved actor: who, from which country, in which sector."""

    text: str
    name: str | None = None
    id: str | None = None
    country: str | None = None
    sector: str | None = None
    type: ActorType | None = None

    @property
    def code(self) -> str | None:
        """CAMEO-style actor code, e.g. ``USAGOV``."""
        if not self.country:
            return None
        if self.sector and self.sector != self.country:
            return f"{self.country}{self.sector}"
        return self.country

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "id": self.id,
            "country": self.country,
            "sector": self.sector,
            "code": self.code,
            "type": self.type,
        }


class NoActor(Actor):
    """No one: the ``source`` or ``target`` of an event from :func:`thucydides.code` whose text names
    no one. Every field is empty and it is false (``if ev.target:``), so ``ev.target.country`` is None
    instead of an error; ``to_json`` writes null for it, as for a missing actor."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(text="")

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NoActor()"


@dataclass(slots=True)
class ActorMention:
    """Words in the text that name an actor, with the actor they resolve to."""

    start: int
    end: int
    text: str
    actor: Actor
    reason: str = ""
    head: int | None = None  # token index of the syntactic head in the parse, if known


@dataclass(slots=True)
class DateMention:
    """A date expression and the calendar value it resolves to."""

    start: int
    end: int
    text: str
    value: str  # ISO 8601 at its precision: 2019, 2019-10, 2019-10-05
    precision: Precision
    reason: str = ""
    kind: Literal["point", "deadline", "duration", "range_start"] = "point"
    # the TIMEX3 value where ``value`` only approximates the expression at a calendar precision: a week
    # ("1998-W06", given at month precision), a weekend ("1998-W06-WE"), a season ("1997-SU", at year
    # precision), a half year ("1997-H2"), a quarter ("1997-Q3"); None where ``value`` is the TIMEX3 value
    timex: str | None = None

    @property
    def as_date(self) -> date:
        parts = [int(p) for p in self.value.split("-")]
        while len(parts) < 3:
            parts.append(1)
        return date(parts[0], parts[1], parts[2])


@dataclass(slots=True)
class Place:
    """A resolved place."""

    name: str
    country: str | None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: PlacePrecision = "city"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "precision": self.precision,
        }


@dataclass(slots=True)
class PlaceMention:
    """A place name in the text and where it was resolved."""

    start: int
    end: int
    text: str
    place: Place
    reason: str = ""

    def names_people(self) -> bool:
        """Whether the mention names a country's or a state's people ("the Syrians", "the Lebanese Army",
        "a Russian-American crew", "Iowans"), not where something happens: the place stage's reason opens
        with "people of". (A nationality the tagger marks inside an actor's words, "demonym of", keeps its
        older use as a scene.)"""
        return self.reason.startswith("people of ")


@dataclass(slots=True)
class Evidence:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Event:
    """One coded event."""

    event_id: str
    doc_id: str
    event_type: str
    cameo: str
    quad_class: int
    goldstein: float
    modality: Modality
    source: Actor | None
    target: Actor | None
    evidence: Evidence
    sentence_index: int = 0
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    date: str | None = None
    date_precision: DatePrecision = "unknown"
    location: Place | None = None
    confidence: float = 0.5
    trigger: str = ""
    explain: list[str] = field(default_factory=list)
    source_place: Place | None = None  # where the text places the source ("protesters in Hong Kong")
    target_place: Place | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON record (``event.schema.json``); ``source_place``/``target_place`` only when known."""
        rec = self._json()
        if self.source_place is not None:
            rec["source_place"] = self.source_place.to_json()
        if self.target_place is not None:
            rec["target_place"] = self.target_place.to_json()
        return rec

    def _json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "modality": self.modality,
            "source": self.source.to_json() if self.source else None,
            "target": self.target.to_json() if self.target else None,
            "date": self.date,
            "date_precision": self.date_precision,
            "location": self.location.to_json() if self.location else None,
            "evidence": {"text": self.evidence.text, "start": self.evidence.start, "end": self.evidence.end},
            "confidence": round(self.confidence, 3),
            "trigger": self.trigger,
        }


PublishedHow = Literal["given", "metadata", "dateline", "filename", "inferred", "none"]


@dataclass(slots=True)
class Document:
    """A document on its way through the pipeline.

    ``raw`` is what was read (text or HTML); ``text`` is the cleaned article text
    that all offsets point into.
    """

    id: str
    raw: str = ""
    is_html: bool = False
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: date | None = None
    published_how: PublishedHow = "none"
    text: str = ""
    body_end: int | None = None  # where the article ends and page furniture begins (plain text)
    language: str | None = None  # ISO 639-1, once detected
    nlp: Any = None  # the spaCy Doc; not serialised
    actors: list[ActorMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how the work was bounded (split sentences, pieces)

    @property
    def body(self) -> str:
        """The article text without trailing page furniture (offsets are the same as in ``text``)."""
        return self.text if self.body_end is None else self.text[: self.body_end]


@dataclass(slots=True)
class Problem:
    """A document that could not be read or processed, with a reason a person can read."""

    name: str
    reason: str
    language: str | None = None  # set when it was refused for its language (ISO 639-1)

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"
