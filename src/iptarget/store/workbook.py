"""Excel workbooks in and out (``import FILE.xlsx``, ``export --output FILE.xlsx``), with
openpyxl: the first sheet holds the same columns as a CSV file, and follows the same rules.

Excel turns what people type into other things: ``2024-03`` into the date 2024-03-01, a
number into a float. A date in the period column is taken as the month it plainly names (the
first or the last day of a month) or the year its format shows, and refused otherwise; a
formula cell is read as the value Excel saved with it, and refused when there is none.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iptarget.errors import UserError
from iptarget.store.tables import CsvRows, Rows, check_header

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

SUFFIXES = (".xlsx", ".xlsm")
#: The columns exported as text (so that Excel keeps ``2024-03`` as typed); the value is a
#: number.
TEXT_COLUMNS = frozenset({"metric", "region", "period", "source", "note", "published", "flag"})


def is_workbook(path: Path) -> bool:
    """Whether a file is to be read or written as a workbook, by its name."""
    return path.suffix.lower() in SUFFIXES


def parse_xlsx(path: Path) -> CsvRows:
    """The figures of a workbook's first sheet, each named by its row; formula cells by the
    value saved with them; merged cells and dates that name no period refused."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    display = str(path)
    try:
        values = load_workbook(path, data_only=True)  # the values Excel saved
        formulas = load_workbook(path, data_only=False)  # which cells hold formulas
    except FileNotFoundError:
        raise UserError.single(display, "", "file not found") from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        message = f"not an Excel workbook (.xlsx) that can be read: {error}"
        raise UserError.single(display, "", message) from None
    sheet, sheet_formulas = values.worksheets[0], formulas.worksheets[0]
    where = f"{display}: sheet {sheet.title!r}"
    merged = [str(cells) for cells in sheet_formulas.merged_cells.ranges]
    if merged:
        message = f"cells {', '.join(merged)} are merged; unmerge them (one value to a cell)"
        raise UserError.single(where, "", message)
    rows = list(zip(_rows(sheet), _rows(sheet_formulas), strict=True))
    if not rows or not any(_text(cell) for cell in rows[0][0]):
        raise UserError.single(where, "row 1", "no header row: the first row names the columns")
    header = [_text(cell).strip().lower() for cell in rows[0][0]]
    check_header(where, header, "row")
    reading = Rows(where, "row")
    for (cells, formula_cells), number in zip(rows[1:], range(2, len(rows) + 1), strict=True):
        texts, problem = _cells(header, cells, formula_cells)
        if problem:
            reading.problem(number, problem)
        elif any(text.strip() for text in texts):
            reading.add(number, header, texts)
    return reading.done()


def _rows(sheet: Worksheet) -> list[Sequence[Cell]]:
    from openpyxl.cell.cell import MergedCell

    # a sheet with merged cells is refused before this: no MergedCell is left out
    return [
        tuple(cell for cell in row if not isinstance(cell, MergedCell)) for row in sheet.iter_rows()
    ]


def _cells(
    header: list[str], cells: Sequence[Cell], formulas: Sequence[Cell]
) -> tuple[list[str], str]:
    """A row's cells as text, as the CSV reader takes them, or what is wrong with one."""
    texts = []
    for index, (cell, formula) in enumerate(zip(cells, formulas, strict=True)):
        column = header[index] if index < len(header) else ""
        if formula.data_type == "f" and cell.value is None:
            return [], (
                f"{column or cell.coordinate}: {cell.coordinate} holds a formula without a "
                "saved result; open and save the file in Excel, or paste the values"
            )
        text, problem = _cell_text(cell, column)
        if problem:
            return [], f"{column}: {problem}"
        texts.append(text)
    return texts, ""


def _cell_text(cell: Cell, column: str) -> tuple[str, str]:
    """One cell as the text a CSV file would hold."""
    value: Any = cell.value
    if value is None:
        return "", ""
    if isinstance(value, datetime.datetime | datetime.date):
        day = value.date() if isinstance(value, datetime.datetime) else value
        if column == "period":
            return _period_of(day, cell.number_format)
        return day.isoformat(), ""
    if isinstance(value, bool):
        return ("true" if value else "false"), ""
    if isinstance(value, float) and value.is_integer() and column != "value":
        return str(int(value)), ""  # a year typed as a number
    if isinstance(value, int | float):
        return repr(value), ""
    return str(value), ""


def _period_of(day: datetime.date, number_format: str) -> tuple[str, str]:
    """The period a date in the period column names: a year when its format shows only the
    year, else a month when it is that month's first day (Excel's reading of "2024-03") or
    last day; any other date is refused."""
    shown = number_format.lower()
    if "y" in shown and not any(letter in shown for letter in "md"):
        return str(day.year), ""
    last = calendar.monthrange(day.year, day.month)[1]
    if day.day in (1, last):
        return f"{day.year}-{day.month:02d}", ""
    return "", (
        f"{day.isoformat()} is a date, not a period: type the period as text "
        "(2024, 2024-Q1, 2024-03), formatted as Text in Excel"
    )


def _text(cell: Cell) -> str:
    return "" if cell.value is None else str(cell.value)


def xlsx_bytes(headings: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """A workbook of one sheet: the headings, then the rows; the value column as numbers,
    the other columns as text, so that Excel keeps periods and dates as they are written."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "values"
    for number, row in enumerate([list(headings), *rows], start=1):
        for column, (heading, text) in enumerate(zip(headings, row, strict=True), start=1):
            value = text if number == 1 else _exported(heading, text)
            cell = sheet.cell(number, column, value)
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
                cell.number_format = "@"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _exported(heading: str, cell: str) -> str | int | float | None:
    """A cell as the workbook holds it: a figure as a number, the rest as text."""
    if cell == "":
        return None
    if heading == "value":
        number = float(cell)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    return cell
