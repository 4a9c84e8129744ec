"""How metrics and regions are linked: what a metric is computed from, what lies below a
region, which regions a name means."""

from __future__ import annotations

from collections.abc import Mapping

from iptarget.core.dataset import Dataset, Key, Metric, Region


def regions_named(regions: Mapping[str, Region], text: str) -> list[str]:
    """The regions a user means by ``text``: the one with that id, else those with that name."""
    if text in regions:
        return [text]
    return [region.id for region in regions.values() if region.name == text]


def regions_under(regions: Mapping[str, Region], root: str) -> set[str]:
    """A region and every region below it through ``parent``, and a group's members and the
    regions below them (SPEC 5.2 ``--region``)."""
    children: dict[str, list[str]] = {}
    for region in regions.values():
        if region.parent is not None:
            children.setdefault(region.parent, []).append(region.id)
        children.setdefault(region.id, []).extend(region.members)
    found, pending = set(), [root]
    while pending:
        current = pending.pop()
        if current not in found:
            found.add(current)
            pending.extend(children.get(current, []))
    return found


def denominator_region(metric: Metric, region: str, regions: Mapping[str, Region]) -> str | None:
    """The region of a ratio's denominator for a value in ``region`` (SPEC 3.2): its
    ``denominator_region``, the region's parent for "parent" (None without one), else the
    region itself."""
    if metric.denominator_region is None:
        return region
    if metric.denominator_region == "parent":
        known = regions.get(region)
        return None if known is None else known.parent
    return metric.denominator_region


def growth_metrics(metrics: Mapping[str, Metric]) -> dict[str, list[str]]:
    """For each metric, the growth metrics of it, their ids sorted (SPEC 3.2 back-growth)."""
    found: dict[str, list[str]] = {}
    for metric_id in sorted(metrics):
        grown = metrics[metric_id].growth_of
        if grown is not None:
            found.setdefault(grown, []).append(metric_id)
    return found


def inputs_of(
    dataset: Dataset,
    metric_id: str,
    region: str,
    growth: Mapping[str, list[str]] | None = None,
) -> set[Key]:
    """Every (metric, region) whose figures a value of (metric_id, region) may be derived
    from, itself included: numerator and denominator, growth_of, a group's members, and the
    growth metrics that carry a level back (``growth``: growth_metrics, when known)."""
    growth = growth_metrics(dataset.metrics) if growth is None else growth
    seen: set[Key] = set()
    pending: list[Key] = [(metric_id, region)]
    while pending:
        key = pending.pop()
        metric = dataset.metrics.get(key[0])
        if key in seen or metric is None:
            continue
        seen.add(key)
        place = key[1]
        if metric.numerator is not None and metric.denominator is not None:
            pending.append((metric.numerator, place))
            other = denominator_region(metric, place, dataset.regions)
            if other is not None:
                pending.append((metric.denominator, other))
        elif metric.growth_of is not None:
            pending.append((metric.growth_of, place))
        elif metric.aggregate == "sum" and place in dataset.regions:
            pending.extend((key[0], member) for member in dataset.regions[place].members)
        pending.extend((grower, place) for grower in growth.get(key[0], ()))
    return seen


def reached(dataset: Dataset, metric_id: str, region: str) -> set[Key]:
    """Every (metric, region) whose figures say what a figure of (metric_id, region)
    changes: itself, and every input of each target whose values it may change (add-actual
    reads the files of these regions, and no others)."""
    growth = growth_metrics(dataset.metrics)
    found: set[Key] = {(metric_id, region)}
    for _, target in dataset.targets():
        inputs = inputs_of(dataset, target.metric, target.region, growth)
        if (metric_id, region) in inputs:
            found |= inputs
    return found
