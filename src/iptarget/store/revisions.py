"""A target directory as it was at a git revision, read without checking anything out
(SPEC 9): ``git rev-parse`` names the revision, ``git ls-tree`` lists the directory's files
and ``git cat-file --batch`` hands over their contents, which are written to a scratch
directory that the ordinary reader reads."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from iptarget.core.dataset import Dataset
from iptarget.errors import Problem, UserError, text
from iptarget.store.files import Parsed
from iptarget.texts import usage
from iptarget.texts.template import Template

#: git's environment: no pager, no prompt, messages in English whatever the locale.
_GIT_ENV = {"GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}


@dataclass(frozen=True)
class Repository:
    """The git repository that holds a target directory, and the directory's path in it."""

    top: Path
    inside: str  # the directory's path relative to ``top``, in git's spelling ("targets")


@dataclass(frozen=True)
class Side:
    """One side of a diff: how it is named in messages, and the commit (None: the files on
    disk)."""

    label: str
    commit: str | None


def repository(directory: Path) -> Repository:
    """The repository that holds ``directory`` (which need not exist on disk any more)."""
    absolute = Path(os.path.abspath(directory))
    existing = absolute
    while not existing.is_dir() and existing != existing.parent:
        existing = existing.parent
    result = _git(existing, "rev-parse", "--show-toplevel", check=False)
    if result.returncode != 0:
        raise UserError.single(str(directory), usage.NOT_A_REPOSITORY)
    top = Path(result.stdout.decode("utf-8").strip())
    inside = os.path.relpath(absolute, top)
    if inside.startswith(".."):
        raise UserError.single(str(directory), usage.OUTSIDE_REPOSITORY, top=str(top))
    return Repository(top, Path(inside).as_posix())


def side(repo: Repository, name: str, argument: str) -> Side:
    """A revision as ``git rev-parse`` reads it (a branch, a tag, a commit, ``HEAD~2``)."""
    result = _git(repo.top, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}", check=False)
    if result.returncode != 0 or not name.strip() or name.startswith("-"):
        raise UserError.single(argument, usage.UNKNOWN_REVISION, name=repr(name))
    commit = result.stdout.decode("ascii").strip()
    return Side(f"{name} ({commit[:7]})" if commit[:7] not in name else name, commit)


