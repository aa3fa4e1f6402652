"""Shared fixtures: the spaCy model and the full pipeline are built once per test session."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "corpus" / "sample"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a reason when ../shared is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared development data is not beside this checkout")
    return path


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The spaCy pipeline the stages use (a module may define its own ``nlp`` fixture instead)."""
    from thucydides.nlp import ModelMissingError, load_nlp

    try:
        return load_nlp()
    except ModelMissingError as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def pipeline() -> Any:
    from thucydides.pipeline import Options, Pipeline

    return Pipeline(Options(keep_parse=True))


def code_events(pipeline: Any, text: str, published: date = date(2024, 3, 1)) -> list[Any]:
    """Code one text as a document published on ``published``; its events, most confident first."""
    from thucydides.record import Document

    doc = Document(id="t", raw=text, published=published, published_how="given")
    (out,) = list(pipeline.run([doc]))
    assert isinstance(out, Document), out
    return sorted(out.events, key=lambda e: -e.confidence)


class FakePipeline:
    """A pipeline stand-in for scorer tests: a document whose raw text is a key of ``answers`` gets the
    events given there (no model is loaded)."""

    def __init__(self, answers: dict[str, list[Any]]) -> None:
        self.answers = answers

    def run(self, items: Iterable[Any]) -> Iterator[Any]:
        from thucydides.record import Document

        for item in items:
            assert isinstance(item, Document)
            item.events = list(self.answers.get(item.raw, []))
            yield item
