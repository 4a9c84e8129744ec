"""``status --format xlsx --output FILE``: the progress table as a workbook for a director,
in the interface's language: names beside ids, statuses as words, numbers as numbers with
the metric's decimals."""

from __future__ import annotations

import datetime
import math
from collections.abc import Sequence

from iptarget.core.dataset import Dataset
from iptarget.core.evaluate import Evaluation, Point
from iptarget.i18n import NP_, _, pgettext
from iptarget.render.looks import status_word
from iptarget.render.numbers import metric_label, region_name, sign, title_of
from iptarget.render.sheet import Cell, Number, Sheet, decimals_format
from iptarget.render.words import date_words, period_words

HEADINGS = (
    NP_("heading", "target"),
    NP_("heading", "title"),
    NP_("heading", "region"),
    NP_("heading", "metric"),
    NP_("heading", "goal"),
    NP_("heading", "target value"),
    NP_("heading", "deadline"),
    NP_("heading", "baseline"),
    NP_("heading", "latest"),
    NP_("heading", "latest period"),
    NP_("heading", "progress (%)"),
    NP_("heading", "pace"),
    NP_("heading", "projected"),
    NP_("heading", "status"),
)


def status_sheet(
    evaluations: Sequence[Evaluation], dataset: Dataset, as_of: datetime.date
) -> Sheet:
    """One row per target, as ``status`` shows them, each number a number."""
    rows = [_row(evaluation, dataset) for evaluation in evaluations]
    title = _("status as of {date}").format(date=date_words(as_of))
    return Sheet(title, [pgettext("heading", heading) for heading in HEADINGS], rows)


def _row(evaluation: Evaluation, dataset: Dataset) -> list[Cell]:
    metric = evaluation.metric
    shown = decimals_format(metric.decimals)

    def figure(value: float | None) -> Cell:
        return None if value is None or not math.isfinite(value) else Number(value, shown)

    def point(found: Point | None) -> Cell:
        return None if found is None else figure(found.value)

    latest = evaluation.latest
    return [
        evaluation.target.id,
        title_of(evaluation.target),
        region_name(dataset.regions[evaluation.region]),
        metric_label(metric),
        sign(evaluation),
        figure(evaluation.target_value),
        period_words(evaluation.target.deadline),
        point(evaluation.baseline),
        point(latest),
        None if latest is None else period_words(latest.period),
        None if evaluation.progress_pct is None else Number(evaluation.progress_pct, "0.0"),
        None if evaluation.pace is None else Number(evaluation.pace, "0.00"),
        figure(evaluation.projected),
        status_word(evaluation.status),
    ]
