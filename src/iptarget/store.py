"""Find and read a target directory, and check it as a whole. The only module that does I/O."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import gc
import os
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import toml_rs
from pydantic import BaseModel, TypeAdapter, ValidationError

from iptarget.errors import Problem, UserError, unknown
from iptarget.models import (
    ID_PATTERN,
    SCHEMA_KINDS,
    Actual,
    Directory,
    Key,
    Metric,
    Policy,
    PolicyEntry,
    Region,
    Target,
    Value,
    ValueTable,
    schema_text,
)
from iptarget.periods import Period, parse_period
from iptarget.values import (
    derive_ratios,
    parse_figure,
    ratio_order,
    recorded_table,
)

# difflib, tempfile and tomli_w are imported where they are used: reading needs none of them.
M = TypeVar("M", bound=BaseModel)
#: Where ``init`` and ``schema --write`` put the JSON Schemas, inside the target directory.
SCHEMA_DIR = "schema"
_ID = re.compile(ID_PATTERN)
_ID_RULE = (
    "not a valid id (lower-case letters, digits, '_' and '-', starting with a letter or digit)"
)


def load(root: Path) -> Directory:
    """Read and check a whole target directory; raise UserError listing every problem."""
    directory, problems = read(root)
    if problems:
        raise UserError(problems)
    return directory


def read(root: Path) -> tuple[Directory, list[Problem]]:
    """Read a target directory: what could be read, and every problem found."""
    reader = _reader(root)
    return reader.read(), reader.problems


def _reader(root: Path) -> _Reader:
    if not root.is_dir():
        raise UserError.single(
            str(root), "", "no target directory here (give --dir or set IPTARGET_DIR)"
        )
    return _Reader(root)


@contextlib.contextmanager
def _reading() -> Iterator[None]:
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


_NO_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"


class _Reader:
    """Collects the entries of every file and every problem on the way."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.actuals: list[tuple[str, Actual]] = []
        self.files: dict[str, list[Actual]] = {}  # the actuals of each file, in file order

    def problem(self, path: str, where: str, message: str) -> None:
        self.problems.append(Problem(path, where, message))

    def read(self) -> Directory:
        with _reading():
            return self._read()

    def _read(self) -> Directory:
        metrics = self._read_tables("metrics.toml", "metric", Metric)
        regions = self._read_tables("regions.toml", "region", Region)
        policies = [self._read_policy(path) for path in self._files("policies")]
        actuals = self.actuals
        for path in self._files("actuals"):
            actuals.extend(self._read_actuals(path))
        entries = tuple(entry for entry in policies if entry is not None)
        self._check_metrics(metrics)
        self._check_regions(regions)
        self._check_targets(entries, metrics, regions)
        recorded = recorded_table(actual for _, actual in actuals)
        if not _actuals_look_right(recorded, len(actuals), metrics, regions):
            self._check_actuals(actuals, metrics, regions)  # find and name each problem
        values = derive_ratios(metrics, recorded)
        self._check_derived(values, metrics)
        return Directory(metrics, regions, entries, len(actuals), values)

    # -- files ------------------------------------------------------------------

    def _files(self, folder: str) -> list[Path]:
        directory = self.root / folder
        if not directory.is_dir():
            return []
        return sorted(path for path in directory.glob("*.toml") if path.is_file())

    def _toml(self, path: Path, allowed: tuple[str, ...]) -> dict[str, Any] | None:
        """A TOML file's top-level table, or None after reporting why it cannot be read."""
        display = str(path)
        try:
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
        try:
            raw = toml_rs.loads(text, toml_version="1.0.0")
        except toml_rs.TOMLDecodeError as error:
            self.problem(display, "", _decode_error(error.msg))
            return None
        for key in raw:
            if key not in allowed:
                self.problem(display, "", _unknown_key(key, allowed, "table"))
        return raw

    def _table(self, display: str, raw: dict[str, Any], key: str) -> dict[str, Any]:
        """The ``[key.<id>]`` tables of a file, each id checked."""
        table = raw.get(key, {})
        if not isinstance(table, dict):
            self.problem(display, "", f"{key}: should be tables such as [{key}.<id>]")
            return {}
        for entry_id in table:
            if not _ID.match(entry_id):
                self.problem(display, f'{key} "{entry_id}"', _ID_RULE)
        return {entry_id: value for entry_id, value in table.items() if _ID.match(entry_id)}

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
                self.problem(display, where, _field_message(model, detail))
            return None
        if isinstance(entry, Metric | Target):
            for field, message in entry.issues():
                self.problem(display, where, f"{field}: {message}")
        return entry

    def _read_tables(self, name: str, key: str, model: type[M]) -> dict[str, M]:
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

    def _read_policy(self, path: Path) -> PolicyEntry | None:
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
            target = self._validate(Target, data, display, _target_label(data, index))
            if target is not None:
                targets.append(target)
        if policy is None:
            return None
        stem = path.relative_to(self.root / "policies").with_suffix("").as_posix()
        relative = path.relative_to(self.root).as_posix()
        return PolicyEntry(display, relative, stem, policy, tuple(targets))

    def _read_actuals(self, path: Path) -> list[tuple[str, Actual]]:
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
            actual = self._validate(Actual, data, display, _actual_label(data, index))
            if actual is not None:
                actuals.append(actual)
        return actuals

    # -- rules across files -----------------------------------------------------------

    def _metrics_path(self) -> str:
        return str(self.root / "metrics.toml")

    def _check_metrics(self, metrics: Mapping[str, Metric]) -> None:
        display = self._metrics_path()
        for metric_id, metric in metrics.items():
            for field in ("numerator", "denominator"):
                part = getattr(metric, field)
                if part is not None and part not in metrics:
                    self.problem(
                        display,
                        f'metric "{metric_id}"',
                        f"{field}: {unknown(part, metrics, 'metric')}",
                    )
        for cycle in ratio_order(metrics)[1]:
            self.problem(
                display,
                f'metric "{cycle[0]}"',
                f"ratio metrics are built on each other in a cycle: {' -> '.join(cycle)}",
            )

    def _check_regions(self, regions: Mapping[str, Region]) -> None:
        display = str(self.root / "regions.toml")
        for region_id, region in regions.items():
            if region.parent is not None and region.parent not in regions:
                self.problem(
                    display,
                    f'region "{region_id}"',
                    f"parent: {unknown(region.parent, regions, 'region')}",
                )
                continue
            seen = [region_id]
            parent = region.parent
            while parent is not None and parent in regions and parent not in seen:
                seen.append(parent)
                parent = regions[parent].parent
            if parent == region_id:
                self.problem(
                    display,
                    f'region "{region_id}"',
                    f"parent: regions are each other's parents: {' -> '.join([*seen, region_id])}",
                )

    def _check_targets(
        self,
        entries: tuple[PolicyEntry, ...],
        metrics: Mapping[str, Metric],
        regions: Mapping[str, Region],
    ) -> None:
        first_seen: dict[str, str] = {}
        for entry in entries:
            if entry.policy.region is not None and entry.policy.region not in regions:
                self.problem(
                    entry.path,
                    "policy",
                    f"region: {unknown(entry.policy.region, regions, 'region')}",
                )
            for target in entry.targets:
                where = f'target "{target.id}"'
                if target.id in first_seen:
                    self.problem(
                        entry.path,
                        where,
                        f"id: already used by a target in {first_seen[target.id]}",
                    )
                else:
                    first_seen[target.id] = entry.path
                if target.metric not in metrics:
                    self.problem(
                        entry.path, where, f"metric: {unknown(target.metric, metrics, 'metric')}"
                    )
                if target.region is None and entry.policy.region is None:
                    self.problem(
                        entry.path, where, "region: required (or give the [policy] a region)"
                    )
                elif target.region is not None and target.region not in regions:
                    self.problem(
                        entry.path, where, f"region: {unknown(target.region, regions, 'region')}"
                    )
                metric = metrics.get(target.metric)
                if metric is not None:
                    for field in ("at_least", "at_most", "baseline_value"):
                        amount = getattr(target, field)
                        reason = None if amount is None else metric.out_of_bounds(amount)
                        if reason:
                            self.problem(entry.path, where, f"{field}: {reason}")

    def _check_actuals(
        self,
        actuals: list[tuple[str, Actual]],
        metrics: Mapping[str, Metric],
        regions: Mapping[str, Region],
    ) -> None:
        first_seen: dict[tuple[str, str, Period], str] = {}
        for display, actual in actuals:
            found = []
            key = (actual.metric, actual.region, actual.period)
            if key in first_seen:
                place = "this file" if first_seen[key] == display else first_seen[key]
                found.append(f"recorded twice: already in {place}")
            else:
                first_seen[key] = display
            metric = metrics.get(actual.metric)
            if metric is None:
                found.append(f"metric: {unknown(actual.metric, metrics, 'metric')}")
            elif reason := metric.out_of_bounds(actual.value):
                found.append(f"value: {reason}")
            if actual.region not in regions:
                found.append(f"region: {unknown(actual.region, regions, 'region')}")
            for message in found:
                where = _actual_where(actual.metric, actual.region, str(actual.period))
                self.problem(display, where, message)

    def _check_derived(
        self, values: Mapping[tuple[str, str], Mapping[Period, Any]], metrics: Mapping[str, Metric]
    ) -> None:
        display = self._metrics_path()
        for (metric_id, region), periods in values.items():
            metric = metrics.get(metric_id)
            if metric is None or not metric.is_ratio:
                continue
            for period, value in periods.items():
                reason = metric.out_of_bounds(value.value) if value.derived else None
                if reason:
                    self.problem(
                        display,
                        f'metric "{metric_id}"',
                        f"the value derived for {region} {period} from "
                        f"{metric.numerator}/{metric.denominator}: {reason}",
                    )


