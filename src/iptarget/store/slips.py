"""Likely unit slips (SPEC 5.1): a new figure ten times off the figures recorded around it."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from iptarget.core.dataset import Amount, Dataset
from iptarget.core.slips import unit_slip
from iptarget.errors import Text, text
from iptarget.models.entries import ActualEntry
from iptarget.periods import Period
from iptarget.texts import figures

Neighbours = Mapping[tuple[str, str], Mapping[Period, float]]
"""Figures by (metric, region) and period: the rows of an import before the one checked."""
SameFigure = Mapping[tuple[str, str, Period], Sequence[tuple[datetime.date | None, float]]]
"""Vintages by (metric, region, period): (published, value) of the rows before it."""


def slips(
    actual: ActualEntry, dataset: Dataset, earlier: Neighbours, same_figure: SameFigure
) -> list[tuple[str, Text]]:
    """A likely unit slip (SPEC 5.1): ten times off the figures recorded around it, or off
    another vintage of the same figure. Growth rates are not checked."""
    if dataset.metrics[actual.metric].growth_of is not None:
        return []
    key = (actual.metric, actual.region)
    recorded = {period: value.value for period, value in dataset.recorded.get(key, {}).items()}
    recorded.update(earlier.get(key, {}))
    vintages = [
        (vintage.published, vintage.value)
        for vintage in dataset.vintages_of(actual.metric, actual.region, actual.period)
        if vintage.published != actual.published
    ]
    vintages += same_figure.get((*key, actual.period), [])
    slip = unit_slip(recorded, actual.period, actual.value, vintages)
    if slip is None:
        return []
    metric = dataset.metrics[actual.metric]
    new, other = Amount(actual.value, metric), Amount(slip.other, metric)
    where: object = slip.period
    if slip.vintage and slip.published is None:
        where = text(figures.SLIP_UNDATED, period=slip.period)
    elif slip.vintage:
        where = text(figures.SLIP_VINTAGE, date=slip.published, period=slip.period)
    template = figures.SLIP_SMALLER if slip.smaller else figures.SLIP_LARGER
    return [("value", text(template, new=new, times=int(slip.times), other=other, where=where))]
