"""Totals over a plan period (SPEC 4.5, v3): ``total_at_least = X`` with ``from``, the plans'
"a total of X during the plan period".

The periods P1…PN run from ``from`` to the deadline at the deadline's granularity; k counts
the leading periods whose values are known (stopping at the first unknown one) and T sums
them. The series a total is judged by is its running total, against the straight line from 0
before P1 to X at PN.
"""

from __future__ import annotations

from typing import NamedTuple

from iptarget.core.dataset import Dataset, Policy, Target, Value
from iptarget.core.evaluate import Evaluation, Point, acknowledgement, meets, point_of
from iptarget.core.review import elapsed_pct
from iptarget.core.status import Status, pace_band, verdict
from iptarget.core.values import Values
from iptarget.periods import Period


class Total(NamedTuple):
    """A total's count so far (SPEC 4.5's ``total`` object): T, k, N, and what each period
    left must add on average to reach X (None when none is left or T meets X)."""

    sum: float
    periods: int
    of: int
    needed_per_period: float | None


def total_periods(first: Period, deadline: Period) -> list[Period]:
    """P1…PN: the periods from ``first`` to the deadline, at the deadline's granularity."""
    found, period = [], first
    while period.end_month <= deadline.end_month:
        found.append(period)
        period = period.next()
    return found


def before(period: Period) -> Period:
    """The period of the same granularity just before ``period``: where a total is 0."""
    if period.granularity == "year" or period.number == 1:
        last = {"year": 1, "half": 2, "quarter": 4, "month": 12}[period.granularity]
        return Period(period.year - 1, period.granularity, last)
    return Period(period.year, period.granularity, period.number - 1)


def total_path(target: Target) -> tuple[tuple[Period, float], ...]:
    """The straight line from 0 before P1 to X at PN: the running total needed by each end."""
    first = target.first or target.deadline  # without from, the directory does not validate
    periods = total_periods(first, target.deadline)
    count = len(periods)
    line = [(period, target.amount * index / count) for index, period in enumerate(periods, 1)]
    return ((before(first), 0.0), *line)


def evaluate_total(values: Values, dataset: Dataset, policy: Policy, target: Target) -> Evaluation:
    """A total target as of the date of ``values`` (SPEC 4.5)."""
    metric = dataset.metrics[target.metric]
    known = values.series(target.metric, target.region)
    # without from, the directory does not validate: the deadline alone, until it is given
    periods = total_periods(target.first or target.deadline, target.deadline)
    x, count = target.amount, len(periods)
    counted: list[Value] = []
    for period in periods:
        value = known.get(period)
        if value is None:
            break
        counted.append(value)
    k = len(counted)
    running, sum_ = [], 0.0
    for value in counted:
        sum_ += value.value
        running.append(value._replace(value=sum_, source=None, note=None, rule=None))
    start = point_of(known.get(periods[0]), periods[0])
    latest = point_of(counted[-1]) if counted else None
    met = meets(sum_, x, "up", target.strict)
    # flows only grow: T decides early unless the metric's figures may be negative
    grows = metric.min is None or metric.min >= 0
    as_of = values.as_of
    assert as_of is not None, "an evaluation is as of a date"
    per = sum_ / k if k else None
    pace = None if per is None else per / (x / count)
    if target.deadline.end < as_of:
        if met and (grows or k == count):
            status = Status.ACHIEVED
        else:
            status = Status.MISSED if k == count else Status.UNREPORTED
    elif k == 0:
        status = Status.NO_DATA
    elif met and (grows or k == count):
        status = Status.MET
    else:
        status = pace_band(pace, policy.bands)
    needed = None if k == count or met else (x - sum_) / (count - k)
    bands = policy.bands
    zero = Point(before(periods[0]), 0.0)
    return Evaluation(
        target=target,
        policy=policy,
        metric=metric,
        region=target.region,
        direction="up",
        target_value=x,
        baseline=None,
        start=start,
        latest=latest,
        progress_pct=sum_ / x * 100 if k else None,
        required_rate=x / count,
        actual_rate=per,
        pace=pace,
        projected=None if per is None else sum_ + per * (count - k),
        compound=False,
        status=status,
        series=tuple(running),
        known=tuple(value for _, value in sorted(known.items())),
        verdict=verdict(status, pace, bands.ahead),
        expected_pct=k / count * 100 if k else None,
        elapsed_pct=elapsed_pct(zero, target.deadline, as_of),
        acknowledged=acknowledgement(target, as_of),
        total=Total(sum_, k, count, needed),
    )
