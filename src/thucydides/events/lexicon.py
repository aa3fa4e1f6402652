"""The event lexicon: trigger words and the CAMEO codes they carry.

The words live in ``data/event_lexicon.yaml``; this module loads them and
matches a spaCy token against them, checking each entry's conditions on the
token's dependents.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from thucydides.datafile import load_yaml
from thucydides.events.statements import StatementWords
from thucydides.events.words import event_words

DEFAULT_TARGET_PREPS = ("with", "to", "against", "on", "at", "toward", "towards", "into")
PARTICLE_DEPS = {"prt", "prep", "advmod", "compound:prt", "dative", "oprd"}  # "set alight" parses oddly


@dataclass(frozen=True, slots=True)
class Entry:
    """One sense of a trigger word."""

    key: str
    pos: str
    cameo: str
    targets: tuple[str, ...] = DEFAULT_TARGET_PREPS
    obj: frozenset[str] = frozenset()
    not_obj: frozenset[str] = frozenset()
    xcomp: frozenset[str] = frozenset()
    subj: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    pobj: frozenset[str] = frozenset()
    doer: frozenset[str] = frozenset()
    not_doer: frozenset[str] = frozenset()
    no_obj: bool = False
    obj_actor: bool = False
    obj_place: bool = False
    no_target: bool = False
    mode: str | None = None
    plover: str | None = None
    subject_is_source: bool = False
    target_required: bool = False
    xcomp_required: bool = False
    intent: bool = False
    agentless_passive: bool = False
    no_infinitive: bool = False


def _word(value: Any) -> str:
    """A word of the lexicon file; YAML 1.1 reads a bare ``on``/``off`` as a boolean."""
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value).lower()


def _entry(key: str, pos: str, raw: dict[str, Any]) -> Entry:
    def words(name: str) -> frozenset[str]:
        return frozenset(_word(w) for w in raw.get(name) or ())

    return Entry(
        key=key,
        pos=pos,
        cameo=str(raw["cameo"]),
        targets=tuple(_word(t) for t in raw.get("targets") or DEFAULT_TARGET_PREPS),
        obj=words("obj"),
        not_obj=words("not_obj"),
        xcomp=words("xcomp"),
        subj=words("subj"),
        prep=words("prep"),
        pobj=words("pobj"),
        doer=words("doer"),
        not_doer=words("not_doer"),
        no_obj=bool(raw.get("no_obj", False)),
        obj_actor=bool(raw.get("obj_actor", False)),
        obj_place=bool(raw.get("obj_place", False)),
        no_target=bool(raw.get("no_target", False)),
        mode=raw.get("mode"),
        plover=raw.get("plover"),
        subject_is_source=bool(raw.get("subject_is_source", False)),
        target_required=bool(raw.get("target_required", False)),
        xcomp_required=bool(raw.get("xcomp_required", False)),
        intent=bool(raw.get("intent", False)),
        agentless_passive=bool(raw.get("agentless_passive", False)),
        no_infinitive=bool(raw.get("no_infinitive", False)),
    )


@dataclass(frozen=True, slots=True)
class ImpliedAgent:
    """The doer an act implies when the text names none (``implied_agents`` in the lexicon file)."""

    sector: str
    text: str
    nominal_only: bool = False
    lemmas: frozenset[str] = frozenset()  # only for these event words (all where empty)


@dataclass(slots=True)
class Lexicon:
    """Trigger entries by part of speech and lemma (phrasal keys such as ``shoot down`` included)."""

    verbs: dict[str, list[Entry]] = field(default_factory=dict)
    nouns: dict[str, list[Entry]] = field(default_factory=dict)
    adjectives: dict[str, list[Entry]] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    intent_verbs: frozenset[str] = frozenset()
    intent_codes: dict[str, str] = field(default_factory=dict)
    refusal_code: str = "120"
    threat_code: str = "130"
    refusal_roots: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    obligation: dict[str, str] = field(default_factory=dict)
    references: dict[str, str] = field(default_factory=dict)
    reference_modifiers: frozenset[str] = frozenset()
    generic_actors: dict[str, str] = field(default_factory=dict)
    # the generic actors that are a state's forces ("police", "troops": see ``state_force_sectors``)
    force_words: frozenset[str] = frozenset()
    implied_agents: dict[str, ImpliedAgent] = field(default_factory=dict)
    disaster_words: frozenset[str] = frozenset()
    # a head word → the modifiers that make it a disaster ("gas" + "explosion")
    disaster_phrases: dict[str, frozenset[str]] = field(default_factory=dict)
    undergoer_verbs: frozenset[str] = frozenset()
    projectiles: frozenset[str] = frozenset()
    accident_verbs: frozenset[str] = frozenset()
    burst_verbs: frozenset[str] = frozenset()
    disaster_outbreaks: frozenset[str] = frozenset()
    occurrence_verbs: frozenset[str] = frozenset()
    reaction_verbs: frozenset[str] = frozenset()
    fire_weapons: frozenset[str] = frozenset()
    non_occasion_preps: frozenset[str] = frozenset()
    participation_verbs: frozenset[str] = frozenset()
    proposal_nouns: frozenset[str] = frozenset()
    act_references: frozenset[str] = frozenset()
    convening_bodies: frozenset[str] = frozenset()
    evaluative: frozenset[str] = frozenset()
    statements: StatementWords = field(default_factory=StatementWords)
    # per part of speech: the table's size, the words its keys begin or end with, and the inflected forms
    # whose suffix guess (see lemma) is a key (see match)
    _key_words: dict[str, tuple[int, frozenset[str], frozenset[str]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def load(cls, text: str | None = None) -> Lexicon:
        """Load the bundled lexicon (or one given as YAML text)."""
        if text is None:
            text = (resources.files("thucydides") / "data" / "event_lexicon.yaml").read_text(encoding="utf-8")
        raw = load_yaml(text)
        lex = cls(
            light_verbs=frozenset(raw.get("light_verbs") or ()),
            intent_verbs=frozenset(raw.get("intent_verbs") or ()),
            intent_codes={str(k): str(v) for k, v in (raw.get("intent_codes") or {}).items()},
            refusal_code=str(raw.get("refusal_code") or "120"),
            threat_code=str(raw.get("threat_code") or "130"),
            refusal_roots=frozenset(str(r) for r in raw.get("refusal_roots") or ()),
            speech_verbs=frozenset(raw.get("speech_verbs") or ()),
            obligation={str(k): str(v) for k, v in (raw.get("obligation") or {}).items()},
            references={str(k): str(v) for k, v in (raw.get("references") or {}).items()},
            reference_modifiers=frozenset(str(w) for w in raw.get("reference_modifiers") or ()),
            generic_actors={str(k): str(v or "") for k, v in (raw.get("generic_actors") or {}).items()},
            implied_agents={
                str(k): ImpliedAgent(
                    str(v["sector"]),
                    str(v.get("text") or v["sector"]),
                    bool(v.get("nominal_only")),
                    frozenset(str(w) for w in v.get("lemmas") or ()),
                )
                for k, v in (raw.get("implied_agents") or {}).items()
            },
            disaster_words=frozenset(str(w) for w in raw.get("disaster_words") or ()),
            disaster_phrases={
                str(k): frozenset(str(w) for w in v or ())
                for k, v in (raw.get("disaster_phrases") or {}).items()
            },
            undergoer_verbs=frozenset(str(w) for w in raw.get("undergoer_verbs") or ()),
            projectiles=frozenset(str(w) for w in raw.get("projectiles") or ()),
            accident_verbs=frozenset(str(w) for w in raw.get("accident_verbs") or ()),
            burst_verbs=frozenset(str(w) for w in raw.get("burst_verbs") or ()),
            disaster_outbreaks=frozenset(str(w) for w in raw.get("disaster_outbreaks") or ()),
            occurrence_verbs=frozenset(str(w) for w in raw.get("occurrence_verbs") or ()),
            reaction_verbs=frozenset(str(w) for w in raw.get("reaction_verbs") or ()),
            fire_weapons=frozenset(str(w) for w in raw.get("fire_weapons") or ()),
            non_occasion_preps=frozenset(str(w) for w in raw.get("non_occasion_preps") or ()),
            participation_verbs=frozenset(raw.get("participation_verbs") or ()),
            proposal_nouns=frozenset(raw.get("proposal_nouns") or ()),
            act_references=frozenset(raw.get("act_references") or ()),
            convening_bodies=frozenset(raw.get("convening_bodies") or ()),
            evaluative=frozenset(raw.get("evaluative_adjectives") or ()),
            statements=StatementWords.from_raw(raw.get("statements")),
        )
        for section, pos, table in (
            ("verbs", "verb", lex.verbs),
            ("nouns", "noun", lex.nouns),
            ("adjectives", "adj", lex.adjectives),
        ):
            for key, value in (raw.get(section) or {}).items():
                senses = value if isinstance(value, list) else [value]
                table[str(key).lower()] = [_entry(str(key).lower(), pos, s) for s in senses]
        forces = event_words().state_force_sectors
        lex.force_words = frozenset(w for w, sector in lex.generic_actors.items() if sector in forces)
        return lex

    def intent_code(self, cameo: str, negated: bool = False) -> str | None:
        """The CAMEO code for a stated intention to do ``cameo`` ("will withdraw" → intent to yield).

        Args:
            cameo: the code of the action announced.
            negated: the intention is negated ("will not accept"): a refusal for cooperative actions.

        Returns:
            The new code, or ``None`` when the action keeps its own code (statements, demands, threats...).
        """
        if negated:
            return self.refusal_code if cameo[:2] in self.refusal_roots else None
        for n in range(len(cameo), 1, -1):
            if cameo[:n] in self.intent_codes:
                return self.intent_codes[cameo[:n]]
        return None

    def implied_agent(self, cameo: str, nominal: bool, lemma: str = "") -> ImpliedAgent | None:
        """Who does an act of ``cameo`` (told by the event word ``lemma``) that the text reports without a
        doer (longest code prefix)."""
        for n in range(len(cameo), 1, -1):
            agent = self.implied_agents.get(cameo[:n])
            if agent is not None:
                if agent.lemmas and lemma not in agent.lemmas:
                    return None
                return agent if nominal or not agent.nominal_only else None
        return None

    @staticmethod
    def lemma(tok: Any, known: Any) -> str:
        """The token's lemma, or a guess from its inflection when the tagger's lemma is not in ``known``.

        The small model sometimes lemmatises a past tense oddly ("staged" → "stag"); the suffix guesses
        ("-d", "-ed", "-ied", "-s", "-es", "-ing") are only tried when the lemma itself is unknown.
        """
        word, tagged = str(tok.lower_), str(tok.lemma_).lower()
        return _known_lemma(word, tagged, known, _uninflected(tok), _verb_form(tok))

    def table(self, pos: str) -> dict[str, list[Entry]]:
        return {"verb": self.verbs, "noun": self.nouns, "adj": self.adjectives}[pos]

    def match(self, tok: Any, pos: str) -> Entry | None:
        """The first entry for ``tok`` whose conditions hold, phrasal keys first."""
        table = self.table(pos)
        # every key is the lemma, or the lemma and a particle after it, or a modifier and the lemma
        # (or, for nouns, the word as written): most tokens are none of these, so stop early
        words = self._key_words.get(pos)
        if words is None or words[0] != len(table):
            words = self._key_words[pos] = (
                len(table),
                frozenset(w for key in table for w in key.split()[:1] + key.split()[-1:]),
                _inflected_forms(table),
            )
        lower = str(tok.lower_)
        tagged = str(tok.lemma_).lower()
        # the lemma below is the tagger's (a key or not) unless the word is an inflected form of a key,
        # so a token whose tagger lemma and written form are none of the words can stop here
        # a noun or an adjective may be keyed as written ("striking" tagged as the verb's participle)
        as_written = pos in ("noun", "adj") and lower in words[1]
        if tagged not in words[1] and lower not in words[2] and not as_written:
            return None
        lemma = _known_lemma(lower, tagged, table, _uninflected(tok), _verb_form(tok))
        if lemma not in words[1] and not as_written:
            return None
        children = list(tok.children)  # one pass over the children (each access builds token objects)
        candidates: list[Entry] = []
        if (prefix := hyphen_prefix(tok)) is not None:
            # "baton-charged", "lathi-charged": the tokenizer splits a hyphenated verb the lexicon names whole
            candidates.extend(table.get(f"{prefix.lower_}-{lemma}", ()))
        # "fired on the convoy" is "fire on"; "fired a missile on Wednesday" is not (a date, not a particle);
        # nor is a preposition after a sum of money ("gave $5 million in aid": no "give in")
        sums = event_words().sum_words
        after_obj = min(
            (c.i for c in children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in sums),
            default=len(tok.doc),
        )
        parts = {
            c.lower_
            for c in children
            if c.dep_ in PARTICLE_DEPS
            and f"{lemma} {c.lower_}" in table  # only the particles of a phrasal key
            and not (c.dep_ == "prep" and (temporal(c) or c.i > after_obj))
        }
        for part in sorted(parts):
            candidates.extend(table.get(f"{lemma} {part}", ()))
        if pos == "noun":  # "hunger strike", "martial law": a modifier word before the noun
            for c in children:
                near = tok.i - 2 <= c.i < tok.i  # "cease-fire" too
                if (c.dep_ == "compound" and near) or (c.dep_ == "amod" and c.i < tok.i):
                    candidates.extend(table.get(f"{c.lower_} {lemma}", ()))  # "joint air defence drills"
                if c.dep_ == "compound" and c.i < tok.i:  # "joint air defence drills": on the compound
                    for g in c.children:
                        if g.dep_ in ("compound", "amod") and g.i < c.i:
                            candidates.extend(table.get(f"{g.lower_} {lemma}", ()))
        candidates.extend(table.get(lemma, ()))
        if pos in ("noun", "adj") and lemma != lower:
            candidates.extend(table.get(lower, ()))
        nouns = self.table("noun")
        for entry in candidates:
            if _conditions_hold(entry, tok, nouns):
                return entry
        return None


# the inflections ``Lexicon.lemma`` undoes when the tagger's lemma is unknown, tried in this order
_SUFFIXES = (("ied", "y"), ("ed", ""), ("d", ""), ("ies", "y"), ("es", ""), ("s", ""), ("ing", ""))


def _uninflected(tok: Any) -> bool:
    """Whether the tagger says a word is a singular noun: "band" is no "ban" + "d", though it may be a
    gerund ("rioting", "shelling"). An adjective may still be a participle ("abducted workers")."""
    return bool(tok.tag_ == "NN")


def _verb_form(tok: Any) -> bool:
    """Whether the tagger reads a word as a verb (of any tense: it may take "forgave" for a present)."""
    return str(tok.tag_).startswith("V")


@functools.cache
def irregular_forms() -> dict[str, str]:
    """Each past or participle form of an irregular verb, with its plain form (``irregular_verbs.yaml``)."""
    text = (resources.files("thucydides") / "data" / "irregular_verbs.yaml").read_text(encoding="utf-8")
    table = load_yaml(text) or {}
    return {str(form): str(plain) for plain, forms in table.items() for form in forms}


def _known_lemma(
    word: str, lemma: str, known: Any, singular_noun: bool = False, verb_form: bool = False
) -> str:
    """``lemma`` when it is in ``known``; else, for a word the tagger reads as a verb, the plain form of an
    irregular past ("forgave" → "forgive") where that is known; else the first suffix guess for ``word``
    that is (for a singular noun, only a gerund's "-ing"); else ``lemma``."""
    if lemma in known:
        return lemma
    if verb_form and (plain := irregular_forms().get(word)) is not None and plain in known:
        return plain
    for suffix, repl in _SUFFIXES:
        if singular_noun and not suffix.endswith("ing"):
            continue
        if word.endswith(suffix) and (guess := word[: len(word) - len(suffix)] + repl) in known:
            return guess
    return lemma


def _inflected_forms(known: Any) -> frozenset[str]:
    """Every word for which some suffix guess of :func:`_known_lemma` is in ``known``, and every irregular
    past form of a word in ``known``."""
    return frozenset(
        key[: len(key) - len(repl)] + suffix
        for key in known
        for suffix, repl in _SUFFIXES
        if key.endswith(repl)
    ) | frozenset(form for form, plain in irregular_forms().items() if plain in known)


def direct_objects(tok: Any) -> list[Any]:
    """The verb's direct objects; failing those, the subject of a participle clause the parse hung on it.

    "freed an American held hostage" is often parsed as "freed [an American held hostage]" with "American"
    the subject of "held": a participle with no auxiliary after a verb that takes no clause is a reduced
    relative on the object ("said the army attacked" keeps its clause).
    """
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    if objs or tok.lemma_.lower() in event_words().clausal_verbs:
        return objs
    if counted := _up_to(tok):
        return counted
    if shifted := _shifted_object(tok):
        return shifted
    if reduced_passive(tok):
        return [tok.head]
    for clause in tok.children:
        if (
            clause.dep_ == "ccomp"
            and clause.tag_ in ("VBN", "VBD")
            and clause.i > tok.i
            and not any(
                c.dep_ in ("aux", "auxpass", "mark") or c.tag_ in ("WP", "WDT") for c in clause.children
            )
            and not any(t.tag_ in ("WP", "WDT") for t in clause.subtree)  # "bombed what X said was a camp"
        ):
            return [c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i]
    return []


ACTOR_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})


