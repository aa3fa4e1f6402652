"""Rules of the ``arguments`` phase: the source and target of a trigger, from the sentence's structure.

Each rule reads and changes a :class:`~thucydides.events.candidate.Candidate` and returns True when it
changed it. The verbal rules follow the parse around the clause verb (subject, passive, objects,
prepositions, complements); the nominal ones the event noun's modifiers and prepositional phrases. Each
guards on the structure that calls for it, so switching one off leaves the others as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from thucydides.events.arguments import (
    BETWEEN_WHY,
    _antecedent,
    _condition_subject,
    _groups,
    _nearest_actor_before,
    _reporting_speaker,
    earlier_subject,
)
from thucydides.events.candidate import Candidate, Params
from thucydides.events.context import ActorIndex, coded, pair_reference, placed, recent_pair, usable
from thucydides.events.harm import undergoer_target
from thucydides.events.lexicon import direct_objects, object_nouns
from thucydides.events.syntax import (
    PARTICIPLE_PASSIVE_TYPES,
    _after_dateline,
    _children,
    _free_relative,
    _is_passive,
    _pobjs,
    _subject,
    gerund_act,
    occurrence_verb,
    reduced_relative,
)
from thucydides.events.triggers import force_before
from thucydides.events.words import event_words
from thucydides.record import ActorMention


def _own(mentions: list[Any], tok: Any) -> list[Any]:
    """The mentions inside ``tok``'s own words (its subtree without its conjuncts)."""
    skip = {w.i for ch in tok.children if ch.dep_ in ("conj", "cc") for w in ch.subtree}
    words = [w for w in tok.subtree if w.i not in skip]
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    return [m for m in mentions if start <= m.start and m.end <= end]


def _between_pair(c: Candidate, between: Any) -> bool:
    """The two parties a "between" phrase names: the first is source, the second target (settled, joint)."""
    index = c.scene.index
    pair = index.of(between, loose=True)
    if len(pair) < 2:  # "talks between the government and the striking doctors": parties named by role
        sides = [_side(c, t) for t in (between, *between.conjuncts)]
        pair = [m for side in sides for m in side[:1]] if all(sides) else []
        if len(sides) == 1 and len(sides[0]) >= 2:  # "between representatives of A and B"
            pair = sides[0]
    if len(pair) < 2:
        return False
    c.sources, c.targets, c.arg_why = pair[:1], pair[1:2], [BETWEEN_WHY]
    c.settled = c.joint = True
    return True


def _side(c: Candidate, tok: Any) -> list[Any]:
    """One party a "between" phrase names: its own mentions; else, for people who act for someone else
    ("representatives of the government", "envoys of the two sides": ``agent_nouns``), those their "of" or
    "for" phrase names; else the actor a reference stands for."""
    index, coder = c.scene.index, c.scene.coder
    found: list[Any] = []
    if tok.lemma_.lower() in event_words().agent_nouns:
        for pobj in _pobjs(tok, ("of", "for")):
            # each party of the phrase, by its own words or as a reference ("of the government and rebels")
            found = [
                m
                for t in (pobj, *pobj.conjuncts)
                for m in (_own(index.of(t, loose=True), t) or coder._reference(t, index))[:1]
            ]
            break
    return found or _own(index.of(tok, loose=True), tok) or coder._reference(tok, index)


def _subject_token(c: Candidate) -> tuple[Any, str]:
    """The clause's subject (moved out of a dateline) and how it was found (found once per candidate)."""
    if c.subject is None:
        src_tok, how = _subject(c.trig.anchor)
        c.subject = (_after_dateline(src_tok, c.trig.anchor), how)
    return c.subject


# -- nominal events ("a strike by workers", "talks between A and B") --------------------------------------


def modifier_source(c: Candidate, params: Params) -> bool:
    """The event noun's actor modifier is its source ("police firing", "Israel's raid")."""
    if not c.trig.nominal:
        return False
    coder, index = c.scene.coder, c.scene.index
    tok = c.trig.token
    found = False
    for child in tok.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and (m := coder._role_modifier(child, index)):
            if child.dep_ == "poss" and tok.lemma_.lower() in event_words().patient_nouns:
                if not c.targets:  # "the executive's arrest": the one arrested
                    c.targets.append(m)
                    c.arg_why.append(f"target = '{m.text}', whose {tok.text} it is")
                continue
            c.sources.append(m)
            found = True
    if not found and (led := _leader(tok, index)) is not None:  # "a Saudi-led coalition air strike"
        c.sources.append(led)
        found = True
    if (
        not found
        and tok.pos_ == "VERB"
        and (force := force_before(tok, coder.lexicon.force_words)) is not None
        and (m := coder._role_modifier(force, index)) is not None
    ):  # "in police firing" parsed as "police" described by the participle "firing": the noun before it
        c.sources.append(m)
        found = True
    return found


