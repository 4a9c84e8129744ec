"""Periods: a year, a half, a quarter or a month; parsed, ordered by their end."""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from typing import Literal

from iptarget.errors import Invalid, Text, text
from iptarget.texts import figures as texts
from iptarget.texts.template import Template
from iptarget.texts.words import HALF, MONTH, QUARTER, YEAR
from iptarget.typed import NARROW

Granularity = Literal["year", "half", "quarter", "month"]

#: Months in one period of each granularity.
MONTHS: dict[Granularity, int] = {"year": 12, "half": 6, "quarter": 3, "month": 1}
_RANK: dict[Granularity, int] = {"year": 0, "half": 1, "quarter": 2, "month": 3}
_PATTERN = re.compile(r"(\d{4})(?:-(?:([HhQq])(\d)|(\d{2})))?")
#: Each granularity as messages name it.
GRANULARITY_WORDS: dict[Granularity, Template] = {
    "year": YEAR,
    "half": HALF,
    "quarter": QUARTER,
    "month": MONTH,
}


#: The fields a Period sets when it is made, in order.
_FIELDS = ("year", "granularity", "number", "end_month", "_key")


class Period:
    """A calendar period; ``number`` counts halves, quarters or months within the year.

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
        months = MONTHS[granularity]
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
        return made

    @property
    def start(self) -> datetime.date:
        """The period's first day."""
        try:
            return self._start
        except AttributeError:
            month = (self.end_month - MONTHS[self.granularity] + 1) % 12 + 1
            object.__setattr__(self, "_start", datetime.date(self.year, month, 1))
            return self._start

    @property
    def end(self) -> datetime.date:
        """The period's last day."""
        try:
            return self._end
        except AttributeError:
            month = self.end_month % 12 + 1
            last = calendar.monthrange(self.year, month)[1]
            object.__setattr__(self, "_end", datetime.date(self.year, month, last))
            return self._end

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
        return f"{self.year}-{self.number:02d}"


#: Every period made, by its key: one object for each.
_MADE: dict[tuple[int, int], Period] = {}


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
    return Period(year)


# Periods as people type them (SPEC 2, v2): on the command line and in imported CSV only.

_CHINESE_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4}
_TYPED = (
    (re.compile(r"(\d{4})年?", re.ASCII), "year"),
    (re.compile(r"(\d{4})(?:[-/](\d{1,2})|\.(\d{2}))", re.ASCII), "month"),
    (re.compile(r"(\d{4})年(\d{1,2})月", re.ASCII), "month"),
    (re.compile(r"(\d{4})[-/. ]?([QqHh])(\d)", re.ASCII), "letter"),
    (re.compile(r"(\d{4})年第?([1-4一二三四五六七八九]|\d+)季度", re.ASCII), "quarter"),
    (re.compile(r"(\d{4})年([上下])半年", re.ASCII), "half"),
)
_CUMULATIVE = re.compile(r"(\d{4})年?(\d{1,2})\s*[-~—–至到]\s*(\d{1,2})月?", re.ASCII)
_REVERSED = re.compile(r"([QqHh])(\d)[-/. ]?(\d{4})", re.ASCII)
_NUMBER_FIRST = re.compile(r"(\d{4})[-/. ]?(\d)([QqHh])", re.ASCII)
_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})日?", re.ASCII)


def parse_typed_period(typed_text: str) -> Period:
    """A period typed as people write it (``2024年3月``, ``2023 Q4``, ``2024/03``); raise
    ValueError saying what to change when it is not one."""
    typed = typed_text.strip().translate(NARROW)
    for pattern, kind in _TYPED:
        match = pattern.fullmatch(typed)
        if match:
            return _typed(typed, kind, match)
    if not typed:
        raise Invalid(texts.NO_PERIOD, forms=text(texts.FORMS))
    raise Invalid(texts.TYPED, typed=typed, hint=_hint(typed))


