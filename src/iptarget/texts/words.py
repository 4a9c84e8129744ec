"""Words and the frames of a problem line: what a problem is about (its subject), kinds of
things, periods' granularities, flags, how a derived value was derived, how a vintage is named.
"""

from __future__ import annotations

from iptarget.texts.template import message, plural, term

# -- the frame of a problem: ``origin: where: field: message`` -------------------------------

WHERE = message("frame.where", "{where}: {message}")
FIELD = message("frame.field", "{field}: {message}")
WARNING = message("frame.warning", "warning: {message}")

# -- subjects: an entry by its id, or by its place -----------------------------------------

SUBJECT_TARGET = message("subject.target", 'target "{id}"')
SUBJECT_TARGET_AT = message("subject.target_at", "target #{index}")
SUBJECT_ACTUAL = message("subject.actual", "actual ({metric}, {region}, {period})")
SUBJECT_ACTUAL_AT = message("subject.actual_at", "actual #{index}")
SUBJECT_METRIC = message("subject.metric", 'metric "{id}"')
SUBJECT_REGION = message("subject.region", 'region "{id}"')
SUBJECT_POLICY = message("subject.policy", "policy")
SUBJECT_LINE = message("subject.line", "line {index}")
SUBJECT_ROW = message("subject.row", "row {index}")
SUBJECT_SHEET_ROW = message("subject.sheet_row", "sheet '{sheet}': row {index}")
SUBJECT_SHEET = message("subject.sheet", "sheet '{sheet}'")
SUBJECT_CELL = message("subject.cell", "{cell}")  # Excel's name of a cell: Sheet1!C7

# -- the columns of an imported table, as a row's problem names them -----------------------

COLUMNS = {
    "metric": term("column.metric", "column", "metric"),
    "metric_name": term("column.metric_name", "column", "metric name"),
    "region": term("column.region", "column", "region"),
    "region_name": term("column.region_name", "column", "region name"),
    "period": term("column.period", "column", "period"),
    "value": term("column.value", "column", "value"),
    "source": term("column.source", "column", "source"),
    "note": term("column.note", "column", "note"),
    "published": term("column.published", "column", "published"),
    "flag": term("column.flag", "column", "flag"),
    "derived": term("column.derived", "column", "derived"),
    "rule": term("column.rule", "column", "rule"),
}
#: Other headings of a column that offices write: a period column headed "year" or "span".
COLUMN_ALIASES = {
    "period": (term("column.year", "column", "year"), term("column.span", "column", "span")),
}

# -- kinds of things, as "unknown {kind}" names them ----------------------------------------

KIND_METRIC = term("kind.metric", "kind", "metric")
KIND_REGION = term("kind.region", "kind", "region")
KIND_TARGET = term("kind.target", "kind", "target")
KIND_POLICY = term("kind.policy", "kind", "policy")
KIND_COLUMN = term("kind.column", "kind", "column")
KIND_KEY = term("kind.key", "kind", "key")
KIND_TABLE = term("kind.table", "kind", "table")

# -- granularities of periods --------------------------------------------------------------

YEAR = term("granularity.year", "granularity", "year")
HALF = term("granularity.half", "granularity", "half")
QUARTER = term("granularity.quarter", "granularity", "quarter")
MONTH = term("granularity.month", "granularity", "month")
YEAR_TO_DATE = term("granularity.ytd", "granularity", "year to date")

# -- flags of figures (SPEC 1: Eurostat's letters) -------------------------------------------

PROVISIONAL = term("flag.p", "flag", "provisional")
ESTIMATED = term("flag.e", "flag", "estimated")

# -- how a derived value was derived (SPEC 3.2) ----------------------------------------------

RULE_DERIVED = term("rule.derived", "rule", "derived")
RULE_RATIO = term("rule.ratio", "rule", "ratio")
RULE_SHARE = message("rule.share", "share of {region}")
RULE_GROWTH = message("rule.growth", "growth on {period}")
RULE_SUM = plural("rule.sum", "sum of {count} member", "sum of {count} members")
RULE_BACK_GROWTH = message("rule.back_growth", "from {level} in {period} and {rate}%")
RULE_MONTHS = plural("rule.months", "sum of {count} month", "sum of {count} months")
RULE_QUARTERS = plural("rule.quarters", "sum of {count} quarter", "sum of {count} quarters")
RULE_HALVES = plural("rule.halves", "sum of {count} half", "sum of {count} halves")
RULE_DIFFERENCE = message("rule.difference", "{ending} − {before}")

# -- a vintage of a figure, as messages name it (SPEC 5.1) -----------------------------------

VINTAGE_DATED = message("vintage.dated", "{value} ({date})")
VINTAGE_UNDATED = message("vintage.undated", "{value} (undated)")
VINTAGE_DERIVED = message("vintage.derived", "derived {value} ({rule})")