def _leader(noun: Any, index: ActorIndex) -> ActorMention | None:
    """The actor who leads the doer named in a hyphenated modifier of an event noun or of its modifier
    ("a Saudi-led strike", "a Saudi-led coalition air strike": ``leader_participles``)."""
    leaders = event_words().leader_participles
    for mod in (noun, *(c for c in noun.children if c.dep_ in ("compound", "nmod"))):
        for part in mod.children:
            if part.dep_ != "amod" or part.lemma_.lower() not in leaders:
                continue
            for first in part.children:
                if first.dep_ in ("npadvmod", "compound", "nmod") and (m := index.at(first)) is not None:
                    return m
    return None


def between_pair(c: Candidate, params: Params) -> bool:
    """ "talks between A and B", "clashes erupted between X and Y": the first is source, the second target."""
    if not c.trig.nominal:
        return False
    tok = c.trig.token
    between = _pobjs(tok, ("between",))
    if not between and (happened := occurrence_verb(tok, c.scene.coder.lexicon.occurrence_verbs)) is not None:
        between = _pobjs(happened, ("between",))  # "clashes erupted between A and B"
    if not between:
        return False
    return _between_pair(c, between[0])


def by_agent_source(c: Candidate, params: Params) -> bool:
    """ "a strike by workers", "the arrests made by police", "a ceasefire was declared by the army" (the
    passive of a light verb): the "by" phrase is the source; for a visit, the "of" phrase ("the visit of
    the Indian prime minister"), where "of" does not name its target."""
    if not c.trig.nominal or c.settled or c.sources:
        return False
    tok, lexicon = c.trig.token, c.scene.coder.lexicon
    verbs = [acl for acl in tok.children if acl.dep_ == "acl" and acl.tag_ == "VBN"]
    if tok.dep_ == "nsubjpass" and lexicon.lemma(tok.head, lexicon.light_verbs) in lexicon.light_verbs:
        verbs.append(tok.head)
    by_phrases = [a for verb in verbs for a in verb.children if a.dep_ == "agent"]
    agents = _pobjs(tok, ("by",)) or [p for a in by_phrases for p in a.children if p.dep_ == "pobj"]
    entry = c.trig.entry
    if not agents and "of" not in entry.targets and c.scene.coder.ontology.in_class("visit", entry.cameo):
        agents = _pobjs(tok, ("of",))  # "the visit of the Indian prime minister to Moscow": the visitor
    if not agents:
        return False
    index = c.scene.index
    c.sources = index.of(agents[0], loose=True) or c.scene.coder._reference(agents[0], index)
    return bool(c.sources)


def participant_source(c: Candidate, params: Params) -> bool:
    """ "joined a rally", "took part in the talks": the subject of a verb of taking part."""
    if not c.trig.nominal or c.settled or c.sources:
        return False
    coder, index, tok = c.scene.coder, c.scene.index, c.trig.token
    verb = coder._taking_part(tok)
    if verb is None:
        return False
    subj, how = _subject(verb)
    c.sources = index.of(subj, loose=True) or coder._reference(subj, index)
    if c.sources and subj is not None:
        c.arg_why = [f"source = {how} '{subj.text}' of '{verb.text}', who takes part in the '{tok.text}'"]
        return True
    return False


def noun_target(c: Candidate, params: Params) -> bool:
    """The event noun's prepositional object is its target ("an attack on X")."""
    if not c.trig.nominal or c.settled:
        return False
    index = c.scene.index
    for pobj in _pobjs(c.trig.token, c.trig.entry.targets):
        c.targets = index.of(pobj) or _groups(index.of(pobj, loose=True))
        if c.targets:
            return True
    return False