_PARSE_ERROR = re.compile(r"TOML parse error (at line \d+, column \d+)\n(?:.*\n)*?\s*\|\s*\^+\n")


def _decode_error(message: str) -> str:
    """toml-rs's report (position, a quoted line, a caret, the reason) as one line."""
    match = _PARSE_ERROR.match(message)
    if match is None:
        return "invalid TOML: " + " ".join(line.strip() for line in message.splitlines())
    reason = " ".join(line.strip() for line in message[match.end() :].splitlines())
    return f"invalid TOML {match[1]}: {reason}"


def _actuals_look_right(
    recorded: Mapping[Key, Mapping[Period, Value]],
    count: int,
    metrics: Mapping[str, Metric],
    regions: Mapping[str, Region],
) -> bool:
    """Whether the actuals keep every rule, judged a series at a time, not a figure at a time.

    As many recorded values as actuals means no period is recorded twice; then each
    (metric, region) series is checked once against the ids and the metric's bounds.
    """
    if sum(map(len, recorded.values())) != count:
        return False
    for (metric_id, region), periods in recorded.items():
        metric = metrics.get(metric_id)
        if metric is None or region not in regions:
            return False
        if metric.min is not None and min(value.value for value in periods.values()) < metric.min:
            return False
        if metric.max is not None and max(value.value for value in periods.values()) > metric.max:
            return False
    return True


