"""No text from the data or the command line can forge, hide or run anything (SPEC 6)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from xml.etree import ElementTree

from helpers import Run, write_dir

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
        "csv on github": run("status", "--format", "csv", *as_of, env=github),
        "json on github": run("status", "--format", "json", *as_of, env=github),
        "export on github": run("export", "--dir", str(root), env=github),
        "a forged --dir": run("status", "--dir", "::add-mask::nowhere", env=github),
        "unknown region": run("status", "--region", PAYLOAD + "!", *as_of, env=github),
    }
    on_github = {"status on github", "check", "csv on github", "json on github", "unknown region"}
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
    for name in ("status", "show", "check"):
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
        assert all(line.count(" | ") == 9 for line in rows)  # ten cells: no | from the data
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
