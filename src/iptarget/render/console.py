"""The terminal: consoles for stdout and stderr, problems, plain lines of text."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from iptarget.errors import Problem
from iptarget.render.escape import clean, log_line, on_github
from iptarget.render.table import wrap
from iptarget.render.words import problem_line

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

PIPE_WIDTH = 1000  # no wrapping when the output goes to a file or a pipe


def console(stderr: bool = False) -> Console:
    """A console for stdout or stderr: colours in a terminal, plain and unwrapped in a pipe."""
    from rich.console import Console

    out = Console(stderr=stderr, highlight=False)
    if not out.is_terminal:
        out = Console(stderr=stderr, highlight=False, width=PIPE_WIDTH)
    return out


def print_problems(problems: Iterable[Problem]) -> None:
    """Each problem as ``origin: where: message`` on stderr, in red in a terminal."""
    err = console(stderr=True)
    for problem in problems:
        say(err, problem_line(problem), "red")


def say(out: Console, line: str, style: str = "") -> None:
    """One line of text, never read as markup, its control characters shown escaped; in a
    terminal it wraps at spaces, and between Chinese characters where Chinese breaks."""
    from rich.text import Text

    shown = log_line(clean(line))
    if out.is_terminal:
        shown = wrap(shown, out.width)
    out.print(Text(shown, style=style), soft_wrap=True)


def print_lines(out: Console, lines: Iterable[Text]) -> None:
    """Lines drawn already to their width (their cells escaped): printed as they are."""
    from rich.text import Text

    github = on_github()
    for line in lines:
        safe = Text(log_line(line.plain)) if github and log_line(line.plain) != line.plain else line
        out.print(safe, soft_wrap=True, overflow="ignore", crop=False)


def print_written(paths: Sequence[Path]) -> None:
    """The files a command wrote, one per line."""
    from iptarget.i18n import _

    for path in paths:
        sys.stdout.write(_("wrote {path}").format(path=path) + "\n")


def print_text(text: str) -> None:
    """Text for scripts (JSON, CSV, markdown) on stdout, as it is but in a GitHub log."""
    if on_github():  # the runner ends a line at a lone CR too (a CSV cell may hold one)
        parts = re.split("(\r\n|\r|\n)", text)
        text = "".join(part if index % 2 else log_line(part) for index, part in enumerate(parts))
    sys.stdout.write(text)
