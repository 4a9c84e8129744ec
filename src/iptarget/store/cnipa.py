"""CNIPA's monthly statistics tables (``import --layout cnipa``, SPEC 5.3).

Each row is a region; its columns, found by their headings in either language and in any
order, are the month's count, the year to date's, the growth of the year to date on the same
months a year before, and the total since records began. One row gives up to four figures:
the metric at the month and at the year to date's span, its growth at that span, and a stock
at the month.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from iptarget.cells import unprotect
from iptarget.core.dataset import Dataset
from iptarget.core.links import RegionNames
from iptarget.errors import Problem, Text, UserError, text
from iptarget.periods import Period, year_to_date
from iptarget.store.long_layout import BRACKETED
from iptarget.store.named import region_named
from iptarget.store.new_figures import NewFigure
from iptarget.store.tables import RowReader, TableRows, cell_subject, row_subject
from iptarget.texts import layouts, usage
from iptarget.texts.rules import unknown
from iptarget.texts.words import KIND_METRIC

#: The columns that hold figures, and the option that says which metric each one is of.
FIGURES = {"month": "--metric", "ytd": "--metric", "growth": "--growth-metric"}
FIGURES |= {"total": "--total-metric"}
#: Cells that hold no figure: empty, or the marks tables print for "not available".
NOT_AVAILABLE = frozenset({"", "—", "-", "–", "…", "...", "..", "x", "X", "/"})
#: A heading that names the span itself: 1-10月, 2015年1-10月, 1-10月累计.
_SPAN_HEADING = re.compile(r"(?:(\d{4})\s*年)?\s*1\s*[-~—–～至到]\s*(\d{1,2})\s*月")


@dataclass(frozen=True)
class CnipaTable:
    """What the options say a CNIPA table holds."""

    metric: str  # the flow the month and year to date columns count
    month: Period  # the table's month (--period)
    growth_metric: str | None = None
    total_metric: str | None = None
    skip_unknown: bool = False

    def metric_of(self, column: str) -> str | None:
        """The metric a column's figures are recorded under, None when its option is not given."""
        return {
            "month": self.metric,
            "ytd": self.metric,
            "growth": self.growth_metric,
            "total": self.total_metric,
        }[column]

    def period_of(self, column: str) -> Period:
        """The period a column's figures are of: the growth belongs to the year to date."""
        if column in ("ytd", "growth"):
            return year_to_date(self.month.year, self.month.number)
        return self.month