def _shifted_object(verb: Any) -> list[Any]:
    """An object the writer moved after an "as" phrase, which the parse hangs on that phrase: "denounced
    as a crime Serbia's crackdown" ("crackdown" in apposition to "crime")."""
    out: list[Any] = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "as":
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            out.extend(a for a in pobj.children if a.dep_ == "appos" and a.pos_ == "NOUN")
            # "dismissed as meaningless U.S. accusations": the judgement and the object read as one phrase
            if pobj.pos_ == "NOUN" and any(
                c.dep_ in ("compound", "poss", "amod") and c.ent_type_ in ACTOR_ENTITIES
                for c in pobj.children
            ):
                out.append(pobj)
    return out


def _up_to(tok: Any) -> list[Any]:
    """The object of "killed up to 30 people", which the parse hangs on "up" and "to" as if a particle
    and a preposition: a counted noun after "up to"."""
    return [
        pobj
        for prt in tok.children
        if prt.dep_ == "prt" and prt.lower_ == "up"
        for prep in prt.children
        if prep.dep_ == "prep" and prep.lower_ == "to"
        for pobj in prep.children
        if pobj.dep_ == "pobj" and any(c.dep_ == "nummod" for c in pobj.children)
    ]


def reduced_passive(tok: Any) -> bool:
    """True for a past participle modifying a noun with its doer named ("an academic freed by the Taliban").

    The noun it modifies is what the act was done to: its object. Without a "by" phrase the participle is
    usually background ("the ship seized last week") and is left alone.
    """
    return bool(
        tok.dep_ == "acl"
        and tok.tag_ == "VBN"
        and tok.head.pos_ in ("NOUN", "PROPN", "ADJ")
        and any(c.dep_ == "agent" for c in tok.children)
    )


