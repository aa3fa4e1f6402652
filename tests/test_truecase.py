"""Case restoration before the parse (``thucydides.truecase``)."""

from __future__ import annotations

import pytest

from thucydides.truecase import CaseRestorer

NAMES = [
    "Iran",
    "United Kingdom",
    "British",
    "Strait of Hormuz",
    "Lahore",
    "Imran Khan",
    "NATO",
    "US",
    "Central",
]


@pytest.fixture(scope="module")
def restorer() -> CaseRestorer:
    return CaseRestorer.from_names(NAMES)


@pytest.mark.parametrize(
    ("text", "restored"),
    [
        ("IRAN SEIZES BRITISH TANKER IN STRAIT OF HORMUZ", "Iran seizes British tanker in Strait of Hormuz"),
        ("Iran Seizes British Tanker In Strait Of Hormuz", "Iran seizes British tanker in Strait of Hormuz"),
        (
            "police arrested supporters of imran khan in lahore. nato said nothing.",
            "Police arrested supporters of Imran Khan in Lahore. NATO said nothing.",
        ),
    ],
)
def test_odd_case_text_is_written_back_in_ordinary_case(
    restorer: CaseRestorer, text: str, restored: str
) -> None:
    assert restorer.restore(text) == restored


def test_restored_text_keeps_every_offset(restorer: CaseRestorer) -> None:
    text = "HEADLINE ABOUT IRAN AND NATO\n\nIran said on Monday it had seized a tanker."
    out = restorer.restore(text)
    assert out is not None and len(out) == len(text)
    assert out.splitlines()[2] == text.splitlines()[2]  # the line in ordinary case is left as written


def test_ordinary_text_is_left_alone(restorer: CaseRestorer) -> None:
    assert restorer.restore("Iran said on Monday that it had seized a British tanker in the Gulf.") is None


def test_plain_words_that_name_places_stay_lower_case(restorer: CaseRestorer) -> None:
    assert restorer.restore("the us team met central bankers") == "The us team met central bankers"


def test_pipeline_finds_actors_in_an_all_caps_line() -> None:
    from thucydides.pipeline import Pipeline

    events = Pipeline().events("IRAN SEIZES BRITISH TANKER IN STRAIT OF HORMUZ", published="2019-07-20")
    assert any(e.source and e.source.country == "IRN" and e.event_type == "COERCE" for e in events)
    assert all(e.evidence.text.isupper() for e in events)  # the evidence is the text as written


def test_lazy_restorer_builds_its_table_on_the_first_odd_line_and_restores_as_the_eager_one() -> None:
    calls: list[int] = []

    def names() -> list[str]:
        calls.append(1)
        return NAMES

    lazy = CaseRestorer.lazy(names)
    assert lazy.restore("Iran said on Monday that it had seized a British tanker in the Gulf.") is None
    assert not calls and not lazy.phrases  # ordinary text: the table is not built
    text = "IRAN SEIZES BRITISH TANKER IN STRAIT OF HORMUZ\n\nnato and imran khan"
    eager = CaseRestorer.from_names(NAMES)
    assert lazy.restore(text) == eager.restore(text) is not None
    assert lazy.restore(text.lower()) == eager.restore(text.lower())
    assert calls == [1] and lazy.phrases == eager.phrases and lazy.longest == eager.longest


@pytest.mark.parametrize(
    ("text", "restored"),
    [
        # "on" is a small word of Title Case (YAML once read the bare word as true)
        ("Iran Fires on British Tanker Near Hormuz", "Iran fires on British tanker near hormuz"),
        # a word written in capitals in a Title Case line is an acronym and keeps them
        ("US Warns Iran Over Tanker Seized in the Gulf", "US warns Iran over tanker seized in the gulf"),
        ("Iran Says UNSC Vote Was Unfair", "Iran says UNSC vote was unfair"),
        # in an ALL CAPS line "US" is the country (caps_names), in lower-cased copy a pronoun
        ("IRAN ACCUSES US OF PIRACY", "Iran accuses US of piracy"),
        ("they told us nothing about iran.", "They told us nothing about Iran."),
        # the possessive of a name of several words
        ("UNITED KINGDOM'S NAVY ESCORTS TANKER", "United Kingdom's navy escorts tanker"),
    ],
)
def test_headline_small_words_and_acronyms(restorer: CaseRestorer, text: str, restored: str) -> None:
    assert restorer.restore(text) == restored


def test_bare_yaml_booleans_are_words_of_keep_lower() -> None:
    from thucydides.truecase import keep_lower

    assert {"on", "no"} <= keep_lower()
    assert all(isinstance(w, str) and w == w.lower() for w in keep_lower())
