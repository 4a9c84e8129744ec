"""The class of every iptarget command: help without type jargon, negative figures as typed."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from typer.core import TyperCommand, TyperGroup


def _read_by_typer(params: Iterable[Any]) -> None:
    """Typer before 0.29 reads values with click's own types, without pydantic: nothing to do."""


try:
    from iptarget.cli.params import plain
except ModuleNotFoundError:  # Typer before 0.29 has no typer._coercion
    plain = _read_by_typer

#: A negative figure as people type it: -3.5, -1,234, -2万, -12.3%.
_NEGATIVE = re.compile(r"-[0-9０-９][^\s]*")
#: The minus sign U+2212, which figures accept and the option parser leaves alone.
MINUS = "\N{MINUS SIGN}"


class Command(TyperCommand):
    """A Typer command whose help shows no ``<bool>`` and that takes ``-3.5`` as an argument.

    Click reads every argument that starts with ``-`` as an option, so ``add-actual … -3.5``
    would fail with "No such option: -3". An argument that is a negative figure, and not
    the value of an option, is handed on with the minus sign U+2212 instead, which
    ``parse_figure`` reads like ``-``.
    """

    def get_help_option(self, ctx: Any) -> Any:
        """The ``--help`` option, shown without a type, in the interface's language."""
        from iptarget.i18n import _

        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""
            option.help = _("Show this message and exit.")
        return option

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        """The usage line, "Usage:" in the interface's language."""
        usage(self, ctx, formatter)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The help in the interface's language, with each argument shown by its name alone
        (``METRIC``, not ``METRIC <str>``, as Typer 0.28 and later would print it)."""
        for param in self.params:
            if param.param_type_name == "argument":
                setattr(param, "display_type_rich", _no_type)  # noqa: B010 (a method, per instance)
        with translated([self, *self.params]):
            super().format_help(ctx, formatter)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Parse, after marking negative figures as arguments rather than options, each
        value read without pydantic (iptarget.cli.params)."""
        plain(self.get_params(ctx))
        return super().parse_args(ctx, negatives_as_arguments(self.params, args))


def global_first(args: list[str]) -> list[str]:
    """The arguments with ``--lang LANG`` (or ``--lang=LANG``) moved before the command when
    it was typed after it, as people type it (``iptarget status --lang zh``)."""
    before: list[str] = []
    command: list[str] = []
    moved: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            (command if command else before).extend(args[index:])
            break
        if arg == "--lang" or arg.startswith("--lang="):
            width = 2 if arg == "--lang" else 1
            (moved if command else before).extend(args[index : index + width])
            index += width
            continue
        (command if command or not arg.startswith("-") else before).append(arg)
        index += 1
    return [*before, *moved, *command]


class Group(TyperGroup):
    """The iptarget application: its help, its list of commands and its usage errors in the
    interface's language."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Parse the global options, each value read without pydantic (iptarget.cli.params);
        ``--lang`` typed after the command is taken as if typed before it."""
        plain(self.get_params(ctx))
        return super().parse_args(ctx, global_first(args))

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        """Parse the global options; a usage error is worded in the interface's language."""
        from iptarget.cli.usage import worded_usage

        with worded_usage():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        """Run a command, after parsing its options; a usage error is worded in the
        interface's language."""
        from iptarget.cli.usage import worded_usage

        with worded_usage():
            return super().invoke(ctx)

    def get_help_option(self, ctx: Any) -> Any:
        """The ``--help`` option, in the interface's language."""
        from iptarget.i18n import _

        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        """The usage line, "Usage:" in the interface's language."""
        usage(self, ctx, formatter)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The help in the interface's language."""
        commands = [self.commands[name] for name in self.list_commands(ctx)]
        with translated([self, *self.params, *commands]):
            super().format_help(ctx, formatter)


