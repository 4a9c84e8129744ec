"""The rules across files (SPEC 1): references known, no cycles, ids unique, values in bounds.

Plain functions that return every problem they find, in the order the files are read.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from iptarget.core.dataset import (
    Key,
    Metric,
    Policy,
    Region,
    Series,
    Target,
    Vintages,
)
from iptarget.core.goals import GOAL_FACTS
from iptarget.core.graphs import member_repeats, ratio_cycles
from iptarget.errors import Problem, unknown
from iptarget.models.files import Actual
from iptarget.periods import Period
from iptarget.store.messages import actual_where


@dataclass(frozen=True)
class Known:
    """The ids that references of one kind may name.

    One bad definition gets one message: an entry that failed its own checks is reported
    where it is defined, and what names it is told so; a file that is missing, broken or
    empty is reported once, and what names its entries is not reported again.
    """

    kind: str
    ids: Mapping[str, object]
    invalid: frozenset[str] = frozenset()
    failed: bool = False

    def problem(self, name: str) -> str | None:
        """What is wrong with a reference to ``name``, or None."""
        if name in self.ids or self.failed:
            return None
        if name in self.invalid:
            return f'{self.kind} "{name}" is invalid (see above)'
        return unknown(name, self.ids, self.kind)


def metric_problems(
    display: str, metrics: Mapping[str, Metric], names: tuple[Known, Known]
) -> list[Problem]:
    """References to unknown metrics or regions, growth of a growth metric, and metrics
    computed from each other in a cycle (through numerator, denominator and growth_of)."""
    problems = []
    for metric_id, metric in metrics.items():
        where = f'metric "{metric_id}"'
        for field in ("numerator", "denominator", "growth_of"):
            part = getattr(metric, field)
            if part is not None and (message := names[0].problem(part)):
                problems.append(Problem(display, where, f"{field}: {message}"))
        grown = metrics.get(metric.growth_of or "")
        if grown is not None and grown.growth_of is not None and grown.id != metric_id:
            message = f'growth_of: "{grown.id}" is a growth metric; a growth of a growth is refused'
            problems.append(Problem(display, where, message))
        region = metric.denominator_region
        if region is not None and region != "parent" and (message := names[1].problem(region)):
            problems.append(Problem(display, where, f'denominator_region: {message} (or "parent")'))
    for cycle in ratio_cycles(metrics):
        message = (
            f"metrics are computed from each other in a cycle: {' -> '.join(cycle)} (through "
            "numerator, denominator and growth_of)"
        )
        problems.append(Problem(display, f'metric "{cycle[0]}"', message))
    return problems


def region_problems(display: str, regions: Mapping[str, Region], known: Known) -> list[Problem]:
    """Unknown parents and members, regions that are each other's parents, and groups that
    count a region twice or contain themselves."""
    problems = []
    for path in member_repeats(regions):
        what = (
            "the group contains itself"
            if path[-1] == path[0]
            else f"{path[-1]} is reached twice (a sum would count it twice)"
        )
        problems.append(
            Problem(display, f'region "{path[0]}"', f"members: {' → '.join(path)}: {what}")
        )
    for region_id, region in regions.items():
        where = f'region "{region_id}"'
        problems += _region_names(display, where, region, known)
        if region.parent is not None and region.parent not in regions:
            if message := known.problem(region.parent):
                problems.append(Problem(display, where, f"parent: {message}"))
            continue
        seen = [region_id]
        parent = region.parent
        while parent is not None and parent in regions and parent not in seen:
            seen.append(parent)
            parent = regions[parent].parent
        if parent == region_id:
            message = f"parent: regions are each other's parents: {' -> '.join([*seen, region_id])}"
            problems.append(Problem(display, where, message))
    return problems


def _region_names(display: str, where: str, region: Region, known: Known) -> list[Problem]:
    """A region's own id, and the members it names."""
    problems = []
    if region.id == "parent":
        problems.append(Problem(display, where, 'no region may have the id "parent"'))
    for member in region.members:
        if found := known.problem(member):
            problems.append(Problem(display, where, f"members: {found}"))
    return problems


