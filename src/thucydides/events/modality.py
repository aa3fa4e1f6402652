"""Modality of an event: asserted, negated, hypothetical, future or historical.

Reads the auxiliaries, negations and governing verbs around the event word.
``historical`` is set later, from the event's date.
"""

from __future__ import annotations

from typing import Any

from thucydides.events.lexicon import Lexicon
from thucydides.events.syntax import children, intent_noun
from thucydides.events.words import event_words
from thucydides.ontology import bundled_ontology
from thucydides.record import Document, Modality

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def conditional(tok: Any) -> bool:
    """True when the token sits inside an if/unless clause, or a condition told by inversion ("had the bomb
    gone off during rush hour, ...")."""
    words = event_words()
    marks = words.open_marks
    cur = tok
    for _ in range(6):
        if any(c.lower_ in marks for c in children(cur, "mark")):
            return True
        # "had the bomb gone off, ..."; "sources believe that had he been detained in Lucknow, the problems
        # would have been fewer" (the parse hangs the inverted condition as the complement)
        if cur.dep_ in ("advcl", "ccomp") and _inverted(cur, words.inverted_condition_aux):
            return True
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def _inverted(verb: Any, auxes: frozenset[str]) -> bool:
    """True when one of ``auxes`` comes before the verb's subject ("had the bomb gone off")."""
    # the last subject: "that had Singhal been detained" (the parse may take "that" for a subject too)
    subj = next((c for c in reversed(list(verb.children)) if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in auxes and c.i < subj.i for c in verb.children
    )


def _reported(anchor: Any) -> bool:
    """True when the clause is the complement of another verb ("said it would ...")."""
    cur = anchor
    for _ in range(3):
        if cur.dep_ == "ccomp":
            return True
        if cur.dep_ not in ("xcomp", "conj") or cur.head == cur:
            return False
        cur = cur.head
    return False


def infinitive_clause(tok: Any) -> bool:
    """True for a "to" infinitive the parse hangs on its verb as an adverbial clause ("vowed to fight")."""
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and not any(c.dep_ == "mark" for c in tok.children)
    )


def _first_complement(anchor: Any) -> Any:
    """For a verb joined to a complement clause ("agreed to exchange prisoners and (to) open a corridor":
    "open", joined to "exchange"), that complement, which frames both; else ``anchor`` itself."""
    head = anchor.head
    if (
        anchor.dep_ == "conj"
        and anchor.pos_ == "VERB"
        and head.pos_ == "VERB"
        and (head.dep_ in ("xcomp", "acomp") or infinitive_clause(head))
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in anchor.children)
    ):
        return head
    return anchor


def future_marked(anchor: Any) -> bool:
    """True when the clause at ``anchor`` states what someone will do.

    Marks: a future auxiliary, "would" in reported speech, "going to", or being the complement of a
    verb or adjective of intention ("promised to", "ready to", "plans to").
    """
    if intent_noun(anchor) is not None:
        return True  # "no intention of holding talks", "plans to visit"
    words = event_words()
    cur = _first_complement(anchor)
    for _ in range(3):
        auxes = {c.lower_ for c in cur.children if c.dep_ in ("aux", "auxpass")}
        if auxes & words.future_aux or ("would" in auxes and _reported(cur)):
            return True
        if not (cur.dep_ in ("xcomp", "acomp") or infinitive_clause(cur)) or cur.head == cur:
            break
        if cur.head.lemma_.lower() == "go" or cur.head.lemma_.lower() in words.intent_words:
            return True
        cur = cur.head
    return False


def intent_word(anchor: Any) -> Any | None:
    """The word of intention that frames the clause at ``anchor`` ("prepared to resume shelling":
    "prepared"), climbing through complements as :func:`future_marked` does; ``None`` if there is none."""
    intent = event_words().intent_words
    cur = _first_complement(anchor)
    for _ in range(3):
        if not (cur.dep_ in ("xcomp", "acomp") or infinitive_clause(cur)) or cur.head == cur:
            return None
        if cur.head.lemma_.lower() in intent or cur.head.lower_ in intent:
            return cur.head
        cur = cur.head
    return None


NOUN_LINKS = frozenset(
    {"prep", "pobj", "compound", "poss", "amod", "nmod", "appos", "conj", "nsubj", "attr", "npadvmod"}
)


