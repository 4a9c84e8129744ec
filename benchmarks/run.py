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
from collections.abc import Callable
from pathlib import Path
from typing import Any

Case = tuple[str, list[str], Any]
"""A timed command: its name, its arguments, and what to do before each run (or None)."""
GOALS = ("at_least", "at_most", "factor", "increase", "increase_pct", "decrease", "decrease_pct")
AMOUNTS = {
    "at_least": 50_000,
    "at_most": 500,
    "factor": 1.8,
    "increase": 5_000,
    "increase_pct": 40,
    "decrease": 10,
    "decrease_pct": 10,
}
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
STATUS_JSON = ["status", "--format", "json", "--dir"]
PEAK_MEMORY = """
import resource, subprocess, sys

subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def generate(
    root: Path,
    regions: int,
    metrics: int,
    years: int,
    targets: int,
    grouped: bool = False,
    vintages: bool = False,
) -> dict[str, int]:
    """A target directory of the given size; the same arguments always give the same files.

    ``grouped`` adds what SPEC v2 derives (see ``_add_groups``) to the same directory;
    ``vintages`` dates every figure and revises about a third of them once (SPEC 3.1).
    """
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
    _write_metrics(root, rng, metric_ids, ratios)
    region_ids = ["china"] + [f"r{index:03d}" for index in range(1, regions)]
    region_lines = ['[region.china]\nname = "China 中国"\n']
    for region_id in region_ids[1:]:
        region_lines.append(
            f'[region.{region_id}]\nname = "Region {region_id} 地区"\nparent = "china"\n'
        )
    (root / "regions.toml").write_text("\n".join(region_lines), encoding="utf-8")
    plain = [metric_id for metric_id in metric_ids if metric_id not in ratios]
    actual_count = sum(
        _write_actuals(root, rng, region_id, plain, years, vintages) for region_id in region_ids
    )
    _write_policies(root, rng, targets, metric_ids, region_ids, years)
    size = {"regions": regions, "metrics": metrics, "actuals": actual_count, "targets": targets}
    if vintages:
        size["revised"] = sum(
            text.count("revised: ")
            for text in (path.read_text(encoding="utf-8") for path in (root / "actuals").iterdir())
        )
    if grouped:
        size = _add_groups(root, size, region_ids[1:], plain, years)
    return size


def _add_groups(
    root: Path, size: dict[str, int], regions: list[str], plain: list[str], years: int
) -> dict[str, int]:
    """The regions grouped into 31 provinces and those into 7 areas, every plain metric
    summed, growth metrics of the first two metrics with recorded growth figures, a share of
    the parent, and targets on groups, growth and shares (SPEC 3.2 and 3.3)."""
    rng = random.Random(20261125)
    metrics = (root / "metrics.toml").read_text(encoding="utf-8")
    for metric_id in plain:
        metrics = metrics.replace(
            f'[metric.{metric_id}]\nname = "Metric {metric_id}"\n',
            f'[metric.{metric_id}]\nname = "Metric {metric_id}"\naggregate = "sum"\n',
        )
    metrics += "".join(
        f'\n[metric.g{metric_id}]\nname = "Growth of {metric_id}"\nunit = "%"\n'
        f'growth_of = "{metric_id}"\n'
        for metric_id in plain[:2]
    )
    metrics += (
        f'\n[metric.share]\nname = "Share of the parent\'s {plain[0]}"\nunit = "%"\n'
        f'numerator = "{plain[0]}"\ndenominator = "{plain[0]}"\ndenominator_region = "parent"\n'
        "scale = 100\n"
    )
    (root / "metrics.toml").write_text(metrics, encoding="utf-8")
    provinces = [f"p{index:02d}" for index in range(1, 32)]
    areas = [f"a{index}" for index in range(1, 8)]
    lines = [
        f'\n[region.{group}]\nname = "Group {group}"\nparent = "china"\n'
        f"members = {json.dumps(members)}\n"
        for groups, parts in ((provinces, regions), (areas, provinces))
        for group, members in zip(
            groups, (parts[i :: len(groups)] for i in range(len(groups))), strict=True
        )
    ]
    with (root / "regions.toml").open("a", encoding="utf-8") as file:
        file.write("".join(lines))
    last = FIRST_YEAR + years - 1
    figures = [
        f'[[actual]]\nmetric = "g{metric_id}"\nregion = "{group}"\nperiod = "{year}"\n'
        f"value = {round(rng.uniform(-3, 12), 1)!r}\n\n"
        for group in provinces + areas
        for metric_id in plain[:2]
        for year in (FIRST_YEAR, last)  # the first: carried back a year before the levels
    ]
    (root / "actuals" / "groups.toml").write_text("".join(figures), encoding="utf-8")
    targets = [
        f'[[target]]\nid = "g{index:03d}"\ntitle = "Group target {index}"\n'
        + (
            f'metric = "{plain[0]}"\nregion = "{provinces[index % 31]}"\n'
            f"deadline = {last + 2}\nbaseline = {FIRST_YEAR}\nannual_growth_pct = 8\n"
            if index % 3 == 0
            else f'metric = "g{plain[1]}"\nregion = "{areas[index % 7]}"\n'
            f"deadline = {last + 2}\nat_least = 5\n"
            if index % 3 == 1
            else f'metric = "share"\nregion = "{regions[index % len(regions)]}"\n'
            f"deadline = {last + 2}\nat_least = 1\n"
        )
        for index in range(100)
    ]
    policy = '[policy]\ntitle = "Grouped policy"\n\n' + "\n".join(targets)
    (root / "policies" / "grouped.toml").write_text(policy, encoding="utf-8")
    return {
        **size,
        "groups": len(provinces) + len(areas),
        "actuals": size["actuals"] + len(figures),
        "targets": size["targets"] + len(targets),
    }


def _write_metrics(
    root: Path, rng: random.Random, metric_ids: list[str], ratios: dict[str, tuple[str, str]]
) -> None:
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


def _write_actuals(
    root: Path,
    rng: random.Random,
    region_id: str,
    plain: list[str],
    years: int,
    vintages: bool = False,
) -> int:
    """One region's actuals file: yearly figures of every plain metric, some quarterly ones.

    With ``vintages``, each figure is published in March of the year after its period, and
    about a third of them are revised in January of the year after that, the first release
    then provisional.
    """
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
    if not vintages:
        text = "".join(
            f'[[actual]]\nmetric = "{metric_id}"\nregion = "{region_id}"\nperiod = "{period}"\n'
            f'value = {value!r}\nsource = "Statistical yearbook {period[:4]}"\n\n'
            for metric_id, period, value in entries
        )
    else:
        parts = []
        for metric_id, period, value in entries:
            year = int(period[:4])
            head = (
                f'[[actual]]\nmetric = "{metric_id}"\nregion = "{region_id}"\nperiod = "{period}"\n'
            )
            revised = rng.random() < 1 / 3
            first = round(value * rng.uniform(0.97, 1.03), 2) if revised else value
            parts.append(
                f'{head}value = {first!r}\nsource = "Statistical yearbook {year + 1}"\n'
                f"published = {year + 1}-03-15\n" + ('flag = "p"\n' if revised else "") + "\n"
            )
            if revised:
                parts.append(
                    f'{head}value = {value!r}\nsource = "Statistical yearbook {year + 2}"\n'
                    f'note = "revised: census"\npublished = {year + 2}-01-10\n\n'
                )
        text = "".join(parts)
    (root / "actuals" / f"{region_id}.toml").write_text(text, encoding="utf-8")
    return text.count("[[actual]]")


def _write_policies(
    root: Path,
    rng: random.Random,
    targets: int,
    metric_ids: list[str],
    region_ids: list[str],
    years: int,
) -> None:
    """Policy files of 20 targets each, every goal kind in turn."""
    per_policy = 20
    for policy_index in range((targets + per_policy - 1) // per_policy):
        parts = [f'[policy]\ntitle = "Policy {policy_index}"\nissued = {FIRST_YEAR + 1}-03-01\n']
        for index in range(
            policy_index * per_policy, min(targets, (policy_index + 1) * per_policy)
        ):
            goal = GOALS[index % len(GOALS)]
            metric_id = metric_ids[index % len(metric_ids)]
            relative = goal not in ("at_least", "at_most")
            parts.append(
                f'[[target]]\nid = "t{index:04d}"\ntitle = "Target {index}"\n'
                f'metric = "{metric_id}"\nregion = "{rng.choice(region_ids)}"\n'
                f"deadline = {FIRST_YEAR + years + rng.choice((-3, -1, 0, 2))}\n"
                + (f"baseline = {FIRST_YEAR}\n" if relative else "")
                + f"{goal} = {AMOUNTS[goal]}\n"
            )
        (root / "policies" / f"policy-{policy_index:03d}.toml").write_text(
            "\n".join(parts), encoding="utf-8"
        )


def child_environment() -> dict[str, str]:
    """The environment for timed runs: Python writes and uses bytecode, as an installed
    package does (pip compiles it at install time), whatever this shell says."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_once(command: list[str], before: Any = None) -> float:
    """One run of a command, in milliseconds."""
    if before is not None:
        before()
    start = time.perf_counter()
    subprocess.run(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
        env=child_environment(),
    )
    return (time.perf_counter() - start) * 1000


