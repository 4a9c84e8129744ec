"""What can be wrong with the files of a target directory (SPEC 1, 3.4, 6): reading them, TOML,
each entry's keys, and the rules across files; and the consistency warnings."""

from __future__ import annotations

from iptarget.texts.template import message, term

# -- finding and reading files --------------------------------------------------------------

NO_SUCH_DIRECTORY = message("dir.near", "no such directory (did you mean {near}?)")
NO_DIRECTORY = message("dir.missing", "no target directory here (give --dir or set IPTARGET_DIR)")
NO_POLICIES = message("dir.no_policies", "is missing: every target directory has policies/")
POLICIES_NOT_DIRECTORY = message(
    "dir.policies_not_directory", "is not a directory: every target directory has policies/"
)
NO_ACTUALS = message(
    "dir.no_actuals",
    "is missing: every target directory has actuals/, empty until a figure is recorded "
    "(init keeps it in git with actuals/.gitkeep)",
)
ACTUALS_NOT_DIRECTORY = message(
    "dir.actuals_not_directory", "is not a directory: every target directory has actuals/"
)
CANNOT_READ = message("file.cannot_read", "cannot read: {reason}")
NOT_REGULAR = message(
    "file.not_regular", "not a regular file (a FIFO, device, socket or directory is never read)"
)
FILE_MISSING = message("file.missing", "file not found (every target directory has one)")
NOT_UTF8 = message("file.not_utf8", "not UTF-8 text (byte {byte})")
TOO_DEEP = message(
    "file.too_deep", "nested too deeply (more than {depth} levels of tables and arrays)"
)
TOML_AT = message("toml.syntax_at", "invalid TOML at line {line}, column {column}: {reason}")
TOML = message("toml.syntax", "invalid TOML: {reason}")
FULL_WIDTH = message(
    "toml.full_width",
    "full-width {name} '{char}' ({code}) at line {line}, column {column}: use '{ascii}' "
    "(the line: {shown})",
)
_COMMA = term("mark.comma", "mark", "comma")
_COLON = term("mark.colon", "mark", "colon")
_EQUALS = term("mark.equals", "mark", "equals sign")
_QUOTE = term("mark.quote", "mark", "quotation mark")
_BRACKET = term("mark.bracket", "mark", "bracket")
_BRACE = term("mark.brace", "mark", "brace")
_HASH = term("mark.hash", "mark", "hash")
_SPACE = term("mark.space", "mark", "space")
#: The full-width marks a Chinese input method types where TOML wants ASCII: each with its
#: name and the ASCII mark to use.
FULL_WIDTH_MARKS = {
    "，": (_COMMA, ","),
    "：": (_COLON, "="),
    "＝": (_EQUALS, "="),
    "“": (_QUOTE, '"'),
    "”": (_QUOTE, '"'),
    "‘": (_QUOTE, "'"),
    "’": (_QUOTE, "'"),
    "［": (_BRACKET, "["),
    "］": (_BRACKET, "]"),
    "｛": (_BRACE, "{"),
    "｝": (_BRACE, "}"),
    "＃": (_HASH, "#"),
    "\u3000": (_SPACE, " "),
}

# -- the shape of a file -------------------------------------------------------------------

NOT_TABLES = message("file.not_tables", "{key}: should be tables such as [{key}.<id>]")
NOT_ARRAY = message("file.not_array", "{key}: should be an array of tables, written [[{key}]]")
NOT_A_TABLE = message("file.not_a_table", "should be a table")
DEFINES_NONE = message("file.defines_none", "defines no {key}: add [{key}.<id>] tables")
NO_POLICY_TABLE = message(
    "policy.missing", "the [policy] table is missing (it needs at least a title)"
)
ID_RULE = message(
    "id.rule",
    "not a valid id (lower-case letters, digits, '_' and '-', starting with a letter or digit)",
)
BAD_ID = message("id.bad", "{value} is {rule}")

# -- one key of an entry (pydantic's errors, worded for people who write TOML) ---------------

