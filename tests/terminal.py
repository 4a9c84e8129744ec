"""Running iptarget as a person does: in a pseudo-terminal of a given width, uncoloured."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from collections.abc import Mapping
from pathlib import Path

from rich.cells import cell_len

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def in_terminal(
    *args: str,
    columns: int = 80,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> list[str]:
    """The lines ``iptarget ARGS`` shows in a pseudo-terminal ``columns`` wide, uncoloured,
    stdout and stderr as they interleave on the screen."""
    return on_screen(*args, columns=columns, cwd=cwd, env=env)[0]


def on_screen(
    *args: str,
    columns: int = 80,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> tuple[list[str], int]:
    """The lines ``iptarget ARGS`` shows in a pseudo-terminal, and its exit code."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 60, columns, 0, 0))
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("COLUMNS", "LINES", "NO_COLOR", "TTY_COMPATIBLE", "IPTARGET_DIR")
        and not key.startswith(("GITHUB_", "LC_", "LANG", "IPTARGET_LANG"))
    }
    environment["TERM"] = "xterm-256color"
    environment.update(env or {})
    process = subprocess.Popen(
        [sys.executable, "-m", "iptarget", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=environment,
        cwd=cwd,
        close_fds=True,
    )
    os.close(slave)
    output = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        output += chunk
    code = process.wait(timeout=60)
    os.close(master)
    text = ANSI.sub("", output.decode("utf-8")).replace("\r\n", "\n")
    return text.rstrip("\n").split("\n"), code


def assert_fits(lines: list[str], columns: int = 80) -> None:
    """Every line fits the terminal's width (a Chinese character counts two columns)."""
    too_wide = [line for line in lines if cell_len(line) > columns]
    assert not too_wide, "\n".join(too_wide)
