"""The screens people read, pinned exactly in both languages: status, show, check (with
acknowledged targets), series, validate (the README's broken example), add-actual, import,
diff, review, compare and due, each run in a pseudo-terminal 80 columns wide on a copy of the example, as the files in
tests/snapshots/en and tests/snapshots/zh show them (a reviewer reads a change in a diff).

A snapshot that does not exist yet is written and the test fails: look at it, and commit it
when it reads right.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from terminal import assert_fits, on_screen

ROOT = Path(__file__).parent.parent
SNAPSHOTS = Path(__file__).parent / "snapshots"
AS_OF = ("--as-of", "2026-11-22")
#: A commit's short id, as diff names a revision ("HEAD (240ffdb)"): it differs each run.
COMMIT = re.compile(r"\([0-9a-f]{7}\)")
BROKEN_POLICY = "unti = 5\n"
BROKEN_ACTUAL = (
    '[[actual]]\nmetric = "patent_aplications"\nregion = "qinghai"\nperiod = "2020-13"\n'
    'value = "n/a"\n'
)
FIGURES_CSV = (
    "metric,region,period,value,source\n"
    'patent_applications,qinghai,2015,"1,896",Qinghai IPO (test row)\n'
    "pct_applications,liaoning,2019,512,Liaoning IPO (test row)\n"
)


def example(work: Path) -> Path:
    """A copy of the example directory, as the README's tour makes one."""
    shutil.copytree(ROOT / "targets", work / "targets")
    return work


def acknowledged(work: Path) -> Path:
    """The example with two overdue targets acknowledged, one needlessly."""
    example(work)
    for name, target, reason in (
        ("huizhou-2019.toml", "hz-2019-invention-per-10k", "no 2019 figure was published"),
        (
            "liaoning-2016.toml",
            "ln-2020-pct-applications",
            "missed; reported in the 2021 annual review",
        ),
        ("china-13th-fyp.toml", "cn-2020-invention-per-10k", "checked in 2021"),
    ):
        path = work / "targets" / "policies" / name
        text = path.read_text(encoding="utf-8")
        marker = f'id = "{target}"\n'
        assert marker in text
        path.write_text(text.replace(marker, f'{marker}acknowledged = "{reason}"\n'), "utf-8")
    return work


def broken(work: Path) -> Path:
    """The README's broken example: an unknown key, an unknown metric, a bad period and value."""
    example(work)
    with (work / "targets" / "policies" / "qinghai-2016.toml").open("a", encoding="utf-8") as f:
        f.write(BROKEN_POLICY)
    with (work / "targets" / "actuals" / "china.toml").open("a", encoding="utf-8") as f:
        f.write(BROKEN_ACTUAL)
    return work


def with_table(work: Path) -> Path:
    """The example and a CSV file of two figures to import."""
    example(work)
    (work / "figures.csv").write_text(FIGURES_CSV, encoding="utf-8")
    return work


def committed(work: Path) -> Path:
    """The example in a git repository, with one figure added since its commit."""
    example(work)

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=work, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "example")
    figure = ["pct_applications", "liaoning", "2020", "600", "--source", "Liaoning IPO (test)"]
    lines, code = on_screen("add-actual", *figure, cwd=work)
    assert code == 0, lines
    return work


#: Each screen: how its directory is made, and the command's arguments.
SCREENS: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "status": (example, ("status", *AS_OF)),
    "show": (example, ("show", "cn-2020-invention-per-10k", "--as-of", "2019-06-30")),
    "show-relative": (example, ("show", "gx-2017-invention-per-10k", *AS_OF)),
    "check": (acknowledged, ("check", *AS_OF)),
    "series": (example, ("series", "invention_patents_owned", "--region", "northeast", *AS_OF)),
    "validate": (broken, ("validate",)),
    "add-actual": (
        example,
        ("add-actual", "pct_applications", "liaoning", "2020", "600", "--source", "IPO"),
    ),
    "add-actual-refused": (
        example,
        ("add-actual", "copyright_industries_share", "china", "2023年", "0.0741"),
    ),
    "import": (with_table, ("import", "figures.csv")),
    "diff": (committed, ("diff", "HEAD", *AS_OF)),
    # the day of the 14th Five-Year Plan's mid-term review to the NPC Standing Committee
    "review": (example, ("review", "--as-of", "2023-12-25")),
    "compare": (example, ("compare", "pct_applications", *AS_OF)),
    "compare-among": (example, ("compare", "pct_applications", "--among", "yrd", *AS_OF)),
    "due": (example, ("due", "--policy", "china-14th-fyp-ip", *AS_OF)),
}
LANGUAGES = {"en": (), "zh": ("--lang", "zh")}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
@pytest.mark.parametrize("name", sorted(SCREENS))
def test_the_screen_reads_as_pinned(name: str, language: str, tmp_path: Path) -> None:
    make, args = SCREENS[name]
    work = make(tmp_path)
    command = (*LANGUAGES[language], *args)
    lines, code = on_screen(*command, cwd=work)
    assert_fits(lines)
    shown = "\n".join(line.rstrip() for line in lines)
    screen = f"$ iptarget {' '.join(command)}\n{COMMIT.sub('(0000000)', shown)}\n(exit {code})\n"
    snapshot = SNAPSHOTS / language / f"{name}.txt"
    if not snapshot.exists():  # a new screen: write it, to be looked at and committed
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(screen, encoding="utf-8")
        pytest.fail(f"{snapshot} written: look at it, and commit it if it is right")
    assert screen == snapshot.read_text(encoding="utf-8")


def test_help_of_status_in_chinese_at_80_columns() -> None:
    """The help lists each status with its word and meaning, wrapped at 80 columns."""
    lines, code = on_screen("--lang", "zh", "status", "--help")
    assert code == 0
    assert_fits(lines)
    snapshot = SNAPSHOTS / "zh" / "status-help.txt"
    shown = "\n".join(line.rstrip() for line in lines) + "\n"
    if not snapshot.exists():
        snapshot.write_text(shown, encoding="utf-8")
        pytest.fail(f"{snapshot} written: look at it, and commit it if it is right")
    assert shown == snapshot.read_text(encoding="utf-8")
