"""Hostile inputs found by fuzzing (issue 16): each bad input is reported by name with a reason, the good
documents beside it are coded, and no run ends in a traceback."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from thucydides.extract import extract_article
from thucydides.pieces import Caps, cut_chars
from thucydides.read import ReadOptions, gunzip_capped, read_documents, safe_id
from thucydides.record import Document, Problem

ROOT = Path(__file__).resolve().parents[1]
GOOD = "Iran attacked Iraq on Monday, officials in Baghdad said."


def _read(*paths: Path, **opts: Any) -> list[Document | Problem]:
    return list(read_documents([str(p) for p in paths], ReadOptions(**opts)))


def _jsonl(tmp_path: Path, *lines: str) -> Path:
    f = tmp_path / "docs.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    return f


def _good(doc_id: str, text: str = GOOD) -> str:
    return json.dumps({"id": doc_id, "text": text})


# ---------------------------------------------------------------- JSONL


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("[" * 1_000, "nested too deeply"),
        ('{"id": "n", "text": "x", "n": ' + "7" * 5_000 + "}", "Exceeds the limit"),
        ('{"id": "d", "text": "x", "d": ' + "{" * 5_000, "invalid JSON"),
    ],
    ids=["nested-list", "huge-integer", "nested-object"],
)
def test_jsonl_line_the_json_parser_cannot_take_is_reported_and_its_neighbours_read(
    tmp_path: Path, bad: str, reason: str
) -> None:
    items = _read(_jsonl(tmp_path, _good("a"), bad, _good("b")))
    assert [i.id for i in items if isinstance(i, Document)] == ["a", "b"]
    (problem,) = [i for i in items if isinstance(i, Problem)]
    assert problem.name.endswith("docs.jsonl:2") and reason in problem.reason


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"], ids=["LS", "PS", "NEL"])
def test_jsonl_keeps_a_record_holding_a_unicode_line_separator(tmp_path: Path, separator: str) -> None:
    text = f"Iran attacked Iraq.{separator}Iraq protested."
    raw = json.dumps({"id": "sep", "text": text}, ensure_ascii=False)
    items = _read(_jsonl(tmp_path, raw, "{broken", _good("after")))
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.id for d in docs] == ["sep", "after"] and docs[0].raw == text
    (problem,) = [i for i in items if isinstance(i, Problem)]
    assert problem.name.endswith(":2")  # line numbers count line feeds only


def test_jsonl_lone_surrogates_in_text_and_id_are_made_safe_and_the_id_shown_escaped(tmp_path: Path) -> None:
    line = '{"id": "\\udfff", "text": "Iran attacked Iraq. \\ud800", "title": "\\udc00"}'
    (doc,) = _read(_jsonl(tmp_path, line))
    assert isinstance(doc, Document)
    assert doc.id == "\\udfff" and doc.raw == "Iran attacked Iraq. \ufffd" and doc.title == "\ufffd"
    for value in (doc.id, doc.raw, doc.title):
        value.encode("utf-8")  # hashable and storable as UTF-8


def test_file_name_that_is_not_utf8_is_read_under_its_escaped_name(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9_20190101.txt")
    try:
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system does not take names that are not UTF-8")
    (doc,) = _read(tmp_path)
    assert isinstance(doc, Document) and doc.id.endswith("caf\\xe9_20190101.txt")
    assert safe_id(doc.id) == doc.id


# ---------------------------------------------------------------- compressed and HTML input


def test_gzip_bomb_is_refused_while_decompressing(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"\0" * (32 << 20), compresslevel=9))
    (problem,) = _read(bomb, max_bytes=1 << 20)
    assert isinstance(problem, Problem) and "decompressed page is over the 1 MB limit" in problem.reason
    with bomb.open("rb") as fh, pytest.raises(ValueError):
        gunzip_capped(fh, 1 << 20)


def test_json_ld_nested_deep_in_the_head_does_not_drop_the_page() -> None:
    deep = "[" * 1_000 + "]" * 1_000
    graph = '{"@graph": [' * 300 + "{}" + "]}" * 300  # deep, but within what the JSON parser takes
    ld = '{"@type": "NewsArticle", "datePublished": "2019-09-14", "mainEntity": ' + graph + "}"
    html = (
        f'<html><head><script type="application/ld+json">{deep}</script>'
        f'<script type="application/ld+json">{ld}</script></head>'
        f"<body><article><p>{GOOD}</p><p>{GOOD} Talks followed in Geneva.</p></article></body></html>"
    )
    art = extract_article(html)
    assert "Iran attacked Iraq" in art.text and art.published == date(2019, 9, 14)


def test_html_fragment_of_one_paragraph_is_extracted() -> None:
    assert extract_article(f"<p>{GOOD}</p>").text == GOOD


# ---------------------------------------------------------------- coding (the model)


def _run(pipeline: Any, docs: list[Document]) -> list[Document | Problem]:
    return list(pipeline.run(docs))


@contextmanager
def _caps(pipeline: Any, caps: Caps) -> Iterator[None]:
    saved = pipeline.options.caps
    pipeline.options.caps = caps
    try:
        yield
    finally:
        pipeline.options.caps = saved


@pytest.mark.slow
def test_html_fragment_of_one_paragraph_is_coded(pipeline: Any) -> None:
    doc = Document(id="frag", raw=f"<p>{GOOD}</p>", is_html=True, published=date(2024, 3, 4))
    (out,) = _run(pipeline, [doc])
    assert isinstance(out, Document) and [e.event_type for e in out.events] == ["ASSAULT"]


@pytest.mark.slow
def test_published_at_the_start_of_the_calendar_codes_yesterday_without_overflow(pipeline: Any) -> None:
    text = "Iran attacked Iraq yesterday. Iran will meet Iraq tomorrow."
    for day in (date(1, 1, 1), date(9999, 12, 31)):
        (out,) = _run(pipeline, [Document(id="edge", raw=text, published=day, published_how="given")])
        assert isinstance(out, Document), out
        assert out.events


@pytest.mark.slow
def test_lone_surrogate_in_a_library_document_is_coded_beside_the_others(pipeline: Any) -> None:
    docs = [
        Document(id="s", raw="\ud800 " + GOOD, published=date(2024, 3, 4)),
        Document(id="g", raw=GOOD, published=date(2024, 3, 4)),
    ]
    out = _run(pipeline, docs)
    assert [d.id for d in out if isinstance(d, Document) and d.events] == ["s", "g"]


@pytest.mark.slow
def test_surrogate_id_is_hashed_into_event_ids(pipeline: Any) -> None:
    (out,) = _run(pipeline, [Document(id="\udfff", raw=GOOD, published=date(2024, 3, 4))])
    assert isinstance(out, Document) and out.events and all(len(e.event_id) == 16 for e in out.events)


@pytest.mark.slow
def test_list_of_a_thousand_names_in_one_sentence_is_resolved(pipeline: Any) -> None:
    names = ", ".join(["France", "Germany", "Italy", "Spain", "Poland"] * 200)
    text = f"Diplomats from {names} and Austria met Iranian officials in Vienna."
    (out,) = _run(pipeline, [Document(id="names", raw=text, published=date(2024, 3, 4))])
    assert isinstance(out, Document), out
    assert len({m.actor.country for m in out.actors}) >= 5


@pytest.mark.slow
def test_sentence_over_the_cap_is_split_with_a_note(pipeline: Any) -> None:
    text = "Iran " + "attacked " * 1_000 + "Iraq."
    (out,) = _run(pipeline, [Document(id="long", raw=text, published=date(2024, 3, 4))])
    assert isinstance(out, Document)
    assert any("a sentence of" in note and "was split" in note for note in out.notes)
    assert max(len(s) for s in out.nlp.sents) <= 200


def _article(paragraphs: int) -> str:
    countries = ["Iran", "Iraq", "Syria", "Turkey", "Egypt", "Jordan", "Israel", "Lebanon"]
    out = []
    for k in range(paragraphs):
        a, b = countries[k % 8], countries[(k * 3 + 1) % 8]
        out.append(f"On Monday {a} accused {b} of shelling its border posts near the river, officials said.")
    return "\n\n".join(out)


@pytest.mark.slow
def test_long_document_is_coded_in_pieces_with_offsets_into_the_whole_text(pipeline: Any) -> None:
    text = _article(60)
    whole = _run(pipeline, [Document(id="whole", raw=text, published=date(2024, 3, 4))])[0]
    with _caps(pipeline, Caps(piece_chars=1_500, piece_tokens=300)):
        cut = _run(pipeline, [Document(id="whole", raw=text, published=date(2024, 3, 4))])[0]
    assert isinstance(whole, Document) and isinstance(cut, Document)
    assert any(note.startswith("coded in ") and "pieces" in note for note in cut.notes)
    for ev in cut.events:
        assert text[ev.evidence.start : ev.evidence.end] == ev.evidence.text
    for m in [*cut.actors, *cut.dates, *cut.places]:
        assert text[m.start : m.end] == m.text
    key = [
        (e.evidence.start, e.event_type, e.source and e.source.code, e.target and e.target.code)
        for e in whole.events
    ]
    assert [
        (e.evidence.start, e.event_type, e.source and e.source.code, e.target and e.target.code)
        for e in cut.events
    ] == key
    assert [e.sentence_index for e in cut.events] == [e.sentence_index for e in whole.events]
    assert len({e.event_id for e in cut.events}) == len(cut.events)
    assert cut.nlp is not None and cut.nlp.text == text  # the kept parse covers the whole text


def test_text_over_spacys_limit_is_cut_into_pieces_that_tile_it() -> None:
    text = _article(14_000)
    assert len(text) > 1_000_000
    pieces = cut_chars(text, Caps().piece_chars)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a < b and b - a <= Caps().piece_chars for a, b in pieces)
    assert all(prev[1] == nxt[0] for prev, nxt in zip(pieces, pieces[1:], strict=False))
    assert all(text[b - 2 : b] == "\n\n" for _, b in pieces[:-1])  # cut at paragraph breaks


# ---------------------------------------------------------------- the command line


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run(
        [sys.executable, "-m", "thucydides.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.mark.slow
def test_cli_reports_each_bad_jsonl_line_and_codes_the_good_ones(tmp_path: Path) -> None:
    f = _jsonl(
        tmp_path,
        _good("good-1"),
        "[" * 1_000,
        '{"id": "big", "text": "x", "n": ' + "9" * 5_000 + "}",
        '{"id": "\\udfff", "text": "Iran attacked Iraq. \\ud800"}',
        _good("good-2", "Syria accused Turkey of shelling its border posts on Tuesday."),
    )
    done = _cli("code", "--quiet", "--format", "jsonl", "--published", "2024-03-04", str(f))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    coded = {json.loads(line)["doc_id"] for line in done.stdout.splitlines()}
    assert {"good-1", "good-2", "\\udfff"} <= coded
    assert "docs.jsonl:2: invalid JSON: nested too deeply" in done.stderr
    assert "docs.jsonl:3: invalid JSON" in done.stderr


@pytest.mark.slow
def test_ingest_stores_the_good_records_beside_hostile_lines(tmp_path: Path) -> None:
    from thucydides.ingest import IngestOptions, ingest

    f = _jsonl(
        tmp_path,
        _good("good-1"),
        "[" * 1_000,
        '{"id": "\\udfff", "text": "Iran attacked Iraq. \\ud800"}',
        _good("good-2", "Syria accused Turkey of shelling its border posts on Tuesday."),
    )
    report = ingest([str(f)], tmp_path / "s.duckdb", IngestOptions(workers=0, published=date(2024, 3, 4)))
    assert report.added == 3 and [p.name for p in report.problems] == [f"{f}:2"]


def test_cli_exits_1_when_no_document_could_be_read(tmp_path: Path) -> None:
    f = _jsonl(tmp_path, "[" * 1_000, "{broken")
    done = _cli("extract", "--quiet", str(f))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "no document could be read" in done.stderr


# ---------------------------------------------------------------- the API

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from thucydides.api import create_app  # noqa: E402
from thucydides.api.app import DEFAULT_HOSTS, Limits, host_name  # noqa: E402


class SlowPipeline:
    """Stands in for the coder: takes ``delay`` seconds per document and codes nothing."""

    delay = 0.0

    def run(self, docs: list[Document]) -> Iterator[Document]:
        for doc in docs:
            time.sleep(self.delay)
            doc.text = doc.raw
            yield doc


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from thucydides.store import Store

    path = tmp_path_factory.mktemp("hostile") / "s.duckdb"
    Store(path).close()
    return path


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("127.0.0.1:8000", "127.0.0.1"),
        ("LOCALHOST", "localhost"),
        ("[::1]:80", "::1"),
        ("a.b.", "a.b"),
        ("localhost:80@evil.example", ""),
        ("localhost evil", ""),
    ],
)
def test_host_name_drops_port_brackets_and_case(header: str, name: str) -> None:
    assert host_name(header) == name


def test_api_answers_only_its_own_host_names(store_path: Path) -> None:
    app = create_app(store_path, allowed_hosts=[*DEFAULT_HOSTS, "events.example"])
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for host in ("127.0.0.1:8000", "localhost", "events.example"):
            assert client.get("/api/summary", headers={"host": host}).status_code == 200, host
        for host in ("evil.example", "127.0.0.1.evil.example", "localhost.evil.example:8000"):
            refused = client.get("/api/summary", headers={"host": host})
            assert refused.status_code == 400 and refused.json()["parameter"] == "host"


def test_api_redirects_never_carry_a_foreign_host(store_path: Path) -> None:
    with TestClient(create_app(store_path), base_url="http://127.0.0.1") as client:
        for path in ("/api/summary/", "/api/events/", "/static", "/api/actors/"):
            for host in ("evil.example", "localhost", "127.0.0.1"):
                response = client.get(path, headers={"host": host}, follow_redirects=False)
                location = response.headers.get("location", "")
                assert "evil" not in location, (path, host, location)
                if host == "evil.example":
                    assert response.status_code == 400


def test_api_code_answers_busy_instead_of_waiting_behind_a_slow_request(store_path: Path) -> None:
    SlowPipeline.delay = 1.5
    app = create_app(store_path, limits=Limits(code_wait_seconds=0.2), pipeline_factory=SlowPipeline)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        slow = threading.Thread(target=lambda: client.post("/api/code", json={"text": GOOD}))
        slow.start()
        time.sleep(0.4)
        started = time.monotonic()
        busy = client.post("/api/code", json={"text": GOOD})
        waited = time.monotonic() - started
        slow.join()
    assert busy.status_code == 503 and busy.headers["retry-after"] == "5" and waited < 1.0


def test_api_code_takes_a_one_paragraph_html_fragment_and_refuses_a_surrogate_id(store_path: Path) -> None:
    from thucydides.pipeline import Options, Pipeline

    app = create_app(store_path, pipeline_factory=lambda: Pipeline(Options(upto="extract")))
    with TestClient(app, base_url="http://127.0.0.1") as c:
        response = c.post("/api/code", json={"html": f"<p>{GOOD}</p>"})
        body = json.dumps({"text": GOOD, "id": "\udfff"})  # sent as a \\udfff escape
        bad = c.post("/api/code", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200, response.text
    assert bad.status_code == 422 and bad.json()["parameter"] == "id"
