"""The seed article, coded with --published 2019-11-30, yields the gold's required events and breaks none
of its must-not rules. Reads ../shared/seed (skipped where it is absent); nothing here knows the seed's
strings: the expectations come from gold.json."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest
from tests.conftest import shared_path

from thucydides.read import ReadOptions, read_documents
from thucydides.record import Document

pytestmark = pytest.mark.slow
IGO = {"IGO", "EU", "EUR", "NATO", "UN", "UNO", "NGO"}
WORD = re.compile(r"[A-Za-z]+")


@pytest.fixture(scope="module")
def seed(pipeline: Any) -> tuple[dict[str, Any], str, list[dict[str, Any]]]:
    gold = json.loads(shared_path("seed", "gold.json").read_text(encoding="utf-8"))
    path = shared_path("seed", gold["document"])
    items = list(read_documents([str(path)], ReadOptions()))
    for item in items:  # what --published does for a document that carries no date of its own
        assert isinstance(item, Document)
        item.published, item.published_how = date(2019, 11, 30), "given"
    (doc,) = list(pipeline.run(items))
    assert isinstance(doc, Document), doc
    return gold, path.read_text(encoding="utf-8"), [e.to_json() for e in doc.events]


def _country(actor: dict[str, Any] | None) -> str | None:
    if not actor:
        return None
    c = actor.get("country")
    return "IGO" if c in IGO else c


def _matches(g: dict[str, Any], e: dict[str, Any]) -> bool:
    if e["event_type"] not in g["types"]:
        return False
    want = {w.lower() for w in WORD.findall(g.get("evidence", "")) if len(w) > 2}
    have = {w.lower() for w in WORD.findall(e["evidence"]["text"])}
    if want and len(want & have) < 0.6 * len(want):
        return False
    norm = lambda xs: {("IGO" if x in IGO else x) for x in xs if x}  # noqa: E731
    if "source" in g and _country(e["source"]) not in norm(g["source"]):
        return False
    if "target" in g:
        t = _country(e["target"])
        if (t is None and None not in g["target"]) or (t is not None and t not in norm(g["target"])):
            return False
    d = e.get("date") or ""
    if "date" in g and d != g["date"]:
        return False
    if "date_range" in g and not (d and g["date_range"][0][: len(d)] <= d <= g["date_range"][1][: len(d)]):
        return False
    return not ("location" in g and (e.get("location") or {}).get("country") != g["location"].get("country"))


def test_seed_yields_every_required_event(seed: tuple[dict[str, Any], str, list[dict[str, Any]]]) -> None:
    gold, _, events = seed
    missing = [
        g["id"]
        for g in gold["events"]
        if g["level"] == "required" and not any(_matches(g, e) for e in events)
    ]
    assert not missing, f"required events not found: {missing}"


def test_seed_events_are_valid_against_the_contract_schema(
    seed: tuple[dict[str, Any], str, list[dict[str, Any]]],
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(shared_path("contract", "event.schema.json").read_text(encoding="utf-8"))
    _, text, events = seed
    validator = jsonschema.Draft202012Validator(schema)
    assert events
    for e in events:
        assert not list(validator.iter_errors(e)), e
        assert text[e["evidence"]["start"] : e["evidence"]["end"]] == e["evidence"]["text"]


def test_seed_breaks_no_must_not_rule(seed: tuple[dict[str, Any], str, list[dict[str, Any]]]) -> None:
    gold, text, events = seed
    cut = text.find(gold["body_ends_before"])
    assert cut > 0
    assert not [e for e in events if e["evidence"]["start"] >= cut], "events from page furniture"
    actors = [a for e in events for a in (e["source"], e["target"]) if a]
    assert not [a for a in actors if a["country"] == "IND"]
    assert not [e for e in events if e["date"] == "2019-12-31"]
    assert not [e for e in events if (e["date"] or "").startswith(("2019-05", "2020-05"))]
