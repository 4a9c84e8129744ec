"""The benchmark's generated directory: valid, deterministic, with every kind of target."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from iptarget import store
from iptarget.models import GOAL_KEYS


def benchmark() -> ModuleType:
    path = Path(__file__).parent.parent / "benchmarks" / "run.py"
    spec = importlib.util.spec_from_file_location("benchmark_run", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["benchmark_run"] = module
    spec.loader.exec_module(module)
    return module


def files(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*.toml"))}


def test_generated_directory_is_valid_and_varied(tmp_path: Path) -> None:
    size = benchmark().generate(tmp_path / "a", regions=12, metrics=20, years=10, targets=70)
    directory = store.load(tmp_path / "a")
    assert size == {"regions": 12, "metrics": 20, "actuals": directory.actual_count, "targets": 70}
    targets = [target for entry in directory.policies for target in entry.targets]
    assert len(targets) == 70
    assert {target.goal[0] for target in targets} == set(GOAL_KEYS)
    assert any(metric.is_ratio for metric in directory.metrics.values())
    periods = [period for values in directory.values.values() for period in values]
    assert any(period.granularity == "quarter" for period in periods)
    assert any(value.derived for values in directory.values.values() for value in values.values())


def test_generation_is_deterministic(tmp_path: Path) -> None:
    module = benchmark()
    module.generate(tmp_path / "a", regions=5, metrics=10, years=4, targets=15)
    module.generate(tmp_path / "b", regions=5, metrics=10, years=4, targets=15)
    assert files(tmp_path / "a") == files(tmp_path / "b")
