"""`iptarget check`: the CI gate, its exit codes and its reports."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from xml.etree import ElementTree

from helpers import Run, actuals, policy, write_dir

ON_TRACK = """
id = "on-track"
title = "Double 2014 by 2020"
metric = "apps"
deadline = 2020
baseline = 2014
factor = 2
"""
MISSED = """
id = "missed"
title = "At least 100 in 2016"
metric = "apps"
deadline = 2016
at_least = 100
"""
UNREPORTED = """
id = "unreported"
title = "At least 5 in 2018"
metric = "lin"
deadline = 2018
at_least = 5
"""
OFF_TRACK = """
id = "off-track"
title = "At least 1000 by 2030"
metric = "apps"
deadline = 2030
start = 2014
at_least = 1000
"""
FIGURES = {"r": actuals("apps", "r", {"2014": 50, "2016": 60, "2018": 70})}


def check(
    run: Run, root: Path, *args: str, env: Mapping[str, str | None] | None = None
) -> tuple[int, str]:
    result = run("check", "--dir", str(root), *args, env=env)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout


def test_a_missed_target_fails(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path, {"p": policy(ON_TRACK, MISSED)}, FIGURES)
    code, out = check(run, root, "--as-of", "2019-06-30")
    assert code == 1, out
    lines = out.splitlines()
    assert lines[0].split() == ["target", "policy", "why", "it", "fails"]
    assert lines[1].split("  ")[0] == "missed"
    assert "missed: 60 applications in 2016, against ≥ 100 applications" in lines[1]
    assert lines[-1] == "1 of 2 targets fails as of 2019-06-30"


def test_all_well_is_one_line(tmp_path: Path, run: Run) -> None:
    root = write_dir(
        tmp_path, {"p": policy(ON_TRACK)}, {"r": actuals("apps", "r", {"2014": 50, "2018": 90})}
    )
    code, out = check(run, root, "--as-of", "2019-06-30")
    assert code == 0
    assert out == "1 target as of 2019-06-30: 1 on_track; none fails\n"


def test_unreported_fails_only_after_the_grace_period(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path, {"p": policy(UNREPORTED)}, FIGURES)
    # The 2018 deadline ended on 2018-12-31; 365 days later is 2019-12-31.
    assert check(run, root, "--as-of", "2019-06-30")[0] == 0
    assert check(run, root, "--as-of", "2019-12-31")[0] == 0
    code, out = check(run, root, "--as-of", "2020-01-01")
    assert code == 1
    assert "unreported: no figure for 2018, 366 days after it ended" in out
    assert check(run, root, "--as-of", "2020-01-01", "--grace-days", "400")[0] == 0
    assert check(run, root, "--as-of", "2019-01-02", "--grace-days", "0")[0] == 1


def test_fail_on_adds_statuses(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path, {"p": policy(OFF_TRACK)}, FIGURES)
    assert check(run, root, "--as-of", "2019-06-30")[0] == 0
    code, out = check(run, root, "--as-of", "2019-06-30", "--fail-on", "off_track")
    assert code == 1, out
    # required = 20^(1/16) - 1 = 0.2059; actual = 1.4^(1/4) - 1 = 0.0878; pace = 0.43
    assert "off_track: latest 70 (2018), pace 0.43, needs ≥ 1,000 applications by 2030" in out
    assert (
        check(run, root, "--as-of", "2019-06-30", "--fail-on", "at_risk", "--fail-on", "met")[0]
        == 0
    )


def test_invalid_data_exits_2(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path, {"p": policy(MISSED.replace("at_least = 100", ""))}, FIGURES)
    result = run("check", "--dir", str(root))
    assert result.exit_code == 2
    assert 'target "missed": goal: no goal' in result.stderr
    assert result.stdout == ""


def test_bad_options_exit_2(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path, {"p": policy(ON_TRACK)}, FIGURES)
    assert run("check", "--dir", str(root), "--fail-on", "late").exit_code == 2
    assert run("check", "--dir", str(root), "--grace-days", "-1").exit_code == 2


def test_junit_report_has_one_test_case_per_target(tmp_path: Path, run: Run) -> None:
    root = write_dir(
        tmp_path / "targets", {"p": policy(ON_TRACK, MISSED), "q": policy(UNREPORTED)}, FIGURES
    )
    report = tmp_path / "report.xml"
    code, _ = check(run, root, "--as-of", "2020-06-30", "--junit", str(report))
    assert code == 1
    suites = ElementTree.parse(report).getroot()
    assert suites.tag == "testsuites"
    assert suites.get("tests") == "3"
    assert suites.get("failures") == "2"
    cases = suites.findall("testsuite/testcase")
    assert [case.get("name") for case in cases] == ["on-track", "missed", "unreported"]
    assert [case.get("classname") for case in cases] == [
        "policies/p.toml",
        "policies/p.toml",
        "policies/q.toml",
    ]
    on_track, missed, unreported = cases
    assert on_track.find("failure") is None
    missed_failure = missed.find("failure")
    assert missed_failure is not None
    assert missed_failure.get("type") == "missed"
    assert "60 applications in 2016" in (missed_failure.get("message") or "")
    assert '"target_value": 100.0' in (missed_failure.text or "")
    unreported_failure = unreported.find("failure")
    assert unreported_failure is not None
    assert unreported_failure.get("type") == "unreported"


def test_junit_report_is_written_when_all_is_well(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path / "targets", {"p": policy(ON_TRACK)}, FIGURES)
    report = tmp_path / "report.xml"
    assert check(run, root, "--as-of", "2019-06-30", "--junit", str(report))[0] == 0
    assert ElementTree.parse(report).getroot().get("failures") == "0"


def test_github_actions_annotations_point_at_the_id_line(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path / "targets", {"p": policy(ON_TRACK, MISSED)}, FIGURES)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_WORKSPACE": str(tmp_path),
    }
    code, out = check(run, root, "--as-of", "2019-06-30", env=env)
    assert code == 1
    policy_file = root / "policies" / "p.toml"
    id_line = policy_file.read_text().splitlines().index('id = "missed"') + 1
    annotations = [line for line in out.splitlines() if line.startswith("::error ")]
    assert annotations == [
        f"::error file=targets/policies/p.toml,line={id_line},title=iptarget%3A missed::"
        "missed: missed: 60 applications in 2016, against ≥ 100 applications"
    ]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## iptarget check\n\n| target | region |")
    assert "| missed |" in text


def test_no_annotations_outside_github_actions(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path, {"p": policy(MISSED)}, FIGURES)
    code, out = check(run, root, "--as-of", "2019-06-30", env={"GITHUB_ACTIONS": None})
    assert code == 1
    assert "::error" not in out
