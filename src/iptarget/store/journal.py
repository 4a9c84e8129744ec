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
_TEMPORARY = re.compile(r"\.[^/]+\.toml\.[a-z0-9_]+\.tmp")


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
    writer that died before its renames: they are removed, and nothing had changed. A
    journal is trusted only when it names what iptarget writes (``trusted_renames``):
    anything else is refused, and nothing in it is done.
    """
    journal = root / JOURNAL
    if os.path.lexists(journal):
        _rename(root, trusted_renames(root))
    folder = root / "actuals"
    if folder.is_dir():
        for path in folder.iterdir():
            if _TEMPORARY.fullmatch(path.name) and _regular(path):
                with contextlib.suppress(OSError):
                    path.unlink()


def pending(root: Path) -> list[Problem]:
    """A change that a killed writer left half-renamed (SPEC 6): its journal is still there
    once any writer at work has finished, so what was read is half of it (refused)."""
    journal = root / JOURNAL
    if not os.path.lexists(journal):
        return []
    from iptarget.store.write import locked

    with contextlib.suppress(UserError), locked(root):  # a writer at work finishes first
        if not os.path.lexists(journal):
            return []
    return [Problem(str(journal), text(usage.PENDING))]


def repair(root: Path) -> None:
    """``validate --repair``: complete an interrupted change under the directory's lock."""
    from iptarget.store.write import locked

    with locked(root):
        recover(root)


def refuse_pending(root: Path) -> None:
    """A dry run changes nothing, not even an interrupted change: said, not completed."""
    journal = root / JOURNAL
    if os.path.lexists(journal):
        trusted_renames(root)
        raise UserError.single(str(journal), usage.PENDING)


def trusted_renames(root: Path) -> list[tuple[Path, Path]]:
    """The renames of the journal, when it is one iptarget wrote: a list of pairs, each a
    temporary file ``actuals/.<name>.toml.<random>.tmp`` (a regular file, if it is still
    there) and the actuals file it replaces, ``actuals/<name>.toml``. A journal that names
    anything else (a path outside the directory, a git hook, a private file) was not
    written by iptarget, as one committed to git or planted in a pull request: refused."""
    journal = root / JOURNAL
    try:
        if not _regular(journal):
            raise ValueError(JOURNAL)
        pairs = json.loads(journal.read_bytes().decode("utf-8"))
        if not isinstance(pairs, list):
            raise ValueError(JOURNAL)
        renames = [_trusted_pair(root, pair) for pair in pairs]
    except (ValueError, OSError) as error:
        named = str(error) if isinstance(error, ValueError) and str(error) else JOURNAL
        raise UserError.single(str(journal), usage.FOREIGN_JOURNAL, path=named) from None
    return renames


def _trusted_pair(root: Path, pair: object) -> tuple[Path, Path]:
    """One rename of a journal, as iptarget writes it; ValueError naming what is not."""
    if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
        raise ValueError(json.dumps(pair, ensure_ascii=False)[:80])
    temporary, final = pair
    for name in (final, temporary):
        parts = name.split("/")
        if len(parts) != 2 or parts[0] != "actuals" or parts[1] in ("", ".", ".."):
            raise ValueError(name)
    final_name, temporary_name = final.split("/")[1], temporary.split("/")[1]
    if not (
        final_name.endswith(".toml")
        and not final_name.startswith(".")
        and _TEMPORARY.fullmatch(temporary_name)
        and temporary_name.startswith(f".{final_name}.")
    ):
        raise ValueError(temporary)
    path = root / temporary
    if os.path.lexists(path) and not _regular(path):
        raise ValueError(temporary)
    return path, root / final


def _regular(path: Path) -> bool:
    """Whether a path is a regular file itself (not a link to one)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


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
    pairs = [[Path(os.path.relpath(path, root)).as_posix() for path in pair] for pair in renames]
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