def _unknown_key(key: str, allowed: tuple[str, ...] | list[str], what: str = "key") -> str:
    import difflib

    close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.6)
    hint = f'did you mean "{close[0]}"?' if close else f"expected one of: {', '.join(allowed)}"
    return f'unknown {what} "{key}" ({hint})'


def _field_message(model: type[BaseModel], detail: Mapping[str, Any]) -> str:
    """One pydantic error as 'field: message', worded for people who write TOML."""
    field = ".".join(str(part) for part in detail["loc"])
    kind = detail["type"]
    if kind == "extra_forbidden":
        return _unknown_key(field, list(model.model_fields))
    if kind == "missing":
        return f"{field}: required, but missing"
    if kind == "value_error":
        return f"{field}: {detail['ctx']['error']}"
    if kind == "string_pattern_mismatch":
        return f"{field}: {detail['input']!r} is {_ID_RULE}"
    message = str(detail["msg"]).replace("Input should be", "should be")
    return f"{field}: {message} (got {detail['input']!r})"


def _target_label(data: object, index: int) -> str:
    target_id = data.get("id") if isinstance(data, dict) else None
    if isinstance(target_id, str) and target_id:
        return f'target "{target_id}"'
    return f"target #{index + 1}"


@functools.cache
def _actual_list() -> TypeAdapter[list[Actual]]:
    """Validates a whole file's actuals in one call, the common case of a file with no error."""
    return TypeAdapter(list[Actual])


def _actual_where(metric: object, region: object, period: object) -> str:
    return f"actual ({metric}, {region}, {period})"


