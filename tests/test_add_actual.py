"""`iptarget add-actual`: parse, refuse, write safely under a lock, report touched targets."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from helpers import FACTOR_2, Run, actuals, load, policy, snapshot, values, write_dir
from iptarget.core.values import Values
from iptarget.periods import Period
from iptarget.store.new_figures import NewFigure
from iptarget.store.record import add_figure
from iptarget.typed import parse_figure

TODAY = datetime.date.today()


def recorded(root: Path, region: str = "r") -> list[dict[str, object]]:
    data = tomllib.loads((root / "actuals" / f"{region}.toml").read_text(encoding="utf-8"))
    return list(data["actual"])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7812", 7812.0),
        ("7,812", 7812.0),
        ("12.99", 12.99),
        ("1.2万", 12000.0),
        ("3.5亿", 350_000_000.0),
        ("1,234,567.25", 1234567.25),
        ("-3", -3.0),
        (" 42 ", 42.0),
    ],
)
def test_figures_in_the_forms_statistics_are_published(text: str, value: float) -> None:
    assert parse_figure(text) == value


def test_add_a_figure(root: Path, run: Run) -> None:
    result = run(
        "add-actual", "apps", "r", "2014", "1,234", "--source", "Yearbook 2015", "--dir", str(root)
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"recorded apps r 2014 = 1,234 applications in {root / 'actuals' / 'r.toml'}"
    assert lines[2].split() == [
        *("t", "changed", "from", "no_baseline;", "target", "value", "-", "→", "2,468", "(2020);"),
        *("start", "-", "→", "1,234", "(2014)", "unreported"),
    ]
    assert recorded(root) == [
        {
            "metric": "apps",
            "region": "r",
            "period": "2014",
            "value": 1234.0,
            "source": "Yearbook 2015",
            "recorded": TODAY,
        },
        {"metric": "apps", "region": "r", "period": "2018", "value": 150.0},
    ]


def test_the_file_is_sorted_by_metric_then_period(root: Path, run: Run) -> None:
    for args in (
        ["lin", "r", "2016-Q2", "3"],
        ["apps", "r", "2016", "150"],
        ["apps", "r", "2015-H2", "4"],
    ):
        assert run("add-actual", *args, "--dir", str(root)).exit_code == 0
    keys = [(entry["metric"], entry["period"]) for entry in recorded(root)]
    assert keys == [("apps", "2015-H2"), ("apps", "2016"), ("apps", "2018"), ("lin", "2016-Q2")]


def test_a_new_region_file_is_created(root: Path, run: Run) -> None:
    result = run("add-actual", "apps", "s", "2018", "3.5亿", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert recorded(root, "s")[0]["value"] == 350_000_000.0
    assert "no target uses apps in s" in result.stdout


def test_replace_prints_old_and_new(root: Path, run: Run) -> None:
    result = run(
        "add-actual",
        "apps",
        "r",
        "2018",
        "160",
        "--replace",
        "--source",
        "revised",
        "--dir",
        str(root),
    )
    assert result.exit_code == 0, result.output
    assert (
        f"replaced apps r 2018 in {root / 'actuals' / 'r.toml'}: 150 → 160 applications"
        in result.stdout
    )
    assert "new source: revised" in result.stdout
    assert [entry["value"] for entry in recorded(root)] == [160.0]


def test_replace_where_the_figure_is_recorded(root: Path, run: Run) -> None:
    (root / "actuals" / "other.toml").write_text(
        actuals("apps", "r", {"2012": 1}), encoding="utf-8"
    )
    result = run("add-actual", "apps", "r", "2012", "20", "--replace", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert tomllib.loads((root / "actuals" / "other.toml").read_text())["actual"][0]["value"] == 20
    assert [entry["period"] for entry in recorded(root)] == ["2018"]


@pytest.mark.parametrize(
    ("args", "messages"),
    [
        (["apps", "r", "2019", "abc"], ["VALUE: abc: not a number (give a figure such as"]),
        (["apps", "r", "2019", "NaN"], ["VALUE: NaN: not a number"]),
        (["apps", "r", "2019", "inf"], ["VALUE: inf: not a number"]),
        (["apps", "r", "2019", ""], ["VALUE: no figure given"]),
        (["apps", "r", "2019", "--", "-5"], ["VALUE: -5 is below the metric's min 0"]),
        (["per_10k", "r", "2019", "1001"], ["VALUE: 1,001 is above the metric's max 1,000"]),
        (["aps", "r", "2019", "5"], ['METRIC: unknown metric "aps" (did you mean "apps"?)']),
        (
            ["apps", "rr", "2019", "5"],
            ['REGION: unknown region "rr" (did you mean "r" (Region R)?)'],
        ),
        (["Apps", "r", "2019", "5"], ["METRIC: 'Apps' is not a valid id"]),
        (["apps", "r", "2019-13", "5"], ["PERIOD: 2019-13: there is no month 13"]),
        (["apps", "r", "19", "5"], ["PERIOD: 19: the year must have four digits"]),
        (
            [  # a period that has not ended yet
                "apps",
                "r",
                str(TODAY.year),
                "5",
            ],
            [f"PERIOD: {TODAY.year} ends after today"],
        ),
        (["aps", "rr", "2019-13", "x"], ["METRIC:", "REGION:", "PERIOD:", "VALUE:"]),
        (
            ["apps", "r", "2018", "151", "--source", "x"],
            [
                "already recorded: 150; add --published DATE to keep both as vintages, or --replace to correct a typo"
            ],
        ),
    ],
)
def test_refusals_change_nothing(
    root: Path, run: Run, args: list[str], messages: list[str]
) -> None:
    before = snapshot(root)
    dashdash = args.index("--") if "--" in args else None
    if dashdash is not None:  # options go before "--"
        args = [*args[:dashdash], "--dir", str(root), *args[dashdash:]]
        result = run("add-actual", *args)
    else:
        result = run("add-actual", *args, "--dir", str(root))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for message in messages:
        assert message in result.stderr, result.stderr
    assert snapshot(root) == before


def test_a_duplicate_names_the_recorded_value_and_its_source(root: Path, run: Run) -> None:
    assert (
        run(
            "add-actual",
            "apps",
            "r",
            "2017",
            "140",
            "--source",
            "Bulletin 2018",
            "--dir",
            str(root),
        ).exit_code
        == 0
    )
    result = run("add-actual", "apps", "r", "2017", "141", "--dir", str(root))
    assert result.exit_code == 2
    assert "actual (apps, r, 2017): already recorded: 140 (source: Bulletin 2018)" in result.stderr


def test_refuses_to_write_into_a_directory_that_does_not_validate(root: Path, run: Run) -> None:
    (root / "policies" / "broken.toml").write_text("[policy]\ntitel = 'x'\n", encoding="utf-8")
    before = snapshot(root)
    result = run("add-actual", "apps", "r", "2016", "5", "--dir", str(root))
    assert result.exit_code == 2
    assert "does not validate; fix these first" in result.stderr
    assert 'unknown key "titel"' in result.stderr
    assert snapshot(root) == before


def test_a_failed_rename_leaves_the_old_file_and_no_temporary_file(
    root: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(root)

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = run("add-actual", "apps", "r", "2016", "160", "--dir", str(root))
    assert result.exit_code == 2
    assert f"{root / 'actuals' / 'r.toml'}: cannot write: No space left on device" in result.stderr
    assert snapshot(root) == before
    assert sorted(path.name for path in (root / "actuals").iterdir()) == ["r.toml"]


def test_a_new_file_gets_ordinary_permissions(root: Path, run: Run) -> None:
    umask = os.umask(0o022)
    try:
        assert run("add-actual", "apps", "s", "2016", "5", "--dir", str(root)).exit_code == 0
    finally:
        os.umask(umask)
    assert (root / "actuals" / "s.toml").stat().st_mode & 0o777 == 0o644


def test_twenty_concurrent_runs_all_land(root: Path) -> None:
    periods = [f"2000-{month:02d}" for month in range(1, 13)]
    periods += [f"2001-Q{quarter}" for quarter in range(1, 5)] + ["1996", "1997", "1998", "1999"]
    command = [
        sys.executable,
        "-m",
        "iptarget",
        "add-actual",
        "--force",
        "--dir",
        str(root),
        "apps",
        "r",
    ]
    processes = [
        subprocess.Popen(
            [*command, period, str(number)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for number, period in enumerate(periods, start=1)
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr.decode()
    values = sorted(float(str(entry["value"])) for entry in recorded(root))
    assert values == sorted([150.0, *(float(number) for number in range(1, 21))])
    assert load(root).figure_count == 21


texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
periods = st.one_of(
    st.builds(Period, st.integers(1990, 2024)),
    st.builds(lambda y, n: Period(y, "quarter", n), st.integers(1990, 2024), st.integers(1, 4)),
    st.builds(lambda y, n: Period(y, "month", n), st.integers(1990, 2024), st.integers(1, 12)),
)


@settings(
    max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(
    value=st.floats(0, 1e15, allow_nan=False, allow_infinity=False),
    period=periods,
    source=st.one_of(texts, st.just('He said "7,812"\nin 统计公报 2019')),
    note=texts,
)
def test_recording_and_reading_back_gives_the_same_figure(
    tmp_path_factory: pytest.TempPathFactory, value: float, period: Period, source: str, note: str
) -> None:
    root = write_dir(tmp_path_factory.mktemp("targets"), {"p": policy(FACTOR_2)})
    figure = NewFigure("apps", "r", str(period), repr(value), source, note)
    if "e" in repr(value):  # add-actual takes plain decimals; write those exactly
        figure = NewFigure("apps", "r", str(period), f"{value:f}", source, note)
    result = add_figure(root, figure, False, datetime.date(2026, 11, 22), force=True)
    (read_back,) = list(values(root)[("apps", "r")].values())
    new = result.changes[0].new
    assert new is not None
    assert read_back.period == period
    assert read_back.value == new.value
    assert read_back.source == (source or None)
    data = tomllib.loads((root / "actuals" / "r.toml").read_text(encoding="utf-8"))
    assert data["actual"][0].get("note") == (note or None)
    assert data["actual"][0]["source" if source else "metric"] == (source or "apps")
    # Whole numbers are written as TOML integers, other values as the float that was read.
    lines = (root / "actuals" / "r.toml").read_text(encoding="utf-8").splitlines()
    written = next(line for line in lines if line.startswith("value = "))
    stored = new.value
    assert written == f"value = {int(stored) if stored.is_integer() else repr(stored)}"


figures = st.lists(
    st.tuples(
        st.sampled_from(["owned", "people", "apps"]),
        st.sampled_from(["r", "s"]),
        st.sampled_from(["2014", "2015", "2015-Q4", "2020"]),
        st.sampled_from(["0", "50", "100"]),  # per_10k = owned / people * 10,000 stays <= 1000
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(figures=figures)
@example(figures=[("people", "r", "2014", "0")])  # the derived per_10k of 2014 is gone
def test_the_values_after_recording_are_those_a_fresh_read_gives(
    tmp_path_factory: pytest.TempPathFactory, figures: list[tuple[str, str, str, str]]
) -> None:
    """Only the figure's region is rebuilt; derived ratios must still agree with a fresh read
    of every region add-actual read (those of the targets it touches: here its own)."""
    root = write_dir(
        tmp_path_factory.mktemp("targets"),
        {"p": policy(FACTOR_2)},
        {
            region: actuals("owned", region, {"2014": 50})
            + actuals("people", region, {"2014": 2e4})
            for region in ("r", "s")
        },
    )
    for metric, region, period, value in figures:
        number = str(int(value) * 10_000) if metric == "people" and value != "0" else value
        figure = NewFigure(metric, region, period, number)
        today = datetime.date(2026, 11, 22)
        result = add_figure(root, figure, True, today, force=True)
        after = dict(Values(result.after).every())
        read = {key[1] for key in after}
        assert region in read
        assert after == {key: series for key, series in values(root).items() if key[1] in read}


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "already recorded: 150; add --published DATE to keep both as vintages, or "
            "--replace to correct a typo",
        ),
        (
            "zh",
            "已有记录：150；如需两个版本都保留，请加 --published 日期；如是录入错误需要更正，请加 --replace",
        ),
    ],
)
def test_a_figure_recorded_already_names_both_ways(
    root: Path, run: Run, lang: str, said: str
) -> None:
    """Another value for a recorded figure is a revision (keep both) or a typo (replace)."""
    result = run("--lang", lang, "add-actual", "apps", "r", "2018", "151", "--dir", str(root))
    assert result.exit_code == 2
    assert result.stderr.rstrip().endswith(said)
    kept = run(
        "add-actual", "apps", "r", "2018", "151", "--published", "2019-03-01", "--dir", str(root)
    )
    assert kept.exit_code == 0, kept.output
