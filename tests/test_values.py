"""Values as of a date (SPEC 3), and what a new figure changes: the pure core, in memory."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import FACTOR_2, dataset_of
from iptarget.core.compare import status_changes, touched
from iptarget.core.consistency import consistency_warnings
from iptarget.core.dataset import Value
from iptarget.core.status import Status
from iptarget.core.values import Values, derived_count, last_month_ended
from iptarget.periods import Granularity, Period, parse_period
from iptarget.render.words import problem_line

D = datetime.date
P = parse_period
CYCLE = """
[metric.a]
name = "A"
[metric.b]
name = "B"
numerator = "a"
denominator = "c"
[metric.c]
name = "C"
numerator = "a"
denominator = "b"
[metric.d]
name = "Built on the cycle"
numerator = "c"
denominator = "a"
"""


def test_a_ratio_is_derived_where_both_parts_are_known() -> None:
    dataset = dataset_of(
        figures={
            ("owned", "r"): {"2017": 9000, "2018": 12000},
            ("people", "r"): {"2018": 10_000_000, "2019": 11_000_000},
        }
    )
    (value,) = Values(dataset).series("per_10k", "r").values()
    assert value.period == P("2018")
    assert value.value == pytest.approx(12.0)  # 12,000 / 10,000,000 * 10,000
    assert value.derived


def test_a_recorded_ratio_wins_and_keeps_its_source() -> None:
    dataset = dataset_of(
        figures={("owned", "r"): {"2018": 12000}, ("people", "r"): {"2018": 10_000_000}}
    )
    figure = Value(P("2018"), 12.5, False, "Yearbook", "as published")
    recorded = dataset.with_figures([("per_10k", "r", figure)])
    assert Values(recorded).get("per_10k", "r", P("2018")) == figure
    assert recorded.figure_count == dataset.figure_count + 1
    assert Values(dataset).get("per_10k", "r", P("2018")) != figure  # the old one is unchanged


def test_a_zero_denominator_derives_nothing() -> None:
    dataset = dataset_of(figures={("owned", "r"): {"2018": 5}, ("people", "r"): {"2018": 0}})
    assert Values(dataset).series("per_10k", "r") == {}


def test_values_as_of_a_date_leave_out_periods_that_end_later() -> None:
    dataset = dataset_of(
        figures={
            ("owned", "r"): {"2018": 10, "2019": 20, "2019-Q4": 5},
            ("people", "r"): {"2018": 10_000, "2019": 10_000},
        }
    )
    on = Values(dataset, D(2019, 12, 30))
    assert sorted(map(str, on.series("owned", "r"))) == ["2018"]
    assert sorted(map(str, on.series("per_10k", "r"))) == ["2018"]
    after = Values(dataset, D(2019, 12, 31))
    assert sorted(map(str, after.series("owned", "r"))) == ["2018", "2019", "2019-Q4"]
    assert sorted(map(str, after.series("per_10k", "r"))) == ["2018", "2019"]
    assert sorted(map(str, Values(dataset).series("per_10k", "r"))) == ["2018", "2019"]


def test_each_series_is_built_once_and_only_when_asked_for() -> None:
    dataset = dataset_of(
        figures={("owned", r): {"2018": 1} for r in ("r", "s")}
        | {("people", r): {"2018": 2} for r in ("r", "s")}
    )
    values = Values(dataset)
    first = values.series("per_10k", "r")
    assert values.series("per_10k", "r") is first
    assert ("per_10k", "s") not in values._series  # never asked for, never derived


def test_ratios_on_a_cycle_are_never_derived() -> None:
    dataset = dataset_of(figures={("a", "r"): {"2018": 4}}, metrics=CYCLE)
    values = Values(dataset)
    for metric in ("b", "c", "d"):
        assert values.series(metric, "r") == {}
    assert values.series("a", "r") == {P("2018"): Value(P("2018"), 4.0)}


def test_every_value_and_the_derived_count() -> None:
    dataset = dataset_of(
        figures={
            ("owned", "r"): {"2018": 12000},
            ("people", "r"): {"2018": 10_000_000},
            ("apps", "s"): {"2018": 3},
        }
    )
    every = dict(Values(dataset).every())
    assert sorted(every) == [("apps", "s"), ("owned", "r"), ("people", "r"), ("per_10k", "r")]
    assert derived_count(Values(dataset)) == 1


def test_a_derived_value_outside_the_metric_bounds_is_a_warning_on_metrics_toml() -> None:
    # per_10k has max = 1000: 2000 / 10 * 10,000 = 2,000,000 (SPEC 3.2: shown, and warned)
    dataset = dataset_of(figures={("owned", "r"): {"2018": 2000}, ("people", "r"): {"2018": 10}})
    (problem,) = consistency_warnings(dataset, datetime.date(2026, 11, 22))
    assert problem_line(problem) == (
        'metrics.toml: metric "per_10k": warning: the value derived for r 2018 (ratio): '
        "2,000,000 is above the metric's max 1,000"
    )


def test_a_figure_touches_the_targets_of_its_metric_and_of_ratios_built_on_it() -> None:
    ratio = 'id = "ratio"\ntitle = "T"\nmetric = "per_10k"\ndeadline = 2020\nat_least = 14'
    other = 'id = "other"\ntitle = "T"\nmetric = "lin"\ndeadline = 2020\nat_least = 14'
    dataset = dataset_of([FACTOR_2, ratio, other])
    assert [target.id for _, target in touched(dataset, [("people", "r")])] == ["ratio"]
    assert [target.id for _, target in touched(dataset, [("apps", "r")])] == ["t"]
    assert touched(dataset, [("apps", "s")]) == []


def test_status_changes_before_and_after_a_figure() -> None:
    before = dataset_of([FACTOR_2], {("apps", "r"): {"2018": 170}})
    after = before.with_figures([("apps", "r", Value(P("2014"), 100.0))])
    (change,) = status_changes(before, after, [("apps", "r")], D(2019, 6, 30))
    assert (change.target, change.before, change.after) == (
        "t",
        Status.NO_BASELINE,
        Status.ON_TRACK,
    )
    assert change.changed
    (same,) = status_changes(after, after, [("apps", "r")], D(2019, 6, 30))
    assert not same.changed


@given(
    day=st.dates(D(1990, 1, 1), D(2100, 12, 31)),
    year=st.integers(1990, 2100),
    kind=st.sampled_from([("year", 1), ("half", 2), ("quarter", 4), ("month", 12)]),
    number=st.integers(1, 12),
)
def test_the_month_test_agrees_with_the_period_end(
    day: datetime.date, year: int, kind: tuple[Granularity, int], number: int
) -> None:
    """Values filter periods by month number, not by date; the two must always agree."""
    granularity, per_year = kind
    period = Period(year, granularity, (number - 1) % per_year + 1)
    assert (period.end_month <= last_month_ended(day)) is (period.end <= day)
