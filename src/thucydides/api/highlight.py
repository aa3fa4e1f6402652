"""Where the actors, the event word, the date and the place sit in an evidence sentence.

The stored event keeps the words that named its actors (``source.text``,
``target.text``), its trigger word and its place's name, but not the offsets of
each inside the sentence; this module finds them again for display. Dates are
found by the shape of common date expressions.
"""

from __future__ import annotations

import re
from typing import Any

_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_DAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_DATE_RE = re.compile(
    rf"\b(?:(?:on\s+)?(?:{_DAYS})(?:,?\s+(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?(?:,?\s+(?:19|20)\d\d)?"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?"
    rf"|(?:early|mid|late)?-?\s?(?:{_MONTHS})(?:\s+(?:19|20)\d\d)?"
    rf"|(?:19|20)\d\d-\d\d-\d\d|(?:19|20)\d\d"
    r"|yesterday|today|tomorrow|tonight|(?:last|next|this)\s+(?:week|month|year|weekend))\b"
)

KINDS = ("source", "target", "event", "place", "date")


def _find(text: str, words: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first place ``words`` occur in ``text`` (case-sensitive first) not overlapping ``taken``."""
    words = words.strip()
    if not words:
        return None
    for flags in (0, re.IGNORECASE):
        pattern = re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)", flags)
        for m in pattern.finditer(text):
            span = (m.start(), m.end())
            if not any(span[0] < e and s < span[1] for s, e in taken):
                return span
    return None


def highlights(evidence: str, record: dict[str, Any]) -> list[dict[str, Any]]:
    """Spans of ``evidence`` to highlight, each ``{"start", "end", "kind", "text"}``, in text order.

    Args:
        evidence: the sentence the event was read from.
        record: the event record (``source``, ``target``, ``trigger``, ``location``, ``date``).
    """
    wanted: list[tuple[str, str]] = []
    for kind in ("source", "target"):
        actor = record.get(kind) or {}
        if isinstance(actor, dict) and actor.get("text"):
            wanted.append((kind, str(actor["text"])))
    if record.get("trigger"):
        wanted.append(("event", str(record["trigger"])))
    location = record.get("location") or {}
    if isinstance(location, dict) and location.get("name"):
        wanted.append(("place", str(location["name"])))
    taken: list[tuple[int, int]] = []
    found: list[dict[str, Any]] = []
    for kind, words in wanted:
        span = _find(evidence, words, taken)
        if span:
            taken.append(span)
            found.append(
                {"start": span[0], "end": span[1], "kind": kind, "text": evidence[span[0] : span[1]]}
            )
    if record.get("date"):
        for m in _DATE_RE.finditer(evidence):
            span = (m.start(), m.end())
            if m.group().strip() and not any(span[0] < e and s < span[1] for s, e in taken):
                taken.append(span)
                found.append({"start": span[0], "end": span[1], "kind": "date", "text": m.group()})
                break
    return sorted(found, key=lambda h: h["start"])
