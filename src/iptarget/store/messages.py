"""Problems in files as texts: TOML's syntax errors, pydantic's errors, entry subjects."""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from iptarget.errors import Invalid, Kind, Subject, Text, text
from iptarget.models.entries import ID_PATTERN
from iptarget.texts import files
from iptarget.texts.rules import unknown_key
from iptarget.texts.template import Template
from iptarget.texts.words import KIND_KEY

if TYPE_CHECKING:
    from pydantic import BaseModel

ID = re.compile(ID_PATTERN)
_PARSE_ERROR = re.compile(
    r"TOML parse error at line (\d+), column (\d+)\n(?:.*\n)*?\s*\|\s*\^+\n", re.ASCII
)
_INTEGER = re.compile(r"invalid integer (.+)")


def toml_error(message: str, content: str = "") -> tuple[Text, int | None]:
    """toml-rs's report (position, a quoted line, a caret, the reason) as a text, with the
    line it points at; a full-width mark there (，＝“) is named, with the ASCII mark to use."""
    match = _PARSE_ERROR.match(message)
    if match is None:
        return text(files.TOML, reason=" ".join(message.split())), None
    line, column = int(match[1]), int(match[2])
    if full_width := _full_width(content, line, column):
        return full_width, line
    detail = " ".join(part.strip() for part in message[match.end() :].splitlines())
    reason = _toml_reason(detail)
    if reason is None:
        return text(files.TOML_AT_OTHER, line=line, column=column, detail=detail), line
    return text(files.TOML_AT, line=line, column=column, reason=reason), line


def _full_width(content: str, line: int, column: int) -> Text | None:
    """The first full-width mark on a line of a file from the column where TOML stumbled,
    named; None when there is none."""
    lines = content.split("\n")
    shown = lines[line - 1].rstrip("\r") if 0 < line <= len(lines) else ""
    found = [
        index for index in range(column - 1, len(shown)) if shown[index] in files.FULL_WIDTH_MARKS
    ]
    if not found:
        return None
    column = found[0] + 1
    mark = shown[found[0]]
    name, ascii_mark = files.FULL_WIDTH_MARKS[mark]
    code = f"U+{ord(mark):04X}"
    return text(
        files.FULL_WIDTH,
        name=text(name),
        char=mark,
        code=code,
        line=line,
        column=column,
        ascii=ascii_mark,
        shown=shown.strip(),
    )


def _toml_reason(detail: str) -> Text | None:
    """What the parser says is wrong, worded in the catalogue; None when it is not known."""
    what, _, expected = detail.partition(", expected ")
    integer = _INTEGER.fullmatch(what)
    found = text(files.TOML_INTEGER, token=integer[1]) if integer else None
    if found is None and what in files.TOML_WHAT:
        found = text(files.TOML_WHAT[what])
    if found is None:
        return None
    if not expected or expected == "nothing":
        return found
    tokens = [
        text(files.TOML_TOKEN[token]) if token in files.TOML_TOKEN else token
        for token in expected.split(", ")
    ]
    return text(files.TOML_EXPECTED, what=found, expected=tokens)


#: The pydantic errors that the catalogue words, by their type.
_TYPES: dict[str, Template] = {
    "float_parsing": files.NOT_NUMBER,
    "float_type": files.NOT_NUMBER,
    "int_parsing": files.NOT_INTEGER,
    "int_type": files.NOT_INTEGER,
    "int_from_float": files.NOT_WHOLE,
    "string_type": files.NOT_TEXT,
    "bool_type": files.NOT_BOOLEAN,
    "bool_parsing": files.NOT_BOOLEAN,
    "date_type": files.NOT_DATE,
    "date_parsing": files.NOT_DATE,
    "date_from_datetime_parsing": files.NOT_DATE,
    "date_from_datetime_inexact": files.NOT_DAY,
    "literal_error": files.NOT_ONE_OF,
    "greater_than": files.NOT_ABOVE,
    "greater_than_equal": files.NOT_AT_LEAST,
    "less_than_equal": files.NOT_AT_MOST,
    "finite_number": files.NOT_FINITE,
    "list_type": files.NOT_LIST,
    "dict_type": files.NOT_MAPPING,
    "model_type": files.NOT_MAPPING,
    "model_attributes_type": files.NOT_MAPPING,
    "too_short": files.TOO_SHORT,
    "string_too_short": files.TOO_SHORT,
}


def field_problem(
    model: type[BaseModel], detail: Mapping[str, Any], subject: Subject
) -> tuple[Subject, Text]:
    """One pydantic error as the field it names and what is wrong with it, for people who
    write TOML."""
    field = ".".join(str(part) for part in detail["loc"])
    kind = detail["type"]
    at = subject.at(field) if field else subject
    if kind == "extra_forbidden":
        *table, key = (str(part) for part in detail["loc"])
        if table:  # a key inside a table of the entry: bands = { ahaed = 2 }
            where = subject.at(".".join(table))
            return where, unknown_key(key, _keys_of(model, table), KIND_KEY)
        keys = [info.alias or key for key, info in model.model_fields.items()]  # as written
        return subject, unknown_key(field, keys, KIND_KEY)
    if kind == "missing":
        return at, text(files.REQUIRED)
    if kind == "value_error":
        error = detail.get("ctx", {}).get("error")
        if isinstance(error, Invalid):
            return at, error.text
    if kind == "string_pattern_mismatch":
        return at, text(files.BAD_ID, value=repr(detail["input"]), rule=text(files.ID_RULE))
    context = detail.get("ctx", {})
    limit = next((context[key] for key in ("gt", "ge", "le", "lt") if key in context), None)
    choices = re.findall(r"'([^']*)'", str(context.get("expected", "")))
    return at, text(
        _TYPES.get(kind, files.NOT_VALID),
        input=repr(detail["input"]),
        limit=limit,
        expected=str(context.get("expected", "")),
        choices=choices,
    )


def _keys_of(model: type[BaseModel], table: list[str]) -> list[str]:
    """The keys a table inside an entry may have (a typed dict's, such as ``bands``)."""
    from typing_extensions import is_typeddict  # pydantic's typed dicts are of this module

    kind: Any = model.model_fields[table[0]].annotation
    for part in typing.get_args(kind) or (kind,):
        if is_typeddict(part):
            return list(part.__annotations__)
    return []


def bad_id(value: str) -> Text:
    """What an id that breaks the rule is told."""
    return text(files.BAD_ID, value=repr(value), rule=text(files.ID_RULE))


def target_subject(data: object, index: int) -> Subject:
    """A target as messages name it: by its id, else by its place in the file."""
    target_id = data.get("id") if isinstance(data, dict) else None
    if isinstance(target_id, str) and target_id:
        return Subject(Kind.TARGET, (target_id,))
    return Subject(Kind.TARGET, number=index + 1)


def actual_subject(metric: object, region: object, period: object) -> Subject:
    """An actual as messages name it: ``actual (metric, region, period)``."""
    return Subject(Kind.ACTUAL, (str(metric), str(region), str(period)))


def actual_label(data: object, index: int) -> Subject:
    """An actual by its metric, region and period when it has them, else by its place."""
    if isinstance(data, dict) and all(key in data for key in ("metric", "region", "period")):
        return actual_subject(data["metric"], data["region"], data["period"])
    return Subject(Kind.ACTUAL, number=index + 1)
