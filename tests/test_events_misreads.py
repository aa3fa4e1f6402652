"""Words the small model misreads, read back as the verbs they are (no model loaded)."""

from __future__ import annotations

from types import SimpleNamespace

from thucydides.events.headlines import past_verb
from thucydides.events.lexicon import _known_lemma, irregular_forms


def test_the_irregular_verb_table_gives_plain_forms_of_past_forms() -> None:
    forms = irregular_forms()
    assert forms["forgave"] == "forgive"
    assert forms["shot"] == "shoot"
    assert forms["withdrawn"] == "withdraw"
    assert all(form != plain for form, plain in forms.items())


def test_an_irregular_past_read_as_a_verb_takes_its_plain_form_when_the_lemma_is_unknown() -> None:
    known = {"forgive", "strike"}
    assert _known_lemma("forgave", "forgave", known, verb_form=True) == "forgive"
    # a word the tagger does not read as a verb keeps its lemma (the table is for verbs only)
    assert _known_lemma("forgave", "forgave", known, verb_form=False) == "forgave"
    # a known lemma is never replaced
    assert _known_lemma("struck", "strike", known, verb_form=True) == "strike"


def test_a_past_form_read_as_a_noun_names_the_verb_only_where_the_lexicon_has_it() -> None:
    def word(text: str, pos: str = "NOUN") -> SimpleNamespace:
        return SimpleNamespace(lower_=text, pos_=pos)

    verbs = {"shoot", "detain", "bury"}
    assert past_verb(word("shot"), verbs) == "shoot"
    assert past_verb(word("detained", "ADJ"), verbs) == "detain"
    assert past_verb(word("buried"), verbs) == "bury"
    assert past_verb(word("sold"), verbs) is None  # "sell" is not among the verbs given
    assert past_verb(word("shot", "VERB"), verbs) is None  # a verb already
    assert past_verb(word("market"), verbs) is None
