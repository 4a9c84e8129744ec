"""Likely unit slips (SPEC 5.1): a new figure ten times off the figures recorded around it.

"0.62" typed for a share in % among values of 60 to 70, or "7.2亿" where the unit is already
亿元, is a slip of the unit, not a change in the world.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from iptarget.periods import Period

#: How many times larger or smaller than a neighbour a figure must be to be refused.
SLIP_FACTOR = 10.0


class Slip(NamedTuple):
    """A figure ``times`` smaller (or larger) than the figure recorded for ``period``, or
    than another ``vintage`` of the same figure, the one ``published`` then (None: undated)."""

    period: Period
    other: float
    times: float
    smaller: bool
    vintage: bool = False
    published: datetime.date | None = None


def neighbours(recorded: Mapping[Period, float], period: Period) -> list[tuple[Period, float]]:
    """The figures at the nearest earlier and later periods of ``period``'s granularity."""
    same = [
        known for known in recorded if known.granularity == period.granularity and known != period
    ]
    earlier = [known for known in same if known < period]
    later = [known for known in same if known > period]
    chosen = [max(earlier)] if earlier else []
    chosen += [min(later)] if later else []
    return [(known, recorded[known]) for known in chosen]


def unit_slip(
    recorded: Mapping[Period, float],
    period: Period,
    value: float,
    vintages: Sequence[tuple[datetime.date | None, float]] = (),
) -> Slip | None:
    """The first neighbour, or other vintage of the same figure, that the value is at least
    ten times off, or None.

    Zero and figures of opposite signs are never compared: a ratio means nothing there.
    """
    others: list[tuple[Period, float, bool, datetime.date | None]] = [
        (known, other, False, None) for known, other in neighbours(recorded, period)
    ]
    others += [(period, other, True, published) for published, other in vintages]
    for known, other, vintage, published in others:
        if value == 0 or other == 0 or (value > 0) != (other > 0):
            continue
        ratio = abs(value / other)
        if ratio >= SLIP_FACTOR:
            return Slip(known, other, ratio, False, vintage, published)
        if ratio <= 1 / SLIP_FACTOR:
            return Slip(known, other, 1 / ratio, True, vintage, published)
    return None
