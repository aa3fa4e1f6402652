"""The learned sentence event model: loads offline from the package, deterministic, cheap features.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from thucydides.events.model import BINARY_HEADS, SentenceEventModel, StaticEmbedder, sentence_features


def _toy_model() -> SentenceEventModel:
    features = ["l:march", "l:arrest", "l:meet"]
    labels = ["ASSAULT", "COERCE", "CONSULT", "NONE", "PROTEST"]
    tw = np.zeros((3, 5), dtype=np.float32)
    tw[0, 4] = 3.0
    tw[1, 1] = 3.0
    tw[2, 2] = 3.0
    bw = np.zeros((3, 3), dtype=np.float32)
    bw[1, 1] = 4.0
    return SentenceEventModel(features, labels, tw, np.zeros(5), bw, np.full(3, -2.0), BINARY_HEADS)


def test_type_probabilities_sum_to_one_and_heads_are_separate() -> None:
    model = _toy_model()
    (probs,) = model.predict_features([["l:arrest", "l:unknown-feature"]])
    assert sum(probs[label] for label in model.labels) == pytest.approx(1.0, abs=1e-6)
    assert model.top_type(probs) == "COERCE"
    assert set(probs) == set(model.labels) | set(BINARY_HEADS)
    assert probs["police_arrest"] > 0.5 > probs["police_kill"]


def test_unknown_features_leave_the_priors() -> None:
    model = _toy_model()
    (probs,) = model.predict_features([["l:nothing-known"]])
    assert probs["NONE"] == pytest.approx(0.2, abs=1e-6)


def test_a_saved_model_reads_back_the_same(tmp_path) -> None:  # type: ignore[no-untyped-def]
    model = _toy_model()
    model.save(tmp_path / "m.npz")
    again = SentenceEventModel.from_file(tmp_path / "m.npz")
    assert again.labels == model.labels
    feats = [["l:march"], ["l:meet", "l:arrest"]]
    for a, b in zip(model.predict_features(feats), again.predict_features(feats), strict=True):
        assert a == pytest.approx(b, abs=1e-3)


def test_the_bundled_model_loads_once_without_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from thucydides.events import model as model_module

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model tried to open a socket")

    monkeypatch.setattr(socket, "socket", no_network)
    model_module._bundled.cache_clear()
    model = SentenceEventModel.load()
    assert model is SentenceEventModel.load()
    assert "NONE" in model.labels and "PROTEST" in model.labels and "ASSAULT" in model.labels
    assert model.heads == BINARY_HEADS


@pytest.mark.slow
def test_features_ignore_capitals(nlp) -> None:  # type: ignore[no-untyped-def]
    lower = {
        f for f in sentence_features(nlp("the soldiers shot two farmers near the river.")[:]) if f[0] in "lb"
    }
    normal = {
        f for f in sentence_features(nlp("The soldiers shot two farmers near the river.")[:]) if f[0] in "lb"
    }
    assert {"l:farmer", "l:soldier", "l:shoot"} <= lower
    assert lower == normal


@pytest.mark.slow
def test_features_mark_negation_and_modal_cues(nlp) -> None:  # type: ignore[no-untyped-def]
    feats = sentence_features(nlp("The union will not strike next week.")[:])
    assert "n:strike" in feats
    assert "m:strike" in feats


@pytest.mark.slow
def test_predictions_are_deterministic(nlp) -> None:  # type: ignore[no-untyped-def]
    model = SentenceEventModel.load()
    sents = [
        s
        for d in nlp.pipe(["Two villagers were detained by the border guards.", "It rained."])
        for s in d.sents
    ]
    first, second = model.predict(sents), model.predict(sents)
    assert first == second
    for probs in first:
        assert sum(probs[label] for label in model.labels) == pytest.approx(1.0, abs=1e-5)
        assert all(0.0 <= probs[h] <= 1.0 for h in model.heads)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "head", "above"),
    [
        ("Officers of the district police arrested six men in a raid on the market.", "police_arrest", True),
        ("The cabinet approved the new budget for schools on Tuesday.", "police_arrest", False),
        ("The cabinet approved the new budget for schools on Tuesday.", "contentious", False),
    ],
)
def test_heads_on_written_sentences(nlp, sentence: str, head: str, above: bool) -> None:  # type: ignore[no-untyped-def]
    (probs,) = SentenceEventModel.load().predict([nlp(sentence)[:]])
    assert (probs[head] > 0.5) is above


def test_operating_point_shifts_a_head_so_that_its_threshold_reads_one_half() -> None:
    model = _toy_model()
    (before,) = model.predict_features([["l:arrest"]])
    model.set_operating_points({"police_arrest": before["police_arrest"]})
    (after,) = model.predict_features([["l:arrest"]])
    assert after["police_arrest"] == pytest.approx(0.5, abs=1e-3)
    assert after["police_kill"] == pytest.approx(before["police_kill"])
    assert model.meta["operating_points"] == {"police_arrest": before["police_arrest"]}


def test_training_masks_each_head_to_the_examples_that_label_it() -> None:
    pytest.importorskip("sklearn")
    from thucydides.events.train import Example, fit

    examples = [
        Example("a", "x", "d1", type="PROTEST", contentious=1),
        Example("b", "x", "d2", type="NONE", contentious=0),
        Example("c", "x", "d3", type="COERCE"),
        Example("d", "y", "d4", police_kill=0, police_arrest=1),
        Example("e", "y", "d5", police_kill=0, police_arrest=0),
    ] * 3
    feats = [["l:march"], ["l:weather"], ["l:detain"], ["l:detain", "l:police"], ["l:police"]] * 3
    model = fit(examples, feats)
    assert set(model.labels) == {"PROTEST", "NONE", "COERCE"}  # police-only rows are not typed
    march, weather, detain = model.predict_features([["l:march"], ["l:weather"], ["l:detain", "l:police"]])
    assert model.top_type(march) == "PROTEST" and model.top_type(weather) == "NONE"
    assert detain["police_arrest"] > 0.5 > weather["contentious"]
    assert model.meta["trained_on"] == {"x": 9, "y": 6}


def test_operating_points_keep_police_false_alarms_under_the_limit() -> None:
    from thucydides.events.train import Example, operating_points

    pos = [(Example("p", "india_police", "d", police_kill=1, police_arrest=0), 0.4)] * 10
    neg = [(Example("n", "india_police", "d", police_kill=0, police_arrest=0), q / 100) for q in range(100)]
    pooled = {"india_police": [(e, {"police_kill": q, "police_arrest": 0.0}) for e, q in pos + neg]}
    points = operating_points(pooled, max_alarms=0.05)
    assert points["police_kill"] == 0.95  # 5 of the 100 negatives reach 0.95


def test_own_sets_give_only_their_dev_half_with_the_labels_of_their_format(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from thucydides.events.train import own_set_examples
    from thucydides.splits import half_of

    bench = tmp_path / "bench"
    bench.mkdir()
    case = [
        {"id": f"c{i}", "text": f"snippet {i}", "type": t} for i, t in enumerate(["PROTEST", "COERCE"] * 8)
    ]
    police = [{"id": f"p{i}", "doc_id": f"p{i}", "text": f"s {i}", "labels": ["ARREST"] if i % 2 else []}
              for i in range(16)]  # fmt: skip
    lines = {"own_case.jsonl": case, "own_police.jsonl": police}
    for name, recs in lines.items():
        (bench / name).write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    dev, test = own_set_examples("dev", tmp_path), own_set_examples("test", tmp_path)
    assert set(dev) == {"own_case", "own_police"}  # absent files give nothing
    assert [e.group for e in dev["own_case"]] == [
        f"own_case:{r['id']}" for r in case if half_of("case2021", r["id"]) == "dev"
    ]
    assert len(dev["own_case"]) + len(test["own_case"]) == 16 and dev["own_case"] and test["own_case"]
    for e in dev["own_case"]:
        assert e.contentious == (1 if e.type == "PROTEST" else None)  # COERCE: unknown, as in CASE
    for e in dev["own_police"]:
        assert (e.police_arrest, e.police_kill, e.type) in ((1, 0, "COERCE"), (0, 0, None))


def _toy_embedder() -> StaticEmbedder:
    words = ["march", "rally", "arrest", "the"]
    table = np.array([[1.0, 0.1], [0.9, 0.2], [0.0, 1.0], [0.01, 0.01]], dtype=np.float32)
    return StaticEmbedder(words, table)


def test_static_embedder_sums_known_words_to_unit_length_and_skips_unknown_ones() -> None:
    emb = _toy_embedder()
    vec = emb.words_vector(["The", "MARCH", "zzz"])
    assert np.linalg.norm(vec) == pytest.approx(1.0, abs=1e-6)
    assert vec == pytest.approx(emb.words_vector(["march", "the"]))
    assert not emb.words_vector(["zzz", "qqq"]).any()  # nothing known: the zero vector


def test_static_embedder_reads_back_the_same(tmp_path) -> None:  # type: ignore[no-untyped-def]
    emb = _toy_embedder()
    emb.save(tmp_path / "w.npz")
    again = StaticEmbedder.from_file(tmp_path / "w.npz")
    assert again.words == emb.words
    assert again.words_vector(["rally", "arrest"]) == pytest.approx(
        emb.words_vector(["rally", "arrest"]), abs=1e-3
    )


def test_a_model_with_dense_weights_needs_its_word_vectors() -> None:
    model = _toy_model()
    dense = {
        "mean": np.zeros(2),
        "scale": np.ones(2),
        "type_weights": np.zeros((2, 5)),
        "binary_weights": np.zeros((2, 3)),
    }
    with pytest.raises(ValueError, match="word vectors"):
        SentenceEventModel(
            ["l:march", "l:arrest", "l:meet"], model.labels, model._tw, model._tb, model._bw, model._bb,
            BINARY_HEADS, dense=dense,
        )  # fmt: skip


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


@pytest.mark.parametrize(
    ("words", "near", "far"),
    [
        ("protesters marched", "demonstrators rallied", "parliament approved the budget"),
        ("police detained the suspects", "officers arrested the men", "the ministers held talks"),
        ("the two leaders signed an agreement", "the presidents concluded a treaty", "gunmen shot villagers"),
    ],
)
def test_bundled_word_vectors_put_near_synonyms_closer_than_other_events(
    words: str, near: str, far: str
) -> None:
    emb = StaticEmbedder.load()
    base = emb.words_vector(words.split())
    assert _cosine(base, emb.words_vector(near.split())) > _cosine(base, emb.words_vector(far.split()))


@pytest.mark.slow
def test_sentence_vectors_are_deterministic_and_ignore_capitals(nlp) -> None:  # type: ignore[no-untyped-def]
    emb = StaticEmbedder.load()
    lower, upper = (
        nlp(t)[:]
        for t in ("riot police fired tear gas at students.", "RIOT POLICE FIRED TEAR GAS AT STUDENTS.")
    )
    assert emb.vector(lower) == pytest.approx(emb.vector(lower))
    assert _cosine(emb.vector(lower), emb.vector(upper)) > 0.95


def test_contentious_proposals_are_off_unless_the_settings_turn_them_on() -> None:
    from thucydides.events.propose import ProposerSettings

    assert ProposerSettings().min_contentious_probability > 1.0
    settings = ProposerSettings.load(
        "proposer: {min_contentious_probability: 0.7, contentious_types: [PROTEST]}"
    )
    assert (settings.min_contentious_probability, settings.contentious_types) == (0.7, ("PROTEST",))


class _Labels:
    labels = ("ASSAULT", "COERCE", "NONE", "PROTEST")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("contentious", "protest", "assault", "want"),
    [
        (0.9, 0.3, 0.1, "PROTEST"),  # the head is sure, the type head unsure: the likelier of the two types
        (0.9, 0.1, 0.3, "ASSAULT"),
        (0.6, 0.3, 0.1, None),  # the head below its threshold: nothing
    ],
)
def test_the_contentious_head_proposes_a_protest_or_an_attack_where_the_type_head_is_unsure(
    nlp, contentious: float, protest: float, assault: float, want: str | None
) -> None:  # type: ignore[no-untyped-def]
    from thucydides.events.lexicon import Lexicon
    from thucydides.events.propose import Proposer, ProposerSettings
    from thucydides.ontology import Ontology

    settings = ProposerSettings(
        min_contentious_probability=0.8, min_type_probability=0.5, contentious_needs_word=False
    )
    proposer = Proposer(_Labels(), Lexicon.load(), Ontology.load(), settings)
    sent = nlp("Hundreds of villagers gathered outside the district office on Monday.")[:]
    probs = {"ASSAULT": assault, "COERCE": 0.05, "NONE": 0.55 - protest - assault + 0.3, "PROTEST": protest}
    probs |= {"contentious": contentious, "police_kill": 0.0, "police_arrest": 0.0}
    proposal = proposer.propose(sent, probs)
    assert (proposal.event_type if proposal else None) == want
    if proposal is not None:
        assert proposal.head == "contentious" and proposal.probability == contentious


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("Hundreds of villagers protested outside the district office on Monday.", "PROTEST"),
        ("Thousands of residents fled south ahead of the storm.", None),  # no word of either type
        ("Militants planned an attack on the embassy, officials said.", None),  # an act not done
        ("Soldiers foiled a bombing at the checkpoint.", None),
    ],
)
def test_the_contentious_head_proposes_only_on_a_word_that_can_carry_the_act(
    nlp, sentence: str, want: str | None
) -> None:  # type: ignore[no-untyped-def]
    from thucydides.events.lexicon import Lexicon
    from thucydides.events.propose import Proposer, ProposerSettings
    from thucydides.ontology import Ontology

    settings = ProposerSettings(min_contentious_probability=0.8, min_type_probability=0.9)
    proposer = Proposer(_Labels(), Lexicon.load(), Ontology.load(), settings)
    probs = {"ASSAULT": 0.3, "COERCE": 0.05, "NONE": 0.35, "PROTEST": 0.3}
    probs |= {"contentious": 0.95, "police_kill": 0.0, "police_arrest": 0.0}
    proposal = proposer.propose(nlp(sentence)[:], probs)
    assert (proposal.event_type if proposal else None) == want


@pytest.mark.slow
@pytest.mark.parametrize(
    "sentence",
    ["The militant leader killed himself during a raid.", "Two attackers blew themselves up at the gate."],
)
def test_the_proposer_never_triggers_on_a_verb_acting_on_itself(nlp, sentence: str) -> None:  # type: ignore[no-untyped-def]
    from thucydides.events.lexicon import Lexicon
    from thucydides.events.propose import Proposer
    from thucydides.ontology import Ontology

    proposer = Proposer(_Labels(), Lexicon.load(), Ontology.load())
    sent = nlp(sentence)[:]
    probs = {"ASSAULT": 0.95, "COERCE": 0.01, "NONE": 0.03, "PROTEST": 0.01}
    proposal = proposer.propose(sent, probs, "ASSAULT")
    assert proposal is None or proposal.trigger.token.lower_ not in ("killed", "blew")


class _SureOf:
    """A stand-in sentence model that finds one type very probable in every sentence."""

    labels = ("ASSAULT", "COERCE", "NONE", "PROTEST")

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def predict(self, sents: list[Any]) -> list[dict[str, float]]:
        probs = {label: (0.94 if label == self.kind else 0.02) for label in self.labels}
        return [probs | {"police_kill": 0.0, "police_arrest": 0.0, "contentious": 0.0} for _ in sents]


@pytest.mark.slow
def test_an_event_the_model_proposes_stands_where_the_text_names_no_doer_and_no_sufferer(pipeline) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import code_events

    from thucydides.events import EventCoder
    from thucydides.events.propose import Proposer

    text = "Smoke rose over the market after the explosion."
    coder = next(s for s in pipeline.post if isinstance(s, EventCoder))
    shipped = coder.proposer
    try:
        coder.proposer = Proposer(_SureOf("ASSAULT"), coder.lexicon, coder.ontology)
        events = code_events(pipeline, text)
        coder.proposer = None  # the rules alone name no one, so they code nothing
        alone = code_events(pipeline, text)
    finally:
        coder.proposer = shipped
    assert [(e.event_type, e.source, e.target) for e in events] == [("ASSAULT", None, None)]
    assert events[0].explain[0].startswith("proposed by the sentence model")
    assert alone == []


def test_an_event_proposed_beside_the_rules_events_must_name_someone() -> None:
    from thucydides.events.lexicon import Entry
    from thucydides.events.propose import Proposal
    from thucydides.events.triggers import Trigger

    trig = Trigger(Entry(key="x", pos="verb", cameo="190"), None, None)
    assert Proposal(trig, "ASSAULT", 0.9, "type").may_name_no_one
    assert not Proposal(trig, "ASSAULT", 0.9, "type", beside_rules=True).may_name_no_one
