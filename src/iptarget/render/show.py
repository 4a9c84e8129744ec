"""``iptarget show``: one target in full, with its values, its required path and a chart."""

from __future__ import annotations

import datetime
import math
from typing import TYPE_CHECKING

from iptarget.core.dataset import Dataset, Metric, Value
from iptarget.core.evaluate import Evaluation
from iptarget.i18n import _, _p, status_word
from iptarget.render.console import console, print_lines
from iptarget.render.escape import clean
from iptarget.render.numbers import (
    UNKNOWN,
    at,
    marks_note,
    metric_label,
    number,
    pace,
    percent,
    region_name,
    title_of,
    yearly,
)
from iptarget.render.status import STYLES
from iptarget.render.table import Column, Table, terminal_lines, wrap

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.text import Text

    from iptarget.periods import Period

VALUE_COLUMNS = (
    Column("period"),
    Column("value", numeric=True),
    Column("required", numeric=True),
    Column(""),
)
CHART_WIDTH = 40


def goal_words(evaluation: Evaluation) -> str:
    """The goal in plain words: ``at least 2 × the 2014 value (1,234) = 2,468 by 2020``."""
    target, metric = evaluation.target, evaluation.metric
    key, amount = target.goal, target.amount
    up = evaluation.direction == "up"
    comparison = (
        (_("more than") if up else _("less than"))
        if target.strict
        else (_("at least") if up else _("at most"))
    )
    if key in ("at_least", "at_most"):
        return _("{comparison} {value} by {deadline}").format(
            comparison=comparison,
            value=number(amount, metric, unit=True),
            deadline=target.deadline,
        )
    base = evaluation.baseline
    assert base is not None
    known = "unknown" if base.value is None else number(base.value, metric)
    of = _("the {period} value ({value})").format(period=base.period, value=known)
    step = {
        "factor": _("{amount} × {base}"),
        "increase": _("{base} + {amount}"),
        "increase_pct": _("{base} + {amount}%"),
        "decrease": _("{base} − {amount}"),
        "decrease_pct": _("{base} − {amount}%"),
        "annual_growth_pct": _("{base} grown {amount}% a year"),
    }[key].format(
        base=of,
        amount=number(amount, metric)
        if key in ("increase", "decrease")
        else f"{amount:+g}"
        if key == "annual_growth_pct"
        else f"{amount:g}",
    )
    result = (
        "?"
        if evaluation.target_value is None
        else number(evaluation.target_value, metric, unit=True)
    )
    return _("{comparison} {value} by {deadline}").format(
        comparison=comparison, value=f"{step} = {result}", deadline=target.deadline
    )


