"""The learned ranking of place readings (``places/ranker.py``): its weights file, features and the
resolver's use of it (the resolver keeps every reason, the model's score added to it)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from thucydides.places import Gazetteer, PlaceResolver
from thucydides.places.ranker import FEATURES, Ranker, Story, coherence, features
from thucydides.record import Document


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _ranker(**weights: float) -> Ranker:
    size = len(FEATURES)
    weight = np.array([weights.get(name, 0.0) for name in FEATURES])
    return Ranker(np.zeros(size), np.ones(size), weight)


def test_ranker_file_round_trips_and_rejects_other_features() -> None:
    ranker = _ranker(hand_choice=2.0, log_population=-0.5)
    again = Ranker.load(ranker.dump())
    assert again is not None
    assert np.allclose(again.weight, ranker.weight)
    assert Ranker.load(ranker.dump().replace("hand_choice", "something_else")) is None


def test_ranker_scores_are_probabilities_over_a_name_s_readings() -> None:
    ranker = _ranker(hand_choice=3.0)
    rows = [[0.0] * len(FEATURES) for _ in range(3)]
    rows[1][FEATURES.index("hand_choice")] = 1.0
    probs = ranker.score(rows)
    assert abs(sum(probs) - 1.0) < 1e-9
    assert max(range(3), key=probs.__getitem__) == 1


def test_features_give_one_row_per_reading(gazetteer: Gazetteer) -> None:
    readings = gazetteer.readings("springfield", {})
    assert len(readings) > 2
    story = Story("USA", "US.IL", {"USA": 2}, {"US.IL": 2}, 2, frozenset({"US.IL"}), frozenset(), [], [])
    rows = features(readings, readings[0].entry, "springfield", story, [0] * len(readings), 0)
    assert len(rows) == len(readings) and all(len(row) == len(FEATURES) for row in rows)
    in_illinois = [n for n, r in enumerate(readings) if r.entry.a1 == "US.IL" and r.entry.kind == "city"]
    assert in_illinois and rows[in_illinois[0]][FEATURES.index("admin1_named")] == 1.0


def test_coherence_counts_other_names_with_a_reading_near() -> None:
    # a reading beside another name's town counts it; its own name never counts
    candidates = [[(40.0, -90.0), (10.0, 10.0)], [(40.3, -90.2)]]
    points = [[(40.0, -90.0)], [(40.3, -90.2)]]
    assert coherence(candidates, points) == [[1, 0], [1]]


@pytest.mark.slow
def test_resolver_adds_the_learned_score_to_the_reason(nlp: Any, gazetteer: Gazetteer) -> None:
    text = "Officers from Richmond searched the house."
    resolver = PlaceResolver(gazetteer)
    resolver.ranker = _ranker(hand_choice=5.0)
    doc = resolver(Document(id="t", text=text, nlp=nlp(text)))
    hand = PlaceResolver(gazetteer)
    hand.ranker = None
    plain = hand(Document(id="t", text=text, nlp=nlp(text)))
    assert [m.place.admin1 for m in doc.places] == [m.place.admin1 for m in plain.places]
    assert "learned ranker" in doc.places[0].reason
    assert "learned ranker" not in plain.places[0].reason
    # a model that distrusts the hand choice takes another reading, and says so
    resolver.ranker = _ranker(hand_choice=-5.0)
    other = resolver(Document(id="t", text=text, nlp=nlp(text)))
    assert other.places[0].place.admin1 != plain.places[0].place.admin1
    assert " over Richmond" in other.places[0].reason
