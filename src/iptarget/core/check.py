"""Which targets fail ``iptarget check`` (SPEC 5)."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from iptarget.core.evaluate import Evaluation
from iptarget.core.status import Status


@dataclass(frozen=True, slots=True)
class Failure:
    """A target that fails ``check``; ``days_late`` counts days since an unreported deadline."""

    evaluation: Evaluation
    days_late: int | None = None


def failures(
    evaluations: Sequence[Evaluation],
    as_of: datetime.date,
    grace_days: int,
    fail_on: Collection[Status] = (),
) -> list[Failure]:
    """The targets ``check`` fails: missed; unreported past the grace; any status in ``fail_on``."""
    failing = []
    for evaluation in evaluations:
        days = (as_of - evaluation.target.deadline.end).days
        if evaluation.status is Status.MISSED or evaluation.status in fail_on:
            failing.append(Failure(evaluation))
        elif evaluation.status is Status.UNREPORTED and days > grace_days:
            failing.append(Failure(evaluation, days))
    return failing
