"""A bare past participle the parser read as an active verb: "night curfew clamped across the state",
"prohibitory orders clamped in the town" (a headline's passive without its "was").

The small English model tags such a participle ``VBD`` and makes the thing imposed its subject, so the
sentence reads as the curfew clamping something. :func:`repair_bare_participles` rewrites it as the
agentless passive it is, where the event lexicon says the subject is what the verb takes as its object
(``obj`` of one of the verb's senses) and nothing marks it active (no auxiliary, no object of its own).
"""

from __future__ import annotations

from typing import Any

from thucydides.events.lexicon import Lexicon

ACTIVE_MARKS = frozenset({"aux", "auxpass", "dobj", "obj", "nsubjpass", "dative", "ccomp", "xcomp"})


def repair_bare_participles(sdoc: Any, lexicon: Lexicon) -> int:
    """Rewrite each sentence root of ``sdoc`` that is a bare participle read as active with its object as
    subject; how many (only roots are looked at: the headline's verb, and cheap)."""
    fixed = 0
    for sent in sdoc.sents:
        tok = sent.root
        # "40 more held in vadodara": a participle root with a subject is a bare participle too
        if tok.tag_ not in ("VBD", "VBN") or tok.pos_ != "VERB":
            continue
        senses = lexicon.verbs.get(lexicon.lemma(tok, lexicon.verbs))
        if not senses:
            continue
        children = list(tok.children)
        if any(c.dep_ in ACTIVE_MARKS for c in children):
            continue
        subjects = [c for c in children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN", "NUM")]
        if len(subjects) != 1:
            continue
        subject = subjects[0]
        words = {subject.lower_, subject.lemma_.lower()}
        if subject.tag_ == "CD":  # "12 held for rioting": a bare count of people
            words.add("people")
        if not any(words & sense.obj for sense in senses):
            continue
        tok.tag_ = "VBN"
        subject.dep_ = "nsubjpass"
        fixed += 1
    return fixed
