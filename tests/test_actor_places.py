"""Where the text places an event's actors (records built by hand, no model needed)."""

from __future__ import annotations

import pytest

from thucydides.actor_places import ActorPlaceStage
from thucydides.record import Actor, ActorMention, Document, Event, Evidence, Place, PlaceMention

HONG_KONG = Place("Hong Kong", "HKG", lat=22.3, lon=114.2, precision="country")
TEXAS = Place("Texas", "USA", admin1="Texas", precision="admin1")
ANKARA = Place("Ankara", "TUR", admin1="TR.68", lat=39.9, lon=32.9, precision="city")


def _doc(text: str, source: str, target: str, places: list[tuple[str, Place]]) -> Document:
    doc = Document(id="d", raw=text, text=text)
    for words, code in ((source, "SRC"), (target, "TGT")):
        start = text.index(words)
        doc.actors.append(ActorMention(start, start + len(words), words, Actor(words, country=code)))
    for words, place in places:
        start = text.index(words)
        doc.places.append(PlaceMention(start, start + len(words), words, place))
    doc.events.append(
        Event(
            event_id="e",
            doc_id="d",
            event_type="PROTEST",
            cameo="140",
            quad_class=3,
            goldstein=-6.5,
            modality="asserted",
            source=Actor(source, country="SRC"),
            target=Actor(target, country="TGT"),
            evidence=Evidence(text, 0, len(text)),
        )
    )
    return doc


@pytest.mark.parametrize(
    ("text", "source", "target", "places", "where"),
    [
        ("Protesters in Hong Kong marched against the police.", "Protesters in Hong Kong", "the police",
         [("Hong Kong", HONG_KONG)], (HONG_KONG, None)),
        ("The governor of Texas criticized the ministry.", "The governor", "the ministry",
         [("Texas", TEXAS)], (TEXAS, None)),
        ("Officials met the diplomats in Ankara.", "Officials", "the diplomats", [("Ankara", ANKARA)],
         (None, ANKARA)),
        ("Officials in the capital met the diplomats, who flew on to Ankara.", "Officials", "the diplomats",
         [("Ankara", ANKARA)], (None, None)),
    ],
    ids=["inside", "of-place", "in-place", "unrelated-place"],
)  # fmt: skip
def test_actor_places_come_from_the_actors_own_words(
    text: str, source: str, target: str, places: list[tuple[str, Place]], where: tuple[Place | None, ...]
) -> None:
    (event,) = ActorPlaceStage()(_doc(text, source, target, places)).events
    assert (event.source_place, event.target_place) == where


def test_actor_places_appear_in_the_json_record_only_when_known() -> None:
    (event,) = ActorPlaceStage()(
        _doc(
            "Protesters in Hong Kong marched on a ministry.",
            "Protesters in Hong Kong",
            "a ministry",
            [("Hong Kong", HONG_KONG)],
        )
    ).events
    rec = event.to_json()
    assert rec["source_place"]["country"] == "HKG" and "target_place" not in rec
