"""The rules across the files of a directory (SPEC 1), the figures' own rules, and the
consistency warnings of SPEC 3.4."""

from __future__ import annotations

from collections.abc import Iterable

from iptarget.errors import Text, nearest, text
from iptarget.texts.files import UNKNOWN_KEY
from iptarget.texts.template import Template, message

# -- references and graphs -----------------------------------------------------------------

UNKNOWN = message("ref.unknown", 'unknown {kind} "{name}"')
UNKNOWN_NEAR = message("ref.unknown_near", 'unknown {kind} "{name}" (did you mean "{near}"?)')
UNKNOWN_REGION_NEAR = message(
    "ref.unknown_region_near", 'unknown region "{name}" (did you mean {near}?)'
)
INVALID_REF = message("ref.invalid", '{kind} "{name}" is invalid (see above)')
OR_PARENT = message("ref.or_parent", '{message} (or "parent")')
GROWTH_OF_GROWTH = message(
    "metric.growth_of_growth", '"{metric}" is a growth metric; a growth of a growth is refused'
)
METRIC_CYCLE = message(
    "metric.cycle",
    "metrics are computed from each other in a cycle: {path} (through numerator, denominator "
    "and growth_of)",
)
METRIC_TOO_DEEP = message(
    "metric.too_deep",
    "is computed through a chain of {depth} metrics (numerator, denominator, growth_of); "
    "at most {limit} are followed",
)
GROUP_TOO_DEEP = message(
    "region.group_too_deep", "has groups nested {depth} deep in it; at most {limit} are followed"
)
GROUP_ITSELF = message("region.group_itself", "{path}: the group contains itself")
GROUP_TWICE = message(
    "region.group_twice", "{path}: {region} is reached twice (a sum would count it twice)"
)
PARENT_CYCLE = message("region.parent_cycle", "regions are each other's parents: {path}")
PARENT_ID = message("region.parent_id", 'no region may have the id "parent"')
CODE_TWICE = message("region.code_twice", '"{code}" is also a code of region "{other}"')
CODE_IS_ID = message("region.code_is_id", '"{code}" is the id of another region')
METRIC_CODE_TWICE = message("metric.code_twice", '"{code}" is also a code of metric "{other}"')
METRIC_CODE_IS_ID = message("metric.code_is_id", '"{code}" is the id of another metric')
TILE_TWICE = message(
    "region.tile_twice", 'the square [{column}, {row}] is also region "{other}"\'s'
)
ID_TWICE = message("target.id_twice", "already used by a target in {path}")
REGION_REQUIRED = message("target.region_required", "required (or give the [policy] a region)")

# -- figures -------------------------------------------------------------------------------

BELOW_MIN = message("value.below_min", "{value} is below the metric's min {min}")
ABOVE_MAX = message("value.above_max", "{value} is above the metric's max {max}")
TWICE = message("actual.twice", "recorded twice: already in {place} (date one vintage: published)")
VINTAGE_TWICE = message(
    "actual.vintage_twice", "the vintage of {date} is recorded twice: already in {place}"
)
THIS_FILE = message("actual.this_file", "this file")
PUBLISHED_LATER = message(
    "published.after_today",
    "{published} is after today ({today}); record the figure once it is published",
)
PUBLISHED_EARLY = message(
    "published.before_period", "{published} is before the period {period} began ({start})"
)

# -- consistency warnings (SPEC 3.4) ---------------------------------------------------------

GROUP_SUM = message(
    "warning.group_sum", "{value} recorded, but its members' figures add up to {total}"
)
RATIO_PARTS = message(
    "warning.ratio", "{value} recorded, but {numerator} / {denominator} gives {computed}"
)
GROWTH_LEVELS = message(
    "warning.growth",
    "{value} recorded, but {metric} gives {computed}, from {before} in {before_period} to "
    "{now} in {now_period}",
)
DERIVED_BOUNDS = message(
    "warning.derived_bounds", "the value derived for {region} {period} ({rule}): {reason}"
)
NEVER = message("warning.never", "it can never have a value: {reason}")
UNDATED_ACKNOWLEDGEMENT = message(
    "warning.acknowledged_on",
    "acknowledged without acknowledged_on: the acknowledgement applies as of any date, so a "
    "report of an earlier date shows the target as acknowledged; add acknowledged_on = DATE",
)
NEVER_PARENT = message(
    "never.parent", "{metric} is a share of the parent, and {region} has no parent"
)
NEVER_SUMMED = message(
    "never.summed",
    '{metric} is not summed (no aggregate = "sum") and {region} is a group without figures of it',
)


def unknown(name: str, known: Iterable[str], kind: Template) -> Text:
    """'unknown metric "x"', with the nearest known name when one is close."""
    close = nearest(name, known)
    if close:
        return text(UNKNOWN_NEAR, kind=text(kind), name=name, near=close)
    return text(UNKNOWN, kind=text(kind), name=name)


def unknown_key(name: str, allowed: Iterable[str], kind: Template) -> Text:
    """'unknown key "x" (did you mean "y"?)', else the keys that are allowed."""
    allowed = list(allowed)
    close = nearest(name, allowed)
    if close:
        return text(UNKNOWN_NEAR, kind=text(kind), name=name, near=close)
    return text(UNKNOWN_KEY, kind=text(kind), name=name, allowed=allowed)


# -- years to date (SPEC 2, v3) -------------------------------------------------------------

YTD_STOCK = message(
    "rule.ytd_stock",
    "a stock is counted at a date, not over the year to date: record it at {month}",
)
YTD_NO_MEASURE = message(
    "rule.ytd_no_measure",
    'a year-to-date figure is a total since January: give the metric "{metric}" '
    'measure = "flow" if its figures are totals over their periods',
)
