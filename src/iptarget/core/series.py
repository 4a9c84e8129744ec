"""``iptarget series`` (SPEC 5.2): the values of one metric, region by region and granularity
by granularity, how each was derived, its growth on a year before, and the compound annual
growth from the first value to the last."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from iptarget.core.dataset import Dataset, Value
from iptarget.core.formulas import annual_growth_pct, growth_pct
from iptarget.core.values import Values
from iptarget.errors import Text
from iptarget.periods import Granularity, Period, years_between


@dataclass(frozen=True, slots=True)
class Row:
    """One period of a series: its value (None: a group's sum that a member lacks)."""

    period: Period
    value: float | None
    derived: bool = False
    rule: Text | None = None
    source: str | None = None
    growth_pct: float | None = None  # on the same period a year before
    missing: tuple[str, ...] = ()  # the members without a value, for an unknown sum
    published: datetime.date | None = None
    flag: str | None = None
    vintages: tuple[Value, ...] = ()  # every vintage known, oldest first, when several


@dataclass(frozen=True, slots=True)
class Block:
    """The values of one region at one granularity, oldest first."""

    region: str
    granularity: Granularity
    points: tuple[Row, ...]
    cagr_pct: float | None  # compound annual growth from the first value to the last


def metric_series(
    values: Values, dataset: Dataset, metric_id: str, regions: Iterable[str]
) -> list[Block]:
    """Every region's values of a metric, a block per region and granularity."""
    metric = dataset.metrics[metric_id]
    growth = metric.growth_of is None  # a growth metric gets no growth columns
    blocks = []
    for region in regions:
        known = dict(values.series(metric_id, region))
        several = values.vintages(metric_id, region)
        missing = _missing_members(values, dataset, metric_id, region, set(known))
        periods = sorted(set(known) | set(missing))
        for granularity in ("year", "half", "quarter", "month", "ytd"):
            points = []
            for period in (p for p in periods if p.granularity == granularity):
                value = known.get(period)
                if value is None:
                    points.append(Row(period, None, missing=missing[period]))
                    continue
                before = known.get(period.year_before())
                rate = None
                if growth and before is not None:
                    rate = growth_pct(value.value, before.value)
                source = None if value.derived else value.source
                points.append(
                    Row(
                        period,
                        value.value,
                        value.derived,
                        value.rule,
                        source,
                        rate,
                        published=value.published,
                        flag=value.flag,
                        vintages=several.get(period, ()),
                    )
                )
            if points:
                cagr = _cagr(points) if growth else None
                blocks.append(Block(region, granularity, tuple(points), cagr))
    return blocks


def regions_with_values(values: Values, dataset: Dataset, metric_id: str) -> list[str]:
    """The regions where the metric has a value (or a group sum lacks a member), sorted."""
    return sorted(
        region
        for region in dataset.regions
        if values.series(metric_id, region)
        or _missing_members(values, dataset, metric_id, region, set())
    )


def _missing_members(
    values: Values, dataset: Dataset, metric_id: str, region: str, known: set[Period]
) -> dict[Period, tuple[str, ...]]:
    """The periods where some member of a summed group has a value but the sum is unknown,
    with the members that lack one."""
    group = dataset.regions.get(region)
    metric = dataset.metrics[metric_id]
    if group is None or not group.members or metric.aggregate != "sum":
        return {}
    series = {member: values.series(metric_id, member) for member in group.members}
    periods = set().union(*(set(found) for found in series.values())) - known
    return {
        period: tuple(member for member, found in series.items() if period not in found)
        for period in periods
    }


def _cagr(points: list[Row]) -> float | None:
    """(last / first)^(1/t) − 1 in percent; None unless both are positive and apart."""
    valued = [point for point in points if point.value is not None]
    if len(valued) < 2:
        return None
    first, last = valued[0], valued[-1]
    assert first.value is not None
    assert last.value is not None
    return annual_growth_pct(first.value, last.value, years_between(first.period, last.period))
