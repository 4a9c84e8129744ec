"""``iptarget check``: the failing targets, each with why it fails."""

from __future__ import annotations

import datetime

from iptarget.core.check import CheckResult, Failure
from iptarget.core.evaluate import Evaluation
from iptarget.core.status import Status
from iptarget.i18n import _, language, status_word
from iptarget.render.console import console, print_lines, say
from iptarget.render.escape import clean
from iptarget.render.numbers import at, number, pace, sign
from iptarget.render.status import summary_line
from iptarget.render.table import Column, Table, fitted_lines

COLUMNS = (Column("target"), Column("policy"), Column("why it fails"))
FOLDED = (Column("target"), Column("why it fails"))
ACKNOWLEDGED = (Column("target"), Column("acknowledged"), Column("would fail as"))


def failure_reason(failure: Failure) -> str:
    """Why a target fails ``check``, with its numbers."""
    evaluation = failure.evaluation
    metric, deadline = evaluation.metric, evaluation.target.deadline
    goal = f"{sign(evaluation)} {number(evaluation.target_value, metric, unit=True)}"
    if evaluation.status is Status.MISSED and evaluation.latest is not None:
        value = number(evaluation.latest.value, metric, unit=True)
        flag = evaluation.latest.flag
        value += f" ({_flag(flag)})" if flag else ""
        return _("{status}: {value} in {deadline}, against {goal}").format(
            status=status_word("missed"), value=value, deadline=deadline, goal=goal
        )
    if failure.days_late is not None:
        return _("{status}: no figure for {deadline}, {days} days after it ended").format(
            status=status_word("unreported"), deadline=deadline, days=failure.days_late
        )
    return _behind(evaluation, goal)


def _flag(flag: str) -> str:
    return _("provisional") if flag == "p" else _("estimated")


def _behind(evaluation: Evaluation, goal: str) -> str:
    """A target behind its path: its latest point (with its flag spelt out) and pace."""
    latest = at(evaluation.latest, evaluation.metric)
    flag = evaluation.latest.flag if evaluation.latest else None
    latest += f", {_flag(flag)}" if flag else ""
    return _("{status}: latest {latest}, pace {pace}, needs {goal} by {deadline}").format(
        status=status_word(evaluation.status.value),
        latest=latest,
        pace=pace(evaluation.pace),
        goal=goal,
        deadline=evaluation.target.deadline,
    )


def warning_reason(evaluation: Evaluation) -> str:
    """Why a target gets a warning in CI, with its numbers."""
    metric, deadline = evaluation.metric, evaluation.target.deadline
    if evaluation.status is Status.UNREPORTED:
        return _("{status}: no figure for {deadline} yet").format(
            status=status_word("unreported"), deadline=deadline
        )
    if evaluation.status is Status.NO_BASELINE:
        return _("{status}: no value for the baseline, and {deadline} has passed").format(
            status=status_word("no_baseline"), deadline=deadline
        )
    goal = f"{sign(evaluation)} {number(evaluation.target_value, metric, unit=True)}"
    return _behind(evaluation, goal)


def print_check(found: CheckResult, as_of: datetime.date) -> None:
    """The failing targets with their reasons, the acknowledged ones, then one summary line."""
    out = console()
    evaluations, failing = found.evaluations, found.failing
    if failing:
        rows = [
            [item.evaluation.target.id, clean(item.evaluation.policy.file), failure_reason(item)]
            for item in failing
        ]
        folded = Table(FOLDED, [[f"{row[0]}\n  {row[1]}", row[2]] for row in rows], flexible=1)
        wide = Table(COLUMNS, rows, flexible=2)
        print_lines(out, fitted_lines(wide, out.is_terminal, out.width, [folded]))
    if found.acknowledged:
        if failing:
            say(out, "")
        say(out, _("acknowledged, so not failing:"))
        rows = [
            [item.evaluation.target.id, item.evaluation.target.acknowledged or "", reason]
            for item, reason in ((item, failure_reason(item)) for item in found.acknowledged)
        ]
        table = Table(ACKNOWLEDGED, rows, flexible=2)
        print_lines(out, fitted_lines(table, out.is_terminal, out.width))
    for evaluation in found.needless:
        message = _(
            "{id}: acknowledged, but it does not fail ({status}); the acknowledgement can be "
            "removed"
        )
        say(out, message.format(id=evaluation.target.id, status=status_word(evaluation.status)))
    if failing and language() == "zh":
        line = f"截至 {as_of}，{len(evaluations)} 个目标中 {len(failing)} 个未通过检查"
    elif failing:
        noun = "target" if len(evaluations) == 1 else "targets"
        verb = "fails" if len(failing) == 1 else "fail"
        line = f"{len(failing)} of {len(evaluations)} {noun} {verb} as of {as_of}"
    else:
        line = summary_line(evaluations, as_of) + _("; none fails")
    if found.acknowledged:
        line += _("; {count} acknowledged").format(count=len(found.acknowledged))
    say(out, line)
