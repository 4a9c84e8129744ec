"""SPEC 4: judge a target as of a date: start, progress, rates, pace, projection, status."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from iptarget.core import formulas
from iptarget.core import in_year as year
from iptarget.core.dataset import Dataset, Metric, Policy, Target, Value
from iptarget.core.formulas import Direction, grow, rate
from iptarget.core.goals import Goal, goal_value
from iptarget.core.links import measure_of
from iptarget.core.ranks import judged_series, rank_metric
from iptarget.core.review import elapsed_pct, expected_pct
from iptarget.core.status import Bands, Status, Verdict, pace_band, verdict
from iptarget.core.values import Values, Vintage
from iptarget.periods import MONTHS, Period, years_between

if TYPE_CHECKING:
    from iptarget.core.totals import Total


class Point(NamedTuple):
    """A period with its value (None when unknown), whether the value is derived, and the
    date and flag of its vintage (SPEC 3.1)."""

    period: Period
    value: float | None
    derived: bool = False
    published: datetime.date | None = None
    flag: str | None = None


class Judged(NamedTuple):
    """What 4.4 adds to a status: a flow's annual target, and its year to date meeting it."""

    flow_year: bool = False
    early: bool = False


class Evaluation(NamedTuple):
    """One target judged as of a date: every figure of SPEC 5's JSON, and the series."""

    target: Target
    policy: Policy
    metric: Metric
    region: str
    direction: Direction
    target_value: float | None
    baseline: Point | None
    start: Point | None
    latest: Point | None
    progress_pct: float | None
    required_rate: float | None
    actual_rate: float | None
    pace: float | None
    projected: float | None
    compound: bool
    status: Status
    series: tuple[Value, ...]  # the values compared with V: the deadline's granularity
    known: tuple[Value, ...]  # every known value of the metric in the region, sorted
    verdict: Verdict  # the plan review's word (4.7), and its two shares in percent
    expected_pct: float | None
    elapsed_pct: float | None
    acknowledged: str | None = None  # the target's acknowledgement, if made by the date
    in_year: year.InYear | None = None  # a flow's figure within the deadline's year (4.4)
    total: Total | None = None  # a total's count so far (4.5)
    rank_of: Mapping[Period, int] | None = None  # a rank's count ranked by period (4.6)
    measured: Metric | None = None  # a rank's metric ranked by (``metric``: as ranks show)

    @property
    def path(self) -> tuple[tuple[Period, float], ...]:
        """The required path from S to V (4.3), period by period, or a total's straight line
        from 0 to X (4.5): worked out when shown (show, the report), not for every target."""
        if self.target.goal is Goal.TOTAL_AT_LEAST:
            from iptarget.core.totals import total_path

            return total_path(self.target)
        path = required_path(self.start, self.required_rate, self.target.deadline, self.compound)
        return tuple(path)


def evaluate(
    dataset: Dataset, as_of: datetime.date, vintage: Vintage = "latest"
) -> list[Evaluation]:
    """Every target, in the order of its policy file's name, then as written."""
    values = Values(dataset, as_of, vintage)
    return [
        evaluate_target(values, dataset, policy, target) for policy, target in dataset.targets()
    ]


def meets(value: float, target: float, direction: Direction, strict: bool) -> bool:
    """Whether a value meets the target value, a near-equal value counting as equal."""
    return formulas.meets(value, target, direction, strict)


def _progress(start: Point, latest: Point | None, v: float, direction: Direction) -> float | None:
    """(L − S) / (V − S) in percent (SPEC 4.3); None when there is nothing to measure: L or S
    unknown, S already meets V (a target met at its start), or L ends before S."""
    s, l_ = start.value, None if latest is None else latest.value
    if s is None or l_ is None or latest is None or meets(s, v, direction, strict=False):
        return None
    if latest.period.end_month < start.period.end_month:
        return None
    return (l_ - s) / (v - s) * 100


