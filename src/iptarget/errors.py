"""Problems in user input, the user-error exception, the exit codes and did-you-mean."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from iptarget.i18n import _


class ExitCode(enum.IntEnum):
    """The exit codes every command keeps to (SPEC 5)."""

    OK = 0
    CHECK_FAILED = 1
    INVALID = 2


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in what the user gave: where it is, and what is wrong.

    ``origin`` is what holds the problem: a file's path, or a command-line argument or option
    (``METRIC``, ``--region``). ``where`` names the entry and field inside it; ``line`` is the
    line number when the problem is on one line of a file (a CSV row), for sorting.
    """

    origin: str
    where: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        if self.where:
            return f"{self.origin}: {self.where}: {self.message}"
        return f"{self.origin}: {self.message}"


class UserError(Exception):
    """A mistake of the user's: bad data or bad usage. Exits 2 without a traceback."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems

    @classmethod
    def single(cls, origin: str, where: str, message: str) -> UserError:
        """An error with one problem."""
        return cls([Problem(origin, where, message)])


def exact(value: float, grouped: bool = True) -> str:
    """A number as stored: decimal digits that read back as the same float, never rounded,
    never an exponent (``0.62``, ``45188600``); ``grouped`` puts commas between thousands
    for people to read (``45,188,600``)."""
    from decimal import Decimal

    text = format(Decimal(repr(value)), ",f" if grouped else "f")
    return text.removesuffix(".0") if text.endswith(".0") else text


def unknown(name: str, known: Iterable[str], kind: str) -> str:
    """'unknown metric "x"', with the nearest known name when one is close."""
    close = nearest(name, known)
    hint = _(' (did you mean "{name}"?)').format(name=close) if close else ""
    return _('unknown {kind} "{name}"').format(kind=_(kind), name=name) + hint


def unknown_key(key: str, allowed: Iterable[str], what: str = "key") -> str:
    """'unknown key "x" (did you mean "y"?)', else the keys that are allowed."""
    allowed = list(allowed)
    close = nearest(key, allowed)
    hint = (
        _('did you mean "{name}"?').format(name=close)
        if close
        else _("expected one of: {names}").format(names=", ".join(allowed))
    )
    return _('unknown {kind} "{name}" ({hint})').format(kind=_(what), name=key, hint=hint)


def nearest(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to a mistyped one, when one is close enough."""
    import difflib  # only when something is wrong: keep it out of start-up

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return close[0] if close else None