def materialize(repo: Repository, chosen: Side, into: Path) -> bool:
    """Write the target directory as it is at a commit under ``into``; False when the
    directory does not exist at that commit. Only regular files are written, each inside
    ``into``: a tree that would put one anywhere else is refused (``_entries``)."""
    entries = _entries(repo, chosen)
    if not entries:
        return False
    contents = _blobs(repo.top, [blob for blob, _ in entries])
    inside = os.path.normpath(into)
    for (_, relative), data in zip(entries, contents, strict=True):
        target = into / relative  # the scratch directory holds only what is written here
        if os.path.commonpath([inside, os.path.normpath(target)]) != inside:  # as checked
            raise _unsafe(chosen, relative, usage.TREE_OUTSIDE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return True


def _entries(repo: Repository, chosen: Side) -> list[tuple[str, str]]:
    """The blobs of the directory at a commit and their paths inside it. A path git would
    write outside the directory (an entry named ``..`` or ``.``), a symbolic link, a
    submodule, or a file and a folder of one name is refused, naming the revision: git
    accepts such trees (``git mktree``), and a pull request can hold one."""
    commit = chosen.commit
    assert commit is not None, "a side read from git has its commit"
    listing = _git(repo.top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", repo.inside)
    entries = []
    prefix = "" if repo.inside == "." else repo.inside + "/"
    for record in listing.stdout.split(b"\0"):
        if not record:
            continue
        info, _, path = record.partition(b"\t")
        mode, kind, blob = info.decode("ascii").split()
        name = path.decode("utf-8", "surrogateescape")
        if not name.startswith(prefix):
            continue
        relative = name[len(prefix) :]
        if any(part in ("", ".", "..") for part in relative.split("/")) or "\\" in relative:
            raise _unsafe(chosen, relative, usage.TREE_OUTSIDE)
        if kind != "blob" or mode not in ("100644", "100755"):
            raise _unsafe(chosen, relative, usage.TREE_LINK)
        entries.append((blob, relative))
    files = {relative for _, relative in entries}
    for relative in files:
        parts = relative.split("/")
        for end in range(1, len(parts)):
            if "/".join(parts[:end]) in files:
                raise _unsafe(chosen, "/".join(parts[:end]), usage.TREE_FILE_AND_FOLDER)
    if len(files) != len(entries):
        twice = next(r for r in files if sum(1 for _, other in entries if other == r) > 1)
        raise _unsafe(chosen, twice, usage.TREE_FILE_AND_FOLDER)
    return entries


def _unsafe(chosen: Side, relative: str, said: Template) -> UserError:
    return UserError.single(chosen.label, said, path=repr(relative))


def working_tree(repo: Repository, directory: Path, into: Path) -> Path | None:
    """The target directory as it is on disk, tracked or not, without the files git ignores:
    ``directory`` itself when it holds no ignored file, else a copy under ``into``; None when
    it does not exist."""
    if not directory.is_dir():
        return None
    ignored = _git(
        repo.top,
        "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--", repo.inside,
    ).stdout  # fmt: skip
    if not ignored.strip(b"\0"):
        return directory
    kept = _git(
        repo.top,
        "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", repo.inside,
    ).stdout  # fmt: skip
    prefix = "" if repo.inside == "." else repo.inside + "/"
    for raw in kept.split(b"\0"):
        name = raw.decode("utf-8", "surrogateescape")
        source = repo.top / name
        if name.startswith(prefix) and source.is_file() and not source.is_symlink():
            target = into / name[len(prefix) :]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
    for folder in ("actuals", "policies"):  # empty, they are still there (SPEC 6)
        if (directory / folder).is_dir():
            (into / folder).mkdir(parents=True, exist_ok=True)
    return into


def _blobs(top: Path, blobs: list[str]) -> list[bytes]:
    """The contents of blobs, in one ``git cat-file --batch`` run."""
    result = _git(top, "cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in blobs))
    data, position, found = result.stdout, 0, []
    for _ in blobs:
        end = data.index(b"\n", position)
        size = int(data[position:end].split()[2])
        found.append(data[end + 1 : end + 1 + size])
        position = end + 1 + size + 1  # the contents, then a newline
    return found


def _git(
    where: Path, *args: str, check: bool = True, stdin: str | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run git; a failure is the user's (no git, a broken repository), said in one line."""
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=where,
            input=None if stdin is None else stdin.encode("ascii"),
            capture_output=True,
            env={**os.environ, **_GIT_ENV},
            check=False,
        )
    except FileNotFoundError:
        raise UserError.single("git", usage.NO_GIT) from None
    if check and result.returncode != 0:
        said = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UserError(
            [Problem("git " + args[0], text(usage.GIT_SAID, line=line)) for line in said or ["?"]]
        )
    return result


def read_side(
    repo: Repository, chosen: Side, directory: Path, scratch: Path, shared: Parsed | None = None
) -> Dataset | None:
    """The target directory on one side of a diff (None where it does not exist); a side
    where it is invalid is an error that names the revision and each problem, its file
    named as ``REVISION:path`` in the repository."""
    from iptarget.store.read import read_directory

    if chosen.commit is None:
        found = working_tree(repo, directory, scratch)
        if found is None:
            return None
        shown = str(directory) if found == directory else repo.inside
    else:
        if not materialize(repo, chosen, scratch):
            return None
        found, shown = scratch, f"{chosen.commit[:7]}:{repo.inside}"
    dataset, problems = read_directory(found, shared=shared)
    if not problems:
        return dataset
    prefix = str(found)
    renamed = [
        problem._replace(origin=shown + problem.origin[len(prefix) :])
        if problem.origin.startswith(prefix)
        else problem
        for problem in problems
    ]
    intro = Problem(chosen.label, text(usage.SIDE_INVALID, directory=repo.inside))
    raise UserError([intro, *renamed])
