"""How problems in files are worded: TOML and pydantic errors, entry labels, the id rule."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from iptarget.errors import unknown_key
from iptarget.i18n import _, _p, language
from iptarget.models.files import ID_PATTERN

ID = re.compile(ID_PATTERN)
ID_RULE = (
    "not a valid id (lower-case letters, digits, '_' and '-', starting with a letter or digit)"
)
FieldIssue = tuple[str, str]
"""Something wrong with one field of a new figure: (field, message)."""
_PARSE_ERROR = re.compile(r"TOML parse error (at line \d+, column \d+)\n(?:.*\n)*?\s*\|\s*\^+\n")


def toml_error(message: str) -> str:
    """toml-rs's report (position, a quoted line, a caret, the reason) as one line."""
    match = _PARSE_ERROR.match(message)
    if match is None:
        return "invalid TOML: " + " ".join(line.strip() for line in message.splitlines())
    reason = " ".join(line.strip() for line in message[match.end() :].splitlines())
    return f"invalid TOML {match[1]}: {reason}"


def field_message(model: type[BaseModel], detail: Mapping[str, Any]) -> str:
    """One pydantic error as 'field: message', worded for people who write TOML."""
    field = ".".join(str(part) for part in detail["loc"])
    kind = detail["type"]
    if kind == "extra_forbidden":
        return unknown_key(field, list(model.model_fields))
    if kind == "missing":
        return _("{field}: required, but missing").format(field=field)
    if kind == "value_error":
        return f"{field}: {detail['ctx']['error']}"
    if kind == "string_pattern_mismatch":
        return f"{field}: {detail['input']!r} is {id_rule()}"
    message = str(detail["msg"]).replace("Input should be", "should be")
    if language() != "en" and kind in PYDANTIC_TYPES:  # pydantic says it in English only
        with contextlib.suppress(KeyError, IndexError):  # a context the words do not name
            message = _p("pydantic", kind).format(**detail.get("ctx", {}))
    return _("{field}: {message} (got {input})").format(
        field=field, message=message, input=repr(detail["input"])
    )


#: The pydantic errors whose words the catalogue carries (context "pydantic"), keyed by the
#: error's type; the others keep pydantic's English.
PYDANTIC_TYPES = (
    "float_parsing", "float_type", "int_parsing", "int_type", "int_from_float",
    "string_type", "bool_type", "bool_parsing", "date_type", "date_parsing",
    "date_from_datetime_inexact", "literal_error", "greater_than", "greater_than_equal",
    "less_than_equal", "finite_number", "list_type", "dict_type", "model_type",
)  # fmt: skip


def id_rule() -> str:
    """What an id may hold, in the interface's language."""
    return _(ID_RULE)


def target_label(data: object, index: int) -> str:
    """A target as messages name it: by its id, else by its place in the file."""
    target_id = data.get("id") if isinstance(data, dict) else None
    if isinstance(target_id, str) and target_id:
        return f'target "{target_id}"'
    return f"target #{index + 1}"


def actual_where(metric: object, region: object, period: object) -> str:
    """An actual as messages name it: ``actual (metric, region, period)``."""
    return f"actual ({metric}, {region}, {period})"


def actual_label(data: object, index: int) -> str:
    """An actual by its metric, region and period when it has them, else by its place."""
    if isinstance(data, dict) and all(key in data for key in ("metric", "region", "period")):
        return actual_where(data["metric"], data["region"], data["period"])
    return f"actual #{index + 1}"
