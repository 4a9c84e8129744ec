"""The rules across files (SPEC 1): references known, no cycles, ids unique, values in bounds.

Plain functions that return every problem they find, in the order the files are read.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from iptarget.core.dataset import Metric, Policy, Region, Target
from iptarget.core.goals import GOAL_FACTS, Goal
from iptarget.core.graphs import (
    MAX_CHAIN,
    group_depths,
    member_repeats,
    parent_cycles,
    ratio_chains,
    too_deep,
)
from iptarget.core.links import rank_problems, year_to_date_refused
from iptarget.errors import Kind, Problem, Subject, Text, text
from iptarget.models.entries import ActualEntry
from iptarget.periods import Period
from iptarget.store.messages import actual_subject
from iptarget.texts import files, rules
from iptarget.texts.rules import unknown
from iptarget.texts.template import Template
from iptarget.texts.words import KIND_METRIC, KIND_REGION


class Known(NamedTuple):
    """The ids that references of one kind may name.

    One bad definition gets one message: an entry that failed its own checks is reported
    where it is defined, and what names it is told so; a file that is missing, broken or
    empty is reported once, and what names its entries is not reported again.
    """

    kind: str
    ids: Mapping[str, object]
    invalid: frozenset[str] = frozenset()
    failed: bool = False

    def problem(self, name: str) -> Text | None:
        """What is wrong with a reference to ``name``, or None."""
        if name in self.ids or self.failed:
            return None
        word: Template = KIND_METRIC if self.kind == "metric" else KIND_REGION
        if name in self.invalid:
            return text(rules.INVALID_REF, kind=text(word), name=name)
        return unknown(name, self.ids, word)


Found = list[tuple[str | None, Text]]
"""What is wrong with one entry: (the field at fault or None, what is wrong)."""


def _problems(display: str, subject: Subject, found: Found) -> list[Problem]:
    """One entry's problems, each at its field."""
    return [
        Problem(display, said, subject if field is None else subject.at(field))
        for field, said in found
    ]


def metric_problems(
    display: str, metrics: Mapping[str, Metric], names: tuple[Known, Known]
) -> list[Problem]:
    """References to unknown metrics or regions, growth of a growth metric, and metrics
    computed from each other in a cycle (through numerator, denominator and growth_of)."""
    problems = []
    coded: dict[object, str] = {}
    for metric_id, metric in metrics.items():
        found = _code_issues(
            metric_id, metric.code, metrics, coded, rules.METRIC_CODE_IS_ID, rules.METRIC_CODE_TWICE
        )
        for field in ("numerator", "denominator", "growth_of"):
            part = getattr(metric, field)
            if part is not None and (said := names[0].problem(part)):
                found.append((field, said))
        grown = metrics.get(metric.growth_of or "")
        if grown is not None and grown.growth_of is not None and grown.id != metric_id:
            found.append(("growth_of", text(rules.GROWTH_OF_GROWTH, metric=grown.id)))
        region = metric.denominator_region
        if region is not None and region != "parent" and (said := names[1].problem(region)):
            found.append(("denominator_region", text(rules.OR_PARENT, message=said)))
        problems += _problems(display, Subject(Kind.METRIC, (metric_id,)), found)
    cycles, depths = ratio_chains(metrics)
    for cycle in cycles:
        subject = Subject(Kind.METRIC, (cycle[0],))
        problems.append(
            Problem(display, text(rules.METRIC_CYCLE, path=" -> ".join(cycle)), subject)
        )
    for metric_id in too_deep(depths, {key: metric.parts for key, metric in metrics.items()}):
        said = text(rules.METRIC_TOO_DEEP, depth=depths[metric_id], limit=MAX_CHAIN)
        problems.append(Problem(display, said, Subject(Kind.METRIC, (metric_id,))))
    return problems


def region_problems(display: str, regions: Mapping[str, Region], known: Known) -> list[Problem]:
    """Unknown parents and members, regions that are each other's parents, and groups that
    count a region twice or contain themselves."""
    problems = []
    depths = group_depths(regions)
    deep = too_deep(depths, {key: region.members for key, region in regions.items()})
    for group in deep:
        said = text(rules.GROUP_TOO_DEEP, depth=depths[group], limit=MAX_CHAIN)
        problems.append(Problem(display, said, Subject(Kind.REGION, (group,), field="members")))
    beyond = {group for group, depth in depths.items() if depth > MAX_CHAIN}
    for path in member_repeats(regions, beyond):
        shown = " → ".join(path)
        said = (
            text(rules.GROUP_ITSELF, path=shown)
            if path[-1] == path[0]
            else text(rules.GROUP_TWICE, path=shown, region=path[-1])
        )
        problems.append(Problem(display, said, Subject(Kind.REGION, (path[0],), field="members")))
    cycles = parent_cycles(regions)
    taken: dict[object, str] = {}
    for region_id, region in regions.items():
        found = _taken_issues(region, regions, taken)
        if region.id == "parent":
            found.append((None, text(rules.PARENT_ID)))
        found += [("members", bad) for member in region.members if (bad := known.problem(member))]
        if region.parent is not None and region.parent not in regions:
            if unknown_parent := known.problem(region.parent):
                found.append(("parent", unknown_parent))
        elif region_id in cycles:
            cycle = " -> ".join(cycles[region_id])
            found.append(("parent", text(rules.PARENT_CYCLE, path=cycle)))
        problems += _problems(display, Subject(Kind.REGION, (region_id,)), found)
    return problems


