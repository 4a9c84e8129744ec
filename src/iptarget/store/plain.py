"""Valid entries read without pydantic.

Importing pydantic and building the models' validators costs more than reading the whole
example directory, and validating a national directory's figures with them a third of a
``status``. An entry as valid files hold it is read here by plain Python instead: each
function gives exactly the values the entry's model (``iptarget.models.files``) would give,
or None, and the entry then goes to its model, which checks it again and says what is wrong.
These checks are stricter than the models' (a key of the wrong type is never converted),
never looser: ``tests/test_plain_reading.py`` holds them to the models, key by key and on
generated entries.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable
from typing import Any

from iptarget.models.entries import (
    ID_PATTERN,
    Issue,
    metric_issues,
    policy_issues,
    target_issues,
)
from iptarget.periods import Period, parse_period

#: A key's check: the value as the model holds it, or Refused.
Check = Callable[[Any], Any]
#: Each key of an entry: whether it is required, its default, its check.
Spec = dict[str, tuple[bool, Any, Check]]

_ID = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))
_DATE = datetime.date
_SQUARES = frozenset(range(31))  # a tile's columns and rows


class Refused(Exception):
    """A value that the plain reading leaves to the model."""


def _text(value: Any) -> str:
    if type(value) is str:
        return value
    raise Refused


def _some_text(value: Any) -> str:
    if type(value) is str and value:
        return value
    raise Refused


def check_id(value: Any) -> str:
    if type(value) is str and _ID.fullmatch(value):
        return value
    raise Refused


def _ids(value: Any) -> list[str]:
    if type(value) is list:
        return [check_id(item) for item in value]
    raise Refused


def _positive_int(value: Any) -> int:
    if type(value) is int and value > 0:
        return value
    raise Refused


def _some_ids(value: Any) -> list[str]:
    ids = _ids(value)
    if ids:
        return ids
    raise Refused


def _quota(value: Any) -> dict[str, float]:
    if type(value) is dict:
        return {check_id(key): number(amount) for key, amount in value.items()}
    raise Refused


def _codes(value: Any) -> str | list[str]:
    if type(value) is str and value:
        return value
    if type(value) is list and all(type(item) is str and item for item in value):
        return value
    raise Refused


def _tile(value: Any) -> list[int]:
    if type(value) is list and [type(n) for n in value] == [int, int] and set(value) <= _SQUARES:
        return value
    raise Refused


def number(value: Any) -> float:
    kind = type(value)
    if (kind is float and math.isfinite(value)) or kind is int:
        return float(value)
    raise Refused


def _bounded(
    above: float | None = None, high: float | None = None, low: float | None = None
) -> Check:
    """A number above ``above`` (exclusive), and between ``low`` and ``high`` (inclusive)."""

    def check(value: Any) -> float:
        read = number(value)
        if above is not None and not read > above:
            raise Refused
        if high is not None and not read <= high:
            raise Refused
        if low is not None and not read >= low:
            raise Refused
        return read

    return check


def _decimals(value: Any) -> int:
    if type(value) is int and 0 <= value <= 12:
        return value
    raise Refused


def _flag(value: Any) -> bool:
    if type(value) is bool:
        return value
    raise Refused


def _date(value: Any) -> datetime.date:
    if type(value) is _DATE:
        return value
    raise Refused


def check_period(value: Any) -> Period:
    if type(value) is str or type(value) is int:
        try:
            return parse_period(value)
        except ValueError:
            pass
    raise Refused


def _one_of(*choices: str) -> Check:
    def check(value: Any) -> str:
        if type(value) is str and value in choices:
            return value
        raise Refused

    return check


_FLAG = _one_of("p", "e")
_BANDS = ("ahead", "on_track", "at_risk")


def _bands(value: Any) -> dict[str, float]:
    """A policy's pace thresholds, as given (the defaults fill in the rest later)."""
    if type(value) is dict and value.keys() <= set(_BANDS):
        return {key: _bounded(low=0)(value[key]) for key in _BANDS if key in value}
    raise Refused


def _required(check: Check) -> tuple[bool, Any, Check]:
    return (True, None, check)


def _optional(check: Check, default: Any = None) -> tuple[bool, Any, Check]:
    return (False, default, check)


