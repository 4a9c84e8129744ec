"""Recording figures: one from the command line (add-actual) or many from a CSV file (import).

Both check every figure before anything is written, and write under the directory's lock.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from iptarget.core.dataset import Dataset, FigureChange
from iptarget.core.links import RegionNames, reached
from iptarget.errors import Invalid, Problem, UserError, text
from iptarget.models.entries import ActualEntry
from iptarget.periods import Period
from iptarget.store.convert import core_value
from iptarget.store.files import quiet_reading
from iptarget.store.journal import recover, refuse_pending, refuse_read_only, write_together
from iptarget.store.messages import actual_subject
from iptarget.store.named import region_named
from iptarget.store.new_figures import (
    Batch,
    NewFigure,
    named,
    new_actual,
    recorded_value,
    same,
    undated_beside_dated,
)
from iptarget.store.read import Reader
from iptarget.store.slips import slips
from iptarget.store.tables import TableRows
from iptarget.store.write import actuals_text, locked
from iptarget.texts import figures
from iptarget.texts.rules import unknown
from iptarget.texts.words import KIND_METRIC
from iptarget.typed_periods import parse_typed_date, parse_typed_period


@dataclass(frozen=True)
class Recording:
    """What recording figures did (or, in a dry run, would do), and the data before and after."""

    changes: list[FigureChange]
    unchanged: int  # figures that repeat a recorded one exactly: value, source and note
    before: Dataset
    after: Dataset
    read: tuple[tuple[int, ActualEntry], ...] = ()  # import: each row's figure, as read


@dataclass(frozen=True)
class _Change:
    """One figure to write: the file, the new entry and the entry it replaces, if any."""

    path: str
    actual: ActualEntry
    replaced: ActualEntry | None

    def public(self) -> FigureChange:
        old = None if self.replaced is None else core_value(self.replaced)
        return FigureChange(
            self.path, self.actual.metric, self.actual.region, core_value(self.actual), old
        )


def add_figure(
    root: Path,
    figure: NewFigure,
    replace: bool,
    today: datetime.date,
    force: bool = False,
) -> Recording:
    """Add one figure to ``actuals/<region>.toml``, or replace one, under an exclusive lock.

    The definitions, the policies and the actuals files of the regions whose figures the
    targets it touches use (core.links.reached) are read and checked again under the lock,
    so concurrent runs all land; an actuals file named after another region is not read.
    The file is written whole to a temporary file and renamed over the old one, so a crash
    leaves the old file or the new one. Nothing changes on disk on any error. A figure that
    repeats the recorded one exactly (value, source and note) changes nothing.
    """

    def regions(bare: Dataset) -> set[str]:
        region = region_named(figure.region, RegionNames(bare.regions))[0]
        return {region for _, region in reached(bare, figure.metric, region)}

    reader = Reader(root, select=regions)
    with locked(root), quiet_reading():
        recover(root)
        before = _valid(reader, root)
        actual, issues = new_actual(figure, before, today)
        if actual is not None and not issues:
            existing = recorded_value(before, actual)
            if existing is not None and same(existing, actual):
                return Recording([], 1, before, before)
            issues += undated_beside_dated(before, actual, column=False)
            if not issues and not force and (existing is None or replace):
                issues += slips(actual, before, {}, {})
        if issues or actual is None:
            raise UserError([Problem(_argument(field), said) for field, said in issues])
        (change,) = _changes(reader, root, before, [actual])
        if change.replaced is not None and not replace:
            old = core_value(change.replaced)
            where = actual_subject(actual.metric, actual.region, actual.period)
            if old.source:
                raise UserError.single(
                    change.path,
                    figures.ALREADY_SOURCED,
                    where,
                    figure=named(old),
                    source=old.source,
                )
            raise UserError.single(change.path, figures.ALREADY, where, figure=named(old))
        _write(root, reader.files, [change])
    return Recording([change.public()], 0, before, _after(before, [change]))


def import_figures(
    root: Path,
    rows: TableRows,
    today: datetime.date,
    *,
    replace: bool = False,
    dry_run: bool = False,
    force: bool = False,
    place: Callable[[TableRows, Dataset], TableRows] | None = None,
) -> Recording:
    """Record the figures of a table (each row with its number) all together or not at all:
    ``place`` first settles what the rows leave to the directory (a CNIPA table's regions).
    Every row is checked against the directory and the other rows; any problem, named
    ``origin: line N: field: message``, or a row that could not be read stops the import
    before anything is written. Each file is written as ``add_figure`` writes one."""
    reader = Reader(root)
    with locked(root), quiet_reading():
        if dry_run:
            refuse_pending(root)
        else:
            recover(root)
        before = _valid(reader, root)
        rows = rows if place is None else place(rows, before)
        problems = list(rows.problems)
        batch = Batch(before, replace, force)
        names = RegionNames(before.regions)
        for index, (line, figure) in enumerate(rows.figures):
            actual, issues = new_actual(figure, before, today, names)
            if actual is not None and not issues:
                issues = batch.add(line, actual, figure.period_date)
            problems.extend(
                Problem(rows.origin, said, rows.place(index, line, field), line)
                for field, said in issues
            )
        if problems:
            raise UserError(sorted(problems, key=lambda problem: problem.line or 0))
        changes = _changes(reader, root, before, batch.actuals)
        if not dry_run:
            _write(root, reader.files, changes)
    after = _after(before, changes)
    public = [change.public() for change in changes]
    return Recording(public, batch.unchanged, before, after, tuple(batch.read))


def remove_figure(
    root: Path,
    metric: str,
    region: str,
    period: str,
    published: str | None,
    undated: bool,
) -> Recording:
    """Remove one recorded vintage under the lock, with the same atomic, comment-keeping
    write as add_figure: the only vintage of the figure, or the one named."""
    reader = Reader(root, keep=frozenset({_home(root, region)}))
    with locked(root), quiet_reading():
        recover(root)
        before = _valid(reader, root)
        region, key, date = _named(before, metric, region, period, published)
        where = actual_subject(metric, region, key)
        vintages = before.vintages_of(metric, region, key)
        home = _home(root, region)
        if not vintages:
            raise UserError.single(home, figures.NOTHING_RECORDED, where)
        # the file that holds the figure's latest vintage names it in messages
        path = _find(reader, home, (metric, region, key, vintages[-1].published))[0]
        if published is None and not undated:
            if len(vintages) > 1:
                raise UserError.single(
                    path, figures.WHICH_VINTAGE, where, count=len(vintages), names=vintages
                )
            date = vintages[0].published
        if not any(vintage.published == date for vintage in vintages):
            if date is None:
                raise UserError.single(path, figures.NO_UNDATED, where, names=vintages)
            raise UserError.single(path, figures.NO_VINTAGE, where, date=date, names=vintages)
        path, entry = _find(reader, home, (metric, region, key, date))
        refuse_read_only([Path(path)])
        text = actuals_text(Path(path), reader.files[path], [], removed=[entry])
        write_together(root, {Path(path): text})
    old = core_value(entry)
    after = before.with_figures([], [(metric, region, old)])
    return Recording([FigureChange(path, metric, region, None, old)], 0, before, after)


def _named(
    dataset: Dataset, metric: str, region: str, period: str, published: str | None
) -> tuple[str, Period, datetime.date | None]:
    """remove-actual's figure: a known metric, a region (id, code or name), period, date."""
    problems = []
    if metric not in dataset.metrics:
        problems.append(Problem("METRIC", unknown(metric, dataset.metrics, KIND_METRIC)))
    region, region_issue = region_named(region, RegionNames(dataset.regions))
    if region_issue is not None:
        problems.append(Problem("REGION", region_issue))
    key, date = None, None
    try:
        key = parse_typed_period(period)
    except Invalid as error:
        problems.append(Problem("PERIOD", error.text))
    try:
        date = None if published is None else parse_typed_date(published)
    except Invalid as error:
        problems.append(Problem("--published", error.text))
    if problems or key is None:
        raise UserError(problems)
    return region, key, date


def _argument(field: str) -> str:
    """How add-actual names a field in a message: VALUE for an argument, --flag for an option."""
    return f"--{field}" if field in ("published", "flag") else field.upper()


def _valid(reader: Reader, root: Path) -> Dataset:
    """The directory, which must validate before anything is written into it."""
    dataset = reader.read()
    problems = reader.problems
    if problems:
        fix = Problem(str(root), text(figures.DOES_NOT_VALIDATE))
        raise UserError([fix, *problems])
    return dataset


def _changes(
    reader: Reader, root: Path, before: Dataset, actuals: list[ActualEntry]
) -> list[_Change]:
    """Where each new figure goes: over the figure it replaces, else actuals/<region>.toml."""
    changes = []
    for actual in actuals:
        path, replaced = _home(root, actual.region), None
        if recorded_value(before, actual) is not None:
            key = (actual.metric, actual.region, actual.period, actual.published)
            path, replaced = _find(reader, path, key)
        changes.append(_Change(path, actual, replaced))
    return changes


def _home(root: Path, region: str) -> str:
    """The file where a region's new figures go."""
    return str(root / "actuals" / f"{region}.toml")


def _find(
    reader: Reader, first: str, key: tuple[str, str, Period, datetime.date | None]
) -> tuple[str, ActualEntry]:
    """The file and entry that record a vintage (metric, region, period, published): in
    ``first``, else in any file (read again if the reader did not keep it)."""
    for _attempt in range(2):
        files = reader.files
        for path in [first, *files]:
            for old in files.get(path, []):
                if (old.metric, old.region, old.period, old.published) == key:
                    return path, old
        reader.keep_every_file()
    raise LookupError(f"no actual recorded for {key}")


def _write(root: Path, files: Mapping[str, list[ActualEntry]], changes: list[_Change]) -> None:
    """Write every file the changes touch, all or none, changing only the entries they touch."""
    by_path: dict[str, list[_Change]] = {}
    for change in changes:
        by_path.setdefault(change.path, []).append(change)
    refuse_read_only([Path(path) for path in by_path])
    contents = {
        Path(path): actuals_text(
            Path(path), files.get(path, []), [(c.replaced, c.actual) for c in here]
        )
        for path, here in by_path.items()
    }
    write_together(root, contents)


def _after(before: Dataset, changes: list[_Change]) -> Dataset:
    """The dataset once the changes are written, without reading the directory again."""
    figures = [
        (change.actual.metric, change.actual.region, core_value(change.actual))
        for change in changes
    ]
    return before.with_figures(figures)
