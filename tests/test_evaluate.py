"""Evaluation (SPEC 4): every status and every formula, with numbers worked out by hand."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import FACTOR_2, actuals, dataset_of, load, policy, write_dir
from iptarget.core.evaluate import Evaluation, evaluate, meets
from iptarget.core.status import Status

D = datetime.date
MID_2019 = D(2019, 6, 30)


def judge(
    target: str,
    values: Mapping[str, float],
    as_of: datetime.date = MID_2019,
    metric: str = "apps",
    issued: datetime.date | None = None,
) -> Evaluation:
    """Evaluate one target against recorded values of its metric in region r, in memory."""
    (evaluation,) = evaluate(dataset_of([target], {(metric, "r"): values}, issued), as_of)
    return evaluation


def test_on_track_with_every_figure() -> None:
    # B = 100 in 2014, V = 200 in 2020; L = 170 in 2018.
    # required = 2^(1/6) - 1 = 0.122462; actual = 1.7^(1/4) - 1 = 0.141858
    # pace = 0.141858 / 0.122462 = 1.158383; progress = 70 / 100 = 70 %
    # projected = 170 * 1.141858^2 = 221.6529
    evaluation = judge(FACTOR_2, {"2014": 100, "2016": 130, "2018": 170})
    assert evaluation.status is Status.ON_TRACK
    assert evaluation.target_value == 200
    assert evaluation.direction == "up"
    assert evaluation.progress_pct == pytest.approx(70.0)
    assert evaluation.required_rate == pytest.approx(0.122462, abs=1e-6)
    assert evaluation.actual_rate == pytest.approx(0.141858, abs=1e-6)
    assert evaluation.pace == pytest.approx(1.158383, abs=1e-5)
    assert evaluation.projected == pytest.approx(221.6529, abs=1e-3)
    assert evaluation.compound


@pytest.mark.parametrize(
    ("latest", "pace", "status"),
    [
        # actual = 1.5^(1/4) - 1 = 0.106682; pace = 0.106682 / 0.122462 = 0.871145
        (150, 0.871145, Status.AT_RISK),
        # actual = 1.2^(1/4) - 1 = 0.046635; pace = 0.380813
        (120, 0.380813, Status.OFF_TRACK),
        # actual = 0.9^(1/4) - 1 = -0.025996; pace = -0.212277
        (90, -0.212277, Status.REGRESSING),
    ],
)
def test_pace_bands(latest: float, pace: float, status: Status) -> None:
    evaluation = judge(FACTOR_2, {"2014": 100, "2018": latest})
    assert evaluation.pace == pytest.approx(pace, abs=1e-5)
    assert evaluation.status is status


def test_band_edges() -> None:
    # A pace of exactly 0.95 is on track, exactly 0.6 at risk, exactly 0 off track.
    # linear: S = 100 (2014), V = 220 (2020): required = 120 / 6 = 20 a year, exactly;
    # L after 4 years at pace p is 100 + 4 * 20 * p: 176, 148 and 100.
    target = FACTOR_2.replace('metric = "apps"', 'metric = "lin"').replace(
        "factor = 2", "increase = 120"
    )
    for latest, pace, status in (
        (176, 0.95, Status.ON_TRACK),
        (148, 0.6, Status.AT_RISK),
        (100, 0.0, Status.OFF_TRACK),
    ):
        evaluation = judge(target, {"2014": 100, "2018": latest}, metric="lin")
        assert evaluation.required_rate == 20
        assert evaluation.pace == pace
        assert evaluation.status is status, pace


def test_achieved_missed_unreported_once_the_deadline_has_passed() -> None:
    after = D(2021, 1, 1)
    assert judge(FACTOR_2, {"2014": 100, "2020": 201}, after).status is (Status.ACHIEVED)
    assert judge(FACTOR_2, {"2014": 100, "2020": 199}, after).status is (Status.MISSED)
    assert judge(FACTOR_2, {"2014": 100, "2019": 300}, after).status is (Status.UNREPORTED)


def test_the_deadline_passes_the_day_after_it_ends() -> None:
    values = {"2014": 100.0, "2019": 150.0, "2020": 150.0}
    on_last_day = judge(FACTOR_2, values, D(2020, 12, 31))
    day_after = judge(FACTOR_2, values, D(2021, 1, 1))
    # L = 150 in 2020: pace = (1.5^(1/6) - 1) / (2^(1/6) - 1) = 0.570887, off track
    assert on_last_day.pace == pytest.approx(0.570887, abs=1e-5)
    assert on_last_day.status is Status.OFF_TRACK
    assert day_after.status is Status.MISSED


def test_met_before_the_deadline() -> None:
    evaluation = judge(FACTOR_2, {"2014": 100, "2017": 205})
    assert evaluation.status is Status.MET
    assert evaluation.progress_pct == pytest.approx(105.0)


def test_no_baseline_comes_first() -> None:
    evaluation = judge(FACTOR_2, {"2016": 100, "2020": 500}, D(2022, 1, 1))
    assert evaluation.status is Status.NO_BASELINE
    assert evaluation.target_value is None
    assert evaluation.baseline is not None
    assert evaluation.baseline.value is None
    assert evaluation.start is None
    assert evaluation.pace is None


def test_baseline_value_stated_by_the_policy_wins() -> None:
    target = FACTOR_2 + "baseline_value = 50\n"
    evaluation = judge(target, {"2014": 100, "2018": 90})
    assert evaluation.target_value == 100
    assert evaluation.baseline is not None
    assert evaluation.baseline.value == 50
    assert evaluation.status is Status.ON_TRACK


def test_no_data_before_the_deadline() -> None:
    target = 'id = "t"\ntitle = "T"\nmetric = "apps"\ndeadline = 2030\nat_least = 10'
    evaluation = judge(target, {"2019-Q1": 3})
    assert evaluation.status is Status.NO_DATA
    assert evaluation.latest is None


def test_no_trend_with_a_single_value() -> None:
    target = 'id = "t"\ntitle = "T"\nmetric = "apps"\ndeadline = 2030\nat_least = 10'
    evaluation = judge(target, {"2018": 3})
    assert evaluation.status is Status.NO_TREND
    assert evaluation.start is not None
    assert evaluation.latest is not None
    assert evaluation.start.period == evaluation.latest.period
    assert evaluation.actual_rate is None


def test_no_trend_when_the_start_period_has_no_value() -> None:
    target = 'id = "t"\ntitle = "T"\nmetric = "apps"\ndeadline = 2030\nat_least = 10\nstart = 2015'
    evaluation = judge(target, {"2017": 3, "2018": 4})
    assert evaluation.status is Status.NO_TREND
    assert evaluation.start is not None
    assert evaluation.start.value is None
    assert evaluation.progress_pct is None


def test_no_trend_when_the_latest_value_predates_the_stated_baseline() -> None:
    target = FACTOR_2 + "baseline_value = 50\n"
    evaluation = judge(target, {"2013": 60})
    assert evaluation.status is Status.NO_TREND


def test_regressing_when_the_start_met_the_target_and_the_latest_does_not() -> None:
    target = 'id = "t"\ntitle = "T"\nmetric = "apps"\ndeadline = 2020\nat_least = 100\nstart = 2015'
    evaluation = judge(target, {"2015": 100, "2018": 95})
    assert evaluation.status is Status.REGRESSING


def test_going_down() -> None:
    # S = 100 (2015), V = 50 (2020), L = 80 (2018)
    # required = 0.5^(1/5) - 1 = -0.129449; actual = 0.8^(1/3) - 1 = -0.071682
    # pace = -(-0.071682) / 0.129449 = 0.553747; progress = -20 / -50 = 40 %
    # projected = 80 * 0.928318^2 = 68.9418
    target = 'id = "t"\ntitle = "T"\nmetric = "apps"\ndeadline = 2020\nat_most = 50\nstart = 2015'
    evaluation = judge(target, {"2015": 100, "2018": 80})
    assert evaluation.direction == "down"
    assert evaluation.required_rate == pytest.approx(-0.129449, abs=1e-6)
    assert evaluation.actual_rate == pytest.approx(-0.071682, abs=1e-6)
    assert evaluation.pace == pytest.approx(0.553747, abs=1e-5)
    assert evaluation.progress_pct == pytest.approx(40.0)
    assert evaluation.projected == pytest.approx(68.9418, abs=1e-3)
    assert evaluation.status is Status.OFF_TRACK


def test_linear_trend() -> None:
    # required = (200 - 100) / 6 = 16.6667 a year; actual = (170 - 100) / 4 = 17.5
    # pace = 1.05; projected = 170 + 17.5 * 2 = 205
    target = FACTOR_2.replace('metric = "apps"', 'metric = "lin"')
    evaluation = judge(target, {"2014": 100, "2018": 170}, metric="lin")
    assert not evaluation.compound
    assert evaluation.required_rate == pytest.approx(100 / 6)
    assert evaluation.actual_rate == pytest.approx(17.5)
    assert evaluation.pace == pytest.approx(1.05)
    assert evaluation.projected == pytest.approx(205.0)


def test_compound_falls_back_to_linear_when_a_value_is_not_positive() -> None:
    # S = 0 (2015): required = 50 / 5 = 10; actual = 30 / 3 = 10; pace = 1
    target = 'id = "t"\ntitle = "T"\nmetric = "apps"\ndeadline = 2020\nat_least = 50\nstart = 2015'
    evaluation = judge(target, {"2015": 0, "2018": 30})
    assert not evaluation.compound
    assert evaluation.required_rate == pytest.approx(10.0)
    assert evaluation.pace == pytest.approx(1.0)
    assert evaluation.projected == pytest.approx(50.0)
    assert evaluation.status is Status.ON_TRACK


@pytest.mark.parametrize(
    ("goal", "value", "direction"),
    [
        ("factor = 2", 200.0, "up"),
        ("factor = 0.5", 50.0, "down"),
        ("increase = 30", 130.0, "up"),
        ("increase_pct = 10", 110.0, "up"),
        ("decrease = 30", 70.0, "down"),
        ("decrease_pct = 20", 80.0, "down"),
    ],
)
def test_relative_goals(goal: str, value: float, direction: str) -> None:
    target = f'id = "t"\ntitle = "T"\nmetric = "apps"\ndeadline = 2020\nbaseline = 2014\n{goal}'
    evaluation = judge(target, {"2014": 100})
    assert evaluation.target_value == pytest.approx(value)
    assert evaluation.direction == direction


def test_start_point_rules() -> None:
    values = {"2014": 10, "2015": 11, "2016": 12, "2017": 13, "2018": 14}
    target = 'id = "t"\ntitle = "T"\nmetric = "apps"\ndeadline = 2020\nat_least = 100'
    first = judge(target, values)
    assert first.start is not None
    assert str(first.start.period) == "2014"
    issued = judge(target, values, issued=D(2016, 6, 1))
    assert issued.start is not None
    assert str(issued.start.period) == "2015"
    early = judge(target, values, issued=D(2001, 1, 1))
    assert early.start is not None
    assert str(early.start.period) == "2014"
    given_start = judge(target + "\nstart = 2016", values, issued=D(2016, 6, 1))
    assert given_start.start is not None
    assert str(given_start.start.period) == "2016"


def test_only_the_deadline_granularity_is_compared() -> None:
    target = 'id = "t"\ntitle = "T"\nmetric = "apps"\ndeadline = 2020\nat_least = 100'
    evaluation = judge(target, {"2017": 50, "2018-Q4": 200, "2019-06": 300})
    assert evaluation.latest is not None
    assert str(evaluation.latest.period) == "2017"
    assert evaluation.status is Status.NO_TREND
    assert [str(value.period) for value in evaluation.series] == ["2017"]


def test_figures_after_the_as_of_date_are_ignored() -> None:
    values = {"2014": 100, "2018": 170, "2019": 300}
    evaluation = judge(FACTOR_2, values, D(2019, 12, 30))
    assert evaluation.latest is not None
    assert str(evaluation.latest.period) == "2018"
    assert judge(FACTOR_2, values, D(2019, 12, 31)).status is Status.MET


def test_quarterly_target() -> None:
    # S = 100 (2019-Q1), V = 121 by 2020-Q1, one year on: required = 21 % a year.
    # L = 110 at 2019-Q3, half a year on: actual = 1.1^2 - 1 = 21 % a year; pace 1
    target = 'id = "t"\ntitle = "T"\nmetric = "apps"\ndeadline = "2020-Q1"\nat_least = 121\nstart = "2019-Q1"'
    evaluation = judge(target, {"2019-Q1": 100, "2019-Q3": 110}, D(2019, 12, 1))
    assert evaluation.required_rate == pytest.approx(0.21)
    assert evaluation.actual_rate == pytest.approx(0.21)
    assert evaluation.pace == pytest.approx(1.0)
    assert [str(period) for period, _ in evaluation.path] == [
        "2019-Q1",
        "2019-Q2",
        "2019-Q3",
        "2019-Q4",
        "2020-Q1",
    ]


def test_ratio_values_are_derived_and_marked() -> None:
    # 12,000 patents / 10,000,000 people * 10,000 = 12 per 10,000 people
    target = 'id = "t"\ntitle = "T"\nmetric = "per_10k"\ndeadline = 2020\nat_least = 14'
    figures: dict[tuple[str, str], dict[str, float]] = {
        ("owned", "r"): {"2018": 12000},
        ("people", "r"): {"2018": 10_000_000, "2017": 9_000_000},
        ("per_10k", "r"): {"2016": 10.5},
    }
    (evaluation,) = evaluate(dataset_of([target], figures), D(2019, 6, 30))
    assert evaluation.latest is not None
    assert evaluation.latest.value == pytest.approx(12.0)
    assert evaluation.latest.derived
    assert evaluation.start is not None
    assert not evaluation.start.derived
    assert [str(value.period) for value in evaluation.series] == ["2016", "2018"]


def test_a_recorded_ratio_wins_over_a_derived_one() -> None:
    target = 'id = "t"\ntitle = "T"\nmetric = "per_10k"\ndeadline = 2020\nat_least = 14'
    figures: dict[tuple[str, str], dict[str, float]] = {
        ("owned", "r"): {"2018": 12000},
        ("people", "r"): {"2018": 10_000_000},
        ("per_10k", "r"): {"2018": 12.5},
    }
    (evaluation,) = evaluate(dataset_of([target], figures), D(2019, 6, 30))
    assert evaluation.latest is not None
    assert evaluation.latest.value == 12.5
    assert not evaluation.latest.derived


def test_ratios_of_ratios() -> None:
    metrics = """
    [metric.a]
    name = "A"
    [metric.b]
    name = "B"
    [metric.c]
    name = "C"
    [metric.ab]
    name = "A per B"
    numerator = "a"
    denominator = "b"
    [metric.abc]
    name = "A per B per C, in percent"
    numerator = "ab"
    denominator = "c"
    scale = 100
    """
    target = 'id = "t"\ntitle = "T"\nmetric = "abc"\ndeadline = 2030\nat_least = 1'
    figures = {("a", "r"): {"2018": 30}, ("b", "r"): {"2018": 3}, ("c", "r"): {"2018": 20}}
    (evaluation,) = evaluate(dataset_of([target], figures, metrics=metrics), D(2019, 6, 30))
    assert evaluation.latest is not None
    assert evaluation.latest.value == pytest.approx(50.0)  # 30 / 3 / 20 * 100


def test_strict_comparison_and_tolerance() -> None:
    assert meets(14, 14, "up", strict=False)
    assert not meets(14, 14, "up", strict=True)
    assert meets(14 - 1e-12, 14, "up", strict=False)
    assert not meets(14 + 1e-12, 14, "up", strict=True)
    assert meets(14.001, 14, "up", strict=True)
    assert meets(0.1 + 0.2, 0.3, "down", strict=False)
    assert meets(0.3 - 1e-6, 0.3, "down", strict=True)


def test_strict_target_at_exactly_the_value_is_missed() -> None:
    target = FACTOR_2 + "strict = true\n"
    evaluation = judge(target, {"2014": 100, "2020": 200}, D(2021, 1, 1))
    assert evaluation.status is Status.MISSED


def test_real_figures_china_invention_patents_per_10k() -> None:
    """China's 13th Five-Year Plan: 6.3 per 10,000 people in 2015, at least 12 by 2020."""
    # As of mid-2019 the last published figure was 11.5 for 2018.
    # required = (12 / 6.3)^(1/5) - 1 = 0.137544; actual = (11.5 / 6.3)^(1/3) - 1 = 0.222135
    # pace = 1.615011; progress = 5.2 / 5.7 = 91.2281 %; projected = 11.5 * 1.222135^2 = 17.1766
    directory = load(Path(__file__).parent.parent / "targets")
    by_id = {e.target.id: e for e in evaluate(directory, D(2019, 6, 30))}
    evaluation = by_id["cn-2020-invention-per-10k"]
    assert evaluation.start is not None
    assert (str(evaluation.start.period), evaluation.start.value) == ("2015", 6.3)
    assert evaluation.latest is not None
    assert (str(evaluation.latest.period), evaluation.latest.value) == ("2018", 11.5)
    assert evaluation.required_rate == pytest.approx(0.137544, abs=1e-6)
    assert evaluation.actual_rate == pytest.approx(0.222135, abs=1e-6)
    assert evaluation.pace == pytest.approx(1.615011, abs=1e-5)
    assert evaluation.progress_pct == pytest.approx(91.2281, abs=1e-3)
    assert evaluation.projected == pytest.approx(17.1766, abs=1e-3)
    assert evaluation.status is Status.ON_TRACK
    # 15.8 was published for 2020.
    today = {e.target.id: e for e in evaluate(directory, D(2026, 11, 22))}
    assert today["cn-2020-invention-per-10k"].status is Status.ACHIEVED


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    base=st.floats(1, 1e6),
    factor=st.floats(1.01, 5),
    growth=st.floats(0.2, 3),
    scale=st.floats(0.01, 100),
)
def test_status_does_not_depend_on_the_unit(
    tmp_path_factory: pytest.TempPathFactory,
    base: float,
    factor: float,
    growth: float,
    scale: float,
) -> None:
    """Recording every figure in another unit (times a constant) changes no status or pace."""
    target = FACTOR_2.replace("factor = 2", f"factor = {factor!r}")
    values = {"2014": base, "2018": base * growth}
    first = judge(target, values)
    scaled = {period: value * scale for period, value in values.items()}
    second = judge(target, scaled)
    assert first.status is second.status
    assert first.pace == pytest.approx(second.pace, rel=1e-9)
    assert first.progress_pct == pytest.approx(second.progress_pct, rel=1e-6, abs=1e-6)