def evaluate_target(values: Values, dataset: Dataset, policy: Policy, target: Target) -> Evaluation:
    """One target as of the date of ``values`` (SPEC 4)."""
    if target.goal is Goal.TOTAL_AT_LEAST:
        from iptarget.core.totals import evaluate_total  # which builds on this module

        return evaluate_total(values, dataset, policy, target)
    metric = dataset.metrics[target.metric]
    region = target.region
    deadline = target.deadline
    known, ranked = judged_series(values, dataset.regions, target)  # a rank's, for a rank
    ordered = tuple(value for _, value in sorted(known.items()))
    series = tuple(value for value in ordered if value.period.granularity == deadline.granularity)
    to_deadline = [value for value in series if value.period <= deadline]
    measure = None if ranked is not None else metric.measure  # 4.4 is not for ranks
    stock = measure == "stock" or (
        metric.is_ratio and ranked is None and measure_of(dataset.metrics, metric.id) == "stock"
    )
    if stock:  # a level at every end: the series runs through shorter spans (4.4)
        series = year.stock_points(ordered, deadline)
    latest = point_of(series[-1] if stock and series else to_deadline[-1] if to_deadline else None)

    baseline: Point | None = None
    if target.is_relative:
        assert target.baseline is not None
        if target.baseline_value is not None:
            baseline = Point(target.baseline, target.baseline_value)
        else:
            baseline = point_of(known.get(target.baseline), target.baseline)
    years = 0.0 if target.baseline is None else years_between(target.baseline, deadline)
    base = None if baseline is None else baseline.value
    target_value, direction = goal_value(target.goal, target.amount, base, years)
    start = _start(target, policy, baseline, known, to_deadline)

    s = None if start is None else start.value
    v = target_value
    l_ = None if latest is None else latest.value
    compound = (
        metric.trend == "compound"
        and ranked is None
        and all(x is None or x > 0 for x in (s, v, l_))
    )
    progress = required = actual = pace = projected = None
    if start is not None and s is not None and v is not None:
        progress = _progress(start, latest, v, direction)
        required = rate(s, v, years_between(start.period, deadline), compound)
    if start is not None and s is not None and latest is not None and l_ is not None:
        actual = rate(s, l_, years_between(start.period, latest.period), compound)
    if actual is not None and required:
        pace = (1 if direction == "up" else -1) * actual / abs(required)
    if actual is not None and latest is not None and l_ is not None:
        projected = grow(l_, actual, years_between(latest.period, deadline), compound)

    as_of = values.as_of
    assert as_of is not None, "an evaluation is as of a date"
    bands = policy.bands
    flows = year.flow_year(measure, target)
    within = year.in_year(target, known, v, direction) if flows else None
    judged = Judged(flows, year.met_early(metric, target, within, v, direction))
    at_deadline = year.stock_deadline_value(known, deadline) if stock else known.get(deadline)
    status = _status(target, direction, v, start, latest, pace, at_deadline, as_of, bands, judged)
    return Evaluation(
        target=target,
        policy=policy,
        metric=metric if ranked is None else rank_metric(metric),
        region=region,
        direction=direction,
        target_value=target_value,
        baseline=baseline,
        start=start,
        latest=latest,
        progress_pct=progress,
        required_rate=required,
        actual_rate=actual,
        pace=pace,
        projected=projected,
        compound=compound,
        status=status,
        series=series,
        known=ordered,
        verdict=verdict(status, pace, bands.ahead),
        expected_pct=expected_pct(start, latest, v, direction, required, compound),
        elapsed_pct=elapsed_pct(start, deadline, as_of),
        acknowledged=acknowledgement(target, as_of),
        in_year=within,
        rank_of=ranked,
        measured=None if ranked is None else metric,
    )


def acknowledgement(target: Target, as_of: datetime.date) -> str | None:
    """A target's acknowledgement as of a date: none before its ``acknowledged_on``."""
    made = target.acknowledged_on
    return target.acknowledged if made is None or made <= as_of else None


def point_of(value: Value | None, period: Period | None = None) -> Point | None:
    if value is not None:
        return Point(value.period, value.value, value.derived, value.published, value.flag)
    return None if period is None else Point(period, None)


def _start(
    target: Target,
    policy: Policy,
    baseline: Point | None,
    known: Mapping[Period, Value],
    to_deadline: list[Value],
) -> Point | None:
    """The start point S (SPEC 4.3); its value is None when unknown."""
    if target.is_relative:
        return baseline if baseline is not None and baseline.value is not None else None
    if target.start is not None:
        if target.start_value is not None:  # stated by the policy: "from 5.2 in 2020"
            return Point(target.start, target.start_value)
        return point_of(known.get(target.start), target.start)
    issued = policy.issued
    if issued is not None:
        before = [value for value in to_deadline if value.period.end <= issued]
        if before:
            return point_of(before[-1])
    return point_of(to_deadline[0]) if to_deadline else None


def _status(
    target: Target,
    direction: Direction,
    target_value: float | None,
    start: Point | None,
    latest: Point | None,
    pace: float | None,
    deadline_value: Value | None,
    as_of: datetime.date,
    bands: Bands,
    judged: Judged,
) -> Status:
    """The status, the checks in the order SPEC 4.2 gives, with 4.4's for flows."""
    if target_value is None:
        return Status.NO_BASELINE
    if target.deadline.end < as_of:
        if deadline_value is None:
            return Status.ACHIEVED if judged.early else Status.UNREPORTED
        if meets(deadline_value.value, target_value, direction, target.strict):
            return Status.ACHIEVED
        return Status.MISSED
    if judged.early:
        return Status.MET
    if latest is None or latest.value is None:
        return Status.NO_DATA
    if meets(latest.value, target_value, direction, target.strict):
        # an earlier year's total is not this year's: only the year to date meets a flow's
        return Status.ON_TRACK if judged.flow_year else Status.MET
    # A latest value that ends no later than the start gives no trend either.
    if start is None or start.value is None or latest.period.end_month <= start.period.end_month:
        return Status.NO_TREND
    if meets(start.value, target_value, direction, strict=False):
        return Status.REGRESSING
    return pace_band(pace, bands)


def required_path(
    start: Point | None, required: float | None, deadline: Period, compound: bool
) -> list[tuple[Period, float]]:
    """The value a target needs, period by period at the deadline's granularity, from S."""
    if start is None or start.value is None or required is None:
        return []
    path = [(start.period, start.value)]
    period = _containing(start.period, deadline)
    if period == start.period:
        period = period.next()
    # Periods of one granularity compare by their last month; counted in months, this loop
    # runs once per period of every target, 10^4 times at national scale.
    origin, last = start.period.end_month, deadline.end_month
    while (month := period.end_month) <= last:
        value = grow(start.value, required, (month - origin) / 12, compound)
        if value is not None:
            path.append((period, value))
        period = period.next()
    return path


def _containing(period: Period, like: Period) -> Period:
    """The period of ``like``'s granularity that holds ``period``'s last month."""
    month = period.end_month % 12 + 1
    size = MONTHS[like.granularity]
    return Period(period.year, like.granularity, (month - 1) // size + 1)
