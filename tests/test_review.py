"""The plan review (SPEC 4.7): verdicts, expected_pct and elapsed_pct worked out by hand, the
policy's bands (SPEC 1), and the verdict table checked on random evaluations."""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import FACTOR_2, Run, actuals, dataset_of, policy, write_dir
from iptarget.core.evaluate import Evaluation, Point, evaluate
from iptarget.core.review import elapsed_pct, months_to, review
from iptarget.core.status import DEFAULT_BANDS, Bands, Status, Verdict
from iptarget.periods import Period

D = datetime.date
MID_2019 = D(2019, 6, 30)
#: A linear target: S = 100 in 2014, V = 220 in 2020, so the required path gains 20 a year.
LINEAR = FACTOR_2.replace('metric = "apps"', 'metric = "lin"').replace(
    "factor = 2", "increase = 120"
)


def judge(
    target: str,
    values: Mapping[str, float],
    as_of: datetime.date = MID_2019,
    metric: str = "apps",
    bands: Bands = DEFAULT_BANDS,
) -> Evaluation:
    (evaluation,) = evaluate(dataset_of([target], {(metric, "r"): values}, bands=bands), as_of)
    return evaluation


def test_compound_path_expected_at_the_latest_figures_period() -> None:
    # S = 100 (2014), V = 200 (2020), L = 170 (2018): the compound path at 2018 is
    # 100 × 2^(4/6) = 158.7401, so expected = 58.7401 %; progress 70 %.
    # Time: 2014's end to 2019-06-30 is 54 months of 72: 75 %.
    evaluation = judge(FACTOR_2, {"2014": 100, "2018": 170})
    assert evaluation.expected_pct == pytest.approx(58.7401, abs=1e-4)
    assert evaluation.progress_pct == pytest.approx(70.0)
    assert evaluation.elapsed_pct == pytest.approx(75.0)
    # pace 1.158 (test_evaluate): on track, below the default 1.5 for "ahead"
    assert evaluation.status is Status.ON_TRACK
    assert evaluation.verdict is Verdict.AS_EXPECTED


def test_expected_is_at_l_not_at_the_as_of_date() -> None:
    # A year later, with no new figure, L is still 2018: expected stays, elapsed grows.
    # 2014's end to 2020-06-30: 66 months of 72 = 91.6667 %.
    evaluation = judge(FACTOR_2, {"2014": 100, "2018": 170}, as_of=D(2020, 6, 30))
    assert evaluation.expected_pct == pytest.approx(58.7401, abs=1e-4)
    assert evaluation.elapsed_pct == pytest.approx(91.6667, abs=1e-4)


def test_linear_path_expected() -> None:
    # linear: the path at 2018 is 100 + 4 × 20 = 180, so expected = 80 / 120 = 66.6667 %;
    # L = 148: progress = 48 / 120 = 40 %, pace = (48 / 4) / 20 = 0.6: at risk, lagging.
    evaluation = judge(LINEAR, {"2014": 100, "2018": 148}, metric="lin")
    assert evaluation.expected_pct == pytest.approx(66.6667, abs=1e-4)
    assert evaluation.progress_pct == pytest.approx(40.0)
    assert evaluation.pace == pytest.approx(0.6)
    assert evaluation.status is Status.AT_RISK
    assert evaluation.verdict is Verdict.LAGGING


def test_a_policys_bands_move_statuses_and_verdicts() -> None:
    # pace 0.6 exactly: at risk by default; off track when at_risk = 0.7; on track and
    # basically as expected when on_track = 0.5; faster than expected when ahead = 0.55.
    cases = (
        (DEFAULT_BANDS, Status.AT_RISK, Verdict.LAGGING),
        (Bands(at_risk=0.7), Status.OFF_TRACK, Verdict.LAGGING),
        (Bands(on_track=0.5, at_risk=0.4), Status.ON_TRACK, Verdict.AS_EXPECTED),
        (Bands(ahead=0.55, on_track=0.5, at_risk=0.4), Status.ON_TRACK, Verdict.AHEAD),
    )
    for bands, status, verdict in cases:
        evaluation = judge(LINEAR, {"2014": 100, "2018": 148}, metric="lin", bands=bands)
        assert (evaluation.status, evaluation.verdict) == (status, verdict), bands


def test_faster_than_expected_at_the_default_ahead() -> None:
    # linear: L = 220 - 0.0001 in 2016 is not met; pace = (119.9999 / 2) / 20 = 2.999...
    evaluation = judge(LINEAR, {"2014": 100, "2016": 219.9999}, metric="lin")
    assert evaluation.pace == pytest.approx(3.0, abs=1e-5)
    assert evaluation.verdict is Verdict.AHEAD
    # pace 1.5 exactly is "ahead" (>=): L = 100 + 2 × 20 × 1.5 = 160 in 2016
    assert judge(LINEAR, {"2014": 100, "2016": 160}, metric="lin").verdict is Verdict.AHEAD
    # pace 1.45: L = 158
    assert judge(LINEAR, {"2014": 100, "2016": 158}, metric="lin").verdict is Verdict.AS_EXPECTED


