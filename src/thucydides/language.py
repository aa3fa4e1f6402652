"""Which language a document is in, so that only English is coded (the model, lexicons and
knowledge base are English).

Detection uses `lingua <https://github.com/pemistahl/lingua-py>`_ (offline: its models ship in
the wheel) over the languages news most often comes in, on the start of the text. A document is
refused only when the detector is sure it is *not* English and few of its words are common
English words (proper names and transliterations can fool the detector on a short text, not both
tests); short texts and texts the detector is unsure of are coded, so an English document is not
lost to a guess. The languages, the words and the thresholds are in ``data/language.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from thucydides.datafile import load_yaml
from thucydides.record import Document

WORD = re.compile(r"[^\W\d_]+")


class NotSupported(ValueError):
    """A document in a language the coder does not read; the message is the reason a person reads."""

    def __init__(self, language: str) -> None:
        super().__init__(f"language {language}: not supported")
        self.language = language


@dataclass(frozen=True, slots=True)
class LanguageSettings:
    """The contents of ``data/language.yaml`` (see the comments there)."""

    languages: tuple[str, ...]
    english_words: frozenset[str]
    max_english_share: float
    max_english: float
    min_other: float
    min_letters: int
    sample_chars: int

    @classmethod
    def load(cls) -> LanguageSettings:
        """The bundled settings."""
        raw = load_yaml(resources.files("thucydides").joinpath("data/language.yaml").read_text("utf-8"))
        words, refuse = raw["english_words"], raw["refuse"]
        return cls(
            languages=tuple(raw["languages"]),
            english_words=frozenset(words["words"]),
            max_english_share=float(words["max_share"]),
            max_english=float(refuse["max_english"]),
            min_other=float(refuse["min_other"]),
            min_letters=int(refuse["min_letters"]),
            sample_chars=int(refuse["sample_chars"]),
        )

    def english_word_share(self, text: str) -> float:
        """The share of the words of ``text`` that are frequent English words."""
        words = WORD.findall(text.lower())
        return sum(w in self.english_words for w in words) / len(words) if words else 0.0


class LanguageDetector:
    """Tells English from the other listed languages; lingua's models load on first use."""

    def __init__(self, settings: LanguageSettings | None = None) -> None:
        self.settings = settings or LanguageSettings.load()
        self._detector: Any = None
        self._codes: dict[Any, str] = {}

    def _build(self) -> Any:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        languages = [
            Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in self.settings.languages
        ]
        self._codes = {lang: lang.iso_code_639_1.name.lower() for lang in languages}
        return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()

    def confidences(self, text: str) -> dict[str, float]:
        """How likely ``text`` is in each listed language, by ISO 639-1 code."""
        if self._detector is None:
            self._detector = self._build()
        found = self._detector.compute_language_confidence_values(text)
        return {self._codes[v.language]: float(v.value) for v in found}

    def english_or_refuse(self, text: str) -> str:
        """``en`` for a text to code; raises :class:`NotSupported` for one surely in another language."""
        s = self.settings
        sample = text[: s.sample_chars]
        if sum(map(str.isalpha, sample)) < s.min_letters:
            return "en"
        # a text with many common English words is never refused: the detector (the costly part) is
        # asked only about the others
        if s.english_word_share(sample) > s.max_english_share:
            return "en"
        values = self.confidences(sample)
        if not values:
            return "en"
        top = max(values, key=lambda code: values[code])
        if top != "en" and values.get("en", 0.0) <= s.max_english and values[top] >= s.min_other:
            raise NotSupported(top)
        return "en"


class LanguageStage:
    """Reads ``text``; writes ``language`` (``en``), or refuses a document in another language."""

    def __init__(self, detector: LanguageDetector | None = None) -> None:
        self.detector = detector or LanguageDetector()

    def __call__(self, doc: Document) -> Document:
        doc.language = self.detector.english_or_refuse(doc.body)
        return doc