def test_same_data_and_date_give_the_same_result(tmp_path: Path) -> None:
    write_dir(
        tmp_path, {"p": policy(FACTOR_2)}, {"r": actuals("apps", "r", {"2014": 100, "2018": 170})}
    )
    directory = load(tmp_path)
    assert evaluate(directory, D(2019, 6, 30)) == evaluate(load(tmp_path), D(2019, 6, 30))
    in_memory = dataset_of([FACTOR_2], {("apps", "r"): {"2014": 100, "2018": 170}})
    statuses = [evaluation.status for evaluation in evaluate(in_memory, D(2019, 6, 30))]
    assert statuses == [evaluation.status for evaluation in evaluate(directory, D(2019, 6, 30))]


def test_annual_growth_goal() -> None:
    # "年均增长 8%" from 100 in 2015 to 2020: V = 100 × 1.08^5 = 146.9328; L = 120 in 2018
    # required = 8%; actual = 1.2^(1/3) - 1 = 0.062659; pace = 0.783241
    target = """
id = "t"
title = "8% a year"
metric = "apps"
deadline = 2020
baseline = 2015
annual_growth_pct = 8
"""
    evaluation = judge(target, {"2015": 100, "2018": 120})
    assert evaluation.target_value == pytest.approx(146.9328, abs=1e-4)
    assert evaluation.direction == "up"
    assert evaluation.required_rate == pytest.approx(0.08)
    assert evaluation.pace == pytest.approx(0.783241, abs=1e-5)
    assert evaluation.status is Status.AT_RISK
    shrinking = judge(target.replace("= 8\n", "= -5\n"), {"2015": 100})
    assert shrinking.target_value == pytest.approx(100 * 0.95**5)
    assert shrinking.direction == "down"


def test_start_value_stated_by_the_policy() -> None:
    # "from 5.2 in 2020 to 8.5 in 2025": S = (2020, 5.2) though nothing is recorded for 2020;
    # L = 6.5 in 2023: progress = 1.3 / 3.3 = 39.3939 %
    target = """
id = "t"
title = "From 5.2 to 8.5"
metric = "apps"
deadline = 2025
start = 2020
start_value = 5.2
at_least = 8.5
"""
    evaluation = judge(target, {"2023": 6.5, "2021": 1.0}, as_of=datetime.date(2024, 6, 30))
    assert evaluation.start is not None
    assert (str(evaluation.start.period), evaluation.start.value) == ("2020", 5.2)
    assert evaluation.progress_pct == pytest.approx(39.3939, abs=1e-4)
