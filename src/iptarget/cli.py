"""The command line: parse options, call the core, hand the results to render."""

import datetime
import enum
import functools
import gc
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec

import typer

from iptarget import __version__
from iptarget.errors import ExitCode, Problem, UserError, unknown
from iptarget.evaluate import Status

P = ParamSpec("P")

app = typer.Typer(
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class Format(enum.StrEnum):
    """Output formats of ``status``."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


DirOption = Annotated[
    Path,
    typer.Option(
        "--dir",
        envvar="IPTARGET_DIR",
        help="The target directory. [default: $IPTARGET_DIR, else ./targets]",
        show_default=False,
        file_okay=False,
    ),
]
AsOfOption = Annotated[
    datetime.datetime | None,
    typer.Option(
        "--as-of",
        formats=["%Y-%m-%d"],
        help="Evaluate as of this date (YYYY-MM-DD); figures for later periods are ignored. "
        "[default: today]",
        show_default=False,
    ),
]
ReplaceOption = Annotated[
    bool,
    typer.Option("--replace", help="Replace a figure already recorded for its period."),
]
DEFAULT_DIR = Path("targets")


def _completer(kind: str) -> Callable[[typer.Context, str], list[str]]:
    """Complete the ids of one kind from the directory given so far (--dir, else default)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        import os

        from iptarget import store

        given = ctx.params.get("directory")
        root = Path(given or os.environ.get("IPTARGET_DIR") or DEFAULT_DIR)
        return [name for name in store.ids(root, kind) if name.startswith(incomplete)]

    return complete


def handle_errors(command: Callable[P, int]) -> Callable[P, None]:
    """The one place where errors become exit codes: user errors exit 2, no traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            code = command(*args, **kwargs)
        except UserError as error:
            from iptarget import render

            render.print_problems(error.problems)
            raise typer.Exit(ExitCode.INVALID) from None
        raise typer.Exit(code)

    return wrapper


def _as_of(value: datetime.datetime | None) -> datetime.date:
    return datetime.date.today() if value is None else value.date()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"iptarget {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Track quantified policy targets against the figures statistics offices publish.

    Targets, metrics, regions and figures live as TOML files in a target directory
    (--dir, $IPTARGET_DIR, else ./targets).
    """


def _check_known(option: str, names: list[str], known: list[str], kind: str) -> None:
    problems = [
        Problem(option, "", unknown(name, known, kind)) for name in names if name not in known
    ]
    if problems:
        raise UserError(problems)


@app.command()
@handle_errors
def status(
    directory: DirOption = DEFAULT_DIR,
    region: Annotated[
        list[str] | None,
        typer.Option(
            help="Only targets in this region (an id; repeatable).",
            show_default=False,
            autocompletion=_completer("region"),
        ),
    ] = None,
    policy: Annotated[
        list[str] | None,
        typer.Option(
            help="Only targets of this policy file, by its name without .toml (repeatable).",
            show_default=False,
            autocompletion=_completer("policy"),
        ),
    ] = None,
    statuses: Annotated[
        list[Status] | None,
        typer.Option(
            "--status", help="Only targets with this status (repeatable).", show_default=False
        ),
    ] = None,
    as_of: AsOfOption = None,
    output: Annotated[
        Format, typer.Option("--format", help="Output format; json is the stable one for scripts.")
    ] = Format.TABLE,
) -> int:
    """Print the progress table of every target, and a count per status."""
    from iptarget import render, store
    from iptarget.evaluate import evaluate

    loaded = store.load(directory)
    _check_known("--region", region or [], list(loaded.regions), "region")
    _check_known("--policy", policy or [], [entry.stem for entry in loaded.policies], "policy")
    date = _as_of(as_of)
    evaluations = [
        evaluation
        for evaluation in evaluate(loaded, date)
        if (not region or evaluation.region in region)
        and (not policy or evaluation.policy.stem in policy)
        and (not statuses or evaluation.status in statuses)
    ]
    render.print_status(evaluations, loaded, date, output.value)
    return ExitCode.OK


@app.command()
@handle_errors
def show(
    target_id: Annotated[
        str,
        typer.Argument(
            help="The id of the target to explain.",
            show_default=False,
            autocompletion=_completer("target"),
        ),
    ],
    directory: DirOption = DEFAULT_DIR,
    as_of: AsOfOption = None,
) -> int:
    """Explain one target: its goal, every known value, the required path, pace and status."""
    from iptarget import render, store
    from iptarget.evaluate import evaluate_target

    loaded = store.load(directory)
    found = [
        (entry, target)
        for entry in loaded.policies
        for target in entry.targets
        if target.id == target_id
    ]
    if not found:
        known = [target.id for entry in loaded.policies for target in entry.targets]
        raise UserError.single("TARGET_ID", "", unknown(target_id, known, "target"))
    entry, target = found[0]
    date = _as_of(as_of)
    render.print_show(evaluate_target(loaded, entry, target, date), loaded, date)
    return ExitCode.OK


@app.command()
@handle_errors
def validate(directory: DirOption = DEFAULT_DIR) -> int:
    """Read every file and report every problem at once; exit 2 if there is any."""
    from iptarget import render, store

    loaded, problems = store.read(directory)
    if problems:
        raise UserError(problems)
    render.print_counts(directory, loaded)
    return ExitCode.OK


@app.command("add-actual")
@handle_errors
def add_actual(
    metric: Annotated[
        str,
        typer.Argument(
            help="The metric's id.", show_default=False, autocompletion=_completer("metric")
        ),
    ],
    region: Annotated[
        str,
        typer.Argument(
            help="The region's id.", show_default=False, autocompletion=_completer("region")
        ),
    ],
    period: Annotated[
        str,
        typer.Argument(
            help="The period: 2019, 2019-H1, 2019-Q3 or 2019-03; it must have ended.",
            show_default=False,
        ),
    ],
    value: Annotated[
        str,
        typer.Argument(
            help="The figure: 7812, 7,812, 12.99, 1.2万 (12,000) or 3.5亿 (350,000,000); "
            "put -- before a negative one.",
            show_default=False,
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option(
            help="Where the figure was published (a citation or address).", show_default=False
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            help="A remark on the figure, such as how its period was chosen.", show_default=False
        ),
    ] = None,
    replace: ReplaceOption = False,
    directory: DirOption = DEFAULT_DIR,
) -> int:
    """Record a published figure in actuals/<region>.toml and show the targets it touches."""
    from iptarget import render, store
    from iptarget.evaluate import evaluate_target

    today = datetime.date.today()
    figure = store.NewFigure(metric, region, period, value, source, note)
    recorded = store.record(directory, figure, replace=replace, today=today)
    touched = recorded.after.targets_using(metric, region)
    before = [evaluate_target(recorded.before, entry, target, today) for entry, target in touched]
    after = [evaluate_target(recorded.after, entry, target, today) for entry, target in touched]
    render.print_recorded(recorded, before, after)
    return ExitCode.OK


@app.command()
@handle_errors
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

    from iptarget import render, store
    from iptarget.evaluate import evaluate, failures

    loaded = store.load(directory)
    date = _as_of(as_of)
    evaluations = evaluate(loaded, date)
    failing = failures(evaluations, date, grace_days, fail_on or ())
    if junit is not None:
        store.write_report(junit, render.junit_xml(evaluations, failing, date))
    render.print_check(evaluations, failing, date)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        paths = {failure.evaluation.policy.path for failure in failing}
        lines = {path: store.id_lines(path) for path in paths}
        for annotation in render.github_annotations(failing, lines):
            typer.echo(annotation)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            markdown = render.status_markdown(evaluations, loaded, date)
            store.append_report(Path(summary), f"## iptarget check\n\n{markdown}\n")
    return ExitCode.CHECK_FAILED if failing else ExitCode.OK


@app.command("import")
@handle_errors
def import_csv(
    file: Annotated[
        Path,
        typer.Argument(
            help="A CSV file with a header: metric, region, period, value, and optionally "
            "source and note; comma or semicolon separated.",
            dir_okay=False,
            show_default=False,
        ),
    ],
    replace: ReplaceOption = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check every row and show what would change.")
    ] = False,
    directory: DirOption = DEFAULT_DIR,
) -> int:
    """Record the figures of a CSV file: all of them, or none if any row is wrong."""
    from iptarget import render, store

    rows = store.read_csv(file)
    imported = store.import_figures(directory, rows, replace, datetime.date.today(), dry_run)
    render.print_imported(imported, rows.skipped, dry_run)
    return ExitCode.OK


@app.command()
@handle_errors
def export(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of printing.", dir_okay=False
        ),
    ] = None,
    directory: DirOption = DEFAULT_DIR,
) -> int:
    """Print every value, recorded and derived, as CSV for spreadsheets and pandas."""
    from iptarget import render, store

    text = render.values_csv(store.load(directory))
    if output is None:
        typer.echo(text, nl=False)
    else:
        store.write_report(output, text)
    return ExitCode.OK


