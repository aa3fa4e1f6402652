"""A store that lives: `serve` keeps answering while `ingest` writes into the same store.

Runs the real pipeline on 300 documents (copies of the bundled sample with their own ids and a
line of their own), so it is marked slow.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from thucydides.store import Store

pytest.importorskip("uvicorn")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "sample"
N_DOCS = int(os.environ.get("THUCYDIDES_LIVE_DOCS", "300"))

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "thucydides.cli", *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def _documents(path: Path, n: int) -> None:
    texts = sorted(CORPUS.glob("*.txt"))
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            src = texts[i % len(texts)]
            text = src.read_text(encoding="utf-8") + f"\n\n(Copy {i} of this report.)\n"
            out.write(json.dumps({"id": f"copy-{i}-{src.stem}", "text": text}) + "\n")


def _get(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=90) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, None
    except OSError as exc:
        return -1, str(exc)


class Poller(threading.Thread):
    """Asks the API for its summary every 0.2 s and keeps every answer."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.answers: list[tuple[float, int, Any]] = []
        self.slowest = 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            asked = time.monotonic()
            status, body = _get(self.url)
            self.answers.append((time.monotonic(), status, body))
            self.slowest = max(self.slowest, time.monotonic() - asked)
            time.sleep(0.2)


def test_store_serve_answers_throughout_an_ingest_and_shows_every_new_event(tmp_path: Path) -> None:
    db = tmp_path / "live.duckdb"
    Store(db).close()  # an empty store to serve
    feed = tmp_path / "docs.jsonl"
    _documents(feed, N_DOCS)
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        _command("serve", "--db", str(db), "--port", str(port)), env=_env(), stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{port}/api/summary"
    try:
        deadline = time.monotonic() + 60
        while _get(url)[0] != 200:
            assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.2)
        poller = Poller(url)
        poller.start()
        ingest = subprocess.run(
            _command("ingest", "--db", str(db), "--quiet", str(feed)),
            env=_env(),
            capture_output=True,
            text=True,
            timeout=3000,
        )
        ended = time.monotonic()
        assert ingest.returncode == 0, ingest.stderr[-2000:]
        assert "Traceback" not in ingest.stderr
        while time.monotonic() < ended + 60:
            if poller.answers and (poller.answers[-1][2] or {}).get("documents") == N_DOCS:
                break
            time.sleep(0.2)
        poller.stop.set()
        poller.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    failed = [(status, body) for _, status, body in poller.answers if status != 200]
    assert not failed, failed[:3]
    documents = [body["documents"] for _, _, body in poller.answers]
    events = [body["events"] for _, _, body in poller.answers]
    assert documents == sorted(documents) and events == sorted(events), "a count went down"
    assert documents[-1] == N_DOCS and events[-1] > 0
    assert len(set(documents)) > 2, "the server saw the store grow during the ingest, not only at its end"
    full_at = next(t for t, _, body in poller.answers if body["documents"] == N_DOCS)
    print(
        f"\n{len(poller.answers)} requests during the ingest, none failed; "
        f"slowest answer {poller.slowest:.2f} s; "
        f"{len(set(documents))} different document counts seen; all {N_DOCS} documents shown "
        f"{full_at - ended:+.1f} s after the ingest ended"
    )
    with Store(db, read_only=True) as s:
        assert s.counts()["events"] == events[-1]
