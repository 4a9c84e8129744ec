"""SPEC 5.4: what is due. For each target still open, the next figure it needs, when that
figure should be published (the metric's ``release_lag_days``, else the lag learned from the
dates of its published figures), who records it, and which targets wait on it; a derived
value stands for the recorded figures it lacks. Then the deadlines coming up."""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from iptarget.core.dataset import Dataset, Key
from iptarget.core.evaluate import Evaluation
from iptarget.core.links import growth_metrics, inputs_of
from iptarget.core.status import Status
from iptarget.core.totals import total_periods
from iptarget.periods import Period

#: Targets that need no more figures.
CLOSED = frozenset({Status.ACHIEVED, Status.MISSED})


class Due(NamedTuple):
    """A figure due: its expected publication date (None: unknown), how that date was found
    (``learned_from`` figures, or 0 when the metric's lag is set), its metric's owner and
    the targets waiting on it, in id order."""

    metric: str
    region: str
    period: Period
    expected: datetime.date | None
    learned_from: int | None  # None: unknown; 0: the metric's release_lag_days
    owner: str | None
    targets: tuple[str, ...]

    def days_late(self, as_of: datetime.date) -> int | None:
        """Days past its expected date as of a day; None when it is not late."""
        if self.expected is None or self.expected >= as_of:
            return None
        return (as_of - self.expected).days


class Deadline(NamedTuple):
    """A target whose deadline ends within the window, with its status."""

    target: str
    deadline: Period
    ends: datetime.date
    status: Status


class Calendar(NamedTuple):
    """What ``due`` shows: the figures expected by ``until`` (overdue first, by date; those
    without a date last) and the deadlines ending by then."""

    as_of: datetime.date
    until: datetime.date
    figures: tuple[Due, ...]
    deadlines: tuple[Deadline, ...]

    def counts(self) -> tuple[int, int, int]:
        """How many figures are overdue, coming, and without an expected date."""
        late = sum(1 for found in self.figures if found.days_late(self.as_of) is not None)
        undated = sum(1 for found in self.figures if found.expected is None)
        return late, len(self.figures) - late - undated, undated


def due(
    dataset: Dataset, evaluations: Iterable[Evaluation], as_of: datetime.date, within: int
) -> Calendar:
    """The calendar as of a day, ``within`` days ahead (SPEC 5.4)."""
    until = as_of + datetime.timedelta(days=within)
    chosen = list(evaluations)
    waiting: dict[tuple[str, str, Period], list[str]] = {}
    growth = growth_metrics(dataset.metrics)
    for evaluation in chosen:
        if evaluation.status in CLOSED:
            continue
        period = next_needed(evaluation)
        if period is None:
            continue
        target = evaluation.target
        for metric, region in _recorded_inputs(
            dataset, target.metric, target.region, period, growth
        ):
            waiting.setdefault((metric, region, period), []).append(target.id)
    lags = Lags(dataset)
    figures = []
    for (metric, region, period), targets in waiting.items():
        expected, learned = lags.expected(metric, period)
        if expected is not None and expected > until:
            continue
        owner = dataset.metrics[metric].owner
        figures.append(
            Due(metric, region, period, expected, learned, owner, tuple(sorted(targets)))
        )
    figures.sort(key=lambda found: (found.expected is None, found.expected or as_of, found[:3]))
    deadlines = sorted(
        (
            Deadline(e.target.id, e.target.deadline, e.target.deadline.end, e.status)
            for e in chosen
            if as_of <= e.target.deadline.end <= until
        ),
        key=lambda found: (found.ends, found.target),
    )
    return Calendar(as_of, until, tuple(figures), tuple(deadlines))


