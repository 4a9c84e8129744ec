"""SPEC 3.2 (v3): the values of a flow that its recorded figures give by parts and by
difference. A flow's figure for a period is a total over it, so a year is the sum of its
months, quarters or halves, and a month of October is January-October less January-September.
Both read recorded figures only, never derived ones, so they never chain.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

from iptarget.core.dataset import Value
from iptarget.core.formulas import total
from iptarget.errors import Text, text
from iptarget.periods import MONTHS, YTD_MONTHS, Granularity, Period, year_to_date
from iptarget.texts import words

#: The granularities whose periods may be parts, shortest first: months, else quarters, else
#: halves (SPEC 3.2).
PARTS: tuple[Granularity, ...] = ("month", "quarter", "half")
#: How each kind of part is named in a rule: "sum of 10 months".
PART_WORDS = {"month": words.RULE_MONTHS, "quarter": words.RULE_QUARTERS, "half": words.RULE_HALVES}


class Found(NamedTuple):
    """A value found by parts or difference: its period, number, rule and inputs."""

    period: Period
    value: float
    rule: Text
    inputs: tuple[Value, ...]


def flow_values(recorded: Mapping[Period, Value], known: Iterable[Period]) -> Iterator[Found]:
    """The values the recorded figures of a flow give, for periods not in ``known``: by
    parts first, then by difference."""
    taken = set(known)
    for found in _parts(recorded, taken):
        taken.add(found.period)
        yield found
    for found in _differences(recorded, taken):
        taken.add(found.period)
        yield found


@functools.cache
def spans(year: int) -> list[Period]:
    """The periods of a year that parts may add up: the year, its halves and quarters, and
    its years to date."""
    return [
        Period(year),
        *(Period(year, "half", number) for number in (1, 2)),
        *(Period(year, "quarter", number) for number in (1, 2, 3, 4)),
        *(Period(year, "ytd", month) for month in YTD_MONTHS),
    ]


@functools.cache  # periods are made once each, so a few hundred entries at national scale
def tiles(span: Period, granularity: Granularity) -> list[Period] | None:
    """The periods of one granularity that tile ``span`` exactly, or None."""
    size = MONTHS[granularity]
    first = span.end_month - span.months + 1
    if span.months <= size or span.months % size or first % size:
        return None
    return [
        Period(first // 12, granularity, (month % 12) // size + 1)
        for month in range(first, span.end_month + 1, size)
    ]


def _parts(recorded: Mapping[Period, Value], taken: set[Period]) -> Iterator[Found]:
    # only the years with figures of a granularity that may be parts, and only those kinds
    present = {(period.year, period.granularity) for period in recorded}
    for year in sorted({year for year, _ in present}):
        kinds = [granularity for granularity in PARTS if (year, granularity) in present]
        if kinds:
            yield from _parts_of(year, kinds, recorded, taken)


def _parts_of(
    year: int, kinds: list[Granularity], recorded: Mapping[Period, Value], taken: set[Period]
) -> Iterator[Found]:
    """The spans of one year that parts of ``kinds`` add up, shortest parts first."""
    for span in spans(year):
        if span in taken:
            continue
        for granularity in kinds:
            parts = tiles(span, granularity)
            if parts is None or not all(part in recorded for part in parts):
                continue
            inputs = tuple(recorded[part] for part in parts)
            rule = text(PART_WORDS[granularity], count=len(parts))
            yield Found(span, total(value.value for value in inputs), rule, inputs)
            break


def _differences(recorded: Mapping[Period, Value], taken: set[Period]) -> Iterator[Found]:
    """A period that does not start in January: the year to date ending with it, less the
    year to date ending just before it (each spelt canonically), both recorded."""
    for year in sorted({period.year for period in recorded}):
        for period, ending, before in _differences_of(year):
            if period in taken or ending not in recorded or before not in recorded:
                continue
            inputs = (recorded[ending], recorded[before])
            value = inputs[0].value - inputs[1].value
            rule = text(words.RULE_DIFFERENCE, ending=ending, before=before)
            yield Found(period, value, rule, inputs)


@functools.cache
def _differences_of(year: int) -> list[tuple[Period, Period, Period]]:
    """Each period of a year that does not start in January, with the years to date ending
    with it and just before it (each spelt canonically)."""
    candidates = [
        *(Period(year, "month", month) for month in range(2, 13)),
        *(Period(year, "quarter", number) for number in (2, 3, 4)),
        Period(year, "half", 2),
    ]
    found = []
    for period in candidates:
        month = period.end_month % 12 + 1
        found.append((period, year_to_date(year, month), year_to_date(year, month - period.months)))
    return found
