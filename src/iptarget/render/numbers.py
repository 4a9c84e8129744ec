"""Numbers as people read them: a metric's decimals, percentages, rates, points."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Protocol

from iptarget.core.dataset import Metric, Policy, Region, Target
from iptarget.core.evaluate import Evaluation, Point
from iptarget.i18n import _, in_language

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
        return _("{rate} a year").format(rate=f"{value * 100:+.1f}%")
    change = f"{'+' if value >= 0 else ''}{number(value, evaluation.metric, unit=True)}"
    return _("{rate} a year").format(rate=change)


def pace(value: float | None) -> str:
    """A pace with two decimals."""
    return UNKNOWN if value is None else f"{value:.2f}"


def at(point: Point | None, metric: Metric) -> str:
    """A point as ``12.99 (2018)``, ``*`` marking a derived value, ``p`` or ``e`` a
    provisional or estimated one."""
    if point is None:
        return UNKNOWN
    marks = ("*" if point.derived else "") + (point.flag or "")
    return f"{number(point.value, metric)}{marks} ({point.period})"


class Marked(Protocol):
    """Anything shown with marks: a point of a target, a value, a point of a series."""

    @property
    def value(self) -> float | None: ...
    @property
    def derived(self) -> bool: ...
    @property
    def flag(self) -> str | None: ...


def marks_note(points: Iterable[Marked | None]) -> str | None:
    """The footnote of the marks that ``at`` put on these points, or None when there are none."""
    shown = [point for point in points if point is not None and point.value is not None]
    notes = [_("* derived")] if any(point.derived for point in shown) else []
    flags = {point.flag for point in shown}
    words = {"p": _("provisional"), "e": _("estimated")}  # FLAGS, in the interface's language
    notes += [f"{flag} {words[flag]}" for flag in ("p", "e") if flag in flags]
    return "; ".join(notes) or None


def sign(evaluation: Evaluation) -> str:
    """The comparison a target asks for: ≥, >, ≤ or <."""
    up = evaluation.direction == "up"
    if evaluation.target.strict:
        return ">" if up else "<"
    return "≥" if up else "≤"


def metric_label(metric: Metric) -> str:
    """The metric's name, with its unit when the name does not already say it."""
    name = in_language(metric.name, metric.name_zh, metric.name_en)
    if metric.unit and metric.unit.lower() not in name.lower():
        return f"{name} ({metric.unit})"
    return name


def region_name(region: Region) -> str:
    """A region's name in the interface's language."""
    return in_language(region.name, region.name_zh, region.name_en)


def title_of(item: Target | Policy) -> str:
    """A target's or policy's title in the interface's language."""
    return in_language(item.title, item.title_zh, item.title_en)
