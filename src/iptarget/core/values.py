"""The value of a metric for a region and period as of a date (SPEC 3): recorded, else derived."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Literal

from iptarget.core.dataset import Dataset, Key, Metric, Series, Value
from iptarget.core.flows import flow_values
from iptarget.core.formulas import growth_pct, level_before, ratio, total
from iptarget.core.links import denominator_region, growth_metrics
from iptarget.errors import Text, text
from iptarget.periods import Period
from iptarget.texts import words

Vintage = Literal["latest", "first"]
"""Which vintage of each figure is used (SPEC 3.1)."""


class Values:
    """The values of one dataset as of a date; each (metric, region) series is built once.

    A recorded figure counts once its period has ended on or before ``as_of`` and, when it
    has a publication date, once that date is on or before ``as_of`` (every figure when
    ``as_of`` is None); of the vintages of a figure known then, the latest is used, or with
    ``vintage="first"`` the first (SPEC 3.1). A recorded figure always wins over a derived
    one. Without one, a value is derived by the rules of
    SPEC 3.2, in their order: a ratio (or share) from its numerator and denominator, a
    growth rate from two levels a year apart, a group's sum of its members (3.3); then, for
    levels and ratios, back-growth from a recorded growth figure a year later. Derivation is
    lazy and memoised: an evaluation of a few targets derives only what they read, once.
    """

    __slots__ = (
        "_as_of",
        "_building",
        "_chosen",
        "_dataset",
        "_every_latest",
        "_first",
        "_growth",
        "_last_month",
        "_series",
    )

    def __init__(
        self,
        dataset: Dataset,
        as_of: datetime.date | None = None,
        vintage: Vintage = "latest",
    ) -> None:
        self._dataset = dataset
        self._as_of = as_of
        self._first = vintage == "first"
        self._last_month = None if as_of is None else last_month_ended(as_of)
        # each figure's latest vintage, as recorded: every figure, or every one known by then
        known_by = dataset.known_by
        self._every_latest = not self._first and (
            as_of is None or (known_by is not None and as_of >= known_by)
        )
        self._series: dict[Key, Series] = {}
        self._chosen: dict[Key, Series] = {}  # the recorded figures, each vintage chosen
        self._growth = growth_metrics(dataset.metrics)
        # Series being built: one asked for again while it is built lies on a cycle (a
        # directory that does not validate, which validate still reads) and gets its
        # recorded figures only.
        self._building: set[Key] = set()

    @property
    def as_of(self) -> datetime.date | None:
        """The date the values are known as of (None: every recorded figure)."""
        return self._as_of

    def series(self, metric: str, region: str) -> Series:
        """Every known value of a metric in a region, by period (in no particular order)."""
        key = (metric, region)
        found = self._series.get(key)
        if found is None:
            if key in self._building:
                return self.recorded(metric, region)
            found = self._series[key] = self._build(metric, region)
        return found

    def get(self, metric: str, region: str, period: Period) -> Value | None:
        """The value of (metric, region, period), recorded or derived; None when unknown."""
        return self.series(metric, region).get(period)

    def every(self, derived: bool = False) -> Iterator[tuple[Key, Series]]:
        """Every (metric, region) with a known value, sorted, with its series; or only
        those that may hold a derived value (``derived``)."""
        regions = sorted(
            {region for _, region in self._dataset.recorded}
            | {region.id for region in self._dataset.regions.values() if region.members}
        )
        for metric_id, metric in sorted(self._dataset.metrics.items()):
            for region in regions:
                if derived and not self._derives(metric, region):
                    continue
                series = self.series(metric_id, region)
                if series:
                    yield (metric_id, region), series

    def _derives(self, metric: Metric, region: str) -> bool:
        """Whether values of a metric in a region may be derived (SPEC 3.2, 3.3): a ratio or
        a growth rate, a sum in a group, a level with a growth metric to carry it back."""
        if metric.growth_of is not None or metric.is_ratio or metric.id in self._growth:
            return True
        if metric.measure == "flow":
            return True
        place = self._dataset.regions.get(region)
        return metric.aggregate == "sum" and place is not None and bool(place.members)

    @property
    def vintage(self) -> Vintage:
        """Which vintage of each figure is used: the latest known, or the first."""
        return "first" if self._first else "latest"

    def recorded(self, metric: str, region: str) -> Series:
        """The figures recorded for (metric, region) and known as of the date, each the
        vintage chosen (SPEC 3.1)."""
        key = (metric, region)
        recorded = self._dataset.recorded.get(key, {})
        if self._every_latest:
            return recorded
        found = self._chosen.get(key)
        if found is None:
            found = self._chosen[key] = self._choose(key, recorded)
        return found

    def _choose(self, key: Key, recorded: Series) -> Series:
        """recorded(), worked out once for each (metric, region)."""
        last, as_of, first = self._last_month, self._as_of, self._first
        several = self._dataset.vintages.get(key, {})
        found = {}
        for period, value in recorded.items():
            # a period ends on or before as_of when its last month has
            if last is not None and period.end_month > last:
                continue
            if period in several:
                known = published_by(several[period], as_of)
                if known:
                    found[period] = known[0] if first else known[-1]
            elif as_of is None or value.published is None or value.published <= as_of:
                found[period] = value
        return found

    def vintages(self, metric: str, region: str) -> dict[Period, tuple[Value, ...]]:
        """The figures of (metric, region) with more than one vintage known as of the date,
        each with those vintages, oldest first (SPEC 3.1)."""
        last, as_of = self._last_month, self._as_of
        found = {}
        for period, several in self._dataset.vintages.get((metric, region), {}).items():
            if last is not None and period.end_month > last:
                continue
            known = published_by(several, as_of)
            if len(known) > 1:
                found[period] = known
        return found

    def _build(self, metric_id: str, region: str) -> Series:
        recorded = self.recorded(metric_id, region)
        metric = self._dataset.metrics.get(metric_id)
        if metric is None or not self._derives(metric, region):
            return recorded  # nothing to derive: the figures as recorded, not a copy
        key = (metric_id, region)
        self._building.add(key)
        try:
            values = dict(recorded)
            if metric.growth_of is not None:
                self._growth_rate(values, metric, region)
            else:
                if metric.is_ratio:
                    self._ratio(values, metric, region)
                elif metric.aggregate == "sum":
                    self._sum(values, metric_id, region)
                if metric.measure == "flow":  # parts, then difference (3.2)
                    for found in flow_values(self.recorded(metric_id, region), values):
                        values[found.period] = derived(*found)
                if metric_id in self._growth:
                    self._back_growth(values, metric_id, region)
        finally:
            self._building.discard(key)
        return values

    def _ratio(self, values: dict[Period, Value], metric: Metric, region: str) -> None:
        """numerator(region) / denominator(R) × scale, R the denominator's region."""
        assert metric.numerator is not None
        assert metric.denominator is not None
        other = denominator_region(metric, region, self._dataset.regions)
        if other is None:
            return
        denominators = self.series(metric.denominator, other)
        if not denominators:
            return
        numerators = self.series(metric.numerator, region)
        rule = (
            text(words.RULE_RATIO)
            if metric.denominator_region is None
            else text(words.RULE_SHARE, region=self._dataset.regions.get(other, other))
        )
        for period, numerator in numerators.items():
            denominator = denominators.get(period)
            if period in values or denominator is None:
                continue
            value = ratio(numerator.value, denominator.value, metric.scale)
            if value is not None:
                values[period] = derived(period, value, rule, (numerator, denominator))

    def _growth_rate(self, values: dict[Period, Value], metric: Metric, region: str) -> None:
        """(x(p) / x(p a year before) − 1) × 100, from the levels of ``growth_of``."""
        assert metric.growth_of is not None
        levels = self.series(metric.growth_of, region)
        for period, level in levels.items():
            before = levels.get(period.year_before())
            if period in values or before is None:
                continue
            value = growth_pct(level.value, before.value)
            if value is not None:
                rule = text(words.RULE_GROWTH, period=before.period)
                values[period] = derived(period, value, rule, (level, before))

    def _sum(self, values: dict[Period, Value], metric_id: str, region: str) -> None:
        """A group's value: the sum of its members', where every member's is known (3.3)."""
        group = self._dataset.regions.get(region)
        if group is None or not group.members:
            return
        members = [self.series(metric_id, member) for member in group.members]
        rule = text(words.RULE_SUM, count=len(members))
        for period in set(members[0]).intersection(*members[1:]):
            if period not in values:
                inputs = [series[period] for series in members]
                summed = total(value.value for value in inputs)
                values[period] = derived(period, summed, rule, inputs)

    def _back_growth(self, values: dict[Period, Value], metric_id: str, region: str) -> None:
        """M(q) = M(p) / (1 + G(p)/100), p a year after q, G a *recorded* growth of M.

        The latest periods first, so that a level carried back one year can be carried
        back again; at each step the growth metric whose id sorts first is used.
        """
        growth = [(grower, self.recorded(grower, region)) for grower in self._growth[metric_id]]
        periods = sorted({period for _, recorded in growth for period in recorded}, reverse=True)
        for period in periods:
            earlier = period.year_before()
            level = values.get(period)
            if earlier in values or level is None:
                continue
            grown = next(recorded[period] for _, recorded in growth if period in recorded)
            rate = grown.value
            value = level_before(level.value, rate)
            if value is not None:
                rule = text(
                    words.RULE_BACK_GROWTH, level=level.value, period=period, rate=f"{rate:+g}"
                )
                values[earlier] = derived(earlier, value, rule, (level, grown))


