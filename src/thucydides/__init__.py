"""thucydides: news in, political event data out (PLOVER/CAMEO), offline.

Three lines code a text::

    import thucydides
    for ev in thucydides.code("Iran seized a British tanker on Friday.", published="2019-07-20"):
        print(ev.event_type, ev.source.name, ev.target.name, ev.date)

- :func:`code`: texts in, :class:`Event` objects out (the fields of ``event.schema.json``).
- :class:`Pipeline`: build once, reuse (``Pipeline().events(texts, published=...)``, or ``run`` over
  documents from :func:`thucydides.read.read_documents`); :class:`Options` configures it.
- :func:`events_frame`: a store's merged events as a pandas data frame, with the filters of
  ``thucydides events``.
- :class:`Store` and :class:`Filters`: the event store and its queries.

Nothing heavy is imported until it is used: ``import thucydides`` loads neither spaCy nor DuckDB.
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing (mypy reads it the same way)

__version__ = "0.1.0"

# public name -> module that defines it (imported on first use)
_LAZY = {
    "code": "thucydides.pipeline",
    "Pipeline": "thucydides.pipeline",
    "Options": "thucydides.pipeline",
    "events_frame": "thucydides.arrow",
    "Event": "thucydides.record",
    "Actor": "thucydides.record",
    "Place": "thucydides.record",
    "Evidence": "thucydides.record",
    "NoActor": "thucydides.record",
    "Document": "thucydides.record",
    "Filters": "thucydides.store",
    "Store": "thucydides.store",
}

__all__ = ["__version__", *_LAZY]

if TYPE_CHECKING:
    from typing import Any

    from thucydides.arrow import events_frame as events_frame
    from thucydides.pipeline import Options as Options
    from thucydides.pipeline import Pipeline as Pipeline
    from thucydides.pipeline import code as code
    from thucydides.record import Actor as Actor
    from thucydides.record import Document as Document
    from thucydides.record import Event as Event
    from thucydides.record import Evidence as Evidence
    from thucydides.record import NoActor as NoActor
    from thucydides.record import Place as Place
    from thucydides.store import Filters as Filters
    from thucydides.store import Store as Store


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'thucydides' has no attribute {name!r}")
    return getattr(import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
