"""Everything users read: tables, JSON, CSV, markdown. The only module that imports rich."""

from __future__ import annotations

import csv
import datetime
import io
import json
import math
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from iptarget.errors import Problem
from iptarget.evaluate import (
    Evaluation,
    Failure,
    Point,
    Status,
    known_values,
    required_path,
)
from iptarget.models import Directory, Metric

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console
    from rich.text import Text

    from iptarget.store import Imported, Recorded

# rich is imported inside the functions that draw for a terminal: JSON, CSV and markdown
# output, the formats scripts read, start without it.

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
UNKNOWN = "-"
PIPE_WIDTH = 1000  # no wrapping when the output goes to a file or a pipe


def console(stderr: bool = False) -> Console:
    """A console for stdout or stderr: colours in a terminal, plain and unwrapped in a pipe."""
    from rich.console import Console

    out = Console(stderr=stderr, highlight=False)
    if not out.is_terminal:
        out = Console(stderr=stderr, highlight=False, width=PIPE_WIDTH)
    return out


def print_problems(problems: Iterable[Problem]) -> None:
    """Each problem as ``path: where: message`` on stderr, in red in a terminal."""
    from rich.text import Text

    err = console(stderr=True)
    for problem in problems:
        err.print(Text(str(problem), style="red"), soft_wrap=True)


def print_counts(root: object, directory: Directory) -> None:
    """What ``validate`` read, in one line."""
    targets = sum(len(entry.targets) for entry in directory.policies)
    derived = sum(
        value.derived for periods in directory.values.values() for value in periods.values()
    )
    console().print(
        f"{root}: {len(directory.metrics)} metrics, {len(directory.regions)} regions, "
        f"{len(directory.policies)} policies with {targets} targets, "
        f"{directory.actual_count} actuals and {derived} derived values; no problems"
    )


def print_written(paths: Sequence[Path]) -> None:
    """The files a command wrote, one per line."""
    for path in paths:
        sys.stdout.write(f"wrote {path}\n")


def print_schemas(kinds: Sequence[str], one: bool) -> None:
    """One file kind's JSON Schema, or an object of every kind's."""
    from iptarget.models import json_schema

    document = json_schema(kinds[0]) if one else {kind: json_schema(kind) for kind in kinds}
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


# -- numbers ---------------------------------------------------------------------------


def number(value: float | None, metric: Metric, unit: bool = False) -> str:
    """A value with the metric's decimals (default: 0 for whole numbers, else 2)."""
    if value is None:
        return UNKNOWN
    decimals = metric.decimals
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and float(text[1:].replace(",", "")) == 0:
        text = text[1:]
    return f"{text} {metric.unit}" if unit and metric.unit else text


def percent(value: float | None) -> str:
    """A percentage such as ``70%`` (one decimal below 10)."""
    if value is None:
        return UNKNOWN
    return f"{value:.1f}%" if abs(value) < 10 else f"{value:,.0f}%"


def yearly(value: float | None, evaluation: Evaluation) -> str:
    """A rate per year: a percentage when compound, a change in the metric's unit when linear."""
    if value is None:
        return UNKNOWN
    if evaluation.compound:
        return f"{value * 100:+.2f}% a year"
    return f"{'+' if value >= 0 else ''}{number(value, evaluation.metric, unit=True)} a year"


def _at(point: Point | None, metric: Metric) -> str:
    if point is None:
        return UNKNOWN
    return f"{number(point.value, metric)}{'*' if point.derived else ''} ({point.period})"


def _sign(evaluation: Evaluation) -> str:
    up = evaluation.direction == "up"
    if evaluation.target.strict:
        return ">" if up else "<"
    return "≥" if up else "≤"


def metric_label(metric: Metric) -> str:
    """The metric's name, with its unit when the name does not already say it."""
    if metric.unit and metric.unit.lower() not in metric.name.lower():
        return f"{metric.name} ({metric.unit})"
    return metric.name


# -- plain tables ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of a plain table: its heading and whether it holds numbers."""

    heading: str
    numeric: bool = False


