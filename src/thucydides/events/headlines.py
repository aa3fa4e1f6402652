"""Headlines the parser reads as one noun phrase: "Turkey Shells Kurdish Town Near Border", "Parliament
Censures Minister Over Fuel Deal".

A headline drops its articles, and the small English model then takes the verb's third person ("shells",
"censures") for a plural noun or a modifier: the line parses as a list of nouns with no verb, and no event
is read from it. :func:`repair_headlines` finds such lines (a short sentence with no final full stop whose
parse has no verb at its root) in which a word ending in ``-s`` is, without that ending, a verb of the event
lexicon between two noun phrases (or after one: "Minister Resigns Over Contract"), and rewrites that
sentence's parse as subject, verb, object and the phrases after them. Nothing else changes: offsets,
tokens and the other sentences stay as parsed.

Two more misreadings of the same kind are rewritten: the plain form of a verb after a subject in the plural
read as a noun ("Bandits Torch Homes", "Police Detain Dozens": ``plural_collectives`` in
``data/event_words.yaml``), and a headline whose parse puts its verb on a later ``-s`` word, its verb read
as the subject's noun ("Ruling Party Rejects Calls For Early Election": "calls" read as the verb).
"""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from thucydides.events.lexicon import irregular_forms
from thucydides.events.words import event_words

HEADLINE_TOKENS = 14  # a headline has at most this many words
END_MARKS = frozenset({".", "!", "?", ":", ";", '"', "\u201d", "'", ","})
FINITE_TAGS = frozenset({"VBD", "VBP", "MD"})  # a verb the parser did find (a VBZ may be a misread modifier)
NOUN_POS = frozenset({"NOUN", "PROPN"})
PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "DET"})
SUBJECT_POS = PHRASE_POS | {"PART"}  # "Turkey's Army Shells ..."
PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})  # a participle modifying a noun ("Ruling Party", "Jailed Leader")
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# the parse's verb a headline may have in place of its own: a later -s word ("Rejects Calls"), a participle
# ("Releases Detained Journalists")
LATE_TAGS = frozenset({"VBZ", "VBD"})


def repair_headlines(
    sdoc: Any, verbs: Container[str], light: Container[str] = (), nouns: Container[str] = ()
) -> int:
    """Rewrite the parse of each headline of ``sdoc`` read with no verb (see the module docstring);
    returns how many were rewritten. ``verbs``: the lemmas of the event lexicon's verbs; ``light``: its
    light verbs, a headline's verb only before one of its event ``nouns`` ("Voices Support")."""
    return sum(_repair(sent, verbs, light, nouns) for sent in list(sdoc.sents))


def _headline(words: list[Any], nouns: Container[str]) -> bool:
    if not words or len(words) > HEADLINE_TOKENS or words[-1].text in END_MARKS:
        return False
    late = _late_verb(words)
    if late is not None and words[late].tag_ not in LATE_TAGS and not _noun_as_verb(words, late - 1, nouns):
        return False
    return not any(
        t.tag_ in FINITE_TAGS and _pos(t) != "ADJ" and not _noun_as_verb(words, k - 1, nouns)
        for k, t in enumerate(words)
        if k != late
    )


def _noun_as_verb(words: list[Any], k: int, nouns: Container[str]) -> bool:
    """Whether the word after the ``-s`` word at ``k`` is an event noun the parse read as a plain verb
    ("Voices Support", "Lodges Protest")."""
    return (
        0 < k < len(words) - 1
        and words[k].lower_.endswith("s")
        and words[k + 1].tag_ in ("VBP", "VB")
        and words[k + 1].lower_ in nouns
    )


