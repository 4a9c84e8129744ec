"""Fixtures: the CLI runner (pinned width, no colour, no IPTARGET_DIR), a small directory, and
a git repository holding the example."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from helpers import ENV, FACTOR_2, Run, actuals, policy, write_dir
from iptarget.cli import app
from test_diff import ROOT, commit, git


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Every test starts and ends in English: a command run with --lang zh leaves the
    language it chose, and library code called after it would speak it."""
    from iptarget.i18n import use

    use("en")
    yield
    use("en")


@pytest.fixture
def run() -> Run:
    """Invoke the CLI in-process with a pinned width and no colour."""
    runner = CliRunner()

    def invoke(*args: str, env: Mapping[str, str | None] | None = None) -> Result:
        return runner.invoke(app, list(args), env={**ENV, **(env or {})}, catch_exceptions=False)

    return invoke


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A small directory: one 'double 2014 by 2020' target and one figure, 150 in 2018."""
    return write_dir(
        tmp_path / "targets", {"p": policy(FACTOR_2)}, {"r": actuals("apps", "r", {"2018": 150})}
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose first commit holds a copy of the example targets/."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    shutil.copytree(ROOT / "targets", root / "targets")
    commit(root, "the example")
    return root
