"""A gate reviewers can read (issue 24): ``diff`` reports acknowledgements added, reworded
and removed; ``acknowledged_on`` keeps an acknowledgement out of the dates before it; and
``--fail-on-worse`` fails when a target goes from unreported to missed."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import Run
from iptarget.core.compare import worse
from iptarget.core.status import Status
from test_diff import AS_OF, commit, diff, edit

LIAONING = 'id = "ln-2020-pct-applications"\n'
HUIZHOU = 'id = "hz-2019-invention-per-10k"\n'


def acknowledge(targets: Path, name: str, marker: str, reason: str, on: str = "") -> None:
    dated = f"acknowledged_on = {on}\n" if on else ""
    edit(targets / "policies" / name, marker, f'{marker}acknowledged = "{reason}"\n{dated}')


def test_diff_reports_acknowledgements_added_reworded_and_removed(repo: Path, run: Run) -> None:
    targets = repo / "targets"
    acknowledge(targets, "huizhou-2019.toml", HUIZHOU, "no 2019 figure was published")
    commit(repo, "one acknowledged")
    acknowledge(targets, "liaoning-2016.toml", LIAONING, "reported in the 2021 review")
    policy = targets / "policies" / "huizhou-2019.toml"
    edit(policy, 'acknowledged = "no 2019 figure was published"\n', "")
    code, out = diff(run, repo, "HEAD")
    assert code == 0
    lines = out.splitlines()
    assert lines[2:10] == [
        "1 target newly acknowledged: check no longer fails on it; 1 acknowledgement removed: "
        "check fails on its target again",
        "",
        "acknowledgements (2)",
        "target                     change                              acknowledged",
        "hz-2019-invention-per-10k  removed: check fails on it again    no 2019 figure was "
        "published",
        "ln-2020-pct-applications   added: check no longer fails on it  reported in the 2021 "
        "review",
        "",
        lines[9],
    ]
    result = run("diff", "HEAD", "--dir", str(targets), "--as-of", AS_OF, "--format", "json")
    assert json.loads(result.stdout)["acknowledgements"] == [
        {
            "id": "hz-2019-invention-per-10k",
            "before": "no 2019 figure was published",
            "after": None,
            "fails": True,
        },
        {
            "id": "ln-2020-pct-applications",
            "before": None,
            "after": "reported in the 2021 review",
            "fails": True,
        },
    ]
    markdown = run("--lang", "zh", "diff", "HEAD", "--dir", str(targets), "--as-of", AS_OF,
                   "--format", "markdown").stdout  # fmt: skip
    assert (
        "新确认1个目标：check 不再因这些目标失败；删除了1项确认：check 将重新因这些目标失败。"
        in markdown
    )
    assert (
        "| ln-2020-pct-applications | 新增：check 不再因此失败 | reported in the 2021 review |"
        in (markdown)
    )


def test_a_reworded_acknowledgement(repo: Path, run: Run) -> None:
    targets = repo / "targets"
    acknowledge(targets, "huizhou-2019.toml", HUIZHOU, "no 2019 figure")
    commit(repo, "acknowledged")
    edit(targets / "policies" / "huizhou-2019.toml", '"no 2019 figure"', '"none was published"')
    _code, out = diff(run, repo, "HEAD")
    assert "hz-2019-invention-per-10k  reworded  no 2019 figure → none was published" in out


def test_an_acknowledgement_applies_from_its_date(repo: Path, run: Run) -> None:
    """Before acknowledged_on the target is shown and checked as it stood."""
    targets = repo / "targets"
    acknowledge(targets, "liaoning-2016.toml", LIAONING, "reported in 2021", on="2021-06-30")
    args = ("--dir", str(targets), "--policy", "liaoning-2016")
    before = run("status", *args, "--as-of", "2021-06-29", "--format", "json")
    after = run("status", *args, "--as-of", "2021-06-30", "--format", "json")
    acknowledged = {
        side: {t["id"]: t["acknowledged"] for t in json.loads(result.stdout)["targets"]}
        for side, result in (("before", before), ("after", after))
    }
    assert acknowledged["before"]["ln-2020-pct-applications"] is None
    assert acknowledged["after"]["ln-2020-pct-applications"] == "reported in 2021"
    # check: failing before the date (beyond the grace), acknowledged from it
    early = run("check", *args, "--as-of", "2022-06-29", "--grace-days", "0")
    assert early.exit_code == 1
    acknowledge(targets, "liaoning-2016.toml", 'id = "ln-2020-invention-per-10k"\n', "known",
                on="2021-06-30")  # fmt: skip
    late = run("check", *args, "--as-of", "2022-06-30")
    assert "acknowledged, so not failing:" in late.stdout


def test_validate_asks_for_the_date_of_an_acknowledgement(repo: Path, run: Run) -> None:
    targets = repo / "targets"
    acknowledge(targets, "liaoning-2016.toml", LIAONING, "reported in 2021")
    result = run("validate", "--dir", str(targets))
    assert result.exit_code == 0
    path = targets / "policies" / "liaoning-2016.toml"
    assert (
        f'{path}: target "ln-2020-pct-applications": warning: acknowledged: acknowledged without '
        "acknowledged_on: the acknowledgement applies as of any date, so a report of an earlier "
        "date shows the target as acknowledged; add acknowledged_on = DATE"
    ) in result.stderr
    result = run("--lang", "zh", "validate", "--dir", str(targets))
    assert "有 acknowledged 而无 acknowledged_on：" in result.stderr
    edit(path, 'acknowledged = "reported in 2021"\n', "acknowledged_on = 2021-06-30\n")
    result = run("validate", "--dir", str(targets))
    assert result.exit_code == 2
    assert "acknowledged_on: needs acknowledged: the reason the target is accepted as it is" in (
        result.stderr
    )


def test_fail_on_worse_when_a_target_goes_from_unreported_to_missed(repo: Path, run: Run) -> None:
    """Liaoning's 2020 PCT target of 550, unreported, gets a figure of 300: missed."""
    added = run(
        "add-actual", "pct_applications", "liaoning", "2020", "300", "--source", "test",
        "--dir", str(repo / "targets"),
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    code, out = diff(run, repo, "HEAD", "--fail-on-worse")
    assert code == 1, out
    assert "ln-2020-pct-applications  unreported  missed (worse)" in out
    assert worse(Status.UNREPORTED, Status.MISSED)
    assert not worse(Status.MISSED, Status.UNREPORTED)  # both fail; the order has neither
    assert not worse(Status.UNREPORTED, Status.ACHIEVED)