def _evaluated(token: Any, anchor: Any, lexicon: Lexicon) -> str | None:
    """Why the event word is the topic of a description or judgement rather than a reported act, if it is.

    - An event noun that is only the subject or predicate of "be" ("the negotiations are still deadlocked",
      "his campaign promise is to ...", "it is difficult to break the deadlock in the negotiations"): the
      sentence describes a state of affairs; the act itself is reported elsewhere, if at all.
    - An act in the complement of an evaluative adjective ("it is difficult for X to complete the
      withdrawal", "X is unlikely to attack"): an assessment, not a report.
    """
    cur = token
    if token == anchor and token.pos_ in ("NOUN", "PROPN"):
        while cur.dep_ in NOUN_LINKS and cur.head != cur and cur.head.pos_ not in ("VERB", "AUX", "ADJ"):
            cur = cur.head
        pred = cur.head if cur.head != cur else None
        states = [c for c in pred.children if c.dep_ == "acomp"] if pred is not None else []
        words = event_words()
        if (  # "is on a visit", "are on strike", "were at the scene of the riots" (a preposition under
            # "be"): the subject takes part in it, or was there; "has been calm since the riots": a time
            # told from the act; "the recent attacks are a reminder": an act said to be past
            pred is not None
            and cur.dep_ in NOUN_LINKS
            and not (
                cur.dep_ == "prep" and (cur.lower_ in ("on", "in", "at") or cur.lower_ in words.sequel_preps)
            )
            and not any(c.dep_ == "amod" and c.lower_ in words.past_modifiers for c in token.children)
            and pred.lemma_.lower() in ("be", "remain", "seem")
            and all(a.lemma_.lower() in lexicon.evaluative for a in states)
        ):  # "the talks are deadlocked", "the strikes are continuing" report an act going on: kept
            return f"'{token.text}' is what a description with '{pred.text}' is about, not a reported act"
        if pred is not None and pred.pos_ == "ADJ" and pred.lemma_.lower() in lexicon.evaluative:
            return f"'{token.text}' is what the judgement '{pred.text}' is about, not a reported act"
    cur = anchor
    for _ in range(5):
        head = cur.head
        if head == cur or cur.dep_ not in (
            "xcomp",
            "ccomp",
            "advcl",
            "csubj",
            "pobj",
            "pcomp",
            "prep",
            "dobj",
        ):
            return None
        adjs = [head] if head.pos_ == "ADJ" else children(head, "acomp")
        if head.lemma_.lower() == "be" or head.pos_ == "ADJ":
            judged = [a for a in adjs if a.lemma_.lower() in lexicon.evaluative]
            if judged:
                return (
                    f"'{anchor.text}' is what the judgement '{judged[0].text}' is about, not a reported act"
                )
        cur = head
    return None


def _denied(anchor: Any) -> str | None:
    """Why the act of the clause at ``anchor`` is denied, if it is: the complement of a verb of denial
    ("Russia denied bombing the hospital", "the army denied that its soldiers had killed civilians") or a
    clause telling what a claim says that such a verb turns down ("rejected claims that troops fired")."""
    words = event_words()
    head = anchor.head
    if head is anchor:
        return None
    if anchor.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in words.denial_verbs:
        return f"denied: '{head.text} {anchor.text}'"
    if (
        anchor.dep_ in ("acl", "ccomp")
        and head.lemma_.lower() in words.claim_nouns
        and head.dep_ in ("dobj", "nsubjpass")
        and head.head.lemma_.lower() in words.denial_verbs
    ):
        return f"denied: '{head.head.text} {head.text} that {anchor.text}'"
    return None


def absent(token: Any) -> str | None:
    """An act named as absent ("the rally went ahead without violence", "left without firing a shot", "a
    weekend free of protests", "the absence of violence"), or ``None``: the word (or the first of the words
    it is coordinated with) is the object of an ``absence_preps`` word, or of "of" after an ``absence_heads``
    word."""
    words = event_words()
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ not in ("pobj", "pcomp"):
        return None
    prep = token.head
    if prep.lower_ in words.absence_preps:
        return f"'{prep.text} {token.text}'"
    if prep.lower_ == "of" and prep.head is not prep and prep.head.lower_ in words.absence_heads:
        return f"'{prep.head.text} of {token.text}'"
    return None


