"""Where the text places an event's actors: the place named in or right after the actor's words.

"Kabul residents", "protesters in Hong Kong", "the governor of Texas", "officials from Moscow": the
document's place resolver found the place, the actor resolver the actor; this stage connects them, so
each event can say where its source and target are (GDELT's ``Actor1Geo``/``Actor2Geo``). An actor
whose words name no place gets none: a nationality or a capital used for its government ("Washington
imposed sanctions") says who acts, not where.

Reads ``actors``, ``places`` and ``events``; writes ``Event.source_place`` and ``Event.target_place``.
"""

from __future__ import annotations

import re

from thucydides.record import Actor, ActorMention, Document, Event, Place

# words between an actor and a place that put the actor there ("protesters in", "the governor of")
_LINK = re.compile(r"^\s+(?:in|from|of|at)\s+(?:the\s+)?$", re.IGNORECASE)


class ActorPlaceStage:
    """Finds the place named in (or right after) each event actor's words; see the module's notes."""

    def __call__(self, doc: Document) -> Document:
        if not doc.events or not doc.places:
            return doc
        for event in doc.events:
            event.source_place = self._place_of(doc, event, event.source)
            event.target_place = self._place_of(doc, event, event.target)
        return doc

    def _place_of(self, doc: Document, event: Event, actor: Actor | None) -> Place | None:
        if actor is None or not actor.text:
            return None
        mention = _mention_in(doc, event, actor)
        if mention is None:
            return None
        for p in doc.places:
            inside = mention.start <= p.start and p.end <= mention.end
            after = p.start >= mention.end and _LINK.match(doc.text[mention.end : p.start]) is not None
            if inside or after:
                return p.place
        return None


def _mention_in(doc: Document, event: Event, actor: Actor) -> ActorMention | None:
    """The actor's mention inside the event's sentence (the first whose words are the actor's)."""
    start, end = event.evidence.start, event.evidence.end
    for m in doc.actors:
        if start <= m.start and m.end <= end and m.text == actor.text:
            return m
    return None
