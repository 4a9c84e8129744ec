"""``iptarget status``: the progress table, as a terminal table, markdown, JSON or CSV."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence
from typing import assert_never

from iptarget.choices import StatusFormat
from iptarget.core.dataset import Dataset
from iptarget.core.evaluate import Evaluation
from iptarget.core.status import Status
from iptarget.i18n import NP_, _, ngettext, pgettext
from iptarget.render.console import console, print_lines, print_text, say
from iptarget.render.escape import clean
from iptarget.render.looks import STATUS_LOOKS, status_word, verdict_word
from iptarget.render.numbers import (
    UNKNOWN,
    at,
    marks_note,
    metric_label,
    number,
    percent,
    region_name,
    sign,
)
from iptarget.render.status_data import status_csv, status_json, summary
from iptarget.render.table import Column, Table, fitted_lines, markdown, terminal_lines
from iptarget.render.words import date_words, period_words, shown


def status_cell(status: Status | None) -> str:
    """A status as shown, ``-`` for a target that is not there."""
    return UNKNOWN if status is None else status_word(status)


def style(status: Status | None) -> str:
    """A status's style in a terminal (none for a target that is not there)."""
    return "" if status is None else STATUS_LOOKS[status].style


COLUMNS = (
    Column(NP_("heading", "target")),
    Column(NP_("heading", "region")),
    Column(NP_("heading", "metric")),
    Column(NP_("heading", "baseline"), numeric=True),
    Column(NP_("heading", "target value"), numeric=True),
    Column(NP_("heading", "deadline")),
    Column(NP_("heading", "latest"), numeric=True),
    Column(NP_("heading", "progress"), numeric=True),
    Column(NP_("heading", "projected"), numeric=True),
    Column(NP_("heading", "status")),
)
#: Columns a narrow terminal drops, one after the other, until the table fits: the
#: projection, then the baseline, last the progress (``show`` has all three).
DROPPED_WHEN_NARROW = (
    (),
    ("projected",),
    ("projected", "baseline"),
    ("projected", "baseline", "progress"),
)


def status_table(
    evaluations: Sequence[Evaluation], dataset: Dataset, late: Collection[str] = ()
) -> Table:
    """The status table as one plain value: one row per target, its status styled.

    The targets in ``late`` (unreported past the grace of ``check``) are marked ``!``.
    """
    rows = []
    for evaluation in evaluations:
        metric = evaluation.metric
        target_value = (
            UNKNOWN
            if evaluation.target_value is None
            else f"{sign(evaluation)} {number(evaluation.target_value, metric)}"
        )
        rows.append(
            [
                evaluation.target.id,
                clean(region_name(dataset.regions[evaluation.region])),
                clean(metric_label(metric)),
                at(evaluation.baseline, metric) if evaluation.baseline else "",
                target_value,
                period_words(evaluation.target.deadline),
                at(evaluation.latest, metric),
                percent(evaluation.progress_pct),
                number(evaluation.projected, metric),
                status_word(evaluation.status) + ("!" if evaluation.target.id in late else ""),
            ]
        )
    looks = [STATUS_LOOKS[evaluation.status] for evaluation in evaluations]
    return Table(
        COLUMNS,
        rows,
        styles=[look.style for look in looks],
        strong=[look.strong for look in looks],
    )


def _compact(table: Table, dropped: Collection[str]) -> Table:
    """The table for a narrow terminal: region and metric under the id (wrapped to the room
    left), periods under values, the ``dropped`` columns left out."""
    kept = [index for index in range(3, len(COLUMNS)) if COLUMNS[index].heading not in dropped]
    columns = [COLUMNS[0]] + [
        Column(NP_("heading", "target\nvalue"), numeric=True) if index == 4 else COLUMNS[index]
        for index in kept
    ]
    rows = [
        [f"{row[0]}\n  {row[1]}\n  {row[2]}", *(_period_below(row[index]) for index in kept)]
        for row in table.rows
    ]
    return Table(columns, rows, table.styles, table.strong)


def narrower(table: Table) -> list[Table]:
    """The status table's layouts for a narrow terminal: folded, then without the columns
    of least value one after the other."""
    return [_compact(table, dropped) for dropped in DROPPED_WHEN_NARROW]


def _period_below(cell: str) -> str:
    """A cell whose period goes under its value in a narrow terminal."""
    for opening in (" (", "（"):
        value, found, period = cell.partition(opening)
        if found:
            return f"{value}\n{opening.strip()}{period}"
    return cell


def counts_words(counts: dict[str, int]) -> str:
    """Targets per status in words: ``3 achieved, 12 unreported``."""
    return shown(
        [
            pgettext("count", "{count} {status}").format(
                count=count, status=status_word(Status(status))
            )
            for status, count in counts.items()
        ]
    )


