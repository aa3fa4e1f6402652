"""Moved to :mod:`thucydides.store.filters`; kept so that older imports keep working."""

from thucydides.store.filters import (
    MAX_PAGE_SIZE,
    PERIODS,
    SORTS,
    EventPage,
    Filters,
    QueryError,
    cameo_param,
    day_param,
    decode_cursor,
    encode_cursor,
    iso3_param,
    time_param,
    where_clause,
)

__all__ = [
    "MAX_PAGE_SIZE",
    "PERIODS",
    "SORTS",
    "EventPage",
    "Filters",
    "QueryError",
    "cameo_param",
    "day_param",
    "decode_cursor",
    "encode_cursor",
    "iso3_param",
    "time_param",
    "where_clause",
]
