"""The report's regions section (SPEC 10 v3): for a target split among at least three regions,
a tile map of every region with a tile, the split's squares coloured and labelled by their
targets' statuses and the others blank, and compare's league table; checked against the
embedded status JSON in the HTML, and as headless Chromium paints it, at a desktop's width
and a phone's."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from helpers import Run
from iptarget.core.status import Status
from iptarget.render.looks import STATUS_LOOKS
from test_report import CHROMIUM, TARGETS, measured_dom, report

AS_OF = "2024-06-30"
#: An illustration on real figures: the YRD's members each 20% above their 2022 PCT
#: applications by 2025 (CNIPA's figures in the example's actuals).
SPLIT = """
[[target]]
id = "yrd-pct-split"
title = "Each member: PCT applications 20% above 2022 by 2025"
metric = "pct_applications"
regions = ["shanghai", "jiangsu", "zhejiang", "anhui"]
baseline = 2022
deadline = 2025
increase_pct = 20
"""
#: The fill of a square for each tone, as the report's style sheet paints it.
FILLS = {
    "good": "rgb(172, 238, 187)",
    "bad": "rgb(255, 206, 203)",
    "behind": "rgb(250, 225, 125)",
    "slow": "rgb(255, 198, 128)",
    "late": "rgb(232, 213, 255)",
    "none": "rgb(234, 238, 242)",
    "blank": "rgb(255, 255, 255)",
}


def example_with(tmp_path: Path, target: str = SPLIT) -> Path:
    """A copy of the example with one more target in the YRD's policy."""
    root = tmp_path / "targets"
    shutil.copytree(TARGETS, root)
    with (root / "policies" / "yrd-2020.toml").open("a", encoding="utf-8") as file:
        file.write(target)
    return root


