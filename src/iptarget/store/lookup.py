"""Quick look-ups in files, without checks: ids for shell completion, id lines for annotations."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import toml_rs

from iptarget.errors import UserError
from iptarget.store.toml_scan import target_id_lines, too_deep
from iptarget.texts import files


def found_upwards(start: Path) -> Path | None:
    """The target directory ``start`` lies in or below, as git finds its root: the nearest of
    it and its parents that holds metrics.toml, or a targets/ that does; relative to
    ``start`` (``../..``), or None."""
    import os

    here = start.resolve()
    for folder in (here, *here.parents):
        for candidate in (folder, folder / "targets"):
            if (candidate / "metrics.toml").is_file():
                return Path(os.path.relpath(candidate, here))
    return None


def no_directory(root: Path) -> UserError:
    """A missing target directory refused, with the directory beside it whose name is
    closest (``targets`` for ``target``) when there is one."""
    from iptarget.errors import nearest

    parent = root.parent
    try:
        names = [entry.name for entry in parent.iterdir() if entry.is_dir()]
    except OSError:
        names = []
    close = nearest(root.name, names)
    if close is None:
        return UserError.single(str(root), files.NO_DIRECTORY)
    return UserError.single(str(root), files.NO_SUCH_DIRECTORY, near=str(parent / close))


def ids(root: Path, kind: str) -> list[str]:
    """The ids of one kind (metric, region, target, policy) for shell completion.

    Read quickly and without checks, and never failing: a completion that cannot read the
    directory offers nothing rather than an error in the middle of the user's typing.
    """
    found: list[str] = []
    try:
        if kind in ("metric", "region"):
            table = _loads(root / f"{kind}s.toml")
            found = [key for key in table.get(kind, {}) if isinstance(key, str)]
        elif kind == "policy":
            found = [path.stem for path in (root / "policies").glob("*.toml")]
        elif kind == "target":
            for path in (root / "policies").glob("*.toml"):
                with contextlib.suppress(OSError, ValueError):
                    data = _loads(path)
                    targets = data.get("target", [])
                    found += [t["id"] for t in targets if isinstance(t, dict) and "id" in t]
    except (OSError, ValueError, AttributeError):
        return []
    return sorted(item for item in found if isinstance(item, str))


def id_lines(path: str) -> dict[str, int]:
    """The line of each target's ``id`` in a policy file, for annotations that point at it."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return target_id_lines(text)


def _loads(path: Path) -> dict[str, Any]:
    """A file's TOML, refused (ValueError) when it is not a regular file or nests too deeply."""
    if not path.is_file():
        raise ValueError(f"{path} is not a regular file")
    text = path.read_text(encoding="utf-8")
    if too_deep(text) is not None:
        raise ValueError(f"{path} nests too deeply")
    return toml_rs.loads(text)
