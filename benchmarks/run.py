"""Benchmark iptarget as whole processes, against floors we cannot go below.

    python benchmarks/run.py                      # national scale: 364 regions, 30 metrics, ...
    python benchmarks/run.py --regions 20 --million-regions 0 --runs 5 --out figures.json

It generates target directories deterministically (every goal kind, ratio metrics, some
quarterly figures, vintages; one with groups, growth and shares; one of a million figures),
then times each command with warm-up runs and reports the median and the spread, and the
peak memory of ``status`` on the national and the million-figure directories. Figures go
to a JSON file as well as to the screen.
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
#: Parsing every file of a directory with the TOML library iptarget reads with, and no more.
PARSE_FLOOR = """
import sys, toml_rs
from pathlib import Path

root = Path(sys.argv[1])
paths = [root / "metrics.toml", root / "regions.toml"]
paths += sorted((root / "policies").glob("*.toml")) + sorted((root / "actuals").glob("*.toml"))
for path in paths:
    toml_rs.loads(path.read_bytes().decode("utf-8"), toml_version="1.0.0")
"""
#: What a command-line tool built on the stack costs before it does anything.
IMPORT_FLOOR = "import typer, pydantic, rich.console, rich.table"
STATUS_JSON = ["status", "--format", "json", "--dir"]
REVIEW_JSON = ["review", "--format", "json", "--dir"]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--regions", type=int, default=364)
    parser.add_argument("--metrics", type=int, default=30)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--targets", type=int, default=1000)
    parser.add_argument(
        "--million-regions",
        type=int,
        default=2440,
        help="regions of the directory of about a million figures (0: leave it out)",
    )
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
        size = generate(
            large, args.regions, args.metrics, args.years, args.targets, vintages=True, flows=True
        )
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
        million = work / "million"
        million_size = (
            generate(
                million,
                args.million_regions,
                args.metrics,
                args.years,
                args.targets,
                vintages=True,
            )
            if args.million_regions
            else None
        )
        example = work / "example"
        shutil.copytree(args.example, example)
        groups = cases(iptarget, work, example, large, grouped)
        if million_size is not None:
            groups.append(million_cases(iptarget, million))
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
        memory = {
            "large: status --format json": peak_memory_mb([*iptarget, *STATUS_JSON, str(large)])
        }
        if million_size is not None:
            memory["million: status --format json"] = peak_memory_mb(
                [*iptarget, *STATUS_JSON, str(million)]
            )
        for name, megabytes in memory.items():
            print(f"{name + ' peak memory':45s} {megabytes:8.1f} MB")
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
        "million size": million_size,
        "runs": args.runs,
        "timings": results,
        "peak_memory_mb": memory,
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
            ("floor: import typer, pydantic, rich", [sys.executable, "-c", IMPORT_FLOOR], None),
            ("example: status", [*iptarget, "status", "--dir", str(example)], None),
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
                "floor: parse of the large directory",
                [sys.executable, "-c", PARSE_FLOOR, str(large)],
                None,
            ),
            ("large: status --format json", [*iptarget, *STATUS_JSON, str(large)], None),
            ("large: check", [*iptarget, "check", "--dir", str(large)], None),
            ("large: review --format json", [*iptarget, *REVIEW_JSON, str(large)], None),
            (  # the calendar: each open target's next figure, its date learned from the dates
                "large: due --format json",
                [*iptarget, "due", "--format", "json", "--dir", str(large)],
                None,
            ),
            (  # the league table of a metric among every region
                "large: compare --format json",
                [*iptarget, "compare", "m00", "--format", "json", "--dir", str(large)],
                None,
            ),
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
                "floor: parse of the grouped directory",
                [sys.executable, "-c", PARSE_FLOOR, str(grouped)],
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


def million_cases(iptarget: list[str], million: Path) -> list[Case]:
    """The directory of about a million figures: status, validate and one figure added."""
    restore = restorer(million / "actuals" / "china.toml")
    return [
        (
            "floor: parse of the million directory",
            [sys.executable, "-c", PARSE_FLOOR, str(million)],
            None,
        ),
        ("million: status --format json", [*iptarget, *STATUS_JSON, str(million)], None),
        ("million: validate", [*iptarget, "validate", "--dir", str(million)], None),
        (
            "million: add-actual",
            [*iptarget, "add-actual", "m00", "china", "2014", "61,000", "--dir", str(million)],
            restore,
        ),
    ]


#: Each goal: what it divides (a command, and a command or floor; None: milliseconds or
#: megabytes as they are) and the most it may be.
GOALS: dict[str, tuple[str, str | None, float]] = {
    "iptarget --help / minimal Typer app --help": (
        "iptarget --help",
        "floor: minimal Typer app --help",
        1.2,
    ),
    "example status / import typer, pydantic, rich": (
        "example: status",
        "floor: import typer, pydantic, rich",
        1.3,
    ),
    "example status --format json / import typer, pydantic, rich": (
        "example: status --format json",
        "floor: import typer, pydantic, rich",
        1.0,
    ),
    "large status / parse": (
        "large: status --format json",
        "floor: parse of the large directory",
        3.5,
    ),
    "large add-actual / large status": ("large: add-actual", "large: status --format json", 0.35),
    "large add-actual --replace / large status": (
        "large: add-actual --replace",
        "large: status --format json",
        0.35,
    ),
    "large diff of two revisions / large status": (
        "large: diff HEAD~1 HEAD --format json",
        "large: status --format json",
        2.5,
    ),
    "large report / large status": ("large: report", "large: status --format json", 3.0),
    "large review / large status": (
        "large: review --format json",
        "large: status --format json",
        1.1,
    ),
    "large due / large status": (
        "large: due --format json",
        "large: status --format json",
        1.2,
    ),
    "large compare / large status": (
        "large: compare --format json",
        "large: status --format json",
        1.1,
    ),
    "grouped status / parse": (
        "grouped: status --format json",
        "floor: parse of the grouped directory",
        3.5,
    ),
    "grouped add-actual / grouped status": (
        "grouped: add-actual",
        "grouped: status --format json",
        1.0,
    ),
    "million validate / million status": (
        "million: validate",
        "million: status --format json",
        1.5,
    ),
    "million add-actual, ms": ("million: add-actual", None, 600.0),
}
MEMORY_GOALS = {
    "large status peak memory, MB": ("large: status --format json", 150.0),
    "million status peak memory, MB": ("million: status --format json", 400.0),
}


def check_goals(
    results: dict[str, Any], memory: dict[str, float]
) -> dict[str, tuple[float, float, bool]]:
    """The goals of issues 4, 22 and 25 as (value, limit, met), each a ratio measured in one run;
    the goals of a directory left out (``--million-regions 0``) are left out too."""
    values: dict[str, tuple[float, float]] = {}
    for goal, (name, by, limit) in GOALS.items():
        if name in results and (by is None or by in results):
            median = float(results[name]["median_ms"])
            values[goal] = (median if by is None else median / results[by]["median_ms"], limit)
    for goal, (name, limit) in MEMORY_GOALS.items():
        if name in memory:
            values[goal] = (memory[name], limit)
    return {goal: (value, limit, value <= limit) for goal, (value, limit) in values.items()}


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0


if __name__ == "__main__":
    main()
