"""Checks on the bundled sample corpus (`corpus/sample/`) and its hand annotation (`MANIFEST.json`).

These tests read files only; none of them needs the spaCy model.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from thucydides.ontology import PLOVER_TYPES as ONTOLOGY_PLOVER_TYPES

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "sample"
MANIFEST = CORPUS / "MANIFEST.json"
DOC_SUFFIXES = {".txt", ".html", ".jsonl"}
MAX_FILE_BYTES = 20 * 1024

PLOVER_TYPES = set(ONTOLOGY_PLOVER_TYPES)
ACTOR_CODE = re.compile(r"^[A-Z]{3}$")
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A wire dateline: an upper-case place, optionally a country, then either a date or the outlet in brackets.
DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(, [A-Z][A-Za-z .]+)?(, .{3,25}?)? \([A-Z][A-Za-z ]+\) (-|--|—) \S")
DATELINE_WITH_DATE = re.compile(
    r"^[A-Z][A-Z .'-]+,( [A-Z][A-Za-z]+,)? (\d{1,2} [A-Z][a-z]+ 2019|[A-Z][a-z]+\.? \d{1,2}(, 2019)?) \("
)


def _doc_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in DOC_SUFFIXES)


def _files_with(suffix: str) -> list[Path]:
    return [p for p in _doc_files() if p.suffix == suffix]


def _manifest() -> dict[str, Any]:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def _entries() -> list[dict[str, Any]]:
    return list(_manifest()["documents"])


def _jsonl_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _document_keys() -> set[tuple[str, str]]:
    """(file name, id) of every document actually present in the corpus."""
    keys: set[tuple[str, str]] = set()
    for path in _doc_files():
        if path.suffix == ".jsonl":
            keys |= {(path.name, rec["id"]) for rec in _jsonl_records(path)}
        else:
            keys.add((path.name, path.stem))
    return keys


class _MetaAndText(HTMLParser):
    """Collects <meta> attributes and the text of <p> elements of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.metas: list[dict[str, str]] = []
        self.paragraphs: list[str] = []
        self._in_p = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self.metas.append({k: v or "" for k, v in attrs})
        elif tag == "p":
            self._in_p = True
            self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._in_p = False

    def handle_data(self, data: str) -> None:
        if self._in_p:
            self.paragraphs[-1] += data


def _parse_html(path: Path) -> _MetaAndText:
    parser = _MetaAndText()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_corpus_has_at_least_thirty_documents() -> None:
    assert len(_document_keys()) >= 30


def test_corpus_mixes_text_html_and_one_jsonl_file() -> None:
    txt, html, jsonl = (_files_with(s) for s in (".txt", ".html", ".jsonl"))
    total = len(_document_keys())
    assert len(jsonl) == 1
    assert 5 <= len(_jsonl_records(jsonl[0])) <= 6
    assert 0.4 <= len(txt) / total <= 0.6
    assert 0.25 <= len(html) / total <= 0.45


@pytest.mark.parametrize("path", _doc_files() + [MANIFEST], ids=lambda p: p.name)
def test_corpus_file_is_valid_utf8_and_small(path: Path) -> None:
    raw = path.read_bytes()
    raw.decode("utf-8")  # raises on invalid UTF-8
    assert len(raw) < MAX_FILE_BYTES


@pytest.mark.parametrize("path", _files_with(".jsonl"), ids=lambda p: p.name)
def test_corpus_jsonl_lines_are_documents_with_required_fields(path: Path) -> None:
    records = _jsonl_records(path)
    for rec in records:
        assert set(rec) >= {"id", "url", "title", "published", "source", "text"}
        assert all(isinstance(rec[k], str) and rec[k] for k in ("id", "title", "source", "text"))
        date.fromisoformat(rec["published"][:10])
    assert len({rec["id"] for rec in records}) == len(records)


