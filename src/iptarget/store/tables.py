"""Reading figures from a CSV file for ``iptarget import`` (a workbook: ``store.workbook``)."""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from iptarget.cells import unprotect
from iptarget.errors import Kind, Problem, Subject, Text, UserError, text
from iptarget.store.new_figures import NewFigure
from iptarget.texts import files, usage, words
from iptarget.texts.rules import unknown_key
from iptarget.texts.words import KIND_COLUMN

if TYPE_CHECKING:
    from _csv import Reader

#: The columns ``import`` reads; ``derived`` and ``rule`` are the columns ``export`` adds
#: (derived rows are skipped).
CSV_REQUIRED = ("metric", "region", "period", "value")
CSV_COLUMNS = (
    *CSV_REQUIRED,
    *("source", "note", "published", "flag", "derived", "rule", "metric_name", "region_name"),
)
#: How the derived column of an export says yes: CSV, an English workbook, a Chinese one.
YES = ("true", "1", "yes", "是")
#: A unit or remark in brackets after a heading: 数值（件）, value (%).
_BRACKETED = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")
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

    def subject(self, number: int) -> Subject:
        """A row as messages name it: ``line 4`` of a CSV file, ``sheet 'S': row 4``."""
        return row_subject(number, self.sheet)


def row_subject(number: int, sheet: str | None) -> Subject:
    """Line ``number`` of a CSV file, or row ``number`` of a workbook's sheet."""
    if sheet is None:
        return Subject(Kind.LINE, number=number)
    return Subject(Kind.ROW, (sheet,), number=number)


def parse_csv(path: Path) -> TableRows:
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
        number, header, above = find_header(lines)
        check_header(display, header, number)
        for line, cells in [*above, *lines]:
            reading.add(line, header, cells)
    except csv.Error as error:
        reading.problem(reader.line_num, text(usage.NOT_CSV, reason=usage.csv_reason(str(error))))
    return reading.done(encoding)


class RowReader:
    """The figures of a table, row by row: each named by its line (CSV) or row (workbook)."""

    def __init__(self, display: str, sheet: str | None = None) -> None:
        self.display, self.sheet = display, sheet
        self.figures: list[tuple[int, NewFigure]] = []
        self.problems: list[Problem] = []
        self.skipped = 0

    def problem(self, number: int, said: Text, field: str | None = None) -> None:
        subject = row_subject(number, self.sheet)
        subject = subject.at(field) if field else subject
        self.problems.append(Problem(self.display, said, subject, number))

    def add(
        self, number: int, header: list[str], cells: list[str], period_date: str | None = None
    ) -> None:
        """One row under the header: a figure, a derived row skipped, or a problem;
        ``period_date`` is the date a workbook's period cell held."""
        row, problem = _row(header, cells)
        if row is None:
            assert problem is not None
            self.problem(number, problem)
            return
        if row.get("derived", "").lower() in YES:
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
            period_date,
        )
        self.figures.append((number, figure))

    def done(self, encoding: str = "utf-8") -> TableRows:
        """What was read; a table with nothing under its header is refused."""
        if not self.figures and not self.skipped and not self.problems:
            subject = None if self.sheet is None else Subject(Kind.SHEET, (self.sheet,))
            raise UserError.single(self.display, usage.NO_ROWS, subject)
        return TableRows(
            self.display, self.figures, self.skipped, self.problems, encoding, self.sheet
        )


def _row(header: list[str], cells: list[str]) -> tuple[dict[str, str] | None, Text | None]:
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
        return None, text(usage.CELLS, cells=len(cells), columns=named)
    row = {}
    for number, (name, cell) in enumerate(zip(header, cells, strict=True), start=1):
        if name:
            row[name] = unprotect(cell.strip())
        elif cell.strip():
            return None, text(usage.NO_HEADING, number=number, value=repr(cell.strip()))
    return row, None


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


def column_name(heading: str) -> str:
    """The column a heading names: ``metric``…, from English or Chinese, without a unit in
    brackets (``数值（件）`` is ``value``); an unknown heading as it is written, lower-cased."""
    name = heading.strip().lower()
    known = _headings()
    for said in (name, _BRACKETED.sub("", name)):
        column = known.get(said, said)
        if column in CSV_COLUMNS:
            return column
    return name


@functools.cache
def _headings() -> dict[str, str]:
    """Every heading of a column in either language (the catalogue's words for it, as
    ``export`` writes them to a workbook), and the column it names."""
    from iptarget.i18n import LANGUAGES, pgettext, speaking

    found = {}
    for language in LANGUAGES:
        with speaking(language):
            for name, heading in words.COLUMNS.items():
                for said in (heading, *words.COLUMN_ALIASES.get(name, ())):
                    assert said.context is not None
                    found[pgettext(said.context, said.text).lower()] = name
    return found


def find_header(
    rows: Iterable[tuple[int, list[str]]],
) -> tuple[int, list[str], list[tuple[int, list[str]]]]:
    """The header row among the first rows that are not blank: the first that names every
    required column (the rows above it, a title or a note, are passed over), else the first
    row, to be refused with what it lacks. Returns its number, its column names and the rows
    read past it."""
    seen: list[tuple[int, list[str]]] = []
    for number, cells in rows:
        seen.append((number, cells))
        names = [column_name(cell) for cell in cells]
        if all(name in names for name in CSV_REQUIRED):
            return number, names, []
        if len(seen) == HEADER_SEARCH:
            break
    if not seen:
        return 1, [], []
    number, cells = seen[0]
    return number, [column_name(cell) for cell in cells], seen[1:]


def check_header(
    display: str, header: list[str], number: int = 1, sheet: str | None = None
) -> None:
    """Refuse a header with an unknown column, a missing one or one named twice, and a table
    where no row names any column."""
    where = row_subject(number, sheet)
    if not any(name in CSV_COLUMNS for name in header):
        raise UserError.single(display, usage.NO_HEADER, where)
    problems = [
        Problem(display, unknown_key(name, CSV_COLUMNS, KIND_COLUMN), where, number)
        for name in header
        if name and name not in CSV_COLUMNS
    ]
    problems += [
        Problem(display, text(usage.COLUMN_MISSING, name=name), where, number)
        for name in CSV_REQUIRED
        if name not in header
    ]
    named = [name for name in header if name]
    if len(set(named)) != len(named):
        problems.append(Problem(display, text(usage.COLUMN_TWICE), where, number))
    if problems:
        raise UserError(problems)


def _lines(reader: Reader) -> Iterator[tuple[int, list[str]]]:
    """Each row that is not blank, with the line it starts on (a quoted cell may span lines)."""
    line = reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if any(cell.strip() for cell in cells):
            yield start, cells
