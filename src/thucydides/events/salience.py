"""How events rank within an article: the lead carries the key events.

News is written lead first: the first sentences report what happened, later ones background, reactions,
quotes and history. :class:`ArticleSalience` runs after the event coder over the whole document and
lowers each event's confidence a little for every sentence before its own (``per_sentence``, at most
``max_penalty``; ``data/event_salience.yaml``), so that among events of close confidence those the
article reports first rank first. A one-sentence document is left as it is.

Reads ``events``; writes ``Event.confidence`` and adds a step to ``Event.explain``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from thucydides.datafile import load_yaml
from thucydides.record import Document

SETTINGS_FILE = "event_salience.yaml"
PER_SENTENCE = 0.005
MAX_PENALTY = 0.1


@dataclass(frozen=True, slots=True)
class SalienceSettings:
    """The position penalty: confidence lost per sentence before the event's own, and its cap."""

    per_sentence: float = PER_SENTENCE
    max_penalty: float = MAX_PENALTY

    @classmethod
    def load(cls, text: str | None = None) -> SalienceSettings:
        """The bundled settings (or those of a YAML text)."""
        if text is None:
            text = (resources.files("thucydides") / "data" / SETTINGS_FILE).read_text(encoding="utf-8")
        raw = load_yaml(text) or {}
        return cls(
            per_sentence=float(raw.get("per_sentence", PER_SENTENCE)),
            max_penalty=float(raw.get("max_penalty", MAX_PENALTY)),
        )

    def penalty(self, sentence_index: int) -> float:
        """How much confidence an event of the sentence ``sentence_index`` (0: the first) loses."""
        return min(self.max_penalty, self.per_sentence * max(0, sentence_index))


class ArticleSalience:
    """Stage: ranks an article's events by where it reports them (see the module docstring)."""

    def __init__(self, settings: SalienceSettings | None = None) -> None:
        self.settings = settings or SalienceSettings.load()

    def __call__(self, doc: Document) -> Document:
        for ev in doc.events:
            cut = round(self.settings.penalty(ev.sentence_index), 4)
            if cut <= 0:
                continue
            ev.confidence = round(max(0.0, ev.confidence - cut), 4)
            ev.explain.append(
                f"ranked by its place in the article: sentence {ev.sentence_index + 1} (-{cut:.3f}); "
                "the lead carries the key events"
            )
        return doc
