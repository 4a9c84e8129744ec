"""What can be wrong with a figure as people type it (SPEC 2, 5.1, 5.2): its period, value,
date and flag, and what recording it would do."""

from __future__ import annotations

from iptarget.texts.template import message

# -- periods in files ------------------------------------------------------------------------

NOT_PERIOD = message("period.not_period", "not a period: {value} ({reason})")
PERIOD_EXPECTED = message(
    "period.expected",
    'expected a year such as 2019, or "2019-H1", "2019-Q3", "2019-03" or "2019-YTD10"',
)
FOUR_DIGITS = message("period.four_digits", "the year must have four digits")
NO_SUCH = message("period.no_such", "there is no {granularity} {number}")
NO_MONTH = message("period.no_month", "there is no month {number}")
YTD_SPELT = message("period.ytd_spelt", "this span is written {period}")

# -- periods as typed ------------------------------------------------------------------------

TYPED = message("typed.period", "{typed}: {hint}")
NO_PERIOD = message("typed.no_period", "no period given ({forms})")
FORMS = message(
    "typed.forms",
    "give a year (2024 or 2024年), a half (2024-H1, 2024年上半年), a quarter (2023-Q4, "
    "2023Q4, 2023年第四季度), a month (2024-03, 2024/3, 2024.03, 2024年3月) or the year to "
    "date (2024年1-10月, 2024-YTD10)",
)
AMBIGUOUS = message(
    "typed.ambiguous",
    "ambiguous: write {year}-0{month} for month {month} or {year}-{month}0 for month {month}0",
)
CUMULATIVE = message(
    "typed.cumulative", "a cumulative figure for months {first}-{last} is not a period ({forms})"
)
COVERS_HALF = message("typed.covers_half", "write {period} if the figure covers the half year")
COVERS_QUARTER = message("typed.covers_quarter", "write {period} if the figure covers the quarter")
COVERS_YEAR = message("typed.covers_year", "write {period} if the figure covers the year")
MEANT = message("typed.meant", "did you mean {period}?")
DATE_NOT_PERIOD = message(
    "typed.date_not_period", "a date is not a period; did you mean the month {period}?"
)
NOT_DATE = message(
    "typed.not_date", "{typed} is not a date: give it as YYYY-MM-DD, such as 2025-01-08"
)
NO_SUCH_DAY = message("typed.no_such_day", "{typed}: there is no such day")

# -- figures as typed ------------------------------------------------------------------------

NOT_NUMBER = message("figure.not_number", "{typed}: not a number ({hint})")
NO_FIGURE = message("figure.none", "no figure given")
DECIMALS = message(
    "figure.decimals",
    "{typed}: use a point for decimals (12.5), and commas only between groups of three digits "
    "(7,812)",
)
DROP_MAGNITUDE = message(
    "figure.drop_magnitude", "{typed}: drop {magnitude}: the unit is already {unit}"
)
TOO_LARGE = message("figure.too_large", "{typed}: too large")
DROP_PERCENT = message(
    "figure.drop_percent", "{typed}: drop %: the metric's unit is '{unit}', not a percentage"
)
DROP_PERCENT_NO_UNIT = message(
    "figure.drop_percent_no_unit",
    "{typed}: drop %: the metric's unit is not given, not a percentage",
)
EXPONENT = message("figure.exponent", "write it out in digits, without an exponent")
AFTER_NUMBER = message(
    "figure.after_number", "after the number, write only 万, 亿 or 万亿, or one of {counters}"
)
AFTER_NUMBER_UNIT = message(
    "figure.after_number_unit",
    "after the number, write only its unit ({unit}), 万, 亿 or 万亿, or one of {counters}",
)
SPACES = message("figure.spaces", "no spaces inside a figure; separate thousands with commas")
FIGURE_FORMS = message(
    "figure.forms",
    "give a figure such as 7812, 7,812, 12.99, -3.5, 1.2万 or 3.5亿, optionally followed by the "
    "metric's unit",
)
NOT_FLAG = message("figure.flag", "{text} is not a flag: give p (provisional) or e (estimated)")
NOT_ENDED = message(
    "figure.not_ended", "{period} ends after today ({today}); record it once it has ended"
)

# -- recording -------------------------------------------------------------------------------

DOES_NOT_VALIDATE = message(
    "record.invalid_directory", "does not validate; fix these first (iptarget validate):"
)
ALREADY = message(
    "record.already",
    "already recorded: {figure}; add --published DATE to keep both as vintages, or --replace "
    "to correct a typo",
)
ALREADY_SOURCED = message(
    "record.already_sourced",
    "already recorded: {figure} (source: {source}); add --published DATE to keep both as "
    "vintages, or --replace to correct a typo",
)
ALREADY_ROW = message(
    "record.already_row",
    "{period} is already recorded ({figure}); give a published date to keep both as vintages, "
    "or --replace to correct a typo",
)
ALSO_ON_LINE = message("record.also_on_line", "{period} is also on line {line}")
ALSO_ON_LINE_DATED = message(
    "record.also_on_line_dated", "{period} published {published} is also on line {line}"
)
DATED_ROWS_ABOVE = message(
    "record.dated_rows", "{period} has dated rows above: give this one's date too"
)
GIVE_DATE = message(
    "record.give_date",
    "{period} already has vintages published {dates}: give this one's date with --published",
)
GIVE_DATE_COLUMN = message(
    "record.give_date_column",
    "{period} already has vintages published {dates}: give this one's date in the published column",
)
DATE_AS_MONTH = message(
    "record.date_as_month",
    "the date {date} reads as the month {period}, but {metric} has no monthly figures and its "
    "targets are annual: type the year ({year}) as text, or format the cell to show the year only",
)
NOTHING_RECORDED = message("remove.none", "no figure is recorded for this period")
WHICH_VINTAGE = message(
    "remove.which", "has {count} vintages ({names}): give --published or --undated"
)
NO_UNDATED = message("remove.no_undated", "no vintage undated; recorded: {names}")
NO_VINTAGE = message("remove.no_vintage", "no vintage published {date}; recorded: {names}")
BOTH = message("remove.both", "give --published or --undated, not both")
SLIP_SMALLER = message(
    "slip.smaller",
    "{new} is {times} times smaller than {other} in {where}: a unit slip? Check the figure and "
    "its unit, or add --force if it is right",
)
SLIP_LARGER = message(
    "slip.larger",
    "{new} is {times} times larger than {other} in {where}: a unit slip? Check the figure and "
    "its unit, or add --force if it is right",
)
SLIP_VINTAGE = message("slip.vintage", "the vintage of {date} of {period}")
SLIP_UNDATED = message("slip.undated", "the undated vintage of {period}")
