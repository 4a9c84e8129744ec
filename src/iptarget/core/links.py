"""How metrics and regions are linked: what a metric is computed from, what lies below a
region, which regions a name means."""

from __future__ import annotations

from collections.abc import Mapping

from iptarget.core.dataset import Metric, Region


def parts_of(metrics: Mapping[str, Metric], metric_id: str) -> set[str]:
    """Every metric a metric is computed from, through numerator, denominator and growth_of,
    itself included."""
    seen: set[str] = set()
    pending = [metric_id]
    while pending:
        current = pending.pop()
        metric = metrics.get(current)
        if current in seen or metric is None:
            continue
        seen.add(current)
        pending.extend(metric.parts)
    return seen


def regions_named(regions: Mapping[str, Region], text: str) -> list[str]:
    """The regions a user means by ``text``: the one with that id, else those with that name."""
    if text in regions:
        return [text]
    return [region.id for region in regions.values() if region.name == text]


def regions_under(regions: Mapping[str, Region], root: str) -> set[str]:
    """A region and every region below it through ``parent`` (SPEC 5.2 ``--region``)."""
    children: dict[str, list[str]] = {}
    for region in regions.values():
        if region.parent is not None:
            children.setdefault(region.parent, []).append(region.id)
    found, pending = set(), [root]
    while pending:
        current = pending.pop()
        if current not in found:
            found.add(current)
            pending.extend(children.get(current, []))
    return found
