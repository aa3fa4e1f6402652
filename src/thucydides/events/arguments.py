"""Argument finding: the source and target actors of a trigger, from the sentence's structure."""

from __future__ import annotations

from typing import Any

from thucydides.events.attach import Anchors
from thucydides.events.context import (
    PAIR_LOOKBACK,
    PEOPLE_PAIR_NOUNS,
    ActorIndex,
    coded,
    from_earlier_act,
    pair_reference,
    place_at,
    recent_pair,
)
from thucydides.events.lexicon import DEFAULT_TARGET_PREPS, Lexicon, direct_objects, object_nouns
from thucydides.events.syntax import (
    _after_dateline,
    _children,
    _free_relative,
    _is_passive,
    _pobjs,
    _subject,
    occurrence_verb,
)
from thucydides.events.triggers import PriorAct, Trigger
from thucydides.record import Actor, ActorMention

# codes of verbal acts (appeals, intentions, demands, disapproval, rejection, threats): what they govern
# ("demanded that the US cancel ...") names their target
VERBAL_ROOTS = frozenset({"02", "03", "05", "10", "11", "12", "13"})
PLACE_PREPS = ("in", "into", "inside", "from", "across", "throughout")
RECIPROCAL = frozenset({"CONSULT"})
# types whose act is aimed at someone: with no target in the parse, the one other country the sentence
# names is taken ("condemned the bombing and rejected any suggestion ..., saying India had made the link")
DIRECTED = frozenset(
    {
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "SANCTION",
        "REQUEST",
        "SUPPORT",
        "ASSAULT",
        "COERCE",
        "AID",
        "COOPERATE",
    }
)
# codes of types not aimed at anyone in general whose act is: easing economic sanctions eases them on someone
DIRECTED_CODES = ("085",)
BETWEEN_WHY = "between A and B"
# prepositions that name the act someone was harmed in ("killed in police firing", "hurt during the raid")
CAUSE_PREPS = ("in", "during")
DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
ACT_LOOKBACK = 3  # sentences back for a general word ("the move")
PAIR_ACT_LOOKBACK = 6  # sentences back for the earlier act whose two parties "the two sides" are


def _counterpart(
    sent: Any, index: ActorIndex, sources: list[ActorMention], exclude: Any = None, parties_only: bool = False
) -> ActorMention | None:
    """Another actor of the sentence from a different country than every source, if exactly one country.

    Actors inside the phrase of ``exclude`` (the event word itself) are left out; with ``parties_only`` (a
    partner to meet), so are countries named only as the modifier of a thing ("the Irish backstop").
    """
    own = {m.actor.country for m in sources}
    seen: dict[str, ActorMention] = {}
    # "diplomats from the United States, China and the Gulf states pressed ...": the source's own phrase
    inside: set[int] = set()
    for src in sources:
        span = (
            sent.doc.char_span(src.start, src.end, alignment_mode="expand") if src.end > src.start else None
        )
        if span is not None:
            inside.update(range(span.root.left_edge.i, span.root.right_edge.i + 1))
    for i in index.tokens_between(sent.start, sent.end):  # the sentence's actor words, in order
        if (exclude is not None and i == exclude.i) or i in inside:
            continue
        tok = sent.doc[i]
        m = index.by_token.get(i)
        if (
            m is not None
            and coded(m.actor)
            and m.actor.country not in own
            and not (parties_only and _attribute(m, tok, index))
        ):
            seen.setdefault(str(m.actor.country), m)
    return next(iter(seen.values())) if len(seen) == 1 else None


def _groups(mentions: list[ActorMention]) -> list[ActorMention]:
    """Groups of people named without a country ("the rebels", "protesters"), which context may place."""
    return [m for m in mentions if m.actor.type == "group"]


def _attribute(m: ActorMention, tok: Any, index: ActorIndex) -> bool:
    """True where the mention only modifies a thing ("the Irish backstop", "UN Security Council
    resolutions"): its last word hangs as a modifier on a noun outside every actor mention."""
    sdoc = tok.doc
    span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return (
        root.dep_ in ("compound", "amod")
        and root.head.pos_ == "NOUN"
        and not span.start <= root.head.i < span.end
        and index.at(root.head) is None
    )


