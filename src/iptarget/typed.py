"""What people type: full-width digits and signs, and figures as statistics are published
(7,812  12.99  1.2万  80%  12.99件  −2.0  １２０．５)."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from iptarget.errors import Invalid, Text, text
from iptarget.texts import figures as texts

#: Full-width digits, point, comma, signs and percent (as Chinese input methods type them),
#: and the minus sign U+2212 (as PDFs and word processors print it), in ASCII.
NARROW = str.maketrans(
    {
        **{chr(0xFF10 + digit): str(digit) for digit in range(10)},
        "．": ".",
        "，": ",",
        "－": "-",
        "＋": "+",
        "−": "-",
        "％": "%",
        "／": "/",
    }
)


#: Chinese magnitudes in which statistics are often published.
MAGNITUDES = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
#: Counting words that may follow a figure whatever the metric's unit (件 patents, 家 firms…).
COUNTERS = "件个项家人次"
_NUMBER = re.compile(r"([+-]?)(\d+(?:,\d+)*)(\.\d+)?(万亿|亿|万)?", re.ASCII)
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})*|\d+", re.ASCII)


def parse_figure(typed_text: str, unit: str | None = None) -> float:
    """A figure as typed, for a metric measured in ``unit``; Invalid says what to change.

    Accepts thousands separators between groups of three digits, full-width forms, the
    magnitudes 万 亿 万亿, and a trailing unit: the metric's whole unit, ``%`` when the
    unit is a percentage, or a counting word such as 件 or 家.
    """
    typed = typed_text.strip()
    number, with_unit = _without_unit(typed.translate(NARROW), unit or "")
    match = _NUMBER.fullmatch(number)
    if match is None:
        if not typed:
            raise Invalid(texts.NO_FIGURE)
        raise Invalid(texts.NOT_NUMBER, typed=typed, hint=_hint(number, unit))
    sign, whole, fraction, magnitude = match.groups()
    if not _GROUPED.fullmatch(whole):
        raise Invalid(texts.DECIMALS, typed=typed)
    if magnitude and not with_unit and _unit_magnitude(unit or ""):
        raise Invalid(texts.DROP_MAGNITUDE, typed=typed, magnitude=magnitude, unit=unit)
    digits = Decimal(sign + whole.replace(",", "") + (fraction or ""))
    value = float(digits * MAGNITUDES.get(magnitude or "", 1))
    if not math.isfinite(value):
        raise Invalid(texts.TOO_LARGE, typed=typed)
    return value


def _without_unit(typed: str, unit: str) -> tuple[str, bool]:
    """The figure without its trailing unit (the metric's own, ``%`` or a counting word), and
    whether that was the metric's whole unit.

    "7.2亿元" where the unit is 亿元 is 7.2: a magnitude inside the unit is part of the unit.
    """
    narrow = unit.translate(NARROW)
    if narrow and typed.endswith(narrow) and not narrow[-1].isdigit():
        return typed.removesuffix(narrow).rstrip(), True
    if typed.endswith("%"):
        if not narrow.startswith("%"):
            if unit:
                raise Invalid(texts.DROP_PERCENT, typed=typed, unit=unit)
            raise Invalid(texts.DROP_PERCENT_NO_UNIT, typed=typed)
        return typed.removesuffix("%").rstrip(), False
    if typed[-1:] and typed[-1] in COUNTERS:
        return typed[:-1].rstrip(), False
    return typed, False


def _unit_magnitude(unit: str) -> bool:
    """Whether a unit holds a magnitude (亿元, 万件): then a typed magnitude is a slip."""
    return any(magnitude in unit for magnitude in MAGNITUDES)


def _hint(number: str, unit: str | None) -> Text:
    """What to change in a figure that is not a number."""
    if re.fullmatch(r"[+-]?[\d.,]*\d[eE][+-]?\d+", number):
        return text(texts.EXPONENT)
    if re.fullmatch(r"[+-]?[\d.,]*\d(?:万亿|亿|万)?\s*[^\d\s.,]\D*", number):
        counters = " ".join(COUNTERS)
        if unit:
            return text(texts.AFTER_NUMBER_UNIT, unit=unit, counters=counters)
        return text(texts.AFTER_NUMBER, counters=counters)
    if " " in number.strip():
        return text(texts.SPACES)
    return text(texts.FIGURE_FORMS)


def storable(value: float) -> float | int:
    """A value as it is written to TOML: whole numbers as integers (``120``, not ``120.0``)."""
    if value.is_integer() and abs(value) < 2**63:
        return int(value)
    return value
