"""``iptarget due``: the office's calendar of figures and deadlines (SPEC 5.4)."""

from __future__ import annotations

from typing import Annotated

import typer

from iptarget.choices import DueFormat, Vintage
from iptarget.cli.command import helped
from iptarget.cli.common import (
    DEFAULT_DIR,
    AsOfOption,
    DirOption,
    PolicyOption,
    RegionOption,
    VintageOption,
    as_of_date,
    load,
)
from iptarget.cli.status import chosen_evaluations
from iptarget.cli.usage import choice, days
from iptarget.errors import ExitCode
from iptarget.i18n import N_


@helped(
    N_(
        "What is due: the next figure each open target needs, when it should be published "
        "(the metric's release_lag_days, else the lag learned from the dates of its published "
        "figures), who records it and which targets wait on it; then the deadlines coming "
        "up.\n"
        "\n"
        "Figures already overdue come first, with the days late; those whose date cannot be "
        "told come last. A derived value is listed as the recorded figures it lacks. "
        "--format ics writes an iCalendar file a calendar can subscribe to."
    )
)
def due(
    within: Annotated[
        int,
        typer.Option(
            "--within",
            metavar="DAYS",
            parser=days,
            help=N_("How many days ahead to look, from the as-of date."),
        ),
    ] = 30,
    directory: DirOption = DEFAULT_DIR,
    region: RegionOption = None,
    policy: PolicyOption = None,
    as_of: AsOfOption = None,
    vintage: VintageOption = Vintage.LATEST,
    output: Annotated[
        DueFormat,
        typer.Option(
            "--format",
            metavar="FORMAT",
            parser=choice(DueFormat),
            help=N_("table, json, markdown (for a CI job's summary) or ics (iCalendar)."),
        ),
    ] = DueFormat.TABLE,
) -> int:
    from iptarget.core.due import due as calendar_of
    from iptarget.render.due import print_due

    dataset = load(directory)
    date = as_of_date(as_of)
    evaluations = chosen_evaluations(dataset, date, vintage, region, policy, None)
    print_due(calendar_of(dataset, evaluations, date, within), dataset, output)
    return ExitCode.OK
