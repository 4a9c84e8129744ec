"""The command line: parse options, call the store and the core, hand the results to render."""

import gc

from iptarget.cli import actuals, check, diff, series, setup, status
from iptarget.cli.app import app
from iptarget.cli.command import Command
from iptarget.cli.common import handle_errors
from iptarget.i18n import N_

__all__ = ["app", "main"]

for name, command, summary in (
    ("status", status.status, N_("The progress table of every target.")),
    ("show", status.show, N_("One target in full: goal, values, required path, pace.")),
    ("series", series.series, N_("Every value of a metric, with its growth.")),
    ("validate", check.validate, N_("Check every file and report every problem at once.")),
    ("add-actual", actuals.add_actual, N_("Record a published figure.")),
    ("remove-actual", actuals.remove_actual, N_("Remove one recorded figure (one vintage).")),
    ("check", check.check, N_("For CI: fail when a target is missed or overdue.")),
    ("diff", diff.diff, N_("What a change to the targets does to their statuses.")),
    ("report", status.report, N_("Write an HTML report of every target, to read and print.")),
    ("import", actuals.import_table, N_("Record the figures of a CSV or Excel file, all or none.")),
    ("export", actuals.export, N_("Every value, recorded and derived, as CSV or Excel.")),
    ("schema", setup.schema, N_("The JSON Schema of each file kind, for editors.")),
    ("init", setup.init, N_("Make a new target directory with example files.")),
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
