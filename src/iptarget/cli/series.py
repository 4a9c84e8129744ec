"""``iptarget series``: the values of one metric, whether or not a target uses it."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from iptarget.cli.common import (
    DEFAULT_DIR,
    AsOfOption,
    DirOption,
    MetricArgument,
    RegionOption,
    VintageChoice,
    VintageOption,
    as_of_date,
    load,
    regions_wanted,
)
from iptarget.errors import ExitCode, Problem, UserError, unknown


class SeriesFormat(enum.StrEnum):
    """Output formats of ``series``."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def series(
    metric: MetricArgument,
    region: RegionOption = None,
    directory: DirOption = DEFAULT_DIR,
    as_of: AsOfOption = None,
    vintage: VintageOption = VintageChoice.LATEST,
    output: Annotated[
        SeriesFormat,
        typer.Option("--format", metavar="FORMAT", help="table, json or csv."),
    ] = SeriesFormat.TABLE,
) -> int:
    """Show every value of a metric, region by region: recorded or how it was derived, its
    growth on a year before, and the compound annual growth from the first to the last.

    Without --region, every region with a value of the metric; with it, the region, the
    regions below it and a group's members.
    """
    from iptarget.core.series import metric_series, regions_with_values
    from iptarget.core.values import Values
    from iptarget.render.series import print_series

    dataset = load(directory)
    if metric not in dataset.metrics:
        raise UserError([Problem("METRIC", "", unknown(metric, dataset.metrics, "metric"))])
    wanted, problems = regions_wanted(dataset, region or [])
    if problems:
        raise UserError(problems)
    date = as_of_date(as_of)
    values = Values(dataset, date, vintage.value)
    regions = sorted(wanted) if region else regions_with_values(values, dataset, metric)
    blocks = metric_series(values, dataset, metric, regions)
    print_series(blocks, dataset.metrics[metric], date, output.value)
    return ExitCode.OK