def sufferer_target(c: Candidate, params: Params) -> bool:
    """ "were killed in police firing", "died in the shelling": who suffered it is the verb's subject."""
    tok = c.trig.token
    if not c.trig.nominal or c.settled or c.targets:
        return False
    if not (
        tok.dep_ == "pobj" and tok.head.lower_ in event_words().cause_preps and tok.head.head.pos_ == "VERB"
    ):
        return False
    coder, index = c.scene.coder, c.scene.index
    verb = tok.head.head
    # the subject of an act of its own ("guerrillas wounded two soldiers in a bomb attack") did it
    acting = coder.lexicon.match(verb, "verb") is not None and not _is_passive(verb)
    if patient := _children(verb, "nsubjpass") or ([] if acting else _children(verb, "nsubj")):
        c.targets = index.of(patient[0], loose=True) or coder._reference(patient[0], index)
        if c.targets:
            c.arg_why.append(f"target = '{patient[0].text}', who suffered the '{tok.text}'")
            return True
    return False


def meeting_speaker_source(c: Candidate, params: Params) -> bool:
    """ "X said talks with Y broke down": the speaker who reports talks with the other side is that side."""
    if not c.trig.nominal or c.settled or c.sources or not c.targets:
        return False
    if not c.scene.coder.ontology.in_class("reciprocal", c.trig.entry.cameo):
        return False
    speaker = _reporting_speaker(c.trig.token, c.scene.index)
    if speaker is None or speaker.actor.country in {m.actor.country for m in c.targets}:
        return False
    c.sources = [speaker]
    c.joint = True
    c.arg_why = [
        f"{BETWEEN_WHY}: the speaker '{speaker.text}' reports talks with the other party; "
        "a meeting has two sides"
    ]
    return True


# -- verbal events: the source ----------------------------------------------------------------------------


def subject_source(c: Candidate, params: Params) -> bool:
    """The clause's subject (or a definite noun standing for an actor named before) is the source."""
    if c.trig.nominal:
        return False
    src_tok, how = _subject_token(c)
    c.sources = c.scene.index.of(src_tok, loose=True) or c.scene.coder._reference(src_tok, c.scene.index)
    if c.sources and src_tok is not None:
        c.arg_why.append(f"source = {how} '{src_tok.text}'")
        return True
    return False


def pair_source(c: Candidate, params: Params) -> bool:
    """ "the two sides agreed": the two parties of the last act of its kind, else the two named before."""
    if c.trig.nominal or c.sources:
        return False
    src_tok, _ = _subject_token(c)
    if src_tok is None or not pair_reference(src_tok):
        return False
    s = c.scene
    c.sources = s.coder._prior_pair(c.trig, s.prior, s.si, src_tok)
    if c.sources:
        c.arg_why.append(
            f"source = '{src_tok.text}': the two parties of the last act of its kind "
            f"({c.sources[0].actor.country} and {c.sources[1].actor.country})"
        )
        return True
    c.sources = recent_pair(src_tok, s.index)
    if c.sources:
        c.arg_why.append(f"source = '{src_tok.text}': the two parties named just before")
        return True
    return False


def pronoun_source(c: Candidate, params: Params) -> bool:
    """ "Syria said it would withdraw": a pronoun subject is the subject of the clause that frames it."""
    words = event_words()
    if c.trig.nominal or c.sources:
        return False
    src_tok, _ = _subject_token(c)
    if src_tok is None or pair_reference(src_tok) or src_tok.lower_ not in words.pronouns:
        return False
    index = c.scene.index
    coder = c.scene.coder
    c.sources, ante = _antecedent(src_tok.head, index, src_tok.lower_, lambda t: coder._reference(t, index))
    plural = src_tok.lower_ in words.plural_pronouns
    if plural and (not c.sources or all(m.actor.type == "person" for m in c.sources[:1])):
        pair = recent_pair(src_tok, index) if len(c.sources) < 2 else []
        if pair:
            c.sources, ante = pair, None
            c.arg_why.append(f"source = '{src_tok.text}': the two parties named just before")
    if ante is not None:
        c.arg_why.append(f"source = '{ante.text}', the subject of the clause that frames '{src_tok.text}'")
    elif not c.sources and src_tok.lower_ in words.personal_pronouns:  # "it" opens too many asides
        c.sources, ante = earlier_subject(src_tok, index, src_tok.lower_)
        if ante is not None:
            c.arg_why.append(
                f"source = '{ante.text}', the subject of an earlier sentence '{src_tok.text}' continues"
            )
    return bool(c.sources)


