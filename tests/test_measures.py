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


def test_a_year_to_date_figure_is_for_a_flow(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path / "t", metrics=METRICS)
    add = ("add-actual", "--dir", str(root))
    flow = run(*add[:1], "apps", "r", "2015年1-10月", "1,896", *add[1:])
    assert flow.exit_code == 0, flow.output
    assert "recorded apps r Jan-Oct 2015 = 1,896" in flow.stdout
    assert 'period = "2015-YTD10"' in (root / "actuals" / "r.toml").read_text(encoding="utf-8")
    growth = run(*add[:1], "apps_yoy", "r", "2015 YTD10", "105", *add[1:])
    assert growth.exit_code == 0, growth.output  # a growth metric of a flow
    stock = run(*add[:1], "owned", "r", "2015年前10个月", "500", *add[1:])
    assert stock.exit_code == 2
    assert (
        "PERIOD: a stock is counted at a date, not over the year to date: record it at 2015-10"
        in stock.stderr
    )
    unmarked = run(*add[:1], "unmarked", "r", "2015年前三季度", "5", *add[1:])
    assert unmarked.exit_code == 2
    assert 'give the metric "unmarked" measure = "flow"' in unmarked.stderr
    quarter = run(*add[:1], "unmarked", "r", "2015年1-3月", "5", *add[1:])
    assert "2015-Q1" in quarter.stdout  # a span of three months is the first quarter


def test_files_refuse_a_year_to_date_where_it_does_not_belong(tmp_path: Path, run: Run) -> None:
    figures = (
        '[[actual]]\nmetric = "owned"\nregion = "r"\nperiod = "2015-YTD10"\nvalue = 5\n\n'
        '[[actual]]\nmetric = "apps"\nregion = "r"\nperiod = "2015-YTD03"\nvalue = 5\n'
    )
    target = 'id = "t"\ntitle = "T"\nmetric = "apps"\ndeadline = "2015-YTD10"\nat_least = 5\n'
    root = write_dir(
        tmp_path / "t",
        {"p": f'[policy]\ntitle = "P"\nregion = "r"\n\n[[target]]\n{target}'},
        {"r": figures},
        metrics=METRICS,
    )
    result = run("validate", "--dir", str(root))
    assert result.exit_code == 2
    said = result.stderr
    assert "actual (owned, r, 2015-YTD10): period: a stock is counted at a date" in said
    assert "period: not a period: '2015-YTD03' (this span is written 2015-Q1)" in said
    assert "deadline: Jan-Oct 2015 is a year to date: a target's periods are" in said