def print_show(
    evaluation: Evaluation,
    dataset: Dataset,
    as_of: datetime.date,
    never: str | None = None,
    vintages: Mapping[Period, tuple[Value, ...]] | None = None,
) -> None:
    """``iptarget show``: one target in full; ``never`` says why it can never have a value,
    ``vintages`` holds the figures with several vintages known, to list each."""
    from rich.cells import cell_len
    from rich.text import Text

    out = console()
    target, metric, policy = evaluation.target, evaluation.metric, evaluation.policy
    region = dataset.regions[evaluation.region]
    issuer = f" ({policy.issuer})" if policy.issuer else ""
    issued = ", " + _("issued {date}").format(date=policy.issued) if policy.issued else ""
    facts: list[tuple[str, str | Text]] = [
        (_("policy"), f"{title_of(policy)}{issuer}{issued}"),
        (_("file"), policy.path),
        (_("source"), policy.source or UNKNOWN),
        (_("metric"), f"{metric_label(metric)} [{target.metric}]"),
        (_("region"), f"{region_name(region)} [{evaluation.region}]"),
        (_("goal"), goal_words(evaluation)),
        (_("start"), at(evaluation.start, metric)),
        (_("latest"), at(evaluation.latest, metric)),
        (_("progress"), percent(evaluation.progress_pct)),
        (_p("show", "required"), yearly(evaluation.required_rate, evaluation)),
        (_("actual"), yearly(evaluation.actual_rate, evaluation)),
        (_("pace"), pace(evaluation.pace)),
        (_("projected"), number(evaluation.projected, metric, unit=True)),
        (
            _("status"),
            Text.assemble(
                (status_word(evaluation.status.value), STYLES[evaluation.status]),
                "  " + _("as of {date}").format(date=as_of),
            ),
        ),
    ]
    if never is not None:
        facts.append((_("why"), _("it can never have a value: {reason}").format(reason=never)))
    width = out.width if out.is_terminal else None
    title = _hanging(clean(title_of(target)), len(target.id) + 2, width)
    lines = [Text.assemble((target.id, "bold"), "  ", title)]
    lines += [
        Text.assemble(
            ("  " + label + " " * max(1, 10 - cell_len(label)), "bold"),
            _hanging(clean(value), 12, width) if isinstance(value, str) else value,
        )
        for label, value in facts
    ]
    print_lines(out, lines)
    out.print()
    table = values_table(evaluation, vintages or {})
    if table.rows:
        print_lines(out, terminal_lines(table, terminal=out.is_terminal))
        marks = marks_note(evaluation.known)
        if marks:
            print_lines(out, [Text(marks)])
    else:
        missing = _("no values of {metric} known for {region}").format(
            metric=evaluation.target.metric, region=evaluation.region
        )
        print_lines(out, [Text(missing)])
    chart = chart_lines(evaluation)
    if chart:
        out.print()
        out.print(Text(_("actual (█) against the required path (|)"), style="bold"))
        print_lines(out, (Text(line) for line in chart))


def _hanging(text: str, indent: int, width: int | None) -> str:
    """Text that follows ``indent`` cells of a line, wrapped at spaces to a terminal's width,
    its later lines indented as far; whole in a pipe."""
    if width is None:
        return text
    return wrap(" " * indent + text, width)[indent:]


def values_table(
    evaluation: Evaluation, vintages: Mapping[Period, tuple[Value, ...]] | None = None
) -> Table:
    """Every known value of the metric in the region beside the required path; under a
    figure with several vintages, the vintages not used."""
    metric, deadline = evaluation.metric, evaluation.target.deadline
    values = {value.period: value for value in evaluation.known}
    path = dict(evaluation.path)
    start = None if evaluation.start is None else evaluation.start.period
    rows = []
    for period in sorted(set(values) | set(path)):
        value = values.get(period)
        notes = [] if value is None else _vintage_notes(value)
        if value is not None and value.derived:
            notes.append(
                _("derived: {rule}").format(rule=value.rule) if value.rule else _("derived")
            )
        several = (vintages or {}).get(period, ())
        if several:
            notes.append(_("{count} vintages").format(count=len(several)))
        if period.granularity != deadline.granularity:
            notes.append(
                _("{granularity}ly figure, not compared").format(granularity=period.granularity)
            )
        if period == start:
            notes.append(_("start"))
        if period == deadline:
            notes.append(_("deadline"))
        rows.append(
            [
                str(period),
                "" if value is None else _marked(value, metric),
                number(path[period], metric) if period in path else "",
                ", ".join(notes),
            ]
        )
        rows += [
            ["", _marked(other, metric), "", ", ".join([_("not used"), *_vintage_notes(other)])]
            for other in several
            if other != value
        ]
    return Table(VALUE_COLUMNS, rows)


def _marked(value: Value, metric: Metric) -> str:
    """A value with its marks: ``*`` derived, ``p`` provisional, ``e`` estimated."""
    return number(value.value, metric) + ("*" if value.derived else "") + (value.flag or "")


def _vintage_notes(value: Value) -> list[str]:
    """When a vintage was published, and its flag in words."""
    notes = [] if value.published is None else [_("published {date}").format(date=value.published)]
    words = {"p": _("provisional"), "e": _("estimated")}
    return notes + ([words[value.flag]] if value.flag else [])


def chart_lines(evaluation: Evaluation) -> list[str]:
    """A small bar chart, one line a period: the actual value as a bar, the required as ``|``."""
    path = evaluation.path
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
