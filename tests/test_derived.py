"""Derived values (SPEC 3.2 and 3.3, v2), pinned with hand-computed numbers: ratios and
shares, growth on a year before, a group's sum, back-growth, and the order of the rules."""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import dataset_of
from iptarget.core.dataset import Dataset, Value
from iptarget.core.values import Values
from iptarget.periods import Period, parse_period
from iptarget.render.words import worded

METRICS = """
[metric.patents]
name = "Valid invention patents"
aggregate = "sum"

[metric.people]
name = "Population"
aggregate = "sum"

[metric.per_10k]
name = "Patents per 10,000 people"
numerator = "patents"
denominator = "people"
scale = 10000

[metric.share_of_china]
name = "Share of China's patents"
numerator = "patents"
denominator = "patents"
denominator_region = "china"
scale = 100

[metric.share_of_parent]
name = "Share of the parent's patents"
numerator = "patents"
denominator = "patents"
denominator_region = "parent"
scale = 100

[metric.patents_yoy]
name = "Patents, growth on a year before"
growth_of = "patents"

[metric.patents_growth]
name = "Patents, growth (another series of it)"
growth_of = "patents"

[metric.per_10k_yoy]
name = "Per 10,000, growth"
growth_of = "per_10k"

[metric.plain]
name = "A metric that is never summed"
"""
REGIONS = """
[region.china]
name = "China"

[region.hlj]
name = "Heilongjiang"
parent = "china"

[region.jl]
name = "Jilin"
parent = "china"

[region.ln]
name = "Liaoning"
parent = "china"

[region.northeast]
name = "North-east"
parent = "china"
members = ["hlj", "jl", "ln"]

[region.dongbei]
name = "North-east and Inner Mongolia"
members = ["northeast", "nm"]

[region.nm]
name = "Inner Mongolia east"
parent = "china"
"""
Figures = Mapping[tuple[str, str], Mapping[str, float]]


def values(figures: Figures) -> Values:
    return Values(dataset_of((), figures, metrics=METRICS, regions=REGIONS))


def value(found: Values, metric: str, region: str, period: str) -> tuple[float, str | None]:
    got = found.get(metric, region, parse_period(period))
    assert got is not None, (metric, region, period)
    return got.value, None if got.rule is None else worded(got.rule)


def unknown(found: Values, metric: str, region: str, period: str) -> bool:
    return found.get(metric, region, parse_period(period)) is None


def test_a_group_sums_its_members_when_every_one_is_known() -> None:
    found = values(
        {
            ("patents", "hlj"): {"2024": 40_000, "2025": 42_000},
            ("patents", "jl"): {"2024": 30_000, "2025": 33_000},
            ("patents", "ln"): {"2024": 80_000},  # 2025 missing
        }
    )
    assert value(found, "patents", "northeast", "2024") == (150_000, "sum of 3 members")
    assert unknown(found, "patents", "northeast", "2025")  # a missing member: no sum


def test_a_recorded_group_value_wins_and_a_member_group_gives_its_own_value() -> None:
    found = values(
        {
            ("patents", "hlj"): {"2024": 40_000},
            ("patents", "jl"): {"2024": 30_000},
            ("patents", "ln"): {"2024": 80_000},
            ("patents", "northeast"): {"2024": 151_000},  # published, not the sum 150,000
            ("patents", "nm"): {"2024": 5_000},
        }
    )
    recorded = found.get("patents", "northeast", parse_period("2024"))
    assert recorded is not None
    assert (recorded.value, recorded.derived) == (151_000, False)
    # dongbei = northeast (its recorded 151,000, never looked inside) + nm
    assert value(found, "patents", "dongbei", "2024") == (156_000, "sum of 2 members")


def test_a_plain_metric_without_aggregate_is_never_summed() -> None:
    found = values(
        {("plain", "hlj"): {"2024": 1}, ("plain", "jl"): {"2024": 2}, ("plain", "ln"): {"2024": 3}}
    )
    assert unknown(found, "plain", "northeast", "2024")


