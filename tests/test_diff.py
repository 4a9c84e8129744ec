"""``iptarget diff`` (SPEC 9) on a scratch git repository holding the example directory:
each kind of change, its JSON, its markdown and its exit codes."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import types
from pathlib import Path
from typing import Any

import pytest

from helpers import Run, write_dir

ROOT = Path(__file__).parent.parent
AS_OF = "2026-11-22"


def git(repo: Path, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def diff(run: Run, repo: Path, *args: str, as_of: str = AS_OF) -> tuple[int, str]:
    result = run("diff", *args, "--dir", str(repo / "targets"), "--as-of", as_of)
    return result.exit_code, result.stdout + result.stderr


def diff_json(run: Run, repo: Path, *args: str, as_of: str = AS_OF) -> dict[str, Any]:
    code, out = diff(run, repo, *args, "--format", "json", as_of=as_of)
    assert code == 0, out
    document = json.loads(out)
    assert isinstance(document, dict)
    return document


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_figure_added_turns_a_target_from_unreported_to_achieved(repo: Path, run: Run) -> None:
    added = run(
        *("add-actual", "patent_intensive_industries_share", "china", "2025", "13.5"),
        *("--published", "2026-01-10", "--dir", str(repo / "targets")),
    )
    assert added.exit_code == 0, added.output
    document = diff_json(run, repo, "HEAD")  # HEAD against the files on disk
    assert document["base"].startswith("HEAD (")
    assert document["head"] == "working tree"
    (target,) = document["targets"]
    assert target["id"] == "cn-2025-patent-industries"
    assert (target["before"], target["after"]) == ("unreported", "achieved")
    figure = {
        "metric": "patent_intensive_industries_share",
        "region": "china",
        "period": "2025",
        "published": "2026-01-10",
        "before": None,
        "after": 13.5,
    }
    assert target["causes"] == [{"kind": "figure", **figure}]
    assert document["figures"] == [figure]
    assert document["summary"] == {
        "before": {"achieved": 4, "unreported": 19, "no_baseline": 3},
        "after": {"achieved": 5, "unreported": 18, "no_baseline": 3},
    }
    assert diff(run, repo, "HEAD", "--fail-on-worse")[0] == 0  # better is never worse
    commit(repo, "2025 figure")
    between = diff_json(run, repo, "HEAD~1", "HEAD")  # the same change, committed
    for key in ("targets", "figures", "summary"):
        assert between[key] == document[key]
    assert between["base"].startswith("HEAD~1 (")


def test_a_revision_moves_a_target_from_on_track_to_at_risk(repo: Path, run: Run) -> None:
    """As of 2024-06-01 the 14th plan's patent-intensive target is on track on 12.71% for
    2022; a revision to 12.15% published before then puts it at risk."""
    before = diff_json(run, repo, "HEAD", as_of="2024-06-01")
    assert before["targets"] == []
    added = run(
        *("add-actual", "patent_intensive_industries_share", "china", "2022", "12.15"),
        *("--published", "2024-05-01", "--dir", str(repo / "targets")),
    )
    assert added.exit_code == 0, added.output
    commit(repo, "a revision")
    document = diff_json(run, repo, "HEAD~1", "HEAD", as_of="2024-06-01")
    (target,) = document["targets"]
    assert (target["id"], target["before"], target["after"]) == (
        "cn-2025-patent-industries",
        "on_track",
        "at_risk",
    )
    assert [cause["published"] for cause in target["causes"]] == ["2024-05-01"]
    code, out = diff(run, repo, "HEAD~1", "HEAD", "--fail-on-worse", as_of="2024-06-01")
    assert code == 1
    assert "cn-2025-patent-industries  on_track  at_risk (worse)" in out
    code, markdown = diff(run, repo, "HEAD~1", "HEAD", "--format", "markdown", as_of="2024-06-01")
    assert code == 0
    lines = markdown.splitlines()
    assert lines[0] == "<!-- iptarget diff -->"
    assert "1 target changed status (1 worse), 0 added, 0 removed" in markdown
    assert (
        "| cn-2025-patent-industries | on_track | at_risk (worse) | patent_intensive_industries_share "
        "china 2022 (published 2024-05-01) added 12.15% of GDP |" in lines
    )
    # a day before the revision was published, nothing changed
    assert diff_json(run, repo, "HEAD~1", "HEAD", as_of="2024-04-30")["targets"] == []


def test_a_goal_edited_is_the_cause_and_worse(repo: Path, run: Run) -> None:
    policy = repo / "targets" / "policies" / "china-12th-fyp.toml"
    edit(policy, "at_least = 3.3", "at_least = 7")
    code, out = diff(run, repo, "HEAD", "--fail-on-worse")
    assert code == 1
    document = diff_json(run, repo, "HEAD")
    (target,) = document["targets"]
    assert (target["before"], target["after"]) == ("achieved", "missed")
    assert target["causes"] == [
        {"kind": "target", "id": "cn-2015-invention-per-10k", "key": "at_least", "before": 3.3,
         "after": 7.0},
    ]  # fmt: skip
    assert document["figures"] == []
    assert "at_least: 3.3 → 7" in out


def test_a_target_deleted_and_one_added(repo: Path, run: Run) -> None:
    policy = repo / "targets" / "policies" / "china-12th-fyp.toml"
    text = policy.read_text(encoding="utf-8")
    start = text.index("[[target]]")
    policy.write_text(text[:start], encoding="utf-8")  # the policy's only target, gone
    document = diff_json(run, repo, "HEAD")
    (gone,) = document["targets"]
    assert (gone["id"], gone["before"], gone["after"]) == (
        "cn-2015-invention-per-10k",
        "achieved",
        None,
    )
    assert diff(run, repo, "HEAD", "--fail-on-worse")[0] == 0  # a removed target is never worse
    policy.write_text(
        text
        + '\n[[target]]\nid = "cn-2030-invention-per-10k"\ntitle = "Twenty by 2030"\n'
        + 'metric = "invention_patents_per_10k"\ndeadline = 2030\nat_least = 5\n',
        encoding="utf-8",
    )
    document = diff_json(run, repo, "HEAD")
    (new,) = document["targets"]
    assert (new["id"], new["before"], new["after"]) == ("cn-2030-invention-per-10k", None, "met")
    assert new["causes"] == []
    assert document["summary"]["after"]["met"] == 1
    out = diff(run, repo, "HEAD")[1]
    assert "added (1)" in out
    assert "cn-2030-invention-per-10k  met" in out
    # an added target that is already missed is worse
    edit(policy, "deadline = 2030\nat_least = 5", "deadline = 2015\nat_least = 20")
    assert diff(run, repo, "HEAD", "--fail-on-worse")[0] == 1


def test_the_same_date_gives_the_same_answer_whatever_today_is(
    repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(repo / "targets" / "policies" / "china-12th-fyp.toml", "at_least = 3.3", "at_least = 7")
    commit(repo, "a goal")
    first = diff_json(run, repo, "HEAD~1", "HEAD")

    class Later(datetime.date):
        @classmethod
        def today(cls) -> Later:
            return cls(2031, 3, 1)

    later = types.SimpleNamespace(
        date=Later, datetime=datetime.datetime, timedelta=datetime.timedelta
    )
    import iptarget.cli.common
    import iptarget.store.read

    monkeypatch.setattr(iptarget.cli.common, "datetime", later)
    monkeypatch.setattr(iptarget.store.read, "datetime", later)
    assert diff_json(run, repo, "HEAD~1", "HEAD") == first
    assert diff_json(run, repo, "HEAD~1", "HEAD", as_of="2031-03-01") != first


def test_a_directory_that_does_not_exist_at_base_has_every_target_added(
    tmp_path: Path, run: Run
) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "README").write_text("a repository before its targets\n", encoding="utf-8")
    commit(root, "no targets yet")
    shutil.copytree(ROOT / "targets", root / "targets")
    document = diff_json(run, root, "HEAD")
    assert len(document["targets"]) == 26
    assert all(target["before"] is None for target in document["targets"])
    assert document["summary"]["before"] == {}
    assert diff(run, root, "HEAD", "--fail-on-worse")[0] == 1  # twelve added unreported


def test_refusals_name_what_is_wrong(repo: Path, tmp_path: Path, run: Run) -> None:
    code, out = diff(run, repo, "no-such-branch")
    assert code == 2
    assert "BASE: unknown revision 'no-such-branch' (git rev-parse)" in out
    code, out = diff(run, repo, "HEAD", "nope")
    assert code == 2
    assert "HEAD: unknown revision 'nope'" in out
    outside = write_dir(tmp_path / "outside" / "targets")
    result = run("diff", "HEAD", "--dir", str(outside))
    assert result.exit_code == 2
    assert "not inside a git repository" in result.stderr
    edit(repo / "targets" / "metrics.toml", "[metric.", "[metric.Bad]\nname = 1\n\n[metric.")
    commit(repo, "broken")
    code, out = diff(run, repo, "HEAD~1", "HEAD")
    assert code == 2
    short = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    assert f"HEAD ({short}): targets does not validate at this revision:" in out
    assert f"{short}:targets/metrics.toml: " in out
    assert "Traceback" not in out


def test_markdown_stays_under_the_limit_and_says_what_it_left_out(repo: Path, run: Run) -> None:
    rows = "".join(
        f'[[actual]]\nmetric = "patent_grants"\nregion = "qinghai"\nperiod = "{year}-{month:02d}"\n'
        f'value = {year * 10 + month}\nnote = "{"x" * 200}"\n\n'
        for year in range(1900, 2020)
        for month in range(1, 13)
    )
    (repo / "targets" / "actuals" / "many.toml").write_text(rows, encoding="utf-8")
    code, markdown = diff(run, repo, "HEAD", "--format", "markdown")
    assert code == 0, markdown[-2000:]
    assert markdown.startswith("<!-- iptarget diff -->\n")
    assert len(markdown) <= 60_000
    assert "<details><summary>figures that changed no status (1440)</summary>" in markdown
    assert "rows left out to keep this comment under 60,000 characters" in markdown


def test_the_working_tree_side_leaves_out_files_git_ignores(repo: Path, run: Run) -> None:
    (repo / ".gitignore").write_text("targets/actuals/draft.toml\n", encoding="utf-8")
    (repo / "targets" / "actuals" / "draft.toml").write_text("not = [valid\n", encoding="utf-8")
    (repo / "targets" / "actuals" / "new.toml").write_text(  # untracked, not ignored: read
        '[[actual]]\nmetric = "patent_intensive_industries_share"\nregion = "china"\n'
        'period = "2025"\nvalue = 13.5\n',
        encoding="utf-8",
    )
    document = diff_json(run, repo, "HEAD")
    assert [target["id"] for target in document["targets"]] == ["cn-2025-patent-industries"]
    assert [figure["period"] for figure in document["figures"]] == ["2025"]


def test_the_sides_share_files_without_sharing_changes(repo: Path, tmp_path: Path) -> None:
    """A file the two sides have in common is read once, and each side files its latest
    vintages into its own copy: both read as if each were read alone."""
    from iptarget.store.files import Parsed
    from iptarget.store.revisions import read_side, repository, side

    metrics = repo / "targets" / "metrics.toml"
    text = metrics.read_text(encoding="utf-8")
    metrics.write_text(text + "\n# a comment: every actuals file is shared\n", encoding="utf-8")
    commit(repo, "a comment")
    found = repository(repo / "targets")
    sides = [side(found, "HEAD~1", "BASE"), side(found, "HEAD", "HEAD")]
    shared = Parsed()
    together = [
        read_side(found, chosen, repo / "targets", tmp_path / f"t{i}", shared)
        for i, chosen in enumerate(sides)
    ]
    alone = [
        read_side(found, chosen, repo / "targets", tmp_path / f"a{i}")
        for i, chosen in enumerate(sides)
    ]
    for one, other in zip(together, alone, strict=True):
        assert one is not None
        assert other is not None
        assert one.vintages  # the example has revised figures
        assert one.vintages == other.vintages
        assert {k: list(v.items()) for k, v in one.recorded.items()} == {
            k: list(v.items()) for k, v in other.recorded.items()
        }
