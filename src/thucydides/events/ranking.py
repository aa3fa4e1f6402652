"""Ranking of coded events: prefer the governing and main clause, and drop duplicates."""

from __future__ import annotations

from typing import Any

from thucydides.events.syntax import doc_text
from thucydides.events.triggers import Trigger
from thucydides.record import Actor, ActorMention, Event, Evidence


def _unless(anchor: Any) -> bool:
    """True when the clause carries an "unless" condition."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for c in anchor.children
    )


def _prefer_governing(coded: list[tuple[Trigger, list[Event]]]) -> None:
    """Lower the confidence of events that sit inside another event's words.

    "demanded an admission that forces killed ..." or "accused X of attacking ...": the demand or the
    accusation is what the sentence reports; the embedded act is its content.
    """
    heads = {t.token.i for t, evs in coded if evs} | {t.anchor.i for t, evs in coded if evs}
    for trig, evs in coded:
        if any(a.i in heads for a in trig.anchor.ancestors if a.i not in (trig.token.i, trig.anchor.i)):
            for ev in evs:
                ev.confidence = round(ev.confidence - 0.1, 4)


# clause links that lead from a sentence's main clause into background (time, reason, relative clauses) or
# into a later coordinated clause; an event down such a link ranks a little below a main-clause one
BACKGROUND_DEPS = {"advcl": 0.02, "relcl": 0.02, "acl": 0.02, "pcomp": 0.02, "conj": 0.01}
MAX_BACKGROUND_PENALTY = 0.04


def _prefer_main_clause(coded: list[tuple[Trigger, list[Event]]]) -> None:
    """Rank the main clause's reported act above acts in background or later coordinated clauses.

    "Benin opened its borders ..., but was still refusing ...", "X shelled Y after rebels attacked Z": the
    penalty is small (a few hundredths), so it orders events of otherwise equal confidence and never
    outweighs what the actors or the modality say.
    """
    for trig, evs in coded:
        penalty = 0.0
        tok = trig.anchor
        while tok.head != tok:
            penalty += BACKGROUND_DEPS.get(tok.dep_, 0.0)
            tok = tok.head
        penalty = min(penalty, MAX_BACKGROUND_PENALTY)
        for ev in evs:
            ev.confidence = round(ev.confidence - penalty, 4)


def _evidence(sent: Any) -> Evidence:
    """The sentence as evidence, without the line breaks and spaces that end it.

    Sliced from the parsed text (the same characters as ``sent.text``; it runs once per event, and
    building the text token by token each time would cost the sentence's length each time).
    """
    text = doc_text(sent.doc)[sent.start_char : sent.end_char].rstrip()
    return Evidence(text, sent.start_char, sent.start_char + len(text))


def _same(a: Actor, b: Actor) -> bool:
    if a.id and b.id:
        return a.id == b.id
    return a.country == b.country and a.sector == b.sector


def _code_of(m: ActorMention | None) -> str:
    return _key_of(m.actor) if m else ""


def _key_of(a: Actor | None) -> str:
    """The actor's code, or ``-SECTOR`` for a group named by role without a country."""
    if a is None:
        return ""
    return a.code or (f"-{a.sector}" if a.sector else "")


def _actor(m: ActorMention | None) -> Actor | None:
    if m is None:
        return None
    a = m.actor
    return Actor(text=m.text, name=a.name, id=a.id, country=a.country, sector=a.sector, type=a.type)


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (type, source, target) in a sentence: the most confident."""
    best: dict[tuple[str, str, str], Event] = {}
    for ev in events:
        key = (
            ev.event_type,
            _key_of(ev.source),
            _key_of(ev.target),
        )
        if key not in best or ev.confidence > best[key].confidence:
            best[key] = ev
    # an event without a target adds nothing beside the same event with one ("welcomed … and thanked X")
    targeted = {(k[0], k[1]) for k in best if k[2]}
    kept = [ev for k, ev in best.items() if k[2] or (k[0], k[1]) not in targeted]
    # a stable sort: events of one sentence keep the order the coder made them in (the text's order of
    # their words and actors), never an order of their ids (which hash the document's path), so the same
    # text codes the same wherever it is read from
    return sorted(kept, key=lambda e: e.evidence.start)
