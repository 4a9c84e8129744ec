"""What changed between two evaluations of the same targets (add-actual's report)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from iptarget.core.dataset import Dataset, Policy, Target
from iptarget.core.evaluate import evaluate_target
from iptarget.core.links import growth_metrics, inputs_of
from iptarget.core.status import Status
from iptarget.core.values import Values


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A target's status before and after a change to the data (the same when unchanged)."""

    target: str
    before: Status
    after: Status

    @property
    def changed(self) -> bool:
        """Whether the status is not what it was."""
        return self.before is not self.after


def touched(dataset: Dataset, metric: str, region: str) -> list[tuple[Policy, Target]]:
    """The targets whose values a figure of (metric, region) may change: through ratios and
    shares, growth, a group's sum and back-growth (SPEC 3.2)."""
    growth = growth_metrics(dataset.metrics)
    return [
        (policy, target)
        for policy, target in dataset.targets()
        if (metric, region) in inputs_of(dataset, target.metric, target.region, growth)
    ]


def status_changes(
    before: Dataset, after: Dataset, metric: str, region: str, as_of: datetime.date
) -> list[StatusChange]:
    """The status of each target a figure of (metric, region) touches, before and after it."""
    before_values, after_values = Values(before, as_of), Values(after, as_of)
    changes = []
    for policy, target in touched(after, metric, region):
        was = evaluate_target(before_values, before, policy, target).status
        now = evaluate_target(after_values, after, policy, target).status
        changes.append(StatusChange(target.id, was, now))
    return changes
