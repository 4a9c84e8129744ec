"""Reading slips (SPEC 4.3 and 5.1, v2): one display precision per metric, progress "-" when
the start already meets the target, figures named exactly; --region takes in what lies
below; one bad definition gives one message; spreadsheets from Chinese Windows."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from helpers import Run, actuals, policy, snapshot, write_dir

TARGETS = Path(__file__).parent.parent / "targets"
AT_LEAST = """
id = "t"
title = "At least 500 by 2020"
metric = "apps"
deadline = 2020
start = 2016
at_least = 500
"""


def table_row(run: Run, root: Path, target: str, *args: str) -> list[str]:
    """A target's line of the plain status table, split at runs of spaces."""
    result = run("status", "--dir", str(root), "--as-of", "2019-06-30", *args)
    assert result.exit_code == 0, result.output
    line = next(line for line in result.stdout.splitlines() if line.startswith(target + " "))
    return [cell for cell in line.split("  ") if cell.strip()]


def test_a_count_shows_no_decimals_anywhere(tmp_path: Path, run: Run) -> None:
    """Every figure of apps is whole, so its values, target and projection have no decimals."""
    root = write_dir(
        tmp_path / "targets",
        {"p": policy(AT_LEAST)},
        {"r": actuals("apps", "r", {"2016": 300, "2017": 331, "2018": 357})},
    )
    cells = [cell.strip() for cell in table_row(run, root, "t")]
    assert cells[3:] == ["≥ 500", "2020", "357 (2018)", "28.5%", "425", "at_risk"]


def test_one_decimal_figure_gives_the_whole_metric_two(tmp_path: Path, run: Run) -> None:
    root = write_dir(
        tmp_path / "targets",
        {"p": policy(AT_LEAST)},
        {"r": actuals("apps", "r", {"2016": 300, "2017": 331, "2018": 357.5})},
    )
    cells = [cell.strip() for cell in table_row(run, root, "t")]
    assert cells[3:6] == ["≥ 500.00", "2020", "357.50 (2018)"]


def test_progress_is_unknown_when_the_start_already_meets_the_target(
    tmp_path: Path, run: Run
) -> None:
    root = write_dir(
        tmp_path / "targets",
        {"p": policy(AT_LEAST)},
        {"r": actuals("apps", "r", {"2016": 600, "2018": 650})},
    )
    result = run("status", "--dir", str(root), "--as-of", "2019-06-30", "--format", "json")
    (target,) = json.loads(result.stdout)["targets"]
    assert target["progress_pct"] is None  # was -33.3%: "met at its start" has no progress
    assert target["pace"] is not None  # rates and pace are still computed (SPEC 4.3)
    assert target["status"] == "met"
    cells = [cell.strip() for cell in table_row(run, root, "t")]
    assert cells[6] == "-"


def test_a_duplicate_is_named_with_its_exact_figure(tmp_path: Path, run: Run) -> None:
    root = write_dir(
        tmp_path / "targets",
        {"p": policy(AT_LEAST)},
        {"r": actuals("apps", "r", {"2018": 45188600})},
    )
    result = run("add-actual", "apps", "r", "2018", "45188601", "--dir", str(root))
    assert result.exit_code == 2
    assert "already recorded: 45,188,600; add --published DATE" in result.stderr  # not 4.51886e+07


def test_region_china_takes_in_qinghai(run: Run) -> None:
    result = run("status", "--dir", str(TARGETS), "--region", "china", "--format", "json")
    ids = [target["id"] for target in json.loads(result.stdout)["targets"]]
    assert "qh-2020-applications" in ids
    assert "hz-2019-invention-per-10k" in ids  # Huizhou lies in Guangdong, in China
    result = run("status", "--dir", str(TARGETS), "--region", "Qinghai 青海省", "--format", "json")
    assert {target["region"] for target in json.loads(result.stdout)["targets"]} == {"qinghai"}
    result = run("status", "--dir", str(TARGETS), "--region", "qinhai")
    assert result.stderr.strip() == '--region: unknown region "qinhai" (did you mean "qinghai"?)'


