"""Rules of the sentence-level ``rank`` phase: which of a sentence's events stand, and in what order.

They work on a :class:`~thucydides.events.candidate.SentenceState`: first on each trigger's events
(``coded``), then on the sentence's events (``found``, made from ``coded`` on first need). Each returns
True when it changed something; the engine notes the rule on every event whose confidence it changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from thucydides.events.candidate import Params, SentenceState
from thucydides.events.modality import infinitive_clause
from thucydides.events.ranking import _dedupe, _prefer_governing, _prefer_main_clause
from thucydides.record import Actor, Event


def threat_complement(st: SentenceState, params: Params) -> bool:
    """ "threatened to deliver blows": a complement of a threat that is no threat itself leaves the threat
    alone (its events are dropped)."""
    onto = st.scene.coder.ontology
    threats = {t.anchor.i for t, evs in st.coded if evs and onto.in_class("threat", t.entry.cameo)}
    changed = False
    for n, (t, evs) in enumerate(st.coded):
        if (
            evs
            and t.anchor.dep_ == "xcomp"
            and t.anchor.head.i in threats
            and not any(onto.in_class("threat", e.cameo) for e in evs)
        ):
            st.coded[n] = (t, [])
            changed = True
    return changed


def prefer_governing(st: SentenceState, params: Params) -> bool:
    """ "demanded an admission that forces killed ...": an event inside another event's words ranks lower."""
    _prefer_governing(st.coded)
    return True


def prefer_main_clause(st: SentenceState, params: Params) -> bool:
    """The main clause's act ranks a little above acts in background or later coordinated clauses."""
    _prefer_main_clause(st.coded)
    return True


def retold_by_participle(st: SentenceState, params: Params) -> bool:
    """ "those arrested would be charged", "the detained were freed": a participle that names people by an
    act done to them refers back to that act, told before; it ranks below the report of the act itself."""
    words = frozenset(str(w) for w in params.get("determiners") or ())
    penalty = float(params.get("penalty", 0.0))
    changed = False
    for t, evs in st.coded:
        tok = t.token
        if not evs or t.nominal or tok.tag_ != "VBN":
            continue
        after_pronoun = tok.dep_ in ("acl", "amod") and tok.head.i < tok.i and tok.head.lower_ in words
        as_noun = tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and any(
            c.dep_ == "det" and c.lower_ in words for c in tok.children
        )
        if after_pronoun or as_noun:
            for ev in evs:
                ev.confidence = round(ev.confidence - penalty, 4)
                ev.explain.append(f"'{tok.text}' names people by an act told before (-{penalty:.2f})")
            changed = True
    return changed


def intent_in_complement(st: SentenceState, params: Params) -> bool:
    """ "promised to withdraw": the promise is coded as intent to withdraw, from the complement; the
    intent word's own events are dropped."""
    framed = {
        t.anchor.head.i
        for t, evs in st.coded
        if evs and (t.anchor.dep_ == "xcomp" or infinitive_clause(t.anchor))
    }
    changed = False
    for n, (t, evs) in enumerate(st.coded):
        if evs and t.entry.intent and t.anchor.i in framed:
            st.coded[n] = (t, [])
            changed = True
    return changed


def sentence_model(st: SentenceState, params: Params) -> bool:
    """The learned sentence model ranks the rules' events and proposes one where they found none (see
    :mod:`thucydides.events.propose`); nothing without a model. It proposes nothing in a sentence where a
    rule of ``respect`` turned an act down (an act named again, harm in a disaster, a planned act): the
    rules looked at what the sentence reports and said no."""
    coder = st.scene.coder
    if coder.proposer is None:
        return False
    s = st.scene
    before = list(st.flat())
    vetoed = not s.dropped.isdisjoint(params.get("respect") or ())
    st.found = coder._with_model(s.doc, s.si, s.sent, s.index, s.anchors, s.prior, before, not vetoed)
    return True