METRIC: Spec = {
    "name": _required(_text),
    "name_zh": _optional(_text),
    "name_en": _optional(_text),
    "unit": _optional(_text),
    "unit_zh": _optional(_text),
    "unit_en": _optional(_text),
    "decimals": _optional(_decimals),
    "min": _optional(number),
    "max": _optional(number),
    "trend": _optional(_one_of("compound", "linear")),
    "numerator": _optional(check_id),
    "denominator": _optional(check_id),
    "scale": _optional(_bounded(above=0)),
    "denominator_region": _optional(check_id),
    "growth_of": _optional(check_id),
    "aggregate": _optional(_one_of("sum", "none"), "none"),
    "measure": _optional(_one_of("flow", "stock")),
    "code": _optional(_codes),
    "release_lag_days": _optional(_positive_int),
    "owner": _optional(_text),
}
REGION: Spec = {
    "name": _required(_text),
    "name_zh": _optional(_text),
    "name_en": _optional(_text),
    "parent": _optional(check_id),
    "members": _optional(_ids),
    "code": _optional(_codes),
    "tile": _optional(_tile),
}
POLICY: Spec = {
    "title": _required(_text),
    "title_zh": _optional(_text),
    "title_en": _optional(_text),
    "issuer": _optional(_text),
    "issued": _optional(_date),
    "source": _optional(_text),
    "region": _optional(check_id),
    "bands": _optional(_bands),
}
TARGET: Spec = {
    "id": _required(check_id),
    "title": _required(_text),
    "title_zh": _optional(_text),
    "title_en": _optional(_text),
    "metric": _required(check_id),
    "region": _optional(check_id),
    "deadline": _required(check_period),
    "baseline": _optional(check_period),
    "baseline_value": _optional(number),
    "start": _optional(check_period),
    "start_value": _optional(number),
    "acknowledged": _optional(_some_text),
    "acknowledged_on": _optional(_date),
    "strict": _optional(_flag, False),
    "binding": _optional(_flag, False),
    "at_least": _optional(number),
    "at_most": _optional(number),
    "factor": _optional(_bounded(above=0)),
    "increase": _optional(_bounded(above=0)),
    "increase_pct": _optional(_bounded(above=0)),
    "decrease": _optional(_bounded(above=0)),
    "decrease_pct": _optional(_bounded(above=0, high=100)),
    "annual_growth_pct": _optional(_bounded(above=-100)),
    "total_at_least": _optional(_bounded(above=0)),
    "from": _optional(check_period),
    "rank_at_most": _optional(_positive_int),
    "among": _optional(check_id),
    "rank_by": _optional(_one_of("highest", "lowest")),
    "regions": _optional(_some_ids),
    "quota": _optional(_quota),
}
ACTUAL: Spec = {
    "metric": _required(check_id),
    "region": _required(check_id),
    "period": _required(check_period),
    "value": _required(number),
    "source": _optional(_text),
    "note": _optional(_text),
    "published": _optional(_date),
    "flag": _optional(_FLAG),
    "recorded": _optional(_date),
}
Values = dict[str, Any]
"""An entry's values, by key, as its model holds them."""


def _no_rules(values: Values) -> list[Issue]:
    return []


#: Each kind of entry: its plain reading, its model (by name, in iptarget.models.files), and
#: the rules that no key's type can say.
ENTRIES: dict[str, tuple[Spec, str, Callable[[Values], list[Issue]]]] = {
    "metric": (METRIC, "Metric", metric_issues),
    "region": (REGION, "Region", _no_rules),
    "policy": (POLICY, "Policy", policy_issues),
    "target": (TARGET, "Target", target_issues),
    "actual": (ACTUAL, "Actual", _no_rules),
}


def plain_entry(spec: Spec, data: object) -> Values | None:
    """An entry's values, every key of the spec present (a default where it is missing),
    or None to leave the entry to its model."""
    if type(data) is not dict or not data.keys() <= spec.keys():
        return None
    values: dict[str, Any] = {}
    try:
        for key, (required, default, check) in spec.items():
            if key in data:
                values[key] = check(data[key])
            elif required:
                return None
            else:
                values[key] = default
    except Refused:
        return None
    return values
