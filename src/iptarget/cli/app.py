"""The Typer application and its global options."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from iptarget import __version__
from iptarget.cli.command import Group, helped
from iptarget.i18n import N_

app = typer.Typer(
    cls=Group, no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None
)


def _language(value: str | None) -> str | None:
    # checked here, so that the message says which languages there are
    from iptarget.i18n import LANGUAGES, language_from, use

    if value is not None and value not in LANGUAGES:
        from iptarget.cli.usage import Refused
        from iptarget.errors import text
        from iptarget.texts import usage

        raise Refused(text(usage.NOT_LANGUAGE, value=repr(value)))
    use(language_from(value, os.environ))
    return value


def _version(value: bool) -> None:
    if value:
        typer.echo(f"iptarget {__version__}")
        raise typer.Exit()


@app.callback()
@helped(
    N_(
        "Track quantified policy targets against the figures statistics offices publish.\n"
        "\n"
        "Targets, metrics, regions and figures live as TOML files in a target directory "
        "(--dir, $IPTARGET_DIR, else ./targets)."
    )
)
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help=N_("Print the version and exit."),
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            callback=_language,
            is_eager=True,
            help=N_(
                "The language of the interface: en or zh. [default: $IPTARGET_LANG, else "
                "the locale]"
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """The options before the command; the command itself follows."""
