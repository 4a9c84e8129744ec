"""``iptarget due`` (SPEC 5.4): the office's calendar as a terminal table, markdown for a CI
job's summary, JSON for scripts, or an iCalendar file (RFC 5545) a calendar subscribes to."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, assert_never

from iptarget.choices import DueFormat
from iptarget.core.dataset import Dataset
from iptarget.core.due import Calendar, Due
from iptarget.errors import text
from iptarget.i18n import NP_, pgettext
from iptarget.render.console import console, print_lines, print_text, say
from iptarget.render.json_text import json_document
from iptarget.render.looks import STATUS_LOOKS, status_word
from iptarget.render.numbers import UNKNOWN, metric_name, region_name
from iptarget.render.table import Column, Table, fitted_lines, markdown, terminal_lines
from iptarget.render.words import date_words, period_words, worded
from iptarget.texts import due as texts

COLUMNS = (
    Column(NP_("heading", "expected on")),
    Column(NP_("heading", "when")),
    Column(NP_("heading", "figure")),
    Column(NP_("heading", "date from")),
    Column(NP_("heading", "owner")),
    Column(NP_("heading", "waiting")),
)
DEADLINE_COLUMNS = (
    Column(NP_("heading", "deadline")),
    Column(NP_("heading", "target")),
    Column(NP_("heading", "status")),
)


def headline(calendar: Calendar) -> str:
    """``Figures due by 2026-12-22 (as of 2026-11-22): 3 overdue, 2 coming``."""
    said = {"until": date_words(calendar.until), "date": date_words(calendar.as_of)}
    if not calendar.figures:
        return worded(text(texts.NOTHING_DUE, **said))
    late, coming, undated = calendar.counts()
    counts = [
        worded(text(template, count=count))
        for template, count in (
            (texts.OVERDUE, late),
            (texts.COMING, coming),
            (texts.UNDATED, undated),
        )
        if count
    ]
    return worded(text(texts.HEADLINE, counts=worded(text(texts.JOINT)).join(counts), **said))


def when(found: Due, as_of: datetime.date) -> str:
    """``12 days late``, ``in 5 days``, ``today``, or ``-`` when the date is unknown."""
    if found.expected is None:
        return UNKNOWN
    late = found.days_late(as_of)
    if late is not None:
        return worded(text(texts.LATE, count=late))
    days = (found.expected - as_of).days
    return worded(text(texts.TODAY)) if days == 0 else worded(text(texts.IN_DAYS, count=days))


def how(found: Due) -> str:
    """How the expected date was found: set, learned from N figures, or unknown."""
    if found.learned_from is None:
        return worded(text(texts.UNKNOWN_DATE))
    if found.learned_from == 0:
        return worded(text(texts.SET))
    return worded(text(texts.LEARNED, count=found.learned_from))


def figure_words(found: Due, dataset: Dataset) -> str:
    """A figure as the table names it: metric, region and period."""
    metric = dataset.metrics[found.metric]
    region = dataset.regions.get(found.region)
    shown = region_name(region) if region else found.region
    said = text(
        texts.FIGURE, metric=metric_name(metric), region=shown, period=period_words(found.period)
    )
    return worded(said)


def due_table(calendar: Calendar, dataset: Dataset, folded: bool = False) -> Table:
    """A row per figure: its date and how it was found, the figure, its owner and the targets
    waiting; ``folded`` (a terminal) puts the figure and its owner on a line under the row."""
    rows, under = [], []
    for found in calendar.figures:
        figure = figure_words(found, dataset)
        waiting = pgettext("list", ", ").join(found.targets)
        expected = UNKNOWN if found.expected is None else date_words(found.expected)
        dated = [expected, when(found, calendar.as_of), how(found)]
        if folded:
            rows.append([*dated, waiting])
            owner = found.owner
            under.append(
                worded(text(texts.FIGURE_OWNER, figure=figure, owner=owner)) if owner else figure
            )
        else:
            rows.append([dated[0], dated[1], figure, dated[2], found.owner or UNKNOWN, waiting])
    if folded:
        return Table((*COLUMNS[:2], COLUMNS[3], COLUMNS[5]), rows, flexible=3, under=under)
    return Table(COLUMNS, rows, flexible=2)


def deadline_table(calendar: Calendar) -> Table:
    rows = [
        [date_words(found.ends), found.target, status_word(found.status)]
        for found in calendar.deadlines
    ]
    styles = [STATUS_LOOKS[found.status].style for found in calendar.deadlines]
    return Table(DEADLINE_COLUMNS, rows, styles=styles)


def deadlines_heading(calendar: Calendar) -> str:
    said = date_words(calendar.until)
    if not calendar.deadlines:
        return worded(text(texts.NO_DEADLINE, until=said))
    return worded(text(texts.DEADLINES, until=said))


def due_json(calendar: Calendar) -> str:
    """``due --format json``: the figures and the deadlines, dates as ISO 8601."""
    document = {
        "as_of": calendar.as_of.isoformat(),
        "until": calendar.until.isoformat(),
        "figures": [_figure_json(found, calendar.as_of) for found in calendar.figures],
        "deadlines": [
            {
                "id": found.target,
                "deadline": str(found.deadline),
                "ends": found.ends.isoformat(),
                "status": found.status.value,
            }
            for found in calendar.deadlines
        ],
    }
    return json_document(document)


def _figure_json(found: Due, as_of: datetime.date) -> dict[str, Any]:
    learned = found.learned_from
    return {
        "metric": found.metric,
        "region": found.region,
        "period": str(found.period),
        "expected": None if found.expected is None else found.expected.isoformat(),
        "days_late": found.days_late(as_of),
        "date_from": None if learned is None else "set" if learned == 0 else "learned",
        "learned_from": learned or None,
        "owner": found.owner,
        "targets": list(found.targets),
    }


def due_markdown(calendar: Calendar, dataset: Dataset) -> str:
    """The headline and the tables, for a CI job's summary."""
    lines = [headline(calendar), ""]
    if calendar.figures:
        lines += [*markdown(due_table(calendar, dataset)), ""]
    lines.append(deadlines_heading(calendar))
    if calendar.deadlines:
        lines += ["", *markdown(deadline_table(calendar))]
    return "\n".join([*lines, ""])


