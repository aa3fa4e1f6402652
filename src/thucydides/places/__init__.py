"""Offline gazetteer and place resolution.

:class:`Gazetteer` turns place names into places (country, admin1, coordinates, geonameid,
precision); :class:`PlaceResolver` is the pipeline stage that finds place names in a document and
resolves each one, using the document's other places and its actors' countries to choose between
readings of an ambiguous name ("Tripoli" in a story about Lebanon, "Georgia" in one about Atlanta).
"""

from thucydides.places.gazetteer import Gazetteer, normalize_name
from thucydides.places.resolver import PlaceResolver

__all__ = ["Gazetteer", "PlaceResolver", "normalize_name"]