def _actual_label(data: object, index: int) -> str:
    if isinstance(data, dict) and all(key in data for key in ("metric", "region", "period")):
        return _actual_where(data["metric"], data["region"], data["period"])
    return f"actual #{index + 1}"


# -- recording figures -----------------------------------------------------------------------


@dataclass(frozen=True)
class Recorded:
    """What ``record`` did: the file it wrote, the figure it replaced, the data before and after."""

    path: str
    actual: Actual
    replaced: Actual | None
    before: Directory
    after: Directory


@dataclass(frozen=True)
class NewFigure:
    """A figure as given on the command line or in a CSV row, not yet checked."""

    metric: str
    region: str
    period: str
    value: str
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Change:
    """One figure written: the file, the new actual and the one it replaced, if any."""

    path: str
    actual: Actual
    replaced: Actual | None


@dataclass(frozen=True)
class Imported:
    """What ``import_figures`` did (or, in a dry run, would do)."""

    changes: list[Change]
    unchanged: int  # rows that repeat a recorded figure exactly: value, source and note
    before: Directory
    after: Directory


FieldIssue = tuple[str, str]
"""Something wrong with one field of a new figure: (field, message)."""


def record(root: Path, figure: NewFigure, replace: bool, today: datetime.date) -> Recorded:
    """Add one figure to ``actuals/<region>.toml``, or replace one, under an exclusive lock.

    The whole directory is read and checked again under the lock, so concurrent runs all
    land; the file is written whole to a temporary file and renamed over the old one, so a
    crash leaves the old file or the new one. Nothing changes on disk on any error.
    """
    reader = _reader(root)
    with _locked(root), _reading():
        before = _read_valid(reader, root)
        actual, issues = _new_actual(figure, before, today)
        if issues or actual is None:
            raise UserError([Problem(field.upper(), "", message) for field, message in issues])
        (change,) = _changes(reader, root, before, [actual])
        if change.replaced is not None and not replace:
            source = f" (source: {change.replaced.source})" if change.replaced.source else ""
            raise UserError.single(
                change.path,
                _actual_where(actual.metric, actual.region, str(actual.period)),
                f"already recorded: {change.replaced.value:g}{source}; add --replace to change it",
            )
        _write_changes(reader, [change])
    after = _after(before, [change])
    return Recorded(change.path, actual, change.replaced, before, after)


def import_figures(
    root: Path, csv_rows: CsvRows, replace: bool, today: datetime.date, dry_run: bool = False
) -> Imported:
    """Record many figures (CSV rows, each with its line number) all together or not at all.

    Every row is checked first, against the directory and against the other rows; any
    problem, named ``source: line N: field: message``, stops the import before anything is
    written. Each file is then written as ``record`` writes one, under the same lock.
    """
    reader = _reader(root)
    with _locked(root), _reading():
        before = _read_valid(reader, root)
        problems = list(csv_rows.problems)
        actuals: list[Actual] = []
        unchanged = 0
        lines: dict[tuple[str, str, Period], int] = {}
        for line, figure in csv_rows.figures:
            actual, issues = _new_actual(figure, before, today)
            if actual is not None and not issues:
                key = (actual.metric, actual.region, actual.period)
                existing = _recorded(before.values, actual)
                if key in lines:
                    issues.append(("period", f"{actual.period} is also on line {lines[key]}"))
                elif existing is not None and not replace and not _same(existing, actual):
                    issues.append(
                        (
                            "period",
                            f"{actual.period} is already recorded ({existing.value:g}); "
                            "add --replace to change it",
                        )
                    )
                lines.setdefault(key, line)
                if existing is not None and _same(existing, actual):
                    unchanged += 1
                else:
                    actuals.append(actual)
            for field, message in issues:
                problems.append(Problem(csv_rows.path, f"line {line}", f"{field}: {message}"))
        if problems:
            raise UserError(sorted(problems, key=lambda problem: int(problem.where[5:])))
        changes = _changes(reader, root, before, actuals)
        if not dry_run:
            _write_changes(reader, changes)
    return Imported(changes, unchanged, before, _after(before, changes))


def _same(value: Value, actual: Actual) -> bool:
    """Whether a new figure repeats a recorded one: then importing it changes nothing."""
    return (value.value, value.source, value.note) == (actual.value, actual.source, actual.note)


