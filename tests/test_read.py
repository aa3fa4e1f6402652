"""Reading inputs: formats, sniffing, and bad input reported by name, never a traceback."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from thucydides.read import ReadOptions, read_documents, sniff
from thucydides.record import Document, Problem


def _read(*paths: Path, **opts: int) -> list[Document | Problem]:
    return list(read_documents([str(p) for p in paths], ReadOptions(**opts)))


def test_read_plain_text_keeps_the_text_exactly(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Line one.\r\n\nLine two  ", encoding="utf-8")
    (doc,) = _read(f)
    assert isinstance(doc, Document)
    assert doc.raw == "Line one.\r\n\nLine two  " and not doc.is_html and doc.id == str(f)


def test_read_html_gz_is_decompressed_and_marked_html(tmp_path: Path) -> None:
    f = tmp_path / "p.html.gz"
    f.write_bytes(gzip.compress(b"<html><body><p>Hello there.</p></body></html>"))
    (doc,) = _read(f)
    assert isinstance(doc, Document) and doc.is_html and "Hello there." in doc.raw


def test_read_directory_recursively_in_stable_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("B text.", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("A text.", encoding="utf-8")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    ids = [d.id for d in _read(tmp_path)]
    assert ids == sorted(ids) and len(ids) == 2


def test_read_jsonl_fields_and_bad_lines_are_problems_with_line_numbers(tmp_path: Path) -> None:
    f = tmp_path / "docs.jsonl"
    good = {
        "id": "x1",
        "text": "Some text.",
        "published": "2019-10-05",
        "url": "http://example.org/a",
        "title": "T",
        "source": "Example",
    }
    f.write_text(json.dumps(good) + "\n{broken\n" + json.dumps({"id": "x3"}) + "\n[1, 2]\n", encoding="utf-8")
    items = _read(f)
    doc = items[0]
    assert isinstance(doc, Document) and doc.id == "x1" and doc.published is not None
    assert (
        doc.published.isoformat() == "2019-10-05" and doc.published_how == "given" and doc.source == "Example"
    )
    problems = [i for i in items if isinstance(i, Problem)]
    assert [p.name for p in problems] == [f"{f}:2", f"{f}:3", f"{f}:4"]
    assert "invalid JSON" in problems[0].reason and "neither" in problems[1].reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.html", bytes(range(256)) * 16, "binary"),
        ("nul.txt", b"text\x00with\x00nuls" * 50, "binary"),
        ("bad.html.gz", b"not gzip at all", "cannot read"),
    ],
)
def test_read_bad_files_become_problems_naming_the_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    f = tmp_path / name
    f.write_bytes(content)
    (item,) = _read(f)
    assert isinstance(item, Problem) and item.name == str(f) and reason in item.reason


def test_read_refuses_files_over_the_size_limit(tmp_path: Path) -> None:
    f = tmp_path / "huge.html"
    f.write_bytes(b"<p>" + b"word " * 300_000 + b"</p>")
    (item,) = _read(f, max_bytes=1_000_000)
    assert isinstance(item, Problem) and "limit" in item.reason


def test_read_decodes_legacy_encodings_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "latin.txt"
    f.write_bytes(
        "Le président français a rencontré le ministre à Genève. Ça a duré deux heures.".encode("cp1252")
    )
    (doc,) = _read(f)
    assert isinstance(doc, Document) and "président" in doc.raw
    assert "not valid UTF-8" in capsys.readouterr().err


def test_read_missing_path_is_a_problem(tmp_path: Path) -> None:
    (item,) = _read(tmp_path / "nope.txt")
    assert isinstance(item, Problem) and "no such file" in item.reason


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('{"id": 1, "text": "x"}', "jsonl"),
        ("<!DOCTYPE html><html></html>", "html"),
        ("<div><p>Hi</p></div>", "html"),
        ("Plain words, no markup.", "text"),
    ],
)
def test_read_sniffs_standard_input_kind(text: str, kind: str) -> None:
    assert sniff(text) == kind


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "utf-8-sig"])
def test_read_decodes_text_with_a_byte_order_mark(tmp_path: Path, codec: str) -> None:
    f = tmp_path / "bom.txt"
    f.write_bytes("Ministers met in Genève on Monday.".encode(codec))
    (doc,) = _read(f)
    assert isinstance(doc, Document) and doc.raw == "Ministers met in Genève on Monday."