def published_by(vintages: Iterable[Value], as_of: datetime.date | None) -> tuple[Value, ...]:
    """The vintages published on or before a date (undated ones always; all for None)."""
    return tuple(
        vintage
        for vintage in vintages
        if as_of is None or vintage.published is None or vintage.published <= as_of
    )


def derived(period: Period, value: float, rule: Text, inputs: Iterable[Value]) -> Value:
    """A derived value: its ``published`` the latest of its inputs' (each input carries its
    own recorded inputs' latest), its flag ``p`` when any input is provisional, else ``e``
    when any is estimated (SPEC 3.1)."""
    published = None
    flags = set()
    for known in inputs:
        if known.published is not None and (published is None or known.published > published):
            published = known.published
        flags.add(known.flag)
    flag = "p" if "p" in flags else "e" if "e" in flags else None
    return Value(period, value, True, None, None, rule, published, flag)


def last_month_ended(day: datetime.date) -> int:
    """The last month (counted as Period.end_month counts) that has ended on or before a day."""
    month = day.year * 12 + day.month - 1
    return month if (day + datetime.timedelta(days=1)).month != day.month else month - 1


def derived_count(values: Values) -> int:
    """How many values are derived, over every metric, region and period."""
    every = values.every(derived=True)
    return sum(value.derived for _, series in every for value in series.values())
