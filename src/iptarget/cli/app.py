"""The Typer application and its global options."""

from __future__ import annotations

from typing import Annotated

import typer

from iptarget import __version__

app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None)


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
