"""Periods and dates as people type them (SPEC 2, v2 and v3): on the command line and in
imported tables only; the files keep the canonical spelling (``iptarget.periods``)."""

from __future__ import annotations

import datetime
import re

from iptarget.errors import Invalid, Text, text
from iptarget.periods import GRANULARITY_WORDS, MONTHS, Granularity, Period, year_to_date
from iptarget.texts import figures as texts
from iptarget.typed import NARROW

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
_CUMULATIVE = re.compile(r"(\d{4})年?(\d{1,2})\s*[-~—–～至到]\s*(\d{1,2})月?", re.ASCII)
#: Years to date as people write them (SPEC 2, v3): each gives its year and its months.
_SPANS = (
    (re.compile(r"(\d{4})年(1)\s*[-~—–～至到]\s*(\d{1,2})月", re.ASCII), 1),
    (re.compile(r"(\d{4})年前(\d{1,2}|[一二三四五六七八九十两]+)个月", re.ASCII), 1),
    (re.compile(r"(\d{4})年前([1-4一二三四两])季度", re.ASCII), 3),
    (re.compile(r"(\d{4})年(1)\s*[-~—–～至到]\s*([1-4])季度", re.ASCII), 3),
    (re.compile(r"(\d{4})[- ]?[Yy][Tt][Dd]\s*(\d{1,2})", re.ASCII), 1),
)
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
    for pattern, size in _SPANS:
        match = pattern.fullmatch(typed)
        if match:
            return _year_to_date(typed, int(match[1]), _count(match[match.lastindex or 2]) * size)
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


def _year_to_date(typed: str, year: int, months: int) -> Period:
    """A typed year to date of ``months`` months, stored canonically."""
    if year < 1000:
        raise Invalid(texts.TYPED, typed=typed, hint=text(texts.FOUR_DIGITS))
    if not 1 <= months <= 12:
        raise Invalid(texts.TYPED, typed=typed, hint=text(texts.NO_MONTH, number=months))
    return year_to_date(year, months)


_CHINESE_DIGITS = {
    "两": 2,
    **{digit: index + 1 for index, digit in enumerate("一二三四五六七八九")},
}


def _count(written: str) -> int:
    """A count in digits or Chinese numerals up to 十二 (两 for two)."""
    if written.isdigit():
        return int(written)
    tens, _, units = written.rpartition("十")
    if "十" in written:
        return (_CHINESE_DIGITS.get(tens, 1) if tens else 1) * 10 + _CHINESE_DIGITS.get(units, 0)
    return _CHINESE_DIGITS[written]


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