UNKNOWN_KEY = message("key.unknown", 'unknown {kind} "{name}" (expected one of: {allowed})')
REQUIRED = message("key.required", "required, but missing")
NOT_NUMBER = message("key.number", "should be a valid number (got {input})")
NOT_INTEGER = message("key.integer", "should be a valid integer (got {input})")
NOT_WHOLE = message(
    "key.whole", "should be a valid integer, got a number with a fractional part (got {input})"
)
NOT_TEXT = message("key.text", "should be a valid string (got {input})")
NOT_BOOLEAN = message("key.boolean", "should be a valid boolean (got {input})")
NOT_DATE = message("key.date", "should be a valid date (got {input})")
NOT_DAY = message("key.day", "should be a date without a time of day (got {input})")
NOT_ONE_OF = message("key.one_of", "should be {expected} (got {input})")
NOT_ABOVE = message("key.gt", "should be greater than {limit} (got {input})")
NOT_AT_LEAST = message("key.ge", "should be greater than or equal to {limit} (got {input})")
NOT_AT_MOST = message("key.le", "should be less than or equal to {limit} (got {input})")
NOT_FINITE = message("key.finite", "should be a finite number (got {input})")
NOT_LIST = message("key.list", "should be a valid list (got {input})")
NOT_MAPPING = message("key.table", "should be a table (got {input})")
NOT_VALID = message("key.invalid", "not a valid value (got {input})")
TOO_SHORT = message("key.too_short", "should not be empty (got {input})")

# -- the invariants of one entry -----------------------------------------------------------

RATIO_AND_GROWTH = message(
    "metric.ratio_and_growth", "a metric is a ratio or a growth metric, not both"
)
DENOMINATOR_REGION_ALONE = message(
    "metric.denominator_region", "only a ratio metric has a denominator_region"
)
AGGREGATE_RATIO = message(
    "metric.aggregate_ratio",
    "only a plain metric has aggregate; a ratio metric of a group follows from its parts",
)
AGGREGATE_GROWTH = message(
    "metric.aggregate_growth",
    "only a plain metric has aggregate; a growth metric of a group follows from its parts",
)
MEASURE_RATIO = message(
    "metric.measure_ratio",
    "only a plain metric has measure; a ratio's follows from the metrics it is built on",
)
MEASURE_GROWTH = message(
    "metric.measure_growth", "only a plain metric has measure; a growth metric has none"
)
NEEDS_DENOMINATOR = message(
    "metric.needs_denominator", "a ratio metric with a numerator needs a denominator too"
)
NEEDS_NUMERATOR = message(
    "metric.needs_numerator", "a ratio metric with a denominator needs a numerator too"
)
SCALE_ALONE = message("metric.scale", "only a ratio metric (numerator/denominator) has a scale")
MIN_ABOVE_MAX = message("metric.min_max", "min {min} is above max {max}")
NO_GOAL = message("target.no_goal", "no goal: give exactly one of {keys}")
GOALS = message("target.goals", "more than one goal ({keys}): give exactly one")
NEEDS_BASELINE = message(
    "target.needs_baseline", "required by {goal}: the period the goal is relative to"
)
NO_START = message(
    "target.no_start", "a {goal} goal starts at its baseline; {key} is for at_least and at_most"
)
NO_BASELINE = message(
    "target.no_baseline", "an {goal} goal has no baseline; use start to say where it starts"
)
NO_BASELINE_VALUE = message("target.no_baseline_value", "an {goal} goal has no baseline")
START_VALUE_ALONE = message("target.start_value", "needs start: the period whose value it is")
REGION_AND_REGIONS = message("target.region_and_regions", "give region or regions, not both")
REGIONS_TWICE = message("target.regions_twice", "{region} is named twice")
QUOTA_ALONE = message("target.quota_alone", "needs regions: the regions the goal is split among")
QUOTA_NOT_IN_REGIONS = message(
    "target.quota_not_in_regions", "{region} is not one of the target's regions"
)
QUOTA_AMOUNT = message("target.quota_amount", "{region}: {amount} is not an amount {goal} takes")
VALUE_WITH_REGIONS = message(
    "target.value_with_regions",
    "not with regions: each region's target takes its own region's figure",
)
NEEDS_AMONG = message(
    "target.needs_among", "required by rank_at_most: the region whose regions are ranked"
)
RANK_KEY_ALONE = message("target.rank_key_alone", "is for rank_at_most")
NOT_RANKED = message(
    "target.not_ranked",
    "{region} is not among the regions of {among} that are ranked (its members, else the "
    "regions whose parent it is)",
)
NEEDS_FROM = message(
    "target.needs_from", "required by total_at_least: the first period of the total"
)
FROM_ALONE = message("target.from_alone", "is for total_at_least: the first period of a total")
NO_START_TOTAL = message(
    "target.no_start_total", "a total_at_least goal starts at from; {key} is not for it"
)
NO_BASELINE_TOTAL = message(
    "target.no_baseline_total",
    "a total_at_least goal has no baseline; from says where the total starts",
)
TOTAL_OF_FLOW = message(
    "target.total_of_flow",
    "{metric} is not a flow: a total adds up the figures of its periods; give a plain metric "
    'with measure = "flow"',
)
ACKNOWLEDGED_ON_ALONE = message(
    "target.acknowledged_on", "needs acknowledged: the reason the target is accepted as it is"
)
BANDS_ORDER = message(
    "policy.bands_order",
    "must rise from at_risk to on_track to ahead: ahead {ahead} > on_track {on_track} > "
    "at_risk {at_risk} >= 0 (the defaults are 1.5, 0.95 and 0.6)",
)
TARGET_YTD = message(
    "target.ytd",
    "{period} is a year to date: a target's periods are years, halves, quarters or months (a "
    "year-to-date figure counts towards an annual target)",
)
DEADLINE_FIRST = message("target.deadline_first", "{deadline} must end after the {key} {period}")
GRANULARITY = message(
    "target.granularity",
    "{period} is a {granularity} and the deadline {deadline} a {deadline_granularity}: give "
    "the {key} as a {deadline_granularity}",
)

