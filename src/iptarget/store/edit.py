"""Comment-keeping edits of actuals files (SPEC 6, v2): people may edit them too.

An edit changes only the entries it adds, replaces or removes; every comment, blank line,
line ending and untouched entry stays byte for byte. A file laid out as ``[[actual]]``
tables (as add-actual writes it, and as people copy it) is cut into one piece per entry, so
that only the pieces that change are parsed again, with tomlkit, which keeps the comments
inside an entry; a file laid out otherwise (an inline array) is edited as one tomlkit
document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from iptarget.store.toml_scan import scan

_HEADER = re.compile(r"\s*\[(\[)?\s*([^\[\]]*?)\s*\]\]?\s*(?:#.*)?$")
_LONE_LF = re.compile(r"(?<!\r)\n")
Table = Mapping[str, Any]
"""An entry as TOML values: metric, region, period, value, … (no empty keys)."""


@dataclass
class _Block:
    """One entry's lines (from its header to its last key), and the lines after it."""

    entry: str
    gap: str


@dataclass
class ActualsText:
    """An actuals file being edited: its text cut into entries, each with the lines after it.

    ``blocks[i]`` holds the i-th ``[[actual]]`` entry of the file, in file order; ``head``
    is what comes before the first (the ``#:schema`` line, a note on the file).
    """

    head: str
    blocks: list[_Block] = field(default_factory=list)
    newline: str = "\n"

    def insert(self, index: int, table: Table) -> None:
        """Add an entry so that it becomes the ``index``-th, without moving the others."""
        text = _entry_text(table, self.newline)
        if not self.blocks:
            # the first entry follows a note on the file after a blank line, and the
            # "#:schema" line directly, as in a file that add-actual starts
            self.head = _ended(self.head, self.newline)
            last = self.head.rpartition(self.newline)[0].rpartition("\n")[2]
            if last.strip() and not last.startswith("#:schema"):
                self.head += self.newline
            self.blocks.append(_Block(text, ""))
        elif index == 0:
            self.blocks.insert(0, _Block(text, self.newline))
        else:
            before = self.blocks[index - 1]
            before.entry = _ended(before.entry, self.newline)
            self.blocks.insert(index, _Block(text, before.gap))
            before.gap = self.newline

    def replace(self, index: int, table: Table) -> None:
        """Change the ``index``-th entry's keys to ``table``'s, keeping its comments."""
        import tomlkit

        block = self.blocks[index]
        document = tomlkit.parse(block.entry)
        _update(document["actual"][0], table)
        text = tomlkit.dumps(document)
        block.entry = _LONE_LF.sub(self.newline, text) if self.newline != "\n" else text

    def remove(self, index: int) -> None:
        """Take out the ``index``-th entry with the comments directly above it (they are
        about it); the comments directly above the next entry stay, and the file ends as
        it did."""
        block = self.blocks.pop(index)
        below_rest, below_leading = _comments_above(block.gap)
        if index == 0:
            self.head += below_leading
            return
        before = self.blocks[index - 1]
        rest, _ = _comments_above(before.gap)
        if index == len(self.blocks):  # the last entry
            before.gap = (rest if rest.strip() else "") + block.gap
        else:
            before.gap = (rest or below_rest) + below_leading

    def text(self) -> str:
        """The file as it now reads."""
        return self.head + "".join(block.entry + block.gap for block in self.blocks)


def edit(text: str, entries: int, edits: Sequence[tuple[str, int, Table]]) -> str:
    """``text`` with the edits applied in order: ("insert", "replace" or "remove", index,
    table).

    ``entries`` is how many actuals the parser read from the text; when the text is not cut
    into that many ``[[actual]]`` tables, the whole document goes through tomlkit.
    """
    cut = _cut(text, entries)
    if cut is None:
        return _edit_document(text, edits)
    for kind, index, table in edits:
        if kind == "insert":
            cut.insert(index, table)
        elif kind == "remove":
            cut.remove(index)
        else:
            cut.replace(index, table)
    return cut.text()


def _cut(text: str, entries: int) -> ActualsText | None:
    """The text cut into entries, or None when it is not laid out as ``[[actual]]`` tables."""
    lines = text.splitlines(keepends=True)
    in_string, in_value = _line_starts(text, len(lines))
    headers: list[int] = []
    for index, line in enumerate(lines):
        if in_string[index] or in_value[index]:
            continue
        header = _HEADER.match(line)
        if header is None:
            continue
        if not header[1] or header[2] != "actual":
            return None
        headers.append(index)
    if len(headers) != entries:
        return None
    newline = "\r\n" if "\r\n" in text else "\n"
    cut = ActualsText("".join(lines[: headers[0]]) if headers else text, newline=newline)
    for number, start in enumerate(headers):
        stop = headers[number + 1] if number + 1 < len(headers) else len(lines)
        end = start
        for index in range(start, stop):
            stripped = lines[index].strip()
            if in_string[index] or (stripped and not stripped.startswith("#")):
                end = index
        cut.blocks.append(_Block("".join(lines[start : end + 1]), "".join(lines[end + 1 : stop])))
    return cut


def _line_starts(text: str, count: int) -> tuple[Sequence[bool], Sequence[bool]]:
    """For each line: does it start inside a string, and inside an array or inline table?

    Without multi-line strings no line starts inside a string, and a line inside a
    multi-line array cannot pass for an ``[[actual]]`` header (any other header-like line
    sends the file to the tomlkit path), so the character scan, 10 ms for a national
    actuals file, is needed only when the text holds a multi-line string.
    """
    if '"""' in text or "'''" in text:
        found = scan(text)
        return found.in_string, found.in_value
    return [False] * count, [False] * count


def _edit_document(text: str, edits: Sequence[tuple[str, int, Table]]) -> str:
    """The edits made on the whole file as one tomlkit document (an unusual layout)."""
    import tomlkit

    document = tomlkit.parse(text)
    if "actual" not in document:
        document["actual"] = tomlkit.aot()
    entries = document["actual"]
    for kind, index, table in edits:
        if kind == "insert":
            entries.insert(index, dict(table))
        elif kind == "remove":
            del entries[index]
        else:
            _update(entries[index], table)
    return tomlkit.dumps(document)


def _update(entry: Any, table: Table) -> None:
    """Set an entry's keys to the table's, keeping the comments of the lines that stay."""
    for key in [key for key in entry if key not in table]:
        del entry[key]
    for key, value in table.items():
        if key not in entry or entry[key] != value or type(entry[key]) is not type(value):
            entry[key] = value  # tomlkit keeps the comment after a value it replaces


def _entry_text(table: Table, newline: str) -> str:
    """A new entry as add-actual writes it: ``[[actual]]`` and one key per line."""
    import tomli_w

    # tomli-w writes a short array of tables inline: the header is ours, the keys its.
    text = "[[actual]]\n" + tomli_w.dumps(dict(table))
    return text.replace("\n", newline) if newline != "\n" else text


def _comments_above(gap: str) -> tuple[str, str]:
    """The lines between two entries cut into the rest and the comment lines directly above
    the next entry (no blank line between them and its header)."""
    lines = gap.splitlines(keepends=True)
    split = len(lines)
    while split > 0 and lines[split - 1].lstrip().startswith("#"):
        split -= 1
    return "".join(lines[:split]), "".join(lines[split:])


def _ended(text: str, newline: str) -> str:
    """Text that ends with a line break (the last entry of a file may lack one)."""
    return text if not text or text.endswith("\n") else text + newline
