"""Checking new figures, from the command line or a CSV row, before anything is written.

Every field is read as people type it and checked against the directory: ids, periods
(which must have ended), values (bounds, likely unit slips), publication dates and flags,
the vintages already recorded, and, in an import, the rows before it.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass, replace

from iptarget.core.dataset import Dataset, Flag, Value
from iptarget.core.links import RegionNames, year_to_date_refused
from iptarget.errors import Invalid, Text, text
from iptarget.models.entries import ActualEntry
from iptarget.periods import Period
from iptarget.store.checks import published_problem
from iptarget.store.named import metric_named, region_named
from iptarget.store.slips import slips
from iptarget.texts import figures
from iptarget.typed import parse_figure
from iptarget.typed_periods import parse_typed_date, parse_typed_period

FieldIssue = tuple[str, Text]
"""Something wrong with one field of a new figure: (field, what is wrong)."""


@dataclass(frozen=True)
class NewFigure:
    """A figure as given on the command line or in a CSV row, not yet checked."""

    metric: str
    region: str
    period: str
    value: str
    source: str | None = None
    note: str | None = None
    published: str | None = None
    flag: str | None = None
    period_date: str | None = None  # the date a workbook's period cell held, read as a period


def new_actual(
    figure: NewFigure, dataset: Dataset, today: datetime.date, names: RegionNames | None = None
) -> tuple[ActualEntry | None, list[FieldIssue]]:
    """The figure as an actual entry, and everything wrong with it, field by field.

    Malformed ids, periods, values, dates and flags; unknown metrics and regions (a region
    may be given by its code or name, ``names``); values outside the metric's bounds;
    periods that have not ended; publication dates after today or before the period began.
    """
    issues: list[FieldIssue] = []
    metric, metric_issue = metric_named(figure.metric, dataset.metrics)
    if metric_issue is not None:
        issues.append(("metric", metric_issue))
    figure = replace(figure, metric=metric)
    region, region_issue = region_named(figure.region, names or RegionNames(dataset.regions))
    issues += [("region", region_issue)] if region_issue else []
    period, period_issue = _period(figure.period, today)
    if period is not None and (
        said := year_to_date_refused(dataset.metrics, figure.metric, period)
    ):
        period_issue = ("period", said)
    value, value_issue = _figure_value(figure, dataset)
    published, published_issue = _published(figure.published, period, today)
    flag, flag_issue = _flag(figure.flag)
    found = (period_issue, value_issue, published_issue, flag_issue)
    issues.extend(issue for issue in found if issue is not None)
    if issues or period is None or value is None:
        return None, issues
    actual = ActualEntry(
        metric=figure.metric,
        region=region,
        period=period,
        value=value,
        source=figure.source or None,
        note=figure.note or None,
        published=published,
        flag=flag,
        recorded=today,
    )
    return actual, issues


def date_as_typed(given: str) -> datetime.date:
    """A date as people type it (``--as-of``): Invalid says what to change."""
    return parse_typed_date(given)


def period_as_typed(given: str) -> Period:
    """A period as people type it (``compare --period``): Invalid says what to change."""
    return parse_typed_period(given)


def _published(
    given: str | None, period: Period | None, today: datetime.date
) -> tuple[datetime.date | None, FieldIssue | None]:
    """A new figure's publication date: after its period began, not after today."""
    if not given:
        return None, None
    try:
        published = parse_typed_date(given)
    except Invalid as error:
        return None, ("published", error.text)
    if period is not None and (said := published_problem(period, published, today)):
        return None, ("published", said)
    return published, None


def _flag(given: str | None) -> tuple[Flag | None, FieldIssue | None]:
    """A new figure's flag: p (provisional) or e (estimated)."""
    if not given:
        return None, None
    flag = given.strip().lower()
    if flag in {"p", "e"}:
        return ("p" if flag == "p" else "e"), None
    return None, ("flag", text(figures.NOT_FLAG, text=repr(given)))


def _period(given: str, today: datetime.date) -> tuple[Period | None, FieldIssue | None]:
    """A new figure's period, which must have ended."""
    try:
        period = parse_typed_period(given)
    except Invalid as error:
        return None, ("period", error.text)
    if period.end > today:
        return None, ("period", text(figures.NOT_ENDED, period=period, today=today))
    return period, None


def _figure_value(figure: NewFigure, dataset: Dataset) -> tuple[float | None, FieldIssue | None]:
    """A new figure's value, which must lie within its metric's bounds."""
    metric = dataset.metrics.get(figure.metric)
    try:
        value = parse_figure(figure.value, metric.unit if metric else None)
    except Invalid as error:
        return None, ("value", error.text)
    if metric is not None and (reason := metric.out_of_bounds(value)):
        return None, ("value", reason)
    return value, None


def recorded_value(dataset: Dataset, actual: ActualEntry) -> Value | None:
    """The vintage recorded for the figure's metric, region, period and publication date."""
    for vintage in dataset.vintages_of(actual.metric, actual.region, actual.period):
        if vintage.published == actual.published:
            return vintage
    return None


