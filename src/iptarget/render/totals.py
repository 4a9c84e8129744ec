"""A total over a plan period in words (SPEC 4.5): the amount a period, what is counted so
far, what each period left still needs ("still needed: 94 a year"), and the running total
beside the straight line from 0 to the target; and a rank among regions (4.6)."""

from __future__ import annotations

from iptarget.core.dataset import Metric
from iptarget.core.evaluate import Evaluation
from iptarget.i18n import NP_, _, ngettext, pgettext
from iptarget.periods import Granularity
from iptarget.render.numbers import number, yearly
from iptarget.render.table import Column, Table
from iptarget.render.words import period_words

#: An amount a period of each granularity: the average a total needs or has had.
PER_PERIOD: dict[Granularity, str] = {
    "year": NP_("per period", "{amount} a year"),
    "half": NP_("per period", "{amount} a half-year"),
    "quarter": NP_("per period", "{amount} a quarter"),
    "month": NP_("per period", "{amount} a month"),
    "ytd": NP_("per period", "{amount} a year"),  # a target's periods are never years to date
}
TOTAL_COLUMNS = (
    Column(NP_("heading", "period")),
    Column(NP_("heading", "value"), numeric=True),
    Column(NP_("heading", "total"), numeric=True),
    Column(NP_("heading", "needed"), numeric=True),
    Column(""),
)


def per_period(amount: float, metric: Metric, granularity: Granularity) -> str:
    """``200 applications a year``, ``年均200件``."""
    said = pgettext("per period", PER_PERIOD[granularity])
    return said.format(amount=number(amount, metric, unit=True))


def rate_words(value: float | None, evaluation: Evaluation, required: bool = False) -> str:
    """A target's required or actual rate: a change a year (``+200 applications a year``),
    or for a total the amount a period (``200 applications a year``)."""
    if evaluation.rank_of is not None and value is not None:  # places a year, up or down
        return pgettext("rank", "{rate} places a year").format(rate=f"{value:+.2f}")
    if evaluation.total is None or value is None:
        return yearly(value, evaluation, required)
    return per_period(value, evaluation.metric, evaluation.target.deadline.granularity)


def total_words(evaluation: Evaluation) -> str | None:
    """What a total has counted, and what each period left still needs on average: ``600 of
    1,000 applications, 3 of 5 years counted; still needed: 200 applications a year``."""
    total, metric = evaluation.total, evaluation.metric
    if total is None:
        return None
    granularity = evaluation.target.deadline.granularity
    counted = ngettext(
        "{sum} of {target}, {periods} of {count} period counted",
        "{sum} of {target}, {periods} of {count} periods counted",
        total.of,
    ).format(
        sum=number(total.sum, metric),
        target=number(evaluation.target.amount, metric, unit=True),
        periods=total.periods,
        count=total.of,
    )
    if total.needed_per_period is None:
        return counted
    needed = per_period(total.needed_per_period, metric, granularity)
    return _("{counted}; still needed: {needed}").format(counted=counted, needed=needed)


def total_table(evaluation: Evaluation) -> Table:
    """Each period of a total: its value, the running total, and the total the straight line
    needs by its end."""
    metric = evaluation.metric
    values = {value.period: value for value in evaluation.known}
    running = {value.period: value.value for value in evaluation.series}
    rows = []
    for period, needed in evaluation.path:
        value = values.get(period)
        notes = []
        if value is not None and value.derived:
            notes.append(_("derived"))
        if period == evaluation.target.deadline:
            notes.append(pgettext("heading", "deadline"))
        rows.append(
            [
                period_words(period),
                "" if value is None else number(value.value, metric),
                number(running[period], metric) if period in running else "",
                number(needed, metric),
                pgettext("list", ", ").join(notes),
            ]
        )
    return Table(TOTAL_COLUMNS, rows)


def rank_words(evaluation: Evaluation) -> str | None:
    """A rank target's latest rank: ``rank 12 of 28 with figures (2023)``."""
    latest, counted = evaluation.latest, evaluation.rank_of
    if counted is None or latest is None or latest.value is None:
        return None
    return _("rank {rank} of {count} with figures ({period})").format(
        rank=f"{latest.value:g}", count=counted[latest.period], period=period_words(latest.period)
    )