def _fit(text: str, width: int, numeric: bool) -> str:
    """Pad a cell to ``width`` terminal cells (CJK counts double), cutting it with … if longer."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) > width:
        text = set_cell_size(text, width - 1) + "…"
    gap = " " * (width - cell_len(text))
    return gap + text if numeric else text + gap


def grid(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    styles: Sequence[str] | None = None,
    width: int | None = None,
    terminal: bool = False,
) -> list[Text]:
    """A table as lines of text, numbers to the right, each cell measured in terminal cells.

    Cells and headings may hold several lines; the last column is styled per row. With a
    ``width`` (a narrow terminal) columns stand one space apart, and the first column takes
    what the others leave, its lines cut to fit.
    """
    from rich.cells import cell_len
    from rich.text import Text

    headings = [column.heading for column in columns]
    gap = "  " if width is None else " "
    widths = [
        max(
            cell_len(line)
            for cell in [headings[i], *(row[i] for row in rows)]
            for line in cell.split("\n")
        )
        for i in range(len(columns))
    ]
    if width is not None and len(columns) > 1:
        rest = sum(widths[1:]) + len(gap) * (len(columns) - 1)
        ids = max((cell_len(row[0].split("\n")[0]) for row in rows), default=0)
        widths[0] = max(ids, cell_len(headings[0]), min(widths[0], width - rest))
    lines = _grid_row(columns, widths, headings, gap, "bold" if terminal else "", header=True)
    if terminal:
        lines.append(Text("─" * max(line.cell_len for line in lines), style="dim"))
    for index, row in enumerate(rows):
        lines.extend(_grid_row(columns, widths, row, gap, styles[index] if styles else ""))
    return lines


def _grid_row(
    columns: Sequence[Column],
    widths: Sequence[int],
    row: Sequence[str],
    gap: str,
    style: str,
    header: bool = False,
) -> list[Text]:
    """The lines of one row; ``style`` goes to the last cell, or the whole row for a header."""
    from rich.text import Text

    parts = [cell.split("\n") for cell in row]
    lines = []
    for number_ in range(max(len(part) for part in parts)):
        line = Text(style=style if header else "")
        for index, (column, size) in enumerate(zip(columns, widths, strict=True)):
            cell = parts[index][number_] if number_ < len(parts[index]) else ""
            last = index == len(columns) - 1
            line.append(gap if index else "")
            line.append(
                _fit(cell, size, column.numeric), style=style if last and number_ == 0 else ""
            )
        line.rstrip()
        lines.append(line)
    return lines


# -- the status table --------------------------------------------------------------------

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
COMPACT_COLUMNS = (
    COLUMNS[0],
    COLUMNS[3],
    Column("target\nvalue", numeric=True),
    *COLUMNS[5:],
)


def status_rows(evaluations: Sequence[Evaluation], directory: Directory) -> list[list[str]]:
    """The status table as plain text cells, one row per target."""
    rows = []
    for evaluation in evaluations:
        metric = evaluation.metric
        target_value = (
            UNKNOWN
            if evaluation.target_value is None
            else f"{_sign(evaluation)} {number(evaluation.target_value, metric)}"
        )
        rows.append(
            [
                evaluation.target.id,
                directory.regions[evaluation.region].name,
                metric_label(metric),
                _at(evaluation.baseline, metric) if evaluation.baseline else "",
                target_value,
                str(evaluation.target.deadline),
                _at(evaluation.latest, metric),
                percent(evaluation.progress_pct),
                number(evaluation.projected, metric),
                evaluation.status.value,
            ]
        )
    return rows


def _compact(rows: list[list[str]]) -> list[list[str]]:
    """Rows for a narrow terminal: region and metric under the id, periods under values."""
    return [
        [f"{row[0]}\n  {row[1]}\n  {row[2]}", *(cell.replace(" (", "\n(") for cell in row[3:])]
        for row in rows
    ]


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


def print_status(
    evaluations: Sequence[Evaluation], directory: Directory, as_of: datetime.date, fmt: str
) -> None:
    """The progress table of ``iptarget status`` in one of its formats."""
    if fmt == "json":
        sys.stdout.write(status_json(evaluations, as_of))
    elif fmt == "csv":
        sys.stdout.write(status_csv(evaluations))
    elif fmt == "markdown":
        sys.stdout.write(status_markdown(evaluations, directory, as_of))
    else:
        out = console()
        rows = status_rows(evaluations, directory)
        styles = [STYLES[evaluation.status] for evaluation in evaluations]
        lines = grid(COLUMNS, rows, styles, terminal=out.is_terminal)
        if out.is_terminal and max(line.cell_len for line in lines) > out.width:
            lines = grid(COMPACT_COLUMNS, _compact(rows), styles, out.width, terminal=True)
        if evaluations:
            _print_lines(out, lines)
        out.print(summary_line(evaluations, as_of), soft_wrap=True)


def _print_lines(out: Console, lines: Iterable[Text]) -> None:
    for line in lines:
        out.print(line, soft_wrap=True, overflow="ignore", crop=False)


def status_markdown(
    evaluations: Sequence[Evaluation], directory: Directory, as_of: datetime.date
) -> str:
    """A GitHub-flavoured markdown table with the summary line under it."""
    lines = [
        "| " + " | ".join(column.heading for column in COLUMNS) + " |",
        "| " + " | ".join("---:" if column.numeric else "---" for column in COLUMNS) + " |",
    ]
    for row in status_rows(evaluations, directory):
        cells = [cell.replace("|", "\\|") for cell in row]
        cells[-1] = f"**{cells[-1]}**" if cells[-1] in ("missed", "regressing") else cells[-1]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join([*lines, "", summary_line(evaluations, as_of), ""])


# -- JSON and CSV --------------------------------------------------------------------------


def _point_json(point: Point | None) -> dict[str, Any] | None:
    if point is None:
        return None
    return {"period": str(point.period), "value": point.value, "derived": point.derived}


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
        "target_value": evaluation.target_value,
        "baseline": _point_json(evaluation.baseline),
        "start": _point_json(evaluation.start),
        "latest": _point_json(evaluation.latest),
        "progress_pct": evaluation.progress_pct,
        "required_rate": evaluation.required_rate,
        "actual_rate": evaluation.actual_rate,
        "pace": evaluation.pace,
        "projected": evaluation.projected,
        "status": evaluation.status.value,
    }


def status_json(evaluations: Sequence[Evaluation], as_of: datetime.date) -> str:
    """``status --format json``: the stable interface for scripts."""
    document = {
        "as_of": as_of.isoformat(),
        "summary": summary(evaluations),
        "targets": [evaluation_json(evaluation) for evaluation in evaluations],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _flatten(document: dict[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in document.items():
        if key in POINT_FIELDS:
            for part in ("period", "value", "derived"):
                flat[f"{key}_{part}"] = None if value is None else value[part]
        else:
            flat[key] = value
    return flat


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def status_csv(evaluations: Sequence[Evaluation]) -> str:
    """One row per target with the JSON fields flattened (``baseline_period``, …)."""
    rows = [_flatten(evaluation_json(evaluation)) for evaluation in evaluations]
    fields = csv_fields()
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: CRLF, and a field with \r or \n in it is quoted
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_csv_cell(row[field]) for field in fields])
    return buffer.getvalue()


POINT_FIELDS = ("baseline", "start", "latest")
JSON_FIELDS = [
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
    "baseline",
    "start",
    "latest",
    "progress_pct",
    "required_rate",
    "actual_rate",
    "pace",
    "projected",
    "status",
]


def csv_fields() -> list[str]:
    """The CSV header of ``status --format csv``: the JSON fields, points flattened."""
    fields: list[str] = []
    for key in JSON_FIELDS:
        if key in POINT_FIELDS:
            fields.extend(f"{key}_{part}" for part in ("period", "value", "derived"))
        else:
            fields.append(key)
    return fields


# -- show ----------------------------------------------------------------------------------


def goal_words(evaluation: Evaluation) -> str:
    """The goal in plain words: ``at least 2 × the 2014 value (1,234) = 2,468 by 2020``."""
    target, metric = evaluation.target, evaluation.metric
    key, amount = target.goal
    up = evaluation.direction == "up"
    comparison = (
        ("more than" if up else "less than") if target.strict else ("at least" if up else "at most")
    )
    deadline = f"by {target.deadline}"
    if key in ("at_least", "at_most"):
        return f"{comparison} {number(amount, metric, unit=True)} {deadline}"
    base = evaluation.baseline
    assert base is not None
    known = "unknown" if base.value is None else number(base.value, metric)
    of = f"the {base.period} value ({known})"
    step = {
        "factor": f"{amount:g} × {of}",
        "increase": f"{of} + {number(amount, metric)}",
        "increase_pct": f"{of} + {amount:g}%",
        "decrease": f"{of} − {number(amount, metric)}",
        "decrease_pct": f"{of} − {amount:g}%",
    }[key]
    result = (
        "?"
        if evaluation.target_value is None
        else number(evaluation.target_value, metric, unit=True)
    )
    return f"{comparison} {step} = {result} {deadline}"


def print_show(evaluation: Evaluation, directory: Directory, as_of: datetime.date) -> None:
    """``iptarget show``: one target in full."""
    from rich.text import Text

    out = console()
    target, metric, policy = evaluation.target, evaluation.metric, evaluation.policy
    region = directory.regions[evaluation.region]
    issuer = f" ({policy.policy.issuer})" if policy.policy.issuer else ""
    issued = f", issued {policy.policy.issued}" if policy.policy.issued else ""
    facts: list[tuple[str, str | Text]] = [
        ("policy", f"{policy.policy.title}{issuer}{issued}"),
        ("file", policy.path),
        ("source", policy.policy.source or UNKNOWN),
        ("metric", f"{metric_label(metric)} [{target.metric}]"),
        ("region", f"{region.name} [{evaluation.region}]"),
        ("goal", goal_words(evaluation)),
        ("start", _at(evaluation.start, metric)),
        ("latest", _at(evaluation.latest, metric)),
        ("progress", percent(evaluation.progress_pct)),
        ("required", yearly(evaluation.required_rate, evaluation)),
        ("actual", yearly(evaluation.actual_rate, evaluation)),
        ("pace", UNKNOWN if evaluation.pace is None else f"{evaluation.pace:.2f}"),
        ("projected", number(evaluation.projected, metric, unit=True)),
        (
            "status",
            Text.assemble((evaluation.status.value, STYLES[evaluation.status]), f"  as of {as_of}"),
        ),
    ]
    out.print(Text.assemble((target.id, "bold"), "  ", target.title), soft_wrap=True)
    for label, value in facts:
        out.print(Text.assemble((f"  {label:<10}", "bold"), value), soft_wrap=True)
    out.print()
    _print_lines(out, _values_grid(evaluation, directory, as_of, out.is_terminal))
    chart = chart_lines(evaluation)
    if chart:
        out.print()
        out.print(Text("actual (█) against the required path (|)", style="bold"))
        _print_lines(out, (Text(line) for line in chart))


VALUE_COLUMNS = (
    Column("period"),
    Column("value", numeric=True),
    Column("required", numeric=True),
    Column(""),
)


def _values_grid(
    evaluation: Evaluation, directory: Directory, as_of: datetime.date, terminal: bool
) -> list[Text]:
    """Every known value of the metric in the region beside the required path."""
    from rich.text import Text

    metric, deadline = evaluation.metric, evaluation.target.deadline
    values = known_values(directory, evaluation.target.metric, evaluation.region, as_of)
    path = dict(required_path(evaluation))
    rows = []
    for period in sorted(set(values) | set(path)):
        value = values.get(period)
        notes = []
        if value is not None and value.derived:
            notes.append("derived")
        if period.granularity != deadline.granularity:
            notes.append(f"{period.granularity}ly figure, not compared")
        if evaluation.start is not None and period == evaluation.start.period:
            notes.append("start")
        if period == deadline:
            notes.append("deadline")
        rows.append(
            [
                str(period),
                "" if value is None else number(value.value, metric),
                number(path[period], metric) if period in path else "",
                ", ".join(notes),
            ]
        )
    if not rows:
        return [Text(f"no values of {evaluation.target.metric} known for {evaluation.region}")]
    return grid(VALUE_COLUMNS, rows, terminal=terminal)


CHART_WIDTH = 40


def chart_lines(evaluation: Evaluation) -> list[str]:
    """A small bar chart, one line a period: the actual value as a bar, the required as ``|``."""
    path = required_path(evaluation)
    if not path:
        return []
    actual = {value.period: value.value for value in evaluation.series}
    numbers = [value for _, value in path] + [
        value for period, value in actual.items() if path[0][0] <= period <= path[-1][0]
    ]
    top = max(numbers)
    if min(numbers) < 0 or top <= 0 or not math.isfinite(top):
        return []
    lines = []
    width = max(len(str(period)) for period, _ in path)
    for period, required in path:
        value = actual.get(period)
        cells = [" "] * (CHART_WIDTH + 1)
        if value is not None:
            for index in range(round(value / top * CHART_WIDTH)):
                cells[index] = "█"
        cells[round(required / top * CHART_WIDTH)] = "|"
        shown = "" if value is None else number(value, evaluation.metric)
        lines.append(f"{period!s:<{width}}  {''.join(cells)} {shown}".rstrip())
    return lines


# -- add-actual ------------------------------------------------------------------------------


def print_recorded(
    recorded: Recorded, before: Sequence[Evaluation], after: Sequence[Evaluation]
) -> None:
    """What ``add-actual`` wrote, and the statuses of the targets it touches."""
    out = console()
    actual = recorded.actual
    metric = recorded.after.metrics[actual.metric]
    what = f"{actual.metric} {actual.region} {actual.period}"
    new = number(actual.value, metric, unit=True)
    if recorded.replaced is None:
        out.print(f"recorded {what} = {new} in {recorded.path}", soft_wrap=True)
    else:
        old = number(recorded.replaced.value, metric, unit=True)
        out.print(f"replaced {what} in {recorded.path}: {old} -> {new}", soft_wrap=True)
        out.print(f"  old source: {recorded.replaced.source or UNKNOWN}", soft_wrap=True)
        out.print(f"  new source: {actual.source or UNKNOWN}", soft_wrap=True)
    if not after:
        out.print(f"no target uses {actual.metric} in {actual.region}", soft_wrap=True)
        return
    was = {evaluation.target.id: evaluation.status for evaluation in before}
    rows = []
    for evaluation in after:
        previous = was[evaluation.target.id]
        change = "" if previous is evaluation.status else f"changed from {previous.value}"
        rows.append([evaluation.target.id, change, evaluation.status.value])
    styles = [STYLES[evaluation.status] for evaluation in after]
    columns = (Column("target"), Column(""), Column("status"))
    _print_lines(out, grid(columns, rows, styles, terminal=out.is_terminal))


def print_imported(imported: Imported, skipped: int, dry_run: bool) -> None:
    """What ``import`` wrote (or would write): counts per file, and every replaced figure."""
    out = console()
    files: dict[str, list[int]] = {}
    for change in imported.changes:
        counts = files.setdefault(change.path, [0, 0])
        counts[change.replaced is not None] += 1
        if change.replaced is not None:
            actual, metric = change.actual, imported.after.metrics[change.actual.metric]
            old = number(change.replaced.value, metric, unit=True)
            new = number(actual.value, metric, unit=True)
            verb = "would replace" if dry_run else "replaced"
            what = f"{actual.metric} {actual.region} {actual.period}"
            out.print(f"{verb} {what}: {old} -> {new}", soft_wrap=True)
    for path, (added, replaced) in files.items():
        out.print(f"{path}: {added} added, {replaced} replaced", soft_wrap=True)
    added = sum(counts[0] for counts in files.values())
    replaced = sum(counts[1] for counts in files.values())
    summary = f"{added} added, {replaced} replaced in {len(files)} files"
    if imported.unchanged:
        summary += f"; {imported.unchanged} already recorded as given"
    if skipped:
        summary += f"; {skipped} derived rows skipped"
    out.print(summary + ("; nothing written (--dry-run)" if dry_run else ""), soft_wrap=True)


def values_csv(directory: Directory) -> str:
    """Every value, recorded and derived, one row each, for spreadsheets and pandas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: CRLF, and a field with \r or \n in it is quoted
    writer.writerow(["metric", "region", "period", "value", "derived", "source", "note"])
    for (metric, region), periods in sorted(directory.values.items()):
        for period in sorted(periods):
            value = periods[period]
            writer.writerow(
                [
                    metric,
                    region,
                    str(period),
                    exact(value.value),
                    "true" if value.derived else "false",
                    value.source or "",
                    value.note or "",
                ]
            )
    return buffer.getvalue()


