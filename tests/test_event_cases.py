"""Every event a sentence must give and every one it must not, from one table
(``tests/fixtures/event_cases.yaml``; sentences written for these tests)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.conftest import code_events

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "event_cases.yaml").read_text(encoding="utf-8"))


def _actor_matches(actor: Any, want: str | None) -> bool:
    """``want``: an actor code (NGACOP), a sector for an actor with no country (COP), or None for none."""
    if want is None:
        return actor is None
    if actor is None:
        return False
    return actor.code == want or (actor.country is None and actor.sector == want)


def _matches(event: Any, spec: dict[str, Any]) -> bool:
    return (
        event.event_type == spec["type"]
        and ("source" not in spec or _actor_matches(event.source, spec["source"]))
        and ("target" not in spec or _actor_matches(event.target, spec["target"]))
        and ("date" not in spec or str(event.date or "").startswith(str(spec["date"])))
        and ("place" not in spec or (event.location is not None and event.location.name == spec["place"]))
    )


def _show(events: list[Any]) -> str:
    return "; ".join(
        f"{e.event_type} {e.source.code or e.source.sector if e.source else '-'}"
        f" -> {e.target.code or e.target.sector if e.target else '-'}"
        for e in events
    )


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c["behaviour"] for c in CASES])
def test_event_cases_give_every_event_they_must_and_none_they_must_not(pipeline: Any, case: dict) -> None:
    published = date.fromisoformat(str(case.get("published", "2024-03-01")))
    events = code_events(pipeline, case["text"], published)
    for spec in case.get("must") or ():
        assert any(_matches(e, spec) for e in events), f"missing {spec} in: {_show(events)}"
    for spec in case.get("must_not") or ():
        assert not any(_matches(e, spec) for e in events), f"unwanted {spec} in: {_show(events)}"
    if "first" in case:
        assert events and events[0].event_type == case["first"], f"first {case['first']} in: {_show(events)}"


@pytest.mark.parametrize(
    ("cameo", "nominal", "sector"),
    [
        ("173", False, "COP"),  # "were arrested": the police
        ("1411", True, "CVL"),  # "demonstrations were held": protesters (longest prefix "14")
        ("183", True, "UAF"),  # "a grenade attack": unidentified attackers
        ("190", False, None),  # "was shot dead": no doer implied for a verb of violence
        ("040", True, None),  # talks imply no one
    ],
)
def test_lexicon_implies_the_doer_of_an_act_reported_without_one(
    cameo: str, nominal: bool, sector: str | None
) -> None:
    from thucydides.events.lexicon import Lexicon

    agent = Lexicon.load().implied_agent(cameo, nominal)
    assert (agent.sector if agent else None) == sector


def test_proposer_settings_are_read_from_the_data_file() -> None:
    from thucydides.events.propose import ProposerSettings

    settings = ProposerSettings.load(
        "proposer: {min_type_probability: 0.7, police_codes: {police_arrest: '173'}}\nranking: {bonus: 0.2}"
    )
    assert (settings.min_type_probability, settings.police_codes, settings.rank_bonus) == (
        0.7,
        {"police_arrest": "173"},
        0.2,
    )
    bundled = ProposerSettings.load()
    assert 0 < bundled.min_type_probability < 1 and bundled.police_agent.sector == "COP"


def test_police_heads_propose_beside_the_rules_only_where_the_data_file_says() -> None:
    from thucydides.events.propose import ProposerSettings

    assert ProposerSettings.load("proposer: {}").police_override_probability > 1  # absent: never
    assert (
        ProposerSettings.load("ranking: {police_override_probability: 0.6}").police_override_probability
        == 0.6
    )
    assert 0 < ProposerSettings.load().police_override_probability < 1


def test_a_bare_gerund_after_a_force_word_is_read_as_the_act_of_that_force(pipeline: Any) -> None:
    """ "died in police firing": the tagger makes "firing" a participle; it is the police's firing."""
    events = code_events(pipeline, "three villagers died in police firing near the market.", date(2024, 3, 1))
    assert any(
        e.event_type == "ASSAULT" and e.source is not None and e.source.sector == "COP" for e in events
    )


def test_a_definite_event_noun_refers_back_to_the_act_named_by_the_same_noun(pipeline: Any) -> None:
    """ "an offensive ... The offensive entered its third day": the act named by the same noun, not the
    last act of its type (the shelling in between), gives the doer, and its target (none) stays."""
    text = (
        "Ethiopian forces launched an offensive against rebel positions in Tigray on Monday. Shells fired "
        "from across the border hit two Eritrean villages, killing four people, local officials said. The "
        "United Nations urged restraint. The offensive entered its third day on Wednesday."
    )
    events = code_events(pipeline, text, date(2024, 3, 1))
    last = [e for e in events if e.evidence.text.startswith("The offensive entered")]
    assert last, [e.evidence.text for e in events]
    assert last[0].source is not None and last[0].source.country == "ETH"
    assert last[0].target is None or last[0].target.country != "ERI"
