"""Commands that set a directory up: ``init`` and ``schema``."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from iptarget.cli.common import DEFAULT_DIR, DirOption
from iptarget.errors import ExitCode, UserError


class SchemaKind(enum.StrEnum):
    """The file kinds ``schema`` describes (store.scaffold.KINDS)."""

    METRICS = "metrics"
    REGIONS = "regions"
    POLICY = "policy"
    ACTUALS = "actuals"


def schema(
    kind: Annotated[
        SchemaKind | None,
        typer.Argument(
            metavar="[KIND]",
            help="One file kind (metrics, regions, policy or actuals); without it, all four "
            "in one JSON object.",
        ),
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
    from iptarget.render.console import print_text, print_written
    from iptarget.store import scaffold

    if write:
        print_written(scaffold.write_schemas(directory))
        return ExitCode.OK
    kinds = [kind] if kind is not None else list(SchemaKind)
    print_text(scaffold.schemas_json([kind.value for kind in kinds], one=kind is not None))
    return ExitCode.OK


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
    from iptarget.render.console import print_written
    from iptarget.store.scaffold import init as make

    if path is not None and directory not in (path, DEFAULT_DIR):
        raise UserError.single("DIR", "", f"give the directory once: {path} or --dir {directory}")
    print_written(make(path or directory))
    return ExitCode.OK
