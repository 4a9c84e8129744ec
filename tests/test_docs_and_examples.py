"""The README's set-up, and the example targets/ says only what its data supports (the tour's
output is test_tour.py's)."""

from __future__ import annotations

import datetime
import re
import tomllib
from pathlib import Path

import pytest

from helpers import Run, load
from iptarget.core.evaluate import evaluate
from iptarget.core.status import Status, Verdict

ROOT = Path(__file__).parent.parent
TARGETS = ROOT / "targets"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_set_up_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.DOTALL)
    assert len(blocks) == 2
    install_and_run, install_and_test = blocks
    assert "pip install ." in install_and_run
    assert install_and_run.endswith("iptarget status")
    for part in (
        "pip install -e '.[test]'",
        "ruff check",
        "ruff format --check",
        "mypy --strict",
        "pytest",
    ):
        assert part in install_and_test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "readme_command 1" in ci
    assert "readme_command 2" in ci


def test_example_targets_validate(run: Run) -> None:
    result = run("validate", "--dir", str(TARGETS))
    assert result.exit_code == 0, result.output


def test_every_example_figure_cites_its_source() -> None:
    for path in sorted((TARGETS / "actuals").glob("*.toml")):
        for actual in tomllib.loads(path.read_text(encoding="utf-8"))["actual"]:
            assert actual.get("source"), (path.name, actual)
    for path in sorted((TARGETS / "policies").glob("*.toml")):
        assert tomllib.loads(path.read_text(encoding="utf-8"))["policy"].get("source"), path.name


EXPECTED_TODAY = {
    # Deadline passed and the figure for the deadline year meets the target.
    "cn-2015-invention-per-10k": Status.ACHIEVED,  # 6.3 in 2015 against 3.3
    "cn-2020-invention-per-10k": Status.ACHIEVED,  # 15.8 in 2020 against 12
    # 16 in 2025 (Xinhua, 2026-01-23) against 12.
    "cn-2025-high-value-per-10k": Status.ACHIEVED,
    # Deadline 2025 has passed; no figure for 2025 is recorded yet.
    "cn-2025-patent-industries": Status.UNREPORTED,
    "cn-2025-copyright-industries": Status.UNREPORTED,
    "cn-2025-ip-royalties": Status.UNREPORTED,
    "cn-2025-overseas-grants": Status.UNREPORTED,
    "cn-2025-ip-satisfaction": Status.UNREPORTED,
    # Guangxi: figures for 2015 and 2016 only; a growth goal for 2017 (+25% on 2016).
    "gx-2017-invention-per-10k": Status.UNREPORTED,
    "gx-2020-invention-per-10k": Status.UNREPORTED,
    # Liaoning 2020: no 2020 figure of either metric was found.
    "ln-2020-invention-per-10k": Status.UNREPORTED,
    "ln-2020-pct-applications": Status.UNREPORTED,
    # Huizhou 2019: only 2018 figures were published in the article.
    "hz-2019-invention-per-10k": Status.UNREPORTED,
    "hz-2019-certified-enterprises": Status.UNREPORTED,
    # Qinghai: no 2014 figure is recorded, so "double 2014" has no baseline.
    "qh-2020-applications": Status.NO_BASELINE,
    "qh-2020-grants": Status.NO_BASELINE,
    "qh-2020-invention-per-10k": Status.NO_BASELINE,
    "qh-2020-enterprise-share": Status.UNREPORTED,
    # Qinghai 2015: 1.017 at the end of October 2015 met the goal early, but no end-2015
    # figure is recorded; the 1,896 applications of January-October meet 1,600 for the year.
    "qh-2015-invention-per-10k": Status.UNREPORTED,
    "qh-2015-applications": Status.ACHIEVED,
    # The Yangtze River Delta's 2025 goals: no figure for 2025 yet.
    "yrd-2025-invention-per-10k": Status.UNREPORTED,
    "yrd-2025-pct-applications": Status.UNREPORTED,
    "yrd-2025-joint-applications": Status.UNREPORTED,
    "yrd-2025-patent-transfers": Status.UNREPORTED,
    "yrd-2025-rd-intensity": Status.UNREPORTED,
    "yrd-2025-international-papers": Status.UNREPORTED,
}


@pytest.mark.parametrize("as_of", [datetime.date(2026, 11, 22), datetime.date.today()])
def test_example_statuses(as_of: datetime.date) -> None:
    statuses = {e.target.id: e.status for e in evaluate(load(TARGETS), as_of)}
    assert statuses == EXPECTED_TODAY


