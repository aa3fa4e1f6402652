"""Quality gates: the coder's scores on the development sets, pinned as floors slightly below what it reaches.

Reads ../shared (skipped where it is absent) and the non-event fixture; see docs/ACCURACY.md for the figures
and the commands that print them.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import CORPUS, ROOT, shared_path

from thucydides.evaluate import evaluate_cameo_examples, evaluate_gsr, evaluate_manifest, evaluate_non_events

pytestmark = pytest.mark.slow

GSR_ACCURACY_FLOOR = 0.86
GSR_TRIPLE_F1_FLOOR = 0.76
CAMEO_ROOT_FLOOR = 0.80
NON_EVENT_RATE_CEILING = 0.02
MANIFEST_RECALL_FLOOR = 0.58
# a lower bound (only main events are annotated); 0.26 had no slack and refused a correct but actorless
# attack (armed drones striking pumping stations) the contentious head added: 76/292 -> 76/293
MANIFEST_PRECISION_FLOOR = 0.25
MANIFEST_QUIET_EVENTS_CEILING = 2


def test_events_quality_gsr_type_accuracy_and_triple_f1_stay_above_floor(pipeline: Any) -> None:
    records = json.loads(shared_path("gold", "plover_gsr_dev.json").read_text(encoding="utf-8"))
    report = evaluate_gsr(records, pipeline)
    assert report.n > 100
    assert report.accuracy >= GSR_ACCURACY_FLOOR
    assert report.triple_f1 >= GSR_TRIPLE_F1_FLOOR


def test_events_quality_cameo_examples_get_the_right_root(pipeline: Any) -> None:
    path = shared_path("reference", "cameo", "cameo-codes.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    report = evaluate_cameo_examples(rows, pipeline)
    assert report.n > 50
    assert report.accuracy >= CAMEO_ROOT_FLOOR


def test_events_quality_sentences_without_events_stay_quiet(pipeline: Any) -> None:
    path = Path(ROOT) / "tests" / "fixtures" / "non_event_sentences.txt"
    report = evaluate_non_events(path.read_text(encoding="utf-8").splitlines(), pipeline)
    assert report.n > 200
    assert report.with_events / report.n <= NON_EVENT_RATE_CEILING


def test_events_quality_sample_corpus_manifest_events_are_found(pipeline: Any) -> None:
    path = Path(CORPUS) / "MANIFEST.json"
    report = evaluate_manifest(json.loads(path.read_text(encoding="utf-8")), path, pipeline)
    assert report.n > 100
    assert report.recall >= MANIFEST_RECALL_FLOOR
    assert report.precision >= MANIFEST_PRECISION_FLOOR
    assert report.quiet_docs == 4
    assert report.quiet_events <= MANIFEST_QUIET_EVENTS_CEILING
