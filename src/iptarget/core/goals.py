"""The goal kinds of SPEC 1, each with its facts, and the target value V each gives.

A target has exactly one goal key; the file's key is the member's value. How a goal reads in
words lives in ``render.goal_words``; ``tests/test_registries.py`` walks every kind through
every table.
"""

from __future__ import annotations

import enum
from typing import NamedTuple, assert_never

from iptarget.core.formulas import Direction, grow


class Goal(enum.StrEnum):
    """The goal keys of a target (SPEC 1), in the order the spec lists them."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    FACTOR = "factor"
    INCREASE = "increase"
    INCREASE_PCT = "increase_pct"
    DECREASE = "decrease"
    DECREASE_PCT = "decrease_pct"
    ANNUAL_GROWTH_PCT = "annual_growth_pct"
    TOTAL_AT_LEAST = "total_at_least"  # (v3) a total over the plan's periods (4.5)
    RANK_AT_MOST = "rank_at_most"  # (v3) a rank among regions, 1 the best (4.6)


class GoalFacts(NamedTuple):
    """What the core knows about a goal kind: whether it is relative to a baseline value B
    (then it needs ``baseline``, and ``start`` is not allowed), and whether its amount is a
    level of the metric (checked against the metric's bounds) rather than a factor or a
    percentage."""

    relative: bool
    level: bool


GOAL_FACTS: dict[Goal, GoalFacts] = {
    Goal.AT_LEAST: GoalFacts(relative=False, level=True),
    Goal.AT_MOST: GoalFacts(relative=False, level=True),
    Goal.FACTOR: GoalFacts(relative=True, level=False),
    Goal.INCREASE: GoalFacts(relative=True, level=False),
    Goal.INCREASE_PCT: GoalFacts(relative=True, level=False),
    Goal.DECREASE: GoalFacts(relative=True, level=False),
    Goal.DECREASE_PCT: GoalFacts(relative=True, level=False),
    Goal.ANNUAL_GROWTH_PCT: GoalFacts(relative=True, level=False),
    Goal.TOTAL_AT_LEAST: GoalFacts(relative=False, level=False),  # a sum: no bounds
    Goal.RANK_AT_MOST: GoalFacts(relative=False, level=False),  # a rank: no bounds
}
#: The goal keys as they are written in a policy file.
GOAL_KEYS: tuple[str, ...] = tuple(goal.value for goal in Goal)


def goal_value(
    goal: Goal, amount: float, base: float | None, years: float
) -> tuple[float | None, Direction]:
    """The target value V (None when a relative goal's baseline value is unknown) and the
    direction (SPEC 1); ``years`` is the time from the baseline to the deadline."""
    match goal:
        case Goal.AT_LEAST | Goal.TOTAL_AT_LEAST:  # a total: X over the periods from ``from``
            return amount, "up"
        case Goal.AT_MOST | Goal.RANK_AT_MOST:  # a rank: N, and rank 1 is the best
            return amount, "down"
        case Goal.FACTOR:
            return _times(base, amount), "up" if amount >= 1 else "down"
        case Goal.INCREASE:
            return None if base is None else base + amount, "up"
        case Goal.INCREASE_PCT:
            return _times(base, 1 + amount / 100), "up"
        case Goal.DECREASE:
            return None if base is None else base - amount, "down"
        case Goal.DECREASE_PCT:
            return _times(base, 1 - amount / 100), "down"
        case Goal.ANNUAL_GROWTH_PCT:  # B × (1 + G/100)^t(baseline, deadline)
            value = None if base is None else grow(base, amount / 100, years, compound=True)
            return value, "up" if amount >= 0 else "down"
        case _:
            assert_never(goal)


def _times(base: float | None, factor: float) -> float | None:
    return None if base is None else base * factor
