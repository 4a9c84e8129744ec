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
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from directories import FIRST_YEAR, generate, revised_figure
from timing import Case, iptarget_command, peak_memory_mb, restorer, time_group

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
        groups = cases(iptarget, work, example, large, grouped)
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


def cases(
    iptarget: list[str], work: Path, example: Path, large: Path, grouped: Path
) -> list[list[Case]]:
    """The commands timed, in groups that each start with their floor."""
    app = work / "minimal_typer_app.py"
    app.write_text(MINIMAL_TYPER_APP, encoding="utf-8")
    restore_large = restorer(large / "actuals" / "china.toml")
    restore_grouped = restorer(grouped / "actuals" / "china.toml")
    restore_example = restorer(example / "actuals" / "qinghai.toml")
    new_figure = ["patent_applications", "qinghai", "2014", "1,234"]
    replaced_figure = ["m00", "china", str(FIRST_YEAR + 1), "58,600"]
    return [
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
