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
    CAUSE_PREPS,
    DEFINITE,
    RECIPROCAL,
    ArgumentFinder,
    _counterpart,
)
from thucydides.events.attach import Anchors, attach_date, attach_place
from thucydides.events.context import (
    UNIDENTIFIED,
    ActorIndex,
    coded,
    domestic,
    from_earlier_act,
    home_of,
    pair_reference,
    place_at,
    placed,
    towards_authorities,
    unidentified_attackers,
    usable,
)
from thucydides.events.harm import harm_in_disaster, undergoer_roles
from thucydides.events.lexicon import TIME_WORDS, Lexicon, direct_objects
from thucydides.events.modality import (
    PREPARATION_WORDS,
    future_marked,
    infinitive_clause,
    intent_word,
    modality_of,
)
from thucydides.events.propose import POLICE_HEADS, Proposal, Proposer
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
from thucydides.events.syntax import _is_passive, _pobjs, _subject, drop_index
from thucydides.events.triggers import PriorAct, Trigger, TriggerFinder
from thucydides.record import Actor, ActorMention, Document, Event

MAX_PAIRS = 4
RANK_STEP = 0.001  # how far above the sentence's best event the sentence model may lift one
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
        model: the learned sentence model (``SentenceEventModel``), which proposes events where the rules
            find none and ranks those they find (see :mod:`thucydides.events.propose`); rules alone when
            omitted.
    """

    def __init__(
        self,
        ontology: Any,
        lexicon: Lexicon | None = None,
        gazetteer: Any = None,
        numbers: Mapping[str, int] | None = None,
        model: Any = None,
    ) -> None:
        self.ontology = ontology
        self.lexicon = lexicon or Lexicon.load()
        self.gazetteer = gazetteer
        self.numbers = numbers if numbers is not None else load_date_vocabulary().numbers
        self.proposer = Proposer(model, self.lexicon, ontology) if model is not None else None

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
            if self.proposer is not None:
                found = self._with_model(doc, si, sent, index, anchors, prior, found)
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

    def _with_model(
        self,
        doc: Document,
        si: int,
        sent: Any,
        index: ActorIndex,
        anchors: Anchors,
        prior: list[PriorAct],
        found: list[Event],
    ) -> list[Event]:
        """The sentence's events after the model has looked at it: the rules' events of the type it finds
        most probable rank a little higher; where the rules found none, the event it proposes, if any."""
        assert self.proposer is not None
        settings = self.proposer.settings
        probs = self.proposer.probabilities(sent)
        if found:
            self._police_doer(found, probs)
            kind, p = self.proposer.top_type(probs)
            if kind is None or p < settings.rank_min_probability:
                return found
            agreeing = [ev for ev in found if ev.event_type == kind]
            others = [ev.confidence for ev in found if ev.event_type != kind]
            # the bonus orders the sentence's own events only: the agreeing events are lifted together (their
            # order kept) at most just above the best other event of the sentence, so events of other
            # sentences keep their order and a sentence whose events all agree is left as it is
            lift = 0.0
            if agreeing and others:
                gap = max(others) + RANK_STEP - max(ev.confidence for ev in agreeing)
                lift = max(0.0, min(settings.rank_bonus, gap))
            for ev in agreeing if lift > 0 else []:
                ev.confidence = round(min(ev.confidence + lift, 0.95), 4)
                ev.explain.append(f"ranked up: the sentence model finds {kind} most probable ({p:.2f})")
            if agreeing or p < settings.override_probability:
                return found
            # the model is sure of a type the rules did not find: its event is proposed beside theirs
            proposal = self.proposer.propose(sent, probs, kind)
            if proposal is None:
                return found
            extra = self._code(doc, si, sent, proposal.trigger, index, anchors, prior, proposal)
            top = max(ev.confidence for ev in found)
            for ev in extra:
                ev.confidence = round(min(top + RANK_STEP, 0.95), 4)
                ev.explain.insert(
                    0, f"proposed by the sentence model ({kind} {p:.2f}) beside the rules' events"
                )
            return found + extra
        proposal = self.proposer.propose(sent, probs)
        if proposal is None:
            return []
        events = self._code(doc, si, sent, proposal.trigger, index, anchors, prior, proposal)
        confidence = round(settings.confidence_base + settings.confidence_scale * proposal.probability, 4)
        for ev in events:
            ev.confidence = min(ev.confidence, confidence)
            ev.explain.insert(
                0,
                f"proposed by the sentence model ({proposal.head}: {proposal.event_type} "
                f"{proposal.probability:.2f}); the rules found no event here",
            )
        return events

    def _police_doer(self, found: list[Event], probs: dict[str, float]) -> None:
        """An arrest or a killing the parse gives no doer (or only unidentified attackers) is the police's
        where the model's police head for that act is sure of it ("one person died in the firing"); of the
        country of the event's place, if one is known."""
        assert self.proposer is not None
        settings = self.proposer.settings
        agent = settings.police_agent
        for head, code in settings.police_codes.items():
            p = probs.get(head, 0.0)
            kind = self.ontology.plover_type(code)
            if p < settings.min_police_probability:
                continue
            for ev in found:
                if ev.event_type == kind and (ev.source is None or ev.source.sector == UNIDENTIFIED):
                    ev.source = Actor(
                        text=agent.text,
                        country=ev.location.country if ev.location is not None else None,
                        sector=agent.sector,
                        type="group",
                    )
                    ev.explain.append(f"source = {agent.text}: the sentence model's {head} head ({p:.2f})")

    def _implied_source(
        self,
        trig: Trigger,
        sent: Any,
        index: ActorIndex,
        anchors: Anchors,
        targets: list[ActorMention],
        proposal: Proposal | None = None,
    ) -> tuple[ActorMention, str] | None:
        """The doer an act implies when the text names none: "were arrested" (the police), "demonstrations
        were held" (protesters), "a grenade attack on a police post" (unidentified attackers).

        Only where no one is named as the doer: an event noun without an actor modifier or "by" phrase, a
        passive without a "by" phrase, or a verb without a subject. The lexicon's ``implied_agents`` says
        who; the country comes from the context (see :func:`placed`) or stays unknown.
        """
        agent = self.lexicon.implied_agent(trig.entry.cameo, trig.nominal)
        if proposal is not None and proposal.head in POLICE_HEADS and self.proposer is not None:
            agent = self.proposer.settings.police_agent
        if agent is None:
            return None
        anchor = trig.anchor
        if trig.nominal and proposal is None and not self._reported_act(trig.token, anchors):
            return None
        if trig.nominal and self._within_act(trig.token):
            return None  # "guerrillas wounded two soldiers in a bomb attack": the verb's subject did it
        if not trig.nominal:
            passive = _is_passive(anchor)
            if passive and any(c.dep_ == "agent" for c in anchor.children):
                return None
            if not passive and _subject(anchor)[0] is not None:
                return None
        start = trig.token.idx
        actor = Actor(text=agent.text, sector=agent.sector, type="group")
        mention = ActorMention(start, start, agent.text, actor, f"implied doer of '{trig.token.text}'")
        found, where = placed([mention], targets, sent, index, anchors)
        why = (
            f"source = {agent.text} ({agent.sector}): the doer '{trig.token.text}' implies, named by no word"
        )
        return (found[0] if found else mention), "; ".join(w for w in (why, where) if w)

    def _reported_act(self, noun: Any, anchors: Anchors, depth: int = 0) -> bool:
        """True for an event noun the sentence reports as having happened: the subject of a verb ("protests
        broke out"), the object of a verb of occurrence ("sparked riots"), after a preposition ("killed in
        police firing"), with its place named ("protests in Dhaka"), or heading a headline. Not a month
        ("on march 3"), not the topic of an "of" phrase ("the history of a siege"), not a modifier
        ("riot-hit areas"), and not "the march of progress" (an "of" phrase naming no one)."""
        if noun.pos_ != "NOUN" or noun.ent_type_ in ("DATE", "TIME") or noun.lower_ in TIME_WORDS:
            return False
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if (
                        pobj.dep_ == "pobj"
                        and pobj.pos_ == "NOUN"
                        and pobj.lemma_.lower() not in self.lexicon.generic_actors
                        and place_at(pobj, anchors) is None
                    ):
                        return False
        head = noun.head
        dep = noun.dep_
        if dep in ("nsubj", "nsubjpass", "ROOT"):
            return True
        if dep == "pobj":
            return head.lower_ not in self.lexicon.non_occasion_preps
        if dep == "dobj":
            lemma = head.lemma_.lower()
            return lemma in self.lexicon.occurrence_verbs or lemma in self.lexicon.participation_verbs
        if dep == "conj" and depth < 3:
            return self._reported_act(head, anchors, depth + 1)
        return any(
            prep.dep_ == "prep" and prep.lower_ in ("in", "at", "across", "outside", "near")
            for prep in noun.children
            for pobj in prep.children
            if pobj.dep_ == "pobj" and place_at(pobj, anchors) is not None
        )

    def _within_act(self, noun: Any) -> bool:
        """True for an event noun after a preposition of occasion under an event verb with its own subject
        ("killed four people in an attack"): whoever does the verb's act does the noun's."""
        if noun.dep_ != "pobj" or noun.head.lower_ not in CAUSE_PREPS:
            return False
        verb = noun.head.head
        return (
            verb.pos_ == "VERB"
            and not _is_passive(verb)
            and any(c.dep_ == "nsubj" for c in verb.children)
            and self.lexicon.match(verb, "verb") is not None
        )

    def _cause_source(self, verb: Any, index: ActorIndex) -> tuple[ActorMention, Any] | None:
        """For violence with no doer, the actor that modifies the act named as its cause: "killed in police
        firing", "injured during an army raid" (the police, the army)."""
        for pobj in _pobjs(verb, CAUSE_PREPS):
            if pobj.pos_ != "NOUN":
                continue
            if (
                any(  # "in police firing" parsed as "police" described by the participle "firing"
                    c.dep_ == "acl"
                    and (act := self.lexicon.match(c, "verb")) is not None
                    and act.cameo[:2] in VIOLENT_ROOTS
                    for c in pobj.children
                )
                and (m := self._role_modifier(pobj, index)) is not None
                and usable(m.actor)
            ):
                return m, pobj
            if self.lexicon.match(pobj, "noun") is None:
                continue
            for child in pobj.children:
                if child.dep_ not in ("compound", "amod", "poss", "nmod"):
                    continue
                m = self._role_modifier(child, index)
                if m is not None and usable(m.actor):
                    return m, pobj
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
        proposed: Proposal | None = None,
    ) -> list[Event]:
        entry = trig.entry
        counterpart_target = False
        implied_doer = False
        sources, targets, why = self._arguments(trig, index, prior or [], si)
        sources, targets, why = undergoer_roles(trig, sources, targets, why, self.lexicon)  # ev-rules
        named_sources = sources  # a target is placed against the sources as the text names them: a source
        sources, src_why = placed(sources, targets, sent, index, anchors)  # placed from context is no clue
        targets, tgt_why = placed(targets, named_sources, sent, index, anchors)
        why = "; ".join(w for w in (why, src_why, tgt_why) if w)
        sources = [m for m in sources if usable(m.actor)]
        targets = [m for m in targets if usable(m.actor)]
        if not targets and not entry.no_target and self.ontology.lookup(entry.cameo).quad_class in (2, 4):
            targets, place_why = self._place_target(trig, index, anchors)
            targets = [m for m in targets if coded(m.actor)]
            if targets:
                why += "; " + place_why
        if not sources and entry.cameo[:2] in VIOLENT_ROOTS and not trig.nominal:
            cause = self._cause_source(trig.anchor, index)
            if cause is not None:
                sources, cause_why = placed([cause[0]], targets, sent, index, anchors)
                why = "; ".join(
                    w
                    for w in (why, f"source = '{cause[0].text}', whose '{cause[1].text}' it was", cause_why)
                    if w
                )
        if not sources and targets and not trig.nominal and entry.cameo[:2] in VIOLENT_ROOTS:
            unknown = unidentified_attackers(trig.anchor, sent, anchors, index, targets)
            if unknown is not None:
                sources = [unknown]
                why += (
                    f"; source = unidentified attackers in {unknown.actor.country}: the violence is "
                    "reported without a perpetrator, in a place of that country"
                )
        if (
            not sources
            and (implied := self._implied_source(trig, sent, index, anchors, targets, proposed)) is not None
        ):
            sources = [implied[0]]
            implied_doer = True
            why = "; ".join(w for w in (why, implied[1]) if w)
        if not sources and len(targets) >= 2 and trig.nominal:
            sources, targets = targets[:1], targets[1:]
        joint = trig.nominal and why.startswith(BETWEEN_WHY)
        if len(sources) >= 2 and not targets:
            sources, targets = sources[:1], sources[1:2]
            joint = True
            why += "; joint actors: the first is source, the second target"
        if not sources and not targets and proposed is None:
            return []
        if entry.cameo[:2] in VIOLENT_ROOTS and proposed is None and _reflexive(trig.anchor):
            return []  # "killed himself": no one else is acted on
        if entry.cameo[:2] in VIOLENT_ROOTS and harm_in_disaster(sent, sources, implied_doer, self.lexicon):
            return []  # "killed when their bus plunged off a bridge": no doer, a disaster (ev-rules)
        if sources and not targets and proposed is None and self._in_session(trig):
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
        if trig.nominal and not sources and proposed is None:
            return []
        if not sources and proposed is None and self.ontology.plover_type(entry.cameo) in RECIPROCAL:
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
        if modality is None and proposed is not None:
            modality, mod_why = "asserted", f"{mod_why}; asserted: the sentence model reports the act"
        if modality is None or (implied_doer and modality != "asserted"):
            return []  # a doer is implied only for an act reported as done ("can be arrested": no one)
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
