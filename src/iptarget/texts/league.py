"""The sentences of a league table (``iptarget compare``, SPEC 5.5): its title, as a
statistical bulletin heads a ranking (the period, the regions, the metric, then the word for
ranking), and its notes."""

from __future__ import annotations

from iptarget.texts.template import message, plural

TITLE = plural(
    "league.title",
    "{metric}, {period}: {ranked} of {count} region ranked by {by}",
    "{metric}, {period}: {ranked} of {count} regions ranked by {by}",
)
TITLE_AMONG = plural(
    "league.title_among",
    "{metric}, {period}: {ranked} of the {count} region of {among} ranked by {by}",
    "{metric}, {period}: {ranked} of the {count} regions of {among} ranked by {by}",
)
#: What a league is ranked by, in its title.
BY_VALUE = message("league.by_value", "value")
BY_GROWTH = message("league.by_growth", "growth on a year before")
NO_PERIOD = plural(
    "league.no_period",
    "{metric}: no period at which at least half of the {count} region has a value",
    "{metric}: no period at which at least half of the {count} regions have a value",
)
NO_REGION = message("league.no_region", "{metric}: no region has a value")
CHANGE_NOTE = message(
    "league.change_note",
    "growth: on a year before; a year before: the rank at {period}; ▲ rose, ▼ fell, = unchanged",
)
GROWTH_METRIC = message(
    "league.growth_metric",
    "{metric} is a growth rate: rank it by value (--by value)",
)
