"""``iptarget diff`` (SPEC 9): two sides of a change evaluated at one date, and what the
edits between them did to the verdicts. Every target is compared as add-actual compares one
(``core.compare``); the causes of a change are the edits to what its evaluation read."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields

from iptarget.core.check import failure
from iptarget.core.compare import StatusChange, compare
from iptarget.core.dataset import Dataset, Key, Metric, Policy, Region, Target, Value
from iptarget.core.evaluate import Evaluation, evaluate
from iptarget.core.links import growth_metrics, inputs_of
from iptarget.core.status import GRACE_DAYS, Status
from iptarget.core.values import Vintage
from iptarget.periods import Period

#: The keys of a target that its evaluation reads, besides its goal (its titles and
#: acknowledgement it does not read).
TARGET_KEYS = tuple(
    field.name
    for field in fields(Target)
    if field.name not in ("id", "acknowledged", "acknowledged_on", "goal", "amount")
    and not field.metadata
)
#: The keys of a metric that its values depend on: not those that only say how it is shown.
METRIC_KEYS = tuple(
    field.name for field in fields(Metric) if field.name != "id" and not field.metadata
)


@dataclass(frozen=True, slots=True)
class FigureEdit:
    """One vintage of a figure added (``before`` None), revised or removed (``after`` None)."""

    metric: str
    region: str
    period: Period
    published: datetime.date | None
    before: Value | None
    after: Value | None


@dataclass(frozen=True, slots=True)
class KeyEdit:
    """A key of a target, metric, region or policy that an edit changed (SPEC 9 causes)."""

    kind: str  # "target", "metric", "region" or "policy"
    id: str
    key: str
    before: object
    after: object


Cause = FigureEdit | KeyEdit


@dataclass(frozen=True, slots=True)
class AcknowledgementEdit:
    """A target's acknowledgement (in force as of the diff's date) added (``before`` None),
    reworded, or removed (``after`` None), and whether ``check`` would fail on the target
    without one (with the default grace)."""

    target: str
    before: str | None
    after: str | None
    fails: bool


@dataclass(frozen=True, slots=True)
class TargetDiff:
    """One target whose status or points changed, or that was added or removed."""

    change: StatusChange
    title: str
    causes: tuple[Cause, ...]


@dataclass(frozen=True, slots=True)
class Diff:
    """Everything ``diff`` reports, in SPEC 9's order of sections."""

    as_of: datetime.date
    vintage: str
    targets: tuple[TargetDiff, ...]  # every target whose status or points changed, new or gone
    figures: tuple[FigureEdit, ...]  # every vintage added, revised or removed
    quiet: tuple[FigureEdit, ...]  # the figure edits that changed no target's status
    before: Mapping[str, int]  # targets per status, before
    after: Mapping[str, int]
    # the definitions on both sides, the later one winning, to name what changed
    metrics: Mapping[str, Metric] = field(default_factory=dict)
    regions: Mapping[str, Region] = field(default_factory=dict)
    acknowledgements: tuple[AcknowledgementEdit, ...] = ()

    @property
    def transitions(self) -> list[TargetDiff]:
        """Targets on both sides whose status changed."""
        return [
            item
            for item in self.targets
            if item.change.before is not None
            and item.change.after is not None
            and item.change.changed
        ]

    @property
    def worse(self) -> bool:
        """Whether any target got worse (``--fail-on-worse``)."""
        return any(item.change.worse for item in self.targets)


def diff(
    before: Dataset | None, after: Dataset | None, as_of: datetime.date, vintage: str = "latest"
) -> Diff:
    """The two sides (None: the directory does not exist there) compared at one date."""
    was = _evaluations(before, as_of, vintage)
    now = _evaluations(after, as_of, vintage)
    figures = figure_edits(before, after)
    by_key: dict[Key, list[FigureEdit]] = {}
    for edit in figures:
        by_key.setdefault((edit.metric, edit.region), []).append(edit)
    items = []
    causing: set[FigureEdit] = set()
    for target_id in [*now, *(key for key in was if key not in now)]:
        change = compare(target_id, was.get(target_id), now.get(target_id))
        if not (change.changed or change.moves):
            continue
        shown = now.get(target_id) or was[target_id]
        causes = _causes(before, after, shown.policy, shown.target, by_key)
        if change.changed:
            causing.update(cause for cause in causes if isinstance(cause, FigureEdit))
        items.append(TargetDiff(change, shown.target.title, causes))
    quiet = tuple(edit for edit in figures if edit not in causing)
    sides = [side for side in (before, after) if side is not None]
    return Diff(
        as_of,
        vintage,
        tuple(items),
        figures,
        quiet,
        _counts(was.values()),
        _counts(now.values()),
        {key: value for side in sides for key, value in side.metrics.items()},
        {key: value for side in sides for key, value in side.regions.items()},
        _acknowledgements(was, now, as_of),
    )


def _acknowledgements(
    was: Mapping[str, Evaluation], now: Mapping[str, Evaluation], as_of: datetime.date
) -> tuple[AcknowledgementEdit, ...]:
    """The acknowledgements of the targets on the HEAD side that differ from BASE's (a target
    removed takes its acknowledgement with it, and is reported as removed)."""
    edits = []
    for target_id, evaluation in now.items():
        old = was.get(target_id)
        before = None if old is None else old.acknowledged
        if before != evaluation.acknowledged:
            fails = failure(evaluation, as_of, GRACE_DAYS) is not None
            edits.append(AcknowledgementEdit(target_id, before, evaluation.acknowledged, fails))
    return tuple(edits)


