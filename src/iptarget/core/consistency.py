"""Consistency warnings (SPEC 3.4): published figures that do not quite agree, derived values
outside their bounds, and targets that can never have a value. ``validate`` reports them
without failing, unless ``--strict``."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from iptarget.core.dataset import Dataset, Metric, Value
from iptarget.core.formulas import growth_pct, ratio, total
from iptarget.core.links import denominator_region
from iptarget.core.values import Values
from iptarget.errors import Kind, Problem, Subject, Text, exact, text
from iptarget.periods import Period
from iptarget.texts import rules, words


def consistency_warnings(dataset: Dataset, today: datetime.date) -> list[Problem]:
    """Every warning of SPEC 3.4, in a fixed order."""
    values = Values(dataset, today)
    actuals = dataset.metrics_file.removesuffix("metrics.toml") + "actuals"

    def group(metric: Metric, region: str) -> bool:
        place = dataset.regions.get(region)
        return metric.aggregate == "sum" and place is not None and bool(place.members)

    return [
        *_group_sums(dataset, values, actuals, _recorded(values, dataset, group)),
        *_recorded_ratios(dataset, values, actuals, _recorded(values, dataset, _ratio)),
        *_recorded_growth(dataset, values, actuals, _recorded(values, dataset, _growth)),
        *_derived_out_of_bounds(dataset, values),
        *_never_known(dataset),
        *_undated_acknowledgements(dataset),
    ]


def differs(recorded: float, computed: float) -> bool:
    """More than both 0.5% of the computed value and half a unit in the recorded value's last
    written decimal (a share published as 1.2 is not faulted for being 1.249)."""
    written = exact(recorded, grouped=False)
    decimals = len(written.partition(".")[2])
    gap = abs(recorded - computed)
    return gap > 0.005 * abs(computed) and gap > 0.5 * 10**-decimals


def _warning(path: str, metric: str, region: str, period: Period, said: Text) -> Problem:
    """A warning about one recorded figure."""
    subject = Subject(Kind.ACTUAL, (metric, region, str(period)))
    return Problem(path, said, subject, warning=True)


Recorded = list[tuple[str, str, Value]]
"""Recorded figures known as of the date, with their metric and region, in order."""


def _recorded(values: Values, dataset: Dataset, wanted: Callable[[Metric, str], bool]) -> Recorded:
    """The recorded figures of the (metric, region) series a check looks at: a check of
    ratios reads the figures of ratio metrics alone, not a million others."""
    metrics = dataset.metrics
    return [
        (metric, region, value)
        for metric, region in sorted(dataset.recorded)
        if metric in metrics and wanted(metrics[metric], region)
        for _, value in sorted(values.recorded(metric, region).items())
    ]


def _ratio(metric: Metric, region: str) -> bool:
    return metric.numerator is not None and metric.denominator is not None


def _growth(metric: Metric, region: str) -> bool:
    return metric.growth_of is not None


def _group_sums(
    dataset: Dataset, values: Values, actuals: str, recorded: Recorded
) -> list[Problem]:
    """A group's recorded value against the sum of its members' recorded values."""
    found = []
    for metric, region, value in recorded:
        group = dataset.regions.get(region)
        definition = dataset.metrics.get(metric)
        if group is None or not group.members or definition is None:
            continue
        if definition.aggregate != "sum":
            continue
        members = [values.recorded(metric, member).get(value.period) for member in group.members]
        if any(member is None for member in members):
            continue
        summed = total(member.value for member in members if member is not None)
        if differs(value.value, summed):
            said = text(rules.GROUP_SUM, value=value.value, total=float(f"{summed:.12g}"))
            found.append(_warning(actuals, metric, region, value.period, said))
    return found


def _recorded_ratios(
    dataset: Dataset, values: Values, actuals: str, recorded: Recorded
) -> list[Problem]:
    """A recorded ratio against its recorded numerator and denominator."""
    found = []
    for metric_id, region, value in recorded:
        metric = dataset.metrics.get(metric_id)
        if metric is None or metric.numerator is None or metric.denominator is None:
            continue
        other = denominator_region(metric, region, dataset.regions)
        numerator = values.recorded(metric.numerator, region).get(value.period)
        denominator = None if other is None else values.recorded(metric.denominator, other)
        below = None if denominator is None else denominator.get(value.period)
        computed = None
        if numerator is not None and below is not None:
            computed = ratio(numerator.value, below.value, metric.scale)
        if computed is None:
            continue
        if differs(value.value, computed):
            said = text(
                rules.RATIO_PARTS,
                value=value.value,
                numerator=metric.numerator,
                denominator=metric.denominator,
                computed=float(f"{computed:.6g}"),
            )
            found.append(_warning(actuals, metric_id, region, value.period, said))
    return found


def _recorded_growth(
    dataset: Dataset, values: Values, actuals: str, recorded: Recorded
) -> list[Problem]:
    """A recorded growth figure against the growth of two recorded levels."""
    found = []
    for metric_id, region, value in recorded:
        metric = dataset.metrics.get(metric_id)
        if metric is None or metric.growth_of is None:
            continue
        levels = values.recorded(metric.growth_of, region)
        now, before = levels.get(value.period), levels.get(value.period.year_before())
        computed = None if now is None or before is None else growth_pct(now.value, before.value)
        if computed is None or now is None or before is None:
            continue
        if differs(value.value, computed):
            said = text(
                rules.GROWTH_LEVELS,
                value=f"{exact(value.value)}%",
                metric=metric.growth_of,
                computed=f"{computed:+.2f}%",
                before=before.value,
                before_period=before.period,
                now=now.value,
                now_period=now.period,
            )
            found.append(_warning(actuals, metric_id, region, value.period, said))
    return found


def _derived_out_of_bounds(dataset: Dataset, values: Values) -> list[Problem]:
    """Every derived value outside its metric's min/max, reported on metrics.toml."""
    found = []
    for (metric_id, region), series in values.every(derived=True):
        metric = dataset.metrics[metric_id]
        if metric.min is None and metric.max is None:
            continue
        for period, value in sorted(series.items()):
            reason = metric.out_of_bounds(value.value) if value.derived else None
            if reason:
                rule = value.rule or text(words.RULE_DERIVED)
                said = text(
                    rules.DERIVED_BOUNDS, region=region, period=period, rule=rule, reason=reason
                )
                subject = Subject(Kind.METRIC, (metric_id,))
                found.append(Problem(dataset.metrics_file, said, subject, warning=True))
    return found


