"""Ingest with the local engine: idempotent, crash-safe under a real SIGKILL (leaving no worker behind),
growing, parallel.

All tests here run the real pipeline on the bundled sample corpus, so they are marked slow.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from thucydides.ingest import IngestOptions, ProgressBar, ingest
from thucydides.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "sample"
N_SAMPLE = 47  # 41 files and 6 JSONL records

pytestmark = pytest.mark.slow


def snapshot(db: Path) -> dict[str, Any]:
    """Everything that must be equal between two stores of the same input."""
    with Store(db, read_only=True) as s:
        con = s.con
        return {
            "documents": sorted(r[0] for r in con.execute("SELECT content_hash FROM documents").fetchall()),
            "mentions": sorted(con.execute("SELECT mention_id, doc_id, event_id FROM mentions").fetchall()),
            "events": sorted(
                con.execute("SELECT event_id, event_type, num_mentions, num_documents FROM events").fetchall()
            ),
        }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("ingest") / "corpus"
    shutil.copytree(CORPUS, dest, ignore=shutil.ignore_patterns("*.md", "*.json"))
    return dest


@pytest.fixture(scope="module")
def clean(corpus: Path) -> tuple[Path, Any]:
    db = corpus.parent / "clean.duckdb"
    report = ingest([str(corpus)], db, IngestOptions())
    return db, report


def test_ingest_stores_every_sample_document_with_its_events(clean: tuple[Path, Any]) -> None:
    db, report = clean
    assert report.added == N_SAMPLE and report.already == 0 and not report.problems
    snap = snapshot(db)
    assert len(snap["documents"]) == N_SAMPLE and len(snap["mentions"]) == report.mentions > 0
    assert all(event_id for _, _, event_id in snap["mentions"])


def test_ingest_rerun_over_an_unchanged_corpus_adds_nothing(clean: tuple[Path, Any], corpus: Path) -> None:
    db, _ = clean
    before = snapshot(db)
    again = ingest([str(corpus)], db, IngestOptions())
    assert (again.added, again.already, again.seen) == (0, N_SAMPLE, N_SAMPLE)
    assert snapshot(db) == before


def _wait_for_a_write(db: Path, timeout: float = 10.0) -> None:
    """Return once DuckDB has committed more to ``db`` (its write-ahead log or the file grew)."""
    wal = db.with_name(db.name + ".wal")

    def size() -> int:
        return sum(p.stat().st_size for p in (db, wal) if p.exists())

    first = size()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if size() > first:
            return
        time.sleep(0.01)


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie awaiting its parent counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finding the worker processes needs /proc")
def test_ingest_survives_sigkill_and_a_rerun_matches_a_clean_run(
    clean: tuple[Path, Any], corpus: Path
) -> None:
    db = corpus.parent / "killed.duckdb"
    cmd = [sys.executable, "-m", "thucydides.cli", "ingest", "--db", str(db), str(corpus)]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, cwd=corpus.parent)
    assert proc.stderr is not None
    done = 0
    helpers: set[int] = set()
    for line in proc.stderr:
        found = re.search(r"ingest (\d+)/(\d+)", line)
        if found and int(found.group(1)) >= 1:
            # the bar counts coded documents; the writer stores the first batch at once: kill the run
            # as soon as a write has landed in the file, while the rest is still being coded
            done = int(found.group(1))
            _wait_for_a_write(db)
            helpers = _children(proc.pid)
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL and 0 < done < N_SAMPLE, "the run was not killed mid-way"
    assert helpers, "the run had a worker process"
    deadline = time.monotonic() + 30
    while helpers and time.monotonic() < deadline:
        helpers = {pid for pid in helpers if _alive(pid)}
        time.sleep(0.1)
    assert not helpers, "the worker of the killed run is still running"
    with Store(db, read_only=True) as s:
        partial = s.counts()["documents"]
    assert 0 < partial < N_SAMPLE, "the killed run left whole documents only, and some of them"
    rerun = subprocess.run(cmd + ["--quiet"], capture_output=True, text=True, cwd=corpus.parent, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"ingested {N_SAMPLE - partial} documents" in rerun.stderr
    assert snapshot(db) == snapshot(clean[0])


@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's plain-text articles, eight times over, each copy its own document: a run long enough
    to be interrupted while it codes, however fast the machine."""
    dest = tmp_path_factory.mktemp("ingest_long") / "corpus"
    dest.mkdir()
    for k in range(8):
        for f in sorted(CORPUS.glob("*.txt")):
            text = f.read_text(encoding="utf-8")
            (dest / f"{f.stem}-{k}.txt").write_text(f"{text}\n\nCopy {k} of {f.stem}.\n", encoding="utf-8")
    return dest


