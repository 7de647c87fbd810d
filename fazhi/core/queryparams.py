"""Numbers and search terms read from a page's query string (?per_page=, ?year=, ?q=), bounded.

A query string is typed by anyone: ``abc``, ``-1``, twenty nines, year 1 or 9999. Each reader
gives the page's default for what is not a number in range, so a list or calendar page shows
something sensible instead of a server error (an int too large for the database, a month that
has no day after it)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .apitypes import DB_INT_MAX
from .dateranges import year_range
from .textlimits import SEARCH_MAX_LENGTH

_DIGITS = 20  # more digits than any 64-bit number has


def query_int(params: Mapping[str, Any], name: str, default: int | None, *, lo: int, hi: int,
              clamp: bool = False) -> int | None:
    """``params[name]`` as an integer from ``lo`` to ``hi``; out of range: the nearest bound
    when ``clamp``, else ``default``; missing or not a number: ``default``."""
    raw = str(params.get(name) or "").strip()
    if not raw or len(raw) > _DIGITS:
        return default
    try:
        value = int(raw)
    except ValueError:
        return default
    if lo <= value <= hi:
        return value
    return min(max(value, lo), hi) if clamp else default


def query_id(params: Mapping[str, Any], name: str) -> int | None:
    """A row id (``?community=``), or None for anything no row can have."""
    return query_int(params, name, None, lo=1, hi=DB_INT_MAX)


def per_page(params: Mapping[str, Any], default: int, *, lo: int = 10, hi: int = 100) -> int:
    value = query_int(params, "per_page", default, lo=lo, hi=hi, clamp=True)
    return default if value is None else value


def query_year(params: Mapping[str, Any], name: str, default: int) -> int:
    """A year in core.dateranges' plausible range, else ``default``."""
    years = year_range()
    value = query_int(params, name, default, lo=years.start, hi=years.stop - 1)
    return default if value is None else value


def query_search(params: Mapping[str, Any], name: str = "q") -> str:
    """A search term, stripped and cut to ``SEARCH_MAX_LENGTH`` characters (the page's search
    box has that ``maxlength``; only a hand-made URL is longer)."""
    return str(params.get(name) or "").strip()[:SEARCH_MAX_LENGTH]
