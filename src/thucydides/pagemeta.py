"""Page metadata: publication date, canonical URL, site name and title from meta tags and JSON-LD."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

_WORD = re.compile(r"\w+", re.UNICODE)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|^(\d{4})(\d{2})(\d{2})(?:T?\d{4,6})?$")
_DATE_META_NAMES = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "published-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "cxenseparse:recs:publishtime",
    "originalpublicationdate",
)
_ARTICLE_TYPES = ("article", "newsarticle", "reportagenewsarticle", "blogposting", "webpage", "report")


def norm_text(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


# --------------------------------------------------------------------------- plain text


def parse_meta_date(value: str) -> datetime.date | None:
    value = value.strip()
    if not value:
        return None
    found: datetime.date | None = None
    m = _ISO_DATE.search(value)
    if m:
        year, month, day = (g for g in m.groups() if g is not None)
        try:
            found = datetime.date(int(year), int(month), int(day))
        except ValueError:
            found = None
    elif re.search(r"[A-Za-z]{3}", value) and re.search(r"\d{4}", value) and len(value) < 80:
        import dateparser  # heavy import, only when a textual date needs it

        parsed = dateparser.parse(
            value,
            languages=["en"],
            settings={"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False},
        )
        found = parsed.date() if parsed else None
    if found is None or not 1990 <= found.year <= datetime.date.today().year + 1:
        return None
    return found


def json_ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    """The JSON-LD objects of a page: each script's top-level objects and those under ``@graph``,
    ``mainEntity`` and ``mainEntityOfPage``, down to :data:`JSON_LD_DEPTH` levels.

    A script that is not valid JSON, or nested too deeply for the JSON parser, is skipped.
    """
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, TypeError, RecursionError):
            continue
        yield from _walk_json(data)


JSON_LD_DEPTH = 5
_JSON_LD_LINKS = ("@graph", "mainEntity", "mainEntityOfPage")


def _walk_json(data: Any) -> Iterator[dict[str, Any]]:
    """Objects in document order, walked with a stack (input controls the depth, so no recursion)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > JSON_LD_DEPTH:
            continue
        if isinstance(item, list):
            stack.extend((child, depth + 1) for child in reversed(item))
        elif isinstance(item, dict):
            yield item
            stack.extend((item[key], depth + 1) for key in reversed(_JSON_LD_LINKS) if key in item)


def _json_type(obj: dict[str, Any]) -> str:
    kind = obj.get("@type", "")
    if isinstance(kind, list):
        kind = " ".join(str(k) for k in kind)
    return str(kind).lower()


def meta_values(tree: Any) -> dict[str, str]:
    """First content of each meta tag by lower-cased name/property/itemprop."""
    values: dict[str, str] = {}
    for meta in tree.xpath("//meta[@content]"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = (meta.get(attr) or "").strip().lower()
            if key and key not in values:
                values[key] = content
    return values


def published_date(tree: Any, meta: dict[str, str], ld: list[dict[str, Any]]) -> datetime.date | None:
    candidates: list[str] = []
    for obj in ld:
        if any(t in _json_type(obj) for t in _ARTICLE_TYPES):
            for key in ("datePublished", "dateCreated", "uploadDate"):
                if isinstance(obj.get(key), str):
                    candidates.append(obj[key])
    candidates += [meta[name] for name in _DATE_META_NAMES if name in meta]
    for xpath in (
        "//*[@itemprop='datePublished']",
        "//time[@pubdate]",
        "//article//time[@datetime]",
        "//time[@datetime]",
    ):
        for node in tree.xpath(xpath)[:3]:
            candidates.append(node.get("datetime") or node.get("content") or node.text_content())
    for value in candidates:
        found = parse_meta_date(value or "")
        if found:
            return found
    return None


def canonical_url(tree: Any, meta: dict[str, str], url: str | None) -> str | None:
    for link in tree.xpath("//link[@href]"):
        if "canonical" in (link.get("rel") or "").lower().split():
            href = (link.get("href") or "").strip()
            if href.startswith(("http://", "https://")):
                return href
    og = meta.get("og:url", "")
    if og.startswith(("http://", "https://")):
        return og
    return url


def site_name(meta: dict[str, str], ld: list[dict[str, Any]], url: str | None) -> str | None:
    for key in ("og:site_name", "application-name", "twitter:site"):
        if meta.get(key):
            return meta[key].lstrip("@").strip() or None
    for obj in ld:
        publisher = obj.get("publisher")
        if (
            isinstance(publisher, dict)
            and isinstance(publisher.get("name"), str)
            and publisher["name"].strip()
        ):
            return str(publisher["name"]).strip()
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def title_candidates(tree: Any, meta: dict[str, str], ld: list[dict[str, Any]]) -> list[str]:
    """Candidate headlines, best first (used for the title and to drop its copy from the text)."""
    found: list[str] = []
    for key in ("og:title", "twitter:title", "headline", "title"):
        if meta.get(key):
            found.append(meta[key])
    for obj in ld:
        if isinstance(obj.get("headline"), str):
            found.append(obj["headline"])
    found += [h.text_content() for h in tree.xpath("//h1")[:3]]
    found += [t.text_content() for t in tree.xpath("//title")[:1]]
    out: list[str] = []
    for title in found:
        title = " ".join(title.split())
        if title and title not in out:
            out.append(title)
    return out


def best_title(titles: list[str], source: str | None) -> str | None:
    if not titles:
        return None
    title = titles[0]
    # "Headline | Site" or "Headline - Site": drop a trailing site name
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) > 1:
        tail = norm_text(parts[-1])
        if (source and tail and (tail in norm_text(source) or norm_text(source) in tail)) or len(
            tail.split()
        ) <= 3:
            title = " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
    return title.strip() or None


# --------------------------------------------------------------------------- text
