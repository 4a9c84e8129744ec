"""``iptarget series``: a metric's values as a terminal table, JSON or CSV."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, assert_never

from iptarget.render.json_text import json_document

if TYPE_CHECKING:
    from iptarget.core.dataset import Value

from iptarget.choices import SeriesFormat
from iptarget.core.dataset import Metric, Region
from iptarget.core.series import Block, Row
from iptarget.errors import exact
from iptarget.i18n import NP_, _, pgettext, speaking
from iptarget.render.console import console, print_lines, print_text, say
from iptarget.render.numbers import UNKNOWN, marks, marks_note, metric_label, number
from iptarget.render.status_data import finite
from iptarget.render.table import Column, Table, csv_text, fitted_lines
from iptarget.render.words import date_words, flag_words, period_words, region_ref, shown, worded

COLUMNS = (
    Column(NP_("heading", "region")),
    Column(NP_("heading", "period")),
    Column(NP_("heading", "value"), numeric=True),
    Column(NP_("heading", "on a year before"), numeric=True),
    Column(NP_("heading", "how")),
)
CSV_FIELDS = (
    "region", "granularity", "period", "value", "derived", "rule", "source", "growth_pct",
    "missing", "published", "flag",
)  # fmt: skip


def _rule(point: Row) -> str:
    return worded(point.rule) if point.rule else pgettext("rule", "derived")


def _how(point: Row, regions: Mapping[str, Region]) -> str:
    """Recorded (with its source), derived (with its rule), or the members a sum lacks."""
    if point.value is None:
        missing = [_region(regions, member) for member in point.missing]
        return _("unknown; missing: {members}").format(members=shown(missing))
    if point.derived:
        return _("derived: {rule}").format(rule=_rule(point))
    how = _("recorded ({source})").format(source=point.source) if point.source else _("recorded")
    if point.vintages:
        listed = shown([_vintage(value) for value in point.vintages])
        return _("{how}; vintages {vintages}").format(how=how, vintages=listed)
    if point.published is not None:
        date = date_words(point.published)
        return _("{how}; published {date}").format(how=how, date=date)
    return how


def _vintage(vintage: Value) -> str:
    """One vintage in the how column: its value, date and flag."""
    value = exact(vintage.value)
    if vintage.published is None:
        dated = _("{value} (undated)").format(value=value)
        return (
            dated
            if not vintage.flag
            else _("{value} (undated, {flag})").format(value=value, flag=flag_words(vintage.flag))
        )
    date = date_words(vintage.published)
    if vintage.flag:
        return _("{value} ({date}, {flag})").format(
            value=value, date=date, flag=flag_words(vintage.flag)
        )
    return _("{value} ({date})").format(value=value, date=date)


def _growth(value: float | None) -> str:
    return UNKNOWN if value is None else f"{value:+.1f}%"


def _region(regions: Mapping[str, Region], region: str) -> str:
    """A region in the table: its id, or its Chinese name in Chinese."""
    known = regions.get(region)
    return region if known is None else region_ref(known)


def series_table(blocks: Sequence[Block], metric: Metric, regions: Mapping[str, Region]) -> Table:
    """One row a period, and after each block its compound annual growth."""
    rows = []
    for block in blocks:
        for point in block.points:
            value = "?" if point.value is None else number(point.value, metric)
            rows.append(
                [
                    _region(regions, block.region),
                    period_words(point.period),
                    value + marks(point),
                    _growth(point.growth_pct),
                    _how(point, regions),
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
            span = _("{first} to {last}").format(first=period_words(first), last=period_words(last))
            rows.append(["", span, "", growth, _("compound annual growth")])
    return Table(COLUMNS, rows, flexible=4)


def print_series(
    blocks: Sequence[Block],
    metric: Metric,
    regions: Mapping[str, Region],
    as_of: datetime.date,
    fmt: SeriesFormat,
) -> None:
    """``iptarget series`` in one of its formats."""
    match fmt:
        case SeriesFormat.JSON:
            print_text(series_json(blocks, metric, as_of))
        case SeriesFormat.CSV:
            print_text(series_csv(blocks))
        case SeriesFormat.TABLE:
            _print_table(blocks, metric, regions, as_of)
        case _:
            assert_never(fmt)


def _print_table(
    blocks: Sequence[Block], metric: Metric, regions: Mapping[str, Region], as_of: datetime.date
) -> None:
    out = console()
    title = _("{metric} [{id}] as of {date}").format(
        metric=metric_label(metric), id=metric.id, date=date_words(as_of)
    )
    say(out, title)
    if blocks:
        table = series_table(blocks, metric, regions)
        print_lines(out, fitted_lines(table, out.is_terminal, out.width))
        note = marks_note(point for block in blocks for point in block.points)
        if note:
            say(out, note)
    else:
        say(out, _("no values of {metric}").format(metric=metric.id))


def _point_json(point: Row) -> dict[str, Any]:
    with speaking("en"):  # machines read the rule in English, whatever the language
        rule = _rule(point) if point.derived else None
    return {
        "period": str(point.period),
        "value": None if point.value is None else finite(point.value),
        "derived": point.derived,
        "rule": rule,
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
    return json_document(document)


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
                    cells["rule"] or "",
                    point.source or "",
                    "" if point.growth_pct is None else repr(point.growth_pct),
                    " ".join(point.missing),
                    cells["published"] or "",
                    point.flag or "",
                ]
            )
    return csv_text(Table([Column(name) for name in CSV_FIELDS], rows))
