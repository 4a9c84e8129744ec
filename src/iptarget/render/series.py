"""``iptarget series``: a metric's values as a terminal table, JSON or CSV."""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from typing import Any

from iptarget.core.dataset import Metric
from iptarget.core.series import Block, Point
from iptarget.errors import exact
from iptarget.i18n import _
from iptarget.render.console import console, print_lines, print_text, say
from iptarget.render.numbers import UNKNOWN, marks_note, metric_label, number
from iptarget.render.status_data import finite
from iptarget.render.table import Column, Table, csv_text, fitted_lines

COLUMNS = (
    Column("region"),
    Column("period"),
    Column("value", numeric=True),
    Column("on a year before", numeric=True),
    Column("how"),
)
CSV_FIELDS = (
    "region", "granularity", "period", "value", "derived", "rule", "source", "growth_pct",
    "missing", "published", "flag",
)  # fmt: skip


def _how(point: Point) -> str:
    """Recorded (with its source), derived (with its rule), or the members a sum lacks."""
    if point.value is None:
        return _("unknown; missing: {members}").format(members=", ".join(point.missing))
    if point.derived:
        return _("derived: {rule}").format(rule=point.rule) if point.rule else _("derived")
    how = _("recorded ({source})").format(source=point.source) if point.source else _("recorded")
    if point.vintages:
        how += (
            "; "
            + _("vintages")
            + " "
            + ", ".join(
                f"{exact(vintage.value)} ({vintage.published or 'undated'}"
                + (
                    f", {_('provisional') if vintage.flag == 'p' else _('estimated')})"
                    if vintage.flag
                    else ")"
                )
                for vintage in point.vintages
            )
        )
    elif point.published is not None:
        how += "; " + _("published {date}").format(date=point.published)
    return how


def _growth(value: float | None) -> str:
    return UNKNOWN if value is None else f"{value:+.1f}%"


def series_table(blocks: Sequence[Block], metric: Metric) -> Table:
    """One row a period, and after each block its compound annual growth."""
    rows = []
    for block in blocks:
        for point in block.points:
            shown = "?" if point.value is None else number(point.value, metric)
            mark = ("*" if point.derived else "") + (point.flag or "")
            rows.append(
                [
                    block.region,
                    str(point.period),
                    shown + mark,
                    _growth(point.growth_pct),
                    _how(point),
                ]
            )
        valued = [point.period for point in block.points if point.value is not None]
        if metric.growth_of is None and len(valued) > 1:
            first, last = valued[0], valued[-1]
            growth = (
                UNKNOWN
                if block.cagr_pct is None
                else _("{rate} a year").format(rate=f"{block.cagr_pct:+.1f}%")
            )
            span = _("{first} to {last}").format(first=first, last=last)
            rows.append(["", span, "", growth, _("compound annual growth")])
    return Table(COLUMNS, rows, flexible=4)


def print_series(blocks: Sequence[Block], metric: Metric, as_of: datetime.date, fmt: str) -> None:
    """``iptarget series`` in one of its formats."""
    if fmt == "json":
        print_text(series_json(blocks, metric, as_of))
    elif fmt == "csv":
        print_text(series_csv(blocks))
    else:
        out = console()
        say(out, f"{metric_label(metric)} [{metric.id}] as of {as_of}")
        if blocks:
            table = series_table(blocks, metric)
            print_lines(out, fitted_lines(table, out.is_terminal, out.width))
            marks = marks_note(point for block in blocks for point in block.points)
            if marks:
                say(out, marks)
        else:
            say(out, f"no values of {metric.id}")


def _point_json(point: Point) -> dict[str, Any]:
    return {
        "period": str(point.period),
        "value": None if point.value is None else finite(point.value),
        "derived": point.derived,
        "rule": point.rule,
        "source": point.source,
        "growth_pct": finite(point.growth_pct),
        "missing": list(point.missing),
        "published": None if point.published is None else point.published.isoformat(),
        "flag": point.flag,
        "vintages": [
            {
                "value": finite(vintage.value),
                "published": None if vintage.published is None else vintage.published.isoformat(),
                "flag": vintage.flag,
                "source": vintage.source,
            }
            for vintage in point.vintages
        ],
    }


def series_json(blocks: Sequence[Block], metric: Metric, as_of: datetime.date) -> str:
    """The series as one JSON object: a block per region and granularity."""
    document = {
        "metric": metric.id,
        "as_of": as_of.isoformat(),
        "series": [
            {
                "region": block.region,
                "granularity": block.granularity,
                "values": [_point_json(point) for point in block.points],
                "cagr_pct": finite(block.cagr_pct),
            }
            for block in blocks
        ],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return text.replace("##[", "#\\u0023[") + "\n"


def series_csv(blocks: Sequence[Block]) -> str:
    """One row a period, numbers as computed."""
    rows = []
    for block in blocks:
        for point in block.points:
            cells = _point_json(point)
            rows.append(
                [
                    block.region,
                    block.granularity,
                    cells["period"],
                    "" if point.value is None else exact(point.value, grouped=False),
                    "true" if point.derived else "false",
                    point.rule or "",
                    point.source or "",
                    "" if point.growth_pct is None else repr(point.growth_pct),
                    " ".join(point.missing),
                    cells["published"] or "",
                    point.flag or "",
                ]
            )
    return csv_text(Table([Column(name) for name in CSV_FIELDS], rows))
