"""The value of a metric for a region and period as of a date (SPEC 3): recorded, else derived."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterator

from iptarget.core.dataset import Dataset, Key, Series, Value, ratio_cycles
from iptarget.core.links import parts_of
from iptarget.periods import Period


class Values:
    """The values of one dataset as of a date; each (metric, region) series is built once.

    A recorded figure counts once its period has ended on or before ``as_of`` (every figure
    when ``as_of`` is None). A ratio's value is derived for each period whose numerator and
    denominator are both known, unless a figure of the ratio itself is recorded, which wins.
    Derivation is lazy: an evaluation of a few targets derives only what they read.
    """

    __slots__ = ("_as_of", "_blocked", "_dataset", "_last_month", "_series")

    def __init__(self, dataset: Dataset, as_of: datetime.date | None = None) -> None:
        self._dataset = dataset
        self._as_of = as_of
        self._last_month = None if as_of is None else last_month_ended(as_of)
        self._series: dict[Key, Series] = {}
        on_cycle = {metric for cycle in ratio_cycles(dataset.metrics) for metric in cycle}
        # Ratios on (or built on) a cycle of ratios are never derived; such a directory does
        # not validate, but validate still reads it.
        self._blocked = (
            {
                metric
                for metric in dataset.metrics
                if on_cycle.intersection(parts_of(dataset.metrics, metric))
            }
            if on_cycle
            else set()
        )

    @property
    def as_of(self) -> datetime.date | None:
        """The date the values are known as of (None: every recorded figure)."""
        return self._as_of

    def series(self, metric: str, region: str) -> Series:
        """Every known value of a metric in a region, by period (in no particular order)."""
        key = (metric, region)
        found = self._series.get(key)
        if found is None:
            found = self._series[key] = self._build(metric, region)
        return found

    def get(self, metric: str, region: str, period: Period) -> Value | None:
        """The value of (metric, region, period), recorded or derived; None when unknown."""
        return self.series(metric, region).get(period)

    def every(self) -> Iterator[tuple[Key, Series]]:
        """Every (metric, region) with a known value, sorted, with its series."""
        regions = sorted({region for _, region in self._dataset.recorded})
        for metric in sorted(self._dataset.metrics):
            for region in regions:
                series = self.series(metric, region)
                if series:
                    yield (metric, region), series

    def _build(self, metric_id: str, region: str) -> Series:
        recorded = self._dataset.recorded.get((metric_id, region), {})
        last = self._last_month
        if last is not None:  # a period ends on or before as_of when its last month has
            recorded = {
                period: value for period, value in recorded.items() if period.end_month <= last
            }
        metric = self._dataset.metrics.get(metric_id)
        if metric is None or metric.numerator is None or metric.denominator is None:
            return recorded
        if metric_id in self._blocked:
            return recorded
        denominators = self.series(metric.denominator, region)
        if not denominators:
            return recorded
        numerators = self.series(metric.numerator, region)
        scale = 1.0 if metric.scale is None else metric.scale
        values = dict(recorded)
        for period, numerator in numerators.items():
            denominator = denominators.get(period)
            if period in values or denominator is None or denominator.value == 0:
                continue
            value = numerator.value / denominator.value * scale
            if math.isfinite(value):
                values[period] = Value(period, value, derived=True)
        return values


def last_month_ended(day: datetime.date) -> int:
    """The last month (counted as Period.end_month counts) that has ended on or before a day."""
    month = day.year * 12 + day.month - 1
    return month if (day + datetime.timedelta(days=1)).month != day.month else month - 1


def derived_count(values: Values) -> int:
    """How many values are derived, over every metric, region and period."""
    return sum(value.derived for _, series in values.every() for value in series.values())
