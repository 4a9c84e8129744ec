"""The report opens with the plan review (SPEC 10 v3): a bar per target, lagging first, its
length the progress, a tick at expected_pct, a dashed line at elapsed_pct; checked against
the embedded status JSON in the HTML, and as headless Chromium lays the bars out."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from helpers import Run
from iptarget.core.status import VERDICT_ORDER, Verdict
from test_report import CHROMIUM, TARGETS, measured_dom, report

AS_OF = "2023-12-25"  # the 14th Five-Year Plan's mid-term review


class Bars(HTMLParser):
    """Each bar of the review section: its target, verdict and the SVG's numbers."""

    def __init__(self) -> None:
        super().__init__()
        self.bars: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "li" and "data-target" in found:
            self.bars.append({"id": found["data-target"], "verdict": found["data-verdict"]})
        elif self.bars and tag in ("rect", "line"):
            kind = found.get("class")
            if kind == "fill":
                self.bars[-1]["fill"] = float(found["width"] or "nan")
            elif kind in ("expected", "elapsed"):
                self.bars[-1][kind] = float(found["x1"] or "nan")


def clamped(value: float | None) -> float | None:
    return None if value is None else min(100.0, max(0.0, value))


def test_the_bars_draw_the_figures_of_the_embedded_json(tmp_path: Path, run: Run) -> None:
    text, page = report(run, tmp_path, "--as-of", AS_OF)
    targets = {t["id"]: t for t in json.loads(page.data["iptarget-status"])["targets"]}
    parser = Bars()
    parser.feed(text)
    assert {bar["id"] for bar in parser.bars} == set(targets)
    for bar in parser.bars:
        target = targets[bar["id"]]
        assert bar["verdict"] == target["verdict"]
        for key, shown in (("fill", "progress_pct"), ("expected", "expected_pct")):
            if target[shown] is None:
                assert key not in bar, (bar, key)
            else:
                assert bar[key] == pytest.approx(clamped(target[shown]), abs=0.005), (bar, key)
        if target["elapsed_pct"] is not None:
            assert bar["elapsed"] == pytest.approx(target["elapsed_pct"], abs=0.005)
    # lagging first, then by verdict as a review lists them
    order = [VERDICT_ORDER.index(Verdict(bar["verdict"])) for bar in parser.bars]
    assert order == sorted(order)
    assert parser.bars[0]["id"] == "cn-2025-copyright-industries"
    # the section opens the report, before the counts per status and every card
    assert text.index('id="review"') < text.index('class="counts"') < text.index("<article")
    assert "26 targets as of 2023-12-25: 5 achieved early, 3 faster than expected" in text


def test_the_review_section_in_chinese(tmp_path: Path, run: Run) -> None:
    out = tmp_path / "report.html"
    result = run("--lang", "zh", "report", "--dir", str(TARGETS), "--as-of", AS_OF, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "规划中期评估" in text
    assert (
        "截至2023年12月25日，26项指标中，5项提前实现，3项快于预期，1项基本符合预期，1项滞后" in text
    )
    assert "滞后：1项" in text


#: Measures, inside the report, where each bar's fill ends and its lines stand, as shares of
#: its track's width, and writes them on the page for --dump-dom.
MEASURE = """<!DOCTYPE html><html><body><iframe id="f" src="report.html"
style="width:{width}px;height:900px;border:0"></iframe><script>
document.getElementById('f').addEventListener('load', function () {{
  var d = this.contentDocument, out = {{}};
  d.querySelectorAll('li[data-target]').forEach(function (li) {{
    var track = li.querySelector('rect.track').getBoundingClientRect(), got = {{}};
    var fill = li.querySelector('rect.fill');
    if (fill) got.fill = fill.getBoundingClientRect().width / track.width * 100;
    ['expected', 'elapsed'].forEach(function (kind) {{
      var line = li.querySelector('line.' + kind);
      if (line) {{ var r = line.getBoundingClientRect();
        got[kind] = ((r.left + r.right) / 2 - track.left) / track.width * 100; }}
    }});
    got.width = track.width;
    out[li.getAttribute('data-target')] = got;
  }});
  document.body.setAttribute('data-bars', JSON.stringify(out));
}});
</script></body></html>"""


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (.ci/run installs it)")
@pytest.mark.parametrize("width", [1280, 390])
def test_the_bars_as_chromium_lays_them_out(tmp_path: Path, run: Run, width: int) -> None:
    """The length of each bar and the place of its ticks, measured in the browser, are the
    progress, expected_pct and elapsed_pct of the embedded JSON."""
    _, page = report(run, tmp_path, "--as-of", AS_OF)
    targets = {t["id"]: t for t in json.loads(page.data["iptarget-status"])["targets"]}
    (tmp_path / "measure.html").write_text(MEASURE.format(width=width), encoding="utf-8")
    measured = measured_dom(tmp_path / "measure.html")
    found = re.search(r"data-bars=\"([^\"]*)\"", measured.stdout)
    assert found is not None, measured.stdout[-2000:]
    bars = json.loads(found[1].replace("&quot;", '"'))
    assert set(bars) == set(targets)
    for target_id, got in bars.items():
        target = targets[target_id]
        tolerance = 100 / got["width"] * 1.5  # a pixel and a half
        for key, shown in (
            ("fill", "progress_pct"), ("expected", "expected_pct"), ("elapsed", "elapsed_pct"),
        ):  # fmt: skip
            if target[shown] is None:
                assert key not in got, (target_id, key)
            else:
                assert got[key] == pytest.approx(clamped(target[shown]), abs=tolerance), (
                    target_id, key, got,
                )  # fmt: skip
        assert got["width"] > (200 if width == 390 else 600)
