"""The quick check of a whole directory's actuals (SPEC 1): every rule judged a series at a
time, not a figure at a time, so that a national directory's 10^5 figures are checked in a
few milliseconds; when it finds anything, ``checks.actual_problems`` says what, figure by
figure."""

from __future__ import annotations

import operator
from collections.abc import Mapping

from iptarget.core.dataset import Key, Metric, Region, Series, Value, Vintages
from iptarget.core.links import takes_years_to_date
from iptarget.periods import years_to_date_read


def actuals_look_right(
    recorded: Mapping[Key, Series],
    vintages: Mapping[Key, Vintages],
    metrics: Mapping[str, Metric],
    regions: Mapping[str, Region],
) -> bool:
    """Whether the actuals keep every rule, judged a series at a time, not a figure at a time.

    Each (metric, region) series is checked once against the ids and the metric's bounds,
    every vintage of its figures included, and, when any year-to-date period was read, its
    periods against the metric's measure.
    """
    spans = years_to_date_read()
    # the metrics that may not have years to date, when any was read
    refuse = {key for key in metrics if not takes_years_to_date(metrics, key)} if spans else ()
    for key, periods in recorded.items():
        metric = metrics.get(key[0])
        if metric is None or key[1] not in regions:
            return False
        if key[0] in refuse and not spans.isdisjoint(periods):
            return False
        low, high = metric.min, metric.max
        if low is None and high is None:
            continue
        numbers = list(map(_NUMBER, periods.values()))
        for values in vintages.get(key, {}).values():
            numbers += map(_NUMBER, values)
        if (low is not None and min(numbers) < low) or (high is not None and max(numbers) > high):
            return False
    return True


#: A value's number (Value.value), taken in C.
_NUMBER = operator.itemgetter(Value._fields.index("value"))
