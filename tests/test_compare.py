"""``iptarget compare`` (SPEC 5.5): the league table of a metric, worked out by hand: ranks
with ties, the rank a year before and its change, growth, the default regions and period,
the targets' statuses, every format, and the refusals."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from helpers import Run, actuals, dataset_of, policy, regions_of, write_dir
from iptarget.core.league import comparable, default_period, league
from iptarget.core.values import Values
from iptarget.periods import parse_period
from test_splits import METRICS, REGIONS

D = datetime.date
FIGURES = {
    "harbin": {"2022": 12.0, "2023": 16.5},
    "daqing": {"2022": 14.0, "2023": 13.0},
    "qiqihar": {"2022": 4.0, "2023": 16.5},
    "heilongjiang": {"2023": 50.0},
}
SPLIT = """
id = "city-2025"
title = "Per 10,000 people by 2025, split among the cities"
metric = "per_10k"
regions = ["harbin", "daqing"]
start = 2022
deadline = 2025
at_least = 15
"""


def directory(tmp_path: Path) -> Path:
    return write_dir(
        tmp_path / "targets",
        {"p": policy(SPLIT, header='title = "P"')},
        {region: actuals("per_10k", region, found) for region, found in FIGURES.items()},
        metrics=METRICS,
        regions=REGIONS,
    )


def compared(run: Run, root: Path, *args: str) -> dict[str, object]:
    result = run("compare", "per_10k", "--dir", str(root), "--as-of", "2024-06-01", *args)
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert isinstance(found, dict)
    return found


def lines_of(document: dict[str, object]) -> list[tuple[object, ...]]:
    regions = document["regions"]
    assert isinstance(regions, list)
    return [
        (
            line["region"],
            line["rank"],
            None if line["value"] is None else line["value"]["value"],
            line["rank_before"],
            line["rank_change"],
        )
        for line in regions
    ]


def test_ranks_ties_and_the_change_on_a_year_before(tmp_path: Path, run: Run) -> None:
    found = compared(run, directory(tmp_path), "--among", "heilongjiang", "--format", "json")
    assert (found["period"], found["by"], found["among"], found["ranked"]) == (
        "2023",
        "value",
        "heilongjiang",
        3,
    )
    # 2023: Harbin and Qiqihar tie at 16.5 and share 1st; 2022: Daqing 14 > Harbin 12 > 4
    assert lines_of(found) == [
        ("harbin", 1, 16.5, 2, 1),
        ("qiqihar", 1, 16.5, 3, 2),
        ("daqing", 3, 13.0, 1, -2),
    ]
    regions = found["regions"]
    assert isinstance(regions, list)
    assert [line["growth_pct"] for line in regions] == [
        pytest.approx(37.5),
        pytest.approx(312.5),
        pytest.approx(-100 / 14),
    ]


def test_the_targets_on_the_metric_carry_their_status(tmp_path: Path, run: Run) -> None:
    root = directory(tmp_path)
    found = compared(run, root, "--among", "heilongjiang", "--format", "json")
    status = run("status", "--dir", str(root), "--as-of", "2024-06-01", "--format", "json")
    statuses = {t["id"]: t["status"] for t in json.loads(status.stdout)["targets"]}
    regions = found["regions"]
    assert isinstance(regions, list)
    assert {line["region"]: line["targets"] for line in regions} == {
        "harbin": [{"id": "city-2025@harbin", "status": statuses["city-2025@harbin"]}],
        "daqing": [{"id": "city-2025@daqing", "status": statuses["city-2025@daqing"]}],
        "qiqihar": [],
    }


def test_by_growth_ranks_the_growth_and_knows_no_rank_a_year_before(
    tmp_path: Path, run: Run
) -> None:
    found = compared(
        run, directory(tmp_path), "--among", "heilongjiang", "--by", "growth", "--format", "json"
    )
    assert found["by"] == "growth"
    # +312.5% > +37.5% > -7.1%; 2022's growth would need 2021's figures
    assert lines_of(found) == [
        ("qiqihar", 1, 16.5, None, None),
        ("harbin", 2, 16.5, None, None),
        ("daqing", 3, 13.0, None, None),
    ]


def test_without_among_the_level_most_regions_are_at(tmp_path: Path, run: Run) -> None:
    found = compared(run, directory(tmp_path), "--format", "json")
    assert found["among"] is None
    assert [line[0] for line in lines_of(found)] == ["harbin", "qiqihar", "daqing"]  # no province
    grouped = regions_of(REGIONS + '\n[region.oil]\nname = "Oil"\nmembers = ["daqing"]\n')
    assert comparable(grouped, ["heilongjiang", "oil", "daqing", "harbin"]) == ["daqing", "harbin"]
    assert comparable(grouped, ["heilongjiang", "daqing"]) == ["heilongjiang"]  # a tie: shallower
    assert comparable(grouped, ["oil", "nowhere"]) == []


def test_the_default_period_is_the_longest_granularity_half_the_regions_have() -> None:
    dataset = dataset_of(
        [],
        {
            ("per_10k", "harbin"): {"2022": 1.0, "2023": 2.0, "2024-03": 3.0, "2024-Q1": 3.0},
            ("per_10k", "daqing"): {"2022": 1.0, "2024-03": 5.0},
            ("per_10k", "qiqihar"): {"2024-03": 4.0},
        },
        metrics=METRICS,
        regions=REGIONS,
    )
    values = Values(dataset, D(2024, 6, 1))
    series = {
        region: values.series("per_10k", region) for region in ("harbin", "daqing", "qiqihar")
    }
    # 2023: one of three; 2022: two of three, the latest year that counts
    assert default_period(series) == parse_period("2022")
    del series["daqing"]  # harbin alone: 2023 is one of two, half
    assert default_period(series) == parse_period("2023")
    only_months = {"qiqihar": series["qiqihar"]}
    assert default_period(only_months) == parse_period("2024-03")
    explicit = league(
        values, "per_10k", ["harbin", "daqing", "qiqihar"], parse_period("2024-03"), False
    )
    assert [(line.region, line.rank) for line in explicit.standings] == [
        ("daqing", 1),
        ("qiqihar", 2),
        ("harbin", 3),
    ]
    assert explicit.standings[0].rank_before is None  # 2023-03: nobody has a figure


def test_a_region_without_a_figure_is_listed_last_unranked(tmp_path: Path, run: Run) -> None:
    root = directory(tmp_path)
    found = compared(run, root, "--among", "heilongjiang", "--period", "2022", "--format", "json")
    assert lines_of(found) == [
        ("daqing", 1, 14.0, None, None),
        ("harbin", 2, 12.0, None, None),
        ("qiqihar", 3, 4.0, None, None),
    ]
    found = compared(run, root, "--among", "heilongjiang", "--period", "2024", "--format", "json")
    assert found["ranked"] == 0
    assert [line[1] for line in lines_of(found)] == [None, None, None]


def test_csv_and_markdown(tmp_path: Path, run: Run) -> None:
    root = directory(tmp_path)
    csv_text = compared_text(run, root, "--among", "heilongjiang", "--format", "csv")
    assert csv_text.splitlines() == [
        "region,rank,period,value,derived,published,flag,growth_pct,rank_before,rank_change,"
        "targets",
        "harbin,1,2023,16.5,false,,,37.5,2,1,city-2025@harbin:met",
        "qiqihar,1,2023,16.5,false,,,312.5,3,2,",
        "daqing,3,2023,13,false,,,-7.14285714285714,1,-2,city-2025@daqing:regressing",
    ]
    markdown = compared_text(run, root, "--among", "heilongjiang", "--format", "markdown")
    assert markdown.splitlines() == [
        "Invention patents per 10,000 people, 2023: 3 of the 3 regions of Heilongjiang ranked "
        "by value",
        "",
        "| rank | region | value | growth | a year before | change | targets |",
        "| ---: | --- | ---: | ---: | ---: | ---: | --- |",
        "| 1 | harbin | 16.50 | +37.5% | 2 | ▲1 | city-2025@&#8203;harbin met |",
        "| 1 | qiqihar | 16.50 | +312.5% | 3 | ▲2 |  |",
        "| 3 | daqing | 13.00 | -7.1% | 1 | ▼2 | city-2025@&#8203;daqing regressing |",
        "",
        "growth: on a year before; a year before: the rank at 2022; ▲ rose, ▼ fell, = unchanged",
    ]


def compared_text(run: Run, root: Path, *args: str) -> str:
    result = run("compare", "per_10k", "--dir", str(root), "--as-of", "2024-06-01", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("nope",), "METRIC: unknown metric"),
        (("per_10k", "--among", "nowhere"), "--among: unknown region"),
        (("per_10k", "--period", "2023-13"), "--period: "),
        (("per_10k", "--by", "size"), "--by"),
    ],
)
def test_mistakes_are_refused(tmp_path: Path, run: Run, args: tuple[str, ...], said: str) -> None:
    result = run("compare", *args, "--dir", str(directory(tmp_path)))
    assert result.exit_code == 2
    assert said in result.stderr
    assert "Traceback" not in result.output


def test_a_growth_rate_is_not_ranked_by_its_growth(run: Run) -> None:
    root = Path(__file__).parent.parent / "targets"
    result = run("compare", "invention_applications_yoy", "--by", "growth", "--dir", str(root))
    assert result.exit_code == 2
    assert "--by: invention_applications_yoy is a growth rate" in result.stderr


def test_nothing_to_rank_says_so(tmp_path: Path, run: Run) -> None:
    root = directory(tmp_path)
    result = run("compare", "per_10k", "--dir", str(root), "--among", "harbin")
    assert result.exit_code == 0
    assert result.stdout == "Invention patents per 10,000 people: no region has a value\n"