@contextlib.contextmanager
def translated(items: list[Any]) -> Iterator[None]:
    """Help texts in the interface's language while the help is written: the English text
    is the catalogue's key, and comes back afterwards. Chinese text is wrapped by its width
    on screen, two columns a character, and may break between any two characters."""
    from iptarget.i18n import _, chinese

    formatting = _formatting()
    saved = [(item, name, getattr(item, name, None)) for item in items for name in HELP_TEXTS]
    for item, name, help_text in saved:
        if isinstance(help_text, str) and help_text:
            shown = _(help_text)
            setattr(
                item, name, shown.replace(STATUSES, status_lines()) if STATUSES in shown else shown
            )
    wrap, heading = formatting.wrap_text, formatting.HelpFormatter.write_heading
    if chinese():
        formatting.wrap_text = _wide_wrap(wrap)
        formatting.HelpFormatter.write_heading = _full_width_heading
    try:
        yield
    finally:
        formatting.wrap_text = wrap
        formatting.HelpFormatter.write_heading = heading
        for item, name, help_text in saved:
            setattr(item, name, help_text)


def _formatting() -> Any:
    """Click's help formatting module, as Typer vendors it."""
    from typer._click import formatting

    return formatting


def _full_width_heading(self: Any, heading: str) -> None:
    """A section heading of the help with a full-width colon, as Chinese writes it: 选项："""
    self.write(f"{'':>{self.current_indent}}{heading}：\n")


#: Put after each wide character while Click wraps, so that it counts two columns; taken out
#: again afterwards.
_WIDE_MARK = "\x00"


def _wide_wrap(wrap: Any) -> Any:
    """Click's wrap_text, breaking lines where Chinese text breaks (iptarget.linebreak) and
    counting a wide (CJK) character as two columns."""
    from typer._click._textwrap import TextWrapper

    from iptarget.linebreak import pieces, wide

    def split(self: Any, text: str) -> list[str]:
        chunks = []
        for part in re.split(r"(\s+)", text):
            if part and not part.isspace():
                chunks += [
                    "".join(c + _WIDE_MARK if wide(c) else c for c in p) for p in pieces(part)
                ]
            elif part:
                chunks.append(part)
        return chunks

    def _marked_pieces(part: str) -> list[str]:
        return ["".join(c + _WIDE_MARK if wide(c) else c for c in piece) for piece in pieces(part)]

    def wide_wrap(text: str, *args: Any, **kwargs: Any) -> str:
        plain = TextWrapper._split
        TextWrapper._split = split  # type: ignore[method-assign]
        try:
            return str(wrap(text, *args, **kwargs)).replace(_WIDE_MARK, "")
        finally:
            TextWrapper._split = plain  # type: ignore[method-assign]

    return wide_wrap


def usage(command: Any, ctx: Any, formatter: Any) -> None:
    """Click's usage line with its "Usage:" translated."""
    from iptarget.i18n import _

    pieces = command.collect_usage_pieces(ctx)
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))


#: The attributes of commands and parameters that hold text for people.
HELP_TEXTS = ("help", "short_help", "epilog")
#: Where a command's help lists the statuses, each with what it means (render.looks).
STATUSES = "{statuses}"
F = TypeVar("F", bound=Callable[..., Any])


def helped(text: str) -> Callable[[F], F]:
    """Give a command its help: Typer shows a command's docstring, and a text marked ``N_``
    reaches the catalogue, where a docstring would not."""

    def attach(function: F) -> F:
        function.__doc__ = text
        return function

    return attach


def status_lines() -> str:
    """Every status and what it means, one a line, for the help of ``status`` and ``check``."""
    from iptarget.core.status import Status
    from iptarget.i18n import _, pgettext
    from iptarget.render.looks import STATUS_LOOKS, status_word

    lines = []
    for status in Status:
        meaning = pgettext("status help", "{meaning}").format(
            word=status_word(status), meaning=_(STATUS_LOOKS[status].meaning)
        )
        lines.append(f"  {status.value:<13}{meaning}")
    return "\n".join(lines)


def _no_type(ctx: Any) -> None:
    """No type after an argument's name in the help."""


def negatives_as_arguments(params: list[Any], args: list[str]) -> list[str]:
    """``args`` with each negative figure that is not an option's value spelled with U+2212."""
    takes_value = {
        name
        for param in params
        if param.param_type_name == "option" and not getattr(param, "is_flag", False)
        for name in param.opts
    }
    result: list[str] = []
    value_next = False
    for index, arg in enumerate(args):
        if arg == "--" and not value_next:
            return result + args[index:]
        negative = not value_next and _NEGATIVE.fullmatch(arg)
        result.append(MINUS + arg[1:] if negative else arg)
        value_next = not value_next and arg in takes_value
    return result
