"""Messages that point the right way (issue 24): full-width marks in TOML named with the
ASCII mark to use, a mistyped --dir answered with the directory beside it, the target
directory found upwards from inside it, and --lang taken after the command too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import Run

ROOT = Path(__file__).parent.parent
POLICY = "policies/liaoning-2016.toml"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "targets", tmp_path / "targets")
    return tmp_path / "targets"


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "english", "chinese"),
    [
        (
            "at_least = 550",
            "at_least ＝ 550",
            "full-width equals sign '＝' (U+FF1D) at line 25, column 10: use '=' "
            "(the line: at_least ＝ 550)",
            "第25行第10列是全角等号“＝”：请改用半角“=”（该行：at_least ＝ 550）",
        ),
        (
            'metric = "pct_applications"',
            "metric = “pct_applications”",
            "full-width quotation mark '“' (U+201C) at line 23, column 10: use '\"' "
            "(the line: metric = “pct_applications”)",
            '第23行第10列是全角引号““”：请改用半角“"”（该行：metric = “pct_applications”）',
        ),
        (
            "deadline = 2020\nat_least = 550",
            "deadline = 2020，\nat_least = 550",
            "full-width comma '，' (U+FF0C) at line 24, column 16: use ',' "
            "(the line: deadline = 2020，)",
            "第24行第16列是全角逗号“，”：请改用半角“,”（该行：deadline = 2020，）",
        ),
    ],
)
def test_a_full_width_mark_in_toml_is_named(
    example: Path, run: Run, old: str, new: str, english: str, chinese: str
) -> None:
    replace(example / POLICY, old, new)
    result = run("validate", "--dir", str(example))
    assert result.exit_code == 2
    assert result.stderr == f"{example / POLICY}: {english}\n"
    result = run("--lang", "zh", "validate", "--dir", str(example))
    assert result.stderr == f"{example / POLICY}: {chinese}\n"


def test_a_mistyped_dir_is_answered_with_the_one_beside_it(example: Path, run: Run) -> None:
    wrong = example.parent / "target"
    result = run("status", "--dir", str(wrong))
    assert result.exit_code == 2
    assert result.stderr == f"{wrong}: no such directory (did you mean {example}?)\n"
    result = run("--lang", "zh", "status", "--dir", str(wrong))
    assert result.stderr == f"{wrong}: 没有这个目录（是否指 {example}？）\n"


def iptarget(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(cwd)}
    return subprocess.run(
        [sys.executable, "-m", "iptarget", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_directory_is_found_upwards(example: Path) -> None:
    """From inside the target directory, below it, or below the folder that holds it."""
    (example.parent / "notes" / "deep").mkdir(parents=True)
    for cwd, shown in (
        (example, "."),
        (example / "policies", ".."),
        (example.parent / "notes" / "deep", "../../targets"),
    ):
        result = iptarget("validate", cwd=cwd)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"{shown}: 29 metrics, 39 regions"), result.stdout


def test_lang_after_the_command(example: Path, run: Run) -> None:
    args = ("--as-of", "2026-11-22", "--dir", str(example))
    refused = run("status", *args, "--lang", "fr")
    assert refused.exit_code == 2
    assert "'fr' is not a language: give en or zh" in refused.stderr
    before = run("--lang", "zh", "status", *args)
    for after in (("--lang", "zh"), ("--lang=zh",)):
        result = run("status", *args, *after)
        assert result.exit_code == 0, result.output
        assert result.stdout == before.stdout
    assert "期限过后超过365天仍未报" in before.stdout
