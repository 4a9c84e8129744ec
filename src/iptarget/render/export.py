"""Every value, recorded and derived, as a table for ``export``: CSV, the same in every
language, or a workbook for people, in theirs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from iptarget.core.dataset import Dataset, Key, Series, Vintages
from iptarget.errors import exact, text
from iptarget.i18n import _, speaking
from iptarget.periods import sdmx_spelling
from iptarget.render.numbers import metric_name, region_name
from iptarget.render.sheet import Cell, Number, Sheet, decimals_format
from iptarget.render.table import Column, Table
from iptarget.render.words import rule_words, worded
from iptarget.texts import words

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


def export_sheet(
    values: Iterable[tuple[Key, Series]], vintages: Vintages_, dataset: Dataset
) -> Sheet:
    """Every value as a workbook for people, in the interface's language: headings as
    ``import`` reads them back, names beside ids, each figure a number shown with its metric's
    decimals (a derived one rounded to them; CSV and JSON keep it exact), yes or no."""
    names = [*("metric", "metric_name", "region", "region_name", "period", "value")]
    names += ["derived", "source", "note", "published", "flag", "rule"]
    headings = [worded(text(words.COLUMNS[name])) for name in names]
    rows: list[list[Cell]] = []
    for (metric_id, region_id), series in values:
        metric, region = dataset.metrics[metric_id], dataset.regions[region_id]
        decimals = 2 if metric.decimals is None else metric.decimals
        for period, value in sorted(series.items()):
            for vintage in (vintages or {}).get((metric_id, region_id), {}).get(period, (value,)):
                figure = round(vintage.value, decimals) if vintage.derived else vintage.value
                rows.append(
                    [
                        metric_id,
                        metric_name(metric),
                        region_id,
                        region_name(region),
                        str(period),
                        Number(figure, decimals_format(metric.decimals)),
                        _("yes") if vintage.derived else _("no"),
                        vintage.source,
                        vintage.note,
                        None if vintage.published is None else vintage.published.isoformat(),
                        vintage.flag,
                        rule_words(vintage) if vintage.derived else None,
                    ]
                )
    return Sheet(_("values"), headings, rows)


#: The columns of ``export --format sdmx``: SDMX-CSV 1.0 (SPEC 5.3).
SDMX_COLUMNS = tuple(
    Column(name)
    for name in (
        "DATAFLOW", "REF_AREA", "INDICATOR", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS",
        "COMMENT_OBS", "PUBLICATION_DATE",
    )
)  # fmt: skip
SDMX_DATAFLOW = "IPTARGET:ACTUALS(1.0)"


def sdmx_table(
    values: Iterable[tuple[Key, Series]], vintages: Vintages_, dataset: Dataset
) -> Table:
    """Every recorded figure as SDMX-CSV 1.0, one row per vintage: its region's and its
    metric's first code (else the id), the period as SDMX spells it, the flag as OBS_STATUS
    (P, E), the note as COMMENT_OBS. Derived values are left out: they are not published."""
    rows = []
    for (metric_id, region_id), series in values:
        metric, region = dataset.metrics[metric_id], dataset.regions[region_id]
        area, indicator = (region.code or (region_id,))[0], (metric.code or (metric_id,))[0]
        for period, value in sorted(series.items()):
            for vintage in (vintages or {}).get((metric_id, region_id), {}).get(period, (value,)):
                if vintage.derived:
                    continue
                rows.append(
                    [
                        SDMX_DATAFLOW,
                        area,
                        indicator,
                        sdmx_spelling(period),
                        exact(vintage.value, grouped=False),
                        (vintage.flag or "").upper(),
                        vintage.note or "",
                        "" if vintage.published is None else vintage.published.isoformat(),
                    ]
                )
    return Table(SDMX_COLUMNS, rows)
