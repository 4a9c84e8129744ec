"""Reading figures from a CSV file for ``iptarget import`` (a workbook: ``store.workbook``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from iptarget.cells import unprotect
from iptarget.errors import Problem, UserError, unknown_key
from iptarget.store.new_figures import NewFigure

if TYPE_CHECKING:
    from _csv import Reader

#: The columns ``import`` reads; ``derived`` and ``rule`` are the columns ``export`` adds
#: (derived rows are skipped).
CSV_REQUIRED = ("metric", "region", "period", "value")
CSV_COLUMNS = (*CSV_REQUIRED, "source", "note", "published", "flag", "derived", "rule")


@dataclass(frozen=True)
class CsvRows:
    """The rows of a CSV file as figures, by line; derived rows skipped; rows of a bad shape."""

    origin: str
    figures: list[tuple[int, NewFigure]]
    skipped: int
    problems: list[Problem]
    encoding: str = "utf-8"  # gb18030 when the file was not UTF-8 (Excel on Chinese Windows)
    word: str = "line"  # how a row is named: "line" in a CSV file, "row" in a workbook


def parse_csv(path: Path) -> CsvRows:
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
    text, encoding = _text(path)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    reading = Rows(display, "line")
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        check_header(display, header, "line")
        for line, cells in _lines(reader):
            reading.add(line, header, cells)
    except csv.Error as error:
        line = reader.line_num
        reading.problem(line, f"not valid CSV: {error}")
    return reading.done(encoding)


class Rows:
    """The figures of a table, row by row: each named by its line (CSV) or row (workbook)."""

    def __init__(self, display: str, word: str) -> None:
        self.display, self.word = display, word
        self.figures: list[tuple[int, NewFigure]] = []
        self.problems: list[Problem] = []
        self.skipped = 0

    def problem(self, number: int, message: str) -> None:
        self.problems.append(Problem(self.display, f"{self.word} {number}", message, number))

    def add(self, number: int, header: list[str], cells: list[str]) -> None:
        """One row under the header: a figure, a derived row skipped, or a problem."""
        row, problem = _row(header, cells)
        if row is None:
            self.problem(number, problem)
            return
        if row.get("derived", "").lower() in ("true", "1", "yes"):
            self.skipped += 1
            return
        figure = NewFigure(
            row["metric"],
            row["region"],
            row["period"],
            row["value"],
            row.get("source") or None,
            row.get("note") or None,
            row.get("published") or None,
            row.get("flag") or None,
        )
        self.figures.append((number, figure))

    def done(self, encoding: str = "utf-8") -> CsvRows:
        """What was read; a table with nothing under its header is refused."""
        if not self.figures and not self.skipped and not self.problems:
            raise UserError.single(self.display, "", "no rows under the header")
        return CsvRows(self.display, self.figures, self.skipped, self.problems, encoding, self.word)


def _row(header: list[str], cells: list[str]) -> tuple[dict[str, str] | None, str]:
    """A row's cells by column name, or None and what is wrong with its shape.

    Cells under a column without a heading must be empty; such columns may also be missing
    at the end of a row, or extra empty cells follow the last column.
    """
    named = sum(1 for name in header if name)
    while len(cells) > len(header) and not cells[-1].strip():
        cells = cells[:-1]
    while len(cells) < len(header) and not header[len(cells)]:
        cells = [*cells, ""]
    if len(cells) != len(header):
        return None, f"{len(cells)} cells where the header has {named} columns"
    row = {}
    for number, (name, cell) in enumerate(zip(header, cells, strict=True), start=1):
        if name:
            row[name] = unprotect(cell.strip())
        elif cell.strip():
            return None, f"column {number} has no heading but holds {cell.strip()!r}"
    return row, ""


def _text(path: Path) -> tuple[str, str]:
    """A CSV file's text and encoding: UTF-8, with or without a byte-order mark, else
    GB18030 (Excel's "CSV" on Chinese Windows, a superset of GBK)."""
    display = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError.single(display, "", "file not found") from None
    except OSError as error:
        raise UserError.single(display, "", f"cannot read: {error.strerror}") from None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        first = error.start
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        message = f"neither UTF-8 nor GB18030 text (byte {first}); save it as CSV UTF-8"
        raise UserError.single(display, "", message) from None


def check_header(display: str, header: list[str], word: str) -> None:
    """Refuse a header with an unknown column, a missing one or one named twice."""
    where = f"{word} 1"
    problems = [
        Problem(display, where, unknown_key(name, CSV_COLUMNS, "column"), 1)
        for name in header
        if name and name not in CSV_COLUMNS
    ]
    problems += [
        Problem(display, where, f'the column "{name}" is missing', 1)
        for name in CSV_REQUIRED
        if name not in header
    ]
    named = [name for name in header if name]
    if len(set(named)) != len(named):
        problems.append(Problem(display, where, "a column is named twice", 1))
    if problems:
        raise UserError(problems)


def _lines(reader: Reader) -> Iterator[tuple[int, list[str]]]:
    """Each row that is not blank, with the line it starts on (a quoted cell may span lines)."""
    line = reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if any(cell.strip() for cell in cells):
            yield start, cells
