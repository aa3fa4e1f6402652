"""The command line as other programs call it (../shared/contract/CLI.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.conftest import CORPUS

from thucydides.cli import build_parser, main

GOOD = (
    "Russian Foreign Minister Sergei Lavrov met his Turkish counterpart Mevlut Cavusoglu in Ankara on "
    "Friday. Two days later, Turkish troops entered northern Syria."
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_documents_every_contract_command() -> None:
    text = build_parser().format_help()
    for command in ("code", "extract", "actors", "dates", "places", "ingest", "events", "export"):
        assert command in text


@pytest.mark.parametrize(
    "argv",
    [
        ["code", "--published", "2019-13-45"],
        ["code", "--format", "xml"],
        ["ingest", "--workers", "0", "x"],
        ["frobnicate"],
    ],
)
def test_cli_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.slow
def test_cli_code_skips_bad_documents_by_name_and_codes_the_good_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 16)
    (tmp_path / "broken.html").write_text("<html><body><div><p>unclosed <b>tags", encoding="utf-8")
    (tmp_path / "broken.jsonl").write_text(
        json.dumps({"id": "a", "text": GOOD, "published": "2019-10-07"}) + '\n{"id": "b", "text": \n',
        encoding="utf-8",
    )
    code, out, err = _run(
        capsys, "code", "--published", "2019-10-07", "--format", "jsonl", "--quiet", str(tmp_path)
    )
    assert code == 0 and "Traceback" not in err
    for name in ("empty.txt", "binary.html", "broken.jsonl:2"):
        assert name in err
    docs = {json.loads(line)["doc_id"] for line in out.splitlines()}
    assert "a" in docs and any(d.endswith("good.txt") for d in docs)


@pytest.mark.slow
def test_cli_exits_1_when_nothing_could_be_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, err = _run(capsys, "code", "--quiet", str(tmp_path / "empty.txt"))
    assert code == 1 and "empty.txt" in err and out == ""


@pytest.mark.slow
@pytest.mark.parametrize("command", ["actors", "dates", "places"])
def test_cli_stage_commands_give_offsets_that_point_at_their_text(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "d.jsonl"
    src.write_text(json.dumps({"id": "d1", "published": "2019-10-07", "text": GOOD}) + "\n", encoding="utf-8")
    code, out, _ = _run(capsys, command, "--format", "jsonl", "--quiet", str(src))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows
    for r in rows:
        assert GOOD[r["start"] : r["end"]] == r["text"] and r["doc_id"] == "d1"


@pytest.mark.slow
def test_cli_ingest_twice_keeps_each_document_and_event_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in"
    shutil.copytree(CORPUS, src)
    db = str(tmp_path / "t.duckdb")
    assert _run(capsys, "ingest", "--quiet", "--db", db, str(src))[0] == 0
    code, out, _ = _run(capsys, "events", "--db", db, "--format", "jsonl")
    first = [json.loads(line)["event_id"] for line in out.splitlines()]
    code, _, err = _run(capsys, "ingest", "--quiet", "--db", db, str(src))
    assert code == 0 and "ingested 0 documents" in err
    code, out, _ = _run(capsys, "events", "--db", db, "--format", "jsonl")
    second = [json.loads(line)["event_id"] for line in out.splitlines()]
    assert first and sorted(first) == sorted(second) and len(set(second)) == len(second)
    code, out, _ = _run(capsys, "export", "--db", db, "--format", "gdelt", "--header")
    header = out.splitlines()[0].split("\t")
    assert {"GLOBALEVENTID", "SQLDATE", "EventCode", "QuadClass", "ActionGeo_Lat", "SOURCEURL"} <= set(header)


@pytest.mark.slow
def test_cli_actors_file_extends_the_knowledge_base(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kb = tmp_path / "mine.yaml"
    kb.write_text(
        "people:\n"
        "  - name: Ana Quispe Mamani\n"
        "    id: person:ana-quispe\n"
        "    country: BOL\n"
        "    roles:\n"
        "      - {title: Foreign Minister, sector: GOV, from: 2030-01-01}\n",
        encoding="utf-8",
    )
    src = tmp_path / "d.jsonl"
    text = "Ana Quispe Mamani met the Chilean ambassador in La Paz on Monday."
    src.write_text(json.dumps({"id": "d", "published": "2031-05-07", "text": text}) + "\n", encoding="utf-8")
    _, before, _ = _run(capsys, "actors", "--format", "jsonl", "--quiet", str(src))
    code, after, _ = _run(capsys, "actors", "--format", "jsonl", "--quiet", "--actors", str(kb), str(src))
    assert code == 0
    assert not [r for r in map(json.loads, before.splitlines()) if r["id"] == "person:ana-quispe"]
    (ana,) = [r for r in map(json.loads, after.splitlines()) if r["id"] == "person:ana-quispe"]
    assert ana["country"] == "BOL" and ana["sector"] == "GOV" and ana["type"] == "person"


def test_cli_every_command_is_documented_in_the_readme() -> None:
    import argparse

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    missing = [name for name in sub.choices if f"thucydides {name}" not in readme]
    assert not missing, f"commands missing from the README: {missing}"
