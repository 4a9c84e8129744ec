"""``iptarget compare`` (SPEC 5.5): the league table of a metric. The regions compared ranked
at a period by their value (or by its growth on a year before), rank 1 the highest and equal
values sharing the best rank as in 4.6; beside each, its rank a year before, the change, and
the status of every target on the metric in the region."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from iptarget.core.evaluate import Point, point_of
from iptarget.core.formulas import growth_pct
from iptarget.core.ranks import rank_of
from iptarget.core.status import Status
from iptarget.periods import Period

if TYPE_CHECKING:
    from iptarget.core.dataset import Region, Value
    from iptarget.core.evaluate import Evaluation
    from iptarget.core.values import Values

#: The granularities a league's default period is looked for at, the longest first; never a
#: year to date, whose spans differ from one table to the next.
LEAGUE_GRANULARITIES = ("year", "half", "quarter", "month")


class Standing(NamedTuple):
    """One region's line of a league table: its value and growth at the period, its rank
    (None: no figure to rank it by), its rank a year before, and its targets on the metric
    with their statuses, in id order."""

    region: str
    point: Point | None
    growth_pct: float | None
    rank: int | None
    rank_before: int | None
    targets: tuple[tuple[str, Status], ...]

    @property
    def change(self) -> int | None:
        """Places gained since a year before (a fall is negative); None unless both ranks
        are known."""
        if self.rank is None or self.rank_before is None:
            return None
        return self.rank_before - self.rank


class League(NamedTuple):
    """A metric's league table at a period: those ranked first, best first, then those
    without a figure to rank them by; ``period`` is None when no period could be chosen."""

    metric: str
    period: Period | None
    by_growth: bool
    standings: tuple[Standing, ...]

    @property
    def ranked(self) -> int:
        """How many regions were ranked."""
        return sum(standing.rank is not None for standing in self.standings)


def league(
    values: Values,
    metric: str,
    regions: Sequence[str],
    period: Period | None,
    by_growth: bool,
    evaluations: Iterable[Evaluation] = (),
) -> League:
    """The league table of a metric among regions at a period (None: the default of SPEC
    5.5), ranked by value or by growth on a year before."""
    series = {region: values.series(metric, region) for region in regions}
    keys = _growths if by_growth else _values
    at = period or default_period(series)
    targets = _targets_of(metric, set(regions), evaluations)
    if at is None:
        lines = [
            Standing(region, None, None, None, None, targets.get(region, ())) for region in regions
        ]
        return League(metric, None, by_growth, tuple(sorted(lines, key=lambda line: line.region)))
    growths = _growths(series, at)
    now = _ranks(growths if by_growth else _values(series, at))
    before = _ranks(keys(series, at.year_before()), at_least_half=len(regions))
    standings = [
        Standing(
            region,
            point_of(found.get(at)),
            growths.get(region),
            now.get(region),
            before.get(region),
            targets.get(region, ()),
        )
        for region, found in series.items()
    ]
    standings.sort(key=lambda line: (line.rank is None, line.rank or 0, line.region))
    return League(metric, at, by_growth, tuple(standings))


def comparable(regions: Mapping[str, Region], with_values: Iterable[str]) -> list[str]:
    """The regions a league compares when none is named: of those with a value, the ones at
    the level of the administrative tree most of them are at (provinces, when most are
    provinces; the shallower level on a tie), groups left out, in id order. A country is not
    ranked above its provinces, nor a city among them."""
    depths: dict[str, int] = {}
    for region in with_values:
        if region in regions and not regions[region].members:
            depths[region] = _depth(regions, region)
    if not depths:
        return []
    counts = Counter(depths.values())
    level = min(counts, key=lambda depth: (-counts[depth], depth))
    return sorted(region for region, depth in depths.items() if depth == level)


def _depth(regions: Mapping[str, Region], region: str) -> int:
    """How many parents lead up from a region (0 for a region without a parent)."""
    depth, seen = 0, {region}
    parent = regions[region].parent
    while parent is not None and parent in regions and parent not in seen:
        depth, seen = depth + 1, seen | {parent}
        parent = regions[parent].parent
    return depth


def default_period(series: Mapping[str, Mapping[Period, Value]]) -> Period | None:
    """The latest period of the longest granularity (year, half, quarter, month) at which at
    least half of the regions have a value; None when there is none."""
    counts: dict[Period, int] = {}
    for found in series.values():
        for period in found:
            counts[period] = counts.get(period, 0) + 1
    for granularity in LEAGUE_GRANULARITIES:
        enough = [
            period
            for period, count in counts.items()
            if period.granularity == granularity and count * 2 >= len(series)
        ]
        if enough:
            return max(enough)
    return None


def _values(series: Mapping[str, Mapping[Period, Value]], period: Period) -> dict[str, float]:
    """Each region's value at a period, for those that have one."""
    return {region: found[period].value for region, found in series.items() if period in found}


def _growths(series: Mapping[str, Mapping[Period, Value]], period: Period) -> dict[str, float]:
    """Each region's growth on a year before in percent, for those that have both values."""
    found: dict[str, float] = {}
    earlier = period.year_before()
    for region, known in series.items():
        now, before = known.get(period), known.get(earlier)
        if now is not None and before is not None:
            rate = growth_pct(now.value, before.value)
            if rate is not None:
                found[region] = rate
    return found


def _ranks(keys: Mapping[str, float], at_least_half: int = 0) -> dict[str, int]:
    """Each region's rank by its key, the highest first, equal keys sharing the best rank;
    none when fewer than half of ``at_least_half`` regions have a key (a year before, the
    first to publish is not ranked 1 of 1)."""
    if len(keys) * 2 < at_least_half:
        return {}
    every = list(keys.values())
    return {region: rank_of(key, every, lowest=False) for region, key in keys.items()}


def _targets_of(
    metric: str, regions: set[str], evaluations: Iterable[Evaluation]
) -> dict[str, tuple[tuple[str, Status], ...]]:
    """The targets on the metric in each of the regions, with their statuses, in id order."""
    found: dict[str, list[tuple[str, Status]]] = {}
    for evaluation in evaluations:
        target = evaluation.target
        if target.metric == metric and target.region in regions:
            found.setdefault(target.region, []).append((target.id, evaluation.status))
    return {region: tuple(sorted(pairs)) for region, pairs in found.items()}


class Split(NamedTuple):
    """A target split among regions (SPEC 1 ``regions``), as the report's regions section
    shows it: the template's id, its targets' evaluations in its order, and the league
    table of its metric among its regions."""

    template: str
    evaluations: tuple[Evaluation, ...]
    league: League


def splits(values: Values, evaluations: Sequence[Evaluation], least: int = 3) -> list[Split]:
    """The targets split among at least ``least`` regions (of those evaluated), each with
    the league table of its metric among its regions, in the order of the targets."""
    grouped: dict[str, list[Evaluation]] = {}
    for evaluation in evaluations:
        if evaluation.target.template is not None:
            grouped.setdefault(evaluation.target.template, []).append(evaluation)
    found = []
    for template, group in grouped.items():
        if len(group) >= least:
            regions = [evaluation.region for evaluation in group]
            metric = group[0].target.metric
            found.append(
                Split(
                    template,
                    tuple(group),
                    league(values, metric, regions, None, False, evaluations),
                )
            )
    return found
