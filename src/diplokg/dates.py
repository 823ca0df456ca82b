"""Dates at the precision a text gives them: a year, a month, or a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date of which only the year, or the year and month, may be known.

    >>> PartialDate(2018, 7, 11).isoformat(), PartialDate(2024).isoformat()
    ('2018-07-11', '2024')
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # raises ValueError for impossible dates such as 2019-02-30
        dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def precision(self) -> str:
        """``"day"``, ``"month"`` or ``"year"``."""
        return "day" if self.day else "month" if self.month else "year"

    def isoformat(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        if self.day is not None and self.month is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        """The full date ``value``."""
        return cls(value.year, value.month, value.day)
