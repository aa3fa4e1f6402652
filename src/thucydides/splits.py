"""The one fixed split of every development set into a tuning half and a held-out half.

Each development set in ``../shared/gold`` is split once, by document, into ``dev`` (read while writing
rules, used for training) and ``test`` (never read, never trained on; the figures that count are
measured on it). The split depends only on the set's name and the document's key, so it is the same on
every machine and never changes when files are reordered or records added.

The document key of each set (see ``DOC_KEYS``): one record of the PLOVER gold standard, one CASE 2021
snippet, one CAMEO code (its example sentence), one IndiaPoliceEvents article (``doc_id``: all its
sentences go to the same half), one GLOCON article (``doc``), one TimeBank document, one geoparsing
article, one news page of the extraction benchmark.

A document is in ``test`` when the SHA-256 of ``"<set>:<key>"`` is odd, else in ``dev``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any, Literal, TypeVar

Half = Literal["dev", "test"]
HALVES: tuple[Half, ...] = ("dev", "test")

# set name → the record field that names the document (None: the set's own rule in ``doc_key``)
DOC_KEYS: dict[str, str] = {
    "plover_gsr": "id",
    "case2021": "id",
    "cameo_examples": "code",
    "india_police": "doc_id",
    "glocon": "doc",
    "timebank": "id",
    "lgl": "id",
    "trnews": "id",
    "geovirus": "id",
    "article_extraction": "id",
    "articles": "id",
}

T = TypeVar("T")


def half_of(set_name: str, key: object) -> Half:
    """Which half of ``set_name`` the document ``key`` belongs to."""
    digest = hashlib.sha256(f"{set_name}:{key}".encode()).digest()
    return "test" if digest[-1] & 1 else "dev"


def doc_key(set_name: str, record: dict[str, Any]) -> object:
    """The document key of one record of ``set_name`` (see ``DOC_KEYS``)."""
    field = DOC_KEYS.get(set_name, "id")
    if field not in record:
        raise KeyError(f"{set_name}: record has no document key {field!r}")
    return record[field]


def select(set_name: str, records: Iterable[dict[str, Any]], half: Half | None) -> Iterator[dict[str, Any]]:
    """The records of ``half`` (all of them where ``half`` is None), in their order."""
    for rec in records:
        if half is None or half_of(set_name, doc_key(set_name, rec)) == half:
            yield rec
