"""Likely unit slips (SPEC 5.1): a new figure ten times off the figures recorded around it."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from iptarget.core.dataset import Dataset
from iptarget.errors import exact
from iptarget.i18n import _
from iptarget.models.files import Actual
from iptarget.periods import Period
from iptarget.store.messages import FieldIssue

# Likely unit slips (SPEC 5.1): "0.62" typed for a share in % among values of 60 to 70, or
# "7.2亿" where the unit is already 亿元, is a slip of the unit, not a change in the world.

#: How many times larger or smaller than a neighbour a figure must be to be refused.
SLIP_FACTOR = 10.0


class Slip(NamedTuple):
    """A figure ``times`` smaller (or larger) than the figure recorded for ``period``, or
    than another vintage of the same figure (then ``vintage`` names it)."""

    period: Period
    other: float
    times: float
    smaller: bool
    vintage: str | None = None


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
    others: list[tuple[Period, float, str | None]] = [
        (known, other, None) for known, other in neighbours(recorded, period)
    ]
    others += [(period, other, _vintage(published)) for published, other in vintages]
    for known, other, vintage in others:
        if value == 0 or other == 0 or (value > 0) != (other > 0):
            continue
        ratio = abs(value / other)
        if ratio >= SLIP_FACTOR:
            return Slip(known, other, ratio, False, vintage)
        if ratio <= 1 / SLIP_FACTOR:
            return Slip(known, other, 1 / ratio, True, vintage)
    return None


def _vintage(published: datetime.date | None) -> str:
    if published is None:
        return _("the undated vintage")
    return _("the vintage of {date}").format(date=published)


Neighbours = Mapping[tuple[str, str], Mapping[Period, float]]
"""Figures by (metric, region) and period: the rows of an import before the one checked."""
SameFigure = Mapping[tuple[str, str, Period], Sequence[tuple[datetime.date | None, float]]]
"""Vintages by (metric, region, period): (published, value) of the rows before it."""


def slips(
    actual: Actual, dataset: Dataset, earlier: Neighbours, same_figure: SameFigure
) -> list[FieldIssue]:
    """A likely unit slip (SPEC 5.1): ten times off the figures recorded around it, or off
    another vintage of the same figure. Growth rates are not checked."""
    if dataset.metrics[actual.metric].growth_of is not None:
        return []
    key = (actual.metric, actual.region)
    recorded = {period: value.value for period, value in dataset.recorded.get(key, {}).items()}
    recorded.update(earlier.get(key, {}))
    vintages = [
        (vintage.published, vintage.value)
        for vintage in dataset.vintages_of(actual.metric, actual.region, actual.period)
        if vintage.published != actual.published
    ]
    vintages += same_figure.get((*key, actual.period), [])
    slip = unit_slip(recorded, actual.period, actual.value, vintages)
    if slip is None:
        return []
    unit = dataset.metrics[actual.metric].unit
    new, other = (
        f"{exact(value)} {unit}" if unit else exact(value) for value in (actual.value, slip.other)
    )
    where = (
        f"{slip.period}"
        if slip.vintage is None
        else _("{vintage} of {period}").format(vintage=slip.vintage, period=slip.period)
    )
    template = (
        _(
            "{new} is {times} times smaller than {other} in {where}: a unit slip? Check the "
            "figure and its unit, or add --force if it is right"
        )
        if slip.smaller
        else _(
            "{new} is {times} times larger than {other} in {where}: a unit slip? Check the "
            "figure and its unit, or add --force if it is right"
        )
    )
    message = template.format(new=new, times=int(slip.times), other=other, where=where)
    return [("value", message)]
