"""Find and parse the files of a target directory into a dataset, naming every problem."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from iptarget.core import dataset as core
from iptarget.core.decimals import with_display_decimals
from iptarget.core.vintages import gather_vintages
from iptarget.errors import Kind, Problem, Subject, Text, UserError, text
from iptarget.models.entries import ActualEntry
from iptarget.periods import Period
from iptarget.store import checks, modelled, series_checks
from iptarget.store.convert import core_metric, core_policy, core_region, record_figures
from iptarget.store.files import Parsed, holds_only, quiet_reading, read_toml, toml_files
from iptarget.store.journal import pending
from iptarget.store.messages import ID, actual_label, target_subject
from iptarget.store.one_pass import FileFigures, copied, entries_of, merge, read_figures
from iptarget.store.plain import ENTRIES, Values, plain_entry
from iptarget.texts import files

Select = Callable[[core.Dataset], set[str]]
"""The regions whose actuals files a reader needs, given the definitions (no figures yet)."""


def load_directory(root: Path) -> core.Dataset:
    """Read and check a whole target directory; raise UserError listing every problem."""
    dataset, problems = read_directory(root)
    if problems:
        raise UserError(problems)
    return dataset


def read_directory(
    root: Path, today: datetime.date | None = None, shared: Parsed | None = None
) -> tuple[core.Dataset, list[Problem]]:
    """Read a target directory: what could be read, and every problem found; ``shared``
    holds actuals files parsed before (another side of a diff), by content."""
    waiting = pending(root)
    reader = Reader(root, today, keep=False, shared=shared)
    dataset = reader.read()
    return dataset, [*waiting, *reader.problems]


class Reader:
    """Parses every file of a directory, collecting the entries and every problem on the way.

    ``files`` keeps each actuals file's entries as written, for the writer to rewrite them.
    """

    def __init__(
        self,
        root: Path,
        today: datetime.date | None = None,
        keep: bool | frozenset[str] = True,
        shared: Parsed | None = None,
        select: Select | None = None,
    ) -> None:
        if not root.is_dir():
            from iptarget.store.lookup import no_directory

            raise no_directory(root)
        self.root = root
        # the actuals files whose entries are kept for a writer (True: every one): a reader
        # that keeps none holds a third less memory at national scale, and is faster
        self.keep: bool | frozenset[str] = keep
        self.shared = shared  # actuals files parsed before, by content
        # which regions' actuals files to read, once the definitions are read (None: all)
        self.select = select
        # a reader (keeping no entries) fails closed without actuals/; a writer makes it
        self.needs_actuals = keep is False
        self.regions: frozenset[str] | None = None
        # published dates after today are refused (SPEC 5.2)
        self.today = today or datetime.date.today()
        self.problems: list[Problem] = []
        self.files: dict[str, list[ActualEntry]] = {}
        # metric and region ids that are defined but invalid, and the files that failed whole
        self.invalid: dict[str, set[str]] = {"metric": set(), "region": set()}
        self.failed: set[str] = set()

    def problem(self, origin: str, said: Text, subject: Subject | None = None) -> None:
        self.problems.append(Problem(origin, said, subject))

    def read(self) -> core.Dataset:
        """The directory as a dataset; ``problems`` says what is wrong with it."""
        self.problems, self.files = [], {}
        self.invalid, self.failed = {"metric": set(), "region": set()}, set()
        with quiet_reading():
            return self._read()

    def _read(self) -> core.Dataset:
        metrics = {
            key: core_metric(key, entry)
            for key, entry in self._keyed_tables("metrics.toml", "metric").items()
        }
        regions = {
            key: core_region(key, entry)
            for key, entry in self._keyed_tables("regions.toml", "region").items()
        }
        parsed = [self._policy(path) for path in toml_files(self.root, "policies", self.problems)]
        policies = tuple(policy for policy, _ in filter(None, parsed))
        metrics_file = str(self.root / "metrics.toml")
        if self.select is not None:
            bare = core.Dataset(metrics, regions, policies, {}, 0, metrics_file)
            self.regions = frozenset(regions) - self.select(bare)
        recorded: dict[core.Key, dict[Period, core.Value]] = defaultdict(dict)
        repeats: list[tuple[core.Key, core.Value]] = []
        # dated: every published date lies between its period's start and today
        dated, count = True, 0
        known_by = [datetime.date.min]  # by when each file's figures are all known
        for path in self._actuals_files():
            read = self._actuals(path)
            if isinstance(read, FileFigures):
                merge(read, recorded, repeats)
                count, dated = count + read.size, dated and read.dated
                known_by.append(read.known_by or datetime.date.min)
            else:
                count += len(read)
                dated = record_figures(read, recorded, repeats, self.today) and dated
                known_by += [max(a.period.end, a.published or a.period.end) for a in read]
        own_regions = tuple(own for _, own in filter(None, parsed))
        names = (self._known("metric", metrics), self._known("region", regions))
        self.problems += checks.metric_problems(metrics_file, metrics, names)
        self.problems += checks.region_problems(str(self.root / "regions.toml"), regions, names[1])
        self.problems += checks.target_problems(policies, own_regions, metrics, names)
        vintages, unique = gather_vintages(recorded, repeats)
        if not (
            dated
            and unique
            and series_checks.actuals_look_right(recorded, vintages, metrics, regions)
        ):
            actuals = self._every_actual()
            self.problems += checks.actual_problems(actuals, metrics, names, self.today)
        shown = with_display_decimals(metrics, recorded, vintages)
        figures, last = dict(recorded), max(known_by)
        return core.Dataset(shown, regions, policies, figures, count, metrics_file, vintages, last)

    def _every_actual(self) -> list[tuple[str, ActualEntry]]:
        """Every actual with its file, to name each problem that the quick checks found: kept
        from the reading when the entries are kept, else read again (an invalid directory
        is the rare case), the problems of the files not reported twice."""
        if self.keep is not True:
            self.keep_every_file()
        return [(path, actual) for path, entries in self.files.items() for actual in entries]

    def keep_every_file(self) -> None:
        """Read the entries of every actuals file again, when a writer needs one it did not
        keep (a figure in a file other than its region's), their problems already said."""
        reported, self.problems = self.problems, []
        self.keep, self.files = True, {}
        try:
            for path in self._actuals_files():
                self._actuals(path)
        finally:
            self.problems = reported

    def _actuals_files(self) -> list[Path]:
        """The actuals files to read: every one, else (``select``) all but those named after
        a region the selection leaves out that hold that region's figures alone."""
        found = toml_files(self.root, "actuals", self.problems, self.needs_actuals)
        out = self.regions
        if out is None:
            return found
        return [path for path in found if path.stem not in out or not holds_only(path, path.stem)]

    def _known(self, kind: str, ids: Mapping[str, object]) -> checks.Known:
        """What references to metrics or regions may name (checks.Known)."""
        invalid = frozenset(self.invalid[kind])
        return checks.Known(kind, ids, invalid, kind in self.failed)

    # -- files ------------------------------------------------------------------

    def _table(self, display: str, raw: dict[str, Any], key: str) -> dict[str, Any]:
        """The ``[key.<id>]`` tables of a file, each id checked."""
        table = raw.get(key, {})
        if not isinstance(table, dict):
            self.problem(display, text(files.NOT_TABLES, key=key))
            return {}
        for entry_id in table:
            if not ID.match(entry_id):
                self.problem(display, text(files.ID_RULE), Subject(Kind(key), (entry_id,)))
        return {entry_id: value for entry_id, value in table.items() if ID.match(entry_id)}

    def _array(self, display: str, raw: dict[str, Any], key: str) -> list[Any]:
        """The ``[[key]]`` tables of a file."""
        array = raw.get(key, [])
        if not isinstance(array, list):
            self.problem(display, text(files.NOT_ARRAY, key=key))
            return []
        return array

    def _validate(self, kind: str, data: object, display: str, where: Subject) -> Values | None:
        """One entry's values, or None after reporting each field that is wrong; read
        without pydantic when it is valid (iptarget.store.plain)."""
        spec, model, rules = ENTRIES[kind]
        values = plain_entry(spec, data)
        if values is None:
            if not isinstance(data, dict):
                self.problem(display, text(files.NOT_A_TABLE), where)
                return None
            values, wrong = modelled.model_values(model, data, where)
            for subject, said in wrong:
                self.problem(display, said, subject)
            if values is None:
                return None
        for field, said in rules(values):
            self.problem(display, said, where.at(field))
        return values

    def _keyed_tables(self, name: str, key: str) -> dict[str, Values]:
        """metrics.toml or regions.toml: one ``[key.<id>]`` table per entry."""
        path = self.root / name
        raw = read_toml(path, (key,), self.problems)
        if raw is None:
            self.failed.add(key)
            return {}
        display = str(path)
        entries = {}
        table = raw.get(key, {})
        if isinstance(table, dict):
            self.invalid[key].update(entry_id for entry_id in table if not ID.match(entry_id))
        for entry_id, data in self._table(display, raw, key).items():
            entry = self._validate(key, data, display, Subject(Kind(key), (entry_id,)))
            if entry is not None:
                entries[entry_id] = entry
            else:
                self.invalid[key].add(entry_id)
        if not isinstance(table, dict) or not table:
            if isinstance(table, dict):
                self.problem(display, text(files.DEFINES_NONE, key=key))
            self.failed.add(key)
        return entries

    def _policy(self, path: Path) -> tuple[core.Policy, tuple[str | None, ...]] | None:
        """A policy file, with the region each target names itself (None: the policy's)."""
        raw = read_toml(path, ("policy", "target"), self.problems)
        if raw is None:
            return None
        display = str(path)
        if "policy" not in raw:
            self.problem(display, text(files.NO_POLICY_TABLE))
            return None
        policy = self._validate("policy", raw["policy"], display, Subject(Kind.POLICY))
        targets = []
        for index, data in enumerate(self._array(display, raw, "target")):
            target = self._validate("target", data, display, target_subject(data, index))
            if target is not None:
                targets.append(target)
        if policy is None:
            return None
        stem = path.relative_to(self.root / "policies").with_suffix("").as_posix()
        relative = path.relative_to(self.root).as_posix()
        entry = core_policy((display, relative, stem), policy, targets)
        owns = [target["regions"] or [target["region"]] for target in targets]
        return entry, tuple(own for regions in owns for own in regions)

    def _actuals(self, path: Path) -> FileFigures | list[ActualEntry]:
        """One actuals file: its figures, read in one pass (iptarget.store.one_pass), else
        its entries, checked by the model; the entries are kept when a writer needs them."""
        display = str(path)
        keep = self.keep is True or (isinstance(self.keep, frozenset) and display in self.keep)
        shared = self.shared
        content, known = shared.get(path) if shared is not None else (None, None)
        if keep and isinstance(known, FileFigures) and known.entries is None:
            known = None  # a writer needs the entries, which a reader did not keep
        read: FileFigures | list[ActualEntry]
        if known is not None:
            read = copied(known) if isinstance(known, FileFigures) else known
        else:
            before = len(self.problems)
            raw = read_toml(path, ("actual",), self.problems)
            if raw is None:
                return []
            array = self._array(display, raw, "actual")
            quick = read_figures(array, self.today, entries=keep)
            read = quick if quick is not None else self._actual_entries(display, array)
            if shared is not None and len(self.problems) == before:
                shared.put(content, copied(read) if isinstance(read, FileFigures) else read)
        if keep:
            self.files[display] = entries_of(read)
        return read

    def _actual_entries(self, display: str, array: list[Any]) -> list[ActualEntry]:
        """The ``[[actual]]`` entries of a file that the quick reading left to the model:
        checked in one call, else entry by entry, naming each problem."""
        read = modelled.model_actuals(array)
        if read is not None:
            return read
        actuals = []
        for index, data in enumerate(array):
            values = self._validate("actual", data, display, actual_label(data, index))
            if values is not None:
                actuals.append(ActualEntry(**values))
        return actuals
