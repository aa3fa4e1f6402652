"""Processes take turns at one store: readers and a writer side by side, waits reported, never a traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from thucydides.store import Filters, Store
from thucydides.store import turns as turns_module
from thucydides.store.turns import StoreBusy

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent


def python(code: str) -> subprocess.Popen[str]:
    """Run ``code`` in another Python process with this checkout's sources and tests importable."""
    env_path = f"{ROOT / 'src'}:{TESTS}"
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_line(proc: subprocess.Popen[str], text: str) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        if text in line:
            return
    raise AssertionError(
        f"the other process ended without saying {text!r}: {proc.stderr and proc.stderr.read()}"
    )


def hold(db: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process that holds the store for writing for ``seconds``, once it holds it."""
    writer = python(
        f"""
        import time
        from thucydides.store import Store
        with Store({str(db)!r}) as w:
            print("holding", flush=True)
            time.sleep({seconds})
        """
    )
    wait_for_line(writer, "holding")
    return writer


@pytest.fixture
def db(tmp_path: Path) -> Path:
    from test_store import DOCS

    path = tmp_path / "t.duckdb"
    with Store(path) as s:
        s.add(DOCS[0])
    return path


def test_store_a_shared_reader_sees_another_process_write_without_errors(db: Path) -> None:
    writer = python(
        f"""
        import time
        from test_store import DOCS
        from thucydides.store import Store
        with Store({str(db)!r}, share=True) as w:
            print("open", flush=True)
            for d in DOCS[1:]:
                w.add(d)
                time.sleep(0.3)
        """
    )
    reader = Store(db, read_only=True, share=True)
    seen = []
    try:
        wait_for_line(writer, "open")
        while writer.poll() is None:
            with reader.scope():
                seen.append(reader.counts()["documents"])
            time.sleep(0.1)
        with reader.scope():
            seen.append(reader.counts()["documents"])
            assert len(list(reader.events(Filters(type="ASSAULT")))) == 2
    finally:
        reader.close()
    assert writer.returncode == 0, writer.stderr and writer.stderr.read()
    assert seen == sorted(seen) and seen[-1] == 4 and reader.handovers >= 1


def test_store_a_reader_waits_for_a_writer_and_says_whom_it_waits_for(db: Path) -> None:
    writer = hold(db, 2.5)
    said: list[str] = []
    started = time.monotonic()
    with Store(db, read_only=True, say=said.append) as reader:
        assert reader.counts()["documents"] == 1
    assert time.monotonic() - started > 1.0
    assert len(said) == 1 and "being written by" in said[0] and "PID" in said[0]
    writer.wait()


def test_store_busy_names_the_program_when_waiting_runs_out(db: Path) -> None:
    writer = hold(db, 5)
    with pytest.raises(StoreBusy, match="being written by .*PID"):
        Store(db, read_only=True, timeout=0.5)
    writer.kill()
    writer.wait()


def test_store_busy_names_a_program_that_does_not_take_turns(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(turns_module, "OUTSIDE_WAIT", 0.5)
    holder = python(
        f"""
        import time, duckdb
        con = duckdb.connect({str(db)!r})
        print("holding", flush=True)
        time.sleep(10)
        """
    )
    wait_for_line(holder, "holding")
    try:
        with pytest.raises(StoreBusy, match=r"held by python.*\(PID \d+\), which does not take turns"):
            Store(db, read_only=True)
    finally:
        holder.kill()
        holder.wait()


def test_store_cli_summary_waits_for_an_ingest_then_answers(db: Path) -> None:
    writer = hold(db, 2.5)
    out = subprocess.run(
        [sys.executable, "-m", "thucydides.cli", "summary", "--db", str(db)],
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0 and "1 documents" in out.stdout
    assert "waiting for" in out.stderr and "Traceback" not in out.stderr
    writer.wait()
