"""Commands that record or list figures: ``add-actual``, ``import`` and ``export``."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated

import typer

from iptarget.cli.common import (
    DEFAULT_DIR,
    DirOption,
    MetricArgument,
    RegionArgument,
    ReplaceOption,
    load,
)
from iptarget.errors import ExitCode


def add_actual(
    metric: MetricArgument,
    region: RegionArgument,
    period: Annotated[
        str,
        typer.Argument(
            help="The period: 2019, 2019-H1, 2019-Q3 or 2019-03; it must have ended.",
            show_default=False,
        ),
    ],
    value: Annotated[
        str,
        typer.Argument(
            help="The figure: 7812, 7,812, 12.99, 1.2万 (12,000) or 3.5亿 (350,000,000); "
            "put -- before a negative one.",
            show_default=False,
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option(
            help="Where the figure was published (a citation or address).", show_default=False
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            help="A remark on the figure, such as how its period was chosen.", show_default=False
        ),
    ] = None,
    replace: ReplaceOption = False,
    directory: DirOption = DEFAULT_DIR,
) -> int:
    """Record a published figure in actuals/<region>.toml and show the targets it touches."""
    from iptarget.core.compare import status_changes
    from iptarget.core.consistency import derived_out_of_bounds
    from iptarget.render.figures import print_added
    from iptarget.store.record import NewFigure, add_figure

    today = datetime.date.today()
    figure = NewFigure(metric, region, period, value, source, note)
    recording = add_figure(directory, figure, replace, today, derived_out_of_bounds)
    changes = status_changes(recording.before, recording.after, metric, region, today)
    print_added(recording.changes[0], recording.after, changes)
    return ExitCode.OK


def import_csv(
    file: Annotated[
        Path,
        typer.Argument(
            help="A CSV file with a header: metric, region, period, value, and optionally "
            "source and note; comma or semicolon separated.",
            dir_okay=False,
            show_default=False,
        ),
    ],
    replace: ReplaceOption = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check every row and show what would change.")
    ] = False,
    directory: DirOption = DEFAULT_DIR,
) -> int:
    """Record the figures of a CSV file: all of them, or none if any row is wrong."""
    from iptarget.core.consistency import derived_out_of_bounds
    from iptarget.render.figures import print_imported
    from iptarget.store.record import import_figures
    from iptarget.store.tables import parse_csv

    rows = parse_csv(file)
    recording = import_figures(
        directory,
        rows.origin,
        rows.figures,
        rows.problems,
        replace,
        datetime.date.today(),
        derived_out_of_bounds,
        dry_run,
    )
    print_imported(recording.changes, recording.unchanged, recording.after, rows.skipped, dry_run)
    return ExitCode.OK


def export(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file instead of printing.", dir_okay=False
        ),
    ] = None,
    directory: DirOption = DEFAULT_DIR,
) -> int:
    """Print every value, recorded and derived, as CSV for spreadsheets and pandas."""
    from iptarget.core.values import Values
    from iptarget.render.console import print_text
    from iptarget.render.figures import values_csv
    from iptarget.store.write import write_text

    text = values_csv(Values(load(directory)).every())
    if output is None:
        print_text(text)
    else:
        write_text(output, text)
    return ExitCode.OK
