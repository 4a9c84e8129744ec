"""``import --layout cnipa`` (SPEC 5.3) on CNIPA's monthly tables as transcribed from the
published pages (``tests/tables``, sources in its README): every figure written, its period,
the growth at the year to date's span, in English and Chinese headings, and every refusal."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest

from helpers import Run, load, snapshot, write_dir
from iptarget.core.values import Values
from iptarget.periods import parse_period

TABLES = Path(__file__).parent / "tables"
RECEIVED = TABLES / "cnipa-2014-11-inventions-received.csv"
GRANTED = TABLES / "cnipa-2014-11-inventions-granted-zh.csv"
PCT = TABLES / "cnipa-2014-11-pct.csv"
QINGHAI_2015 = TABLES / "cnipa-2015-09-inventions-received.csv"

METRICS = """
[metric.inventions]
name = "Invention applications received"
unit = "applications"
decimals = 0
min = 0
aggregate = "sum"
measure = "flow"

[metric.inventions_yoy]
name = "Invention applications received, growth on a year before"
unit = "%"
decimals = 1
growth_of = "inventions"

[metric.inventions_since_1985]
name = "Invention applications received since 1985"
unit = "applications"
decimals = 0
min = 0
measure = "stock"

[metric.grants]
name = "Domestic invention patents granted"
unit = "patents"
decimals = 0
min = 0
aggregate = "sum"
measure = "flow"

[metric.grants_yoy]
name = "Domestic invention patents granted, growth on a year before"
unit = "%"
decimals = 1
growth_of = "grants"

[metric.grants_since_records]
name = "Domestic invention patents granted since records began"
unit = "patents"
decimals = 0
min = 0
measure = "stock"

[metric.pct]
name = "PCT applications received"
unit = "applications"
decimals = 0
min = 0
measure = "flow"

