"""The CLI runner fixture: a pinned width, no colour, no IPTARGET_DIR from outside."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from typer.testing import CliRunner, Result

from helpers import ENV, Run
from iptarget.cli import app


@pytest.fixture
def run() -> Run:
    """Invoke the CLI in-process with a pinned width and no colour."""
    runner = CliRunner()

    def invoke(*args: str, env: Mapping[str, str | None] | None = None) -> Result:
        return runner.invoke(app, list(args), env={**ENV, **(env or {})}, catch_exceptions=False)

    return invoke