def never_known(dataset: Dataset, metric_id: str, region: str) -> Text | None:
    """Why a metric can never have a value for a region, or None (SPEC 3.4)."""
    metric = dataset.metrics.get(metric_id)
    place = dataset.regions.get(region)
    if metric is None or place is None:
        return None
    if metric.denominator_region == "parent" and place.parent is None:
        return text(rules.NEVER_PARENT, metric=metric_id, region=region)
    if not place.members or any(key == (metric_id, region) for key in dataset.recorded):
        return None
    return _never_summed(dataset, metric, region)


def _never_summed(dataset: Dataset, metric: Metric, region: str) -> Text | None:
    """For a group without figures of it: a plain metric that is not summed, or a ratio or
    growth built on one."""
    parts = [metric.numerator, metric.denominator, metric.growth_of]
    if not any(parts):
        if metric.aggregate == "sum":
            return None
        return text(rules.NEVER_SUMMED, metric=metric.id, region=region)
    for part in parts:
        if part is not None and part != metric.id and (part, region) not in dataset.recorded:
            inner = dataset.metrics.get(part)
            if inner is not None and (reason := _never_summed(dataset, inner, region)):
                return reason
    return None


def _never_known(dataset: Dataset) -> list[Problem]:
    """Targets whose metric can never have a value for their region."""
    found = []
    for policy, target in dataset.targets():
        reason = never_known(dataset, target.metric, target.region)
        if reason:
            subject = Subject(Kind.TARGET, (target.id,))
            found.append(
                Problem(policy.path, text(rules.NEVER, reason=reason), subject, warning=True)
            )
    return found


def _undated_acknowledgements(dataset: Dataset) -> list[Problem]:
    """Targets acknowledged without the date the acknowledgement was made."""
    return [
        Problem(
            policy.path,
            text(rules.UNDATED_ACKNOWLEDGEMENT),
            Subject(Kind.TARGET, (target.id,), field="acknowledged"),
            warning=True,
        )
        for policy, target in dataset.targets()
        if target.acknowledged is not None and target.acknowledged_on is None
    ]
