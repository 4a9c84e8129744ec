"""New target directories (``init``) and the JSON Schema files editors read."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from iptarget.errors import UserError
from iptarget.models.schema import SCHEMA_KINDS, json_schema, schema_text
from iptarget.store.journal import write_together
from iptarget.store.write import SCHEMA_DIR, writing
from iptarget.texts import usage

#: ``init``'s .gitignore: what iptarget makes only while it writes never goes into git.
GITIGNORE = """\
# iptarget's own files, there only while a command writes: never commit them
.iptarget-journal.json
.iptarget.lock
.*.tmp
"""
#: ``init``'s actuals/.gitkeep: git keeps no empty folder, and a target directory has one.
GITKEEP = "# actuals/ holds the figures; this file keeps the folder in git while it is empty\n"


def schemas_json(kinds: Sequence[str], one: bool) -> str:
    """One file kind's JSON Schema, or an object of every kind's, as JSON text."""
    document = json_schema(kinds[0]) if one else {kind: json_schema(kind) for kind in kinds}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_schemas(root: Path) -> list[Path]:
    """Write the JSON Schema of every file kind to ``<root>/schema/<kind>.json``."""
    if not root.is_dir():
        raise UserError.single(str(root), usage.NO_DIRECTORY_HERE)
    folder = root / SCHEMA_DIR
    with writing(folder):
        folder.mkdir(exist_ok=True)
    written = []
    for kind in SCHEMA_KINDS:
        path = folder / f"{kind}.json"
        write_together(folder, {path: schema_text(kind).encode("utf-8")})
        written.append(path)
    return written


def init(root: Path) -> list[Path]:
    """A new target directory with commented example files that validate; nothing else.

    The files are made in a temporary directory beside ``root`` and moved into place in
    one rename, so a failure leaves nothing behind, and an existing directory with
    anything in it is refused.
    """
    import shutil
    import tempfile
    from importlib.resources import as_file, files

    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise UserError.single(str(root), usage.NOT_EMPTY)
    parent = root.absolute().parent
    with writing(root):
        parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=parent, prefix=f".{root.name}."))
        try:
            with as_file(files("iptarget") / "starter") as starter:
                shutil.copytree(starter, work, dirs_exist_ok=True)
            (work / "actuals").mkdir()
            (work / "actuals" / ".gitkeep").write_text(GITKEEP, encoding="utf-8")
            (work / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
            write_schemas(work)
            if root.exists():
                root.rmdir()  # empty, as checked above
            work.rename(root)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
    return sorted(path for path in root.rglob("*") if path.is_file())
