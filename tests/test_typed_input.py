"""Figures and periods as people type them (SPEC 5.1 and 2, v2): every accepted form is
stored in its canonical form, every refusal says what to change, likely unit slips need
--force, negatives need no --, and repeating a recorded figure exactly changes nothing."""

from __future__ import annotations

import datetime
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import Run, snapshot, write_dir
from iptarget.errors import Invalid
from iptarget.i18n import speaking
from iptarget.periods import YTD_MONTHS, Period, parse_period
from iptarget.render.words import period_words, worded
from iptarget.typed import parse_figure
from iptarget.typed_periods import parse_typed_period

METRICS = """
[metric.share]
name = "Share of patents owned by enterprises"
unit = "%"

[metric.gdp_share]
name = "Value added, share of GDP"
unit = "% of GDP"

[metric.trade]
name = "IP royalties"
unit = "亿元"

[metric.stock]
name = "Valid patents"
unit = "万件"

[metric.apps]
name = "Patent applications"
unit = "applications"
min = 0

[metric.change]
name = "A change, positive or negative"
"""
REGIONS = '[region.r]\nname = "R"\n'
POLICY = '[policy]\ntitle = "P"\nregion = "r"\n'


@pytest.fixture
def typed(tmp_path: Path) -> Path:
    """A directory with metrics in %, % of GDP, 亿元, 万件 and applications, no figures."""
    return write_dir(tmp_path / "targets", {"p": POLICY}, {}, METRICS, REGIONS)


