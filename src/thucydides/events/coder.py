"""The event coder: lexicon triggers over the dependency parse.

Reads ``doc.nlp`` (the parse), ``doc.actors``, ``doc.dates`` and ``doc.places``;
writes ``doc.events``. Source and target come from the sentence's structure
(subjects, objects, passives, prepositions, coordination), not from word order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from thucydides.dates.vocabulary import load_date_vocabulary
from thucydides.events.arguments import (
    ACT_LOOKBACK,
    BETWEEN_WHY,
    DEFINITE,
    RECIPROCAL,
    ArgumentFinder,
    _counterpart,
)
from thucydides.events.attach import Anchors, attach_date, attach_place
from thucydides.events.context import (
    ActorIndex,
    coded,
    domestic,
    from_earlier_act,
    home_of,
    pair_reference,
    placed,
    towards_authorities,
    unidentified_attackers,
)
from thucydides.events.lexicon import Lexicon, direct_objects
from thucydides.events.modality import (
    PREPARATION_WORDS,
    future_marked,
    infinitive_clause,
    intent_word,
    modality_of,
)
from thucydides.events.ranking import (
    _actor,
    _code_of,
    _dedupe,
    _evidence,
    _prefer_governing,
    _prefer_main_clause,
    _same,
    _threat,
    _unless,
)
from thucydides.events.syntax import _subject, drop_index
from thucydides.events.triggers import PriorAct, Trigger, TriggerFinder
from thucydides.record import ActorMention, Document, Event

MAX_PAIRS = 4
NO_TARGET: tuple[ActorMention | None, ...] = (None,)
VISIT_CODES = ("042", "043", "044")
SESSION_VERBS = frozenset({"meet", "convene", "sit", "gather", "reconvene"})
COUNTERPART_PENALTY = 0.05
# CAMEO codes (prefixes) of acts that two parties named jointly do together ("A and B agreed", "signed a
# treaty", "talks between A and B"): coded in both directions, the second a little less confident
MUTUAL_CODES = ("03", "04", "06", "050", "057", "0871")
MUTUAL_PENALTY = 0.02
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
PREPARATION_CODE = "152"  # CAMEO: increase military alert status (PLOVER MOBILIZE)
# the most confident event of a sentence should be one that happened: reported, then planned, then not
MODALITY_PENALTY = {"future": 0.05, "hypothetical": 0.15, "negated": 0.2}


# reactions (support 05, disapproval 11, rejection 12) aimed at an act the text names only by a noun
REACTION_ROOTS = frozenset({"05", "11", "12"})


class EventCoder(ArgumentFinder, TriggerFinder):
    """Stage: codes events from the parse. Reads nlp, actors, dates, places; writes events.

    Args:
        ontology: CAMEO/PLOVER tables (``thucydides.ontology.Ontology``).
        lexicon: trigger words; the bundled one when omitted.
        gazetteer: used to place events at an actor's home country when the text names no place.
        numbers: number words and their values ("eight months after ..."); the date vocabulary's when
            omitted (the pipeline hands over the one its date resolver has read).
    """

    def __init__(
        self,
        ontology: Any,
        lexicon: Lexicon | None = None,
        gazetteer: Any = None,
        numbers: Mapping[str, int] | None = None,
    ) -> None:
        self.ontology = ontology
        self.lexicon = lexicon or Lexicon.load()
        self.gazetteer = gazetteer
        self.numbers = numbers if numbers is not None else load_date_vocabulary().numbers

    def __call__(self, doc: Document) -> Document:
        sdoc = doc.nlp
        if sdoc is None:
            raise ValueError("the document has not been parsed")
        index = ActorIndex(doc.actors, sdoc)
        anchors = Anchors.build(doc, sdoc)
        events: list[Event] = []
        prior: list[PriorAct] = []
        for si, sent in enumerate(sdoc.sents):
            coded = [
                (trig, self._code(doc, si, sent, trig, index, anchors, prior))
                for trig in self._triggers(sent)
            ]
            prior.extend(
                PriorAct(
                    self.lexicon.lemma(t.token, self.lexicon.nouns),
                    evs[0].event_type,
                    evs[0].source,
                    si,
                    evs[0].target,
                    evs[0].quad_class,
                )
                for t, evs in coded
                if evs and any(a is not None and a.country for a in (evs[0].source, evs[0].target))
            )
            threats = {t.anchor.i for t, evs in coded if evs and t.entry.cameo.startswith("13")}
            coded = [  # "threatened to deliver blows": a complement that is no threat leaves the threat alone
                (
                    t,
                    []
                    if t.anchor.dep_ == "xcomp" and t.anchor.head.i in threats and not _threat(evs)
                    else evs,
                )
                for t, evs in coded
            ]
            framed = {
                t.anchor.head.i
                for t, evs in coded
                if evs and (t.anchor.dep_ == "xcomp" or infinitive_clause(t.anchor))
            }
            _prefer_governing(coded)
            _prefer_main_clause(coded)
            found = [
                ev
                for trig, evs in coded
                if not (trig.entry.intent and trig.anchor.i in framed)  # "promised to withdraw": the promise
                for ev in evs  # is coded as intent to withdraw, from the complement
            ]
            events.extend(_dedupe(found))
        drop_index(sdoc)
        doc.events = events
        return doc

    def _same_act(
        self, trig: Trigger, si: int, sources: list[ActorMention], prior: list[PriorAct]
    ) -> PriorAct | None:
        """The act of the same type reported in the previous few sentences that a definite event noun
        names again ("a car bombing killed 40 police ... the group said it carried out that attack"), if
        its target is of another country than the source."""
        kind = self.ontology.plover_type(trig.entry.cameo)
        own = {m.actor.country for m in sources}
        for act in reversed(prior):
            if si - act.sentence > ACT_LOOKBACK:
                break
            if act.event_type == kind and act.target is not None and act.target.country not in own | {None}:
                return act
        return None

    def _in_session(self, trig: Trigger) -> bool:
        """True for a body meeting in session with nobody named to meet ("the cabinet met on Sunday")."""
        verb = trig.anchor
        if trig.nominal or verb.lemma_.lower() not in SESSION_VERBS or direct_objects(verb):
            return False
        if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in verb.children):
            return False
        subj, _ = _subject(verb)
        return subj is not None and subj.lemma_.lower() in self.lexicon.convening_bodies

    # -- one event --------------------------------------------------------------------------------------

    def _code(
        self,
        doc: Document,
        si: int,
        sent: Any,
        trig: Trigger,
        index: ActorIndex,
        anchors: Anchors,
        prior: list[PriorAct] | None = None,
    ) -> list[Event]:
        entry = trig.entry
        counterpart_target = False
        sources, targets, why = self._arguments(trig, index, prior or [], si)
        named_sources = sources  # a target is placed against the sources as the text names them: a source
        sources, src_why = placed(sources, targets, sent, index, anchors)  # placed from context is no clue
        targets, tgt_why = placed(targets, named_sources, sent, index, anchors)
        why = "; ".join(w for w in (why, src_why, tgt_why) if w)
        sources = [m for m in sources if coded(m.actor)]
        targets = [m for m in targets if coded(m.actor)]
        if not targets and not entry.no_target and self.ontology.lookup(entry.cameo).quad_class in (2, 4):
            targets, place_why = self._place_target(trig, index, anchors)
            targets = [m for m in targets if coded(m.actor)]
            if targets:
                why += "; " + place_why
        if not sources and targets and not trig.nominal and entry.cameo[:2] in VIOLENT_ROOTS:
            unknown = unidentified_attackers(trig.anchor, sent, anchors, index, targets)
            if unknown is not None:
                sources = [unknown]
                why += (
                    f"; source = unidentified attackers in {unknown.actor.country}: the violence is "
                    "reported without a perpetrator, in a place of that country"
                )
        if not sources and len(targets) >= 2 and trig.nominal:
            sources, targets = targets[:1], targets[1:]
        joint = trig.nominal and why.startswith(BETWEEN_WHY)
        if len(sources) >= 2 and not targets:
            sources, targets = sources[:1], sources[1:2]
            joint = True
            why += "; joint actors: the first is source, the second target"
        if not sources and not targets:
            return []
        if entry.cameo[:2] in VIOLENT_ROOTS and _reflexive(trig.anchor):
            return []  # "killed himself": no one else is acted on
        if sources and not targets and self._in_session(trig):
            return []
        if (
            sources
            and not targets
            and self.ontology.plover_type(entry.cameo) in RECIPROCAL
            and not entry.no_target
        ):
            partner = _counterpart(sent, index, sources, parties_only=True)
            if partner is not None:
                targets = [partner]
                # which of the two sides the text names first says nothing of who met whom (a visit has a
                # direction: the visitor and the host)
                joint = not entry.cameo.startswith(VISIT_CODES)
                why += f"; target = '{partner.text}', the other party named (a meeting has two sides)"
        if trig.nominal and not sources:
            return []
        if not sources and self.ontology.plover_type(entry.cameo) in RECIPROCAL:
            return []  # "the three men were flown to Qatar": a meeting or a visit needs someone who makes it
        if sources and not targets and not entry.no_target and domestic(self.ontology, entry.cameo):
            protest = towards_authorities(self.ontology, entry.cameo)
            home = home_of(sources[0], sent, anchors, protest, index)
            if home is not None:
                targets = [home]
                whom = "the authorities" if protest else "the people"
                why += (
                    f"; target = {whom} of {home.actor.country}: no target named, and such an act is aimed "
                    f"at {whom} of the country where it happens"
                )
        if sources and not targets and not trig.nominal and entry.cameo[:2] in REACTION_ROOTS and prior:
            earlier = self._referred_act(trig, si, sources, prior)
            if earlier is not None:
                act, noun = earlier
                assert act.source is not None
                targets = [from_earlier_act(act.source, sent, "doer")]
                why += (
                    f"; target = '{act.source.text}', the doer of the '{act.lemma}' ({act.event_type}) "
                    f"reported earlier in the document, which '{noun}' refers back to"
                )
        if sources and not targets and not entry.no_target and prior and _definite_noun(trig.token):
            same = self._same_act(trig, si, sources, prior)
            if same is not None and same.target is not None:
                targets = [from_earlier_act(same.target, sent, "earlier act")]
                why += (
                    f"; target = '{same.target.text}', the target of the '{same.lemma}' reported just "
                    f"before, which '{trig.token.text}' refers back to"
                )
        if sources and not targets and not entry.no_target and self._directed(entry.cameo):
            partner = _counterpart(sent, index, sources, exclude=trig.token)
            if partner is not None:
                targets = [partner]
                why += (
                    f"; target = '{partner.text}', the one other country the sentence names (the parse "
                    "gives the act no target)"
                )
                counterpart_target = True
        if entry.target_required and not targets:
            return []
        if entry.obj_place and not targets:
            return []
        if entry.obj_actor and not any(index.of(o) or pair_reference(o) for o in direct_objects(trig.anchor)):
            return []
        modality, mod_why = modality_of(trig.token, trig.anchor, self.lexicon, doc)
        if modality is None:
            return []
        cameo = entry.cameo
        mode = entry.mode
        if modality in ("future", "negated") and future_marked(trig.anchor):
            changed = self.lexicon.intent_code(cameo, negated=modality == "negated")
            if changed is not None and modality == "future" and _unless(trig.anchor):
                changed = self.lexicon.threat_code  # "will withdraw ... unless X does Y": a threat
            elif (
                changed is not None
                and modality == "future"
                and cameo[:2] in VIOLENT_ROOTS
                and (ready := intent_word(trig.anchor)) is not None
                and ready.lemma_.lower() in PREPARATION_WORDS
            ):
                changed = PREPARATION_CODE  # "troops prepared to attack": military posturing, not a threat
            if changed is not None:
                mod_why += f"; a stated intention: CAMEO {cameo} → {changed}"
                cameo, modality = changed, "asserted"
        if (trig.nominal or trig.token != trig.anchor) and any(
            c.lower_ in ("telephone", "phone") for c in trig.token.children
        ):
            cameo, mode = "041", "phone"
        info = self.ontology.lookup(cameo)
        ptype = self.ontology.plover_type(cameo)
        if entry.plover and cameo == entry.cameo:  # the PLOVER manual places this sense elsewhere
            ptype = entry.plover
        if not ptype:
            return []
        date_value, precision, date_why = attach_date(trig, anchors, doc, self.numbers)
        recalled = bool(date_value) and precision in ("day", "month", "year")
        if (
            modality == "asserted"
            and doc.published
            and recalled
            and int(str(date_value)[:4]) < doc.published.year - 1
        ):
            modality = "historical"
        location, place_why = attach_place(trig, anchors, sources, targets, self.gazetteer)
        events = []
        src_opts: list[ActorMention | None] = list(sources) or [None]
        tgt_opts: list[ActorMention | None] = list(targets) or [None]
        pairs: list[tuple[ActorMention | None, ActorMention | None]] = [
            (s, t) for s in src_opts for t in tgt_opts if s != t and not _same_party(s, t)
        ][:MAX_PAIRS]
        if not pairs and sources:  # "the zone Turkey has seized ... Turkey": no one acts on itself
            pairs = [(s, t) for s in src_opts for t in NO_TARGET][:MAX_PAIRS]
        mutual = joint and cameo.startswith(MUTUAL_CODES)
        if mutual:  # "A and B agreed", "talks between A and B": the text gives no direction, both act
            pairs += [(t, s) for s, t in pairs if s is not None and t is not None]
        for n, (src, tgt) in enumerate(pairs):
            if src is not None and tgt is not None and _same(src.actor, tgt.actor):
                continue
            confidence = (
                0.45
                + (0.2 if src else 0)
                + (0.2 if tgt else 0)
                - (0.15 if trig.nominal else 0)
                - MODALITY_PENALTY.get(modality, 0.0)
                - (COUNTERPART_PENALTY if counterpart_target else 0.0)
                - (MUTUAL_PENALTY if mutual and n >= len(pairs) // 2 else 0.0)
            )
            key = f"{doc.id}|{sent.start_char}|{trig.token.i}|{ptype}|{_code_of(src)}|{_code_of(tgt)}"
            events.append(
                Event(
                    event_id=hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16],
                    doc_id=doc.id,
                    sentence_index=si,
                    event_type=ptype,
                    cameo=cameo,
                    quad_class=info.quad_class,
                    goldstein=info.goldstein,
                    modality=modality,
                    mode=mode or info.mode,
                    context=list(info.context),
                    source=_actor(src),
                    target=_actor(tgt),
                    evidence=_evidence(sent),
                    date=date_value,
                    date_precision=precision,
                    location=location,
                    confidence=min(confidence, 0.95),
                    trigger=trig.token.text
                    if trig.token == trig.anchor
                    else f"{trig.anchor.text} {trig.token.text}",
                    explain=[
                        f"trigger '{trig.token.text}' ({entry.pos} '{entry.key}') → CAMEO {cameo} {ptype}",
                        why
                        + (
                            "; a joint act of two parties with no direction in the text: coded both ways"
                            if mutual
                            else ""
                        ),
                        mod_why,
                        date_why,
                        place_why,
                    ],
                )
            )
        return events


REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "oneself"})


def _reflexive(verb: Any) -> bool:
    """True for a verb whose object is its own subject ("killed himself", "blew themselves up")."""
    return any(c.dep_ in ("dobj", "obj") and c.lower_ in REFLEXIVES for c in verb.children)


def _definite_noun(tok: Any) -> bool:
    """True for an event noun that names a known act ("that attack", "the bombing", "Saturday's strikes").

    A possessive pronoun names the doer, not an earlier act: "Pakistan launched its own air raid".
    """
    return tok.pos_ == "NOUN" and any(
        (c.dep_ == "det" and c.lower_ in DEFINITE) or (c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME"))
        for c in tok.children
    )


def _same_party(a: ActorMention | None, b: ActorMention | None) -> bool:
    """True for two mentions of one known actor (the same knowledge-base id)."""
    return a is not None and b is not None and bool(a.actor.id) and a.actor.id == b.actor.id
