"""Reading figures from a CSV file for ``iptarget import`` (a workbook: ``store.workbook``)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from iptarget.errors import Kind, Problem, Subject, Text, UserError, text
from iptarget.store.new_figures import NewFigure
from iptarget.texts import files, usage

if TYPE_CHECKING:
    from _csv import Reader

    from iptarget.core.dataset import Dataset

#: How far down a sheet the header row is looked for, below titles and blank rows.
HEADER_SEARCH = 20


@dataclass(frozen=True)
class TableRows:
    """The rows of a CSV file or a workbook's sheet as figures, by line or row number;
    derived rows skipped; rows of a bad shape as problems."""

    origin: str
    figures: list[tuple[int, NewFigure]]
    skipped: int
    problems: list[Problem]
    encoding: str = "utf-8"  # gb18030 when the file was not UTF-8 (Excel on Chinese Windows)
    sheet: str | None = None  # the workbook's sheet the rows are read from
    #: Where each figure's fields come from: the heading and the column of each.
    headed: tuple[Headed, ...] = ()

    def subject(self, number: int) -> Subject:
        """A row as messages name it: ``line 4`` of a CSV file, ``sheet 'S': row 4``."""
        return row_subject(number, self.sheet)

    def place(self, index: int, number: int, field: str) -> Subject:
        """Where a field of the ``index``-th figure (on row ``number``) is: ``line 4`` and its
        heading (``value``, ``当年累计``), or the workbook's cell (``Sheet1!C4``)."""
        heading, column = self.headed[index].get(field, (field, None))
        return cell_subject(number, self.sheet, heading, column)


#: Where a figure's fields come from in its row: each field's heading and column (from 0).
Headed = Mapping[str, tuple[str, int | None]]


def cell_subject(
    number: int, sheet: str | None, heading: str | None, column: int | None
) -> Subject:
    """A cell as a problem names it: a workbook's as Excel does (``Sheet1!C7``), a CSV
    file's by its line and heading (``line 7: value``)."""
    if sheet is not None and column is not None:
        plain = sheet.replace("_", "a").replace(".", "a").isalnum() and not sheet[0].isdigit()
        name = sheet if plain else "'" + sheet.replace("'", "''") + "'"  # as Excel quotes it
        return Subject(Kind.CELL, (f"{name}!{column_letters(column)}{number}",))
    subject = row_subject(number, sheet)
    return subject.at(heading) if heading else subject


def column_letters(column: int) -> str:
    """A column's letters in a sheet, from 0: A, B, …, Z, AA."""
    letters = ""
    column += 1
    while column:
        column, left = divmod(column - 1, 26)
        letters = chr(ord("A") + left) + letters
    return letters


class Layout(Protocol):
    """How a table is laid out: which row is its header, and what each row under it holds."""

    #: The columns whose cells are figures: a cell shown as a percentage is read as shown.
    values: frozenset[str]

    @property
    def notices(self) -> Sequence[Text]:
        """What the layout did not read, to be said before the figures: columns, rows."""

    def place(self, rows: TableRows, dataset: Dataset) -> TableRows:
        """The rows once what they leave to the directory is settled (a CNIPA table's
        regions, given by name), under the directory's lock."""

    def names(self, cells: list[str]) -> list[str]:
        """The columns a row's cells would name if it were the header."""

    def is_header(self, names: list[str]) -> bool:
        """Whether a row naming these columns is the header."""

    def check_header(
        self, display: str, names: list[str], cells: list[str], number: int, sheet: str | None
    ) -> None:
        """Refuse a header this layout cannot read."""

    def add(
        self,
        reading: RowReader,
        number: int,
        names: list[str],
        cells: list[str],
        period_date: str | None,
    ) -> None:
        """The figures of one row under the header (``period_date``: the date a workbook's
        period cell held), or its problem, into ``reading``."""


def row_subject(number: int, sheet: str | None) -> Subject:
    """Line ``number`` of a CSV file, or row ``number`` of a workbook's sheet."""
    if sheet is None:
        return Subject(Kind.LINE, number=number)
    return Subject(Kind.ROW, (sheet,), number=number)


