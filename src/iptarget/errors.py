"""Problems as values: what is wrong, where, with which parameters; the user-error exception,
the exit codes and did-you-mean.

Nothing here is worded. A ``Text`` names a template of the catalogue (``iptarget.texts``) and
holds its parameters as values (periods, dates, numbers, ids, other texts); ``render.words``
words it once, at render time, in the interface's language.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from iptarget.texts.template import Template


class ExitCode(enum.IntEnum):
    """The exit codes every command keeps to (SPEC 5)."""

    OK = 0
    CHECK_FAILED = 1
    INVALID = 2


class Text(NamedTuple):
    """A message for people, not yet worded: its template and the values of its placeholders."""

    template: Template
    params: tuple[tuple[str, object], ...] = ()

    @property
    def code(self) -> str:
        """The template's stable code, for scripts (``validate --format json``)."""
        return self.template.code


def text(template: Template, **params: object) -> Text:
    """A text of ``template`` with these values for its placeholders."""
    return Text(template, tuple(params.items()))


class Kind(enum.StrEnum):
    """The kinds of things a problem can be about inside a file."""

    TARGET = "target"
    ACTUAL = "actual"
    METRIC = "metric"
    REGION = "region"
    POLICY = "policy"
    LINE = "line"  # of a CSV file
    ROW = "row"  # of a workbook's sheet (its id: the sheet's name)
    SHEET = "sheet"
    CELL = "cell"  # of a workbook's sheet, as Excel names it (its id: Sheet1!C7)


class Subject(NamedTuple):
    """What a problem is about inside its file: an entry by its kind and id (a target's id; an
    actual's metric, region and period), or by its place (``number``: the Nth entry, line or
    row), and the field, key, column or argument at fault."""

    kind: Kind
    id: tuple[str, ...] = ()
    number: int | None = None
    field: str | None = None

    def at(self, field: str) -> Subject:
        """The same entry, one of its fields."""
        return Subject(self.kind, self.id, self.number, field)


class Problem(NamedTuple):
    """One thing wrong in what the user gave: where it is, and what is wrong.

    ``origin`` is what holds the problem: a file's path, or a command-line argument or option
    (``METRIC``, ``--region``). ``line`` is the line number when the problem is on one line of
    a file (a CSV row), for sorting and for annotations. A ``warning`` does not fail, unless
    ``validate --strict``.
    """

    origin: str
    text: Text
    subject: Subject | None = None
    line: int | None = None
    warning: bool = False

    @property
    def code(self) -> str:
        """The problem's stable code."""
        return self.text.code


class Invalid(ValueError):
    """A value that cannot be read (a period, a figure, a date), with why as a text."""

    def __init__(self, template: Template, **params: object) -> None:
        super().__init__(template.code)
        self.text = text(template, **params)


class UserError(Exception):
    """A mistake of the user's: bad data or bad usage. Exits 2 without a traceback."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(", ".join(problem.code for problem in problems))
        self.problems = problems

    @classmethod
    def single(
        cls, origin: str, template: Template, subject: Subject | None = None, **params: object
    ) -> UserError:
        """An error with one problem."""
        return cls([Problem(origin, text(template, **params), subject)])


def exact(value: float, grouped: bool = True) -> str:
    """A number as stored: decimal digits that read back as the same float, never rounded,
    never an exponent (``0.62``, ``45188600``); ``grouped`` puts commas between thousands
    for people to read (``45,188,600``)."""
    from decimal import Decimal

    shown = format(Decimal(repr(value)), ",f" if grouped else "f")
    return shown.removesuffix(".0") if shown.endswith(".0") else shown


def nearest(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to a mistyped one, when one is close enough."""
    import difflib  # only when something is wrong: keep it out of start-up

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return close[0] if close else None
