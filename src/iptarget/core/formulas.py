"""Each formula of SPEC 3 and 4 written once: a ratio, a growth rate, a group's sum, a level
carried back a year, rates per year and where they lead. Derivation (``values``), the
consistency warnings, ``series`` and the evaluation all use these.

Every function returns None where the spec says the result is unknown: a zero denominator,
a level a year before that is not positive, a result that is not a finite number.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal

Direction = Literal["up", "down"]


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def ratio(numerator: float, denominator: float, scale: float | None) -> float | None:
    """numerator / denominator × scale (SPEC 3.2); unknown when the denominator is 0."""
    if denominator == 0:
        return None
    return _finite(numerator / denominator * (1.0 if scale is None else scale))


def growth_pct(now: float, before: float) -> float | None:
    """The growth on a year before in percent, (now / before − 1) × 100; unknown when the
    level a year before is 0 or negative."""
    if before <= 0:
        return None
    return _finite((now / before - 1) * 100)


def total(values: Iterable[float]) -> float:
    """A group's sum of its members' values (SPEC 3.3), without rounding drift."""
    return math.fsum(values)


def level_before(level: float, growth: float) -> float | None:
    """The level a year before, from a level and its growth in percent: L / (1 + G/100)
    (SPEC 3.2, back-growth); unknown when 1 + G/100 is 0."""
    if 1 + growth / 100 == 0:
        return None
    return _finite(level / (1 + growth / 100))


def rate(start: float, end: float, years: float, compound: bool) -> float | None:
    """The yearly rate from start to end (SPEC 4.3): compound growth, or linear change a year."""
    if years <= 0:
        return None
    try:
        result = (end / start) ** (1 / years) - 1 if compound else (end - start) / years
    except (OverflowError, ZeroDivisionError):
        return None
    return _finite(result) if isinstance(result, float | int) else None


def grow(start: float, yearly: float, years: float, compound: bool) -> float | None:
    """A value ``years`` on from ``start`` at a yearly rate."""
    try:
        result = start * (1 + yearly) ** years if compound else start + yearly * years
    except OverflowError:
        return None
    return _finite(result) if isinstance(result, float | int) else None


def annual_growth_pct(first: float, last: float, years: float) -> float | None:
    """The compound annual growth from a first value to a last one, in percent; unknown
    unless both are positive and apart in time."""
    if first <= 0 or last <= 0:
        return None
    found = rate(first, last, years, compound=True)
    return None if found is None else found * 100


#: Values within this share of the larger of 1 and the target's size count as equal.
TOLERANCE = 1e-9


def meets(value: float, target: float, direction: Direction, strict: bool) -> bool:
    """Whether a value meets the target value going up or down, a near-equal value counting
    as equal (SPEC 1)."""
    gap = value - target if direction == "up" else target - value
    tolerance = TOLERANCE * max(1.0, abs(target))
    return gap > tolerance if strict else gap >= -tolerance
