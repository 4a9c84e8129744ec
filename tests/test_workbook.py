"""Excel workbooks in and out: ``import FILE.xlsx`` and ``export --output FILE.xlsx``."""

from __future__ import annotations

import datetime
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from helpers import Run, load, snapshot, values, write_dir

ROOT = Path(__file__).parent.parent
HEADER = ["metric", "region", "period", "value", "source"]


def workbook(path: Path, rows: list[list[Any]], header: list[str] | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    for row in [header or HEADER, *rows]:
        sheet.append(row)
    book.save(path)
    return path


def test_export_then_import_round_trips(tmp_path: Path, run: Run) -> None:
    example = tmp_path / "example"
    shutil.copytree(ROOT / "targets", example)
    book = tmp_path / "every.xlsx"
    result = run("export", "--dir", str(example), "--output", str(book))
    assert result.exit_code == 0, result.output
    sheet = load_workbook(book).worksheets[0]
    header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert header == [
        "metric", "metric name", "region", "region name", "period", "value", "derived",
        "source", "note", "published", "flag", "rule",
    ]  # fmt: skip
    second = next(sheet.iter_rows(min_row=2, max_row=2))
    assert isinstance(second[5].value, int | float)  # numbers as numbers
    assert isinstance(second[4].value, str)  # periods as text, never turned into dates
    months = [row[4].value for row in sheet.iter_rows(min_row=2) if "-" in str(row[4].value)]
    assert months
    assert all(isinstance(month, str) for month in months)
    # --replace of the export changes no byte
    before = snapshot(example)
    again = run("import", str(book), "--replace", "--dir", str(example))
    assert again.exit_code == 0, again.output
    assert "already recorded as given" in again.stdout
    assert snapshot(example) == before
    # into a directory without figures: the same recorded values
    empty = tmp_path / "empty"
    shutil.copytree(ROOT / "targets", empty)
    for path in (empty / "actuals").iterdir():
        path.unlink()
    # --force: a real 99-fold growth in the example (the YRD's patent transfers, 2011 to 2022)
    result = run("import", str(book), "--force", "--dir", str(empty))
    assert result.exit_code == 0, result.output
    original, copied = load(example), load(empty)
    assert copied.figure_count == original.figure_count
    assert values(empty) == values(example)


def test_a_workbook_as_excel_saves_it(tmp_path: Path, run: Run) -> None:
    """Dates Excel made of periods, a year formatted as a year, a number typed as a year,
    and an empty column after the last, as Excel leaves them."""
    root = write_dir(tmp_path / "t")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([*HEADER, None])
    sheet.append(["apps", "r", datetime.datetime(2024, 3, 1), 7812, "typed 2024-03", None])
    sheet.append(["apps", "r", datetime.datetime(2024, 4, 30), 7900, "a month end", None])
    sheet.append(["apps", "r", datetime.datetime(2023, 1, 1), 90000, "a year", None])
    sheet["C4"].number_format = "yyyy"
    sheet.append(["apps", "r", 2022.0, 85000, "a number", None])
    sheet.append([None, None, None, None, None, None])  # an empty row
    path = tmp_path / "excel.xlsx"
    book.save(path)
    result = run("import", str(path), "--dir", str(root))
    assert result.exit_code == 0, result.output
    found = values(root)[("apps", "r")]
    assert sorted(str(period) for period in found) == ["2022", "2023", "2024-03", "2024-04"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [["apps", "r", datetime.datetime(2024, 3, 15), 1, ""]],
            "Sheet1!C2: 2024-03-15 is a date, not a period",
        ),
        ([["apps", "r", "2024-13", 1, ""]], "Sheet1!C2: 2024-13:"),
        ([["apsp", "r", "2024", 1, ""]], 'Sheet1!A2: unknown metric "apsp"'),
    ],
)
def test_bad_rows_are_named_by_their_row(
    tmp_path: Path, run: Run, rows: list[list[Any]], message: str
) -> None:
    root = write_dir(tmp_path / "t")
    before = snapshot(root)
    path = workbook(tmp_path / "bad.xlsx", rows)
    result = run("import", str(path), "--dir", str(root))
    assert result.exit_code == 2
    assert f"{path}: {message}" in result.stderr, result.stderr
    assert snapshot(root) == before


