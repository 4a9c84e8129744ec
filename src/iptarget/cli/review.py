"""``iptarget review``: the plan review of a mid-term evaluation (SPEC 4.7, 5.5)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from iptarget.choices import CompareBy, CompareFormat, ReviewFormat, Vintage
from iptarget.cli.command import helped
from iptarget.cli.common import (
    DEFAULT_DIR,
    AsOfOption,
    DirOption,
    MetricArgument,
    PolicyOption,
    RegionOption,
    VintageOption,
    as_of_date,
    load,
)
from iptarget.cli.status import StatusOption, chosen_evaluations
from iptarget.cli.usage import choice
from iptarget.errors import ExitCode, Invalid, Problem, UserError, text
from iptarget.i18n import N_

if TYPE_CHECKING:
    from iptarget.core.dataset import Dataset


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


@helped(
    N_(
        "A league table of one metric: the regions ranked at a period by their value, or by "
        "its growth on a year before, with their rank a year before, the change, and the "
        "status of each target on the metric.\n"
        "\n"
        "Without --among, the regions with a value of the metric at the level most of them "
        "are at (provinces, when most are provinces), groups left out; without --period, the "
        "latest year (else half, quarter or month) at which at least half of them have one."
    )
)
def compare(
    metric: MetricArgument,
    among: Annotated[
        str | None,
        typer.Option(
            "--among",
            metavar="REGION",
            help=N_(
                "The regions to rank: a group's members, or the regions whose parent this "
                "region is (an id or exact name)."
            ),
            show_default=False,
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="PERIOD",
            help=N_("The period to rank at, such as 2023, 2023-H1 or 2023年10月."),
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        CompareBy,
        typer.Option(
            "--by",
            metavar="BY",
            parser=choice(CompareBy),
            help=N_("value, or growth: the growth on a year before."),
        ),
    ] = CompareBy.VALUE,
    directory: DirOption = DEFAULT_DIR,
    as_of: AsOfOption = None,
    vintage: VintageOption = Vintage.LATEST,
    output: Annotated[
        CompareFormat,
        typer.Option(
            "--format",
            metavar="FORMAT",
            parser=choice(CompareFormat),
            help=N_("table, json, csv or markdown; json is the stable one for scripts."),
        ),
    ] = CompareFormat.TABLE,
) -> int:
    from iptarget.core.evaluate import evaluate_target
    from iptarget.core.league import comparable, league
    from iptarget.core.links import ranked_regions
    from iptarget.core.series import regions_with_values
    from iptarget.core.values import Values
    from iptarget.render.league import Compared, print_league
    from iptarget.store.new_figures import period_as_typed
    from iptarget.texts import league as words
    from iptarget.texts.rules import unknown
    from iptarget.texts.words import KIND_METRIC

    dataset = load(directory)
    problems = []
    if metric not in dataset.metrics:
        problems.append(Problem("METRIC", unknown(metric, dataset.metrics, KIND_METRIC)))
    elif by is CompareBy.GROWTH and dataset.metrics[metric].growth_of is not None:
        problems.append(Problem("--by", text(words.GROWTH_METRIC, metric=metric)))
    region = _one_region(dataset, among, "--among", problems)
    at = None
    if period is not None:
        try:
            at = period_as_typed(period)
        except Invalid as error:
            problems.append(Problem("--period", error.text))
    if problems:
        raise UserError(problems)
    date = as_of_date(as_of)
    values = Values(dataset, date, vintage.value)
    regions = (
        ranked_regions(dataset.regions, region)
        if region
        else comparable(dataset.regions, regions_with_values(values, dataset, metric))
    )
    evaluations = [  # only the targets on the metric: their statuses are shown
        evaluate_target(values, dataset, policy, target)
        for policy, target in dataset.targets()
        if target.metric == metric and target.region in regions
    ]
    found = league(values, metric, regions, at, by is CompareBy.GROWTH, evaluations)
    compared = Compared(found, dataset.metrics[metric], dataset.regions, region)
    print_league(compared, date, output, vintage.value)
    return ExitCode.OK


def _one_region(
    dataset: Dataset, given: str | None, option: str, problems: list[Problem]
) -> str | None:
    """The id of the region an option names (its id, code or name); what is wrong with the
    name goes to ``problems``."""
    if given is None:
        return None
    from iptarget.core.links import RegionNames
    from iptarget.store.named import region_named

    region, wrong = region_named(given, RegionNames(dataset.regions))
    if wrong is not None:
        problems.append(Problem(option, wrong))
        return None
    return region
