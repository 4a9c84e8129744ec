"""Writing files safely: an exclusive lock per directory, atomic writes, actuals files whole."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from iptarget.errors import UserError
from iptarget.models.files import Actual

# filelock, tempfile and tomli_w are imported where they are used: reading needs none of them.

#: Where ``init`` and ``schema --write`` put the JSON Schemas, inside the target directory.
SCHEMA_DIR = "schema"
#: The first line of an actuals file in a directory with schemas, for Taplo-based editors.
ACTUALS_SCHEMA_LINE = f"#:schema ../{SCHEMA_DIR}/actuals.json"
#: How long a command waits for another one that is writing into the same directory.
LOCK_TIMEOUT_SECONDS = 60.0


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """An exclusive lock on the target directory, held while a command reads and writes it.

    The lock file lives in the system's temporary directory, named after the directory's
    real path, so that the user's repository gets no lock file of ours.
    """
    import tempfile

    import filelock

    name = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:32]
    lock = filelock.FileLock(Path(tempfile.gettempdir()) / f"iptarget-{name}.lock")
    try:
        lock.acquire(timeout=LOCK_TIMEOUT_SECONDS)
    except filelock.Timeout:
        message = (
            f"another iptarget command is writing here; gave up after waiting "
            f"{LOCK_TIMEOUT_SECONDS:.0f} s"
        )
        raise UserError.single(str(root), "", message) from None
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn a failed write into a user-facing problem naming the file."""
    try:
        yield
    except OSError as error:
        raise UserError.single(str(path), "", f"cannot write: {error.strerror or error}") from None


def actual_table(actual: Actual) -> dict[str, Any]:
    """One actual as the TOML table ``add-actual`` writes (no empty keys, canonical period)."""
    return {
        key: str(value) if key == "period" else value
        for key, value in actual.model_dump().items()
        if value is not None
    }


def dump_actuals(actuals: Sequence[Actual]) -> str:
    """An actuals file: every figure, sorted by metric, then period, then region."""
    import tomli_w

    ordered = sorted(actuals, key=lambda actual: (actual.metric, actual.period, actual.region))
    return tomli_w.dumps({"actual": [actual_table(actual) for actual in ordered]})


def actuals_bytes(path: Path, actuals: Sequence[Actual]) -> bytes:
    """An actuals file whole, with the ``#:schema`` line when the directory has schemas."""
    header = ""
    if (path.parent.parent / SCHEMA_DIR / "actuals.json").is_file():
        header = f"{ACTUALS_SCHEMA_LINE}\n"
    return (header + dump_actuals(actuals)).encode("utf-8")


def write_text(path: Path, text: str) -> None:
    """Write a report or export file whole, or say why it cannot be written."""
    from iptarget.store.journal import write_together

    write_together(path.parent, {path: text.encode("utf-8")})


def append_text(path: Path, text: str) -> None:
    """Append to a report file such as GitHub's step summary."""
    with writing(path), path.open("a", encoding="utf-8") as file:
        file.write(text)