def test_corpus_manifest_covers_every_document_exactly_once() -> None:
    listed = [(e["file"], e["id"]) for e in _entries()]
    assert len(listed) == len(set(listed))
    assert set(listed) == _document_keys()


def test_corpus_manifest_entries_are_well_formed() -> None:
    for entry in _entries():
        assert entry["outlet"] and entry["topic"]
        published = date.fromisoformat(entry["published"])
        for event in entry["events"]:
            assert event["type"] in PLOVER_TYPES, event
            assert set(event.get("alt_types", [])) <= PLOVER_TYPES, event
            assert ACTOR_CODE.match(event["source"] or "") or event["source"] is None, event
            assert event["target"] is None or ACTOR_CODE.match(event["target"]), event
            assert ISO_DAY.match(event["date"]), event
            assert date.fromisoformat(event["date"]) <= published, (entry["id"], event)


def test_corpus_same_event_key_has_same_coding_in_every_document() -> None:
    codings: dict[str, set[tuple[str, str | None, str | None, str]]] = defaultdict(set)
    for entry in _entries():
        for ev in entry["events"]:
            codings[ev["key"]].add((ev["type"], ev["source"], ev["target"], ev["date"]))
    inconsistent = {key: c for key, c in codings.items() if len(c) > 1}
    assert not inconsistent


def test_corpus_at_least_six_events_are_reported_by_several_outlets() -> None:
    outlets: dict[str, set[str]] = defaultdict(set)
    days: dict[str, set[str]] = defaultdict(set)
    for entry in _entries():
        for ev in entry["events"]:
            outlets[ev["key"]].add(entry["outlet"])
            days[ev["key"]].add(entry["published"])
    shared = [key for key, names in outlets.items() if len(names) >= 2]
    assert len(shared) >= 6
    assert sum(1 for key in shared if len(days[key]) >= 2) >= 6


def test_corpus_has_at_least_four_documents_without_political_events() -> None:
    quiet = [e for e in _entries() if not e["events"]]
    assert len(quiet) >= 4
    assert len({e["topic"] for e in quiet}) >= 4


@pytest.mark.parametrize("path", _files_with(".html"), ids=lambda p: p.name)
def test_corpus_html_has_publication_date_meta_matching_manifest(path: Path) -> None:
    page = _parse_html(path)
    published = [m["content"] for m in page.metas if m.get("property") == "article:published_time"]
    assert len(published) == 1
    entry = next(e for e in _entries() if e["file"] == path.name)
    assert published[0][:10] == entry["published"]
    assert any(m.get("property") == "og:site_name" and m["content"] == entry["outlet"] for m in page.metas)


@pytest.mark.parametrize("path", _files_with(".txt"), ids=lambda p: p.name)
def test_corpus_text_file_opens_with_wire_dateline(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert DATELINE.match(first_line), first_line


def test_corpus_most_text_files_carry_a_date_in_the_dateline() -> None:
    lines = [p.read_text(encoding="utf-8").splitlines()[0] for p in _files_with(".txt")]
    dated = [line for line in lines if DATELINE_WITH_DATE.match(line)]
    assert len(dated) >= 0.75 * len(lines)
    assert len(dated) < len(lines), "a few datelines should carry no date"


def _body_words(entry: dict[str, Any]) -> int:
    path = CORPUS / entry["file"]
    if path.suffix == ".jsonl":
        rec = next(r for r in _jsonl_records(path) if r["id"] == entry["id"])
        return len(rec["text"].split())
    if path.suffix == ".txt":
        return len(path.read_text(encoding="utf-8").split())
    page = _parse_html(path)
    # Article paragraphs are the long ones; furniture paragraphs are short lines.
    return sum(len(p.split()) for p in page.paragraphs if len(p.split()) >= 12)


@pytest.mark.parametrize("entry", _entries(), ids=lambda e: e["id"])
def test_corpus_document_is_a_short_report(entry: dict[str, Any]) -> None:
    assert 120 <= _body_words(entry) <= 350
