"""Flows and stocks (SPEC 1 v3): ``measure`` on plain metrics, a ratio's measure from the
metrics it is built on, and the rules that refuse it elsewhere."""

from __future__ import annotations

from pathlib import Path

from helpers import Run, metrics_of, write_dir
from iptarget.core.links import measure_of

METRICS = """
[metric.apps]
name = "Applications"
measure = "flow"

[metric.owned]
name = "Valid patents"
measure = "stock"

[metric.people]
name = "Population"
measure = "stock"

[metric.unmarked]
name = "No measure"

[metric.per_10k]
name = "Per 10,000 people"
numerator = "owned"
denominator = "people"
scale = 10000

[metric.apps_per_10k]
name = "Applications per 10,000 people"
numerator = "apps"
denominator = "people"

[metric.mixed]
name = "Unmarked over a stock"
numerator = "unmarked"
denominator = "people"

[metric.share]
name = "A share of the parent"
numerator = "owned"
denominator = "owned"
denominator_region = "parent"

[metric.per_10k_of_share]
name = "A ratio of ratios"
numerator = "per_10k"
denominator = "apps_per_10k"

[metric.apps_yoy]
name = "Growth of applications"
growth_of = "apps"
"""


def test_a_ratios_measure_follows_the_metrics_it_is_built_on() -> None:
    metrics = metrics_of(METRICS)
    assert measure_of(metrics, "apps") == "flow"
    assert measure_of(metrics, "owned") == "stock"
    assert measure_of(metrics, "unmarked") is None
    assert measure_of(metrics, "per_10k") == "stock"  # stock over stock
    assert measure_of(metrics, "apps_per_10k") == "flow"  # a flow under it
    assert measure_of(metrics, "mixed") is None  # unmarked, and no flow
    assert measure_of(metrics, "share") == "stock"  # the same metric twice
    assert measure_of(metrics, "per_10k_of_share") == "flow"  # through ratios
    assert measure_of(metrics, "apps_yoy") is None  # growth metrics have none
    assert measure_of(metrics, "nowhere") is None


def test_measure_is_refused_off_plain_metrics(tmp_path: Path, run: Run) -> None:
    metrics = METRICS.replace("scale = 10000\n", 'scale = 10000\nmeasure = "stock"\n').replace(
        'growth_of = "apps"\n', 'growth_of = "apps"\nmeasure = "flow"\n'
    )
    root = write_dir(
        tmp_path / "t", metrics=metrics + '\n[metric.bad]\nname = "B"\nmeasure = "level"\n'
    )
    result = run("validate", "--dir", str(root))
    assert result.exit_code == 2
    said = result.stderr
    assert (
        'metric "per_10k": measure: only a plain metric has measure; a ratio\'s follows from '
        "the metrics it is built on" in said
    )
    assert (
        'metric "apps_yoy": measure: only a plain metric has measure; a growth metric has none'
        in said
    )
    assert 'metric "bad": measure:' in said
