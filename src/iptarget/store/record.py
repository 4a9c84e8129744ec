"""Recording figures: one from the command line (add-actual) or many from a CSV file (import).

Both check every figure before anything is written, and write under the directory's lock.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from iptarget.core.dataset import Dataset, FigureChange, Value
from iptarget.errors import Problem, UserError, unknown
from iptarget.figures import parse_figure
from iptarget.models.files import Actual
from iptarget.periods import Period, parse_period
from iptarget.store.journal import recover, refuse_read_only, write_together
from iptarget.store.messages import ID, ID_RULE, actual_where
from iptarget.store.read import Reader, quiet_reading
from iptarget.store.write import actuals_bytes, locked

Checks = Callable[[Dataset], list[Problem]]
"""Checks of a whole dataset beyond the files' own rules (the core's consistency checks)."""
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


@dataclass(frozen=True)
class Recording:
    """What recording figures did (or, in a dry run, would do), and the data before and after."""

    changes: list[FigureChange]
    unchanged: int  # figures that repeat a recorded one exactly: value, source and note
    before: Dataset
    after: Dataset


@dataclass(frozen=True)
class _Change:
    """One figure to write: the file, the new entry and the entry it replaces, if any."""

    path: str
    actual: Actual
    replaced: Actual | None

    def public(self) -> FigureChange:
        old = None if self.replaced is None else _value(self.replaced)
        return FigureChange(
            self.path, self.actual.metric, self.actual.region, _value(self.actual), old
        )


def add_figure(
    root: Path, figure: NewFigure, replace: bool, today: datetime.date, checks: Checks
) -> Recording:
    """Add one figure to ``actuals/<region>.toml``, or replace one, under an exclusive lock.

    The whole directory is read and checked again under the lock, so concurrent runs all
    land; the file is written whole to a temporary file and renamed over the old one, so a
    crash leaves the old file or the new one. Nothing changes on disk on any error.
    """
    reader = Reader(root)
    with locked(root), quiet_reading():
        recover(root)
        before = _valid(reader, root, checks)
        actual, issues = _new_actual(figure, before, today)
        if issues or actual is None:
            raise UserError([Problem(field.upper(), "", message) for field, message in issues])
        (change,) = _changes(reader.files, root, before, [actual])
        if change.replaced is not None and not replace:
            source = f" (source: {change.replaced.source})" if change.replaced.source else ""
            raise UserError.single(
                change.path,
                actual_where(actual.metric, actual.region, str(actual.period)),
                f"already recorded: {change.replaced.value:g}{source}; add --replace to change it",
            )
        _write(root, reader.files, [change])
    return Recording([change.public()], 0, before, _after(before, [change]))


def import_figures(
    root: Path,
    origin: str,
    rows: Sequence[tuple[int, NewFigure]],
    shape_problems: Sequence[Problem],
    replace: bool,
    today: datetime.date,
    checks: Checks,
    dry_run: bool = False,
) -> Recording:
    """Record many figures (CSV rows, each with its line number) all together or not at all.

    Every row is checked first, against the directory and against the other rows; any
    problem, named ``origin: line N: field: message``, stops the import before anything is
    written, and so do ``shape_problems`` (rows that could not be read as figures). Each
    file is then written as ``add_figure`` writes one, under the same lock.
    """
    reader = Reader(root)
    with locked(root), quiet_reading():
        recover(root)
        before = _valid(reader, root, checks)
        problems = list(shape_problems)
        actuals: list[Actual] = []
        unchanged = 0
        lines: dict[tuple[str, str, Period], int] = {}
        for line, figure in rows:
            actual, issues = _new_actual(figure, before, today)
            if actual is not None and not issues:
                key = (actual.metric, actual.region, actual.period)
                existing = _recorded_value(before, actual)
                repeats = existing is not None and _same(existing, actual)
                if key in lines:
                    issues.append(("period", f"{actual.period} is also on line {lines[key]}"))
                elif existing is not None and not replace and not repeats:
                    message = (
                        f"{actual.period} is already recorded ({existing.value:g}); "
                        "add --replace to change it"
                    )
                    issues.append(("period", message))
                lines.setdefault(key, line)
                if repeats:
                    unchanged += 1
                else:
                    actuals.append(actual)
            problems.extend(
                Problem(origin, f"line {line}", f"{field}: {message}", line)
                for field, message in issues
            )
        if problems:
            raise UserError(sorted(problems, key=lambda problem: problem.line or 0))
        changes = _changes(reader.files, root, before, actuals)
        if not dry_run:
            _write(root, reader.files, changes)
    return Recording(
        [change.public() for change in changes], unchanged, before, _after(before, changes)
    )


def _valid(reader: Reader, root: Path, checks: Checks) -> Dataset:
    """The directory, which must validate before anything is written into it."""
    dataset = reader.read()
    problems = reader.problems + checks(dataset)
    if problems:
        fix = Problem(str(root), "", "does not validate; fix these first (iptarget validate):")
        raise UserError([fix, *problems])
    return dataset


def _new_actual(
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
        period = parse_period(text)
    except ValueError as error:
        return None, ("period", str(error))
    if period.end > today:
        return None, ("period", f"{period} ends after today ({today}); record it once it has ended")
    return period, None


def _figure_value(figure: NewFigure, dataset: Dataset) -> tuple[float | None, FieldIssue | None]:
    """A new figure's value, which must lie within its metric's bounds."""
    try:
        value = parse_figure(figure.value)
    except ValueError as error:
        return None, ("value", str(error))
    metric = dataset.metrics.get(figure.metric)
    if metric is not None and (reason := metric.out_of_bounds(value)):
        return None, ("value", reason)
    return value, None


def _recorded_value(dataset: Dataset, actual: Actual) -> Value | None:
    """The value recorded (never a derived one) for the figure's metric, region and period."""
    return dataset.recorded.get((actual.metric, actual.region), {}).get(actual.period)


