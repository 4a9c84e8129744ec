"""The loaded target directory as plain frozen values: what the core evaluates (SPEC 1)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal, NamedTuple

from iptarget.core.goals import GOAL_FACTS, Goal
from iptarget.core.status import DEFAULT_BANDS, Bands
from iptarget.errors import Text, text
from iptarget.periods import Period
from iptarget.texts import rules

Trend = Literal["compound", "linear"]
Measure = Literal["flow", "stock"]
Flag = Literal["p", "e"]
#: Field metadata of the keys that only say how a definition is shown (its name, unit,
#: decimals): editing them changes no value, so ``diff`` names them as no cause.
SHOWN = {"shown": True}


@dataclass(frozen=True, slots=True)
class Metric:
    """What is measured: a plain metric, a ratio (numerator and denominator, the denominator
    perhaps in another region) or a growth rate on a year before (``growth_of``)."""

    id: str
    name: str = field(metadata=SHOWN)
    unit: str | None = field(default=None, metadata=SHOWN)
    decimals: int | None = field(default=None, metadata=SHOWN)
    min: float | None = None
    max: float | None = None
    trend: Trend = "compound"
    numerator: str | None = None
    denominator: str | None = None
    scale: float | None = None
    aggregate: Literal["sum", "none"] = "none"
    measure: Measure | None = None  # a plain metric's: how its figures add up over time (4.4)
    denominator_region: str | None = None  # a region id, or "parent"
    growth_of: str | None = None
    # the name in each language (SPEC 8), else ``name``
    name_zh: str | None = field(default=None, metadata=SHOWN)
    name_en: str | None = field(default=None, metadata=SHOWN)
    unit_zh: str | None = field(default=None, metadata=SHOWN)  # the unit in each language
    unit_en: str | None = field(default=None, metadata=SHOWN)
    code: tuple[str, ...] = ()  # the codes other systems publish it under (SPEC 1 v3)
    release_lag_days: int | None = None  # days from a period's end to its publication (5.4)
    owner: str | None = None  # who records its figures (5.4)

    @property
    def is_ratio(self) -> bool:
        """Whether the metric is derived from a numerator and a denominator."""
        return self.numerator is not None and self.denominator is not None

    @property
    def parts(self) -> tuple[str, ...]:
        """The metrics this one is computed from: numerator, denominator, growth_of."""
        return tuple(
            part for part in (self.numerator, self.denominator, self.growth_of) if part is not None
        )

    def out_of_bounds(self, value: float) -> Text | None:
        """Why a value lies outside the metric's bounds, or None when it is inside."""
        if self.min is not None and value < self.min:
            return text(rules.BELOW_MIN, value=float(value), min=float(self.min))
        if self.max is not None and value > self.max:
            return text(rules.ABOVE_MAX, value=float(value), max=float(self.max))
        return None


@dataclass(frozen=True, slots=True)
class Region:
    """Where a metric is measured."""

    id: str
    name: str
    parent: str | None = None
    members: tuple[str, ...] = ()  # a group's regions, whose values a sum adds up
    name_zh: str | None = None  # the name in each language (SPEC 8), else ``name``
    name_en: str | None = None
    code: tuple[str, ...] = ()  # the codes other systems give it (SPEC 1 v3)
    tile: tuple[int, int] | None = None  # its square in a tile-grid map: (column, row)


class Named(NamedTuple):
    """A region in a message that suggests it: its id, and the name or code that was nearest
    to what was typed (else its name) where that says more."""

    region: Region
    nearest: str | None = None


@dataclass(frozen=True, slots=True)
class Target:
    """One target: a goal for a metric in a region by a deadline.

    ``region`` is resolved (the target's own, else its policy's); ``goal`` is its goal key
    and ``amount`` that key's number.
    """

    id: str
    title: str = field(metadata=SHOWN)
    metric: str
    region: str
    deadline: Period
    goal: Goal
    amount: float
    strict: bool = False
    baseline: Period | None = None
    acknowledged: str | None = None
    acknowledged_on: datetime.date | None = None  # before it, the acknowledgement does not apply
    baseline_value: float | None = None
    start: Period | None = None
    start_value: float | None = None
    binding: bool = False  # a binding target: reviews count it apart (SPEC 4.7)
    first: Period | None = None  # a total's first period, the file's ``from`` (SPEC 4.5)
    template: str | None = None  # the id of the target split among regions it comes from
    among: str | None = None  # a rank's regions: a group's members or a region's children
    rank_by: str = "highest"  # a rank's order: rank 1 the highest value, or the lowest
    # the title in each language (SPEC 8), else ``title``
    title_zh: str | None = field(default=None, metadata=SHOWN)
    title_en: str | None = field(default=None, metadata=SHOWN)

    @property
    def is_relative(self) -> bool:
        """Whether the goal is relative to a baseline value."""
        return GOAL_FACTS[self.goal].relative


