"""The event coder: lexicon triggers over the dependency parse.

Reads ``doc.nlp`` (the parse), ``doc.actors``, ``doc.dates`` and ``doc.places``;
writes ``doc.events``. Source and target come from the sentence's structure
(subjects, objects, passives, prepositions, coordination), not from word order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from thucydides.events.attach import Anchors, attach_date, attach_place
from thucydides.events.context import (
    PAIR_LOOKBACK,
    ActorIndex,
    coded,
    domestic,
    home_of,
    pair_reference,
    place_at,
    placed,
    recent_pair,
    towards_authorities,
    unidentified_attackers,
)
from thucydides.events.lexicon import (
    DEFAULT_TARGET_PREPS,
    Entry,
    Lexicon,
    direct_objects,
    object_nouns,
    temporal,
)
from thucydides.events.modality import future_marked, infinitive_clause, modality_of
from thucydides.record import Actor, ActorMention, Document, Event, Evidence

SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
OBJ_CONTROL = frozenset(
    {
        "ask",
        "urge",
        "tell",
        "order",
        "force",
        "invite",
        "persuade",
        "allow",
        "help",
        "call",
        "press",
        "pressure",
        "encourage",
        "request",
        "compel",
        "push",
    }
)
MAX_PAIRS = 4
# codes of verbal acts (appeals, intentions, demands, disapproval, rejection, threats): what they govern
# ("demanded that the US cancel ...") names their target
VERBAL_ROOTS = frozenset({"02", "03", "05", "10", "11", "12", "13"})
COMPOUND_PREP_HEADS = frozenset({"out", "away", "back"})
PLACE_PREPS = ("in", "into", "inside", "from", "across", "throughout")
RECIPROCAL = frozenset({"CONSULT"})
VISIT_CODES = ("042", "043", "044")
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
COUNTERPART_PENALTY = 0.05
# CAMEO codes (prefixes) of acts that two parties named jointly do together ("A and B agreed", "signed a
# treaty", "talks between A and B"): coded in both directions, the second a little less confident
MUTUAL_CODES = ("03", "04", "06", "050", "057", "0871")
MUTUAL_PENALTY = 0.02
BETWEEN_WHY = "between A and B"
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
# the most confident event of a sentence should be one that happened: reported, then planned, then not
MODALITY_PENALTY = {"future": 0.05, "hypothetical": 0.15, "negated": 0.2}


@dataclass(slots=True, frozen=True)
class PriorAct:
    """An act coded earlier in the document, which a later definite noun may refer back to."""

    lemma: str  # the event word's lemma ("incursion", "strike")
    event_type: str
    source: Actor | None
    sentence: int


# reactions (support 05, disapproval 11, rejection 12) aimed at an act the text names only by a noun
REACTION_ROOTS = frozenset({"05", "11", "12"})
DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
ACT_LOOKBACK = 3  # sentences back for a general word ("the move")


@dataclass(slots=True)
class Trigger:
    """A matched event word with the tokens that anchor it in the parse."""

    entry: Entry
    token: Any  # the event word
    anchor: Any  # the clause verb (the light verb for "held talks", else the token itself)
    nominal: bool = False
    target_tok: Any = None  # set where the target is not an object ("said Y must ...": Y)


def _counterpart(
    sent: Any, index: ActorIndex, sources: list[ActorMention], exclude: Any = None
) -> ActorMention | None:
    """Another actor of the sentence from a different country than every source, if exactly one country.

    Actors inside the phrase of ``exclude`` (the event word itself) are left out.
    """
    own = {m.actor.country for m in sources}
    seen: dict[str, ActorMention] = {}
    for tok in sent:
        if exclude is not None and tok.i == exclude.i:
            continue
        m = index.by_token.get(tok.i)
        if m is not None and coded(m.actor) and m.actor.country not in own:
            seen.setdefault(str(m.actor.country), m)
    return next(iter(seen.values())) if len(seen) == 1 else None


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


def _antecedent(verb: Any, index: ActorIndex) -> tuple[list[ActorMention], Any | None]:
    """For a pronoun subject, the actors of the clause above that reports or frames this one.

    "Syria said it would withdraw": ``it`` is taken to be the subject of "said".
    """
    cur = verb
    for _ in range(4):
        if cur.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or cur.head == cur:
            return [], None
        cur = cur.head
        subj: list[Any] = [t for t in _children(cur, "nsubj", "nsubjpass") if _after_dateline(t, cur) is t]
        if not subj and (below := _children(cur, "nsubj", "nsubjpass")):
            moved = _after_dateline(below[-1], cur)
            subj = [moved] if moved is not None else []
        if subj and subj[-1].lower_ not in PRONOUNS:
            found = index.of(subj[-1])
            if found:
                return found, subj[-1]
            return [], None
    return [], None


DATELINE_DASHES = frozenset({"-", "--", "—", "–"})


def _dateline_end(tok: Any) -> int:
    """Index of the dash that closes a dateline ("NEW DELHI, Feb. 26 (Wire) - ...") opening the document.

    The parse often takes the dateline's city for the subject of the first sentence; words up to the dash
    are no argument of an event. Returns -1 when ``tok`` is not in a sentence opening with a dateline.
    """
    sent = tok.sent
    if sent.start != 0 or not sent[0].is_upper or len(sent[0].text) < 3:
        return -1
    for t in sent[: min(len(sent), 25)]:
        if t.text in DATELINE_DASHES:
            return int(t.i)
    return -1


def _after_dateline(tok: Any | None, verb: Any) -> Any | None:
    """``tok``, or where it lies in a dateline, the head of the words between the dateline and ``verb``."""
    if tok is None or (end := _dateline_end(tok)) < 0 or tok.i > end:
        return tok
    span = tok.doc[end + 1 : verb.i]
    heads = [t for t in span if not (end < t.head.i < verb.i) and t.pos_ in ("NOUN", "PROPN", "PRON")]
    return heads[0] if heads else None


def _free_relative(verb: Any) -> list[Any]:
    """For "struck what officials called a camp", the noun the free relative names ("camp")."""
    out: list[Any] = []
    for clause in _children(verb, "ccomp"):
        if any(c.dep_ == "dobj" and c.lower_ in ("what", "whatever") for c in clause.children):
            out.extend(_children(clause, "oprd", "attr", "xcomp"))
    return out


def _light_objects(objs: list[Any]) -> list[Any]:
    """The nouns that may carry the event of a light verb's object, the object itself first.

    "launched artillery and rocket fire": its conjuncts; "launched a mediation effort": a modifier of a
    noun that is no event; "began three days of war games", "a series of raids": the noun after "of".
    """
    out: list[Any] = []
    for obj in objs:
        out.append(obj)
        out.extend(c for c in obj.children if c.dep_ == "conj")
        out.extend(c for c in obj.children if c.dep_ in ("compound", "amod") and c.pos_ == "NOUN")
        out.extend(p for p in _pobjs(obj, ("of",)) if p.pos_ == "NOUN")
    return out


def _children(tok: Any, *deps: str) -> list[Any]:
    return [c for c in tok.children if c.dep_ in deps]


def _pobjs(tok: Any, preps: Iterable[str]) -> list[Any]:
    """Objects of the prepositions ``preps`` hanging from ``tok``, through "out of", "away from".

    The objects come in the order of ``preps`` (the preferred preposition first: a complaint "to the UN
    over the raids" is aimed at whoever carried out the raids), then in sentence order.
    """
    order = {p: i for i, p in enumerate(dict.fromkeys(preps))}
    out: list[Any] = []
    for prep in tok.children:
        if prep.dep_ in ("prep", "prt", "advmod") and prep.lower_ in COMPOUND_PREP_HEADS:
            out.extend(_pobjs(prep, order))
        if prep.dep_ in ("prep", "dative") and prep.lower_ in order and not temporal(prep):
            objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
            out.extend(objs or _stranded_object(prep))
    return sorted(out, key=lambda c: (order.get(c.head.lower_, len(order)), c.i))


_NP_MODIFIER_DEPS = frozenset({"det", "nummod", "amod", "compound", "poss", "case", "quantmod"})


def _stranded_object(prep: Any) -> list[Any]:
    """The object of a preposition that the parse left without one.

    In "granted asylum to five officers holed up in ..." the parser makes "officers" the subject of the
    following participle clause and leaves "to" empty. The noun phrase that starts right after the
    preposition and is the subject of a clause is its object.
    """
    doc = prep.doc
    if prep.i + 1 >= len(doc):
        return []
    tok = doc[prep.i + 1]
    while tok.dep_ in _NP_MODIFIER_DEPS and tok.head.i > tok.i:
        tok = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.left_edge.i == prep.i + 1 and tok.head.i > tok.i:
        return [tok]
    return []


def _is_passive(tok: Any) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def _subject(verb: Any, depth: int = 0) -> tuple[Any | None, str]:
    """The token that is the clause's actor, climbing through coordination and control."""
    if depth > 4:
        return None, ""
    subj = _children(verb, "nsubj", "csubj")
    if subj:  # two subjects is a misparse (a dateline read as one): the one nearest the verb
        before = [s for s in subj if s.i < verb.i]
        return (before[-1] if before else subj[0]), "subject"
    agent = [p for a in _children(verb, "agent") for p in a.children if p.dep_ == "pobj"]
    if agent:
        return agent[0], "by-agent of the passive"
    head = verb.head
    if head == verb:
        return None, ""
    if verb.dep_ == "conj":
        return _subject(head, depth + 1)
    if verb.dep_ in ("xcomp", "advcl") and head.pos_ in ("VERB", "AUX", "ADJ"):
        if head.lemma_.lower() in OBJ_CONTROL and (obj := _children(head, "dobj")):
            return obj[0], f"object of '{head.text}'"
        if head.dep_ == "acomp" or head.pos_ == "ADJ":
            return _subject(head.head, depth + 1)
        return _subject(head, depth + 1)
    if verb.dep_ == "relcl":
        return head, "the noun the relative clause describes"
    root = verb.sent.root
    if (
        verb.dep_ == "acl"
        and root.pos_ in ("NOUN", "PROPN")
        and root.i < verb.i
        and not _children(verb, "agent")
    ):
        # "Doctors from two aid groups donated ...": with no main verb found, the parse hung the verb on a
        # noun; the sentence's head noun is its subject
        return root, "subject (the sentence's head noun: the parse found no main verb)"
    if verb.dep_ == "acomp":
        return _subject(head, depth + 1)
    return None, ""


class EventCoder:
    """Stage: codes events from the parse. Reads nlp, actors, dates, places; writes events.

    Args:
        ontology: CAMEO/PLOVER tables (``thucydides.ontology.Ontology``).
        lexicon: trigger words; the bundled one when omitted.
        gazetteer: used to place events at an actor's home country when the text names no place.
    """

    def __init__(self, ontology: Any, lexicon: Lexicon | None = None, gazetteer: Any = None) -> None:
        self.ontology = ontology
        self.lexicon = lexicon or Lexicon.load()
        self.gazetteer = gazetteer

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
                    self.lexicon.lemma(t.token, self.lexicon.nouns), evs[0].event_type, evs[0].source, si
                )
                for t, evs in coded
                if evs and evs[0].source is not None and evs[0].source.country
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
        doc.events = events
        return doc

    def _directed(self, cameo: str) -> bool:
        return self.ontology.plover_type(cameo) in DIRECTED

    # -- triggers ---------------------------------------------------------------------------------------

    def _triggers(self, sent: Any) -> Iterator[Trigger]:
        consumed: set[int] = set()
        for tok in sent:
            if tok.i in consumed:
                continue
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.tag_ in ("VBN", "JJ")):
                pos = "adj" if tok.pos_ == "ADJ" or (tok.tag_ == "VBN" and tok.dep_ == "acomp") else "verb"
                entry = self.lexicon.match(tok, pos) or (
                    self.lexicon.match(tok, "verb") if pos == "adj" else None
                )
                if entry is None and pos == "verb" and tok.tag_ == "VBN" and _is_passive(tok):
                    entry = self.lexicon.match(tok, "adj")
                if entry is not None:
                    if not entry.obj_actor:  # "joined a protest": the object may carry its own event
                        consumed.update(o.i for o in _children(tok, "dobj"))
                    yield Trigger(entry, tok, tok)
                    continue
                if self.lexicon.lemma(tok, self.lexicon.light_verbs) in self.lexicon.light_verbs:
                    for noun in _light_objects(_children(tok, "dobj")):
                        noun_entry = self.lexicon.match(noun, "noun")
                        if noun_entry is not None:
                            consumed.add(noun.i)
                            yield Trigger(noun_entry, noun, tok)
                            break
                obligation = self._obligation(tok)
                if obligation is not None:
                    yield obligation
            elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound",):
                entry = self.lexicon.match(tok, "noun")
                if entry is not None:
                    yield Trigger(entry, tok, tok, nominal=True)

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
            return Trigger(entry, tok, tok, target_tok=subj[0])
        return None

    # -- arguments --------------------------------------------------------------------------------------

    def _arguments(
        self, trig: Trigger, index: ActorIndex
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
            sources = recent_pair(src_tok, index)
            if sources:
                why.append(f"source = '{src_tok.text}': the two parties named just before")
        elif src_tok is not None and src_tok.lower_ in PRONOUNS:
            sources, ante = _antecedent(src_tok.head, index)
            plural = src_tok.lower_ in PLURAL_PRONOUNS
            if plural and (not sources or all(m.actor.type == "person" for m in sources[:1])):
                pair = recent_pair(src_tok, index) if len(sources) < 2 else []
                if pair:
                    sources, ante = pair, None
                    why.append(f"source = '{src_tok.text}': the two parties named just before")
            if ante is not None:
                why.append(f"source = '{ante.text}', the subject of the clause that frames '{src_tok.text}'")
        elif src_tok is not None and anchor.dep_ == "conj" and not _children(anchor, "nsubj", "nsubjpass"):
            # "X said talks broke down and blamed Y": the parse hangs "blamed" on the reported clause
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
            targets = index.of(patient[0]) if patient else []
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
                if not targets and holder == anchor:  # "lifted the blockade on X", "part of its aid to X"
                    for obj in object_nouns(objs):
                        preps = (*entry.targets, "for")  # "suspended its aid program for X": X
                        if (
                            self.lexicon.lemma(obj, self.lexicon.proposal_nouns)
                            in self.lexicon.proposal_nouns
                        ):
                            preps = (*preps, "from", "by")  # "rejected an offer from X": X
                        for pobj in _pobjs(obj, preps):
                            if targets := index.of(pobj):
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
                        targets = index.of(pobj) or [
                            m for m in index.of(pobj, loose=True) if m.actor.type == "group"
                        ]
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
                nested = [p for o in objs for p in _pobjs(o, DEFAULT_TARGET_PREPS)]
                for cand in [*objs, *_pobjs(comp, DEFAULT_TARGET_PREPS), *nested]:
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
            if child.dep_ in ("poss", "compound", "amod", "nmod") and (m := index.at(child)) is not None:
                sources.append(m)
        between = _pobjs(tok, ("between",))
        if between:
            pair = index.of(between[0])
            if len(pair) >= 2:
                return pair[:1], pair[1:2], BETWEEN_WHY
        agents = _pobjs(tok, ("by",))
        if not sources and agents:
            sources = index.of(agents[0])
        why = "nominal event: modifier is source, prepositional object is target"
        if not sources and (verb := self._taking_part(tok)) is not None:
            subj, how = _subject(verb)
            sources = index.of(subj, loose=True) or self._reference(subj, index)
            if sources and subj is not None:
                why = f"source = {how} '{subj.text}' of '{verb.text}', who takes part in the '{tok.text}'"
        for pobj in _pobjs(tok, trig.entry.targets):
            targets = index.of(pobj)
            if targets:
                break
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
            for act in reversed(prior):
                if act.source is None or act.source.country in own or act.sentence >= si:
                    continue
                if (kind is not None and (act.lemma == lemma or act.event_type == kind)) or (
                    general and si - act.sentence <= ACT_LOOKBACK
                ):
                    return act, obj.text
        return None

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
        sources, targets, why = self._arguments(trig, index)
        sources, src_why = placed(sources, targets, sent, index, anchors)
        targets, tgt_why = placed(targets, sources, sent, index, anchors)
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
        if (
            sources
            and not targets
            and self.ontology.plover_type(entry.cameo) in RECIPROCAL
            and not entry.no_target
        ):
            partner = _counterpart(sent, index, sources)
            if partner is not None:
                targets = [partner]
                # which of the two sides the text names first says nothing of who met whom (a visit has a
                # direction: the visitor and the host)
                joint = not entry.cameo.startswith(VISIT_CODES)
                why += f"; target = '{partner.text}', the other party named (a meeting has two sides)"
        if trig.nominal and not sources:
            return []
        if sources and not targets and not entry.no_target and domestic(self.ontology, entry.cameo):
            protest = towards_authorities(self.ontology, entry.cameo)
            home = home_of(sources[0], sent, anchors, protest)
            if home is not None:
                targets = [home]
                whom = "the authorities" if protest else "the people"
                why += (
                    f"; target = {whom} of {home.actor.country}: no target named, and such an act is aimed "
                    f"at {whom} of the country where it happens"
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
        if sources and not targets and not trig.nominal and entry.cameo[:2] in REACTION_ROOTS and prior:
            earlier = self._referred_act(trig, si, sources, prior)
            if earlier is not None:
                act, noun = earlier
                assert act.source is not None
                targets = [
                    ActorMention(sent.start_char, sent.start_char, act.source.text, act.source, "doer")
                ]
                why += (
                    f"; target = '{act.source.text}', the doer of the '{act.lemma}' ({act.event_type}) "
                    f"reported earlier in the document, which '{noun}' refers back to"
                )
        if entry.target_required and not targets:
            return []
        if entry.obj_place and not targets:
            return []
        if entry.obj_actor and not any(index.of(o) for o in direct_objects(trig.anchor)):
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
        date_value, precision, date_why = attach_date(trig, anchors, doc)
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
        pairs = [(s, t) for s in src_opts for t in tgt_opts if s != t][:MAX_PAIRS]
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
                    event_id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
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


def _threat(events: list[Event]) -> bool:
    return any(e.cameo.startswith("13") for e in events)


def _unless(anchor: Any) -> bool:
    """True when the clause carries an "unless" condition."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for c in anchor.children
    )


def _prefer_governing(coded: list[tuple[Trigger, list[Event]]]) -> None:
    """Lower the confidence of events that sit inside another event's words.

    "demanded an admission that forces killed ..." or "accused X of attacking ...": the demand or the
    accusation is what the sentence reports; the embedded act is its content.
    """
    heads = {t.token.i for t, evs in coded if evs} | {t.anchor.i for t, evs in coded if evs}
    for trig, evs in coded:
        if any(a.i in heads for a in trig.anchor.ancestors if a.i not in (trig.token.i, trig.anchor.i)):
            for ev in evs:
                ev.confidence = round(ev.confidence - 0.1, 4)


# clause links that lead from a sentence's main clause into background (time, reason, relative clauses) or
# into a later coordinated clause; an event down such a link ranks a little below a main-clause one
BACKGROUND_DEPS = {"advcl": 0.02, "relcl": 0.02, "acl": 0.02, "pcomp": 0.02, "conj": 0.01}
MAX_BACKGROUND_PENALTY = 0.04


def _prefer_main_clause(coded: list[tuple[Trigger, list[Event]]]) -> None:
    """Rank the main clause's reported act above acts in background or later coordinated clauses.

    "Benin opened its borders ..., but was still refusing ...", "X shelled Y after rebels attacked Z": the
    penalty is small (a few hundredths), so it orders events of otherwise equal confidence and never
    outweighs what the actors or the modality say.
    """
    for trig, evs in coded:
        penalty = 0.0
        tok = trig.anchor
        while tok.head != tok:
            penalty += BACKGROUND_DEPS.get(tok.dep_, 0.0)
            tok = tok.head
        penalty = min(penalty, MAX_BACKGROUND_PENALTY)
        for ev in evs:
            ev.confidence = round(ev.confidence - penalty, 4)


def _evidence(sent: Any) -> Evidence:
    """The sentence as evidence, without the line breaks and spaces that end it."""
    text = sent.text.rstrip()
    return Evidence(text, sent.start_char, sent.start_char + len(text))


def _same(a: Actor, b: Actor) -> bool:
    if a.id and b.id:
        return a.id == b.id
    return a.country == b.country and a.sector == b.sector


def _code_of(m: ActorMention | None) -> str:
    return (m.actor.code or "") if m else ""


def _actor(m: ActorMention | None) -> Actor | None:
    if m is None:
        return None
    a = m.actor
    return Actor(text=m.text, name=a.name, id=a.id, country=a.country, sector=a.sector, type=a.type)


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (type, source, target) in a sentence: the most confident."""
    best: dict[tuple[str, str, str], Event] = {}
    for ev in events:
        key = (
            ev.event_type,
            ev.source.code or "" if ev.source else "",
            ev.target.code or "" if ev.target else "",
        )
        if key not in best or ev.confidence > best[key].confidence:
            best[key] = ev
    # an event without a target adds nothing beside the same event with one ("welcomed … and thanked X")
    targeted = {(k[0], k[1]) for k in best if k[2]}
    kept = [ev for k, ev in best.items() if k[2] or (k[0], k[1]) not in targeted]
    return sorted(kept, key=lambda e: (e.evidence.start, e.event_id))
