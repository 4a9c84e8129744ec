"""A flow's figure within the year (SPEC 4.4) in one sentence, for show and the report:
"Jan-Oct 2015: 1,896 applications, +105.0% on a year before; the year's target is met"."""

from __future__ import annotations

from iptarget.core.evaluate import Evaluation
from iptarget.i18n import _
from iptarget.render.numbers import number
from iptarget.render.words import period_words


def in_year_words(evaluation: Evaluation) -> str | None:
    """The in-year point, its growth on the same span a year before, and what is still to
    be done in the year (or that nothing is); None without an in-year point."""
    found = evaluation.in_year
    if found is None:
        return None
    metric = evaluation.metric
    shown = number(found.point.value, metric, unit=True)
    period = period_words(found.point.period)
    if found.growth_pct is None:
        said = _("{period}: {value}").format(period=period, value=shown)
    else:
        growth = f"{found.growth_pct:+.1f}%"
        said = _("{period}: {value}, {growth} on a year before").format(
            period=period, value=shown, growth=growth
        )
    if found.remaining == 0:
        return _("{said}; the year's target is met").format(said=said)
    if found.remaining is not None:
        still = number(found.remaining, metric, unit=True)
        return _("{said}; {remaining} still needed in the rest of the year").format(
            said=said, remaining=still
        )
    return said
