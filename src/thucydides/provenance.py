"""What coded a document: the coder's version and a hash of the knowledge it used.

The store keeps both per document (``documents.coder_version``, ``documents.kb_hash``), so that
``thucydides summary`` can say how many documents an older coder or other actor files coded, and
``thucydides ingest --recode`` can code them again.

- The **coder version** is the package version and a short hash of the coding code (the stages a
  document goes through), so that a development build that codes differently is another version.
- The **knowledge hash** covers every bundled data file (knowledge base, lexicons, gazetteer
  extras, CAMEO and PLOVER tables) and the user's ``--actors`` files, in order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import thucydides

# the parts of the package that decide what a document is coded as
CODING_CODE = ("actors", "dates", "events", "places", "ontology")
CODING_MODULES = (
    "extract.py",
    "nlp.py",
    "pipeline.py",
    "read.py",
    "record.py",
    "pagemeta.py",
    "successions.py",
)


def _digest_files(files: Sequence[Path], digest: hashlib._Hash, root: Path | None = None) -> None:
    for path in files:
        name = str(path.relative_to(root)) if root else str(path.name)
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")


def _package_root() -> Path:
    return Path(str(resources.files("thucydides")))


def coder_version() -> str:
    """``VERSION+HASH``: the package version and 10 hex digits of the coding code."""
    root = _package_root()
    files: list[Path] = [root / m for m in CODING_MODULES if (root / m).is_file()]
    for part in CODING_CODE:
        files += sorted((root / part).rglob("*.py"))
    digest = hashlib.sha256()
    _digest_files(files, digest, root)
    return f"{thucydides.__version__}+{digest.hexdigest()[:10]}"


def knowledge_hash(actor_files: Sequence[Path] = ()) -> str:
    """16 hex digits of the bundled data files and the user's actor files (in the order given)."""
    root = _package_root() / "data"
    digest = hashlib.sha256()
    _digest_files(sorted(p for p in root.rglob("*") if p.is_file()), digest, root)
    for path in actor_files:
        digest.update(b"--actors\0")
        _digest_files([Path(path)], digest)
    return digest.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Provenance:
    """The coder version and knowledge hash of one configuration (see the module's docstring)."""

    coder_version: str
    kb_hash: str

    @classmethod
    def of(cls, actor_files: Sequence[Path] = ()) -> Provenance:
        """The provenance of the installed coder with these actor files."""
        return cls(coder_version(), knowledge_hash(actor_files))
