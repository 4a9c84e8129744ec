"""Checks of derived values against the data (SPEC 3): a derived ratio outside its bounds."""

from __future__ import annotations

from iptarget.core.dataset import Dataset
from iptarget.core.values import Values
from iptarget.errors import Problem


def derived_out_of_bounds(dataset: Dataset) -> list[Problem]:
    """Every derived value outside its metric's ``min``/``max``, reported on metrics.toml."""
    values = Values(dataset)
    regions = sorted({region for _, region in dataset.recorded})
    problems = []
    for metric_id, metric in dataset.metrics.items():
        if not metric.is_ratio or (metric.min is None and metric.max is None):
            continue
        for region in regions:
            for period, value in sorted(values.series(metric_id, region).items()):
                reason = metric.out_of_bounds(value.value) if value.derived else None
                if reason:
                    problems.append(
                        Problem(
                            dataset.metrics_file,
                            f'metric "{metric_id}"',
                            f"the value derived for {region} {period} from "
                            f"{metric.numerator}/{metric.denominator}: {reason}",
                        )
                    )
    return problems
