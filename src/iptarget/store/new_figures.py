"""Checking new figures, from the command line or a CSV row, before anything is written.

Every field is read as people type it and checked against the directory: ids, periods
(which must have ended), values (bounds, likely unit slips), and, in an import, the rows
before it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from iptarget.core.dataset import Dataset, Value, unit_slip
from iptarget.errors import exact, unknown
from iptarget.figures import parse_figure
from iptarget.models.files import Actual
from iptarget.periods import Period, parse_typed_period
from iptarget.store.messages import ID, ID_RULE

FieldIssue = tuple[str, str]
"""Something wrong with one field of a new figure: (field, message)."""


@dataclass(frozen=True)
class NewFigure:
    """A figure as given on the command line or in a CSV row, not yet checked."""

    metric: str
    region: str
    period: str
    value: str
    source: str | None = None
    note: str | None = None


def new_actual(
    figure: NewFigure, dataset: Dataset, today: datetime.date
) -> tuple[Actual | None, list[FieldIssue]]:
    """The figure as an Actual, and everything wrong with it, field by field.

    Malformed ids, periods and values; unknown metrics and regions; values outside the
    metric's bounds; periods that have not ended.
    """
    issues: list[FieldIssue] = []
    for name, text, known in (
        ("metric", figure.metric, dataset.metrics),
        ("region", figure.region, dataset.regions),
    ):
        if not ID.match(text):
            issues.append((name, f"{text!r} is {ID_RULE}"))
        elif text not in known:
            issues.append((name, unknown(text, known, name)))
    period, period_issue = _period(figure.period, today)
    value, value_issue = _figure_value(figure, dataset)
    issues.extend(issue for issue in (period_issue, value_issue) if issue is not None)
    if issues or period is None or value is None:
        return None, issues
    actual = Actual(
        metric=figure.metric,
        region=figure.region,
        period=period,
        value=value,
        source=figure.source or None,
        note=figure.note or None,
        recorded=today,
    )
    return actual, issues


def _period(text: str, today: datetime.date) -> tuple[Period | None, FieldIssue | None]:
    """A new figure's period, which must have ended."""
    try:
        period = parse_typed_period(text)
    except ValueError as error:
        return None, ("period", str(error))
    if period.end > today:
        return None, ("period", f"{period} ends after today ({today}); record it once it has ended")
    return period, None


def _figure_value(figure: NewFigure, dataset: Dataset) -> tuple[float | None, FieldIssue | None]:
    """A new figure's value, which must lie within its metric's bounds."""
    metric = dataset.metrics.get(figure.metric)
    try:
        value = parse_figure(figure.value, metric.unit if metric else None)
    except ValueError as error:
        return None, ("value", str(error))
    if metric is not None and (reason := metric.out_of_bounds(value)):
        return None, ("value", reason)
    return value, None


def slips(
    actual: Actual, dataset: Dataset, earlier: Mapping[tuple[str, str], Mapping[Period, float]]
) -> list[FieldIssue]:
    """A likely unit slip (SPEC 5.1): ten times off the figures recorded around it."""
    key = (actual.metric, actual.region)
    recorded = {period: value.value for period, value in dataset.recorded.get(key, {}).items()}
    recorded.update(earlier.get(key, {}))
    slip = unit_slip(recorded, actual.period, actual.value)
    if slip is None:
        return []
    unit = dataset.metrics[actual.metric].unit
    new, other = (
        f"{exact(value)} {unit}" if unit else exact(value) for value in (actual.value, slip.other)
    )
    size = "smaller" if slip.smaller else "larger"
    message = (
        f"{new} is {int(slip.times)} times {size} than {other} in {slip.period}: "
        "a unit slip? Check the figure and its unit, or add --force if it is right"
    )
    return [("value", message)]


def recorded_value(dataset: Dataset, actual: Actual) -> Value | None:
    """The value recorded (never a derived one) for the figure's metric, region and period."""
    return dataset.recorded.get((actual.metric, actual.region), {}).get(actual.period)


def same(value: Value, actual: Actual) -> bool:
    """Whether a new figure repeats a recorded one: then recording it changes nothing."""
    return (value.value, value.source, value.note) == (actual.value, actual.source, actual.note)


class Batch:
    """The figures of one import, row by row: each checked against the directory and the
    rows before it."""

    def __init__(self, before: Dataset, replace: bool, force: bool) -> None:
        self.before, self.replace, self.force = before, replace, force
        self.actuals: list[Actual] = []
        self.unchanged = 0
        self.lines: dict[tuple[str, str, Period], int] = {}
        self.earlier: dict[tuple[str, str], dict[Period, float]] = {}

    def add(self, line: int, actual: Actual) -> list[FieldIssue]:
        """Take one row's figure; what is wrong with it in this batch."""
        key = (actual.metric, actual.region, actual.period)
        existing = recorded_value(self.before, actual)
        repeats = existing is not None and same(existing, actual)
        issues: list[FieldIssue] = []
        if key in self.lines:
            issues.append(("period", f"{actual.period} is also on line {self.lines[key]}"))
        elif existing is not None and not self.replace and not repeats:
            message = (
                f"{actual.period} is already recorded ({exact(existing.value)}); "
                "add --replace to change it"
            )
            issues.append(("period", message))
        elif not self.force and not repeats:
            issues += slips(actual, self.before, self.earlier)
        self.lines.setdefault(key, line)
        if not issues:  # a refused row is no yardstick for the rows below it
            self.earlier.setdefault(key[:2], {})[actual.period] = actual.value
        if repeats:
            self.unchanged += 1
        else:
            self.actuals.append(actual)
        return issues
