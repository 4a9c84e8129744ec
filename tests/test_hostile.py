"""Issue 23: nothing the data or a pull request holds may move files, run commands or crash
the tool. Each test carries out one attack through the CLI on a scratch copy."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from helpers import (
    FACTOR_2,
    KILL_AFTER_FIRST_RENAME,
    METRICS,
    REGIONS,
    Run,
    actuals,
    policy,
    snapshot,
    write_dir,
)
from test_diff import git
from test_writes import two_regions

JOURNAL = ".iptarget-journal.json"


# -- 1. a committed journal is never carried out ----------------------------------------------

HOSTILE_JOURNALS = [
    [["policies/p.toml", "../.git/hooks/post-commit"]],
    [["{secret}", "actuals/readme.txt"]],
    [["actuals/.r.toml.abcdefgh.tmp", "../escaped.toml"]],
    [["actuals/.r.toml.abcdefgh.tmp", "actuals/../../escaped.toml"]],
    [["actuals/.s.toml.abcdefgh.tmp", "actuals/r.toml"]],  # a temporary of another file
    [["actuals/r.toml", "actuals/s.toml"]],  # not a temporary file at all
    {"not": "a list"},
]


@pytest.mark.parametrize("journal", HOSTILE_JOURNALS)
@pytest.mark.parametrize(
    "command",
    [
        ["add-actual", "apps", "r", "2015", "120"],
        ["remove-actual", "apps", "r", "2014"],
        ["import", "{rows}", "--dry-run"],
        ["import", "{rows}"],
        ["validate", "--repair"],
    ],
)
def test_a_journal_iptarget_did_not_write_is_refused_and_nothing_moves(
    tmp_path: Path, run: Run, journal: object, command: list[str]
) -> None:
    root = two_regions(tmp_path / "repo" / "targets")
    hooks = tmp_path / "repo" / ".git" / "hooks"
    hooks.mkdir(parents=True)
    secret = tmp_path / "id_rsa"
    secret.write_text("PRIVATE KEY", encoding="utf-8")
    rows = tmp_path / "rows.csv"
    rows.write_text("metric,region,period,value\napps,r,2016,130\n", encoding="utf-8")
    (root / "policies" / "p.toml").chmod(0o755)
    (root / "actuals" / ".r.toml.abcdefgh.tmp").write_text("[[actual]]\n", encoding="utf-8")
    (root / "actuals" / ".s.toml.abcdefgh.tmp").write_text("[[actual]]\n", encoding="utf-8")
    written = json.dumps(journal).replace("{secret}", str(secret))
    (root / JOURNAL).write_text(written, encoding="utf-8")
    before = snapshot(tmp_path)
    args = [part.replace("{rows}", str(rows)) for part in command]
    result = run(*args, "--dir", str(root))
    assert result.exit_code == 2, result.output
    assert f"{root / JOURNAL}: not a journal iptarget wrote" in result.stderr
    assert snapshot(tmp_path) == before
    assert not (hooks / "post-commit").exists()
    assert not (root / "actuals" / "readme.txt").exists()


def test_a_journal_that_is_a_link_is_refused(tmp_path: Path, run: Run) -> None:
    root = two_regions(tmp_path / "targets")
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("[]", encoding="utf-8")
    (root / JOURNAL).symlink_to(elsewhere)
    result = run("add-actual", "apps", "r", "2015", "120", "--dir", str(root))
    assert result.exit_code == 2
    assert "not a journal iptarget wrote" in result.stderr
    assert elsewhere.read_text(encoding="utf-8") == "[]"


def test_init_keeps_its_own_files_out_of_git(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "new"
    assert run("init", str(root)).exit_code == 0
    ignored = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {JOURNAL, ".iptarget.lock", ".*.tmp"} <= set(ignored)
    assert (root / "actuals" / ".gitkeep").is_file()  # git keeps actuals/ while it is empty
    assert run("validate", "--dir", str(root)).exit_code == 0


# -- 10. a half-applied import is not read as if it were whole ---------------------------------


def test_readers_refuse_a_half_applied_import_until_it_is_repaired(
    tmp_path: Path, run: Run
) -> None:
    root = two_regions(tmp_path / "targets")
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "metric,region,period,value\napps,r,2020,300\napps,s,2020,300\n", encoding="utf-8"
    )
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AFTER_FIRST_RENAME, "import", str(rows), "--dir", str(root)],
        capture_output=True,
        check=False,
    )
    assert killed.returncode == 9
    assert (root / JOURNAL).is_file()
    pending = (
        f"{root / JOURNAL}: an interrupted import is pending: run `iptarget validate --repair`"
    )
    for command in ("status", "validate", "check", "export"):
        result = run(command, "--dir", str(root))
        assert result.exit_code == 2, (command, result.output)
        assert pending in result.stderr
    result = run("import", str(rows), "--dry-run", "--dir", str(root))
    assert result.exit_code == 2
    assert pending in result.stderr
    assert (root / JOURNAL).is_file()  # a dry run changes nothing
    repaired = run("validate", "--repair", "--dir", str(root))
    assert repaired.exit_code == 0, repaired.output
    assert not (root / JOURNAL).exists()
    for region in ("r", "s"):
        assert "2020" in (root / "actuals" / f"{region}.toml").read_text(encoding="utf-8")
    assert run("check", "--dir", str(root)).exit_code in (0, 1)


def test_a_reader_waits_for_a_writer_at_work(tmp_path: Path) -> None:
    """A journal under a held lock is a writer at work: the reader waits, then reads."""
    root = two_regions(tmp_path / "targets")
    (root / JOURNAL).write_text("[]", encoding="utf-8")
    script = (
        "import fcntl, os, sys, time\n"
        "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "print('locked', flush=True)\n"
        "time.sleep(1)\n"
        "os.unlink(os.path.join(sys.argv[1], sys.argv[2]))\n"
    )
    command = [sys.executable, "-c", script, str(root), JOURNAL]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as writer:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "locked"
        reader = subprocess.run(
            [sys.executable, "-m", "iptarget", "validate", "--dir", str(root)],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "COLUMNS": "80"},
        )
    assert reader.returncode == 0, reader.stderr


# -- 2. diff writes only inside its scratch directory --------------------------------------


def _git(repo: Path, *args: str, stdin: str | None = None) -> str:
    return git(repo, *args, stdin=stdin).strip()


def _tree(repo: Path, *entries: str) -> str:
    """A tree made by git mktree from ``mode kind object<TAB>name`` lines."""
    return _git(repo, "mktree", "--missing", stdin="".join(f"{entry}\n" for entry in entries))


@pytest.fixture
def pr_repo(tmp_path: Path) -> Path:
    """A repository whose main branch holds a valid target directory."""
    repo = tmp_path / "work" / "repo"
    repo.mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    two_regions(repo / "targets")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "targets")
    return repo


def _branch_with(repo: Path, *extra: str) -> None:
    """Branch ``pr``: main's targets/ tree with ``extra`` entries added."""
    targets = _git(repo, "ls-tree", "HEAD:targets").splitlines()
    inner = _tree(repo, *targets, *extra)
    top = _tree(repo, f"040000 tree {inner}\ttargets")
    commit = _git(repo, "commit-tree", top, "-p", "HEAD", "-m", "hostile")
    _git(repo, "branch", "pr", commit)