def figure_edits(before: Dataset | None, after: Dataset | None) -> tuple[FigureEdit, ...]:
    """Every vintage whose value or flag differs between the sides, in order of metric,
    region, period and date."""
    edits = []
    old_keys = set(before.recorded) if before else set()
    new_keys = set(after.recorded) if after else set()
    for key in sorted(old_keys | new_keys):
        old_series = before.recorded.get(key, {}) if before else {}
        new_series = after.recorded.get(key, {}) if after else {}
        old_vintages = before.vintages.get(key) if before else None
        new_vintages = after.vintages.get(key) if after else None
        if old_series == new_series and (old_vintages or {}) == (new_vintages or {}):
            continue  # the common case, decided in one comparison of two mappings
        for period in sorted(set(old_series) | set(new_series)):
            old = _by_date(before, key, period) if period in old_series else {}
            new = _by_date(after, key, period) if period in new_series else {}
            for date in sorted(set(old) | set(new), key=lambda day: (day is not None, day)):
                was, now = old.get(date), new.get(date)
                if _figure(was) != _figure(now):
                    edits.append(FigureEdit(*key, period, date, was, now))
    return tuple(edits)


def _by_date(
    dataset: Dataset | None, key: Key, period: Period
) -> dict[datetime.date | None, Value]:
    if dataset is None:
        return {}
    return {value.published: value for value in dataset.vintages_of(*key, period)}


def _figure(value: Value | None) -> tuple[float, str | None] | None:
    """What makes a figure the figure: its value and flag (not its source or note)."""
    return None if value is None else (value.value, value.flag)


def _evaluations(
    dataset: Dataset | None, as_of: datetime.date, vintage: str
) -> dict[str, Evaluation]:
    if dataset is None:
        return {}
    chosen: Vintage = "first" if vintage == "first" else "latest"
    return {evaluation.target.id: evaluation for evaluation in evaluate(dataset, as_of, chosen)}


def _causes(
    before: Dataset | None,
    after: Dataset | None,
    policy: Policy,
    target: Target,
    figures: Mapping[Key, list[FigureEdit]],
) -> tuple[Cause, ...]:
    """The edits between the sides to what the target's evaluation read (SPEC 9)."""
    inputs: set[Key] = set()
    for side in (before, after):
        if side is not None:
            inputs |= inputs_of(side, target.metric, target.region, growth_metrics(side.metrics))
    found: list[Cause] = [edit for key in sorted(inputs) for edit in figures.get(key, ())]
    old = _find(before, target.id)
    new = _find(after, target.id)
    if old is not None and new is not None:
        found += _goal(old[1], new[1])
        found += _keys("target", target.id, old[1], new[1], TARGET_KEYS)
        found += _keys("policy", old[0].stem, old[0], new[0], ("issued", "region", "bands"))
    for metric in sorted({metric for metric, _ in inputs}):
        found += _keys(
            "metric", metric, _get(before, "metrics", metric), _get(after, "metrics", metric),
            METRIC_KEYS,
        )  # fmt: skip
    for region in sorted({region for _, region in inputs}):
        found += _keys(
            "region", region, _get(before, "regions", region), _get(after, "regions", region),
            ("parent", "members"),
        )  # fmt: skip
    return tuple(found)


def _goal(old: Target, new: Target) -> list[KeyEdit]:
    """A goal edited, named by its key as written: ``factor`` 2 → 2.5, or the goal that
    replaced another (``goal``: "factor = 2" → "at_least = 5000")."""
    if old.goal == new.goal:
        same = old.amount == new.amount
        return [] if same else [KeyEdit("target", new.id, new.goal, old.amount, new.amount)]
    before, after = f"{old.goal} = {old.amount:g}", f"{new.goal} = {new.amount:g}"
    return [KeyEdit("target", new.id, "goal", before, after)]


def _find(dataset: Dataset | None, target_id: str) -> tuple[Policy, Target] | None:
    if dataset is None:
        return None
    return next(((p, t) for p, t in dataset.targets() if t.id == target_id), None)


def _get(dataset: Dataset | None, kind: str, key: str) -> object:
    if dataset is None:
        return None
    found: Mapping[str, object] = getattr(dataset, kind)
    return found.get(key)


def _keys(kind: str, name: str, old: object, new: object, keys: Iterable[str]) -> list[KeyEdit]:
    """The keys whose values differ between two versions of one entry (both must exist)."""
    if old is None or new is None:
        return []
    return [
        KeyEdit(kind, name, key, getattr(old, key), getattr(new, key))
        for key in keys
        if getattr(old, key) != getattr(new, key)
    ]


def _counts(evaluations: Iterable[Evaluation]) -> dict[str, int]:
    """Targets per status, in the order of SPEC 4.2, only the statuses that occur."""
    counts = Counter(evaluation.status for evaluation in evaluations)
    return {status.value: counts[status] for status in Status if counts[status]}
