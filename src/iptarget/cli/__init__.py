"""The command line: parse options, call the store and the core, hand the results to render."""

import gc

from iptarget.cli import check, figures, setup, status
from iptarget.cli.app import app
from iptarget.cli.command import Command
from iptarget.cli.common import handle_errors

__all__ = ["app", "main"]

for name, command in (
    ("status", status.status),
    ("show", status.show),
    ("validate", check.validate),
    ("add-actual", figures.add_actual),
    ("check", check.check),
    ("import", figures.import_csv),
    ("export", figures.export),
    ("schema", setup.schema),
    ("init", setup.init),
):
    app.command(name, cls=Command)(handle_errors(command))


def main() -> None:
    """The ``iptarget`` console script."""
    # A command lives a few seconds and makes no reference cycles worth collecting, while
    # at national scale it holds a million objects that the cycle collector would walk
    # again and again for nothing (about a tenth of the run time). Reference counting
    # still frees everything else.
    gc.disable()
    app(prog_name="iptarget")
