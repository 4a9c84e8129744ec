"""Finding and parsing the TOML files of a target directory, and saying why one cannot be read."""

from __future__ import annotations

import contextlib
import gc
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import toml_rs

from iptarget.errors import Kind, Problem, Subject, Text, text
from iptarget.store.messages import toml_error
from iptarget.store.toml_scan import MAX_DEPTH, too_deep
from iptarget.texts import files
from iptarget.texts.rules import unknown_key
from iptarget.texts.usage import os_reason
from iptarget.texts.words import KIND_TABLE

#: What is said of a folder of the target directory that is missing or not a directory.
_FOLDER_MISSING = {"policies": files.NO_POLICIES, "actuals": files.NO_ACTUALS}
_NOT_A_FOLDER = {"policies": files.POLICIES_NOT_DIRECTORY, "actuals": files.ACTUALS_NOT_DIRECTORY}


def toml_files(
    root: Path, folder: str, problems: list[Problem], required: bool = True
) -> list[Path]:
    """The ``*.toml`` entries of policies/ or actuals/, which must be directories (fail
    closed: without actuals/ every figure would be ignored); a writer, which makes actuals/
    when it records, reads a missing one as empty (``required`` False)."""
    directory = root / folder
    if not directory.is_dir():
        if os.path.lexists(directory):
            _add(problems, str(directory), text(_NOT_A_FOLDER[folder]))
        elif required:
            _add(problems, str(directory), text(_FOLDER_MISSING[folder]))
        return []
    try:
        return sorted(path for path in directory.iterdir() if path.suffix == ".toml")
    except OSError as error:
        _add(problems, str(directory), text(files.CANNOT_READ, reason=os_reason(error)))
        return []


def read_toml(
    path: Path, allowed: tuple[str, ...], problems: list[Problem]
) -> dict[str, Any] | None:
    """A TOML file's top-level table, or None after reporting why it cannot be read."""
    display = str(path)
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            _add(problems, display, text(files.NOT_REGULAR))
            return None
        data = path.read_bytes()
        content = data.decode("utf-8")
    except FileNotFoundError:
        _add(problems, display, text(files.FILE_MISSING))
        return None
    except UnicodeDecodeError as error:
        _add(problems, display, text(files.NOT_UTF8, byte=error.start))
        return None
    except OSError as error:
        _add(problems, display, text(files.CANNOT_READ, reason=os_reason(error)))
        return None
    deep = too_deep(content, data)
    if deep is not None:
        subject = Subject(Kind.LINE, number=deep)
        problems.append(Problem(display, text(files.TOO_DEEP, depth=MAX_DEPTH), subject, deep))
        return None
    try:
        raw = toml_rs.loads(content, toml_version="1.0.0")
    except toml_rs.TOMLDecodeError as error:
        said, line = toml_error(error.msg, content)
        problems.append(Problem(display, said, line=line))
        return None
    for key in raw:
        if key not in allowed:
            _add(problems, display, unknown_key(key, allowed, KIND_TABLE))
    return raw


def holds_only(path: Path, region: str) -> bool:
    """Whether an actuals file certainly holds figures of ``region`` alone (or none): every
    ``region`` in its text begins ``region = "<region>"``, as iptarget writes it. Any other
    spelling, a comment or a source that says "region", or a file that cannot be read says
    no, and the file is read."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return data.count(b"region") == data.count(b'region = "' + region.encode("utf-8") + b'"')


def _add(problems: list[Problem], origin: str, said: Text) -> None:
    problems.append(Problem(origin, said))


_NO_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"


@contextlib.contextmanager
def quiet_reading() -> Iterator[None]:
    """While a directory is read: no cycle collection and no pydantic plugins.

    Reading creates some 10^5 objects per 100,000 figures, none of them in a reference
    cycle, so reference counting frees them all; the cycle collector would only walk them
    again and again, a third of the reading time at national scale.

    The models' validators are built here, on first use. Pydantic would look for plugins
    (third-party instrumentation) in the metadata of every installed package as it builds
    them, some 50 ms per command; iptarget's file checks have no use for them. Typer
    disables them the same way for its own parameters.
    """
    enabled = gc.isenabled()
    plugins = os.environ.get(_NO_PLUGINS)
    gc.disable()
    os.environ[_NO_PLUGINS] = "__all__"
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        if plugins is None:
            del os.environ[_NO_PLUGINS]
        else:
            os.environ[_NO_PLUGINS] = plugins


class Parsed:
    """Actuals files already parsed and validated, by content: the two sides of a diff
    share most of their files, and each is parsed once. A file is kept as what it was read
    into (its figures, or its entries when the model read it), keyed by its bytes."""

    def __init__(self) -> None:
        self._read: dict[bytes, Any] = {}

    def get(self, path: Path) -> tuple[bytes | None, Any]:
        """A file's bytes (None when it cannot be read: read_toml says why), and what a
        file with these bytes was read into, when one was read before."""
        try:
            content = path.read_bytes()
        except OSError:
            return None, None
        return content, self._read.get(content)

    def put(self, content: bytes | None, read: Any) -> None:
        """Remember what a file with these bytes was read into (only for a file without
        problems; the caller hands a copy that nothing else changes)."""
        if content is not None:
            self._read[content] = read
