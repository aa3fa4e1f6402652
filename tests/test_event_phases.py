"""The coder as declared phases: rules listed in a data file, switched off by name, named in explanations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from thucydides.cli import main
from thucydides.events import rules_arguments, rules_complete, rules_rank, rules_recode
from thucydides.events.phases import RULES_LINE, TRIGGER_RULES, Phases, UnknownRule
from thucydides.events.words import EventWords, event_words
from thucydides.ontology import bundled_ontology

FIXTURES = Path(__file__).parent / "fixtures"
PHASE_ORDER = [
    "propose",
    "arguments",
    "complete",
    "screen",
    "aim",
    "filter",
    "recode",
    "attach",
    "emit",
    "rank",
]


def test_phases_come_in_their_declared_order() -> None:
    assert [p.name for p in Phases.load().phases] == PHASE_ORDER


@pytest.mark.parametrize(
    ("phase", "table"),
    [
        ("propose", TRIGGER_RULES),
        ("arguments", rules_arguments.RULES),
        ("rank", rules_rank.RULES),
    ],
)
def test_phases_each_phase_lists_its_rules_from_the_data_file(phase: str, table: Any) -> None:
    loaded = {p.name: [r.name for r in p.rules] for p in Phases.load().phases}
    assert set(loaded[phase]) <= set(table)
    assert loaded[phase], f"{phase} lists no rule"


def test_phases_every_rule_of_the_code_is_listed_once_in_the_data_file() -> None:
    names = Phases.load().names()
    written = [
        *TRIGGER_RULES,
        *rules_arguments.RULES,
        *rules_complete.RULES,
        *rules_recode.RULES,
        *rules_rank.RULES,
    ]
    assert sorted(names) == sorted(written)
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("phases:\n  - name: arguments\n    rules: [no_such_rule]\n", "unknown rule 'no_such_rule'"),
        ("phases:\n  - name: arguments\n    rules: [subject_source, subject_source]\n", "listed twice"),
        ("phases:\n  - name: propose\n    rules: [subject_source]\n", "no kind of trigger"),
    ],
)
def test_phases_load_refuses_rules_the_coder_does_not_have(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Phases.load(text)


def test_phases_switching_off_records_the_rule_and_keeps_the_others() -> None:
    phases = Phases.load().without(["object_target"])
    arguments = next(p for p in phases.phases if p.name == "arguments")
    active = [r.name for r in phases.active(arguments)]
    assert "object_target" not in active and "subject_source" in active
    assert "object_target [off]" in phases.describe()


@pytest.mark.parametrize(
    ("name", "message"),
    [("subjet_source", "did you mean 'subject_source'"), ("plover_type", "cannot be switched off")],
)
def test_phases_an_unknown_or_core_rule_cannot_be_switched_off(name: str, message: str) -> None:
    with pytest.raises(UnknownRule, match=message):
        Phases.load().without([name])


def test_eval_ablate_with_an_unknown_rule_is_one_readable_error_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["eval", "--ablate", "no_such_rule", str(FIXTURES / "non_event_sentences.txt")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: unknown rule 'no_such_rule'")
    assert "Traceback" not in err


def test_eval_list_rules_prints_every_phase_and_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "--list-rules"]) == 0
    out = capsys.readouterr().out
    for phase in PHASE_ORDER:
        assert f"\n{phase}: " in f"\n{out}"
    for name in Phases.load().names():
        assert f"  {name}" in out


@pytest.mark.parametrize(
    ("code", "kind", "expected"),
    [
        ("190", "violent", True),
        ("173", "violent", False),
        ("112", "directed", True),  # ACCUSE, by its type
        ("0851", "directed", True),  # easing economic sanctions, by its code
        ("042", "visit", True),
        ("040", "visit", False),
        ("141", "domestic", True),  # a protest, by its type
        ("082", "against_authorities", True),
    ],
)
def test_ontology_classes_say_which_codes_a_rule_acts_on(code: str, kind: str, expected: bool) -> None:
    assert bundled_ontology().in_class(kind, code) is expected


def test_ontology_refuses_an_unknown_class() -> None:
    with pytest.raises(KeyError, match="unknown class"):
        bundled_ontology().in_class("no_such_class", "190")


def test_event_words_file_has_every_list_and_no_other() -> None:
    assert "whether" in event_words().open_marks and "whether" not in event_words().condition_marks
    with pytest.raises(ValueError, match="missing lists"):
        EventWords.from_yaml("pronouns: [it]\n")


# -- on the model ---------------------------------------------------------------------------------------


@contextmanager
def switched_off(pipeline: Any, rules: list[str]) -> Iterator[None]:
    """The pipeline's coder with ``rules`` switched off, for the block only."""
    from thucydides.events import EventCoder

    coder = next(s for s in pipeline.post if isinstance(s, EventCoder))
    kept = coder.phases
    coder.switch_off(rules)
    try:
        yield
    finally:
        coder.phases = kept


