"""Shell completion of target, metric, region and policy ids (Typer's completion)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parent.parent / "targets"


def complete(*words: str, cwd: Path = EXAMPLE.parent) -> list[str]:
    """What bash completion offers for the last of ``words``, as a real process computes it."""
    env = {
        **os.environ,
        "_IPTARGET_COMPLETE": "complete_bash",
        "COMP_WORDS": " ".join(["iptarget", *words]),
        "COMP_CWORD": str(len(words)),
    }
    env.pop("IPTARGET_DIR", None)
    result = subprocess.run(
        [sys.executable, "-m", "iptarget"],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (["show", "qh-2020-"], ["qh-2020-applications", "qh-2020-enterprise-share",
                                 "qh-2020-grants", "qh-2020-invention-per-10k"]),
        (["add-actual", "patent_g"], ["patent_grants"]),
        (["add-actual", "patent_grants", "hu"], ["hubei", "huizhou", "hunan"]),
        (["status", "--region", "q"], ["qinghai"]),
        (["status", "--policy", "china-1"], ["china-12th-fyp", "china-13th-fyp",
                                             "china-14th-fyp-ip"]),
    ],
)  # fmt: skip
def test_ids_are_offered_from_the_default_directory(words: list[str], offered: list[str]) -> None:
    assert complete(*words) == offered


def test_ids_come_from_the_dir_given_so_far(tmp_path: Path) -> None:
    assert complete("show", "--dir", str(EXAMPLE), "hz-", cwd=tmp_path) == [
        "hz-2019-certified-enterprises",
        "hz-2019-invention-per-10k",
    ]


def test_an_unreadable_directory_offers_nothing(tmp_path: Path) -> None:
    (tmp_path / "targets").mkdir()
    (tmp_path / "targets" / "metrics.toml").write_text("[metric.a\n", encoding="utf-8")
    assert complete("add-actual", "", cwd=tmp_path) == []
    assert complete("show", "x", cwd=tmp_path / "targets") == []
