"""Checking commands: ``check`` (the CI gate) and ``validate`` (every problem in the files)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iptarget.cli.common import DEFAULT_DIR, AsOfOption, DirOption, as_of_date, examine, load
from iptarget.core.status import Status
from iptarget.errors import ExitCode, UserError


def check(
    directory: DirOption = DEFAULT_DIR,
    as_of: AsOfOption = None,
    grace_days: Annotated[
        int,
        typer.Option(
            min=0,
            help="Fail on an unreported target once its deadline ended more than this many "
            "days ago.",
        ),
    ] = 365,
    fail_on: Annotated[
        list[Status] | None,
        typer.Option(
            help="Fail on this status too, besides missed (repeatable).", show_default=False
        ),
    ] = None,
    junit: Annotated[
        Path | None,
        typer.Option(
            help="Write a JUnit XML report here: one test case per target.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
) -> int:
    """For CI: print the failing targets and exit 1 if any fails; silent but a summary if not."""
    import os

    from iptarget.core.check import failures
    from iptarget.core.evaluate import evaluate
    from iptarget.render.check import print_check
    from iptarget.store.write import write_text

    dataset = load(directory)
    date = as_of_date(as_of)
    evaluations = evaluate(dataset, date)
    failing = failures(evaluations, date, grace_days, fail_on or ())
    if junit is not None:
        from iptarget.render.junit import junit_xml

        write_text(junit, junit_xml(evaluations, failing, date))
    print_check(evaluations, failing, date)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        from iptarget.render.github import error_commands
        from iptarget.render.status import status_markdown
        from iptarget.store.lookup import id_lines
        from iptarget.store.write import append_text

        paths = {failure.evaluation.policy.path for failure in failing}
        lines = {path: id_lines(path) for path in paths}
        for annotation in error_commands(failing, lines):
            typer.echo(annotation)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            markdown = status_markdown(evaluations, dataset, date)
            append_text(Path(summary), f"## iptarget check\n\n{markdown}\n")
    return ExitCode.CHECK_FAILED if failing else ExitCode.OK


def validate(directory: DirOption = DEFAULT_DIR) -> int:
    """Read every file and report every problem at once; exit 2 if there is any."""
    from iptarget.core.values import Values, derived_count
    from iptarget.render.figures import print_counts

    dataset, problems = examine(directory)
    if problems:
        raise UserError(problems)
    print_counts(directory, dataset, derived_count(Values(dataset)))
    return ExitCode.OK