def same(value: Value, actual: ActualEntry) -> bool:
    """Whether a new figure repeats a recorded one: then recording it changes nothing."""
    return (value.value, value.source, value.note, value.flag) == (
        actual.value,
        actual.source,
        actual.note,
        actual.flag,
    )


def named(value: Value) -> Value | float:
    """A recorded figure in a message: exact, with its date when it is a dated vintage."""
    return value if value.published is not None else value.value


def undated_beside_dated(dataset: Dataset, actual: ActualEntry, column: bool) -> list[FieldIssue]:
    """An undated figure for a period that already has dated vintages is refused (SPEC 5.2):
    the new one would rank below them all, and could never be told apart from them."""
    if actual.published is not None or recorded_value(dataset, actual) is not None:
        return []
    dates = [
        vintage.published
        for vintage in dataset.vintages_of(actual.metric, actual.region, actual.period)
    ]
    if not dates:
        return []
    give = figures.GIVE_DATE_COLUMN if column else figures.GIVE_DATE
    return [("published", text(give, period=actual.period, dates=dates))]


def annual_only(dataset: Dataset) -> set[str]:
    """The metrics without monthly figures whose targets are all annual: a date read as a
    month is refused for them (``month_from_date``)."""
    monthly = {
        metric
        for (metric, _), series in dataset.recorded.items()
        if any(period.granularity == "month" for period in series)
    }
    deadlines: dict[str, set[str]] = {}
    for _, target in dataset.targets():
        deadlines.setdefault(target.metric, set()).add(target.deadline.granularity)
    return {
        metric for metric, found in deadlines.items() if found == {"year"} and metric not in monthly
    }


def month_from_date(
    period_date: str | None, actual: ActualEntry, annual: Collection[str]
) -> list[FieldIssue]:
    """A month read from a date cell (2025-12-31 as 2025-12) for a metric in ``annual``
    (annual_only): the date most likely meant its year, so it is refused with that hint."""
    if period_date is None or actual.period.granularity != "month":
        return []
    if actual.metric not in annual:
        return []
    said = text(
        figures.DATE_AS_MONTH,
        date=period_date,
        period=actual.period,
        metric=actual.metric,
        year=str(actual.period.year),
    )
    return [("period", said)]


class Batch:
    """The figures of one import, row by row: each checked against the directory and the
    rows before it."""

    def __init__(self, before: Dataset, replace: bool, force: bool) -> None:
        self.before, self.replace, self.force = before, replace, force
        self.actuals: list[ActualEntry] = []
        self.unchanged = 0
        self.lines: dict[tuple[str, str, Period, datetime.date | None], int] = {}
        self.earlier: dict[tuple[str, str], dict[Period, float]] = {}
        self.vintages: dict[tuple[str, str, Period], list[tuple[datetime.date | None, float]]] = {}
        self.read: list[tuple[int, ActualEntry]] = []  # each row's figure, as read
        self.annual: set[str] | None = None  # annual_only, once a period is read from a date

    def add(
        self, line: int, actual: ActualEntry, period_date: str | None = None
    ) -> list[FieldIssue]:
        """Take one row's figure (its period read from ``period_date``, a workbook's date
        cell); what is wrong with it in this batch."""
        self.read.append((line, actual))
        if period_date is not None:
            self.annual = annual_only(self.before) if self.annual is None else self.annual
            if dated := month_from_date(period_date, actual, self.annual):
                return dated
        key = (actual.metric, actual.region, actual.period, actual.published)
        figure = key[:3]
        existing = recorded_value(self.before, actual)
        repeats = existing is not None and same(existing, actual)
        issues: list[FieldIssue] = []
        if key in self.lines:
            line = self.lines[key]
            also = (
                text(figures.ALSO_ON_LINE, period=actual.period, line=line)
                if actual.published is None
                else text(
                    figures.ALSO_ON_LINE_DATED,
                    period=actual.period,
                    published=actual.published,
                    line=line,
                )
            )
            issues.append(("period", also))
        elif existing is not None and not self.replace and not repeats:
            already = text(figures.ALREADY_ROW, period=actual.period, figure=named(existing))
            issues.append(("period", already))
        elif actual.published is None and figure in self.vintages:
            issues.append(("published", text(figures.DATED_ROWS_ABOVE, period=actual.period)))
        else:
            issues += undated_beside_dated(self.before, actual, column=True)
            if not issues and not self.force and not repeats:
                issues += slips(actual, self.before, self.earlier, self.vintages)
        self.lines.setdefault(key, line)
        if not issues:  # a refused row is no yardstick for the rows below it
            self.earlier.setdefault(figure[:2], {})[actual.period] = actual.value
            self.vintages.setdefault(figure, []).append((actual.published, actual.value))
        if repeats:
            self.unchanged += 1
        else:
            self.actuals.append(actual)
        return issues
