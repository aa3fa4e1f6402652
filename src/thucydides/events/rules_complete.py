"""Rules of the ``complete``, ``screen``, ``aim`` and ``filter`` phases.

``complete`` fills a missing source or target from the context the syntax left open (where the act was
done, the act named as a cause, an implied doer); ``screen`` drops candidates that name no one or harm no
one else; ``aim`` gives a target to an act whose target the sentence does not name (the other side of a
meeting, the authorities a protest is aimed at, the doer of an act reacted to); ``filter`` drops senses
that need what was not found. Each rule returns True when it changed (or dropped) the candidate.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from types import MappingProxyType
from typing import Any

from thucydides.events.arguments import ACT_LOOKBACK, _counterpart
from thucydides.events.candidate import Candidate, Params
from thucydides.events.context import (
    NOT_COUNTRIES,
    STATE_SECTORS,
    UNIDENTIFIED,
    coded,
    from_earlier_act,
    home_of,
    pair_reference,
    place_at,
    place_country,
    placed,
    towards_authorities,
    unidentified_attackers,
)
from thucydides.events.harm import accident_clause, disaster_word, harm_in_disaster, violence_named
from thucydides.events.lexicon import direct_objects, hyphen_prefix, object_nouns
from thucydides.events.modality import conditional
from thucydides.events.syntax import _is_passive, _pobjs
from thucydides.events.triggers import REACTED
from thucydides.events.words import event_words
from thucydides.record import Actor, ActorMention

# -- complete ---------------------------------------------------------------------------------------------


def place_target(c: Candidate, params: Params) -> bool:
    """A material act with no target is aimed at the country where it was done ("lifted the curfew in X")."""
    entry = c.trig.entry
    onto = c.scene.coder.ontology
    if c.targets or entry.no_target or onto.lookup(entry.cameo).quad_class not in (2, 4):
        return False
    targets, place_why = c.scene.coder._place_target(c.trig, c.scene.index, c.scene.anchors)
    c.targets = [m for m in targets if coded(m.actor)]
    if c.targets:
        c.add(place_why)
        return True
    return False


def visit_place_target(c: Candidate, params: Params) -> bool:
    """A visit with no one named as host goes to the country of the place it goes to ("arrived in Manila
    for talks", "his trip to Lagos", "visited Baghdad"), where that is not the visitor's own country."""
    entry = c.trig.entry
    onto = c.scene.coder.ontology
    if c.targets or entry.no_target or not onto.in_class("visit", entry.cameo):
        return False
    tok, anchor = c.trig.token, c.trig.anchor
    holders = [tok] if tok == anchor else [tok, anchor]
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
        holders.append(tok.head.head)  # "arrived in Manila for a visit": the verb the visit is made by
    own = {m.actor.country for m in c.sources}
    for holder in holders:
        objects = [o for o in holder.children if o.dep_ == "dobj"] if holder.pos_ == "VERB" else []
        for pobj in [*objects, *_pobjs(holder, params.get("preps", ("to", "in", "into")))]:
            place = place_at(pobj, c.scene.anchors)
            if place is None or place.country in own:
                continue
            c.targets = [place_country(pobj, place)]
            c.add(f"target = {place.country}: the visit goes to {place.name}")
            return True
    return False


def cause_source(c: Candidate, params: Params) -> bool:
    """Violence with no doer: the actor modifying the act named as its cause ("killed in police firing")."""
    if c.sources or not c.violent or c.trig.nominal:
        return False
    s = c.scene
    cause = s.coder._cause_source(c.trig.anchor, s.index)
    if cause is None:
        return False
    c.sources, cause_why = placed([cause[0]], c.targets, s.sent, s.index, s.anchors)
    c.join(f"source = '{cause[0].text}', whose '{cause[1].text}' it was", cause_why)
    return True


def act_subject_source(c: Candidate, params: Params) -> bool:
    """ "The attack by militants killed ten", "a police raid left two dead": violence whose subject is an
    act named by a noun is done by that act's doer (its "by" phrase or its actor modifier)."""
    if c.sources or c.trig.nominal or not c.violent:
        return False
    s = c.scene
    subj = next((ch for ch in c.trig.anchor.children if ch.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "NOUN" or s.coder.lexicon.match(subj, "noun") is None:
        return False
    agents = _pobjs(subj, ("by",)) or [
        p
        for acl in subj.children
        if acl.dep_ == "acl" and acl.tag_ == "VBN"
        for a in acl.children
        if a.dep_ == "agent"
        for p in a.children
        if p.dep_ == "pobj"
    ]
    found = next((ms[0] for a in agents if (ms := s.index.of(a, loose=True))), None)
    if found is None:
        found = next(
            (
                m
                for ch in subj.children
                if ch.dep_ in ("poss", "compound", "amod", "nmod")
                and (m := s.coder._role_modifier(ch, s.index)) is not None
            ),
            None,
        )
    if found is None:
        return False
    c.sources, where = placed([found], c.targets, s.sent, s.index, s.anchors)
    c.join(f"source = '{found.text}', whose '{subj.text}' it was", where)
    return True


def unknown_attackers(c: Candidate, params: Params) -> bool:
    """Violence reported without a doer, in a place of a known country: unidentified attackers there."""
    if c.sources or not c.targets or c.trig.nominal or not c.violent:
        return False
    s = c.scene
    unknown = unidentified_attackers(c.trig.anchor, s.sent, s.anchors, s.index, c.targets)
    if unknown is None:
        return False
    c.sources = [unknown]
    c.add(
        f"source = unidentified attackers in {unknown.actor.country}: the violence is "
        "reported without a perpetrator, in a place of that country"
    )
    return True


def unnamed_victim(c: Candidate, params: Params) -> bool:
    """ "Malunga was shot dead", "she was stabbed": violence done to a person named by name or pronoun,
    with no doer named, is the work of unidentified attackers (of the country the context gives, if any)."""
    if c.sources or c.targets or c.trig.nominal or not c.violent:
        return False
    verb = c.trig.anchor
    if not _is_passive(verb) or any(ch.dep_ == "agent" for ch in verb.children):
        return False
    patient = next((ch for ch in verb.children if ch.dep_ == "nsubjpass"), None)
    if patient is None or not (
        patient.ent_type_ == "PERSON" or patient.lower_ in params.get("pronouns", ("he", "she", "they"))
    ):
        return False
    _unidentified_doer(
        c, f"source = unidentified attackers: '{patient.text}' suffered it, and no doer is named"
    )
    return True


def weapon_went_off(c: Candidate, params: Params) -> bool:
    """ "A bomb went off outside the courthouse", "a roadside device exploded": a weapon that blew up on a
    verb whose entry asks for a weapon as subject (``subj``) was set off by unidentified attackers; one that
    might have gone off ("had the bomb gone off during rush hour, ...") was set off by no one."""
    if c.sources or c.trig.nominal or not c.violent or not c.trig.entry.subj:
        return False
    verb = c.trig.anchor
    if conditional(verb):
        return False
    subject = next((ch for ch in verb.children if ch.dep_ == "nsubj"), None)
    if subject is None or subject.lemma_.lower() not in c.trig.entry.subj:
        return False
    _unidentified_doer(c, f"source = unidentified attackers: '{subject.text}' went off, and no one is named")
    return True


def _unidentified_doer(c: Candidate, why: str) -> None:
    """Unidentified attackers as the act's source, placed in the country the context gives, if any."""
    s, verb = c.scene, c.trig.anchor
    actor = Actor(text="unidentified attackers", sector=UNIDENTIFIED, type="group")
    mention = ActorMention(verb.idx, verb.idx + len(verb.text), actor.text, actor, "no doer named")
    found, where = placed([mention], [], s.sent, s.index, s.anchors)
    c.sources = found or [mention]
    c.join(why, where)


def burnt_property(c: Candidate, params: Params) -> bool:
    """ "Three houses were torched", "two buses were set ablaze": property a word of ``params['verbs']`` says
    was set on fire or wrecked on purpose, in a passive that names no doer, is the work of unidentified
    attackers (not "were demolished", which the authorities do; not "destroyed in the floods")."""
    if c.sources or c.trig.nominal or c.trig.entry.key not in params.get("verbs", ()):
        return False
    verb = c.trig.anchor
    if not _is_passive(verb) or any(ch.dep_ == "agent" for ch in verb.children):
        return False
    patient = next((ch for ch in verb.children if ch.dep_ == "nsubjpass"), None)
    if patient is None:
        return False
    _unidentified_doer(
        c, f"source = unidentified attackers: '{patient.text}' was {verb.text} on purpose, by no one named"
    )
    return True


def same_act_source(c: Candidate, params: Params) -> bool:
    """ "India accused Pakistani troops of shelling villages ... the firing struck houses": a definite event
    noun whose doer no word names is the act of its type named earlier by the same noun ("an offensive
    against ... The offensive began"), else the one reported just before, whose doer it takes (and its
    target, where none is named). Only for the types of ``params['types']`` (acts of force: a meeting or
    a deal named again is mostly the same act told again, or background)."""
    s = c.scene
    if c.sources or not c.trig.nominal or not s.prior or not _definite_noun(c.trig.token):
        return False
    kind = c.trig.entry.plover or s.coder.ontology.plover_type(c.trig.entry.cameo)
    if kind not in params.get("types", ()):
        return False
    earlier = [act for act in reversed(s.prior) if act.event_type == kind and act.sentence < s.si]
    # the act named by the same noun before ("an offensive against ... The offensive began"), however far
    # back, else the act of its type reported just before
    lemma = s.coder.lexicon.lemma(c.trig.token, s.coder.lexicon.nouns)
    same = next((act for act in earlier if act.lemma == lemma), None) or next(
        (act for act in earlier if s.si - act.sentence <= ACT_LOOKBACK), None
    )
    if same is None or same.source is None or not same.source.country:
        return False
    c.sources = [from_earlier_act(same.source, s.sent, "earlier act")]
    if not c.targets and same.target is not None:
        c.targets = [from_earlier_act(same.target, s.sent, "earlier act")]
    c.same_act = same
    c.add(
        f"source = '{same.source.text}', the doer of the '{same.lemma}' reported earlier, which "
        f"'{c.trig.token.text}' refers back to"
    )
    return True


def implied_source(c: Candidate, params: Params) -> bool:
    """ "were arrested" (the police), "demonstrations were held" (protesters): the doer the act implies."""
    if c.sources:
        return False
    s = c.scene
    implied = s.coder._implied_source(c.trig, s.sent, s.index, s.anchors, c.targets, c.proposed)
    if implied is None:
        return False
    c.sources = [implied[0]]
    c.implied_doer = True
    c.join(implied[1])
    return True


def nominal_pair(c: Candidate, params: Params) -> bool:
    """An event noun with two targets and no source: the first is the source."""
    if c.sources or len(c.targets) < 2 or not c.trig.nominal:
        return False
    c.sources, c.targets = c.targets[:1], c.targets[1:]
    return True


def joint_sources(c: Candidate, params: Params) -> bool:
    """ "A and B agreed": two sources and no target: the first is source, the second target."""
    if len(c.sources) < 2 or c.targets:
        return False
    c.sources, c.targets = c.sources[:1], c.sources[1:2]
    c.joint = True
    c.add("joint actors: the first is source, the second target")
    return True


# -- screen -----------------------------------------------------------------------------------------------


def _drop(c: Candidate, name: str) -> bool:
    c.dropped = name
    return True


def needs_actors(c: Candidate, params: Params) -> bool:
    """An event with neither source nor target is dropped (unless the sentence model proposed it)."""
    if not c.sources and not c.targets and c.proposed is None:
        return _drop(c, "needs_actors")
    return False


def reflexive_act(c: Candidate, params: Params) -> bool:
    """ "killed himself": no one else is acted on."""
    if not c.violent or c.proposed is not None:
        return False
    reflexives = event_words().reflexives
    if any(ch.dep_ in ("dobj", "obj") and ch.lower_ in reflexives for ch in c.trig.anchor.children):
        return _drop(c, "reflexive_act")
    return False


def disaster_harm(c: Candidate, params: Params) -> bool:
    """ "killed when their bus plunged off a bridge": harm with no doer in a disaster is no violence; nor is
    an act of ``types`` ("wildfires destroyed 400 homes": property destroyed, ASSAULT 1712)."""
    s, onto = c.scene, c.scene.coder.ontology
    kind = c.trig.entry.plover or onto.plover_type(c.trig.entry.cameo)
    if not c.violent and kind not in params.get("types", ()):
        return False
    violent = partial(onto.in_class, "violent")
    if harm_in_disaster(s.sent, c.sources, c.implied_doer, s.coder.lexicon, c.proposed is not None, violent):
        return _drop(c, "disaster_harm")  # ev-rules: events/harm.py (implied doers, outbreaks, word forms)
    return False


def disaster_measure(c: Candidate, params: Params) -> bool:
    """ "Drought has hit the region, and the government declared a state of emergency", "a curfew was
    imposed as the floods rose": an emergency measure (``emergency_measure`` codes) in a sentence that
    names a disaster and no act of violence answers the disaster, not unrest: no coercion of anyone."""
    s = c.scene
    onto, lexicon = s.coder.ontology, s.coder.lexicon
    if not onto.in_class("emergency_measure", c.trig.entry.cameo) or disaster_word(s.sent, lexicon) is None:
        return False
    if violence_named(s.sent, lexicon, partial(onto.in_class, "violent")):
        return False
    return _drop(c, "disaster_measure")


def accident_harm(c: Candidate, params: Params) -> bool:
    """ "A helicopter crashed in fog, killing two": harm a verb of an accident goes on to tell is no violence,
    whoever crashed, and whoever proposed it (see :func:`thucydides.events.harm.accident_clause`)."""
    if not c.violent or c.trig.nominal:
        return False
    if accident_clause(c.trig.anchor, c.scene.coder.lexicon) is not None:
        return _drop(c, "accident_harm")
    return False


def body_in_session(c: Candidate, params: Params) -> bool:
    """ "the cabinet met on Sunday": a body meeting in session, with no one named to meet, is no meeting."""
    if c.sources and not c.targets and c.proposed is None and c.scene.coder._in_session(c.trig):
        return _drop(c, "body_in_session")
    return False


def nominal_needs_source(c: Candidate, params: Params) -> bool:
    """An event noun with no one named as its doer is dropped ("the march of progress")."""
    if c.trig.nominal and not c.sources and c.proposed is None:
        return _drop(c, "nominal_needs_source")
    return False


def reacted_act_told(c: Candidate, params: Params) -> bool:
    """ "... the Syrian government condemned the incursion": an act another verb reacts to, named by a
    definite noun, that an act of the same type coded in the last ``lookback`` sentences already reports,
    is that act named again, not a new one: dropped (its own trigger gave the event)."""
    s = c.scene
    if c.trig.kind != REACTED or not s.prior or not _definite_noun(c.trig.token):
        return False
    kind = s.coder.ontology.plover_type(c.trig.entry.cameo)
    lookback = int(params.get("lookback", ACT_LOOKBACK))
    if any(act.event_type == kind and s.si - act.sentence <= lookback for act in s.prior):
        return _drop(c, "reacted_act_told")
    return False


def disaster_noun(c: Candidate, params: Params) -> bool:
    """ "Lightning strikes killed 15": an event noun a natural force or an accident modifies names no act."""
    if not c.trig.nominal or c.proposed is not None:
        return False
    words = c.scene.coder.lexicon.disaster_words
    if any(
        ch.dep_ in ("compound", "amod") and (ch.lower_ in words or ch.lemma_.lower() in words)
        for ch in c.trig.token.children
    ):
        return _drop(c, "disaster_noun")
    return False


def figurative_harm(c: Candidate, params: Params) -> bool:
    """ "The strike hit transport", "protests rocked the capital": violence whose subject is an act named
    by a noun that is no violence (a strike, a protest) is a figure of speech, no attack."""
    if not c.violent or c.trig.nominal or c.proposed is not None:
        return False
    s = c.scene
    subj = next((ch for ch in c.trig.anchor.children if ch.dep_ == "nsubj"), None)
    act = s.coder.lexicon.match(subj, "noun") if subj is not None and subj.pos_ == "NOUN" else None
    if act is None or s.coder.ontology.in_class("violent", act.cameo):
        return False
    return _drop(c, "figurative_harm")


def descriptive_modifier(c: Candidate, params: Params) -> bool:
    """ "The US-backed coalition", "Saudi-led forces": a participle joined by a hyphen to the word before it,
    modifying a noun, describes the noun (who backs or leads it), it does not report an act."""
    tok = c.trig.token
    if c.trig.nominal or tok.dep_ != "amod" or tok.tag_ != "VBN" or (prefix := hyphen_prefix(tok)) is None:
        return False
    if f"{prefix.lower_}-{tok.lemma_.lower()}" in c.scene.coder.lexicon.verbs:
        return False  # "police lathi-charged farmers": a verb the lexicon names whole, parsed as a modifier
    return _drop(c, "descriptive_modifier")


def sports_contest(c: Candidate, params: Params) -> bool:
    """ "Pakistan beat Sri Lanka by six wickets": a conflict between sides named only by their countries, in a
    sentence with a word only sport uses (``sports_words``), is a game (whoever proposed it)."""
    if not c.sources or c.scene.coder.ontology.quad_class(c.trig.entry.cameo) < 3:
        return False
    sides = [*c.sources, *c.targets]
    if not all(m.actor.type == "country" and not m.actor.sector for m in sides):
        return False
    words = event_words().sports_words
    if any(t.lemma_.lower() in words or t.lower_ in words for t in c.scene.sent):
        return _drop(c, "sports_contest")
    return False


def meeting_needs_source(c: Candidate, params: Params) -> bool:
    """ "the three men were flown to Qatar": a meeting or a visit needs someone who makes it."""
    onto = c.scene.coder.ontology
    if not c.sources and c.proposed is None and onto.in_class("reciprocal", c.trig.entry.cameo):
        return _drop(c, "meeting_needs_source")
    return False


def actor_object_required(c: Candidate, params: Params) -> bool:
    """A sense that applies only to an actor as object ("joined NATO", "police beat protesters": a group named
    by role too) needs one."""
    if not c.trig.entry.obj_actor:
        return False
    index, coder = c.scene.index, c.scene.coder
    objs = direct_objects(c.trig.anchor)
    if any(index.of(o) or pair_reference(o) or coder._reference(o, index) for o in objs):
        return False
    return _drop(c, "actor_object_required")


# -- aim --------------------------------------------------------------------------------------------------


def meeting_partner(c: Candidate, params: Params) -> bool:
    """A meeting with no one named to meet: the one other party the sentence names (a meeting has two
    sides; which side the text names first says nothing of who met whom, unless it is a visit)."""
    entry = c.trig.entry
    onto = c.scene.coder.ontology
    if not c.sources or c.targets or entry.no_target or not onto.in_class("reciprocal", entry.cameo):
        return False
    if c.trig.kind == REACTED:  # "X condemned the talks": X, who reacts, is no party to them
        return False
    partner = _counterpart(c.scene.sent, c.scene.index, c.sources, parties_only=True)
    if partner is None:
        return False
    c.targets = [partner]
    c.joint = not onto.in_class("visit", entry.cameo)
    c.add(f"target = '{partner.text}', the other party named (a meeting has two sides)")
    return True


def object_phrase_target(c: Candidate, params: Params) -> bool:
    """An act on a thing whose own phrase names the one country it concerns ("eased restrictions on
    remittances to Cuba", "reopened the crossings on its border with Poland", "committed to recognising
    Kosovo's plates"): that country is the target."""
    if c.trig.nominal or not c.sources or c.targets or c.trig.entry.no_target:
        return False
    s = c.scene
    own = {m.actor.country for m in c.sources}
    found: list[ActorMention] = []
    for tok in (t for obj in _own_objects(c.trig.anchor) for t in _phrase_nouns(obj)):
        m = s.index.at(tok)
        if m is None or m in found or not coded(m.actor) or m.actor.country in own:
            continue
        found.append(m)
    if len({m.actor.country for m in found}) != 1:
        return False
    c.targets = [found[0]]
    c.add(f"target = '{found[0].text}', the one country the phrase of the act's object names")
    return True


def _own_objects(verb: Any) -> list[Any]:
    """The verb's direct objects, or those of the act it commits to ("agreed to buy Nigerian gas",
    "committed to recognising Kosovo's plates": an open complement, or a gerund after "to")."""
    objs = direct_objects(verb)
    if objs:
        return objs
    complements = [c for c in verb.children if c.dep_ == "xcomp"]
    complements += [g for p in verb.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pcomp"]
    return [o for comp in complements for o in direct_objects(comp)]


def _phrase_nouns(noun: Any, depth: int = 0) -> list[Any]:
    """The words of a noun's own phrase below it, through its prepositions and modifiers only (not a
    relative clause: "a plan that will not allow candidates from Hamas" is not about Hamas)."""
    out: list[Any] = []
    if depth > 4:
        return out
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod"):
            out.append(child)
        elif child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.append(pobj)
                    out.extend(_phrase_nouns(pobj, depth + 1))
    return out


def domestic_target(c: Candidate, params: Params) -> bool:
    """A protest is aimed at the authorities, a coercive act at the people, of the country it happens in;
    so is a threat or an attack by the police ("officers threatened to open fire")."""
    entry = c.trig.entry
    onto = c.scene.coder.ontology
    if not c.sources or c.targets or entry.no_target:
        return False
    police = (
        c.sources[0].actor.sector == "COP"
        and onto.in_class("police_domestic", entry.cameo)
        and (onto.plover_type(entry.cameo) == "THREATEN" or _threatened(c.trig.anchor))
    )
    if not police and not onto.in_class("domestic", entry.cameo):
        return False
    protest = towards_authorities(onto, entry.cameo)
    home = home_of(c.sources[0], c.scene.sent, c.scene.anchors, protest, c.scene.index)
    if home is None:
        return False
    c.targets = [home]
    whom = "the authorities" if protest else "the people"
    c.add(
        f"target = {whom} of {home.actor.country}: no target named, and such an act is aimed "
        f"at {whom} of the country where it happens"
    )
    return True


def _threatened(verb: Any) -> bool:
    """Whether an act is the complement of a threat ("threatened to open fire")."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in event_words().threat_verbs


def reaction_target(c: Candidate, params: Params) -> bool:
    """ "condemned the incursion": a reaction to an act named by a noun is aimed at that act's doer."""
    s = c.scene
    if not c.sources or c.targets or c.trig.nominal or not s.prior:
        return False
    if not s.coder.ontology.in_class("reaction", c.trig.entry.cameo):
        return False
    earlier = s.coder._referred_act(c.trig, s.si, c.sources, s.prior)
    if earlier is None:
        return False
    act, noun = earlier
    assert act.source is not None
    c.targets = [from_earlier_act(act.source, s.sent, "doer")]
    c.add(
        f"target = '{act.source.text}', the doer of the '{act.lemma}' ({act.event_type}) "
        f"reported earlier in the document, which '{noun}' refers back to"
    )
    return True


def proposer_target(c: Candidate, params: Params) -> bool:
    """ "X handed Qatar a list of demands. Qatar rejected the demands": a reaction to a definite proposal
    noun (``proposal_nouns``: demand, offer, request, plan ...) named in an earlier sentence is aimed at the
    subject of the clause that named it there, when that subject is of another country than the reacting
    source."""
    s = c.scene
    coder = s.coder
    if (
        not c.sources
        or c.targets
        or c.trig.nominal
        or not coder.ontology.in_class("reaction", c.trig.entry.cameo)
    ):
        return False
    lexicon = coder.lexicon
    definite = event_words().definite
    own = {m.actor.country for m in c.sources}
    sdoc, sent = s.sent.doc, s.sent
    for obj in object_nouns(direct_objects(c.trig.anchor)):
        lemma = lexicon.lemma(obj, lexicon.proposal_nouns)
        if lemma not in lexicon.proposal_nouns or not any(
            ch.dep_ == "det" and ch.lower_ in definite for ch in obj.children
        ):
            continue
        start = sent.start
        for _ in range(params.get("lookback", ACT_LOOKBACK)):
            if start == 0:
                break
            before = sdoc[start - 1].sent
            start = before.start
            for tok in reversed(before):
                if lexicon.lemma(tok, lexicon.proposal_nouns) != lemma:
                    continue
                verb = tok.head
                while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
                    verb = verb.head
                subj = [ch for ch in verb.children if ch.dep_ == "nsubj"]
                found = [m for m in s.index.of(subj[0]) if coded(m.actor)] if subj else []
                if found and not any(m.actor.country in own for m in found):
                    c.targets = found[:1]
                    c.add(
                        f"target = '{subj[0].text}', who made the '{tok.text}' "
                        f"that '{obj.text}' refers back to"
                    )
                    return True
                return False
    return False


def same_act_target(c: Candidate, params: Params) -> bool:
    """ "the group said it carried out that attack": a definite event noun names an act reported just
    before, whose target it takes."""
    s = c.scene
    if (
        not c.sources
        or c.targets
        or c.same_act is not None  # the act it refers back to is chosen (same_act_source) and named none
        or c.trig.entry.no_target
        or not s.prior
        or not _definite_noun(c.trig.token)
    ):
        return False
    same = s.coder._same_act(c.trig, s.si, c.sources, s.prior)
    if same is None or same.target is None:
        return False
    c.targets = [from_earlier_act(same.target, s.sent, "earlier act")]
    c.same_act = same
    c.add(
        f"target = '{same.target.text}', the target of the '{same.lemma}' reported just "
        f"before, which '{c.trig.token.text}' refers back to"
    )
    return True


def _wants_directed_target(c: Candidate) -> bool:
    """An act of the ``directed`` class with a source and no target yet, that may take one (not an act
    another verb reacts to, not a sense that names none)."""
    entry = c.trig.entry
    return bool(
        c.sources
        and not c.targets
        and c.trig.kind != REACTED
        and not entry.no_target
        and c.scene.coder.ontology.in_class("directed", entry.cameo)
    )


def against_target(c: Candidate, params: Params) -> bool:
    """An act aimed at someone with no target in the parse, whose clause says whom it is aimed at deeper
    down ("claims to be making weapons to use against the United States"): the actors of the first
    "against" phrase (``preps``) under the trigger, reached through no clause with a subject of its own."""
    if not _wants_directed_target(c):
        return False
    preps = frozenset(params.get("preps", ("against",)))
    trig = c.trig.token
    own = {m.actor.country for m in c.sources}
    for tok in trig.subtree:
        if tok.dep_ != "prep" or tok.lower_ not in preps or not _same_subject(tok, trig):
            continue
        for pobj in tok.children:
            if pobj.dep_ != "pobj":
                continue
            found = [m for m in c.scene.index.of(pobj) if coded(m.actor) and m.actor.country not in own]
            if found:
                c.targets = found
                c.add(f"target = '{pobj.text}', whom the act is aimed at ('{tok.text} {pobj.text}')")
                return True
        return False
    return False


def _same_subject(tok: Any, trig: Any) -> bool:
    """True where no word between ``tok`` and its ancestor ``trig`` has a subject of its own."""
    cur = tok.head
    while cur.i != trig.i:
        if any(ch.dep_ in ("nsubj", "nsubjpass", "csubj") for ch in cur.children):
            return False
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return True


def directed_counterpart(c: Candidate, params: Params) -> bool:
    """An act aimed at someone with no target in the parse: the one other country the sentence names (not
    for an act another verb reacts to: "the UN denounced the bombing", the one who reacts is no target)."""
    if not _wants_directed_target(c):
        return False
    partner = _counterpart(c.scene.sent, c.scene.index, c.sources, exclude=c.trig.token)
    if partner is None:
        return False
    c.targets = [partner]
    c.add(
        f"target = '{partner.text}', the one other country the sentence names (the parse "
        "gives the act no target)"
    )
    c.counterpart_target = True
    return True


def home_target(c: Candidate, params: Params) -> bool:
    """An act of a type aimed at someone (``types``) whose sentence names no country but the source's
    ("the district administration denied land for the temple", "the president took steps to enhance
    freedoms"): aimed at the people of the source's own country (by its authorities), or at the
    authorities (by anyone else)."""
    entry = c.trig.entry
    s = c.scene
    onto = s.coder.ontology
    if (
        not c.sources
        or c.targets
        or c.trig.kind == REACTED
        or entry.no_target
        or (entry.plover or onto.plover_type(entry.cameo)) not in params.get("types", ())
    ):
        return False
    own = {m.actor.country for m in c.sources}
    if len(own) != 1 or not all(len(str(k)) == 3 and k not in NOT_COUNTRIES for k in own):
        return False
    if _reacts_to_named_act(c):
        return False  # "condemned the move": aimed at whoever made the move, whom the text does not name
    for i in s.index.tokens_between(s.sent.start, s.sent.end):
        m = s.index.by_token[i]
        if coded(m.actor) and m.actor.country not in own:
            return False  # another country named: not for this rule to guess which one
    source = c.sources[0]
    if source.actor.type == "country" and not source.actor.sector:
        return False  # "Iran threatened to close the strait": a state is not aimed at its own authorities
    state = source.actor.sector in STATE_SECTORS
    home = home_of(source, s.sent, s.anchors, not state, s.index)
    if home is None or home.actor.country not in own:
        return False
    c.targets = [home]
    whom = "the authorities" if not state else "the people"
    c.add(
        f"target = {whom} of {home.actor.country}: no target named and no other country in the "
        "sentence, so the act is aimed at home"
    )
    return True


def _reacts_to_named_act(c: Candidate) -> bool:
    """True for a reaction whose object is a definite noun naming an act ("condemned the move", "rejected
    the attack"): an event noun of the lexicon or a general word for an act (``act_references``)."""
    coder = c.scene.coder
    if not coder.ontology.in_class("reaction", c.trig.entry.cameo):
        return False
    definite = event_words().definite
    lexicon = coder.lexicon
    for obj in object_nouns(direct_objects(c.trig.anchor)):
        if not any(ch.dep_ in ("det", "poss") and ch.lower_ in definite for ch in obj.children):
            continue
        if lexicon.match(obj, "noun") is not None:
            return True
        if lexicon.lemma(obj, lexicon.nouns) in lexicon.act_references:
            return True
    return False


# -- filter -----------------------------------------------------------------------------------------------


def target_required(c: Candidate, params: Params) -> bool:
    """A sense that needs a target ("target_required" in the lexicon) is dropped without one."""
    if c.trig.entry.target_required and not c.targets:
        return _drop(c, "target_required")
    return False


def place_object_required(c: Candidate, params: Params) -> bool:
    """A sense that acts on a place ("entered X") with no target found is dropped, unless its object is a
    place the places stage resolved ("captured Palmyra"): then the place's country is the target."""
    if c.trig.entry.obj_place and not c.targets:
        for obj in (o for o in c.trig.anchor.children if o.dep_ == "dobj"):
            place = place_at(obj, c.scene.anchors)
            if place is not None:
                c.targets = [place_country(obj, place)]
                c.add(f"target = {place.country}: '{obj.text}' is the place acted on")
                return True
        return _drop(c, "place_object_required")
    return False


def _definite_noun(tok: Any) -> bool:
    """True for an event noun that names a known act ("that attack", "the bombing", "Saturday's strikes").

    A possessive pronoun names the doer, not an earlier act: "Pakistan launched its own air raid".
    """
    definite = event_words().definite
    return tok.pos_ == "NOUN" and any(
        (ch.dep_ == "det" and ch.lower_ in definite)
        or (ch.dep_ == "poss" and ch.ent_type_ in ("DATE", "TIME"))
        for ch in tok.children
    )


NOMINAL_ONLY = frozenset({"nominal_pair", "nominal_needs_source", "disaster_noun", "reacted_act_told"})
VERBAL_ONLY = frozenset(
    {
        "cause_source",
        "act_subject_source",
        "unknown_attackers",
        "unnamed_victim",
        "weapon_went_off",
        "burnt_property",
        "reaction_target",
        "figurative_harm",
        "descriptive_modifier",
    }
)
RULES: Mapping[str, Callable[[Candidate, Params], bool]] = MappingProxyType(
    {
        "place_target": place_target,
        "visit_place_target": visit_place_target,
        "cause_source": cause_source,
        "unknown_attackers": unknown_attackers,
        "unnamed_victim": unnamed_victim,
        "weapon_went_off": weapon_went_off,
        "burnt_property": burnt_property,
        "act_subject_source": act_subject_source,
        "same_act_source": same_act_source,
        "implied_source": implied_source,
        "nominal_pair": nominal_pair,
        "joint_sources": joint_sources,
        "needs_actors": needs_actors,
        "reflexive_act": reflexive_act,
        "disaster_harm": disaster_harm,
        "disaster_measure": disaster_measure,
        "accident_harm": accident_harm,
        "body_in_session": body_in_session,
        "nominal_needs_source": nominal_needs_source,
        "disaster_noun": disaster_noun,
        "reacted_act_told": reacted_act_told,
        "figurative_harm": figurative_harm,
        "descriptive_modifier": descriptive_modifier,
        "sports_contest": sports_contest,
        "meeting_needs_source": meeting_needs_source,
        "actor_object_required": actor_object_required,
        "meeting_partner": meeting_partner,
        "domestic_target": domestic_target,
        "object_phrase_target": object_phrase_target,
        "reaction_target": reaction_target,
        "proposer_target": proposer_target,
        "same_act_target": same_act_target,
        "against_target": against_target,
        "directed_counterpart": directed_counterpart,
        "home_target": home_target,
        "target_required": target_required,
        "place_object_required": place_object_required,
    }
)
