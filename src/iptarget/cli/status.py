"""Reading commands: ``status`` (the progress table) and ``show`` (one target in full)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from iptarget.choices import StatusFormat, Vintage
from iptarget.cli.command import helped
from iptarget.cli.common import (
    DEFAULT_DIR,
    AsOfOption,
    DirOption,
    GraceOption,
    PolicyOption,
    RegionOption,
    TargetArgument,
    VintageOption,
    as_of_date,
    load,
    selected,
)
from iptarget.cli.usage import choice, status_choice
from iptarget.core.status import GRACE_DAYS, Status
from iptarget.errors import ExitCode, Problem, UserError
from iptarget.i18n import N_
from iptarget.texts import usage
from iptarget.texts.rules import unknown
from iptarget.texts.words import KIND_TARGET

if TYPE_CHECKING:
    from iptarget.core.dataset import Dataset
    from iptarget.core.evaluate import Evaluation


StatusOption = Annotated[
    list[Status] | None,
    typer.Option(
        "--status",
        metavar="STATUS",
        parser=status_choice,
        help=N_("Only targets with this status (repeatable; see iptarget status --help)."),
        show_default=False,
    ),
]


@helped(
    N_(
        "Print the progress table of every target, and a count per status.\n"
        "\n"
        "Pace is the actual growth over the growth required.\n"
        "\n"
        "\b\n"
        "{statuses}"
    )
)
def status(
    directory: DirOption = DEFAULT_DIR,
    region: RegionOption = None,
    policy: PolicyOption = None,
    statuses: StatusOption = None,
    as_of: AsOfOption = None,
    vintage: VintageOption = Vintage.LATEST,
    grace_days: GraceOption = GRACE_DAYS,
    output: Annotated[
        StatusFormat,
        typer.Option(
            "--format",
            metavar="FORMAT",
            parser=choice(StatusFormat),
            help=N_(
                "table, json, csv, markdown or xlsx (a workbook, with --output); json is the "
                "stable one for scripts."
            ),
        ),
    ] = StatusFormat.TABLE,
    file: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=N_(
                "Write to this file instead of printing; its name's ending chooses the format "
                "when --format is not given (.xlsx, .csv, .json, .md). CSV gets a byte-order "
                "mark, so that Excel shows Chinese text as it is."
            ),
            show_default=False,
        ),
    ] = None,
) -> int:
    from iptarget.core.check import overdue
    from iptarget.render.status import print_status

    dataset = load(directory)
    date = as_of_date(as_of)
    evaluations = chosen_evaluations(dataset, date, vintage, region, policy, statuses)
    late = {e.target.id for e in evaluations if overdue(e, date, grace_days)}
    if file is not None:
        from iptarget.render.status import status_bytes
        from iptarget.store.write import write_bytes

        fmt = output if output is not StatusFormat.TABLE else _format_of(file)
        data = status_bytes(evaluations, dataset, date, fmt, late, grace_days, vintage.value)
        write_bytes(file, data)
        return ExitCode.OK
    if output is StatusFormat.XLSX:
        raise UserError.single("--format", usage.XLSX_NEEDS_OUTPUT)
    print_status(evaluations, dataset, date, output, late, grace_days, vintage.value)
    return ExitCode.OK


def _format_of(file: Path) -> StatusFormat:
    """The format a file's name asks for: .xlsx, .csv, .json, .md; else the table."""
    suffixes = {".xlsx": "xlsx", ".csv": "csv", ".json": "json", ".md": "markdown"}
    return StatusFormat(suffixes.get(file.suffix.lower(), "table"))


def chosen_evaluations(
    dataset: Dataset,
    date: datetime.date,
    vintage: Vintage,
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


@helped(
    N_(
        "Write one HTML file for people who do not use a terminal: counts per status, a "
        "summary per policy, and a card per target with its chart.\n"
        "\n"
        "The file opens offline in any browser and loads nothing from anywhere; it prints one "
        "target to a card on A4, and reads on a phone. The status JSON for the same filters is "
        'embedded in it (<script type="application/json" id="iptarget-status">).'
    )
)
def report(
    directory: DirOption = DEFAULT_DIR,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=N_("Where to write the HTML file."),
        ),
    ] = Path("iptarget-report.html"),
    region: RegionOption = None,
    policy: PolicyOption = None,
    statuses: StatusOption = None,
    as_of: AsOfOption = None,
    vintage: VintageOption = Vintage.LATEST,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            metavar="TEXT",
            help=N_("The report's title. [default: Targets as of DATE]"),
            show_default=False,
        ),
    ] = None,
) -> int:
    from iptarget.core.league import splits
    from iptarget.core.values import Values
    from iptarget.render.console import print_written
    from iptarget.render.report import report_html
    from iptarget.store.write import write_text

    dataset = load(directory)
    date = as_of_date(as_of)
    evaluations = chosen_evaluations(dataset, date, vintage, region, policy, statuses)
    split = splits(Values(dataset, date, vintage.value), evaluations)
    write_text(output, report_html(evaluations, dataset, date, vintage.value, title, split))
    print_written([output])
    return ExitCode.OK


@helped(N_("Explain one target: its goal, every known value, the required path, pace and status."))
def show(
    target_id: TargetArgument,
    directory: DirOption = DEFAULT_DIR,
    as_of: AsOfOption = None,
    vintage: VintageOption = Vintage.LATEST,
) -> int:
    from iptarget.core.consistency import never_known
    from iptarget.core.evaluate import evaluate_target
    from iptarget.core.values import Values
    from iptarget.render.show import print_show

    dataset = load(directory)
    found = [(policy, target) for policy, target in dataset.targets() if target.id == target_id]
    if not found:
        known = [target.id for _, target in dataset.targets()]
        raise UserError([Problem("TARGET_ID", unknown(target_id, known, KIND_TARGET))])
    policy, target = found[0]
    date = as_of_date(as_of)
    values = Values(dataset, date, vintage.value)
    evaluation = evaluate_target(values, dataset, policy, target)
    never = never_known(dataset, target.metric, target.region)
    print_show(evaluation, dataset, date, never, values.vintages(target.metric, target.region))
    return ExitCode.OK