def test_the_example_yrd_review_at_the_end_of_2023() -> None:
    """As the YRD statistical monitoring office wrote on 2023-12-25: R&D intensity, joint
    invention applications and patent transfers have reached the 2025 goals early."""
    evaluations = evaluate(load(TARGETS), datetime.date(2023, 12, 25))
    verdicts = {e.target.id: e.verdict for e in evaluations if e.target.id.startswith("yrd-")}
    assert verdicts == {
        "yrd-2025-invention-per-10k": Verdict.NOT_ASSESSED,  # one figure, 2017's
        "yrd-2025-pct-applications": Verdict.AS_EXPECTED,  # pace 0.98 from 2018 to 2022
        "yrd-2025-joint-applications": Verdict.ACHIEVED_EARLY,
        "yrd-2025-patent-transfers": Verdict.ACHIEVED_EARLY,
        "yrd-2025-rd-intensity": Verdict.ACHIEVED_EARLY,
        "yrd-2025-international-papers": Verdict.ACHIEVED_EARLY,
    }


def test_every_example_policy_and_target_has_a_chinese_title() -> None:
    for path in sorted((TARGETS / "policies").glob("*.toml")):
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        assert document["policy"].get("title_zh"), path.name
        for target in document["target"]:
            assert target.get("title_zh"), (path.name, target["id"])


def test_qinghai_met_both_its_2015_goals_early() -> None:
    """As the provincial news said on 2015-11-28: 1.017 valid invention patents per 10,000
    people at the end of October against 1, and 1,896 applications against 1,600."""
    evaluations = {e.target.id: e for e in evaluate(load(TARGETS), datetime.date(2015, 11, 30))}
    stock, flow = evaluations["qh-2015-invention-per-10k"], evaluations["qh-2015-applications"]
    assert (stock.status, flow.status) == (Status.MET, Status.MET)
    assert stock.latest is not None
    assert (str(stock.latest.period), stock.latest.value) == ("2015-10", 1.017)
    assert flow.in_year is not None
    assert (str(flow.in_year.point.period), flow.in_year.point.value) == ("2015-YTD10", 1896)
    assert flow.in_year.year_before == pytest.approx(1896 / 2.05)  # from the +105%


def test_example_statuses_in_mid_2019() -> None:
    statuses = {e.target.id: e.status for e in evaluate(load(TARGETS), datetime.date(2019, 6, 30))}
    assert statuses["cn-2020-invention-per-10k"] is Status.ON_TRACK
    assert statuses["hz-2019-invention-per-10k"] is Status.NO_TREND  # 12.99 in 2018 is all
    assert statuses["cn-2025-high-value-per-10k"] is Status.NO_DATA


@pytest.mark.parametrize("as_of", ["2012-01-01", "2016-06-30", "2019-06-30", "2026-11-22"])
def test_every_example_target_shows_and_renders(run: Run, as_of: str) -> None:
    ids = [e.target.id for e in evaluate(load(TARGETS), datetime.date(2026, 11, 22))]
    for target_id in ids:
        result = run("show", target_id, "--dir", str(TARGETS), "--as-of", as_of)
        assert result.exit_code == 0, (target_id, result.output)
        assert target_id in result.stdout
        assert all(line == line.rstrip() for line in result.stdout.splitlines())
    for fmt in ("table", "json", "csv", "markdown"):
        result = run("status", "--dir", str(TARGETS), "--as-of", as_of, "--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)


def test_ready_made_ci_files() -> None:
    workflow = (ROOT / "examples" / "github-actions.yml").read_text(encoding="utf-8")
    for part in ("schedule:", "push:", "iptarget validate", "iptarget check", "--junit"):
        assert part in workflow
    # a Chinese office turns its gate to Chinese by taking out two comment marks
    assert "    # env:\n    #   IPTARGET_LANG: zh\n    steps:" in workflow
    # the pull-request job: the base branch fetched, diff's markdown posted as one comment
    # found again by diff's first line
    from iptarget.render.diff import MARKER

    for part in (
        "pull_request:",
        "fetch-depth: 0",
        "pull-requests: write",
        'iptarget diff "origin/$BASE" --dir targets --format markdown',
        f'startswith("{MARKER}")',
        "gh pr comment",
    ):
        assert part in workflow, part
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: iptarget-validate" in hooks
    assert "entry: iptarget validate" in hooks
    assert "pass_filenames: false" in hooks
