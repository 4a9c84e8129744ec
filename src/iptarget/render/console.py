"""The terminal: consoles for stdout and stderr, problems, plain lines of text."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from iptarget.errors import Problem

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
    from rich.text import Text

    err = console(stderr=True)
    for problem in problems:
        err.print(Text(str(problem), style="red"), soft_wrap=True)


def print_lines(out: Console, lines: Iterable[Text]) -> None:
    """Lines drawn already to their width: printed as they are, never wrapped or cut."""
    for line in lines:
        out.print(line, soft_wrap=True, overflow="ignore", crop=False)


def print_written(paths: Sequence[Path]) -> None:
    """The files a command wrote, one per line."""
    for path in paths:
        sys.stdout.write(f"wrote {path}\n")


def print_text(text: str) -> None:
    """Text for scripts (JSON, CSV, markdown) on stdout, exactly as it is."""
    sys.stdout.write(text)
