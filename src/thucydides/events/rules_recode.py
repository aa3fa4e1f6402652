"""Rules of the ``recode``, ``attach`` and ``emit`` phases, and the making of events from a candidate.

``recode`` reads the modality and changes the code where the words call for it (a stated intention, a
phone call); ``attach`` dates and places the event; ``emit`` decides how the actors pair up. Then
:func:`events_of` makes one :class:`~thucydides.record.Event` per (source, target) pair.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from thucydides.events.attach import attach_date, attach_place
from thucydides.events.candidate import Candidate, Params
from thucydides.events.context import people_head
from thucydides.events.modality import future_marked, intent_word, modality_of
from thucydides.events.ranking import _actor, _code_of, _evidence, _unless
from thucydides.events.triggers import REACTED
from thucydides.events.words import event_words
from thucydides.record import ActorMention, Event, Evidence

NO_TARGET: tuple[ActorMention | None, ...] = (None,)

# -- recode -----------------------------------------------------------------------------------------------


def modality(c: Candidate, params: Params) -> bool:
    """Asserted, negated, hypothetical or future, from the auxiliaries, negations and governing words; an
    event word that is only the complement of another, or the topic of a judgement, is dropped. A doer is
    implied only for an act reported as done ("can be arrested": no one)."""
    s, trig = c.scene, c.trig
    c.modality, c.mod_why = modality_of(trig.token, trig.anchor, s.coder.lexicon, s.doc)
    if trig.kind == REACTED and c.modality == "asserted":
        c.modality, c.mod_why = _reacted_modality(trig.token, s)
    if c.modality is None and c.proposed is not None:
        c.modality, c.mod_why = "asserted", f"{c.mod_why}; asserted: the sentence model reports the act"
    if c.modality is None or (c.implied_doer and c.modality != "asserted"):
        c.dropped = "modality"
    return True


def _reacted_modality(noun: Any, scene: Any) -> tuple[Any, str]:
    """The modality of an act another verb reacts to ("condemned the shooting"): it happened, unless the
    reacting clause is negated, hypothetical or a question ("did not condemn", "would condemn any attack")."""
    verb = noun
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    verb = verb.head
    outer, why = modality_of(verb, verb, scene.coder.lexicon, scene.doc)
    if outer in ("negated", "hypothetical"):
        return outer, f"as the verb '{verb.text}' that takes it: {why}"
    if scene.sent.text.rstrip().endswith("?"):
        return "hypothetical", f"asked about: the question '{verb.text} ...?'"
    return "asserted", f"happened: what '{verb.text}' reacts to"


def stated_intent(c: Candidate, params: Params) -> bool:
    """ "will withdraw" → intent to withdraw, "will not accept" → refusal, "will withdraw ... unless X" → a
    threat, "troops prepared to attack" → military posturing (the ``preparation`` class)."""
    trig, lexicon, onto = c.trig, c.scene.coder.lexicon, c.scene.coder.ontology
    if c.modality not in ("future", "negated") or not future_marked(trig.anchor):
        return False
    words = event_words()
    if (
        c.modality == "future"
        and trig.anchor is not trig.token
        and trig.anchor.lemma_.lower() in words.continuation_verbs
        and any(d.dep_ in ("det", "poss") and d.lower_ in words.definite for d in trig.token.children)
    ):  # "will continue their strike": the strike is on; only its going on is to come
        c.mod_why += f"; '{trig.anchor.text} {trig.token.text}': an act under way"
        c.modality = "asserted"
        return True
    cameo = c.cameo
    changed = lexicon.intent_code(cameo, negated=c.modality == "negated")
    if changed is not None and c.modality == "future" and _unless(trig.anchor):
        changed = lexicon.threat_code  # "will withdraw ... unless X does Y": a threat
    elif (
        changed is not None
        and c.modality == "future"
        and onto.in_class("violent", cameo)
        and (ready := intent_word(trig.anchor)) is not None
        and ready.lemma_.lower() in event_words().preparation_words
    ):
        changed = onto.code_class("preparation").codes[0]  # "troops prepared to attack": not a threat
    if changed is None:
        return False
    c.mod_why += f"; a stated intention: CAMEO {cameo} → {changed}"
    c.cameo, c.modality = changed, "asserted"
    return True


def crowd_riot(c: Candidate, params: Params) -> bool:
    """ "Protesters hurled stones at the police", "demonstrators torched a police post": violence or
    destruction every doer of which is a protesting crowd (``protest_crowds``) is a riot, which PLOVER files
    as a protest (mode riot), not an attack."""
    onto = c.scene.coder.ontology
    if not c.sources or c.joint or not onto.in_class("crowd_violence", c.cameo):
        return False  # "clashes between protesters and police": two sides named together, no riot alone
    crowds = event_words().protest_crowds
    if not all(m.text.split()[-1].lower() in crowds for m in c.sources if m.text.split()):
        return False
    riot = onto.default_cameo("PROTEST", "riot")
    c.mod_why += (
        f"; violence by '{c.sources[0].text}', a protesting crowd, is a riot: CAMEO {c.cameo} → {riot}"
    )
    c.cameo, c.mode = riot, "riot"
    return True


def armed_raid(c: Candidate, params: Params) -> bool:
    """ "Coalition jets carried out raids on depots", "a raid by gunmen on a village": an act of ``words``
    (a raid, which the CAMEO codebook and the PLOVER manual file as coercion: a search, a seizure, done by
    a state's forces) is an air strike (``air_code``) when aircraft make it (``aircraft``), an attack
    (``code``) when armed groups that are no state's make it (``sectors``)."""
    if c.trig.entry.key not in frozenset(params.get("words") or ()) or not c.sources:
        return False
    aircraft = frozenset(params.get("aircraft") or ())
    sectors = frozenset(params.get("sectors") or ())
    heads = [m.text.split()[-1].lower() for m in c.sources if m.text.split()]
    if heads and all(h in aircraft or h.rstrip("s") in aircraft for h in heads):
        code = str(params.get("air_code"))
    elif all(m.actor.sector in sectors for m in c.sources):
        code = str(params.get("code"))
    else:
        return False
    c.mod_why += f"; a {c.trig.entry.key} by '{c.sources[0].text}' is an attack: CAMEO {c.cameo} → {code}"
    c.cameo = code
    return True


def diplomatic_protest(c: Candidate, params: Params) -> bool:
    """ "Iran summoned the ambassador to protest against the sanctions": a protest (one of ``words``) made by
    a state (a country, or a government named by role or office) is a diplomatic protest, which the PLOVER
    manual files as ACCUSE (``code``), not a protest in the street."""
    if c.trig.entry.key not in frozenset(params.get("words") or ()) or not c.sources:
        return False
    if not all(_state_actor(m.actor) and people_head(m, c.scene.sent) is None for m in c.sources):
        return False  # "thousands of Kenyans joined a protest": a people, not its state
    code = str(params.get("code"))
    c.mod_why += f"; a protest by '{c.sources[0].text}', a state, is diplomatic: CAMEO {c.cameo} → {code}"
    c.cameo, c.mode = code, None
    return True


def _state_actor(actor: Any) -> bool:
    return actor.type == "country" or (bool(actor.country) and actor.sector == "GOV")


def phone_call(c: Candidate, params: Params) -> bool:
    """ "held a telephone conversation": a meeting by phone (the CONSULT mode ``phone``)."""
    trig = c.trig
    if not (trig.nominal or trig.token != trig.anchor):
        return False
    phone = event_words().phone_words
    if not any(ch.lower_ in phone for ch in trig.token.children):
        return False
    c.cameo, c.mode = c.scene.coder.ontology.default_cameo("CONSULT", "phone"), "phone"
    return True


def plover_type(c: Candidate, params: Params) -> bool:
    """The PLOVER type of the code (the lexicon's own where the PLOVER manual files the sense elsewhere);
    a code without one (statements, appeals) is dropped."""
    onto, entry = c.scene.coder.ontology, c.trig.entry
    c.info = onto.lookup(c.cameo)
    c.ptype = onto.plover_type(c.cameo)
    if entry.plover and c.cameo == entry.cameo:  # the PLOVER manual places this sense elsewhere
        c.ptype = entry.plover
    if not c.ptype:
        c.dropped = "plover_type"
    return True


# -- attach -----------------------------------------------------------------------------------------------


def event_date(c: Candidate, params: Params) -> bool:
    """The date of the event's clause, else of the clause that reports it, else the publication date; an
    act a definite noun names again ("said it carried out that attack") keeps the date it was first
    reported with (a date in the new sentence dates the claim)."""
    s = c.scene
    c.date, c.precision, c.date_why = attach_date(c.trig, s.anchors, s.doc, s.coder.numbers)
    same = c.same_act
    if same and same.date and (same.precision != "publication" or c.precision in ("publication", "unknown")):
        c.date, c.precision = same.date, same.precision
        c.date_why = f"no date in the event's clauses: the date of the '{same.lemma}' it refers back to"
    return True


def historical(c: Candidate, params: Params) -> bool:
    """An asserted event dated more than a year before publication is historical."""
    published = c.scene.doc.published
    recalled = bool(c.date) and c.precision in ("day", "month", "year")
    if c.modality == "asserted" and published and recalled and int(str(c.date)[:4]) < published.year - 1:
        c.modality = "historical"
        return True
    return False


def event_place(c: Candidate, params: Params) -> bool:
    """The place the event's clause names, an entered place, an actor's home ground, else the dateline."""
    s = c.scene
    mutual = s.coder.ontology.in_class("mutual", c.cameo)
    c.location, c.place_why = attach_place(c.trig, s.anchors, c.sources, c.targets, s.coder.gazetteer, mutual)
    return c.location is not None


# -- emit -------------------------------------------------------------------------------------------------


def mutual_both_ways(c: Candidate, params: Params) -> bool:
    """ "A and B agreed", "talks between A and B": the text gives no direction, both act (coded both ways)."""
    c.mutual = c.joint and c.scene.coder.ontology.in_class("mutual", c.cameo)
    return c.mutual


def events_of(c: Candidate, confidence: Params) -> list[Event]:
    """One event per (source, target) pair of the candidate, with its confidence and explanation.

    Args:
        confidence: the weights of ``confidence`` in ``event_phases.yaml``.
    """
    s, trig = c.scene, c.trig
    sources, targets = c.sources, c.targets
    max_pairs = int(confidence["max_pairs"])
    src_opts: list[ActorMention | None] = list(sources) or [None]
    tgt_opts: list[ActorMention | None] = list(targets) or [None]
    pairs: list[tuple[ActorMention | None, ActorMention | None]] = [
        (a, b) for a in src_opts for b in tgt_opts if a != b and not _same_party(a, b)
    ][:max_pairs]
    if not pairs and sources:  # "the zone Turkey has seized ... Turkey": no one acts on itself
        pairs = [(a, b) for a in src_opts for b in NO_TARGET][:max_pairs]
    if not pairs and c.proposed is not None and c.proposed.may_name_no_one and not sources and not targets:
        # the sentence model vouches for an event whose doer and sufferer the text does not name ("four
        # children died in an explosion"): coded without actors (needs_actors lets it through for that)
        pairs = [(None, None)]
    # in the order the text names them ("urged India and Pakistan": India first), whatever order the rules
    # found them in; the first pair stands where later steps rank the same act told twice
    pairs.sort(key=lambda p: (p[0].start if p[0] else -1, p[1].start if p[1] else -1))
    if c.mutual:
        pairs += [(b, a) for a, b in pairs if a is not None and b is not None]
    info, ptype, cameo = c.info, str(c.ptype), c.cameo
    if sources and pairs and all(_self_act(a, b, info.quad_class) for a, b in pairs):
        # "Azerbaijan released 32 prisoners": the prisoners take the one country named, the doer's own; the
        # act stands, with no one named as its target, as when the parse found no target
        pairs = [(a, b) for a in src_opts for b in NO_TARGET][:max_pairs]
    penalties = confidence["modality_penalty"]
    evidence = _evidence(s.sent)
    events = []
    for n, (src, tgt) in enumerate(pairs):
        if _self_act(src, tgt, info.quad_class):
            continue
        score = (
            confidence["base"]
            + (confidence["source"] if src else 0)
            + (confidence["target"] if tgt else 0)
            - (confidence["nominal_penalty"] if trig.nominal else 0)
            - penalties.get(c.modality, 0.0)
            - (confidence["counterpart_penalty"] if c.counterpart_target else 0.0)
            - (confidence["mutual_penalty"] if c.mutual and n >= len(pairs) // 2 else 0.0)
        )
        key = f"{s.doc.id}|{s.sent.start_char}|{trig.token.i}|{ptype}|{_code_of(src)}|{_code_of(tgt)}"
        events.append(
            Event(
                event_id=hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16],
                doc_id=s.doc.id,
                sentence_index=s.si,
                event_type=ptype,
                cameo=cameo,
                quad_class=info.quad_class,
                goldstein=info.goldstein,
                modality=c.modality,
                mode=c.mode or info.mode,
                context=list(info.context),
                source=_actor(src),
                target=_actor(tgt),
                evidence=Evidence(evidence.text, evidence.start, evidence.end),
                date=c.date,
                date_precision=c.precision,
                location=c.location,
                confidence=min(score, confidence["cap"]),
                trigger=trig.token.text
                if trig.token == trig.anchor
                else f"{trig.anchor.text} {trig.token.text}",
                explain=[
                    f"trigger '{trig.token.text}' ({trig.entry.pos} '{trig.entry.key}') "
                    f"→ CAMEO {cameo} {ptype}",
                    c.why
                    + (
                        "; a joint act of two parties with no direction in the text: coded both ways"
                        if c.mutual
                        else ""
                    ),
                    c.mod_why,
                    c.date_why,
                    c.place_why,
                ],
            )
        )
    return events


def _self_act(src: ActorMention | None, tgt: ActorMention | None, quad_class: int) -> bool:
    """True where the source would act on itself (two groups of one kind apart in the text excepted)."""
    return (
        src is not None
        and tgt is not None
        and _same(src, tgt)
        and not (quad_class == MATERIAL_CONFLICT and _two_groups(src, tgt))
    )


def _same(a: ActorMention, b: ActorMention) -> bool:
    from thucydides.events.ranking import _same as same_actor

    return same_actor(a.actor, b.actor)


MATERIAL_CONFLICT = 4  # the quad class of acts of force, where two groups of one kind may act on each other


def _two_groups(a: ActorMention, b: ActorMention) -> bool:
    """True for two groups named by role apart in the text ("a mob lynched a man"): of one country and
    sector, but not one party acting on itself."""
    return (
        a.actor.type == "group"
        and b.actor.type == "group"
        and not a.actor.id
        and not b.actor.id
        and a.start < a.end
        and b.start < b.end  # both named by words of the text (an implied doer is named by none)
        and (a.end <= b.start or b.end <= a.start)
        and a.text.lower() != b.text.lower()
    )


def _same_party(a: ActorMention | None, b: ActorMention | None) -> bool:
    """True for two mentions of one known actor (the same knowledge-base id)."""
    return a is not None and b is not None and bool(a.actor.id) and a.actor.id == b.actor.id


RULES: Mapping[str, Callable[[Candidate, Params], bool]] = MappingProxyType(
    {
        "modality": modality,
        "stated_intent": stated_intent,
        "armed_raid": armed_raid,
        "diplomatic_protest": diplomatic_protest,
        "phone_call": phone_call,
        "crowd_riot": crowd_riot,
        "plover_type": plover_type,
        "event_date": event_date,
        "historical": historical,
        "event_place": event_place,
        "mutual_both_ways": mutual_both_ways,
    }
)