def speaker_source(c: Candidate, params: Params) -> bool:
    """ "X said talks broke down and blamed Y": a verbal act the parse hangs on the reported clause is the
    speaker's ("officials said bombs fired from Syria hit the towns" keeps the bombs' doer)."""
    if c.trig.nominal or c.sources:
        return False
    src_tok, _ = _subject_token(c)
    anchor, index = c.trig.anchor, c.scene.index
    if (
        src_tok is None
        or pair_reference(src_tok)
        or src_tok.lower_ in event_words().pronouns
        or anchor.dep_ != "conj"
        or _children(anchor, "nsubj", "nsubjpass")
        or not c.scene.coder.ontology.in_class("verbal", c.trig.entry.cameo)
    ):
        return False
    reported = anchor.head
    if reported.dep_ == "ccomp" and (above := _children(reported.head, "nsubj")):
        c.sources = [m for m in index.of(above[0]) if coded(m.actor)]
        speaker = above[0].text
        if not c.sources and (near := _nearest_actor_before(reported.head, index)) is not None:
            c.sources, speaker = [near], near.text
        if c.sources:
            c.arg_why.append(f"source = '{speaker}', the speaker whose report '{anchor.text}' continues")
            return True
    return False


def nearest_source(c: Candidate, params: Params) -> bool:
    """A clause the parse gives no subject: the nearest actor before the verb, inside its clause."""
    anchor = c.trig.anchor
    if c.trig.nominal or c.sources or _passive_verb(c):
        return False
    src_tok, _ = _subject_token(c)
    if src_tok is not None:
        return False
    nearest = _nearest_actor_before(anchor, c.scene.index)
    if nearest is None:
        return False
    c.sources = [nearest]
    c.arg_why.append(f"source = nearest actor before '{anchor.text}' (the parse gives the clause no subject)")
    return True


# -- verbal events: the target ----------------------------------------------------------------------------


def _passive_verb(c: Candidate) -> bool:
    """The clause verb is passive (found once per candidate)."""
    if c.passive is None:
        anchor = c.trig.anchor
        c.passive = _is_passive(anchor) or (
            not c.trig.nominal
            and reduced_relative(anchor)
            and c.scene.coder.ontology.plover_type(c.trig.entry.cameo) in PARTICIPLE_PASSIVE_TYPES
        )
    return c.passive


def _passive(c: Candidate) -> bool:
    """The clause is passive and its subject is not the doer (a sense whose subject acts even so)."""
    return _passive_verb(c) and not c.trig.entry.subject_is_source


def told_target(c: Candidate, params: Params) -> bool:
    """ "X said Y must leave": Y, who is told what to do."""
    if c.trig.nominal or c.trig.target_tok is None:
        return False
    c.targets = c.scene.index.of(c.trig.target_tok)
    if c.targets:
        c.arg_why.append(f"target = '{c.trig.target_tok.text}', who is told what to do")
        return True
    return False


def passive_target(c: Candidate, params: Params) -> bool:
    """A passive's subject is the target; without a "by" phrase the passive names no source."""
    if c.trig.nominal or c.trig.target_tok is not None or not _passive(c):
        return False
    anchor, index = c.trig.anchor, c.scene.index
    changed = False
    patient = (
        _children(anchor, "nsubjpass")
        or ([anchor.head] if reduced_relative(anchor) else [])
        or _gerund_patient(anchor)
    )
    if patient:
        c.targets = index.of(patient[0], loose=True) or c.scene.coder._reference(patient[0], index)
    if not _children(anchor, "agent"):
        changed = bool(c.sources)
        c.sources = []
    if c.targets:
        c.arg_why.append("target = subject of the passive")
        return True
    return changed


def _gerund_patient(anchor: Any) -> list[Any]:
    """ "a man died after being hit by a shell", "he was caught after being chased": a passive gerund with no
    subject of its own, under a preposition of its clause, undergone by that clause's subject."""
    being = any(c.dep_ == "auxpass" and c.lower_ == "being" for c in anchor.children)
    if anchor.dep_ != "pcomp" or not being:
        return []
    clause = anchor.head.head
    return _children(clause, "nsubj", "nsubjpass") if anchor.head.dep_ == "prep" else []


