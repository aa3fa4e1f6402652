"""HTML page → article text and metadata (the extraction stage).

Reads: a web page as a ``str`` (decoding is the reader's job) and optionally its URL.
Adds: the cleaned article text (paragraphs separated by a blank line), the title, the
publication date found in the page metadata, the canonical URL and the site name.

How the text is found:

1. trafilatura runs twice on one parsed tree: once favouring precision (the base text) and
   once with its default balance (without its fallback extractors when the precise run found
   text). Paragraphs that the default run finds *between* two
   paragraphs of the precise run fill the holes the precise run left; what the default run
   adds before the first or after the last paragraph is where headlines, standfirsts and
   teasers live, so it is not taken. When both runs come back empty, a recall-oriented run
   and finally trafilatura's plain-paragraph baseline are tried.
2. Our own pass removes the site furniture trafilatura keeps: a leading copy of the
   headline, newsletter boxes, share/follow prompts, bylines and timestamps alone on a line,
   photo credits, copyright lines, and trailing blocks such as "You may also like" with their
   teasers. The patterns live in ``data/furniture.yaml`` and are shared with
   :func:`find_furniture_start`, which finds the same trailing furniture in plain text.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from thucydides.datafile import load_yaml
from thucydides.pagemeta import (
    best_title,
    canonical_url,
    json_ld_objects,
    meta_values,
    norm_text,
    published_date,
    site_name,
    title_candidates,
)

LARGE_PAGE_CHARS = 1_000_000
MIN_ARTICLE_WORDS = 8
MAX_BLOCK_LINES = 400  # longest trailing furniture block looked for

_WORD = re.compile(r"\w+", re.UNICODE)
_BULLET = re.compile(r"^[\s\-–—•·*▪►»›>|]+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_FULL_STOP_END = re.compile(r"(?<!\.\.)\.[\"'”’)\]]*$")
_ELLIPSIS_END = re.compile(r"(…|\.\.\.)[\"'”’)\]]*$")
_HEAVY_OPEN = re.compile(r"<(script|style|noscript|svg|template|iframe)\b|<!--", re.IGNORECASE)


class ExtractionError(ValueError):
    """No article text could be found in the page; the message says why."""


@dataclass(slots=True)
class Extracted:
    """What the extraction stage finds in one page.

    Attributes:
        text: cleaned article text, paragraphs separated by ``"\\n\\n"``.
        title: the headline, if the page names one.
        published: publication date from the page metadata (meta tags, JSON-LD, ``<time>``).
        url: the canonical or og:url of the page if present, else the URL given.
        source: the site name (og:site_name, else the host of the URL).
    """

    text: str
    title: str | None
    published: datetime.date | None
    url: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class Furniture:
    """Compiled site-furniture patterns (see ``data/furniture.yaml``).

    Each family of patterns is compiled into one alternation so that a line costs one match.
    """

    line: re.Pattern[str]
    line_max_words: int
    block_start: re.Pattern[str]
    block_max_words: int
    teaser_max_words: int
    teaser_max_words_ellipsis: int
    note_max_words: int

    def is_line(self, line: str) -> bool:
        """Whether a line is furniture wherever it stands (a short line matching a pattern)."""
        text = _clean_line(line)
        if not text:
            return True
        if len(_WORD.findall(text)) > self.line_max_words:
            return False
        return _is_url_line(text) or self.line.fullmatch(text) is not None

    def is_block_start(self, line: str) -> bool:
        """Whether a line is a heading that opens a trailing block of teasers or links."""
        text = _clean_line(line)
        if not text or _SENTENCE_END.search(text):
            return False
        if len(_WORD.findall(text)) > self.block_max_words:
            return False
        return self.block_start.fullmatch(text) is not None

    def is_teaser(self, line: str) -> bool:
        """Whether a line inside a furniture block looks like a teaser (headline or cut text)."""
        text = _clean_line(line)
        words = len(_WORD.findall(text))
        if _ELLIPSIS_END.search(text):
            return words <= self.teaser_max_words_ellipsis
        return words <= self.teaser_max_words and not _FULL_STOP_END.search(text)

    def is_note(self, line: str) -> bool:
        """Whether a line is short enough to be the note right under a block heading."""
        return len(_WORD.findall(line)) <= self.note_max_words


def _alternation(patterns: Iterable[str], ignore_case: Iterable[str] = ()) -> re.Pattern[str]:
    parts = [f"(?i:{p})" for p in ignore_case] + [f"(?:{p})" for p in patterns]
    return re.compile("|".join(parts))


def load_furniture() -> Furniture:
    """Read and compile the furniture patterns from ``data/furniture.yaml``.

    Build it once and pass it to :func:`extract_article` / :func:`find_furniture_start`
    when processing many documents.
    """
    raw = resources.files("thucydides").joinpath("data/furniture.yaml").read_text(encoding="utf-8")
    spec: dict[str, Any] = load_yaml(raw)
    line_spec, block_spec, teaser = spec["line"], spec["block_start"], spec["teaser"]
    return Furniture(
        line=_alternation(line_spec.get("case_sensitive", []), ignore_case=line_spec["patterns"]),
        line_max_words=int(line_spec["max_words"]),
        block_start=_alternation([], ignore_case=block_spec["patterns"]),
        block_max_words=int(block_spec["max_words"]),
        teaser_max_words=int(teaser["max_words"]),
        teaser_max_words_ellipsis=int(teaser["max_words_ellipsis"]),
        note_max_words=int(teaser["note_max_words"]),
    )


def _clean_line(line: str) -> str:
    return _BULLET.sub("", line.strip()).strip()


def _is_url_line(text: str) -> bool:
    """A line made of links with at most a short label ("Listen: https://...")."""
    if not _URL.search(text):
        return False
    rest = _URL.sub(" ", text)
    return len(_WORD.findall(rest)) <= 6


def _lines_with_offsets(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for raw in text.splitlines(keepends=True):
        if raw.strip():
            yield pos + (len(raw) - len(raw.lstrip())), raw.strip()
        pos += len(raw)


def _trailing_block_start(lines: list[str], furniture: Furniture) -> int | None:
    """Index of the first line from which everything to the end is furniture, or None.

    Lines are classed as headings (H), furniture lines (F), teasers (T) or text (X), from the
    end backwards until the first text line. The block may not contain text, must open with a
    heading or a furniture line, and every teaser in it must follow a heading inside the block.
    Line 0 is never returned (no article would be left).
    """
    kinds: list[str] = []
    for line in reversed(lines[max(1, len(lines) - MAX_BLOCK_LINES) :]):
        if furniture.is_block_start(line):
            kinds.append("H")
        elif furniture.is_line(line):
            kinds.append("F")
        elif furniture.is_teaser(line):
            kinds.append("T")
        elif furniture.is_note(line):
            kinds.append("N")  # a teaser only right under a heading
        else:
            break
    kinds.reverse()
    kinds = ["T" if k == "N" and j > 0 and kinds[j - 1] == "H" else k for j, k in enumerate(kinds)]
    if "N" in kinds:
        last_text = len(kinds) - 1 - kinds[::-1].index("N")
        kinds = kinds[last_text + 1 :]
    offset = len(lines) - len(kinds)
    for s, kind in enumerate(kinds):
        if kind == "T":
            continue
        rest = kinds[s:]
        first_teaser = rest.index("T") if "T" in rest else len(rest)
        if "T" not in rest or "H" in rest[:first_teaser]:
            return offset + s
    return None


def find_furniture_start(text: str, furniture: Furniture | None = None) -> int | None:
    """Find where trailing site furniture begins in a plain-text article.

    Plain text cannot be cut (offsets must point into it as given), so this only reports the
    character offset of the first line of a trailing furniture block: a newsletter box, a
    "You may also like"/"Related stories"/"More from ..." heading followed by teasers, share
    prompts, copyright lines. Real paragraphs are never part of the block: teasers are only
    accepted after such a heading, and headings are short lines without a full stop.

    Args:
        text: the article as plain text.
        furniture: compiled patterns; loaded from ``data/furniture.yaml`` when omitted.

    Returns:
        The offset of the first character of the trailing furniture, or None when there is none.
    """
    furniture = furniture or load_furniture()
    located = list(_lines_with_offsets(text))
    if len(located) < 2:
        return None
    idx = _trailing_block_start([line for _, line in located], furniture)
    return None if idx is None else located[idx][0]


# --------------------------------------------------------------------------- metadata


def _strip_heavy(html: str) -> str:
    """Drop scripts, styles, comments and similar bulk from a very large page.

    One linear pass: each opener is matched to the next closer of its kind; an opener
    without a closer (a truncated page) is skipped, never the text after it.
    """
    kept: list[str] = []
    closers: dict[str, re.Match[str] | None] = {}  # next closer seen per tag; None: there is none
    pos = 0
    while (m := _HEAVY_OPEN.search(html, pos)) is not None:
        kept.append(html[pos : m.start()])
        tag = (m.group(1) or "!--").lower()
        closer = closers.get(tag)
        if tag not in closers or (closer is not None and closer.start() < m.end()):
            pattern = "-->" if tag == "!--" else f"</{tag}[^>]*>"
            closer = closers[tag] = re.compile(pattern, re.IGNORECASE).search(html, m.end())
        pos = closer.end() if closer else m.end()
    kept.append(html[pos:])
    return " ".join(kept)


def _paragraphs(text: str | None) -> list[str]:
    if not text:
        return []
    return [" ".join(line.split()) for line in text.splitlines() if _WORD.search(line)]


def _fill_holes(primary: list[str], secondary: list[str]) -> list[str]:
    """Insert the paragraphs ``secondary`` has between two paragraphs of ``primary``.

    Only gaps strictly inside the primary text are filled; what ``secondary`` adds before the
    first or after the last shared paragraph is left out.
    """
    position: dict[str, int] = {}
    for i, para in enumerate(primary):
        position.setdefault(norm_text(para), i)
    inserts: dict[int, list[str]] = {}
    last: int | None = None
    pending: list[str] = []
    for para in secondary:
        found = position.get(norm_text(para))
        if found is None:
            if last is not None:
                pending.append(para)
            continue
        if last is not None and pending and found > last:
            inserts.setdefault(found - 1, []).extend(pending)
        pending = []
        last = found if last is None else max(last, found)
    merged: list[str] = []
    for i, para in enumerate(primary):
        merged.append(para)
        merged.extend(inserts.get(i, []))
    return merged


def _extend_tail(primary: list[str], secondary: list[str], furniture: Furniture) -> list[str]:
    """Append the running text ``secondary`` has after the last paragraph it shares with ``primary``.

    A precise run sometimes drops the closing paragraphs. Only prose is taken (sentences
    ending in a full stop, question or exclamation mark); short lines such as subheadings
    are kept only when prose follows them, and the first block heading ("Related stories")
    ends the tail.
    """
    keys = {norm_text(p) for p in primary}
    last = max((i for i, para in enumerate(secondary) if norm_text(para) in keys), default=None)
    if last is None:
        return primary
    added: list[str] = []
    pending: list[str] = []
    for para in secondary[last + 1 :]:
        if furniture.is_block_start(para):
            break
        if furniture.is_line(para) or norm_text(para) in keys:
            continue
        if _is_prose(para):
            added.extend(pending)
            added.append(para)
            pending = []
        elif len(_WORD.findall(para)) <= 10:
            pending.append(para)
        else:
            break
    return primary + added


def _is_prose(para: str) -> bool:
    return len(_WORD.findall(para)) >= 8 and bool(_SENTENCE_END.search(para)) and not _URL.search(para)


def _clean_paragraphs(paras: list[str], titles: list[str], furniture: Furniture) -> list[str]:
    """Remove headline copies, furniture lines, trailing furniture blocks and duplicates."""
    title_keys = {norm_text(t) for t in titles if norm_text(t)}
    out: list[str] = []
    seen: set[str] = set()
    for i, para in enumerate(paras):
        key = norm_text(para)
        if not key:
            continue
        if i < 4 and not out and _is_title_copy(key, title_keys):
            continue
        if furniture.is_line(para):
            continue
        if key in seen and len(key.split()) >= 6:
            continue
        seen.add(key)
        out.append(para)
    if len(out) > 1:
        cut = _trailing_block_start(out, furniture)
        if cut is not None:
            out = out[:cut]
    return out


def _is_title_copy(key: str, title_keys: set[str]) -> bool:
    if key in title_keys:
        return True
    from rapidfuzz import fuzz

    return any(fuzz.ratio(key, t) >= 90 or (len(key) > 20 and key in t) for t in title_keys)


STANDFIRST_KEYS = ("og:description", "description", "twitter:description")
STANDFIRST_MIN_WORDS = 12
STANDFIRST_SEEN = 0.5  # the share of its words the text's first paragraphs may hold before it counts as there
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "title", "head", "meta", "script", "style"})


def _standfirst(tree: Any, meta: dict[str, str], paras: list[str], titles: list[str]) -> str | None:
    """The article's standfirst when the text lost it: the summary sentence under the headline.

    Trafilatura leaves out what comes before the first paragraph (headlines and teasers live there), and
    with them the standfirst that carries the news ("Three people died ... after clashes erupted ...").
    It is taken back when the page's description is a full sentence of prose, shown on the page as the
    whole text of a block that is not a heading, and not already at the top of the text.
    """
    desc = next((" ".join(meta[k].split()) for k in STANDFIRST_KEYS if meta.get(k)), "")
    words = {w.lower() for w in _WORD.findall(desc)}
    if len(_WORD.findall(desc)) < STANDFIRST_MIN_WORDS or not _is_prose(desc) or desc.endswith(("...", "…")):
        return None
    key = norm_text(desc)
    if _is_title_copy(key, {norm_text(t) for t in titles if norm_text(t)}):
        return None
    top = {w.lower() for p in paras[:3] for w in _WORD.findall(p)}
    if len(words & top) >= STANDFIRST_SEEN * len(words):
        return None
    probe = desc[:40].replace('"', "")
    if not probe.strip():
        return None
    for node in tree.xpath('//body//text()[contains(., "' + probe + '")]'):
        el = node.getparent()
        while el is not None and el.tag not in ("body", "html"):
            if isinstance(el.tag, str) and el.tag.lower() in HEADING_TAGS:
                break
            if norm_text(el.text_content() or "") == key:
                return desc
            el = el.getparent()
    return None


def _trafilatura_text(tree: Any, url: str | None, **options: Any) -> list[str]:
    import trafilatura

    text = trafilatura.extract(
        tree,
        url=url,
        include_comments=False,
        include_tables=True,
        include_images=False,
        deduplicate=False,
        **options,
    )
    return _paragraphs(text)


def _baseline_text(tree: Any) -> list[str]:
    from trafilatura import baseline

    _, text, _ = baseline(tree)
    return _paragraphs(text)


def _word_count(paras: Iterable[str]) -> int:
    return sum(len(_WORD.findall(p)) for p in paras)


def extract_article(html: str, url: str | None = None, furniture: Furniture | None = None) -> Extracted:
    """Extract the article text and metadata from a news page.

    Args:
        html: the page as text (already decoded).
        url: where the page came from, if known; used when the page names no canonical URL.
        furniture: compiled furniture patterns; loaded from ``data/furniture.yaml`` when omitted.

    Returns:
        The cleaned text (paragraphs separated by a blank line) with title, publication date,
        URL and site name.

    Raises:
        ExtractionError: when the input is empty, cannot be parsed, or holds no article text.
    """
    from trafilatura.utils import load_html

    if not isinstance(html, str):
        raise TypeError(f"extract_article expects a decoded str, got {type(html).__name__}")
    if not html.strip():
        raise ExtractionError("the page is empty")
    if len(html) > LARGE_PAGE_CHARS:
        html = _strip_heavy(html)
    tree = load_html(html)
    if tree is None:  # trafilatura refuses a fragment of one block ("<p>...</p>"): give it a page
        tree = load_html(f"<html><body>{html}</body></html>")
    if tree is None:
        raise ExtractionError("the page could not be parsed as HTML")
    furniture = furniture or load_furniture()

    meta = meta_values(tree)
    ld = list(json_ld_objects(tree))
    source = site_name(meta, ld, url)
    titles = title_candidates(tree, meta, ld)

    precise = _trafilatura_text(tree, url, favor_precision=True)
    # The balanced run only fills holes in the precise text and extends its tail, so when there is
    # a precise text it skips trafilatura's fallback comparison with other extractors (its own main
    # extractor is what finds those paragraphs; this makes extraction about a quarter faster). On
    # very large pages a second run is not worth its time at all.
    if not precise:
        balanced = _trafilatura_text(tree, url)
    elif len(html) <= LARGE_PAGE_CHARS:
        balanced = _trafilatura_text(tree, url, fast=True)
    else:
        balanced = []
    if precise and balanced:
        paras = _extend_tail(_fill_holes(precise, balanced), balanced, furniture)
    else:
        paras = precise or balanced
    if not paras:
        paras = _trafilatura_text(tree, url, favor_recall=True) or _baseline_text(tree)
    if not paras:
        raise ExtractionError("no article text found: the page has no paragraphs of running text")
    cleaned = _clean_paragraphs(paras, titles, furniture)
    if cleaned and (lead := _standfirst(tree, meta, cleaned, titles)) is not None:
        cleaned = [lead, *cleaned]
    if _word_count(cleaned) < MIN_ARTICLE_WORDS:
        raise ExtractionError(
            f"no article text found: only {_word_count(cleaned)} words of text remain "
            f"after removing headlines and site furniture"
        )
    return Extracted(
        text="\n\n".join(cleaned),
        title=best_title(titles, source),
        published=published_date(tree, meta, ld),
        url=canonical_url(tree, meta, url),
        source=source,
    )
