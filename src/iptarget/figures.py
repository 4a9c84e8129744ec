"""Reading a figure as statistics offices publish it: 7,812  12.99  1.2万  3.5亿."""

from __future__ import annotations

import math
import re
from decimal import Decimal

#: Chinese magnitudes in which statistics are often published.
MAGNITUDES = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
_FIGURE = re.compile(r"([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万亿|亿|万)?")
FIGURE_FORMS = "such as 7812, 7,812, 12.99, 1.2万 or 3.5亿"


def parse_figure(text: str) -> float:
    """A published figure: ``7812``, ``7,812``, ``12.99``, ``1.2万`` (12,000), ``3.5亿``."""
    match = _FIGURE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a number: {text!r} (give a figure {FIGURE_FORMS})")
    sign, whole, fraction, magnitude = match.groups()
    digits = Decimal(sign + whole.replace(",", "") + (fraction or ""))
    value = float(digits * MAGNITUDES.get(magnitude or "", 1))
    if not math.isfinite(value):
        raise ValueError(f"not a number: {text!r} is too large")
    return value


def exact(value: float) -> str:
    """A float in plain decimal digits that read back as the same float (no exponent)."""
    text = format(Decimal(repr(value)), "f")
    return text.removesuffix(".0") if text.endswith(".0") else text