def _read_valid(reader: _Reader, root: Path) -> Directory:
    """The directory, which must validate before anything is written into it."""
    directory = reader.read()
    if reader.problems:
        fix = Problem(str(root), "", "does not validate; fix these first (iptarget validate):")
        raise UserError([fix, *reader.problems])
    return directory


def _changes(reader: _Reader, root: Path, before: Directory, actuals: list[Actual]) -> list[Change]:
    """Where each new figure goes: over the figure it replaces, else actuals/<region>.toml."""
    changes = []
    for actual in actuals:
        path, replaced = str(root / "actuals" / f"{actual.region}.toml"), None
        if _recorded(before.values, actual) is not None:
            path, replaced = _find(reader.files, path, actual)
        changes.append(Change(path, actual, replaced))
    return changes


def _write_changes(reader: _Reader, changes: list[Change]) -> None:
    """Write each file the changes touch, whole and atomically, with the rest of its figures."""
    by_path: dict[str, list[Change]] = {}
    for change in changes:
        by_path.setdefault(change.path, []).append(change)
    for path, here in by_path.items():
        replaced = {id(change.replaced) for change in here if change.replaced is not None}
        kept = [old for old in reader.files.get(path, []) if id(old) not in replaced]
        _write_actuals(Path(path), [*kept, *(change.actual for change in here)])


def _after(before: Directory, changes: list[Change]) -> Directory:
    """The directory once the changes are written, without reading it again."""
    added = sum(change.replaced is None for change in changes)
    values = _with_figures(before, [change.actual for change in changes])
    return replace_values(before, values, before.actual_count + added)


def _recorded(values: ValueTable, actual: Actual) -> Value | None:
    """The value recorded (not derived) for the figure's metric, region and period, if any."""
    value = values.get((actual.metric, actual.region), {}).get(actual.period)
    return None if value is None or value.derived else value


def _find(files: Mapping[str, list[Actual]], first: str, actual: Actual) -> tuple[str, Actual]:
    """The file and entry that record the figure's period: in ``first``, else in any file."""
    key = (actual.metric, actual.region, actual.period)
    for path in [first, *files]:
        for old in files.get(path, []):
            if (old.metric, old.region, old.period) == key:
                return path, old
    raise LookupError(f"no actual recorded for {key}")


def _with_figures(directory: Directory, actuals: list[Actual]) -> ValueTable:
    """The value table with figures recorded: their regions' values derived again.

    Ratios are derived within a region, so the other regions' values stand as they are and
    recording a figure costs the same whatever the number of regions.
    """
    regions = {actual.region for actual in actuals}
    recorded: dict[Key, dict[Period, Value]] = {}
    values: dict[Key, Mapping[Period, Value]] = {}
    for key, periods in directory.values.items():
        if key[1] not in regions:
            values[key] = periods
        elif kept := {period: value for period, value in periods.items() if not value.derived}:
            recorded[key] = kept
    for actual in actuals:
        figure = Value(actual.period, actual.value, False, actual.source, actual.note)
        recorded.setdefault((actual.metric, actual.region), {})[actual.period] = figure
    values.update(derive_ratios(directory.metrics, recorded))
    return values


def _new_actual(
    figure: NewFigure, directory: Directory, today: datetime.date
) -> tuple[Actual | None, list[FieldIssue]]:
    """The figure as an Actual, and everything wrong with it, field by field.

    Malformed ids, periods and values; unknown metrics and regions; values outside the
    metric's bounds; periods that have not ended.
    """
    issues: list[FieldIssue] = []
    for name, text, known in (
        ("metric", figure.metric, directory.metrics),
        ("region", figure.region, directory.regions),
    ):
        if not _ID.match(text):
            issues.append((name, f"{text!r} is {_ID_RULE}"))
        elif text not in known:
            issues.append((name, unknown(text, known, name)))
    period = value = None
    try:
        period = parse_period(figure.period)
    except ValueError as error:
        issues.append(("period", str(error)))
    else:
        if period.end > today:
            message = f"{period} ends after today ({today}); record it once it has ended"
            issues.append(("period", message))
    try:
        value = parse_figure(figure.value)
    except ValueError as error:
        issues.append(("value", str(error)))
    else:
        metric = directory.metrics.get(figure.metric)
        if metric is not None and (reason := metric.out_of_bounds(value)):
            issues.append(("value", reason))
    if issues or period is None or value is None:
        return None, issues
    actual = Actual(
        metric=figure.metric,
        region=figure.region,
        period=period,
        value=value,
        source=figure.source or None,
        note=figure.note or None,
        recorded=today,
    )
    return actual, issues


