"""No text from the data or the command line can forge, hide or run anything (SPEC 6)."""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from pathlib import Path
from xml.etree import ElementTree

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import Run, write_dir
from iptarget.cells import unprotect, xml_text

#: Every payload at once, as a TOML basic string: a forged workflow command on a new line,
#: a legacy log command, colour and bidi escapes, rich markup, a markdown cell break, a
#: spreadsheet formula, and characters XML cannot hold.
PAYLOAD_TOML = (
    r"x\n::add-mask::secret ##[error]boom \u001b[31mred\u001b[0m \u202eevil [/x] "
    r"[link=https://evil.example]click[/link] a|b\r\nc \u0001 \uffff"
)
PAYLOAD = json.loads('"' + PAYLOAD_TOML.replace(r"\u001b", r"\u001b") + '"')
FORMULA = '=HYPERLINK(\\"http://evil.example\\")'
RAW = ("\x1b", "\u202e", "\x01", "\uffff", "\r")


def tree(root: Path) -> Path:
    metrics = f'[metric.apps]\nname = "{PAYLOAD_TOML}"\nunit = "{PAYLOAD_TOML}"\nmin = 0\n'
    regions = f'[region.r]\nname = "{PAYLOAD_TOML}"\n'
    target = (
        f'[[target]]\nid = "t"\ntitle = "{PAYLOAD_TOML}"\nmetric = "apps"\ndeadline = 2016\n'
        f'at_least = 100\n\n[[target]]\nid = "u"\ntitle = "{FORMULA}"\nmetric = "apps"\n'
        "deadline = 2030\nstart = 2014\nat_least = 1000\n"
    )
    header = f'[policy]\ntitle = "{PAYLOAD_TOML}"\nissuer = "{PAYLOAD_TOML}"\n'
    header += f'source = "{PAYLOAD_TOML}"\nregion = "r"\n\n'
    figures = "".join(
        f'[[actual]]\nmetric = "apps"\nregion = "r"\nperiod = {year}\nvalue = {value}\n'
        f'source = "{PAYLOAD_TOML}"\nnote = "{FORMULA}"\n\n'
        for year, value in ((2014, 50), (2016, 60), (2018, 70))
    )
    root = write_dir(root, {"p": header + target}, {"r": figures}, metrics, regions)
    # a policy file whose very name is a payload
    name = "q\n::add-mask::x ##[error]y \x1b[31m"
    (root / "policies" / f"{name}.toml").write_text(
        '[policy]\ntitle = "Q"\nregion = "r"\n\n[[target]]\nid = "v"\ntitle = "V"\n'
        'metric = "apps"\ndeadline = 2016\nat_least = 1\n',
        encoding="utf-8",
    )
    return root


def safe_for_a_log(text: str, where: str, github: bool = True) -> None:
    """Nothing raw; in a GitHub log, no forged command and no legacy command either."""
    if "\x1b[1m" in text:  # a terminal: iptarget's own bold; the data's escape is shown
        assert "\x1b[31mred" not in text, where
        text = text.replace("\x1b", "")
    for raw in RAW:
        assert raw not in text, (where, repr(raw))
    if not github:
        return
    assert "##[" not in text, where
    for line in text.split("\n"):
        if line.startswith("::"):
            # only iptarget's own commands; "::" inside their message runs nothing
            assert line.startswith(("::error file=", "::warning file=")), (where, line)


