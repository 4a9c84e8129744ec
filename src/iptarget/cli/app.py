"""The Typer application and its global options."""

from __future__ import annotations

import enum
import os
from typing import Annotated

import typer

from iptarget import __version__
from iptarget.cli.command import Group

app = typer.Typer(
    cls=Group, no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None
)


class Language(enum.StrEnum):
    """The languages of the interface (SPEC 8)."""

    EN = "en"
    ZH = "zh"


def _language(value: Language | None) -> Language | None:
    from iptarget.i18n import language_from, use

    use(language_from(None if value is None else value.value, os.environ))
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
        Language | None,
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
