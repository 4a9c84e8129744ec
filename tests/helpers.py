"""Helpers for tests: write small target directories from TOML snippets."""

from __future__ import annotations

import datetime
import textwrap
import tomllib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from typer.testing import Result

from iptarget.core.dataset import (
    Dataset,
    Key,
    Metric,
    Policy,
    Region,
    Series,
    Target,
    Value,
)
from iptarget.core.goals import Goal
from iptarget.core.status import DEFAULT_BANDS, Bands
from iptarget.core.values import Values
from iptarget.periods import parse_period
from iptarget.store.read import load_directory

METRICS = """
[metric.apps]
name = "Patent applications"
unit = "applications"
min = 0

[metric.owned]
name = "Invention patents owned"
min = 0

[metric.people]
name = "Population"
min = 0

[metric.per_10k]
name = "Invention patents per 10,000 people"
decimals = 2
numerator = "owned"
denominator = "people"
scale = 10000
min = 0
max = 1000

[metric.lin]
name = "A linear metric"
trend = "linear"
"""

REGIONS = """
[region.r]
name = "Region R"

[region.s]
name = "Region S"
parent = "r"
"""

FACTOR_2 = """
id = "t"
title = "Double 2014 by 2020"
metric = "apps"
deadline = 2020
baseline = 2014
factor = 2
"""
"""A target that doubles the 2014 value of ``apps`` by 2020."""

ENV = {
    "COLUMNS": "100",
    "NO_COLOR": "1",
    "TTY_COMPATIBLE": "0",
    "IPTARGET_DIR": None,
    # English, whatever the machine's locale: a test of Chinese says so
    "IPTARGET_LANG": None,
    "LANGUAGE": None,
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANG": "C.UTF-8",
}


def write_dir(
    root: Path,
    policies: Mapping[str, str] | None = None,
    actuals: Mapping[str, str] | None = None,
    metrics: str = METRICS,
    regions: str = REGIONS,
) -> Path:
    """A target directory under ``root`` from TOML snippets (dedented)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "metrics.toml").write_text(textwrap.dedent(metrics), encoding="utf-8")
    (root / "regions.toml").write_text(textwrap.dedent(regions), encoding="utf-8")
    for folder, files in (("policies", policies or {}), ("actuals", actuals or {})):
        (root / folder).mkdir(exist_ok=True)
        for name, text in files.items():
            (root / folder / f"{name}.toml").write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def policy(*targets: str, header: str = 'title = "P"\nregion = "r"') -> str:
    """A policy file with the given ``[[target]]`` bodies."""
    parts = [f"[policy]\n{header}\n"]
    parts.extend(f"[[target]]\n{textwrap.dedent(body).strip()}\n" for body in targets)
    return "\n".join(parts)


def actuals(metric: str, region: str, values: Mapping[str, float]) -> str:
    """An actuals file recording ``values`` by period."""
    return "\n".join(
        f'[[actual]]\nmetric = "{metric}"\nregion = "{region}"\nperiod = "{period}"\n'
        f"value = {value!r}\n"
        for period, value in values.items()
    )


Run = Callable[..., Result]
"""The ``run`` fixture: invoke the CLI with arguments and, optionally, environment."""


def load(root: Path) -> Dataset:
    """Read a target directory that must validate."""
    return load_directory(root)


def values(root: Path) -> dict[Key, Series]:
    """Every value of a directory, recorded and derived, by (metric, region)."""
    return dict(Values(load(root)).every())


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` and its bytes: to show that a command changed nothing."""
    return {str(path): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


# -- datasets in memory, for tests of the pure core ------------------------------------------


def metrics_of(text: str = METRICS) -> dict[str, Metric]:
    """Core metrics from a metrics.toml snippet, without the store."""
    tables = tomllib.loads(textwrap.dedent(text)).get("metric", {})
    return {key: Metric(id=key, **table) for key, table in tables.items()}


def regions_of(text: str = REGIONS) -> dict[str, Region]:
    """Core regions from a regions.toml snippet, without the store."""
    tables = tomllib.loads(textwrap.dedent(text)).get("region", {})
    return {
        key: Region(id=key, **{**table, "members": tuple(table.get("members", ()))})
        for key, table in tables.items()
    }


def target_of(snippet: str, region: str = "r") -> Target:
    """A core target from the body of a ``[[target]]`` table, without the store."""
    table = tomllib.loads(textwrap.dedent(snippet))
    (goal,) = [key for key in Goal if key.value in table]
    periods = {
        key: parse_period(table[key])
        for key in ("deadline", "baseline", "start", "from")
        if key in table
    }
    return Target(
        id=table["id"],
        title=table["title"],
        metric=table["metric"],
        region=table.get("region", region),
        deadline=periods["deadline"],
        goal=goal,
        amount=float(table[goal.value]),
        strict=table.get("strict", False),
        baseline=periods.get("baseline"),
        first=periods.get("from"),
        among=table.get("among"),
        rank_by=table.get("rank_by", "highest"),
        baseline_value=table.get("baseline_value"),
        start=periods.get("start"),
        start_value=table.get("start_value"),
        binding=table.get("binding", False),
    )


def dataset_of(
    targets: Sequence[str] = (),
    figures: Mapping[tuple[str, str], Mapping[str, float]] | None = None,
    issued: datetime.date | None = None,
    metrics: str = METRICS,
    regions: str = REGIONS,
    bands: Bands = DEFAULT_BANDS,
) -> Dataset:
    """A dataset in memory: one policy in region r with ``targets`` (judged by ``bands``),
    and recorded figures."""
    recorded = {
        key: {
            parse_period(period): Value(parse_period(period), float(value))
            for period, value in values.items()
        }
        for key, values in (figures or {}).items()
    }
    policy = Policy(
        path="policies/p.toml",
        file="policies/p.toml",
        stem="p",
        title="P",
        targets=tuple(target_of(snippet) for snippet in targets),
        issued=issued,
        region="r",
        bands=bands,
    )
    count = sum(map(len, recorded.values()))
    return Dataset(metrics_of(metrics), regions_of(regions), (policy,), recorded, count)


#: A script that runs the CLI and is killed between the first and the second rename of a
#: change of several files (an import of two regions' figures).
KILL_AFTER_FIRST_RENAME = """
import os, sys
real = os.replace
done = []
def replace(source, target):
    real(source, target)
    done.append(target)
    if len(done) == 1:
        os._exit(9)  # killed between the two renames
os.replace = replace
from iptarget.cli import main
sys.argv = ["iptarget", *sys.argv[1:]]
main()
"""