def summary_line(
    evaluations: Sequence[Evaluation], as_of: datetime.date, vintage: str = "latest"
) -> str:
    """``12 targets as of 2026-11-22: 2 achieved, 10 unreported``."""
    counts = summary(evaluations)
    total = len(evaluations)
    if vintage == "first":
        line = ngettext(
            "{count} target as of {date} (figures as first published)",
            "{count} targets as of {date} (figures as first published)",
            total,
        )
    else:
        line = ngettext("{count} target as of {date}", "{count} targets as of {date}", total)
    line = line.format(count=total, date=date_words(as_of))
    if not counts:
        return line
    return _("{summary}: {counts}").format(summary=line, counts=counts_words(counts))


def notes(
    evaluations: Sequence[Evaluation], as_of: datetime.date, vintage: str = "latest"
) -> list[str]:
    """What is said under the status table: the marks' footnote, then the summary line."""
    points = [point for e in evaluations for point in (e.baseline, e.latest)]
    marks = marks_note(points)
    return ([marks] if marks else []) + [summary_line(evaluations, as_of, vintage)]


def late_note(grace_days: int) -> str:
    """The footnote of the ``!`` mark."""
    return _("! unreported more than {days} days after the deadline: check fails on it").format(
        days=grace_days
    )


def print_status(
    evaluations: Sequence[Evaluation],
    dataset: Dataset,
    as_of: datetime.date,
    fmt: StatusFormat,
    late: Collection[str] = (),
    grace_days: int = 365,
    vintage: str = "latest",
) -> None:
    """The progress table of ``iptarget status`` in one of its formats."""
    match fmt:
        case StatusFormat.JSON:
            print_text(status_json(evaluations, as_of, vintage))
        case StatusFormat.CSV:
            print_text(status_csv(evaluations))
        case StatusFormat.MARKDOWN:
            print_text(status_markdown(evaluations, dataset, as_of, late, grace_days, vintage))
        case StatusFormat.TABLE:
            _print_table(evaluations, dataset, as_of, late, grace_days, vintage)
        case StatusFormat.XLSX:
            raise ValueError("a workbook is written to a file (status_bytes)")
        case _:
            assert_never(fmt)


def status_bytes(
    evaluations: Sequence[Evaluation],
    dataset: Dataset,
    as_of: datetime.date,
    fmt: StatusFormat,
    late: Collection[str] = (),
    grace_days: int = 365,
    vintage: str = "latest",
) -> bytes:
    """The progress table as a file holds it: a workbook, CSV with a byte-order mark (so that
    Excel reads it as UTF-8), or the text ``status`` prints."""
    match fmt:
        case StatusFormat.XLSX:
            from iptarget.render.sheet import sheet_bytes
            from iptarget.render.status_sheet import status_sheet

            return sheet_bytes(status_sheet(evaluations, dataset, as_of))
        case StatusFormat.CSV:
            return ("\ufeff" + status_csv(evaluations)).encode("utf-8")
        case StatusFormat.JSON:
            return status_json(evaluations, as_of, vintage).encode("utf-8")
        case StatusFormat.MARKDOWN:
            shown = status_markdown(evaluations, dataset, as_of, late, grace_days, vintage)
            return shown.encode("utf-8")
        case StatusFormat.TABLE:
            lines = [
                line.plain for line in terminal_lines(status_table(evaluations, dataset, late))
            ]
            lines += notes(evaluations, as_of, vintage) + ([late_note(grace_days)] if late else [])
            return ("\n".join(lines) + "\n").encode("utf-8")
        case _:
            assert_never(fmt)


def _print_table(
    evaluations: Sequence[Evaluation],
    dataset: Dataset,
    as_of: datetime.date,
    late: Collection[str],
    grace_days: int,
    vintage: str,
) -> None:
    """The progress table for a terminal or a pipe, and the notes under it."""
    out = console()
    table = status_table(evaluations, dataset, late)
    lines = fitted_lines(table, out.is_terminal, out.width, narrower(table))
    if evaluations:
        print_lines(out, lines)
    for line in notes(evaluations, as_of, vintage):
        say(out, line)
    if late:
        say(out, late_note(grace_days))


def _with_verdicts(table: Table, evaluations: Sequence[Evaluation]) -> Table:
    """The table with a verdict column before the status."""
    verdicts = [("★ " if e.target.binding else "") + verdict_word(e.verdict) for e in evaluations]
    columns = [*table.columns[:-1], Column(NP_("heading", "verdict")), table.columns[-1]]
    rows = [
        [*row[:-1], verdict, row[-1]] for row, verdict in zip(table.rows, verdicts, strict=True)
    ]
    return table._replace(columns=columns, rows=rows)


def status_markdown(
    evaluations: Sequence[Evaluation],
    dataset: Dataset,
    as_of: datetime.date,
    late: Collection[str] = (),
    grace_days: int = 365,
    vintage: str = "latest",
) -> str:
    """A GitHub-flavoured markdown table, each target's verdict beside its status (★ when
    binding, SPEC 4.7), with the notes under it."""
    lines = markdown(_with_verdicts(status_table(evaluations, dataset, late), evaluations))
    said = notes(evaluations, as_of, vintage) + ([late_note(grace_days)] if late else [])
    return "\n".join([*lines, "", "\n\n".join(said), ""])
