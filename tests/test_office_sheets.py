"""Spreadsheets as offices fill them (issue 24): a title above the header, Chinese headings,
cells Excel shows as percentages, dates in the period column; and what ``import`` says it
recorded, or in a dry run, how it read every row. Each figure here is a real published one
(the sources are in each row)."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from helpers import Run, snapshot, write_dir

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "office-sheet.xlsx"
#: Qinghai News, 2014-04-24: valid invention patents rose 24.2% in 2013 ("同比增长24.2%").
YOY = (
    "invention_patents_owned_yoy",
    "青海省",
    "2013",
    0.242,
    "http://shop.dxbei.com/a/qinghai/20140424/122702.html",
)
#: CNIPA's Table 8 of September 2014: Qinghai's valid domestic invention patents, 426.
OWNED = (
    "invention_patents_owned",
    "青海省",
    datetime.date(2014, 9, 30),
    426,
    "https://english.cnipa.gov.cn/transfer/statistics/2014s/20149/1050796.htm",
)
HEADINGS = ["指标", "地区", "时期", "数值（%）", "来源"]


def example(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "targets", tmp_path / "targets")
    return tmp_path / "targets"


def office_sheet(path: Path, rows: list[tuple[Any, ...]], percent: str | None = "D4") -> Path:
    """A sheet as an office lays it out: a merged title, a blank row, Chinese headings, the
    figures from row 4 (regions by their Chinese names), one cell formatted as a
    percentage."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "青海省知识产权主要指标"
    sheet.merge_cells("A1:E1")
    sheet.append([])
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(list(row))
    if percent:
        sheet[percent].number_format = "0.0%"
    book.save(path)
    return path


def test_an_office_sheet_imports_in_one_command(tmp_path: Path, run: Run) -> None:
    root = example(tmp_path)
    book = office_sheet(tmp_path / "office.xlsx", [YOY, OWNED])
    result = run("import", str(book), "--dir", str(root))
    assert result.exit_code == 0, result.output
    path = root / "actuals" / "qinghai.toml"
    assert result.stdout.splitlines() == [
        "row 5: the date 2014-09-30 was read as 2014-09",
        "recorded invention_patents_owned_yoy qinghai 2013 = 24.2%",
        "recorded invention_patents_owned qinghai 2014-09 = 426 patents",
        f"{path}: 2 added, 0 replaced",
        "2 added, 0 replaced in 1 file",
    ]
    text = path.read_text(encoding="utf-8")
    assert 'period = "2013"\nvalue = 24.2\n' in text  # 0.242 shown as 24.2%: 24.2, exactly
    assert 'period = "2014-09"\nvalue = 426\n' in text


def test_the_example_sheet_is_the_office_sheet_of_these_tests(tmp_path: Path) -> None:
    """examples/office-sheet.xlsx, which the README imports, is made by office_sheet."""
    from openpyxl import load_workbook

    made = office_sheet(tmp_path / "made.xlsx", [YOY, OWNED])
    shipped, expected = (load_workbook(path).worksheets[0] for path in (EXAMPLE, made))
    assert [str(cells) for cells in shipped.merged_cells.ranges] == ["A1:E1"]
    for left, right in zip(shipped.iter_rows(), expected.iter_rows(), strict=True):
        assert [(c.value, c.number_format) for c in left] == [
            (c.value, c.number_format) for c in right
        ]


def test_the_dry_run_shows_every_row_as_read_in_both_languages(tmp_path: Path, run: Run) -> None:
    root = example(tmp_path)
    before = snapshot(root)
    book = office_sheet(tmp_path / "office.xlsx", [YOY, OWNED])
    result = run("import", str(book), "--dry-run", "--dir", str(root))
    assert result.exit_code == 0, result.output
    path = root / "actuals" / "qinghai.toml"
    assert result.stdout.splitlines() == [
        "row 5: the date 2014-09-30 was read as 2014-09",
        "row  metric                       region   period         value",
        "  4  invention_patents_owned_yoy  qinghai  2013           24.2%",
        "  5  invention_patents_owned      qinghai  2014-09  426 patents",
        f"{path}: 2 added, 0 replaced",
        "2 added, 0 replaced in 1 file; nothing written (--dry-run)",
    ]
    result = run("--lang", "zh", "import", str(book), "--dry-run", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "第5行：日期2014-09-30读作2014年9月",
        "行  指标                         地区    时期        数值",
        " 4  invention_patents_owned_yoy  青海省  2013年     24.2%",
        " 5  invention_patents_owned      青海省  2014年9月  426件",
        f"{path}：新增2条，替换0条",
        "共1个文件，新增2条，替换0条；未写入任何内容（--dry-run）",
    ]
    assert snapshot(root) == before