def stored(root: Path) -> list[tuple[str, str, object]]:
    """(metric, period, value) of every entry in actuals/r.toml, as TOML holds them."""
    path = root / "actuals" / "r.toml"
    if not path.exists():
        return []
    entries = tomllib.loads(path.read_text(encoding="utf-8"))["actual"]
    return [(entry["metric"], entry["period"], entry["value"]) for entry in entries]


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("7812", None, 7812),
        ("7,812", None, 7812),
        ("1,234,567.5", None, 1234567.5),
        ("12.99", None, 12.99),
        ("-3.5", None, -3.5),
        ("+5", None, 5),
        ("−2.0", None, -2.0),  # U+2212, as PDFs and Word print it
        ("－2", None, -2),  # full-width hyphen-minus
        ("１２０．５", None, 120.5),
        ("1，234", None, 1234),
        ("1.2万", "applications", 12_000),
        ("3.5亿", None, 350_000_000),
        ("2万亿", None, 2 * 10**12),
        ("80%", "%", 80),
        ("71.5%", "% of GDP", 71.5),
        ("７１．５％", "%", 71.5),
        ("7.2亿元", "亿元", 7.2),
        ("12.3万件", "万件", 12.3),
        ("12.99件", "applications", 12.99),
        ("45家", None, 45),
        ("3个", None, 3),
        ("12项", None, 12),
        ("5人", None, 5),
        ("2次", None, 2),
        ("1.2万件", "件", 12_000),
        ("7812 applications", "applications", 7812),
        ("7.2亿元", "元", 720_000_000),
    ],
)
def test_every_typed_figure_is_read(text: str, unit: str | None, value: float) -> None:
    assert parse_figure(text, unit) == value


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        ("7.2亿", "亿元", "7.2亿: drop 亿: the unit is already 亿元"),
        ("1.2万", "万件", "1.2万: drop 万: the unit is already 万件"),
        ("12,5", None, "12,5: use a point for decimals (12.5), and commas only between groups"),
        ("1,2345", None, "1,2345: use a point for decimals (12.5)"),
        ("80%", "applications", "80%: drop %: the metric's unit is 'applications', not a"),
        ("1e5", None, "1e5: not a number (write it out in digits, without an exponent)"),
        ("1 234", None, "1 234: not a number (no spaces inside a figure"),
        ("12 apples", "patents", "12 apples: not a number (after the number, write only its unit"),
        ("abc", None, "abc: not a number (give a figure such as 7812"),
        ("", None, "no figure given"),
        ("nan", None, "nan: not a number"),
    ],
)
def test_refused_figures_say_what_to_change(text: str, unit: str | None, message: str) -> None:
    with pytest.raises(Invalid) as refused:
        parse_figure(text, unit)
    assert worded(refused.value.text).startswith(message)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("2024", "2024"),
        ("2024年", "2024"),
        ("２０２４年", "2024"),
        ("2024-03", "2024-03"),
        ("2024-3", "2024-03"),
        ("2024/03", "2024-03"),
        ("2024/3", "2024-03"),
        ("2024.03", "2024-03"),
        ("2024.10", "2024-10"),
        ("2024年3月", "2024-03"),
        ("2024年03月", "2024-03"),
        ("2023Q4", "2023-Q4"),
        ("2023 Q4", "2023-Q4"),
        ("2023-q4", "2023-Q4"),
        ("2023/Q4", "2023-Q4"),
        ("2023.Q4", "2023-Q4"),
        ("2024H1", "2024-H1"),
        ("2024 h2", "2024-H2"),
        ("2024年第四季度", "2024-Q4"),
        ("2024年第1季度", "2024-Q1"),
        ("2024年二季度", "2024-Q2"),
        ("2024年3季度", "2024-Q3"),
        ("2024年上半年", "2024-H1"),
        ("2024年下半年", "2024-H2"),
        # years to date (SPEC 2, v3), spans of 1, 3, 6 and 12 months spelt as ever
        ("2019年1-10月", "2019-YTD10"),
        ("2019年1—10月", "2019-YTD10"),
        ("2019年1–10月", "2019-YTD10"),
        ("2019年1~10月", "2019-YTD10"),
        ("2019年1～10月", "2019-YTD10"),
        ("2019年1至10月", "2019-YTD10"),
        ("2019年1到10月", "2019-YTD10"),
        ("2019年前10个月", "2019-YTD10"),
        ("2019年前十个月", "2019-YTD10"),
        ("2019年前十一个月", "2019-YTD11"),
        ("2019年前两个月", "2019-YTD02"),
        ("2019年前三季度", "2019-YTD09"),
        ("2019年1-3季度", "2019-YTD09"),
        ("2019年1-2季度", "2019-H1"),
        ("2019 YTD10", "2019-YTD10"),
        ("2019-ytd10", "2019-YTD10"),
        ("2019 YTD6", "2019-H1"),
        ("2019-YTD9", "2019-YTD09"),
        ("2024年1-3月", "2024-Q1"),
        ("2024年1-6月", "2024-H1"),
        ("2024年1-12月", "2024"),
        ("2024年1-1月", "2024-01"),
    ],
)
def test_every_typed_period_is_read(text: str, canonical: str) -> None:
    assert str(parse_typed_period(text)) == canonical


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-13", "2024-13: there is no month 13"),
        ("2024-00", "2024-00: there is no month 0"),
        ("2024年13月", "2024年13月: there is no month 13"),
        ("2024-Q5", "2024-Q5: there is no quarter 5"),
        ("2024-H3", "2024-H3: there is no half 3"),
        ("2024年第五季度", "2024年第五季度: there is no quarter 5"),
        ("2024.1", "2024.1: ambiguous: write 2024-01 for month 1 or 2024-10 for month 10"),
        ("2024年7-12月", "2024年7-12月: write 2024-H2 if the figure covers the half year"),
        ("2024年4-6月", "2024年4-6月: write 2024-Q2 if the figure covers the quarter"),
        ("2024年4-9月", "2024年4-9月: a cumulative figure for months 4-9 is not a period"),
        ("2024年1-13月", "2024年1-13月: there is no month 13"),
        ("Q4 2023", "Q4 2023: did you mean 2023-Q4?"),
        ("H1-2024", "H1-2024: did you mean 2024-H1?"),
        ("2023-4Q", "2023-4Q: did you mean 2023-Q4?"),
        ("2023 1h", "2023 1h: did you mean 2023-H1?"),
        ("2024-03-15", "2024-03-15: a date is not a period; did you mean the month 2024-03?"),
        ("24", "24: the year must have four digits"),
        ("FY2024", "FY2024: give a year (2024 or 2024年), a half (2024-H1, 2024年上半年)"),
        ("", "no period given"),
    ],
)
def test_refused_periods_say_what_to_change(text: str, message: str) -> None:
    with pytest.raises(Invalid) as refused:
        parse_typed_period(text)
    assert worded(refused.value.text).startswith(message)


@given(
    st.builds(Period, st.integers(1000, 9999), st.just("month"), st.integers(1, 12))
    | st.builds(Period, st.integers(1000, 9999), st.just("quarter"), st.integers(1, 4))
    | st.builds(Period, st.integers(1000, 9999), st.just("half"), st.integers(1, 2))
    | st.builds(Period, st.integers(1000, 9999), st.just("ytd"), st.sampled_from(YTD_MONTHS))
    | st.builds(Period, st.integers(1000, 9999))
)
def test_the_canonical_spelling_is_a_typed_form_too(period: Period) -> None:
    assert parse_typed_period(str(period)) == period == parse_period(str(period))