def exact(value: float) -> str:
    """A float in plain decimal digits that read back as the same float (no exponent)."""
    text = format(Decimal(repr(value)), "f")
    return text.removesuffix(".0") if text.endswith(".0") else text


# -- check -----------------------------------------------------------------------------------


def failure_reason(failure: Failure) -> str:
    """Why a target fails ``check``, with its numbers."""
    evaluation = failure.evaluation
    metric, deadline = evaluation.metric, evaluation.target.deadline
    goal = f"{_sign(evaluation)} {number(evaluation.target_value, metric, unit=True)}"
    if evaluation.status is Status.MISSED and evaluation.latest is not None:
        value = number(evaluation.latest.value, metric, unit=True)
        return f"missed: {value} in {deadline}, against {goal}"
    if failure.days_late is not None:
        return f"unreported: no figure for {deadline}, {failure.days_late} days after it ended"
    latest = _at(evaluation.latest, metric)
    pace = UNKNOWN if evaluation.pace is None else f"{evaluation.pace:.2f}"
    return f"{evaluation.status.value}: latest {latest}, pace {pace}, needs {goal} by {deadline}"


def print_check(
    evaluations: Sequence[Evaluation], failing: Sequence[Failure], as_of: datetime.date
) -> None:
    """The failing targets with their reasons, then one summary line."""
    out = console()
    if failing:
        rows = [
            [f.evaluation.target.id, f.evaluation.policy.file, failure_reason(f)] for f in failing
        ]
        columns = (Column("target"), Column("policy"), Column("why it fails"))
        _print_lines(out, grid(columns, rows, terminal=out.is_terminal))
        noun = "target" if len(evaluations) == 1 else "targets"
        verb = "fails" if len(failing) == 1 else "fail"
        line = f"{len(failing)} of {len(evaluations)} {noun} {verb} as of {as_of}"
    else:
        line = f"{summary_line(evaluations, as_of)}; none fails"
    out.print(line, soft_wrap=True)


