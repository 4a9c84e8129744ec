"""The long layout of ``iptarget import`` (SPEC 5.1): one figure a row, under the columns
metric, region, period and value, headed in English or Chinese."""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from iptarget.cells import unprotect
from iptarget.errors import Problem, Text, UserError, text
from iptarget.store.new_figures import NewFigure
from iptarget.store.tables import row_subject
from iptarget.texts import usage, words
from iptarget.texts.rules import unknown_key
from iptarget.texts.words import KIND_COLUMN

if TYPE_CHECKING:
    from iptarget.core.dataset import Dataset
    from iptarget.store.tables import Headed, RowReader, TableRows

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
BRACKETED = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")


class LongLayout:
    """One figure a row, under the columns metric, region, period and value (SPEC 5.1)."""

    values = frozenset({"value"})
    notices: tuple[Text, ...] = ()  # the long layout reads every column it knows

    def place(self, rows: TableRows, dataset: Dataset) -> TableRows:
        return rows  # every row names its own metric and region

    def names(self, cells: list[str]) -> list[str]:
        return [column_name(cell) for cell in cells]

    def is_header(self, names: list[str]) -> bool:
        return all(name in names for name in CSV_REQUIRED)

    def check_header(
        self, display: str, names: list[str], cells: list[str], number: int, sheet: str | None
    ) -> None:
        check_header(display, names, number, sheet)

    def add(
        self,
        reading: RowReader,
        number: int,
        names: list[str],
        cells: list[str],
        period_date: str | None,
    ) -> None:
        """A figure, a derived row skipped, or a problem; ``period_date`` is the date a
        workbook's period cell held."""
        row, problem = _row(names, cells)
        if row is None:
            assert problem is not None
            reading.problem(number, problem)
            return
        if row.get("derived", "").lower() in YES:
            reading.skipped += 1
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
        reading.figure(number, figure, _headed(tuple(names)))


LONG = LongLayout()


@functools.lru_cache(maxsize=4)
def _headed(names: tuple[str, ...]) -> Headed:
    """Where the long layout's fields are: each column under its name."""
    return {name: (name, column) for column, name in enumerate(names) if name}


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


def column_name(heading: str) -> str:
    """The column a heading names: ``metric``…, from English or Chinese, without a unit in
    brackets (``数值（件）`` is ``value``); an unknown heading as it is written, lower-cased."""
    name = heading.strip().lower()
    known = _headings()
    for said in (name, BRACKETED.sub("", name)):
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
