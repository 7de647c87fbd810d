"""A count as a percent of another, as rate tables show it: one decimal, and 0.0 of nothing
(a unit with no one enrolled has passed nobody, not an error)."""

from __future__ import annotations

from typing import Any, overload


def percent(part: float, whole: float) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


class Percent:
    """A read-only attribute of a row: ``pass_rate = Percent("passed", of="enrolled")``."""

    def __init__(self, part: str, *, of: str) -> None:
        self.part, self.whole = part, of

    @overload
    def __get__(self, row: None, owner: type) -> Percent: ...
    @overload
    def __get__(self, row: object, owner: type | None = None) -> float: ...

    def __get__(self, row: Any, owner: type | None = None) -> Percent | float:
        if row is None:  # read on the class (by dataclasses, documentation tools)
            return self
        return percent(getattr(row, self.part), getattr(row, self.whole))
