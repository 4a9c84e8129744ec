"""Regions and statuses as people name them (issue 24): a region by its id, ``code``,
``name``, ``name_zh`` or ``name_en`` wherever one is named, a miss answered with the closest
region by any of them; ``--status`` by the Chinese word, a near miss answered likewise."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import METRICS, Run, actuals, load, policy, snapshot, write_dir

REGIONS = """
[region.heilongjiang]
name = "Heilongjiang 黑龙江省"
name_zh = "黑龙江省"
name_en = "Heilongjiang"
code = ["230000", "HLJ"]

[region.jilin]
name = "Jilin 吉林省"
name_zh = "吉林省"
name_en = "Jilin"
code = "220000"

[region.northeast]
name = "North-east China"
name_zh = "东北地区"
members = ["heilongjiang", "jilin"]
"""
TARGET = """
id = "hlj"
title = "120 applications by 2020"
metric = "apps"
region = "heilongjiang"
deadline = 2020
at_least = 120
"""


@pytest.fixture
def named(tmp_path: Path) -> Path:
    return write_dir(
        tmp_path / "t",
        {"p": policy(TARGET, header='title = "P"')},
        {"heilongjiang": actuals("apps", "heilongjiang", {"2018": 100})},
        metrics=METRICS,
        regions=REGIONS,
    )


@pytest.mark.parametrize("given", ["heilongjiang", "230000", "HLJ", "黑龙江省", "Heilongjiang"])
def test_add_and_remove_actual_take_a_region_by_any_name(named: Path, run: Run, given: str) -> None:
    result = run("add-actual", "apps", given, "2019", "110", "--dir", str(named))
    assert result.exit_code == 0, result.output
    path = named / "actuals" / "heilongjiang.toml"
    assert result.stdout.startswith(f"recorded apps heilongjiang 2019 = 110 applications in {path}")
    assert 'region = "heilongjiang"\nperiod = "2019"' in path.read_text(encoding="utf-8")
    result = run("remove-actual", "apps", given, "2019", "--dir", str(named))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("removed apps heilongjiang 2019 = 110 applications")


def test_import_takes_regions_by_name_and_code(named: Path, run: Run, tmp_path: Path) -> None:
    data = tmp_path / "figures.csv"
    data.write_text("指标,地区,时期,数值\napps,黑龙江省,2019,110\napps,220000,2019,50\n", "utf-8")
    result = run("import", str(data), "--dir", str(named))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "recorded apps heilongjiang 2019 = 110 applications",
        "recorded apps jilin 2019 = 50 applications",
    ]
    assert (named / "actuals" / "jilin.toml").exists()


@pytest.mark.parametrize(
    ("language", "given", "message"),
    [
        (
            "en",
            "黑龙江市",
            'REGION: unknown region "黑龙江市" (did you mean "heilongjiang" (黑龙江省)?)',
        ),
        ("zh", "黑龙江市", "REGION: 未知地区“黑龙江市”（是否指“heilongjiang”（黑龙江省）？）"),
        (
            "en",
            "heilongjaing",
            'REGION: unknown region "heilongjaing" (did you mean "heilongjiang"?)',
        ),
        (
            "zh",
            "heilongjaing",
            "REGION: 未知地区“heilongjaing”（是否指“heilongjiang”（黑龙江省）？）",
        ),
        ("en", "23000", 'REGION: unknown region "23000" (did you mean "heilongjiang" (230000)?)'),
        ("en", "Tibet", 'REGION: unknown region "Tibet"'),
    ],
)
def test_a_region_missed_is_answered_with_the_nearest_by_any_name(
    named: Path, run: Run, language: str, given: str, message: str
) -> None:
    before = snapshot(named)
    result = run("--lang", language, "add-actual", "apps", given, "2019", "1", "--dir", str(named))
    assert result.exit_code == 2
    assert result.stderr == message + "\n"
    assert snapshot(named) == before


def test_a_chinese_name_without_its_ending_as_tables_print_it(
    named: Path, run: Run, tmp_path: Path
) -> None:
    result = run("add-actual", "apps", "黑龙江", "2019", "110", "--dir", str(named))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("recorded apps heilongjiang 2019 = 110 applications")
    # 吉林 is both 吉林省 and 吉林市: the short name finds neither
    regions = REGIONS + '\n[region.jilin_city]\nname = "Jilin City"\nname_zh = "吉林市"\n'
    both = write_dir(tmp_path / "both", regions=regions)
    result = run("add-actual", "apps", "吉林", "2019", "50", "--dir", str(both))
    assert result.exit_code == 2
    assert (
        result.stderr
        == 'REGION: "吉林" is the name of several regions (jilin, jilin_city); give an id\n'
    )


def test_region_option_and_series_take_names(named: Path, run: Run) -> None:
    for given in ("黑龙江省", "HLJ", "东北地区"):
        result = run("status", "--region", given, "--dir", str(named), "--as-of", "2019-06-30")
        assert result.exit_code == 0, result.output
        assert "hlj" in result.stdout
    result = run("series", "apps", "--region", "Heilongjiang", "--dir", str(named))
    assert result.exit_code == 0, result.output
    assert "heilongjiang" in result.stdout
    result = run("status", "--region", "东北", "--dir", str(named))
    assert result.exit_code == 2
    assert result.stderr == (
        '--region: unknown region "东北" (did you mean "northeast" (东北地区)?)\n'
    )


def test_codes_are_unique_and_never_another_regions_id(tmp_path: Path, run: Run) -> None:
    regions = REGIONS.replace('code = "220000"', 'code = ["230000", "heilongjiang"]')
    root = write_dir(tmp_path / "t", metrics=METRICS, regions=regions)
    result = run("validate", "--dir", str(root))
    assert result.exit_code == 2
    path = root / "regions.toml"
    assert result.stderr.splitlines() == [
        f'{path}: region "jilin": code: "230000" is also a code of region "heilongjiang"',
        f'{path}: region "jilin": code: "heilongjiang" is the id of another region',
    ]


@pytest.mark.parametrize("word", ["unreported", "逾期未报"])
def test_status_option_takes_the_chinese_word(named: Path, run: Run, word: str) -> None:
    result = run("status", "--status", word, "--dir", str(named), "--as-of", "2026-11-22")
    assert result.exit_code == 0, result.output
    assert "hlj" in result.stdout


@pytest.mark.parametrize(
    ("language", "given", "said"),
    [
        ("en", "on-track", "Error: Invalid value for '--status': 'on-track' is not a status "
         "(did you mean on_track?)"),
        ("zh", "进展顺", "错误：'--status' 的值无效：'进展顺' 不是状态（是否指进展顺利？）"),
    ],
)  # fmt: skip
def test_a_status_near_miss_is_answered(
    named: Path, run: Run, language: str, given: str, said: str
) -> None:
    result = run("--lang", language, "status", "--status", given, "--dir", str(named))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == said


def test_metric_codes_are_unique_and_never_another_metrics_id(tmp_path: Path, run: Run) -> None:
    """SPEC 1 v3: a metric's ``code`` (one or several), with its release lag and owner."""
    metrics = (
        '[metric.apps]\nname = "Applications"\ncode = ["IP.PAT.RESD", "FA"]\n'
        'release_lag_days = 45\nowner = "Statistics section"\n'
        '\n[metric.grants]\nname = "Grants"\ncode = ["FA", "apps"]\n'
        '\n[metric.owned]\nname = "Owned"\nrelease_lag_days = 0\n'
    )
    root = write_dir(tmp_path / "t", metrics=metrics, regions=REGIONS)
    result = run("validate", "--dir", str(root))
    assert result.exit_code == 2
    path = root / "metrics.toml"
    assert result.stderr.splitlines() == [
        f'{path}: metric "owned": release_lag_days: should be greater than 0 (got 0)',
        f'{path}: metric "grants": code: "FA" is also a code of metric "apps"',
        f'{path}: metric "grants": code: "apps" is the id of another metric',
    ]
    good = metrics.replace('"FA", "apps"', '"IP.PAT.GRNT"').replace("= 0\n", "= 30\n")
    root = write_dir(tmp_path / "u", metrics=good, regions=REGIONS)
    dataset = load(root)
    assert dataset.metrics["apps"].code == ("IP.PAT.RESD", "FA")
    assert (dataset.metrics["apps"].release_lag_days, dataset.metrics["apps"].owner) == (
        45,
        "Statistics section",
    )
    assert dataset.metrics["grants"].code == ("IP.PAT.GRNT",)
