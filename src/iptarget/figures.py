"""Reading a figure as people type it: 7,812  12.99  1.2万  80%  12.99件  −2.0  １２０．５."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from iptarget.i18n import _
from iptarget.typed import NARROW

#: Chinese magnitudes in which statistics are often published.
MAGNITUDES = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
#: Counting words that may follow a figure whatever the metric's unit (件 patents, 家 firms…).
COUNTERS = "件个项家人次"
_NUMBER = re.compile(r"([+-]?)(\d+(?:,\d+)*)(\.\d+)?(万亿|亿|万)?", re.ASCII)
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})*|\d+", re.ASCII)
FIGURE_FORMS = "such as 7812, 7,812, 12.99, -3.5, 1.2万 or 3.5亿"


def parse_figure(text: str, unit: str | None = None) -> float:
    """A figure as typed, for a metric measured in ``unit``; ValueError says what to change.

    Accepts thousands separators between groups of three digits, full-width forms, the
    magnitudes 万 亿 万亿, and a trailing unit: the metric's whole unit, ``%`` when the
    unit is a percentage, or a counting word such as 件 or 家.
    """
    typed = text.strip()
    number, with_unit = _without_unit(typed.translate(NARROW), unit or "")
    match = _NUMBER.fullmatch(number)
    if match is None:
        raise ValueError(
            _("{typed}: not a number ({hint})").format(typed=typed, hint=_hint(number, unit))
            if typed
            else _("no figure given")
        )
    sign, whole, fraction, magnitude = match.groups()
    if not _GROUPED.fullmatch(whole):
        raise ValueError(
            _(
                "{typed}: use a point for decimals (12.5), and commas only between groups of "
                "three digits (7,812)"
            ).format(typed=typed)
        )
    if magnitude and not with_unit and _unit_magnitude(unit or ""):
        raise ValueError(
            _("{typed}: drop {magnitude}: the unit is already {unit}").format(
                typed=typed, magnitude=magnitude, unit=unit
            )
        )
    digits = Decimal(sign + whole.replace(",", "") + (fraction or ""))
    value = float(digits * MAGNITUDES.get(magnitude or "", 1))
    if not math.isfinite(value):
        raise ValueError(_("{typed}: too large").format(typed=typed))
    return value


def _without_unit(text: str, unit: str) -> tuple[str, bool]:
    """The figure without its trailing unit (the metric's own, ``%`` or a counting word), and
    whether that was the metric's whole unit.

    "7.2亿元" where the unit is 亿元 is 7.2: a magnitude inside the unit is part of the unit.
    """
    narrow = unit.translate(NARROW)
    if narrow and text.endswith(narrow) and not narrow[-1].isdigit():
        return text.removesuffix(narrow).rstrip(), True
    if text.endswith("%"):
        if not narrow.startswith("%"):
            what = f"'{unit}'" if unit else _("not given")
            raise ValueError(
                _("{text}: drop %: the metric's unit is {what}, not a percentage").format(
                    text=text, what=what
                )
            )
        return text.removesuffix("%").rstrip(), False
    if text[-1:] and text[-1] in COUNTERS:
        return text[:-1].rstrip(), False
    return text, False


def _unit_magnitude(unit: str) -> bool:
    """Whether a unit holds a magnitude (亿元, 万件): then a typed magnitude is a slip."""
    return any(magnitude in unit for magnitude in MAGNITUDES)


def _hint(number: str, unit: str | None) -> str:
    """What to change in a figure that is not a number."""
    if re.fullmatch(r"[+-]?[\d.,]*\d[eE][+-]?\d+", number):
        return "write it out in digits, without an exponent"
    if re.fullmatch(r"[+-]?[\d.,]*\d(?:万亿|亿|万)?\s*[^\d\s.,]\D*", number):
        own = f"its unit ({unit}), " if unit else ""
        return f"after the number, write only {own}万, 亿 or 万亿, or one of {' '.join(COUNTERS)}"
    if " " in number.strip():
        return "no spaces inside a figure; separate thousands with commas"
    return f"give a figure {FIGURE_FORMS}, optionally followed by the metric's unit"


def storable(value: float) -> float | int:
    """A value as it is written to TOML: whole numbers as integers (``120``, not ``120.0``)."""
    if value.is_integer() and abs(value) < 2**63:
        return int(value)
    return value
