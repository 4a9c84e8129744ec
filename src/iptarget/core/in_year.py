"""SPEC 4.4 (v3): figures within the year. A stock's value at the end of a month is its
level then, so its series runs through every shorter granularity and can meet a target early.
A flow's figure for part of a year is a partial total, never the year's level; while the
year's own total is unknown, the longest span of the year from January that is known
(January-October, the first half…) is the in-year point I, which can meet an annual target
early ("1,896 applications in January-October 2015 meet the 2015 target of 1,600") and says
how the year is going.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from iptarget.core.dataset import Metric, Target, Value
from iptarget.core.formulas import Direction, growth_pct, meets
from iptarget.periods import Period, year_to_date


class InYear(NamedTuple):
    """The in-year point and what it says: the same span a year before and the growth on
    it, what is still to be done, what the rest of the year gave a year before, and the year
    if the growth so far holds. Each is None when its inputs are unknown."""

    point: Value
    year_before: float | None
    growth_pct: float | None
    remaining: float | None
    year_before_rest: float | None
    projected: float | None


def flow_year(measure: str | None, target: Target) -> bool:
    """Whether a target is judged by 4.4's rules for flows: a plain flow (its own measure;
    flow ratios and growth metrics keep 4.1), a year deadline."""
    return measure == "flow" and target.deadline.granularity == "year"


def in_year(
    target: Target,
    known: Mapping[Period, Value],
    target_value: float | None,
    direction: Direction,
) -> InYear | None:
    """The in-year point of a flow's annual target and its facts, or None: there is none
    while the year's own total is known, or when no span of the year from January is."""
    year = target.deadline
    if year in known:
        return None
    spans = (year_to_date(year.year, month) for month in range(11, 0, -1))
    point = next((known[span] for span in spans if span in known), None)
    if point is None:
        return None
    before = known.get(point.period.year_before())
    last_year = known.get(Period(year.year - 1))
    ratio = None if before is None or before.value == 0 else point.value / before.value
    remaining = None
    if target_value is not None and direction == "up":
        remaining = max(0.0, target_value - point.value)
    return InYear(
        point=point,
        year_before=None if before is None else before.value,
        growth_pct=None if before is None else growth_pct(point.value, before.value),
        remaining=remaining,
        year_before_rest=(
            None if last_year is None or before is None else last_year.value - before.value
        ),
        projected=None if last_year is None or ratio is None else last_year.value * ratio,
    )


def met_early(
    metric: Metric, target: Target, found: InYear | None, target_value: float | None,
    direction: Direction,
) -> bool:  # fmt: skip
    """Whether the in-year point already meets an annual target that goes up, of a flow
    that cannot go down (its min not negative): the year's total can only be larger."""
    if found is None or target_value is None or direction != "up":
        return False
    if metric.min is not None and metric.min < 0:
        return False
    return meets(found.point.value, target_value, direction, target.strict)


def stock_points(ordered: Sequence[Value], deadline: Period) -> tuple[Value, ...]:
    """A stock's series (4.4): its values of the deadline's granularity and every shorter
    one (never a year to date), up to the deadline's end; at each end, the longest span
    with a value."""
    points: dict[int, Value] = {}
    for value in ordered:  # at equal ends the longer span comes first
        period = value.period
        if period.granularity == "ytd" or period.months > deadline.months:
            continue
        if period.end_month <= deadline.end_month:
            points.setdefault(period.end_month, value)
    return tuple(points[end] for end in sorted(points))


def stock_deadline_value(known: Mapping[Period, Value], deadline: Period) -> Value | None:
    """The value for a stock's deadline: its own, else that of the longest shorter period
    ending on the same day (2015-H2, then 2015-Q4, then 2015-12 for 2015)."""
    if deadline in known:
        return known[deadline]
    month = deadline.end_month % 12 + 1
    shorter = (
        Period(deadline.year, "half", (month - 1) // 6 + 1),
        Period(deadline.year, "quarter", (month - 1) // 3 + 1),
        Period(deadline.year, "month", month),
    )
    for period in shorter:
        same_day = period.end_month == deadline.end_month
        if same_day and period.months < deadline.months and period in known:
            return known[period]
    return None
