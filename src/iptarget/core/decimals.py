"""How many decimals each metric's values are shown with, settled once its figures are read
(SPEC 5.1)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from iptarget.core.dataset import Key, Metric, Series, Vintages


def with_display_decimals(
    metrics: Mapping[str, Metric],
    recorded: Mapping[Key, Series],
    vintages: Mapping[Key, Vintages],
) -> dict[str, Metric]:
    """Metrics with their display precision settled (SPEC 5.1): a metric without ``decimals``
    shows 0 decimals when it has recorded values and every one of them (every vintage) is a
    whole number, else 2, so that one metric's values line up whatever each happens to be.
    One without recorded values keeps none: its values are shown as written (up to 2
    decimals), so a target of 550 reads 550, not 550.00, before the first figure."""
    whole: dict[str, bool] = {}
    for (metric_id, _), series in recorded.items():
        if whole.get(metric_id, True):
            whole[metric_id] = all(value.value.is_integer() for value in series.values())
    for (metric_id, _), several in vintages.items():
        if whole.get(metric_id, True):
            whole[metric_id] = all(
                value.value.is_integer() for values in several.values() for value in values
            )
    return {
        metric_id: metric
        if metric.decimals is not None or metric_id not in whole
        else replace(metric, decimals=0 if whole[metric_id] else 2)
        for metric_id, metric in metrics.items()
    }
