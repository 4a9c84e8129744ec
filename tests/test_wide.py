"""``import --layout wide`` (SPEC 5.3) on a yearbook's table of PCT applications by province
(``examples/yearbook-pct.csv``, and transposed in ``tests/tables``; sources in its README): regions down and years across, the same table
transposed in GB18030, both again as workbooks; not-available marks skipped and counted,
the metric by its code, and every refusal pinned."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from helpers import Run, load, snapshot, write_dir

TABLES = Path(__file__).parent / "tables"
DOWN = Path(__file__).parent.parent / "examples" / "yearbook-pct.csv"
ACROSS = TABLES / "wide-pct-transposed-gb18030.csv"
METRICS = """
[metric.pct]
name = "PCT applications received"
unit = "applications"
decimals = 0
min = 0
code = ["IP.PCT.RCVD"]
"""
PROVINCES = (
    ("shanghai", "Shanghai", "上海市"),
    ("jiangsu", "Jiangsu", "江苏省"),
    ("zhejiang", "Zhejiang", "浙江省"),
    ("anhui", "Anhui", "安徽省"),
    ("liaoning", "Liaoning", "辽宁省"),
    ("jilin", "Jilin", "吉林省"),
    ("heilongjiang", "Heilongjiang", "黑龙江省"),
    ("qinghai", "Qinghai", "青海省"),
)
REGIONS = "".join(
    f'\n[region.{id_}]\nname = "{en} {zh}"\nname_zh = "{zh}"\nname_en = "{en}"\n'
    for id_, en, zh in PROVINCES
)
#: The table's figures: 2016 for the Yangtze River Delta's members only.
FIGURES = {
    ("shanghai", "2016"): 1560.0, ("shanghai", "2018"): 2528.0,
    ("shanghai", "2022"): 5591.0, ("shanghai", "2023"): 6185.0,
    ("jiangsu", "2016"): 3213.0, ("jiangsu", "2018"): 5500.0,
    ("jiangsu", "2022"): 6986.0, ("jiangsu", "2023"): 6547.0,
    ("zhejiang", "2016"): 1214.0, ("zhejiang", "2018"): 1879.0,
    ("zhejiang", "2022"): 4316.0, ("zhejiang", "2023"): 4364.0,
    ("anhui", "2016"): 205.0, ("anhui", "2018"): 433.0,
    ("anhui", "2022"): 1880.0, ("anhui", "2023"): 1901.0,
    ("liaoning", "2018"): 457.0, ("liaoning", "2022"): 337.0, ("liaoning", "2023"): 357.0,
    ("jilin", "2018"): 67.0, ("jilin", "2022"): 475.0, ("jilin", "2023"): 528.0,
    ("heilongjiang", "2018"): 77.0, ("heilongjiang", "2022"): 92.0,
    ("heilongjiang", "2023"): 135.0,
    ("qinghai", "2018"): 6.0, ("qinghai", "2022"): 9.0, ("qinghai", "2023"): 27.0,
}  # fmt: skip
SOURCE = ("--source", "CNIPA statistical yearbook 2023, table 6-4")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_dir(tmp_path / "targets", metrics=METRICS, regions=REGIONS)


def recorded(root: Path) -> dict[tuple[str, str], float]:
    return {
        (region, str(period)): value.value
        for (_, region), series in load(root).recorded.items()
        for period, value in series.items()
    }


def imported(run: Run, root: Path, path: Path, *args: str) -> str:
    result = run("import", str(path), "--layout", "wide", "--dir", str(root), *SOURCE, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def csv_rows(path: Path, encoding: str = "utf-8") -> list[list[object]]:
    """A CSV table's rows as a workbook holds them: years and figures as numbers."""
    rows: list[list[object]] = []
    for line in path.read_text(encoding=encoding).splitlines():
        rows.append([int(cell) if cell.isdigit() else (cell or None) for cell in line.split(",")])
    return rows


def test_regions_down_and_years_across(root: Path, run: Run) -> None:
    said = imported(run, root, DOWN, "--metric", "pct")
    assert recorded(root) == FIGURES
    assert "4 cells empty or marked not available (— … x /), skipped" in said


