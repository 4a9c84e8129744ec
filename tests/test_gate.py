"""The CI gate people can live with (acknowledged, filters, warnings), that fails closed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import Run, actuals, policy, write_dir
from iptarget.store.toml_scan import MAX_DEPTH, scan, too_deep

MISSED = """
id = "missed"
title = "At least 100 by 2016"
metric = "apps"
deadline = 2016
at_least = 100
"""
AT_RISK = """
id = "slow"
title = "At least 100 by 2020"
metric = "apps"
deadline = 2020
start = 2014
at_least = 100
"""
FIGURES = {"r": actuals("apps", "r", {"2014": 50, "2016": 60, "2018": 70})}
ACKNOWLEDGED = MISSED + 'acknowledged = "missed; reported in the 2017 annual review"\n'


def check(run: Run, root: Path, *args: str, **env: str) -> tuple[int, str, str]:
    result = run("check", "--dir", str(root), "--as-of", "2019-06-30", *args, env=env)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def test_an_acknowledged_missed_target_passes_and_is_a_skipped_junit_case(
    tmp_path: Path, run: Run
) -> None:
    root = write_dir(tmp_path / "t", {"p": policy(ACKNOWLEDGED, AT_RISK)}, FIGURES)
    junit = tmp_path / "report.xml"
    code, out, _ = check(run, root, "--junit", str(junit))
    assert code == 0, out
    assert "acknowledged, so not failing:" in out
    assert "missed; reported in the 2017 annual review" in out
    assert out.rstrip().endswith("none fails; 1 acknowledged")
    cases = {case.get("name"): case for case in ElementTree.parse(junit).iter("testcase")}
    skipped = cases["missed"].find("skipped")
    assert skipped is not None
    assert "reported in the 2017 annual review" in (skipped.get("message") or "")
    assert cases["missed"].find("failure") is None
    document = json.loads(run("status", "--format", "json", "--dir", str(root)).stdout)
    reasons = {target["id"]: target["acknowledged"] for target in document["targets"]}
    assert reasons == {"missed": "missed; reported in the 2017 annual review", "slow": None}


def test_an_acknowledgement_that_is_not_needed_is_pointed_out(tmp_path: Path, run: Run) -> None:
    slow = AT_RISK + 'acknowledged = "slow, we know"\n'
    root = write_dir(tmp_path / "t", {"p": policy(slow)}, FIGURES)
    code, out, _ = check(run, root)
    assert code == 0
    assert (
        "slow: acknowledged, but it does not fail (at_risk); the acknowledgement can be removed"
        in out
    )


def test_check_filters_by_policy_and_region(tmp_path: Path, run: Run) -> None:
    other = policy(AT_RISK.replace('"slow"', '"elsewhere"'), header='title = "Q"\nregion = "s"')
    root = write_dir(tmp_path / "t", {"p": policy(MISSED), "q": other}, FIGURES)
    assert check(run, root)[0] == 1
    assert check(run, root, "--policy", "q")[0] == 0
    assert check(run, root, "--region", "Region S")[0] == 0
    assert check(run, root, "--region", "r")[0] == 1  # s lies in r
    code, _, err = check(run, root, "--policy", "q", "--region", "nowhere")
    assert code == 2
    assert 'unknown region "nowhere"' in err
    code, _, err = check(run, root, "--policy", "p", "--region", "s")
    assert (code, err.strip()) == (2, "--region/--policy: these filters select no target")


def test_warnings_and_workspace_relative_paths_under_github_actions(
    tmp_path: Path, run: Run
) -> None:
    root = write_dir(tmp_path / "t", {"p": policy(MISSED, AT_RISK)}, FIGURES)
    code, out, _ = check(run, root, GITHUB_ACTIONS="true", GITHUB_WORKSPACE=str(tmp_path))
    assert code == 1
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert [line.split(" ")[0] for line in commands] == ["::error", "::warning"]
    assert all(
        line.startswith(
            ("::error file=t/policies/p.toml,line=", "::warning file=t/policies/p.toml,line=")
        )
        for line in commands
    )
    # S = 50 (2014), V = 100 (2020), L = 70 (2018): pace = (1.4^(1/4) - 1) / (2^(1/6) - 1) = 0.72
    assert "at_risk: latest 70 (2018), pace 0.72" in commands[1]


def test_validate_annotates_its_problems_with_their_lines(tmp_path: Path, run: Run) -> None:
    broken = policy(MISSED.replace("at_least = 100", "at_least = 100\nbogus = 1"))
    root = write_dir(tmp_path / "t", {"p": broken, "q": "[policy\n"}, FIGURES)
    env = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(tmp_path)}
    result = run("validate", "--dir", str(root), env=env)
    assert result.exit_code == 2
    commands = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert commands[0].startswith(
        "::error file=t/policies/p.toml,line=6,title=iptarget::"
    )  # the id line
    assert 'unknown key "bogus"' in commands[0]
    assert commands[1].startswith("::error file=t/policies/q.toml,line=1,title=iptarget::")


def test_status_marks_the_unreported_targets_that_check_fails_on(tmp_path: Path, run: Run) -> None:
    unreported = MISSED.replace("deadline = 2016", "deadline = 2017")
    root = write_dir(tmp_path / "t", {"p": policy(unreported)}, FIGURES)
    late = run("status", "--dir", str(root), "--as-of", "2019-06-30").stdout
    assert "unreported!" in late
    assert "! unreported more than 365 days after the deadline: check fails on it" in late
    early = run("status", "--dir", str(root), "--as-of", "2018-06-30").stdout
    assert "unreported!" not in early
    assert "unreported" in early


# -- failing closed ------------------------------------------------------------------------


def test_a_directory_without_a_readable_policies_directory_is_invalid(
    tmp_path: Path, run: Run
) -> None:
    root = write_dir(tmp_path / "t", {"p": policy(MISSED)}, FIGURES)
    for policy_file in (root / "policies").iterdir():
        policy_file.unlink()
    (root / "policies").rmdir()
    for command in ("check", "status", "validate"):
        result = run(command, "--dir", str(root))
        assert result.exit_code == 2, (command, result.output)
        assert f"{root / 'policies'}: is missing" in result.stderr
    (root / "policies").write_text("", encoding="utf-8")
    result = run("check", "--dir", str(root))
    assert result.exit_code == 2
    assert "is not a directory" in result.stderr


def test_check_with_no_policy_file_is_an_error(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path / "t", {}, FIGURES)
    (root / "policies" / "p.TOML").write_text(policy(MISSED), encoding="utf-8")
    code, _, err = check(run, root)
    assert code == 2
    assert "no policy file in policies/" in err


def check_in_a_process(root: Path) -> subprocess.CompletedProcess[str]:
    """``check`` in a process of its own: a hang times out, a crash shows as its exit code."""
    command = [sys.executable, "-m", "iptarget", "check", "--dir", str(root)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_a_fifo_is_refused_by_name_not_waited_on(tmp_path: Path) -> None:
    root = write_dir(tmp_path / "t", {"p": policy(MISSED)}, FIGURES)
    (root / "metrics.toml").unlink()
    os.mkfifo(root / "metrics.toml")
    os.mkfifo(root / "actuals" / "x.toml")
    result = check_in_a_process(root)
    assert result.returncode == 2
    assert f"{root / 'metrics.toml'}: not a regular file" in result.stderr
    assert f"{root / 'actuals' / 'x.toml'}: not a regular file" in result.stderr


@pytest.mark.parametrize("levels", [33, 1000, 6250])
def test_nesting_too_deep_is_refused_before_parsing(tmp_path: Path, levels: int) -> None:
    root = write_dir(tmp_path / "t", {"p": policy(MISSED)}, FIGURES)
    deep = '[metric.apps]\nname = "A"\nx = ' + "[" * levels + "]" * levels + "\n"
    (root / "metrics.toml").write_text(deep, encoding="utf-8")
    result = check_in_a_process(root)
    assert result.returncode == 2, result.stderr  # never 139 (a segfault), never a traceback
    assert result.stderr.startswith(
        f"{root / 'metrics.toml'}: line 3: nested too deeply (more than 32 levels"
    )


def test_32_levels_are_read(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path / "t", {"p": policy(MISSED)}, FIGURES)
    (root / "actuals" / "deep.toml").write_text("x = " + "[" * 32 + "]" * 32, encoding="utf-8")
    result = run("validate", "--dir", str(root))
    assert 'unknown table "x"' in result.stderr  # parsed, then refused for what it says


def test_an_overflowing_figure_is_null_in_json_and_said_in_show(tmp_path: Path, run: Run) -> None:
    target = """
    id = "huge"
    title = "Double a huge number"
    metric = "apps"
    deadline = 2020
    baseline = 2014
    baseline_value = 1e308
    factor = 2
    """
    root = write_dir(tmp_path / "t", {"p": policy(textwrap.dedent(target))}, FIGURES)
    result = run("status", "--format", "json", "--dir", str(root), "--as-of", "2019-06-30")
    assert result.exit_code == 0, result.output

    def refuse(constant: str) -> None:
        raise ValueError(constant)

    document = json.loads(result.stdout, parse_constant=refuse)
    assert document["targets"][0]["target_value"] is None
    shown = run("show", "huge", "--dir", str(root), "--as-of", "2019-06-30").stdout
    assert "= overflowed by 2020" in shown


@settings(max_examples=300)
@given(text=st.text(st.sampled_from(list("[]{}.=\n\"'#ax ")), max_size=400))
def test_the_quick_depth_bound_never_lets_a_deep_file_through(text: str) -> None:
    """The bytes-level bound says "cannot be too deep" only when the full scan agrees."""
    found = scan(text)
    assert too_deep(text) == (found.deepest_line if found.depth > MAX_DEPTH else None)


@settings(max_examples=50)
@given(levels=st.integers(0, 80), dots=st.integers(0, 40))
def test_the_depth_limit_is_exactly_32(levels: int, dots: int) -> None:
    key = ".".join(["k"] * (dots + 1))
    text = f"{key} = " + "[" * levels + "]" * levels
    assert (too_deep(text) is not None) is (levels + dots > MAX_DEPTH)
