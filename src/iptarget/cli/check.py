"""Checking commands: ``check`` (the CI gate) and ``validate`` (every problem in the files)."""

from __future__ import annotations

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
    VintageChoice,
    VintageOption,
    as_of_date,
    examine,
    load,
    selected,
    workspace_path,
)
from iptarget.core.status import Status
from iptarget.errors import ExitCode, UserError

if TYPE_CHECKING:
    import datetime

    from iptarget.core.check import CheckResult
    from iptarget.core.dataset import Dataset


def check(
    directory: DirOption = DEFAULT_DIR,
    region: RegionOption = None,
    policy: PolicyOption = None,
    as_of: AsOfOption = None,
    vintage: VintageOption = VintageChoice.LATEST,
    grace_days: GraceOption = 365,
    fail_on: Annotated[
        list[Status] | None,
        typer.Option(
            "--fail-on",
            metavar="STATUS",
            help="Fail on this status too, besides missed (repeatable).",
            show_default=False,
        ),
    ] = None,
    junit: Annotated[
        Path | None,
        typer.Option(
            "--junit",
            metavar="FILE",
            help="Write a JUnit XML report here: one test case per target.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
) -> int:
    """For CI: print the failing targets and exit 1 if any fails; silent but a summary if not.

    An acknowledged target (acknowledged = "reason" in its policy file) does not fail.
    """
    from iptarget.core.check import judge
    from iptarget.core.evaluate import evaluate
    from iptarget.render.check import print_check
    from iptarget.render.escape import on_github
    from iptarget.store.write import write_text

    dataset = load(directory)
    if not dataset.policies:
        message = "no policy file in policies/: check has no target to judge"
        raise UserError.single(str(directory), "", message)
    chosen = selected(dataset, region, policy)
    date = as_of_date(as_of)
    evaluations = [e for e in evaluate(dataset, date, vintage.value) if chosen(e)]
    if not evaluations:
        raise UserError.single("--region/--policy", "", "these filters select no target")
    found = judge(evaluations, date, grace_days, fail_on or ())
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


def validate(
    directory: DirOption = DEFAULT_DIR,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on consistency warnings too (exit 2).")
    ] = False,
) -> int:
    """Read every file and report every problem at once; exit 2 if there is any.

    Figures that do not quite agree (a group's figure and its members' sum, a recorded ratio
    or growth rate and its parts), derived values outside their bounds and targets that can
    never have a value are warnings: reported, but failing only with --strict.
    """
    import datetime

    from iptarget.core.consistency import consistency_warnings
    from iptarget.core.values import Values, derived_count
    from iptarget.render.console import print_problems
    from iptarget.render.escape import on_github
    from iptarget.render.figures import print_counts

    dataset, problems = examine(directory)
    warnings = [] if problems else consistency_warnings(dataset, datetime.date.today())
    if strict:
        problems, warnings = problems + warnings, []
    if problems:
        if on_github():
            from iptarget.render.github import print_commands, problem_commands
            from iptarget.store.lookup import id_lines

            files = {problem.origin for problem in problems if Path(problem.origin).is_file()}
            lines = {path: id_lines(path) for path in files}
            shown = {path: workspace_path(path) for path in files}
            print_commands(problem_commands(problems, lines, shown))
        raise UserError(problems)
    print_problems(warnings)
    print_counts(directory, dataset, derived_count(Values(dataset)))
    return ExitCode.OK
