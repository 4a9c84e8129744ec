"""Timing whole processes: runs taking turns, medians and spreads, peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Case = tuple[str, list[str], Any]
"""A timed command: its name, its arguments, and what to do before each run (or None)."""
PEAK_MEMORY = """
import resource, subprocess, sys

subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


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


def restorer(path: Path) -> Callable[[], None]:
    """Put a file back as it is now (or remove it), before each run of a command that writes it."""
    if not path.exists():
        return lambda: path.unlink(missing_ok=True)
    pristine = path.read_bytes()

    def restore() -> None:
        path.write_bytes(pristine)

    return restore
