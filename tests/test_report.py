"""``iptarget report`` (SPEC 10): one self-contained HTML file, its embedded status JSON, and
what a browser makes of it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import FACTOR_2, Run, actuals, policy, snapshot, write_dir

ROOT = Path(__file__).parent.parent
TARGETS = ROOT / "targets"
AS_OF = "2024-06-01"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HEADLESS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
)  # fmt: skip


class Page(HTMLParser):
    """What a page holds that could load or run something."""

    def __init__(self) -> None:
        super().__init__()
        self.references: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.scripts: list[dict[str, str | None]] = []
        self.ids: set[str] = set()
        self.data: dict[str, str] = {}
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name, value in attrs:
            if name in ("src", "href", "srcset", "data", "action", "poster") and value:
                self.references.append((tag, name, value))
            if name == "id" and value:
                self.ids.add(value)
        if tag == "script":
            self.scripts.append(found)
            self._script = found.get("id") or ""
            self.data[self._script] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.data[self._script] += data


def report(run: Run, tmp_path: Path, *args: str, root: Path = TARGETS) -> tuple[str, Page]:
    out = tmp_path / "report.html"
    result = run("report", "--dir", str(root), "--output", str(out), *args)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out}\n"
    text = out.read_text(encoding="utf-8")
    page = Page()
    page.feed(text)
    return text, page


def test_the_report_embeds_the_status_json_and_loads_nothing(tmp_path: Path, run: Run) -> None:
    text, page = report(run, tmp_path, "--as-of", AS_OF)
    assert len(text.encode("utf-8")) < 2 * 1024 * 1024
    status = run("status", "--dir", str(TARGETS), "--as-of", AS_OF, "--format", "json")
    assert json.loads(page.data["iptarget-status"]) == json.loads(status.stdout)
    # nothing runs: every script element is a JSON data block
    assert page.scripts == [{"type": "application/json", "id": "iptarget-status"}]
    # nothing is loaded: the only references are links, and no style imports anything
    assert {tag for tag, _, _ in page.references} == {"a"}
    # (and the review's links to the cards within the page)
    assert all(value.startswith(("https://", "http://", "#")) for _, _, value in page.references)
    assert "@import" not in text
    assert "url(" not in text
    assert "<link" not in text
    assert "<img" not in text
    ids = [target["id"] for target in json.loads(status.stdout)["targets"]]
    assert set(ids) <= page.ids
    assert len(ids) == 26
    # printable: A4 portrait, a target to a page
    assert "@page { size: A4 portrait" in text
    assert "break-inside: avoid" in text


def test_the_filters_of_status_choose_the_targets(tmp_path: Path, run: Run) -> None:
    _, page = report(run, tmp_path, "--as-of", AS_OF, "--policy", "china-14th-fyp-ip")
    data = json.loads(page.data["iptarget-status"])
    assert {target["policy"] for target in data["targets"]} == {"policies/china-14th-fyp-ip.toml"}
    _, page = report(run, tmp_path, "--as-of", AS_OF, "--status", "on_track", "--vintage", "first")
    data = json.loads(page.data["iptarget-status"])
    assert data["vintage"] == "first"
    assert {target["status"] for target in data["targets"]} == {"on_track"}


def test_text_from_the_data_is_escaped(tmp_path: Path, run: Run) -> None:
    hostile = '</script><script>alert(1)</script> <b>&amp; "quoted"'
    root = write_dir(
        tmp_path / "t",
        policies={
            "p": policy(FACTOR_2.replace("Double 2014 by 2020", hostile.replace('"', '\\"')))
        },
        actuals={"r": actuals("apps", "r", {"2014": 100, "2018": 150})},
    )
    text, page = report(run, tmp_path, "--as-of", "2019-06-01", root=root)
    assert "<script>alert(1)" not in text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in text
    block = page.data["iptarget-status"]
    for character in "<>&":
        assert character not in block
    assert "\\u003c/script\\u003e" in block
    assert json.loads(block)["targets"][0]["title"] == hostile
    assert page.scripts == [{"type": "application/json", "id": "iptarget-status"}]


def test_a_report_that_cannot_be_written_is_refused(tmp_path: Path, run: Run) -> None:
    before = snapshot(TARGETS)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = run("report", "--dir", str(TARGETS), "--output", str(folder))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    missing = tmp_path / "no" / "such" / "place" / "r.html"
    result = run("report", "--dir", str(TARGETS), "--output", str(missing))
    assert result.exit_code == 2, result.output
    assert str(missing) in result.stderr
    assert snapshot(TARGETS) == before


def chromium(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *HEADLESS, f"--user-data-dir={cwd / 'profile'}", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def measured_dom(page: Path) -> subprocess.CompletedProcess[str]:
    """The DOM of a page (beside the report) once its script has measured the report in a
    frame and written what it found on the page."""
    return chromium(
        "--allow-file-access-from-files",
        "--virtual-time-budget=5000",
        "--dump-dom",
        page.as_uri(),
        cwd=page.parent,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (.ci/run installs it)")
def test_the_report_in_a_real_browser(tmp_path: Path, run: Run) -> None:
    """Headless Chromium renders every target, takes screenshots at a desktop's and a
    phone's width, and at 360 CSS pixels nothing scrolls sideways."""
    report(run, tmp_path, "--as-of", AS_OF)
    url = (tmp_path / "report.html").as_uri()
    dom = chromium("--dump-dom", url, cwd=tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    status = run("status", "--dir", str(TARGETS), "--as-of", AS_OF, "--format", "json")
    for target in json.loads(status.stdout)["targets"]:
        assert f'id="{target["id"]}"' in dom.stdout, target["id"]
    for name, size in (("wide", "1000,2400"), ("phone", "360,2400")):
        shot = tmp_path / f"{name}.png"
        result = chromium(f"--window-size={size}", f"--screenshot={shot}", url, cwd=tmp_path)
        assert result.returncode == 0, result.stderr[-2000:]
        assert shot.read_bytes().startswith(b"\x89PNG")
    (tmp_path / "phone.html").write_text(
        '<!DOCTYPE html><html><body><iframe id="f" src="report.html" '
        'style="width:360px;height:800px;border:0"></iframe><script>'
        "document.getElementById('f').addEventListener('load', function () {"
        " var d = this.contentDocument.documentElement;"
        " document.body.setAttribute('data-widths', d.scrollWidth + ' ' + d.clientWidth); });"
        "</script></body></html>",
        encoding="utf-8",
    )
    measured = measured_dom(tmp_path / "phone.html")
    found = re.search(r'data-widths="(\d+) (\d+)"', measured.stdout)
    assert found is not None, measured.stdout[-2000:]
    scroll, client = int(found[1]), int(found[2])
    assert scroll <= client, (scroll, client)
