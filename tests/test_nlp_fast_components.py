"""The fast attribute ruler and lemmatizer give exactly the annotations of spaCy's own components."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import CORPUS

# Written for this test: ordinary news prose and the informal forms the model's multi-token rules
# handle ("ain't", "gonna", "gotta", "let's", "c'mon", "y'all", "nothin'", "there is/are").
TEXTS = [
    "The foreign minister said on Tuesday that talks with the rebels would resume in Doha.",
    "There are no plans to withdraw, and there is little hope of a deal, officials said.",
    '"We ain\'t gonna give up," the protesters shouted. "Let\'s go, y\'all gotta march!"',
    "C'mon, nothin' has changed since '98 -- the border's still closed.",
    "  Lines\n\nwith   odd\tspacing ,and  stray  punctuation ...   ",
    "PRESIDENT VISITS CAPITAL\nThe president's visit, his first since 2019, lasted two days.",
    "",
]


def _annotations(doc: Any) -> list[tuple[Any, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc]


@pytest.fixture(scope="module")
def models() -> tuple[Any, Any]:
    from thucydides.nlp import load_nlp

    return load_nlp(fast=False), load_nlp()


def test_fast_components_replace_the_stock_ones_in_the_loaded_pipeline(models: tuple[Any, Any]) -> None:
    from spacy.pipeline import AttributeRuler, Lemmatizer

    from thucydides.nlp import FastAttributeRuler, FastLemmatizer

    stock, fast = models
    assert isinstance(stock.get_pipe("attribute_ruler"), AttributeRuler)
    assert isinstance(stock.get_pipe("lemmatizer"), Lemmatizer)
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), FastLemmatizer)
    assert stock.pipe_names == fast.pipe_names


def test_fast_components_give_the_stock_annotations_on_informal_and_messy_text(
    models: tuple[Any, Any],
) -> None:
    stock, fast = models
    for a, b in zip(stock.pipe(TEXTS), fast.pipe(TEXTS), strict=True):
        assert _annotations(a) == _annotations(b), a.text


def test_fast_components_give_the_stock_annotations_on_the_sample_corpus(models: tuple[Any, Any]) -> None:
    stock, fast = models
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    assert len(texts) >= 10
    for a, b in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert _annotations(a) == _annotations(b)


def test_fast_ruler_applies_later_rules_over_earlier_ones_and_rules_of_several_tokens(
    models: tuple[Any, Any],
) -> None:
    from spacy.pipeline import AttributeRuler

    from thucydides.nlp import FastAttributeRuler

    stock, _ = models
    ruler = AttributeRuler(stock.vocab)
    ruler.add([[{"TAG": "NNP"}]], {"LEMMA": "proper"})
    ruler.add([[{"LOWER": {"IN": ["talks", "deal"]}}]], {"LEMMA": "matter", "POS": "PROPN"})
    ruler.add([[{"TAG": "NNS", "LOWER": "talks"}]], {"LEMMA": "negotiation"})  # wins over the one above
    ruler.add([[{"LOWER": "peace"}, {"LOWER": {"REGEX": "^talk"}}]], {"MORPH": "Number=Plur"}, index=1)
    ruler.add([[{"LOWER": "the"}, {"IS_ALPHA": True, "OP": "+"}]], {"LEMMA": "first-word"}, index=-1)
    fast = FastAttributeRuler(stock.vocab)
    fast.copy_rules(ruler)
    assert fast.firsts is None  # a pattern with an operator: the whole text goes through its matcher
    text = "Peace talks between the Rebels began, and a deal followed."
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        a, b = stock(text), stock(text)
    assert _annotations(ruler(a)) == _annotations(fast(b))
    lemmas = [t.lemma_ for t in b if t.lower_ in ("talks", "rebels", "deal")]
    assert lemmas == ["negotiation", "first-word", "matter"]


def test_fast_ruler_refuses_rules_that_set_other_attributes(models: tuple[Any, Any]) -> None:
    from spacy.pipeline import AttributeRuler

    from thucydides.nlp import FastAttributeRuler

    ruler = AttributeRuler(models[0].vocab)
    ruler.add([[{"LOWER": "un"}]], {"NORM": "united nations"})
    assert not FastAttributeRuler.can_copy(ruler)
    with pytest.raises(ValueError, match="does not write"):
        FastAttributeRuler(models[0].vocab).copy_rules(ruler)


def test_fast_lemmatizer_keeps_the_ruler_lemmas_and_remembers_the_rest(models: tuple[Any, Any]) -> None:
    _, fast = models
    doc = fast("They're gonna keep fighting; the fighting kept going and the talks keep failing.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["gon"] == "go"  # set by the attribute ruler's rule for "gonna", kept
    assert [t.lemma_ for t in doc if t.lower_ in ("kept", "keep")] == ["keep", "keep", "keep"]
    assert lemmas["talks"] == "talk"
    assert fast.get_pipe("lemmatizer")._memo  # what it worked out is remembered


def test_fast_lemmatizer_wraps_only_a_stock_rule_or_lookup_lemmatizer(models: tuple[Any, Any]) -> None:
    from thucydides.nlp import FastLemmatizer

    stock, _ = models
    assert FastLemmatizer.can_wrap(stock.get_pipe("lemmatizer"))
    assert not FastLemmatizer.can_wrap(stock.get_pipe("attribute_ruler"))
    with pytest.raises(ValueError, match="wraps only"):
        FastLemmatizer(stock.vocab).wrap(stock.get_pipe("tagger"))
