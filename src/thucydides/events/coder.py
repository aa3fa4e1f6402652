"""The event coder: lexicon triggers over the dependency parse, coded in declared phases.

Reads ``doc.nlp`` (the parse), ``doc.actors``, ``doc.dates`` and ``doc.places``;
writes ``doc.events``. Source and target come from the sentence's structure
(subjects, objects, passives, prepositions, coordination), not from word order.

Each trigger becomes a :class:`~thucydides.events.candidate.Candidate` that the phases of
``data/event_phases.yaml`` work on in order (see :mod:`thucydides.events.phases`): arguments → complete
→ screen → aim → filter → recode → attach → emit, then the sentence's events are ranked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from thucydides.dates.vocabulary import load_date_vocabulary
from thucydides.events.arguments import ACT_LOOKBACK, ArgumentFinder
from thucydides.events.attach import Anchors
from thucydides.events.candidate import Candidate, Scene, SentenceState
from thucydides.events.context import UNIDENTIFIED, ActorIndex, place_at, placed, placed_bodies, usable
from thucydides.events.headlines import repair_headlines
from thucydides.events.lexicon import Lexicon, direct_objects
from thucydides.events.participles import repair_bare_participles
from thucydides.events.phases import Phases
from thucydides.events.propose import POLICE_HEADS, Proposal, Proposer
from thucydides.events.salience import SalienceSettings
from thucydides.events.syntax import (
    PARTICIPLE_PASSIVE_TYPES,
    _is_passive,
    _pobjs,
    _subject,
    drop_index,
    episode_head,
    gerund_act,
    reduced_relative,
    told_participle,
    victim_participle,
)
from thucydides.events.triggers import PriorAct, Trigger, TriggerFinder, bare_gerund
from thucydides.events.words import event_words
from thucydides.record import Actor, ActorMention, Document, Event

RANK_STEP = 0.001  # how far above the sentence's best event the sentence model may lift one
NOMINAL_WHY = "nominal event: modifier is source, prepositional object is target"


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
        phases: the phases and rules the coder runs (``data/event_phases.yaml`` when omitted); see
            :meth:`switch_off`.
    """

    def __init__(
        self,
        ontology: Any,
        lexicon: Lexicon | None = None,
        gazetteer: Any = None,
        numbers: Mapping[str, int] | None = None,
        model: Any = None,
        phases: Phases | None = None,
    ) -> None:
        self.ontology = ontology
        self.lexicon = lexicon or Lexicon.load()
        self.gazetteer = gazetteer
        self.numbers = numbers if numbers is not None else load_date_vocabulary().numbers
        self.proposer = Proposer(model, self.lexicon, ontology) if model is not None else None
        self.phases = phases or Phases.load()
        self.salience = SalienceSettings.load()

    def switch_off(self, rules: Iterable[str]) -> None:
        """Switch off the named rules (``thucydides eval --ablate``).

        Raises:
            UnknownRule: a name that is no rule of the coder (one readable line).
        """
        self.phases = self.phases.without(rules)

    def __call__(self, doc: Document) -> Document:
        sdoc = doc.nlp
        if sdoc is None:
            raise ValueError("the document has not been parsed")
        # "Turkey Shells Kurdish Town", "France Voices Support For ...": the verb the parse missed
        repair_headlines(sdoc, self.lexicon.verbs, self.lexicon.light_verbs, self.lexicon.nouns)
        # "night curfew clamped across the state": a passive without its "was", read as active
        repair_bare_participles(sdoc, self.lexicon)
        index = ActorIndex(
            placed_bodies(doc.actors, doc.places),
            sdoc,
            self.salience.lede_end(sdoc),
            self.salience.lede_weight,
        )
        anchors = Anchors.build(doc, sdoc, self.gazetteer)
        events: list[Event] = []
        prior: list[PriorAct] = []
        kinds = self.phases.triggers()
        for si, sent in enumerate(sdoc.sents):
            scene = Scene(self, doc, si, sent, index, anchors, prior)
            coded = [(trig, self._code(scene, trig)) for trig in self._triggers(sent, kinds)]
            prior.extend(
                PriorAct(
                    self.lexicon.lemma(t.token, self.lexicon.nouns),
                    evs[0].event_type,
                    evs[0].source,
                    si,
                    evs[0].target,
                    evs[0].quad_class,
                    evs[0].date,
                    evs[0].date_precision,
                )
                for t, evs in coded
                if evs and any(a is not None and a.country for a in (evs[0].source, evs[0].target))
            )
            events.extend(self.phases.rank(SentenceState(scene, coded)))
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
        may_propose: bool = True,
    ) -> list[Event]:
        """The sentence's events after the model has looked at it: the rules' events of the type it finds
        most probable rank a little higher, and the arrest or killing by the police its police heads are sure
        of and the rules did not find comes after them; where the rules found none, the event it proposes, if
        any (not where ``may_propose`` is false: a rule turned an act of the sentence down)."""
        assert self.proposer is not None
        settings = self.proposer.settings
        probs = self.proposer.probabilities(sent)
        if found:
            self._police_doer(found, probs, sent, index)
            ranked = self._ranked(doc, si, sent, index, anchors, prior, found, probs, may_propose)
            if may_propose and (police := self._police_beside(ranked, probs, sent, index)) is not None:
                extra = self._code(Scene(self, doc, si, sent, index, anchors, prior), police.trigger, police)
                low = min(ev.confidence for ev in ranked)
                for ev in extra:  # ranked after the rules' events: the model names the act, not the story's
                    ev.confidence = round(max(0.0, min(ev.confidence, low - RANK_STEP)), 4)
                    ev.explain.insert(
                        0,
                        f"proposed by the sentence model ({police.head} {police.probability:.2f}) beside "
                        "the rules' events, none of them that act by a state force",
                    )
                ranked = ranked + extra
            return ranked
        proposal = self.proposer.propose(sent, probs) if may_propose else None
        if proposal is None:
            return []
        events = self._code(Scene(self, doc, si, sent, index, anchors, prior), proposal.trigger, proposal)
        confidence = round(settings.confidence_base + settings.confidence_scale * proposal.probability, 4)
        for ev in events:
            ev.confidence = min(ev.confidence, confidence)
            ev.explain.insert(
                0,
                f"proposed by the sentence model ({proposal.head}: {proposal.event_type} "
                f"{proposal.probability:.2f}); the rules found no event here",
            )
        return events

    def _ranked(
        self,
        doc: Document,
        si: int,
        sent: Any,
        index: ActorIndex,
        anchors: Anchors,
        prior: list[PriorAct],
        found: list[Event],
        probs: dict[str, float],
        may_propose: bool,
    ) -> list[Event]:
        """The rules' events of a sentence, those of the type the model finds most probable ranked a little
        higher, and the event of a type it is sure of that they missed proposed beside them."""
        assert self.proposer is not None
        settings = self.proposer.settings
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
        if agreeing or p < settings.override_probability or not may_propose:
            return found
        # the model is sure of a type the rules did not find: its event is proposed beside theirs
        proposal = self.proposer.propose(sent, probs, kind)
        if proposal is None:
            return found
        extra = self._code(Scene(self, doc, si, sent, index, anchors, prior), proposal.trigger, proposal)
        top = max(ev.confidence for ev in found)
        for ev in extra:
            ev.confidence = round(min(top + RANK_STEP, 0.95), 4)
            ev.explain.insert(0, f"proposed by the sentence model ({kind} {p:.2f}) beside the rules' events")
        return found + extra

    def _police_beside(
        self, found: list[Event], probs: dict[str, float], sent: Any, index: ActorIndex
    ) -> Proposal | None:
        """The police heads' arrest or killing, where they are at least ``police_override_probability`` sure
        of it and none of the rules' events is that act with a state force as doer ("one person died after
        activists and the police clashed": the clash has the activists as its doer). Not where the sentence
        names armed men of another kind or harm police do not do (:meth:`_not_police_harm`), nor where the
        rules' act of that kind is done to a state force."""
        assert self.proposer is not None
        if self._not_police_harm(sent, index):
            return None
        threshold = self.proposer.settings.police_override_probability
        head = self.proposer.police_head(probs, threshold)
        if head is None:
            return None
        kind = self.ontology.plover_type(self.proposer.settings.police_codes[head])
        forces = event_words().state_force_sectors
        if any(
            ev.event_type == kind and ev.source is not None and ev.source.sector in forces for ev in found
        ):
            return None
        # "a constable was killed when a truck hit his motorcycle": the rules' act of that kind is done to a
        # state force; the police are who suffered it, not who did it
        if any(
            ev.event_type == kind and ev.target is not None and ev.target.sector in forces for ev in found
        ):
            return None
        return self.proposer.propose_police(sent, probs, threshold, beside_rules=True)

    def _not_police_harm(self, sent: Any, index: ActorIndex) -> bool:
        """True where the sentence names armed men of another kind ("killed in rebel shelling") or harm
        police do not do ("an explosion killed ten", "an ambush on a patrol": ``non_police_harm``): the
        model's police heads make no act of it the police's."""
        words = event_words()
        harm = words.non_police_harm
        if self._names_sector(sent, index, words.armed_group_sectors):
            return True
        if any(t.lemma_.lower() in harm or t.lower_ in harm for t in sent):
            return True
        # "two persons were killed in group clashes": harm among people, with no force named
        among = any(t.lemma_.lower() in words.group_violence for t in sent)
        return among and not self._names_sector(sent, index, words.state_force_sectors)

    def _police_doer(self, found: list[Event], probs: dict[str, float], sent: Any, index: ActorIndex) -> None:
        """An arrest or a killing the parse gives no doer (or only unidentified attackers) is the police's
        where the model's police head for that act is sure of it ("one person died in the firing"); of the
        country of the event's place, if one is known. Not where the sentence names armed men of another
        kind ("killed in rebel shelling", "an attack by gunmen"): the doer is there, the parse missed it; nor
        where it names harm police do not do ("an explosion killed ten", "an ambush on a patrol":
        ``non_police_harm``), nor for an act on the police themselves."""
        assert self.proposer is not None
        settings = self.proposer.settings
        agent = settings.police_agent
        sure = [
            (head, code, probs[head])
            for head, code in settings.police_codes.items()
            if probs.get(head, 0.0) >= settings.min_police_probability
        ]
        if not sure or self._not_police_harm(sent, index):
            return
        for head, code, p in sure:
            kind = self.ontology.plover_type(code)
            for ev in found:
                if (
                    ev.event_type == kind
                    and (ev.source is None or ev.source.sector == UNIDENTIFIED)
                    and (ev.target is None or ev.target.sector != agent.sector)
                ):
                    # of the country of the event's place, else of the one the unidentified doer was placed in
                    home = ev.location.country if ev.location is not None else None
                    ev.source = Actor(
                        text=agent.text,
                        country=home or (ev.source.country if ev.source is not None else None),
                        sector=agent.sector,
                        type="group",
                    )
                    ev.explain.append(f"source = {agent.text}: the sentence model's {head} head ({p:.2f})")

    def _names_sector(self, sent: Any, index: ActorIndex, sectors: frozenset[str]) -> bool:
        """Whether a sentence names people of one of ``sectors``: a word of such a sector among the lexicon's
        generic actors, or an actor of such a sector the knowledge base found in it (rebels, insurgents or
        unidentified attackers: ``armed_group_sectors``; the police or another state force:
        ``state_force_sectors``)."""
        generic = self.lexicon.generic_actors
        for t in sent:
            if generic.get(t.lemma_.lower(), generic.get(t.lower_)) in sectors:
                return True
            m = index.at(t)
            if m is not None and m.actor.sector in sectors:
                return True
        return False

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
        # "Fighting left dozens dead", "the freeing of abducted workers": an act named, not told
        named = trig.nominal or gerund_act(trig.token) or victim_participle(trig.token)
        lemma = self.lexicon.lemma(trig.token, self.lexicon.nouns if trig.nominal else self.lexicon.verbs)
        agent = self.lexicon.implied_agent(trig.entry.cameo, named, lemma)
        told = told_participle(trig.token) if agent is None and trig.nominal else None
        if told is not None:  # "a curfew imposed in the town": the doer the participle implies
            agent = self.lexicon.implied_agent(trig.entry.cameo, False, told.lemma_.lower())
        if proposal is not None and proposal.head in POLICE_HEADS and self.proposer is not None:
            agent = self.proposer.settings.police_agent
        tok = trig.token
        if agent is None or (tok.dep_ == "amod" and tok.tag_ == "JJ" and tok.lower_.endswith("ing")):
            return None  # "striking workers": a present participle read as an adjective is done by its noun
        anchor = trig.anchor
        if (
            trig.nominal
            and proposal is None
            and not self._reported_act(trig.token, anchors, of_target="of" in trig.entry.targets)
        ):
            return None
        if trig.nominal and self._within_act(trig.token):
            return None  # "guerrillas wounded two soldiers in a bomb attack": the verb's subject did it
        if not trig.nominal:
            passive = _is_passive(anchor) or (
                reduced_relative(anchor)
                and self.ontology.plover_type(trig.entry.cameo) in PARTICIPLE_PASSIVE_TYPES
            )
            agents = [p for c in anchor.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            if (
                passive
                and any(c.dep_ == "agent" for c in anchor.children)
                and (not agents or not self._unnamed_unit(agents[0], index))
            ):  # "arrested by the crime branch": a unit no actor stands for is the implied doer's
                return None
            # "one person died": the subject of a verb of dying is the one harmed, never a doer named
            sufferer = victim_participle(anchor) or anchor.lemma_.lower() in self.lexicon.undergoer_verbs
            subject = _subject(anchor)[0] if not passive and not sufferer else None
            if subject is not None and not self._unnamed_unit(subject, index):
                return None  # "the crime branch arrested three men": a unit no actor stands for
        start = trig.token.idx
        actor = Actor(text=agent.text, sector=agent.sector, type="group")
        mention = ActorMention(start, start, agent.text, actor, f"implied doer of '{trig.token.text}'")
        found, where = placed([mention], targets, sent, index, anchors)
        why = (
            f"source = {agent.text} ({agent.sector}): the doer '{trig.token.text}' implies, named by no word"
        )
        return (found[0] if found else mention), "; ".join(w for w in (why, where) if w)

    @staticmethod
    def _owned(word: Any) -> bool:
        """True where ``word`` (what a "for" phrase hangs on) is a noun of owning an act ("responsibility
        for"), or a verb whose subject or object names one ("no claims of responsibility were made for")."""
        nouns = event_words().responsibility_nouns
        if word.lemma_.lower() in nouns:
            return True
        return word.pos_ in ("VERB", "AUX") and any(
            t.lemma_.lower() in nouns
            for c in word.children
            if c.dep_ in ("nsubj", "nsubjpass", "dobj")
            for t in c.subtree
        )

    def _unnamed_unit(self, tok: Any, index: ActorIndex) -> bool:
        """True for a unit of a force that no actor stands for ("the crime branch", "a special squad")."""
        return (
            tok.lemma_.lower() in event_words().force_units
            and not index.of(tok, loose=True)
            and not self._reference(tok, index)
        )

    def _reported_act(self, noun: Any, anchors: Anchors, depth: int = 0, of_target: bool = False) -> bool:
        """True for an event noun the sentence reports as having happened: the subject of a verb ("protests
        broke out"), the object of a verb of occurrence ("sparked riots"), after a preposition ("killed in
        police firing"), with its place named ("protests in Dhaka"), or heading a headline. Not a month
        ("on march 3"), not the topic of an "of" phrase ("the history of a siege"), not a modifier
        ("riot-hit areas"), and not "the march of progress" (an "of" phrase naming no one), unless the "of"
        phrase names who suffered it (``of_target``: "the killing of two farmers"). The object of a verb of
        reacting to an act ("condemned the shooting", "are investigating the attack") or of owning or denying
        it ("admitted the killing") happened too, and so did the act someone is arrested or charged for, an
        act at whose scene or in whose aftermath something is told, and one said to be going on."""
        # the tagger may take a common noun opening a sentence for a name ("Gunfire erupted near the palace")
        opening = noun.pos_ == "PROPN" and noun.i == noun.sent.start and noun.is_title and not noun.ent_type_
        if (
            (noun.pos_ != "NOUN" and not opening)
            or noun.ent_type_ in ("DATE", "TIME")
            or noun.lower_ in event_words().time_words
        ):
            return False
        words = event_words()
        if any(c.dep_ == "amod" and c.lower_ in words.ongoing_modifiers for c in noun.children):
            return True  # "the ongoing protest", "the latest attack": an act going on or just done
        for prep in noun.children if not of_target else ():
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
            if (episode := episode_head(noun)) is not noun and depth < 3:  # "a round of talks was held"
                return self._reported_act(episode, anchors, depth + 1, of_target)
            legal = head.head.lemma_.lower() in words.legal_action_verbs
            if legal and head.lower_ in words.legal_action_preps:
                return True  # "arrested for the murder of a councillor": the act the arrest is for happened
            if head.lower_ == "of" and head.head.lemma_.lower() in words.occasion_heads:
                return True  # "at the scene of the riots", "in the aftermath of the attack"
            if head.lower_ == "for" and self._owned(head.head):
                return True  # "claimed responsibility for the attack", "no claims of responsibility ... for"
            return head.lower_ not in self.lexicon.non_occasion_preps
        if dep == "dobj":
            lemma = head.lemma_.lower()
            return (
                lemma in self.lexicon.occurrence_verbs
                or lemma in self.lexicon.participation_verbs
                or lemma in self.lexicon.reaction_verbs
                or lemma in event_words().responsibility_verbs
                or lemma in words.crowd_control_verbs  # "police dispersed the rally": it was held
            )
        if dep == "conj" and depth < 3:
            return self._reported_act(head, anchors, depth + 1, of_target)
        return any(
            prep.dep_ == "prep" and prep.lower_ in ("in", "at", "across", "outside", "near")
            for prep in noun.children
            for pobj in prep.children
            if pobj.dep_ == "pobj" and place_at(pobj, anchors) is not None
        )

    def _within_act(self, noun: Any) -> bool:
        """True for an event noun after a preposition of occasion under an event verb with its own subject
        ("killed four people in an attack") or under a passive one with the other side named ("killed in an
        encounter with the police"), or the "by" phrase of a passive event verb ("were killed by a roadside
        bomb"): the verb's act is the noun's, whoever did it."""
        if noun.dep_ == "pobj" and noun.head.dep_ == "agent":  # violence done by violence
            verb_act, noun_act = self.lexicon.match(noun.head.head, "verb"), self.lexicon.match(noun, "noun")
            return (
                verb_act is not None
                and noun_act is not None
                and self.ontology.in_class("violent", verb_act.cameo)
                and self.ontology.in_class("violent", noun_act.cameo)
            )
        if noun.dep_ != "pobj" or noun.head.lower_ not in event_words().cause_preps:
            return False
        verb = noun.head.head
        if verb.pos_ == "VERB" and _is_passive(verb) and _pobjs(noun, ("with",)):
            # "were killed in an encounter with the police": the other side named did the verb's act
            act = self.lexicon.match(verb, "verb")
            return act is not None and bool(self.ontology.in_class("violent", act.cameo))
        return (
            verb.pos_ == "VERB"
            and not _is_passive(verb)
            and any(c.dep_ == "nsubj" for c in verb.children)
            and self.lexicon.match(verb, "verb") is not None
        )

    def _cause_source(self, verb: Any, index: ActorIndex) -> tuple[ActorMention, Any] | None:
        """For violence with no doer, the actor that modifies the act named as its cause, or does it: "killed
        in police firing", "injured during an army raid" (the police, the army), "killed in an operation by
        the police"."""
        if (shooter := self._weapon_doer(verb, index)) is not None:
            return shooter
        # "fell to police bullets": a verb of suffering names what harmed its subject after "to"
        fell_to = _pobjs(verb, ("to",)) if verb.lemma_.lower() in self.lexicon.undergoer_verbs else []
        for pobj in [*_pobjs(verb, event_words().cause_preps), *fell_to]:
            if pobj.pos_ != "NOUN" and not bare_gerund(pobj):  # "injured in police firing" (a gerund)
                continue
            if (
                any(  # "in police firing" parsed as "police" described by the participle "firing"
                    c.dep_ == "acl"
                    and (act := self.lexicon.match(c, "verb")) is not None
                    and self.ontology.in_class("violent", act.cameo)
                    for c in pobj.children
                )
                and (m := self._role_modifier(pobj, index)) is not None
                and usable(m.actor)
            ):
                return m, pobj
            # "were killed in an operation by the police": whoever the act named as the cause was done by,
            # for a passive (not "killed himself by detonating a vest during a raid by US forces")
            passive = any(c.dep_ == "nsubjpass" for c in verb.children)
            for other in _pobjs(pobj, ("by",)) if passive else []:
                found = index.of(other, loose=True)
                if found and usable(found[0].actor):
                    return found[0], pobj
            if (custodian := self._custodian(pobj, index)) is not None:
                return custodian, pobj
            if (police := self._encounter_doer(verb, pobj, index)) is not None:
                return police, pobj
            if self.lexicon.match(pobj, "noun") is None and pobj not in fell_to:
                continue
            for child in pobj.children:
                if child.dep_ not in ("compound", "amod", "poss", "nmod"):
                    continue
                m = self._role_modifier(child, index)
                if m is not None and usable(m.actor):
                    return m, pobj
            # "killed in an encounter with the police", "killed in clashes with rebels": the other side
            for other in _pobjs(pobj, ("with",)):
                found = index.of(other, loose=True) or self._reference(other, index)
                if found and usable(found[0].actor):
                    return found[0], pobj
        return None

    def _weapon_doer(self, verb: Any, index: ActorIndex) -> tuple[ActorMention, Any] | None:
        """ "hit by a tear gas shell fired by the police", "killed by a police bullet": harm whose "by" phrase
        names a missile, not an actor, was done by whoever fired it (the "by" phrase of a participle of
        ``discharge_verbs`` on the missile) or by the actor modifying it."""
        for weapon in (p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"):
            if weapon.pos_ != "NOUN" or index.of(weapon, loose=True):
                continue  # an actor named as the doer is the subject rule's
            for acl in weapon.children:
                if acl.dep_ != "acl" or acl.lemma_.lower() not in event_words().discharge_verbs:
                    continue
                for shooter in (p for a in acl.children if a.dep_ == "agent" for p in a.children):
                    found = index.of(shooter, loose=True)
                    if found and usable(found[0].actor):
                        return found[0], weapon
            if weapon.lemma_.lower() not in event_words().missile_nouns:
                continue
            for child in weapon.children:
                if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i < weapon.i:
                    m = self._role_modifier(child, index)
                    if m is not None and usable(m.actor):
                        return m, weapon
        return None

    def _custodian(self, place: Any, index: ActorIndex) -> ActorMention | None:
        """ "beaten to death in the lock-up", "in the naroda police lock-up": harm suffered in a place of
        custody (``custody_places``) was done by those who held the victim: the actor modifying the place,
        else the police (the doer ``implied_agents`` gives an arrest)."""
        words = [c for c in place.children if c.dep_ in ("compound", "punct", "amod") and c.i < place.i]
        phrase = place.doc[min((c.i for c in words), default=place.i) : place.i + 1].text.lower()
        phrase = phrase.replace(" - ", "-")
        if not any(phrase == w or phrase.endswith(" " + w) for w in event_words().custody_places):
            return None
        for child in words:
            m = self._role_modifier(child, index)
            if m is not None and usable(m.actor):
                return m
        return self._custody_doer(place, f"who held the victim in '{phrase}'")

    def _custody_doer(self, tok: Any, why: str) -> ActorMention | None:
        """The doer custody implies (``implied_agents`` of the lexicon's noun "custody": the police), as a
        mention at ``tok``."""
        custody = self.lexicon.nouns.get("custody")
        agent = self.lexicon.implied_agent(custody[0].cameo, True, "custody") if custody else None
        if agent is None:
            return None
        actor = Actor(text=agent.text, sector=agent.sector, type="group")
        return ActorMention(tok.idx, tok.idx, agent.text, actor, why)

    def _encounter_doer(self, verb: Any, act: Any, index: ActorIndex) -> ActorMention | None:
        """ "the gangster was killed in an encounter" (Indian usage: a shoot-out with the police, whose other
        side no "with" phrase names): the police, unless those harmed are a state force themselves."""
        words = event_words()
        if act.lemma_.lower() not in words.force_encounters or _pobjs(act, ("with",)):
            return None
        for patient in (c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")):
            found = index.of(patient, loose=True)
            if any((m.actor.sector or "") in words.state_force_sectors for m in found):
                return None
        return self._custody_doer(act, f"the other side of the '{act.text}'")

    def _in_session(self, trig: Trigger) -> bool:
        """True for a body meeting in session with nobody named to meet ("the cabinet met on Sunday")."""
        verb = trig.anchor
        if trig.nominal or verb.lemma_.lower() not in event_words().session_verbs or direct_objects(verb):
            return False
        if any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in verb.children):
            return False
        subj, _ = _subject(verb)
        return subj is not None and subj.lemma_.lower() in self.lexicon.convening_bodies

    # -- one event --------------------------------------------------------------------------------------

    def _code(self, scene: Scene, trig: Trigger, proposed: Proposal | None = None) -> list[Event]:
        """The events of one trigger: a candidate run through the phases."""
        cand = Candidate(scene, trig, proposed, cameo=trig.entry.cameo, mode=trig.entry.mode)
        cand.steps.append(trig.kind or ("sentence_model" if proposed is not None else "trigger"))
        if trig.nominal:
            cand.arg_why.append(NOMINAL_WHY)
        return self.phases.code(cand)
