"""Excel workbooks in (``import FILE.xlsx``), with openpyxl: the first sheet holds the same
columns as a CSV file, and follows the same rules (``render.sheet`` writes workbooks).
A title above the header (merged across the columns or not) is passed over; a figure shown
as a percentage is read as the percentage shown.

Excel turns what people type into other things: ``2024-03`` into the date 2024-03-01, a
number into a float. A date in the period column is taken as the month it plainly names (the
first or the last day of a month) or the year its format shows, and refused otherwise; a
formula cell is read as the value Excel saved with it, and refused when there is none.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iptarget.errors import Kind, Subject, Text, UserError, text
from iptarget.store.tables import Layout, RowReader, TableRows, find_header, importable
from iptarget.texts import usage

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell, MergedCell

    SheetCell = Cell | MergedCell  # a merged title's cells are MergedCell

SUFFIXES = (".xlsx", ".xlsm")


def is_workbook(path: Path) -> bool:
    """Whether a file is to be read or written as a workbook, by its name."""
    return path.suffix.lower() in SUFFIXES


def parse_xlsx(path: Path, layout: Layout) -> TableRows:
    """The figures of a workbook's first sheet, each named by its row; formula cells by the
    value saved with them; merged cells and dates that name no period refused."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    display = str(path)
    importable(path)
    try:
        values = load_workbook(path, data_only=True)  # the values Excel saved
        formulas = load_workbook(path, data_only=False)  # which cells hold formulas
    except FileNotFoundError:
        raise UserError.single(display, usage.FILE_NOT_FOUND) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UserError.single(display, usage.NOT_WORKBOOK, reason=str(error)) from None
    sheet, sheet_formulas = values.worksheets[0], formulas.worksheets[0]
    name = sheet.title
    rows = list(zip(sheet.iter_rows(), sheet_formulas.iter_rows(), strict=True))
    texts = [(number, [_text(cell) for cell in cells]) for number, (cells, _) in _numbered(rows)]
    found = ((number, cells) for number, cells in texts if any(cells))
    number, header_cells, _above = find_header(found, layout)
    header = layout.names(header_cells)
    merged = [str(cells) for cells in sheet_formulas.merged_cells.ranges if cells.max_row >= number]
    if merged:  # a title merged across the columns above the header is passed over
        raise UserError.single(display, usage.MERGED, Subject(Kind.SHEET, (name,)), cells=merged)
    layout.check_header(display, header, header_cells, number, name)
    reading = RowReader(display, name)
    for row, (cells, formula_cells) in _numbered(rows[number:], number + 1):
        shown, column, problem = _cells(header, cells, formula_cells, layout.values)
        if problem is not None:
            reading.problem(row, problem, header[column] if column < len(header) else "", column)
        elif any(cell.strip() for cell in shown):
            layout.add(reading, row, header, shown, _period_date(header, cells))
    return reading.done()


def _numbered(
    rows: Sequence[tuple[Sequence[SheetCell], Sequence[SheetCell]]], first: int = 1
) -> Iterator[tuple[int, tuple[Sequence[SheetCell], Sequence[SheetCell]]]]:
    """Each row with its number on the sheet."""
    return zip(range(first, first + len(rows)), rows, strict=True)


def _cells(
    header: list[str],
    cells: Sequence[SheetCell],
    formulas: Sequence[SheetCell],
    values: frozenset[str],
) -> tuple[list[str], int, Text | None]:
    """A row's cells as text, as the CSV reader takes them, or the column (from 0) of one
    that is wrong and what is wrong with it."""
    texts = []
    for index, (cell, formula) in enumerate(zip(cells, formulas, strict=True)):
        column = header[index] if index < len(header) else ""
        if formula.data_type == "f" and cell.value is None:
            return [], index, text(usage.NO_SAVED_RESULT)
        shown, problem = _cell_text(cell, column, column in values)
        if problem is not None:
            return [], index, problem
        texts.append(shown)
    return texts, 0, None


def _period_date(header: list[str], cells: Sequence[SheetCell]) -> str | None:
    """The date a row's period cell holds, if it is a date (the period is read from it)."""
    for column, cell in zip(header, cells, strict=False):
        if column == "period" and isinstance(cell.value, datetime.date):
            day = cell.value.date() if isinstance(cell.value, datetime.datetime) else cell.value
            return day.isoformat()
    return None


def _cell_text(cell: SheetCell, column: str, figure: bool) -> tuple[str, Text | None]:
    """One cell as the text a CSV file would hold; a figure (a cell of a column of figures)
    Excel shows as a percentage (0.479 formatted 0.0%) as the percentage it shows (47.9%)."""
    value: Any = cell.value
    if value is None:
        return "", None
    if isinstance(value, datetime.datetime | datetime.date):
        day = value.date() if isinstance(value, datetime.datetime) else value
        if column == "period":
            return _period_of(day, cell.number_format)
        return day.isoformat(), None
    if isinstance(value, bool):
        return ("true" if value else "false"), None
    if figure and isinstance(value, int | float) and "%" in cell.number_format:
        return f"{Decimal(repr(value)).scaleb(2):f}%", None
    if isinstance(value, float) and value.is_integer() and not figure:
        return str(int(value)), None  # a year typed as a number
    if isinstance(value, int | float):
        return repr(value), None
    return str(value), None


def _period_of(day: datetime.date, number_format: str) -> tuple[str, Text | None]:
    """The period a date in the period column names: a year when its format shows only the
    year, else a month when it is that month's first day (Excel's reading of "2024-03") or
    last day; any other date is refused."""
    shown = number_format.lower()
    if "y" in shown and not any(letter in shown for letter in "md"):
        return str(day.year), None
    last = calendar.monthrange(day.year, day.month)[1]
    if day.day in (1, last):
        return f"{day.year}-{day.month:02d}", None
    return "", text(usage.DATE_IN_PERIOD, date=day.isoformat())


def _text(cell: SheetCell) -> str:
    return "" if cell.value is None else str(cell.value)
