"""Reading commands: ``status`` (the progress table) and ``show`` (one target in full)."""

from __future__ import annotations

import datetime
import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from iptarget.cli.common import (
    DEFAULT_DIR,
    AsOfOption,
    DirOption,
    GraceOption,
    PolicyOption,
    RegionOption,
    TargetArgument,
    VintageChoice,
    VintageOption,
    as_of_date,
    load,
    selected,
)
from iptarget.core.status import Status
from iptarget.errors import ExitCode, UserError, unknown

if TYPE_CHECKING:
    from iptarget.core.dataset import Dataset
    from iptarget.core.evaluate import Evaluation


StatusOption = Annotated[
    list[Status] | None,
    typer.Option(
        "--status",
        metavar="STATUS",
        help="Only targets with this status (repeatable; see iptarget status --help).",
        show_default=False,
    ),
]


class Format(enum.StrEnum):
    """Output formats of ``status``."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


def status(
    directory: DirOption = DEFAULT_DIR,
    region: RegionOption = None,
    policy: PolicyOption = None,
    statuses: StatusOption = None,
    as_of: AsOfOption = None,
    vintage: VintageOption = VintageChoice.LATEST,
    grace_days: GraceOption = 365,
    output: Annotated[
        Format,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="table, json, csv or markdown; json is the stable one for scripts.",
        ),
    ] = Format.TABLE,
) -> int:
    """Print the progress table of every target, and a count per status.

    \b
    Once the deadline has passed:
      achieved     the figure for the deadline meets the target
      missed       the figure for the deadline falls short
      unreported   no figure for the deadline yet
    Before the deadline (pace: actual growth over the growth required):
      met          the latest figure already meets the target
      on_track     pace 0.95 or more
      at_risk      pace 0.6 to 0.95: progress, but not fast enough
      off_track    pace 0 to 0.6
      regressing   moving away from the target
      no_trend     a figure, but no pace yet (no start figure, or only one)
      no_data      no figure yet
    no_baseline    the baseline figure of a relative goal is unknown
    """
    from iptarget.core.check import overdue
    from iptarget.render.status import print_status

    dataset = load(directory)
    date = as_of_date(as_of)
    evaluations = chosen_evaluations(dataset, date, vintage, region, policy, statuses)
    late = {e.target.id for e in evaluations if overdue(e, date, grace_days)}
    print_status(evaluations, dataset, date, output.value, late, grace_days, vintage.value)
    return ExitCode.OK


def chosen_evaluations(
    dataset: Dataset,
    date: datetime.date,
    vintage: VintageChoice,
    region: list[str] | None,
    policy: list[str] | None,
    statuses: list[Status] | None,
) -> list[Evaluation]:
    """The targets the filters of ``status`` choose, evaluated as of a date."""
    from iptarget.core.evaluate import evaluate

    chosen = selected(dataset, region, policy)
    return [
        evaluation
        for evaluation in evaluate(dataset, date, vintage.value)
        if chosen(evaluation) and (not statuses or evaluation.status in statuses)
    ]


def report(
    directory: DirOption = DEFAULT_DIR,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write the HTML file.",
            dir_okay=False,
        ),
    ] = Path("iptarget-report.html"),
    region: RegionOption = None,
    policy: PolicyOption = None,
    statuses: StatusOption = None,
    as_of: AsOfOption = None,
    vintage: VintageOption = VintageChoice.LATEST,
) -> int:
    """Write one HTML file for people who do not use a terminal: counts per status, a
    summary per policy, and a card per target with its chart.

    The file opens offline in any browser and loads nothing from anywhere; it prints one
    target to a card on A4, and reads on a phone. The status JSON for the same filters is
    embedded in it (<script type="application/json" id="iptarget-status">).
    """
    from iptarget.render.console import print_written
    from iptarget.render.report import report_html
    from iptarget.store.write import write_text

    dataset = load(directory)
    date = as_of_date(as_of)
    evaluations = chosen_evaluations(dataset, date, vintage, region, policy, statuses)
    write_text(output, report_html(evaluations, dataset, date, vintage.value, str(directory)))
    print_written([output])
    return ExitCode.OK


def show(
    target_id: TargetArgument,
    directory: DirOption = DEFAULT_DIR,
    as_of: AsOfOption = None,
    vintage: VintageOption = VintageChoice.LATEST,
) -> int:
    """Explain one target: its goal, every known value, the required path, pace and status."""
    from iptarget.core.consistency import never_known
    from iptarget.core.evaluate import evaluate_target
    from iptarget.core.values import Values
    from iptarget.render.show import print_show

    dataset = load(directory)
    found = [(policy, target) for policy, target in dataset.targets() if target.id == target_id]
    if not found:
        known = [target.id for _, target in dataset.targets()]
        raise UserError.single("TARGET_ID", "", unknown(target_id, known, "target"))
    policy, target = found[0]
    date = as_of_date(as_of)
    values = Values(dataset, date, vintage.value)
    evaluation = evaluate_target(values, dataset, policy, target)
    never = never_known(dataset, target.metric, target.region)
    print_show(evaluation, dataset, date, never, values.vintages(target.metric, target.region))
    return ExitCode.OK