def between_verb_pair(c: Candidate, params: Params) -> bool:
    """ "A deal was signed between A and B", "Fighting between A and B left ten dead": an act two parties
    do together (or a gerund naming an act), whose pair the verb (or its passive subject) names with
    "between": the first is source, the second target."""
    if c.trig.nominal or c.sources:
        return False
    if not (c.scene.coder.ontology.in_class("mutual", c.trig.entry.cameo) or gerund_act(c.trig.token)):
        return False  # "Fighting between A and B": a gerund names the act the pair did
    anchor = c.trig.anchor
    holders = [anchor, *_children(anchor, "nsubjpass", "dobj")]
    between = [p for h in holders for p in _pobjs(h, ("between",))]
    if not between:
        return False
    return _between_pair(c, between[0])


def passive_subject_source(c: Candidate, params: Params) -> bool:
    """ "China is committed to ...": for a sense whose subject acts even in the passive, the subject."""
    entry = c.trig.entry
    if c.trig.nominal or c.trig.target_tok is not None or _passive(c) or not entry.subject_is_source:
        return False
    patient = _children(c.trig.anchor, "nsubjpass")
    if not patient:
        return False
    c.sources = c.scene.index.of(patient[0])
    c.arg_why = [f"source = subject '{patient[0].text}'"]
    return True


def object_target(c: Candidate, params: Params) -> bool:
    """The object, a prepositional phrase of the object ("lifted the blockade on X"), the object's
    possessor ("condemned Serbia's crackdown") or the verb's own prepositional phrase ("fired at X")."""
    trig = c.trig
    entry, tok, anchor = trig.entry, trig.token, trig.anchor
    if c.trig.nominal or c.targets or entry.no_target:
        return False
    coder, index, lexicon = c.scene.coder, c.scene.index, c.scene.coder.lexicon
    why = c.arg_why
    targets: list[Any] = []
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
                targets = index.of(obj) or coder._reference(obj, index)
                if targets:
                    why.append(f"target = object '{obj.text}'")
                    break
                if pair_reference(obj):  # "pressed both governments to pull back"
                    own = {m.actor.country for m in c.sources}
                    targets = [
                        m
                        for m in coder._prior_pair(trig, c.scene.prior, c.scene.si, obj, any_kind=True)
                        if m.actor.country not in own
                    ]
                    if targets:
                        why.append(f"target = object '{obj.text}': the two parties named before")
                        break
        if not targets and holder == anchor:  # "lifted the blockade on X", "part of its aid to X"
            for obj in object_nouns(objs):
                preps = (*entry.targets, "for")  # "suspended its aid program for X": X
                if lexicon.lemma(obj, lexicon.proposal_nouns) in lexicon.proposal_nouns:
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
                # people named without a country ("fired at protesters") are placed from context, so is
                # a definite reference ("called on the government to withdraw")
                targets = (
                    index.of(pobj) or _groups(index.of(pobj, loose=True)) or coder._reference(pobj, index)
                )
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
    c.targets = targets
    return bool(targets)


def complement_target(c: Candidate, params: Params) -> bool:
    """ "refused to lift the curfew on X", "threatened to cut ties with X": the target in the complement."""
    from thucydides.events.lexicon import DEFAULT_TARGET_PREPS

    if c.trig.nominal or c.targets or c.trig.entry.no_target:
        return False
    index = c.scene.index
    for comp in _children(c.trig.anchor, "xcomp"):
        objs = _children(comp, "dobj", "dative")
        held = _pobjs(comp, DEFAULT_TARGET_PREPS)
        # "refused to commit to any assistance to the US-led war": the noun after the noun's "to"
        nested = [p for o in [*objs, *held] for p in _pobjs(o, DEFAULT_TARGET_PREPS)]
        for cand in [*objs, *held, *nested]:
            if targets := index.of(cand):
                c.targets = targets
                c.arg_why.append(f"target = '{cand.text}', in the complement '{comp.text}'")
                return True
    return False


def condition_target(c: Candidate, params: Params) -> bool:
    """ "threatened to stop talks if the US deploys ...": the actor on whose act the threat is conditioned."""
    if c.trig.nominal or c.targets or c.trig.entry.no_target:
        return False
    cond = _condition_subject(c.trig, c.scene.index, c.scene.coder.ontology)
    if not cond:
        return False
    c.targets, cond_tok = cond
    c.arg_why.append(f"target = '{cond_tok.text}', on whose act the threat is conditioned")
    return True