@dataclass(frozen=True, slots=True)
class Policy:
    """A policy document with its targets, and the file it was read from."""

    path: str  # as shown in messages
    file: str  # relative to the target directory, as in JSON output
    stem: str  # the file's name without .toml, as --policy names it
    title: str
    targets: tuple[Target, ...]
    issuer: str | None = None
    issued: datetime.date | None = None
    source: str | None = None
    region: str | None = None
    title_zh: str | None = None  # the title in each language (SPEC 8), else ``title``
    title_en: str | None = None
    bands: Bands = DEFAULT_BANDS  # the pace thresholds of its targets (SPEC 1)


class Value(NamedTuple):
    """A metric's value for one region and period, recorded or derived (SPEC 3).

    A named tuple, not a dataclass: one is made per figure, 10^5 at national scale, and a
    tuple is made in half the time.
    """

    period: Period
    value: float
    derived: bool = False
    source: str | None = None
    note: str | None = None
    rule: Text | None = None  # how a derived value was derived: a ratio, a sum of 4 members…
    published: datetime.date | None = None  # the vintage's date (SPEC 3.1)
    flag: str | None = None  # "p" provisional, "e" estimated

    @property
    def rank(self) -> tuple[bool, datetime.date]:
        """How vintages of one figure are ordered: the undated one first, then by date."""
        return (self.published is not None, self.published or datetime.date.min)


class Amount(NamedTuple):
    """A figure of a metric, shown exactly with the metric's unit: ``45.6%``, ``7,812件``."""

    value: float
    metric: Metric


Key = tuple[str, str]
"""(metric id, region id)."""
Series = Mapping[Period, Value]
"""The values of one (metric, region), by period."""
Vintages = Mapping[Period, tuple[Value, ...]]
"""The vintages of the figures of one (metric, region) that have several, oldest first."""


@dataclass(frozen=True, slots=True)
class FigureChange:
    """A recorded figure added, replaced or removed (``new`` None): the file that holds it,
    the new and the old vintage."""

    path: str
    metric: str
    region: str
    new: Value | None
    old: Value | None = None


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything in a target directory: definitions, targets and every recorded figure.

    Nothing is derived here: ``recorded`` holds the figures as written, by (metric, region)
    and period, each figure's latest vintage; ``vintages`` holds every vintage, oldest first,
    of the figures that have more than one (SPEC 3.1). ``core.values`` chooses vintages as
    of a date and derives the rest when it is asked for.
    """

    metrics: Mapping[str, Metric]
    regions: Mapping[str, Region]
    policies: tuple[Policy, ...]
    recorded: Mapping[Key, Series]
    figure_count: int
    metrics_file: str = "metrics.toml"  # as shown in messages about metrics
    vintages: Mapping[Key, Vintages] = field(default_factory=dict)
    #: A date by which every figure is known (its period ended, each vintage published), or
    #: None when not worked out: as of it or later, each figure's latest vintage is the one.
    known_by: datetime.date | None = None

    def targets(self) -> Iterator[tuple[Policy, Target]]:
        """Every target with its policy, in the order of the policy files, then as written."""
        for policy in self.policies:
            for target in policy.targets:
                yield policy, target

    def vintages_of(self, metric: str, region: str, period: Period) -> tuple[Value, ...]:
        """Every recorded vintage of a figure, oldest first (none when it is not recorded)."""
        return _vintages_in(self.recorded, self.vintages, (metric, region), period)

    def with_figures(
        self,
        added: Iterable[tuple[str, str, Value]],
        removed: Iterable[tuple[str, str, Value]] = (),
    ) -> Dataset:
        """The same directory with vintages recorded (each replacing the vintage of the same
        date, if any) and vintages removed, without reading it again."""
        recorded = dict(self.recorded)
        vintages = dict(self.vintages)
        count = self.figure_count
        changes = [(figure, True) for figure in added] + [(figure, False) for figure in removed]
        for (metric, region, value), adding in changes:
            key = (metric, region)
            old = _vintages_in(recorded, vintages, key, value.period)
            kept = [vintage for vintage in old if vintage.published != value.published]
            if adding:
                kept.append(value)
            kept.sort(key=lambda vintage: vintage.rank)
            count += len(kept) - len(old)
            series = dict(recorded.get(key, {}))
            several = dict(vintages.get(key, {}))
            series.pop(value.period, None)
            several.pop(value.period, None)
            if kept:
                series[value.period] = kept[-1]
            if len(kept) > 1:
                several[value.period] = tuple(kept)
            recorded[key], vintages[key] = series, several
        known_by = self.known_by
        for (_, _, value), adding in changes:
            if adding and known_by is not None:
                known_by = max(known_by, value.period.end, value.published or known_by)
        return replace(
            self, recorded=recorded, vintages=vintages, figure_count=count, known_by=known_by
        )


def _vintages_in(
    recorded: Mapping[Key, Series], vintages: Mapping[Key, Vintages], key: Key, period: Period
) -> tuple[Value, ...]:
    """Every vintage of one figure, oldest first, in a dataset's two mappings."""
    several = vintages.get(key, {}).get(period)
    if several is not None:
        return several
    latest = recorded.get(key, {}).get(period)
    return () if latest is None else (latest,)
