"""How metrics and regions are linked: what a metric is computed from, what lies below a
region, which regions a name means."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from iptarget.core.dataset import Dataset, Key, Measure, Metric, Named, Region, Target
from iptarget.core.goals import Goal
from iptarget.errors import Text, nearest, text
from iptarget.periods import Period
from iptarget.texts import rules
from iptarget.texts.words import KIND_REGION

#: The endings of a Chinese region's name that tables leave out: 省, 市, 自治区, 特别行政区.
_ENDING = re.compile(r"(省|市|(壮族|回族|维吾尔)?自治区|特别行政区)$")


def short_zh(name: str) -> str:
    """A Chinese region name without its administrative ending (广东 for 广东省, 广西 for
    广西壮族自治区), as tables and maps print it."""
    return _ENDING.sub("", name)


class RegionNames:
    """Regions by every name people give them (SPEC 5.3): the id, else a ``code``, else the
    exact ``name``, ``name_zh`` or ``name_en``. Built once for a whole import."""

    def __init__(self, regions: Mapping[str, Region]) -> None:
        self.regions = regions
        self.codes: dict[str, list[str]] = {}
        self.names: dict[str, list[str]] = {}
        for region in regions.values():
            for code in region.code:
                self.codes.setdefault(code, []).append(region.id)
            for name in dict.fromkeys((region.name, region.name_zh, region.name_en)):
                if name:
                    self.names.setdefault(name, []).append(region.id)
        self.short: dict[str, list[str]] = {}
        for region in regions.values():
            short = short_zh(region.name_zh or "")
            if len(short) >= 2 and short != region.name_zh and short not in self.names:
                self.short.setdefault(short, []).append(region.id)

    def find(self, given: str) -> list[str]:
        """The regions ``given`` names: one, several (a name they share) or none. A Chinese
        name is also found without its administrative ending, as CNIPA's tables print it
        (广东 for 广东省), when no other name is the same."""
        given = given.strip()
        if given in self.regions:
            return [given]
        return self.codes.get(given) or self.names.get(given) or self.short.get(given, [])

    def unknown(self, given: str) -> Text:
        """'unknown region "x"', with the region whose id, code or name is closest to it."""
        every = {**self.names, **self.codes, **{key: [key] for key in self.regions}}
        close = nearest(given, every)
        if close is None:
            return text(rules.UNKNOWN, kind=text(KIND_REGION), name=given)
        return text(
            rules.UNKNOWN_REGION_NEAR, name=given, near=Named(self.regions[every[close][0]], close)
        )


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


def measure_of(metrics: Mapping[str, Metric], metric_id: str) -> Measure | None:
    """A metric's measure (SPEC 1): a plain metric's own; a ratio's is stock when every plain
    metric under it is a stock, flow when any is a flow, else none; a growth metric has none.
    A chain to an unknown metric has none (validate reports it)."""
    found: set[Measure | None] = set()
    stack, seen = [metric_id], set()
    while stack:
        current = stack.pop()
        if current in seen:  # a share of itself elsewhere, or a cycle validate reports
            continue
        seen.add(current)
        metric = metrics.get(current)
        if metric is None or metric.growth_of is not None:
            return None
        if metric.is_ratio:
            stack += [part for part in (metric.numerator, metric.denominator) if part]
        else:
            found.add(metric.measure)
    if "flow" in found:
        return "flow"
    return "stock" if found == {"stock"} else None


def year_to_date_refused(
    metrics: Mapping[str, Metric], metric_id: str, period: Period
) -> Text | None:
    """Why a figure of a metric may not be for a year to date (SPEC 2, v3), or None: only
    flows, flow ratios and growth metrics of either have year-to-date figures."""
    metric = metrics.get(metric_id)
    if period.granularity != "ytd" or metric is None or takes_years_to_date(metrics, metric_id):
        return None
    measured = measure_of(metrics, metric.growth_of or metric_id)
    if measured == "stock":
        return text(rules.YTD_STOCK, month=Period(period.year, "month", period.number))
    return text(rules.YTD_NO_MEASURE, metric=metric.growth_of or metric_id)


def takes_years_to_date(metrics: Mapping[str, Metric], metric_id: str) -> bool:
    """Whether a metric may have year-to-date figures: a flow, a flow ratio, a growth of
    either (SPEC 2, v3)."""
    metric = metrics.get(metric_id)
    return metric is not None and measure_of(metrics, metric.growth_of or metric_id) == "flow"


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


def ranked_regions(regions: Mapping[str, Region], among: str) -> list[str]:
    """The regions ``among`` names: its direct members when it is a group, else the regions
    whose parent it is that are not groups, in id order."""
    place = regions.get(among)
    if place is not None and place.members:
        return sorted(place.members)
    return sorted(
        region.id for region in regions.values() if region.parent == among and not region.members
    )


def rank_problems(
    target: Target, regions: Mapping[str, Region], unknown: Callable[[str], Text | None]
) -> list[tuple[str, Text]]:
    """A rank target's ``among`` is a known region (``unknown`` says what is wrong with a
    name), and its own region is among those ranked (SPEC 1)."""
    from iptarget.texts import files  # validation's words, not the evaluation's

    among = target.among
    if target.goal is not Goal.RANK_AT_MOST or among is None:
        return []
    if said := unknown(among):
        return [("among", said)]
    if target.region not in ranked_regions(regions, among):
        return [("region", text(files.NOT_RANKED, region=target.region, among=among))]
    return []
