"""What changed between two evaluations of the same targets, for add-actual's report and for
``diff``: the statuses and points of the targets, the value used for a figure, and whether
a target got worse."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass

from iptarget.core.dataset import Dataset, Key, Metric, Policy, Target, Value
from iptarget.core.evaluate import Evaluation, Point, evaluate_target
from iptarget.core.links import growth_metrics, inputs_of
from iptarget.core.status import STATUS_FACTS, Status
from iptarget.core.values import Values


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A target's status before and after a change to the data (the same when unchanged),
    and the points of its evaluation that moved: ``moves`` holds (what, before, after) for
    the target value, the start and the latest point when they are not what they were."""

    target: str
    before: Status | None  # None: the target is not there before the change
    after: Status | None  # None: the target is not there after it
    metric: Metric | None = None
    moves: tuple[tuple[str, Point | None, Point | None], ...] = ()

    @property
    def changed(self) -> bool:
        """Whether the status is not what it was."""
        return self.before is not self.after

    @property
    def worse(self) -> bool:
        """Whether the target got worse (SPEC 9): later in the order of statuses, or newly
        missed or unreported; a target that is gone never got worse."""
        return worse(self.before, self.after)


def worse(before: Status | None, after: Status | None) -> bool:
    """Whether going from ``before`` to ``after`` is worse (None: not there): later in the
    order of statuses (SPEC 9), newly missed or unreported, or missed once unreported."""
    if after is None:
        return False
    new = STATUS_FACTS[after]
    old = None if before is None else STATUS_FACTS[before]
    if new.failing and (old is None or not old.failing):
        return True
    if before is Status.UNREPORTED and after is Status.MISSED:
        return True  # the figure came, and it missed: the change a reviewer must see
    if old is None or old.order is None or new.order is None:
        return False
    return new.order > old.order


def compare(target: str, was: Evaluation | None, now: Evaluation | None) -> StatusChange:
    """One target before and after a change, either side perhaps absent."""
    if was is not None and now is not None:
        return StatusChange(target, was.status, now.status, now.metric, moves(was, now))
    present = now if now is not None else was
    return StatusChange(
        target,
        None if was is None else was.status,
        None if now is None else now.status,
        None if present is None else present.metric,
    )


def moves(was: Evaluation, now: Evaluation) -> tuple[tuple[str, Point | None, Point | None], ...]:
    """The target value, start and latest point of an evaluation that a change moved."""

    def target_point(evaluation: Evaluation) -> Point | None:
        value = evaluation.target_value
        return None if value is None else Point(evaluation.target.deadline, value)

    found = []
    for name, pick in (
        ("target value", target_point),
        ("start", lambda evaluation: evaluation.start),
        ("latest", lambda evaluation: evaluation.latest),
    ):
        before, after = pick(was), pick(now)
        if _seen(before) != _seen(after):
            found.append((name, before, after))
    return tuple(found)


def _seen(point: Point | None) -> tuple[object, ...] | None:
    """What a point shows: period, value, derived and flag; not the date of its vintage, so
    that dating a figure, or a revision to the same value, moves nothing."""
    return None if point is None else (point.period, point.value, point.derived, point.flag)


@dataclass(frozen=True, slots=True)
class Revision:
    """The value used as of a date for (metric, region, period) before and after a change
    to its recorded vintages (SPEC 5.1), and the vintage the change added, if any."""

    before: Value | None
    after: Value | None
    added: Value | None = None

    @property
    def changed(self) -> bool:
        """Whether the value used is not the one it was (value, vintage or derivation)."""
        return self.before != self.after

    @property
    def earlier(self) -> bool:
        """Whether the change added a vintage that is not the one used: an earlier one."""
        return self.added is not None and self.after is not None and self.added != self.after

    @property
    def change_pct(self) -> float | None:
        """How far the value used moved, in percent of the old one (None: no old one, or 0)."""
        if self.before is None or self.after is None or self.before.value == 0:
            return None
        return (self.after.value / self.before.value - 1) * 100


def revision(
    before: Dataset,
    after: Dataset,
    figure: tuple[str, str, Value | None, Value | None],
    as_of: datetime.date,
) -> Revision:
    """What the value used for a figure was and is, as of a date: (metric, region, the vintage
    added or None, the vintage removed or None)."""
    metric, region, added, removed = figure
    changed = added or removed
    assert changed is not None
    period = changed.period
    was = Values(before, as_of).get(metric, region, period)
    now = Values(after, as_of).get(metric, region, period)
    return Revision(was, now, added)


def touched(dataset: Dataset, keys: Collection[Key]) -> list[tuple[Policy, Target]]:
    """The targets whose values figures of these (metric, region) may change: through ratios
    and shares, growth, a group's sum and back-growth (SPEC 3.2)."""
    growth = growth_metrics(dataset.metrics)
    return [
        (policy, target)
        for policy, target in dataset.targets()
        if not inputs_of(dataset, target.metric, target.region, growth).isdisjoint(keys)
    ]


def status_changes(
    before: Dataset, after: Dataset, keys: Collection[Key], as_of: datetime.date
) -> list[StatusChange]:
    """The status of each target that figures of these (metric, region) touch, before and
    after they changed."""
    before_values, after_values = Values(before, as_of), Values(after, as_of)
    changes = []
    for policy, target in touched(after, keys):
        was = evaluate_target(before_values, before, policy, target)
        now = evaluate_target(after_values, after, policy, target)
        changes.append(compare(target.id, was, now))
    return changes
