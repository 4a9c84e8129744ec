"""SPEC 4.7: the plan review. How far a target should have come by its latest figure
(``expected_pct``), how much of the plan's time has gone by (``elapsed_pct``), and the
review of many targets: counts per verdict, binding ones apart, lagging targets first.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from iptarget.core.formulas import Direction, grow, meets
from iptarget.core.status import VERDICT_ORDER, Verdict
from iptarget.periods import Period

if TYPE_CHECKING:
    from iptarget.core.evaluate import Evaluation, Point


def expected_pct(
    start: Point | None,
    latest: Point | None,
    target_value: float | None,
    direction: Direction,
    required: float | None,
    compound: bool,
) -> float | None:
    """How far along the required path from S to V a target should be at L's period, in
    percent: (path(L) − S) / (V − S) × 100. L's period, not the as-of date, so that a figure
    not yet published does not look like a delay."""
    if start is None or latest is None or target_value is None or required is None:
        return None
    s, v = start.value, target_value
    if s is None or latest.value is None or meets(s, v, direction, strict=False):
        return None
    months = latest.period.end_month - start.period.end_month
    if months < 0:
        return None
    on_path = grow(s, required, months / 12, compound)
    return None if on_path is None else (on_path - s) / (v - s) * 100


def elapsed_pct(start: Point | None, deadline: Period, as_of: datetime.date) -> float | None:
    """The share of the plan's time gone by as of a date, from S's end to the deadline's, in
    percent and clamped to 0-100 (时间进度); None when S is unknown."""
    if start is None or start.value is None:
        return None
    whole = deadline.end_month - start.period.end_month
    if whole <= 0:
        return None
    return min(100.0, max(0.0, months_to(start.period, as_of) / whole * 100))


def months_to(period: Period, day: datetime.date) -> float:
    """The months from a period's end to a day: whole months to the last month end on or
    before the day, plus the day's share of its month (35 + 25/31 from 2020 to 2023-12-25)."""
    month = day.year * 12 + day.month - 1  # the day's month, counted as Period.end_month is
    following = datetime.date(month // 12 + (month % 12 == 11), (month + 1) % 12 + 1, 1)
    days = (following - day.replace(day=1)).days  # in the day's month
    if day.day == days:
        return month - period.end_month
    return month - 1 - period.end_month + day.day / days


class Review(NamedTuple):
    """The review of some targets as of a date: the targets in the order a review lists
    them, the count per verdict and the count of binding targets per verdict (both in the
    order of ``VERDICT_ORDER``, only those that occur)."""

    evaluations: tuple[Evaluation, ...]
    summary: dict[Verdict, int]
    binding: dict[Verdict, int]


def review(evaluations: Iterable[Evaluation]) -> Review:
    """The plan review of SPEC 4.7 and 5.5: lagging targets first, then as expected, ahead,
    achieved early and the others; within a verdict, the furthest behind the path first
    (progress minus expected), then as listed."""
    chosen = tuple(evaluations)
    rank = {verdict: index for index, verdict in enumerate(VERDICT_ORDER)}
    ordered = sorted(
        enumerate(chosen), key=lambda item: (rank[item[1].verdict], *_behind(item[1]), item[0])
    )
    return Review(
        tuple(evaluation for _, evaluation in ordered),
        _counts(chosen),
        _counts(evaluation for evaluation in chosen if evaluation.target.binding),
    )


def _behind(evaluation: Evaluation) -> tuple[bool, float]:
    """Progress minus expected, unknown ones last."""
    progress, expected = evaluation.progress_pct, evaluation.expected_pct
    if progress is None or expected is None:
        return (True, 0.0)
    return (False, progress - expected)


def _counts(evaluations: Iterable[Evaluation]) -> dict[Verdict, int]:
    counts = Counter(evaluation.verdict for evaluation in evaluations)
    return {verdict: counts[verdict] for verdict in VERDICT_ORDER if counts[verdict]}


def headline_counts(summary: dict[Verdict, int]) -> list[tuple[Verdict, int]]:
    """The verdicts of a headline in the order an official review reads them: achieved early,
    faster than expected, basically as expected, lagging, then the others."""
    return [(verdict, summary[verdict]) for verdict in Verdict if verdict in summary]


def binding_lagging(review_: Review) -> int:
    """The headline's binding count: of the lagging targets (SPEC 5.5)."""
    return review_.binding.get(Verdict.LAGGING, 0)