def _typed(typed: str, kind: str, match: re.Match[str]) -> Period:
    """The period a matched typed form names, or ValueError for a number out of range."""
    year = int(match[1])
    if year < 1000:
        raise Invalid(texts.TYPED, typed=typed, hint=text(texts.FOUR_DIGITS))
    if kind == "year":
        return Period(year)
    if kind == "half":
        return Period(year, "half", 1 if match[2] == "上" else 2)
    if kind == "month":
        number = int(match[2] or match[3])
        if not 1 <= number <= 12:
            raise Invalid(texts.TYPED, typed=typed, hint=text(texts.NO_MONTH, number=number))
        return Period(year, "month", number)
    granularity: Granularity = "quarter"
    if kind == "letter":
        granularity = "half" if match[2] in "Hh" else "quarter"
        number = int(match[3])
    else:
        number = _CHINESE_NUMBERS.get(match[2]) or _number(match[2])
    if not 1 <= number <= 12 // MONTHS[granularity]:
        word = text(GRANULARITY_WORDS[granularity])
        hint = text(texts.NO_SUCH, granularity=word, number=number)
        raise Invalid(texts.TYPED, typed=typed, hint=hint)
    return Period(year, granularity, number)


def _number(digit: str) -> int:
    """A quarter's number in digits or Chinese (五 and beyond only to say there is none)."""
    return int(digit) if digit.isdigit() else "一二三四五六七八九".index(digit) + 1


def _hint(typed: str) -> Text:
    """What to change in a typed period that is not understood."""
    if re.fullmatch(r"\d{4}\.\d", typed, re.ASCII):
        year, month = typed.split(".")
        return text(texts.AMBIGUOUS, year=year, month=month)
    cumulative = _CUMULATIVE.fullmatch(typed)
    if cumulative:
        return _cumulative_hint(*(int(group) for group in cumulative.groups()))
    reversed_ = _REVERSED.fullmatch(typed)
    if reversed_:
        meant = f"{reversed_[3]}-{reversed_[1].upper()}{reversed_[2]}"
        return text(texts.MEANT, period=meant)
    number_first = _NUMBER_FIRST.fullmatch(typed)
    if number_first:
        meant = f"{number_first[1]}-{number_first[3].upper()}{number_first[2]}"
        return text(texts.MEANT, period=meant)
    date = _DATE.fullmatch(typed)
    if date:
        return text(texts.DATE_NOT_PERIOD, period=f"{date[1]}-{int(date[2]):02d}")
    if re.fullmatch(r"\d{2}|\d{3}", typed, re.ASCII):
        return text(texts.FOUR_DIGITS)
    return text(texts.FORMS)


def _cumulative_hint(year: int, first: int, last: int) -> Text:
    """A cumulative figure (``2024年1-6月``) is not a period; name the one it may be."""
    covers = {(1, 6): f"{year}-H1", (7, 12): f"{year}-H2", (1, 12): f"{year}"}
    covers |= {(3 * n - 2, 3 * n): f"{year}-Q{n}" for n in range(1, 5)}
    named = covers.get((first, last))
    if named is None:
        return text(texts.CUMULATIVE, first=first, last=last, forms=text(texts.FORMS))
    kinds = {"H": texts.COVERS_HALF, "Q": texts.COVERS_QUARTER}
    return text(kinds.get(named[5:6], texts.COVERS_YEAR), period=named)


_TYPED_DATE = re.compile(
    r"(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(\d{1,2})日)", re.ASCII
)


def parse_typed_date(typed_text: str) -> datetime.date:
    """A date typed as people write it: 2025-01-08, 2025/1/8, 2025.01.08 or 2025年1月8日;
    raise ValueError saying what to change when it is not one."""
    typed = typed_text.strip().translate(NARROW)
    match = _TYPED_DATE.fullmatch(typed)
    if match is None:
        raise Invalid(texts.NOT_DATE, typed=repr(typed))
    year = int(match[1])
    month, day = (int(match[3]), int(match[4])) if match[2] else (int(match[5]), int(match[6]))
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise Invalid(texts.NO_SUCH_DAY, typed=typed) from None
