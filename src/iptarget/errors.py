"""Problems in user data, the user-error exception and the exit codes."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class ExitCode(enum.IntEnum):
    """The exit codes every command keeps to (SPEC 5)."""

    OK = 0
    CHECK_FAILED = 1
    INVALID = 2


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in the user's data: the file, the entry and field, what is wrong."""

    path: str
    where: str
    message: str

    def __str__(self) -> str:
        if self.where:
            return f"{self.path}: {self.where}: {self.message}"
        return f"{self.path}: {self.message}"


class UserError(Exception):
    """A mistake of the user's: bad data or bad usage. Exits 2 without a traceback."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems

    @classmethod
    def single(cls, path: str, where: str, message: str) -> UserError:
        """An error with one problem."""
        return cls([Problem(path, where, message)])


def unknown(name: str, known: Iterable[str], kind: str) -> str:
    """'unknown metric "x"', with the nearest known name when one is close."""
    import difflib  # only when something is wrong: keep it out of start-up

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    hint = f' (did you mean "{close[0]}"?)' if close else ""
    return f'unknown {kind} "{name}"{hint}'
