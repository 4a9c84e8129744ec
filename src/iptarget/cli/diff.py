"""``iptarget diff``: what a change to the targets repository does to the verdicts (SPEC 9)."""

from __future__ import annotations

from typing import Annotated

import typer

from iptarget.choices import DiffFormat, Vintage
from iptarget.cli.command import helped
from iptarget.cli.common import (
    DEFAULT_DIR,
    AsOfOption,
    DirOption,
    VintageOption,
    as_of_date,
)
from iptarget.cli.usage import choice
from iptarget.errors import ExitCode
from iptarget.i18n import N_


@helped(
    N_(
        "Show what a change does to the targets: statuses changed and why, targets added and "
        "removed, figures that changed no status, and the counts per status.\n"
        "\n"
        "Both sides are judged as of the same date, so every change comes from the edits, "
        "never from the calendar. The directory is read at BASE (and HEAD) from git, without "
        "checking anything out."
    )
)
def diff(
    base: Annotated[
        str,
        typer.Argument(
            metavar="BASE",
            help=N_("The revision before the change: a branch, tag or commit (main, HEAD~1)."),
            show_default=False,
        ),
    ],
    head: Annotated[
        str | None,
        typer.Argument(
            metavar="HEAD",
            help=N_("The revision after it. [default: the files on disk, committed or not]"),
            show_default=False,
        ),
    ] = None,
    directory: DirOption = DEFAULT_DIR,
    as_of: AsOfOption = None,
    vintage: VintageOption = Vintage.LATEST,
    output: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            metavar="FORMAT",
            parser=choice(DiffFormat),
            help=N_("table, markdown (for a pull-request comment) or json."),
        ),
    ] = DiffFormat.TABLE,
    fail_on_worse: Annotated[
        bool,
        typer.Option(
            "--fail-on-worse",
            help=N_(
                "Exit 1 when a target gets worse: a later status in achieved/met, on_track, "
                "at_risk, off_track, regressing, missed, or newly missed or unreported."
            ),
        ),
    ] = False,
) -> int:
    import tempfile
    from pathlib import Path

    from iptarget.core.diff import diff as compare_sides
    from iptarget.render.diff import print_diff
    from iptarget.store.files import Parsed
    from iptarget.store.revisions import Side, read_side, repository, side

    repo = repository(directory)
    before_side = side(repo, base, "BASE")
    after_side = Side("working tree", None) if head is None else side(repo, head, "HEAD")
    shared = Parsed()  # the files the sides have in common are parsed once
    with tempfile.TemporaryDirectory(prefix="iptarget-diff-") as scratch:
        before = read_side(repo, before_side, directory, Path(scratch) / "base", shared)
        after = read_side(repo, after_side, directory, Path(scratch) / "head", shared)
    found = compare_sides(before, after, as_of_date(as_of), vintage.value)
    print_diff(found, before_side.label, after_side.label, output)
    return ExitCode.CHECK_FAILED if fail_on_worse and found.worse else ExitCode.OK
