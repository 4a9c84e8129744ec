"""The command line: parse options, call the store and the core, hand the results to render."""

import contextlib
import gc
import sys
from collections.abc import Iterator, Mapping
from typing import NoReturn

from iptarget.cli import actuals, check, diff, due, review, series, setup, status, tables
from iptarget.cli.app import app
from iptarget.cli.command import Command
from iptarget.cli.common import handle_errors
from iptarget.i18n import N_

__all__ = ["app", "end", "main", "only_command", "requested", "run"]

for name, command, summary in (
    ("status", status.status, N_("The progress table of every target.")),
    ("show", status.show, N_("One target in full: goal, values, required path, pace.")),
    ("series", series.series, N_("Every value of a metric, with its growth.")),
    ("validate", check.validate, N_("Check every file and report every problem at once.")),
    ("add-actual", actuals.add_actual, N_("Record a published figure.")),
    ("remove-actual", actuals.remove_actual, N_("Remove one recorded figure (one vintage).")),
    ("review", review.review, N_("The plan review: every target's verdict, lagging first.")),
    ("compare", review.compare, N_("A league table of the regions on one metric.")),
    ("due", due.due, N_("What is due: figures to be published, and deadlines coming up.")),
    ("check", check.check, N_("For CI: fail when a target is missed or overdue.")),
    ("diff", diff.diff, N_("What a change to the targets does to their statuses.")),
    ("report", status.report, N_("Write an HTML report of every target, to read and print.")),
    ("import", tables.import_table, N_("Record the figures of a CSV or Excel file, all or none.")),
    ("export", tables.export, N_("Every value, recorded and derived, as CSV or Excel.")),
    ("schema", setup.schema, N_("The JSON Schema of each file kind, for editors.")),
    ("init", setup.init, N_("Make a new target directory with example files.")),
):
    app.command(name, cls=Command, short_help=summary)(handle_errors(command))


def main() -> None:
    """The ``iptarget`` console script: the command, then the end of the process."""
    try:
        run()
    except SystemExit as done:
        end(done.code)


def run() -> None:
    """Run the command the arguments name; raises SystemExit with its exit code."""
    # A command lives a few seconds and makes no reference cycles worth collecting, while
    # at national scale it holds a million objects that the cycle collector would walk
    # again and again for nothing (about a tenth of the run time). Reference counting
    # still frees everything else.
    gc.disable()
    import os

    from iptarget.i18n import language_from, use

    use(language_from(None, os.environ))  # --lang, when given, says otherwise before the command
    with only_command(requested(sys.argv[1:], os.environ)):
        app(prog_name="iptarget")


def end(code: object) -> NoReturn:
    """End the process with a command's exit code, as ``sys.exit`` would, but without
    freeing what the command read one object at a time: at national scale that is a million
    objects and 25 ms, where the operating system takes the memory back whole. Nothing is
    left to do at exit (files are written and closed, locks released, scratch directories
    removed, by the commands themselves); only the output is flushed. When it cannot be,
    Python's own exit reports it, as it always has."""
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        raise SystemExit(code) from None
    if code is None:
        os._exit(0)
    if isinstance(code, int):
        os._exit(code)
    raise SystemExit(code)  # a message: sys.exit prints it


#: The global options that take a value (``--lang zh``), which is not the command's name.
_VALUED = ("--lang",)


def requested(args: list[str], env: Mapping[str, str]) -> str | None:
    """The command the arguments name, when Typer needs to build no other: not for the
    application's own help, a name it does not know (it suggests the nearest), or shell
    completion."""
    if any(name.endswith("_COMPLETE") for name in env):
        return None
    arguments = iter(args)
    for arg in arguments:
        if arg in _VALUED:
            next(arguments, None)
        elif not arg.startswith("-"):
            known = {info.name for info in app.registered_commands}
            return arg if arg in known else None
    return None


@contextlib.contextmanager
def only_command(name: str | None) -> Iterator[None]:
    """Typer with only the command that runs: it builds every command's parameters from
    its signature before it runs one, a tenth of a command on the example directory."""
    every = app.registered_commands
    if name is not None:
        app.registered_commands = [info for info in every if info.name == name]
    try:
        yield
    finally:
        app.registered_commands = every
