"""Ranks (SPEC 1, 4.6, v3): ``rank_at_most`` with ``among`` and ``rank_by``, worked out by
hand: ties sharing the best rank, the lowest first, half the regions needed for a period to
count, groups and parents as ``among``, derived values, and every rule."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import Run, actuals, dataset_of, policy, write_dir
from iptarget.core.evaluate import Evaluation, evaluate
from iptarget.core.links import ranked_regions
from iptarget.core.ranks import rank_of
from iptarget.core.status import Status
from test_splits import METRICS, REGIONS

D = datetime.date
GROUPED = REGIONS + '\n[region.oil_cities]\nname = "Oil cities"\nmembers = ["daqing", "qiqihar"]\n'
TARGET = """
id = "top2"
title = "Qiqihar into the province's top 2 by 2025"
metric = "per_10k"
region = "qiqihar"
among = "heilongjiang"
deadline = 2025
rank_at_most = 2
"""


def judge(figures: dict[str, dict[str, float]], body: str = TARGET) -> Evaluation:
    data = {("per_10k", region): values for region, values in figures.items()}
    dataset = dataset_of([body], data, metrics=METRICS, regions=GROUPED)
    (found,) = evaluate(dataset, D(2024, 6, 1))
    return found


def test_ties_share_the_best_rank_and_lowest_ranks_the_other_way() -> None:
    values = [10.0, 8.0, 8.0 + 1e-12, 5.0]
    assert [rank_of(value, values, lowest=False) for value in values] == [1, 2, 2, 4]
    assert [rank_of(value, values, lowest=True) for value in values] == [4, 2, 2, 1]


def test_among_a_group_its_members_else_the_children_that_are_not_groups() -> None:
    dataset = dataset_of([], {}, metrics=METRICS, regions=GROUPED)
    assert ranked_regions(dataset.regions, "oil_cities") == ["daqing", "qiqihar"]
    assert ranked_regions(dataset.regions, "heilongjiang") == ["daqing", "harbin", "qiqihar"]


def test_the_series_is_the_rank_where_half_the_regions_have_figures() -> None:
    found = judge(
        {
            "harbin": {"2020": 12.0, "2023": 16.5},
            "daqing": {"2020": 4.0, "2023": 13.0},
            "qiqihar": {"2019": 3.0, "2020": 4.0, "2023": 5.0},
        }
    )
    # 2019: Qiqihar alone (1 of 3): not ranked; 2020: tied with Daqing for 2nd; 2023: 3rd
    assert [(str(value.period), value.value) for value in found.series] == [
        ("2020", 2.0),
        ("2023", 3.0),
    ]
    assert found.rank_of == {found.series[0].period: 3, found.series[1].period: 3}
    assert (found.target_value, found.direction) == (2, "down")
    assert found.status is Status.REGRESSING  # from 2nd to 3rd, a rank that should fall
    assert found.metric.decimals == 0
    assert found.metric.unit is None  # ranks are shown as places
    assert found.measured is not None
    assert found.measured.unit == "patents"


def test_the_lowest_first_and_a_group_as_among() -> None:
    body = TARGET.replace('"heilongjiang"', '"oil_cities"') + 'rank_by = "lowest"\n'
    found = judge({"daqing": {"2023": 13.0}, "qiqihar": {"2023": 5.0}}, body)
    assert [value.value for value in found.series] == [1.0]
    assert found.status is Status.MET


def test_json_show_and_words(tmp_path: Path, run: Run) -> None:
    root = write_dir(
        tmp_path / "t",
        {"p": policy(TARGET, header='title = "P"')},
        {
            "harbin": actuals("per_10k", "harbin", {"2020": 12.0, "2023": 16.5}),
            "daqing": actuals("per_10k", "daqing", {"2020": 4.0, "2023": 13.0}),
            "qiqihar": actuals("per_10k", "qiqihar", {"2020": 4.0, "2023": 5.0}),
        },
        metrics=METRICS,
        regions=REGIONS,
    )
    args = ("--dir", str(root), "--as-of", "2024-06-01")
    (target,) = json.loads(run("status", *args, "--format", "json").stdout)["targets"]
    assert target["unit"] == "patents"  # the metric's, as SPEC 4.6 keeps it
    assert target["latest"] == {
        "period": "2023",
        "value": 3.0,
        "derived": False,
        "published": None,
        "flag": None,
        "rank_of": 3,
    }
    shown = run("show", "top2", *args).stdout
    assert "  goal      in the top 2 of Heilongjiang by 2025\n" in shown
    assert "  rank      rank 3 of 3 with figures (2023)\n" in shown
    assert "  actual    +0.33 places a year\n" in shown
    zh = run("--lang", "zh", "show", "top2", *args).stdout
    assert "  目标      2025年进入Heilongjiang前2位\n" in zh
    assert "  排名      在有数据的3个地区中排第3位（2023年）\n" in zh


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (TARGET.replace('among = "heilongjiang"\n', ""), "among: required by rank_at_most"),
        (TARGET.replace("rank_at_most = 2", "at_most = 2"), "among: is for rank_at_most"),
        (TARGET.replace('"qiqihar"', '"heilongjiang"'), "region: heilongjiang is not among"),
        (TARGET.replace('among = "heilongjiang"', 'among = "hlj"'), 'among: unknown region "hlj"'),
        (TARGET.replace("rank_at_most = 2", "rank_at_most = 0"), "rank_at_most"),
        (TARGET.replace("rank_at_most = 2", "rank_at_most = 1.5"), "rank_at_most"),
        (TARGET + 'rank_by = "middle"\n', "rank_by"),
    ],
)
def test_the_rules_of_a_rank(tmp_path: Path, run: Run, body: str, said: str) -> None:
    root = write_dir(
        tmp_path / "t", {"p": policy(body, header='title = "P"')}, metrics=METRICS, regions=REGIONS
    )
    result = run("validate", "--dir", str(root))
    assert result.exit_code == 2
    assert said in result.stderr, result.stderr


@given(
    st.lists(
        st.sampled_from([0.0, 1.0, 1.0 + 1e-10, 1.0 - 1e-10, 5.0, 1e12, 1e12 + 500, -3.0]),
        min_size=1,
    ),
    st.booleans(),
)
def test_a_rank_is_one_more_than_the_values_better_beyond_the_tolerance(
    values: list[float], lowest: bool
) -> None:
    def better(value: float, other: float) -> bool:
        tolerance = 1e-9 * max(1.0, abs(value), abs(other))
        return other < value - tolerance if lowest else other > value + tolerance

    for value in values:
        count = sum(better(value, other) for other in values)
        assert rank_of(value, values, lowest) == count + 1
