"""senses the PLOVER manual files under another type than the CAMEO table (resignations are
RETREAT, attacks on websites COERCE 'cyber'), and "capture" read through its object. Sentences are written
for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import code_events as _code

from thucydides.events.lexicon import Lexicon


def test_events_lexicon_reads_a_plover_type_override() -> None:
    lexicon = Lexicon.load()
    (entry,) = lexicon.verbs["resign"]
    assert (entry.cameo, entry.plover, entry.mode) == ("0831", "RETREAT", "resign")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "event_type", "mode"),
    [
        ("The Peruvian interior minister resigned on Friday after the protests.", "RETREAT", "resign"),
        ("Kenya's finance minister stepped down on Monday.", "RETREAT", "resign"),
        ("Iranian hackers defaced the website of the Israeli foreign ministry last week.", "COERCE", "cyber"),
        ("Chinese hackers hacked the Indian defence ministry on Sunday.", "COERCE", "cyber"),
        ("Unknown vandals defaced a statue of the Spanish king in Madrid on Sunday.", "ASSAULT", None),
    ],
)
def test_events_type_follows_the_plover_manual_where_it_differs_from_the_cameo_table(
    pipeline: Any, text: str, event_type: str, mode: str | None
) -> None:
    events = _code(pipeline, text)
    assert events, text
    assert events[0].event_type == event_type
    if mode is not None:
        assert events[0].mode == mode
    assert events[0].cameo and events[0].cameo[:2] in ("08", "17", "18")


@pytest.mark.slow
def test_property_a_protesting_crowd_damages_is_a_riot_as_plover_files_it(pipeline: Any) -> None:
    events = _code(pipeline, "Rioters defaced a statue of the Spanish king in Madrid on Sunday.")
    assert events and events[0].event_type == "PROTEST" and events[0].mode == "riot"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        ("Syrian troops captured the town of Kafr Nabl from rebels on Thursday.", "192"),
        ("Ukrainian forces recaptured a village near Kharkiv on Monday.", "192"),
    ],
)
def test_events_capture_is_read_through_its_object(pipeline: Any, text: str, cameo: str) -> None:
    events = _code(pipeline, text)
    assert events, text
    assert events[0].cameo == cameo


@pytest.mark.slow
def test_events_capturing_an_abstract_object_is_no_event(pipeline: Any) -> None:
    assert not _code(pipeline, "France's defence captured the momentum of the match after the break.")