def test_a_date_on_an_annual_metric_is_refused_with_the_hint(tmp_path: Path, run: Run) -> None:
    """Qinghai's 2015 applications typed as a date: the metric has no monthly figures and
    its targets are annual, so the date is taken for the slip it is."""
    root = example(tmp_path)
    before = snapshot(root)
    row = ("patent_applications", "qinghai", datetime.date(2015, 12, 31), 1896, "x")
    book = office_sheet(tmp_path / "office.xlsx", [row], percent=None)
    result = run("import", str(book), "--dir", str(root))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{book}: Sheet!C4: the date 2015-12-31 reads as the month "
        "2015-12, but patent_applications has no monthly figures and its targets are annual: "
        "type the year (2015) as text, or format the cell to show the year only\n"
    )
    result = run("--lang", "zh", "import", str(book), "--dir", str(root))
    assert result.stderr == (
        f"{book}: Sheet!C4：日期2015-12-31会读作2015年12月，但"
        "patent_applications没有月度数据，其目标均为年度目标：请以文本输入年份（2015），"
        "或将单元格格式设为只显示年份\n"
    )
    assert snapshot(root) == before


def test_a_percentage_on_a_count_is_refused(tmp_path: Path, run: Run) -> None:
    root = example(tmp_path)
    row = ("patent_applications", "qinghai", "2015", 0.5, "x")
    book = office_sheet(tmp_path / "office.xlsx", [row])
    result = run("import", str(book), "--dir", str(root))
    assert result.exit_code == 2
    assert result.stderr == (
        f"{book}: Sheet!D4: 50%: drop %: the metric's unit is 'applications', not a percentage\n"
    )


def test_merged_cells_below_the_title_are_refused(tmp_path: Path, run: Run) -> None:
    root = example(tmp_path)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["a title"])
    sheet.merge_cells("A1:C1")
    sheet.append(HEADINGS)
    sheet.append(list(YOY))
    sheet.append(["", "", "2014", 0.1, ""])
    sheet.merge_cells("A3:A4")  # one metric for two rows, as offices merge them
    book.save(tmp_path / "merged.xlsx")
    result = run("import", str(tmp_path / "merged.xlsx"), "--dir", str(root))
    assert result.exit_code == 2
    assert "cells A3:A4 are merged; unmerge them" in result.stderr
    assert "A1:C1" not in result.stderr


@pytest.mark.parametrize(
    "heading",
    ["period", "时期", "年份", "期间", "year", "Period (year)", "时期（年）"],
)
def test_a_csv_file_with_a_title_and_chinese_headings(
    tmp_path: Path, run: Run, heading: str
) -> None:
    root = write_dir(tmp_path / "t")
    data = tmp_path / "figures.csv"
    data.write_text(
        f"2014年专利申请量,,,\n,,,\n指标,地区,{heading},数值（件）\napps,r,2014,120\n",
        encoding="gb18030",
    )
    result = run("import", str(data), "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [
        "recorded apps r 2014 = 120 applications",
        f"{root / 'actuals' / 'r.toml'}: 1 added, 0 replaced",
        "1 added, 0 replaced in 1 file",
    ]


def test_many_figures_are_told_one_line_per_series(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path / "t")
    rows = "".join(f"apps,r,{year},{100 + year - 2000}\n" for year in range(2000, 2012))
    rows += "apps,s,2010,5\n"
    data = tmp_path / "figures.csv"
    data.write_text("metric,region,period,value\n" + rows, encoding="utf-8")
    result = run("import", str(data), "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "recorded apps r: 12 figures, 2000 to 2011",
        "recorded apps s: 1 figure, 2010 to 2010",
    ]


def test_import_shows_the_targets_whose_status_changed(
    tmp_path: Path, run: Run, root: Path
) -> None:
    """The fixture's target doubles 150… from 2014; the 2020 figure decides it."""
    data = tmp_path / "figures.csv"
    data.write_text("metric,region,period,value\napps,r,2014,100\napps,r,2020,210\n", "utf-8")
    result = run("import", str(data), "--dir", str(root))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "recorded apps r 2014 = 100 applications"
    assert lines[3].split() == ["target", "status"]
    assert lines[4].split()[:4] == ["t", "changed", "from", "no_baseline;"]
    assert lines[4].split()[-1] == "achieved"
    assert lines[-1] == "2 added, 0 replaced in 1 file"
