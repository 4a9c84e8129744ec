"""Numbers as people read them: a metric's decimals and unit, percentages, rates, points,
names and titles in the interface's language."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Protocol

from iptarget.core.dataset import Amount, Metric, Policy, Region, Target
from iptarget.core.evaluate import Evaluation, Point
from iptarget.errors import exact
from iptarget.i18n import N_, NP_, _, in_language, pgettext
from iptarget.render.words import (
    flag_words,
    period_words,
    unit_of,
    with_unit,
)

UNKNOWN = "-"
OVERFLOWED = N_("overflowed")  # a computed figure too large for a float (JSON gives null)


def number(value: float | None, metric: Metric, unit: bool = False) -> str:
    """A value with the metric's decimals (settled when the directory is read, SPEC 5.1)."""
    if value is None:
        return UNKNOWN
    if not math.isfinite(value):
        return _(OVERFLOWED)
    decimals = metric.decimals
    if decimals is None:  # no figure recorded yet: as written, up to 2 decimals
        shown = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        shown = f"{value:,.{decimals}f}"
    if shown.startswith("-") and float(shown[1:].replace(",", "")) == 0:
        shown = shown[1:]
    return with_unit(shown, metric) if unit else shown


def amount(figure: Amount) -> str:
    """A figure exactly as stored, with its metric's unit (SPEC 5.1: never rounded)."""
    return with_unit(exact(figure.value), figure.metric)


def percent(value: float | None) -> str:
    """A percentage with one decimal, such as ``70.2%``."""
    if value is None:
        return UNKNOWN
    if not math.isfinite(value):
        return _(OVERFLOWED)
    return _unsigned_zero(f"{value:,.1f}") + "%"


def yearly(value: float | None, evaluation: Evaluation, required: bool = False) -> str:
    """A rate per year: a percentage when compound, a change in the metric's unit when
    linear; the rate a target requires, or the rate it has had."""
    if value is None:
        return UNKNOWN
    up = value >= 0
    if evaluation.compound:
        rate = f"{abs(value) * 100:.1f}%"
        signed = f"{value * 100:+.1f}%"
    else:
        rate = number(abs(value), evaluation.metric, unit=True)
        signed = ("+" if up else "-") + rate
    context = f"rate.{'required' if required else 'actual'}.{'up' if up else 'down'}"
    context += "" if evaluation.compound else ".linear"
    return pgettext(context, "{rate} a year").format(rate=signed, amount=rate)


#: The rate a year in each context of ``yearly``: the catalogue words each apart (required
#: or actual, up or down, compound or linear), which English writes alike.
RATES = (
    NP_("rate.required.up", "{rate} a year"),
    NP_("rate.required.down", "{rate} a year"),
    NP_("rate.actual.up", "{rate} a year"),
    NP_("rate.actual.down", "{rate} a year"),
    NP_("rate.required.up.linear", "{rate} a year"),
    NP_("rate.required.down.linear", "{rate} a year"),
    NP_("rate.actual.up.linear", "{rate} a year"),
    NP_("rate.actual.down.linear", "{rate} a year"),
)


def pace(value: float | None) -> str:
    """A pace with two decimals."""
    return UNKNOWN if value is None else _unsigned_zero(f"{value:.2f}")


def _unsigned_zero(shown: str) -> str:
    """A number rounded to zero without the minus sign of a tiny negative (``-0.0``)."""
    return shown.lstrip("-") if not shown.strip("-0.") else shown


def marks(point: Marked) -> str:
    """The marks after a value: ``*`` derived, ``p`` provisional, ``e`` estimated."""
    return ("*" if point.derived else "") + (point.flag or "")


def at(point: Point | None, metric: Metric) -> str:
    """A point as ``12.99 (2018)`` (``12.99（2018年）`` in Chinese), ``*`` marking a derived
    value, ``p`` or ``e`` a provisional or estimated one."""
    if point is None:
        return UNKNOWN
    shown = f"{number(point.value, metric)}{marks(point)}"
    return pgettext("point", "{value} ({period})").format(
        value=shown, period=period_words(point.period)
    )


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
    notes += [f"{flag} {flag_words(flag)}" for flag in ("p", "e") if flag in flags]
    return pgettext("list", "; ").join(notes) or None


def sign(evaluation: Evaluation) -> str:
    """The comparison a target asks for: ≥, >, ≤ or <; ``Σ ≥`` for a total (SPEC 4.5)."""
    up = evaluation.direction == "up"
    said = (">" if up else "<") if evaluation.target.strict else ("≥" if up else "≤")
    return "Σ " + said if evaluation.total is not None else said


def metric_label(metric: Metric) -> str:
    """The metric's name, with its unit when the name does not already say it."""
    name = metric_name(metric)
    unit = unit_of(metric)
    if unit and unit.lower() not in name.lower():
        return _("{name} ({unit})").format(name=name, unit=unit)
    return name


def metric_name(metric: Metric) -> str:
    """A metric's name in the interface's language."""
    return in_language(metric.name, metric.name_zh, metric.name_en)


def region_name(region: Region) -> str:
    """A region's name in the interface's language."""
    return in_language(region.name, region.name_zh, region.name_en)


def title_of(item: Target | Policy) -> str:
    """A target's or policy's title in the interface's language."""
    return in_language(item.title, item.title_zh, item.title_en)