def _facts(events: list[Any]) -> list[tuple[str, str, str, str]]:
    return sorted(
        (
            e.event_type,
            e.cameo,
            str(e.source.code if e.source else None),
            str(e.target.code if e.target else None),
        )
        for e in events
    )


def _rules_of(event: Any) -> list[str]:
    line = next(s for s in event.explain if s.startswith(RULES_LINE))
    return line.removeprefix(RULES_LINE).split(", ")


# sentences written for these tests, each needing the rule named
NEEDS = [
    ("Police shot two students outside parliament in Nairobi.", "object_target"),
    ("Four Nigerian villagers were killed in militant attacks on Tuesday.", "cause_source"),
    ("Iran and Iraq agreed to hold talks.", "mutual_both_ways"),
    ("Iran and Iraq agreed to hold talks.", "joint_sources"),
    ("Thousands of students marched through Lagos on Monday.", "domestic_target"),
    ("Kenya said it would withdraw its troops from Somalia.", "pronoun_source"),
    ("Kenya said it would withdraw its troops from Somalia.", "stated_intent"),
    ("The bombing of the embassy by rebels in Kabul killed four guards.", "by_agent_source"),
    ("Activists protested the detention of a blogger in Alexandria on Sunday.", "reacted_act_triggers"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "rule"), NEEDS)
def test_switching_off_a_rule_changes_a_sentence_that_needs_it(pipeline: Any, text: str, rule: str) -> None:
    from tests.conftest import code_events

    full = code_events(pipeline, text)
    assert any(rule in _rules_of(e) for e in full), "the rule shaped none of the sentence's events"
    with switched_off(pipeline, [rule]):
        without = code_events(pipeline, text)
    assert _facts(without) != _facts(full)
    assert not any(rule in _rules_of(e) for e in without)


@pytest.mark.slow
def test_switching_off_a_dropping_rule_lets_its_event_through(pipeline: Any) -> None:
    from tests.conftest import code_events

    text = "The gunman killed himself in Karachi."
    assert code_events(pipeline, text) == []
    with switched_off(pipeline, ["reflexive_act"]):
        assert [e.event_type for e in code_events(pipeline, text)] == ["ASSAULT"]


@pytest.mark.slow
def test_every_event_explanation_names_the_rules_that_shaped_it(pipeline: Any) -> None:
    from tests.conftest import code_events

    known = set(Phases.load().names()) | {"sentence_model"}
    events = [e for text, _ in NEEDS for e in code_events(pipeline, text)]
    assert events
    for ev in events:
        rules = _rules_of(ev)
        assert rules[0] in (*TRIGGER_RULES, "sentence_model"), "the first step is the trigger's kind"
        assert set(rules) <= known
        assert "modality" in rules and "plover_type" in rules


@pytest.mark.slow
def test_an_act_reacted_to_that_was_reported_just_before_is_not_coded_again(pipeline: Any) -> None:
    from tests.conftest import code_events

    text = (
        "Gunmen bombed a crowded market in Peshawar on Monday, killing six traders. "
        "The provincial government of Khyber Pakhtunkhwa condemned the bombing."
    )
    said_again = [e for e in code_events(pipeline, text) if e.trigger == "bombing"]
    assert not said_again
    with switched_off(pipeline, ["reacted_act_told"]):
        assert any(e.trigger == "bombing" for e in code_events(pipeline, text))
