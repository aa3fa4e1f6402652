"""`watch` on a folder: new files are coded, changed files re-coded in place, unchanged ones left alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from thucydides.ingest import IngestOptions
from thucydides.store import Store
from thucydides.watch import Watcher

pytestmark = pytest.mark.slow

AGREE = "Russia and Turkey agreed on a ceasefire in Idlib on Thursday."
SHELLING = "Turkish troops shelled Syrian army positions near Saraqib on Thursday."


def test_watch_codes_new_files_and_recodes_changed_ones(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    first = folder / "wire_20200306_idlib.txt"
    first.write_text(AGREE, encoding="utf-8")
    db = tmp_path / "t.duckdb"
    with Watcher([str(folder)], db, IngestOptions(workers=0)) as watcher:
        look = watcher.look()
        assert (look.documents, look.report.added) == (1, 1)
        assert watcher.look().documents == 0, "nothing changed"
        (folder / "post_20200306_saraqib.txt").write_text(SHELLING, encoding="utf-8")
        first.write_text(SHELLING.replace("Thursday", "Thursday, the wire says"), encoding="utf-8")
        os.utime(first, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns + 10**9))
        look = watcher.look()
        assert (look.documents, look.report.added, look.report.replaced) == (2, 1, 1)
        assert "1 added, 1 re-coded" in look.line(0.0)
    with Store(db, read_only=True) as s:
        events = list(s.events())
    assert [e["event_type"] for e in events] == ["ASSAULT"] and events[0]["num_documents"] == 2
