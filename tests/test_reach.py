"""add-actual reads what the figure reaches: the definitions, the policies, and the actuals
files of the regions whose figures the targets it touches use; validate and check read all."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import METRICS, REGIONS, Run, actuals, dataset_of, policy, snapshot, write_dir
from iptarget.core.links import reached
from iptarget.store import files

GROUPS = """
[region.china]
name = "China"

[region.a]
name = "A"
parent = "china"

[region.b]
name = "B"
parent = "china"

[region.c]
name = "C"
parent = "china"

[region.ab]
name = "A and B"
members = ["a", "b"]
"""
SUMMED = METRICS.replace(
    '[metric.apps]\nname = "Patent applications"\n',
    '[metric.apps]\nname = "Apps"\naggregate = "sum"\n',
)
SHARE = """
[metric.share]
name = "Share of the parent's applications"
numerator = "apps"
denominator = "apps"
denominator_region = "parent"
scale = 100
"""
BROKEN = '[[actual]]\nmetric = "apps"\nregion = "c"\nperiod = "2019"\nvalue = "n/a"\n'


def directory(root: Path, *targets: str, metrics: str = SUMMED) -> Path:
    return write_dir(
        root,
        {"p": policy(*targets, header='title = "P"\nregion = "a"')},
        {region: actuals("apps", region, {"2014": 100}) for region in ("a", "b", "china")},
        metrics=metrics + SHARE,
        regions=GROUPS,
    )


def test_a_figure_reaches_the_inputs_of_the_targets_it_touches() -> None:
    dataset = dataset_of(
        metrics=SUMMED + SHARE,
        regions=GROUPS,
        targets=[
            'id = "sum"\ntitle = "S"\nmetric = "apps"\nregion = "ab"\ndeadline = 2020\nat_least = 1',
            'id = "share"\ntitle = "S"\nmetric = "share"\nregion = "b"\ndeadline = 2020\nat_least = 1',
            'id = "c"\ntitle = "C"\nmetric = "apps"\nregion = "c"\ndeadline = 2020\nat_least = 1',
        ],
    )
    # a's figure changes the group's sum, which reads b too
    assert {region for _, region in reached(dataset, "apps", "a")} == {"a", "b", "ab"}
    # b's figure: the sum, and b's share of its parent, which reads china
    assert {region for _, region in reached(dataset, "apps", "b")} == {"a", "b", "ab", "china"}
    # c's figure touches c's target alone
    assert reached(dataset, "apps", "c") == {("apps", "c")}
    # a figure no target uses reaches itself
    assert reached(dataset, "people", "a") == {("people", "a")}


TARGET_A = 'id = "t"\ntitle = "T"\nmetric = "apps"\nregion = "a"\ndeadline = 2020\nat_least = 1'
TARGET_AB = 'id = "t"\ntitle = "T"\nmetric = "apps"\nregion = "ab"\ndeadline = 2020\nat_least = 1'


def test_a_broken_file_the_figure_cannot_reach_does_not_stop_it(tmp_path: Path, run: Run) -> None:
    root = directory(tmp_path / "targets", TARGET_A)
    (root / "actuals" / "c.toml").write_text(BROKEN, encoding="utf-8")
    result = run("add-actual", "apps", "a", "2015", "120", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert "t " in result.stdout  # the touched target is reported
    validated = run("validate", "--dir", str(root))
    assert validated.exit_code == 2
    assert "c.toml" in validated.stderr
    assert run("check", "--dir", str(root)).exit_code == 2


def test_a_broken_file_the_figure_reaches_stops_it(tmp_path: Path, run: Run) -> None:
    """b's figures are summed with a's into the group a target is set on."""
    root = directory(tmp_path / "targets", TARGET_AB)
    (root / "actuals" / "b.toml").write_text(BROKEN.replace('"c"', '"b"'), encoding="utf-8")
    before = snapshot(root)
    result = run("add-actual", "apps", "a", "2015", "120", "--dir", str(root))
    assert result.exit_code == 2
    assert "b.toml" in result.stderr
    assert snapshot(root) == before


def test_another_regions_file_that_holds_the_figures_is_read(tmp_path: Path, run: Run) -> None:
    """File names carry no meaning (SPEC 1): c.toml may hold a's figures, and then it is read:
    here, a's figure for 2015, which the new one would repeat."""
    root = directory(tmp_path / "targets", TARGET_A)
    (root / "actuals" / "c.toml").write_text(actuals("apps", "a", {"2015": 120}), encoding="utf-8")
    result = run("add-actual", "apps", "a", "2015", "130", "--dir", str(root))
    assert result.exit_code == 2
    assert "already recorded: 120" in result.stderr


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ('[[actual]]\nmetric = "m"\nregion = "c"\nperiod = 2019\nvalue = 1\n', True),
        ('[[actual]]\r\nregion = "c"\r\n', True),  # CRLF
        ('[[actual]]\nregion = "c"', True),  # no final line break
        ("", True),
        ('[[actual]]\nregion = "a"\n', False),
        ('[[actual]]\nregion = "cc"\n', False),
        ('[[actual]]\nregion="c"\n', False),  # not as iptarget writes it: read it
        ('[[actual]]\nregion = "\\u0063"\n', False),  # an escape
        ('[[actual]]\nregion = "c"\nsource = "Regional yearbook"\n', True),
        ('[[actual]]\nregion = "c"\nsource = "The region\'s yearbook"\n', False),
        ("[[actual]]\nregion = 'c'\n", False),
        ('[[actual]]\n"region" = "c"\n', False),
    ],
)
def test_a_file_holds_its_regions_figures_alone_only_when_its_text_says_so(
    tmp_path: Path, text: str, alone: bool
) -> None:
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    assert files.holds_only(path, "c") is alone


def test_validate_and_check_read_every_file(tmp_path: Path, run: Run) -> None:
    root = write_dir(
        tmp_path / "targets",
        {"p": policy(TARGET_A.replace('"a"', '"r"'))},
        {"s": BROKEN.replace('"c"', '"s"')},
        regions=REGIONS,
    )
    assert run("status", "--dir", str(root)).exit_code == 2
    assert run("validate", "--dir", str(root)).exit_code == 2
