"""GitHub Actions workflow commands: annotations that point at a failing target's line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from iptarget.core.check import Failure
from iptarget.render.check import failure_reason


def error_commands(
    failing: Sequence[Failure], id_lines: Mapping[str, Mapping[str, int]]
) -> list[str]:
    """``::error`` workflow commands pointing at each failing target's ``id`` line."""
    commands: list[str] = []
    for failure in failing:
        target, path = failure.evaluation.target, failure.evaluation.policy.path
        line = id_lines.get(path, {}).get(target.id, 1)
        message = _escape_data(f"{target.id}: {failure_reason(failure)}")
        commands.append(
            f"::error file={_escape_property(path)},line={line},"
            f"title={_escape_property(f'iptarget: {target.id}')}::{message}"
        )
    return commands


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