[metric.unmarked]
name = "Applications without a measure"
"""

REGIONS = """
[region.northeast]
name = "North-east China 东北地区"
name_zh = "东北地区"
members = ["liaoning", "jilin", "heilongjiang"]
""" + "".join(
    f'\n[region.{id_}]\nname = "{en} {zh}"\nname_zh = "{zh}"\nname_en = "{en}"\n'
    for id_, en, zh in (
        ("liaoning", "Liaoning", "辽宁省"),
        ("jilin", "Jilin", "吉林省"),
        ("heilongjiang", "Heilongjiang", "黑龙江省"),
        ("guangdong", "Guangdong", "广东省"),
        ("qinghai", "Qinghai", "青海省"),
    )
)

#: The rows of Table 2, November 2014, as turn3-figures.csv transcribes them: the month, the
#: year to date, its growth on January-November 2013 (%) and the total since 1985.
RECEIVED_ROWS = {
    "liaoning": (2797, 15540, -10.3, 131146),
    "jilin": (461, 4625, 14.9, 35585),
    "heilongjiang": (1384, 10364, 18.6, 59037),
    "guangdong": (7599, 62470, 6.1, 434102),
    "qinghai": (83, 485, 8.5, 2892),
}
#: 表二 2014年11月份国内发明专利授权状况表: 当月累计, 当年累计, 同比增长 (%), 总累计.
GRANTED_ROWS = {
    "liaoning": (363, 3576, 0.3, 27881),
    "jilin": (121, 1317, -4.6, 10639),
    "heilongjiang": (281, 2229, 6.1, 15479),
    "guangdong": (2233, 20224, 8.2, 125881),
    "qinghai": (13, 97, 11.5, 668),
}
#: Table 14, November 2014: the month and the year to date.
PCT_ROWS = {
    "liaoning": (17, 158),
    "jilin": (8, 50),
    "heilongjiang": (2, 37),
    "guangdong": (1176, 11620),
    "qinghai": (0, 2),
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_dir(tmp_path / "targets", metrics=METRICS, regions=REGIONS)


def recorded(root: Path) -> set[tuple[str, str, str, float]]:
    """Every figure recorded in the directory: metric, region, period as written, value."""
    return {
        (metric, region, str(period), value.value)
        for (metric, region), series in load(root).recorded.items()
        for period, value in series.items()
    }


def cnipa(run: Run, table: Path, root: Path, *options: str) -> tuple[int, str, str]:
    result = run("import", str(table), "--layout", "cnipa", "--dir", str(root), *options)
    return result.exit_code, result.stdout, result.stderr


def test_the_english_table_gives_four_figures_a_region(root: Path, run: Run) -> None:
    code, out, err = cnipa(
        run,
        RECEIVED,
        root,
        *("--metric", "inventions", "--period", "2014-11", "--skip-unknown"),
        *("--growth-metric", "inventions_yoy", "--total-metric", "inventions_since_1985"),
    )
    assert code == 0, err
    expected = set()
    for region, (month, ytd, growth, total) in RECEIVED_ROWS.items():
        expected |= {
            ("inventions", region, "2014-11", month),
            ("inventions", region, "2014-YTD11", ytd),
            ("inventions_yoy", region, "2014-YTD11", growth),  # the year to date's growth
            ("inventions_since_1985", region, "2014-11", total),
        }
    assert recorded(root) == expected
    assert out.splitlines()[0] == 'line 4: "Total" names no region; skipped'
    assert out.splitlines()[-1] == "20 added, 0 replaced in 5 files"


def test_the_chinese_table_by_its_chinese_headings(root: Path, run: Run) -> None:
    code, out, err = cnipa(
        run,
        GRANTED,
        root,
        *("--metric", "grants", "--period", "2014年11月"),
        *("--growth-metric", "grants_yoy", "--total-metric", "grants_since_records"),
        *("--source", "表二 2014年11月份国内发明专利授权状况表", "--lang", "zh"),
    )
    assert code == 0, err
    expected = set()
    for region, (month, ytd, growth, total) in GRANTED_ROWS.items():
        expected |= {
            ("grants", region, "2014-11", month),
            ("grants", region, "2014-YTD11", ytd),
            ("grants_yoy", region, "2014-YTD11", growth),
            ("grants_since_records", region, "2014-11", total),
        }
    assert recorded(root) == expected  # 辽宁 is 辽宁省: the name without its ending
    sources = {value.source for series in load(root).recorded.values() for value in series.values()}
    assert sources == {"表二 2014年11月份国内发明专利授权状况表"}
    assert out.splitlines()[-1] == "共5个文件，新增20条，替换0条"


def test_a_column_without_its_option_is_said_and_not_read(root: Path, run: Run) -> None:
    options = ("--metric", "grants", "--period", "2014-11", "--dry-run")
    code, out, err = cnipa(run, GRANTED, root, *options, "--lang", "zh")
    assert code == 0, err
    assert out.splitlines()[:2] == [
        "“同比增长”列未读取（如需记录，请给出 --growth-metric）",
        "“总累计”列未读取（如需记录，请给出 --total-metric）",
    ]
    assert "2014年1-11月" in out
    assert out.splitlines()[-1] == "共5个文件，新增10条，替换0条；未写入任何内容（--dry-run）"
    assert recorded(root) == set()


def test_a_workbook_with_unknown_rows_skipped_and_dates_given(
    root: Path, tmp_path: Path, run: Run
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Table 14"
    with PCT.open(encoding="utf-8") as lines:
        for row in csv.reader(lines):
            sheet.append([int(cell) if cell.isdigit() else (cell or None) for cell in row])
    sheet["C6"] = "50件件"
    path = tmp_path / "pct.xlsx"
    book.save(path)
    code, _, err = cnipa(run, path, root, "--metric", "pct", "--period", "2014-11")
    assert code == 2
    assert err.splitlines() == [  # each cell as Excel names it
        f"{path}: 'Table 14'!A4: unknown region \"Total of Domestic Applications\"",
        f"{path}: 'Table 14'!C6: 50件件: not a number (after the number, write only its unit "
        "(applications), 万, 亿 or 万亿, or one of 件 个 项 家 人 次)",
        f"{path}: 'Table 14'!A10: unknown region \"Total of Foreign Applications\"",
    ]
    sheet["C6"] = 50
    book.save(path)
    code, out, err = cnipa(
        run,
        path,
        root,
        *("--metric", "pct", "--period", "2014-11", "--skip-unknown"),
        *("--published", "2014-12-30", "--source", "CNIPA Table 14, November 2014"),
    )
    assert code == 0, err
    expected = set()
    for region, (month, ytd) in PCT_ROWS.items():
        expected |= {("pct", region, "2014-11", month), ("pct", region, "2014-YTD11", ytd)}
    assert recorded(root) == expected
    assert out.splitlines()[:2] == [
        'row 4: "Total of Domestic Applications" names no region; skipped',
        'row 10: "Total of Foreign Applications" names no region; skipped',
    ]
    dates = {
        value.published for series in load(root).recorded.values() for value in series.values()
    }
    assert dates == {datetime.date(2014, 12, 30)}


def test_headings_in_any_order_with_units_and_the_span_named(
    root: Path, tmp_path: Path, run: Run
) -> None:
    with RECEIVED.open(encoding="utf-8") as lines:
        rows = list(csv.reader(lines))[2:]
    rows[0] = ["Total (pieces)", "Year-on-year Growth Rate (%)", "1-11月", "Region", "当月"]
    shuffled = [[row[4], row[3], row[2], row[0], row[1]] for row in rows[1:]]
    path = tmp_path / "shuffled.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([rows[0], *shuffled])
    options = ("--metric", "inventions", "--period", "2014-11", "--skip-unknown")
    both = ("--growth-metric", "inventions_yoy", "--total-metric", "inventions_since_1985")
    code, _, err = cnipa(run, path, root, *options, *both)
    assert code == 0, err
    assert len(recorded(root)) == 20
    assert ("inventions", "guangdong", "2014-YTD11", 62470) in recorded(root)
    assert ("inventions_yoy", "liaoning", "2014-YTD11", -10.3) in recorded(root)


def test_refusals_name_the_row_and_the_column(root: Path, tmp_path: Path, run: Run) -> None:
    before = snapshot(root)
    code, _, err = cnipa(run, RECEIVED, root, "--metric", "inventions", "--period", "2014-11")
    assert code == 2
    assert err.splitlines() == [f'{RECEIVED}: line 4: Region: unknown region "Total"']
    bad = tmp_path / "bad.csv"
    bad.write_text(
        RECEIVED.read_text(encoding="utf-8")
        .replace("15540", "15540件件")
        .replace("Total,102010,669695,14.4%,3753903\n", ""),
        encoding="utf-8",
    )
    code, _, err = cnipa(run, bad, root, "--metric", "inventions", "--period", "2014-11")
    assert code == 2
    assert err.splitlines() == [
        f"{bad}: line 4: Yearly Total: 15540件件: not a number (after the number, write only "
        "its unit (applications), 万, 亿 or 万亿, or one of 件 个 项 家 人 次)"
    ]
    zh = tmp_path / "bad-zh.csv"
    zh.write_text(
        GRANTED.read_text(encoding="utf-8").replace("3576", "三千").replace("吉林,", ","),
        encoding="utf-8",
    )
    code, _, err = cnipa(run, zh, root, "--metric", "grants", "--period", "2014-11", "--lang", "zh")
    assert code == 2
    assert err.splitlines() == [
        f"{zh}: 第3行：当年累计：三千：不是数字（请给出 7812、7,812、12.99、-3.5、1.2万 或 3.5亿 "
        "这样的数值，后面可以加该指标的单位）",
        f"{zh}: 第4行：地区：本行没有地区",
    ]
    assert snapshot(root) == before


def test_the_options_must_fit_the_metrics(root: Path, run: Run) -> None:
    code, _, err = cnipa(
        run,
        PCT,
        root,
        *("--metric", "unmarked", "--period", "2014-11", "--skip-unknown"),
        *("--growth-metric", "pct", "--total-metric", "grants"),
    )
    assert code == 2
    assert err.splitlines() == [
        "--metric: unmarked is not a flow: a month and a year to date are parts of a year's "
        'total; add measure = "flow" to the metric',
        "--growth-metric: pct is not a growth of unmarked: give a metric with growth_of = "
        '"unmarked"',
        "--total-metric: grants is not a stock: the total since records began is a level at "
        'the month\'s end; add measure = "stock" to the metric',
    ]
    code, _, err = cnipa(run, PCT, root, "--metric", "pcts", "--period", "2014-11")
    assert err.splitlines() == ['--metric: unknown metric "pcts" (did you mean "pct"?)']


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (
            ("--layout", "cnipa"),
            ["--layout: cnipa needs --metric", "--layout: cnipa needs --period"],
        ),
        (("--metric", "pct"), ["--metric: not an option of --layout long"]),
        (
            ("--layout", "cnipa", "--metric", "pct", "--period", "2014"),
            ["--period: 2014 is not a month: give the table's month, such as 2015-10"],
        ),
        (
            ("--layout", "cnipa", "--metric", "pct", "--period", "2099-01"),
            ["--period: 2099-01 ends after today (DATE); record it once it has ended"],
        ),
    ],
)
def test_the_layouts_options(
    root: Path, run: Run, options: tuple[str, ...], said: list[str]
) -> None:
    result = run("import", str(PCT), "--dir", str(root), *options)
    assert result.exit_code == 2
    today = datetime.date.today().isoformat()
    assert result.stderr.splitlines() == [line.replace("DATE", today) for line in said]


def test_a_heading_naming_another_month_is_refused(root: Path, tmp_path: Path, run: Run) -> None:
    path = tmp_path / "october.csv"
    path.write_text("地区,本月,1-10月\n青海,83,485\n", encoding="utf-8")
    code, _, err = cnipa(run, path, root, "--metric", "inventions", "--period", "2014-11")
    assert code == 2
    assert err.splitlines() == [
        f'{path}: line 1: 1-10月: the heading "1-10月" is of the year to 2014-10, but the '
        "table's month (--period) is 2014-11"
    ]


@pytest.mark.parametrize(
    ("month", "span"), [("03", "2015-Q1"), ("06", "2015-H1"), ("12", "2015"), ("10", "2015-YTD10")]
)
def test_the_year_to_date_is_spelt_canonically(
    root: Path, tmp_path: Path, run: Run, month: str, span: str
) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Region,Monthly Total,Yearly Total\nQinghai,100,500\n", encoding="utf-8")
    code, _, err = cnipa(run, path, root, "--metric", "inventions", "--period", f"2015-{month}")
    assert code == 0, err
    assert recorded(root) == {
        ("inventions", "qinghai", f"2015-{month}", 100),
        ("inventions", "qinghai", span, 500),
    }


def test_january_is_its_own_year_to_date(root: Path, tmp_path: Path, run: Run) -> None:
    path = tmp_path / "january.csv"
    path.write_text(
        "Region,Monthly Total,Yearly Total,Year-on-year Growth Rate\nQinghai,40,40,5.0%\n",
        encoding="utf-8",
    )
    options = ("--metric", "inventions", "--period", "2015-01", "--growth-metric", "inventions_yoy")
    code, _, err = cnipa(run, path, root, *options)
    assert code == 0, err
    assert recorded(root) == {
        ("inventions", "qinghai", "2015-01", 40),
        ("inventions_yoy", "qinghai", "2015-01", 5.0),
    }
    path.write_text("Region,Monthly Total,Yearly Total\nJilin,40,41\n", encoding="utf-8")
    code, _, err = cnipa(run, path, root, "--metric", "inventions", "--period", "2015-01")
    assert code == 2
    assert err.splitlines() == [
        f"{path}: line 2: Yearly Total: in January the year to date is the month, but this row "
        "gives 40 and 41"
    ]


def test_groups_vintages_and_back_growth_on_the_year_to_date(
    root: Path, tmp_path: Path, run: Run
) -> None:
    first = ("--metric", "grants", "--period", "2014-11", "--published", "2014-12-30")
    assert cnipa(run, GRANTED, root, *first)[0] == 0
    values = Values(load(root))
    ytd = parse_period("2014-YTD11")
    # the group's year to date is the sum of its members' (3576 + 1317 + 2229)
    assert values.series("grants", "northeast")[ytd].value == 7122
    revised = tmp_path / "revised.csv"
    revised.write_text(
        GRANTED.read_text(encoding="utf-8").replace(",3576,", ",3580,"), encoding="utf-8"
    )
    again = ("--metric", "grants", "--period", "2014-11", "--published", "2015-01-15")
    code, _, err = cnipa(run, revised, root, *again)
    assert code == 0, err
    dataset = load(root)
    assert Values(dataset).series("grants", "northeast")[ytd].value == 7126
    assert Values(dataset, None, "first").series("grants", "northeast")[ytd].value == 7122
    as_of = datetime.date(2015, 1, 1)
    assert Values(dataset, as_of).series("grants", "liaoning")[ytd].value == 3576
    growth = ("--growth-metric", "inventions_yoy", "--metric", "inventions")
    assert cnipa(run, QINGHAI_2015, root, *growth, "--period", "2015-09")[0] == 0
    qinghai = Values(load(root)).series("inventions", "qinghai")
    before = qinghai[parse_period("2014-YTD09")]
    assert before.value == pytest.approx(683 / 2.033)  # 2015-YTD09 and its growth of 103.3%
    assert before.rule is not None


def test_the_table_files_are_the_transcribed_rows() -> None:
    """Each row of the tables is the one turn3-figures.csv transcribes (guards the copies)."""
    with RECEIVED.open(encoding="utf-8") as lines:
        rows = {row[0]: row[1:] for row in list(csv.reader(lines))[3:]}
    assert rows["Total"] == ["102010", "669695", "14.4%", "3753903"]
    numbers = {
        name.lower(): tuple(float(cell.rstrip("%")) for cell in row)
        for name, row in rows.items()
        if name != "Total"
    }
    assert numbers == RECEIVED_ROWS
