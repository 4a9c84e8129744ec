"""What ``import`` read and recorded: each figure or series, every row in a dry run, the
figures it replaced, the counts per file and the targets whose status changed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from iptarget.core.compare import StatusChange
from iptarget.core.dataset import Amount, Dataset, FigureChange, Value
from iptarget.errors import Text, exact
from iptarget.i18n import NP_, _, ngettext
from iptarget.periods import Period
from iptarget.render.console import console, print_lines, say
from iptarget.render.numbers import amount
from iptarget.render.recorded import region_in_text, status_lines, stored
from iptarget.render.table import Column, Table, fitted_lines
from iptarget.render.words import date_words, metric_ref, period_words, worded


class Imported(NamedTuple):
    """What ``import`` read and did (or, in a dry run, would do), as it reports it.

    ``rows`` holds each row's figure as read (its line or row number, metric, region and
    value), ``dates`` the period cells that held a date (number, the date, the period read),
    ``statuses`` the targets the figures touch before and after.
    """

    figures: Sequence[FigureChange]
    unchanged: int
    dataset: Dataset
    skipped: int
    dry_run: bool
    read_as: str | None  # a file that was not UTF-8, so was read as GB18030
    sheet: bool  # rows are numbered as a workbook's rows, else as a CSV file's lines
    rows: Sequence[tuple[int, str, str, Value]]
    dates: Sequence[tuple[int, str, Period]]
    statuses: Sequence[StatusChange]
    notices: Sequence[Text] = ()  # what the layout did not read: columns, rows, empty cells


#: More figures than this are reported one line per metric and region, not per figure.
MANY = 10


def print_imported(imported: Imported) -> None:
    """What ``import`` wrote (or would write): each figure (each series, when there are many)
    or, in a dry run, every row as read; the figures it replaced; the counts per file; the
    targets whose status changed; a summary line."""
    out = console()
    dataset = imported.dataset
    if imported.read_as:
        message = _("{path}: not UTF-8, so read as GB18030 (Excel's CSV on Chinese Windows)")
        say(out, message.format(path=imported.read_as))
    for line in _read_lines(imported):
        say(out, line)
    if imported.dry_run:
        _print_rows(imported)
    else:
        for line in _added_lines(imported.figures, dataset):
            say(out, line)
    files: dict[str, list[int]] = {}
    for figure in imported.figures:
        assert figure.new is not None
        counts = files.setdefault(figure.path, [0, 0])
        counts[figure.old is not None] += 1
        if figure.old is not None:
            new = amount(Amount(figure.new.value, dataset.metrics[figure.metric]))
            what = _what(dataset, figure.metric, figure.region, figure.new.period)
            if figure.new.published is not None:
                what = _("{what} (published {date})").format(
                    what=what, date=date_words(figure.new.published)
                )
            message = (
                _("would replace {what}: {old} → {new}")
                if imported.dry_run
                else _("replaced {what}: {old} → {new}")
            )
            say(out, message.format(what=what, old=exact(figure.old.value), new=new))
    for path, (added, replaced) in files.items():
        message = _("{path}: {added} added, {replaced} replaced")
        say(out, message.format(path=path, added=added, replaced=replaced))
    changed = [change for change in imported.statuses if change.changed]
    if changed:
        print_lines(out, status_lines(changed))
    say(out, import_summary(files, imported.unchanged, imported.skipped, imported.dry_run))


def _read_lines(imported: Imported) -> list[str]:
    """How the table was read: what the layout did not read, and the dates read as periods."""
    lines = [worded(notice) for notice in imported.notices]
    for number, date, period in imported.dates:
        message = (
            _("row {number}: the date {date} was read as {period}")
            if imported.sheet
            else _("line {number}: the date {date} was read as {period}")
        )
        lines.append(message.format(number=number, date=date, period=period_words(period)))
    return lines


def _what(dataset: Dataset, metric: str, region: str, period: Period) -> str:
    """``invention_patents qinghai 2019``: a figure as running text names it."""
    return _("{metric} {region} {period}").format(
        metric=metric_ref(dataset.metrics[metric]),
        region=region_in_text(dataset, region),
        period=period_words(period),
    )


def _added_lines(figures: Sequence[FigureChange], dataset: Dataset) -> list[str]:
    """A line for each figure added, or for each metric and region when there are many."""
    added = [figure for figure in figures if figure.old is None and figure.new is not None]
    if len(added) <= MANY:
        lines = []
        for figure in added:
            assert figure.new is not None
            metric = dataset.metrics[figure.metric]
            what = _what(dataset, figure.metric, figure.region, figure.new.period)
            line = _("recorded {what} = {figure}")
            lines.append(line.format(what=what, figure=stored(figure.new, metric)))
        return lines
    series: dict[tuple[str, str], list[Period]] = {}
    for figure in added:
        assert figure.new is not None
        series.setdefault((figure.metric, figure.region), []).append(figure.new.period)
    lines = []
    for (metric_id, region), periods in series.items():
        line = ngettext(
            "recorded {metric} {region}: {count} figure, {first} to {last}",
            "recorded {metric} {region}: {count} figures, {first} to {last}",
            len(periods),
        )
        lines.append(
            line.format(
                metric=metric_ref(dataset.metrics[metric_id]),
                region=region_in_text(dataset, region),
                count=len(periods),
                first=period_words(min(periods)),
                last=period_words(max(periods)),
            )
        )
    return lines


def _print_rows(imported: Imported) -> None:
    """Every row as ``import --dry-run`` read it: metric, region, period and value."""
    dataset = imported.dataset
    columns = (
        Column(NP_("heading", "row") if imported.sheet else NP_("heading", "line"), True),
        Column(NP_("heading", "metric")),
        Column(NP_("heading", "region")),
        Column(NP_("heading", "period")),
        Column(NP_("heading", "value"), numeric=True),
    )
    rows = [
        [
            str(number),
            metric,
            region_in_text(dataset, region),
            period_words(value.period),
            amount(Amount(value.value, dataset.metrics[metric])),
        ]
        for number, metric, region, value in imported.rows
    ]
    out = console()
    print_lines(out, fitted_lines(Table(columns, rows, flexible=1), out.is_terminal, out.width))


def import_summary(files: dict[str, list[int]], unchanged: int, skipped: int, dry: bool) -> str:
    """The last line of ``import``: figures added and replaced, in how many files, and what
    was left as it was."""
    added = sum(counts[0] for counts in files.values())
    replaced = sum(counts[1] for counts in files.values())
    summary = ngettext(
        "{added} added, {replaced} replaced in {files} file",
        "{added} added, {replaced} replaced in {files} files",
        len(files),
    ).format(added=added, replaced=replaced, files=len(files))
    if unchanged:
        summary = ngettext(
            "{summary}; {count} already recorded as given",
            "{summary}; {count} already recorded as given",
            unchanged,
        ).format(summary=summary, count=unchanged)
    if skipped:
        summary = ngettext(
            "{summary}; {count} derived row skipped",
            "{summary}; {count} derived rows skipped",
            skipped,
        ).format(summary=summary, count=skipped)
    if dry:
        summary = _("{summary}; nothing written (--dry-run)").format(summary=summary)
    return summary
