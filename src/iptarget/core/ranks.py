"""Ranks (SPEC 4.6, v3): ``rank_at_most = N`` with ``among``, the plans' "rise into the top 40
of the province". A region's rank at a period is its place among the regions of ``among`` that
have a value then (recorded or derived), rank 1 the highest (``rank_by = "lowest"``: the
lowest), equal values sharing the best rank; a period counts only when at least half of the
regions ranked have a value at it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import replace

from iptarget.core.dataset import Metric, Region, Target, Value
from iptarget.core.goals import Goal
from iptarget.core.links import ranked_regions
from iptarget.core.values import Values
from iptarget.periods import Period


def rank_of(value: float, others: list[float], lowest: bool) -> int:
    """A value's rank among the values ranked (its own included): one more than those that
    are better by more than 1e-9 × max(1, |a|, |b|), so that equal ones share the best.

    The values are sorted once; only those between the smallest tolerance and the largest
    are compared one by one (usually none)."""
    ordered = sorted(others)
    small = 1e-9 * max(1.0, abs(value))
    large = max(small, 1e-9 * abs(ordered[0]), 1e-9 * abs(ordered[-1]))

    def better(other: float) -> bool:
        tolerance = 1e-9 * max(1.0, abs(value), abs(other))
        return other < value - tolerance if lowest else other > value + tolerance

    if lowest:
        sure, edge = bisect_left(ordered, value - large), bisect_left(ordered, value - small)
        return 1 + sure + sum(map(better, ordered[sure:edge]))
    edge, sure = bisect_right(ordered, value + small), bisect_right(ordered, value + large)
    return 1 + len(ordered) - sure + sum(map(better, ordered[edge:sure]))


def judged_series(
    values: Values, regions: Mapping[str, Region], target: Target
) -> tuple[Mapping[Period, Value], Mapping[Period, int] | None]:
    """The values a target is judged by: its metric's in its region, or for a rank target
    its region's ranks, with how many were ranked at each period."""
    if target.goal is Goal.RANK_AT_MOST:
        return rank_series(values, regions, target)
    return values.series(target.metric, target.region), None


def rank_series(
    values: Values, regions: Mapping[str, Region], target: Target
) -> tuple[dict[Period, Value], dict[Period, int]]:
    """The target's region's rank at each period of the deadline's granularity that counts,
    as values (each with the derived mark, date and flag of the region's own value), and how
    many were ranked at each."""
    assert target.among is not None, "a rank target names what it ranks among"
    ranked = ranked_regions(regions, target.among)
    lowest = target.rank_by == "lowest"
    own = values.series(target.metric, target.region)
    found: dict[Period, Value] = {}
    counted: dict[Period, int] = {}
    columns: dict[Period, list[float]] = {
        period: [] for period in own if period.granularity == target.deadline.granularity
    }
    adds = [(period, column.append) for period, column in columns.items()]
    for region in ranked:  # each region's series read once, for every period in turn
        get = values.series(target.metric, region).get
        for period, add in adds:
            if (other := get(period)) is not None:
                add(other.value)
    for period, known in columns.items():
        if not ranked or len(known) * 2 < len(ranked):
            continue  # fewer than half have a value: the first to publish is not ranked 1 of 1
        value = own[period]
        place = rank_of(value.value, known, lowest)
        found[period] = value._replace(value=float(place), source=None, note=None, rule=None)
        counted[period] = len(known)
    return found, counted


def rank_metric(metric: Metric) -> Metric:
    """The metric as a rank target's figures are shown: whole places, without the unit of
    the values ranked (JSON's ``unit`` stays the metric's, SPEC 4.6)."""
    return replace(metric, decimals=0, unit=None, unit_zh=None, unit_en=None)
