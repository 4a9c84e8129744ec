"""Checking commands: ``check`` (the CI gate) and ``validate`` (every problem in the files)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, assert_never

import typer

from iptarget.choices import ValidateFormat, Vintage
from iptarget.cli.command import helped
from iptarget.cli.common import (
    DEFAULT_DIR,
    AsOfOption,
    DirOption,
    GraceOption,
    PolicyOption,
    RegionOption,
    VintageOption,
    as_of_date,
    examine,
    load,
    selected,
    workspace_path,
)
from iptarget.cli.usage import choice, verdict_choice
from iptarget.core.status import GRACE_DAYS, Status, Verdict
from iptarget.errors import ExitCode, Problem, UserError
from iptarget.i18n import N_
from iptarget.texts import usage

if TYPE_CHECKING:
    import datetime

    from iptarget.core.check import CheckResult
    from iptarget.core.dataset import Dataset


@helped(
    N_(
        "For CI: print the failing targets and exit 1 if any fails; silent but a summary if "
        "not.\n"
        "\n"
        'An acknowledged target (acknowledged = "reason" in its policy file) does not fail.'
    )
)
def check(
    directory: DirOption = DEFAULT_DIR,
    region: RegionOption = None,
    policy: PolicyOption = None,
    as_of: AsOfOption = None,
    vintage: VintageOption = Vintage.LATEST,
    grace_days: GraceOption = GRACE_DAYS,
    fail_on: Annotated[
        list[Status] | None,
        typer.Option(
            "--fail-on",
            metavar="STATUS",
            parser=choice(Status),
            help=N_("Fail on this status too, besides missed (repeatable)."),
            show_default=False,
        ),
    ] = None,
    fail_on_verdict: Annotated[
        list[Verdict] | None,
        typer.Option(
            "--fail-on-verdict",
            metavar="VERDICT",
            parser=verdict_choice,
            help=N_(
                "Fail on this verdict of the plan review too, such as lagging (repeatable; "
                "see iptarget review)."
            ),
            show_default=False,
        ),
    ] = None,
    junit: Annotated[
        Path | None,
        typer.Option(
            "--junit",
            metavar="FILE",
            help=N_("Write a JUnit XML report here: one test case per target."),
            show_default=False,
        ),
    ] = None,
) -> int:
    from iptarget.core.check import judge
    from iptarget.core.evaluate import evaluate
    from iptarget.render.check import print_check
    from iptarget.render.escape import on_github
    from iptarget.store.write import write_text

    dataset = load(directory)
    if not dataset.policies:
        raise UserError.single(str(directory), usage.NO_POLICY_FILE)
    chosen = selected(dataset, region, policy)
    date = as_of_date(as_of)
    evaluations = [e for e in evaluate(dataset, date, vintage.value) if chosen(e)]
    if not evaluations:
        raise UserError.single("--region/--policy", usage.NO_TARGET_SELECTED)
    found = judge(evaluations, date, grace_days, fail_on or (), fail_on_verdict or ())
    if junit is not None:
        from iptarget.render.junit import junit_xml

        write_text(junit, junit_xml(found, date))
    print_check(found, date)
    if on_github():
        _annotate(found, dataset, date, grace_days)
    return ExitCode.CHECK_FAILED if found.failing else ExitCode.OK


def _annotate(found: CheckResult, dataset: Dataset, date: datetime.date, grace_days: int) -> None:
    """Under GitHub Actions: annotations at each target's id, and the job summary."""
    import os

    from iptarget.render.github import check_commands, print_commands
    from iptarget.render.status import status_markdown
    from iptarget.store.lookup import id_lines
    from iptarget.store.write import append_text

    paths = {evaluation.policy.path for evaluation in found.evaluations}
    lines = {path: id_lines(path) for path in paths}
    print_commands(check_commands(found, lines, {path: workspace_path(path) for path in paths}))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        late = {item.evaluation.target.id for item in found.failing if item.days_late}
        markdown = status_markdown(list(found.evaluations), dataset, date, late, grace_days)
        append_text(Path(summary), f"## iptarget check\n\n{markdown}\n")


@helped(
    N_(
        "Read every file and report every problem at once; exit 2 if there is any.\n"
        "\n"
        "Figures that do not quite agree (a group's figure and its members' sum, a recorded "
        "ratio or growth rate and its parts), derived values outside their bounds and targets "
        "that can never have a value are warnings: reported, but failing only with --strict.\n"
        "\n"
        "With --format json, the problems and warnings are printed as one JSON object for "
        "scripts (code, file, line, subject, message), and the exit code is the same."
    )
)
def validate(
    directory: DirOption = DEFAULT_DIR,
    strict: Annotated[
        bool, typer.Option("--strict", help=N_("Fail on consistency warnings too (exit 2)."))
    ] = False,
    output: Annotated[
        ValidateFormat,
        typer.Option(
            "--format",
            metavar="FORMAT",
            parser=choice(ValidateFormat),
            help=N_("text, or json: every problem and warning as an object, for scripts."),
        ),
    ] = ValidateFormat.TEXT,
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            help=N_(
                "First complete an import that was interrupted (its renames, journalled in "
                ".iptarget-journal.json), under the directory's lock."
            ),
        ),
    ] = False,
) -> int:
    import datetime

    from iptarget.core.consistency import consistency_warnings
    from iptarget.core.values import Values, derived_count
    from iptarget.render.console import print_problems, print_text
    from iptarget.render.problems import problems_json
    from iptarget.render.recorded import print_counts

    if repair and directory.is_dir():
        from iptarget.store.journal import repair as complete

        complete(directory)
    dataset, problems = examine(directory)
    warnings = [] if problems else consistency_warnings(dataset, datetime.date.today())
    if strict:
        problems, warnings = problems + warnings, []
    match output:
        case ValidateFormat.JSON:
            print_text(problems_json(problems, warnings))
            return ExitCode.INVALID if problems else ExitCode.OK
        case ValidateFormat.TEXT:
            if problems:
                _annotate_problems(problems)
                raise UserError(problems)
            print_problems(warnings)
            print_counts(directory, dataset, derived_count(Values(dataset)))
            return ExitCode.OK
        case _:
            assert_never(output)


def _annotate_problems(problems: list[Problem]) -> None:
    """Under GitHub Actions: an error annotation for each problem in a file."""
    from iptarget.render.escape import on_github

    if not on_github():
        return
    from iptarget.render.github import print_commands, problem_commands
    from iptarget.store.lookup import id_lines

    files = {problem.origin for problem in problems if Path(problem.origin).is_file()}
    lines = {path: id_lines(path) for path in files}
    shown = {path: workspace_path(path) for path in files}
    print_commands(problem_commands(problems, lines, shown))
