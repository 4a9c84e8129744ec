"""Figures recorded more than once: the vintages of a figure (SPEC 3.1), gathered as read."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from iptarget.core.dataset import Key, Value, Vintages
from iptarget.periods import Period


def _rank(value: Value) -> tuple[bool, datetime.date]:
    return value.rank


def gather_vintages(
    recorded: dict[Key, dict[Period, Value]], repeats: Iterable[tuple[Key, Value]]
) -> tuple[dict[Key, Vintages], bool]:
    """Figures recorded more than once as vintages: ``recorded`` then holds the latest of
    each, and the vintages of each are returned oldest first; and whether no two vintages
    of a figure have the same date (or are both undated)."""
    gathered: dict[Key, dict[Period, list[Value]]] = {}
    for key, value in repeats:
        several = gathered.get(key)
        if several is None:
            several = gathered[key] = {}
        period = value.period
        values = several.get(period)
        if values is None:
            several[period] = [recorded[key][period], value]
        else:
            values.append(value)
    unique = True
    vintages: dict[Key, Vintages] = {}
    for key, periods in gathered.items():
        found = {}
        series = recorded[key]
        for period, values in periods.items():
            if len(values) == 2:  # a figure and one revision, the common case
                first, second = values[0].published, values[1].published
                # Value.rank, written out: the undated one first, then by date
                if first is not None and (second is None or second < first):
                    values.reverse()
                unique = unique and first != second
            else:
                values.sort(key=_rank)
                unique = unique and len({value.published for value in values}) == len(values)
            series[period] = values[-1]
            found[period] = tuple(values)
        vintages[key] = found
    return vintages, unique
