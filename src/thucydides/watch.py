"""Watching: folders and feeds followed, each new or changed document coded into the store as it comes.

    thucydides watch [--db FILE] [--fetch] [--every SECONDS] PATH|URL ...

Every ``every`` seconds the watcher looks at its targets:

- a **folder** (or file): files that are new or changed since the last look (size or time);
- a **feed** file or URL (RSS or Atom): its items, each its own document (see :mod:`thucydides.feeds`);
  a feed URL is asked with ``If-None-Match``/``If-Modified-Since`` so an unchanged feed costs a
  304; with ``fetch`` each new item's page is downloaded and its article extracted.

Documents the store holds with the same content are skipped; new ones are coded and stored;
changed ones (an edited file, an updated item) are coded again and replace their stored version.
Each look ends with a heartbeat line on standard error. The store is shared (see
:mod:`thucydides.store.turns`): ``serve`` on the same store shows the new events within seconds.
"""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from thucydides.feeds import Fetcher, feed_items, item_document
from thucydides.ingest import IngestOptions, IngestReport, code_batch, store_results
from thucydides.record import Document, Problem


def is_url(target: str) -> bool:
    """Whether a watch target is a web address (a feed) rather than a path."""
    return target.startswith(("http://", "https://"))


@dataclass(slots=True)
class Look:
    """What one look at the targets found and did."""

    documents: int = 0
    report: IngestReport = field(default_factory=IngestReport)
    unchanged_feeds: int = 0

    def line(self, started: float) -> str:
        r = self.report
        stamp = datetime.now(UTC).strftime("%H:%M:%S")
        return (
            f"[thucydides] watch {stamp}Z: {self.documents} new or changed documents, {r.added} added, "
            f"{r.replaced} re-coded, {r.already} already there, {len(r.problems)} skipped, "
            f"{r.mentions} events ({time.monotonic() - started:.1f} s)"
        )


class Watcher:
    """Follows folders and feeds into a store (see the module's docstring).

    Args:
        targets: folders, files and feed URLs.
        db: the store file.
        options: how to code (publication date, actor files, size cap).
        fetch: download each new feed item's page.
        fetcher: how pages and feeds are downloaded.
    """

    def __init__(
        self,
        targets: Sequence[str],
        db: str | Path,
        options: IngestOptions | None = None,
        fetch: bool = False,
        fetcher: Fetcher | None = None,
    ) -> None:
        from thucydides.ingest import _pipeline
        from thucydides.provenance import Provenance
        from thucydides.store import Store

        self.targets = list(targets)
        self.options = options or IngestOptions(workers=0)
        self.fetch = fetch
        self.fetcher = fetcher or Fetcher(max_bytes=self.options.max_bytes)
        self.pipeline = _pipeline(self.options)
        self.made_by = Provenance.of(self.options.actor_files)
        self.store = Store(db, threads=1, share=True)
        self._files: dict[str, tuple[int, int]] = {}  # path -> (size, mtime in ns) when last read
        self._feeds: dict[str, dict[str, str]] = {}  # feed URL -> validators for the next request

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _changed_files(self, look: Look) -> list[str]:
        from thucydides.read import list_inputs

        paths = [t for t in self.targets if not is_url(t)]
        changed = []
        for item in list_inputs(paths) if paths else []:
            if isinstance(item, Problem):
                if item.name not in self._files:  # say it once
                    look.report.problems.append(item)
                    self._files[item.name] = (-1, -1)
                continue
            try:
                stat = os.stat(item)
            except OSError:
                continue
            mark = (stat.st_size, stat.st_mtime_ns)
            if self._files.get(item) != mark:
                self._files[item] = mark
                changed.append(item)
        return changed

    def _feed(self, url: str, look: Look) -> Iterator[Document | Problem]:
        headers = {"User-Agent": self.fetcher.user_agent, **self._feeds.get(url, {})}
        request = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.fetcher.timeout) as response:  # noqa: S310
                data = response.read(self.options.max_bytes + 1)
                validators = {}
                if response.headers.get("ETag"):
                    validators["If-None-Match"] = response.headers["ETag"]
                if response.headers.get("Last-Modified"):
                    validators["If-Modified-Since"] = response.headers["Last-Modified"]
                self._feeds[url] = validators
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                look.unchanged_feeds += 1
                return
            yield Problem(url, f"cannot fetch the feed: HTTP {exc.code} {exc.reason}")
            return
        except (urllib.error.URLError, OSError, ValueError) as exc:
            yield Problem(url, f"cannot fetch the feed: {getattr(exc, 'reason', exc)}")
            return
        if len(data) > self.options.max_bytes:
            yield Problem(url, "the feed is larger than the size limit (--max-mb)")
            return
        items, problem = feed_items(data.decode("utf-8", errors="replace"), url)
        if problem:
            yield Problem(url, problem)
            return
        known = self.store.known_ids() if self.fetch else set()
        for item in items:
            doc = item_document(item)
            if self.fetch and item.url and item.id not in known:  # pages are fetched once
                page = self.fetcher.get(item.url)
                if isinstance(page, Problem):
                    yield Problem(item.id, f"{page.reason}; its summary is coded instead")
                else:
                    doc.raw, doc.is_html = page, True
            elif self.fetch and item.id in known:
                continue
            yield doc

    def look(self) -> Look:
        """Look at every target once, code what is new or changed, and store it."""
        from thucydides.read import ReadOptions, read_one
        from thucydides.store import content_hash

        look = Look()
        items: list[Document | Problem] = []
        read_options = ReadOptions(max_bytes=self.options.max_bytes, published=self.options.published)
        for path in self._changed_files(look):
            items += list(read_one(path, read_options))
        for url in (t for t in self.targets if is_url(t)):
            items += list(self._feed(url, look))
        known = self.store.known_hashes()
        todo: list[tuple[str, Document]] = []
        for item in items:
            if isinstance(item, Problem):
                look.report.problems.append(item)
                continue
            digest = content_hash(item)
            if digest in known:
                look.report.already += 1
            else:
                todo.append((digest, item))
        look.documents = len(todo)
        for step in range(0, len(todo), self.options.batch_size):
            results = code_batch(self.pipeline, todo[step : step + self.options.batch_size])
            store_results(self.store, results, self.made_by, look.report)
        refused = [(p.name, p.language, p.reason) for p in look.report.problems if p.language]
        self.store.note_skipped(refused)
        return look

    def run(
        self,
        every: float = 60.0,
        looks: int | None = None,
        out: TextIO | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> None:
        """Look every ``every`` seconds (``looks`` times, or until ``stop()`` or Ctrl-C).

        Each look writes its problems and a heartbeat line to ``out``.
        """
        done = 0
        while looks is None or done < looks:
            started = time.monotonic()
            look = self.look()
            done += 1
            if out is not None:
                for problem in look.report.problems:
                    out.write(f"skipped {problem.name}: {problem.reason}\n")
                out.write(look.line(started) + "\n")
                out.flush()
            if (looks is not None and done >= looks) or (stop is not None and stop()):
                return
            time.sleep(max(0.0, every - (time.monotonic() - started)))


def watch(
    targets: Sequence[str],
    db: str | Path,
    options: IngestOptions | None = None,
    fetch: bool = False,
    every: float = 60.0,
    looks: int | None = None,
    out: TextIO | None = None,
) -> None:
    """Follow folders and feeds into the store at ``db`` (see :class:`Watcher`)."""
    with Watcher(targets, db, options, fetch=fetch) as watcher:
        watcher.run(every=every, looks=looks, out=out)
