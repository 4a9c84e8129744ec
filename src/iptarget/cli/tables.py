"""Commands that read and write tables of figures: ``import`` and ``export``."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated

import typer

from iptarget.choices import ExportFormat, ImportLayout, Vintage
from iptarget.cli.command import helped
from iptarget.cli.common import (
    DEFAULT_DIR,
    DirOption,
    ForceOption,
    ReplaceOption,
    VintageOption,
    load,
)
from iptarget.cli.usage import choice, iso_date
from iptarget.errors import ExitCode, Problem, UserError, text
from iptarget.i18n import N_


@helped(
    N_(
        "Record the figures of a CSV file or a workbook: all of them, or none if any row is "
        "wrong, then show each figure and the targets whose status changed.\n"
        "\n"
        "Headings in English or Chinese, a unit in brackets allowed (value (%)); a title and "
        "blank rows above the header are passed over.\n"
        "\n"
        "A workbook's first sheet is read as a CSV file is, each row named by its number; a "
        "formula is read as the value Excel saved with it, a cell shown as 47.9% as 47.9, and a "
        "date in the period column as the month (its first or last day) or the year (a "
        "year-only format) it names.\n"
        "\n"
        "--layout cnipa reads CNIPA's monthly tables: a region a row, and columns headed "
        "Monthly Total, Yearly Total, Year-on-year Growth Rate and Total (or as CNIPA's "
        "Chinese tables head them) in any order. The month is recorded at --period, the year "
        "to date at its span (2015-YTD10; Q1, H1 and the year at March, June and December), "
        "the growth at the year to date's span and the total at the month."
    )
)
def import_table(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help=N_(
                "A CSV file or an Excel workbook (.xlsx, its first sheet) with a header: "
                "metric, region, period, value, and optionally source, note, published and flag."
            ),
            show_default=False,
        ),
    ],
    layout: Annotated[
        ImportLayout,
        typer.Option(
            "--layout",
            metavar="LAYOUT",
            parser=choice(ImportLayout),
            help=N_(
                "long (a figure a row), wide (a metric's table, regions down and periods "
                "across, or transposed), cnipa (CNIPA's monthly tables) or sdmx (SDMX-CSV)."
            ),
        ),
    ] = ImportLayout.LONG,
    metric: Annotated[
        str | None,
        typer.Option(
            "--metric",
            metavar="METRIC",
            help=N_(
                "wide: the metric of the table's figures (an id or code); cnipa: the flow the "
                "month and year to date columns count."
            ),
            show_default=False,
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="MONTH",
            help=N_("cnipa: the table's month, such as 2015-10 or 2015年10月."),
            show_default=False,
        ),
    ] = None,
    growth_metric: Annotated[
        str | None,
        typer.Option(
            "--growth-metric",
            metavar="METRIC",
            help=N_("cnipa: the growth metric of --metric that records the growth column."),
            show_default=False,
        ),
    ] = None,
    total_metric: Annotated[
        str | None,
        typer.Option(
            "--total-metric",
            metavar="METRIC",
            help=N_("cnipa: the stock that records the total since records began."),
            show_default=False,
        ),
    ] = None,
    skip_unknown: Annotated[
        bool,
        typer.Option(
            "--skip-unknown",
            help=N_(
                "wide, cnipa and sdmx: skip the rows (or columns) whose region (or metric) is "
                "none of the directory's (the national total, Hong Kong) instead of refusing "
                "them."
            ),
        ),
    ] = False,
    transpose: Annotated[
        bool,
        typer.Option(
            "--transpose",
            help=N_(
                "wide: the periods run down the first column and the regions across (found "
                "from the header otherwise)."
            ),
        ),
    ] = False,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="TEXT",
            help=N_("Where the figures were published, for rows that do not say."),
            show_default=False,
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="DATE",
            help=N_("When the figures were published (YYYY-MM-DD), for rows that do not say."),
            show_default=False,
        ),
    ] = None,
    flag: Annotated[
        str | None,
        typer.Option(
            "--flag",
            metavar="FLAG",
            help=N_("p (provisional) or e (estimated), for rows that do not say."),
            show_default=False,
        ),
    ] = None,
    replace: ReplaceOption = False,
    force: ForceOption = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=N_("Check every row and show what would change."))
    ] = False,
    directory: DirOption = DEFAULT_DIR,
) -> int:
    from iptarget.core.compare import status_changes
    from iptarget.render.imported import Imported, print_imported
    from iptarget.store.convert import core_value
    from iptarget.store.layouts import given_to_every_row, layout_of
    from iptarget.store.record import import_figures
    from iptarget.store.tables import parse_csv
    from iptarget.store.workbook import is_workbook, parse_xlsx

    today = datetime.date.today()
    options: dict[str, str | bool | None] = {"--metric": metric, "--period": period}
    options |= {"--growth-metric": growth_metric, "--total-metric": total_metric}
    options |= {"--skip-unknown": skip_unknown or None, "--transpose": transpose or None}
    reading = layout_of(layout.value, options, today)
    rows = parse_xlsx(file, reading) if is_workbook(file) else parse_csv(file, reading)
    rows = given_to_every_row(rows, source, published, flag)
    recording = import_figures(
        directory, rows, today, replace=replace, dry_run=dry_run, force=force, place=reading.place
    )
    keys = {(change.metric, change.region) for change in recording.changes}
    periods = {line: actual.period for line, actual in recording.read}
    dates = [
        (number, figure.period_date, periods[number])
        for number, figure in rows.figures
        if figure.period_date is not None
    ]
    imported = Imported(
        recording.changes,
        recording.unchanged,
        recording.after,
        rows.skipped,
        dry_run,
        None if rows.encoding == "utf-8" else rows.origin,
        rows.sheet is not None,
        [(line, row.metric, row.region, core_value(row)) for line, row in recording.read],
        dates,
        status_changes(recording.before, recording.after, keys, today) if keys else [],
        reading.notices,
    )
    print_imported(imported)
    return ExitCode.OK


@helped(
    N_(
        "Print every value, recorded and derived, as CSV for spreadsheets and pandas.\n"
        "\n"
        "A recorded figure is one row per vintage, oldest first, with its published date and "
        "flag; a derived one uses the vintage of each input that --vintage chooses.\n"
        "\n"
        "A CSV file written with --output starts with a UTF-8 byte-order mark, so that Excel "
        "shows Chinese text as it is; printed CSV has none, for pipes. A workbook (--output "
        "FILE.xlsx) holds the same columns, the values as numbers and the rest as text."
    )
)
def export(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=N_(
                "Write to this file instead of printing: CSV, or an Excel workbook when its "
                "name ends in .xlsx."
            ),
        ),
    ] = None,
    as_of: Annotated[
        datetime.date | None,
        typer.Option(
            "--as-of",
            parser=iso_date,
            metavar="DATE",
            help=N_(
                "Only what was known on this date (YYYY-MM-DD): periods ended and vintages "
                "published by then. [default: every figure]"
            ),
            show_default=False,
        ),
    ] = None,
    vintage: VintageOption = Vintage.LATEST,
    output_format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            metavar="FORMAT",
            parser=choice(ExportFormat),
            help=N_(
                "csv, xlsx, or sdmx (SDMX-CSV 1.0, recorded figures only). [default: xlsx "
                "for an --output ending in .xlsx, else csv]"
            ),
            show_default=False,
        ),
    ] = None,
    directory: DirOption = DEFAULT_DIR,
) -> int:
    from iptarget.core.values import Values
    from iptarget.render.console import print_text
    from iptarget.render.export import export_sheet, export_table, sdmx_table
    from iptarget.render.sheet import sheet_bytes
    from iptarget.render.table import csv_text
    from iptarget.store.workbook import is_workbook
    from iptarget.store.write import write_bytes
    from iptarget.texts import usage

    dataset = load(directory)
    values = Values(dataset, as_of, vintage.value)
    every = list(values.every())
    vintages = {key: values.vintages(*key) for key, _ in every}
    chosen = output_format or (
        ExportFormat.XLSX if output is not None and is_workbook(output) else ExportFormat.CSV
    )
    if chosen is ExportFormat.XLSX:
        if output is None:
            raise UserError([Problem("--format", text(usage.XLSX_NEEDS_OUTPUT))])
        write_bytes(output, sheet_bytes(export_sheet(every, vintages, dataset)))
        return ExitCode.OK
    table = (
        sdmx_table(every, vintages, dataset)
        if chosen is ExportFormat.SDMX
        else export_table(every, vintages)
    )
    if output is None:
        print_text(csv_text(table))
    else:  # a byte-order mark, so that Excel reads the file as UTF-8 (import skips it)
        write_bytes(output, ("\ufeff" + csv_text(table)).encode("utf-8"))
    return ExitCode.OK
