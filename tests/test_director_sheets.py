"""The director's spreadsheet (issue 24): ``status --output`` as a workbook or as CSV that
Excel reads, and ``export`` to a workbook for people, read back here with openpyxl."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from helpers import Run, snapshot

ROOT = Path(__file__).parent.parent
AS_OF = ("--as-of", "2026-11-22")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "targets", tmp_path / "targets")
    return tmp_path / "targets"


def test_status_as_a_workbook_in_chinese(example: Path, run: Run, tmp_path: Path) -> None:
    path = tmp_path / "进展.xlsx"
    result = run("--lang", "zh", "status", *AS_OF, "--dir", str(example), "--output", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    sheet = load_workbook(path).worksheets[0]
    assert sheet.title == "截至2026年11月22日进展"
    assert [cell.value for cell in sheet[1]] == [
        "目标", "标题", "地区", "指标", "要求", "目标值", "期限", "基期", "最新", "最新数据时期",
        "完成度（%）", "进度比", "预计", "状态",
    ]  # fmt: skip
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:N{sheet.max_row}"
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert len(rows) == 26
    row = rows["cn-2020-invention-per-10k"]
    assert [row[2].value, row[4].value, row[6].value, row[13].value] == [
        "中国", "≥", "2020年", "已达成",
    ]  # fmt: skip
    assert (row[5].value, row[5].number_format) == (12, "#,##0.00")  # a number, 2 decimals
    assert (row[8].value, row[9].value) == (15.8, "2020年")
    progress = row[10].value
    assert isinstance(progress, float)
    assert (round(progress, 1), row[10].number_format) == (166.7, "0.0")
    assert sheet.column_dimensions["A"].width >= len("hz-2019-certified-enterprises")


def test_status_as_csv_for_excel_and_the_format_from_the_name(
    example: Path, run: Run, tmp_path: Path
) -> None:
    printed = run("status", *AS_OF, "--dir", str(example), "--format", "csv").stdout
    path = tmp_path / "status.csv"
    assert run("status", *AS_OF, "--dir", str(example), "-o", str(path)).exit_code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a byte-order mark: Excel reads UTF-8
    assert data[3:].decode("utf-8").replace("\r\n", "\n") == printed  # CRLF in the file
    refused = run("status", *AS_OF, "--dir", str(example), "--format", "xlsx")
    assert refused.exit_code == 2
    assert refused.stderr == "--format: xlsx is a workbook, not text: give --output FILE.xlsx\n"


def test_export_to_a_workbook_for_people_and_back(example: Path, run: Run, tmp_path: Path) -> None:
    path = tmp_path / "数据.xlsx"
    result = run("--lang", "zh", "export", "--dir", str(example), "--output", str(path))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(path).worksheets[0]
    assert [cell.value for cell in sheet[1]] == [
        "指标", "指标名称", "地区", "地区名称", "时期", "数值", "是否推算", "来源", "备注",
        "发布日期", "标记", "推算方法",
    ]  # fmt: skip
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:L{sheet.max_row}"
    derived = [row for row in sheet.iter_rows(min_row=2) if row[6].value == "是"]
    recorded = [row for row in sheet.iter_rows(min_row=2) if row[6].value == "否"]
    assert derived
    assert recorded
    for row in derived:  # rounded to the metric's decimals for people
        value = row[5].value
        assert isinstance(value, int | float)
        assert value == round(value, 2)
    qinghai = next(row for row in recorded if row[2].value == "qinghai")
    assert qinghai[3].value == "青海省"
    before = snapshot(example)
    again = run("--lang", "zh", "import", str(path), "--replace", "--dir", str(example))
    assert again.exit_code == 0, again.output  # Chinese headings read back, derived skipped
    assert snapshot(example) == before
