"""Speed-ups that must not change behaviour: guarded date patterns and the strings their matches need,
the ingest writer thread, and building the pipeline with the garbage
collector paused."""

from __future__ import annotations

import gc
import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import thucydides.dates.resolver as date_resolver
from thucydides.dates.guard import compile_guarded, required_strings
from thucydides.ingest import Writer
from thucydides.pipeline import built_quietly

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpus" / "sample"

MIXED_TEXT = (
    "By 12 March 2021, until the 3rd, 2019-04-05 and 7/8/2020; a bb abc ab-c xyz 42x 4x x "
    "Jan Jun Jul June JUNE. The thaw: 1999 - 2003, by   Monday, unto 99.\nLine two: aab ac cc."
)


def _texts() -> list[str]:
    if not SAMPLE.is_dir():
        pytest.skip(f"the sample corpus is missing at {SAMPLE}")
    texts = [MIXED_TEXT]
    for path in sorted(SAMPLE.iterdir()):
        if path.suffix in (".txt", ".html", ".jsonl"):
            texts.append(path.read_text(encoding="utf-8"))
    return texts


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:(?P<cue>by|until)\s+)?(?P<core>\d{1,2}\s+(?:March|Jan))",
        r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)(?P<sep>[-/])\d{1,2}(?P=sep)\d{1,2}",
        r"(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?",
        r"\b(?:[Bb]y|[Uu]ntil)?\s*[A-Z][a-z]+day\b",
        r"a(?:b|)c",
        r"ab*",
        r"(?:a|b)+c",
        r"[-.:]\s",
        r"\d+x",
        r"Ju(?:n|l|ne)\b",
        r"x{0,3}y|\bb{2}",
    ],
)
def test_guarded_pattern_finds_exactly_the_matches_of_the_plain_pattern(pattern: str) -> None:
    guarded = compile_guarded(pattern)
    assert guarded.pattern != pattern, "a pattern with known first characters gets a guard"
    for text in _texts():
        assert _matches(guarded, text) == _matches(re.compile(pattern), text)


@pytest.mark.parametrize("pattern", [r".x", r"[^a]b", r"a?", r"(?i)ab", r"\Dx", r"(?:x|)"])
def test_guard_is_left_out_when_a_match_can_start_with_anything(pattern: str) -> None:
    assert compile_guarded(pattern).pattern == pattern


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (r"abc", {"abc"}),
        (r"\bon (?:Monday|Tuesday)\b", {"on Monday", "on Tuesday"}),  # word boundaries take no room
        (r"x[0-3]y|zz", {"x0y", "x1y", "x2y", "x3y", "zz"}),
        (r"(?:by|until)?\s*\d+ March", {" March"}),  # the optional words and open-ended runs are left out
        (r"a(?=bc)d", {"ad"}),  # what a look-ahead sees is not part of the match
        (r"(?:ab)+c", {"ab"}),
        (r".x", {"x"}),
    ],
)
def test_required_strings_are_what_every_match_must_contain(pattern: str, needed: set[str]) -> None:
    assert required_strings(pattern) == needed


@pytest.mark.parametrize("pattern", [r"a|b*", r"(?i)abc", r"(a)\1", r"\d+", r"[^a]", r"(?:x)?", r"\w\s"])
def test_required_strings_are_unknown_when_a_match_may_lack_every_string(pattern: str) -> None:
    assert required_strings(pattern) is None


def test_every_date_pattern_match_contains_one_of_its_required_strings() -> None:
    resolver = date_resolver.DateResolver()
    checked = 0
    for text in _texts():
        for (pattern, _), needs in zip(resolver._patterns, resolver._needs, strict=True):
            if needs is None:
                continue
            for match in pattern.finditer(text):
                assert any(s in match.group(0) for s in needs), (pattern.pattern[:80], match.group(0))
                checked += 1
    assert checked > 100
    assert sum(needs is not None for needs in resolver._needs) >= len(resolver._needs) // 2


def test_date_patterns_match_as_before_on_the_sample_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    guarded = date_resolver.DateResolver()
    monkeypatch.setattr(date_resolver, "compile_guarded", re.compile)
    plain = date_resolver.DateResolver()
    assert [p.pattern for p, _ in guarded._patterns] != [p.pattern for p, _ in plain._patterns]
    found = 0
    for text in _texts():
        for (mine, _), (theirs, _) in zip(guarded._patterns, plain._patterns, strict=True):
            expected = _matches(theirs, text)
            assert _matches(mine, text) == expected
            found += len(expected)
    assert found > 100


def test_writer_writes_every_result_in_order_in_another_thread() -> None:
    seen: list[tuple[list[Any], str]] = []

    def write(results: list[Any]) -> None:
        seen.append((list(results), threading.current_thread().name))

    with Writer(write) as writer:
        for i in range(7):
            writer.put([("doc", i)])
    assert [r for results, _ in seen for r in results] == [("doc", i) for i in range(7)]
    assert all(name != threading.current_thread().name for _, name in seen)