def _same(value: Value, actual: Actual) -> bool:
    """Whether a new figure repeats a recorded one: then recording it changes nothing."""
    return (value.value, value.source, value.note) == (actual.value, actual.source, actual.note)


def _changes(
    files: Mapping[str, list[Actual]], root: Path, before: Dataset, actuals: list[Actual]
) -> list[_Change]:
    """Where each new figure goes: over the figure it replaces, else actuals/<region>.toml."""
    changes = []
    for actual in actuals:
        path, replaced = str(root / "actuals" / f"{actual.region}.toml"), None
        if _recorded_value(before, actual) is not None:
            path, replaced = _find(files, path, actual)
        changes.append(_Change(path, actual, replaced))
    return changes


def _find(files: Mapping[str, list[Actual]], first: str, actual: Actual) -> tuple[str, Actual]:
    """The file and entry that record the figure's period: in ``first``, else in any file."""
    key = (actual.metric, actual.region, actual.period)
    for path in [first, *files]:
        for old in files.get(path, []):
            if (old.metric, old.region, old.period) == key:
                return path, old
    raise LookupError(f"no actual recorded for {key}")


def _write(root: Path, files: Mapping[str, list[Actual]], changes: list[_Change]) -> None:
    """Write every file the changes touch, whole, all or none, with the rest of its figures."""
    by_path: dict[str, list[_Change]] = {}
    for change in changes:
        by_path.setdefault(change.path, []).append(change)
    refuse_read_only([Path(path) for path in by_path])
    contents = {}
    for path, here in by_path.items():
        replaced = {id(change.replaced) for change in here if change.replaced is not None}
        kept = [old for old in files.get(path, []) if id(old) not in replaced]
        contents[Path(path)] = actuals_bytes(Path(path), [*kept, *(c.actual for c in here)])
    write_together(root, contents)


def _after(before: Dataset, changes: list[_Change]) -> Dataset:
    """The dataset once the changes are written, without reading the directory again."""
    added = sum(change.replaced is None for change in changes)
    figures = [
        (change.actual.metric, change.actual.region, _value(change.actual)) for change in changes
    ]
    return before.with_figures(figures, added)


def _value(actual: Actual) -> Value:
    """A recorded figure as the core holds it."""
    return Value(actual.period, actual.value, False, actual.source, actual.note)
