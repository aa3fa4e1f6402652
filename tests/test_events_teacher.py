"""The teacher of the sentence event model (build time): its confident labels, and that its examples
change only the heads they label."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn")

from thucydides.events.teacher import Teacher  # noqa: E402
from thucydides.events.train import Example, fit  # noqa: E402


def _gold() -> tuple[list[Example], list[list[str]], np.ndarray]:
    rng = np.random.default_rng(0)
    examples, feats, emb = [], [], []
    for i in range(60):
        protest = i % 2 == 0
        label = ("PROTEST" if i % 4 == 0 else "ASSAULT") if protest else "NONE"
        examples.append(Example(f"s{i}", "t", f"d{i}", label, contentious=int(protest)))
        feats.append(["march", "crowd", label.lower()] if protest else ["meeting", "talk"])
        emb.append(rng.normal(size=4) + (3.0 if protest else -3.0))
    return examples, feats, np.array(emb)


def test_teacher_labels_only_where_sure_and_only_the_heads_asked() -> None:
    examples, _, emb = _gold()
    teacher = Teacher(examples, emb)
    new = np.array([[3.0] * 4, [-3.0] * 4, [0.0] * 4])
    out = dict(teacher.label(["a", "b", "c"], ["x", "y", "z"], new, 0.5, 0.2, 1.0, False, ["contentious"]))
    assert out[0].contentious == 1 and out[1].contentious == 0
    assert 2 not in out or out[2].contentious is None
    assert all(e.type is None and e.weight == 0.5 for e in out.values())


def test_teacher_examples_leave_the_other_heads_as_trained_on_gold() -> None:
    examples, feats, _ = _gold()
    extra = [Example("u", "teacher", "u", contentious=1, weight=0.5) for _ in range(5)]
    gold_only = fit(examples, feats)
    taught = fit(examples + extra, feats + [["novel", "meeting"]] * 5, n_vocabulary=len(examples))
    assert taught.index == gold_only.index  # "novel" is not in the vocabulary
    assert np.allclose(taught._tw, gold_only._tw)
    j = list(taught.heads).index("contentious")
    assert not np.allclose(taught._bw[:, j], gold_only._bw[:, j])