def _wait_for(condition: Any, seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            return False
        time.sleep(0.01)
    return True


def test_writer_writes_the_first_batch_at_once_and_gathers_the_next_ones() -> None:
    writes: list[list[Any]] = []
    with Writer(lambda results: writes.append(list(results)), every=60.0) as writer:
        writer.put([("doc", 0)])
        assert _wait_for(lambda: len(writes) == 1), "the first batch is written without waiting"
        for i in range(1, 5):
            writer.put([("doc", i)])
        time.sleep(0.2)
        assert len(writes) == 1, "later batches wait to be written together"
    assert writes == [[("doc", 0)], [("doc", i) for i in range(1, 5)]]


def test_writer_writes_when_the_interval_has_passed_or_enough_documents_wait() -> None:
    writes: list[list[Any]] = []
    with Writer(lambda results: writes.append(list(results)), every=0.05) as writer:
        writer.put([("doc", 0)])
        assert _wait_for(lambda: len(writes) == 1)
        writer.put([("doc", 1)])
        assert _wait_for(lambda: len(writes) == 2), "a waiting batch is written once the interval is over"
    sizes: list[int] = []
    with Writer(lambda results: sizes.append(len(results)), every=60.0, most=3) as writer:
        for i in range(7):
            writer.put([("doc", i)])
    assert sum(sizes) == 7 and sizes[0] == 1 and max(sizes) <= 3 and len(sizes) >= 3


def test_writer_waits_longer_between_writes_when_writing_is_slow() -> None:
    writes: list[float] = []

    def slow_write(results: list[Any]) -> None:
        time.sleep(0.2)
        writes.append(time.monotonic())

    with Writer(slow_write, every=0.01, busy=0.2) as writer:  # 0.2 s writes: 1 s between them
        writer.put([("doc", 0)])
        assert _wait_for(lambda: len(writes) == 1)
        writer.put([("doc", 1)])
        time.sleep(0.3)
        assert len(writes) == 1, "the next write waits until writing is a fifth of the time"
        assert _wait_for(lambda: len(writes) == 2)
    assert writes[1] - writes[0] >= 0.9


def test_writer_hands_a_write_error_to_the_coding_thread() -> None:
    def write(batch: list[Any]) -> None:
        if batch[0] == ("problem", "bad"):
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"), Writer(write) as writer:
        writer.put([("problem", "bad")])
        for _ in range(20):
            writer.put([("problem", "good")])  # raises once the writer has failed, or the exit does


def test_built_quietly_pauses_the_collector_then_freezes_what_was_built() -> None:
    was_enabled = gc.isenabled()
    before = gc.get_freeze_count()
    try:
        with built_quietly():
            assert not gc.isenabled()
            built = [{"entry": i} for i in range(1000)]
        assert gc.isenabled() == was_enabled
        assert gc.get_freeze_count() >= before + len(built)
        gc.disable()
        with built_quietly():
            pass
        assert not gc.isenabled(), "a collector that was off stays off"
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()


@pytest.mark.slow
def test_loading_the_model_keeps_the_collector_paused_when_it_was() -> None:
    from thucydides.nlp import load_nlp

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        load_nlp()
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()


@pytest.mark.slow
def test_pipeline_reads_the_date_vocabulary_and_the_successions_once(pipeline: Any) -> None:
    from thucydides.actors import ActorResolver
    from thucydides.dates import DateResolver
    from thucydides.events import EventCoder
    from thucydides.places import PlaceResolver

    stages = {type(stage): stage for stage in pipeline.post}
    assert stages[EventCoder].numbers is stages[DateResolver].vocab.numbers
    assert stages[PlaceResolver]._successions is stages[ActorResolver].kb.successions


def test_post_stages_run_stage_by_stage_over_a_batch_with_the_same_results() -> None:
    """The stages before and after the parse run over a whole batch one stage at a time (their tables stay
    in the processor's caches); each document still sees the stages in order, a document that fails a
    stage becomes a problem and skips the later ones, and the order of documents is kept."""
    from thucydides.pipeline import Options, Pipeline
    from thucydides.record import Document, Problem

    pipe = Pipeline(Options(upto="extract", batch_size=4))
    seen: list[tuple[str, str]] = []

    def stage(name: str, fail: str = "") -> Any:
        def run(doc: Document) -> Document:
            seen.append((name, doc.id))
            if doc.id == fail:
                raise ValueError("bad")
            doc.notes.append(name)
            return doc

        return run

    pipe.post = [stage("a"), stage("b", fail="d1"), stage("c")]
    docs = [Document(id=f"d{i}", raw=f"Text {i}." if i != 4 else "  ", published=None) for i in range(6)]
    out = list(pipe.run(docs))
    assert [o.id if isinstance(o, Document) else o.name for o in out] == [f"d{i}" for i in range(6)]
    assert isinstance(out[1], Problem) and "failed: ValueError: bad" in out[1].reason
    assert isinstance(out[4], Problem) and "no article text" in out[4].reason  # the stages before the parse
    assert not any(d == "d4" for _, d in seen)
    assert all(o.notes == ["a", "b", "c"] for o in out if isinstance(o, Document))
    assert ("c", "d1") not in seen
    assert seen[:4] == [("a", "d0"), ("a", "d1"), ("a", "d2"), ("a", "d3")]  # stage by stage in a batch