class Tiles(HTMLParser):
    """Each square of the regions sections: its region, status, class and texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tiles: list[dict[str, Any]] = []
        self.sections: list[str] = []
        self._text: str | None = None
        self._inside = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "section" and found.get("data-template"):
            self.sections.append(str(found["data-template"]))
        elif tag == "g" and "data-region" in found:
            tile = {"region": found["data-region"], "status": found["data-status"]}
            self.tiles.append({**tile, "class": found["class"], "texts": []})
            self._inside = True
        elif tag == "text" and self._inside:
            self._text = ""

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "text" and self._text is not None:
            self.tiles[-1]["texts"].append(self._text)
            self._text = None
        elif tag == "g":
            self._inside = False


def tiles_of(html: str) -> Tiles:
    found = Tiles()
    found.feed(html)
    return found


def statuses(page_data: str) -> dict[str, str]:
    return {t["id"]: t["status"] for t in json.loads(page_data)["targets"]}


def test_each_square_is_its_targets_status(tmp_path: Path, run: Run) -> None:
    html, page = report(run, tmp_path, "--as-of", AS_OF, root=example_with(tmp_path))
    found = tiles_of(html)
    assert found.sections == ["yrd-pct-split"]
    every = statuses(page.data["iptarget-status"])
    assert len(found.tiles) == 34  # every province, region, municipality and SAR of China
    for tile in found.tiles:
        status = every.get(f"yrd-pct-split@{tile['region']}")
        if status is None:  # not one of the split's regions: blank, named only
            assert (tile["status"], tile["class"]) == ("", "tile tone-blank")
            assert len(tile["texts"]) == 1
            continue
        tone = STATUS_LOOKS[Status(status)].tone
        assert (tile["status"], tile["class"]) == (status, f"tile tone-{tone}")
        assert tile["texts"][1] == status  # the status in words, for black and white
    named = {tile["region"]: tile["texts"][0] for tile in found.tiles}
    assert (named["xinjiang"], named["heilongjiang"], named["hong_kong"]) == (
        "Xinjiang",
        "Heilongjiang",
        "Hong Kong",
    )
    assert named["guangxi"] == "Guangxi"  # without "Zhuang Autonomous Region"


def test_the_league_table_under_the_map(tmp_path: Path, run: Run) -> None:
    html, _ = report(run, tmp_path, "--as-of", AS_OF, root=example_with(tmp_path))
    section = html[html.index('<section class="regions"') :]
    section = section[: section.index("</section>")]
    caption = re.search(r'<p class="meta" id="league-yrd-pct-split">([^<]+)</p>', section)
    assert caption is not None
    assert caption[1] == (
        "PCT international applications received, 2023: 4 of 4 regions ranked by value"
    )
    rows = [
        re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in re.findall(r"<tr><td.*?</tr>", section)
    ]
    assert rows == [
        ["1", "Jiangsu", "6,547", "-6.3%", "1", "=", "yrd-pct-split@jiangsu regressing"],
        ["2", "Shanghai", "6,185", "+10.6%", "2", "=", "yrd-pct-split@shanghai on_track"],
        ["3", "Zhejiang", "4,364", "+1.1%", "3", "=", "yrd-pct-split@zhejiang off_track"],
        ["4", "Anhui", "1,901", "+1.1%", "4", "=", "yrd-pct-split@anhui off_track"],
    ]


def test_the_section_in_chinese(tmp_path: Path, run: Run) -> None:
    root, out = example_with(tmp_path), tmp_path / "report.html"
    result = run("--lang", "zh", "report", "--dir", str(root), "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    named = {tile["region"]: tile["texts"] for tile in tiles_of(html).tiles}
    assert named["jiangsu"] == ["江苏", "倒退"]
    assert named["shanghai"] == ["上海", "进展顺利"]
    assert (named["guangxi"], named["inner_mongolia"], named["hong_kong"]) == (
        ["广西"],
        ["内蒙古"],
        ["香港"],
    )
    assert "分地区：Each member" in html
    assert "2023年PCT国际专利申请受理量排名：4个地区中4个有数据，按数值排序" in html


def test_no_section_for_fewer_than_three_regions(tmp_path: Path, run: Run) -> None:
    two = SPLIT.replace('"zhejiang", "anhui"', "").replace('"jiangsu", ', '"jiangsu"')
    html, _ = report(run, tmp_path, "--as-of", AS_OF, root=example_with(tmp_path, two))
    assert "yrd-pct-split@jiangsu" in html  # the targets are there, with no map
    assert tiles_of(html).sections == []
    html, _ = report(run, tmp_path, "--as-of", AS_OF)
    assert '<section class="regions"' not in html


#: Paints the report in a frame of the given width and writes, for each square, the fill
#: and the texts as painted, and the size of its name and word in CSS pixels.
MEASURE = """<!DOCTYPE html><html><body><iframe id="f" src="report.html"
style="width:{width}px;height:900px;border:0"></iframe><script>
document.getElementById('f').addEventListener('load', function () {{
  var d = this.contentDocument, w = this.contentWindow, out = {{}};
  d.querySelectorAll('g[data-region]').forEach(function (g) {{
    var texts = Array.prototype.map.call(g.querySelectorAll('text'), function (t) {{
      return [t.textContent, t.getBoundingClientRect().height]; }});
    var box = g.querySelector('rect').getBoundingClientRect();
    out[g.getAttribute('data-region')] = {{
      fill: w.getComputedStyle(g.querySelector('rect')).fill, texts: texts,
      right: box.right, side: box.width }};
  }});
  out['-page'] = {{ scroll: d.documentElement.scrollWidth, width: w.innerWidth }};
  document.body.setAttribute('data-tiles', JSON.stringify(out));
}});
</script></body></html>"""


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (.ci/run installs it)")
@pytest.mark.parametrize("width", [1280, 390])
def test_the_map_as_chromium_paints_it(tmp_path: Path, run: Run, width: int) -> None:
    """Each square's colour and words, painted, are its target's status in the embedded
    JSON; at a phone's width the map fits, and its words stay readable."""
    _, page = report(run, tmp_path, "--as-of", AS_OF, root=example_with(tmp_path))
    every = statuses(page.data["iptarget-status"])
    (tmp_path / "measure.html").write_text(MEASURE.format(width=width), encoding="utf-8")
    measured = measured_dom(tmp_path / "measure.html")
    found = re.search(r"data-tiles=\"([^\"]*)\"", measured.stdout)
    assert found is not None, measured.stdout[-2000:]
    painted = json.loads(found[1].replace("&quot;", '"'))
    window = painted.pop("-page")
    assert window["scroll"] <= window["width"]  # nothing scrolls sideways
    assert len(painted) == 34
    for region, got in painted.items():
        status = every.get(f"yrd-pct-split@{region}")
        tone = "blank" if status is None else STATUS_LOOKS[Status(status)].tone
        assert got["fill"] == FILLS[tone], (region, got)
        words = [said for said, _ in got["texts"]]
        assert words[1:] == ([] if status is None else [status]), (region, words)
        assert got["right"] <= width
        assert all(height >= 7 for _, height in got["texts"]), (region, got["texts"])
