"""Likely unit slips (SPEC 5.1): a new figure ten times off the figures recorded around it."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from iptarget.core.dataset import Dataset
from iptarget.core.slips import unit_slip
from iptarget.errors import exact
from iptarget.i18n import _
from iptarget.models.files import Actual
from iptarget.periods import Period
from iptarget.store.messages import FieldIssue

Neighbours = Mapping[tuple[str, str], Mapping[Period, float]]
"""Figures by (metric, region) and period: the rows of an import before the one checked."""
SameFigure = Mapping[tuple[str, str, Period], Sequence[tuple[datetime.date | None, float]]]
"""Vintages by (metric, region, period): (published, value) of the rows before it."""


def slips(
    actual: Actual, dataset: Dataset, earlier: Neighbours, same_figure: SameFigure
) -> list[FieldIssue]:
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
    unit = dataset.metrics[actual.metric].unit
    new, other = (
        f"{exact(value)} {unit}" if unit else exact(value) for value in (actual.value, slip.other)
    )
    vintage = (
        _("the undated vintage")
        if slip.published is None
        else _("the vintage of {date}").format(date=slip.published)
    )
    where = (
        _("{vintage} of {period}").format(vintage=vintage, period=slip.period)
        if slip.vintage
        else f"{slip.period}"
    )
    template = (
        _(
            "{new} is {times} times smaller than {other} in {where}: a unit slip? Check the "
            "figure and its unit, or add --force if it is right"
        )
        if slip.smaller
        else _(
            "{new} is {times} times larger than {other} in {where}: a unit slip? Check the "
            "figure and its unit, or add --force if it is right"
        )
    )
    message = template.format(new=new, times=int(slip.times), other=other, where=where)
    return [("value", message)]