def test_verdicts_of_the_other_statuses() -> None:
    met = judge(FACTOR_2, {"2014": 100, "2018": 201})
    assert (met.status, met.verdict) == (Status.MET, Verdict.ACHIEVED_EARLY)
    late = D(2021, 6, 30)
    achieved = judge(FACTOR_2, {"2014": 100, "2020": 201}, as_of=late)
    assert (achieved.verdict, achieved.elapsed_pct) == (Verdict.ACHIEVED, 100.0)
    assert judge(FACTOR_2, {"2014": 100, "2020": 150}, as_of=late).verdict is Verdict.MISSED
    unreported = judge(FACTOR_2, {"2014": 100}, as_of=late)
    assert unreported.verdict is Verdict.UNREPORTED
    no_baseline = judge(FACTOR_2, {"2018": 170})
    assert (no_baseline.verdict, no_baseline.elapsed_pct) == (Verdict.NOT_ASSESSED, None)
    assert no_baseline.expected_pct is None
    only_start = judge(FACTOR_2, {"2014": 100})
    assert (only_start.status, only_start.verdict) == (Status.NO_TREND, Verdict.NOT_ASSESSED)
    assert only_start.expected_pct == 0.0  # L is S: on the path at its start
    regressing = judge(FACTOR_2, {"2014": 100, "2018": 90})
    assert regressing.verdict is Verdict.LAGGING
    # L before S: nothing expected yet
    target = 'id = "t"\ntitle = "T"\nmetric = "apps"\ndeadline = 2020\nstart = 2016\n'
    before = judge(target + "start_value = 120\nat_least = 200", {"2015": 110})
    assert (before.latest is not None, before.expected_pct) == (True, None)


def test_expected_is_null_when_the_start_already_meets_the_goal() -> None:
    # at_least 50 from a start of 60 (2015): met at its start, nothing to measure
    target = 'id = "t"\ntitle = "T"\nmetric = "apps"\ndeadline = 2020\nstart = 2015\nat_least = 50'
    evaluation = judge(target, {"2015": 60, "2018": 40})
    assert evaluation.status is Status.REGRESSING
    assert evaluation.expected_pct is None
    assert evaluation.elapsed_pct == pytest.approx(3.5 / 5 * 100)


def test_elapsed_counts_whole_months_and_the_days_of_the_last() -> None:
    # SPEC 4.7's example: 2020 to 2023-12-25 is 35 + 25/31 months; of 60 to 2025.
    assert months_to(Period(2020), D(2023, 12, 25)) == pytest.approx(35 + 25 / 31)
    assert months_to(Period(2020), D(2023, 12, 31)) == 36
    assert months_to(Period(2020), D(2023, 11, 30)) == 35
    assert months_to(Period(2020), D(2024, 2, 10)) == pytest.approx(37 + 10 / 29)  # a leap year
    s = Point(Period(2020), 1.0)
    assert elapsed_pct(s, Period(2025), D(2023, 12, 25)) == pytest.approx((35 + 25 / 31) / 60 * 100)
    assert elapsed_pct(s, Period(2025), D(2020, 6, 1)) == 0.0  # before S ends: clamped
    assert elapsed_pct(s, Period(2025), D(2027, 1, 1)) == 100.0  # after the deadline
    assert elapsed_pct(Point(Period(2020), None), Period(2025), D(2023, 1, 1)) is None
    assert elapsed_pct(None, Period(2025), D(2023, 1, 1)) is None


def test_a_review_lists_lagging_first_and_the_furthest_behind_first() -> None:
    targets = [
        LINEAR.replace('id = "t"', f'id = "{name}"').replace(
            'title = "', f'binding = {bind}\ntitle = "'
        )
        for name, bind in (("slow", "true"), ("slower", "false"), ("fine", "true"))
    ]
    figures = {("lin", "r"): {"2014": 100, "2018": 148}}
    evaluations = evaluate(dataset_of(targets, figures), MID_2019)
    assert [e.verdict for e in evaluations] == [Verdict.LAGGING] * 3
    done = review(evaluations)
    assert done.summary == {Verdict.LAGGING: 3}
    assert done.binding == {Verdict.LAGGING: 2}
    assert [e.target.id for e in done.evaluations] == ["slow", "slower", "fine"]  # ties: as listed


# -- the verdict table, on random evaluations ---------------------------------------------

