"""A goal in words, one whole sentence per goal kind, so that each language puts the
deadline, the baseline and the amounts where it says them: "at least 2 × the 2014 value
(1,234) = 2,468 by 2020", "2020年达到2014年（1,234件）的2倍，即不低于2,468件"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import assert_never

from iptarget.core.dataset import Region
from iptarget.core.evaluate import Evaluation
from iptarget.core.goals import Goal
from iptarget.i18n import NP_, _, pgettext
from iptarget.render.numbers import number, region_name
from iptarget.render.words import period_words


def comparison(evaluation: Evaluation) -> tuple[str, str]:
    """How the target value is compared ("at least" / 不低于) and how a multiple is reached
    ("at least" / 达到), by direction and strictness."""
    key = _COMPARISONS[evaluation.direction, evaluation.target.strict]
    return pgettext("comparison", key), pgettext("reach", key)


#: The comparison of each direction, not strict and strict.
_COMPARISONS = {
    ("up", False): NP_("comparison", "at least"),
    ("up", True): NP_("comparison", "more than"),
    ("down", False): NP_("comparison", "at most"),
    ("down", True): NP_("comparison", "less than"),
}
#: How a multiple of the baseline is reached, in the same words (``pgettext("reach", …)``).
_REACH = (
    NP_("reach", "at least"),
    NP_("reach", "more than"),
    NP_("reach", "at most"),
    NP_("reach", "less than"),
)


def goal_template(goal: Goal) -> str:
    """The sentence of one goal kind, in the interface's language."""
    match goal:
        case Goal.AT_LEAST | Goal.AT_MOST:
            return _("{comparison} {value} by {deadline}")
        case Goal.FACTOR:
            return _("{comparison} {amount} × the {period} value ({base}) = {value} by {deadline}")
        case Goal.INCREASE:
            return _("{comparison} the {period} value ({base}) + {amount} = {value} by {deadline}")
        case Goal.INCREASE_PCT:
            return _("{comparison} the {period} value ({base}) + {amount}% = {value} by {deadline}")
        case Goal.DECREASE:
            return _("{comparison} the {period} value ({base}) − {amount} = {value} by {deadline}")
        case Goal.DECREASE_PCT:
            return _("{comparison} the {period} value ({base}) − {amount}% = {value} by {deadline}")
        case Goal.ANNUAL_GROWTH_PCT:
            return _(
                "{comparison} the {period} value ({base}) grown {amount}% a year = {value} by "
                "{deadline}"
            )
        case Goal.TOTAL_AT_LEAST:
            return _("a total of {comparison} {value} from {first} to {deadline}")
        case Goal.RANK_AT_MOST:
            return _("in the top {amount} of {among} by {deadline}")
        case _:
            assert_never(goal)


def goal_words(evaluation: Evaluation, regions: Mapping[str, Region] | None = None) -> str:
    """The goal in plain words: ``at least 2 × the 2014 value (1,234) = 2,468 by 2020``; a
    rank's regions by the name of ``among`` among ``regions``."""
    target, metric = evaluation.target, evaluation.metric
    compared, reach = comparison(evaluation)
    base = evaluation.baseline
    amount = target.amount
    levels = (Goal.INCREASE, Goal.DECREASE)
    shown_amount = number(amount, metric, unit=True) if target.goal in levels else f"{amount:g}"
    value = (
        "?" if evaluation.target_value is None else number(evaluation.target_value, metric, True)
    )
    if target.goal in (Goal.AT_LEAST, Goal.AT_MOST, Goal.TOTAL_AT_LEAST):
        value = number(amount, metric, unit=True)
    known = _("unknown") if base is None or base.value is None else number(base.value, metric, True)
    return goal_template(target.goal).format(
        comparison=compared,
        reach=reach,
        amount=shown_amount,
        period="" if base is None else period_words(base.period),
        base=known,
        value=value,
        deadline=period_words(target.deadline),
        first="" if target.first is None else period_words(target.first),
        among=_among(target.among, regions or {}),
    )


def _among(among: str | None, regions: Mapping[str, Region]) -> str:
    """The region a rank is among, by its name (its id when it has none)."""
    if among is None:
        return ""
    place = regions.get(among)
    return among if place is None else region_name(place)