def _cargo(noun: Any) -> list[Any]:
    """What a noun is said to carry ("a plane carrying tents, food and medicine": tents, food, medicine)."""
    return [
        o
        for part in noun.children
        if part.dep_ == "acl" and part.lemma_.lower() in event_words().carrying_verbs
        for obj in part.children
        if obj.dep_ == "dobj"
        for o in (obj, *conjuncts(obj))
    ]


def object_nouns(objs: list[Any]) -> list[Any]:
    """Objects, with the noun after "of" for a partitive ("suspended part of its aid": aid) and conjuncts."""
    out = list(objs)
    partitives = event_words().partitives
    sums = event_words().sum_words
    for o in objs:
        if o.tag_ in ("WDT", "WP") and (clause := _relative_clause(o)) is not None:
            out.extend(_antecedents(clause.head))  # "the plant, which protesters blocked": the plant
        if o.lemma_.lower() in partitives:
            out.extend(
                p for prep in o.children if prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj"
            )
        if o.lemma_.lower() in sums:  # "$3 million in aid": aid
            out.extend(
                p for prep in o.children if prep.lower_ == "in" for p in prep.children if p.dep_ == "pobj"
            )
        out.extend(c for c in conjuncts(o) if c not in out)
    return out


def _relative_clause(pronoun: Any) -> Any | None:
    """The relative clause a relative pronoun opens (the verb it hangs on, or the verb above that verb's
    complement: "which protesters have tried to block")."""
    cur = pronoun.head
    for _ in range(3):
        if cur.dep_ == "relcl":
            return cur
        if cur.dep_ not in ("xcomp", "ccomp") or cur.head == cur:
            return None
        cur = cur.head
    return None


