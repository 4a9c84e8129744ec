"""Reading figures from a CSV file for ``iptarget import``."""

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

#: The columns ``import`` reads; ``derived`` is the column ``export`` adds (such rows are skipped).
CSV_REQUIRED = ("metric", "region", "period", "value")
CSV_COLUMNS = (*CSV_REQUIRED, "source", "note", "derived")


@dataclass(frozen=True)
class CsvRows:
    """The rows of a CSV file as figures, by line; derived rows skipped; rows of a bad shape."""

    origin: str
    figures: list[tuple[int, NewFigure]]
    skipped: int
    problems: list[Problem]


def parse_csv(path: Path) -> CsvRows:
    """The figures of a CSV file with their line numbers, and how many derived rows it skipped.

    The header names the columns (any order; metric, region, period and value required,
    source and note optional). UTF-8 with or without a byte-order mark; separated by commas
    or semicolons, whichever the header uses. A bad header stops here; a row of the wrong
    shape is kept as a problem, to be reported with the problems of the other rows.
    """
    import csv
    import io

    display = str(path)
    text = _text(path)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    problems: list[Problem] = []
    rows: list[tuple[int, NewFigure]] = []
    skipped = 0
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        _check_header(display, header)
        for line, cells in _lines(reader):
            if len(cells) != len(header):
                message = f"{len(cells)} cells where the header has {len(header)} columns"
                problems.append(Problem(display, f"line {line}", message, line))
                continue
            row = {name: unprotect(cell.strip()) for name, cell in zip(header, cells, strict=True)}
            if row.get("derived", "").lower() in ("true", "1", "yes"):
                skipped += 1
                continue
            figure = NewFigure(
                row["metric"],
                row["region"],
                row["period"],
                row["value"],
                row.get("source") or None,
                row.get("note") or None,
            )
            rows.append((line, figure))
    except csv.Error as error:
        line = reader.line_num
        problems.append(Problem(display, f"line {line}", f"not valid CSV: {error}", line))
    if not rows and not skipped and not problems:
        raise UserError.single(display, "", "no rows under the header")
    return CsvRows(display, rows, skipped, problems)


def _text(path: Path) -> str:
    """A CSV file's text: UTF-8, with or without a byte-order mark."""
    display = str(path)
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise UserError.single(display, "", "file not found") from None
    except UnicodeDecodeError as error:
        raise UserError.single(display, "", f"not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise UserError.single(display, "", f"cannot read: {error.strerror}") from None


def _check_header(display: str, header: list[str]) -> None:
    """Refuse a header with an unknown column, a missing one or one named twice."""
    problems = [
        Problem(display, "line 1", unknown_key(name, CSV_COLUMNS, "column"), 1)
        for name in header
        if name not in CSV_COLUMNS
    ]
    problems += [
        Problem(display, "line 1", f'the column "{name}" is missing', 1)
        for name in CSV_REQUIRED
        if name not in header
    ]
    if len(set(header)) != len(header):
        problems.append(Problem(display, "line 1", "a column is named twice", 1))
    if problems:
        raise UserError(problems)


def _lines(reader: Reader) -> Iterator[tuple[int, list[str]]]:
    """Each row that is not blank, with the line it starts on (a quoted cell may span lines)."""
    line = reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if any(cell.strip() for cell in cells):
            yield start, cells
