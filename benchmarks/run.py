"""Benchmark iptarget as whole processes, against floors we cannot go below.

    python benchmarks/run.py                      # national scale: 364 regions, 30 metrics, ...
    python benchmarks/run.py --regions 20 --runs 5 --out figures.json

It generates a target directory deterministically (every goal kind, ratio metrics, some
quarterly figures), then times each command with warm-up runs and reports the median and
the spread, and the peak memory of ``status`` on the large directory. Figures go to a JSON
file as well as to the screen.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

GOALS = ("at_least", "at_most", "factor", "increase", "increase_pct", "decrease", "decrease_pct")
FIRST_YEAR = 2015
MINIMAL_TYPER_APP = """
import typer

app = typer.Typer()


@app.command()
def first() -> None:
    '''The first command.'''


@app.command()
def second() -> None:
    '''The second command.'''


app()
"""
TOMLLIB_FLOOR = """
import sys, tomllib
from pathlib import Path

root = Path(sys.argv[1])
paths = [root / "metrics.toml", root / "regions.toml"]
paths += sorted((root / "policies").glob("*.toml")) + sorted((root / "actuals").glob("*.toml"))
for path in paths:
    tomllib.loads(path.read_text(encoding="utf-8"))
"""
PEAK_MEMORY = """
import resource, subprocess, sys

subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def generate(root: Path, regions: int, metrics: int, years: int, targets: int) -> dict[str, int]:
    """A target directory of the given size; the same arguments always give the same files."""
    rng = random.Random(20261122)
    root.mkdir(parents=True)
    (root / "policies").mkdir()
    (root / "actuals").mkdir()
    ratio_every = 10  # every 10th metric is the ratio of the two before it
    metric_ids = [f"m{index:02d}" for index in range(metrics)]
    ratios = {
        metric_ids[index]: (metric_ids[index - 2], metric_ids[index - 1])
        for index in range(ratio_every - 1, metrics, ratio_every)
    }
    lines = []
    for metric_id in metric_ids:
        lines.append(f'[metric.{metric_id}]\nname = "Metric {metric_id}"\nunit = "units"\nmin = 0')
        if metric_id in ratios:
            numerator, denominator = ratios[metric_id]
            lines.append(f'numerator = "{numerator}"\ndenominator = "{denominator}"\nscale = 100')
        if rng.random() < 0.2:
            lines.append('trend = "linear"')
        lines.append("")
    (root / "metrics.toml").write_text("\n".join(lines), encoding="utf-8")
    region_ids = ["china"] + [f"r{index:03d}" for index in range(1, regions)]
    region_lines = ['[region.china]\nname = "China 中国"\n']
    for region_id in region_ids[1:]:
        region_lines.append(
            f'[region.{region_id}]\nname = "Region {region_id} 地区"\nparent = "china"\n'
        )
    (root / "regions.toml").write_text("\n".join(region_lines), encoding="utf-8")

    plain = [metric_id for metric_id in metric_ids if metric_id not in ratios]
    actual_count = 0
    for region_id in region_ids:
        entries = []
        for metric_id in plain:
            level = rng.uniform(100, 100_000)
            for year in range(FIRST_YEAR, FIRST_YEAR + years):
                level *= rng.uniform(0.95, 1.15)
                entries.append((metric_id, str(year), round(level, 2)))
            if rng.random() < 0.35:  # some quarterly figures
                for quarter in range(1, 5):
                    entries.append(
                        (metric_id, f"{FIRST_YEAR + years - 1}-Q{quarter}", round(level / 4, 2))
                    )
        entries.sort()
        text = "".join(
            f'[[actual]]\nmetric = "{metric_id}"\nregion = "{region_id}"\nperiod = "{period}"\n'
            f'value = {value!r}\nsource = "Statistical yearbook {period[:4]}"\n\n'
            for metric_id, period, value in entries
        )
        (root / "actuals" / f"{region_id}.toml").write_text(text, encoding="utf-8")
        actual_count += len(entries)

    per_policy = 20
    for policy_index in range((targets + per_policy - 1) // per_policy):
        parts = [f'[policy]\ntitle = "Policy {policy_index}"\nissued = {FIRST_YEAR + 1}-03-01\n']
        for index in range(
            policy_index * per_policy, min(targets, (policy_index + 1) * per_policy)
        ):
            goal = GOALS[index % len(GOALS)]
            metric_id = metric_ids[index % metrics]
            amount = {
                "at_least": 50_000,
                "at_most": 500,
                "factor": 1.8,
                "increase": 5_000,
                "increase_pct": 40,
                "decrease": 10,
                "decrease_pct": 10,
            }[goal]
            relative = goal not in ("at_least", "at_most")
            parts.append(
                f'[[target]]\nid = "t{index:04d}"\ntitle = "Target {index}"\n'
                f'metric = "{metric_id}"\nregion = "{rng.choice(region_ids)}"\n'
                f"deadline = {FIRST_YEAR + years + rng.choice((-3, -1, 0, 2))}\n"
                + (f"baseline = {FIRST_YEAR}\n" if relative else "")
                + f"{goal} = {amount}\n"
            )
        (root / "policies" / f"policy-{policy_index:03d}.toml").write_text(
            "\n".join(parts), encoding="utf-8"
        )
    return {"regions": regions, "metrics": metrics, "actuals": actual_count, "targets": targets}


def time_command(
    command: list[str], runs: int, warmup: int = 2, before: Any = None
) -> dict[str, float]:
    """Median and spread of a command's wall time, in milliseconds, over ``runs`` runs."""
    times = []
    for index in range(warmup + runs):
        if before is not None:
            before()
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        elapsed = (time.perf_counter() - start) * 1000
        if index >= warmup:
            times.append(elapsed)
    return {"median_ms": statistics.median(times), "min_ms": min(times), "max_ms": max(times)}


def peak_memory_mb(command: list[str]) -> float:
    """The peak resident memory of one run of a command, in MB."""
    output = subprocess.run(
        [sys.executable, "-c", PEAK_MEMORY, *command], capture_output=True, text=True, check=True
    )
    return int(output.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--regions", type=int, default=364)
    parser.add_argument("--metrics", type=int, default=30)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--targets", type=int, default=1000)
    parser.add_argument(
        "--runs", type=int, default=5, help="timed runs per command (after 2 warm-up runs)"
    )
    parser.add_argument("--out", type=Path, default=Path("benchmarks/figures.json"))
    parser.add_argument(
        "--example", type=Path, default=Path("targets"), help="the example directory"
    )
    args = parser.parse_args()

    iptarget = [sys.executable, "-m", "iptarget"]
    work = Path(tempfile.mkdtemp(prefix="iptarget-bench-"))
    try:
        large = work / "large"
        size = generate(large, args.regions, args.metrics, args.years, args.targets)
        example = work / "example"
        shutil.copytree(args.example, example)
        app = work / "minimal_typer_app.py"
        app.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
        first_region_file = large / "actuals" / "china.toml"
        pristine = first_region_file.read_bytes()
        example_file = example / "actuals" / "china.toml"
        example_pristine = example_file.read_bytes()

        def restore_large() -> None:
            first_region_file.write_bytes(pristine)

        def restore_example() -> None:
            example_file.write_bytes(example_pristine)

        add = ["add-actual", "m00", "china", "2014", "1,234"]
        cases: list[tuple[str, list[str], Any]] = [
            ("floor: minimal Typer app --help", [sys.executable, str(app), "--help"], None),
            ("iptarget --help", [*iptarget, "--help"], None),
            (
                "floor: import typer, pydantic, rich",
                [sys.executable, "-c", "import typer, pydantic, rich.console, rich.text"],
                None,
            ),
            (
                "example: status --format json",
                [*iptarget, "status", "--format", "json", "--dir", str(example)],
                None,
            ),
            ("example: check", [*iptarget, "check", "--dir", str(example)], None),
            (
                "example: add-actual",
                [
                    *iptarget,
                    *add[:1],
                    "patent_applications",
                    "qinghai",
                    "2014",
                    "1,234",
                    "--dir",
                    str(example),
                ],
                restore_example,
            ),
            (
                "floor: tomllib parse of the large directory",
                [sys.executable, "-c", TOMLLIB_FLOOR, str(large)],
                None,
            ),
            (
                "large: status --format json",
                [*iptarget, "status", "--format", "json", "--dir", str(large)],
                None,
            ),
            ("large: check", [*iptarget, "check", "--dir", str(large)], None),
            ("large: add-actual", [*iptarget, *add, "--dir", str(large)], restore_large),
        ]
        results: dict[str, Any] = {}
        for name, command, before in cases:
            results[name] = time_command(command, args.runs, before=before)
            low, high = results[name]["min_ms"], results[name]["max_ms"]
            median = results[name]["median_ms"]
            print(f"{name:45s} {median:8.1f} ms  ({low:.1f} to {high:.1f})", flush=True)
        memory = peak_memory_mb([*iptarget, "status", "--format", "json", "--dir", str(large)])
        print(f"{'large: status peak memory':45s} {memory:8.1f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    document = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cpus": _cpus(),
        },
        "size": size,
        "runs": args.runs,
        "timings": results,
        "peak_memory_mb": {"large: status --format json": memory},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.out}")


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0


if __name__ == "__main__":
    main()