def test_a_ratio_of_a_group_follows_from_its_sums() -> None:
    # per 10,000 = (40,000 + 30,000 + 80,000) / (31 + 24 + 42 million) × 10,000 = 15.463918
    found = values(
        {
            ("patents", "hlj"): {"2024": 40_000},
            ("patents", "jl"): {"2024": 30_000},
            ("patents", "ln"): {"2024": 80_000},
            ("people", "hlj"): {"2024": 31_000_000},
            ("people", "jl"): {"2024": 24_000_000},
            ("people", "ln"): {"2024": 42_000_000},
        }
    )
    got, rule = value(found, "per_10k", "northeast", "2024")
    assert got == pytest.approx(15.463918, abs=1e-6)
    assert rule == "ratio"


def test_shares_of_a_named_region_and_of_the_parent() -> None:
    found = values(
        {
            ("patents", "hlj"): {"2024": 42_000},
            ("patents", "china"): {"2024": 4_200_000},
            ("patents", "dongbei"): {"2024": 273},
        }
    )
    assert value(found, "share_of_china", "hlj", "2024") == (1.0, "share of china")
    assert value(found, "share_of_parent", "hlj", "2024") == (1.0, "share of china")
    assert unknown(found, "share_of_parent", "china", "2024")  # china has no parent
    assert unknown(found, "share_of_parent", "dongbei", "2024")  # nor has this group


def test_a_denominator_of_zero_gives_no_ratio() -> None:
    found = values({("patents", "hlj"): {"2024": 5}, ("people", "hlj"): {"2024": 0}})
    assert unknown(found, "per_10k", "hlj", "2024")


def test_growth_on_a_year_before_for_every_granularity() -> None:
    found = values(
        {
            ("patents", "hlj"): {
                "2023": 40_000,
                "2024": 44_000,
                "2024-04": 50_000,
                "2025-04": 55_100,
                "2024-Q1": 0,
                "2025-Q1": 10,
            }
        }
    )
    got, rule = value(found, "patents_yoy", "hlj", "2024")
    assert got == pytest.approx(10.0)
    assert rule == "growth on 2023"
    assert value(found, "patents_yoy", "hlj", "2025-04")[0] == pytest.approx(10.2)
    assert unknown(found, "patents_yoy", "hlj", "2025-Q1")  # the year before is 0
    assert unknown(found, "patents_yoy", "hlj", "2023")  # no 2022


def test_back_growth_gives_the_year_earlier_level() -> None:
    # "195,000, up 10.2% on a year before": 2024-04 = 195,000 / 1.102 = 176,950.99818...
    found = values(
        {
            ("patents", "northeast"): {"2025-04": 195_000},
            ("patents_yoy", "northeast"): {"2025-04": 10.2},
        }
    )
    got, rule = value(found, "patents", "northeast", "2024-04")
    assert got == pytest.approx(195_000 / 1.102)
    assert rule == "from 195,000 in 2025-04 and +10.2%"
    assert unknown(found, "patents", "northeast", "2023-04")  # no growth figure for 2024-04


def test_back_growth_is_carried_back_year_by_year_choosing_the_growth_anew() -> None:
    # 2025: 121; 2025 growth +10% (patents_growth sorts first) -> 2024 = 110;
    # 2024 growth +10% (only patents_yoy has 2024) -> 2023 = 100
    found = values(
        {
            ("patents", "hlj"): {"2025": 121},
            ("patents_growth", "hlj"): {"2025": 10},
            ("patents_yoy", "hlj"): {"2025": 50, "2024": 10},
        }
    )
    assert value(found, "patents", "hlj", "2024")[0] == pytest.approx(110)
    assert value(found, "patents", "hlj", "2023")[0] == pytest.approx(100)


def test_the_sum_rule_comes_before_back_growth() -> None:
    found = values(
        {
            ("patents", "hlj"): {"2024": 1, "2025": 1},
            ("patents", "jl"): {"2024": 2, "2025": 2},
            ("patents", "ln"): {"2024": 3, "2025": 3},
            ("patents_yoy", "northeast"): {"2025": 100},  # would make 2024 = 3
        }
    )
    assert value(found, "patents", "northeast", "2024") == (6, "sum of 3 members")


