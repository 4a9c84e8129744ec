"""Find and read a target directory, and check it as a whole. The only module that does I/O."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from iptarget.errors import Problem, UserError, unknown
from iptarget.models import (
    ID_PATTERN,
    Actual,
    Directory,
    Metric,
    Policy,
    PolicyEntry,
    Region,
    Target,
)
from iptarget.periods import Period
from iptarget.values import build_table, ratio_order

M = TypeVar("M", bound=BaseModel)
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
    if not root.is_dir():
        raise UserError.single(
            str(root), "", "no target directory here (give --dir or set IPTARGET_DIR)"
        )
    reader = _Reader(root)
    return reader.read(), reader.problems


class _Reader:
    """Collects the entries of every file and every problem on the way."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def problem(self, path: str, where: str, message: str) -> None:
        self.problems.append(Problem(path, where, message))

    def read(self) -> Directory:
        metrics = self._read_tables("metrics.toml", "metric", Metric)
        regions = self._read_tables("regions.toml", "region", Region)
        policies = [self._read_policy(path) for path in self._files("policies")]
        actuals: list[tuple[str, Actual]] = []
        for path in self._files("actuals"):
            actuals.extend(self._read_actuals(path))
        entries = tuple(entry for entry in policies if entry is not None)
        self._check_metrics(metrics)
        self._check_regions(regions)
        self._check_targets(entries, metrics, regions)
        self._check_actuals(actuals, metrics, regions)
        values = build_table(metrics, (actual for _, actual in actuals))
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
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            self.problem(display, "", f"invalid TOML: {error}")
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
        actuals = []
        for index, data in enumerate(self._array(display, raw, "actual")):
            actual = self._validate(Actual, data, display, _actual_label(data, index))
            if actual is not None:
                actuals.append((display, actual))
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
            where = _actual_where(actual.metric, actual.region, str(actual.period))
            key = (actual.metric, actual.region, actual.period)
            if key in first_seen:
                place = "this file" if first_seen[key] == display else first_seen[key]
                self.problem(display, where, f"recorded twice: already in {place}")
            else:
                first_seen[key] = display
            metric = metrics.get(actual.metric)
            if metric is None:
                self.problem(display, where, f"metric: {unknown(actual.metric, metrics, 'metric')}")
            elif reason := metric.out_of_bounds(actual.value):
                self.problem(display, where, f"value: {reason}")
            if actual.region not in regions:
                self.problem(display, where, f"region: {unknown(actual.region, regions, 'region')}")

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


def _unknown_key(key: str, allowed: tuple[str, ...] | list[str], what: str = "key") -> str:
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


def _actual_where(metric: object, region: object, period: object) -> str:
    return f"actual ({metric}, {region}, {period})"


def _actual_label(data: object, index: int) -> str:
    if isinstance(data, dict) and all(key in data for key in ("metric", "region", "period")):
        return _actual_where(data["metric"], data["region"], data["period"])
    return f"actual #{index + 1}"