@dataclass
class CnipaLayout:
    """The layout of a CNIPA table: its header found and checked, each row read into figures."""

    table: CnipaTable
    values = frozenset(FIGURES)
    headings: list[str] = field(default_factory=list)
    region_column: int = 0
    notices: list[Text] = field(default_factory=list)  # columns not read, cells skipped
    blank: int = 0

    def names(self, cells: list[str]) -> list[str]:
        return [cnipa_column(cell)[0] for cell in cells]

    def is_header(self, names: list[str]) -> bool:
        return "month" in names or "ytd" in names

    def check_header(
        self, display: str, names: list[str], cells: list[str], number: int, sheet: str | None
    ) -> None:
        where = row_subject(number, sheet)
        if not self.is_header(names):
            raise UserError.single(display, layouts.NO_CNIPA_HEADER, where)
        problems = []
        if "region" in names:
            self.region_column = names.index("region")
        elif names[0]:
            problems.append(Problem(display, text(layouts.NO_REGION_COLUMN), where, number))
        named = [name for name in names if name]
        if len(set(named)) != len(named):
            problems.append(Problem(display, text(usage.COLUMN_TWICE), where, number))
        problems += [
            Problem(display, said, cell_subject(number, sheet, cells[index].strip(), index), number)
            for index, said in self._spans(cells)
        ]
        if problems:
            raise UserError(problems)
        self.headings = [cell.strip() for cell in cells]
        self._not_read(names)

    def _spans(self, cells: list[str]) -> list[tuple[int, Text]]:
        """Headings that name a span (1-10月) ending in another month than the table's, by
        their column."""
        found = []
        for index, cell in enumerate(cells):
            month = cnipa_column(cell)[1]
            if month is not None and month != self.table.month.number:
                said = text(
                    layouts.HEADING_MONTH,
                    heading=cell.strip(),
                    month=Period(self.table.month.year, "month", month),
                    period=self.table.month,
                )
                found.append((index, said))
        return found

    def _not_read(self, names: list[str]) -> None:
        """Say which columns are not read: unknown, or without the option they need."""
        for index, (name, heading) in enumerate(zip(names, self.headings, strict=True)):
            if name in FIGURES and self.table.metric_of(name) is None:
                option = FIGURES[name]
                said = text(layouts.COLUMN_WITHOUT_OPTION, heading=heading, option=option)
                self.notices.append(said)
            elif not name and index != self.region_column and heading:
                self.notices.append(text(layouts.COLUMN_NOT_READ, heading=heading))

    def add(
        self,
        reading: RowReader,
        number: int,
        names: list[str],
        cells: list[str],
        period_date: str | None,
    ) -> None:
        """The row's figures; a row without a region, or whose January month and year to
        date differ, is a problem."""
        cells = [unprotect(cell.strip()) for cell in cells]
        column = self.region_column
        region_at = (self.headings[column], column)
        region = cells[column] if column < len(cells) else ""
        if not region:
            reading.problem(number, text(layouts.NO_REGION), *region_at)
            return
        columns = zip(names, self.headings, cells, strict=False)
        given = {
            name: (heading, cell, index)
            for index, (name, heading, cell) in enumerate(columns)
            if name in FIGURES and self.table.metric_of(name) is not None
        }
        self.blank += sum(1 for _, cell, _ in given.values() if cell in NOT_AVAILABLE)
        given = {name: said for name, said in given.items() if said[1] not in NOT_AVAILABLE}
        if self.table.month.number == 1 and "month" in given and "ytd" in given:
            month, (heading, ytd, index) = given["month"][1], given.pop("ytd")
            if month.replace(",", "") != ytd.replace(",", ""):
                said = text(layouts.JANUARY, month=month, ytd=ytd)
                reading.problem(number, said, heading, index)
                return
        for name, (heading, cell, index) in given.items():
            metric = self.table.metric_of(name)
            assert metric is not None
            figure = NewFigure(metric, region, str(self.table.period_of(name)), cell)
            reading.figure(number, figure, {"value": (heading, index), "region": region_at})

    def place(self, rows: TableRows, dataset: Dataset) -> TableRows:
        """The rows with their regions found in ``dataset`` (a row whose region is unknown is
        refused, or skipped and said with --skip-unknown), once the options are checked
        against the metrics."""
        problems = [*rows.problems, *self._options(dataset)]
        if len(problems) > len(rows.problems):  # the rows cannot be checked against the options
            return replace(rows, figures=[], problems=problems, headed=())
        names = RegionNames(dataset.regions)
        figures, headed = [], []
        refused: set[int] = set()
        for index, ((number, figure), heads) in enumerate(
            zip(rows.figures, rows.headed, strict=True)
        ):
            region, said = region_named(figure.region, names)
            if said is not None and number not in refused:
                refused.add(number)
                if self.table.skip_unknown and not names.find(figure.region):
                    self.notices.append(skipped_row(rows, number, figure.region))
                else:
                    subject = rows.place(index, number, "region")
                    problems.append(Problem(rows.origin, said, subject, number))
            if said is None:
                figures.append((number, replace(figure, region=region)))
                headed.append(heads)
        if self.blank:
            self.notices.append(text(layouts.BLANK_CELLS, count=self.blank))
        return replace(rows, figures=figures, problems=problems, headed=tuple(headed))

    def _options(self, dataset: Dataset) -> list[Problem]:
        """The options' metrics: a flow, a growth of it, a stock."""
        metrics, table = dataset.metrics, self.table
        given = {"--metric": table.metric, "--growth-metric": table.growth_metric}
        given["--total-metric"] = table.total_metric
        problems = [
            Problem(option, unknown(metric, metrics, KIND_METRIC))
            for option, metric in given.items()
            if metric is not None and metric not in metrics
        ]
        if problems:
            return problems
        if metrics[table.metric].measure != "flow":
            problems.append(Problem("--metric", text(layouts.NOT_FLOW, metric=table.metric)))
        growth = table.growth_metric
        if growth is not None and metrics[growth].growth_of != table.metric:
            said = text(layouts.NOT_GROWTH_OF, metric=growth, base=table.metric)
            problems.append(Problem("--growth-metric", said))
        total = table.total_metric
        if total is not None and metrics[total].measure != "stock":
            problems.append(Problem("--total-metric", text(layouts.NOT_STOCK, metric=total)))
        return problems


def skipped_row(rows: TableRows, number: int, name: str) -> Text:
    """What --skip-unknown says of a row it skipped: its line (CSV) or row (workbook)."""
    told = layouts.UNKNOWN_SKIPPED_ROW if rows.sheet else layouts.UNKNOWN_SKIPPED_LINE
    return text(told, number=number, name=name)


def cnipa_column(heading: str) -> tuple[str, int | None]:
    """The column a heading names (month, ytd, growth, total, region; empty when none), and
    for a heading that names its span (1-10月) the month it ends in."""
    said = re.sub(r"\s+", " ", heading.strip().lower())
    known = _cnipa_headings()
    for form in (said, BRACKETED.sub("", said)):
        if form in known:
            return known[form], None
        span = _SPAN_HEADING.match(form)
        if span and (form[span.end() :] == "" or known.get(form[span.end() :]) == "ytd"):
            return "ytd", int(span.group(2))
    return "", None


@functools.cache
def _cnipa_headings() -> Mapping[str, str]:
    """Every heading of CNIPA's columns in either language, lower-cased, and the column."""
    from iptarget.i18n import LANGUAGES, pgettext, speaking
    from iptarget.texts.words import COLUMNS

    found = {}
    for language in LANGUAGES:
        with speaking(language):
            for name, headings in layouts.CNIPA_HEADINGS.items():
                for heading in (*headings, *((COLUMNS["region"],) if name == "region" else ())):
                    assert heading.context is not None
                    found[pgettext(heading.context, heading.text).lower()] = name
    return found