def due_ics(calendar: Calendar, dataset: Dataset) -> str:
    """The calendar as iCalendar (RFC 5545): an all-day event per figure with an expected
    date and per deadline, each with a UID that stays the same from one run to the next."""
    stamp = calendar.as_of.strftime("%Y%m%dT000000Z")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//iptarget//due//EN", "CALSCALE:GREGORIAN"]
    for found in calendar.figures:
        if found.expected is None:
            continue
        summary = worded(
            text(
                texts.EVENT_FIGURE,
                metric=metric_name(dataset.metrics[found.metric]),
                region=_region(found.region, dataset),
                period=period_words(found.period),
            )
        )
        waiting = pgettext("list", ", ").join(found.targets)
        uid = f"{found.metric}.{found.region}.{found.period}@iptarget"
        lines += _event(uid, stamp, found.expected, summary, waiting)
    for deadline in calendar.deadlines:
        summary = worded(text(texts.EVENT_DEADLINE, target=deadline.target))
        uid = f"{deadline.target}.deadline@iptarget"
        lines += _event(uid, stamp, deadline.ends, summary, status_word(deadline.status))
    lines.append("END:VCALENDAR")
    return "".join(_folded(line) + "\r\n" for line in lines)


def _region(region: str, dataset: Dataset) -> str:
    known = dataset.regions.get(region)
    return region_name(known) if known else region


def _event(uid: str, stamp: str, day: datetime.date, summary: str, description: str) -> list[str]:
    following = day + datetime.timedelta(days=1)
    return [
        "BEGIN:VEVENT",
        f"UID:{_escaped(uid)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{following.strftime('%Y%m%d')}",
        f"SUMMARY:{_escaped(summary)}",
        f"DESCRIPTION:{_escaped(description)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


#: What RFC 5545 escapes in a text value.
_ESCAPES: Mapping[str, str] = {"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n", "\r": ""}


def _escaped(value: str) -> str:
    return "".join(_ESCAPES.get(char, char) for char in value)


def _folded(line: str) -> str:
    """A content line folded at 75 octets, never inside a UTF-8 character (RFC 5545 3.1)."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (75 if not parts else 74):
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def print_due(calendar: Calendar, dataset: Dataset, fmt: DueFormat) -> None:
    """``iptarget due`` in one of its formats."""
    match fmt:
        case DueFormat.JSON:
            print_text(due_json(calendar))
        case DueFormat.MARKDOWN:
            print_text(due_markdown(calendar, dataset))
        case DueFormat.ICS:
            import sys

            sys.stdout.write(due_ics(calendar, dataset))
        case DueFormat.TABLE:
            out = console()
            say(out, headline(calendar))
            if calendar.figures:
                say(out, "")
                if out.is_terminal:  # the figure and its owner folded under each row
                    table = due_table(calendar, dataset, folded=True)
                    lines = terminal_lines(table, out.width, terminal=True)
                else:  # a pipe: one line per figure
                    lines = terminal_lines(due_table(calendar, dataset))
                print_lines(out, lines)
            say(out, "")
            say(out, deadlines_heading(calendar))
            if calendar.deadlines:
                print_lines(out, fitted_lines(deadline_table(calendar), out.is_terminal, out.width))
        case _:
            assert_never(fmt)
