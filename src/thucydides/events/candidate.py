"""The records the coder's phases work on: one candidate event per trigger, and one sentence's state.

A :class:`Candidate` is made for each trigger the ``propose`` phase finds; the phases after it (see
:mod:`thucydides.events.phases`) fill its source and target, drop it, recode it, date and place it, and
the ``emit`` phase turns it into one :class:`~thucydides.record.Event` per (source, target) pair. A
:class:`SentenceState` holds a sentence's triggers and their events for the ``rank`` phase.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from thucydides.record import ActorMention, DatePrecision, Document, Event, Place

if TYPE_CHECKING:
    from thucydides.events.attach import Anchors
    from thucydides.events.context import ActorIndex
    from thucydides.events.propose import Proposal
    from thucydides.events.triggers import PriorAct, Trigger

Params = Mapping[str, Any]


@dataclass(slots=True)
class Scene:
    """What every candidate of one sentence shares: the document, the sentence and its indexes."""

    coder: Any  # the EventCoder: its lexicon, ontology, gazetteer and the helpers the rules call
    doc: Document
    si: int
    sent: Any
    index: ActorIndex
    anchors: Anchors
    prior: list[PriorAct]
    # the rules that dropped a candidate of the sentence (the sentence model's proposals respect some)
    dropped: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Candidate:
    """One event in the making: a trigger and what the rules have found out about it so far.

    ``why`` is the explanation of the actors (it becomes the event's second explanation line), built by
    the rules in the order they ran; ``steps`` names the rules that changed the candidate.
    """

    scene: Scene
    trig: Trigger
    proposed: Proposal | None = None
    sources: list[ActorMention] = field(default_factory=list)
    targets: list[ActorMention] = field(default_factory=list)
    arg_why: list[str] = field(default_factory=list)  # the arguments phase's reasons
    why: str = ""
    named_sources: list[ActorMention] = field(default_factory=list)
    settled: bool = False  # the arguments are final ("talks between A and B")
    joint: bool = False  # two parties named together, with no direction in the text
    counterpart_target: bool = False
    implied_doer: bool = False
    mutual: bool = False
    modality: Any = "asserted"
    mod_why: str = ""
    cameo: str = ""
    mode: str | None = None
    ptype: str | None = None
    info: Any = None
    date: str | None = None
    precision: DatePrecision = "unknown"
    date_why: str = ""
    same_act: PriorAct | None = None  # the earlier act a definite noun names again ("that attack")
    location: Place | None = None
    place_why: str = ""
    passive: bool | None = None  # the clause verb is passive, once asked for
    subject: tuple[Any, str] | None = None  # the clause's subject and how it was found, once asked for
    dropped: str | None = None  # the rule that dropped it
    steps: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        """Append a reason to ``why`` after a semicolon (as ``why += "; " + text``)."""
        self.why += "; " + text

    def join(self, *parts: str) -> None:
        """``why`` followed by the non-empty ``parts``, joined by semicolons."""
        self.why = "; ".join(w for w in (self.why, *parts) if w)

    @property
    def violent(self) -> bool:
        return bool(self.scene.coder.ontology.in_class("violent", self.trig.entry.cameo))


@dataclass(slots=True)
class SentenceState:
    """One sentence's triggers and their events, for the sentence-level ``rank`` phase."""

    scene: Scene
    coded: list[tuple[Trigger, list[Event]]]
    found: list[Event] | None = None  # the sentence's events, once a rule works on them all

    def flat(self) -> list[Event]:
        """The sentence's events: ``found``, made from ``coded`` on first need."""
        if self.found is None:
            self.found = [ev for _, evs in self.coded for ev in evs]
        return self.found

    def events(self) -> list[Event]:
        """Every event of the sentence now (of ``found`` where made, else of ``coded``)."""
        return self.found if self.found is not None else [ev for _, evs in self.coded for ev in evs]
