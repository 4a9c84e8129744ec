"""Parts and difference (SPEC 3.2, v3): a flow's values that its recorded figures give, worked
out by hand for each partition and each difference, and on random monthly flows."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import Run, dataset_of
from iptarget.core.dataset import Value
from iptarget.core.evaluate import Evaluation, evaluate
from iptarget.core.status import Status, Verdict
from iptarget.core.values import Values
from iptarget.render.words import worded
from test_measures import METRICS  # apps a flow, owned a stock
from test_report import TARGETS


def series(figures: Mapping[str, float], metric: str = "apps") -> dict[str, Value]:
    """Every value of the metric in region r, recorded and derived, by period as written."""
    dataset = dataset_of((), {(metric, "r"): figures}, metrics=METRICS)
    return {str(period): value for period, value in Values(dataset).series(metric, "r").items()}


def rule(value: Value) -> str:
    """How a derived value was derived, in words."""
    assert value.rule is not None
    return worded(value.rule)


def months(year: int, values: Mapping[int, float]) -> dict[str, float]:
    return {f"{year}-{month:02d}": value for month, value in values.items()}


def test_a_year_half_quarter_and_year_to_date_from_their_months() -> None:
    found = series(months(2019, {month: month * 10 for month in range(1, 13)}))
    assert found["2019"].value == sum(month * 10 for month in range(1, 13))  # 780
    assert found["2019-H1"].value == 210
    assert found["2019-Q4"].value == 100 + 110 + 120
    assert found["2019-YTD10"].value == 550
    assert rule(found["2019-YTD10"]) == "sum of 10 months"
    assert all(found[p].derived for p in ("2019", "2019-H1", "2019-Q4", "2019-YTD10"))
    assert not found["2019-03"].derived


def test_quarters_and_halves_as_parts() -> None:
    quarters = series({"2019-Q1": 1, "2019-Q2": 2, "2019-Q3": 4, "2019-Q4": 8})
    assert quarters["2019"].value == 15
    assert quarters["2019-H2"].value == 12
    assert quarters["2019-YTD09"].value == 7  # also from Q1, Q2 and Q3
    halves = series({"2019-H1": 5, "2019-H2": 6})
    assert halves["2019"].value == 11
    assert "2019-Q1" not in halves


def test_parts_must_tile_the_span_in_one_granularity() -> None:
    # H1 + 07 + 08 is no 2019-YTD08; a missing month leaves the year unknown
    mixed = series({"2019-H1": 60, "2019-07": 7, "2019-08": 8})
    assert "2019-YTD08" not in mixed
    gap = series(months(2019, dict.fromkeys(range(1, 12), 1)))
    assert "2019" not in gap
    assert gap["2019-YTD11"].value == 11


def test_each_difference() -> None:
    found = series(
        {"2019-YTD10": 1896, "2019-YTD09": 1700, "2019": 2300, "2019-H1": 900, "2019-Q1": 400,
         "2019-YTD04": 520}
    )  # fmt: skip
    assert found["2019-10"].value == 196  # YTD10 − YTD09
    assert rule(found["2019-10"]) == "Jan-Oct 2019 − Jan-Sep 2019"
    assert found["2019-Q4"].value == 600  # the year − YTD09
    assert found["2019-H2"].value == 1400  # the year − H1
    assert found["2019-Q2"].value == 500  # H1 − Q1
    assert found["2019-04"].value == 120  # YTD04 − Q1
    assert found["2019-Q3"].value == 800  # YTD09 − H1
    assert "2019-01" not in found  # a period starting in January is never a difference


def test_never_chained() -> None:
    # YTD09 comes from its nine months (parts), so it is derived: October is not YTD10 − it
    found = series({**months(2019, dict.fromkeys(range(1, 10), 10)), "2019-YTD10": 95})
    assert found["2019-YTD09"].derived
    assert "2019-10" not in found
    # and a recorded figure is never replaced
    kept = series({**months(2019, dict.fromkeys(range(1, 13), 10)), "2019": 999})
    assert kept["2019"].value == 999
    assert not kept["2019"].derived


def test_a_stock_gets_neither() -> None:
    stock = series(months(2019, dict.fromkeys(range(1, 13), 10)), metric="owned")
    assert "2019" not in stock


@settings(max_examples=150, deadline=None)
@given(
    values=st.dictionaries(
        st.integers(1, 12), st.integers(0, 10_000) | st.floats(0, 1e6), min_size=1
    ),
    spans=st.sets(st.sampled_from([2, 4, 5, 7, 8, 9, 10, 11])),
)
def test_years_to_date_and_months_agree_on_random_flows(
    values: dict[int, float], spans: set[int]
) -> None:
    """Recorded months give every year to date they cover by parts; recorded years to date
    give the months between them by difference."""
    by_parts = series(months(2019, values))
    for month in spans:
        ytd = by_parts.get(f"2019-YTD{month:02d}")
        if all(m in values for m in range(1, month + 1)):
            assert ytd is not None
            assert ytd.value == pytest.approx(sum(values[m] for m in range(1, month + 1)))
        else:
            assert ytd is None
    recorded = {f"2019-YTD{m:02d}": float(m * 100 + values.get(m, 0)) for m in spans}
    by_difference = series(recorded)
    for month in range(2, 13):
        before, ending = month - 1, month
        if ending in spans and before in spans:
            value = by_difference[f"2019-{month:02d}"]
            assert value.derived
            assert value.value == pytest.approx(
                recorded[f"2019-YTD{ending:02d}"] - recorded[f"2019-YTD{before:02d}"]
            )


# -- in-year judging of flows (SPEC 4.4) ----------------------------------------------------

QINGHAI = 'id = "t"\ntitle = "1,600 applications in 2015"\nmetric = "apps"\ndeadline = 2015\n'


def judge_flow(
    figures: Mapping[tuple[str, str], Mapping[str, float]],
    as_of: datetime.date,
    goal: str = "at_least = 1600",
    metrics: str = METRICS,
) -> Evaluation:
    target = QINGHAI + goal + ("\nstart = 2014" if "at_" in goal else "")
    (evaluation,) = evaluate(dataset_of([target], figures, metrics=metrics), as_of)
    return evaluation


def test_a_flow_is_met_early_by_its_year_to_date() -> None:
    # Qinghai, November 2015: 1,896 applications in January-October meet the year's 1,600
    figures = {("apps", "r"): {"2014": 2000, "2014-YTD10": 925, "2015-YTD10": 1896}}
    met = judge_flow(figures, datetime.date(2015, 11, 30))
    assert met.status is Status.MET
    assert met.verdict is Verdict.ACHIEVED_EARLY
    assert met.in_year is not None
    assert str(met.in_year.point.period) == "2015-YTD10"
    assert met.in_year.year_before == 925
    assert met.in_year.growth_pct == pytest.approx(104.973, abs=1e-3)  # 1896 / 925 − 1
    assert met.in_year.remaining == 0.0
    assert met.in_year.year_before_rest == 1075  # 2014's 2,000 less its January-October
    assert met.in_year.projected == pytest.approx(2000 * 1896 / 925)
    # once 2015 has ended without its total: achieved, the year's total being larger
    after = judge_flow(figures, datetime.date(2016, 3, 1))
    assert after.status is Status.ACHIEVED


def test_the_year_to_date_meets_nothing_when_the_flow_may_fall_or_the_goal_goes_down() -> None:
    figures = {("apps", "r"): {"2014": 2000, "2015-YTD10": 1896}}
    falling = METRICS.replace('measure = "flow"', 'measure = "flow"\nmin = -5', 1)
    may_fall = judge_flow(figures, datetime.date(2015, 11, 30), metrics=falling)
    assert may_fall.status is not Status.MET
    assert may_fall.in_year is not None  # still said
    down = judge_flow(figures, datetime.date(2015, 11, 30), goal="at_most = 1600")
    assert down.status is not Status.MET
    assert down.in_year is not None
    assert down.in_year.remaining is None  # going down: nothing to do


def test_an_earlier_years_total_does_not_meet_this_years_flow_target() -> None:
    # 2014's 2,000 meets 1,600, but it is not 2015's: on track, not met
    figures = {("apps", "r"): {"2013": 1500, "2014": 2000}}
    judged = judge_flow(figures, datetime.date(2015, 6, 30))
    assert judged.status is Status.ON_TRACK
    assert judged.in_year is None  # no span of 2015 is known


def test_the_span_a_year_before_from_a_published_growth() -> None:
    # "1,896, +105% on January-October 2014": back-growth gives 2014-YTD10 = 1896 / 2.05
    metrics = METRICS  # apps_yoy is the growth of apps
    figures = {
        ("apps", "r"): {"2014": 2000, "2015-YTD10": 1896},
        ("apps_yoy", "r"): {"2015-YTD10": 105},
    }
    judged = judge_flow(figures, datetime.date(2015, 11, 30), metrics=metrics)
    assert judged.in_year is not None
    assert judged.in_year.year_before == pytest.approx(1896 / 2.05)
    assert judged.in_year.growth_pct == pytest.approx(105.0)
    assert judged.in_year.year_before_rest == pytest.approx(2000 - 1896 / 2.05)


def test_the_longest_span_known_is_the_point() -> None:
    figures = {("apps", "r"): {"2015-01": 100, "2015-Q1": 400, "2015-H1": 800}}
    judged = judge_flow(figures, datetime.date(2015, 8, 15), goal="at_least = 5000")
    assert judged.in_year is not None
    assert str(judged.in_year.point.period) == "2015-H1"
    assert judged.in_year.remaining == 4200
    assert judged.in_year.year_before is None
    assert judged.in_year.projected is None


# -- stocks within the year (SPEC 4.4) ------------------------------------------------------

PER_10K = 'id = "t"\ntitle = "1 per 10,000 people by 2015"\nmetric = "{metric}"\ndeadline = 2015\nat_least = 1\n'


def judge_stock(
    figures: Mapping[str, float], as_of: datetime.date, metric: str = "owned"
) -> Evaluation:
    target = PER_10K.format(metric=metric)
    dataset = dataset_of([target], {(metric, "r"): figures}, metrics=METRICS)
    (evaluation,) = evaluate(dataset, as_of)
    return evaluation


def test_a_stock_is_met_within_the_year_through_a_monthly_value() -> None:
    # Qinghai: 1.017 at the end of October 2015 meets "at least 1 in 2015" early
    figures = {"2013": 0.6, "2014": 0.8, "2015-10": 1.017}
    met = judge_stock(figures, datetime.date(2015, 11, 30))
    assert met.status is Status.MET
    assert met.latest is not None
    assert str(met.latest.period) == "2015-10"
    # S keeps the deadline's granularity: the first year, 2013; t counts months (2013 to
    # 2015-10 is 22 months); progress (1.017 − 0.6) / (1 − 0.6) = 104.25%
    assert met.start is not None
    assert str(met.start.period) == "2013"
    assert met.progress_pct == pytest.approx(104.25)
    # a metric without measure keeps version 2: the monthly value is not compared
    unmarked = judge_stock(figures, datetime.date(2015, 11, 30), metric="unmarked")
    assert unmarked.status is not Status.MET


def test_the_deadline_value_from_a_period_ending_on_the_same_day() -> None:
    after = datetime.date(2016, 3, 1)
    from_month = judge_stock({"2014": 0.8, "2015-12": 1.05}, after)
    assert from_month.status is Status.ACHIEVED
    # the longest span first: 2015-Q4 before 2015-12
    from_quarter = judge_stock({"2014": 0.8, "2015-Q4": 0.95, "2015-12": 1.05}, after)
    assert from_quarter.status is Status.MISSED
    assert judge_stock({"2014": 0.8, "2015-11": 1.05}, after).status is Status.UNREPORTED


def test_a_stock_ratio_runs_through_shorter_spans_too() -> None:
    # per_10k is owned / people × 10,000: both stocks
    dataset = dataset_of(
        [PER_10K.format(metric="per_10k")],
        {
            ("owned", "r"): {"2014": 400, "2015-10": 610},
            ("people", "r"): {"2014": 6e6, "2015-10": 6e6},
        },
        metrics=METRICS,
    )
    (evaluation,) = evaluate(dataset, datetime.date(2015, 11, 30))
    assert evaluation.latest is not None
    assert str(evaluation.latest.period) == "2015-10"
    assert evaluation.status is Status.MET  # 610 / 6e6 × 1e4 = 1.0167


def test_the_report_says_how_the_year_is_going(tmp_path: Path, run: Run) -> None:
    out = tmp_path / "r.html"
    args = ("report", "--policy", "qinghai-2015", "--as-of", "2015-11-30", "-o", str(out))
    assert run(*args, "--dir", str(TARGETS)).exit_code == 0
    assert (
        "This year: Jan-Oct 2015: 1,896 applications, +105.0% on a year "
        "before; the year&#39;s target is met" in out.read_text(encoding="utf-8")
    )
    assert run("--lang", "zh", *args, "--dir", str(TARGETS)).exit_code == 0
    assert "年内：2015年1-10月：1,896件，同比+105.0%；已达到全年目标" in out.read_text(
        encoding="utf-8"
    )
