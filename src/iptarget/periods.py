"""Periods: a year, a half, a quarter or a month; parsed, ordered by their end."""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Literal

Granularity = Literal["year", "half", "quarter", "month"]

#: Months in one period of each granularity.
MONTHS: dict[Granularity, int] = {"year": 12, "half": 6, "quarter": 3, "month": 1}
_RANK: dict[Granularity, int] = {"year": 0, "half": 1, "quarter": 2, "month": 3}
_PATTERN = re.compile(r"(\d{4})(?:-(?:([HhQq])(\d)|(\d{2})))?")
EXPECTED = 'expected a year such as 2019, or "2019-H1", "2019-Q3" or "2019-03"'


@total_ordering
@dataclass(frozen=True, slots=True)
class Period:
    """A calendar period; ``number`` counts halves, quarters or months within the year."""

    year: int
    granularity: Granularity = "year"
    number: int = 1

    @property
    def end_month(self) -> int:
        """Months from the start of year 0 to the period's last month (0-based)."""
        return self.year * 12 + self.number * MONTHS[self.granularity] - 1

    @property
    def end(self) -> datetime.date:
        """The period's last day."""
        month = self.end_month % 12 + 1
        return datetime.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def next(self) -> Period:
        """The period of the same granularity that follows this one."""
        per_year = 12 // MONTHS[self.granularity]
        if self.number < per_year:
            return Period(self.year, self.granularity, self.number + 1)
        return Period(self.year + 1, self.granularity, 1)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return (self.end_month, _RANK[self.granularity]) < (
            other.end_month,
            _RANK[other.granularity],
        )

    def __str__(self) -> str:
        if self.granularity == "year":
            return f"{self.year}"
        if self.granularity == "half":
            return f"{self.year}-H{self.number}"
        if self.granularity == "quarter":
            return f"{self.year}-Q{self.number}"
        return f"{self.year}-{self.number:02d}"


def years_between(start: Period, end: Period) -> float:
    """Time from the end of ``start`` to the end of ``end``, in months divided by 12."""
    return (end.end_month - start.end_month) / 12


def parse_period(value: object) -> Period:
    """Read a period from a TOML integer year or a string; raise ValueError otherwise."""
    if isinstance(value, Period):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"not a period: {value!r} ({EXPECTED})")
    return _parse(value)


@functools.lru_cache(maxsize=4096, typed=True)
def _parse(value: int | str) -> Period:
    """parse_period for ints and strings; a data set names few periods, many times over."""
    text = str(value)
    match = _PATTERN.fullmatch(text)
    if match is None or (isinstance(value, int) and not 1000 <= value <= 9999):
        raise ValueError(f"not a period: {value!r} ({EXPECTED})")
    year = int(match[1])
    if year < 1000:
        raise ValueError(f"not a period: {value!r} (the year must have four digits)")
    if match[2]:
        kind: Granularity = "half" if match[2] in "Hh" else "quarter"
        number = int(match[3])
        if not 1 <= number <= 12 // MONTHS[kind]:
            raise ValueError(f"not a period: {value!r} (there is no {kind} {number})")
        return Period(year, kind, number)
    if match[4]:
        month = int(match[4])
        if not 1 <= month <= 12:
            raise ValueError(f"not a period: {value!r} (there is no month {month})")
        return Period(year, "month", month)
    return Period(year)
