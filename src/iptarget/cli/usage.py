"""Usage errors in the interface's language: the values options refuse, and Click's own
complaints (no such option, a missing argument, an extra one) worded through the catalogue.

Click words its usage errors itself, in English; ``worded_usage`` catches them where the
commands parse, and ``Worded.show`` says them again, the same errors, in the user's language.
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import re
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any, TypeVar

import typer

from iptarget.core.status import Status, Verdict
from iptarget.errors import Invalid, Text, text
from iptarget.texts import usage
from iptarget.texts.template import Template

E = TypeVar("E", bound=enum.StrEnum)
#: Click's class of usage errors, as Typer vendors it.
UsageError: type[Any] = typer.BadParameter.__mro__[1]
_NO_SUCH_COMMAND = re.compile(r"No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?")
_EXTRA = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)")


class Refused(typer.BadParameter):
    """A value that an option or argument cannot take, with why as a text."""

    def __init__(self, said: Text) -> None:
        super().__init__(said.code)
        self.text = said


def choice(kind: type[E]) -> Callable[[str], E]:
    """A parser for one of an enum's values, refusing others with the values there are."""

    def parse(value: str | E) -> E:
        if isinstance(value, kind):
            return value
        try:
            return kind(value)
        except ValueError:
            choices = [member.value for member in kind]
            raise Refused(text(usage.NOT_ONE_OF, value=repr(value), choices=choices)) from None

    return parse


def status_choice(value: str | Status) -> Status:
    """A status by its id or its Chinese word (SPEC 8), whatever the interface's language; a
    near miss (on-track, 进展顺) is refused with the status it is nearest to."""
    from iptarget.render.looks import status_word

    return _worded(Status, status_word, usage.NOT_A_STATUS, value)


def verdict_choice(value: str | Verdict) -> Verdict:
    """A verdict by its id or its Chinese word (滞后, SPEC 4.7), whatever the interface's
    language; a near miss is refused with the verdict it is nearest to."""
    from iptarget.render.looks import verdict_word

    return _worded(Verdict, verdict_word, usage.NOT_A_VERDICT, value)


def _worded(kind: type[E], word: Callable[[E], str], wrong: Template, value: str | E) -> E:
    """A member of ``kind`` by its value or its Chinese word."""
    from iptarget.errors import nearest
    from iptarget.i18n import speaking

    if isinstance(value, kind):
        return value
    assert isinstance(value, str)
    given = value.strip()
    known: dict[str, E] = {member.value: member for member in kind}
    with speaking("zh"):
        known |= {word(member): member for member in kind}
    if given in known:
        return known[given]
    close = nearest(given.lower(), known)
    if close is not None:
        raise Refused(text(wrong, value=repr(value), near=close))
    raise Refused(text(usage.NOT_ONE_OF, value=repr(value), choices=[m.value for m in kind]))


def iso_date(value: str | datetime.date) -> datetime.date:
    """A date as YYYY-MM-DD, or as people type one (2024/6/30, 2024.6.30, 2024年6月30日)."""
    if isinstance(value, datetime.date):
        return value
    said = text(usage.NOT_A_DATE, value=repr(value))
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return datetime.date.fromisoformat(value)
        from iptarget.store.new_figures import date_as_typed

        return date_as_typed(value)
    except Invalid as error:  # a typed form: a day that does not exist is said as such
        said = error.text if error.text.code == "typed.no_such_day" else said
    except ValueError:
        pass
    raise Refused(said)


def days(value: str | int) -> int:
    """A number of days, 0 or more."""
    if isinstance(value, int):
        number = value
    elif re.fullmatch(r"\s*\d+\s*", value):
        number = int(value)
    else:
        raise Refused(text(usage.NOT_DAYS, value=repr(value)))
    if number < 0:
        raise Refused(text(usage.NOT_DAYS, value=repr(value)))
    return number


class Worded(UsageError):  # type: ignore[misc]
    """A usage error, shown in the interface's language."""

    def __init__(self, original: Any) -> None:
        super().__init__(original.message, original.ctx)
        self.original = original
        self.exit_code = original.exit_code

    def show(self, file: IO[Any] | None = None) -> None:
        """The usage line, the hint to ask for help, and the error, on stderr."""
        from iptarget.render.words import worded

        out = file or sys.stderr
        ctx = self.ctx
        if ctx is not None:
            out.write(ctx.get_usage() + "\n")
            if ctx.command.get_help_option(ctx) is not None:
                hint = text(
                    usage.USAGE_HELP, command=ctx.command_path, option=ctx.help_option_names[0]
                )
                out.write(worded(hint) + "\n")
            out.write("\n")
        out.write(worded(text(usage.USAGE_ERROR, message=describe(self.original))) + "\n")
        out.flush()


def describe(error: Any) -> Text:
    """What a usage error says, as a text of the catalogue."""
    kind = type(error).__name__
    hint = _hint(error)
    message = str(error.message)
    if kind == "NoSuchOption":
        near = (error.possibilities or [None])[0]
        if near:
            return text(usage.NO_SUCH_OPTION_NEAR, name=error.option_name, near=near)
        return text(usage.NO_SUCH_OPTION, name=error.option_name)
    if kind == "MissingParameter":
        name = hint.strip("'")
        option = error.param is not None and error.param.param_type_name == "option"
        return text(usage.MISSING_OPTION if option else usage.MISSING_ARGUMENT, name=name)
    if isinstance(error, Refused):
        return text(usage.INVALID_VALUE, name=hint, message=error.text)
    if kind == "BadParameter":
        return text(
            usage.INVALID_VALUE, name=hint, message=text(usage.USAGE_OTHER, message=message)
        )
    if kind == "BadOptionUsage" and "requires an argument" in message:
        return text(usage.NEEDS_VALUE, name=error.option_name)
    if kind == "BadOptionUsage" and "does not take a value" in message:
        return text(usage.TAKES_NO_VALUE, name=error.option_name)
    return _from_message(message)


def _from_message(message: str) -> Text:
    """Click's errors that carry only their words: no such command, extra arguments."""
    command = _NO_SUCH_COMMAND.fullmatch(message)
    if command and command[2]:
        return text(usage.NO_SUCH_COMMAND_NEAR, name=command[1], near=command[2])
    if command:
        return text(usage.NO_SUCH_COMMAND, name=command[1])
    extra = _EXTRA.fullmatch(message)
    if extra:
        return text(usage.EXTRA_ARGUMENTS, arguments=extra[1])
    if message == "Missing command.":
        return text(usage.MISSING_COMMAND)
    return text(usage.USAGE_OTHER, message=message)


def _hint(error: Any) -> str:
    """How an error names its parameter: ``'--format'``, ``'METRIC'``."""
    hint = getattr(error, "param_hint", None)
    if hint is None and getattr(error, "param", None) is not None:
        try:
            hint = error.param.get_error_hint()
        except TypeError:  # Click's own signature
            hint = error.param.get_error_hint(error.ctx)
    if isinstance(hint, list | tuple):
        return " / ".join(f"'{part}'" for part in hint)
    return str(hint or "")


@contextlib.contextmanager
def worded_usage() -> Iterator[None]:
    """Usage errors raised inside, shown in the interface's language."""
    try:
        yield
    except UsageError as error:
        if isinstance(error, Worded):
            raise
        raise Worded(error) from None
