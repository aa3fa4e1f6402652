"""Dependency-parse helpers for the event coder: subjects, objects, prepositions, datelines."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

from thucydides.events.lexicon import conjuncts, temporal
from thucydides.events.words import event_words

SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
# relative pronouns that stand for people ("police, who fired"); "which" and "that" are left alone: the parse
# often hangs their clause on the nearest noun ("a bombing in the capital, which killed 12")
RELATIVE_PERSONS = frozenset({"who"})


def dateline_dash(sdoc: Any) -> int:
    """Index of the dash that closes a dateline opening the document ("NEW DELHI, Feb. 26 (Wire) - ..."),
    among its first 25 words, else -1. The one test of a dateline in the parse (kept in the parse's
    ``user_data`` once found, like :func:`doc_text`)."""
    if not len(sdoc) or not sdoc[0].is_upper or len(sdoc[0].text) < 3:
        return -1
    known = sdoc.user_data.get(DATELINE)
    if known is not None:
        return int(known)
    dash = -1
    dashes = event_words().dateline_dashes
    for t in sdoc[: min(len(sdoc), 25)]:
        if t.text in dashes:
            dash = int(t.i)
            break
    sdoc.user_data[DATELINE] = dash
    return dash


def dateline_span(sdoc: Any) -> tuple[int, int]:
    """The token indices where a dateline starts and the dash that closes it, opening the document or the
    first line after a headline ("Headline\n\nBRASILIA (Agency) - ..."); ``(-1, -1)`` where there is none."""
    if (dash := dateline_dash(sdoc)) >= 0:
        return 0, dash
    known = sdoc.user_data.get(DATELINE_AFTER_HEADLINE)
    if known is not None:
        return int(known[0]), int(known[1])
    found = (-1, -1)
    breaks = [t.i for t in sdoc[: min(len(sdoc), 40)] if t.is_space and "\n" in t.text]
    if (
        breaks
        and (first := breaks[0] + 1) < len(sdoc)
        and sdoc[first].is_upper
        and len(sdoc[first].text) >= 3
    ):
        dashes = event_words().dateline_dashes
        for t in sdoc[first : min(len(sdoc), first + 25)]:
            if t.text in dashes:
                found = (first, int(t.i))
                break
    sdoc.user_data[DATELINE_AFTER_HEADLINE] = found
    return found


def _dateline_end(tok: Any) -> int:
    """Index of the dash that closes a dateline opening the document, when ``tok`` is in the sentence that
    holds it: the parse often takes the dateline's city for the subject of the first sentence; words up to
    the dash are no argument of an event. Returns -1 otherwise."""
    dash = dateline_dash(tok.doc)
    if dash < 0:
        return -1
    sent = tok.sent
    return dash if sent.start == 0 and dash < sent.end else -1


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
        for inner in _children(clause, "ccomp"):  # "bombed what New Delhi said was a camp": the camp
            if any(c.dep_ == "nsubj" and c.lower_ in ("what", "whatever") for c in inner.children):
                out.extend(_children(inner, "attr", "oprd"))
    return out


def _light_objects(objs: list[Any]) -> list[Any]:
    """The nouns that may carry the event of a light verb's object, the object itself first.

    "launched artillery and rocket fire": its conjuncts; "launched a mediation effort": a modifier of a
    noun that is no event; "began three days of war games", "a series of raids": the noun after "of".
    """
    out: list[Any] = []
    for obj in objs:
        out.append(obj)
        out.extend(conjuncts(obj))
        out.extend(c for c in obj.children if c.dep_ in ("compound", "amod") and c.pos_ == "NOUN")
        out.extend(p for p in _pobjs(obj, ("of",)) if p.pos_ == "NOUN")
        if obj.lemma_.lower() == "responsibility":  # "claimed responsibility for the attack"
            out.extend(p for p in _pobjs(obj, ("for",)) if p.pos_ == "NOUN")
    return out


OPENING_QUOTES = frozenset({'"', "“", "‘", "'", "«"})
CLOSING_QUOTES = frozenset({'"', "”", "’", "'", "»"})
QUOTED_NAME_TOKENS = 8  # the most words of a quoted name before a noun ("a “save the students” march")


def quoted_name_object(verb: Any) -> list[Any]:
    """The noun after a quoted name that directly follows a verb with no object ("launched “save the
    students” marches", "staged a ‘Stop the War’ rally"): the parse often takes the quoted words for a
    clause and hangs the noun on them, so the verb is left without its object."""
    if any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return []
    doc, i = verb.doc, verb.i + 1
    if i < len(doc) and doc[i].pos_ == "DET":
        i += 1
    if i >= len(doc) or doc[i].text not in OPENING_QUOTES:
        return []
    for j in range(i + 2, min(i + 2 + QUOTED_NAME_TOKENS, len(doc) - 1)):
        if doc[j].text in CLOSING_QUOTES:
            noun = doc[j + 1]
            return [noun] if noun.pos_ == "NOUN" and noun.sent == verb.sent else []
        if doc[j].is_sent_end or doc[j].text in OPENING_QUOTES:
            return []
    return []


def _children(tok: Any, *deps: str) -> list[Any]:
    return children(tok, *deps)


# a token with more children than this is looked up in the document's index of children by label
HUB_CHILDREN = 16
CHILDREN_INDEX = "thucydides.children_by_dep"


def children(tok: Any, *deps: str) -> list[Any]:
    """The children of ``tok`` whose dependency label is one of ``deps``, in sentence order.

    A word with many children (the root of a sentence of a thousand coordinated verbs) is asked for
    them once per event word; walking its children each time would make the coder quadratic in
    the sentence's length. Such words are looked up in an index of the document's children by head
    and label, built once (linearly) on first need and kept in the parse's ``user_data`` (the
    event coder drops it when it is done, see :func:`drop_index`).
    """
    if tok.n_lefts + tok.n_rights <= HUB_CHILDREN:
        return [c for c in tok.children if c.dep_ in deps]
    doc = tok.doc
    index = doc.user_data.get(CHILDREN_INDEX)
    if index is None:
        index = doc.user_data[CHILDREN_INDEX] = _children_index(doc)
    found = sorted(i for dep in set(deps) for i in index.get((tok.i, dep), ()))
    return [doc[i] for i in found]


def _children_index(doc: Any) -> dict[tuple[int, str], list[Any]]:
    """(head token index, dependency label) → indices of the children with that label."""
    import numpy
    from spacy.attrs import DEP, HEAD

    strings = doc.vocab.strings
    labels: dict[int, str] = {}
    index: dict[tuple[int, str], list[Any]] = {}
    offsets = doc.to_array(HEAD).astype(numpy.int64).tolist()  # HEAD: offset to the head
    for i, (offset, dep) in enumerate(zip(offsets, doc.to_array(DEP).tolist(), strict=True)):
        if offset:
            label = labels.get(dep)
            if label is None:
                label = labels[dep] = strings[dep]
            index.setdefault((i + offset, label), []).append(i)
    return index


DOC_TEXT = "thucydides.text"
DATELINE = "thucydides.dateline"
DATELINE_AFTER_HEADLINE = "thucydides.dateline_after_headline"


def doc_text(doc: Any) -> str:
    """The text of a parse, built once (spaCy's ``Doc.text`` joins every token's text each time)."""
    text = doc.user_data.get(DOC_TEXT)
    if text is None:
        text = doc.user_data[DOC_TEXT] = doc.text
    return str(text)


def _conjunct_subjects(head: Any) -> list[tuple[int, int]]:
    """(conjunct, its last subject before it) for each conjunct of ``head`` that has one, in order.

    Kept in the document's index for a word with many children, so that each of a thousand
    coordinated verbs does not walk all the others.
    """
    hub = head.n_lefts + head.n_rights > HUB_CHILDREN
    key = (head.i, "#conjunct-subjects")
    if hub and (known := head.doc.user_data.get(CHILDREN_INDEX, {}).get(key)) is not None:
        return list(known)
    found: list[tuple[int, int]] = []
    for c in children(head, "conj"):
        subjects = [s.i for s in children(c, "nsubj", "nsubjpass") if s.i < c.i]
        if subjects:
            found.append((c.i, subjects[-1]))
    if hub:
        head.doc.user_data[CHILDREN_INDEX][key] = found  # the index exists: children() built it
    return found


def drop_index(doc: Any) -> None:
    """Remove what :func:`children` and :func:`doc_text` keep in a parse (no data to keep or serialise)."""
    doc.user_data.pop(CHILDREN_INDEX, None)
    doc.user_data.pop(DOC_TEXT, None)
    doc.user_data.pop(DATELINE, None)


def _pobjs(tok: Any, preps: Iterable[str]) -> list[Any]:
    """Objects of the prepositions ``preps`` hanging from ``tok``, through "out of", "away from".

    The objects come in the order of ``preps`` (the preferred preposition first: a complaint "to the UN
    over the raids" is aimed at whoever carried out the raids), then in sentence order.
    """
    order = {p: i for i, p in enumerate(dict.fromkeys(preps))}
    out: list[Any] = []
    heads = event_words().compound_prep_heads
    for prep in tok.children:
        if prep.dep_ in ("prep", "prt", "advmod") and prep.lower_ in heads:
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


# the acts whose participle after a noun is a passive with its auxiliary left out ("activists arrested in the
# city": the police's arrest). Not violence: "several people killed" is the harm of an attack the sentence
# names otherwise, and coding it again puts an event of unknown attackers before the attack
PARTICIPLE_PASSIVE_TYPES = frozenset({"COERCE"})


def reduced_relative(tok: Any) -> bool:
    """True for a past participle describing the noun it follows, a passive without its auxiliary ("250
    activists arrested from different parts of the city": the activists were arrested)."""
    return (
        tok.dep_ == "acl"
        and tok.tag_ == "VBN"
        and tok.head.i < tok.i
        and tok.head.pos_ in ("NOUN", "PROPN", "PRON")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in tok.children)
    )


def told_participle(noun: Any) -> Any | None:
    """The past participle that tells what was done to ``noun`` with no auxiliary: a reduced relative ("a
    curfew imposed in the town") or a headline's bare participle ("Curfew imposed in Jammu")."""
    for c in noun.children:
        if reduced_relative(c):
            return c
    head = noun.head
    if (
        noun.dep_ in ("nsubj", "nsubjpass")
        and head is not noun
        and head.tag_ == "VBN"
        and not any(c.dep_ in ("aux", "auxpass") for c in head.children)
    ):
        return head
    return None


def unreported_act(noun: Any) -> bool:
    """True for an act a noun names that the sentence does not report as done: one marked as planned, foiled
    or averted ("the planned attack", `unrealised_modifiers`), the object of a verb of prevention ("the
    strike was averted", "foiled a bombing"), or an act demanded (:func:`demanded_act`)."""
    words = event_words()
    if any(c.dep_ == "amod" and c.lower_ in words.unrealised_modifiers for c in noun.children):
        return True
    head = noun.head
    if (
        head is not noun
        and noun.dep_ in ("dobj", "nsubjpass")
        and head.lemma_.lower() in words.prevention_verbs
    ):
        return True
    return demanded_act(noun)


def demanded_act(noun: Any) -> bool:
    """True for an act named as what someone demands: the direct object of a verb of demanding ("demanded
    the immediate arrest of the culprits"), or the object of "for" after a verb or noun of demanding ("called
    for a ban and the arrest of its leaders", "a demand for his arrest"). A conjunct is read as its first
    conjunct, and a noun the parse hung on another's prepositional phrase ("a ban on the outfit and arrest
    of its leaders") as the noun that phrase modifies (not through "of": "sought a minimum of seven days'
    police custody" asks for more of a custody already begun)."""
    words = event_words()
    while noun.head is not noun and (
        noun.dep_ == "conj"
        or (
            noun.dep_ == "pobj"
            and noun.head.dep_ == "prep"
            and noun.head.lower_ not in ("for", "of")  # not "a minimum of seven days' custody"
            and noun.head.head.pos_ == "NOUN"
        )
    ):
        noun = noun.head if noun.dep_ == "conj" else noun.head.head
    head = noun.head
    if head is noun:
        return False
    if noun.dep_ == "dobj":
        return head.lemma_.lower() in words.demand_verbs
    return (
        noun.dep_ == "pobj"
        and head.lower_ == "for"
        and head.head is not head
        and head.head.lemma_.lower() in words.demand_for_words
    )


def intent_noun(verb: Any) -> Any | None:
    """The noun of intention whose "of"/"to" phrase the clause at ``verb`` is ("had no intention of
    holding talks": "intention"; "has no plans to negotiate": "plans"); ``None`` if there is none."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "of":
        head = head.head
    elif verb.dep_ != "acl":
        return None
    return head if head.pos_ == "NOUN" and head.lemma_.lower() in event_words().intent_nouns else None


def _partitive_group(subj: Any) -> Any | None:
    """The group a subject names part of ("many of the protesters", "some in the crowd"), or ``None``."""
    if subj.lower_ not in event_words().member_partitives:
        return None
    for prep in subj.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "among"):
            group = next((p for p in prep.children if p.dep_ == "pobj"), None)
            if group is not None and group.pos_ in ("NOUN", "PROPN"):
                return group
    return None


def _subject(verb: Any, depth: int = 0) -> tuple[Any | None, str]:
    """The token that is the clause's actor, climbing through coordination and control."""
    if depth > 4:
        return None, ""
    subj = _children(verb, "nsubj", "csubj")
    if subj:  # two subjects is a misparse (a dateline read as one): the one nearest the verb
        before = [s for s in subj if s.i < verb.i]
        first = before[-1] if before else subj[0]
        if first.pos_ == "VERB" and first.tag_ == "VBG" and (inner := _children(first, "nsubj")):
            # "the Red Cross operating in Iraq said": the parse makes the participle the subject
            return inner[0], "subject"
        if first.lower_ in RELATIVE_PERSONS and verb.dep_ == "relcl" and verb.head != verb:
            # "besieged by police, who fired tear gas": the relative pronoun stands for the noun it follows
            return verb.head, "the noun the relative pronoun stands for"
        if (group := _partitive_group(first)) is not None:
            return group, f"the group '{first.text} {group.head.text} ...' names part of"
        return first, "subject"
    agent = [p for a in _children(verb, "agent") for p in a.children if p.dep_ == "pobj"]
    if agent:
        return agent[0], "by-agent of the passive"
    head = verb.head
    if head == verb:
        return None, ""
    if verb.dep_ == "dep" and verb.pos_ == "VERB" and head.pos_ == "VERB":
        # "walked into X, then crossed back": a verb the parse left unlabelled shares its head's subject
        return _subject(head, depth + 1)
    if verb.dep_ == "conj":
        # "the army removed X, but protesters camped outside and vowed ...": a conjunct without a subject
        # shares the one of the nearest conjunct before it that has its own
        earlier = _conjunct_subjects(head)
        n_before = bisect_left(earlier, verb.i, key=lambda pair: pair[0])
        if n_before:
            return verb.doc[earlier[n_before - 1][1]], "subject of the conjunct before"
        return _subject(head, depth + 1)
    if (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and head.lemma_.lower() in event_words().charge_verbs
        and (obj := _children(head, "dobj"))
        and any(
            g.dep_ == "pcomp" and g.tag_ == "VBG" and g.i < verb.i
            for p in (*head.children, *obj[0].children)
            if p.dep_ == "prep" and p.lower_ in ("of", "for", "with")
            for g in p.children
        )
    ):  # "accused X of shelling villages, killing two": the result of what X is accused of is X's too
        return obj[0], f"object of '{head.text}'"
    if verb.dep_ in ("xcomp", "advcl") and head.pos_ in ("VERB", "AUX", "ADJ"):
        if head.lemma_.lower() in event_words().object_control and (obj := _children(head, "dobj")):
            return obj[0], f"object of '{head.text}'"
        if verb.dep_ == "advcl" and _children(verb, "mark") and (patient := _children(head, "nsubjpass")):
            # "activists were detained by police while trying to hold a rally": the passive's subject, not
            # its by-agent, does what an adjunct with "while", "after" ... says (not "was attacked by rebels,
            # killing three": a result the agent brought about)
            return patient[0], f"subject of the passive '{head.text}'"
        if head.dep_ == "acomp" or head.pos_ == "ADJ":
            return _subject(head.head, depth + 1)
        return _subject(head, depth + 1)
    if verb.dep_ == "relcl":
        return head, "the noun the relative clause describes"
    if (
        verb.dep_ == "pcomp"
        and head.dep_ == "prep"
        and head.lower_ in ("to", "by")
        and head.head.pos_ == "VERB"
        and head.head.lemma_.lower() in event_words().gerund_control
    ):  # "police resorted to firing": whoever resorted
        doer, how = _subject(head.head, depth + 1)
        if doer is not None:
            return doer, f"{how} of '{head.head.text}'"
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("of", "for", "with"):
        # "accused Pakistani troops of shelling villages": the one accused shelled (the "of" phrase may hang
        # on the verb or on its object)
        charging = head.head if head.head.pos_ == "VERB" else head.head.head
        objs = _children(charging, "dobj") if charging.lemma_.lower() in event_words().charge_verbs else []
        if objs and (head.head == charging or head.head == objs[0]):
            return objs[0], f"object of '{charging.text}'"
    if (
        (noun := intent_noun(verb)) is not None
        and noun.dep_ in ("dobj", "attr")
        and noun.head.pos_ in ("VERB", "AUX")
    ):
        # "Iran has no plans to negotiate": whoever has the plan
        holder, how = _subject(noun.head, depth + 1)
        if holder is not None:
            return holder, f"{how} of '{noun.head.text} {noun.text}'"
    if (
        verb.dep_ == "acl"
        and verb.tag_ == "VBG"
        and head.lemma_.lower() in event_words().message_nouns
        and head.dep_ in ("dobj", "nsubjpass")
        and head.head.pos_ == "VERB"
    ):
        # "issued a statement demanding ...", "sent a letter urging ...": whoever sent the message
        sender, how = _subject(head.head, depth + 1)
        if sender is not None:
            return sender, f"{how} of '{head.head.text}', whose '{head.text}' it is"
    if (
        verb.dep_ == "amod"
        and verb.tag_ == "JJ"
        and verb.lower_.endswith("ing")
        and head.pos_ in ("NOUN", "PROPN")
        and head.i > verb.i
    ):  # "striking nurses": the noun a present participle (tagged as an adjective) describes does what it
        # says (not "nuclear-armed neighbours": a past participle says what was done to it)
        return head, "the noun the modifier describes"
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.pos_ in ("NOUN", "PROPN") and head.i < verb.i:
        # "teachers demonstrating outside parliament", "students protesting against the results": the noun a
        # present participle describes does what it says
        return head, "the noun the participle describes"
    root = verb.sent.root
    if (
        verb.dep_ == "acl"
        and root.pos_ in ("NOUN", "PROPN")
        and root.i < verb.i
        and not _children(verb, "agent")
        and not (verb.tag_ == "VBN" and verb.head == root)  # "one person killed in police firing": the
    ):  # participle says what was done to the noun, which is no doer
        # "Doctors from two aid groups donated ...": with no main verb found, the parse hung the verb on a
        # noun; the sentence's head noun is its subject
        return root, "subject (the sentence's head noun: the parse found no main verb)"
    if verb.dep_ == "acomp":
        return _subject(head, depth + 1)
    return None, ""


def occurrence_verb(noun: Any, occurrence_verbs: frozenset[str]) -> Any | None:
    """The verb that reports an event noun as happening when the noun is its subject ("clashes erupted
    between A and B", "fighting broke out in X"): the parse hangs the event's own phrases from it."""
    noun = episode_head(noun)  # "a round of talks was held between A and B"
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") and head != noun and head.lemma_.lower() in occurrence_verbs:
        return head
    return None


def episode_head(noun: Any) -> Any:
    """The noun counting the episodes of an event noun ("a new round of talks": round), which stands in the
    event noun's place in the clause; else the noun itself."""
    head = noun.head
    episodes = event_words().episode_nouns
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in episodes:
        return head.head
    return noun


def victim_participle(tok: Any) -> bool:
    """True for a past participle that modifies the noun of those it was done to ("five abducted oil
    workers", "the kidnapped schoolgirls"): the act was done, by no one the phrase names. Only acts done on
    purpose (``victim_participles``): "injured passengers" may have been hurt in an accident."""
    return bool(
        tok.lower_ in event_words().victim_participles
        and tok.dep_ == "amod"
        and (tok.tag_ == "VBN" or (tok.tag_ == "JJ" and tok.lower_.endswith("ed")))  # tagged as an adjective
        and tok.head is not tok
        and tok.head.pos_ == "NOUN"
    )


def gerund_act(tok: Any) -> bool:
    """True for a verb form used as the name of an act, with no doer of its own: a gerund that is a clause's
    subject ("Fighting between the army and rebels left dozens dead", "Shelling hit the villages")."""
    return bool(
        tok.tag_ == "VBG"
        and tok.dep_ in ("nsubj", "nsubjpass", "csubj")
        and not any(c.dep_ in ("nsubj", "dobj", "aux") for c in tok.children)
    )
