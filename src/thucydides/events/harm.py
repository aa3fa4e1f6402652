"""Harm that nobody did: who suffers a verb of dying, and harm in a disaster.

"Ten people died", "two boys drowned": the subject of such a verb (``undergoer_verbs`` in
``data/event_lexicon.yaml``) is the one harmed, never the doer, so an act coded on it (the sentence model
may propose a killing there) takes its subject as target and no source from it.

"Fifteen people were killed when a fireworks warehouse exploded", "ten died after drinking toxic
liquor": harm whose doer no word of the text names (an implied doer, unidentified attackers, or nobody)
in a sentence that names a natural force or an accident (``disaster_words``, ``disaster_phrases``) is no
attack. "A helicopter crashed, killing two": harm told as what an accident did is no attack whoever the
accident's subject is (:func:`accident_clause`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from thucydides.events.context import UNIDENTIFIED
from thucydides.events.lexicon import Lexicon
from thucydides.events.syntax import _is_passive, occurrence_verb
from thucydides.events.triggers import Trigger
from thucydides.events.words import event_words
from thucydides.record import ActorMention


def undergoer_roles(
    trig: Trigger,
    sources: list[ActorMention],
    targets: list[ActorMention],
    why: str,
    lexicon: Lexicon,
) -> tuple[list[ActorMention], list[ActorMention], str]:
    """Sources, targets and why, with the subject of a verb of dying moved from source to target."""
    verb = trig.anchor
    if trig.nominal or verb.lemma_.lower() not in lexicon.undergoer_verbs or _is_passive(verb) or not sources:
        return sources, targets, why
    note = f"'{verb.text}' says what its subject suffered: '{sources[0].text}' is the target, not the doer"
    return [], targets or sources, "; ".join(w for w in (why, note) if w)


def disaster_word(sent: Any, lexicon: Lexicon) -> Any | None:
    """The first word of the sentence that names a natural force or an accident, if any (its lemma or
    its lower-case form: "fireworks", "floods"; "fire" only as what broke out or spread)."""
    words = lexicon.disaster_words
    nouns_only = event_words().disaster_nouns_only
    for tok in sent:
        lower = tok.lower_
        named = tok.lemma_.lower() in words or lower in words or (lower.endswith("s") and lower[:-1] in words)
        if named and tok.pos_ == "VERB" and tok.lemma_.lower() in nouns_only:
            continue  # "protesters stormed the building", "crowds flooded the streets": no weather
        if named and not _projectile_subject(tok, lexicon):  # "Wildfires" at a sentence's start: no lemma
            return tok
        if _disaster_phrase(tok, lexicon):
            return tok
        if _outbreak(tok, lexicon):
            return tok
        if _accident_verb(tok, lexicon) or _burst_by_accident(tok, lexicon):
            return tok
    return None


def _burst_by_accident(verb: Any, lexicon: Lexicon) -> bool:
    """True for a verb of bursting (``burst_verbs``) told of a thing that explodes by accident, with no
    object: "a fuel tanker exploded", "the boiler blew up" (the modifiers of ``disaster_phrases``'
    "explosion"), not "a car bomb exploded" nor "militants blew up a pipeline"."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in lexicon.burst_verbs:
        return False
    if any(c.dep_ == "dobj" for c in verb.children):
        return False
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    things = lexicon.disaster_phrases.get("explosion", frozenset())
    if subj is None or not things or _is_one_of(subj, lexicon.projectiles):
        return False
    return _is_one_of(subj, things) or any(
        c.dep_ in ("compound", "amod", "nmod") and _is_one_of(c, things) for c in subj.children
    )


def _accident_verb(tok: Any, lexicon: Lexicon) -> bool:
    """True for the verb of an accident told with no object ("the bridge caved in", "the wall crumbled"),
    unless a weapon is what crashed ("a rocket crashed into a house") or an act is what gave way ("the truce
    crumbled")."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lexicon.accident_verbs:
        return False
    if any(c.dep_ == "dobj" for c in tok.children) or _projectile_subject(tok, lexicon):
        return False
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and tok.dep_ == "acl":  # "the truce crumbled ..." misread as a clause on its noun
        subj = tok.head
    return subj is not None and lexicon.match(subj, "noun") is None


def _projectile_subject(tok: Any, lexicon: Lexicon) -> bool:
    """True for a verb whose subject is a weapon in flight ("a rocket crashed into a house"): no accident."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and (
        subj.lower_ in lexicon.projectiles or subj.lemma_.lower() in lexicon.projectiles
    )


def _disaster_phrase(tok: Any, lexicon: Lexicon) -> bool:
    """True for the head of "a gas explosion", "the cold wave", "food poisoning": a word that names a disaster
    with one of its modifiers (``disaster_phrases``)."""
    modifiers = lexicon.disaster_phrases.get(tok.lemma_.lower()) or lexicon.disaster_phrases.get(tok.lower_)
    if not modifiers:
        return False
    kinds = ("compound", "amod", "nmod")
    if any(c.dep_ in kinds and c.lower_ in lexicon.projectiles for c in tok.children):
        return False  # "a bomb explosion at a chemical plant" is an attack
    if any(c.dep_ in kinds and _is_one_of(c, modifiers) for c in tok.children):
        return True
    if tok.dep_ == "dobj":  # "opened fire at a factory", "set off a blast at a plant": someone's act
        return False
    # the site it happened at names it: "an explosion at a chemical plant", "a blast in a factory"
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in ("at", "in", "inside")
        and any(_disaster_site(obj, modifiers, lexicon) for obj in prep.children)
        for prep in tok.children
    )


