"""``iptarget diff --format json`` (SPEC 9): the targets that changed, every figure edited,
counts per status; the same in every language."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from iptarget.core.diff import Cause, Diff, FigureEdit, KeyEdit
from iptarget.core.status import Bands
from iptarget.periods import Period
from iptarget.render.json_text import json_document


def diff_json(found: Diff, base: str, head: str) -> str:
    """SPEC 9's JSON: the targets that changed, every figure edited, counts per status."""
    document = {
        "as_of": found.as_of.isoformat(),
        "vintage": found.vintage,
        "base": base,
        "head": head,
        "targets": [
            {
                "id": item.change.target,
                "before": None if item.change.before is None else item.change.before.value,
                "after": None if item.change.after is None else item.change.after.value,
                "causes": [_cause_json(cause) for cause in item.causes],
            }
            for item in found.targets
        ],
        "figures": [_figure_json(edit) for edit in found.figures],
        "acknowledgements": [
            {"id": edit.target, "before": edit.before, "after": edit.after, "fails": edit.fails}
            for edit in found.acknowledgements
        ],
        "summary": {"before": dict(found.before), "after": dict(found.after)},
    }
    return json_document(document)


def _figure_json(edit: FigureEdit) -> dict[str, Any]:
    return {
        "metric": edit.metric,
        "region": edit.region,
        "period": str(edit.period),
        "published": None if edit.published is None else edit.published.isoformat(),
        "before": None if edit.before is None else edit.before.value,
        "after": None if edit.after is None else edit.after.value,
    }


def _cause_json(cause: Cause) -> dict[str, Any]:
    if isinstance(cause, FigureEdit):
        return {"kind": "figure", **_figure_json(cause)}
    assert isinstance(cause, KeyEdit)
    return {
        "kind": cause.kind,
        "id": cause.id,
        "key": cause.key,
        "before": _plain(cause.before),
        "after": _plain(cause.after),
    }


def _plain(value: object) -> Any:
    """A key's value as JSON: periods and dates as text, tuples as lists."""
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Bands):
        return value._asdict()
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [_plain(part) for part in value]
    return value
