"""Writes that survive a full disk, a kill between renames, stale files and read-only files."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import FACTOR_2, KILL_AFTER_FIRST_RENAME, Run, actuals, policy, snapshot, write_dir

JOURNAL = ".iptarget-journal.json"


def two_regions(root: Path) -> Path:
    return write_dir(
        root,
        {"p": policy(FACTOR_2)},
        {"r": actuals("apps", "r", {"2014": 100}), "s": actuals("apps", "s", {"2014": 100})},
    )


def csv_rows(path: Path, per_region: int) -> Path:
    """A CSV of ``per_region`` monthly figures for each of r and s."""
    rows = ["metric,region,period,value,source"]
    for region in ("r", "s"):
        rows += [
            f"apps,{region},{1900 + index // 12}-{index % 12 + 1:02d},{index},Yearbook {index}"
            for index in range(per_region)
        ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def figures(root: Path, region: str) -> int:
    data = tomllib.loads((root / "actuals" / f"{region}.toml").read_text(encoding="utf-8"))
    return len(data["actual"])


def leftovers(root: Path) -> list[str]:
    return sorted(
        path.name for path in root.rglob("*") if path.name.endswith(".tmp") or path.name == JOURNAL
    )


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 512 KiB tmpfs, where this machine lets us mount one (root on Linux)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here: " + done.stderr.decode(errors="replace"))
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_a_full_disk_changes_nothing(small_disk: Path, tmp_path: Path, run: Run) -> None:
    root = two_regions(small_disk / "targets")
    data = csv_rows(tmp_path / "rows.csv", per_region=1500)  # about 130 KiB per region file
    stat = os.statvfs(small_disk)
    free = stat.f_bavail * stat.f_frsize
    (small_disk / "filler").write_bytes(b"\0" * (free - 200 * 1024))  # room for one file only
    before = snapshot(root)
    result = run("import", str(data), "--dir", str(root))
    assert result.exit_code == 2, result.output
    assert "cannot write: No space left on device" in result.stderr
    assert snapshot(root) == before
    assert leftovers(root) == []
    (small_disk / "filler").unlink()
    assert run("import", str(data), "--dir", str(root)).exit_code == 0
    assert (figures(root, "r"), figures(root, "s")) == (1501, 1501)


def test_a_write_that_fails_at_the_os_changes_nothing(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = two_regions(tmp_path / "targets")
    data = csv_rows(tmp_path / "rows.csv", per_region=3)
    real, calls = os.fsync, []

    def fsync(handle: int) -> None:
        calls.append(handle)
        if len(calls) == 2:  # the second temporary file
            raise OSError(errno.ENOSPC, "No space left on device")
        real(handle)

    monkeypatch.setattr(os, "fsync", fsync)
    before = snapshot(root)
    result = run("import", str(data), "--dir", str(root))
    assert result.exit_code == 2
    assert f"{root / 'actuals' / 's.toml'}: cannot write: No space left on device" in result.stderr
    assert snapshot(root) == before
    assert leftovers(root) == []


def test_a_run_killed_between_renames_is_completed_by_the_next_writer(
    tmp_path: Path, run: Run
) -> None:
    root = two_regions(tmp_path / "targets")
    data = csv_rows(tmp_path / "rows.csv", per_region=3)
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AFTER_FIRST_RENAME, "import", str(data), "--dir", str(root)],
        capture_output=True,
        check=False,
    )
    assert killed.returncode == 9
    assert sorted((figures(root, "r"), figures(root, "s"))) == [1, 4]  # half renamed
    assert (root / JOURNAL).is_file()
    result = run("add-actual", "apps", "r", "2015", "120", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert (figures(root, "r"), figures(root, "s")) == (5, 4)  # completed, then recorded
    assert leftovers(root) == []


def test_stale_temporary_files_are_removed_by_the_next_write(tmp_path: Path, run: Run) -> None:
    root = two_regions(tmp_path / "targets")
    stale = root / "actuals" / ".r.toml.k2j4h1.tmp"
    stale.write_text("half a file", encoding="utf-8")
    assert run("status", "--dir", str(root)).exit_code == 0  # reading leaves it
    assert stale.exists()
    assert run("add-actual", "apps", "s", "2015", "1", "--force", "--dir", str(root)).exit_code == 0
    assert not stale.exists()


def test_a_read_only_actuals_file_is_refused(tmp_path: Path, run: Run) -> None:
    root = two_regions(tmp_path / "targets")
    path = root / "actuals" / "r.toml"
    path.chmod(0o444)
    before = snapshot(root)
    result = run("add-actual", "apps", "r", "2015", "100", "--dir", str(root))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{path}: read-only; make it writable to record here"
    assert snapshot(root) == before
    assert path.stat().st_mode & 0o777 == 0o444


def test_an_import_into_a_directory_given_relative_to_here(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two files written together journal their renames relative to the directory, even when
    --dir is relative and the temporary files' paths are absolute (this was a traceback)."""
    root = two_regions(tmp_path / "targets")
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "both.csv"
    data.write_text(
        "metric,region,period,value\napps,r,2015,120\napps,s,2015,90\n", encoding="utf-8"
    )
    result = run("import", str(data), "--dir", "targets")
    assert result.exit_code == 0, result.output
    assert "2 added, 0 replaced in 2 files" in result.stdout
    assert leftovers(root) == []
