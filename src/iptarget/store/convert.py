"""The entries of the files, as read, as the core's plain frozen values."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import fields, replace
from typing import Any

from iptarget.core import dataset as core
from iptarget.core.goals import Goal
from iptarget.core.status import Bands
from iptarget.models.entries import ActualEntry
from iptarget.periods import Period

#: The keys a metric's model and its core value share: every key of the file, the model being
#: the one place a key is declared (``tests/test_registries.py`` holds the two lists equal).
METRIC_KEYS = tuple(field.name for field in fields(core.Metric) if field.name != "id")
REGION_KEYS = tuple(field.name for field in fields(core.Region) if field.name != "id")
TARGET_KEYS = tuple(
    field.name
    for field in fields(core.Target)
    if field.name not in ("region", "goal", "amount", "first", "template", "among", "rank_by")
)
POLICY_KEYS = tuple(
    field.name
    for field in fields(core.Policy)
    if field.name not in ("path", "file", "stem", "targets", "bands")
)


def core_metric(metric_id: str, metric: Mapping[str, Any]) -> core.Metric:
    """A metric as the core holds it, its trend settled (linear for a growth metric)."""
    keys = {key: metric[key] for key in METRIC_KEYS}
    growth = metric["growth_of"] is not None
    keys["trend"] = metric["trend"] or ("linear" if growth else "compound")
    keys["code"] = _codes(metric["code"])
    return core.Metric(id=metric_id, **keys)


def core_region(region_id: str, region: Mapping[str, Any]) -> core.Region:
    """A region as the core holds it, its members a tuple."""
    keys = {key: region[key] for key in REGION_KEYS}
    keys["members"] = tuple(region["members"] or ())
    keys["code"] = _codes(region["code"])
    keys["tile"] = None if region["tile"] is None else tuple(region["tile"])
    return core.Region(id=region_id, **keys)


def _codes(code: str | list[str] | None) -> tuple[str, ...]:
    """A ``code`` key as a tuple: one code, several, or none."""
    return () if not code else (code,) if isinstance(code, str) else tuple(code)


def core_targets(target: Mapping[str, Any], policy_region: str | None) -> list[core.Target]:
    """The targets of one ``[[target]]``: itself, or one for each of its ``regions`` (the
    goal split among them, SPEC 1), with the id ``ID@REGION`` and the region's quota."""
    regions = target["regions"]
    if not regions:
        return [core_target(target, policy_region)]
    quota = target["quota"] or {}
    made = []
    for region in regions:
        one = core_target({**target, "region": region}, None)
        amount = float(quota[region]) if region in quota else one.amount
        made.append(replace(one, id=f"{one.id}@{region}", template=one.id, amount=amount))
    return made


def core_target(target: Mapping[str, Any], policy_region: str | None) -> core.Target:
    """A target as the core sees it: its region resolved, its goal one key and an amount.

    A target without a goal or a region has been reported; it gets a placeholder, and the
    directory does not validate.
    """
    goals = [goal for goal in Goal if target[goal.value] is not None]
    goal = goals[0] if goals else Goal.AT_LEAST
    return core.Target(
        **{key: target[key] for key in TARGET_KEYS},
        region=target["region"] or policy_region or "",
        first=target["from"],
        among=target["among"],
        rank_by=target["rank_by"] or "highest",
        goal=goal,
        amount=float(target[goal.value]) if goals else 0.0,
    )


def core_policy(
    where: tuple[str, str, str], policy: Mapping[str, Any], targets: Sequence[Mapping[str, Any]]
) -> core.Policy:
    """A policy as the core holds it, with its targets; ``where`` is its file as shown, as
    written inside the directory, and its name (SPEC 7: the --policy filter)."""
    path, file, stem = where
    region = policy["region"]
    return core.Policy(
        **{key: policy[key] for key in POLICY_KEYS},
        bands=Bands(**(policy["bands"] or {})),
        path=path,
        file=file,
        stem=stem,
        targets=tuple(made for target in targets for made in core_targets(target, region)),
    )


def core_value(actual: ActualEntry) -> core.Value:
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
    entries: list[ActualEntry],
    recorded: dict[core.Key, dict[Period, core.Value]],
    repeats: list[tuple[core.Key, core.Value]],
    today: datetime.date,
) -> bool:
    """One file's figures into ``recorded`` (the first vintage of each read) and ``repeats``
    (the others); whether every publication date lies between its period's start and today.
    """
    dated = True
    for actual in entries:
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