def _nearest_actor_before(verb: Any, index: ActorIndex) -> ActorMention | None:
    """The closest actor mention left of ``verb`` inside its own clause."""
    left = verb.left_edge.i
    for i in range(verb.i - 1, left - 1, -1):
        m = index.by_token.get(i)
        if m is not None:
            return m
    return None


PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"})
PLURAL_PRONOUNS = frozenset({"they", "we", "both", "their", "our"})
PERSONAL_PRONOUNS = frozenset({"he", "she"})
NOT_PEOPLE = frozenset({"country", "organization"})


def _antecedent(verb: Any, index: ActorIndex, pronoun: str = "it") -> tuple[list[ActorMention], Any | None]:
    """For a pronoun subject, the actors of the clause above that reports or frames this one.

    "Syria said it would withdraw": ``it`` is taken to be the subject of "said". "He" and "she" stand for
    people: a country or an organisation is passed over for the subject of a clause further up.
    """
    personal = pronoun in PERSONAL_PRONOUNS
    cur = verb
    for _ in range(4):
        if cur.dep_ == "relcl":  # "landed at Bagram, where he met Ghani": the clause the noun belongs to
            while cur.head != cur and cur.head.pos_ not in ("VERB", "AUX"):
                cur = cur.head
        if cur.dep_ not in ("ccomp", "xcomp", "conj", "advcl", "relcl", "pobj", "prep") or cur.head == cur:
            return [], None
        cur = cur.head
        subj: list[Any] = [t for t in _children(cur, "nsubj", "nsubjpass") if _after_dateline(t, cur) is t]
        if not subj and (below := _children(cur, "nsubj", "nsubjpass")):
            moved = _after_dateline(below[-1], cur)
            subj = [moved] if moved is not None else []
        if subj and subj[-1].lower_ not in PRONOUNS:
            found = index.of(subj[-1])
            if personal and found and found[0].actor.type in NOT_PEOPLE and index.at(subj[-1]) is found[0]:
                continue  # "he" is no country named as the subject above
            if found:
                return found, subj[-1]
            return [], None
    return [], None


