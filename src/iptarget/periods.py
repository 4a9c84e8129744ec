"""Periods: a year, a half, a quarter or a month; parsed, ordered by their end."""

from __future__ import annotations

import datetime
import functools
import re
from typing import Literal

from iptarget.errors import Invalid, text
from iptarget.texts import figures as texts
from iptarget.texts.template import Template
from iptarget.texts.words import HALF, MONTH, QUARTER, YEAR, YEAR_TO_DATE

Granularity = Literal["year", "half", "quarter", "month", "ytd"]

#: Months in one period of each granularity of a fixed span (a year to date's is its number).
MONTHS: dict[Granularity, int] = {"year": 12, "half": 6, "quarter": 3, "month": 1}
#: What ``number`` counts in months: a year to date's number is its last month.
_STEP: dict[Granularity, int] = {**MONTHS, "ytd": 1}
#: At equal ends, the longer span first: year, half, year to date, quarter, month (SPEC 2).
_RANK: dict[Granularity, int] = {"year": 0, "half": 1, "ytd": 2, "quarter": 3, "month": 4}
#: The months a year-to-date period may end in: the spans from January to January, March,
#: June and December are spelt 2019-01, 2019-Q1, 2019-H1 and 2019 (SPEC 2, v3).
YTD_MONTHS = (2, 4, 5, 7, 8, 9, 10, 11)
_PATTERN = re.compile(r"(\d{4})(?:-(?:([HhQq])(\d)|(\d{2})|([Yy][Tt][Dd])(\d{2})))?")
#: Each granularity as messages name it.
GRANULARITY_WORDS: dict[Granularity, Template] = {
    "year": YEAR,
    "half": HALF,
    "quarter": QUARTER,
    "month": MONTH,
    "ytd": YEAR_TO_DATE,
}


#: The fields a Period sets when it is made, in order.
_FIELDS = ("year", "granularity", "number", "end_month", "_key")


