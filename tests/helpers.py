"""Helpers for tests: write small target directories from TOML snippets."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

from typer.testing import Result

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

ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TTY_COMPATIBLE": "0", "IPTARGET_DIR": None}


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


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` and its bytes: to show that a command changed nothing."""
    return {str(path): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}
