"""The models of the files as the core's plain frozen values."""

from __future__ import annotations

import datetime
from dataclasses import fields

from iptarget.core import dataset as core
from iptarget.core.goals import Goal
from iptarget.models.files import Actual, Metric, Region, Target
from iptarget.periods import Period

#: The keys a metric's model and its core value share: every key of the file, the model being
#: the one place a key is declared (``tests/test_registries.py`` holds the two lists equal).
METRIC_KEYS = tuple(field.name for field in fields(core.Metric) if field.name != "id")
REGION_KEYS = tuple(field.name for field in fields(core.Region) if field.name != "id")


def core_metric(metric_id: str, metric: Metric) -> core.Metric:
    """A metric as the core holds it, its trend settled (linear for a growth metric)."""
    keys = {key: getattr(metric, key) for key in METRIC_KEYS}
    keys["trend"] = metric.trend or ("linear" if metric.growth_of is not None else "compound")
    return core.Metric(id=metric_id, **keys)


def core_region(region_id: str, region: Region) -> core.Region:
    """A region as the core holds it, its members a tuple."""
    keys = {key: getattr(region, key) for key in REGION_KEYS}
    keys["members"] = tuple(region.members or ())
    return core.Region(id=region_id, **keys)


def core_target(target: Target, policy_region: str | None) -> core.Target:
    """A target as the core sees it: its region resolved, its goal one key and an amount.

    A target without a goal or a region has been reported; it gets a placeholder, and the
    directory does not validate.
    """
    goals = [goal for goal in Goal if getattr(target, goal.value) is not None]
    goal = goals[0] if goals else Goal.AT_LEAST
    return core.Target(
        id=target.id,
        title=target.title,
        metric=target.metric,
        region=target.region or policy_region or "",
        deadline=target.deadline,
        goal=goal,
        amount=float(getattr(target, goal.value)) if goals else 0.0,
        strict=target.strict,
        baseline=target.baseline,
        baseline_value=target.baseline_value,
        acknowledged=target.acknowledged,
        start=target.start,
        start_value=target.start_value,
        title_zh=target.title_zh,
        title_en=target.title_en,
    )


def core_value(actual: Actual) -> core.Value:
    """A recorded figure as the core holds it."""
    return core.Value(
        actual.period,
        actual.value,
        False,
        actual.source,
        actual.note,
        None,
        actual.published,
        actual.flag,
    )


def record_figures(
    entries: list[tuple[str, Actual]],
    recorded: dict[core.Key, dict[Period, core.Value]],
    repeats: list[tuple[core.Key, core.Value]],
    today: datetime.date,
) -> bool:
    """One file's figures into ``recorded`` (the first vintage of each read) and ``repeats``
    (the others); whether every publication date lies between its period's start and today.
    """
    dated = True
    for _, actual in entries:
        # core_value inline: this runs once per figure, 10^5 times at national scale
        value = core.Value(
            actual.period,
            actual.value,
            False,
            actual.source,
            actual.note,
            None,
            actual.published,
            actual.flag,
        )
        series = recorded[actual.metric, actual.region]
        if actual.period in series:
            repeats.append(((actual.metric, actual.region), value))
        else:
            series[actual.period] = value
        if actual.published is not None and not (actual.period.start <= actual.published <= today):
            dated = False
    return dated
