"""Reading input: files, directories, JSONL and standard input → :class:`Document`.

Every input either becomes a ``Document`` or a :class:`Problem` that names the
input and says what is wrong; one bad input never stops the others.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from thucydides.record import Document, Problem

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
SUPPORTED = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + FEED_SUFFIXES
# byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark)
BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


@dataclass(slots=True)
class ReadOptions:
    """How inputs are read.

    Attributes:
        max_bytes: inputs larger than this are refused with a clear message.
        published: publication date for documents that carry none.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    published: date | None = None


Item = Document | Problem


def _kind(name: str) -> str | None:
    low = name.lower()
    if low.endswith(HTML_SUFFIXES):
        return "html"
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(TEXT_SUFFIXES):
        return "text"
    if low.endswith(FEED_SUFFIXES):
        return "feed"
    return None


def list_inputs(paths: Iterable[str]) -> Iterator[str | Problem]:
    """Expand the command-line paths: directories recursively, in a stable order.

    Yields file paths (or ``-`` for standard input) and problems for paths that do not exist.
    """
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                str(f) for f in p.rglob("*") if f.is_file() and _kind(f.name) and not f.name.startswith(".")
            )
            if not found:
                yield Problem(safe_id(raw), "directory holds no .txt, .html, .html.gz, .jsonl or feed files")
            yield from found
        elif p.is_file():
            yield str(p)
        else:
            yield Problem(safe_id(raw), "no such file or directory")


# every byte but the control characters text does not use (all below 32 except tab, line feed,
# form feed, carriage return and escape): deleting these leaves the suspicious ones to count
_NOT_SUSPICIOUS = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13, 27))


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return True
    control = len(head.translate(None, _NOT_SUSPICIOUS))
    return control > max(8, len(head) // 50)


def decode(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode bytes to text.

    Returns:
        The text and a warning when it was not valid UTF-8 and another encoding was used.

    Raises:
        ValueError: when the bytes are binary or undecodable.
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), None
            except UnicodeDecodeError as exc:
                raise ValueError(f"starts with a {codec} byte-order mark but is not valid {codec}") from exc
    if _looks_binary(data):
        raise ValueError("binary data, not text or HTML")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ValueError(
            f"not valid UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and no other encoding fits"
        )
    return str(best), f"not valid UTF-8; decoded as {best.encoding}"


def sniff(text: str) -> str:
    """Guess the kind of standard input: ``jsonl``, ``feed`` (RSS or Atom), ``html`` or ``text``."""
    from thucydides.feeds import looks_like_feed

    head = text.lstrip()[:2000].lower()
    if head.startswith("{"):
        return "jsonl"
    if looks_like_feed(head):
        return "feed"
    if head.startswith(("<!doctype", "<html", "<?xml")) or (
        "<body" in head or "<p>" in head or "<div" in head
    ):
        return "html"
    return "text"


def content_id(text: str) -> str:
    """The id of a text that has no name (standard input): ``stdin:`` and 16 hex digits of its content."""
    return "stdin:" + hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:16]


def _parse_date(value: object) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def safe_id(value: str) -> str:
    """An id or file name that any encoder accepts: lone surrogates (from a JSON ``\\udfff`` escape
    or a file name that is not valid UTF-8) are written in their escaped form (``\\udfff``, ``\\xe9``).

    Valid text comes back unchanged, so ids stay what the input said wherever they can.
    """
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    # a file name's undecodable bytes come back from the OS as U+DC80..U+DCFF ("surrogateescape")
    raw = value.encode("utf-8", "surrogateescape" if _only_escaped_bytes(value) else "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def _only_escaped_bytes(value: str) -> bool:
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in value)


_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_text(value: str) -> str:
    """Text with every lone surrogate replaced by U+FFFD (one character for one: offsets stay right)."""
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def _field(obj: dict[str, Any], name: str) -> str | None:
    value = obj.get(name)
    return safe_text(value) if isinstance(value, str) else None


