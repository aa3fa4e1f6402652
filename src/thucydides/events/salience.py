"""How events rank within an article: the lead carries the key events.

News is written lead first: the first sentences report what happened, later ones background, reactions,
quotes and history. :class:`ArticleSalience` runs after the event coder over the whole document and
lowers each event's confidence a little for every sentence before its own (``per_sentence``, at most
``max_penalty``; ``data/event_salience.yaml``), so that among events of close confidence those the
article reports first rank first. A one-sentence document is left as it is.

Reads ``events``; writes ``Event.confidence`` and adds a step to ``Event.explain``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from thucydides.datafile import load_yaml
from thucydides.record import Document, Event

SETTINGS_FILE = "event_salience.yaml"
PER_SENTENCE = 0.005
MAX_PENALTY = 0.1
LEDE_SENTENCES = 3
LEDE_WEIGHT = 3
READING_PENALTY = 0.1
REPEAT_PENALTY = 0.1
HEADLINE_BONUS = 0.05
HEADLINE_CAP = 0.95  # the coder's cap on confidence
STEM = 5
WORD = re.compile(r"[a-z]{3,}")


def _stem(word: str) -> str:
    return word[:STEM]


@dataclass(frozen=True, slots=True)
class SalienceSettings:
    """The position penalty: confidence lost per sentence before the event's own, and its cap; the lede's
    length and the weight of a country it names (read by the event coder)."""

    per_sentence: float = PER_SENTENCE
    max_penalty: float = MAX_PENALTY
    lede_sentences: int = LEDE_SENTENCES
    lede_weight: int = LEDE_WEIGHT
    reading_penalty: float = READING_PENALTY
    repeat_penalty: float = REPEAT_PENALTY
    headline_bonus: float = HEADLINE_BONUS

    @classmethod
    def load(cls, text: str | None = None) -> SalienceSettings:
        """The bundled settings (or those of a YAML text)."""
        if text is None:
            text = (resources.files("thucydides") / "data" / SETTINGS_FILE).read_text(encoding="utf-8")
        raw = load_yaml(text) or {}
        return cls(
            per_sentence=float(raw.get("per_sentence", PER_SENTENCE)),
            max_penalty=float(raw.get("max_penalty", MAX_PENALTY)),
            lede_sentences=int(raw.get("lede_sentences", LEDE_SENTENCES)),
            lede_weight=int(raw.get("lede_weight", LEDE_WEIGHT)),
            reading_penalty=float(raw.get("reading_penalty", READING_PENALTY)),
            repeat_penalty=float(raw.get("repeat_penalty", REPEAT_PENALTY)),
            headline_bonus=float(raw.get("headline_bonus", HEADLINE_BONUS)),
        )

    def lede_end(self, sdoc: Any) -> int:
        """Where the lede of a parsed article ends (a character offset): after its first
        ``lede_sentences`` sentences; 0 (no lede) for a text of no more sentences than that."""
        sents = list(itertools.islice(sdoc.sents, self.lede_sentences + 1))
        return int(sents[self.lede_sentences - 1].end_char) if len(sents) > self.lede_sentences else 0

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
        if doc.title:
            self._headline(doc.title, doc.events)
        self._news_first(doc.events)
        return doc

    def _headline(self, title: str, events: list[Event]) -> None:
        """Raise an event told by a word of the headline ("Guards charged in ...": the charges): the
        headline names the story's main event (a word's first ``STEM`` letters stand for the word)."""
        bonus = self.settings.headline_bonus
        stems = {_stem(w) for w in WORD.findall(title.lower())}
        if bonus <= 0 or not stems:
            return
        for ev in events:
            words = ev.trigger.lower().split()
            if words and _stem(words[-1]) in stems:
                ev.confidence = round(min(HEADLINE_CAP, ev.confidence + bonus), 4)
                ev.explain.append(f"'{words[-1]}' is a word of the headline (+{bonus:.3f})")

    def _news_first(self, events: list[Event]) -> None:
        """Lower an event that adds nothing new beside a more confident one: a second reading of the same
        words (one act read as two types), or the same act told again (same type and code, same event
        word: "were charged ... is charged with five counts")."""
        readings: dict[tuple[int, str], str] = {}
        told: set[tuple[str, str, str]] = set()
        for ev in sorted(events, key=lambda e: -e.confidence):  # stable: the first of equals stands
            word = ev.trigger.split()[-1].lower() if ev.trigger else ""
            at = (ev.sentence_index, ev.trigger)
            act = (ev.event_type, ev.cameo, word)
            if ev.trigger and readings.get(at, ev.event_type) != ev.event_type:
                cut, why = (
                    self.settings.reading_penalty,
                    f"a second reading of '{ev.trigger}' ({readings[at]} first)",
                )
            elif word and act in told:
                cut, why = self.settings.repeat_penalty, f"the same {ev.event_type} '{word}' told again"
            else:
                cut = 0.0
            readings.setdefault(at, ev.event_type)
            told.add(act)
            if cut > 0:
                ev.confidence = round(max(0.0, ev.confidence - cut), 4)
                ev.explain.append(f"ranked below what the article told first: {why} (-{cut:.3f})")
