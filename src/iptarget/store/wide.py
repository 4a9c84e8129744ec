"""Wide tables (``import --layout wide``, SPEC 5.3): yearbooks and statistical bureaus' exports,
one metric with the regions down the first column and the periods across (or transposed: the
periods down and the regions across, detected from the header or forced with
``--transpose``). Empty cells and the marks of "not available" are skipped and counted."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from iptarget.cells import unprotect
from iptarget.core.dataset import Dataset
from iptarget.core.links import RegionNames
from iptarget.errors import Invalid, Problem, Text, UserError, text
from iptarget.periods import Period
from iptarget.store.cnipa import NOT_AVAILABLE, skipped_row
from iptarget.store.named import metric_named, region_named
from iptarget.store.new_figures import NewFigure
from iptarget.store.tables import RowReader, TableRows, cell_subject, column_letters, row_subject
from iptarget.texts import layouts
from iptarget.typed_periods import parse_typed_period


@dataclass
class WideLayout:
    """One metric's wide table: its header (a label, then periods or regions) found and
    read, each row under it read into figures."""

    metric: str
    transpose: bool = False  # the periods down the first column, forced
    skip_unknown: bool = False
    values = frozenset({"value"})
    notices: list[Text] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    periods: list[Period | None] = field(default_factory=list)  # each column's, regions down
    across: bool = False  # the regions run across the header
    header_row: int = 0
    blank: int = 0

    def names(self, cells: list[str]) -> list[str]:
        """The first column's label, then a column of figures under each heading."""
        return [
            "label" if index == 0 else "value" if cell.strip() else ""
            for index, cell in enumerate(cells)
        ]

    def is_header(self, names: list[str]) -> bool:
        return names[:1] == ["label"] and "value" in names

    def check_header(
        self, display: str, names: list[str], cells: list[str], number: int, sheet: str | None
    ) -> None:
        headings = [unprotect(cell.strip()) for cell in cells]
        if sum(1 for heading in headings[1:] if heading) < 1:
            raise UserError.single(display, layouts.NO_WIDE_HEADER, row_subject(number, sheet))
        self.headings, self.header_row = headings, number
        periods: list[Period | None] = [None]
        problems = []
        for index, heading in enumerate(headings[1:], 1):
            try:
                periods.append(parse_typed_period(heading) if heading else None)
            except Invalid:
                periods.append(None)
                said = text(layouts.HEADING_NOT_PERIOD)
                problems.append(
                    Problem(display, said, cell_subject(number, sheet, heading, index), number)
                )
        self.across = self.transpose or all(period is None for period in periods[1:])
        if not self.across and problems:
            raise UserError(problems)
        self.periods = periods

    def add(
        self,
        reading: RowReader,
        number: int,
        names: list[str],
        cells: list[str],
        period_date: str | None,
    ) -> None:
        """The row's figures: a region's across the periods, or a period's across the
        regions; empty and not-available cells skipped and counted."""
        cells = [unprotect(cell.strip()) for cell in cells]
        first = cells[0] if cells else ""
        label = self.headings[0] or column_letters(0)
        if not first:
            reading.problem(number, text(layouts.NO_REGION), label, 0)
            return
        period = None
        if self.across:
            try:
                period = parse_typed_period(first)
            except Invalid:
                said = text(layouts.ROW_NOT_PERIOD, cell=first)
                reading.problem(number, said, label, 0)
                return
        for index, cell in enumerate(cells[1:], 1):
            heading = self.headings[index] if index < len(self.headings) else ""
            if not heading:
                continue
            if cell in NOT_AVAILABLE:
                self.blank += 1
                continue
            if self.across:
                assert period is not None
                figure = NewFigure(self.metric, heading, str(period), cell)
                headed = {"value": (heading, index), "region": (heading, index)}
                headed["period"] = (label, 0)
            else:
                column_period = self.periods[index]
                assert column_period is not None
                figure = NewFigure(self.metric, first, str(column_period), cell)
                headed = {"value": (heading, index), "period": (heading, index)}
                headed["region"] = (label, 0)
            reading.figure(number, figure, headed)

    def place(self, rows: TableRows, dataset: Dataset) -> TableRows:
        """The rows with the metric (by id or code) and the regions (by id, code or name)
        found in ``dataset``; a region no region matches is refused once (at its heading when
        the regions run across), or skipped and said with --skip-unknown."""
        metric, said = metric_named(self.metric, dataset.metrics)
        if said is not None:
            return replace(rows, figures=[], headed=(), problems=[Problem("--metric", said)])
        names = RegionNames(dataset.regions)
        figures, headed, problems = [], [], list(rows.problems)
        told: set[str] = set()
        for index, ((number, figure), heads) in enumerate(
            zip(rows.figures, rows.headed, strict=True)
        ):
            region, wrong = region_named(figure.region, names)
            if wrong is None:
                figures.append((number, replace(figure, metric=metric, region=region)))
                headed.append(heads)
                continue
            if figure.region in told:
                continue
            told.add(figure.region)
            column = heads["region"][1]
            if self.skip_unknown and not names.find(figure.region):
                self.notices.append(self._skipped(rows, number, column, figure.region))
                continue
            where = (self.header_row, self.headings[column or 0], column) if self.across else None
            subject = cell_subject(where[0], rows.sheet, where[1], where[2]) if where else None
            subject = subject or rows.place(index, number, "region")
            problems.append(Problem(rows.origin, wrong, subject, where[0] if where else number))
        if self.blank:
            self.notices.append(text(layouts.BLANK_CELLS, count=self.blank))
        return replace(rows, figures=figures, problems=problems, headed=tuple(headed))

    def _skipped(self, rows: TableRows, number: int, column: int | None, name: str) -> Text:
        """What --skip-unknown says of a region it skipped: its column, else its row."""
        if self.across:
            return text(
                layouts.UNKNOWN_SKIPPED_COLUMN, column=column_letters(column or 0), name=name
            )
        return skipped_row(rows, number, name)
