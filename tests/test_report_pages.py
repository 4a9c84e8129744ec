"""The report a director takes to a meeting (issue 24): a title of one's own, no paths in the
way, value axes fitted to the figures and the target, the last figure written at its point,
the numbers of every chart in a table, and a progress too far outside 0–100% explained."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import Run, actuals, policy, write_dir

NEAR = """
id = "near"
title = "18 per 10,000 people by 2024"
metric = "per_10k"
deadline = 2024
start = 2020
at_least = 18
"""
CLOSE = """
id = "close"
title = "A start next to its target"
metric = "lin"
deadline = 2024
start = 2020
at_least = 100.01
"""


def report(run: Run, root: Path, *args: str) -> str:
    path = root.parent / "report.html"
    result = run("report", "--dir", str(root), "--output", str(path), *args)
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


def card(html: str, target: str) -> str:
    start = html.index(f'id="{target}"')
    return html[start : html.index("</article>", start)]


def test_the_axis_fits_the_figures_and_the_target(tmp_path: Path, run: Run) -> None:
    """17.96 against 18: the axis runs from 17.4 to 18.0 in steps of 0.2, not from 0."""
    shares = {"2020": 17.5, "2021": 17.6, "2022": 17.8, "2023": 17.96}
    root = write_dir(tmp_path / "t", {"p": policy(NEAR)}, {"r": actuals("per_10k", "r", shares)})
    html = report(run, root, "--as-of", "2024-06-30")
    svg = re.search(r"<svg.*?</svg>", card(html, "near"), re.DOTALL)
    assert svg is not None
    axis = re.findall(r'<text x="58.0" y="[\d.]+" text-anchor="end">([\d.,]+)</text>', svg[0])
    assert axis == ["17.40", "17.60", "17.80", "18.00"]
    labels = re.findall(r'<text x="[\d.]+" y="[\d.]+" text-anchor="end">([^<]+)</text>', svg[0])
    assert "17.96" in labels  # the last figure, written at its point
    assert "target 18.00" in svg[0]
    rows = re.findall(r"<tr><td>(\d{4})</td><td class=\"num\">([^<]*)</td>", card(html, "near"))
    assert rows == [("2020", "17.50"), ("2021", "17.60"), ("2022", "17.80"), ("2023", "17.96"),
                    ("2024", "")]  # fmt: skip


def test_a_title_and_no_paths_in_the_way(tmp_path: Path, run: Run) -> None:
    root = write_dir(tmp_path / "t", {"p": policy(NEAR)}, {"r": actuals("per_10k", "r", {})})
    html = report(run, root, "--title", "Province R: the targets", "--as-of", "2024-06-30")
    assert "<h1>Province R: the targets</h1>" in html
    assert "1 target as of 2024-06-30; made by iptarget." in html
    assert str(root) not in html
    shown = card(html, "near")
    assert shown.count("policies/p.toml") == 1  # on the card's last line only
    assert '<p class="meta file">File: policies/p.toml</p>' in shown


def test_a_progress_far_outside_is_explained(tmp_path: Path, run: Run) -> None:
    figures = actuals("lin", "r", {"2020": 100, "2022": 90})
    root = write_dir(tmp_path / "t", {"p": policy(CLOSE)}, {"r": figures})
    shown = card(report(run, root, "--as-of", "2024-06-30"), "close")
    assert re.search(r"<dt>progress</dt><dd title=\"[^\"]+\">-</dd>", shown)
    assert (
        "progress not shown: -100,000.0% is beyond −100% to 200%, because the start was "
        "already close to the target value, so the distance it measures is short"
    ) in shown
