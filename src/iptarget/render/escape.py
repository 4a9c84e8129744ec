"""One escaping rule per output, for every text that comes from the data or the command line
(SPEC 6): the terminal, GitHub workflow commands, markdown, XML and CSV."""

from __future__ import annotations

import os
import unicodedata

from iptarget.cells import protect

#: Invisible characters that reorder or hide text: bidi embeddings, overrides and isolates,
#: marks, and the line and paragraph separators.
_HIDDEN = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _needs_escape(char: str) -> bool:
    return char in _HIDDEN or unicodedata.category(char) in ("Cc", "Cs") or char in "\ufffe\uffff"


def clean(text: str) -> str:
    """Text for a terminal or a log: control, C1, bidi and separator characters shown escaped.

    ``ESC[31m`` becomes ``\\x1b[31m``, a newline ``\\n``, U+202E ``\\u202e``, so data can
    neither colour, move, reorder nor add lines. Printed as rich ``Text``, never as markup.
    """
    if text.isprintable() and not any(char in _HIDDEN for char in text):
        return text
    return "".join(_visible(char) if _needs_escape(char) else char for char in text)


def on_github() -> bool:
    """Whether output goes to a GitHub Actions log, which runs lines that look like commands."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


def log_line(line: str) -> str:
    """A line of iptarget's own output made safe for a GitHub Actions log (a no-op elsewhere).

    GitHub runs a line that starts with ``::`` and acts on ``##[`` anywhere, so neither may
    come from the data: such a line gets a leading backslash, and ``##[`` becomes ``##\\[``.
    """
    if not on_github():
        return line
    line = line.replace("##[", "##\\[")
    return "\\" + line if line.lstrip().startswith("::") else line


def workflow_data(text: str) -> str:
    """The message of a workflow command: ``%``, CR and LF escaped, no ``##[``."""
    text = clean(text).replace("##[", "##\\[")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A property of a workflow command (file, title): ``:`` and ``,`` escaped too."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


#: What data may not be in markdown (SPEC 6, issue 23): a backslash, the table's ``|``, HTML
#: (``<details>``, ``<!-- -->``, an image tag), link and image brackets, and ``@`` (a mention
#: pings the person: a zero-width space after it keeps the name readable and silent).
_MARKDOWN = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "[": "\\[",
        "]": "\\]",
        "`": "\\`",
        "@": "@&#8203;",
    }
)


def markdown_cell(text: str) -> str:
    """Text from the data in markdown (a table cell, a code span's neighbour): one line,
    shown as written, never a link, an image, HTML, a mention or the end of a cell."""
    return clean(text).translate(_MARKDOWN)


def markdown_code(text: str) -> str:
    """Text from the command line as a markdown code span (where nothing is markup), or as
    escaped text when a backtick in it would end the span."""
    shown = clean(text)
    return markdown_cell(text) if "`" in shown else f"`{shown}`"


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet will not run (OWASP): a formula-like start gets a ``'``."""
    return protect(text)