TABLE = {
    Status.MET: Verdict.ACHIEVED_EARLY,
    Status.AT_RISK: Verdict.LAGGING,
    Status.OFF_TRACK: Verdict.LAGGING,
    Status.REGRESSING: Verdict.LAGGING,
    Status.NO_TREND: Verdict.NOT_ASSESSED,
    Status.NO_DATA: Verdict.NOT_ASSESSED,
    Status.NO_BASELINE: Verdict.NOT_ASSESSED,
    Status.ACHIEVED: Verdict.ACHIEVED,
    Status.MISSED: Verdict.MISSED,
    Status.UNREPORTED: Verdict.UNREPORTED,
}
VALUES = st.one_of(st.none(), st.floats(1, 400))


@st.composite
def bands(draw: st.DrawFn) -> Bands:
    at_risk = draw(st.floats(0, 1))
    on_track = at_risk + draw(st.floats(0.01, 1))
    return Bands(on_track + draw(st.floats(0.01, 2)), on_track, at_risk)


@settings(max_examples=300, deadline=None)
@given(
    figures=st.fixed_dictionaries({str(year): VALUES for year in range(2014, 2021)}),
    as_of=st.dates(D(2014, 6, 1), D(2022, 1, 1)),
    chosen=bands(),
    linear=st.booleans(),
)
def test_the_verdict_follows_status_and_pace_by_the_table(
    figures: dict[str, float | None], as_of: datetime.date, chosen: Bands, linear: bool
) -> None:
    known = {period: value for period, value in figures.items() if value is not None}
    target, metric = (LINEAR, "lin") if linear else (FACTOR_2, "apps")
    evaluation = judge(target, known, as_of, metric, chosen)
    status, pace = evaluation.status, evaluation.pace
    if status is Status.ON_TRACK:
        assert pace is not None
        assert pace >= chosen.on_track
        expected = Verdict.AHEAD if pace >= chosen.ahead else Verdict.AS_EXPECTED
    else:
        expected = TABLE[status]
        if status is Status.AT_RISK:
            assert pace is not None
            assert chosen.at_risk <= pace < chosen.on_track
        if status is Status.OFF_TRACK:
            assert pace is not None
            assert 0 <= pace < chosen.at_risk
    assert evaluation.verdict is expected
    elapsed = evaluation.elapsed_pct
    assert elapsed is None or 0 <= elapsed <= 100


# -- bands and binding in the files --------------------------------------------------------


def test_bands_out_of_order_or_unknown_are_refused(tmp_path: Path, run: Run) -> None:
    header = 'title = "P"\nregion = "r"\nbands = {{ {bands} }}'
    for bands, said in (
        ("ahead = 0.9", "ahead 0.9 > on_track 0.95 > at_risk 0.6 >= 0"),
        ("on_track = 0.5", "ahead 1.5 > on_track 0.5 > at_risk 0.6"),
        ("ahaed = 2", 'bands: unknown key "ahaed" (did you mean "ahead"?)'),
        ('at_risk = "0.6"', "at_risk: should be a valid number"),
        ("at_risk = -0.1", "at_risk: should be greater than or equal to 0"),
    ):
        root = write_dir(
            tmp_path / said[:5].replace(" ", "_").replace('"', ""),
            {"p": policy(FACTOR_2, header=header.format(bands=bands))},
        )
        result = run("validate", "--dir", str(root))
        assert result.exit_code == 2, bands
        assert said in result.stderr, result.stderr


def test_bands_and_binding_reach_the_json(tmp_path: Path, run: Run) -> None:
    header = 'title = "P"\nregion = "r"\nbands = { at_risk = 0.7 }'
    target = LINEAR.replace('title = "', 'binding = true\ntitle = "')
    root = write_dir(
        tmp_path / "d",
        {"p": policy(target, header=header)},
        {"r": actuals("lin", "r", {"2014": 100, "2018": 148})},
    )
    result = run("status", "--format", "json", "--as-of", "2019-06-30", "--dir", str(root))
    assert result.exit_code == 0, result.output
    (shown,) = json.loads(result.stdout)["targets"]
    assert shown["status"] == "off_track"  # pace 0.6 below the policy's at_risk 0.7
    assert shown["binding"] is True
    assert shown["verdict"] == "lagging"
    assert shown["expected_pct"] == pytest.approx(200 / 3)
    assert shown["elapsed_pct"] == pytest.approx(75.0)


# -- iptarget review ----------------------------------------------------------------------


