"""Actors: the knowledge base and resolution of actor mentions in context.

Typical use::

    kb = KnowledgeBase.load()            # once, then hand it to the stage
    resolver = ActorResolver(kb)
    doc = resolver(doc)                  # doc.nlp must hold the spaCy parse of doc.text
    resolver.resolve_text("a Russian Deputy Foreign Minister")   # -> Actor(country="RUS", sector="GOV")
"""

from thucydides.actors.kb import Entry, KnowledgeBase, KnowledgeBaseError, Role
from thucydides.actors.resolve import ActorResolver

__all__ = ["ActorResolver", "Entry", "KnowledgeBase", "KnowledgeBaseError", "Role"]