def test_ingest_stops_cleanly_on_ctrl_c_and_keeps_what_it_coded(long_corpus: Path) -> None:
    """Ctrl-C reaches the main process and its workers (one process group, as in a terminal): no
    traceback, exit status 130, the store holds whole documents, and no worker is left running."""
    corpus = long_corpus
    db = corpus.parent / "interrupted.duckdb"
    cmd = [sys.executable, "-m", "thucydides.cli", "ingest", "--db", str(db), str(corpus)]
    # as in a terminal, Ctrl-C is not ignored (a shell without job control starts background jobs, such as
    # a test run launched with "&", with SIGINT ignored, and a child inherits that)
    proc = subprocess.Popen(
        cmd,
        stderr=subprocess.PIPE,
        text=True,
        cwd=corpus.parent,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert proc.stderr is not None
    for line in proc.stderr:
        if re.search(r"ingest [1-9]\d*/", line):  # coding has begun
            helpers = _children(proc.pid) if Path("/proc/self/stat").exists() else set()
            os.killpg(proc.pid, signal.SIGINT)
            break
    rest = proc.stderr.read()
    proc.wait(timeout=60)
    assert proc.returncode == 130 and "interrupted" in rest and "Traceback" not in rest, rest[-2000:]
    with Store(db, read_only=True) as s:
        stored = s.counts()["documents"]
        orphans = s.con.execute(
            "SELECT count(*) FROM mentions WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
        ).fetchone()
    assert 0 < stored < len(list(corpus.glob("*.txt"))) and orphans == (0,)  # stopped part way
    deadline = time.monotonic() + 30
    while helpers and time.monotonic() < deadline:
        helpers = {pid for pid in helpers if _alive(pid)}
        time.sleep(0.1)
    assert not helpers, "a worker is still running after Ctrl-C"


def test_ingest_of_a_grown_folder_codes_only_the_new_documents(tmp_path: Path) -> None:
    folder = tmp_path / "grow"
    folder.mkdir()
    files = sorted(CORPUS.glob("*.txt"))[:5]
    for f in files[:3]:
        shutil.copy(f, folder)
    db = tmp_path / "g.duckdb"
    assert ingest([str(folder)], db, IngestOptions()).added == 3
    for f in files[3:]:
        shutil.copy(f, folder)
    grown = ingest([str(folder)], db, IngestOptions())
    assert (grown.added, grown.already) == (2, 3)


@pytest.mark.parametrize("workers", [2, 0])
def test_ingest_with_two_workers_or_none_gives_the_same_store(
    clean: tuple[Path, Any], corpus: Path, workers: int
) -> None:
    """Two worker processes, or coding in this process (``workers=0``), store what one worker does."""
    db = corpus.parent / f"w{workers}.duckdb"
    report = ingest([str(corpus)], db, IngestOptions(workers=workers))
    assert report.added == N_SAMPLE and len(report.worker_peak_rss_mb) == max(workers, 1)
    assert report.main_peak_rss_mb > 0
    assert snapshot(db) == snapshot(clean[0])


def test_ingest_cli_with_two_workers_shows_progress_and_stores_everything(
    clean: tuple[Path, Any], corpus: Path
) -> None:
    db = corpus.parent / "cli-two.duckdb"
    cmd = [sys.executable, "-m", "thucydides.cli", "ingest", "--workers", "2", "--db", str(db), str(corpus)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=corpus.parent, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert f"ingest {N_SAMPLE}/{N_SAMPLE}" in out.stderr and f"ingested {N_SAMPLE} documents" in out.stderr
    assert snapshot(db) == snapshot(clean[0])


def test_ingest_reports_a_document_without_text_by_name_and_stores_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for f in sorted(CORPUS.glob("*.txt"))[:2]:
        shutil.copy(f, folder)
    (folder / "empty-page.html").write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    report = ingest([str(folder)], tmp_path / "m.duckdb", IngestOptions())
    assert report.added == 2
    assert [(Path(p.name).name, "no article text" in p.reason) for p in report.problems] == [
        ("empty-page.html", True)
    ]


def test_ingest_merges_most_sample_events_that_several_outlets_report(clean: tuple[Path, Any]) -> None:
    """The MANIFEST events that several documents report, and that the coder found (its type, source
    and target countries) in at least two of them, are mostly one merged event counting each of those
    documents (at least two in three).

    The reports may differ in what the merge tolerates: sectors known in one report only, dates a day
    apart in two documents, a document dated from its file name."""
    manifest = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    with Store(clean[0], read_only=True) as s:
        rows = s.con.execute("SELECT doc_id, event_id, record FROM mentions").fetchall()
        counts = {
            r[0]: r[1:]
            for r in s.con.execute("SELECT event_id, num_documents, num_mentions FROM events").fetchall()
        }
    coded: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for doc_id, event_id, record in rows:
        coded[Path(doc_id).name.rsplit(".", 1)[0]].append((event_id, json.loads(record)))
    found: dict[str, dict[str, set[str]]] = defaultdict(dict)  # MANIFEST key -> document -> event ids
    for doc in manifest["documents"]:
        for e in doc["events"]:
            types = {e["type"], *e.get("alt_types", [])}
            ids = {
                event_id
                for event_id, r in coded[doc["id"]]
                if r["event_type"] in types
                and (r["source"] or {}).get("country") == e["source"]
                and (r["target"] or {}).get("country") == e["target"]
            }
            if ids:
                found[e["key"]][doc["id"]] = ids
    checked, apart = 0, []
    for key, by_doc in found.items():
        if len(by_doc) < 2:
            continue
        checked += 1
        common = set.intersection(*by_doc.values())
        if not common:
            apart.append(f"{key} found in {sorted(by_doc)} but not merged into one event")
        assert all(counts[event_id][0] >= len(by_doc) for event_id in common)
    assert checked >= 5, f"only {checked} MANIFEST events were found in two documents"
    # greedy complete-linkage clustering: a misdated extra report can hold one of these apart
    # (7 of 9 merged at this writing; see the open note in docs/ACCURACY.md)
    assert len(apart) <= checked // 3, apart


def test_ingest_progress_bar_shows_rate_and_time_left() -> None:
    out = io.StringIO()
    bar = ProgressBar(out, total=10, every=0.0)
    time.sleep(0.01)
    bar.update(4)
    bar.finish()
    lines = out.getvalue().splitlines()
    assert "4/10" in lines[0] and "docs/s" in lines[0] and "ETA" in lines[0]
    assert "10/10" not in lines[-1] and "4/10" in lines[-1]
