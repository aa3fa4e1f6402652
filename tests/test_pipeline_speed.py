"""Speed-ups that must not change behaviour: guarded date patterns, the grouped place-name pattern,
and the ingest writer thread."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import pytest

import thucydides.dates.resolver as date_resolver
from thucydides.dates.guard import compile_guarded
from thucydides.ingest import Writer
from thucydides.places.resolver import _phrase_pattern

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


@pytest.mark.parametrize(
    ("names", "text"),
    [
        (
            ["united states", "united kingdom", "uk", "us", "chad"],
            "The United-States, the U.K. and Chad; us? UK",
        ),
        (["new york", "new zealand", "niger", "nigeria"], "Nigeria and Niger, New  Zealand, new york"),
        (["ab", "a b", "abc", "b"], "ab a-b abc a.b b"),
        (["côte d'ivoire", "cote d'ivoire", "chad"], "Côte d'Ivoire, Cote d'Ivoire, Chad"),
    ],
)
def test_place_phrase_pattern_matches_like_one_flat_alternation(names: list[str], text: str) -> None:
    parts = [r"[\s.\-]*".join(re.escape(word) for word in key.split(" ")) for key in names]
    flat = re.compile(r"(?<![\w\-])(?:" + "|".join(parts) + r")(?![\w]|-\w)", re.IGNORECASE)
    assert _matches(_phrase_pattern(names), text) == _matches(flat, text)


def test_writer_writes_batches_in_order_in_another_thread() -> None:
    seen: list[tuple[Any, str]] = []

    def write(batch: list[Any]) -> None:
        seen.append((batch[0], threading.current_thread().name))

    with Writer(write) as writer:
        for i in range(7):
            writer.put([("doc", i)])
    assert [b for b, _ in seen] == [("doc", i) for i in range(7)]
    assert all(name != threading.current_thread().name for _, name in seen)


def test_writer_hands_a_write_error_to_the_coding_thread() -> None:
    def write(batch: list[Any]) -> None:
        if batch[0] == ("problem", "bad"):
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"), Writer(write) as writer:
        writer.put([("problem", "bad")])
        for _ in range(20):
            writer.put([("problem", "good")])  # raises once the writer has failed, or the exit does
