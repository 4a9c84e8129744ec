"""The four file kinds as pydantic models, their invariants, and the loaded directory."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator
from pydantic.json_schema import WithJsonSchema

from iptarget.periods import Period, parse_period

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN)]
PeriodField = Annotated[
    Period,
    PlainValidator(parse_period),
    PlainSerializer(str),
    WithJsonSchema({"type": ["integer", "string"], "description": "a period"}),
]

#: The goal keys of a target (SPEC 1), exactly one of which a target has.
GOAL_KEYS = (
    "at_least",
    "at_most",
    "factor",
    "increase",
    "increase_pct",
    "decrease",
    "decrease_pct",
)
#: Goals relative to a baseline value.
RELATIVE_GOALS = frozenset(GOAL_KEYS[2:])

Issue = tuple[str, str]
"""An invariant broken inside one entry: (field, message)."""


class _Model(BaseModel):
    # Validators are built on first use (see store._reading), not at import: a command that
    # reads no file, or one file kind, pays for no more than it uses.
    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, allow_inf_nan=False, defer_build=True
    )


class Metric(_Model):
    """What is measured (``[metric.<id>]`` in metrics.toml)."""

    name: str
    unit: str | None = None
    decimals: int | None = Field(None, ge=0, le=12)
    min: float | None = None
    max: float | None = None
    trend: Literal["compound", "linear"] = "compound"
    numerator: Id | None = None
    denominator: Id | None = None
    scale: float | None = Field(None, gt=0)

    @property
    def is_ratio(self) -> bool:
        """Whether the metric is derived from a numerator and a denominator."""
        return self.numerator is not None and self.denominator is not None

    def issues(self) -> list[Issue]:
        """The invariants of one metric that a field type cannot say."""
        found: list[Issue] = []
        if (self.numerator is None) != (self.denominator is None):
            have, lack = (
                ("numerator", "denominator")
                if self.numerator is not None
                else ("denominator", "numerator")
            )
            found.append((lack, f"a ratio metric with a {have} needs a {lack} too"))
        if self.scale is not None and not self.is_ratio:
            found.append(("scale", "only a ratio metric (numerator/denominator) has a scale"))
        if self.min is not None and self.max is not None and self.min > self.max:
            found.append(("min", f"min {self.min:g} is above max {self.max:g}"))
        return found

    def out_of_bounds(self, value: float) -> str | None:
        """Why a value lies outside the metric's bounds, or None when it is inside."""
        if self.min is not None and value < self.min:
            return f"{value:g} is below the metric's min {self.min:g}"
        if self.max is not None and value > self.max:
            return f"{value:g} is above the metric's max {self.max:g}"
        return None


class MetricsFile(_Model):
    """metrics.toml."""

    metric: dict[Id, Metric] = {}


class Region(_Model):
    """Where a metric is measured (``[region.<id>]`` in regions.toml)."""

    name: str
    parent: Id | None = None


class RegionsFile(_Model):
    """regions.toml."""

    region: dict[Id, Region] = {}


class Policy(_Model):
    """The ``[policy]`` table of a policy file: the document the targets come from."""

    title: str
    issuer: str | None = None
    issued: datetime.date | None = None
    source: str | None = None
    region: Id | None = None


