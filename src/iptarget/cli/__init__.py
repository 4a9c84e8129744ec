"""The command line: parse options, call the store and the core, hand the results to render."""

import gc

from iptarget.cli import check, diff, figures, series, setup, status
from iptarget.cli.app import app
from iptarget.cli.command import Command
from iptarget.cli.common import handle_errors

__all__ = ["app", "main"]

for name, command, summary in (
    ("status", status.status, "The progress table of every target."),
    ("show", status.show, "One target in full: goal, values, required path, pace."),
    ("series", series.series, "Every value of a metric, with its growth."),
    ("validate", check.validate, "Check every file and report every problem at once."),
    ("add-actual", figures.add_actual, "Record a published figure."),
    ("remove-actual", figures.remove_actual, "Remove one recorded figure (one vintage)."),
    ("check", check.check, "For CI: fail when a target is missed or overdue."),
    ("diff", diff.diff, "What a change to the targets does to their statuses."),
    ("report", status.report, "One HTML file of every target, for people and printing."),
    ("import", figures.import_csv, "Record the figures of a CSV file, all or none."),
    ("export", figures.export, "Every value, recorded and derived, as CSV."),
    ("schema", setup.schema, "The JSON Schema of each file kind, for editors."),
    ("init", setup.init, "Make a new target directory with example files."),
):
    app.command(name, cls=Command, short_help=summary)(handle_errors(command))


def main() -> None:
    """The ``iptarget`` console script."""
    # A command lives a few seconds and makes no reference cycles worth collecting, while
    # at national scale it holds a million objects that the cycle collector would walk
    # again and again for nothing (about a tenth of the run time). Reference counting
    # still frees everything else.
    gc.disable()
    import os

    from iptarget.i18n import language_from, use

    use(language_from(None, os.environ))  # --lang, when given, says otherwise before the command
    app(prog_name="iptarget")