def _negative_subject(anchor: Any) -> str | None:
    """The subject of a clause that says no one did or underwent the act ("nobody was arrested", "no one
    was hurt", "no soldiers were killed"), if it is one."""
    words = event_words().negative_determiners
    for subj in (c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")):
        if subj.lower_ in words or any(c.dep_ == "det" and c.lower_ in words for c in subj.children):
            return " ".join(t.text for t in subj.subtree)
    return None


def modality_of(token: Any, anchor: Any, lexicon: Lexicon, doc: Document) -> tuple[Modality | None, str]:
    """The modality of the event read at ``token`` (its clause verb ``anchor``).

    Returns:
        The modality and a reason; ``None`` when the word is the complement of another
        event word ("agreed to withdraw" codes the agreement, not a withdrawal).
    """
    if (why := _evaluated(token, anchor, lexicon)) is not None:
        return None, why
    if (why := _denied(anchor)) is not None:
        return "negated", why
    if (why := absent(token)) is not None:
        return "negated", f"named as absent: {why}"
    if (first := _first_complement(anchor)) is not anchor:
        # "agreed to exchange prisoners and (to) open a corridor": the joined verb is framed as the first is
        return modality_of(first, first, lexicon, doc)
    words = event_words()
    head = anchor.head
    if (noun := intent_noun(anchor)) is not None:
        if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children) or any(
            c.dep_ == "neg" for c in noun.head.children
        ):
            return "negated", f"'no {noun.text}'"
        return "future", f"intended: '{noun.text}'"
    if anchor.dep_ == "xcomp" and head != anchor and head.lemma_.lower() in words.aspectual_verbs:
        # "prepared to resume shelling", "vowed to continue fighting": the aspect verb passes its own
        # modality on to the act it frames
        modality, why = modality_of(head, head, lexicon, doc)
        return modality, why
    if infinitive_clause(anchor) and (
        head.lemma_.lower() in lexicon.intent_verbs or head.lemma_.lower() in words.intent_words
    ):
        return "future", f"intended: '{head.text} to {anchor.text}'"
    if (
        anchor.dep_ == "ccomp"
        and head != anchor
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children)
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in anchor.children)
        and head.lemma_.lower() in lexicon.intent_verbs
    ):  # "the rebels want the president to resign": someone else's wish, not an act done
        return "hypothetical", f"wished for: '{head.text} ... to {anchor.text}'"
    if anchor.dep_ in ("xcomp",) and head != anchor:
        if head.lemma_.lower() in lexicon.intent_verbs or head.lemma_.lower() in words.intent_words:
            return "future", f"intended: '{head.text} to {anchor.text}'"
        if lexicon.match(head, "verb") or lexicon.match(head, "adj"):
            return None, f"complement of the event word '{head.text}'"
        if head.lemma_.lower() in words.failure_verbs:
            return "negated", f"'{head.text} to'"
        if head.lemma_.lower() in lexicon.intent_verbs:
            return "future", f"intended: '{head.text} to {anchor.text}'"
    near = list(anchor.children) + ([c for c in token.children] if token != anchor else [])
    # a coordinated verb shares the negation and auxiliaries of the first ("did not meet or call") unless
    # it is finite itself ("had not met ... and accused": the accusation is asserted)
    if head != anchor and (
        anchor.dep_ in ("xcomp", "acomp") or (anchor.dep_ == "conj" and anchor.tag_ not in FINITE_TAGS)
    ):
        near += list(head.children)
    if any(c.dep_ == "neg" for c in near) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in token.children
    ):
        return "negated", "negation"
    if (subject := _negative_subject(anchor)) is not None:
        return "negated", f"no one did or underwent it: '{subject}'"
    auxes = {c.lower_ for c in near if c.dep_ in ("aux", "auxpass")}
    hypothetical = words.hypothetical_aux
    if auxes & (hypothetical - {"would"}) or ("would" in auxes and not _reported(anchor)):
        return "hypothetical", f"modal '{sorted(auxes & hypothetical)[0]}'"
    if conditional(anchor):
        return "hypothetical", "inside a condition (if, unless, or 'had it gone off')"
    if auxes & words.future_aux or ("would" in auxes and _reported(anchor)):
        return "future", "future auxiliary"
    if any(c.lower_ == "going" for c in near) and any(c.dep_ == "xcomp" for c in anchor.children):
        return "future", "'going to'"
    match = lexicon.match(anchor, "verb") or lexicon.match(anchor, "adj")
    if match is not None and match.intent and any(c.dep_ in ("xcomp",) for c in anchor.children):
        if bundled_ontology().in_class("threat", match.cameo):
            return "asserted", f"'{anchor.text}': the threat itself was made"
        return "future", f"'{anchor.text}' expresses intent"
    return "asserted", "asserted"
