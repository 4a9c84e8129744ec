"""The layouts ``import`` reads (SPEC 5.3), chosen and set up from its options, and the
options that apply to every row it records."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import replace

from iptarget.errors import Invalid, Problem, UserError, text
from iptarget.periods import Period
from iptarget.store.tables import Layout, TableRows
from iptarget.texts import figures, layouts
from iptarget.typed_periods import parse_typed_period

#: The options of each layout besides the long one; each of them refused with any other.
OPTIONS = {
    "cnipa": ("--metric", "--period", "--growth-metric", "--total-metric", "--skip-unknown"),
    "wide": ("--metric", "--transpose", "--skip-unknown"),
    "sdmx": ("--skip-unknown",),
}
#: The options a layout cannot do without.
REQUIRED = {"cnipa": ("--metric", "--period"), "wide": ("--metric",)}


def layout_of(name: str, options: Mapping[str, str | bool | None], today: datetime.date) -> Layout:
    """The layout ``--layout`` names, set up with its options; an option of another layout, a
    missing one or a period that is not a month that has ended is refused."""
    from iptarget.store.long_layout import LONG

    allowed = OPTIONS.get(name, ())
    problems = [
        Problem(option, text(layouts.NOT_FOR_LAYOUT, layout=name))
        for option, given in options.items()
        if given is not None and option not in allowed
    ]
    problems += [
        Problem("--layout", text(layouts.LAYOUT_NEEDS, layout=name, option=option))
        for option in REQUIRED.get(name, ())
        if options.get(option) is None
    ]
    if problems:
        raise UserError(problems)
    if name == "sdmx":
        from iptarget.store.sdmx import SdmxLayout

        return SdmxLayout(bool(options["--skip-unknown"]))
    if name == "wide":
        from iptarget.store.wide import WideLayout

        metric, transpose = str(options["--metric"]), bool(options["--transpose"])
        return WideLayout(metric, transpose, bool(options["--skip-unknown"]))
    if name != "cnipa":
        return LONG
    from iptarget.store.cnipa import CnipaLayout, CnipaTable

    month = _month(str(options["--period"]), today)
    growth, total = options["--growth-metric"], options["--total-metric"]
    table = CnipaTable(
        str(options["--metric"]),
        month,
        None if growth is None else str(growth),
        None if total is None else str(total),
        bool(options["--skip-unknown"]),
    )
    return CnipaLayout(table)


def _month(given: str, today: datetime.date) -> Period:
    """The table's month: a month that has ended."""
    try:
        period = parse_typed_period(given)
    except Invalid as error:
        raise UserError([Problem("--period", error.text)]) from None
    if period.granularity != "month":
        raise UserError.single("--period", layouts.NOT_A_MONTH, given=given)
    if period.end > today:
        raise UserError.single("--period", figures.NOT_ENDED, period=period, today=today)
    return period


def given_to_every_row(
    rows: TableRows, source: str | None, published: str | None, flag: str | None
) -> TableRows:
    """The rows with ``--source``, ``--published`` and ``--flag`` where they give none."""
    if source is None and published is None and flag is None:
        return rows
    every = [
        (
            number,
            replace(
                figure,
                source=figure.source or source,
                published=figure.published or published,
                flag=figure.flag or flag,
            ),
        )
        for number, figure in rows.figures
    ]
    return replace(rows, figures=every)
