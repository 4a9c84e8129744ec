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
    each, and the vintages of each are returned oldest first (the undated one first, then
    by date; equal ones in the order read); and whether no two vintages of a figure have the
    same date (or are both undated). One pass over the repeats, in the order read."""
    vintages: dict[Key, Vintages] = {}
    found: dict[Key, dict[Period, tuple[Value, ...]]] = {}  # the same, to add to
    unique = True
    for key, value in repeats:
        series = recorded[key]
        period = value.period
        several = found.get(key)
        if several is None:
            several = found[key] = vintages[key] = {}
        known = several.get(period)
        if known is None:  # a figure and one revision, the common case
            first = series[period]
            before, after = first.published, value.published
            # Value.rank, written out: the undated one first, then by date
            if before is not None and (after is None or after < before):
                known = (value, first)
            else:
                known = (first, value)
            unique = unique and before != after
        else:
            known = tuple(sorted((*known, value), key=_rank))  # stable: equal ones as read
            dates = {vintage.published for vintage in known}
            unique = unique and len(dates) == len(known)
        several[period] = known
        series[period] = known[-1]
    return vintages, unique
