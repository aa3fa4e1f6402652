"""RSS and Atom feeds: items as documents of their own, pages fetched politely, and `watch` following a
feed that grows (a local HTTP server on 127.0.0.1 stands in for the web)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from email.utils import format_datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("feedparser")

from thucydides.feeds import Fetcher  # noqa: E402
from thucydides.read import read_documents  # noqa: E402
from thucydides.record import Document, Problem  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def watch_command(db: Path, *args: str) -> list[str]:
    """``thucydides watch --db DB ARGS`` with this checkout's sources."""
    return [sys.executable, "-m", "thucydides.cli", "watch", "--db", str(db), *args]


ITEMS = [
    ("talks", "Ministers meet in Tehran", "2019-10-08",
     "Foreign Minister Javad Zarif met Russian Foreign Minister Sergei Lavrov in Tehran on Tuesday."),
    ("criticism", "More words", "2019-10-11", "He also criticised the United States on Friday."),
    ("ceasefire", "A ceasefire", "2019-10-17", "Turkey agreed to a ceasefire in northern Syria on Thursday."),
    ("strike", "Strikes in Yemen", "2019-10-20", "Saudi jets bombed Houthi positions near Sanaa on Sunday."),
    ("sanctions", "New sanctions", "2019-10-23", "The United States imposed sanctions on Iran on Wednesday."),
]  # fmt: skip


def rss(base: str, items: list[tuple[str, str, str, str]]) -> str:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0"><channel><title>Lantern Dispatch</title>',
    ]
    for slug, title, day, text in items:
        when = format_datetime(datetime.fromisoformat(day).replace(hour=9, tzinfo=UTC), usegmt=True)
        out.append(
            f"<item><title>{title}</title><link>{base}/{slug}.html</link><pubDate>{when}</pubDate>"
            f"<description>&lt;p&gt;{text}&lt;/p&gt;</description></item>"
        )
    out.append("</channel></rss>")
    return "\n".join(out)


