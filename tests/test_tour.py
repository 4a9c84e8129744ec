"""The README's tour, run as written: every command of its console blocks, in order, in one
shell, from a directory that holds a copy of the example targets/, prints what the README
shows under it."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: The day the README's outputs were taken; messages that name today say it instead.
README_TODAY = "2026-11-22"
#: A short commit id in diff's output, as in "HEAD (240ffdb)".
COMMIT = re.compile(r"\([0-9a-f]{7}\)")
#: Commands of the set-up, which the CI run makes: not run again here.
SET_UP = ("git clone", "source .venv/bin/activate")


def tour() -> list[tuple[str, str]]:
    """Every ``$ command`` of the console blocks, with the output shown under it."""
    steps: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", README, re.DOTALL):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], ""))
            elif steps:
                command, shown = steps[-1]
                steps[-1] = (command, shown + line + "\n")
    return [step for step in steps if not step[0].startswith(SET_UP)]


def run_tour(workdir: Path, steps: list[tuple[str, str]], scratch: Path) -> list[str]:
    """Run the commands in one bash process, its temporary directories under ``scratch``;
    the output of each (stdout and stderr)."""
    script = ["set +e"]
    for number, (command, _) in enumerate(steps):
        script += [f"printf '\\n@@@ {number}\\n'", f"{command} 2>&1", 'echo "@@@ exit $?"']
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("IPTARGET_", "GITHUB_")) and key not in ("COLUMNS", "LANG")
    }
    environment["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{environment['PATH']}"
    environment["TMPDIR"] = str(scratch)
    result = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        cwd=workdir,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return re.split(r"\n@@@ \d+\n", result.stdout)[1:]


def test_the_tour_runs_as_written(tmp_path: Path) -> None:
    """The tour's scratch copy (mktemp -d) goes under this test's own directory."""
    steps = tour()
    assert len(steps) >= 15
    if shutil.which("jq") is None:  # a machine without jq runs everything else
        steps = [step for step in steps if "| jq" not in step[0]]
    workdir = tmp_path / "repository"
    workdir.mkdir()
    shutil.copytree(ROOT / "targets", workdir / "targets")
    shutil.copytree(ROOT / "examples", workdir / "examples")
    outputs = run_tour(workdir, steps, tmp_path)
    assert len(outputs) == len(steps)
    today = str(datetime.date.today())
    for (command, shown), output in zip(steps, outputs, strict=True):
        printed, _, code = output.rpartition("@@@ exit ")
        printed, expected = printed.replace(today, README_TODAY), shown
        if command.startswith("iptarget diff"):  # a commit's id depends on when it was made
            printed, expected = (COMMIT.sub("(0000000)", text) for text in (printed, shown))
        assert printed == expected, command
        assert int(code) == expected_exit(command, shown), command


def expected_exit(command: str, shown: str) -> int:
    """2 for a refusal (its first line names what is wrong), 1 for check's failures, else 0."""
    if re.match(r"(VALUE|PERIOD|METRIC|REGION|--\w+): |\S+\.(toml|csv): ", shown):
        return 2
    return 1 if command.startswith("iptarget check") else 0


def test_the_tour_leaves_the_repository_targets_alone(tmp_path: Path) -> None:
    """The tour writes only into copies: the example targets/ is never the one changed."""
    writes = [command for command, _ in tour() if "add-actual" in command or "import" in command]
    assert writes
    commands = [command for command, _ in tour()]
    first_write = min(commands.index(command) for command in writes)
    assert any('cd "$demo"' in command for command in commands[:first_write])