def test_the_files_keep_the_canonical_spelling_only() -> None:
    with pytest.raises(Invalid) as refused:
        parse_period("2024年")
    assert worded(refused.value.text).startswith("not a period")
    spans = {"2019-YTD01": "2019-01", "2019-YTD03": "2019-Q1", "2019-YTD06": "2019-H1"}
    for spelt, canonical in {**spans, "2019-YTD12": "2019"}.items():
        with pytest.raises(Invalid) as refused:
            parse_period(spelt)
        said = f"not a period: '{spelt}' (this span is written {canonical})"
        assert worded(refused.value.text) == said
    assert parse_period("2019-ytd10") == parse_period("2019-YTD10")


def test_a_year_to_date_is_ordered_and_shown_as_people_write_it() -> None:
    spans = [parse_period(p) for p in ("2019-09", "2019-Q3", "2019-YTD09", "2019", "2019-H2")]
    assert [str(p) for p in sorted(spans)] == [
        "2019-YTD09",
        "2019-Q3",
        "2019-09",
        "2019",
        "2019-H2",
    ]
    ytd = parse_period("2019-YTD10")
    assert (ytd.start, ytd.end, ytd.months) == (
        datetime.date(2019, 1, 1),
        datetime.date(2019, 10, 31),
        10,
    )
    assert str(ytd.year_before()) == "2018-YTD10"
    assert ytd.granularity == "ytd"
    assert period_words(ytd) == "Jan-Oct 2019"
    with speaking("zh"):
        assert period_words(ytd) == "2019年1-10月"


@pytest.mark.parametrize(
    ("args", "entry"),
    [
        (["share", "2024年", "80%"], ("share", "2024", 80)),
        (["gdp_share", "2023Q4", "13.04%"], ("gdp_share", "2023-Q4", 13.04)),
        (["trade", "2024年3月", "7.2亿元"], ("trade", "2024-03", 7.2)),
        (["stock", "2024/03", "12.3万件"], ("stock", "2024-03", 12.3)),
        (["apps", "2023 Q4", "12.99件"], ("apps", "2023-Q4", 12.99)),
        (["apps", "2024年上半年", "１２０．５"], ("apps", "2024-H1", 120.5)),
        (["apps", "2024.03", "1，234"], ("apps", "2024-03", 1234)),
        (["change", "2024", "-3.5"], ("change", "2024", -3.5)),
        (["change", "2024", "−2.0"], ("change", "2024", -2)),
    ],
)
def test_add_actual_stores_the_canonical_form(
    typed: Path, run: Run, args: list[str], entry: tuple[str, str, object]
) -> None:
    metric, period, value = args
    result = run("add-actual", metric, "r", period, value, "--dir", str(typed))
    assert result.exit_code == 0, result.output
    assert stored(typed) == [entry]
    assert type(stored(typed)[0][2]) is type(entry[2])  # whole numbers stay integers


def test_a_negative_figure_needs_no_double_dash_and_options_still_work(
    typed: Path, run: Run
) -> None:
    result = run(
        "add-actual", "change", "r", "2024", "-3.5", "--note", "-5 is a note", "--dir", str(typed)
    )
    assert result.exit_code == 0, result.output
    note = tomllib.loads((typed / "actuals" / "r.toml").read_text(encoding="utf-8"))
    assert note["actual"][0]["note"] == "-5 is a note"  # an option's value is left alone
    assert "recorded change r 2024 = -3.5 in" in result.stdout
    result = run("add-actual", "--dir", str(typed), "change", "r", "2025", "--", "-7")
    assert result.exit_code == 0, result.output
    result = run("add-actual", "change", "r", "2023", "5", "--sorce", "x", "--dir", str(typed))
    assert result.exit_code == 2
    assert "No such option: --sorce" in result.output