def _antecedents(noun: Any) -> list[Any]:
    """The noun a relative clause hangs on and, for a name placing a noun ("the fuel plant in Senkata,
    which ..." is often parsed with the clause on the name), that noun too."""
    out = [noun]
    prep = noun.head
    if (
        noun.dep_ == "pobj"
        and noun.pos_ == "PROPN"
        and prep.lower_ in ("in", "at", "near")
        and prep.head.pos_ == "NOUN"
    ):
        out.append(prep.head)
    return out


def conjuncts(tok: Any) -> list[Any]:
    """The conjuncts coordinated with ``tok``, each after the one it hangs on ("artillery, mortar and
    rocket fire": the parse hangs "fire" on "mortar", "mortar" on "artillery")."""
    out: list[Any] = []
    chain = [c for c in tok.children if c.dep_ == "conj"]
    while chain:
        c = chain.pop(0)
        out.append(c)
        chain.extend(d for d in c.children if d.dep_ == "conj")
    return out


def hyphen_prefix(tok: Any) -> Any | None:
    """The word a hyphen joins to ``tok`` on its left, with no space on either side ("baton-charged",
    "US-backed": 'baton', 'US'), if any."""
    doc, i = tok.doc, tok.i
    if i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        return doc[i - 2]
    return None


def temporal(prep: Any) -> bool:
    """True for a preposition whose object is a date or time ("called on Tuesday" is no "call on")."""
    time_words = event_words().time_words
    return any(
        c.dep_ == "pobj"
        and (
            c.ent_type_ in ("DATE", "TIME")
            or c.lower_ in time_words
            or c.lemma_.lower() in time_words
            or (c.like_num and c.ent_type_ not in ("MONEY", "PERCENT", "QUANTITY"))
        )
        for c in prep.children
    )