def parse_csv(path: Path, layout: Layout) -> TableRows:
    """The figures of a CSV file with their line numbers, and how many derived rows it skipped.

    The header names the columns (any order; metric, region, period and value required,
    source, note, published and flag optional). UTF-8 with or without a byte-order mark,
    else GB18030 (what Excel saves as "CSV" on Chinese Windows); separated by commas or
    semicolons, whichever the header uses. Columns without a heading that are empty
    throughout (Excel's trailing columns) and rows that are empty are left out. A bad header
    stops here; a row of the wrong shape is kept as a problem, to be reported with the
    problems of the other rows.
    """
    import csv
    import io

    display = str(path)
    content, encoding = _text(path)
    top = "\n".join(content.split("\n", HEADER_SEARCH)[:HEADER_SEARCH])
    delimiter = ";" if top.count(";") > top.count(",") else ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter, strict=True)
    reading = RowReader(display)
    try:
        lines = _lines(reader)
        number, cells, above = find_header(lines, layout)
        header = layout.names(cells)
        layout.check_header(display, header, cells, number, None)
        for line, row in [*above, *lines]:
            layout.add(reading, line, header, row, None)
    except csv.Error as error:
        reading.problem(reader.line_num, text(usage.NOT_CSV, reason=usage.csv_reason(str(error))))
    return reading.done(encoding)


class RowReader:
    """The figures of a table, row by row: each named by its line (CSV) or row (workbook)."""

    def __init__(self, display: str, sheet: str | None = None) -> None:
        self.display, self.sheet = display, sheet
        self.figures: list[tuple[int, NewFigure]] = []
        self.headed: list[Headed] = []
        self.problems: list[Problem] = []
        self.skipped = 0

    def problem(
        self, number: int, said: Text, field: str | None = None, column: int | None = None
    ) -> None:
        """A problem of row ``number``: of its cell under ``field`` (a heading) in ``column``,
        or of the whole row."""
        subject = cell_subject(number, self.sheet, field, column)
        self.problems.append(Problem(self.display, said, subject, number))

    def figure(self, number: int, figure: NewFigure, headed: Headed) -> None:
        """A figure read from row ``number``, with where its fields come from."""
        self.figures.append((number, figure))
        self.headed.append(headed)

    def done(self, encoding: str = "utf-8") -> TableRows:
        """What was read; a table with nothing under its header is refused."""
        if not self.figures and not self.skipped and not self.problems:
            subject = None if self.sheet is None else Subject(Kind.SHEET, (self.sheet,))
            raise UserError.single(self.display, usage.NO_ROWS, subject)
        headed = tuple(self.headed)
        return TableRows(
            self.display, self.figures, self.skipped, self.problems, encoding, self.sheet, headed
        )


#: The largest file import reads: a national directory's figures as CSV are ~20 MB.
IMPORT_LIMIT_MB = 256


@contextlib.contextmanager
def _reading(display: str) -> Iterator[None]:
    """A file that cannot be read, said as such."""
    try:
        yield
    except FileNotFoundError:
        raise UserError.single(display, usage.FILE_NOT_FOUND) from None
    except OSError as error:
        raise UserError.single(display, files.CANNOT_READ, reason=usage.os_reason(error)) from None


def importable(path: Path) -> None:
    """Refuse what import must not read whole: no such file, anything but a regular file
    (/dev/zero, a FIFO, a folder), a file over IMPORT_LIMIT_MB."""
    import stat

    display = str(path)
    with _reading(display):
        info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise UserError.single(display, files.NOT_REGULAR)
    if info.st_size > IMPORT_LIMIT_MB * 2**20:
        size = f"{info.st_size / 2**20:,.0f}"
        raise UserError.single(display, usage.TOO_BIG, size=size, limit=str(IMPORT_LIMIT_MB))


def _text(path: Path) -> tuple[str, str]:
    """A CSV file's text and encoding: UTF-8, with or without a byte-order mark, else
    GB18030 (Excel's "CSV" on Chinese Windows, a superset of GBK)."""
    display = str(path)
    importable(path)
    with _reading(display):
        data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        first = error.start
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise UserError.single(display, usage.NOT_TEXT, byte=first) from None


def find_header(
    rows: Iterable[tuple[int, list[str]]], layout: Layout
) -> tuple[int, list[str], list[tuple[int, list[str]]]]:
    """The header row among the first rows that are not blank: the first the layout takes
    for its header (the rows above it, a title or a note, are passed over), else the first
    row, to be refused with what it lacks. Returns its number, its cells and the rows read
    past it."""
    seen: list[tuple[int, list[str]]] = []
    for number, cells in rows:
        seen.append((number, cells))
        if layout.is_header(layout.names(cells)):
            return number, cells, []
        if len(seen) == HEADER_SEARCH:
            break
    if not seen:
        return 1, [], []
    number, cells = seen[0]
    return number, cells, seen[1:]


def _lines(reader: Reader) -> Iterator[tuple[int, list[str]]]:
    """Each row that is not blank, with the line it starts on (a quoted cell may span lines)."""
    line = reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if any(cell.strip() for cell in cells):
            yield start, cells
