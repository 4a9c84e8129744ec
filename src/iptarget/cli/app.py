"""The Typer application and its global options."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from iptarget import __version__
from iptarget.cli.command import Group

app = typer.Typer(
    cls=Group, no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None
)


def _language(value: str | None) -> str | None:
    # checked here, so that the message says which languages there are
    from iptarget.i18n import LANGUAGES, language_from, use

    if value is not None and value not in LANGUAGES:
        raise typer.BadParameter(f"{value!r} is not a language: give en or zh")
    use(language_from(value, os.environ))
    return value


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
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            callback=_language,
            is_eager=True,
            help="The language of the interface: en or zh. [default: $IPTARGET_LANG, else "
            "the locale]",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Track quantified policy targets against the figures statistics offices publish.

    Targets, metrics, regions and figures live as TOML files in a target directory
    (--dir, $IPTARGET_DIR, else ./targets).
    """
