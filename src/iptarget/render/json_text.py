"""The JSON documents of the commands (status, series, diff, validate), written the way
``json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)`` writes them.

The standard library writes indented JSON in Python, one generator step per value; a
national status holds 50,000 values, and this writer, which appends each member as one
string, takes a third less time (tests/test_json_text.py holds the two alike, byte for byte).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import encode_basestring  # the C function, for ensure_ascii=False
from typing import Any

_float = float.__repr__
_int = int.__repr__
_INDENT = 2


def json_document(document: dict[str, Any]) -> str:
    """A command's JSON document as text, with a final newline; ``##[`` (a command to a
    GitHub Actions log wherever it stands) written ``#\\u0023[``, which reads back the same."""
    try:
        parts: list[str] = []
        _container(document, 0, parts.append)
        text = "".join(parts)
    except _Unusual:  # a type this writer does not know: the standard library's word on it
        text = json.dumps(document, ensure_ascii=False, indent=_INDENT, allow_nan=False)
    return text.replace("##[", "#\\u0023[") + "\n"


class _Unusual(Exception):
    """A value that is not a text, number, true, false, null, list or dict with text keys."""


def _scalar(value: Any) -> str:
    """A text, number, true, false or null (a subclass, an enum member, is _Unusual)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is float:
        return _finite(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return _int(value)
    raise _Unusual


def _finite(value: float) -> str:
    text = _float(value)
    if text[-1] in "nf":  # nan, inf, -inf
        raise _Unusual
    return text


def _container(value: object, level: int, add: Callable[[str], object]) -> None:
    """A dict or a list, indented as json.dumps indents it at ``level``."""
    if type(value) is dict:
        _dict(value, level, add)
    else:
        _list(value, level, add)  # type: ignore[arg-type]


def _dict(value: dict[Any, Any], level: int, add: Callable[[str], object]) -> None:
    if not value:
        add("{}")
        return
    inner, mark = "\n" + " " * (_INDENT * (level + 1)), "{"
    for key, item in value.items():
        if type(key) is not str:
            raise _Unusual
        head = mark + inner + encode_basestring(key) + ": "
        kind = type(item)
        if kind is str:
            add(head + encode_basestring(item))
        elif kind is float:
            add(head + _finite(item))
        elif item is None:
            add(head + "null")
        elif kind is dict or kind is list:
            add(head)
            _container(item, level + 1, add)
        else:
            add(head + _scalar(item))
        mark = ","
    add("\n" + " " * (_INDENT * level) + "}")


def _list(value: list[Any], level: int, add: Callable[[str], object]) -> None:
    if not value:
        add("[]")
        return
    inner, mark = "\n" + " " * (_INDENT * (level + 1)), "["
    for item in value:
        kind = type(item)
        if kind is dict or kind is list:
            add(mark + inner)
            _container(item, level + 1, add)
        else:
            add(mark + inner + _scalar(item))
        mark = ","
    add("\n" + " " * (_INDENT * level) + "]")