class Target(_Model):
    """One ``[[target]]`` of a policy file."""

    id: Id
    title: str
    metric: Id
    region: Id | None = None
    deadline: PeriodField
    baseline: PeriodField | None = None
    baseline_value: float | None = None
    start: PeriodField | None = None
    strict: bool = False
    at_least: float | None = None
    at_most: float | None = None
    factor: float | None = Field(None, gt=0)
    increase: float | None = Field(None, gt=0)
    increase_pct: float | None = Field(None, gt=0)
    decrease: float | None = Field(None, gt=0)
    decrease_pct: float | None = Field(None, gt=0, le=100)

    @property
    def goal(self) -> tuple[str, float]:
        """The goal key and its amount; the target must have passed ``issues()``."""
        for key in GOAL_KEYS:
            amount = getattr(self, key)
            if amount is not None:
                return key, float(amount)
        raise ValueError(f"target {self.id!r} has no goal")

    @property
    def is_relative(self) -> bool:
        """Whether the goal is relative to a baseline value."""
        return any(getattr(self, key) is not None for key in RELATIVE_GOALS)

    def issues(self) -> list[Issue]:
        """The invariants of one target that a field type cannot say."""
        goals = [key for key in GOAL_KEYS if getattr(self, key) is not None]
        if not goals:
            return [("goal", f"no goal: give exactly one of {', '.join(GOAL_KEYS)}")]
        if len(goals) > 1:
            return [("goal", f"more than one goal ({', '.join(goals)}): give exactly one")]
        goal = goals[0]
        found: list[Issue] = []
        if goal in RELATIVE_GOALS:
            if self.baseline is None:
                found.append(
                    ("baseline", f"required by {goal}: the period the goal is relative to")
                )
            if self.start is not None:
                found.append(
                    (
                        "start",
                        f"a {goal} goal starts at its baseline; start is for at_least and at_most",
                    )
                )
        else:
            if self.baseline is not None:
                found.append(
                    (
                        "baseline",
                        f"an {goal} goal has no baseline; use start to say where it starts",
                    )
                )
            if self.baseline_value is not None:
                found.append(("baseline_value", f"an {goal} goal has no baseline"))
        for key in ("baseline", "start"):
            period: Period | None = getattr(self, key)
            if period is not None and not self.deadline.end > period.end:
                found.append(("deadline", f"{self.deadline} must end after the {key} {period}"))
        return found


class PolicyFile(_Model):
    """policies/<name>.toml."""

    policy: Policy
    target: list[Target] = []


class Actual(_Model):
    """One ``[[actual]]``: a published figure."""

    metric: Id
    region: Id
    period: PeriodField
    value: float
    source: str | None = None
    note: str | None = None
    recorded: datetime.date | None = None


class ActualsFile(_Model):
    """actuals/<region>.toml."""

    actual: list[Actual] = []


class Value(NamedTuple):
    """A metric's value for one region and period, recorded or derived (SPEC 3).

    A named tuple, not a dataclass: one is made per figure, 10^5 at national scale, and a
    tuple is made in half the time.
    """

    period: Period
    value: float
    derived: bool = False
    source: str | None = None


Key = tuple[str, str]
"""(metric id, region id)."""
ValueTable = Mapping[Key, Mapping[Period, Value]]


@dataclass(frozen=True, slots=True)
class PolicyEntry:
    """A loaded policy file: where it is, its policy table and its targets."""

    path: str  # as shown in messages
    file: str  # relative to the target directory, as in JSON output
    stem: str
    policy: Policy
    targets: tuple[Target, ...]


@dataclass(frozen=True, slots=True)
class Directory:
    """Everything in a target directory, validated, with every known value."""

    metrics: Mapping[str, Metric]
    regions: Mapping[str, Region]
    policies: tuple[PolicyEntry, ...]
    actual_count: int
    values: ValueTable

    def targets_using(self, metric: str, region: str) -> list[tuple[PolicyEntry, Target]]:
        """The targets in a region whose metric is ``metric`` or a ratio built on it."""
        return [
            (policy, target)
            for policy in self.policies
            for target in policy.targets
            if self.region_of(policy, target) == region
            and metric in parts_of(self.metrics, target.metric)
        ]

    def region_of(self, policy: PolicyEntry, target: Target) -> str:
        """The target's region: its own, else its policy's."""
        region = target.region or policy.policy.region
        if region is None:
            raise ValueError(f"target {target.id!r} has no region")
        return region


def parts_of(metrics: Mapping[str, Metric], metric_id: str) -> set[str]:
    """Every metric a ratio metric is built on, itself included."""
    seen: set[str] = set()
    pending = [metric_id]
    while pending:
        current = pending.pop()
        metric = metrics.get(current)
        if current in seen or metric is None:
            continue
        seen.add(current)
        pending.extend(part for part in (metric.numerator, metric.denominator) if part)
    return seen
