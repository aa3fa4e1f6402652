"""Scoring in `thucydides eval`, checked with a stand-in pipeline returning hand-built events (no model)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import FakePipeline

from thucydides.evaluate import (
    evaluate_cameo_examples,
    evaluate_file,
    evaluate_gsr,
    evaluate_non_events,
    format_table,
    normalise_type,
)
from thucydides.record import Actor, Event, Evidence


def _event(etype: str, src: str | None, tgt: str | None, conf: float = 0.8, cameo: str = "000") -> Event:
    return Event(
        event_id=f"{etype}{src}{tgt}{conf}",
        doc_id="d",
        event_type=etype,
        cameo=cameo,
        quad_class=1,
        goldstein=0.0,
        modality="asserted",
        source=Actor(text=src, country=src) if src else None,
        target=Actor(text=tgt, country=tgt) if tgt else None,
        evidence=Evidence("", 0, 0),
        confidence=conf,
    )


def _record(text: str, event: str, source: Any, target: Any = "", markup: str = "") -> dict[str, Any]:
    rec: dict[str, Any] = {"id": text, "text": text, "event": event, "source": source}
    if target is not None:
        rec["target"] = target
    rec["textInfo"] = {"markup": markup or text}
    return rec


@pytest.mark.parametrize(
    ("legacy", "current"),
    [
        ("DEMAND", "REQUEST"),
        ("DISAPPROVE", "ACCUSE"),
        ("INVESTIGATE", "ACCUSE"),
        ("FIGHT", "ASSAULT"),
        ("aid", "AID"),
    ],
)
def test_evaluate_maps_legacy_type_names(legacy: str, current: str) -> None:
    assert normalise_type(legacy) == current


def test_evaluate_counts_type_of_most_confident_event_and_none_as_miss() -> None:
    pipe = FakePipeline(
        {"a": [_event("ASSAULT", "ISR", "PSE", 0.5), _event("PROTEST", "ISR", None, 0.9)], "b": []}
    )
    recs = [_record("a", "PROTEST", [{"code": "ISR"}]), _record("b", "AGREE", [{"code": "USA"}])]
    report = evaluate_gsr(recs, pipe)
    assert report.n == 2
    assert report.correct == 1
    assert ("AGREE", "NONE") in report.pairs


def test_evaluate_triples_use_only_events_of_the_chosen_type() -> None:
    pipe = FakePipeline({"a": [_event("ACCUSE", "ALB", "SRB", 0.9), _event("ASSAULT", "SRB", "ALB", 0.4)]})
    report = evaluate_gsr([_record("a", "DISAPPROVE", [{"code": "ALB"}], [{"code": "SRB"}])], pipe)
    assert (report.triple_tp, report.triple_pred, report.triple_gold) == (1, 1, 1)
    assert report.triple_f1 == pytest.approx(1.0)


@pytest.mark.parametrize("target", ["", [], None])
def test_evaluate_gold_without_target_rejects_an_invented_target(target: Any) -> None:
    pipe = FakePipeline({"a": [_event("REJECT", "SYR", "IRQ")], "b": [_event("REJECT", "SYR", None)]})
    wrong = evaluate_gsr([_record("a", "REJECT", [{"code": "SYR"}], target)], pipe)
    right = evaluate_gsr([_record("b", "REJECT", [{"code": "SYR"}], target)], pipe)
    assert wrong.triple_tp == 0
    assert right.triple_tp == 1


def test_evaluate_joint_actors_match_in_either_direction_but_not_alone() -> None:
    markup = "(SRC/TAR: A) and (SRC/TAR: B) have (EVT: agreed)"
    src = [{"code": "CZE"}, {"code": "CHN"}]
    reverse = FakePipeline({"a": [_event("AGREE", "CHN", "CZE")]})
    alone = FakePipeline({"a": [_event("AGREE", "CZE", None)]})
    assert evaluate_gsr([_record("a", "AGREE", src, None, markup)], reverse).triple_tp == 1
    assert evaluate_gsr([_record("a", "AGREE", src, None, markup)], alone).triple_tp == 0


def test_evaluate_directed_gold_does_not_accept_the_reverse_triple() -> None:
    pipe = FakePipeline({"a": [_event("ASSAULT", "PSE", "ISR")]})
    report = evaluate_gsr([_record("a", "ASSAULT", [{"code": "ISR"}], [{"code": "PSE"}])], pipe)
    assert report.triple_tp == 0


@pytest.mark.parametrize(
    ("gold", "predicted"), [("IGO", "UN"), ("JAP", "JPN"), ("VTN", "VNM"), ("IGO", "NATO")]
)
def test_evaluate_folds_igo_aliases_and_obsolete_codes(gold: str, predicted: str) -> None:
    pipe = FakePipeline({"a": [_event("SANCTION", predicted, None)]})
    report = evaluate_gsr([_record("a", "SANCTION", [{"code": gold}])], pipe)
    assert report.triple_tp == 1


def test_evaluate_cameo_examples_scores_the_root_of_the_top_event() -> None:
    pipe = FakePipeline(
        {"x": [_event("ASSAULT", "A", "B", 0.9, cameo="190")], "y": [_event("AGREE", "A", None, cameo="036")]}
    )
    rows = [
        {"code": "193", "example": "x"},
        {"code": "046", "example": "y"},
        {"code": "0212", "example": "NA"},
    ]
    report = evaluate_cameo_examples(rows, pipe)
    assert report.n == 2
    assert report.correct == 1
    assert report.to_json()["cameo_root_accuracy"] == 0.5


def test_evaluate_non_events_counts_sentences_with_any_event() -> None:
    pipe = FakePipeline({"quiet": [], "noisy": [_event("ASSAULT", "A", None)]})
    report = evaluate_non_events(["# a comment", "quiet", "", "noisy", "quiet"], pipe)
    assert (report.n, report.with_events) == (3, 1)
    assert "1 (0.333)" in format_table(report)


def test_evaluate_file_picks_the_format_from_the_file(tmp_path: Path) -> None:
    pipe = FakePipeline({"s": [_event("AGREE", "A", None, cameo="030")]})
    csv_file = tmp_path / "codes.csv"
    csv_file.write_text("code,name,example\n030,Express intent,s\n", encoding="utf-8")
    txt_file = tmp_path / "quiet.txt"
    txt_file.write_text("s\n", encoding="utf-8")
    assert evaluate_file(csv_file, pipe).kind == "cameo"
    assert evaluate_file(txt_file, pipe).with_events == 1
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="code and example"):
        evaluate_file(bad, pipe)


def test_evaluate_manifest_scores_recall_precision_and_quiet_documents(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("doc a", encoding="utf-8")
    (tmp_path / "b.txt").write_text("doc b", encoding="utf-8")
    (tmp_path / "quiet.txt").write_text("doc quiet", encoding="utf-8")
    manifest = {
        "documents": [
            {
                "file": "a.txt",
                "id": "a",
                "published": "2019-01-02",
                "events": [
                    {"key": "hit", "type": "ASSAULT", "source": "AAA", "target": "BBB"},
                    {
                        "key": "talk",
                        "type": "CONSULT",
                        "alt_types": ["AGREE"],
                        "source": "AAA",
                        "target": "UN",
                    },
                ],
            },
            {
                "file": "b.txt",
                "id": "b",
                "published": "2019-01-02",
                "events": [{"key": "miss", "type": "REJECT", "source": "BBB", "target": None}],
            },
            {"file": "quiet.txt", "id": "quiet", "published": "2019-01-02", "events": []},
        ]
    }
    path = tmp_path / "MANIFEST.json"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    pipe = FakePipeline(
        {
            "doc a": [
                _event("ASSAULT", "AAA", "BBB"),
                _event("AGREE", "AAA", "IGO"),  # an alternative type, the UN folded into IGO
                _event("ASSAULT", "BBB", "AAA"),  # reversed: not the annotated event
            ],
            "doc b": [_event("REJECT", "BBB", "AAA")],  # the gold has no target
            "doc quiet": [_event("PROTEST", "CCC", None)],
        }
    )
    report = evaluate_file(path, pipe)
    assert report.kind == "manifest"
    assert (report.n, report.gold_found) == (3, 2)
    assert (report.pred_matched, report.pred_total) == (2, 4)
    assert (report.quiet_docs, report.quiet_events) == (1, 1)
    assert report.misses == ["b: miss (REJECT BBB->None)"]
    assert "2/3" in format_table(report)
    assert report.to_json()["recall"] == round(2 / 3, 4)


def test_evaluate_cameo_examples_lists_each_missed_example_with_its_codes() -> None:
    pipe = FakePipeline(
        {"x": [_event("ASSAULT", "A", "B", 0.9, cameo="190")], "y": [_event("AGREE", "A", None, cameo="036")]}
    )
    report = evaluate_cameo_examples([{"code": "193", "example": "x"}, {"code": "046", "example": "y"}], pipe)
    assert report.misses == ["046 coded 03: y"]
    assert report.to_json()["misses"] == ["046 coded 03: y"]
    assert "046 coded 03: y" in format_table(report)