def test_an_empty_metrics_file_is_one_message(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "targets"
    shutil.copytree(TARGETS, root)
    (root / "metrics.toml").write_text("", encoding="utf-8")
    result = run("validate", "--dir", str(root))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{root / 'metrics.toml'}: defines no metric: add [metric.<id>] tables"
    ]
    (root / "metrics.toml").unlink()
    result = run("validate", "--dir", str(root))
    assert result.stderr.splitlines() == [
        f"{root / 'metrics.toml'}: file not found (every target directory has one)"
    ]


def test_one_bad_metric_is_reported_once_and_named_by_what_uses_it(
    tmp_path: Path, run: Run
) -> None:
    root = tmp_path / "targets"
    shutil.copytree(TARGETS, root)
    metrics = root / "metrics.toml"
    text = metrics.read_text(encoding="utf-8")
    metrics.write_text(
        text.replace(
            "[metric.invention_patents_owned]\n", '[metric.invention_patents_owned]\nunits = "x"\n'
        ),
        encoding="utf-8",
    )
    lines = run("validate", "--dir", str(root)).stderr.splitlines()
    assert lines[0] == (
        f'{metrics}: metric "invention_patents_owned": unknown key "units" (did you mean "unit"?)'
    )
    invalid = 'metric "invention_patents_owned" is invalid (see above)'
    assert lines[1:] == [line for line in lines[1:] if line.endswith(invalid)]
    assert f'{metrics}: metric "invention_patents_per_10k": numerator: {invalid}' in lines
    assert f'{metrics}: metric "invention_patents_owned_yoy": growth_of: {invalid}' in lines
    figures = [line for line in lines if "/actuals/" in line]
    assert len(lines) == 1 + 2 + len(figures)  # each metric and each figure that names it, once
    assert len(figures) == 4


def test_a_bad_region_and_a_broken_regions_file(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "targets"
    shutil.copytree(TARGETS, root)
    regions = root / "regions.toml"
    regions.write_text(
        regions.read_text(encoding="utf-8").replace(
            "[region.qinghai]\n", '[region.qinghai]\nnmae = "x"\n'
        ),
        encoding="utf-8",
    )
    lines = run("validate", "--dir", str(root)).stderr.splitlines()
    assert lines[0].startswith(f'{regions}: region "qinghai": unknown key "nmae"')
    assert all('region "qinghai" is invalid (see above)' in line for line in lines[1:])
    assert sum("qinghai-2016.toml" in line for line in lines) == 1  # once for its 4 targets
    regions.write_text("[region.qinghai\n", encoding="utf-8")
    lines = run("validate", "--dir", str(root)).stderr.splitlines()
    assert len(lines) == 1  # the broken file, not one line per target and figure
    assert lines[0].startswith(f"{regions}: ")


def test_a_gbk_csv_from_excel_with_empty_columns_and_rows(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path / "targets", {"p": policy(AT_LEAST)})
    text = (
        "metric,region,period,value,source,,\r\n"
        "apps,r,2016年,300,黑龙江省知识产权局,,\r\n"
        ",,,,,,\r\n"
        "apps,r,2017,331,国家知识产权局\r\n"
    )
    data = tmp_path / "excel.csv"
    data.write_bytes(text.encode("gbk"))
    result = run("import", str(data), "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        f"{data}: not UTF-8, so read as GB18030 (Excel's CSV on Chinese Windows)"
    )
    assert "2 added, 0 replaced in 1 file" in result.stdout
    written = (root / "actuals" / "r.toml").read_text(encoding="utf-8")
    assert 'source = "黑龙江省知识产权局"' in written
    assert 'period = "2016"' in written


def test_a_column_without_a_heading_must_be_empty(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path / "targets", {"p": policy(AT_LEAST)})
    data = tmp_path / "stray.csv"
    data.write_text("metric,region,period,value,\napps,r,2016,300,oops\n", encoding="utf-8")
    before = snapshot(root)
    result = run("import", str(data), "--dir", str(root))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{data}: line 2: column 5 has no heading but holds 'oops'"
    assert snapshot(root) == before
