"""``validate --format json``: the problems and warnings as objects, stable for scripts.

Each object holds the problem's ``code`` (stable: scripts key on it), the ``file`` (or the
command-line argument) that holds it, its ``line`` when known, its ``subject`` (the entry's
kind and id, or its place, and the field at fault) and its ``message``, worded in English
whatever the interface's language, as every machine output is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from iptarget.errors import Problem
from iptarget.i18n import speaking
from iptarget.render.json_text import json_document
from iptarget.render.words import problem_words


def problem_json(problem: Problem) -> dict[str, Any]:
    """One problem as a JSON object."""
    subject = problem.subject
    return {
        "code": problem.code,
        "severity": "warning" if problem.warning else "error",
        "file": problem.origin,
        "line": problem.line,
        "subject": None
        if subject is None
        else {
            "kind": subject.kind.value,
            "id": list(subject.id) or None,
            "index": subject.number,
            "field": subject.field,
        },
        "message": problem_words(problem),
    }


def problems_json(problems: Sequence[Problem], warnings: Sequence[Problem]) -> str:
    """``{"valid", "problems", "warnings"}``: what ``validate`` found, as JSON text."""
    with speaking("en"):
        document = {
            "valid": not problems,
            "problems": [problem_json(problem) for problem in problems],
            "warnings": [problem_json(problem) for problem in warnings],
        }
    return json_document(document)
