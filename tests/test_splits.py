"""One target split among regions (SPEC 1, v3: ``regions`` and ``quota``, 分解): a target for
each region with the id ``ID@REGION``, the quota of each, its own region's baseline, and the
targets made so treated as any other: filters, show, JSON, annotations, diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import Run, actuals, policy, write_dir
from test_diff import commit, diff_json, git

METRICS = """
[metric.per_10k]
name = "Invention patents per 10,000 people"
unit = "patents"
decimals = 2
min = 0
"""
REGIONS = """
[region.heilongjiang]
name = "Heilongjiang"

[region.harbin]
name = "Harbin"
parent = "heilongjiang"

[region.daqing]
name = "Daqing"
parent = "heilongjiang"

[region.qiqihar]
name = "Qiqihar"
parent = "heilongjiang"
"""
SPLIT = """
id = "city-2025"
title = "Per 10,000 people by 2025, split among the cities"
metric = "per_10k"
regions = ["harbin", "daqing", "qiqihar"]
deadline = 2025
at_least = 10
quota = { harbin = 20, daqing = 12 }
"""
FACTOR = """
id = "double"
title = "Double 2020 by 2025 in each city"
metric = "per_10k"
regions = ["harbin", "daqing"]
baseline = 2020
deadline = 2025
factor = 2
"""
FIGURES = {
    "harbin": actuals("per_10k", "harbin", {"2020": 12.0, "2023": 16.5}),
    "daqing": actuals("per_10k", "daqing", {"2020": 4.0, "2023": 13.0}),
}


def directory(tmp_path: Path, *targets: str) -> Path:
    return write_dir(
        tmp_path / "targets",
        {"p": policy(*targets, header='title = "P"')},
        FIGURES,
        metrics=METRICS,
        regions=REGIONS,
    )


def status_json(run: Run, root: Path, *args: str) -> list[dict[str, object]]:
    result = run("status", "--dir", str(root), "--as-of", "2024-06-01", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    targets = json.loads(result.stdout)["targets"]
    assert isinstance(targets, list)
    return targets


def test_a_target_for_each_region_with_its_quota(tmp_path: Path, run: Run) -> None:
    root = directory(tmp_path, SPLIT)
    found = status_json(run, root)
    assert [(t["id"], t["region"], t["template"], t["target_value"]) for t in found] == [
        ("city-2025@harbin", "harbin", "city-2025", 20.0),
        ("city-2025@daqing", "daqing", "city-2025", 12.0),
        ("city-2025@qiqihar", "qiqihar", "city-2025", 10.0),  # no quota: the goal key's
    ]
    assert [t["status"] for t in found] == ["on_track", "met", "no_data"]
    assert [t["id"] for t in status_json(run, root, "--region", "daqing")] == ["city-2025@daqing"]
    assert len(status_json(run, root, "--region", "heilongjiang")) == 3  # the cities below
    shown = run("show", "city-2025@daqing", "--dir", str(root), "--as-of", "2024-06-01")
    assert shown.exit_code == 0, shown.output
    assert "  goal      at least 12.00 patents by 2025\n" in shown.stdout
    assert "  region    Daqing [daqing]\n" in shown.stdout


def test_each_region_takes_its_own_baseline(tmp_path: Path, run: Run) -> None:
    found = status_json(run, directory(tmp_path, FACTOR))
    assert [(t["id"], t["target_value"]) for t in found] == [
        ("double@harbin", 24.0),  # 2 × 12.0
        ("double@daqing", 8.0),  # 2 × 4.0
    ]
    assert found[0]["template"] == "double"


def test_check_points_at_the_templates_line(tmp_path: Path, run: Run) -> None:
    root = directory(tmp_path, SPLIT.replace("deadline = 2025", "deadline = 2023"))
    env = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(tmp_path)}
    result = run("check", "--dir", str(root), "--as-of", "2025-06-01", env=env)
    assert result.exit_code == 1
    text = (root / "policies" / "p.toml").read_text(encoding="utf-8")
    line = text.splitlines().index('id = "city-2025"') + 1
    annotations = [out for out in result.stdout.splitlines() if out.startswith("::error ")]
    assert len(annotations) == 2  # harbin missed its 20; qiqihar unreported long enough
    assert all(f"file=targets/policies/p.toml,line={line}," in out for out in annotations)
    assert any("city-2025@harbin" in out for out in annotations)


def test_a_quota_changed_is_a_cause_in_diff(tmp_path: Path, run: Run) -> None:
    repo = tmp_path
    directory(repo, SPLIT)
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "split")
    path = repo / "targets" / "policies" / "p.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("daqing = 12", "daqing = 15"), encoding="utf-8"
    )
    document = diff_json(run, repo, "HEAD", as_of="2024-06-01")
    (target,) = document["targets"]
    assert target["id"] == "city-2025@daqing"
    assert (target["before"], target["after"]) == ("met", "on_track")  # 13.0 short of 15
    assert target["causes"] == [
        {
            "kind": "target",
            "id": "city-2025@daqing",
            "key": "at_least",
            "before": 12.0,
            "after": 15.0,
        }
    ]


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (SPLIT + 'region = "harbin"\n', "regions: give region or regions, not both"),
        (SPLIT.replace('"qiqihar"]', '"qiqihar", "harbin"]'), "regions: harbin is named twice"),
        (SPLIT.replace("daqing = 12", "hegang = 12"), "quota: hegang is not one of the"),
        (SPLIT.replace("regions = [", "regionz = ["), 'unknown key "regionz"'),
        (
            SPLIT.replace('regions = ["harbin", "daqing", "qiqihar"]\n', 'region = "harbin"\n'),
            "quota: needs regions",
        ),
        (FACTOR + "quota = { harbin = 0 }\n", "quota: harbin: 0 is not an amount factor takes"),
        (FACTOR + "baseline_value = 3\n", "baseline_value: not with regions"),
        (SPLIT.replace('"qiqihar"]', '"hegang"]'), 'region: unknown region "hegang"'),
        (SPLIT.replace('["harbin", "daqing", "qiqihar"]', "[]"), "regions:"),
    ],
)
def test_the_rules_of_a_split(tmp_path: Path, run: Run, body: str, said: str) -> None:
    result = run("validate", "--dir", str(directory(tmp_path, body)))
    assert result.exit_code == 2
    assert said in result.stderr, result.stderr
