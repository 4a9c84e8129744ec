"""Fixtures: the CLI runner (pinned width, no colour, no IPTARGET_DIR) and a small directory."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from helpers import ENV, FACTOR_2, Run, actuals, policy, write_dir
from iptarget.cli import app


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
