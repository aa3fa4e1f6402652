"""Date expressions found in text and resolved against the publication date (see ``resolver``)."""

from thucydides.dates.resolver import DateResolver, filename_date, find_dateline_date, infer_publication_date
from thucydides.dates.vocabulary import DateVocabulary, load_date_vocabulary

__all__ = [
    "DateResolver",
    "DateVocabulary",
    "filename_date",
    "find_dateline_date",
    "infer_publication_date",
    "load_date_vocabulary",
]