def _disaster_site(obj: Any, modifiers: frozenset[str], lexicon: Lexicon) -> bool:
    """True for "a chemical plant", "a factory" (the object of "at"/"in"), not "a bomb-making workshop"."""
    if obj.dep_ != "pobj":
        return False
    mods = [m for m in obj.children if m.dep_ in ("compound", "amod", "nmod")]
    if any(
        _is_one_of(m, lexicon.projectiles) or any(_is_one_of(w, lexicon.projectiles) for w in m.subtree)
        for m in mods
    ):
        return False
    return _is_one_of(obj, modifiers) or any(_is_one_of(m, modifiers) for m in mods)


def _is_one_of(tok: Any, words: frozenset[str]) -> bool:
    return tok.lower_ in words or tok.lemma_.lower() in words


def accident_clause(verb: Any, lexicon: Lexicon) -> Any | None:
    """ "A helicopter crashed in fog, killing two", "the bus plunged into a gorge, killing 17": the verb of
    an accident (``accident_verbs``, or a tanker's bursting: :func:`_burst_by_accident`) that a verb of harm
    continues as its participle or second clause, if any, unless a weapon or an act of violence is what
    crashed ("a rocket crashed into a house, killing five")."""
    if verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head is verb:
        return None
    head = verb.head
    if _burst_by_accident(head, lexicon):
        return head
    if head.pos_ != "VERB" or head.lemma_.lower() not in lexicon.accident_verbs:
        return None
    if _projectile_subject(head, lexicon):
        return None
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and lexicon.match(subj, "noun") is not None:  # an act named by a noun ("the attack")
        return None
    return head


def _outbreak(tok: Any, lexicon: Lexicon) -> bool:
    """True for "a fire broke out", "the blaze spread", "a fire at the market destroyed shops", "killed in a
    fire": a disaster that happened, named by no weapon ("rocket fire hit the town", "opened fire" and
    "came under fire" are attacks)."""
    if tok.lower_ not in lexicon.disaster_outbreaks:
        return False
    if occurrence_verb(tok, lexicon.occurrence_verbs) is not None:
        return not any(c.dep_ == "compound" for c in tok.children)
    if any(
        c.dep_ in ("compound", "amod", "nmod", "poss") and (c.lower_ in lexicon.fire_weapons or c.ent_type_)
        for c in tok.children
    ):
        return False
    # a subject, the head of a headline ("Fire at a market kills ten"), after "in"/"by" ("killed in a fire")
    return tok.dep_ in ("nsubj", "nsubjpass", "ROOT") or (
        tok.dep_ == "pobj" and tok.head.lower_ in ("in", "by")
    )


def harm_in_disaster(
    sent: Any,
    sources: list[ActorMention],
    implied_doer: bool,
    lexicon: Lexicon,
    proposed: bool = False,
    violent: Callable[[str], bool] = lambda code: False,
) -> bool:
    """True for harm that no word names a doer of (an implied doer, unidentified attackers or nobody; or
    whatever doer, for an act only the sentence model proposed) in a sentence that names a disaster, or
    that follows one naming a disaster and names no act of violence itself ("An earthquake struck ... At
    least 37 people were killed"): no attack is coded for it."""
    nobody = (
        proposed
        or implied_doer
        or all(m.actor.sector == UNIDENTIFIED or _names_disaster(sent, m, lexicon) for m in sources)
    )
    if not nobody:
        return False
    if disaster_word(sent, lexicon) is not None:
        return True
    before = _previous_sentence(sent)
    if before is None or disaster_word(before, lexicon) is None:
        return False
    return not violence_named(sent, lexicon, violent)


def _names_disaster(sent: Any, mention: ActorMention, lexicon: Lexicon) -> bool:
    """True for a source that is the disaster itself ("fireworks exploded at a warehouse, killing 12")."""
    span = sent.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    words = lexicon.disaster_words
    return span is not None and any(t.lemma_.lower() in words or t.lower_ in words for t in span)


def _previous_sentence(sent: Any) -> Any | None:
    """The sentence before ``sent`` in its document, if any."""
    return sent.doc[sent.start - 1].sent if sent.start > 0 else None


def violence_named(sent: Any, lexicon: Lexicon, violent: Callable[[str], bool]) -> bool:
    """Whether a word of the sentence names an act of violence (a noun with a sense whose CAMEO code
    ``violent`` accepts: "the attack") or a weapon's harm (``non_police_harm``: "a bomb blast")."""
    harm = event_words().non_police_harm
    for tok in sent:
        if tok.lemma_.lower() in harm or tok.lower_ in harm:
            return True
        entry = lexicon.match(tok, "noun") if tok.pos_ == "NOUN" else None
        if entry is not None and violent(entry.cameo):
            return True
    return False


def undergoer_target(c: Any, params: Any) -> bool:
    """Rule of the ``arguments`` phase: the subject of a verb of dying is the candidate's target, not its
    source (see :func:`undergoer_roles`)."""
    lexicon = c.scene.coder.lexicon
    sources, targets, why = undergoer_roles(c.trig, c.sources, c.targets, "", lexicon)
    if sources is c.sources:
        return False
    c.sources, c.targets = sources, targets
    c.arg_why.append(why)
    return True
