"""Number glitches (issue 24): a target value before any figure reads as written (550, not
550.00), with the metric's decimals once figures are known; a derived value in a revision
line is rounded like every shown value, never 16.143941895014855."""

from __future__ import annotations

from pathlib import Path

from helpers import Run, actuals, policy, write_dir

TARGETS = (
    'id = "count"\ntitle = "550 by 2030"\nmetric = "apps"\ndeadline = 2030\nat_least = 550',
    'id = "half"\ntitle = "12.5 by 2030"\nmetric = "owned"\ndeadline = 2030\nat_least = 12.5',
)


def target_values(run: Run, root: Path) -> dict[str, str]:
    result = run("status", "--dir", str(root), "--format", "markdown", "--as-of", "2026-11-22")
    assert result.exit_code == 0, result.output
    rows = [line.split(" | ") for line in result.stdout.splitlines()[2:] if line.startswith("|")]
    return {row[0].strip("| "): row[4] for row in rows}


def test_a_target_value_reads_as_written_until_figures_are_known(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path / "t", {"p": policy(*TARGETS)})
    assert target_values(run, root) == {"count": "≥ 550", "half": "≥ 12.5"}
    root = write_dir(
        tmp_path / "u",
        {"p": policy(*TARGETS)},
        {"r": actuals("apps", "r", {"2020": 300}) + actuals("owned", "r", {"2020": 10.25})},
    )
    assert target_values(run, root) == {"count": "≥ 550", "half": "≥ 12.50"}


def test_a_derived_value_in_a_revision_line_is_rounded(tmp_path: Path, run: Run) -> None:
    """per_10k is derived from owned / people (16.1439… per 10,000) until it is recorded."""
    figures = actuals("owned", "r", {"2020": 1937.27}) + actuals("people", "r", {"2020": 1_200_000})
    root = write_dir(tmp_path / "t", {}, {"r": figures})
    result = run("add-actual", "per_10k", "r", "2020", "16.2", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (
        "revised derived 16.14 (ratio) → 16.2 (undated), +0.3%"
    )


def test_a_share_rounded_to_zero_has_no_minus_sign() -> None:
    """A rank that has not moved makes a progress of -0.0 in floating point: shown 0.0%."""
    from iptarget.render.numbers import pace, percent

    assert [percent(-0.0), percent(-0.04), percent(-0.06), percent(1234.5)] == [
        "0.0%",
        "0.0%",
        "-0.1%",
        "1,234.5%",
    ]
    assert [pace(-0.0), pace(-0.004), pace(-0.5)] == ["0.00", "0.00", "-0.50"]