def replace_values(directory: Directory, values: ValueTable, actual_count: int) -> Directory:
    """The same directory with another value table."""
    return dataclasses.replace(directory, values=values, actual_count=actual_count)


def actual_table(actual: Actual) -> dict[str, Any]:
    """One actual as the TOML table ``add-actual`` writes (no empty keys, canonical period)."""
    return {
        key: str(value) if key == "period" else value
        for key, value in actual.model_dump().items()
        if value is not None
    }


def dump_actuals(actuals: list[Actual]) -> str:
    """An actuals file: every figure, sorted by metric, then period, then region."""
    import tomli_w

    ordered = sorted(actuals, key=lambda actual: (actual.metric, actual.period, actual.region))
    return tomli_w.dumps({"actual": [actual_table(actual) for actual in ordered]})


def _write_actuals(path: Path, actuals: list[Actual]) -> None:
    """Write an actuals file whole, with the ``#:schema`` line when the directory has one."""
    header = ""
    if (path.parent.parent / SCHEMA_DIR / "actuals.json").is_file():
        header = f"{ACTUALS_SCHEMA_LINE}\n"
    with _writing(path):
        path.parent.mkdir(exist_ok=True)
        write_atomic(path, (header + dump_actuals(actuals)).encode("utf-8"))


#: The first line of an actuals file in a directory with schemas, for Taplo-based editors.
ACTUALS_SCHEMA_LINE = f"#:schema ../{SCHEMA_DIR}/actuals.json"


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[None]:
    """Turn a failed write into a user-facing problem naming the file."""
    try:
        yield
    except OSError as error:
        raise UserError.single(str(path), "", f"cannot write: {error.strerror or error}") from None


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole: a flushed temporary file beside it, renamed over it."""
    import tempfile

    if path.exists():
        mode = path.stat().st_mode & 0o777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_directory(path.parent)


def _sync_directory(directory: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened."""
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


@contextlib.contextmanager
def _locked(root: Path) -> Iterator[None]:
    """An exclusive lock on the target directory, held while a command reads and writes."""
    if sys.platform == "win32":  # pragma: no cover - no Windows CI yet
        import msvcrt

        with open(root / ".iptarget.lock", "a+b") as file:
            msvcrt.locking(file.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                file.seek(0)
                msvcrt.locking(file.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        handle = os.open(root, os.O_RDONLY)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        finally:
            os.close(handle)


def id_lines(path: str) -> dict[str, int]:
    """The line of each ``id = "…"`` in a policy file, for annotations that point at a target."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _ID_LINE.match(line)
        if match:
            lines.setdefault(match[1] or match[2], number)
    return lines


_ID_LINE = re.compile(r"""\s*id\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def write_report(path: Path, text: str) -> None:
    """Write a report file (a JUnit XML file) whole, or say why it cannot be written."""
    with _writing(path):
        write_atomic(path, text.encode("utf-8"))


def append_report(path: Path, text: str) -> None:
    """Append to a report file such as GitHub's step summary."""
    with _writing(path), path.open("a", encoding="utf-8") as file:
        file.write(text)


# -- new directories and schemas ----------------------------------------------------------


def write_schemas(root: Path) -> list[Path]:
    """Write the JSON Schema of every file kind to ``<root>/schema/<kind>.json``."""
    if not root.is_dir():
        raise UserError.single(str(root), "", "no target directory here (give --dir)")
    folder = root / SCHEMA_DIR
    with _writing(folder):
        folder.mkdir(exist_ok=True)
    written = []
    for kind in SCHEMA_KINDS:
        path = folder / f"{kind}.json"
        with _writing(path):
            write_atomic(path, schema_text(kind).encode("utf-8"))
        written.append(path)
    return written


def init(root: Path) -> list[Path]:
    """A new target directory with commented example files that validate; nothing else.

    The files are made in a temporary directory beside ``root`` and moved into place in
    one rename, so a failure leaves nothing behind, and an existing directory with
    anything in it is refused.
    """
    import shutil
    import tempfile
    from importlib.resources import as_file, files

    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise UserError.single(
            str(root), "", "already exists and is not empty; init makes a new target directory"
        )
    parent = root.absolute().parent
    with _writing(root):
        parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=parent, prefix=f".{root.name}."))
        try:
            with as_file(files("iptarget") / "starter") as starter:
                shutil.copytree(starter, work, dirs_exist_ok=True)
            (work / "actuals").mkdir()
            write_schemas(work)
            if root.exists():
                root.rmdir()  # empty, as checked above
            work.rename(root)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
    return sorted(path for path in root.rglob("*") if path.is_file())


