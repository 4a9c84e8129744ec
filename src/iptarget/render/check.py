"""``iptarget check``: the failing targets, each with why it fails."""

from __future__ import annotations

import datetime

from iptarget.core.check import Failure, Verdict
from iptarget.core.dataset import FLAGS
from iptarget.core.evaluate import Evaluation
from iptarget.core.status import Status
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
        value += f" ({FLAGS[flag]})" if flag else ""
        return f"missed: {value} in {deadline}, against {goal}"
    if failure.days_late is not None:
        return f"unreported: no figure for {deadline}, {failure.days_late} days after it ended"
    return _behind(evaluation, goal)


def _behind(evaluation: Evaluation, goal: str) -> str:
    """A target behind its path: its latest point (with its flag spelt out) and pace."""
    latest = at(evaluation.latest, evaluation.metric)
    flag = evaluation.latest.flag if evaluation.latest else None
    latest += f", {FLAGS[flag]}" if flag else ""
    return (
        f"{evaluation.status.value}: latest {latest}, pace {pace(evaluation.pace)}, "
        f"needs {goal} by {evaluation.target.deadline}"
    )


def warning_reason(evaluation: Evaluation) -> str:
    """Why a target gets a warning in CI, with its numbers."""
    metric, deadline = evaluation.metric, evaluation.target.deadline
    if evaluation.status is Status.UNREPORTED:
        return f"unreported: no figure for {deadline} yet"
    if evaluation.status is Status.NO_BASELINE:
        return f"no_baseline: no value for the baseline, and {deadline} has passed"
    goal = f"{sign(evaluation)} {number(evaluation.target_value, metric, unit=True)}"
    return _behind(evaluation, goal)


def print_check(found: Verdict, as_of: datetime.date) -> None:
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
        say(out, "acknowledged, so not failing:")
        rows = [
            [item.evaluation.target.id, item.evaluation.target.acknowledged or "", reason]
            for item, reason in ((item, failure_reason(item)) for item in found.acknowledged)
        ]
        table = Table(ACKNOWLEDGED, rows, flexible=2)
        print_lines(out, fitted_lines(table, out.is_terminal, out.width))
    for evaluation in found.needless:
        say(
            out,
            f"{evaluation.target.id}: acknowledged, but it does not fail "
            f"({evaluation.status.value}); the acknowledgement can be removed",
        )
    if failing:
        noun = "target" if len(evaluations) == 1 else "targets"
        verb = "fails" if len(failing) == 1 else "fail"
        line = f"{len(failing)} of {len(evaluations)} {noun} {verb} as of {as_of}"
    else:
        line = f"{summary_line(evaluations, as_of)}; none fails"
    if found.acknowledged:
        line += f"; {len(found.acknowledged)} acknowledged"
    say(out, line)
