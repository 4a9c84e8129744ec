"""The package layout of STYLE.md, held: which package may import which, and module sizes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "iptarget"

#: What each part of iptarget may import from iptarget itself (STYLE.md: imports flow one way).
ALLOWED: dict[str, set[str]] = {
    "errors": {"i18n", "texts"},
    "i18n": set(),
    "texts": {"texts", "errors", "i18n"},
    "choices": set(),
    "typed": {"errors", "texts"},
    "periods": {"typed", "i18n", "errors", "texts"},
    "typed_periods": {"periods", "typed", "errors", "texts"},
    "cells": set(),
    "linebreak": set(),
    "core": {"core", "periods", "errors", "i18n", "texts"},
    "models": {"models", "periods", "errors", "core.dataset", "core.goals", "core.status", "i18n"}
    | {"texts"},
    "store": {"store", "models", "periods", "typed_periods", "errors", "typed", "cells", "i18n"}
    | {"texts"}
    | {
        "core.dataset",
        "core.goals",
        "core.graphs",
        "core.links",
        "core.slips",
        "core.vintages",
        "core.decimals",
    }
    | {"core.status"},
    "render": {"render", "core", "periods", "errors", "typed", "cells", "i18n", "texts", "choices"}
    | {"linebreak"},
    "cli": {"cli", "store", "core", "render", "errors", "i18n", "texts", "choices", "__version__"}
    | {"linebreak"},
    "launch": {"cli"},  # the console script: the top, as __main__
    "__main__": {"cli", "launch"},
    "__init__": set(),
}
#: Third-party packages that only one part may import.
OWNERS = {"rich": "render", "typer": "cli", "click": "cli", "pydantic": "models|store"}


def part_of(path: Path) -> str:
    """``core`` for core/values.py, ``errors`` for errors.py."""
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def imports(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, with its line: ``iptarget.core.values.Values``, ``rich.text``.

    ``from iptarget.x import y`` counts as importing ``iptarget.x.y``, whatever y is.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] == "iptarget":  # from iptarget import store
                found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
    return found


def violations(path: Path) -> list[str]:
    """The imports of one file that break the layout's rules."""
    part = part_of(path)
    found = []
    for line, module in imports(path):
        top = module.split(".")[0]
        where = f"{path.relative_to(PACKAGE)}:{line}: imports {module}"
        if top == "iptarget":
            inner = module.removeprefix("iptarget").removeprefix(".") or "iptarget"
            allowed = ALLOWED[part]
            if not any(inner == rule or inner.startswith(f"{rule}.") for rule in allowed):
                found.append(f"{where}, which {part} may not import")
        elif top in OWNERS and part not in OWNERS[top].split("|"):
            found.append(f"{where}, which only {OWNERS[top]} may import")
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_imports_flow_one_way(path: Path) -> None:
    assert violations(path) == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_module_is_over_300_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 300


@pytest.mark.parametrize(
    ("part", "source", "message"),
    [
        ("render", "from rich.text import Text", None),
        ("core", "import rich", "only render may import"),
        ("store", "from rich.console import Console", "only render may import"),
        ("core", "from pydantic import BaseModel", "only models|store may import"),
        ("render", "import typer", "only cli may import"),
        ("render", "from iptarget.store.read import Reader", "render may not import"),
        ("render", "from iptarget import store", "render may not import"),
        ("store", "from iptarget.cli.common import load", "store may not import"),
        ("core", "from iptarget.models.files import Metric", "core may not import"),
        ("core", "from iptarget.core.values import Values", None),
        ("cli", "from iptarget.store.read import read_directory", None),
    ],
)
def test_the_rules_catch_what_they_should(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part: str, source: str, message: str | None
) -> None:
    package = tmp_path / "iptarget"
    (package / part).mkdir(parents=True)
    path = package / part / "example.py"
    path.write_text(f"def f() -> None:\n    {source}\n", encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.PACKAGE", package)
    found = violations(path)
    if message is None:
        assert found == []
    else:
        assert len(found) == 1
        assert message in found[0]
