"""A target's chart as inline SVG: the actual values against the required path from S to V,
the target value and the deadline marked, derived and flagged values drawn apart (SPEC 10).

Plain SVG text, no script and nothing loaded: it renders in any browser, prints in black and
white (the path is dashed, derived values are hollow, flagged ones square), and its text is
the browser's own font, Chinese included.
"""

from __future__ import annotations

import math
from decimal import Decimal
from html import escape

from iptarget.core.dataset import Metric, Value
from iptarget.core.evaluate import Evaluation
from iptarget.i18n import _
from iptarget.periods import Period
from iptarget.render.numbers import marks, number
from iptarget.render.words import period_words

WIDTH, HEIGHT = 600, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 36


def chart_svg(evaluation: Evaluation) -> str:
    """The chart, or an empty string when there is nothing to draw."""
    series = [value for value in evaluation.series if math.isfinite(value.value)]
    path = [(period, value) for period, value in evaluation.path if math.isfinite(value)]
    if not series and not path:
        return ""
    target = evaluation.target_value
    target = target if target is not None and math.isfinite(target) else None
    deadline = evaluation.target.deadline
    numbers = [value.value for value in series] + [value for _, value in path]
    numbers += [] if target is None else [target]
    periods = [value.period for value in series] + [period for period, _ in path] + [deadline]
    scale = _Scale(periods, numbers)
    deadline_label = _("deadline {period}").format(period=period_words(deadline))
    metric = evaluation.metric
    text = escape(_description(evaluation))
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{text}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{text}</title>',
        *scale.frame(metric, periods),
        f'<line class="deadline" x1="{scale.x(deadline):.1f}" y1="{TOP}" '
        f'x2="{scale.x(deadline):.1f}" y2="{scale.bottom:.1f}">'
        f"<title>{escape(deadline_label)}</title></line>",
    ]
    if target is not None:
        level = scale.y(target)
        label = _("target {value}").format(value=number(target, metric))
        parts.append(
            f'<line class="target" x1="{LEFT}" y1="{level:.1f}" x2="{WIDTH - RIGHT}" '
            f'y2="{level:.1f}"><title>{escape(label)}</title></line>'
        )
        parts.append(_label(LEFT + 4, level - 5, label, "start", "target-label"))
    if path:
        points = " ".join(f"{scale.x(period):.1f},{scale.y(value):.1f}" for period, value in path)
        title = escape(_("required path"))
        parts.append(f'<polyline class="path" points="{points}"><title>{title}</title></polyline>')
    if series:
        points = " ".join(f"{scale.x(v.period):.1f},{scale.y(v.value):.1f}" for v in series)
        parts.append(f'<polyline class="actual" points="{points}"/>')
    parts += [_point(value, scale, evaluation) for value in series]
    if series:
        last = series[-1]
        shown = number(last.value, metric) + marks(last)
        parts.append(_label(scale.x(last.period) - 6, scale.y(last.value) - 8, shown, "end"))
    parts.append("</svg>")
    return "".join(parts)


class _Scale:
    """Where a period and a value fall in the chart: the value axis spans the figures, the
    path and the target (not from 0), so that 17.96 against 18 shows, with round steps
    between."""

    def __init__(self, periods: list[Period], numbers: list[float]) -> None:
        self.first = min(period.end_month for period in periods)
        self.last = max(period.end_month for period in periods)
        low, high = min(numbers), max(numbers)
        if high == low:
            low, high = low - max(abs(low) * 0.1, 1), high + max(abs(high) * 0.1, 1)
        self.step = _round_step((high - low) / 4)
        self.low = math.floor(low / self.step) * self.step
        self.high = math.ceil(high / self.step) * self.step
        self.bottom = self.y(self.low)

    def x(self, period: Period) -> float:
        span = max(self.last - self.first, 1)
        return LEFT + (period.end_month - self.first) / span * (WIDTH - LEFT - RIGHT)

    def y(self, value: float) -> float:
        return TOP + (self.high - value) / (self.high - self.low) * (HEIGHT - TOP - BOTTOM)

    def ticks(self) -> list[float]:
        """The values labelled on the axis: every step from the lowest to the highest."""
        count = round((self.high - self.low) / self.step)
        return [self.low + index * self.step for index in range(count + 1)]

    def frame(self, metric: Metric, periods: list[Period]) -> list[str]:
        """The axes, a labelled line at every step, the first and last period."""
        parts = [
            f'<line class="axis" x1="{LEFT}" y1="{self.bottom:.1f}" x2="{WIDTH - RIGHT}" '
            f'y2="{self.bottom:.1f}"/>',
            f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{self.bottom:.1f}"/>',
        ]
        for tick in self.ticks():
            level = self.y(tick)
            parts.append(
                f'<line class="grid" x1="{LEFT}" y1="{level:.1f}" x2="{WIDTH - RIGHT}" '
                f'y2="{level:.1f}"/>'
            )
            parts.append(_label(LEFT - 6, level + 4, _tick(tick, self.step, metric), "end"))
        parts += [
            _label(self.x(period), HEIGHT - BOTTOM + 18, period_words(period), anchor)
            for period, anchor in ((min(periods), "start"), (max(periods), "end"))
            if anchor == "start" or max(periods) != min(periods)
        ]
        return parts


def _round_step(rough: float) -> float:
    """The round step nearest above ``rough``: 1, 2, 2.5 or 5 times a power of ten."""
    power = 10.0 ** math.floor(math.log10(rough))
    return next(power * m for m in (1.0, 2.0, 2.5, 5.0, 10.0) if power * m >= rough * 0.999)


def _tick(value: float, step: float, metric: Metric) -> str:
    """An axis label: with as many decimals as the step needs, at least the metric's."""
    exponent = Decimal(repr(step)).normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return f"{value:,.{max(places, metric.decimals or 0)}f}"


def _point(value: Value, scale: _Scale, evaluation: Evaluation) -> str:
    """A published figure: a dot, hollow when derived; a hollow square when flagged."""
    shown = _("{period}: {value}").format(
        period=period_words(value.period),
        value=number(value.value, evaluation.metric) + marks(value),
    )
    kind = "derived" if value.derived else "recorded"
    cx, cy = scale.x(value.period), scale.y(value.value)
    if value.flag:
        return (
            f'<rect class="point {kind} flagged" x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" '
            f'height="8"><title>{escape(shown)}</title></rect>'
        )
    return (
        f'<circle class="point {kind}" cx="{cx:.1f}" cy="{cy:.1f}" r="4">'
        f"<title>{escape(shown)}</title></circle>"
    )


def _label(x: float, y: float, text: str, anchor: str, kind: str = "") -> str:
    shown = f' class="{kind}"' if kind else ""
    return f'<text{shown} x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(text)}</text>'


def _description(evaluation: Evaluation) -> str:
    """What the chart shows, for a screen reader and a tooltip."""
    target = evaluation.target
    return _(
        "{metric} in {region}: actual values against the path required to reach the target by "
        "{deadline}"
    ).format(metric=target.metric, region=evaluation.region, deadline=period_words(target.deadline))