class ArgumentFinder:
    """Mixin of the event coder: finds the source and target of a trigger."""

    ontology: Any
    lexicon: Lexicon
    gazetteer: Any

    def _directed(self, cameo: str) -> bool:
        return self.ontology.plover_type(cameo) in DIRECTED or cameo.startswith(DIRECTED_CODES)

    # -- arguments --------------------------------------------------------------------------------------

    def _arguments(
        self, trig: Trigger, index: ActorIndex, prior: list[PriorAct] | None = None, si: int = 0
    ) -> tuple[list[ActorMention], list[ActorMention], str]:
        entry, tok, anchor = trig.entry, trig.token, trig.anchor
        if trig.nominal:
            return self._nominal_arguments(trig, index)
        why = []
        passive = _is_passive(anchor) and not entry.subject_is_source
        src_tok, how = _subject(anchor)
        src_tok = _after_dateline(src_tok, anchor)
        sources = index.of(src_tok, loose=True) or self._reference(src_tok, index)
        if sources and src_tok is not None:
            why.append(f"source = {how} '{src_tok.text}'")
        elif src_tok is not None and pair_reference(src_tok):
            sources = self._prior_pair(trig, prior or [], si, src_tok)
            if sources:
                why.append(
                    f"source = '{src_tok.text}': the two parties of the last act of its kind "
                    f"({sources[0].actor.country} and {sources[1].actor.country})"
                )
            else:
                sources = recent_pair(src_tok, index)
                if sources:
                    why.append(f"source = '{src_tok.text}': the two parties named just before")
        elif src_tok is not None and src_tok.lower_ in PRONOUNS:
            sources, ante = _antecedent(src_tok.head, index, src_tok.lower_)
            plural = src_tok.lower_ in PLURAL_PRONOUNS
            if plural and (not sources or all(m.actor.type == "person" for m in sources[:1])):
                pair = recent_pair(src_tok, index) if len(sources) < 2 else []
                if pair:
                    sources, ante = pair, None
                    why.append(f"source = '{src_tok.text}': the two parties named just before")
            if ante is not None:
                why.append(f"source = '{ante.text}', the subject of the clause that frames '{src_tok.text}'")
        elif (
            src_tok is not None
            and anchor.dep_ == "conj"
            and not _children(anchor, "nsubj", "nsubjpass")
            and entry.cameo[:2] in VERBAL_ROOTS
        ):
            # "X said talks broke down and blamed Y": the parse hangs "blamed" on the reported clause (a
            # verbal act; "officials said bombs fired from Syria hit the towns" keeps the bombs' doer)
            reported = anchor.head
            if reported.dep_ == "ccomp" and (above := _children(reported.head, "nsubj")):
                sources = [m for m in index.of(above[0]) if coded(m.actor)]
                speaker = above[0].text
                if not sources and (near := _nearest_actor_before(reported.head, index)) is not None:
                    sources, speaker = [near], near.text
                if sources:
                    why.append(f"source = '{speaker}', the speaker whose report '{anchor.text}' continues")
        elif src_tok is None and not _is_passive(anchor):
            nearest = _nearest_actor_before(anchor, index)
            if nearest is not None:
                sources = [nearest]
                why.append(
                    f"source = nearest actor before '{anchor.text}' (the parse gives the clause no subject)"
                )
        targets: list[ActorMention] = []
        if trig.target_tok is not None:
            targets = index.of(trig.target_tok)
            if targets:
                why.append(f"target = '{trig.target_tok.text}', who is told what to do")
        elif passive:
            patient = _children(anchor, "nsubjpass")
            if patient:
                targets = index.of(patient[0], loose=True) or self._reference(patient[0], index)
            if not _children(anchor, "agent"):
                sources = []
            if targets:
                why.append("target = subject of the passive")
        elif entry.subject_is_source and (patient := _children(anchor, "nsubjpass")):
            sources = index.of(patient[0])
            why = [f"source = subject '{patient[0].text}'"]
        if not targets and not entry.no_target:
            holders = [tok] if tok == anchor else [tok, anchor]
            for holder in holders:
                objs = (
                    [*direct_objects(holder), *_children(holder, "dative")]
                    if holder != tok or not trig.nominal
                    else []
                )
                if not objs and holder == anchor:
                    objs = _free_relative(holder)
                if holder != anchor or tok == anchor:
                    for obj in objs:
                        targets = index.of(obj) or self._reference(obj, index)
                        if targets:
                            why.append(f"target = object '{obj.text}'")
                            break
                        if pair_reference(obj):  # "pressed both governments to pull back"
                            own = {m.actor.country for m in sources}
                            targets = [
                                m
                                for m in self._prior_pair(trig, prior or [], si, obj, any_kind=True)
                                if m.actor.country not in own
                            ]
                            if targets:
                                why.append(f"target = object '{obj.text}': the two parties named before")
                                break
                if not targets and holder == anchor:  # "lifted the blockade on X", "part of its aid to X"
                    for obj in object_nouns(objs):
                        preps = (*entry.targets, "for")  # "suspended its aid program for X": X
                        if (
                            self.lexicon.lemma(obj, self.lexicon.proposal_nouns)
                            in self.lexicon.proposal_nouns
                        ):
                            preps = (*preps, "from", "by")  # "rejected an offer from X": X
                        for pobj in _pobjs(obj, preps):
                            if targets := index.of(pobj) or _groups(index.of(pobj, loose=True)):
                                why.append(f"target = '{pobj.head.text} {pobj.text}' of the object")
                                break
                        if not targets and obj.pos_ == "NOUN":
                            # "condemned Serbia's crackdown", "rejected the generals' plan": whose act it is
                            for poss in _children(obj, "poss"):
                                if targets := index.of(poss):
                                    why.append(f"target = '{poss.text}', whose '{obj.text}' it is")
                                    break
                        if targets:
                            break
                if not targets:
                    for pobj in _pobjs(holder, entry.targets):
                        # people named without a country ("fired at protesters") are placed from context
                        targets = index.of(pobj) or _groups(index.of(pobj, loose=True))
                        if targets:
                            why.append(f"target = '{pobj.head.text} {pobj.text}'")
                            break
                        for inner in _pobjs(pobj, ("to", "with", "against", "from")):
                            if (targets := index.of(inner)) and pobj.pos_ == "NOUN":
                                # "reneged on its commitment to X", "conceded to demands from X"
                                why.append(f"target = '{inner.text}', of '{pobj.head.text} {pobj.text}'")
                                break
                        if targets:
                            break
                if targets:
                    break
        if not targets and not entry.no_target:
            for comp in _children(
                anchor, "xcomp"
            ):  # "refused to lift the curfew on X", "threatened to cut ties with X"
                objs = _children(comp, "dobj", "dative")
                held = _pobjs(comp, DEFAULT_TARGET_PREPS)
                # "refused to commit to any assistance to the US-led war": the noun after the noun's "to"
                nested = [p for o in [*objs, *held] for p in _pobjs(o, DEFAULT_TARGET_PREPS)]
                for cand in [*objs, *held, *nested]:
                    if targets := index.of(cand):
                        why.append(f"target = '{cand.text}', in the complement '{comp.text}'")
                        break
                if targets:
                    break
        if not targets and not entry.no_target and (cond := _condition_subject(trig, index)):
            targets, cond_tok = cond
            why.append(f"target = '{cond_tok.text}', on whose act the threat is conditioned")
        if not targets and not entry.no_target and entry.cameo[:2] in VERBAL_ROOTS:
            for clause in [  # "demanded that the US cancel ...", "pushed for the US to support ...": the US
                *_children(anchor, "ccomp"),
                *(
                    c
                    for c in _children(anchor, "advcl")
                    if any(m.lower_ == "for" for m in _children(c, "mark"))
                ),
            ]:
                subj = _children(clause, "nsubj", "nsubjpass")
                if subj and (targets := index.of(subj[0])):
                    why.append(f"target = '{subj[0].text}', subject of the clause '{anchor.text}' governs")
                    break
        return sources, targets, "; ".join(why)

    def _prior_pair(
        self, trig: Trigger, prior: list[PriorAct], si: int, tok: Any, any_kind: bool = False
    ) -> list[ActorMention]:
        """For "the two sides" agreeing (or clashing), the two parties of the last act of the same kind
        (quad class; with ``any_kind``, of any kind) reported in the previous few sentences, if it had both,
        of two countries."""
        quad = self.ontology.lookup(trig.entry.cameo).quad_class
        people = tok.lemma_.lower() in PEOPLE_PAIR_NOUNS  # "the two leaders": two people, not two states
        for act in reversed(prior):
            if si - act.sentence > PAIR_ACT_LOOKBACK:
                break
            if (act.quad_class != quad and not any_kind) or act.source is None or act.target is None:
                continue
            if people and not (act.source.type == act.target.type == "person"):
                continue
            if not act.source.country or not act.target.country or act.source.country == act.target.country:
                continue
            return [
                from_earlier_act(act.source, tok.sent, "party of an earlier act"),
                from_earlier_act(act.target, tok.sent, "party of an earlier act"),
            ]
        return []

    def _role_modifier(self, tok: Any, index: ActorIndex) -> ActorMention | None:
        """The actor a modifier word names: its own mention, or a group named by role ("police firing")."""
        m = index.at(tok)
        if m is None and (sector := self.lexicon.generic_actors.get(tok.lemma_.lower())):
            actor = Actor(text=tok.text, sector=sector, type="group")
            m = ActorMention(tok.idx, tok.idx + len(tok.text), tok.text, actor, "a group named by role")
        return m

    def _reference(self, tok: Any | None, index: ActorIndex) -> list[ActorMention]:
        """An actor for "the government", "the group": a definite noun that stands for one named before."""
        if tok is None or tok.pos_ not in ("NOUN", "PROPN"):
            return []
        generic = (
            self.lexicon.generic_actors.get(tok.lemma_.lower())
            if tok.pos_ == "NOUN" and not pair_reference(tok)
            else None
        )
        if generic is not None and not index.of(tok):
            text = tok.doc[tok.left_edge.i : tok.i + 1].text
            actor = Actor(text=text, sector=generic or None, type="group")
            return [
                ActorMention(tok.left_edge.idx, tok.idx + len(tok.text), text, actor, "a group named by role")
            ]
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return []
        sector = self.lexicon.references.get(tok.lemma_.lower())
        if sector is None or any(c.dep_ in ("poss", "compound", "amod", "prep") for c in tok.children):
            return []
        text = tok.doc[tok.left_edge.i : tok.i + 1].text
        if sector == "previous":
            first = tok.sent.start
            for _ in range(PAIR_LOOKBACK):
                if first > 0:
                    first = tok.doc[first - 1].sent.start
            for i in range(tok.i - 1, first - 1, -1):
                m = index.by_token.get(i)
                if m is not None and m.actor.type in ("group", "organization") and coded(m.actor):
                    return [ActorMention(tok.idx, tok.idx + len(tok.text), text, m.actor, f"= '{m.text}'")]
            return []
        actor = Actor(text=text, sector=sector, type="group")
        return [ActorMention(tok.left_edge.idx, tok.idx + len(tok.text), text, actor, "definite reference")]

    def _place_target(
        self, trig: Trigger, index: ActorIndex, anchors: Anchors
    ) -> tuple[list[ActorMention], str]:
        """For material acts, the country named as where they were done ("lifted the curfew in X").

        An actor named there comes first; else a place the gazetteer placed in a country ("suspended aid
        deliveries in Baghdad", "shortened the curfew imposed in Sudan"): the act is aimed at that country.
        """
        objs = _children(trig.anchor, "dobj")
        holders = [
            trig.anchor,
            *objs,
            *(c for o in objs for c in o.children if c.dep_ == "acl"),
            *(x.head for x in _free_relative(trig.anchor)),
        ]
        if trig.token not in holders:
            holders.append(trig.token)
        for holder in holders:
            for pobj in _pobjs(holder, PLACE_PREPS):
                found = index.of(pobj)
                if found:
                    return found, f"target = '{pobj.head.text} {pobj.text}', where it was done"
                place = place_at(pobj, anchors)
                if place is not None:
                    actor = Actor(text=pobj.text, country=place.country, type="country")
                    mention = ActorMention(pobj.idx, pobj.idx + len(pobj.text), pobj.text, actor, "place")
                    return [mention], f"target = {place.country}: the act was done in {place.name}"
        return [], ""

    def _nominal_arguments(
        self, trig: Trigger, index: ActorIndex
    ) -> tuple[list[ActorMention], list[ActorMention], str]:
        tok = trig.token
        sources: list[ActorMention] = []
        targets: list[ActorMention] = []
        for child in tok.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and (
                m := self._role_modifier(child, index)
            ):
                sources.append(m)
        between = _pobjs(tok, ("between",))
        if not between and (happened := occurrence_verb(tok, self.lexicon.occurrence_verbs)) is not None:
            between = _pobjs(happened, ("between",))  # ev-rules: "clashes erupted between A and B"
        if between:
            pair = index.of(between[0], loose=True)
            if len(pair) >= 2:
                return pair[:1], pair[1:2], BETWEEN_WHY
        agents = _pobjs(tok, ("by",))
        if not sources and agents:
            sources = index.of(agents[0], loose=True) or self._reference(agents[0], index)
        why = "nominal event: modifier is source, prepositional object is target"
        if not sources and (verb := self._taking_part(tok)) is not None:
            subj, how = _subject(verb)
            sources = index.of(subj, loose=True) or self._reference(subj, index)
            if sources and subj is not None:
                why = f"source = {how} '{subj.text}' of '{verb.text}', who takes part in the '{tok.text}'"
        for pobj in _pobjs(tok, trig.entry.targets):
            targets = index.of(pobj) or _groups(index.of(pobj, loose=True))
            if targets:
                break
        if (
            not targets
            and tok.dep_ == "pobj"
            and tok.head.lower_ in CAUSE_PREPS
            and tok.head.head.pos_ == "VERB"
        ):
            # "were killed in police firing", "died in the shelling": who suffered it is the verb's subject
            verb = tok.head.head
            # the subject of an act of its own ("guerrillas wounded two soldiers in a bomb attack") did it
            acting = self.lexicon.match(verb, "verb") is not None and not _is_passive(verb)
            if patient := _children(verb, "nsubjpass") or ([] if acting else _children(verb, "nsubj")):
                targets = index.of(patient[0], loose=True) or self._reference(patient[0], index)
                if targets:
                    why += f"; target = '{patient[0].text}', who suffered the '{tok.text}'"
        if not sources and targets and self.ontology.plover_type(trig.entry.cameo) in RECIPROCAL:
            speaker = _reporting_speaker(tok, index)
            if speaker is not None and speaker.actor.country not in {m.actor.country for m in targets}:
                sources = [speaker]
                why = (
                    f"{BETWEEN_WHY}: the speaker '{speaker.text}' reports talks with the other party; "
                    "a meeting has two sides"
                )
        return sources, targets, why

    def _taking_part(self, noun: Any) -> Any | None:
        """The verb whose subject takes part in the event a noun names, if any.

        "joined a rally", "converged for a rally", "took part in the talks": a verb of taking part whose
        object (or prepositional object) is the noun; "cut short their summit": any verb whose object is
        the noun, when the noun's possessor is a pronoun standing for that subject.
        """
        head = noun.head
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head
        if noun.dep_ not in ("dobj", "pobj") or head.pos_ not in ("VERB", "AUX"):
            return None
        if self.lexicon.lemma(head, self.lexicon.participation_verbs) in self.lexicon.participation_verbs:
            return head
        owned = any(c.dep_ == "poss" and c.lower_ in ("their", "its", "his", "her") for c in noun.children)
        return head if owned and noun.dep_ == "dobj" else None

    def _referred_act(
        self, trig: Trigger, si: int, sources: list[ActorMention], prior: list[PriorAct]
    ) -> tuple[PriorAct, str] | None:
        """For a reaction to an act named by a definite noun ("condemned the incursion", "welcomed the
        move"), the act reported earlier in the document that the noun refers back to.

        A noun of the lexicon refers to the last earlier act of its type (any distance); a general word
        ("the move", "the decision": ``act_references``) to the last act of the previous few sentences. The
        act's doer must be of another country than the reacting source.
        """
        own = {m.actor.country for m in sources}
        for obj in object_nouns(direct_objects(trig.anchor)):
            if not any(c.dep_ in ("det", "poss") and c.lower_ in DEFINITE for c in obj.children):
                continue
            lemma = self.lexicon.lemma(obj, self.lexicon.nouns)
            entry = self.lexicon.match(obj, "noun")
            kind = self.ontology.plover_type(entry.cameo) if entry is not None else None
            general = lemma in self.lexicon.act_references
            if kind is None and not general:
                continue
            earlier = [
                a for a in prior if a.source is not None and a.source.country not in own and a.sentence < si
            ]
            for act in reversed(earlier):
                if (kind is not None and (act.lemma == lemma or act.event_type == kind)) or (
                    general and si - act.sentence <= ACT_LOOKBACK
                ):
                    return act, obj.text
            # "fired a missile ... condemned the launch": an event noun with no act of its kind before it
            # refers to the last act of the previous sentences
            recent = [a for a in earlier if si - a.sentence <= ACT_LOOKBACK]
            if kind is not None and recent:
                return recent[-1], obj.text
        return None


