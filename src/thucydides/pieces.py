"""Long documents in pieces: where to cut a text, and how a piece's results rejoin the whole.

spaCy's memory grows with the number of tokens it parses at once (about 17 KB a token with the
small English model), and it refuses texts over 1,000,000 characters. A document longer than
:data:`PIECE_CHARS` characters or :data:`PIECE_TOKENS` tokens is therefore parsed and coded piece
by piece: pieces are cut at paragraph breaks, else after a sentence, else at a space (never inside
a word), they tile the text exactly, and every offset a piece's stages write is moved back into the
whole text (:func:`shift`). What is lost at a cut is only context across it (an actor named in full
in one piece and by surname in the next).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from thucydides.record import Document

PIECE_CHARS = 20_000
PIECE_TOKENS = 4_000
BATCH_TOKENS = 8_000
BATCH_CHARS = 40_000

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Caps:
    """How much work one parse may take on.

    Attributes:
        piece_chars: a document longer than this (in characters) is coded in pieces of at most
            this many characters.
        piece_tokens: likewise in tokens (a text of punctuation has a token per character).
        batch_tokens: tokens parsed together in one ``nlp.pipe`` batch of short documents.
        batch_chars: characters sent together to an ingest worker.
    """

    piece_chars: int = PIECE_CHARS
    piece_tokens: int = PIECE_TOKENS
    batch_tokens: int = BATCH_TOKENS
    batch_chars: int = BATCH_CHARS


def cut_chars(text: str, size: int, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most ``size`` characters that tile it exactly.

    Each cut is made at the last paragraph break (a blank line) in the second half of the window,
    else after the last sentence end there, else after the last whitespace, else at ``size``.

    Returns:
        ``(start, end)`` character offsets into ``text``, in order.
    """
    end = len(text) if end is None else end
    pieces: list[tuple[int, int]] = []
    pos = start
    while end - pos > size:
        limit = pos + size
        floor = pos + size // 2
        cut: int | None = text.rfind("\n\n", floor, limit)
        if cut is not None and cut >= 0:
            cut += 2
        else:
            cut = _last_match_end(_SENTENCE_END, text, floor, limit)
            if cut is None:
                cut = _last_match_end(_SPACE, text, floor, limit) or limit
        pieces.append((pos, cut))
        pos = cut
    pieces.append((pos, end))
    return pieces


def _last_match_end(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> int | None:
    found = None
    for m in pattern.finditer(text, lo, hi):
        found = m.end()
    return found


def cut_tokens(tokens: Any, size: int) -> list[tuple[int, int]]:
    """Cut a tokenized text (a spaCy ``Doc``) into pieces of at most ``size`` tokens.

    Cuts fall after a sentence-ending punctuation mark in the second half of the window where
    there is one, else at ``size`` tokens.

    Returns:
        ``(start, end)`` character offsets into the doc's text, tiling it exactly.
    """
    n = len(tokens)
    text_len = len(tokens.text)
    bounds = [0]
    pos = 0
    while n - pos > size:
        cut = next(
            (i + 1 for i in range(pos + size - 1, pos + size // 2, -1) if tokens[i].text in (".", "!", "?")),
            pos + size,
        )
        bounds.append(tokens[cut].idx)
        pos = cut
    bounds.append(text_len)
    return list(zip(bounds, bounds[1:], strict=False))


def piece_of(doc: Document, start: int, end: int) -> Document:
    """A document holding ``doc.text[start:end]``, with ``doc``'s id and metadata."""
    return Document(
        id=doc.id,
        url=doc.url,
        source=doc.source,
        title=doc.title,
        published=doc.published,
        published_how=doc.published_how,
        text=doc.text[start:end],
    )


def shift(part: Document, chars: int, tokens: int, sentences: int) -> None:
    """Move a piece's offsets into the whole text.

    Args:
        part: a coded piece (see :func:`piece_of`).
        chars: where the piece starts in the whole text, in characters.
        tokens: the tokens of the pieces before it (for token indices).
        sentences: the sentences of the pieces before it (for ``sentence_index``).
    """
    for actor in part.actors:
        actor.start, actor.end = actor.start + chars, actor.end + chars
        if actor.head is not None:
            actor.head += tokens
    for when in part.dates:
        when.start, when.end = when.start + chars, when.end + chars
    for where in part.places:
        where.start, where.end = where.start + chars, where.end + chars
    for ev in part.events:
        ev.evidence.start += chars
        ev.evidence.end += chars
        ev.sentence_index += sentences
        if chars:  # the coder's id hashes offsets inside the piece: make it unique in the document
            ev.event_id = hashlib.sha1(f"{ev.event_id}|{chars}".encode()).hexdigest()[:16]
