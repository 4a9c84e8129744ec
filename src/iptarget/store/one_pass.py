"""An actuals file read and recorded in one pass: the figures of a national directory are
10^5 entries, and each is checked, made a value and filed by its metric, region and period
in the same step, without pydantic.

``read_figures`` gives exactly what checking each entry with ``plain.ACTUAL`` and recording
it with ``convert.record_figures`` would give, or None, and the file then goes to the model,
entry by entry (``tests/test_plain_reading.py`` holds the two alike).
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable
from types import NoneType
from typing import Any, NamedTuple

from iptarget.core.dataset import Key, Value
from iptarget.models.entries import ActualEntry
from iptarget.periods import Period
from iptarget.store.plain import ACTUAL, Refused, check_id, check_period

_REQUIRED = frozenset(key for key, (required, _, _) in ACTUAL.items() if required)
#: The keys of an actual in the order they are unpacked.
_ORDER = ("metric", "region", "period", "value", "source", "note", "published", "flag", "recorded")
#: The types an actual's optional texts and dates may have (NoneType: not given).
_TEXT: frozenset[type] = frozenset((str, NoneType))
_DAY: frozenset[type] = frozenset((datetime.date, NoneType))
_FLAGS = frozenset({"p", "e", None})
#: Makes a value without the Python-level __new__ of a named tuple, 10^5 times.
_new = tuple.__new__
#: Takes the keys of an actual out of its values (see _unpacking).
Unpack = Callable[[tuple[Any, ...]], tuple[Any, ...]]
#: A period as checked, with its first day.
Dated = tuple[Period, datetime.date]


class FileFigures(NamedTuple):
    """One file's figures: the first vintage of each by (metric, region) and period, the
    other vintages in the order written, whether every publication date lies between its
    period's start and today, the entries (when asked for), and how many there are."""

    series: dict[Key, dict[Period, Value]]
    repeats: list[tuple[Key, Value]]
    dated: bool
    entries: list[ActualEntry] | None
    size: int
    known_by: datetime.date | None = None  # the last period end or publication date, if known


def read_figures(array: list[Any], today: datetime.date, entries: bool) -> FileFigures | None:
    """A file's ``[[actual]]`` entries as figures, with the entries themselves if
    ``entries``; None to leave the whole file to the model."""
    shapes: dict[tuple[str, ...], Unpack] = {}
    periods: dict[str, Dated] = {}
    unlisted: list[Period] = []  # the periods not written as text, not kept in ``periods``
    found: dict[Key, dict[Period, Value]] = {}
    repeats: list[tuple[Key, Value]] = []
    read: list[ActualEntry] | None = [] if entries else None
    dated = True
    seen_metric: object = None  # the metric and region of the entry before
    seen_region: object = None
    key: Key = ("", "")
    series: dict[Period, Value] = {}
    # One object for each source, note and date a file repeats (a third less memory); and
    # as each is kept once, its type is checked once, after the loop.
    sources: dict[Any, Any] = {}
    notes: dict[Any, Any] = {}
    days: dict[Any, Any] = {}
    source_of, note_of, day_of = sources.setdefault, notes.setdefault, days.setdefault
    try:
        for data in array:
            shape = tuple(data) if type(data) is dict else ()
            unpack = shapes.get(shape) or _unpacking(shape, shapes)
            metric, region, written, value, source, note, published, flag, recorded = unpack(
                (*data.values(), None)
            )
            if metric != seen_metric or region != seen_region:
                key = (check_id(metric), check_id(region))
                seen_metric, seen_region = key
                series = found.setdefault(key, {})
            period, start = periods.get(written) or _period(written, periods, unlisted)
            # a finite number (a text, list or time raises TypeError, a date gives a
            # timedelta), not true or false; a flag it knows; a date when it was recorded
            if value - value != 0 or type(value) is bool or flag not in _FLAGS:
                return None
            if recorded is not None and type(recorded) is not datetime.date:
                return None
            if published is not None and not start <= published <= today:
                dated = False
            source, note = source_of(source, source), note_of(note, note)
            published = day_of(published, published)
            value = float(value)
            figure = _new(Value, (period, value, False, source, note, None, published, flag))
            if series.setdefault(period, figure) is not figure:
                repeats.append((key, figure))
            if read is not None:
                dates = (published, flag, recorded)
                read.append(ActualEntry(*key, period, value, source, note, *dates))
    except (Refused, TypeError, OverflowError):  # an id that is a table, a huge integer
        return None
    if not (_kinds(sources, _TEXT) and _kinds(notes, _TEXT) and _kinds(days, _DAY)):
        return None
    ends = [period.end for period, _ in periods.values()] + [period.end for period in unlisted]
    last = max((*ends, *filter(None, days)), default=None)
    return FileFigures(found, repeats, dated, read, len(array), last)


def _kinds(kept: dict[Any, Any], allowed: frozenset[type]) -> bool:
    """Whether every value kept is of an allowed type (equal values are of one type here:
    no text equals a non-text, no date a datetime)."""
    return allowed.issuperset(map(type, kept))


def _unpacking(shape: tuple[str, ...], shapes: dict[tuple[str, ...], Unpack]) -> Unpack:
    """How to take the keys of an actual with these keys (in this order) out of its values,
    followed by None for the keys it does not have; refused if it may not have them."""
    if not shape or not _REQUIRED <= set(shape) <= set(ACTUAL):
        raise Refused
    missing = len(shape)  # the None after the values
    unpack = operator.itemgetter(*(shape.index(key) if key in shape else missing for key in _ORDER))
    shapes[shape] = unpack
    return unpack


def _period(written: object, periods: dict[str, Dated], unlisted: list[Period]) -> Dated:
    """A period as written, checked, and its first day (remembered when written as text, as
    files write it, else listed in ``unlisted``)."""
    if type(written) is str:
        dated = _PERIODS.get(written)
        if dated is None:
            period = check_period(written)
            dated = _PERIODS[written] = (period, period.start)
        periods[written] = dated
        return dated
    period = check_period(written)
    unlisted.append(period)
    return period, period.start


#: Every period written as text that files of this process held, checked: each file keeps
#: its own, and parses only those no file before it held.
_PERIODS: dict[str, Dated] = {}


def copied(figures: FileFigures) -> FileFigures:
    """A file's figures that a reading may change (it files the latest vintage of each
    figure in its series) without changing these: for a diff, whose two sides share them."""
    series = {key: dict(periods) for key, periods in figures.series.items()}
    return figures._replace(series=series, repeats=list(figures.repeats))


def merge(
    figures: FileFigures,
    recorded: dict[Key, dict[Period, Value]],
    repeats: list[tuple[Key, Value]],
) -> None:
    """A file's figures into those of the files before it, as if recorded one by one: a
    figure already recorded by an earlier file is a repeat (another vintage)."""
    for key, series in figures.series.items():
        before = recorded.get(key)
        if before is None:
            recorded[key] = series
            continue
        for period, figure in series.items():
            if period in before:
                repeats.append((key, figure))
            else:
                before[period] = figure
    repeats.extend(figures.repeats)


def entries_of(read: FileFigures | list[ActualEntry]) -> list[ActualEntry]:
    """The entries of a file as read (asked for when the file was read)."""
    if isinstance(read, FileFigures):
        assert read.entries is not None, "the entries of a kept file are read"
        return read.entries
    return read
