"""Quick look-ups in files, without checks: ids for shell completion, id lines for annotations."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import toml_rs

_ID_LINE = re.compile(r"""\s*id\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def ids(root: Path, kind: str) -> list[str]:
    """The ids of one kind (metric, region, target, policy) for shell completion.

    Read quickly and without checks, and never failing: a completion that cannot read the
    directory offers nothing rather than an error in the middle of the user's typing.
    """
    found: list[str] = []
    try:
        if kind in ("metric", "region"):
            table = toml_rs.loads((root / f"{kind}s.toml").read_text(encoding="utf-8"))
            found = [key for key in table.get(kind, {}) if isinstance(key, str)]
        elif kind == "policy":
            found = [path.stem for path in (root / "policies").glob("*.toml")]
        elif kind == "target":
            for path in (root / "policies").glob("*.toml"):
                with contextlib.suppress(OSError, ValueError):
                    data = toml_rs.loads(path.read_text(encoding="utf-8"))
                    targets = data.get("target", [])
                    found += [t["id"] for t in targets if isinstance(t, dict) and "id" in t]
    except (OSError, ValueError, AttributeError):
        return []
    return sorted(item for item in found if isinstance(item, str))


def id_lines(path: str) -> dict[str, int]:
    """The line of each ``id = "…"`` in a policy file, for annotations that point at a target."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _ID_LINE.match(line)
        if match:
            lines.setdefault(match[1] or match[2], number)
    return lines
