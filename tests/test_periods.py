"""Periods (SPEC 2): spelling, order, ends and the time between them."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iptarget.errors import Invalid
from iptarget.periods import Period, parse_period, years_between
from iptarget.render.words import worded


@pytest.mark.parametrize(
    ("raw", "canonical", "end"),
    [
        (2019, "2019", datetime.date(2019, 12, 31)),
        ("2019", "2019", datetime.date(2019, 12, 31)),
        ("2019-H1", "2019-H1", datetime.date(2019, 6, 30)),
        ("2019-h2", "2019-H2", datetime.date(2019, 12, 31)),
        ("2019-Q1", "2019-Q1", datetime.date(2019, 3, 31)),
        ("2019-q3", "2019-Q3", datetime.date(2019, 9, 30)),
        ("2019-03", "2019-03", datetime.date(2019, 3, 31)),
        ("2020-02", "2020-02", datetime.date(2020, 2, 29)),
        ("2019-12", "2019-12", datetime.date(2019, 12, 31)),
    ],
)
def test_parse_gives_canonical_spelling_and_end(raw: object, canonical: str, end: object) -> None:
    period = parse_period(raw)
    assert str(period) == canonical
    assert period.end == end


@pytest.mark.parametrize(
    "raw",
    [
        "2019-13",
        "2019-00",
        "2019-Q5",
        "2019-Q0",
        "2019-H3",
        "19",
        "2019-3",
        "2019-W01",
        " 2019",
        "",
        True,
        2019.0,
        999,
        "0999",
        None,
        [2019],
    ],
)
def test_parse_refuses_what_is_not_a_period(raw: object) -> None:
    with pytest.raises(Invalid) as refused:
        parse_period(raw)
    assert worded(refused.value.text).startswith("not a period")


def test_months_between_ends_divided_by_twelve() -> None:
    assert years_between(parse_period(2015), parse_period(2018)) == 3
    assert years_between(parse_period("2019-Q1"), parse_period("2019-Q3")) == 0.5
    assert years_between(parse_period("2014"), parse_period("2015-06")) == 0.5


def test_periods_order_by_their_end() -> None:
    spelled = ["2020", "2019-Q4", "2019-H1", "2019-03", "2019"]
    ordered = sorted(parse_period(raw) for raw in spelled)
    assert [str(period) for period in ordered] == ["2019-03", "2019-H1", "2019", "2019-Q4", "2020"]


def test_next_rolls_over_the_year() -> None:
    assert str(parse_period("2019-Q4").next()) == "2020-Q1"
    assert str(parse_period("2019-12").next()) == "2020-01"
    assert str(parse_period("2019-H1").next()) == "2019-H2"
    assert str(parse_period(2019).next()) == "2020"


periods = st.one_of(
    st.builds(Period, st.integers(1000, 9998)),
    st.builds(lambda y, n: Period(y, "half", n), st.integers(1000, 9998), st.integers(1, 2)),
    st.builds(lambda y, n: Period(y, "quarter", n), st.integers(1000, 9998), st.integers(1, 4)),
    st.builds(lambda y, n: Period(y, "month", n), st.integers(1000, 9998), st.integers(1, 12)),
)


@given(periods)
def test_spelling_round_trips(period: Period) -> None:
    assert parse_period(str(period)) == period
    assert parse_period(str(period).lower()) == period


@given(periods, periods)
def test_order_agrees_with_end_dates(first: Period, second: Period) -> None:
    if first < second:
        assert first.end <= second.end
    assert years_between(first, second) == -years_between(second, first)


@given(periods)
def test_next_ends_one_period_later(period: Period) -> None:
    following = period.next()
    assert following.granularity == period.granularity
    assert following > period
    assert following.end > period.end


@given(st.integers(1, 9998), st.sampled_from(["year", "half", "quarter", "month", "ytd"]))
def test_a_period_ends_on_its_last_months_last_day(year: int, granularity: str) -> None:
    import calendar

    count = {"year": 1, "half": 2, "quarter": 4, "month": 12, "ytd": 12}[granularity]
    for number in range(1, count + 1):
        if granularity == "ytd" and number in (1, 3, 6, 12):
            continue  # spelt as the month, Q1, H1 and the year
        period = Period(year, granularity, number)  # type: ignore[arg-type]
        month = period.end_month % 12 + 1
        assert period.end == datetime.date(year, month, calendar.monthrange(year, month)[1])
