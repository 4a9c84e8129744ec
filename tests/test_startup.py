"""Start-up stays light: what `--help` imports, and no scan for pydantic plugins."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parent.parent / "targets"


def imports_after(*args: str, probe: str = "") -> str:
    """Run the CLI in a fresh interpreter with ``args``, then print what ``probe`` says."""
    code = (
        "import sys\n"
        "from iptarget.cli import app\n"
        "try:\n"
        f"    app({list(args)!r}, prog_name='iptarget')\n"
        "except SystemExit:\n"
        "    pass\n"
        f"{probe}\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.splitlines()[-1]


@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["status", "--help"], ["report", "--help"]]
)
def test_help_loads_none_of_the_heavy_modules(args: list[str]) -> None:
    heavy = (
        "iptarget.models",
        "iptarget.store",
        "iptarget.render.console",
        "iptarget.render.table",
        "iptarget.core.evaluate",
        "rich",
        "toml_rs",
        "jinja2",
        "openpyxl",
    )
    loaded = imports_after(*args, probe=f"print(sorted(set(sys.modules) & {set(heavy)!r}))")
    assert loaded == "[]"


def test_pydantic_never_scans_installed_packages_for_plugins(tmp_path: Path) -> None:
    # pydantic keeps the plugins it found in _loader._plugins, None until it looks.
    probe = "from pydantic.plugin import _loader; print(_loader._plugins)"
    assert imports_after("status", "--dir", str(EXAMPLE), probe=probe) == "None"
    work = tmp_path / "targets"
    subprocess.run(["cp", "-r", str(EXAMPLE), str(work)], check=True)
    figure = ["add-actual", "patent_applications", "qinghai", "2014", "1"]
    assert imports_after(*figure, "--dir", str(work), probe=probe) == "None"
    assert (work / "actuals" / "qinghai.toml").exists()


@pytest.mark.parametrize("output", ["json", "csv", "markdown"])
def test_machine_formats_do_without_rich(output: str) -> None:
    probe = "print(sorted(name for name in sys.modules if name.startswith('rich')))"
    assert imports_after("status", "--format", output, "--dir", str(EXAMPLE), probe=probe) == "[]"


@pytest.mark.parametrize(
    ("args", "env", "command"),
    [
        (["status", "--format", "json"], {}, "status"),
        (["--lang", "zh", "add-actual", "m", "r", "2019", "1"], {}, "add-actual"),
        (["--lang=zh", "show", "t1"], {}, "show"),
        (["status", "--help"], {}, "status"),
        (["--help"], {}, None),  # the application's help lists every command
        ([], {}, None),
        (["stauts"], {}, None),  # unknown: Typer suggests the nearest of all
        (["--lang", "status"], {}, None),  # "status" is the value of --lang here
        (["status"], {"_IPTARGET_COMPLETE": "bash_complete"}, None),  # shell completion
    ],
)
def test_only_the_command_that_runs_is_built(
    args: list[str], env: dict[str, str], command: str | None
) -> None:
    from iptarget.cli import requested

    assert requested(args, env) == command


def test_the_application_keeps_every_command() -> None:
    from iptarget.cli import app, only_command

    every = list(app.registered_commands)
    with only_command("status"):
        assert [info.name for info in app.registered_commands] == ["status"]
    assert app.registered_commands == every


def test_a_mistyped_command_is_still_told_the_nearest(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "iptarget", "stauts"]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=tmp_path)
    assert done.returncode == 2
    assert "status" in done.stderr
