"""Public statements (CAMEO 01x): a sentence's kind of comment when it reports no event.

CAMEO's root 01 (make a public statement, decline comment, pessimistic or optimistic comment, empathy...)
has no PLOVER type, so the coder never emits it as an event. The CAMEO codebook examples are scored on
the CAMEO root of the coder's answer, and there a sentence that only reports a statement is a statement:
:func:`statement_code` says which kind, from the words in ``statements`` of ``event_lexicon.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from thucydides.events.words import event_words


@dataclass(frozen=True, slots=True)
class StatementWords:
    """The words that tell kinds of statement apart (``statements`` in the event lexicon)."""

    no_comment_verbs: frozenset[str] = frozenset()
    no_comment_complements: frozenset[str] = frozenset()
    no_comment_code: str = "011"
    nouns: dict[str, str] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)
    verbs: dict[str, str] = field(default_factory=dict)
    default: str = "010"

    @classmethod
    def from_raw(cls, raw: dict[str, Any] | None) -> StatementWords:
        """Build from the ``statements`` mapping of the lexicon file."""
        raw = raw or {}
        nc = raw.get("no_comment") or {}
        return cls(
            no_comment_verbs=frozenset(str(w) for w in nc.get("verbs") or ()),
            no_comment_complements=frozenset(str(w) for w in nc.get("complements") or ()),
            no_comment_code=str(nc.get("cameo") or "011"),
            nouns={str(k): str(v) for k, v in (raw.get("nouns") or {}).items()},
            adjectives={str(k): str(v) for k, v in (raw.get("adjectives") or {}).items()},
            verbs={str(k): str(v) for k, v in (raw.get("verbs") or {}).items()},
            default=str(raw.get("default") or "010"),
        )


def statement_code(sent: Any, words: StatementWords, speech_verbs: frozenset[str]) -> str | None:
    """The CAMEO 01x code of a parsed sentence that reports a public statement, or ``None``.

    In order: a refusal to comment ("declined to comment": 011); a verb of comment ("mourned", "is
    considering", "claimed responsibility"); a noun expressed ("expressed condolences": 018); an adjective
    of the speaker in a reported clause ("said he was skeptical": 012, "confident": 013); else a speech
    verb at the root with a subject (010).

    Args:
        sent: a spaCy sentence span.
        words: the statement words of the lexicon.
        speech_verbs: verbs of saying (the lexicon's ``speech_verbs``).
    """
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma in words.no_comment_verbs and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in words.no_comment_complements for c in tok.children
        ):
            return words.no_comment_code
        if tok.pos_ == "VERB":
            for obj in (c for c in tok.children if c.dep_ == "dobj"):
                code = words.verbs.get(f"{lemma} {obj.lemma_.lower()}")
                if code:
                    return code
            if lemma in words.verbs:
                return words.verbs[lemma]
    for tok in sent:
        lemma = tok.lemma_.lower()
        if (
            tok.pos_ == "NOUN"
            and lemma in words.nouns
            and tok.dep_ == "dobj"
            and tok.head.lemma_.lower() in event_words().express_verbs
        ):
            return words.nouns[lemma]
        if tok.pos_ == "ADJ" and lemma in words.adjectives and tok.dep_ in ("acomp", "amod", "ROOT", "ccomp"):
            clause = tok.head if tok.dep_ != "ROOT" else tok
            if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in speech_verbs or clause.dep_ == "ROOT":
                return words.adjectives[lemma]
    root = sent.root
    if root.lemma_.lower() in speech_verbs and any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
        return words.default
    return None
