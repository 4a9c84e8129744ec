"""Command-line values read without pydantic.

Typer 0.29 turns every value given on the command line into its parameter's type with a
pydantic ``TypeAdapter``, built when the command runs: importing pydantic and building the
adapters of one command costs more than everything iptarget then does for the example
directory. iptarget's parameters are few kinds (text, paths, flags, and values read by its
own parsers, ``parser=``), each a line of Python; ``plain`` gives each parameter of those
kinds a coercion of its own, before Typer would build one. Any other parameter, and any
value those lines do not expect (bytes, an unreadable path), is left to Typer as before,
so every value is read, and every bad one refused, exactly as Typer would.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer.models import ParameterInfo

Convert = Callable[[Any], Any]


class _Unexpected(Exception):
    """A value that the plain coercion leaves to Typer."""


@dataclass(frozen=True)
class PlainParam(RuntimeParam):
    """Typer's coercion contract (None and iterables checked by ``coerce``), with the value
    converted by ``convert``, or by Typer's own coercion when it is unexpected."""

    convert: Convert
    descriptor: TypeDescriptor

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return self.convert(value)
        except _Unexpected:
            typer_own = build_runtime_param(self.descriptor)
            return typer_own._coerce_value(value, param=param, ctx=ctx)


def plain(params: Iterable[Any]) -> None:
    """Give each parameter of a command that plain Python reads its own coercion."""
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", True) is not None:
            continue  # not a Typer parameter, or its coercion is already built
        convert = converter(descriptor)
        if convert is not None:
            param._runtime_param = PlainParam(
                descriptor.parameter_info, descriptor.annotation, convert, descriptor
            )


def converter(descriptor: TypeDescriptor) -> Convert | None:
    """How to read a parameter's values, or None to leave them to Typer."""
    if descriptor.file_annotation is not None or descriptor.is_tuple:
        return None
    info = descriptor.parameter_info
    if descriptor.is_list:
        (item,) = getattr(descriptor.annotation, "__args__", (None,))
        one = _one(item, info)
        return None if one is None else _each(one)
    return _one(descriptor.annotation, info)


def _one(annotation: Any, info: ParameterInfo) -> Convert | None:
    if info.parser is not None:
        return info.parser
    if annotation is str:
        return _text
    if annotation is bool:
        return _flag
    if annotation is Path and _plain_path(info):
        return _readable_path if info.readable else _path
    return None


def _each(one: Convert) -> Convert:
    def convert(values: Any) -> list[Any]:
        return [one(value) for value in values]

    return convert


def _plain_path(info: ParameterInfo) -> bool:
    """A path that Typer only makes a Path of (and, when it exists, checks it can be read)."""
    return (
        not info.exists
        and info.file_okay
        and info.dir_okay
        and not info.writable
        and not info.resolve_path
        and not info.allow_dash
        and info.path_type is None
    )


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise _Unexpected


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise _Unexpected


def _path(value: Any) -> Path:
    if isinstance(value, str | Path):
        return Path(value)
    raise _Unexpected


def _readable_path(value: Any) -> Path:
    path = _path(value)
    if os.path.exists(path) and not os.access(path, os.R_OK):
        raise _Unexpected  # Typer says it is not readable
    return path
