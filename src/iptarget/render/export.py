"""Every value, recorded and derived, as a table for ``export``: CSV or a workbook, the same
in every language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from iptarget.core.dataset import Key, Series, Vintages
from iptarget.errors import exact
from iptarget.i18n import speaking
from iptarget.render.table import Column, Table
from iptarget.render.words import rule_words

Vintages_ = Mapping[Key, Vintages] | None
"""By (metric, region), the figures with several vintages."""
EXPORT_COLUMNS = tuple(
    Column(name)
    for name in (
        "metric", "region", "period", "value", "derived", "source", "note", "published", "flag",
        "rule",
    )
)  # fmt: skip


def export_table(values: Iterable[tuple[Key, Series]], vintages: Vintages_ = None) -> Table:
    """Every value, recorded and derived, one row each (a recorded figure one row per
    vintage, oldest first), for spreadsheets and pandas; the last column says how a derived
    value was derived. ``vintages`` gives, by (metric, region), the figures with several.
    English in every language: it is for machines."""
    with speaking("en"):
        return Table(EXPORT_COLUMNS, _rows(values, vintages))


def _rows(values: Iterable[tuple[Key, Series]], vintages: Vintages_) -> list[list[str]]:
    return [
        [
            metric,
            region,
            str(period),
            exact(vintage.value, grouped=False),
            "true" if vintage.derived else "false",
            vintage.source or "",
            vintage.note or "",
            "" if vintage.published is None else vintage.published.isoformat(),
            vintage.flag or "",
            rule_words(vintage) if vintage.derived else "",
        ]
        for (metric, region), series in values
        for period, value in sorted(series.items())
        for vintage in (vintages or {}).get((metric, region), {}).get(period, (value,))
    ]
