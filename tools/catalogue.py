"""The Chinese catalogue (SPEC 8): collect the texts for people, keep the .po file up to date,
compile it to the .mo file that ships in the wheel. A development tool: iptarget itself reads
the .mo with the standard library's gettext, and needs neither this nor Babel.

    python tools/catalogue.py        # add new texts to the .po (untranslated), compile the .mo
"""

from __future__ import annotations

import ast
import re
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
SOURCE = ROOT / "src" / "iptarget"
PO = SOURCE / "locale" / "zh" / "LC_MESSAGES" / "iptarget.po"
MO = PO.with_suffix(".mo")
#: Typer's own texts, which it asks gettext for (typer/core.py).
TYPER_TEXTS = (
    "Arguments",
    "Options",
    "Commands",
    "required",
    "default: {default}",
    "env var: {var}",
    "(dynamic)",
    "Missing command.",
    "No such command {name!r}.",
    "Aborted!",
)


#: Texts that reach _() through a variable: the kinds of things ``unknown`` names, and the
#: granularities of periods.
INDIRECT_TEXTS = (
    "metric", "region", "target", "policy", "column", "key",
    "year", "half", "quarter", "month",
    # constants passed to _() by name: periods.EXPECTED, messages.ID_RULE
    'expected a year such as 2019, or "2019-H1", "2019-Q3" or "2019-03"',
    "not a valid id (lower-case letters, digits, '_' and '-', starting with a letter or digit)",
)  # fmt: skip


def messages() -> list[str]:
    """Every text that goes through the catalogue, in a stable order."""
    found: dict[str, None] = {}
    typer = [f"typer\x04{text}" for text in TYPER_TEXTS]  # i18n._typer's context
    typer += [f"pydantic\x04{kind}" for kind in pydantic_types()]  # store.messages
    for text in (*help_texts(), *marked_texts(), *INDIRECT_TEXTS, *typer):
        if text.strip():
            found.setdefault(text, None)
    return list(found)


def pydantic_types() -> tuple[str, ...]:
    """The pydantic errors whose words the catalogue carries."""
    from iptarget.store.messages import PYDANTIC_TYPES

    return PYDANTIC_TYPES


def help_texts() -> list[str]:
    """The help of the application, of every command and of every option and argument."""
    import typer.main

    from iptarget.cli import app

    group = typer.main.get_command(app)
    texts = [group.help or ""]
    texts += [getattr(param, "help", None) or "" for param in group.params]
    for name in sorted(group.commands):  # type: ignore[attr-defined]
        command = group.commands[name]  # type: ignore[attr-defined]
        texts += [command.help or "", command.short_help or ""]
        texts += [getattr(param, "help", None) or "" for param in command.params]
    return texts


def marked_texts() -> list[str]:
    """The literal texts passed to ``_()`` (and ``_p(context, text)``, keyed as gettext keys
    them: context, U+0004, text) anywhere in the source, and the headings of tables
    (``Column("…")``), which the renderers translate."""
    texts = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            literals = [
                arg.value
                for arg in node.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            ]
            if node.func.id in ("_", "Column") and literals:
                texts.append(literals[0])
            elif node.func.id == "_p" and len(literals) == 2:
                texts.append(f"{literals[0]}\x04{literals[1]}")
    for template in sorted(SOURCE.rglob("*.j2")):  # t("…") in the report's template
        texts += re.findall(r't\("((?:[^"\\]|\\.)*)"\)', template.read_text(encoding="utf-8"))
    return texts


def read_po(path: Path = PO) -> dict[str, str]:
    """The translations of a .po file (msgid -> msgstr), as this tool writes them."""
    entries: dict[str, str] = {}
    if not path.exists():
        return entries
    key: str | None = None
    current: list[str] = []
    msgid = ""
    context = ""

    def unquote(line: str) -> str:
        text = ast.literal_eval(line)  # a PO string is a C string, which Python reads alike
        assert isinstance(text, str)
        return text

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("msgctxt "):
            context = unquote(line[8:])
        elif line.startswith("msgid "):
            key, current = "id", [unquote(line[6:])]
        elif line.startswith("msgstr "):
            msgid = (f"{context}\x04" if context else "") + "".join(current)
            context = ""
            key, current = "str", [unquote(line[7:])]
        elif line.startswith('"') and key is not None:
            current.append(unquote(line))
        elif not line and key == "str":
            entries[msgid] = "".join(current)
            key = None
    if key == "str":
        entries[msgid] = "".join(current)
    entries.pop("", None)
    return entries


def write_po(entries: dict[str, str], path: Path = PO) -> None:
    """The .po file: a header, then each text and its translation."""
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Language: zh\\n"',
        "",
    ]
    for key, msgstr in entries.items():
        context, _, msgid = key.rpartition("\x04")
        lines += [*_po_string("msgctxt", context)] if context else []
        lines += [*_po_string("msgid", msgid), *_po_string("msgstr", msgstr), ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def _po_string(keyword: str, text: str) -> list[str]:
    def quote(part: str) -> str:
        escaped = part.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{escaped.replace(chr(9), chr(92) + "t")}"'

    parts = text.splitlines(keepends=True)
    if len(parts) <= 1:
        return [f"{keyword} {quote(text)}"]
    return [f'{keyword} ""', *(quote(part) for part in parts)]


def compile_mo(entries: dict[str, str]) -> bytes:
    """A GNU .mo file of the translated entries (as msgfmt writes one), header first."""
    header = "Content-Type: text/plain; charset=UTF-8\nLanguage: zh\n"
    pairs = sorted([("", header), *((k, v) for k, v in entries.items() if v)])
    ids = [key.encode("utf-8") for key, _ in pairs]
    strs = [value.encode("utf-8") for _, value in pairs]
    count = len(pairs)
    start = 7 * 4 + 16 * count
    offsets, data = [], b""
    for text in ids:
        offsets.append((len(text), start + len(data)))
        data += text + b"\0"
    for text in strs:
        offsets.append((len(text), start + len(data)))
        data += text + b"\0"
    table = b"".join(struct.pack("<2I", *pair) for pair in offsets)
    head = struct.pack("<7I", 0x950412DE, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, 0)
    return head + table + data


def update() -> list[str]:
    """Add new texts to the .po file, drop those no longer used, compile the .mo file; the
    texts still without a translation."""
    old = read_po()
    entries = {text: old.get(text, "") for text in messages()}
    write_po(entries)
    MO.write_bytes(compile_mo(entries))
    return [text for text, translation in entries.items() if not translation]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    missing = update()
    print(f"{PO}: {len(missing)} texts without a translation")
    for text in missing:
        print("  " + text.splitlines()[0][:100])
