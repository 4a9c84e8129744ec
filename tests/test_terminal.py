"""What a person sees in an 80-column terminal: ``status``, ``check``, ``show`` and the help
fit (display cells, a CJK character counting 2) and wrap at spaces, with the example and with
long Chinese names. Run in a real pseudo-terminal, as a person would run them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import write_dir
from terminal import assert_fits, in_terminal

TARGETS = Path(__file__).parent.parent / "targets"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
LONG_NAMES = """
[metric.enterprise_invention_per_10k]
name = "规模以上工业企业每万人口高价值发明专利拥有量（按常住人口计算，含职务发明与非职务发明）"
unit = "件/万人"

[metric.pct_filings]
name = "通过《专利合作条约》（PCT）途径提交的国际专利申请数量"
unit = "件"
"""
LONG_REGIONS = """
[region.xinjiang_corps]
name = "新疆生产建设兵团第十三师（哈密垦区）及所属团场、工业园区和城镇"

[region.heilongjiang]
name = "黑龙江省（含哈尔滨新区、黑龙江自由贸易试验区哈尔滨片区）"
"""
LONG_POLICY = """
[policy]
title = "关于深入实施知识产权强省战略、加快建设知识产权强省、支撑经济高质量发展的若干意见"
region = "xinjiang_corps"
issued = 2016-06-01

[[target]]
id = "xj-2020-high-value-invention-per-10k"
title = "到2020年，规模以上工业企业每万人口高价值发明专利拥有量达到14件以上，较2015年实现翻番"
metric = "enterprise_invention_per_10k"
deadline = 2020
at_least = 14

[[target]]
id = "hlj-2025-pct-international-filings"
title = "到2025年，通过PCT途径提交的国际专利申请数量年均增长百分之十以上，总量较2020年翻一番"
metric = "pct_filings"
region = "heilongjiang"
deadline = 2025
baseline = 2020
factor = 2
"""
LONG_ACTUALS = """
[[actual]]
metric = "enterprise_invention_per_10k"
region = "xinjiang_corps"
period = "2016"
value = 3.5

[[actual]]
metric = "enterprise_invention_per_10k"
region = "xinjiang_corps"
period = "2020"
value = 9.75

[[actual]]
metric = "pct_filings"
region = "heilongjiang"
period = "2020"
value = 135

[[actual]]
metric = "pct_filings"
region = "heilongjiang"
period = "2023"
value = 140
"""


@pytest.fixture
def chinese(tmp_path: Path) -> Path:
    """Two targets whose metric, region and policy names are long Chinese text."""
    actuals = {"figures": LONG_ACTUALS}
    return write_dir(tmp_path / "targets", {"long": LONG_POLICY}, actuals, LONG_NAMES, LONG_REGIONS)


def test_status_fits_80_columns_and_keeps_every_id_and_status() -> None:
    lines = in_terminal("status", "--dir", str(TARGETS), "--as-of", "2026-11-22")
    assert_fits(lines)
    text = "\n".join(lines)
    for target in ("cn-2015-invention-per-10k", "hz-2019-certified-enterprises"):
        assert f"\n{target} " in text  # an id is never cut
    assert "unreported!" in text
    words = text.split()
    for word in ("Enterprises", "implementing", "standards", "patent-intensive", "(100", "CNY)"):
        assert word in words  # wrapped at spaces, never inside a word
    assert "26 targets as of 2026-11-22: 4 achieved, 19 unreported, 3 no_baseline" in text


def test_a_wide_terminal_gets_the_whole_table() -> None:
    lines = in_terminal("status", "--dir", str(TARGETS), "--as-of", "2026-11-22", columns=260)
    assert lines[0].split() == [
        "target", "region", "metric", "baseline", "target", "value", "deadline", "latest",
        "progress", "projected", "status",
    ]  # fmt: skip
    assert len(lines) == 2 + 26 + 3  # heading, rule, a line a target, marks, summary, note


def test_check_and_show_fit_80_columns() -> None:
    lines = in_terminal("check", "--dir", str(TARGETS), "--as-of", "2026-11-22")
    assert_fits(lines)
    assert lines[0].split() == ["target", "why", "it", "fails"]  # the policy folds under
    assert lines[2].split() == [
        "gx-2020-invention-per-10k", "unreported:", "no", "figure", "for", "2020,", "2152",
        "days", "after", "it",
    ]  # fmt: skip
    assert lines[3].split() == ["ended"]  # a wrapped reason never stands beside the path
    assert lines[4].split() == ["policies/guangxi-2016.toml"]
    for target in ("cn-2025-ip-royalties", "cn-2020-invention-per-10k", "qh-2020-grants"):
        lines = in_terminal("show", target, "--dir", str(TARGETS), "--as-of", "2026-11-22")
        assert_fits(lines)
        policy = next(line for line in lines if line.startswith("  policy"))
        assert not policy.endswith(("Prope", "Intellectual Prope"))  # wrapped at a space


def test_long_chinese_names_fit_80_columns(chinese: Path) -> None:
    for args in (
        ("status", "--as-of", "2026-11-22"),
        ("check", "--as-of", "2026-11-22"),
        ("show", "xj-2020-high-value-invention-per-10k", "--as-of", "2026-11-22"),
        ("show", "hlj-2025-pct-international-filings", "--as-of", "2026-11-22"),
    ):
        lines = in_terminal(*args, "--dir", str(chinese))
        assert_fits(lines)
        text = "\n".join(lines)
        assert "xj-2020-high-value-invention-per-10k" in text or "hlj-2025" in text
    status = "\n".join(in_terminal("status", "--as-of", "2024-06-30", "--dir", str(chinese)))
    assert "missed" in status
    assert "off_track" in status


@pytest.mark.parametrize("command", ["status", "check", "add-actual", "import", "show"])
def test_help_fits_80_columns_without_type_jargon(command: str) -> None:
    lines = in_terminal(command, "--help")
    assert_fits(lines)
    text = "\n".join(lines)
    for jargon in ("<bool>", "<str>", "list[str]", "<int", "%Y-%m-%d", "<dir>", "TEXT RANGE"):
        assert jargon not in text


def test_status_help_explains_each_status() -> None:
    text = "\n".join(in_terminal("status", "--help", columns=200))
    for status in ("achieved", "missed", "unreported", "met", "on_track", "at_risk"):
        assert re.search(rf"^\s+{status}\s+\S", text, re.MULTILINE), status
    for status in ("off_track", "regressing", "no_trend", "no_data", "no_baseline"):
        assert re.search(rf"^\s+{status}\s+\S", text, re.MULTILINE), status
    assert "achieved|missed" not in text