def test_refusals_on_the_command_line_change_nothing(typed: Path, run: Run) -> None:
    before = snapshot(typed)
    for args, message in (
        (["trade", "2024", "7.2亿"], "VALUE: 7.2亿: drop 亿: the unit is already 亿元"),
        (["apps", "2024-13", "5"], "PERIOD: 2024-13: there is no month 13"),
        (["apps", "2023Q5", "5"], "PERIOD: 2023Q5: there is no quarter 5"),
        (["apps", "Q4 2023", "5"], "PERIOD: Q4 2023: did you mean 2023-Q4?"),
        (["apps", "2024", "-5"], "VALUE: -5 is below the metric's min 0"),
    ):
        result = run("add-actual", args[0], "r", *args[1:], "--dir", str(typed))
        assert result.exit_code == 2, args
        assert result.stderr.splitlines() == [message], args
    assert snapshot(typed) == before


def test_a_likely_unit_slip_is_refused_unless_forced(typed: Path, run: Run) -> None:
    for period, value in (("2020", "61.7"), ("2022", "64.5")):
        assert run("add-actual", "share", "r", period, value, "--dir", str(typed)).exit_code == 0
    before = snapshot(typed)
    result = run("add-actual", "share", "r", "2021", "0.62", "--dir", str(typed))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "VALUE: 0.62% is 99 times smaller than 61.7% in 2020: a unit slip? "
        "Check the figure and its unit, or add --force if it is right"
    )
    result = run("add-actual", "share", "r", "2023", "650", "--dir", str(typed))
    assert "650% is 10 times larger than 64.5% in 2022" in result.stderr
    assert snapshot(typed) == before
    result = run("add-actual", "share", "r", "2021", "0.62", "--force", "--dir", str(typed))
    assert result.exit_code == 0, result.output
    assert "recorded share r 2021 = 0.62% in" in result.stdout  # as stored, not "0.6"
    # 9 times is not a slip; another granularity is not compared
    assert run("add-actual", "share", "r", "2019", "7", "--dir", str(typed)).exit_code == 0
    assert run("add-actual", "share", "r", "2019-Q1", "0.5", "--dir", str(typed)).exit_code == 0


def test_an_import_compares_each_row_with_the_rows_above(
    typed: Path, tmp_path: Path, run: Run
) -> None:
    data = tmp_path / "slips.csv"
    data.write_text(
        "metric,region,period,value\napps,r,2020,23631\napps,r,2021,2.4\napps,r,2022,24000\n",
        encoding="utf-8",
    )
    before = snapshot(typed)
    result = run("import", str(data), "--dir", str(typed))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{data}: line 3: value: 2.4 applications is 9846 times smaller than 23,631 "
        "applications in 2020: a unit slip? Check the figure and its unit, or add --force if "
        "it is right"
    ]
    assert snapshot(typed) == before
    assert run("import", str(data), "--force", "--dir", str(typed)).exit_code == 0
    assert len(stored(typed)) == 3


def test_repeating_a_recorded_figure_exactly_changes_nothing(typed: Path, run: Run) -> None:
    args = ("add-actual", "apps", "r", "2024", "7,812", "--source", "Bulletin 3")
    assert run(*args, "--dir", str(typed)).exit_code == 0
    before = snapshot(typed)
    result = run(*args[:4], "7812", "--source", "Bulletin 3", "--dir", str(typed))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "apps r 2024 is already recorded with this value, source and note; nothing changed\n"
    )
    assert snapshot(typed) == before
    result = run(*args[:4], "7812", "--source", "Bulletin 4", "--dir", str(typed))
    assert result.exit_code == 2  # another source is a change: --replace
    assert (
        "already recorded: 7,812 (source: Bulletin 3); add --published DATE to keep both as vintages, or --replace to correct a typo"
        in result.stderr
    )


@pytest.mark.parametrize(
    "typed", ["2019/06/30", "2019.6.30", "2019年6月30日", "２０１９－０６－３０"]
)
def test_as_of_takes_dates_as_people_type_them(run: Run, typed: str) -> None:
    targets = str(Path(__file__).parent.parent / "targets")
    iso = run("status", "--dir", targets, "--as-of", "2019-06-30", "--format", "json")
    result = run("status", "--dir", targets, "--as-of", typed, "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stdout == iso.stdout


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("2019/2/30", "Invalid value for '--as-of': 2019/2/30: there is no such day"),
        (
            "tomorrow",
            "Invalid value for '--as-of': 'tomorrow' is not a date: give it as YYYY-MM-DD, "
            "such as 2024-06-30",
        ),
    ],
)
def test_as_of_refuses_what_is_not_a_day(run: Run, typed: str, said: str) -> None:
    result = run("status", "--as-of", typed)
    assert result.exit_code == 2
    assert said in " ".join(result.stderr.split())
    assert "%Y" not in result.stderr
