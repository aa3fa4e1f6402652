"""Documents have identities and versions: an edited document is re-coded in place, texts from
standard input get ids of their own, and ``ingest --recode`` codes again what other actor files coded.

These run the real pipeline, so they are marked slow.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from thucydides.ingest import IngestOptions, ingest
from thucydides.store import Filters, Store

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

AGREE = "Russia and Turkey agreed on a ceasefire in Idlib on Thursday."
SHELLING = "Turkish troops shelled Syrian army positions near Saraqib on Thursday."
MEETING = "Foreign Minister Ana Quispe Mamani met Iranian officials in Tehran on Thursday."


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "thucydides.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )


def events_of(db: Path, doc_id: str | None = None) -> list[dict]:  # type: ignore[type-arg]
    with Store(db, read_only=True) as s:
        return [e for e in s.events() if doc_id is None or any(m["doc_id"] == doc_id for m in e["mentions"])]


def test_ingest_an_edited_document_is_recoded_and_replaces_its_events(tmp_path: Path) -> None:
    db, folder = tmp_path / "t.duckdb", tmp_path / "news"
    folder.mkdir()
    (folder / "wire_20200306_idlib.txt").write_text(AGREE + " " + SHELLING, encoding="utf-8")
    (folder / "post_20200306_idlib.txt").write_text(SHELLING, encoding="utf-8")
    first = ingest([str(folder)], db, IngestOptions(workers=0))
    assert (first.added, first.replaced) == (2, 0)
    (shelling,) = [e for e in events_of(db) if e["event_type"] == "ASSAULT"]
    assert (shelling["num_mentions"], shelling["num_documents"]) == (2, 2)

    (folder / "wire_20200306_idlib.txt").write_text(AGREE, encoding="utf-8")  # the correction
    second = ingest([str(folder)], db, IngestOptions(workers=0))
    assert (second.added, second.replaced, second.already) == (0, 1, 1)
    wire = str(folder / "wire_20200306_idlib.txt")
    assert {e["event_type"] for e in events_of(db, wire)} == {"AGREE"}, "the events of the new text only"
    (shelling,) = [e for e in events_of(db) if e["event_type"] == "ASSAULT"]
    assert (shelling["num_mentions"], shelling["num_documents"]) == (1, 1)
    with Store(db, read_only=True) as s:
        assert s.counts()["documents"] == 2
        assert s.con.execute("SELECT count(*) FROM mentions WHERE doc_id = ?", [wire]).fetchone()[0] == 2


def test_ingest_two_different_texts_on_standard_input_are_both_stored(tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    for text in (AGREE, SHELLING, AGREE):
        done = cli("ingest", "--db", db, "--published", "2020-03-06", "--quiet", "-", stdin=text)
        assert done.returncode == 0, done.stderr
    assert "1 already there" in done.stderr
    with Store(db, read_only=True) as s:
        ids = [r[0] for r in s.con.execute("SELECT doc_id FROM documents ORDER BY 1").fetchall()]
    assert len(ids) == 2 and all(i.startswith("stdin:") for i in ids)
    assert {e["event_type"] for e in events_of(Path(db))} == {"AGREE", "ASSAULT"}


def _actors(path: Path, country: str) -> Path:
    path.write_text(
        "people:\n"
        "  - name: Ana Quispe Mamani\n"
        "    id: person:ana-quispe\n"
        f"    country: {country}\n"
        "    roles:\n"
        "      - {title: Foreign Minister, sector: GOV, from: 2019-01-01}\n",
        encoding="utf-8",
    )
    return path


def test_ingest_recode_after_a_changed_actors_file_codes_those_documents_again(tmp_path: Path) -> None:
    db = tmp_path / "t.duckdb"
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        "".join(
            json.dumps({"id": i, "text": t, "published": "2020-03-06"}) + "\n"
            for i, t in (("meeting", MEETING), ("shelling", SHELLING))
        ),
        encoding="utf-8",
    )
    actors = _actors(tmp_path / "actors.yaml", "BOL")
    done = cli("ingest", "--db", str(db), "--actors", str(actors), "--quiet", str(docs))
    assert done.returncode == 0, done.stderr
    assert {e["source"]["country"] for e in events_of(db, "meeting")} == {"BOL"}

    _actors(actors, "PER")  # the user corrects the actor's country
    summary = cli("summary", "--db", str(db), "--actors", str(actors))
    assert "2 documents were coded by another coder version or other actor files" in summary.stdout
    done = cli("ingest", "--db", str(db), "--actors", str(actors), "--recode", "--quiet")
    assert done.returncode == 0 and "re-coded 2" in done.stderr, done.stderr
    assert {e["source"]["country"] for e in events_of(db, "meeting")} == {"PER"}
    assert [e["event_type"] for e in events_of(db, "shelling")] == ["ASSAULT"]
    summary = cli("summary", "--db", str(db), "--actors", str(actors))
    assert "coded by another coder version" not in summary.stdout
    with Store(db, read_only=True) as s:
        assert list(s.events(Filters(country="BOL"))) == []
