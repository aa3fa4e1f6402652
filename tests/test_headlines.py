"""Headlines the parser reads with no verb, or with the wrong one (``thucydides.events.headlines``)."""

from __future__ import annotations

from typing import Any

import pytest

from thucydides.events.headlines import repair_headlines

VERBS = frozenset({"shell", "torch", "detain", "reject", "free", "raid", "pardon"})


def _root(nlp: Any, text: str) -> tuple[str, str, str | None]:
    """The root's word and lemma after the repair, and its subject's word."""
    doc = nlp(text)
    repair_headlines(doc, VERBS)
    root = next(t for t in doc if t.dep_ == "ROOT")
    subj = next((t.text for t in root.children if t.dep_ == "nsubj"), None)
    return root.text, root.lemma_, subj


@pytest.mark.parametrize(
    ("text", "verb", "lemma", "subject"),
    [
        # the plain form after a subject in the plural, read as a noun
        ("Rebels torch police post near the river", "torch", "torch", "Rebels"),
        # a participle modifying the object, read as the verb
        ("Junta frees detained reporters", "frees", "free", "Junta"),
    ],
)
def test_headline_verb_the_parse_missed_becomes_the_root(
    nlp: Any, text: str, verb: str, lemma: str, subject: str
) -> None:
    assert _root(nlp, text) == (verb, lemma, subject)


def test_headline_with_its_verb_found_is_left_alone(nlp: Any) -> None:
    doc = nlp("Police said the rebels torched a post.")
    assert repair_headlines(doc, VERBS) == 0


def test_plain_form_after_a_singular_subject_is_no_verb(nlp: Any) -> None:
    from thucydides.events.headlines import plain_verb

    doc = nlp("Border raid report")
    words = list(doc)
    assert plain_verb(words[1], words[:1], VERBS) is None  # "Border" is no subject in the plural


def test_light_verb_before_an_event_noun_read_as_a_verb(nlp: Any) -> None:
    doc = nlp("Ghana voices support for Togolese peace plan")
    assert repair_headlines(doc, VERBS, frozenset({"voice"}), frozenset({"support"})) == 1
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert (root.text, root.lemma_) == ("voices", "voice")
    assert [t.text for t in root.children if t.dep_ == "dobj"] == ["support"]


def test_light_verb_before_a_plain_noun_is_no_headline_verb(nlp: Any) -> None:
    doc = nlp("Ghana voices support for Togolese peace plan")
    assert repair_headlines(doc, VERBS, frozenset({"voice"}), frozenset()) == 0