def review_dir(tmp_path: Path) -> Path:
    """Five targets as of mid-2019: two lagging (one binding), one basically as expected, one
    faster than expected (binding), one achieved early."""
    bodies = [
        LINEAR.replace('id = "t"', f'id = "{name}"')
        .replace('title = "', f'binding = {binding}\ntitle = "{name}: ')
        .replace('metric = "lin"', f'metric = "lin"\nregion = "{region}"')
        for name, binding, region in (
            ("slow", "true", "r"),
            ("slower", "false", "s"),
            ("steady", "false", "t"),
            ("fast", "true", "u"),
            ("done", "false", "v"),
        )
    ]
    regions = "".join(f'[region.{r}]\nname = "Region {r.upper()}"\n' for r in "rstuv")
    # paces 0.6, 0.375, 1.0, 1.75 (to 2016), and 230 meets 220
    figures = {"r": 148, "s": 130, "t": 180, "u": 170, "v": 230}
    return write_dir(
        tmp_path / "review",
        {"p": policy(*bodies)},
        {
            r: actuals("lin", r, {"2014": 100, "2016" if r == "u" else "2018": value})
            for r, value in figures.items()
        },
        regions=regions,
    )


def test_review_json_counts_verdicts_and_binding_ones(tmp_path: Path, run: Run) -> None:
    root = review_dir(tmp_path)
    result = run("review", "--format", "json", "--as-of", "2019-06-30", "--dir", str(root))
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert list(document) == ["as_of", "vintage", "summary", "binding", "targets"]
    assert document["summary"] == {"lagging": 2, "as_expected": 1, "ahead": 1, "achieved_early": 1}
    assert document["binding"] == {"lagging": 1, "ahead": 1}
    # lagging first, the furthest behind the path first: slower (30 - 66.7) before slow
    assert [t["id"] for t in document["targets"]] == ["slower", "slow", "steady", "fast", "done"]
    first = document["targets"][0]
    assert list(first) == [
        "id", "title", "binding", "verdict", "status", "latest", "progress_pct",
        "expected_pct", "elapsed_pct", "pace",
    ]  # fmt: skip
    assert first["latest"] == {
        "period": "2018", "value": 130.0, "derived": False, "published": None, "flag": None,
    }  # fmt: skip
    assert first["progress_pct"] == pytest.approx(25.0)
    assert first["expected_pct"] == pytest.approx(200 / 3)
    binding = run(
        "review", "--binding", "--format", "json", "--as-of", "2019-06-30", "--dir", str(root)
    )
    assert [t["id"] for t in json.loads(binding.stdout)["targets"]] == ["slow", "fast"]


def test_review_headline_in_both_languages(tmp_path: Path, run: Run) -> None:
    root = review_dir(tmp_path)
    args = ("review", "--as-of", "2019-06-30", "--dir", str(root))
    english = run(*args).stdout.splitlines()[0]
    assert english == (
        "5 targets as of 2019-06-30: 1 achieved early, 1 faster than expected, "
        "1 basically as expected, 2 lagging, 1 of them binding"
    )
    chinese = run("--lang", "zh", *args).stdout.splitlines()[0]
    assert chinese == (
        "截至2019年6月30日，5项指标中，1项提前实现，1项快于预期，1项基本符合预期，"
        "2项滞后（其中约束性指标1项）。"
    )
    markdown = run(*args, "--format", "markdown").stdout
    assert "| **lagging: 2 (1 binding)** |  |" in markdown
    assert "| ★ slow | slow: Double 2014 by 2020 |" in markdown
    none = run(*args, "--status", "missed")
    assert none.stdout == "No target as of 2019-06-30\n"


def test_check_fails_on_a_verdict_when_asked(tmp_path: Path, run: Run) -> None:
    root = review_dir(tmp_path)
    args = ("check", "--as-of", "2019-06-30", "--dir", str(root))
    assert run(*args).exit_code == 0  # nothing is missed or overdue
    lagging = run(*args, "--fail-on-verdict", "lagging")
    assert lagging.exit_code == 1, lagging.output
    failing = [line.split()[0] for line in lagging.stdout.splitlines()[1:-1]]
    assert failing == ["slow", "slower"]
    # the Chinese word, and two verdicts
    both = run(*args, "--fail-on-verdict", "滞后", "--fail-on-verdict", "as_expected")
    assert [line.split()[0] for line in both.stdout.splitlines()[1:-1]] == [
        "slow", "slower", "steady",
    ]  # fmt: skip
    wrong = run(*args, "--fail-on-verdict", "laging")
    assert wrong.exit_code == 2
    assert "'laging' is not a verdict (did you mean lagging?)" in wrong.stderr


@given(day=st.dates(D(1990, 1, 1), D(2100, 12, 31)))
def test_months_to_counts_the_days_of_the_days_month(day: datetime.date) -> None:
    import calendar

    days = calendar.monthrange(day.year, day.month)[1]
    whole = (day.year - 2020) * 12 + day.month - 12  # months from 2020's end to day's month end
    expected = whole - 1 + day.day / days if day.day < days else whole
    assert months_to(Period(2020), day) == pytest.approx(expected)
