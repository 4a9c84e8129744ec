"""What every command shares: the options, the one error boundary, loading the directory."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec

import typer

from iptarget.choices import Vintage
from iptarget.cli.usage import choice, days, iso_date
from iptarget.errors import ExitCode, Problem, UserError, text
from iptarget.i18n import N_
from iptarget.texts import usage
from iptarget.texts.rules import unknown
from iptarget.texts.words import KIND_POLICY

if TYPE_CHECKING:
    from iptarget.core.dataset import Dataset
    from iptarget.core.evaluate import Evaluation

P = ParamSpec("P")
DEFAULT_DIR = Path("targets")


def _completer(kind: str) -> Callable[[typer.Context, str], list[str]]:
    """Complete the ids of one kind from the directory given so far (--dir, else default)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        import os

        from iptarget.store.lookup import ids

        given = ctx.params.get("directory")
        root = Path(given or os.environ.get("IPTARGET_DIR") or DEFAULT_DIR)
        return [name for name in ids(root, kind) if name.startswith(incomplete)]

    return complete


def target_directory(value: str | Path) -> Path:
    """--dir as given; without it (and without $IPTARGET_DIR), ./targets, else the target
    directory the current one lies in or below, found upwards as git finds its root."""
    path = Path(value)
    if path != DEFAULT_DIR or path.exists():
        return path
    from iptarget.store.lookup import found_upwards

    return found_upwards(Path.cwd()) or path


def _directory(help_text: str, parser: Callable[[str | Path], Path] | None = None) -> Any:
    """The --dir option ($IPTARGET_DIR), with its help and how its value is read."""
    return typer.Option(
        "--dir",
        envvar="IPTARGET_DIR",
        show_envvar=False,
        metavar="DIR",
        parser=parser,
        help=help_text,
        show_default=False,
    )


DirOption = Annotated[
    Path,
    _directory(
        N_(
            "The target directory. [default: $IPTARGET_DIR, else ./targets, else the one this "
            "directory lies in or below]"
        ),
        target_directory,
    ),
]
NewDirOption = Annotated[
    Path, _directory(N_("The directory to make. [default: $IPTARGET_DIR, else ./targets]"))
]
AsOfOption = Annotated[
    datetime.date | None,
    typer.Option(
        "--as-of",
        parser=iso_date,
        metavar="DATE",
        help=N_(
            "Evaluate as of this date (2024-06-30; 2024/6/30 and 2024年6月30日 too): figures "
            "for later periods, and vintages published later, are ignored. [default: today]"
        ),
        show_default=False,
    ),
]
VintageOption = Annotated[
    Vintage,
    typer.Option(
        "--vintage",
        parser=choice(Vintage),
        metavar="VINTAGE",
        help=N_(
            "latest: each figure as last revised by the --as-of date; first: each figure "
            "as first published."
        ),
    ),
]
ReplaceOption = Annotated[
    bool,
    typer.Option(
        "--replace",
        help=N_("Replace a figure already recorded for its period (and --published date)."),
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help=N_(
            "Record a figure even though it is 10 times larger or smaller than the figures "
            "recorded around it (a likely unit slip)."
        ),
    ),
]
RegionOption = Annotated[
    list[str] | None,
    typer.Option(
        "--region",
        metavar="REGION",
        help=N_("Only targets in this region or below it (an id or exact name; repeatable)."),
        show_default=False,
        autocompletion=_completer("region"),
    ),
]
PolicyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--policy",
        metavar="POLICY",
        help=N_("Only targets of this policy file, by its name without .toml (repeatable)."),
        show_default=False,
        autocompletion=_completer("policy"),
    ),
]
GraceOption = Annotated[
    int,
    typer.Option(
        "--grace-days",
        metavar="DAYS",
        parser=days,
        help=N_(
            "Fail on an unreported target once its deadline ended more than this many days ago."
        ),
    ),
]
TargetArgument = Annotated[
    str,
    typer.Argument(
        metavar="TARGET_ID",
        help=N_("The id of the target to explain."),
        show_default=False,
        autocompletion=_completer("target"),
    ),
]
MetricArgument = Annotated[
    str,
    typer.Argument(
        metavar="METRIC",
        help=N_("The metric's id."),
        show_default=False,
        autocompletion=_completer("metric"),
    ),
]
RegionArgument = Annotated[
    str,
    typer.Argument(
        metavar="REGION",
        help=N_("The region's id."),
        show_default=False,
        autocompletion=_completer("region"),
    ),
]


def handle_errors(command: Callable[P, int]) -> Callable[P, None]:
    """The one place where errors become exit codes: user errors exit 2, no traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            code = command(*args, **kwargs)
        except UserError as error:
            from iptarget.render.console import print_problems

            print_problems(error.problems)
            raise typer.Exit(ExitCode.INVALID) from None
        raise typer.Exit(code)

    return wrapper


def as_of_date(value: datetime.date | None) -> datetime.date:
    """The --as-of date, else today."""
    return datetime.date.today() if value is None else value


#: The directory a command read, kept until the process ends (iptarget.cli.end): at national
#: scale it is 10^6 objects, which take 25 ms to free one by one when the command returns,
#: and no time when the process ends. Only the last, for the tests that run many commands.
_KEPT: list[Dataset] = []


def examine(directory: Path) -> tuple[Dataset, list[Problem]]:
    """The directory and every problem in its files."""
    from iptarget.store.read import read_directory

    dataset, problems = read_directory(directory)
    _KEPT[:] = [dataset]
    return dataset, problems


def load(directory: Path) -> Dataset:
    """The directory, which must have no problem at all."""
    dataset, problems = examine(directory)
    if problems:
        raise UserError(problems)
    return dataset


def selected(
    dataset: Dataset, regions: list[str] | None, policies: list[str] | None
) -> Callable[[Evaluation], bool]:
    """Which targets --region and --policy select; names that select nothing are refused.

    A region is given by id or exact name and selects itself and every region below it.
    """
    wanted, problems = regions_wanted(dataset, regions or [])
    stems = [policy.stem for policy in dataset.policies]
    problems += [
        Problem("--policy", unknown(name, stems, KIND_POLICY))
        for name in policies or []
        if name not in stems
    ]
    if problems:
        raise UserError(problems)
    return lambda evaluation: (
        (not regions or evaluation.region in wanted)
        and (not policies or evaluation.policy.stem in policies)
    )


def regions_wanted(dataset: Dataset, texts: list[str]) -> tuple[set[str], list[Problem]]:
    """The regions --region options name, with those below them; and the names that fail."""
    from iptarget.core.links import RegionNames, regions_under

    problems = []
    wanted: set[str] = set()
    names = RegionNames(dataset.regions)
    for name in texts:
        found = names.find(name)
        if not found:
            problems.append(Problem("--region", names.unknown(name)))
        elif len(found) > 1:
            several = text(usage.NAME_OF_SEVERAL, name=name, ids=", ".join(found))
            problems.append(Problem("--region", several))
        else:
            wanted |= regions_under(dataset.regions, found[0])
    return wanted, problems


def workspace_path(path: str) -> str:
    """A path as GitHub annotations want it: relative to $GITHUB_WORKSPACE, else to here."""
    import os

    base = os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
