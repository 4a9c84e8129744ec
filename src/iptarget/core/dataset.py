"""The loaded target directory as plain frozen values: what the core evaluates (SPEC 1)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Literal, NamedTuple

from iptarget.errors import exact
from iptarget.periods import Period

Trend = Literal["compound", "linear"]

#: The goal keys of a target (SPEC 1), exactly one of which a target has.
GOAL_KEYS = (
    "at_least",
    "at_most",
    "factor",
    "increase",
    "increase_pct",
    "decrease",
    "decrease_pct",
    "annual_growth_pct",
)
#: Goals relative to a baseline value.
RELATIVE_GOALS = frozenset(GOAL_KEYS[2:])


@dataclass(frozen=True, slots=True)
class Metric:
    """What is measured: a plain metric, a ratio (numerator and denominator, the denominator
    perhaps in another region) or a growth rate on a year before (``growth_of``)."""

    id: str
    name: str
    unit: str | None = None
    decimals: int | None = None
    min: float | None = None
    max: float | None = None
    trend: Trend = "compound"
    numerator: str | None = None
    denominator: str | None = None
    scale: float | None = None
    aggregate: Literal["sum", "none"] = "none"
    denominator_region: str | None = None  # a region id, or "parent"
    growth_of: str | None = None

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

    def out_of_bounds(self, value: float) -> str | None:
        """Why a value lies outside the metric's bounds, or None when it is inside."""
        if self.min is not None and value < self.min:
            return f"{exact(value)} is below the metric's min {exact(self.min)}"
        if self.max is not None and value > self.max:
            return f"{exact(value)} is above the metric's max {exact(self.max)}"
        return None


@dataclass(frozen=True, slots=True)
class Region:
    """Where a metric is measured."""

    id: str
    name: str
    parent: str | None = None
    members: tuple[str, ...] = ()  # a group's regions, whose values a sum adds up


@dataclass(frozen=True, slots=True)
class Target:
    """One target: a goal for a metric in a region by a deadline.

    ``region`` is resolved (the target's own, else its policy's); ``goal`` is one of
    GOAL_KEYS and ``amount`` its number.
    """

    id: str
    title: str
    metric: str
    region: str
    deadline: Period
    goal: str
    amount: float
    strict: bool = False
    baseline: Period | None = None
    acknowledged: str | None = None
    baseline_value: float | None = None
    start: Period | None = None
    start_value: float | None = None

    @property
    def is_relative(self) -> bool:
        """Whether the goal is relative to a baseline value."""
        return self.goal in RELATIVE_GOALS


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
    rule: str | None = None  # how a derived value was derived: "ratio", "sum of 4 members"…


Key = tuple[str, str]
"""(metric id, region id)."""
Series = Mapping[Period, Value]
"""The values of one (metric, region), by period."""


@dataclass(frozen=True, slots=True)
class FigureChange:
    """A recorded figure added or replaced: the file that holds it, the new and the old value."""

    path: str
    metric: str
    region: str
    new: Value
    old: Value | None = None


@dataclass(frozen=True, slots=True)
class Dataset:
    """Everything in a target directory: definitions, targets and every recorded figure.

    Nothing is derived here: ``recorded`` holds the figures as written, by (metric, region)
    and period; ``core.values`` derives the rest when it is asked for.
    """

    metrics: Mapping[str, Metric]
    regions: Mapping[str, Region]
    policies: tuple[Policy, ...]
    recorded: Mapping[Key, Series]
    figure_count: int
    metrics_file: str = "metrics.toml"  # as shown in messages about metrics

    def targets(self) -> Iterator[tuple[Policy, Target]]:
        """Every target with its policy, in the order of the policy files, then as written."""
        for policy in self.policies:
            for target in policy.targets:
                yield policy, target

    def with_figures(self, figures: Iterable[tuple[str, str, Value]], added: int) -> Dataset:
        """The same directory with figures recorded, ``added`` of them new (not replacing)."""
        recorded = dict(self.recorded)
        for metric, region, value in figures:
            series = dict(recorded.get((metric, region), {}))
            series[value.period] = value
            recorded[metric, region] = series
        return replace(self, recorded=recorded, figure_count=self.figure_count + added)


def with_display_decimals(
    metrics: Mapping[str, Metric], recorded: Mapping[Key, Series]
) -> dict[str, Metric]:
    """Metrics with their display precision settled (SPEC 5.1): a metric without ``decimals``
    shows 0 decimals when it has recorded values and every one of them is a whole number,
    else 2, so that one metric's values line up whatever each happens to be."""
    whole: dict[str, bool] = {}
    for (metric_id, _), series in recorded.items():
        if whole.get(metric_id, True):
            whole[metric_id] = all(value.value.is_integer() for value in series.values())
    return {
        metric_id: metric
        if metric.decimals is not None
        else replace(metric, decimals=0 if whole.get(metric_id, False) else 2)
        for metric_id, metric in metrics.items()
    }


def ratio_cycles(metrics: Mapping[str, Metric]) -> list[list[str]]:
    """The cycles through numerator, denominator and growth_of, each as the path that repeats."""
    return _cycles({metric_id: metric.parts for metric_id, metric in metrics.items()})


def member_repeats(regions: Mapping[str, Region]) -> list[list[str]]:
    """Groups whose members, expanded, reach a region twice or the group itself, each as the
    path that reaches it the second time (SPEC 1: no double counting, no cycle)."""
    found: list[list[str]] = []
    for group in regions.values():
        if not group.members:
            continue
        reached: set[str] = set()
        pending = [[group.id, member] for member in group.members]
        while pending:
            path = pending.pop(0)
            region = path[-1]
            if region == group.id or region in reached:
                found.append(path)
                break
            reached.add(region)
            known = regions.get(region)
            pending.extend([*path, member] for member in (known.members if known else ()))
    return found


def _cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The cycles of a directed graph, each as the path that repeats."""
    done: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        if node not in edges or node in done:
            return
        if node in stack:
            cycles.append([*stack[stack.index(node) :], node])
            return
        stack.append(node)
        for after in edges[node]:
            visit(after)
        stack.pop()
        done.add(node)

    for node in edges:
        visit(node)
    return cycles


# Likely unit slips (SPEC 5.1): "0.62" typed for a share in % among values of 60 to 70, or
# "7.2亿" where the unit is already 亿元, is a slip of the unit, not a change in the world.

#: How many times larger or smaller than a neighbour a figure must be to be refused.
SLIP_FACTOR = 10.0


class Slip(NamedTuple):
    """A figure ``times`` smaller (or larger) than the figure recorded for ``period``."""

    period: Period
    other: float
    times: float
    smaller: bool


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


def unit_slip(recorded: Mapping[Period, float], period: Period, value: float) -> Slip | None:
    """The first neighbour that the value is at least ten times off, or None.

    Zero and figures of opposite signs are never compared: a ratio means nothing there.
    """
    for known, other in neighbours(recorded, period):
        if value == 0 or other == 0 or (value > 0) != (other > 0):
            continue
        ratio = abs(value / other)
        if ratio >= SLIP_FACTOR:
            return Slip(known, other, ratio, False)
        if ratio <= 1 / SLIP_FACTOR:
            return Slip(known, other, 1 / ratio, True)
    return None
