"""Trigger finding: the event words of a sentence, matched against the lexicon over the parse."""

from __future__ import annotations

from collections.abc import Iterator, Set
from dataclasses import dataclass
from typing import Any

from thucydides.events.lexicon import Entry, Lexicon
from thucydides.events.syntax import (
    _children,
    _is_passive,
    _light_objects,
    quoted_name_object,
    unreported_act,
)
from thucydides.events.words import event_words
from thucydides.record import Actor, DatePrecision

# the kinds of trigger (the rules of the coder's ``propose`` phase)
ALL_KINDS_ORDER = (
    "verb_triggers",
    "light_verb_triggers",
    "obligation_triggers",
    "noun_triggers",
    "reacted_act_triggers",
)
ALL_KINDS = frozenset(ALL_KINDS_ORDER)
REACTED = "reacted_act_triggers"  # the act an event verb reacts to, owns or denies


@dataclass(slots=True, frozen=True)
class PriorAct:
    """An act coded earlier in the document, which a later definite noun may refer back to."""

    lemma: str  # the event word's lemma ("incursion", "strike")
    event_type: str
    source: Actor | None
    sentence: int
    target: Actor | None = None
    quad_class: int = 0
    date: str | None = None  # the act's date as coded, with its precision ("day", "month", ...)
    precision: DatePrecision = "unknown"


@dataclass(slots=True)
class Trigger:
    """A matched event word with the tokens that anchor it in the parse."""

    entry: Entry
    token: Any  # the event word
    anchor: Any  # the clause verb (the light verb for "held talks", else the token itself)
    nominal: bool = False
    target_tok: Any = None  # set where the target is not an object ("said Y must ...": Y)
    kind: str = ""  # the rule that found it (a rule of the propose phase, or "sentence_model")


