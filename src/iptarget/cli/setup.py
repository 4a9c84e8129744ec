"""Commands that set a directory up: ``init`` and ``schema``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iptarget.choices import SchemaKind
from iptarget.cli.command import helped
from iptarget.cli.common import DEFAULT_DIR, DirOption, NewDirOption
from iptarget.cli.usage import choice
from iptarget.errors import ExitCode, UserError
from iptarget.i18n import N_
from iptarget.texts import usage


@helped(N_("Print the JSON Schema of a file kind, for editors that check TOML as you type."))
def schema(
    kind: Annotated[
        SchemaKind | None,
        typer.Argument(
            metavar="[KIND]",
            parser=choice(SchemaKind),
            help=N_(
                "One file kind (metrics, regions, policy or actuals); without it, all four "
                "in one JSON object."
            ),
        ),
    ] = None,
    write: Annotated[
        bool,
        typer.Option(
            "--write", help=N_("Write all four to <dir>/schema/<kind>.json instead of printing.")
        ),
    ] = False,
    directory: DirOption = DEFAULT_DIR,
) -> int:
    from iptarget.render.console import print_text, print_written
    from iptarget.store import scaffold

    if write:
        print_written(scaffold.write_schemas(directory))
        return ExitCode.OK
    kinds = [kind] if kind is not None else list(SchemaKind)
    print_text(scaffold.schemas_json([kind.value for kind in kinds], one=kind is not None))
    return ExitCode.OK


@helped(N_("Make a new target directory with commented example files that validate."))
def init(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DIR]",
            help=N_("The directory to make (the same as --dir)."),
            show_default=False,
        ),
    ] = None,
    directory: NewDirOption = DEFAULT_DIR,
) -> int:
    from iptarget.render.console import print_written
    from iptarget.store.scaffold import init as make

    if path is not None and directory not in (path, DEFAULT_DIR):
        raise UserError.single(
            "DIR", usage.DIRECTORY_TWICE, path=str(path), directory=str(directory)
        )
    print_written(make(path or directory))
    return ExitCode.OK
