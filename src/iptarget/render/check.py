"""``iptarget check``: the failing targets, each with why it fails."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from iptarget.core.check import Failure
from iptarget.core.evaluate import Evaluation
from iptarget.core.status import Status
from iptarget.render.console import console, print_lines
from iptarget.render.numbers import at, number, pace, sign
from iptarget.render.status import summary_line
from iptarget.render.table import Column, Table, terminal_lines

COLUMNS = (Column("target"), Column("policy"), Column("why it fails"))


def failure_reason(failure: Failure) -> str:
    """Why a target fails ``check``, with its numbers."""
    evaluation = failure.evaluation
    metric, deadline = evaluation.metric, evaluation.target.deadline
    goal = f"{sign(evaluation)} {number(evaluation.target_value, metric, unit=True)}"
    if evaluation.status is Status.MISSED and evaluation.latest is not None:
        value = number(evaluation.latest.value, metric, unit=True)
        return f"missed: {value} in {deadline}, against {goal}"
    if failure.days_late is not None:
        return f"unreported: no figure for {deadline}, {failure.days_late} days after it ended"
    latest = at(evaluation.latest, metric)
    return (
        f"{evaluation.status.value}: latest {latest}, pace {pace(evaluation.pace)}, "
        f"needs {goal} by {deadline}"
    )


def print_check(
    evaluations: Sequence[Evaluation], failing: Sequence[Failure], as_of: datetime.date
) -> None:
    """The failing targets with their reasons, then one summary line."""
    out = console()
    if failing:
        rows = [
            [failure.evaluation.target.id, failure.evaluation.policy.file, failure_reason(failure)]
            for failure in failing
        ]
        print_lines(out, terminal_lines(Table(COLUMNS, rows), terminal=out.is_terminal))
        noun = "target" if len(evaluations) == 1 else "targets"
        verb = "fails" if len(failing) == 1 else "fail"
        line = f"{len(failing)} of {len(evaluations)} {noun} {verb} as of {as_of}"
    else:
        line = f"{summary_line(evaluations, as_of)}; none fails"
    out.print(line, soft_wrap=True)