def _taken_issues(region: Region, regions: Mapping[str, Region], taken: dict[object, str]) -> Found:
    """Codes that are another region's id or code, a tile another region has (``taken``)."""
    found = _code_issues(region.id, region.code, regions, taken, rules.CODE_IS_ID, rules.CODE_TWICE)
    if (tile := region.tile) is not None and taken.setdefault(tile, region.id) != region.id:
        said = text(rules.TILE_TWICE, column=tile[0], row=tile[1], other=taken[tile])
        found.append(("tile", said))
    return found


def _code_issues(
    own: str,
    codes: Sequence[str],
    ids: Mapping[str, object],
    taken: dict[object, str],
    is_id: Template,
    twice: Template,
) -> Found:
    """Codes that are the id of another entry of their kind (``ids``), or another's code
    (``taken`` holds the entry of each code seen so far)."""
    found: Found = []
    for code in codes:
        if code in ids and code != own:
            found.append(("code", text(is_id, code=code)))
        elif taken.setdefault(code, own) != own:
            found.append(("code", text(twice, code=code, other=taken[code])))
    return found


def target_problems(
    policies: Sequence[Policy],
    own_regions: Sequence[Sequence[str | None]],
    metrics: Mapping[str, Metric],
    names: tuple[Known, Known],
) -> list[Problem]:
    """Ids used twice, unknown metrics and regions, goals outside the metric's bounds.

    ``own_regions`` holds, for each policy's targets, the region the target names itself
    (None when it takes its policy's).
    """
    problems = []
    first_seen: dict[str, str] = {}
    for policy, owns in zip(policies, own_regions, strict=True):
        if policy.region is not None and (said := names[1].problem(policy.region)):
            problems.append(Problem(policy.path, said, Subject(Kind.POLICY, field="region")))
        for target, own in zip(policy.targets, owns, strict=True):
            found: Found = []
            if target.id in first_seen:
                found.append(("id", text(rules.ID_TWICE, path=first_seen[target.id])))
            else:
                first_seen[target.id] = policy.path
            found += _target_references(target, own, policy, metrics, names)
            problems += _problems(policy.path, Subject(Kind.TARGET, (target.id,)), found)
    return problems


def _target_references(
    target: Target,
    own: str | None,
    policy: Policy,
    metrics: Mapping[str, Metric],
    names: tuple[Known, Known],
) -> Found:
    """What is wrong with what a target names: its metric, its region, its goal's bounds."""
    found: Found = []
    if said := names[0].problem(target.metric):
        found.append(("metric", said))
    if own is None and policy.region is None:
        found.append(("region", text(rules.REGION_REQUIRED)))
    elif own is not None and (said := names[1].problem(own)):
        found.append(("region", said))
    metric = metrics.get(target.metric)
    if metric is not None:
        if target.goal is Goal.TOTAL_AT_LEAST and metric.measure != "flow":
            found.append(("metric", text(files.TOTAL_OF_FLOW, metric=metric.id)))
        if target.among is not None:  # a rank: its region among those ranked
            regions = {
                key: place for key, place in names[1].ids.items() if isinstance(place, Region)
            }
            found += rank_problems(target, regions, names[1].problem)
        amounts: list[tuple[str, float | None]] = [("baseline_value", target.baseline_value)]
        if GOAL_FACTS[target.goal].level:
            amounts.insert(0, (target.goal.value, target.amount))
        for field, amount in amounts:
            reason = None if amount is None else metric.out_of_bounds(amount)
            if reason:
                found.append((field, reason))
    return found


def actual_problems(
    actuals: Sequence[tuple[str, ActualEntry]],
    metrics: Mapping[str, Metric],
    names: tuple[Known, Known],
    today: datetime.date,
) -> list[Problem]:
    """Each actual's problems, figure by figure: to name what the quick check found."""
    problems: list[Problem] = []
    first_seen: dict[tuple[str, str, Period, datetime.date | None], str] = {}
    for display, actual in actuals:
        found: Found = []
        key = (actual.metric, actual.region, actual.period, actual.published)
        if key in first_seen:
            place: object = first_seen[key]
            if place == display:
                place = text(rules.THIS_FILE)
            if actual.published is None:
                found.append((None, text(rules.TWICE, place=place)))
            else:
                found.append(
                    ("published", text(rules.VINTAGE_TWICE, date=actual.published, place=place))
                )
        else:
            first_seen[key] = display
        if said := published_problem(actual.period, actual.published, today):
            found.append(("published", said))
        found += _figure_of_metric(actual, metrics, names[0])
        if said := names[1].problem(actual.region):
            found.append(("region", said))
        subject = actual_subject(actual.metric, actual.region, actual.period)
        problems += _problems(display, subject, found)
    return problems


def _figure_of_metric(actual: ActualEntry, metrics: Mapping[str, Metric], known: Known) -> Found:
    """An unknown metric, a value out of its bounds, a year to date of a metric no flow."""
    metric = metrics.get(actual.metric)
    if metric is None:
        return [("metric", said)] if (said := known.problem(actual.metric)) else []
    found: Found = [("value", why)] if (why := metric.out_of_bounds(actual.value)) else []
    spans = year_to_date_refused(metrics, actual.metric, actual.period)
    return found + ([("period", spans)] if spans else [])


def published_problem(
    period: Period, published: datetime.date | None, today: datetime.date
) -> Text | None:
    """What is wrong with a figure's publication date (SPEC 5.2), or None."""
    if published is None:
        return None
    if published > today:
        return text(rules.PUBLISHED_LATER, published=published, today=today)
    if published < period.start:
        return text(rules.PUBLISHED_EARLY, published=published, period=period, start=period.start)
    return None