class SchemaKind(enum.StrEnum):
    """The file kinds ``schema`` describes (models.SCHEMA_KINDS)."""

    METRICS = "metrics"
    REGIONS = "regions"
    POLICY = "policy"
    ACTUALS = "actuals"


@app.command()
@handle_errors
def schema(
    kind: Annotated[
        SchemaKind | None,
        typer.Argument(help="One file kind; without it, all four in one JSON object."),
    ] = None,
    write: Annotated[
        bool,
        typer.Option(
            "--write", help="Write all four to <dir>/schema/<kind>.json instead of printing."
        ),
    ] = False,
    directory: DirOption = DEFAULT_DIR,
) -> int:
    """Print the JSON Schema of a file kind, for editors that check TOML as you type."""
    from iptarget import render

    if write:
        from iptarget import store

        render.print_written(store.write_schemas(directory))
        return ExitCode.OK
    kinds = [kind] if kind is not None else list(SchemaKind)
    render.print_schemas([kind.value for kind in kinds], one=kind is not None)
    return ExitCode.OK


@app.command()
@handle_errors
def init(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DIR]",
            help="The directory to make (the same as --dir).",
            show_default=False,
        ),
    ] = None,
    directory: DirOption = DEFAULT_DIR,
) -> int:
    """Make a new target directory with commented example files that validate."""
    from iptarget import render, store

    if path is not None and directory not in (path, DEFAULT_DIR):
        raise UserError.single("DIR", "", f"give the directory once: {path} or --dir {directory}")
    render.print_written(store.init(path or directory))
    return ExitCode.OK


def main() -> None:
    """The ``iptarget`` console script."""
    # A command lives a few seconds and makes no reference cycles worth collecting, while
    # at national scale it holds a million objects that the cycle collector would walk
    # again and again for nothing (about a tenth of the run time). Reference counting
    # still frees everything else.
    gc.disable()
    app(prog_name="iptarget")