def _late_verb(words: list[Any]) -> int | None:
    """Where the parse's verb is a ``-s`` word of the headline (its root, "calls"), its index; else None."""
    return next((k for k, t in enumerate(words) if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")), None)


def _participle(words: list[Any], k: int, late: int) -> bool:
    """Whether the parse's past-tense verb right after the headline's verb is a participle modifying the
    object after it ("Releases Detained Journalists")."""
    return late == k + 1 and late + 1 < len(words) and words[late + 1].pos_ in NOUN_POS | {"ADJ"}


def _event_object(rest: list[Any], nouns: Container[str]) -> bool:
    """Whether the noun phrase at the start of ``rest`` ends in an event noun ("Mass Protest")."""
    n = 0
    while n < len(rest) and _pos(rest[n]) in PHRASE_POS:
        n += 1
    return n > 0 and (rest[n - 1].lower_ in nouns or rest[n - 1].lemma_ in nouns)


def _pos(t: Any) -> str:
    """The part of speech of a word in a headline's phrase: a participle modifying a noun is an adjective."""
    participle = t.tag_ in PARTICIPLE_TAGS or (t.tag_ == "VBD" and t.dep_ == "amod")
    return "ADJ" if participle and t.dep_ in ("amod", "compound") else str(t.pos_)


def plain_verb(tok: Any, subject: list[Any], verbs: Container[str]) -> str | None:
    """The verb a word is in its plain form after a subject in the plural ("Bandits Torch", "Police Detain"),
    where the event lexicon has it and the parse read it as a noun."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ in PLURAL_TAGS or tok.lower_ not in verbs or not subject:
        return None
    last = subject[-1]
    plural = last.tag_ in PLURAL_TAGS or last.lower_ in event_words().plural_collectives
    return tok.lower_ if plural else None


def _verbless(words: list[Any]) -> bool:
    """Whether a sentence of at most :data:`HEADLINE_TOKENS` words ends in a full stop yet has no verb in its
    parse ("a constable shot dead two robbers.": "shot" read as a noun between two noun phrases)."""
    return (
        1 < len(words) <= HEADLINE_TOKENS + 4
        and words[-1].text == "."
        and not any(t.pos_ in ("VERB", "AUX") and not _in_relative(t) for t in words)
    )


def _in_relative(tok: Any) -> bool:
    """Whether a word lies in a relative clause ("a constable shot dead a robber who tried to flee": the
    sentence's only verbs are the relative clause's)."""
    for _ in range(8):
        if tok.dep_ == "relcl":
            return True
        if tok.head == tok:
            return False
        tok = tok.head
    return False


def past_verb(tok: Any, verbs: Container[str]) -> str | None:
    """The verb of the event lexicon a word read as a noun or adjective is the past form of: an irregular
    past ("shot", ``data/irregular_verbs.yaml``) or a regular one ("detained")."""
    if tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
        return None
    word = tok.lower_
    if (plain := irregular_forms().get(word)) is not None:
        return plain if plain in verbs else None
    for suffix, add in (("ied", "y"), ("ed", ""), ("d", "")):
        if word.endswith(suffix) and (guess := word[: -len(suffix)] + add) in verbs:
            return guess
    return None


def verb_lemma(tok: Any, verbs: Container[str]) -> str | None:
    """The verb a word ending in ``-s`` is the third person of ("shells", "censures", "denies"), where the
    event lexicon has it."""
    word = tok.lower_
    if len(word) < 4 or not word.endswith("s") or word.endswith("ss"):
        return None
    forms = [word[:-1]]
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    return next((f for f in forms if f in verbs), None)


def _phrase(tokens: list[Any], allowed: frozenset[str]) -> Any | None:
    """The head of a run of noun-phrase words (its last noun), or None where the run is no noun phrase."""
    if not tokens or any(_pos(t) not in allowed for t in tokens):
        return None
    nouns = [t for t in tokens if t.pos_ in NOUN_POS]
    return nouns[-1] if nouns else None


def _attach(tokens: list[Any], head: Any) -> None:
    """Hang every word of a phrase but its head on the head, by part of speech."""
    deps = {"ADJ": "amod", "NUM": "nummod", "DET": "det", "PART": "case"}
    for t in tokens:
        if t != head:
            t.head = head
            t.dep_ = deps.get(_pos(t), "compound")


def _repair(sent: Any, verbs: Container[str], light: Container[str], nouns: Container[str]) -> bool:
    words = [t for t in sent if not t.is_space]
    verbless = _verbless(words)
    if not verbless and not _headline(words, nouns):
        return False
    late = None if verbless else _late_verb(words)
    for k in range(1, len(words) if late is None else late):
        verb = words[k]
        subject = words[:k]
        if verbless:  # a sentence with no verb at all: only a past form read as a noun is its verb
            lemma, light_lemma = past_verb(verb, verbs), None
        else:
            lemma = verb_lemma(verb, verbs) or (plain_verb(verb, subject, verbs) if late is None else None)
            light_lemma = verb_lemma(verb, light) if lemma is None else None
        lemma = lemma or light_lemma
        if lemma is None or verb.pos_ not in ("NOUN", "VERB", "PROPN"):
            continue
        noun_next = _noun_as_verb(words, k, nouns)
        if late is not None and verb.tag_ not in PLURAL_TAGS and not (late == k + 1 and noun_next):
            continue  # the parse's verb stands unless the word before it is a noun in the plural ("rejects")
        if late is not None and words[late].tag_ == "VBD" and not _participle(words, k, late):
            continue
        subj = _phrase(subject, SUBJECT_POS)
        head_read_as_adj = subject[-1].pos_ == "ADJ" and all(_pos(t) in PHRASE_POS for t in subject)
        if subj is None and verbless and head_read_as_adj:
            # the word before the verb of a verbless sentence heads its subject ("a constable", read as ADJ)
            subject[-1].pos_, subject[-1].tag_ = "NOUN", "NN"
            subj = _phrase(subject, SUBJECT_POS)
        if subj is None:
            continue
        if light_lemma is not None and not noun_next and not _event_object(words[k + 1 :], nouns):
            continue  # a light verb is the headline's verb only before an event noun ("Stages Mass Protest")
        if noun_next:  # an event noun the parse read as a plain verb ("support")
            after = words[k + 1]
            after.pos_, after.tag_, after.lemma_ = "NOUN", "NN", after.lower_
        elif late is not None and words[late].tag_ == "VBD":  # a participle before the object ("detained")
            words[late].pos_, words[late].tag_, words[late].dep_ = "ADJ", "VBN", "amod"
        elif late is not None:  # the word the parse took for the verb is a noun ("calls")
            words[late].pos_, words[late].tag_ = "NOUN", "NNS"
            words[late].lemma_ = words[late].lower_[:-1]
        rest = words[k + 1 :]
        n = 0
        while n < len(rest) and _pos(rest[n]) in PHRASE_POS:
            n += 1
        obj_words, tail = rest[:n], rest[n:]
        obj = _phrase(obj_words, PHRASE_POS)
        if obj_words and obj is None:
            continue
        inside = {t.i for t in tail}
        outer = [t for t in tail if t.head.i not in inside or t.head == t]
        verb.head = verb
        verb.dep_ = "ROOT"
        verb.pos_ = "VERB"
        verb.tag_ = "VBD" if verbless else "VBZ" if verb.lower_ != lemma else "VBP"
        verb.lemma_ = lemma
        _attach(subject, subj)
        subj.head, subj.dep_ = verb, "nsubj"
        if obj is not None:
            _attach(obj_words, obj)
            obj.head, obj.dep_ = verb, "dobj"
        for t in outer:
            # "... a robber who tried to flee": a relative clause stays on its noun
            t.head = obj if t.dep_ == "relcl" and obj is not None else verb
            if t.pos_ == "ADP":
                t.dep_ = "prep"
        for t in sent:
            if t.is_space and (t.head.i < sent.start or t.head.i >= sent.end or t.head == t):
                t.head = verb
        return True
    return False