def with_saved_result(path: Path, formula: str, result: str) -> None:
    """Give a formula the value Excel saves with it (openpyxl writes none)."""
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    text = parts[sheet].decode("utf-8")
    text, count = re.subn(
        f"<f>{re.escape(formula)}</f>(<v\\s*/>|<v></v>)?", f"<f>{formula}</f><v>{result}</v>", text
    )
    assert count == 1, text
    parts[sheet] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)


def test_formulas_are_read_by_their_saved_result_or_refused(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path / "t")
    path = workbook(tmp_path / "f.xlsx", [["apps", "r", "2024", "=7800+12", "sum"]])
    result = run("import", str(path), "--dir", str(root))
    assert result.exit_code == 2
    assert ": Sheet1!D2: a formula without a saved result: open and save" in result.stderr
    with_saved_result(path, "7800+12", "7812")
    result = run("import", str(path), "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert [value.value for value in values(root)[("apps", "r")].values()] == [7812.0]


def test_what_is_not_a_sheet_of_figures_is_refused(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path / "t")
    before = snapshot(root)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("metric,region\n", encoding="utf-8")
    result = run("import", str(fake), "--dir", str(root))
    assert result.exit_code == 2
    assert f"{fake}: not an Excel workbook (.xlsx) that can be read" in result.stderr
    merged = tmp_path / "merged.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    sheet.append(["apps", "r", "2024", 1, "a"])
    sheet.merge_cells("A2:B2")
    book.save(merged)
    result = run("import", str(merged), "--dir", str(root))
    assert result.exit_code == 2
    assert "cells A2:B2 are merged; unmerge them" in result.stderr
    headless = tmp_path / "headless.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([None, None])
    sheet.append(["apps", "r", "2024", 1])
    book.save(headless)
    result = run("import", str(headless), "--dir", str(root))
    assert result.exit_code == 2
    assert "row 2: no header row: above the figures, a row must name the columns" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(root) == before


def test_text_that_looks_like_a_formula_is_exported_as_text(tmp_path: Path, run: Run) -> None:
    root = write_dir(
        tmp_path / "t",
        actuals={
            "r": '[[actual]]\nmetric = "apps"\nregion = "r"\nperiod = "2024"\nvalue = 1\nsource = "=HYPERLINK(\\"x\\")"\n'
        },
    )
    path = tmp_path / "out.xlsx"
    assert run("export", "--dir", str(root), "--output", str(path)).exit_code == 0
    cell = load_workbook(path).worksheets[0]["H2"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("x")'


def test_cells_are_named_as_excel_names_them() -> None:
    from iptarget.errors import Kind, Subject
    from iptarget.render.words import subject_words
    from iptarget.store.tables import cell_subject, column_letters

    assert [column_letters(n) for n in (0, 2, 25, 26, 51, 701, 702)] == [
        *("A", "C", "Z", "AA", "AZ", "ZZ", "AAA"),
    ]
    names = {
        sheet: subject_words(cell_subject(7, sheet, "value", 2))
        for sheet in ("Sheet1", "数据", "Table 14", "1st", "it's", "a_b.c")
    }
    assert names == {
        "Sheet1": "Sheet1!C7",
        "数据": "数据!C7",
        "Table 14": "'Table 14'!C7",
        "1st": "'1st'!C7",
        "it's": "'it''s'!C7",
        "a_b.c": "a_b.c!C7",
    }
    assert cell_subject(7, None, "value", 2) == Subject(Kind.LINE, number=7, field="value")