def _excluded(entry: Entry, objs: list[Any]) -> bool:
    """True where one of the objects ``objs`` is one the sense rules out (``not_obj``)."""
    return bool(entry.not_obj) and any(
        o.lemma_.lower() in entry.not_obj or o.lower_ in entry.not_obj for o in objs
    )


def excludes_object(entry: Entry, tok: Any) -> bool:
    """True where the object of ``tok`` is one the sense ``entry`` rules out ("fought the blaze", "fired 200
    workers", "a battle with hunger"), as the sense's conditions read it."""
    return bool(entry.not_obj) and _excluded(
        entry, _ruled_out_pool(entry, tok, object_nouns(direct_objects(tok)))
    )


def sense_ruled_out(entry: Entry, tok: Any) -> bool:
    """True where ``tok`` cannot carry the sense ``entry`` whatever else holds: a sense of a complement ("held
    hostage") with none of its words ("the trial is being held"), or a doer the sense rules out ("police
    barricaded the streets")."""
    if entry.not_doer and _doer_is(entry.not_doer, list(tok.children)):
        return True
    if not entry.xcomp:
        return False
    return not any(
        c.dep_ in ("xcomp", "ccomp", "oprd") and c.lemma_.lower() in entry.xcomp for c in tok.children
    )


def _ruled_out_pool(entry: Entry, tok: Any, objs: list[Any]) -> list[Any]:
    """What ``not_obj`` is read on: the objects; else the noun a participle modifies ("the film, shot in
    Kigali"); else the subject of a passive, the object of the active ("tear gas was fired at students", "a
    deal was struck"); else the objects of the sense's target prepositions, where it names them ("battled
    with hunger", "the fight against corruption": the foe)."""
    if objs or (objs := _participle_head(tok)):
        return objs
    if passive := [c for c in tok.children if c.dep_ == "nsubjpass"]:
        return passive
    if entry.targets == DEFAULT_TARGET_PREPS:  # only the prepositions a sense names for its foe
        return []
    return [
        p
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in entry.targets
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _participle_head(tok: Any) -> list[Any]:
    """The noun a past participle modifies, what the act was done to ("the film, shot in Kigali")."""
    return (
        [tok.head] if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN") else []
    )


def _counted_people(tok: Any, entry: Entry) -> bool:
    """ "25 were held", "40 more held": a bare count names people, for a sense that takes people."""
    return tok.tag_ == "CD" and "people" in entry.obj


def _conditions_hold(entry: Entry, tok: Any, event_nouns: Mapping[str, Any] | None = None) -> bool:
    """Whether ``entry``'s conditions hold at ``tok``; ``event_nouns``: the lexicon's event nouns, which a
    past participle describes rather than acts on ("the sanctions imposed last week": the noun is the
    event)."""
    deps = list(tok.children)
    if " " in entry.key:  # a phrasal verb's preposition may hang on its particle ("stayed away from work")
        particle = entry.key.split()[-1]
        deps += [g for c in deps if c.dep_ in ("advmod", "prt") and c.lower_ == particle for g in c.children]
    # the objects only where a condition reads them (finding them walks the parse)
    objs = object_nouns(direct_objects(tok)) if entry.obj or entry.not_obj or entry.no_obj else []
    passive_subj = [c for c in deps if c.dep_ == "nsubjpass"] if entry.obj else []
    if entry.obj:  # the object, or a noun modifying it ("mediation efforts", "aid deliveries"); for a past
        # participle, the noun it modifies ("the 15 people held for rioting")
        pool = (
            objs
            or passive_subj
            or [
                n
                for n in _participle_head(tok)
                if event_nouns is None
                or (n.lemma_.lower() not in event_nouns and n.lower_ not in event_nouns)
            ]
        )
        pool = [*pool, *(c for o in pool for c in o.children if c.dep_ == "compound" and c.pos_ == "NOUN")]
        if not any(
            o.lemma_.lower() in entry.obj or o.lower_ in entry.obj or _counted_people(o, entry) for o in pool
        ):
            return False
    if entry.not_obj and _excluded(entry, _ruled_out_pool(entry, tok, objs)):
        return False
    if entry.no_obj and objs:
        return False
    if entry.prep and not any(
        (c.dep_ == "prep" and c.lower_ in entry.prep and not temporal(c))
        or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in entry.prep for m in c.children))
        for c in deps
    ):  # "pushed for sanctions", "pushed for the US to act" (a clause introduced by the word)
        return False
    if entry.subj and not any(
        w.lemma_.lower() in entry.subj or w.lower_ in entry.subj
        for s in deps
        if s.dep_ in ("nsubj", "nsubjpass")
        for n in (
            s,
            *(  # "thousands of protesters", "some in the crowd"
                p
                for prep in s.children
                if prep.lower_ in ("of", "in", "among")
                for p in prep.children
                if p.dep_ == "pobj"
            ),
            *_cargo(s),
        )
        for w in (n, *(c for c in n.children if c.dep_ in ("compound", "amod")))
    ):
        return False
    if entry.pobj and not any(
        # "taken in for questioning": a gerund the parse hangs as the preposition's clause (pcomp)
        p.dep_ in ("pobj", "pcomp") and (p.lemma_.lower() in entry.pobj or p.lower_ in entry.pobj)
        for c in deps
        if c.dep_ == "prep"
        # a stacked preposition counts as its last word ("pulled out of the talks": of)
        for q in (c, *(g for g in c.children if g.dep_ == "prep"))
        if not entry.prep or q.lower_ in entry.prep
        for p in q.children
    ):  # "took to the streets"
        return False
    if entry.doer and not _doer_is(entry.doer, deps, tok):
        return False
    if entry.not_doer and _doer_is(entry.not_doer, deps, tok):
        return False
    if entry.agentless_passive and not (
        any(c.dep_ == "nsubjpass" for c in deps)
        and not any(c.dep_ in ("agent", "oprd", "acomp", "attr", "xcomp", "ccomp", "npadvmod") for c in deps)
        and not any(t.lower_ == "by" for c in deps if c.dep_ == "prep" for t in c.subtree)
    ):  # "50 persons were held", not "were held hostage", "held responsible", "held at ransom by the rebels"
        return False
    if entry.no_infinitive and any(infinitive_clause(t) for t in tok.subtree if t is not tok):
        return False  # "called on the minister", not "called on the minister to resign"
    xcomps = [c for c in deps if c.dep_ in ("xcomp", "ccomp")]
    # the predicate of the object is a complement too ("held hostage": oprd)
    predicates = [c for c in deps if c.dep_ == "oprd"]
    if entry.xcomp and not any(x.lemma_.lower() in entry.xcomp for x in xcomps + predicates):
        return False
    return (
        not entry.xcomp_required or bool(xcomps) or any(c.dep_ == "prep" and c.lower_ == "to" for c in deps)
    )


def infinitive_clause(tok: Any) -> bool:
    """True for the verb of an infinitive clause ("to resign", "not to panic")."""
    return tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def _doer_is(words: frozenset[str], deps: list[Any], tok: Any = None) -> bool:
    """True when the verb's doer is one of ``words``: its active subject, or the object of its "by" phrase
    ("police held him", "he was held by police"), or a word modifying either ("riot police"); a verb with
    neither, coordinated with an earlier one, shares its doer ("police raided the hideout and caught three
    men")."""
    doers = [c for c in deps if c.dep_ == "nsubj"]
    doers += [p for c in deps if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    shared = tok is not None and tok.dep_ == "conj" and tok.head != tok
    if not doers and shared and not any(c.dep_ == "nsubjpass" for c in deps):
        return _doer_is(words, list(tok.head.children), tok.head)
    return any(
        w.lemma_.lower() in words or w.lower_ in words
        for d in doers
        for w in (d, *(c for c in d.children if c.dep_ in ("compound", "amod")))
    )
