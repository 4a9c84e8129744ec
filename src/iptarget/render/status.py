"""``iptarget status``: the progress table, as a terminal table, markdown, JSON or CSV."""

from __future__ import annotations

import datetime
import json
import math
from collections import Counter
from collections.abc import Collection, Sequence
from typing import Any

from iptarget.core.dataset import Dataset
from iptarget.core.evaluate import Evaluation, Point
from iptarget.core.status import Status
from iptarget.render.console import console, print_lines, print_text, say
from iptarget.render.escape import clean
from iptarget.render.numbers import UNKNOWN, at, metric_label, number, percent, sign
from iptarget.render.table import Column, Table, csv_text, fitted_lines, markdown

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
                clean(dataset.regions[evaluation.region].name),
                clean(metric_label(metric)),
                at(evaluation.baseline, metric) if evaluation.baseline else "",
                target_value,
                str(evaluation.target.deadline),
                at(evaluation.latest, metric),
                percent(evaluation.progress_pct),
                number(evaluation.projected, metric),
                evaluation.status.value + ("!" if evaluation.target.id in late else ""),
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


def summary(evaluations: Sequence[Evaluation]) -> dict[str, int]:
    """Counts of the statuses that occur, in the order of SPEC 4.2."""
    counts = Counter(evaluation.status for evaluation in evaluations)
    return {status.value: counts[status] for status in Status if counts[status]}


def summary_line(evaluations: Sequence[Evaluation], as_of: datetime.date) -> str:
    """``12 targets as of 2026-11-22: 2 achieved, 10 unreported``."""
    counts = summary(evaluations)
    noun = "target" if len(evaluations) == 1 else "targets"
    parts = ", ".join(f"{count} {status}" for status, count in counts.items())
    return f"{len(evaluations)} {noun} as of {as_of}" + (f": {parts}" if parts else "")


def late_note(grace_days: int) -> str:
    """The footnote of the ``!`` mark."""
    return f"! unreported more than {grace_days} days after the deadline: check fails on it"


def print_status(
    evaluations: Sequence[Evaluation],
    dataset: Dataset,
    as_of: datetime.date,
    fmt: str,
    late: Collection[str] = (),
    grace_days: int = 365,
) -> None:
    """The progress table of ``iptarget status`` in one of its formats."""
    if fmt == "json":
        print_text(status_json(evaluations, as_of))
    elif fmt == "csv":
        print_text(status_csv(evaluations))
    elif fmt == "markdown":
        print_text(status_markdown(evaluations, dataset, as_of, late, grace_days))
    else:
        out = console()
        table = status_table(evaluations, dataset, late)
        lines = fitted_lines(table, out.is_terminal, out.width, narrower(table))
        if evaluations:
            print_lines(out, lines)
        say(out, summary_line(evaluations, as_of))
        if late:
            say(out, late_note(grace_days))


def status_markdown(
    evaluations: Sequence[Evaluation],
    dataset: Dataset,
    as_of: datetime.date,
    late: Collection[str] = (),
    grace_days: int = 365,
) -> str:
    """A GitHub-flavoured markdown table with the summary line under it."""
    lines = markdown(status_table(evaluations, dataset, late))
    notes = [summary_line(evaluations, as_of)] + ([late_note(grace_days)] if late else [])
    return "\n".join([*lines, "", "\n\n".join(notes), ""])


# -- JSON and CSV --------------------------------------------------------------------------

POINT_FIELDS = ("baseline", "start", "latest")
POINT_PARTS = ("period", "value", "derived")
JSON_FIELDS = (
    "id",
    "title",
    "policy",
    "metric",
    "unit",
    "region",
    "deadline",
    "direction",
    "strict",
    "target_value",
    *POINT_FIELDS,
    "progress_pct",
    "required_rate",
    "actual_rate",
    "pace",
    "projected",
    "status",
    "acknowledged",
)


def finite(value: float | None) -> float | None:
    """A computed figure for JSON, which has no NaN or Infinity: null when it is not finite."""
    return value if value is None or math.isfinite(value) else None


def _point_json(point: Point | None) -> dict[str, Any] | None:
    if point is None:
        return None
    return {"period": str(point.period), "value": finite(point.value), "derived": point.derived}


def evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    """One target as SPEC 5's JSON object."""
    target = evaluation.target
    return {
        "id": target.id,
        "title": target.title,
        "policy": evaluation.policy.file,
        "metric": target.metric,
        "unit": evaluation.metric.unit,
        "region": evaluation.region,
        "deadline": str(target.deadline),
        "direction": evaluation.direction,
        "strict": target.strict,
        "target_value": finite(evaluation.target_value),
        "baseline": _point_json(evaluation.baseline),
        "start": _point_json(evaluation.start),
        "latest": _point_json(evaluation.latest),
        "progress_pct": finite(evaluation.progress_pct),
        "required_rate": finite(evaluation.required_rate),
        "actual_rate": finite(evaluation.actual_rate),
        "pace": finite(evaluation.pace),
        "projected": finite(evaluation.projected),
        "status": evaluation.status.value,
        "acknowledged": target.acknowledged,
    }


def status_json(evaluations: Sequence[Evaluation], as_of: datetime.date) -> str:
    """``status --format json``: the stable interface for scripts."""
    document = {
        "as_of": as_of.isoformat(),
        "summary": summary(evaluations),
        "targets": [evaluation_json(evaluation) for evaluation in evaluations],
    }
    # "##[" is a command to a GitHub Actions log wherever it stands; as "#\u0023[" it reads
    # back the same and runs nothing.
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return text.replace("##[", "#\\u0023[") + "\n"


def csv_fields() -> list[str]:
    """The CSV header of ``status --format csv``: the JSON fields, points flattened."""
    fields: list[str] = []
    for key in JSON_FIELDS:
        if key in POINT_FIELDS:
            fields.extend(f"{key}_{part}" for part in POINT_PARTS)
        else:
            fields.append(key)
    return fields


def _csv_cells(document: dict[str, Any]) -> list[str]:
    """One target's JSON object as CSV cells: points flattened, null empty, booleans in words."""
    values: list[Any] = []
    for key in JSON_FIELDS:
        if key in POINT_FIELDS:
            point = document[key]
            values.extend(None if point is None else point[part] for part in POINT_PARTS)
        else:
            values.append(document[key])
    return [
        ""
        if value is None
        else ("true" if value else "false")
        if isinstance(value, bool)
        else str(value)
        for value in values
    ]


def status_csv(evaluations: Sequence[Evaluation]) -> str:
    """One row per target with the JSON fields flattened (``baseline_period``, …)."""
    columns = [Column(name) for name in csv_fields()]
    rows = [_csv_cells(evaluation_json(evaluation)) for evaluation in evaluations]
    return csv_text(Table(columns, rows))
