"""``iptarget series``: the values of one metric, whether or not a target uses it."""

from __future__ import annotations

from typing import Annotated

import typer

from iptarget.choices import SeriesFormat, Vintage
from iptarget.cli.command import helped
from iptarget.cli.common import (
    DEFAULT_DIR,
    AsOfOption,
    DirOption,
    MetricArgument,
    RegionOption,
    VintageOption,
    as_of_date,
    load,
    regions_wanted,
)
from iptarget.cli.usage import choice
from iptarget.errors import ExitCode, Problem, UserError
from iptarget.i18n import N_
from iptarget.texts.rules import unknown
from iptarget.texts.words import KIND_METRIC


@helped(
    N_(
        "Show every value of a metric, region by region: recorded or how it was derived, its "
        "growth on a year before, and the compound annual growth from the first to the last.\n"
        "\n"
        "Without --region, every region with a value of the metric; with it, the region, the "
        "regions below it and a group's members."
    )
)
def series(
    metric: MetricArgument,
    region: RegionOption = None,
    directory: DirOption = DEFAULT_DIR,
    as_of: AsOfOption = None,
    vintage: VintageOption = Vintage.LATEST,
    output: Annotated[
        SeriesFormat,
        typer.Option(
            "--format",
            metavar="FORMAT",
            parser=choice(SeriesFormat),
            help=N_("table, json or csv."),
        ),
    ] = SeriesFormat.TABLE,
) -> int:
    from iptarget.core.series import metric_series, regions_with_values
    from iptarget.core.values import Values
    from iptarget.render.series import print_series

    dataset = load(directory)
    if metric not in dataset.metrics:
        raise UserError([Problem("METRIC", unknown(metric, dataset.metrics, KIND_METRIC))])
    wanted, problems = regions_wanted(dataset, region or [])
    if problems:
        raise UserError(problems)
    date = as_of_date(as_of)
    values = Values(dataset, date, vintage.value)
    regions = sorted(wanted) if region else regions_with_values(values, dataset, metric)
    blocks = metric_series(values, dataset, metric, regions)
    print_series(blocks, dataset.metrics[metric], dataset.regions, date, output)
    return ExitCode.OK