def test_every_payload_through_every_output(tmp_path: Path, run: Run) -> None:
    root = tree(tmp_path / "t")
    summary = tmp_path / "summary.md"
    junit = tmp_path / "junit.xml"
    github = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    as_of = ("--as-of", "2019-06-30", "--dir", str(root))
    outputs = {
        "status": run("status", *as_of),
        "status in a terminal": run("status", *as_of, env={"TTY_COMPATIBLE": "1"}),
        "status on github": run("status", *as_of, env=github),
        "show": run("show", "t", *as_of),
        "show u": run("show", "u", *as_of),
        "check": run("check", *as_of, "--junit", str(junit), env=github),
        "markdown": run("status", "--format", "markdown", *as_of),
        "review": run("review", *as_of, env=github),
        "csv on github": run("status", "--format", "csv", *as_of, env=github),
        "json on github": run("status", "--format", "json", *as_of, env=github),
        "export on github": run("export", "--dir", str(root), env=github),
        "a forged --dir": run("status", "--dir", "::add-mask::nowhere", env=github),
        "unknown region": run("status", "--region", PAYLOAD + "!", *as_of, env=github),
    }
    on_github = {"status on github", "check", "csv on github", "json on github", "unknown region"}
    on_github |= {"review"}
    on_github |= {"export on github", "a forged --dir"}
    for name, result in outputs.items():
        assert "Traceback" not in result.output, name
        if "json" not in name and "csv" not in name and "export" not in name:
            safe_for_a_log(result.stdout, name, name in on_github)
        safe_for_a_log(result.stderr, name, name in on_github)
    assert outputs["check"].exit_code == 1
    assert outputs["unknown region"].exit_code == 2
    assert outputs["a forged --dir"].stderr.startswith("\\::add-mask::nowhere: no target")
    assert "\\x1b[31mred" in outputs["unknown region"].stderr
    # markup is shown as it is written, never run
    for name in ("status", "show", "check", "review"):
        assert "[/x]" in outputs[name].stdout, name
        assert "[link=https://evil.example]click[/link]" in outputs[name].stdout, name
    assert "\\u202eevil" in outputs["show"].stdout
    # annotations: one line each, the payload escaped
    commands = [line for line in outputs["check"].stdout.splitlines() if line.startswith("::")]
    assert commands
    assert all("\\n::add-mask::" in line or "add-mask" not in line for line in commands)
    # markdown and the step summary: one table row per target
    for text in (outputs["markdown"].stdout, summary.read_text(encoding="utf-8")):
        safe_for_a_log(text, "markdown", github=False)
        rows = [line for line in text.splitlines() if line.startswith("|")]
        assert len(rows) == 2 + 3
        assert all(line.count(" | ") == 10 for line in rows)  # 11 cells: no | from the data
    # CSV: no cell a spreadsheet would run
    for name in ("csv on github", "export on github"):
        cells = [cell for row in csv.reader(io.StringIO(outputs[name].stdout)) for cell in row]
        assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")], name
        assert any(cell.startswith("'=HYPERLINK(") for cell in cells), name
        assert "##[" not in outputs[name].stdout
    # JSON: valid, and the data exactly as written (JSON is for machines)
    json_text = outputs["json on github"].stdout
    assert "##[" not in json_text
    document = json.loads(json_text)
    titles = {target["id"]: target["title"] for target in document["targets"]}
    assert titles["t"] == PAYLOAD
    assert titles["u"] == FORMULA.replace("\\", "")
    # JUnit parses although the data holds characters XML cannot
    cases = [case.get("name") for case in ElementTree.parse(junit).iter("testcase")]
    assert cases == ["t", "u", "v"]


def test_an_annotation_points_at_the_id_key_not_at_an_id_inside_a_title(
    tmp_path: Path, run: Run
) -> None:
    policy_text = (
        '[policy]\ntitle = "P"\nregion = "r"\n\n[[target]]\n'
        'title = """Missed\nid = "t"\n"""\n# id = "t"\nid = "t"\nmetric = "apps"\n'
        "deadline = 2016\nat_least = 100\n"
    )
    root = write_dir(tmp_path / "t", {"p": policy_text}, {})
    (root / "actuals" / "r.toml").write_text(
        '[[actual]]\nmetric = "apps"\nregion = "r"\nperiod = 2016\nvalue = 5\n', encoding="utf-8"
    )
    env = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(tmp_path)}
    result = run("check", "--dir", str(root), env=env)
    (command,) = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert command.startswith("::error file=t/policies/p.toml,line=10,")


#: Pieces that each output must neutralise, mixed by the property test with random text.
ATTACKS = [
    "\r",
    "\n",
    "\r\n",
    "\x1b[31m",
    "\x85",
    "\u202e",
    "\x00",
    "<x-evil>",
    "<!--evil",
    "</details>",
    "@octocat",
    "[click](https://evil.example)",
    "![x](https://t.example/p.png)",
    "](",
    "[",
    "::add-mask::secret",
    "::stop-commands::token",
    "##[error]",
    "|",
    "`",
    "%0A",
    "=1+1",
    "@SUM(A1)",
]
_texts = st.builds(
    "".join,
    st.lists(
        st.sampled_from(ATTACKS) | st.text(st.characters(codec="utf-8"), max_size=6),
        min_size=1,
        max_size=6,
    ),
).filter(lambda text: text.strip() != "")


