"""A light scan of TOML text that knows strings and comments: how deeply it nests, and which
lines start outside a string (so that ``id = "x"`` inside a multi-line title is not an id).

The parser is not asked: a file nested thousands of levels deep crashes it (SPEC 6 sets the
limit at 32), and it reports no positions.
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: SPEC 6: more than this many levels of nested tables or arrays is refused before parsing.
MAX_DEPTH = 32
_ID_LINE = re.compile(r"""\s*id\s*=\s*(?:"([^"\\]*)"|'([^']*)')\s*(?:#.*)?$""")
_HEADER = re.compile(r"\s*\[(\[)?\s*([^\[\]]*?)\s*\]")


class Scan(NamedTuple):
    """What the scan found: the deepest nesting and its line, and each line's start."""

    depth: int
    deepest_line: int
    in_string: tuple[bool, ...]  # per line (0-based): does it start inside a string?
    in_value: tuple[bool, ...]  # per line: does it start inside an array or inline table?


class _Scanner:
    """The state of one pass: the open string, the bracket depth, the key being read."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.quote = ""  # the open string's delimiter: ', ", ''' or """
        self.depth = self.deepest = self.deepest_line = 0
        self.line = 1
        self.key_dots = 0  # dots in the key or table header being read, at depth 0
        self.before_value = True  # at depth 0, left of the line's "="
        self.in_string, self.in_value = [False], [False]

    def run(self) -> Scan:
        text, i = self.text, 0
        while i < len(text):
            char = text[i]
            if char == "\n":
                self.newline()
            elif self.quote:
                i = self.inside(i)
            else:
                i = self.outside(i, char)
            level = self.depth + self.key_dots
            if level > self.deepest:
                self.deepest, self.deepest_line = level, self.line
            i += 1
        return Scan(self.deepest, self.deepest_line, tuple(self.in_string), tuple(self.in_value))

    def newline(self) -> None:
        self.line += 1
        self.in_string.append(len(self.quote) == 3)
        self.in_value.append(self.depth > 0)
        if len(self.quote) == 1:
            self.quote = ""  # a one-line string cannot span lines; the parser will say so
        self.before_value, self.key_dots = True, 0

    def inside(self, i: int) -> int:
        """A character inside a string: only its end (or an escape) matters."""
        if self.text[i] == "\\" and self.quote[0] == '"':
            return i + 1
        if self.text.startswith(self.quote, i):
            i, self.quote = i + len(self.quote) - 1, ""
        return i

    def outside(self, i: int, char: str) -> int:
        """A character outside strings: comments, strings, brackets, "=" and dotted keys."""
        if char == "#":
            end = self.text.find("\n", i)
            return (len(self.text) if end < 0 else end) - 1
        if char in "\"'":
            self.quote = char * 3 if self.text.startswith(char * 3, i) else char
            return i + len(self.quote) - 1
        if char in "[{":
            self.depth += 1
        elif char in "]}":
            self.depth = max(0, self.depth - 1)
        elif char == "=" and self.depth == 0:
            self.before_value = False
        elif char == "." and self.before_value:
            self.key_dots += 1
        return i


def scan(text: str) -> Scan:
    """One pass over the text, tracking strings, comments, brackets and dotted keys."""
    return _Scanner(text).run()


def too_deep(text: str, data: bytes | None = None) -> int | None:
    """The line where the text nests more than MAX_DEPTH levels deep, or None; ``data`` is
    the text as UTF-8, when the caller has it."""
    if not _maybe_deep(text.encode("utf-8", "surrogatepass") if data is None else data):
        return None
    found = scan(text)
    return found.deepest_line if found.depth > MAX_DEPTH else None


#: Byte tables for bytes.translate: every byte but the brackets, every byte but "." and LF.
_ALL_BUT_BRACKETS = bytes(range(256)).translate(None, b"[]{}")
_ALL_BUT_DOTS = bytes(range(256)).translate(None, b".\n")
_MANY_DOTS = b"." * (MAX_DEPTH // 2 + 1)


def _maybe_deep(data: bytes) -> bool:
    """A quick bound, at the speed of ``bytes.translate``: False when the text cannot nest
    too deeply.

    Only the brackets are kept (those in strings and comments too, which can only make the
    bound larger), and each pass takes away the innermost pairs: brackets gone after
    MAX_DEPTH/2 passes nest at most that deep. A line with at most MAX_DEPTH/2 dots adds at
    most that many levels of dotted keys. Anything else goes to the full scan. Machine-written
    actuals files, the bulk of a national directory, are done in two passes: 13 MB in 13 ms,
    where the full scan takes 3 s. (UTF-8 never uses an ASCII byte inside another character.)
    """
    if _MANY_DOTS in data.translate(None, _ALL_BUT_DOTS):
        return True
    brackets = data.translate(None, _ALL_BUT_BRACKETS)
    for _ in range(MAX_DEPTH // 2):
        if not brackets:
            return False
        brackets = brackets.replace(b"[]", b"").replace(b"{}", b"")
    return True


def target_id_lines(text: str) -> dict[str, int]:
    """The line of each ``[[target]]``'s ``id``, from lines that start outside strings."""
    found = scan(text)
    lines: dict[str, int] = {}
    in_target = False
    for index, line in enumerate(text.splitlines()):
        if index >= len(found.in_string) or found.in_string[index] or found.in_value[index]:
            continue
        header = _HEADER.match(line)
        if header:  # at the top level, only a table header starts with "["
            in_target = bool(header[1]) and header[2] == "target"
            continue
        match = _ID_LINE.match(line)
        if match and in_target:
            lines.setdefault(match[1] if match[1] is not None else match[2], index + 1)
    return lines