def target_problems(
    policies: Sequence[Policy],
    own_regions: Sequence[Sequence[str | None]],
    metrics: Mapping[str, Metric],
    names: tuple[Known, Known],
) -> list[Problem]:
    """Ids used twice, unknown metrics and regions, goals outside the metric's bounds.

    ``own_regions`` holds, for each policy's targets, the region the target names itself
    (None when it takes its policy's).
    """
    problems = []
    first_seen: dict[str, str] = {}
    for policy, owns in zip(policies, own_regions, strict=True):
        if policy.region is not None and (message := names[1].problem(policy.region)):
            problems.append(Problem(policy.path, "policy", f"region: {message}"))
        for target, own in zip(policy.targets, owns, strict=True):
            found = []
            if target.id in first_seen:
                found.append(f"id: already used by a target in {first_seen[target.id]}")
            else:
                first_seen[target.id] = policy.path
            found += _target_references(target, own, policy, metrics, names)
            where = f'target "{target.id}"'
            problems.extend(Problem(policy.path, where, message) for message in found)
    return problems


def _target_references(
    target: Target,
    own: str | None,
    policy: Policy,
    metrics: Mapping[str, Metric],
    names: tuple[Known, Known],
) -> list[str]:
    """What is wrong with what a target names: its metric, its region, its goal's bounds."""
    found = []
    if message := names[0].problem(target.metric):
        found.append(f"metric: {message}")
    if own is None and policy.region is None:
        found.append("region: required (or give the [policy] a region)")
    elif own is not None and (message := names[1].problem(own)):
        found.append(f"region: {message}")
    metric = metrics.get(target.metric)
    if metric is not None:
        amounts: list[tuple[str, float | None]] = [("baseline_value", target.baseline_value)]
        if GOAL_FACTS[target.goal].level:
            amounts.insert(0, (target.goal, target.amount))
        for field, amount in amounts:
            reason = None if amount is None else metric.out_of_bounds(amount)
            if reason:
                found.append(f"{field}: {reason}")
    return found


def actuals_look_right(
    recorded: Mapping[Key, Series],
    vintages: Mapping[Key, Vintages],
    metrics: Mapping[str, Metric],
    regions: Mapping[str, Region],
) -> bool:
    """Whether the actuals keep every rule, judged a series at a time, not a figure at a time.

    Each (metric, region) series is checked once against the ids and the metric's bounds,
    every vintage of its figures included.
    """
    earlier = {
        key: [value for values in found.values() for value in values]
        for key, found in vintages.items()
    }
    for (metric_id, region), periods in recorded.items():
        metric = metrics.get(metric_id)
        if metric is None or region not in regions:
            return False
        values = [value.value for value in periods.values()]
        values += [value.value for value in earlier.get((metric_id, region), [])]
        if metric.min is not None and min(values) < metric.min:
            return False
        if metric.max is not None and max(values) > metric.max:
            return False
    return True


def actual_problems(
    actuals: Sequence[tuple[str, Actual]],
    metrics: Mapping[str, Metric],
    names: tuple[Known, Known],
    today: datetime.date,
) -> list[Problem]:
    """Each actual's problems, figure by figure: to name what the quick check found."""
    problems: list[Problem] = []
    first_seen: dict[tuple[str, str, Period, datetime.date | None], str] = {}
    for display, actual in actuals:
        found = []
        key = (actual.metric, actual.region, actual.period, actual.published)
        if key in first_seen:
            place = "this file" if first_seen[key] == display else first_seen[key]
            if actual.published is None:
                found.append(f"recorded twice: already in {place} (date one vintage: published)")
            else:
                vintage = f"the vintage of {actual.published}"
                found.append(f"published: {vintage} is recorded twice: already in {place}")
        else:
            first_seen[key] = display
        if message := published_problem(actual.period, actual.published, today):
            found.append(f"published: {message}")
        metric = metrics.get(actual.metric)
        if metric is None:
            if message := names[0].problem(actual.metric):
                found.append(f"metric: {message}")
        elif reason := metric.out_of_bounds(actual.value):
            found.append(f"value: {reason}")
        if message := names[1].problem(actual.region):
            found.append(f"region: {message}")
        where = actual_where(actual.metric, actual.region, str(actual.period))
        problems.extend(Problem(display, where, message) for message in found)
    return problems


def published_problem(
    period: Period, published: datetime.date | None, today: datetime.date
) -> str | None:
    """What is wrong with a figure's publication date (SPEC 5.2), or None."""
    if published is None:
        return None
    if published > today:
        return f"{published} is after today ({today}); record the figure once it is published"
    if published < period.start:
        return f"{published} is before the period {period} began ({period.start})"
    return None