def test_a_tree_entry_named_dot_dot_writes_nothing_outside(
    pr_repo: Path, tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "a" / "b" / "c"
    scratch.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # diff's scratch directory in here
    blob = _git(pr_repo, "hash-object", "-w", "--stdin", stdin="echo owned\n")
    victim = _tree(pr_repo, f"100644 blob {blob}\t.bashrc")
    up = _tree(pr_repo, f"040000 tree {victim}\tvictim")
    _branch_with(pr_repo, f"040000 tree {up}\t..")
    before = set(tmp_path.rglob("*"))
    result = run("diff", "main", "pr", "--dir", str(pr_repo / "targets"))
    assert result.exit_code == 2, result.output
    assert "pr (" in result.stderr
    assert "'../victim/.bashrc', a path that leads out of the directory" in result.stderr
    assert not list(tmp_path.rglob(".bashrc"))
    assert set(tmp_path.rglob("*")) == before


@pytest.mark.parametrize(
    ("entry", "said"),
    [
        ("120000 blob {blob}\tactuals/link.toml", "a symbolic link or a submodule"),
        ("160000 commit {commit}\tvendored", "a symbolic link or a submodule"),
        ("100644 blob {blob}\tpolicies", "a file and a folder (or two files) named 'policies'"),
    ],
)
def test_links_submodules_and_a_file_beside_a_folder_are_refused(
    pr_repo: Path, run: Run, entry: str, said: str
) -> None:
    blob = _git(pr_repo, "hash-object", "-w", "--stdin", stdin="/etc/passwd")
    commit = _git(pr_repo, "rev-parse", "HEAD")
    if entry.endswith("link.toml"):
        actuals = _git(pr_repo, "ls-tree", "HEAD:targets/actuals").splitlines()
        folder = _tree(pr_repo, *actuals, entry.format(blob=blob).replace("actuals/", ""))
        targets = [
            line
            for line in _git(pr_repo, "ls-tree", "HEAD:targets").splitlines()
            if not line.endswith("\tactuals")
        ]
        inner = _tree(pr_repo, *targets, f"040000 tree {folder}\tactuals")
        top = _tree(pr_repo, f"040000 tree {inner}\ttargets")
        made = _git(pr_repo, "commit-tree", top, "-p", "HEAD", "-m", "hostile")
        _git(pr_repo, "branch", "pr", made)
    else:
        _branch_with(pr_repo, entry.format(blob=blob, commit=commit))
    result = run("diff", "main", "pr", "--dir", str(pr_repo / "targets"))
    assert result.exit_code == 2, result.output
    assert "pr (" in result.stderr
    assert said in result.stderr


# -- 3. output paths never replace special files ------------------------------------------

OUTPUTS = [
    ["report", "-o", "{out}"],
    ["export", "-o", "{out}"],
    ["check", "--junit", "{out}"],
]


@pytest.mark.parametrize("command", OUTPUTS)
def test_a_fifo_at_an_output_path_is_refused_and_kept(
    tmp_path: Path, run: Run, command: list[str]
) -> None:
    root = two_regions(tmp_path / "targets")
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    args = [part.replace("{out}", str(fifo)) for part in command]
    result = run(*args, "--dir", str(root))
    assert result.exit_code == 2, result.output
    assert f"{fifo}: is not a regular file" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("command", OUTPUTS)
def test_an_output_path_that_is_a_link_writes_its_target_and_keeps_the_link(
    tmp_path: Path, run: Run, command: list[str]
) -> None:
    root = two_regions(tmp_path / "targets")
    (tmp_path / "reports").mkdir()
    target = tmp_path / "reports" / "latest"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "out"
    link.symlink_to(target)
    args = [part.replace("{out}", str(link)) for part in command]
    result = run(*args, "--dir", str(root))
    assert result.exit_code in (0, 1), result.output
    assert link.is_symlink()
    assert target.read_bytes() not in (b"", b"old")


def test_a_standard_stream_is_written_to(tmp_path: Path) -> None:
    root = two_regions(tmp_path / "targets")
    done = subprocess.run(
        [sys.executable, "-m", "iptarget", "export", "-o", "/dev/stdout", "--dir", str(root)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b"metric" in done.stdout


# -- 4. a lone carriage return in a CSV cell runs no workflow command ----------------------

CR_ATTACK = "Yearbook\\r::add-mask::secret\\r::stop-commands::token"


@pytest.mark.parametrize(
    "command",
    [
        ["status", "--format", "csv"],
        ["series", "apps", "--format", "csv"],
        ["export"],
        ["show", "t"],
    ],
)
def test_a_carriage_return_in_a_cell_runs_no_workflow_command(
    tmp_path: Path, run: Run, command: list[str]
) -> None:
    root = write_dir(
        tmp_path / "targets",
        {"p": policy(FACTOR_2.replace("Double 2014 by 2020", CR_ATTACK))},
        {
            "r": '[[actual]]\nmetric = "apps"\nregion = "r"\nperiod = "2014"\nvalue = 100\n'
            f'source = "{CR_ATTACK}"\n'
        },
    )
    result = run(*command, "--dir", str(root), env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 0, result.output
    assert "secret" in result.stdout  # the text is there, harmless
    for line in re.split("\r\n|\r|\n", result.stdout):
        assert not line.lstrip().startswith("::"), line


# -- 5. markdown passes no HTML, link, image or mention --------------------------------------

MARKDOWN_ATTACK = (
    "A</details><!-- hidden ![x](https://t.example/p.png) [click](https://evil.example) "
    "@octocat | `code` \\\\|"
)


def _markdown_is_inert(text: str) -> None:
    assert "octocat" in text  # the name stays readable
    text = text.removeprefix("<!-- iptarget diff -->\n")  # diff's own marker line
    for found in ("<!--", "</details><", "![x](", "[click](", "@octocat", "<img"):
        assert found not in text, found
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    cells = {len(re.split(r"(?<!\\) \| ", line.replace("\\\\", ""))) for line in rows}
    assert len(cells) == 1, rows  # every row has the header's cells: no | ended one early


def _attack_dir(root: Path) -> Path:
    return write_dir(
        root,
        {"p": policy(FACTOR_2)},
        {"r": actuals("apps", "r", {"2014": 100})},
        regions=REGIONS.replace("Region R", MARKDOWN_ATTACK),
    )


def test_status_markdown_is_inert(tmp_path: Path, run: Run) -> None:
    root = _attack_dir(tmp_path / "targets")
    result = run("status", "--format", "markdown", "--dir", str(root))
    assert result.exit_code == 0
    _markdown_is_inert(result.stdout)
    assert "@&#8203;octocat" in result.stdout


def test_the_step_summary_is_inert(tmp_path: Path, run: Run) -> None:
    root = _attack_dir(tmp_path / "targets")
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = run("check", "--dir", str(root), "--as-of", "2030-01-01", env=env)
    assert result.exit_code == 1
    _markdown_is_inert(summary.read_text(encoding="utf-8"))


def test_the_pull_request_comment_is_inert(pr_repo: Path, run: Run) -> None:
    path = pr_repo / "targets" / "regions.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Region R", MARKDOWN_ATTACK), encoding="utf-8"
    )
    (pr_repo / "targets" / "policies" / "q.toml").write_text(
        policy(
            FACTOR_2.replace('id = "t"', 'id = "t2"').replace(
                "Double 2014 by 2020", MARKDOWN_ATTACK
            )
        ),
        encoding="utf-8",
    )
    _git(pr_repo, "checkout", "-q", "-b", "pr@x`y")
    _git(pr_repo, "add", "-A")
    _git(pr_repo, "commit", "-q", "-m", "a target added")
    result = run(
        "diff", "main", "pr@x`y", "--format", "markdown", "--dir", str(pr_repo / "targets")
    )
    assert result.exit_code == 0, result.output
    _markdown_is_inert(result.stdout)
    assert "pr@&#8203;x\\`y" in result.stdout


# -- 6. a workbook drops what XML forbids -------------------------------------------------


def test_an_escape_in_a_source_exports_to_a_workbook(tmp_path: Path, run: Run) -> None:
    from openpyxl import load_workbook

    root = write_dir(
        tmp_path / "targets",
        {"p": policy(FACTOR_2)},
        {
            "r": '[[actual]]\nmetric = "apps"\nregion = "r"\nperiod = "2014"\nvalue = 100\n'
            'source = "Yearbook\\u001b[31m red\\u0000"\n'
        },
    )
    out = tmp_path / "out.xlsx"
    result = run("export", "-o", str(out), "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    sheet = load_workbook(out).active
    assert sheet is not None
    assert "Yearbook[31m red" in [cell.value for cell in sheet[2]]


# -- 8. check fails closed without actuals/ -------------------------------------------------


@pytest.mark.parametrize("shape", ["missing", "a file", "a dangling link"])
def test_a_directory_without_actuals_fails_closed(tmp_path: Path, run: Run, shape: str) -> None:
    root = two_regions(tmp_path / "targets")
    shutil.rmtree(root / "actuals")
    if shape == "a file":
        (root / "actuals").write_text("", encoding="utf-8")
    elif shape == "a dangling link":
        (root / "actuals").symlink_to(tmp_path / "nowhere")
    said = (
        "is missing: every target directory has actuals/"
        if shape == "missing"
        else ("is not a directory: every target directory has actuals/")
    )
    for command in (["validate"], ["check", "--as-of", "2020-06-30"], ["status"]):
        result = run(*command, "--dir", str(root))
        assert result.exit_code == 2, (command, result.output)
        assert f"{root / 'actuals'}: {said}" in result.stderr


def test_a_writer_makes_a_missing_actuals_folder(tmp_path: Path, run: Run) -> None:
    root = two_regions(tmp_path / "targets")
    shutil.rmtree(root / "actuals")
    result = run("add-actual", "apps", "r", "2014", "100", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert run("validate", "--dir", str(root)).exit_code == 0


# -- 9. import reads a regular file of a sensible size only --------------------------------


@pytest.mark.parametrize("name", ["/dev/zero", "fifo.csv", "folder.xlsx"])
def test_import_reads_only_a_regular_file(tmp_path: Path, run: Run, name: str) -> None:
    root = two_regions(tmp_path / "targets")
    path = Path(name) if name.startswith("/") else tmp_path / name
    if name == "fifo.csv":
        os.mkfifo(path)
    elif name == "folder.xlsx":
        path.mkdir()
    result = run("import", str(path), "--dir", str(root))
    assert result.exit_code == 2
    assert f"{path}: not a regular file" in result.stderr


def test_import_refuses_a_file_over_its_limit(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from iptarget.store import tables

    monkeypatch.setattr(tables, "IMPORT_LIMIT_MB", 1)
    root = two_regions(tmp_path / "targets")
    big = tmp_path / "big.csv"
    with big.open("wb") as file:
        file.truncate(3 * 2**20)  # 3 MB, sparse
    result = run("import", str(big), "--dir", str(root))
    assert result.exit_code == 2
    assert f"{big}: is 3 MB, more than import reads (1 MB): split it into parts" in result.stderr


# -- 7. deep but valid chains: a stated limit, linear time ----------------------------------


def _chain_dir(root: Path, kind: str, length: int) -> Path:
    """A ratio of a ratio …, a group of a group …, or a region in a region …, ``length``
    long, with a target at its end."""
    metrics = METRICS.replace('unit = "applications"', 'unit = "applications"\naggregate = "sum"')
    regions = REGIONS
    metric, region = "apps", "r"
    if kind == "ratio":
        metric = f"q{length - 1}"
        metrics += "".join(
            f'\n[metric.q{i}]\nname = "Q{i}"\nnumerator = "{f"q{i - 1}" if i else "apps"}"\n'
            'denominator = "people"\n'
            for i in range(length)
        )
    elif kind == "group":
        region = f"g{length - 1}"
        regions += "".join(
            f'\n[region.g{i}]\nname = "G{i}"\nmembers = ["{f"g{i - 1}" if i else "s"}"]\n'
            for i in range(length)
        )
    else:
        regions += "".join(
            f'\n[region.p{i}]\nname = "P{i}"\nparent = "{f"p{i - 1}" if i else "s"}"\n'
            for i in range(length)
        )
    header = f'title = "P"\nregion = "{region}"'
    return write_dir(
        root,
        {"p": policy(FACTOR_2.replace('"apps"', f'"{metric}"'), header=header)},
        {"s": actuals("apps", "s", {"2014": 100}) + actuals("people", "s", {"2014": 10})},
        metrics=metrics,
        regions=regions,
    )


@pytest.mark.parametrize(
    ("kind", "length", "said"),
    [
        ("ratio", 3000, 'metric "q2999": is computed through a chain of 3000 metrics'),
        ("group", 1000, 'region "g999": members: has groups nested 1000 deep in it'),
    ],
)
def test_a_chain_too_deep_is_refused_with_its_length(
    tmp_path: Path, run: Run, kind: str, length: int, said: str
) -> None:
    root = _chain_dir(tmp_path / "targets", kind, length)
    for command in ("validate", "status"):
        result = run(command, "--dir", str(root))
        assert result.exit_code == 2, result.output
        assert said in result.stderr
        assert "at most 64 are followed" in result.stderr
        assert len(result.stderr.splitlines()) == 1  # the top of the chain, named once


@pytest.mark.parametrize("kind", ["ratio", "group"])
def test_a_chain_at_the_limit_is_followed(tmp_path: Path, run: Run, kind: str) -> None:
    root = _chain_dir(tmp_path / "targets", kind, 64)
    result = run("show", "t", "--dir", str(root))
    assert result.exit_code == 0, result.output


def test_a_long_parent_chain_takes_linear_time(tmp_path: Path, run: Run) -> None:
    root = _chain_dir(tmp_path / "targets", "parent", 3000)
    started = time.perf_counter()
    result = run("validate", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - started < 5  # was 44 s: each region walked up its chain


# -- 11. one lock per directory, whatever TMPDIR says --------------------------------------


def test_writers_with_different_temporary_directories_meet_one_lock(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from iptarget.store import write

    root = two_regions(tmp_path / "targets")
    other = tmp_path / "other-tmp"
    other.mkdir()
    monkeypatch.setattr(write, "LOCK_TIMEOUT_SECONDS", 0.2)
    monkeypatch.setattr(tempfile, "tempdir", str(other))
    holder = os.open(root, os.O_RDONLY)  # another writer, whose TMPDIR is the default
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        before = snapshot(root)
        result = run(
            "add-actual", "apps", "r", "2015", "1", "--dir", str(root), env={"TMPDIR": str(other)}
        )
    finally:
        os.close(holder)
    assert result.exit_code == 2
    assert "another iptarget command is writing here" in result.stderr
    assert snapshot(root) == before
    assert list(other.iterdir()) == []  # and no lock file there either
