"""SDMX-CSV (``import --layout sdmx``, SPEC 5.3), versions 1 and 2, as the World Bank,
Eurostat and ``export --format sdmx`` write it: one observation a row, its area, period and
value, its status and comment, and dimension columns of which one holds the code of the
row's metric."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from iptarget.cells import unprotect
from iptarget.core.dataset import Dataset
from iptarget.core.links import RegionNames
from iptarget.errors import Problem, Text, UserError, text
from iptarget.periods import from_sdmx
from iptarget.store.named import region_named
from iptarget.store.new_figures import NewFigure
from iptarget.store.tables import RowReader, TableRows, row_subject
from iptarget.texts import layouts

#: The columns of an observation, by the names SDMX-CSV and Eurostat give them.
AREA, TIME, VALUE = ("REF_AREA", "GEO"), "TIME_PERIOD", "OBS_VALUE"
STATUS, COMMENT, PUBLISHED = ("OBS_STATUS", "OBS_FLAG"), "COMMENT_OBS", "PUBLICATION_DATE"
#: Columns that are not dimensions: they never name the metric.
NOT_DIMENSIONS = frozenset(
    {*AREA, TIME, VALUE, *STATUS, COMMENT, PUBLISHED, "DATAFLOW", "STRUCTURE", "STRUCTURE_ID"}
    | {"ACTION", "LAST UPDATE", "UNIT_MULT", "DECIMALS", "OBS_CONF", "FREQ"}
)
#: An observation's status, as a flag: provisional or estimated (either case); others none.
FLAGS = {"P": "p", "E": "e"}
#: Values that are no figure: SDMX's missing value, and empty.
MISSING = frozenset({"", "NaN", "NAN", "nan"})


@dataclass
class SdmxLayout:
    """An SDMX-CSV table: its header found, each row read into a figure whose metric and
    region are settled against the directory's codes."""

    skip_unknown: bool = False
    values = frozenset({VALUE})
    notices: list[Text] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    dimensions: list[list[tuple[str, str]]] = field(default_factory=list)  # by figure
    blank: int = 0

    def names(self, cells: list[str]) -> list[str]:
        return [cell.strip().upper() for cell in cells]

    def is_header(self, names: list[str]) -> bool:
        return any(area in names for area in AREA) and TIME in names and VALUE in names

    def check_header(
        self, display: str, names: list[str], cells: list[str], number: int, sheet: str | None
    ) -> None:
        if not self.is_header(names):
            raise UserError.single(display, layouts.NO_SDMX_HEADER, row_subject(number, sheet))
        self.headings = [cell.strip() for cell in cells]

    def add(
        self,
        reading: RowReader,
        number: int,
        names: list[str],
        cells: list[str],
        period_date: str | None,
    ) -> None:
        """The row's observation, or why it cannot be one (its period); a missing value is
        skipped and counted."""
        row = {
            name: (unprotect(cell.strip()), index)
            for index, (name, cell) in enumerate(zip(names, cells, strict=False))
        }
        area_name = next(name for name in AREA if name in names)  # the header has one
        area, area_at = row.get(area_name, ("", names.index(area_name)))
        value, value_at = row.get(VALUE, ("", names.index(VALUE)))
        written, time_at = row.get(TIME, ("", names.index(TIME)))
        if value in MISSING:
            self.blank += 1
            return
        period = from_sdmx(written)
        if period is None:
            said = text(layouts.SDMX_PERIOD, period=written)
            reading.problem(number, said, self.headings[time_at], time_at)
            return
        status = next((row[name][0] for name in STATUS if name in row), "")
        figure = NewFigure(
            "",
            area,
            str(period),
            value,
            note=row.get(COMMENT, ("", 0))[0] or None,
            published=row.get(PUBLISHED, ("", 0))[0] or None,
            flag=FLAGS.get(status.upper()),
        )
        headed = {
            "value": (self.headings[value_at], value_at),
            "region": (self.headings[area_at], area_at),
            "period": (self.headings[time_at], time_at),
        }
        if PUBLISHED in row:
            headed["published"] = (self.headings[row[PUBLISHED][1]], row[PUBLISHED][1])
        reading.figure(number, figure, headed)
        self.dimensions.append(
            [
                (self.headings[index], cell)
                for name, (cell, index) in row.items()
                if cell and name not in NOT_DIMENSIONS
            ]
        )

    def place(self, rows: TableRows, dataset: Dataset) -> TableRows:
        """Each row's metric (the one whose id or code is the value of one of its dimension
        columns) and region (by id or code); a row matching none is refused, or skipped and
        counted with --skip-unknown; one matching several metrics is refused."""
        coded: dict[str, set[str]] = {}
        for metric in dataset.metrics.values():
            for code in (metric.id, *metric.code):
                coded.setdefault(code, set()).add(metric.id)
        names = RegionNames(dataset.regions)
        figures, headed, problems = [], [], list(rows.problems)
        skipped = 0
        for index, ((number, figure), heads) in enumerate(
            zip(rows.figures, rows.headed, strict=True)
        ):
            dimensions = self.dimensions[index]
            found = sorted(set().union(*(coded.get(value, set()) for _, value in dimensions)))
            region, wrong = region_named(figure.region, names)
            shown = ", ".join(f"{heading}={value}" for heading, value in dimensions)
            if len(found) > 1:
                said = text(layouts.SEVERAL_METRICS, values=shown, ids=", ".join(found))
                problems.append(Problem(rows.origin, said, rows.subject(number), number))
            elif self.skip_unknown and (not found or not names.find(figure.region)):
                skipped += 1
            elif not found:
                said = text(layouts.NO_METRIC_CODE, values=shown)
                problems.append(Problem(rows.origin, said, rows.subject(number), number))
            elif wrong is not None:
                problems.append(
                    Problem(rows.origin, wrong, rows.place(index, number, "region"), number)
                )
            else:
                figures.append((number, replace(figure, metric=found[0], region=region)))
                headed.append(heads)
        if skipped:
            self.notices.append(text(layouts.UNKNOWN_SKIPPED_ROWS, count=skipped))
        if self.blank:
            self.notices.append(text(layouts.BLANK_CELLS, count=self.blank))
        return replace(rows, figures=figures, problems=problems, headed=tuple(headed))