def _random_tree(root: Path, text: str) -> Path:
    """A directory with ``text`` in every text field (written by a TOML writer, so any
    character goes in), and a target that fails (t) and one that does not (u)."""
    import tomli_w

    metrics = tomli_w.dumps(
        {"metric": {"apps": {"name": text, "unit": text, "min": 0, "aggregate": "sum"}}}
    )
    regions = tomli_w.dumps({"region": {"r": {"name": text}}})
    targets = [
        {"id": "t", "title": text, "metric": "apps", "deadline": 2016, "at_least": 100},
        {"id": "u", "title": text, "metric": "apps", "deadline": 2030, "start": 2014},
    ]
    targets[1]["at_least"] = 1000
    policy_text = tomli_w.dumps(
        {
            "policy": {"title": text, "issuer": text, "source": text, "region": "r"},
            "target": targets,
        }
    )
    figures = tomli_w.dumps(
        {
            "actual": [
                {"metric": "apps", "region": "r", "period": str(year), "value": value}
                | {"source": text, "note": text}
                for year, value in ((2014, 50), (2016, 60), (2018, 70))
            ]
        }
    )
    return write_dir(root, {"p": policy_text}, {"r": figures}, metrics, regions)


def _cells_of_a_markdown_row(line: str) -> int:
    return len(re.split(r"(?<!\\) \| ", line.replace("\\\\", "")))


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_texts)
def test_random_text_through_every_output(tmp_path: Path, run: Run, text: str) -> None:
    from openpyxl import load_workbook

    work = Path(tempfile.mkdtemp(dir=tmp_path))
    root = _random_tree(work / "t", text)
    summary, junit, html, xlsx = (work / name for name in ("s.md", "j.xml", "r.html", "e.xlsx"))
    github = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    as_of = ("--as-of", "2019-06-30", "--dir", str(root))
    outputs = {
        "status": run("status", *as_of, env=github),
        "show": run("show", "t", *as_of, env=github),
        "check": run("check", *as_of, "--junit", str(junit), env=github),
        "csv": run("status", "--format", "csv", *as_of, env=github),
        "json": run("status", "--format", "json", *as_of, env=github),
        "markdown": run("status", "--format", "markdown", *as_of, env=github),
        "review": run("review", *as_of, env=github),
        "review-markdown": run("review", "--format", "markdown", *as_of, env=github),
        "export": run("export", "--dir", str(root), env=github),
        "report": run("report", "-o", str(html), *as_of),
        "xlsx": run("export", "-o", str(xlsx), "--dir", str(root)),
    }
    for name, result in outputs.items():
        assert "Traceback" not in result.output, name
        assert result.exit_code == (1 if name == "check" else 0), (name, result.output)
        safe_for_a_log(result.stderr, name)
        if name in ("status", "show", "check", "review"):
            safe_for_a_log(result.stdout, name)
    # CSV and JSON keep the text, but no line the runner reads (it ends one at a lone CR
    # too) starts a command, and no cell is a formula
    for name in ("csv", "export", "json"):
        for line in re.split("\r\n|\r|\n", outputs[name].stdout):
            assert not line.lstrip().startswith("::"), (name, line)
        assert "##[" not in outputs[name].stdout, name
    for name in ("csv", "export"):
        rows = csv.reader(io.StringIO(outputs[name].stdout.replace("\\::", "::")))
        assert not [c for row in rows for c in row if c[:1] in ("=", "+", "@", "\t", "\r")]
    document = json.loads(outputs["json"].stdout)
    assert {target["title"] for target in document["targets"]} == {text}
    # markdown: no HTML, link, image or mention from the data, and one cell per column
    markdowns = [outputs[name].stdout for name in ("markdown", "review-markdown")]
    for markdown in (*markdowns, summary.read_text(encoding="utf-8")):
        for raw in ("<x-evil", "<!--", "</details>", "@octocat", "\x1b", "\r"):
            assert raw not in markdown, raw
        assert not re.search(r"(?<!\\)\]\(", markdown)  # no link or image
        lines = [line for line in markdown.splitlines() if line.startswith("| ")]
        assert len({_cells_of_a_markdown_row(line) for line in lines}) == 1, lines
    # XML and HTML: JUnit parses; the report holds no tag or comment from the data
    assert [case.get("name") for case in ElementTree.parse(junit).iter("testcase")] == ["t", "u"]
    page = html.read_text(encoding="utf-8")
    for raw in ("<x-evil", "<!--evil", "</details>"):
        assert raw not in page, raw
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    shown = {
        unprotect(cell.value) if isinstance(cell.value, str) else cell.value for cell in sheet[2]
    }
    # XML reads a carriage return as a line feed (XML 1.0, 2.11)
    assert (re.sub("\r\n?", "\n", xml_text(text)) or None) in shown
