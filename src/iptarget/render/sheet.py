"""Workbooks for people (``status --format xlsx``, ``export --output FILE.xlsx``), written
with openpyxl: one sheet, a bold header frozen above the rows with a filter on it, columns
as wide as what they hold, numbers as numbers with the number format each cell shows them
in, and every text as text (never run as a formula, never turned into a date)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from iptarget.cells import xml_text


class Number(NamedTuple):
    """A number in a cell, shown with an Excel number format (``0.00``, ``#,##0``,
    ``0.0"%"``)."""

    value: float
    shown: str = "General"


Cell = str | Number | None
"""A cell: text, a number with its format, or empty."""
#: The widest a column is made, in characters, however long its longest cell.
WIDEST = 60


class Sheet(NamedTuple):
    """One sheet: its name, its headings and its rows."""

    title: str
    headings: Sequence[str]
    rows: Sequence[Sequence[Cell]]


def decimals_format(decimals: int | None) -> str:
    """Excel's number format for a figure with so many decimals, thousands grouped."""
    if decimals is None:
        return "#,##0.##"
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def sheet_bytes(sheet: Sheet) -> bytes:
    """The sheet as an .xlsx workbook."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from rich.cells import cell_len

    book = Workbook()
    page = book.active
    assert page is not None
    page.title = sheet.title[:31]  # Excel's limit for a sheet's name
    widths = [cell_len(heading) for heading in sheet.headings]
    for column, heading in enumerate(sheet.headings, start=1):
        cell = page.cell(1, column, xml_text(heading))
        cell.font = Font(bold=True)
    for number, row in enumerate(sheet.rows, start=2):
        for column, value in enumerate(row, start=1):
            if value is None:
                continue
            if isinstance(value, Number):
                cell = page.cell(number, column, value.value)
                cell.number_format = value.shown
                shown = f"{value.value:,.2f}"
            else:
                cell = page.cell(number, column, xml_text(value))
                cell.data_type = "s"  # text, never a formula, whatever it starts with
                cell.number_format = "@"
                shown = value
            widths[column - 1] = max(widths[column - 1], cell_len(shown))
    for column, width in enumerate(widths, start=1):
        page.column_dimensions[get_column_letter(column)].width = min(width, WIDEST) + 2
    page.freeze_panes = "A2"
    page.auto_filter.ref = page.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
