"""``status --format json`` and ``--format csv``: the stable interfaces for scripts."""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from iptarget.core.evaluate import Evaluation, Point
from iptarget.core.in_year import InYear
from iptarget.core.status import Status

if TYPE_CHECKING:
    from iptarget.core.totals import Total
from iptarget.render.json_text import json_document
from iptarget.render.table import Column, Table, csv_text


def summary(evaluations: Sequence[Evaluation]) -> dict[str, int]:
    """Counts of the statuses that occur, in the order of SPEC 4.2."""
    counts = Counter(evaluation.status for evaluation in evaluations)
    return {status.value: counts[status] for status in Status if counts[status]}


POINT_PARTS = ("period", "value", "derived", "published", "flag")


def finite(value: float | None) -> float | None:
    """A computed figure for JSON, which has no NaN or Infinity: null when it is not finite."""
    return value if value is None or math.isfinite(value) else None


def point_json(point: Point | None) -> dict[str, Any] | None:
    """A point object of SPEC 5's JSON: period, value, derived, published, flag."""
    if point is None:
        return None
    return {
        "period": str(point.period),
        "value": finite(point.value),
        "derived": point.derived,
        "published": None if point.published is None else point.published.isoformat(),
        "flag": point.flag,
    }


def _ranked(evaluation: Evaluation, point: Point | None) -> dict[str, Any] | None:
    """A point object, with how many regions were ranked at it for a rank target (4.6)."""
    found = point_json(point)
    if found is not None and point is not None and evaluation.rank_of is not None:
        found["rank_of"] = evaluation.rank_of.get(point.period)
    return found


def _in_year_json(found: InYear | None) -> dict[str, Any] | None:
    """A flow's figure within the year (SPEC 4.4), or null."""
    if found is None:
        return None
    return {
        "period": str(found.point.period),
        "value": finite(found.point.value),
        **{part: finite(getattr(found, part)) for part in IN_YEAR_PARTS[2:]},
    }


def _total_json(found: Total | None) -> dict[str, Any] | None:
    """A total's count so far (SPEC 4.5), or null."""
    if found is None:
        return None
    return {part: finite(value) for part, value in zip(TOTAL_PARTS, found, strict=True)}


#: SPEC 5's JSON object of a target, key by key in order: what each key holds. The CSV of
#: ``status`` has the same fields, points flattened.
FIELDS: tuple[tuple[str, Callable[[Evaluation], Any]], ...] = (
    ("id", lambda e: e.target.id),
    ("title", lambda e: e.target.title),
    ("policy", lambda e: e.policy.file),
    ("metric", lambda e: e.target.metric),
    ("unit", lambda e: (e.measured or e.metric).unit),
    ("region", lambda e: e.region),
    ("deadline", lambda e: str(e.target.deadline)),
    ("direction", lambda e: e.direction),
    ("strict", lambda e: e.target.strict),
    ("target_value", lambda e: finite(e.target_value)),
    ("baseline", lambda e: _ranked(e, e.baseline)),
    ("start", lambda e: _ranked(e, e.start)),
    ("latest", lambda e: _ranked(e, e.latest)),
    ("progress_pct", lambda e: finite(e.progress_pct)),
    ("required_rate", lambda e: finite(e.required_rate)),
    ("actual_rate", lambda e: finite(e.actual_rate)),
    ("pace", lambda e: finite(e.pace)),
    ("projected", lambda e: finite(e.projected)),
    ("status", lambda e: e.status.value),
    ("acknowledged", lambda e: e.acknowledged),
    ("binding", lambda e: e.target.binding),
    ("verdict", lambda e: e.verdict.value),
    ("expected_pct", lambda e: finite(e.expected_pct)),
    ("elapsed_pct", lambda e: finite(e.elapsed_pct)),
    ("in_year", lambda e: _in_year_json(e.in_year)),
    ("total", lambda e: _total_json(e.total)),
    ("template", lambda e: e.target.template),
)
#: The keys of a total's object (SPEC 4.5).
TOTAL_PARTS = ("sum", "periods", "of", "needed_per_period")
IN_YEAR_PARTS = (
    "period",
    "value",
    "year_before",
    "growth_pct",
    "remaining",
    "year_before_rest",
    "projected",
)
#: The objects of a target that CSV flattens (``baseline_period``, ``in_year_value``, …).
FLATTENED: dict[str, tuple[str, ...]] = {
    "baseline": POINT_PARTS, "start": POINT_PARTS, "latest": POINT_PARTS, "in_year": IN_YEAR_PARTS,
    "total": TOTAL_PARTS,
}  # fmt: skip


def evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    """One target as SPEC 5's JSON object."""
    return {key: value(evaluation) for key, value in FIELDS}


def status_json(
    evaluations: Sequence[Evaluation], as_of: datetime.date, vintage: str = "latest"
) -> str:
    """``status --format json``: the stable interface for scripts."""
    document = {
        "as_of": as_of.isoformat(),
        "vintage": vintage,
        "summary": summary(evaluations),
        "targets": [evaluation_json(evaluation) for evaluation in evaluations],
    }
    return json_document(document)


def csv_fields() -> list[str]:
    """The CSV header of ``status --format csv``: the JSON fields, points flattened."""
    fields: list[str] = []
    for key, _ in FIELDS:
        if key in FLATTENED:
            fields.extend(f"{key}_{part}" for part in FLATTENED[key])
        else:
            fields.append(key)
    return fields


def _csv_cells(document: dict[str, Any]) -> list[str]:
    """One target's JSON object as CSV cells: points flattened, null empty, booleans in words."""
    values: list[Any] = []
    for key, _ in FIELDS:
        if key in FLATTENED:
            nested = document[key]
            values.extend(None if nested is None else nested[part] for part in FLATTENED[key])
        else:
            values.append(document[key])
    return [
        ""
        if value is None
        else ("true" if value else "false")
        if isinstance(value, bool)
        else str(value)
        for value in values
    ]


def status_csv(evaluations: Sequence[Evaluation]) -> str:
    """One row per target with the JSON fields flattened (``baseline_period``, …)."""
    columns = [Column(name) for name in csv_fields()]
    rows = [_csv_cells(evaluation_json(evaluation)) for evaluation in evaluations]
    return csv_text(Table(columns, rows))
