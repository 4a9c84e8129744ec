"""What the files hold once read, without pydantic: the id rule, an actual as a plain
record, and the rules of a metric and a target that no field type can say.

The pydantic models of ``iptarget.models.files`` declare every key; these follow them
(``tests/test_plain_reading.py`` holds them equal), so that a command reading valid files
never imports pydantic.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Literal, NamedTuple

from iptarget.core.goals import GOAL_FACTS, GOAL_KEYS, Goal
from iptarget.core.status import Bands
from iptarget.errors import Text, text
from iptarget.periods import GRANULARITY_WORDS, Period
from iptarget.texts import files

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

Issue = tuple[str, Text]
"""A rule broken inside one entry: (field, what is wrong)."""


class ActualEntry(NamedTuple):
    """One ``[[actual]]`` as read: a published figure (the keys of models.files.Actual)."""

    metric: str
    region: str
    period: Period
    value: float
    source: str | None = None
    note: str | None = None
    published: datetime.date | None = None
    flag: Literal["p", "e"] | None = None
    recorded: datetime.date | None = None


def metric_issues(metric: Mapping[str, Any]) -> list[Issue]:
    """The rules of one metric that a field type cannot say."""
    found: list[Issue] = []
    numerator, denominator = metric["numerator"], metric["denominator"]
    ratio = numerator is not None or denominator is not None
    growth = metric["growth_of"] is not None
    if ratio and growth:
        found.append(("growth_of", text(files.RATIO_AND_GROWTH)))
    if metric["denominator_region"] is not None and not ratio:
        found.append(("denominator_region", text(files.DENOMINATOR_REGION_ALONE)))
    if metric["aggregate"] != "none" and (ratio or growth):
        aggregate = files.AGGREGATE_RATIO if ratio else files.AGGREGATE_GROWTH
        found.append(("aggregate", text(aggregate)))
    if metric["measure"] is not None and (ratio or growth):
        measure = files.MEASURE_RATIO if ratio else files.MEASURE_GROWTH
        found.append(("measure", text(measure)))
    if numerator is not None and denominator is None:
        found.append(("denominator", text(files.NEEDS_DENOMINATOR)))
    if denominator is not None and numerator is None:
        found.append(("numerator", text(files.NEEDS_NUMERATOR)))
    if metric["scale"] is not None and (numerator is None or denominator is None):
        found.append(("scale", text(files.SCALE_ALONE)))
    low, high = metric["min"], metric["max"]
    if low is not None and high is not None and low > high:
        found.append(("min", text(files.MIN_ABOVE_MAX, min=low, max=high)))
    return found


def policy_issues(policy: Mapping[str, Any]) -> list[Issue]:
    """The rule of a policy that a field type cannot say: its bands in order, once the
    defaults fill in what is not given (SPEC 1)."""
    given = policy["bands"]
    if given is None:
        return []
    bands = Bands(**given)
    if bands.ahead > bands.on_track > bands.at_risk >= 0:
        return []
    return [("bands", text(files.BANDS_ORDER, **bands._asdict()))]


def target_issues(target: Mapping[str, Any]) -> list[Issue]:
    """The rules of one target that a field type cannot say."""
    goals = [key for key in GOAL_KEYS if target[key] is not None]
    if not goals:
        return [("goal", text(files.NO_GOAL, keys=list(GOAL_KEYS)))]
    if len(goals) > 1:
        return [("goal", text(files.GOALS, keys=goals))]
    goal = Goal(goals[0])
    if goal is Goal.TOTAL_AT_LEAST:
        found = _total_issues(target)
    else:
        found = _baseline_issues(goal, target)
        if target["from"] is not None:
            found.append(("from", text(files.FROM_ALONE)))
        if target["start_value"] is not None and target["start"] is None:
            found.append(("start_value", text(files.START_VALUE_ALONE)))
    if target["acknowledged_on"] is not None and target["acknowledged"] is None:
        found.append(("acknowledged_on", text(files.ACKNOWLEDGED_ON_ALONE)))
    if goal is Goal.RANK_AT_MOST and target["among"] is None:
        found.append(("among", text(files.NEEDS_AMONG)))
    if goal is not Goal.RANK_AT_MOST:
        found += [(key, text(files.RANK_KEY_ALONE)) for key in ("among", "rank_by") if target[key]]
    return found + _split_issues(goal, target) + _period_issues(target)


def _baseline_issues(goal: Goal, target: Mapping[str, Any]) -> list[Issue]:
    """A relative goal needs a baseline and has no start; any other has no baseline."""
    found: list[Issue] = []
    if GOAL_FACTS[goal].relative:
        if target["baseline"] is None:
            found.append(("baseline", text(files.NEEDS_BASELINE, goal=goal.value)))
        for key in ("start", "start_value"):
            if target[key] is not None:
                found.append((key, text(files.NO_START, goal=goal.value, key=key)))
    else:
        if target["baseline"] is not None:
            found.append(("baseline", text(files.NO_BASELINE, goal=goal.value)))
        if target["baseline_value"] is not None:
            found.append(("baseline_value", text(files.NO_BASELINE_VALUE, goal=goal.value)))
    return found


#: The amounts each goal key takes besides a finite number (SPEC 1): above a bound, at most one.
_AMOUNTS: dict[Goal, tuple[float | None, float | None]] = {
    Goal.FACTOR: (0, None),
    Goal.INCREASE: (0, None),
    Goal.INCREASE_PCT: (0, None),
    Goal.DECREASE: (0, None),
    Goal.DECREASE_PCT: (0, 100),
    Goal.ANNUAL_GROWTH_PCT: (-100, None),
    Goal.TOTAL_AT_LEAST: (0, None),
    Goal.RANK_AT_MOST: (0, None),  # and a whole number
}


def _split_issues(goal: Goal, target: Mapping[str, Any]) -> list[Issue]:
    """A goal split among regions (SPEC 1): ``regions`` without ``region``, no region twice,
    quotas of its regions that the goal key takes, no stated values."""
    regions, quota = target["regions"], target["quota"]
    if regions is None:
        return [] if quota is None else [("quota", text(files.QUOTA_ALONE))]
    found: list[Issue] = []
    if target["region"] is not None:
        found.append(("regions", text(files.REGION_AND_REGIONS)))
    twice = sorted({region for region in regions if regions.count(region) > 1})
    found += [("regions", text(files.REGIONS_TWICE, region=region)) for region in twice]
    for key in ("baseline_value", "start_value"):
        if target[key] is not None:
            found.append((key, text(files.VALUE_WITH_REGIONS)))
    above, most = _AMOUNTS.get(goal, (None, None))
    for region, amount in (quota or {}).items():
        if region not in regions:
            found.append(("quota", text(files.QUOTA_NOT_IN_REGIONS, region=region)))
        elif (
            (above is not None and not amount > above)
            or (most is not None and amount > most)
            or (goal is Goal.RANK_AT_MOST and not float(amount).is_integer())
        ):
            said = text(files.QUOTA_AMOUNT, region=region, amount=amount, goal=goal.value)
            found.append(("quota", said))
    return found


def _total_issues(target: Mapping[str, Any]) -> list[Issue]:
    """A total needs ``from``; neither a baseline nor a start applies to it (SPEC 1, 4.5)."""
    found: list[Issue] = []
    if target["from"] is None:
        found.append(("from", text(files.NEEDS_FROM)))
    for key in ("baseline", "baseline_value"):
        if target[key] is not None:
            found.append((key, text(files.NO_BASELINE_TOTAL)))
    for key in ("start", "start_value"):
        if target[key] is not None:
            found.append((key, text(files.NO_START_TOTAL, key=key)))
    return found


def _period_issues(target: Mapping[str, Any]) -> list[Issue]:
    """The baseline and start end before the deadline and have its granularity."""
    found: list[Issue] = []
    deadline: Period = target["deadline"]
    for key in ("deadline", "baseline", "start", "from"):
        if target[key] is not None and target[key].granularity == "ytd":
            found.append((key, text(files.TARGET_YTD, period=target[key])))
    if found:
        return found
    for key in ("baseline", "start", "from"):
        period: Period | None = target[key]
        if period is None:
            continue
        if not deadline.end > period.end:
            found.append(
                (
                    "deadline",
                    text(files.DEADLINE_FIRST, deadline=deadline, key=key, period=period),
                )
            )
        if period.granularity != deadline.granularity:
            wrong = text(
                files.GRANULARITY,
                period=period,
                granularity=text(GRANULARITY_WORDS[period.granularity]),
                deadline=deadline,
                deadline_granularity=text(GRANULARITY_WORDS[deadline.granularity]),
                key=key,
            )
            found.append((key, wrong))
    return found