class TriggerFinder:
    """Mixin of the event coder: finds the triggers of a sentence."""

    lexicon: Lexicon

    # -- triggers ---------------------------------------------------------------------------------------

    def _triggers(self, sent: Any, kinds: Set[str] = ALL_KINDS) -> Iterator[Trigger]:
        """The sentence's triggers, of the kinds (rules of the ``propose`` phase) switched on."""
        verbs, light = "verb_triggers" in kinds, "light_verb_triggers" in kinds
        obligations, nouns = "obligation_triggers" in kinds, "noun_triggers" in kinds
        reacted = REACTED in kinds
        consumed: set[int] = set()
        for tok in sent:
            if tok.i in consumed:
                continue
            upos = tok.pos_
            if (
                nouns
                and bare_gerund(tok, self.lexicon.force_words)
                and (entry := self.lexicon.match(tok, "noun")) is not None
            ):
                # "died in police firing": the tagger took the event noun for a participle
                yield Trigger(entry, tok, tok, nominal=True, kind="noun_triggers")
            elif upos in ("VERB", "AUX") or (upos == "ADJ" and tok.tag_ in ("VBN", "JJ")):
                tag = tok.tag_
                if not verbs:
                    entry = None
                else:
                    # "striking teachers": a participle modifying a noun is read as an adjective first
                    dep = tok.dep_
                    adjective = (tag == "VBN" and dep == "acomp") or (tag == "VBG" and dep == "amod")
                    pos = "adj" if upos == "ADJ" or adjective else "verb"
                    entry = self.lexicon.match(tok, pos) or (
                        self.lexicon.match(tok, "verb") if pos == "adj" else None
                    )
                    if entry is None and pos == "verb" and tag == "VBN" and _is_passive(tok):
                        entry = self.lexicon.match(tok, "adj")
                if entry is not None:
                    if not entry.obj_actor:  # "joined a protest": the object may carry its own event
                        consumed.update(o.i for o in _children(tok, "dobj"))
                    yield Trigger(entry, tok, tok, kind="verb_triggers")
                    if reacted:
                        yield from self._reacted_acts(tok)
                        yield from self._met_crowds(tok, entry)
                    continue
                if light and self.lexicon.lemma(tok, self.lexicon.light_verbs) in self.lexicon.light_verbs:
                    for noun in _light_objects(_children(tok, "dobj") or quoted_name_object(tok)):
                        noun_entry = self.lexicon.match(noun, "noun")
                        if noun_entry is not None:
                            consumed.add(noun.i)
                            yield Trigger(noun_entry, noun, tok, kind="light_verb_triggers")
                            break
                obligation = self._obligation(tok) if obligations else None
                if obligation is not None:
                    yield obligation
            elif nouns and upos in ("NOUN", "PROPN") and tok.dep_ not in ("compound",):
                entry = self.lexicon.match(tok, "noun")
                # "demanded the arrest of the culprits", "the strike was averted": not reported as done
                if entry is not None and not unreported_act(tok):
                    yield Trigger(entry, tok, tok, nominal=True, kind="noun_triggers")

    def _reacted_acts(self, verb: Any) -> Iterator[Trigger]:
        """The acts an event verb of reacting to an act, of owning or denying it, or of protesting it takes
        as its object ("condemned the shooting of two protesters", "protested the arrest of a journalist"):
        each an event of its own, coded as an event noun (its doer from its modifier or "by" phrase, else
        the doer its kind implies). Not under a verb of planning, preventing or threatening, which are not in
        these lists; not for an act its modifier marks as not done ("the planned attack")."""
        lemma = verb.lemma_.lower()
        words = event_words()
        if lemma not in self.lexicon.reaction_verbs and lemma not in words.responsibility_verbs:
            return
        for obj in _children(verb, "dobj"):
            for noun in (obj, *_children(obj, "conj")):
                if noun.pos_ != "NOUN" or any(
                    c.dep_ == "amod" and c.lower_ in words.unrealised_modifiers for c in noun.children
                ):
                    continue
                entry = self.lexicon.match(noun, "noun")
                if entry is not None:
                    yield Trigger(entry, noun, noun, nominal=True, kind=REACTED)

    def _met_crowds(self, verb: Any, entry: Entry) -> Iterator[Trigger]:
        """The protest of a crowd that crowd control is done to ("police dispersed protesters", "fired tear
        gas at demonstrators", "used water cannon to disperse the crowd"): an event noun of its own (a
        demonstration, its doer the protesters), on the crowd's word (``met_crowds``), in the verb's object,
        its aimed phrase or the object of the clause of crowd control under it."""
        words = event_words()
        if not any(entry.cameo.startswith(code) for code in words.crowd_control_codes):
            return
        verbs = [verb, *(c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB")]
        for v in verbs:
            for c in v.children:
                nouns = (
                    [c]
                    if c.dep_ == "dobj"
                    else [p for p in c.children if p.dep_ == "pobj"]
                    if c.dep_ == "prep" and c.lower_ in ("at", "on")
                    else []
                )
                for noun in nouns:
                    senses = self.lexicon.table("noun").get(words.met_crowds_act[0], ())
                    if noun.lower_ in words.met_crowds and senses:
                        crowd = Entry(key=noun.lemma_.lower(), pos="noun", cameo=senses[0].cameo)
                        yield Trigger(crowd, noun, noun, nominal=True, kind=REACTED)
                        return

    def _obligation(self, tok: Any) -> Trigger | None:
        """A speech verb reporting what another actor must or should do ("X said Y must leave")."""
        if tok.lemma_.lower() not in self.lexicon.speech_verbs:
            return None
        for clause in _children(tok, "ccomp"):
            auxes = [c.lower_ for c in clause.children if c.dep_ == "aux"]
            if auxes and auxes[0] == "to" and clause.lemma_.lower() == "have":  # "has to"
                auxes = ["must"]
            code = next((self.lexicon.obligation[a] for a in auxes if a in self.lexicon.obligation), None)
            subj = _children(clause, "nsubj", "nsubjpass")
            if code is None or not subj or any(c.dep_ == "neg" for c in clause.children):
                continue
            entry = Entry(key=f"{tok.lemma_.lower()} that ... {auxes[0]}", pos="verb", cameo=code)
            return Trigger(entry, tok, tok, target_tok=subj[0], kind="obligation_triggers")
        return None


GERUND_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "conj"})
NOUN_DEPS = frozenset({"det", "amod", "compound", "prep", "punct", "poss", "nmod", "nummod"})


def bare_gerund(tok: Any, forces: Set[str] = frozenset()) -> bool:
    """True for an "-ing" word the tagger made a verb where it stands as a noun, with nothing a verb takes
    (only what a noun takes): the object of a preposition or a verb ("in police firing"), or the word right
    after one of ``forces`` whatever the parse made of it ("police firing" parsed as "police" described by
    "firing", or as a clause of its own)."""
    if tok.tag_ != "VBG" or tok.pos_ != "VERB":
        return False
    if tok.dep_ not in GERUND_DEPS and force_before(tok, forces) is None:
        return False
    return all(c.dep_ in NOUN_DEPS for c in tok.children)


def force_before(tok: Any, forces: Set[str]) -> Any | None:
    """The word of ``forces`` right before ``tok`` ("police" in "police firing"), if there is one."""
    if tok.i == 0:
        return None
    before = tok.doc[tok.i - 1]
    return before if before.pos_ == "NOUN" and before.lemma_.lower() in forces else None
