"""``iptarget review``: the plan review of a mid-term evaluation (SPEC 4.7, 5.5)."""

from __future__ import annotations

from typing import Annotated

import typer

from iptarget.choices import ReviewFormat, Vintage
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
from iptarget.cli.status import StatusOption, chosen_evaluations
from iptarget.cli.usage import choice
from iptarget.errors import ExitCode
from iptarget.i18n import N_


@helped(
    N_(
        "The plan review: every target in the four words of a mid-term evaluation (achieved "
        "early, faster than expected, basically as expected, lagging), binding targets "
        "counted apart.\n"
        "\n"
        "A headline of counts, then the targets grouped by verdict, lagging first, each with "
        "its progress, the progress expected by its latest figure, and the share of the "
        "plan's time gone by."
    )
)
def review(
    directory: DirOption = DEFAULT_DIR,
    region: RegionOption = None,
    policy: PolicyOption = None,
    statuses: StatusOption = None,
    binding: Annotated[
        bool,
        typer.Option("--binding", help=N_("Only binding targets.")),
    ] = False,
    as_of: AsOfOption = None,
    vintage: VintageOption = Vintage.LATEST,
    output: Annotated[
        ReviewFormat,
        typer.Option(
            "--format",
            metavar="FORMAT",
            parser=choice(ReviewFormat),
            help=N_("table, json or markdown; json is the stable one for scripts."),
        ),
    ] = ReviewFormat.TABLE,
) -> int:
    from iptarget.core.review import review as reviewed
    from iptarget.render.review import print_review

    dataset = load(directory)
    date = as_of_date(as_of)
    evaluations = chosen_evaluations(dataset, date, vintage, region, policy, statuses)
    chosen = [e for e in evaluations if e.target.binding or not binding]
    print_review(reviewed(chosen), date, output, vintage.value)
    return ExitCode.OK
