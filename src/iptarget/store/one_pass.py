"""An actuals file read and recorded in one pass: the figures of a national directory are
10^5 entries, and each is checked, made a value and filed by its metric, region and period
in the same step, without pydantic.

``read_figures`` gives exactly what checking each entry with ``plain.ACTUAL`` and recording
it with ``convert.record_figures`` would give, or None, and the file then goes to the model,
entry by entry (``tests/test_plain_reading.py`` holds the two alike).
"""

from __future__ import annotations

import datetime
from typing import Any, NamedTuple

from iptarget.core.dataset import Key, Value
from iptarget.models.entries import ActualEntry
from iptarget.periods import Period
from iptarget.store.plain import ACTUAL, Refused, check_id, check_period, number

_REQUIRED = frozenset(key for key, (required, _, _) in ACTUAL.items() if required)
_KEYS = frozenset(ACTUAL)
_FLAGS = ("p", "e")
_DATE = datetime.date
_TEXT = str


class FileFigures(NamedTuple):
    """One file's figures: the first vintage of each by (metric, region) and period, the
    other vintages in the order written, whether every publication date lies between its
    period's start and today, the entries (when asked for), and how many there are."""

    series: dict[Key, dict[Period, Value]]
    repeats: list[tuple[Key, Value]]
    dated: bool
    entries: list[ActualEntry] | None
    size: int


def read_figures(array: list[Any], today: datetime.date, entries: bool) -> FileFigures | None:
    """A file's ``[[actual]]`` entries as figures, with the entries themselves if
    ``entries``; None to leave the whole file to the model."""
    shapes: set[tuple[str, ...]] = set()  # the sets of keys seen, each checked once
    periods: dict[str, Period] = {}
    found: dict[Key, dict[Period, Value]] = {}
    repeats: list[tuple[Key, Value]] = []
    read: list[ActualEntry] | None = [] if entries else None
    dated = True
    seen: tuple[object, object] = (None, None)  # the (metric, region) of the entry before
    key: Key = ("", "")
    series: dict[Period, Value] = {}
    try:
        for data in array:
            shape = tuple(data) if type(data) is dict else ()
            if shape not in shapes:
                _check_shape(shape, shapes)
            if data["metric"] != seen[0] or data["region"] != seen[1]:
                seen = key = (check_id(data["metric"]), check_id(data["region"]))
                series = found.setdefault(key, {})
            period = periods.get(data["period"]) or _period(data["period"], periods)
            value = data["value"]
            if type(value) is not float or value - value != 0.0:  # not finite
                value = number(value)
            source, note, published, flag, recorded = _NONE if len(shape) == 4 else _rest(data)
            if published is not None and not period.start <= published <= today:
                dated = False
            figure = Value(period, value, False, source, note, None, published, flag)
            if period in series:
                repeats.append((key, figure))
            else:
                series[period] = figure
            if read is not None:
                metric, region = key
                dates = (published, flag, recorded)
                read.append(ActualEntry(metric, region, period, value, source, note, *dates))
    except (Refused, TypeError):  # TypeError: an id or period that is a list or a table
        return None
    return FileFigures(found, repeats, dated, read, len(array))


_NONE = (None, None, None, None, None)


def _check_shape(shape: tuple[str, ...], shapes: set[tuple[str, ...]]) -> None:
    """A set of keys an actual may have (none: not a table); it is then known."""
    if not shape or not _REQUIRED <= set(shape) <= _KEYS:
        raise Refused
    shapes.add(shape)


def _period(written: object, periods: dict[str, Period]) -> Period:
    """A period as written, checked (remembered when written as text, as files write it)."""
    period = check_period(written)
    if type(written) is _TEXT:
        periods[written] = period
    return period


def _rest(data: dict[str, Any]) -> tuple[Any, Any, Any, Any, Any]:
    """The optional keys of an actual: source, note, published, flag and recorded."""
    source, note = data.get("source"), data.get("note")
    published, flag = data.get("published"), data.get("flag")
    recorded = data.get("recorded")
    if (
        (source is not None and type(source) is not _TEXT)
        or (note is not None and type(note) is not _TEXT)
        or (published is not None and type(published) is not _DATE)
        or (recorded is not None and type(recorded) is not _DATE)
        or (flag is not None and (type(flag) is not _TEXT or flag not in _FLAGS))
    ):
        raise Refused
    return source, note, published, flag, recorded


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