def clause_subject_target(c: Candidate, params: Params) -> bool:
    """ "demanded that the US cancel ...", "pushed for the US to support ...": for a verbal act, the subject
    of the clause it governs."""
    entry, anchor = c.trig.entry, c.trig.anchor
    if (
        c.trig.nominal
        or c.targets
        or entry.no_target
        or not c.scene.coder.ontology.in_class("verbal", entry.cameo)
    ):
        return False
    for clause in [
        *_children(anchor, "ccomp"),
        *(cl for cl in _children(anchor, "advcl") if any(m.lower_ == "for" for m in _children(cl, "mark"))),
    ]:
        subj = _children(clause, "nsubj", "nsubjpass")
        if subj and (targets := c.scene.index.of(subj[0])):
            c.targets = targets
            c.arg_why.append(f"target = '{subj[0].text}', subject of the clause '{anchor.text}' governs")
            return True
        if (
            subj
            and subj[0].lower_ in event_words().pronouns
            and subj[0].lower_ not in event_words().plural_pronouns
            and (entry.plover or c.scene.coder.ontology.plover_type(entry.cameo))
            in params.get("addressed_types", ())
        ):
            # "London demanded that it release the vessel": the one asked is not the one who asks; the pronoun
            # continues the topic of an earlier sentence ("Iran seized a tanker") ("warned that it would" is
            # the speaker's own act: not of this kind)
            targets, ante = earlier_subject(subj[0], c.scene.index, subj[0].lower_)
            own = {m.actor.country for m in c.sources}
            if ante is not None and not any(m.actor.country in own for m in targets):
                c.targets = targets
                c.arg_why.append(
                    f"target = '{ante.text}', the subject of an earlier sentence that '{subj[0].text}', "
                    f"subject of the clause '{anchor.text}' governs, continues"
                )
                return True
    return False


# -- after the syntax: the actors' countries from context -------------------------------------------------


def context_country(c: Candidate, params: Params) -> bool:
    """Actors named without a country ("students", "the government") take one from the context: the
    sentence's place, the one other country named, the document's most named country (see
    :func:`thucydides.events.context.placed`). Actors that can name no one are left out."""
    s = c.scene
    before = [*c.sources, None, *c.targets]
    c.named_sources = c.sources  # a target is placed against the sources as the text names them: a source
    c.sources, src_why = placed(c.sources, c.targets, s.sent, s.index, s.anchors)  # placed from context
    c.targets, tgt_why = placed(c.targets, c.named_sources, s.sent, s.index, s.anchors)  # is no clue
    c.join(src_why, tgt_why)
    c.sources = [m for m in c.sources if usable(m.actor)]
    c.targets = [m for m in c.targets if usable(m.actor)]
    after = [*c.sources, None, *c.targets]
    return len(after) != len(before) or any(a is not b for a, b in zip(after, before, strict=True))


NOMINAL_ONLY = frozenset(
    {
        "modifier_source",
        "between_pair",
        "by_agent_source",
        "participant_source",
        "noun_target",
        "sufferer_target",
        "meeting_speaker_source",
    }
)
VERBAL_ONLY = frozenset(
    {
        "subject_source",
        "pair_source",
        "pronoun_source",
        "speaker_source",
        "nearest_source",
        "told_target",
        "passive_target",
        "passive_subject_source",
        "object_target",
        "complement_target",
        "condition_target",
        "clause_subject_target",
        "between_verb_pair",
    }
)
RULES: Mapping[str, Callable[[Candidate, Params], bool]] = MappingProxyType(
    {
        "modifier_source": modifier_source,
        "between_pair": between_pair,
        "by_agent_source": by_agent_source,
        "participant_source": participant_source,
        "noun_target": noun_target,
        "sufferer_target": sufferer_target,
        "meeting_speaker_source": meeting_speaker_source,
        "subject_source": subject_source,
        "pair_source": pair_source,
        "pronoun_source": pronoun_source,
        "speaker_source": speaker_source,
        "nearest_source": nearest_source,
        "told_target": told_target,
        "passive_target": passive_target,
        "passive_subject_source": passive_subject_source,
        "object_target": object_target,
        "complement_target": complement_target,
        "condition_target": condition_target,
        "clause_subject_target": clause_subject_target,
        "between_verb_pair": between_verb_pair,
        "undergoer_target": undergoer_target,  # ev-rules: events/harm.py
        "context_country": context_country,
    }
)