def _from_jsonl_line(line: str, where: str, opts: ReadOptions) -> Item:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Problem(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return Problem(where, "invalid JSON: nested too deeply")
    except ValueError as exc:  # an integer of thousands of digits, and the like
        return Problem(where, f"invalid JSON: {str(exc).split(';')[0]}")
    if not isinstance(obj, dict):
        return Problem(where, "a JSONL line must be an object with 'id' and 'text' or 'html'")
    body_text, body_html = _field(obj, "text"), _field(obj, "html")
    if body_text is None and body_html is None:
        return Problem(where, "record has neither a 'text' nor an 'html' string")
    is_html = bool(body_html and body_html.strip())
    raw = body_html if is_html else body_text
    if raw is None:
        return Problem(where, "empty text")
    given_id = obj.get("id")
    if isinstance(given_id, str) and given_id:
        doc_id = safe_id(given_id)
    elif isinstance(given_id, (int, float)) and not isinstance(given_id, bool) and given_id:
        doc_id = str(given_id)  # numbers are ids too ("id": 17)
    else:
        doc_id = content_id(raw) if where.startswith("-:") else where
    if not raw.strip():
        return Problem(doc_id, "empty text")
    published = _parse_date(obj.get("published"))
    if obj.get("published") and published is None:
        shown = safe_id(repr(obj.get("published"))[:80])
        sys.stderr.write(f"warning: {doc_id}: 'published' is not an ISO date ({shown}); ignored\n")
    doc = Document(
        id=doc_id,
        raw=raw,
        is_html=is_html,
        url=_field(obj, "url"),
        source=_field(obj, "source"),
        title=_field(obj, "title"),
    )
    if published:
        doc.published, doc.published_how = published, "given"
    return doc


def _decode_lines(data: bytes, name: str) -> str:
    """JSON lines (UTF-8 by definition) decoded line by line: a line that is not valid UTF-8 (or holds
    binary data) is decoded on its own (see :func:`decode`) or left to fail as JSON, so that one bad
    line never garbles or refuses the good lines around it."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines: list[str] = []
    for i, raw in enumerate(data.split(b"\n"), 1):
        try:
            lines.append(raw.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        try:
            line, _ = decode(raw, name)
            sys.stderr.write(f"warning: {name}:{i}: not valid UTF-8\n")
        except ValueError as exc:  # binary: left to be reported as a line that is not JSON
            sys.stderr.write(f"warning: {name}:{i}: {exc}\n")
            line = raw.decode("utf-8", "replace")
        lines.append(line.replace("\n", " "))
    return "\n".join(lines)


def _jsonl_lines(text: str) -> Iterator[str]:
    """The lines of a JSONL text, split on line feeds only (a JSON string may hold a raw U+2028,
    U+2029 or U+0085, which :meth:`str.splitlines` would also split on); a carriage return before
    the line feed is dropped."""
    for line in text.split("\n"):
        yield line.removesuffix("\r")


def _read_jsonl(text: str, name: str, opts: ReadOptions) -> Iterator[Item]:
    seen = False
    for i, line in enumerate(_jsonl_lines(text), 1):
        if not line.strip():
            continue
        seen = True
        yield _from_jsonl_line(line, f"{name}:{i}", opts)
    if not seen:
        yield Problem(name, "empty file: no JSON lines")


def _read_bytes(stream: BinaryIO, limit: int) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"larger than the {limit / 1e6:.0f} MB limit (--max-bytes)")
    return data


GZIP_CHUNK = 1 << 20


class TooLarge(ValueError):
    """An input that is over the size limit (after decompression, for a compressed one)."""


def gunzip_capped(stream: BinaryIO, limit: int) -> bytes:
    """Decompress a gzip stream, refusing it as soon as the output passes ``limit`` bytes.

    Memory stays near ``limit``: a small file that expands to gigabytes (a "gzip bomb") is
    stopped after ``limit`` bytes of output, never decompressed whole.

    Raises:
        TooLarge: when the decompressed data is over ``limit`` bytes.
        OSError, EOFError, zlib.error: when the data is not valid gzip.
    """
    out = bytearray()
    with gzip.GzipFile(fileobj=stream, mode="rb") as gz:
        while chunk := gz.read(GZIP_CHUNK):
            out += chunk
            if len(out) > limit:
                raise TooLarge(f"decompressed page is over the {limit / 1e6:.0f} MB limit")
    return bytes(out)


def read_one(name: str, opts: ReadOptions) -> Iterator[Item]:
    """Read one file (or ``-``) into documents, or problems that say what is wrong."""
    kind = "sniff" if name == "-" else _kind(name)
    shown = safe_id(name)  # the file name as it is stored and reported
    try:
        if name == "-":
            data = _read_bytes(sys.stdin.buffer, opts.max_bytes)
        else:
            size = os.path.getsize(name)
            if size > opts.max_bytes:
                yield Problem(
                    shown, f"file is {size / 1e6:.1f} MB, over the {opts.max_bytes / 1e6:.0f} MB limit"
                )
                return
            with open(name, "rb") as fh:
                data = gunzip_capped(fh, opts.max_bytes) if name.lower().endswith(".gz") else fh.read()
    except TooLarge as exc:
        yield Problem(shown, str(exc))
        return
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        yield Problem(shown, f"cannot read: {safe_id(str(exc))}")
        return
    if not data.strip():
        yield Problem(shown, "empty file")
        return
    if kind == "sniff" and data.lstrip()[:1] == b"{":
        kind = "jsonl"
    if kind == "jsonl" and not any(data.startswith(bom) for bom, _ in BOMS):
        yield from _read_jsonl(_decode_lines(data, shown), shown, opts)
        return
    try:
        text, warning = decode(data, shown)
    except ValueError as exc:
        yield Problem(shown, str(exc))
        return
    if warning:
        sys.stderr.write(f"warning: {shown}: {warning}\n")
    if kind == "sniff":
        kind = sniff(text)
    if kind == "jsonl":
        yield from _read_jsonl(text, shown, opts)
        return
    if kind == "feed":
        from thucydides.feeds import looks_like_feed, read_feed

        if looks_like_feed(text):
            yield from read_feed(safe_text(text), shown)
        elif name.lower().endswith(".xml"):
            yield Problem(shown, "an XML file that is not an RSS or Atom feed")
        else:
            yield Problem(shown, "not an RSS or Atom feed")
        return
    yield Document(id=content_id(text) if name == "-" else shown, raw=safe_text(text), is_html=kind == "html")


def read_documents(paths: Iterable[str], opts: ReadOptions | None = None) -> Iterator[Item]:
    """Read every input named by ``paths`` (files, directories, ``-``), in order.

    Args:
        paths: command-line paths; an empty list means standard input.
        opts: reading options.

    Yields:
        Documents, and problems for inputs that cannot be read.
    """
    opts = opts or ReadOptions()
    for item in list_inputs(list(paths) or ["-"]):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_one(item, opts)