THREAT_VERBS = frozenset({"threaten", "warn", "vow"})
CONDITION_MARKS = frozenset({"if", "unless"})


def _reporting_speaker(noun: Any, index: ActorIndex) -> ActorMention | None:
    """For a meeting noun that is the subject of a reported clause ("X said talks with Y broke down"), the
    speaker X: one who reports on talks "with Y" without naming the other side is that side."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "ccomp" or verb.head == verb:
        return None
    speech = verb.head
    subj = [moved for s in _children(speech, "nsubj") if (moved := _after_dateline(s, speech)) is not None]
    found = [m for m in index.of(subj[-1]) if coded(m.actor)] if subj else []
    return found[0] if found else None


def _condition_subject(trig: Trigger, index: ActorIndex) -> tuple[list[ActorMention], Any] | None:
    """For a threat, the actor whose act sets it off: "threatened to stop talks if the US deploys ..."."""
    anchor = trig.anchor
    framed = anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in THREAT_VERBS
    if not (trig.entry.cameo.startswith("13") or framed):
        return None
    for verb in (anchor, anchor.head) if framed else (anchor,):
        for clause in _children(verb, "advcl"):
            if not any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in clause.children):
                continue
            subj = _children(clause, "nsubj", "nsubjpass")
            if subj and (found := index.of(subj[0])):
                return found, subj[0]
    return None
