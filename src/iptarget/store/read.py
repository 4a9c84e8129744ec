"""Find and parse the files of a target directory into a dataset, naming every problem."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import re
import stat
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import toml_rs
from pydantic import BaseModel, TypeAdapter, ValidationError

from iptarget.core import dataset as core
from iptarget.errors import Problem, UserError, unknown_key
from iptarget.models.files import Actual, Metric, Policy, Region, Target
from iptarget.periods import Period
from iptarget.store import checks
from iptarget.store.convert import core_metric, core_target
from iptarget.store.messages import (
    ID,
    ID_RULE,
    actual_label,
    field_message,
    target_label,
    toml_error,
)
from iptarget.store.toml_scan import MAX_DEPTH, too_deep

M = TypeVar("M", bound=BaseModel)
_NO_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"
NOT_REGULAR = "not a regular file (a FIFO, device, socket or directory is never read)"


def load_directory(root: Path) -> core.Dataset:
    """Read and check a whole target directory; raise UserError listing every problem."""
    dataset, problems = read_directory(root)
    if problems:
        raise UserError(problems)
    return dataset


def read_directory(root: Path) -> tuple[core.Dataset, list[Problem]]:
    """Read a target directory: what could be read, and every problem found."""
    reader = Reader(root)
    return reader.read(), reader.problems


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


class Reader:
    """Parses every file of a directory, collecting the entries and every problem on the way.

    ``files`` keeps each actuals file's entries as written, for the writer to rewrite them.
    """

    def __init__(self, root: Path) -> None:
        if not root.is_dir():
            raise UserError.single(
                str(root), "", "no target directory here (give --dir or set IPTARGET_DIR)"
            )
        self.root = root
        self.problems: list[Problem] = []
        self.files: dict[str, list[Actual]] = {}

    def problem(self, origin: str, where: str, message: str) -> None:
        self.problems.append(Problem(origin, where, message))

    def read(self) -> core.Dataset:
        """The directory as a dataset; ``problems`` says what is wrong with it."""
        self.problems, self.files = [], {}
        with quiet_reading():
            return self._read()

    def _read(self) -> core.Dataset:
        metrics = {
            key: core_metric(key, entry)
            for key, entry in self._keyed_tables("metrics.toml", "metric", Metric).items()
        }
        regions = {
            key: core.Region(key, entry.name, entry.parent)
            for key, entry in self._keyed_tables("regions.toml", "region", Region).items()
        }
        parsed = [self._policy(path) for path in self._files("policies")]
        actuals: list[tuple[str, Actual]] = []
        for path in self._files("actuals"):
            actuals.extend(self._actuals(path))
        policies = tuple(policy for policy, _ in filter(None, parsed))
        own_regions = tuple(own for _, own in filter(None, parsed))
        metrics_file = str(self.root / "metrics.toml")
        self.problems += checks.metric_problems(metrics_file, metrics)
        self.problems += checks.region_problems(str(self.root / "regions.toml"), regions)
        self.problems += checks.target_problems(policies, own_regions, metrics, regions)
        recorded: dict[core.Key, dict[Period, core.Value]] = defaultdict(dict)
        for _, actual in actuals:
            recorded[actual.metric, actual.region][actual.period] = core.Value(
                actual.period, actual.value, False, actual.source, actual.note
            )  # as record._value: inline, as it runs once per figure at national scale
        if not checks.actuals_look_right(recorded, len(actuals), metrics, regions):
            self.problems += checks.actual_problems(actuals, metrics, regions)
        return core.Dataset(metrics, regions, policies, dict(recorded), len(actuals), metrics_file)

    # -- files ------------------------------------------------------------------

    def _files(self, folder: str) -> list[Path]:
        """The ``*.toml`` entries of a folder; policies/ must exist (fail closed), actuals/ not."""
        directory = self.root / folder
        if not directory.is_dir():
            if folder == "policies":
                what = "is not a directory" if directory.exists() else "is missing"
                self.problem(str(directory), "", f"{what}: every target directory has policies/")
            return []
        try:
            return sorted(path for path in directory.iterdir() if path.suffix == ".toml")
        except OSError as error:
            self.problem(str(directory), "", f"cannot read: {error.strerror}")
            return []

    def _toml(self, path: Path, allowed: tuple[str, ...]) -> dict[str, Any] | None:
        """A TOML file's top-level table, or None after reporting why it cannot be read."""
        display = str(path)
        try:
            if not stat.S_ISREG(path.stat().st_mode):
                self.problem(display, "", NOT_REGULAR)
                return None
            text = path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            self.problem(display, "", "file not found (every target directory has one)")
            return None
        except UnicodeDecodeError as error:
            self.problem(display, "", f"not UTF-8 text (byte {error.start})")
            return None
        except OSError as error:
            self.problem(display, "", f"cannot read: {error.strerror}")
            return None
        deep = too_deep(text)
        if deep is not None:
            message = f"nested too deeply (more than {MAX_DEPTH} levels of tables and arrays)"
            self.problems.append(Problem(display, f"line {deep}", message, deep))
            return None
        try:
            raw = toml_rs.loads(text, toml_version="1.0.0")
        except toml_rs.TOMLDecodeError as error:
            message = toml_error(error.msg)
            line = re.search(r"at line (\d+)", message)
            self.problems.append(Problem(display, "", message, int(line[1]) if line else None))
            return None
        for key in raw:
            if key not in allowed:
                self.problem(display, "", unknown_key(key, allowed, "table"))
        return raw

    def _table(self, display: str, raw: dict[str, Any], key: str) -> dict[str, Any]:
        """The ``[key.<id>]`` tables of a file, each id checked."""
        table = raw.get(key, {})
        if not isinstance(table, dict):
            self.problem(display, "", f"{key}: should be tables such as [{key}.<id>]")
            return {}
        for entry_id in table:
            if not ID.match(entry_id):
                self.problem(display, f'{key} "{entry_id}"', ID_RULE)
        return {entry_id: value for entry_id, value in table.items() if ID.match(entry_id)}

    def _array(self, display: str, raw: dict[str, Any], key: str) -> list[Any]:
        """The ``[[key]]`` tables of a file."""
        array = raw.get(key, [])
        if not isinstance(array, list):
            self.problem(display, "", f"{key}: should be an array of tables, written [[{key}]]")
            return []
        return array

    def _validate(self, model: type[M], data: object, display: str, where: str) -> M | None:
        """One entry as its model, or None after reporting each field that is wrong."""
        if not isinstance(data, dict):
            self.problem(display, where, "should be a table")
            return None
        try:
            entry = model.model_validate(data)
        except ValidationError as error:
            for detail in error.errors():
                self.problem(display, where, field_message(model, detail))
            return None
        if isinstance(entry, Metric | Target):
            for field, message in entry.issues():
                self.problem(display, where, f"{field}: {message}")
        return entry

    def _keyed_tables(self, name: str, key: str, model: type[M]) -> dict[str, M]:
        """metrics.toml or regions.toml: one ``[key.<id>]`` table per entry."""
        path = self.root / name
        raw = self._toml(path, (key,))
        if raw is None:
            return {}
        display = str(path)
        entries = {}
        for entry_id, data in self._table(display, raw, key).items():
            entry = self._validate(model, data, display, f'{key} "{entry_id}"')
            if entry is not None:
                entries[entry_id] = entry
        return entries

    def _policy(self, path: Path) -> tuple[core.Policy, tuple[str | None, ...]] | None:
        """A policy file, with the region each target names itself (None: the policy's)."""
        raw = self._toml(path, ("policy", "target"))
        if raw is None:
            return None
        display = str(path)
        if "policy" not in raw:
            self.problem(display, "", "the [policy] table is missing (it needs at least a title)")
            return None
        policy = self._validate(Policy, raw["policy"], display, "policy")
        targets = []
        for index, data in enumerate(self._array(display, raw, "target")):
            target = self._validate(Target, data, display, target_label(data, index))
            if target is not None:
                targets.append(target)
        if policy is None:
            return None
        stem = path.relative_to(self.root / "policies").with_suffix("").as_posix()
        relative = path.relative_to(self.root).as_posix()
        entry = core.Policy(
            path=display,
            file=relative,
            stem=stem,
            title=policy.title,
            targets=tuple(core_target(target, policy.region) for target in targets),
            issuer=policy.issuer,
            issued=policy.issued,
            source=policy.source,
            region=policy.region,
        )
        return entry, tuple(target.region for target in targets)

    def _actuals(self, path: Path) -> list[tuple[str, Actual]]:
        raw = self._toml(path, ("actual",))
        if raw is None:
            return []
        display = str(path)
        self.files[display] = self._actual_entries(display, self._array(display, raw, "actual"))
        return [(display, actual) for actual in self.files[display]]

    def _actual_entries(self, display: str, array: list[Any]) -> list[Actual]:
        """The ``[[actual]]`` entries of a file, in one call unless one of them is wrong."""
        with contextlib.suppress(ValidationError):  # then check entry by entry, naming each
            return _actual_list().validate_python(array)
        actuals = []
        for index, data in enumerate(array):
            actual = self._validate(Actual, data, display, actual_label(data, index))
            if actual is not None:
                actuals.append(actual)
        return actuals


@functools.cache
def _actual_list() -> TypeAdapter[list[Actual]]:
    """Validates a whole file's actuals in one call, the common case of a file with no error."""
    return TypeAdapter(list[Actual])