# -- CSV ---------------------------------------------------------------------------------------

#: The columns ``import`` reads; ``derived`` is the column ``export`` adds (such rows are skipped).
CSV_REQUIRED = ("metric", "region", "period", "value")
CSV_COLUMNS = (*CSV_REQUIRED, "source", "note", "derived")


@dataclass(frozen=True)
class CsvRows:
    """The rows of a CSV file as figures, by line; derived rows skipped; rows of a bad shape."""

    path: str
    figures: list[tuple[int, NewFigure]]
    skipped: int
    problems: list[Problem]


def read_csv(path: Path) -> CsvRows:
    """The figures of a CSV file with their line numbers, and how many derived rows it skipped.

    The header names the columns (any order; metric, region, period and value required,
    source and note optional). UTF-8 with or without a byte-order mark; separated by commas
    or semicolons, whichever the header uses. A bad header stops here; a row of the wrong
    shape is kept as a problem, to be reported with the problems of the other rows.
    """
    import csv
    import io

    display = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise UserError.single(display, "", "file not found") from None
    except UnicodeDecodeError as error:
        raise UserError.single(display, "", f"not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        raise UserError.single(display, "", f"cannot read: {error.strerror}") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    problems: list[Problem] = []
    rows: list[tuple[int, NewFigure]] = []
    skipped = 0
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        for name in header:
            if name not in CSV_COLUMNS:
                problems.append(
                    Problem(display, "line 1", _unknown_key(name, CSV_COLUMNS, "column"))
                )
        for name in CSV_REQUIRED:
            if name not in header:
                problems.append(Problem(display, "line 1", f'the column "{name}" is missing'))
        if len(set(header)) != len(header):
            problems.append(Problem(display, "line 1", "a column is named twice"))
        if problems:
            raise UserError(problems)
        line = reader.line_num
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(header):
                message = f"{len(cells)} cells where the header has {len(header)} columns"
                problems.append(Problem(display, f"line {start}", message))
                continue
            row = {name: cell.strip() for name, cell in zip(header, cells, strict=True)}
            if row.get("derived", "").lower() in ("true", "1", "yes"):
                skipped += 1
                continue
            figure = NewFigure(
                row["metric"],
                row["region"],
                row["period"],
                row["value"],
                row.get("source") or None,
                row.get("note") or None,
            )
            rows.append((start, figure))
    except csv.Error as error:
        problems.append(Problem(display, f"line {reader.line_num}", f"not valid CSV: {error}"))
    if not rows and not skipped and not problems:
        raise UserError.single(display, "", "no rows under the header")
    return CsvRows(display, rows, skipped, problems)


# -- shell completion ----------------------------------------------------------------------


def ids(root: Path, kind: str) -> list[str]:
    """The ids of one kind (metric, region, target, policy) for shell completion.

    Read quickly and without checks, and never failing: a completion that cannot read the
    directory offers nothing rather than an error in the middle of the user's typing.
    """
    found: list[str] = []
    try:
        if kind in ("metric", "region"):
            table = toml_rs.loads((root / f"{kind}s.toml").read_text(encoding="utf-8"))
            found = [key for key in table.get(kind, {}) if isinstance(key, str)]
        elif kind == "policy":
            found = [path.stem for path in (root / "policies").glob("*.toml")]
        elif kind == "target":
            for path in (root / "policies").glob("*.toml"):
                with contextlib.suppress(OSError, ValueError):
                    data = toml_rs.loads(path.read_text(encoding="utf-8"))
                    targets = data.get("target", [])
                    found += [t["id"] for t in targets if isinstance(t, dict) and "id" in t]
    except (OSError, ValueError, AttributeError):
        return []
    return sorted(item for item in found if isinstance(item, str))
