"""The tables offices receive (SPEC 5.3): the headings of CNIPA's monthly tables, and what
can be wrong with such a table or with the options that say what it holds."""

from __future__ import annotations

from iptarget.texts.template import message, plural, term

# -- the headings of CNIPA's monthly statistics tables, English and Chinese ---------------------
# Each column is recognised by its heading in either language: the catalogue's Chinese for
# each English heading is the heading CNIPA prints in its Chinese tables.

CNIPA_HEADINGS = {
    "month": (
        term("cnipa.monthly_total", "CNIPA column", "Monthly Total"),
        term("cnipa.this_month", "CNIPA column", "this month"),
        term("cnipa.month_total", "CNIPA column", "month's total"),
        term("cnipa.total_this_month", "CNIPA column", "total this month"),
    ),
    "ytd": (
        term("cnipa.yearly_total", "CNIPA column", "Yearly Total"),
        term("cnipa.year_to_date", "CNIPA column", "year to date"),
        term("cnipa.year_total", "CNIPA column", "year's total"),
    ),
    "growth": (
        term("cnipa.growth_rate", "CNIPA column", "Year-on-year Growth Rate"),
        term("cnipa.growth", "CNIPA column", "year-on-year growth"),
        term("cnipa.year_on_year", "CNIPA column", "year-on-year"),
    ),
    "total": (
        term("cnipa.total", "CNIPA column", "Total"),
        term("cnipa.since_records", "CNIPA column", "total since records began"),
    ),
    "region": (
        term("cnipa.region", "CNIPA column", "Region"),
        term("cnipa.province", "CNIPA column", "province"),
        term("cnipa.provinces", "CNIPA column", "provinces and cities"),
    ),
}

# -- what can be wrong -------------------------------------------------------------------------

NO_CNIPA_HEADER = message(
    "cnipa.no_header",
    "no header row: above the figures, a row must head the month's column (Monthly Total) or "
    "the year to date's (Yearly Total), as CNIPA's tables do",
)
NO_REGION_COLUMN = message(
    "cnipa.no_region_column",
    "no column of regions: head it Region, or leave the first column for the regions",
)
HEADING_MONTH = message(
    "cnipa.heading_month",
    'the heading "{heading}" is of the year to {month}, but the table\'s month (--period) is '
    "{period}",
)
COLUMN_NOT_READ = message(
    "cnipa.column_not_read", 'column "{heading}": not a column of CNIPA\'s tables; not read'
)
COLUMN_WITHOUT_OPTION = message(
    "cnipa.column_without_option", 'column "{heading}": not read (give {option} to record it)'
)
BLANK_CELLS = plural(
    "cnipa.blank",
    "{count} cell empty or marked not available (— … x /), skipped",
    "{count} cells empty or marked not available (— … x /), skipped",
)
NO_REGION = message("cnipa.no_region", "no region in this row")
JANUARY = message(
    "cnipa.january",
    "in January the year to date is the month, but this row gives {month} and {ytd}",
)
UNKNOWN_SKIPPED_LINE = message(
    "cnipa.unknown_skipped_line", 'line {number}: "{name}" names no region; skipped'
)
UNKNOWN_SKIPPED_ROW = message(
    "cnipa.unknown_skipped_row", 'row {number}: "{name}" names no region; skipped'
)
NOT_A_MONTH = message(
    "cnipa.not_a_month", "{given} is not a month: give the table's month, such as 2015-10"
)
NOT_FLOW = message(
    "cnipa.not_flow",
    "{metric} is not a flow: a month and a year to date are parts of a year's total; add "
    'measure = "flow" to the metric',
)
NOT_STOCK = message(
    "cnipa.not_stock",
    "{metric} is not a stock: the total since records began is a level at the month's end; "
    'add measure = "stock" to the metric',
)
NOT_GROWTH_OF = message(
    "cnipa.not_growth_of",
    '{metric} is not a growth of {base}: give a metric with growth_of = "{base}"',
)
NOT_FOR_LAYOUT = message("import.not_for_layout", "not an option of --layout {layout}")
LAYOUT_NEEDS = message("import.layout_needs", "{layout} needs {option}")

# -- wide tables (yearbooks, NBS exports) --------------------------------------------------------

NO_WIDE_HEADER = message(
    "wide.no_header",
    "no header row: above the figures, a row must head the columns: a label, then a period "
    "for each column (or a region for each, with the periods down the first column)",
)
HEADING_NOT_PERIOD = message(
    "wide.heading_not_period",
    "not a period: after the first, each heading names a period (or, with the periods down "
    "the first column, a region)",
)
ROW_NOT_PERIOD = message(
    "wide.row_not_period",
    "{cell} is not a period: the regions run across the header, so each row starts with its period",
)
UNKNOWN_SKIPPED_COLUMN = message(
    "wide.unknown_skipped_column", 'column {column}: "{name}" names no region; skipped'
)

# -- SDMX-CSV ----------------------------------------------------------------------------------

NO_SDMX_HEADER = message(
    "sdmx.no_header",
    "no SDMX-CSV header: a row must name the columns REF_AREA (or geo), TIME_PERIOD and OBS_VALUE",
)
SDMX_PERIOD = message(
    "sdmx.period",
    "{period}: not a period iptarget keeps (2024, 2024-S1, 2024-Q3, 2024-M03, 2024-03 or "
    "2024-01-01/P10M)",
)
NO_METRIC_CODE = message(
    "sdmx.no_metric", "no metric has the code of any of this row's dimensions ({values})"
)
SEVERAL_METRICS = message(
    "sdmx.several_metrics",
    "the row's dimensions ({values}) are the codes of several metrics ({ids}): ambiguous",
)
UNKNOWN_SKIPPED_ROWS = plural(
    "sdmx.unknown_skipped",
    "{count} row whose metric or region is none of the directory's skipped",
    "{count} rows whose metric or region is none of the directory's skipped",
)
