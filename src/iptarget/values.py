"""The value table (SPEC 3): recorded values, and ratio values derived from their parts."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal

from iptarget.models import Actual, Key, Metric, Value, parts_of
from iptarget.periods import Period

#: Chinese magnitudes in which statistics are often published.
MAGNITUDES = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
_FIGURE = re.compile(r"([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万亿|亿|万)?")
FIGURE_FORMS = "such as 7812, 7,812, 12.99, 1.2万 or 3.5亿"


def parse_figure(text: str) -> float:
    """A published figure: ``7812``, ``7,812``, ``12.99``, ``1.2万`` (12,000), ``3.5亿``."""
    match = _FIGURE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a number: {text!r} (give a figure {FIGURE_FORMS})")
    sign, whole, fraction, magnitude = match.groups()
    digits = Decimal(sign + whole.replace(",", "") + (fraction or ""))
    value = float(digits * MAGNITUDES.get(magnitude or "", 1))
    if not math.isfinite(value):
        raise ValueError(f"not a number: {text!r} is too large")
    return value


def ratio_order(metrics: Mapping[str, Metric]) -> tuple[list[str], list[list[str]]]:
    """Ratio metrics, each after the ratios it is built on; and the cycles among them."""
    order: list[str] = []
    done: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(metric_id: str) -> None:
        metric = metrics.get(metric_id)
        if metric is None or not metric.is_ratio or metric_id in done:
            return
        if metric_id in stack:
            cycles.append([*stack[stack.index(metric_id) :], metric_id])
            return
        stack.append(metric_id)
        for part in (metric.numerator, metric.denominator):
            if part is not None:
                visit(part)
        stack.pop()
        done.add(metric_id)
        order.append(metric_id)

    for metric_id in metrics:
        visit(metric_id)
    return order, cycles


def recorded_table(actuals: Iterable[Actual]) -> dict[Key, dict[Period, Value]]:
    """The recorded values by (metric, region) and period; of two for one period, the later."""
    table: dict[Key, dict[Period, Value]] = defaultdict(dict)
    for actual in actuals:
        table[actual.metric, actual.region][actual.period] = Value(
            actual.period, actual.value, False, actual.source, actual.note
        )
    return table


def derive_ratios(
    metrics: Mapping[str, Metric], recorded: dict[Key, dict[Period, Value]]
) -> dict[Key, dict[Period, Value]]:
    """The table with the ratio values derived for every period both parts are known."""
    table: dict[Key, dict[Period, Value]] = defaultdict(dict, recorded)
    regions_of: dict[str, set[str]] = defaultdict(set)
    for metric_id, region in table:
        regions_of[metric_id].add(region)
    order, cycles = ratio_order(metrics)
    on_cycle = {metric_id for cycle in cycles for metric_id in cycle}
    for metric_id in order:
        if on_cycle.intersection(parts_of(metrics, metric_id)):
            continue
        metric = metrics[metric_id]
        assert metric.numerator is not None
        assert metric.denominator is not None
        scale = 1.0 if metric.scale is None else metric.scale
        for region in sorted(regions_of[metric.numerator] & regions_of[metric.denominator]):
            numerators = table[metric.numerator, region]
            denominators = table[metric.denominator, region]
            derived = table[metric_id, region] = dict(table[metric_id, region])
            for period, numerator in numerators.items():
                denominator = denominators.get(period)
                if period in derived or denominator is None or denominator.value == 0:
                    continue
                value = numerator.value / denominator.value * scale
                if math.isfinite(value):
                    derived[period] = Value(period, value, derived=True)
                    regions_of[metric_id].add(region)
    return {key: periods for key, periods in table.items() if periods}
