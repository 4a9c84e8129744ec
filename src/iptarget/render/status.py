"""``iptarget status``: the progress table, as a terminal table, markdown, JSON or CSV."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence

from iptarget.core.dataset import Dataset
from iptarget.core.evaluate import Evaluation
from iptarget.core.status import Status
from iptarget.i18n import _, language, status_word
from iptarget.render.console import console, print_lines, print_text, say
from iptarget.render.escape import clean
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
from iptarget.render.table import Column, Table, fitted_lines, markdown

STYLES: dict[Status, str] = {
    Status.ACHIEVED: "bold green",
    Status.MISSED: "bold red",
    Status.UNREPORTED: "magenta",
    Status.MET: "green",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.OFF_TRACK: "dark_orange",
    Status.REGRESSING: "red",
    Status.NO_TREND: "dim",
    Status.NO_BASELINE: "dim",
    Status.NO_DATA: "dim",
}


def word(status: Status | None) -> str:
    """A status as shown, ``-`` for a target that is not there."""
    return UNKNOWN if status is None else status_word(status.value)


def style(status: Status | None) -> str:
    """A status's style in a terminal (none for a target that is not there)."""
    return "" if status is None else STYLES[status]


#: Statuses in bold in markdown: the ones a reviewer must not miss.
STRONG = frozenset({Status.MISSED, Status.REGRESSING})

COLUMNS = (
    Column("target"),
    Column("region"),
    Column("metric"),
    Column("baseline", numeric=True),
    Column("target value", numeric=True),
    Column("deadline"),
    Column("latest", numeric=True),
    Column("progress", numeric=True),
    Column("projected", numeric=True),
    Column("status"),
)
#: Columns a narrow terminal drops, one after the other, until the table fits: the
#: projection, then the baseline (``show`` has both).
DROPPED_WHEN_NARROW = ((), ("projected",), ("projected", "baseline"))


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
                str(evaluation.target.deadline),
                at(evaluation.latest, metric),
                percent(evaluation.progress_pct),
                number(evaluation.projected, metric),
                status_word(evaluation.status.value)
                + ("!" if evaluation.target.id in late else ""),
            ]
        )
    return Table(
        COLUMNS,
        rows,
        styles=[STYLES[evaluation.status] for evaluation in evaluations],
        strong=[evaluation.status in STRONG for evaluation in evaluations],
    )


def _compact(table: Table, dropped: Collection[str]) -> Table:
    """The table for a narrow terminal: region and metric under the id (wrapped to the room
    left), periods under values, the ``dropped`` columns left out."""
    kept = [index for index in range(3, len(COLUMNS)) if COLUMNS[index].heading not in dropped]
    columns = [COLUMNS[0]] + [
        Column("target\nvalue", numeric=True) if index == 4 else COLUMNS[index] for index in kept
    ]
    rows = [
        [f"{row[0]}\n  {row[1]}\n  {row[2]}", *(row[index].replace(" (", "\n(") for index in kept)]
        for row in table.rows
    ]
    return Table(columns, rows, table.styles, table.strong)


def narrower(table: Table) -> list[Table]:
    """The status table's layouts for a narrow terminal: folded, then without the columns
    of least value one after the other."""
    return [_compact(table, dropped) for dropped in DROPPED_WHEN_NARROW]


def summary_line(
    evaluations: Sequence[Evaluation], as_of: datetime.date, vintage: str = "latest"
) -> str:
    """``12 targets as of 2026-11-22: 2 achieved, 10 unreported``."""
    counts = summary(evaluations)
    if language() == "zh":
        parts = "，".join(f"{status_word(status)} {count} 个" for status, count in counts.items())
        first = "（各数据取首次发布值）" if vintage == "first" else ""
        return f"截至 {as_of}，共 {len(evaluations)} 个目标{first}" + (
            f"：{parts}" if parts else ""
        )
    noun = "target" if len(evaluations) == 1 else "targets"
    parts = ", ".join(f"{count} {status}" for status, count in counts.items())
    first = " (figures as first published)" if vintage == "first" else ""
    return f"{len(evaluations)} {noun} as of {as_of}{first}" + (f": {parts}" if parts else "")


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
    fmt: str,
    late: Collection[str] = (),
    grace_days: int = 365,
    vintage: str = "latest",
) -> None:
    """The progress table of ``iptarget status`` in one of its formats."""
    if fmt == "json":
        print_text(status_json(evaluations, as_of, vintage))
    elif fmt == "csv":
        print_text(status_csv(evaluations))
    elif fmt == "markdown":
        print_text(status_markdown(evaluations, dataset, as_of, late, grace_days, vintage))
    else:
        out = console()
        table = status_table(evaluations, dataset, late)
        lines = fitted_lines(table, out.is_terminal, out.width, narrower(table))
        if evaluations:
            print_lines(out, lines)
        for line in notes(evaluations, as_of, vintage):
            say(out, line)
        if late:
            say(out, late_note(grace_days))


def status_markdown(
    evaluations: Sequence[Evaluation],
    dataset: Dataset,
    as_of: datetime.date,
    late: Collection[str] = (),
    grace_days: int = 365,
    vintage: str = "latest",
) -> str:
    """A GitHub-flavoured markdown table with the notes under it."""
    lines = markdown(status_table(evaluations, dataset, late))
    said = notes(evaluations, as_of, vintage) + ([late_note(grace_days)] if late else [])
    return "\n".join([*lines, "", "\n\n".join(said), ""])
