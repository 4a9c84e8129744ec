"""Which targets fail ``iptarget check`` (SPEC 5, 5.2), which are acknowledged, which warn."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence
from typing import NamedTuple

from iptarget.core.evaluate import Evaluation
from iptarget.core.status import STATUS_FACTS, Status, Verdict


class Failure(NamedTuple):
    """A target that fails ``check``; ``days_late`` counts days since an unreported deadline."""

    evaluation: Evaluation
    days_late: int | None = None


class CheckResult(NamedTuple):
    """What ``check`` finds among the targets it judges.

    ``failing`` fail the check; ``acknowledged`` would fail but their people know why;
    ``needless`` are acknowledged although they would not fail (the acknowledgement can go);
    ``warned`` deserve a warning in CI without failing it.
    """

    evaluations: tuple[Evaluation, ...]
    failing: tuple[Failure, ...]
    acknowledged: tuple[Failure, ...]
    needless: tuple[Evaluation, ...]
    warned: tuple[Evaluation, ...]


def days_late(evaluation: Evaluation, as_of: datetime.date) -> int:
    """Days since the target's deadline period ended (negative before it ends)."""
    return (as_of - evaluation.target.deadline.end).days


def overdue(evaluation: Evaluation, as_of: datetime.date, grace_days: int) -> bool:
    """Whether an unreported target is past its grace period, so that ``check`` fails on it."""
    return evaluation.status is Status.UNREPORTED and days_late(evaluation, as_of) > grace_days


def failure(
    evaluation: Evaluation,
    as_of: datetime.date,
    grace_days: int,
    fail_on: Collection[Status] = (),
    fail_on_verdict: Collection[Verdict] = (),
) -> Failure | None:
    """Why ``check`` fails a target: missed; unreported past the grace; a status in
    ``fail_on``, or a verdict in ``fail_on_verdict`` (an office that gates on the plan review
    fails on lagging)."""
    failing = evaluation.status in fail_on or evaluation.verdict in fail_on_verdict
    if evaluation.status is Status.MISSED or failing:
        return Failure(evaluation)
    if overdue(evaluation, as_of, grace_days):
        return Failure(evaluation, days_late(evaluation, as_of))
    return None


def judge(
    evaluations: Sequence[Evaluation],
    as_of: datetime.date,
    grace_days: int,
    fail_on: Collection[Status] = (),
    fail_on_verdict: Collection[Verdict] = (),
) -> CheckResult:
    """The check of some targets: failing, acknowledged, needlessly acknowledged, warned."""
    failing: list[Failure] = []
    acknowledged: list[Failure] = []
    needless: list[Evaluation] = []
    warned: list[Evaluation] = []
    for evaluation in evaluations:
        found = failure(evaluation, as_of, grace_days, fail_on, fail_on_verdict)
        if found is not None:
            (acknowledged if evaluation.acknowledged else failing).append(found)
            continue
        if evaluation.acknowledged:
            needless.append(evaluation)
        if STATUS_FACTS[evaluation.status].warns or (
            evaluation.status is Status.NO_BASELINE and days_late(evaluation, as_of) > 0
        ):
            warned.append(evaluation)
    return CheckResult(
        tuple(evaluations), tuple(failing), tuple(acknowledged), tuple(needless), tuple(warned)
    )
