"""Writing several files as one change (SPEC 6): every temporary file first, then a journal,
then the renames; the next writer completes a change that a killed run left half-renamed.

Held under the directory's lock (``write.locked``), so no two writers meet here.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path

from iptarget.errors import Problem, UserError, text
from iptarget.texts import usage

#: The journal of renames in progress, in the target directory while a change is renamed.
JOURNAL = ".iptarget-journal.json"
#: The temporary files of writers: ``.<name>.<random>.tmp`` beside the file they replace.
_TEMPORARY = re.compile(r"\..+\..+\.tmp")


def refuse_read_only(paths: list[Path]) -> None:
    """Refuse to replace a file that its owner made read-only (root could, but should not)."""
    problems = []
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            if not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
                problems.append(Problem(str(path), text(usage.READ_ONLY)))
    if problems:
        raise UserError(problems)


def write_together(root: Path, files: Mapping[Path, bytes]) -> None:
    """Write files all or none: a failure before the renames changes nothing on disk."""
    import tempfile

    renames: list[tuple[Path, Path]] = []
    current = root
    try:
        for path, data in files.items():
            current = path
            path.parent.mkdir(exist_ok=True)
            mode = _mode(path)
            handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            renames.append((Path(name), path))
            with os.fdopen(handle, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.chmod(name, mode)
        current = root / JOURNAL
        if len(renames) > 1:
            _write_journal(root, renames)
    except BaseException as error:
        for temporary, _ in renames:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
        if isinstance(error, OSError):
            raise _cannot_write(current, error) from None
        raise
    _rename(root, renames)


def _cannot_write(path: Path, error: OSError) -> UserError:
    return UserError.single(str(path), usage.CANNOT_WRITE, reason=usage.os_reason(error))


def recover(root: Path) -> None:
    """Complete the change a killed writer left in the journal; remove stale temporary files.

    Every file named in the journal was written and flushed before the journal was, so the
    change is completed (rolled forward). Temporary files without a journal belong to a
    writer that died before its renames: they are removed, and nothing had changed.
    """
    journal = root / JOURNAL
    if journal.is_file():
        with contextlib.suppress(ValueError, OSError):
            pairs = json.loads(journal.read_text(encoding="utf-8"))
            _rename(root, [(root / temporary, root / final) for temporary, final in pairs])
        with contextlib.suppress(FileNotFoundError):
            journal.unlink()
    folder = root / "actuals"
    if folder.is_dir():
        for path in folder.iterdir():
            if _TEMPORARY.fullmatch(path.name) and path.is_file():
                with contextlib.suppress(OSError):
                    path.unlink()


def _mode(path: Path) -> int:
    """The permissions a new version of a file gets: the old file's, else the umask's."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _write_journal(root: Path, renames: list[tuple[Path, Path]]) -> None:
    # relpath, not relative_to: a --dir given relative to here holds temporary files that
    # mkstemp names with absolute paths
    pairs = [[os.path.relpath(a, root), os.path.relpath(b, root)] for a, b in renames]
    path = root / JOURNAL
    with path.open("w", encoding="utf-8") as file:
        json.dump(pairs, file)
        file.flush()
        os.fsync(file.fileno())
    sync_directory(root)


def _rename(root: Path, renames: list[tuple[Path, Path]]) -> None:
    """Rename each temporary file over its file; then the journal, if any, is done with."""
    for index, (temporary, final) in enumerate(renames):
        if not temporary.exists():
            continue  # renamed already, by the run that the journal recovers
        try:
            os.replace(temporary, final)
        except OSError as error:
            if index == 0:  # nothing renamed yet: take every trace of the change away
                for other, _ in renames:
                    with contextlib.suppress(FileNotFoundError):
                        other.unlink()
                with contextlib.suppress(FileNotFoundError):
                    (root / JOURNAL).unlink()
            raise _cannot_write(final, error) from None
    for folder in {final.parent for _, final in renames}:
        sync_directory(folder)
    with contextlib.suppress(FileNotFoundError):
        (root / JOURNAL).unlink()


def sync_directory(directory: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened."""
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
