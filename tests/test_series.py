"""``iptarget series`` (SPEC 5.2): a metric no target uses, region by region, with how each
value was derived, its growth on a year before and the compound annual growth."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import Run, write_dir

TARGETS = Path(__file__).parent.parent / "targets"
METRICS = """
[metric.patents]
name = "Valid invention patents"
unit = "patents"
aggregate = "sum"

[metric.patents_yoy]
name = "Valid invention patents, growth on a year before"
unit = "%"
growth_of = "patents"
"""
REGIONS = """
[region.hlj]
name = "Heilongjiang"

[region.jl]
name = "Jilin"

[region.northeast]
name = "North-east"
members = ["hlj", "jl"]
"""
FIGURES = """
[[actual]]
metric = "patents"
region = "hlj"
period = "2023"
value = 40000

[[actual]]
metric = "patents"
region = "hlj"
period = "2024"
value = 44000

[[actual]]
metric = "patents"
region = "jl"
period = "2024"
value = 30000

[[actual]]
metric = "patents"
region = "northeast"
period = "2025-04"
value = 195000
source = "CNIPA news conference"

[[actual]]
metric = "patents_yoy"
region = "northeast"
period = "2025-04"
value = 10.2
"""


@pytest.fixture
def grouped(tmp_path: Path) -> Path:
    policies = {"p": '[policy]\ntitle = "P"\n'}
    return write_dir(tmp_path / "targets", policies, {"ne": FIGURES}, METRICS, REGIONS)


def test_heilongjiangs_enterprise_applications_with_their_growth(run: Run) -> None:
    args = ("series", "enterprise_patent_applications", "--as-of", "2026-11-22")
    result = run(*args, "--dir", str(TARGETS), "--format", "json")
    assert result.exit_code == 0, result.output
    (block,) = json.loads(result.stdout)["series"]
    assert block["region"] == "heilongjiang"
    assert [(point["period"], point["value"]) for point in block["values"]] == [
        ("2010", 3011),
        ("2015", 14236),
        ("2018", 7812),
    ]
    # (7812 / 3011)^(1/8) - 1 = 12.6565 %
    assert block["cagr_pct"] == pytest.approx(12.6565, abs=1e-4)
    table = run(*args, "--dir", str(TARGETS)).stdout
    assert re.search(r"2010 to 2018 +\+12.7% a year  compound annual growth", table)


def test_a_group_is_summed_carried_back_and_its_gaps_named(grouped: Path, run: Run) -> None:
    result = run("series", "patents", "--dir", str(grouped), "--format", "json")
    assert result.exit_code == 0, result.output
    blocks = {(b["region"], b["granularity"]): b for b in json.loads(result.stdout)["series"]}
    year = {p["period"]: p for p in blocks["northeast", "year"]["values"]}
    assert year["2024"]["value"] == 74000
    assert year["2024"]["rule"] == "sum of 2 members"
    assert year["2023"]["value"] is None
    assert year["2023"]["missing"] == ["jl"]  # Heilongjiang has 2023, Jilin has not
    month = {p["period"]: p for p in blocks["northeast", "month"]["values"]}
    assert month["2024-04"]["value"] == pytest.approx(195000 / 1.102)
    assert month["2024-04"]["rule"] == "from 195,000 in 2025-04 and +10.2%"
    assert month["2025-04"]["source"] == "CNIPA news conference"
    assert month["2025-04"]["growth_pct"] == pytest.approx(10.2)
    hlj = {p["period"]: p for p in blocks["hlj", "year"]["values"]}
    assert hlj["2024"]["growth_pct"] == pytest.approx(10.0)


def test_a_growth_metric_has_no_growth_columns(grouped: Path, run: Run) -> None:
    result = run("series", "patents_yoy", "--region", "northeast", "--dir", str(grouped))
    assert result.exit_code == 0, result.output
    assert "compound annual growth" not in result.stdout
    document = json.loads(
        run("series", "patents_yoy", "--dir", str(grouped), "--format", "json").stdout
    )
    for block in document["series"]:
        assert block["cagr_pct"] is None
        assert all(point["growth_pct"] is None for point in block["values"])
    hlj = next(block for block in document["series"] if block["region"] == "hlj")
    assert hlj["values"][0]["rule"] == "growth on 2023"


def test_region_selects_the_group_and_its_members(grouped: Path, run: Run) -> None:
    result = run(
        "series", "patents", "--region", "northeast", "--format", "csv", "--dir", str(grouped)
    )
    regions = {line.split(",")[0] for line in result.stdout.splitlines()[1:]}
    assert regions == {"northeast", "hlj", "jl"}
    result = run("series", "patentz", "--dir", str(grouped))
    assert result.exit_code == 2
    assert result.stderr.strip() == 'METRIC: unknown metric "patentz" (did you mean "patents"?)'
