"""RSS and Atom feeds: each item its own document, and pages fetched politely.

A feed is parsed with `feedparser <https://feedparser.readthedocs.io>`_. Each item becomes a
:class:`~thucydides.record.Document` of its own, so that nothing (no actor, no date) is carried
from one item to the next:

- id and URL: the item's link (else its ``id``/``guid``, else ``FEED#N``);
- title: the item's title; published: the item's own publication (else update) date;
- text: the title, a blank line, then the item's content (else its summary) as plain text.

With ``fetch``, the linked page is downloaded (:class:`Fetcher`: time limits, a size cap, a user
agent, one request at a time and a pause between two requests to one host) and its article is
extracted, as for a saved web page; an item whose page cannot be had keeps its summary.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlparse

from thucydides import __version__
from thucydides.record import Document, Problem

FEED_SUFFIXES = (".rss", ".atom", ".xml")
USER_AGENT = f"thucydides/{__version__} (offline political event coder; feed reader)"


def looks_like_feed(text: str) -> bool:
    """Whether a text is an RSS or Atom document (by its first element)."""
    head = text.lstrip()[:1000].lower()
    if head.startswith("<?xml"):
        head = head[head.find("?>") + 2 :].lstrip() if "?>" in head else head
    while head.startswith("<!--") and "-->" in head:
        head = head[head.find("-->") + 3 :].lstrip()
    return head.startswith(("<rss", "<feed", "<rdf:rdf"))


def _plain(html: str) -> str:
    """Plain text of an item's HTML summary or content: block elements become paragraphs."""
    import lxml.html

    if "<" not in html:
        return html.strip()
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # noqa: BLE001 - an item's broken markup is kept as text
        return html.strip()
    for block in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n\n" + (block.tail or "")
    lines = [" ".join(line.split()) for line in root.text_content().split("\n")]
    out, blank = [], False
    for line in lines:
        if line:
            out.append(line)
            blank = False
        elif not blank and out:
            out.append("")
            blank = True
    return "\n".join(out).strip()


def _day(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


@dataclass(slots=True)
class FeedItem:
    """One item of a feed, before it becomes a document."""

    id: str
    url: str | None
    title: str | None
    published: date | None
    text: str
    source: str | None


def feed_items(text: str, name: str) -> tuple[list[FeedItem], str | None]:
    """The items of a feed, and the reason it cannot be read (None when it can)."""
    import feedparser

    parsed = feedparser.parse(text)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        return [], f"not an RSS or Atom feed with items{f' ({problem})' if problem else ''}"
    source = parsed.feed.get("title") or None
    items = []
    for i, entry in enumerate(parsed.entries, 1):
        link = entry.get("link") or None
        body = ""
        if entry.get("content"):
            body = "\n\n".join(_plain(c.get("value") or "") for c in entry.content)
        if not body.strip():
            body = _plain(entry.get("summary") or "")
        title = " ".join((entry.get("title") or "").split()) or None
        full = "\n\n".join(part for part in (title, body) if part)
        items.append(
            FeedItem(
                id=link or entry.get("id") or f"{name}#{i}",
                url=link,
                title=title,
                published=_day(entry),
                text=full,
                source=source,
            )
        )
    return items, None


def item_document(item: FeedItem) -> Document:
    """A feed item as a document of its own (its text is plain text)."""
    doc = Document(id=item.id, raw=item.text, url=item.url, source=item.source, title=item.title)
    if item.published is not None:
        doc.published, doc.published_how = item.published, "metadata"
    return doc


def read_feed(text: str, name: str, fetcher: Fetcher | None = None) -> Iterator[Document | Problem]:
    """The documents of a feed (``fetcher``: download each item's page), or a problem naming it."""
    items, problem = feed_items(text, name)
    if problem:
        yield Problem(name, problem)
        return
    for item in items:
        if not item.text.strip() and not (fetcher and item.url):
            yield Problem(item.id, "feed item has neither a title nor a summary")
            continue
        doc = item_document(item)
        if fetcher is not None and item.url:
            page = fetcher.get(item.url)
            if isinstance(page, Problem):
                yield Problem(item.id, f"{page.reason}; its summary is coded instead")
            else:
                doc.raw, doc.is_html = page, True
        yield doc


@dataclass(slots=True)
class Fetcher:
    """Downloads pages politely: one request at a time, a pause between two to one host.

    Attributes:
        timeout: seconds to connect and to wait for each read.
        max_bytes: pages larger than this are refused.
        pause: seconds between two requests to the same host.
        user_agent: sent with every request.
    """

    timeout: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    pause: float = 1.0
    user_agent: str = USER_AGENT
    _last: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, url: str, accept: str = "text/html,application/xhtml+xml") -> str | Problem:
        """The text at ``url``, or a problem that says why not."""
        parts = urlparse(url)
        if parts.scheme not in ("http", "https"):
            return Problem(url, f"cannot fetch a {parts.scheme or 'relative'} address")
        with self._lock:
            wait = self._last.get(parts.netloc, 0.0) + self.pause - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                return self._download(url, accept)
            finally:
                self._last[parts.netloc] = time.monotonic()

    def _download(self, url: str, accept: str) -> str | Problem:
        from thucydides.read import decode

        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - http(s) only
                data = response.read(self.max_bytes + 1)
        except urllib.error.HTTPError as exc:
            return Problem(url, f"cannot fetch: HTTP {exc.code} {exc.reason}")
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return Problem(url, f"cannot fetch: {reason}")
        if len(data) > self.max_bytes:
            return Problem(url, f"cannot fetch: larger than the {self.max_bytes / 1e6:.0f} MB limit")
        try:
            text, _ = decode(data, url)
        except ValueError as exc:
            return Problem(url, f"cannot fetch: {exc}")
        return text