def test_a_ratio_with_a_zero_denominator_is_tried_by_back_growth() -> None:
    # per_10k 2025 = 10 recorded, per_10k_yoy 2025 = +25% recorded: 2024 = 10 / 1.25 = 8
    found = values(
        {
            ("patents", "hlj"): {"2024": 5},
            ("people", "hlj"): {"2024": 0},
            ("per_10k", "hlj"): {"2025": 10},
            ("per_10k_yoy", "hlj"): {"2025": 25},
        }
    )
    assert value(found, "per_10k", "hlj", "2024") == (8, "from 10 in 2025 and +25%")


def test_the_first_growth_metric_is_used_even_when_it_gives_nothing() -> None:
    # patents_growth sorts first; its -100% leaves 2024 unknown, though patents_yoy has +10%
    found = values(
        {
            ("patents", "hlj"): {"2025": 110},
            ("patents_growth", "hlj"): {"2025": -100},
            ("patents_yoy", "hlj"): {"2025": 10},
        }
    )
    assert unknown(found, "patents", "hlj", "2024")


def test_a_growth_figure_known_later_than_the_date_is_not_used() -> None:
    figures = {("patents", "hlj"): {"2025-04": 110}, ("patents_yoy", "hlj"): {"2025-04": 10}}
    early = Values(
        dataset_of((), figures, metrics=METRICS, regions=REGIONS), datetime.date(2025, 3, 31)
    )
    assert unknown(early, "patents", "hlj", "2024-04")


levels = st.dictionaries(st.sampled_from(["2021", "2022", "2023", "2024"]), st.integers(0, 500))
growths = st.dictionaries(st.sampled_from(["2022", "2023", "2024"]), st.integers(-99, 50))


@settings(max_examples=150, deadline=None)
@given(
    patents=st.fixed_dictionaries(dict.fromkeys(("hlj", "jl", "ln", "china"), levels)),
    people=st.fixed_dictionaries(dict.fromkeys(("hlj", "jl", "ln"), levels)),
    yoy=st.fixed_dictionaries(dict.fromkeys(("hlj", "northeast"), growths)),
)
def test_every_derived_value_is_its_formula_of_the_values_reported_for_its_inputs(
    patents: dict[str, dict[str, int]],
    people: dict[str, dict[str, int]],
    yoy: dict[str, dict[str, int]],
) -> None:
    figures: dict[tuple[str, str], dict[str, float]] = {}
    for metric, table in (("patents", patents), ("people", people), ("patents_yoy", yoy)):
        for region, series in table.items():
            if series:
                figures[metric, region] = dict(series)
    dataset = dataset_of((), figures, metrics=METRICS, regions=REGIONS)
    found = Values(dataset)
    regions = ["hlj", "jl", "ln", "china", "northeast", "dongbei", "nm"]
    for metric in dataset.metrics:
        for region in regions:
            for period, got in found.series(metric, region).items():
                if got.derived:
                    expected = formula(found, dataset, metric, region, got)
                    assert got.value == pytest.approx(expected), (metric, region, period, got)


def formula(found: Values, dataset: Dataset, metric: str, region: str, got: Value) -> float:
    """The value a derived one must have, by its rule, from the values of its inputs."""
    rule, period = "" if got.rule is None else worded(got.rule), got.period
    definition = dataset.metrics[metric]

    def at(metric: str, region: str, period: object = period) -> float:
        value = found.get(metric, region, period)  # type: ignore[arg-type]
        assert value is not None
        return value.value

    if rule == "ratio":
        return at("patents", region) / at("people", region) * (definition.scale or 1)
    if rule.startswith("share of "):
        return at("patents", region) / at("patents", rule.removeprefix("share of ")) * 100
    if rule.startswith("growth on "):
        grown = definition.growth_of or ""
        return (at(grown, region) / at(grown, region, period.year_before()) - 1) * 100
    if rule.startswith("sum of "):
        members = {"northeast": ["hlj", "jl", "ln"], "dongbei": ["northeast", "nm"]}[region]
        return math.fsum(at(metric, member) for member in members)
    assert rule.startswith("from "), rule
    later = Period(period.year + 1, period.granularity, period.number)
    growers = sorted(grower for grower, m in dataset.metrics.items() if m.growth_of == metric)
    rate = next(
        found.recorded(grower, region)[later].value
        for grower in growers
        if later in found.recorded(grower, region)
    )
    return at(metric, region, later) / (1 + rate / 100)
