"""Writing files safely: an exclusive lock on the directory, atomic writes, actuals files whole."""

from __future__ import annotations

import contextlib
import datetime
import errno
import os
import stat
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from iptarget.errors import UserError
from iptarget.models.entries import ActualEntry
from iptarget.periods import Period
from iptarget.texts import usage

# filelock, tempfile and the TOML writers are imported where they are used: reading needs none.

#: Where ``init`` and ``schema --write`` put the JSON Schemas, inside the target directory.
SCHEMA_DIR = "schema"
#: The first line of an actuals file in a directory with schemas, for Taplo-based editors.
ACTUALS_SCHEMA_LINE = f"#:schema ../{SCHEMA_DIR}/actuals.json"
#: How long a command waits for another one that is writing into the same directory.
LOCK_TIMEOUT_SECONDS = 60.0


#: The lock file where a directory cannot be locked itself (Windows), removed on release.
LOCK_FILE = ".iptarget.lock"


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """An exclusive lock on the target directory, held while a command reads and writes it.

    The directory itself is locked (flock on the directory), so every user who writes into
    it meets the same lock, whoever made it, and no lock file is left anywhere. Where a
    directory cannot be locked (Windows), a lock file inside it is, removed on release. A
    lock that cannot be taken at all is said as such; nothing is then written.
    """
    try:
        import fcntl
    except ImportError:  # Windows
        with _file_locked(root):
            yield
        return
    try:
        descriptor = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as error:
        raise _cannot_lock(root, error) from None
    try:
        _flock(root, descriptor, fcntl)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _flock(root: Path, descriptor: int, fcntl: Any) -> None:
    """Take the lock, waiting up to LOCK_TIMEOUT_SECONDS for another writer."""
    deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES):
                raise _cannot_lock(root, error) from None
        if time.monotonic() >= deadline:
            raise _locked_out(root)
        time.sleep(0.05)


@contextlib.contextmanager
def _file_locked(root: Path) -> Iterator[None]:
    import filelock

    lock = filelock.FileLock(root / LOCK_FILE)
    try:
        lock.acquire(timeout=LOCK_TIMEOUT_SECONDS)
    except filelock.Timeout:
        raise _locked_out(root) from None
    except OSError as error:
        raise _cannot_lock(root, error) from None
    try:
        yield
    finally:
        lock.release()


def _locked_out(root: Path) -> UserError:
    return UserError.single(str(root), usage.LOCKED, seconds=f"{LOCK_TIMEOUT_SECONDS:.0f}")


def _cannot_lock(root: Path, error: OSError) -> UserError:
    return UserError.single(str(root), usage.CANNOT_LOCK, reason=usage.os_reason(error))


@contextlib.contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn a failed write into a user-facing problem naming the file."""
    try:
        yield
    except OSError as error:
        reason = usage.os_reason(error)
        raise UserError.single(str(path), usage.CANNOT_WRITE, reason=reason) from None


def actual_table(actual: ActualEntry) -> dict[str, Any]:
    """One actual as the TOML table ``add-actual`` writes: no empty keys, the canonical period,
    whole numbers as integers."""
    from iptarget.typed import storable

    table: dict[str, Any] = {}
    for key, value in actual._asdict().items():
        if value is not None:
            table[key] = str(value) if key == "period" else value
    table["value"] = storable(actual.value)
    return table


def actuals_text(
    path: Path,
    entries: Sequence[ActualEntry],
    new: Sequence[tuple[ActualEntry | None, ActualEntry]],
    removed: Sequence[ActualEntry] = (),
) -> bytes:
    """An actuals file with new entries added, replaced ones changed and removed ones gone,
    and nothing else.

    ``entries`` are the file's figures as read, in file order; each of ``new`` is (the entry
    it replaces or None, the new figure). A new figure goes just after the last entry that
    sorts before it (by metric, period, then publication date), so a file written only by
    iptarget stays sorted; a file that does not exist yet starts with the ``#:schema`` line
    when the directory has schemas.
    """
    from iptarget.store.edit import edit

    if path.exists():
        text = path.read_bytes().decode("utf-8")
    else:
        text = f"{ACTUALS_SCHEMA_LINE}\n" if _has_schemas(path) else ""
    order = list(entries)
    edits = []
    for replaced, actual in new:
        if replaced is not None:
            index = next(i for i, old in enumerate(order) if old is replaced)
            order[index] = actual
            edits.append(("replace", index, actual_table(actual)))
        else:
            key = _sort_key(actual)
            index = 1 + max((i for i, old in enumerate(order) if _sort_key(old) < key), default=-1)
            order.insert(index, actual)
            edits.append(("insert", index, actual_table(actual)))
    for entry in removed:
        index = next(i for i, old in enumerate(order) if old is entry)
        del order[index]
        edits.append(("remove", index, {}))
    return edit(text, len(entries), edits).encode("utf-8")


def _sort_key(actual: ActualEntry) -> tuple[str, Period, bool, datetime.date]:
    """How entries are ordered in an actuals file: by metric, then period, then publication
    date, an undated vintage first (SPEC 1)."""
    published = actual.published
    return (actual.metric, actual.period, published is not None, published or datetime.date.min)


def _has_schemas(path: Path) -> bool:
    """Whether the target directory of an actuals file has the JSON Schemas of ``init``."""
    return (path.parent.parent / SCHEMA_DIR / "actuals.json").is_file()


def write_text(path: Path, text: str) -> None:
    """Write a report or export file whole, or say why it cannot be written."""
    write_bytes(path, text.encode("utf-8"))


#: Output paths that name a standard stream (by its file descriptor): written to as they are.
STREAMS = {"/dev/stdout": 1, "/dev/stderr": 2, "/dev/fd/1": 1, "/dev/fd/2": 2}


def write_bytes(path: Path, data: bytes) -> None:
    """Write a report or an export whole (atomically), or say why it cannot be written.

    A regular file, or a new one, is replaced by a rename; a symbolic link is written
    through, its target replaced and the link kept; a standard stream (/dev/stdout) is
    written to. Anything else that exists there (a FIFO, a device, a folder) is refused:
    renaming over it would replace it, and as root even /dev/null.
    """
    from iptarget.store.journal import write_together

    stream = STREAMS.get(str(path))
    if stream is not None:
        with writing(path):
            sys.stdout.flush()
            sys.stderr.flush()
            _write_all(stream, data)
        return
    target = _output_file(path)
    write_together(target.parent, {target: data})


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _output_file(path: Path) -> Path:
    """The regular file a report or an export replaces (a link's target), or a new one."""
    with writing(path):
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            return path
        if stat.S_ISLNK(mode):
            resolved = Path(os.path.realpath(path))
            try:
                mode = os.stat(resolved).st_mode
            except FileNotFoundError:
                return resolved  # a link to a file still to be made
            if stat.S_ISREG(mode):
                return resolved
        elif stat.S_ISREG(mode):
            return path
    raise UserError.single(str(path), usage.NOT_REGULAR_OUTPUT)


def append_text(path: Path, text: str) -> None:
    """Append to a report file such as GitHub's step summary."""
    with writing(path), path.open("a", encoding="utf-8") as file:
        file.write(text)
