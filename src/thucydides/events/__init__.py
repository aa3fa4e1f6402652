"""The event coder: PLOVER/CAMEO events from the parse."""

from thucydides.events.coder import EventCoder
from thucydides.events.lexicon import Lexicon

__all__ = ["EventCoder", "Lexicon"]