def next_needed(evaluation: Evaluation) -> Period | None:
    """The first period of the target's series at its deadline's granularity after its
    latest figure (the baseline or start period when its start is unknown; the next period
    to count for a total), up to the deadline; None when none is left."""
    target = evaluation.target
    deadline = target.deadline
    if evaluation.total is not None and target.first is not None:
        periods = total_periods(target.first, deadline)
        counted = evaluation.total.periods
        return periods[counted] if counted < len(periods) else None
    latest = evaluation.latest
    if evaluation.start is None or evaluation.start.value is None:
        period = target.baseline or target.start or deadline
    elif latest is not None and latest.period.granularity == deadline.granularity:
        period = latest.period.next()
    else:
        period = deadline
    return period if period.end_month <= deadline.end_month else None


def _recorded_inputs(
    dataset: Dataset,
    metric: str,
    region: str,
    period: Period,
    growth: Mapping[str, list[str]],
) -> list[Key]:
    """The recorded figures a value needs: itself when it is recorded, else, for a derived
    value, the recorded inputs that lack a figure at the period (growth figures that could
    carry a level back are alternatives, not needs)."""
    if not _derived(dataset, metric, region):
        return [(metric, region)]
    leaves = [
        key
        for key in sorted(inputs_of(dataset, metric, region, growth))
        if not _derived(dataset, *key) and dataset.metrics[key[0]].growth_of is None
    ]
    lacking = [key for key in leaves if period not in dataset.recorded.get(key, {})]
    return lacking or [(metric, region)]


def _derived(dataset: Dataset, metric_id: str, region: str) -> bool:
    """Whether the metric's values in the region are derived, not recorded: a ratio, a
    growth rate, or a group's sum."""
    metric = dataset.metrics[metric_id]
    if metric.is_ratio or metric.growth_of is not None:
        return True
    place = dataset.regions.get(region)
    return metric.aggregate == "sum" and place is not None and bool(place.members)


class Lags:
    """Each metric's publication lag by granularity: the days its ``release_lag_days``
    sets, else the median of (first publication date − period end) over its figures of that
    granularity in every region, learned once per metric."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.learned: dict[str, dict[str, tuple[int, int]]] = {}
        self.keys: dict[str, list[Key]] | None = None  # each metric's (metric, region) keys

    def expected(self, metric_id: str, period: Period) -> tuple[datetime.date | None, int | None]:
        """The expected publication date of a figure, and from how many figures its lag was
        learned (0: set; None: unknown)."""
        set_lag = self.dataset.metrics[metric_id].release_lag_days
        if set_lag is not None:
            return period.end + datetime.timedelta(days=set_lag), 0
        learned = self._of(metric_id).get(period.granularity)
        if learned is None:
            return None, None
        days, count = learned
        return period.end + datetime.timedelta(days=days), count

    def _of(self, metric_id: str) -> dict[str, tuple[int, int]]:
        found = self.learned.get(metric_id)
        if found is None:
            if self.keys is None:
                self.keys = {}
                for key in self.dataset.recorded:
                    self.keys.setdefault(key[0], []).append(key)
            lags = _learn(self.dataset, self.keys.get(metric_id, []))
            found = {
                granularity: (round(statistics.median(days)), len(days))
                for granularity, days in lags.items()
            }
            self.learned[metric_id] = found
        return found


def _learn(dataset: Dataset, keys: Iterable[Key]) -> dict[str, list[int]]:
    """The days from each period's end to the first dated vintage of its figure, by
    granularity, over the figures of these (metric, region) keys."""
    found: dict[str, list[int]] = {}
    ends: dict[Period, int] = {}  # each period's last day, as an ordinal
    for key in keys:
        several = dataset.vintages.get(key) or {}
        for period, value in dataset.recorded[key].items():
            if period in several:
                dated = min((v.published for v in several[period] if v.published), default=None)
            else:
                dated = value.published
            if dated is None:
                continue
            end = ends.get(period)
            if end is None:
                end = ends[period] = period.end.toordinal()
            found.setdefault(period.granularity, []).append(dated.toordinal() - end)
    return found