class Site:
    """A folder served on 127.0.0.1, remembering each request's path and user agent."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.requests: list[tuple[str, str, float]] = []
        site = self

        class Handler(SimpleHTTPRequestHandler):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=str(root), **kwargs)

            def do_GET(self) -> None:  # noqa: N802 - the http.server interface
                site.requests.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
                super().do_GET()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    root = tmp_path / "site"
    root.mkdir()
    s = Site(root)
    yield s
    s.close()


def test_feeds_each_item_is_a_document_with_its_own_link_title_and_date(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "news.rss").write_text(rss("https://example.org", ITEMS[:2]), encoding="utf-8")
    (folder / "notes.xml").write_text("<notes><note>not a feed</note></notes>", encoding="utf-8")
    found = list(read_documents([str(folder)]))
    docs = [d for d in found if isinstance(d, Document)]
    problems = [p for p in found if isinstance(p, Problem)]
    assert [d.id for d in docs] == ["https://example.org/talks.html", "https://example.org/criticism.html"]
    assert [d.url for d in docs] == [d.id for d in docs]
    assert [(d.published, d.published_how) for d in docs] == [
        (date(2019, 10, 8), "metadata"),
        (date(2019, 10, 11), "metadata"),
    ]
    assert docs[0].title == "Ministers meet in Tehran" and docs[0].source == "Lantern Dispatch"
    assert docs[1].raw == "More words\n\nHe also criticised the United States on Friday."
    assert [(p.name.endswith("notes.xml"), "not an RSS or Atom feed" in p.reason) for p in problems] == [
        (True, True)
    ]


def test_feeds_an_atom_feed_on_standard_input_is_read_as_items(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    atom = (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        '<entry><title>Talks</title><link href="https://example.org/a"/><id>urn:a</id>'
        "<updated>2019-10-08T10:00:00Z</updated><summary>Russia and Turkey agreed.</summary></entry></feed>"
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(atom.encode("utf-8"))))
    (doc,) = list(read_documents(["-"]))
    assert isinstance(doc, Document)
    assert (doc.id, doc.published, doc.raw) == (
        "https://example.org/a",
        date(2019, 10, 8),
        "Talks\n\nRussia and Turkey agreed.",
    )


def test_feeds_fetcher_sends_its_user_agent_caps_size_and_pauses_per_host(site: Site) -> None:
    (site.root / "a.html").write_text("<html><body><p>Hello.</p></body></html>", encoding="utf-8")
    (site.root / "big.html").write_text("x" * 5000, encoding="utf-8")
    fetcher = Fetcher(timeout=5, max_bytes=1000, pause=0.3)
    assert "Hello." in str(fetcher.get(f"{site.base}/a.html"))
    assert fetcher.get(f"{site.base}/a.html") != ""
    big = fetcher.get(f"{site.base}/big.html")
    missing = fetcher.get(f"{site.base}/missing.html")
    assert isinstance(big, Problem) and "limit" in big.reason
    assert isinstance(missing, Problem) and "HTTP 404" in missing.reason
    assert isinstance(fetcher.get("file:///etc/passwd"), Problem)
    times = [t for _, _, t in site.requests]
    assert all(b - a >= 0.29 for a, b in zip(times, times[1:], strict=False))
    assert all(agent.startswith("thucydides/") for _, agent, _ in site.requests)


def _store_docs(db: Path) -> dict[str, Any]:
    from thucydides.store import Store

    with Store(db, read_only=True) as s:
        rows = s.con.execute("SELECT doc_id, url, published, title FROM documents").fetchall()
        events = list(s.events())
    return {"docs": {r[0]: r[1:] for r in rows}, "events": events}


@pytest.mark.slow
def test_watch_follows_a_growing_feed_one_document_per_new_item(site: Site, tmp_path: Path) -> None:
    feed = site.root / "news.rss"
    feed.write_text(rss(site.base, ITEMS[:2]), encoding="utf-8")
    db = tmp_path / "t.duckdb"
    watcher = subprocess.Popen(
        watch_command(db, "--every", "1", f"{site.base}/news.rss"), env=ENV, stderr=subprocess.PIPE, text=True
    )
    assert watcher.stderr is not None
    try:
        beats = (line for line in watcher.stderr if "[thucydides] watch" in line)
        first = next(beats)
        assert "2 new or changed documents, 2 added" in first
        feed.write_text(rss(site.base, ITEMS), encoding="utf-8")  # three new items
        grown = next(line for line in beats if "0 new or changed" not in line)
        assert "3 new or changed documents, 3 added" in grown
        later = next(beats)
        assert "0 new or changed" in later, "an unchanged feed codes nothing"
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)
    stored = _store_docs(db)
    new = {f"{site.base}/{slug}.html": day for slug, _, day, _ in ITEMS[2:]}
    assert set(new) <= set(stored["docs"]) and len(stored["docs"]) == 5
    for link, day in new.items():
        url, published, _ = stored["docs"][link]
        assert url == link and published.isoformat() == day
    criticism = [
        e for e in stored["events"] if any(m["doc_id"].endswith("criticism.html") for m in e["mentions"])
    ]
    assert criticism and all(e["source"] is None or e["source"]["country"] != "IRN" for e in criticism), (
        "no actor carried over from the item before"
    )


@pytest.mark.slow
def test_watch_fetch_codes_the_linked_page_instead_of_the_summary(site: Site, tmp_path: Path) -> None:
    (site.root / "news.rss").write_text(rss(site.base, ITEMS[2:3]), encoding="utf-8")
    page = (
        "<html><head><title>A ceasefire</title></head><body><article><h1>A ceasefire</h1>"
        "<p>Turkey agreed to a ceasefire in northern Syria on Thursday, the vice president said after talks "
        "in Ankara. The pause is meant to let Kurdish fighters withdraw from the border area.</p>"
        "</article></body></html>"
    )
    (site.root / "ceasefire.html").write_text(page, encoding="utf-8")
    db = tmp_path / "t.duckdb"
    command = watch_command(db, "--fetch", "--once", f"{site.base}/news.rss")
    done = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and "1 added" in done.stderr, done.stderr
    from thucydides.store import Store

    with Store(db, read_only=True) as s:
        (text,) = [r[0] for r in s.con.execute("SELECT text FROM documents").fetchall()]
    assert "Kurdish fighters withdraw" in text
    assert [p for p, _, _ in site.requests] == ["/news.rss", "/ceasefire.html"]
