"""Numbers as people read them: a metric's decimals, percentages, rates, points."""

from __future__ import annotations

import math

from iptarget.core.dataset import Metric
from iptarget.core.evaluate import Evaluation, Point

UNKNOWN = "-"
OVERFLOWED = "overflowed"  # a computed figure too large for a float (JSON gives null)


def number(value: float | None, metric: Metric, unit: bool = False) -> str:
    """A value with the metric's decimals (settled when the directory is read, SPEC 5.1)."""
    if value is None:
        return UNKNOWN
    if not math.isfinite(value):
        return OVERFLOWED
    decimals = metric.decimals
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and float(text[1:].replace(",", "")) == 0:
        text = text[1:]
    return f"{text} {metric.unit}" if unit and metric.unit else text


def percent(value: float | None) -> str:
    """A percentage with one decimal, such as ``70.2%``."""
    if value is None:
        return UNKNOWN
    if not math.isfinite(value):
        return OVERFLOWED
    return f"{value:,.1f}%"


def yearly(value: float | None, evaluation: Evaluation) -> str:
    """A rate per year: a percentage when compound, a change in the metric's unit when linear."""
    if value is None:
        return UNKNOWN
    if evaluation.compound:
        return f"{value * 100:+.1f}% a year"
    return f"{'+' if value >= 0 else ''}{number(value, evaluation.metric, unit=True)} a year"


def pace(value: float | None) -> str:
    """A pace with two decimals."""
    return UNKNOWN if value is None else f"{value:.2f}"


def at(point: Point | None, metric: Metric) -> str:
    """A point as ``12.99 (2018)``, ``*`` marking a derived value."""
    if point is None:
        return UNKNOWN
    return f"{number(point.value, metric)}{'*' if point.derived else ''} ({point.period})"


def sign(evaluation: Evaluation) -> str:
    """The comparison a target asks for: ≥, >, ≤ or <."""
    up = evaluation.direction == "up"
    if evaluation.target.strict:
        return ">" if up else "<"
    return "≥" if up else "≤"


def metric_label(metric: Metric) -> str:
    """The metric's name, with its unit when the name does not already say it."""
    if metric.unit and metric.unit.lower() not in metric.name.lower():
        return f"{metric.name} ({metric.unit})"
    return metric.name
