"""The command line as users see it: output, formats, filters, exit codes, help."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.main import get_command

from helpers import Run, actuals, policy, write_dir
from iptarget import __version__
from iptarget.cli import app

COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])[;m]")
SPEC_FIELDS = [
    "id",
    "title",
    "policy",
    "metric",
    "unit",
    "region",
    "deadline",
    "direction",
    "strict",
    "target_value",
    "baseline",
    "start",
    "latest",
    "progress_pct",
    "required_rate",
    "actual_rate",
    "pace",
    "projected",
    "status",
    "acknowledged",
    "binding",
    "verdict",
    "expected_pct",
    "elapsed_pct",
    "in_year",
    "total",
    "template",
]
FACTOR = """
id = "{id}"
title = "{title}"
metric = "apps"
region = "{region}"
deadline = 2020
baseline = 2014
factor = 2
"""


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """Two policies: an on-track target in r, a regressing one in s, an at_least one in r."""
    first = policy(
        FACTOR.format(id="a-on-track", title="Double 2014", region="r"),
        'id = "c-no-data"\ntitle = "At least 5"\nmetric = "lin"\ndeadline = 2030\nat_least = 5',
    )
    second = policy(FACTOR.format(id="b-regressing", title="青海专利申请量翻番", region="s"))
    return write_dir(
        tmp_path / "targets",
        {"one": first, "two": second},
        {
            "r": actuals("apps", "r", {"2014": 100, "2018": 170}),
            "s": actuals("apps", "s", {"2014": 100, "2018": 90}),
        },
        regions='[region.r]\nname = "Region R"\n[region.s]\nname = "惠州市 Huizhou"\nparent = "r"\n',
    )


def status_json(run: Run, root: Path, *args: str) -> dict[str, object]:
    result = run("status", "--dir", str(root), "--as-of", "2019-06-30", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def test_json_has_exactly_the_fields_of_the_spec(example: Path, run: Run) -> None:
    document = status_json(run, example)
    assert list(document) == ["as_of", "vintage", "summary", "targets"]
    assert document["vintage"] == "latest"
    assert document["as_of"] == "2019-06-30"
    assert document["summary"] == {"on_track": 1, "regressing": 1, "no_data": 1}
    targets = document["targets"]
    assert isinstance(targets, list)
    for target in targets:
        assert list(target) == SPEC_FIELDS
    first = targets[0]
    assert first["id"] == "a-on-track"
    assert first["policy"] == "policies/one.toml"
    assert first["unit"] == "applications"
    assert first["deadline"] == "2020"
    assert first["direction"] == "up"
    assert first["strict"] is False
    assert first["target_value"] == 200.0
    point = {"period": "2014", "value": 100.0, "derived": False, "published": None, "flag": None}
    assert first["baseline"] == point
    assert first["start"] == point
    assert first["latest"] == {**point, "period": "2018", "value": 170.0}
    assert first["progress_pct"] == pytest.approx(70.0)
    assert first["pace"] == pytest.approx(1.158386, abs=1e-6)
    assert first["status"] == "on_track"
    no_data = targets[1]
    assert no_data["id"] == "c-no-data"
    assert no_data["baseline"] is None
    assert no_data["latest"] is None
    assert no_data["unit"] is None
    assert no_data["pace"] is None


def test_targets_come_in_policy_file_order(example: Path, run: Run) -> None:
    document = status_json(run, example)
    ids = [target["id"] for target in document["targets"]]  # type: ignore[attr-defined]
    assert ids == ["a-on-track", "c-no-data", "b-regressing"]


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["--region", "s"], ["b-regressing"]),
        (["--region", "r", "--region", "s"], ["a-on-track", "c-no-data", "b-regressing"]),
        (["--policy", "two"], ["b-regressing"]),
        (["--status", "on_track", "--status", "no_data"], ["a-on-track", "c-no-data"]),
        # SPEC 5.2: a region selects the regions below it through parent (s lies in r)
        (["--region", "r", "--status", "regressing"], ["b-regressing"]),
        (["--region", "Region R"], ["a-on-track", "c-no-data", "b-regressing"]),
        (["--region", "s", "--status", "on_track"], []),
    ],
)
def test_filters(example: Path, run: Run, args: list[str], ids: list[str]) -> None:
    document = status_json(run, example, *args)
    assert [target["id"] for target in document["targets"]] == ids  # type: ignore[attr-defined]
    assert sum(document["summary"].values()) == len(ids)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--region", "q"], '--region: unknown region "q"'),
        (["--policy", "tow"], '--policy: unknown policy "tow" (did you mean "two"?)'),
        (["--status", "done"], "'done' is not one of"),
        (["--as-of", "2019-13-01"], "2019-13-01"),
        (["--format", "xml"], "'xml' is not one of"),
    ],
)
def test_bad_options_exit_2(example: Path, run: Run, args: list[str], message: str) -> None:
    result = run("status", "--dir", str(example), *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_table_lines_up_with_chinese_text(example: Path, run: Run) -> None:
    result = run("status", "--dir", str(example), "--as-of", "2019-06-30")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("target")
    rows = lines[1:4]
    assert "惠州市 Huizhou" in rows[2]
    statuses = ["on_track", "no_data", "regressing"]
    starts = {
        cell_len(row[: row.rindex(status)]) for row, status in zip(rows, statuses, strict=True)
    }
    assert len(starts) == 1, lines
    heading = cell_len(lines[0][: lines[0].index("status")])
    assert starts == {heading}
    assert lines[-1] == "3 targets as of 2019-06-30: 1 on_track, 1 regressing, 1 no_data"
    assert all(line == line.rstrip() for line in lines)
    assert "\x1b[" not in result.stdout


def test_table_in_a_100_column_terminal_fits(example: Path, run: Run) -> None:
    env = {"TTY_COMPATIBLE": "1", "COLUMNS": "100"}
    result = run("status", "--dir", str(example), "--as-of", "2019-06-30", env=env)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 100, result.stdout
    assert "on_track" in result.stdout
    assert COLOUR.search(result.stdout) is None  # NO_COLOR: bold and dim, but no colour


def test_colour_in_a_terminal(example: Path, run: Run) -> None:
    env = {"TTY_COMPATIBLE": "1", "NO_COLOR": None, "FORCE_COLOR": "1"}
    result = run("status", "--dir", str(example), "--as-of", "2019-06-30", env=env)
    assert result.exit_code == 0
    assert COLOUR.search(result.stdout)


def test_csv_flattens_the_json_fields(example: Path, run: Run) -> None:
    result = run("status", "--dir", str(example), "--as-of", "2019-06-30", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3
    assert list(rows[0])[:10] == SPEC_FIELDS[:10]
    assert "baseline_period" in rows[0]
    assert "latest_derived" in rows[0]
    assert rows[0]["baseline_value"] == "100.0"
    assert rows[0]["strict"] == "false"
    assert rows[1]["latest_value"] == ""


def test_csv_of_no_targets_still_has_a_header(example: Path, run: Run) -> None:
    result = run("status", "--dir", str(example), "--format", "csv", "--status", "missed")
    assert result.exit_code == 0
    assert result.stdout.startswith("id,title,policy,")
    assert len(result.stdout.splitlines()) == 1


def test_markdown_table(example: Path, run: Run) -> None:
    result = run("status", "--dir", str(example), "--as-of", "2019-06-30", "--format", "markdown")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| target | region | metric |")
    assert lines[1].startswith("| --- | --- | --- | ---: |")
    assert len(lines) == 2 + 3 + 2
    assert "**regressing**" in result.stdout
    assert lines[-1].startswith("3 targets as of 2019-06-30")


def test_show_explains_one_target(example: Path, run: Run) -> None:
    result = run("show", "a-on-track", "--dir", str(example), "--as-of", "2019-06-30")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "at least 2 × the 2014 value (100 applications) = 200 applications by 2020" in out
    assert "+12.2% a year" in out  # required
    assert "+14.2% a year" in out  # actual
    assert "pace      1.16" in out
    assert "on_track  as of 2019-06-30" in out
    assert "2019" in out  # the required path goes on past the last figure
    assert "█" in out


def test_show_marks_derived_and_other_granularities(tmp_path: Path, run: Run) -> None:
    target = (
        'id = "t"\ntitle = "T"\nmetric = "per_10k"\ndeadline = 2020\nat_least = 14\nstart = 2016'
    )
    files = {
        "a": actuals("owned", "r", {"2018": 12000}) + actuals("people", "r", {"2018": 10_000_000}),
        "b": actuals("per_10k", "r", {"2016": 10.5, "2019-Q1": 12.2}),
    }
    root = write_dir(tmp_path, {"p": policy(target)}, files)
    result = run("show", "t", "--dir", str(root), "--as-of", "2019-06-30")
    assert result.exit_code == 0, result.output
    line_2018 = next(line for line in result.stdout.splitlines() if line.startswith("2018 "))
    assert "12.00" in line_2018
    assert "derived" in line_2018
    quarter = next(line for line in result.stdout.splitlines() if line.startswith("2019-Q1"))
    assert "quarterly figure, not compared" in quarter


def test_show_unknown_target_suggests_the_nearest(example: Path, run: Run) -> None:
    result = run("show", "a-on-trak", "--dir", str(example))
    assert result.exit_code == 2
    assert 'unknown target "a-on-trak" (did you mean "a-on-track"?)' in result.stderr


def test_dir_from_the_environment(example: Path, run: Run) -> None:
    result = run("validate", env={"IPTARGET_DIR": str(example)})
    assert result.exit_code == 0, result.output
    assert str(example) in result.stdout


def test_default_dir_is_targets_in_the_working_directory(
    example: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(example.parent)
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("targets: ")


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"iptarget {__version__}\n"


def test_python_dash_m(example: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "iptarget", "status", "--dir", str(example), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["targets"]) == 3


def test_a_user_error_in_a_real_process_has_no_traceback(tmp_path: Path) -> None:
    root = write_dir(tmp_path, {"p": "[policy\n"})
    result = subprocess.run(
        [sys.executable, "-m", "iptarget", "status", "--dir", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"{root / 'policies' / 'p.toml'}: invalid TOML")
    assert "Traceback" not in result.stderr


COMMANDS = [
    "status",
    "show",
    "series",
    "validate",
    "add-actual",
    "remove-actual",
    "check",
    "review",
    "compare",
    "due",
    "diff",
    "report",
    "schema",
    "init",
    "import",
    "export",
]


def test_every_command_and_option_has_help() -> None:
    group = get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    assert set(commands) == set(COMMANDS)
    for name, command in commands.items():
        assert command.help, name
        for param in command.params:
            assert getattr(param, "help", None), (name, param.name)
    for param in group.params:
        assert getattr(param, "help", None), param.name


@pytest.mark.parametrize("command", COMMANDS)
def test_help_runs(run: Run, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "--dir" in result.stdout
