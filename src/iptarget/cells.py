"""CSV cells a spreadsheet will not run as formulas (OWASP), and the way back on import;
text that XML (a workbook, a JUnit report) can hold."""

from __future__ import annotations

import re

#: What makes a spreadsheet read a cell as a formula.
FORMULA_START = "=+-@\t\r"
#: Characters XML 1.0 forbids: C0 controls but tab, newline and return; surrogates; FFFE, FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _formula_like(text: str) -> bool:
    rest = text.lstrip("'")
    return bool(rest) and rest[0] in FORMULA_START and not _NUMBER.fullmatch(rest)


def protect(text: str) -> str:
    """A cell for export: a formula-like start (``=HYPERLINK(…)``, ``@SUM``) gets a ``'``.

    Plain numbers (``-5``, ``+1.5e3``) stay as they are. Text that already starts with
    quotes before such a character gets one more, so that ``unprotect`` gives it back whole.
    """
    return "'" + text if _formula_like(text) else text


def unprotect(text: str) -> str:
    """The cell as it was before ``protect``: an export imports back exactly."""
    return text[1:] if text.startswith("'") and _formula_like(text) else text


def xml_text(text: str) -> str:
    """Text that XML can hold: the characters XML forbids are dropped."""
    return _NOT_XML.sub("", text)
