"""Totals over a plan period (SPEC 1, 4.5, v3): ``total_at_least`` with ``from``, worked out
by hand: each status, met early, a gap stopping the count, pace, projection, what is still
needed a period, the JSON ``total`` object, the words, and every rule."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from helpers import Run, actuals, dataset_of, policy, write_dir
from iptarget.core.evaluate import Evaluation, evaluate
from iptarget.core.status import Status, Verdict

D = datetime.date
METRICS = """
[metric.apps]
name = "Applications"
unit = "applications"
decimals = 0
min = 0
measure = "flow"

[metric.net]
name = "Net transfers"
unit = "transfers"
decimals = 0
min = -100000
measure = "flow"

[metric.owned]
name = "Valid patents"
measure = "stock"
"""
TOTAL = """
id = "t"
title = "A total of 1,000 during 2021-2025"
metric = "apps"
region = "r"
deadline = 2025
from = 2021
total_at_least = 1000
"""


def judge(
    figures: Mapping[str, float],
    as_of: D,
    body: str = TOTAL,
    metric: str = "apps",
) -> Evaluation:
    """The total target as of a date, from figures of region r by period."""
    dataset = dataset_of([body], {(metric, "r"): figures}, metrics=METRICS)
    (evaluation,) = evaluate(dataset, as_of)
    return evaluation


def test_on_its_way_the_average_so_far_against_the_average_needed() -> None:
    found = judge({"2021": 150, "2022": 210, "2023": 240}, D(2024, 6, 1))
    assert found.status is Status.ON_TRACK
    assert found.total == (600, 3, 5, 200)  # (1,000 − 600) / (5 − 3) still needed a year
    assert found.progress_pct == 60
    assert found.required_rate == 200
    assert found.actual_rate == 200
    assert found.pace == 1
    assert found.projected == 1000  # 600 + 200 × 2
    assert found.expected_pct == 60  # 3 of 5 periods along the straight line
    assert found.elapsed_pct == pytest.approx((41 + 1 / 30) / 60 * 100)  # from 2021's start
    assert found.start is not None
    assert (str(found.start.period), found.start.value) == ("2021", 150)
    assert found.latest is not None
    assert found.latest.value == 240
    assert [value.value for value in found.series] == [150, 360, 600]  # the running total
    assert found.path[0][1] == 0
    assert found.path[-1] == (found.target.deadline, 1000)
    slow = judge({"2021": 100, "2022": 110}, D(2023, 6, 1))  # 105 a year of 200 needed
    assert slow.pace == pytest.approx(105 / 200)
    assert slow.status is Status.OFF_TRACK
    assert slow.verdict is Verdict.LAGGING
    assert slow.total is not None
    assert slow.total.needed_per_period == pytest.approx(790 / 3)


def test_met_early_before_every_period_is_counted() -> None:
    found = judge({"2021": 400, "2022": 350, "2023": 300}, D(2024, 6, 1))
    assert found.status is Status.MET
    assert found.verdict is Verdict.ACHIEVED_EARLY
    assert found.total is not None
    assert found.total.needed_per_period is None
    after = judge({"2021": 400, "2022": 350, "2023": 300}, D(2026, 6, 1))
    assert after.status is Status.ACHIEVED  # flows only grow: 2024 and 2025 add to it


def test_a_gap_stops_the_count() -> None:
    found = judge({"2021": 150, "2023": 900}, D(2024, 6, 1))
    assert found.total is not None
    assert found.total[:3] == (150, 1, 5)
    assert found.total.needed_per_period == pytest.approx(850 / 4)
    assert found.latest is not None
    assert str(found.latest.period) == "2021"
    assert found.status is Status.AT_RISK  # 150 a year of the 200 needed: pace 0.75
    assert found.pace == 0.75


def test_after_the_deadline() -> None:
    every = {"2021": 150, "2022": 200, "2023": 200, "2024": 200, "2025": 200}
    assert judge(every, D(2026, 6, 1)).status is Status.MISSED  # 950 of 1,000, all counted
    assert judge({**every, "2025": 250}, D(2026, 6, 1)).status is Status.ACHIEVED
    lacking = {key: value for key, value in every.items() if key != "2025"}
    assert judge(lacking, D(2026, 6, 1)).status is Status.UNREPORTED  # 2025 not yet known
    strict = TOTAL + "strict = true\n"
    assert judge({**every, "2025": 250}, D(2026, 6, 1), strict).status is Status.MISSED


def test_a_flow_that_may_fall_decides_only_when_every_period_is_counted() -> None:
    body = TOTAL.replace('"apps"', '"net"')
    found = judge({"2021": 600, "2022": 500}, D(2023, 6, 1), body, "net")
    assert found.status is Status.ON_TRACK  # 1,100 counted, but 2023-2025 may take away
    every = {"2021": 600, "2022": 500, "2023": -50, "2024": -25, "2025": 0}
    assert judge(every, D(2026, 1, 1), body, "net").status is Status.ACHIEVED  # 1,025


def test_nothing_counted_yet() -> None:
    found = judge({"2022": 300}, D(2023, 6, 1))  # 2021 unknown: k = 0
    assert found.status is Status.NO_DATA
    assert found.total == (0, 0, 5, 200)
    assert (found.progress_pct, found.pace, found.projected, found.expected_pct) == (None,) * 4
    assert found.latest is None
    assert found.start is not None
    assert found.start.value is None


def test_derived_values_count_and_months_need_their_own_words(tmp_path: Path, run: Run) -> None:
    months = {f"2025-{month:02d}": 50 for month in range(1, 13)}
    monthly = TOTAL.replace("deadline = 2025", 'deadline = "2025-12"').replace(
        "from = 2021", 'from = "2025-07"'
    )
    found = judge(months, D(2026, 1, 20), monthly.replace("1000", "300"))
    assert found.status is Status.ACHIEVED
    assert found.total == (300, 6, 6, None)
    root = write_dir(
        tmp_path / "t",
        {"p": policy(monthly.replace("1000", "300"), header='title = "P"')},
        {"r": actuals("apps", "r", dict.fromkeys(list(months)[:8], 50))},
        metrics=METRICS,
    )
    result = run("show", "t", "--dir", str(root), "--as-of", "2025-09-10")
    assert (
        "  total     100 of 300 applications, 2 of 6 periods counted; still needed: 50 "
        "applications a month\n" in result.stdout
    )
    assert "  required  50 applications a month\n" in result.stdout
    year = judge(
        months, D(2026, 6, 1), TOTAL.replace("2021", "2025").replace("2025\nfrom", "2026\nfrom")
    )
    assert year.total is not None
    assert year.total.sum == 600


def test_json_csv_show_and_words(tmp_path: Path, run: Run) -> None:
    root = write_dir(
        tmp_path / "t",
        {"p": policy(TOTAL, header='title = "P"')},
        {"r": actuals("apps", "r", {"2021": 150, "2022": 210, "2023": 240})},
        metrics=METRICS,
    )
    args = ("--dir", str(root), "--as-of", "2024-06-01")
    document = json.loads(run("status", *args, "--format", "json").stdout)
    assert document["targets"][0]["total"] == {
        "sum": 600.0,
        "periods": 3,
        "of": 5,
        "needed_per_period": 200.0,
    }
    header, row = list(csv.reader(io.StringIO(run("status", *args, "--format", "csv").stdout)))
    cells = dict(zip(header, row, strict=True))
    assert (cells["total_sum"], cells["total_periods"], cells["total_of"]) == ("600.0", "3", "5")
    shown = run("show", "t", *args).stdout
    assert "  goal      a total of at least 1,000 applications from 2021 to 2025\n" in shown
    assert (
        "  total     600 of 1,000 applications, 3 of 5 periods counted; still needed: 200 "
        "applications a year\n" in shown
    )
    assert "running total (█) against the straight line to the target (|)" in shown
    zh = run("--lang", "zh", "show", "t", *args).stdout
    assert "  目标      2021年至2025年累计不低于1,000 applications\n" in zh
    assert (
        "  累计      已累计600，目标1,000 applications（已计入5期中的3期）；还需年均200 "
        "applications\n" in zh
    )
    status = run("status", *args).stdout
    assert "Σ ≥ 1,000" in status
    report = tmp_path / "r.html"
    assert run("report", *args, "--output", str(report)).exit_code == 0
    html = report.read_text(encoding="utf-8")
    assert "A total of 1,000 during 2021-2025" in html
    assert (
        "Total: 600 of 1,000 applications, 3 of 5 periods counted; still needed: 200 "
        "applications a year" in html
    )
    assert '<th class="num">running total</th><th class="num">needed by then</th>' in html


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (TOTAL.replace("from = 2021\n", ""), "from: required by total_at_least"),
        (TOTAL.replace("total_at_least = 1000", "at_least = 10"), "from: is for total_at_least"),
        (TOTAL + "start = 2021\n", "start: a total_at_least goal starts at from"),
        (TOTAL + "baseline = 2020\n", "baseline: a total_at_least goal has no baseline"),
        (TOTAL.replace("from = 2021", 'from = "2021-Q1"'), "from: 2021-Q1 is a quarter"),
        (TOTAL.replace("from = 2021", "from = 2025"), "deadline: 2025 must end after the from"),
        (TOTAL.replace("1000", "0"), "total_at_least"),
        (TOTAL.replace('"apps"', '"owned"'), "metric: owned is not a flow"),
    ],
)
def test_the_rules_of_a_total(tmp_path: Path, run: Run, body: str, said: str) -> None:
    root = write_dir(tmp_path / "t", {"p": policy(body, header='title = "P"')}, metrics=METRICS)
    result = run("validate", "--dir", str(root))
    assert result.exit_code == 2
    assert said in result.stderr, result.stderr
