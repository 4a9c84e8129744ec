"""The lock writers take: the directory itself, met by every user, leaving no file anywhere;
a lock that cannot be had is said in a sentence, never a traceback, and nothing is written."""

from __future__ import annotations

import errno
import fcntl
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import filelock
import pytest

from helpers import Run, snapshot
from iptarget.store import write

FIGURE = ["add-actual", "apps", "r", "2016", "160"]


def lock_files() -> set[str]:
    """The lock files of iptarget in the system's temporary directory (where it once put them)."""
    return {name for name in os.listdir(tempfile.gettempdir()) if name.startswith("iptarget-")}


@pytest.fixture
def held(root: Path) -> Iterator[int]:
    """The directory locked by another writer (another open description of it, as another
    process or user would hold it)."""
    descriptor = os.open(root, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        yield descriptor
    finally:
        os.close(descriptor)


def test_writing_leaves_no_lock_file_anywhere(root: Path, run: Run) -> None:
    before_temporary = lock_files()
    names = sorted(path.name for path in root.rglob("*"))
    result = run(*FIGURE, "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in root.rglob("*")) == names
    assert lock_files() <= before_temporary


def test_a_writer_waits_for_the_lock_then_says_so(
    root: Path, run: Run, held: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(write, "LOCK_TIMEOUT_SECONDS", 0.2)
    before = snapshot(root)
    result = run(*FIGURE, "--dir", str(root))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    message = f"{root}: another iptarget command is writing here; gave up after waiting 0 s"
    assert message in result.stderr
    assert snapshot(root) == before


def test_the_lock_is_free_again_once_its_holder_is_done(root: Path, run: Run) -> None:
    assert run(*FIGURE, "--dir", str(root)).exit_code == 0
    descriptor = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if still held
    finally:
        os.close(descriptor)


@pytest.mark.parametrize(
    ("where", "error", "reason"),
    [
        ("open", PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        ("flock", OSError(errno.ENOLCK, "No locks available"), "No locks available"),
    ],
)
def test_a_lock_that_cannot_be_had_is_said_and_nothing_is_written(
    root: Path,
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    error: OSError,
    reason: str,
) -> None:
    """Another user's directory that this one may not lock, or a file system without locks
    (some network file systems)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise error

    if where == "open":
        real_open = os.open

        def open_but_the_directory(path: object, *args: object, **kwargs: object) -> object:
            if Path(str(path)) == root:
                refuse()
            return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", open_but_the_directory)
    else:
        monkeypatch.setattr(fcntl, "flock", refuse)
    before = snapshot(root)
    result = run(*FIGURE, "--dir", str(root))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{root}: cannot lock the directory against other writers" in result.stderr
    assert reason.lower() in result.stderr.lower()
    assert snapshot(root) == before


def test_in_chinese_too(root: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", refuse)
    result = run("--lang", "zh", *FIGURE, "--dir", str(root))
    assert result.exit_code == 2
    assert f"{root}: 无法锁定该目录，为免与其他写入冲突，未写入任何内容：" in result.stderr


def test_without_flock_a_lock_file_inside_the_directory(
    root: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no flock: the lock is a file inside the directory, which every user of
    the directory meets, and a writer that cannot have it says so."""
    monkeypatch.setitem(sys.modules, "fcntl", None)  # import fcntl fails, as on Windows
    monkeypatch.setattr(write, "LOCK_TIMEOUT_SECONDS", 0.2)
    other = filelock.FileLock(root / write.LOCK_FILE)
    with other.acquire():
        result = run(*FIGURE, "--dir", str(root))
    assert result.exit_code == 2
    assert "another iptarget command is writing here" in result.stderr
    assert run(*FIGURE, "--dir", str(root)).exit_code == 0
