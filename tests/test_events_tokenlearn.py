"""Tokenlearn (build time): the trained word table brings pooled sentence vectors closer to the sentence
targets, keeps the runtime's format, and its baked rows give exactly the student's prediction."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("torch")

from thucydides.events.model import StaticEmbedder  # noqa: E402
from thucydides.events.tokenlearn import Corpus, learn  # noqa: E402


def _toy() -> tuple[StaticEmbedder, Corpus, np.ndarray]:
    """Words whose distilled rows are noise, sentences whose target depends on which words they hold."""
    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(40)]
    emb = StaticEmbedder(words, rng.normal(size=(40, 8)).astype(np.float32) * 0.1)
    meaning = rng.normal(size=(40, 16)).astype(np.float32)
    corpus = Corpus()
    sents = [list(rng.choice(words[:30], size=5, replace=False)) for _ in range(600)]
    targets = np.array([meaning[[int(w[1:]) for w in s]].sum(axis=0) for s in sents])
    corpus.add(sents, [f"d{i}" for i in range(600)], [-1] * 600, targets)
    return emb, corpus, meaning


def test_tokenlearn_moves_sentence_vectors_towards_their_targets_and_keeps_the_format() -> None:
    emb, corpus, _ = _toy()
    trained, info = learn(emb, corpus, list(range(600)), dims=8, l2=1e-6, lr=1e-2, epochs=30)
    cosines = info["held_out_cosine"]
    assert max(cosines) > cosines[0] + 0.1
    assert trained.words == emb.words and trained.table.shape == emb.table.shape
    assert float(np.abs(trained.table).max()) == pytest.approx(1.0)
    # words never seen in the corpus (w30..w39) are mapped too: their rows changed with the map
    assert not np.allclose(trained.table[35], emb.table[35] / np.abs(emb.table).max())
    assert "tokenlearn" in trained.meta


def test_tokenlearn_sentence_vector_is_the_runtime_pooling_of_the_baked_rows() -> None:
    emb, corpus, _ = _toy()
    trained, _ = learn(emb, corpus, list(range(600)), dims=8, epochs=2)
    words = ["w1", "w2", "unknown", "w3"]
    expected = trained.table[[1, 2, 3]].sum(axis=0)
    assert trained.lower_vector(words) == pytest.approx(expected / np.linalg.norm(expected), abs=1e-5)