def time_group(cases: list[Case], runs: int, warmup: int = 2) -> dict[str, dict[str, float]]:
    """Median and spread of each command's wall time, the commands taking turns run by run,
    so that a slower or faster spell of the machine weighs on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    for index in range(warmup + runs):
        for name, command, before in cases:
            elapsed = run_once(command, before)
            if index >= warmup:
                times[name].append(elapsed)
    return {
        name: {
            "median_ms": statistics.median(values),
            "min_ms": min(values),
            "max_ms": max(values),
        }
        for name, values in times.items()
    }


def peak_memory_mb(command: list[str]) -> float:
    """The peak resident memory of one run of a command, in MB."""
    output = subprocess.run(
        [sys.executable, "-c", PEAK_MEMORY, *command],
        capture_output=True,
        text=True,
        check=True,
        env=child_environment(),
    )
    return int(output.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux


def iptarget_command() -> list[str]:
    """The ``iptarget`` console script beside this Python, as users run it; else ``-m``."""
    script = Path(sys.executable).parent / "iptarget"
    return [str(script)] if script.exists() else [sys.executable, "-m", "iptarget"]


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

    iptarget = iptarget_command()
    work = Path(tempfile.mkdtemp(prefix="iptarget-bench-"))
    try:
        large = work / "large"
        size = generate(large, args.regions, args.metrics, args.years, args.targets, vintages=True)
        grouped = work / "grouped"
        grouped_size = generate(
            grouped,
            args.regions,
            args.metrics,
            args.years,
            args.targets,
            grouped=True,
            vintages=True,
        )
        revised_figure(large)  # two commits of the large directory, one figure apart
        example = work / "example"
        shutil.copytree(args.example, example)
        app = work / "minimal_typer_app.py"
        app.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
        restore_large = restorer(large / "actuals" / "china.toml")
        restore_grouped = restorer(grouped / "actuals" / "china.toml")
        restore_example = restorer(example / "actuals" / "qinghai.toml")
        new_figure = ["patent_applications", "qinghai", "2014", "1,234"]
        replaced_figure = ["m00", "china", str(FIRST_YEAR + 1), "58,600"]
        groups: list[list[Case]] = [
            [
                ("floor: minimal Typer app --help", [sys.executable, str(app), "--help"], None),
                ("iptarget --help", [*iptarget, "--help"], None),
            ],
            [
                (
                    "floor: import typer, pydantic, rich",
                    [sys.executable, "-c", "import typer, pydantic, rich.console, rich.text"],
                    None,
                ),
                ("example: status --format json", [*iptarget, *STATUS_JSON, str(example)], None),
                ("example: check", [*iptarget, "check", "--dir", str(example)], None),
                (
                    "example: add-actual",
                    [*iptarget, "add-actual", *new_figure, "--dir", str(example)],
                    restore_example,
                ),
            ],
            [
                (
                    "floor: tomllib parse of the large directory",
                    [sys.executable, "-c", TOMLLIB_FLOOR, str(large)],
                    None,
                ),
                ("large: status --format json", [*iptarget, *STATUS_JSON, str(large)], None),
                ("large: check", [*iptarget, "check", "--dir", str(large)], None),
                (
                    "large: add-actual",
                    [
                        *iptarget,
                        "add-actual",
                        "m00",
                        "china",
                        "2014",
                        "61,000",
                        "--dir",
                        str(large),
                    ],
                    restore_large,
                ),
                (  # an entry changed in place: the comment-keeping edit of a 300-entry file
                    "large: add-actual --replace",
                    [*iptarget, "add-actual", *replaced_figure, "--replace", "--dir", str(large)],
                    restore_large,
                ),
                (
                    "large: report",
                    [*iptarget, "report", "--dir", str(large), "--output", str(work / "r.html")],
                    None,
                ),
                (  # two revisions one figure apart, each read from git
                    "large: diff HEAD~1 HEAD --format json",
                    [*iptarget, "diff", "HEAD~1", "HEAD", "--format", "json", "--dir", str(large)],
                    None,
                ),
            ],
            [
                (
                    "floor: tomllib parse of the grouped directory",
                    [sys.executable, "-c", TOMLLIB_FLOOR, str(grouped)],
                    None,
                ),
                ("grouped: status --format json", [*iptarget, *STATUS_JSON, str(grouped)], None),
                (
                    "grouped: add-actual",
                    [
                        *iptarget,
                        "add-actual",
                        "m00",
                        "china",
                        "2014",
                        "61,000",
                        "--dir",
                        str(grouped),
                    ],
                    restore_grouped,
                ),
            ],
        ]
        results: dict[str, Any] = {}
        for group in groups:
            timings = time_group(group, args.runs)
            floor = timings[group[0][0]]["median_ms"]
            for name, figures in timings.items():
                figures["ratio_to_floor"] = figures["median_ms"] / floor
                low, high, median = figures["min_ms"], figures["max_ms"], figures["median_ms"]
                print(
                    f"{name:45s} {median:8.1f} ms  ({low:.1f} to {high:.1f})"
                    f"  {figures['ratio_to_floor']:5.2f}x floor",
                    flush=True,
                )
            results.update(timings)
        memory = peak_memory_mb([*iptarget, *STATUS_JSON, str(large)])
        print(f"{'large: status peak memory':45s} {memory:8.1f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    goals = check_goals(results, memory)
    for goal, (value, limit, met) in goals.items():
        print(f"{'met' if met else 'NOT MET':8s} {goal}: {value:.2f} (at most {limit})")
    document = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cpus": _cpus(),
        },
        "size": size,
        "grouped size": grouped_size,
        "runs": args.runs,
        "timings": results,
        "peak_memory_mb": {"large: status --format json": memory},
        "goals": {
            goal: {"value": value, "at_most": limit, "met": met}
            for goal, (value, limit, met) in goals.items()
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.out}")


def revised_figure(root: Path) -> None:
    """Make ``root`` a git repository of two commits: the directory, then the directory with
    one figure revised (the first value of actuals/r001.toml)."""

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args],
            cwd=root,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "the directory")
    path = root / "actuals" / "r001.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("value = ") + len("value = ")
    end = text.index("\n", start)
    path.write_text(text[:start] + "12345.6" + text[end:], encoding="utf-8")
    git("commit", "-q", "-a", "-m", "one figure revised")


def restorer(path: Path) -> Callable[[], None]:
    """Put a file back as it is now (or remove it), before each run of a command that writes it."""
    if not path.exists():
        return lambda: path.unlink(missing_ok=True)
    pristine = path.read_bytes()

    def restore() -> None:
        path.write_bytes(pristine)

    return restore


def check_goals(results: dict[str, Any], memory: float) -> dict[str, tuple[float, float, bool]]:
    """The goals of issue 4 as (value, limit, met), each a ratio measured in one run."""

    def median(name: str) -> float:
        return float(results[name]["median_ms"])

    values = {
        "iptarget --help / minimal Typer app --help": (
            results["iptarget --help"]["ratio_to_floor"],
            1.2,
        ),
        "example status / import typer, pydantic, rich": (
            results["example: status --format json"]["ratio_to_floor"],
            2.0,
        ),
        "large status / tomllib parse": (
            results["large: status --format json"]["ratio_to_floor"],
            1.0,
        ),
        "large add-actual / large status": (
            median("large: add-actual") / median("large: status --format json"),
            1.0,
        ),
        "grouped status / tomllib parse": (
            results["grouped: status --format json"]["ratio_to_floor"],
            1.0,
        ),
        "grouped add-actual / grouped status": (
            median("grouped: add-actual") / median("grouped: status --format json"),
            1.0,
        ),
        "large add-actual --replace / large status": (
            median("large: add-actual --replace") / median("large: status --format json"),
            1.0,
        ),
        "large diff of two revisions / large status": (
            median("large: diff HEAD~1 HEAD --format json") / median("large: status --format json"),
            2.5,
        ),
        "large report / large status": (
            median("large: report") / median("large: status --format json"),
            3.0,
        ),
        "large status peak memory, MB": (memory, 300.0),
    }
    return {goal: (value, limit, value <= limit) for goal, (value, limit) in values.items()}


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0


if __name__ == "__main__":
    main()
