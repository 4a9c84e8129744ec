"""The sentences of ``iptarget due`` (SPEC 5.4): the office's calendar of figures and
deadlines."""

from __future__ import annotations

from iptarget.texts.template import message, plural

HEADLINE = message("due.headline", "Figures due by {until} (as of {date}): {counts}")
NOTHING_DUE = message("due.nothing", "No figure due by {until} (as of {date})")
OVERDUE = plural("due.overdue", "{count} overdue", "{count} overdue")
COMING = plural("due.coming", "{count} coming", "{count} coming")
UNDATED = plural("due.undated", "{count} with no expected date", "{count} with no expected date")
JOINT = message("due.joint", ", ")
DEADLINES = message("due.deadlines", "Deadlines by {until}:")
NO_DEADLINE = message("due.no_deadline", "No deadline by {until}")
LATE = plural("due.late", "{count} day late", "{count} days late")
IN_DAYS = plural("due.in_days", "in {count} day", "in {count} days")
TODAY = message("due.today", "today")
SET = message("due.set", "set")
LEARNED = plural("due.learned", "learned ({count})", "learned ({count})")
UNKNOWN_DATE = message("due.unknown_date", "unknown")
EVENT_FIGURE = message("due.event_figure", "Figure due: {metric}, {region}, {period}")
EVENT_DEADLINE = message("due.event_deadline", "Deadline: {target}")
FIGURE = message("due.figure", "{metric}, {region}, {period}")
FIGURE_OWNER = message("due.figure_owner", "{figure} (owner: {owner})")