class Period:
    """A calendar period; ``number`` counts halves, quarters or months within the year, and
    for a year to date (granularity ``ytd``, January to a month) is the month it ends in.

    Immutable and ordered by its end (then the longer first). Each period is made once:
    equal periods are one object, so they compare and hash as objects do, in C, where a
    national directory asks each of its few hundred periods these questions 10^6 times.
    """

    __slots__ = ("_end", "_key", "_start", "end_month", "granularity", "number", "year")
    year: int
    granularity: Granularity
    number: int
    #: Months from the start of year 0 to the period's last month (0-based).
    end_month: int
    _start: datetime.date  # the first and last day, worked out when first asked
    _end: datetime.date
    _key: tuple[int, int]

    def __new__(cls, year: int, granularity: Granularity = "year", number: int = 1) -> Period:
        months = _STEP[granularity]
        end_month = year * 12 + number * months - 1
        key = (end_month, _RANK[granularity])
        made = _MADE.get(key)
        if made is None:  # a number past the year's end names a period of the next year
            made = object.__new__(cls)
            number = (end_month % 12 + 1) // months
            values = (end_month // 12, granularity, number, end_month, key)
            for name, value in zip(_FIELDS, values, strict=True):
                object.__setattr__(made, name, value)
            _MADE[key] = made
            if granularity == "ytd":
                _SPANS_MADE.append(made)
        return made

    @property
    def start(self) -> datetime.date:
        """The period's first day."""
        try:
            return self._start
        except AttributeError:
            month = (self.end_month - self.months + 1) % 12 + 1
            object.__setattr__(self, "_start", datetime.date(self.year, month, 1))
            return self._start

    @property
    def end(self) -> datetime.date:
        """The period's last day."""
        try:
            return self._end
        except AttributeError:
            month = self.end_month % 12 + 1
            if month == 12:
                end = datetime.date(self.year, 12, 31)
            else:  # the day before the next month's first
                end = datetime.date(self.year, month + 1, 1) - datetime.timedelta(days=1)
            object.__setattr__(self, "_end", end)
            return end

    @property
    def months(self) -> int:
        """How many months the period spans."""
        return self.number if self.granularity == "ytd" else MONTHS[self.granularity]

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Period cannot be changed ({name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Period cannot be changed ({name})")

    def __reduce__(self) -> tuple[type[Period], tuple[int, Granularity, int]]:
        return (Period, (self.year, self.granularity, self.number))

    def __lt__(self, other: Period) -> bool:
        return self._key < other._key

    def __le__(self, other: Period) -> bool:
        return self._key <= other._key

    def __gt__(self, other: Period) -> bool:
        return self._key > other._key

    def __ge__(self, other: Period) -> bool:
        return self._key >= other._key

    def __repr__(self) -> str:
        year, granularity, number = self.year, self.granularity, self.number
        return f"Period(year={year!r}, granularity={granularity!r}, number={number!r})"

    def next(self) -> Period:
        """The period of the same granularity that follows this one."""
        if self.granularity == "ytd":
            later = [month for month in YTD_MONTHS if month > self.number]
            return Period(self.year + (not later), "ytd", later[0] if later else YTD_MONTHS[0])
        per_year = 12 // MONTHS[self.granularity]
        if self.number < per_year:
            return Period(self.year, self.granularity, self.number + 1)
        return Period(self.year + 1, self.granularity, 1)

    def year_before(self) -> Period:
        """The period of the same granularity and position one year earlier (SPEC 2)."""
        return Period(self.year - 1, self.granularity, self.number)

    def __str__(self) -> str:
        if self.granularity == "year":
            return f"{self.year}"
        if self.granularity == "half":
            return f"{self.year}-H{self.number}"
        if self.granularity == "quarter":
            return f"{self.year}-Q{self.number}"
        if self.granularity == "ytd":
            return f"{self.year}-YTD{self.number:02d}"
        return f"{self.year}-{self.number:02d}"


#: Every period made, by its key: one object for each.
_MADE: dict[tuple[int, int], Period] = {}
#: The years to date among them: most directories have none, and their checks are skipped.
_SPANS_MADE: list[Period] = []


def years_to_date_read() -> frozenset[Period]:
    """The year-to-date periods made in this process (most directories have none)."""
    return frozenset(_SPANS_MADE)


def year_to_date(year: int, month: int) -> Period:
    """January to ``month`` of ``year``, spelt canonically: 2019-01, 2019-Q1, 2019-H1 and
    2019 for the spans of 1, 3, 6 and 12 months, else 2019-YTDmm (SPEC 2)."""
    canonical: dict[int, tuple[Granularity, int]] = {
        1: ("month", 1),
        3: ("quarter", 1),
        6: ("half", 1),
        12: ("year", 1),
    }
    granularity, number = canonical.get(month, ("ytd", month))
    return Period(year, granularity, number)


def years_between(start: Period, end: Period) -> float:
    """Time from the end of ``start`` to the end of ``end``, in months divided by 12."""
    return (end.end_month - start.end_month) / 12


def _not_a_period(value: object, reason: Template, **params: object) -> Invalid:
    return Invalid(texts.NOT_PERIOD, value=repr(value), reason=text(reason, **params))


def parse_period(value: object) -> Period:
    """Read a period from a TOML integer year or a string; raise ValueError otherwise."""
    if isinstance(value, Period):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _not_a_period(value, texts.PERIOD_EXPECTED)
    return _parse(value)


@functools.lru_cache(maxsize=4096, typed=True)
def _parse(value: int | str) -> Period:
    """parse_period for ints and strings; a data set names few periods, many times over."""
    written = str(value)
    match = _PATTERN.fullmatch(written)
    if match is None or (isinstance(value, int) and not 1000 <= value <= 9999):
        raise _not_a_period(value, texts.PERIOD_EXPECTED)
    year = int(match[1])
    if year < 1000:
        raise _not_a_period(value, texts.FOUR_DIGITS)
    if match[2]:
        kind: Granularity = "half" if match[2] in "Hh" else "quarter"
        number = int(match[3])
        if not 1 <= number <= 12 // MONTHS[kind]:
            granularity = text(GRANULARITY_WORDS[kind])
            raise _not_a_period(value, texts.NO_SUCH, granularity=granularity, number=number)
        return Period(year, kind, number)
    if match[4]:
        month = int(match[4])
        if not 1 <= month <= 12:
            raise _not_a_period(value, texts.NO_MONTH, number=month)
        return Period(year, "month", month)
    if match[5]:
        month = int(match[6])
        if not 1 <= month <= 12:
            raise _not_a_period(value, texts.NO_MONTH, number=month)
        if month not in YTD_MONTHS:
            raise _not_a_period(value, texts.YTD_SPELT, period=year_to_date(year, month))
        return Period(year, "ytd", month)
    return Period(year)


#: SDMX's spellings of a period (SPEC 5.3): 2024, 2024-A1, 2024-S1, 2024-Q3, 2024-M03,
#: 2024-03, and January to a month as 2024-01-01/P10M.
_SDMX = re.compile(r"(\d{4})(?:-(A1|S[12]|Q[1-4]|M\d{2}|\d{2})|-01-01/P(\d{1,2})M)?", re.ASCII)


def from_sdmx(written: str) -> Period | None:
    """The period an SDMX ``TIME_PERIOD`` names, or None when it names none of ours."""
    match = _SDMX.fullmatch(written.strip())
    if match is None:
        return None
    year, part, months = int(match[1]), match[2], match[3]
    try:
        if months is not None:
            return year_to_date(year, int(months)) if 1 <= int(months) <= 12 else None
        if part is None or part == "A1":
            return Period(year, "year", 1)
        kinds: dict[str, Granularity] = {"S": "half", "Q": "quarter", "M": "month"}
        kind = kinds.get(part[0])
        number = int(part[1:] if kind else part)
        return Period(year, kind or "month", number) if 1 <= number <= 12 else None
    except ValueError:
        return None


def sdmx_spelling(period: Period) -> str:
    """A period as SDMX writes it: 2024, 2024-S1, 2024-Q3, 2024-03, 2024-01-01/P10M."""
    if period.granularity == "ytd":
        return f"{period.year}-01-01/P{period.number}M"
    if period.granularity == "half":
        return f"{period.year}-S{period.number}"
    return str(period)