def test_the_metric_by_its_code_and_the_table_transposed_in_gb18030(root: Path, run: Run) -> None:
    said = imported(run, root, ACROSS, "--metric", "IP.PCT.RCVD")
    assert recorded(root) == FIGURES
    assert "4 cells empty or marked not available (— … x /), skipped" in said


@pytest.mark.parametrize("table", [DOWN, ACROSS])
def test_both_orientations_as_workbooks(root: Path, run: Run, tmp_path: Path, table: Path) -> None:
    encoding = "gb18030" if table == ACROSS else "utf-8"
    path = workbook(tmp_path / f"{table.stem}.xlsx", csv_rows(table, encoding))
    imported(run, root, path, "--metric", "pct")
    assert recorded(root) == FIGURES


def test_transpose_forces_the_regions_across(root: Path, run: Run, tmp_path: Path) -> None:
    """A header of years forced to be read as regions: each row's first cell is no period."""
    result = run("import", str(DOWN), "--layout", "wide", "--metric", "pct", "--transpose",
                 "--dir", str(root))  # fmt: skip
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 8  # each province's row
    assert lines[0] == (
        f"{DOWN}: line 3: 地区: 上海市 is not a period: the regions run across the header, so "
        "each row starts with its period"
    )


def test_every_refusal_is_pinned(root: Path, run: Run, tmp_path: Path) -> None:
    before = snapshot(root)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "地区,2018年,2022年,备注\n上海市,2528,5591,x\n广州市,1,2,\n浙江省,12a,4316,\n",
        encoding="utf-8",
    )
    result = run("import", str(bad), "--layout", "wide", "--metric", "pct", "--dir", str(root))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{bad}: line 1: 备注: not a period: after the first, each heading names a period (or, "
        "with the periods down the first column, a region)"
    ]
    bad.write_text("地区,2018年,2022年\n上海市,2528,5591\n广州市,1,2\n浙江省,12a,4316\n", "utf-8")
    result = run("import", str(bad), "--layout", "wide", "--metric", "pct", "--dir", str(root))
    assert result.exit_code == 2
    number = (
        "12a: not a number (after the number, write only its unit (applications), 万, 亿 or 万亿, "
        "or one of 件 个 项 家 人 次)"
    )
    assert result.stderr.splitlines() == [
        f'{bad}: line 3: 地区: unknown region "广州市"',
        f"{bad}: line 4: 2018年: {number}",
    ]
    result = run("import", str(bad), "--layout", "wide", "--metric", "pct", "--skip-unknown",
                 "--dir", str(root))  # fmt: skip
    assert result.stderr.splitlines() == [f"{bad}: line 4: 2018年: {number}"]
    sheet = workbook(tmp_path / "bad.xlsx", [["地区", 2018, 2022], ["广州市", 1, 2]])
    result = run("import", str(sheet), "--layout", "wide", "--metric", "pct", "--dir", str(root))
    assert result.stderr == f'{sheet}: Sheet!A2: unknown region "广州市"\n'
    across = workbook(tmp_path / "across.xlsx", [["年份", "上海市", "广州市"], [2018, 2528, 1]])
    result = run("import", str(across), "--layout", "wide", "--metric", "pct", "--dir", str(root))
    assert result.stderr == f'{across}: Sheet!C1: unknown region "广州市"\n'
    assert snapshot(root) == before


def test_the_options_of_the_layout(root: Path, run: Run) -> None:
    result = run("import", str(DOWN), "--layout", "wide", "--dir", str(root))
    assert (result.exit_code, result.stderr) == (2, "--layout: wide needs --metric\n")
    result = run("import", str(DOWN), "--transpose", "--dir", str(root))
    assert (result.exit_code, result.stderr) == (2, "--transpose: not an option of --layout long\n")
    result = run("import", str(DOWN), "--layout", "wide", "--metric", "nope", "--dir", str(root))
    assert result.exit_code == 2
    assert result.stderr == '--metric: unknown metric "nope"\n'