# -- what TOML's parser says is wrong (toml-rs's words, each worded here) --------------------

TOML_AT_OTHER = message(
    "toml.syntax_other", "invalid TOML at line {line}, column {column}: {detail}"
)
TOML_EXPECTED = message("toml.expected", "{what}, expected {expected}")
TOML_WHAT = {
    "string values must be quoted": message("toml.unquoted", "string values must be quoted"),
    "unclosed table": message("toml.unclosed_table", "unclosed table"),
    "unclosed array table": message("toml.unclosed_array_table", "unclosed array table"),
    "unclosed array": message("toml.unclosed_array", "unclosed array"),
    "unclosed inline table": message("toml.unclosed_inline_table", "unclosed inline table"),
    "duplicate key": message("toml.duplicate_key", "duplicate key"),
    "invalid basic string": message("toml.basic_string", "invalid basic string"),
    "invalid literal string": message("toml.literal_string", "invalid literal string"),
    "unexpected key or value": message("toml.unexpected", "unexpected key or value"),
    "invalid fraction": message("toml.fraction", "invalid fraction"),
    "invalid exponent": message("toml.exponent", "invalid exponent"),
    "unquoted keys cannot be empty": message("toml.empty_key", "unquoted keys cannot be empty"),
    "missing escaped value": message("toml.escape", "missing escaped value"),
    "invalid date": message("toml.date", "invalid date"),
    "invalid time": message("toml.time", "invalid time"),
    "invalid boolean": message("toml.boolean", "invalid boolean"),
    "unexpected leading zero": message("toml.leading_zero", "unexpected leading zero"),
    "`_` may only go between digits": message("toml.underscore", "`_` may only go between digits"),
    "invalid key": message("toml.key", "invalid key"),
    "invalid table header": message("toml.table_header", "invalid table header"),
    "invalid inline table": message("toml.inline_table", "invalid inline table"),
    "invalid array": message("toml.array", "invalid array"),
    "invalid string": message("toml.string", "invalid string"),
    "invalid number": message("toml.number", "invalid number"),
}
TOML_INTEGER = message("toml.integer", "invalid integer {token}")
#: The words TOML's parser expects, worded here (tokens in backticks stay as they are).
TOML_TOKEN = {
    "literal string": message("toml.token.literal_string", "literal string"),
    "digits": message("toml.token.digits", "digits"),
    "newline": message("toml.token.newline", "newline"),
    "letters": message("toml.token.letters", "letters"),
    "numbers": message("toml.token.numbers", "numbers"),
    "month between 01 and 12": message("toml.token.month", "month between 01 and 12"),
    "day between 01 and 31": message("toml.token.day", "day between 01 and 31"),
}
