"""GitHub Actions workflow commands: annotations at a target's line, or at a problem's file."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence

from iptarget.core.check import CheckResult
from iptarget.core.evaluate import Evaluation
from iptarget.errors import Kind, Problem
from iptarget.render.check import failure_reason, warning_reason
from iptarget.render.escape import workflow_data, workflow_property
from iptarget.render.words import problem_words


def command(kind: str, file: str, line: int | None, title: str, message: str) -> str:
    """One workflow command, every part from the data escaped."""
    where = f"file={workflow_property(file)}" + (f",line={line}" if line is not None else "")
    return f"::{kind} {where},title={workflow_property(title)}::{workflow_data(message)}"


def check_commands(
    found: CheckResult,
    id_lines: Mapping[str, Mapping[str, int]],
    shown: Mapping[str, str],
) -> list[str]:
    """``::error`` at each failing target's ``id`` line, ``::warning`` at each warned one's.

    ``shown`` gives each policy file's path as the annotation names it (relative to the
    workspace).
    """

    def at(kind: str, evaluation: Evaluation, reason: str) -> str:
        target, path = evaluation.target, evaluation.policy.path
        lines = id_lines.get(path, {})  # a target split among regions: its template's line
        line = lines.get(target.id) or lines.get(target.template or "", 1)
        title = f"iptarget: {target.id}"
        return command(kind, shown.get(path, path), line, title, f"{target.id}: {reason}")

    commands = [at("error", item.evaluation, failure_reason(item)) for item in found.failing]
    commands += [at("warning", item, warning_reason(item)) for item in found.warned]
    return commands


def problem_commands(
    problems: Sequence[Problem],
    id_lines: Mapping[str, Mapping[str, int]],
    shown: Mapping[str, str],
) -> list[str]:
    """``::error`` for each problem in a file, at its line when it has one (or its target's)."""
    commands = []
    for problem in problems:
        if problem.origin not in shown:
            continue
        line = problem.line
        subject = problem.subject
        if line is None and subject is not None and subject.kind is Kind.TARGET and subject.id:
            line = id_lines.get(problem.origin, {}).get(subject.id[0].partition("@")[0])
        message = problem_words(problem)
        commands.append(command("error", shown[problem.origin], line, "iptarget", message))
    return commands


def print_commands(commands: Iterable[str]) -> None:
    """Workflow commands on stdout, as they are: they are the only lines that may start ``::``."""
    for line in commands:
        sys.stdout.write(line + "\n")
    sys.stdout.flush()