def one_meeting(st: SentenceState, params: Params) -> bool:
    """ "A met B in Moscow to discuss trade", "A hosted B, where they discussed security": one meeting told by
    two words of a sentence; the less confident word's event that reverses the other's two parties is dropped
    (a meeting "between A and B" coded both ways by one word is kept: see ``mutual_both_ways``)."""
    types = frozenset(params.get("types") or ())
    events = st.flat()
    kept: list[Event] = []
    dropped: set[int] = set()
    for n in sorted(range(len(events)), key=lambda k: -events[k].confidence):
        ev = events[n]
        if ev.event_type in types and any(_reversed(ev, other) for other in kept):
            dropped.add(n)
            continue
        kept.append(ev)
    if not dropped:
        return False
    st.found = [ev for n, ev in enumerate(events) if n not in dropped]
    return True


def _reversed(ev: Event, other: Event) -> bool:
    """Whether two events of one type, told by different words, have the same two parties the other way."""
    if ev.event_type != other.event_type or ev.trigger == other.trigger:
        return False
    if not (ev.source and ev.target and other.source and other.target):
        return False
    return (
        ev.source.country is not None
        and ev.target.country is not None
        and ev.source.country != ev.target.country
        and (ev.source.country, ev.target.country) == (other.target.country, other.source.country)
    )


def protest_first(st: SentenceState, params: Params) -> bool:
    """ "police fired tear gas at students protesting against the fees", "water cannon was used to disperse
    a rally by teachers": where a sentence's crowd control (CAMEO codes starting with one of ``codes``) is
    done to those who protest in it, and no event of the sentence harms anyone (no type of ``harm``), the
    protest is what it reports and the crowd control how it was met: the protest ranks just above
    (``margin``). Done to them: aimed at the protest's doers, or with the protest's word inside the crowd
    control's phrase ("used tear gas to disperse women marching"). Not an arrest ("detained workers who were
    marching": the arrest is the act), nor a protest of a modality not in ``modalities`` ("planned a
    rally")."""
    codes = tuple(str(c) for c in params.get("codes") or ())
    harm = frozenset(params.get("harm") or ())
    modalities = frozenset(params.get("modalities") or ("asserted",))
    margin = float(params.get("margin", 0.01))
    events = st.flat()
    if any(ev.event_type in harm for ev in events):
        return False
    protests = [ev for ev in events if ev.event_type == "PROTEST" and ev.modality in modalities and ev.source]
    if not protests:
        return False
    best = max(protests, key=lambda ev: ev.confidence)
    anchors = {id(ev): t.anchor for t, evs in st.coded for ev in evs}

    def met_by(ev: Event, protest: Event) -> bool:
        """Whether the crowd control ``ev`` is done to the protest's doers or inside its own phrase."""
        if _same_party(ev.target, protest.source):
            return True
        own, theirs = anchors.get(id(ev)), anchors.get(id(protest))
        return own is not None and theirs is not None and own.i != theirs.i and own.is_ancestor(theirs)

    met = [
        ev.confidence
        for ev in events
        if codes and ev.cameo.startswith(codes) and any(met_by(ev, p) for p in protests)
    ]
    if not met or best.confidence > max(met):
        return False
    best.confidence = round(max(met) + margin, 4)
    return True


def _same_party(a: Actor | None, b: Actor | None) -> bool:
    """Whether two events' actors are the same party: the same known actor, or named by the same words
    (one phrase ending the other: "hundreds of teachers", "teachers")."""
    if a is None or b is None:
        return False
    if a.id and b.id:
        return a.id == b.id
    x, y = (a.text or "").lower().split(), (b.text or "").lower().split()
    short, long = sorted((x, y), key=len)
    return bool(short) and long[len(long) - len(short) :] == short


def dedupe(st: SentenceState, params: Params) -> bool:
    """One event per (type, source, target) in a sentence: the most confident; an event without a target
    adds nothing beside the same event with one."""
    before = st.flat()
    st.found = _dedupe(before)
    return len(st.found) != len(before)


# the rules that change the confidence of events they keep (the others only drop events)
CONFIDENCE_RULES = frozenset(
    {"prefer_governing", "prefer_main_clause", "sentence_model", "protest_first", "retold_by_participle"}
)
RULES: Mapping[str, Callable[[SentenceState, Params], bool]] = MappingProxyType(
    {
        "threat_complement": threat_complement,
        "prefer_governing": prefer_governing,
        "prefer_main_clause": prefer_main_clause,
        "intent_in_complement": intent_in_complement,
        "retold_by_participle": retold_by_participle,
        "sentence_model": sentence_model,
        "one_meeting": one_meeting,
        "protest_first": protest_first,
        "dedupe": dedupe,
    }
)
