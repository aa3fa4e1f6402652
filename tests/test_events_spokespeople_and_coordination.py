"""people who speak for an organisation take its code through "for", and coordinated modifiers of
one head noun ("French and Egyptian warships") each give an actor to the event."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import code_events as _code

from thucydides.record import Event


def _sources(events: list[Event]) -> set[str | None]:
    return {e.source.country if e.source else None for e in events}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A spokesman for NATO condemned the Russian air strikes on Tuesday.", "IGO"),
        ("A lawyer for the Pakistani government rejected the charges against the minister.", "PAK"),
        ("The chief negotiator for Britain criticised the French proposal on fishing rights.", "GBR"),
    ],
)
def test_events_agent_noun_takes_the_code_of_whom_it_speaks_for(
    pipeline: Any, text: str, country: str
) -> None:
    events = _code(pipeline, text)
    assert events, text
    assert events[0].source is not None and events[0].source.country == country


@pytest.mark.slow
def test_events_aid_for_a_country_is_not_its_source(pipeline: Any) -> None:
    events = _code(pipeline, "Aid for Syria was blocked by Turkish troops at the border crossing.")
    assert "SYR" not in _sources(events)


@pytest.mark.slow
def test_events_coordinated_demonym_modifiers_each_give_an_actor(pipeline: Any) -> None:
    events = _code(pipeline, "Greek and Turkish warships fired on a smuggling vessel off Cyprus.")
    actors = {e.source.country for e in events if e.source} | {e.target.country for e in events if e.target}
    assert {"GRC", "TUR"} <= actors