def github_annotations(
    failing: Sequence[Failure], id_lines: Mapping[str, Mapping[str, int]]
) -> list[str]:
    """``::error`` workflow commands pointing at each failing target's ``id`` line."""
    annotations = []
    for failure in failing:
        target, path = failure.evaluation.target, failure.evaluation.policy.path
        line = id_lines.get(path, {}).get(target.id, 1)
        message = _escape_command(f"{target.id}: {failure_reason(failure)}")
        annotations.append(
            f"::error file={_escape_property(path)},line={line},"
            f"title={_escape_property(f'iptarget: {target.id}')}::{message}"
        )
    return annotations


def _escape_command(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_command(text).replace(":", "%3A").replace(",", "%2C")


def junit_xml(
    evaluations: Sequence[Evaluation], failing: Sequence[Failure], as_of: datetime.date
) -> str:
    """A JUnit XML report: one test case per target, a failure per failing target."""
    from xml.etree import ElementTree

    failed = {failure.evaluation.target.id: failure for failure in failing}
    counts = {"tests": str(len(evaluations)), "failures": str(len(failing)), "errors": "0"}
    suites = ElementTree.Element("testsuites", {"name": "iptarget", **counts})
    suite = ElementTree.SubElement(
        suites, "testsuite", {"name": "iptarget check", "timestamp": as_of.isoformat(), **counts}
    )
    for evaluation in evaluations:
        case = ElementTree.SubElement(
            suite,
            "testcase",
            classname=evaluation.policy.file,
            name=evaluation.target.id,
            file=evaluation.policy.path,
        )
        figures = json.dumps(evaluation_json(evaluation), ensure_ascii=False, indent=2)
        failure = failed.get(evaluation.target.id)
        if failure is None:
            ElementTree.SubElement(case, "system-out").text = figures
        else:
            element = ElementTree.SubElement(
                case, "failure", message=failure_reason(failure), type=evaluation.status.value
            )
            element.text = figures
    ElementTree.indent(suites)
    return ElementTree.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
