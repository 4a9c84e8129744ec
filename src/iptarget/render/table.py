"""One plain table value, rendered for a terminal, as GitHub markdown, or as CSV.

The terminal layout is drawn by hand rather than with ``rich.table``: the status table needs
a compact form for narrow terminals (region and metric folded under the id, periods under
values) whose first column takes what the others leave, and lines that stay exactly as they
are in a pipe. rich measures the cells (CJK characters count double) and colours them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from iptarget.i18n import pgettext
from iptarget.linebreak import pieces
from iptarget.render.escape import clean, csv_cell, markdown_cell

if TYPE_CHECKING:
    from rich.text import Text


class Column(NamedTuple):
    """A column of a plain table: its heading and whether it holds numbers."""

    heading: str
    numeric: bool = False


def heading(column: Column) -> str:
    """A column's heading for people, in the interface's language (CSV keeps it as it is)."""
    return pgettext("heading", column.heading) if column.heading else ""


class Section(NamedTuple):
    """A heading line above the rows from ``row`` on (a review's verdict), in ``style``."""

    row: int
    text: str
    style: str = ""


class Table(NamedTuple):
    """A table as plain text cells; a cell may hold several lines (terminal only).

    ``styles`` colour the last cell of each row in a terminal; ``strong`` marks the rows
    whose last cell is bold in markdown. In a terminal narrower than the table, the
    ``flexible`` column takes the width the others leave, its lines wrapped at spaces (the
    first line of the first column, a target's id, is never cut). With ``below``, the first
    column's later lines (a path folded under the id) start below the other cells' lines, so
    no wrapped text stands beside them. ``sections`` put a heading line above some rows, and
    ``under`` a line under each row (a target's title), across the table's width (terminal
    only).
    """

    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    styles: Sequence[str] = ()
    strong: Sequence[bool] = ()
    flexible: int = 0
    below: bool = False
    sections: Sequence[Section] = ()
    under: Sequence[str] = ()


def terminal_lines(table: Table, width: int | None = None, terminal: bool = False) -> list[Text]:
    """The table as lines of text, numbers to the right, each cell measured in terminal cells.

    Cells and headings may hold several lines; the last column is styled per row. With a
    ``width`` (a narrow terminal) columns stand one space apart, and the flexible column
    takes what the others leave, its lines wrapped at spaces to fit.
    """
    from rich.cells import cell_len
    from rich.text import Text

    columns = table.columns
    rows = [
        ["\n".join(clean(line) for line in cell.split("\n")) for cell in row] for row in table.rows
    ]
    headings = [heading(column) for column in columns]
    gap = "  " if width is None else " "
    widths = [
        max(
            cell_len(line)
            for cell in [headings[i], *(row[i] for row in rows)]
            for line in cell.split("\n")
        )
        for i in range(len(columns))
    ]
    if width is not None and len(columns) > 1:
        flexible = table.flexible
        rest = sum(widths) - widths[flexible] + len(gap) * (len(columns) - 1)
        floor = max(cell_len(line) for line in headings[flexible].split("\n"))
        if flexible == 0:
            floor = max([floor, *(cell_len(row[0].split("\n")[0]) for row in rows)])
        widths[flexible] = max(floor, 12, min(widths[flexible], width - rest))
        for row in rows:
            row[flexible] = "\n".join(
                wrap(line, widths[flexible], keep=flexible == 0 and index == 0)
                for index, line in enumerate(row[flexible].split("\n"))
            )
    if table.below:
        for row in rows:
            first, *later = row[0].split("\n")
            depth = max(cell.count("\n") for cell in row[1:])
            row[0] = "\n".join([first, *[""] * depth, *later]) if later and depth else row[0]
    lines = _row_lines(columns, widths, headings, gap, "bold" if terminal else "", header=True)
    if terminal:
        lines.append(Text("─" * max(line.cell_len for line in lines), style="dim"))
    headed = {section.row: section for section in table.sections}
    for index, row in enumerate(rows):
        if index in headed:
            section = headed[index]
            lines += [Text("")] if index else []  # a blank line between sections
            lines.append(
                Text(clean(section.text), style=f"bold {section.style}" if terminal else "")
            )
        style = table.styles[index] if table.styles else ""
        lines.extend(_row_lines(columns, widths, row, gap, style))
        if table.under and table.under[index]:
            room = width or sum(widths) + len(gap) * (len(columns) - 1)
            lines.extend(
                Text(line) for line in wrap(f"  {clean(table.under[index])}", room).split("\n")
            )
    return lines


def fitted_lines(
    table: Table, terminal: bool, width: int, narrower: Sequence[Table] = ()
) -> list[Text]:
    """The table's lines; in a terminal narrower than it, the first of the ``narrower``
    layouts that fits (else the last), each wrapped to the terminal's width. A pipe gets the
    wide table: one line per row."""
    lines = terminal_lines(table, terminal=terminal)
    if not terminal or max(line.cell_len for line in lines) <= width:
        return lines
    for layout in narrower or [table]:
        lines = terminal_lines(layout, width, terminal=True)
        if max(line.cell_len for line in lines) <= width:
            break
    return lines


def wrap(line: str, width: int, keep: bool = False) -> str:
    """A line broken into lines of at most ``width`` terminal cells, joined by newlines: at
    spaces, and between Chinese characters where Chinese text breaks; later lines keep the
    first one's indent, and a word too long for a line is broken where it must be. With
    ``keep`` the line stays whole.
    """
    from rich.cells import cell_len, chop_cells

    if keep or cell_len(line) <= width:
        return line
    indent = " " * (len(line) - len(line.lstrip(" ")))
    room = max(1, width - len(indent))
    lines: list[str] = []
    current = ""
    for chunk in line.split():
        for index, piece in enumerate(pieces(chunk)):
            joint = " " if index == 0 and current else ""
            if cell_len(current + joint + piece) <= room:
                current += joint + piece
                continue
            if current:
                lines.append(current)
            chopped = chop_cells(piece, room)
            lines.extend(chopped[:-1])
            current = chopped[-1]
    lines.append(current)
    return "\n".join(indent + text for text in lines)


def _fit(text: str, width: int, numeric: bool) -> str:
    """Pad a cell to ``width`` terminal cells (CJK counts double), cutting it with … if longer."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) > width:
        text = set_cell_size(text, width - 1) + "…"
    gap = " " * (width - cell_len(text))
    return gap + text if numeric else text + gap


def _row_lines(
    columns: Sequence[Column],
    widths: Sequence[int],
    row: Sequence[str],
    gap: str,
    style: str,
    header: bool = False,
) -> list[Text]:
    """The lines of one row; ``style`` goes to the last cell, or the whole row for a header."""
    from rich.text import Text

    parts = [cell.split("\n") for cell in row]
    lines = []
    for number in range(max(len(part) for part in parts)):
        line = Text(style=style if header else "")
        for index, (column, size) in enumerate(zip(columns, widths, strict=True)):
            cell = parts[index][number] if number < len(parts[index]) else ""
            last = index == len(columns) - 1
            line.append(gap if index else "")
            line.append(
                _fit(cell, size, column.numeric), style=style if last and number == 0 else ""
            )
        line.rstrip()
        lines.append(line)
    return lines


def markdown(table: Table) -> list[str]:
    """The table as GitHub-flavoured markdown lines, ``|`` escaped, strong rows in bold."""
    lines = [
        "| " + " | ".join(heading(column) for column in table.columns) + " |",
        "| " + " | ".join("---:" if column.numeric else "---" for column in table.columns) + " |",
    ]
    headed = {section.row: section.text for section in table.sections}
    for index, row in enumerate(table.rows):
        if index in headed:
            empty = [""] * (len(table.columns) - 1)
            lines.append("| " + " | ".join([f"**{markdown_cell(headed[index])}**", *empty]) + " |")
        cells = [markdown_cell(cell) for cell in row]
        if table.strong and table.strong[index]:
            cells[-1] = f"**{cells[-1]}**"
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def csv_text(table: Table) -> str:
    """The table as RFC 4180 CSV: CRLF, and a field with \\r or \\n in it is quoted."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.heading for column in table.columns])
    writer.writerows([csv_cell(cell) for cell in row] for row in table.rows)
    return buffer.getvalue()
