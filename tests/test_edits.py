"""Actuals files that people edit (SPEC 6, v2): add-actual, import and --replace change only
the entries they add or replace; comments, blank lines, CRLF, integers, the ``#:schema``
line and every other entry stay byte for byte."""

from __future__ import annotations

import datetime
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import FACTOR_2, Run, policy, write_dir
from iptarget.store.edit import edit

TODAY = datetime.date.today().isoformat()
EDITED = (
    "#:schema ../schema/actuals.json\n"
    "# Audit note: every figure checked against the bulletins on 2026-01-10.\n"
    "\n"
    "[[actual]]\n"
    'metric = "apps"\n'
    'region = "r"\n'
    'period = "2014"\n'
    "value = 100  # provisional, see bulletin 3\n"
    'source = "Bulletin 3"\n'
    "\n"
    "# the 2018 figure was revised once\n"
    "[[actual]]\n"
    'metric = "apps"\n'
    'region = "r"\n'
    'period = "2018"\n'
    "value = 150\n"
    'note = """two\n'
    "[[actual]]\n"
    'lines"""\n'
    "\n"
    "[[actual]]   # an entry of another metric\n"
    'metric = "lin"\n'
    'region = "r"\n'
    'period = "2018"\n'
    "value = 7\n"
)


def entry(period: str, value: str, *more: str) -> str:
    """An entry as add-actual writes it."""
    lines = [
        "[[actual]]",
        'metric = "apps"',
        'region = "r"',
        f'period = "{period}"',
        f"value = {value}",
        *more,
        f"recorded = {TODAY}",
    ]
    return "\n".join(lines) + "\n"


def directory(tmp_path: Path, text: str, newline: str = "\n") -> Path:
    root = write_dir(tmp_path / "targets", {"p": policy(FACTOR_2)})
    (root / "actuals" / "r.toml").write_bytes(text.replace("\n", newline).encode("utf-8"))
    return root


def test_add_actual_inserts_one_entry_in_order_and_keeps_everything_else(
    tmp_path: Path, run: Run
) -> None:
    root = directory(tmp_path, EDITED)
    result = run("add-actual", "apps", "r", "2016", "120", "--dir", str(root))
    assert result.exit_code == 0, result.output
    first, rest = EDITED.split("\n# the 2018 figure", 1)
    expected = first + "\n" + entry("2016", "120") + "\n# the 2018 figure" + rest
    assert (root / "actuals" / "r.toml").read_text(encoding="utf-8") == expected


def test_crlf_stays_crlf_through_add_replace_and_import(tmp_path: Path, run: Run) -> None:
    root = directory(tmp_path, EDITED, "\r\n")
    path = root / "actuals" / "r.toml"
    assert run("add-actual", "apps", "r", "2019", "160", "--dir", str(root)).exit_code == 0
    result = run("add-actual", "apps", "r", "2014", "110", "--replace", "--dir", str(root))
    assert result.exit_code == 0, result.output
    data = tmp_path / "rows.csv"
    data.write_text("metric,region,period,value\napps,r,2013,90\nlin,r,2018,8\n", encoding="utf-8")
    result = run("import", str(data), "--replace", "--dir", str(root))
    assert result.exit_code == 0, result.output
    raw = path.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line ends in CRLF
    expected = (
        EDITED.replace(
            '[[actual]]\nmetric = "apps"\nregion = "r"\nperiod = "2014"\n',
            entry("2013", "90") + '\n[[actual]]\nmetric = "apps"\nregion = "r"\nperiod = "2014"\n',
        )
        .replace("value = 100  # provisional", "value = 110  # provisional")
        .replace('source = "Bulletin 3"\n', f"recorded = {TODAY}\n")
        .replace('lines"""\n', 'lines"""\n\n' + entry("2019", "160"))
        .replace("value = 7\n", f"value = 8\nrecorded = {TODAY}\n")
    )
    assert raw.decode("utf-8") == expected.replace("\n", "\r\n")


def test_replace_keeps_the_comments_inside_the_entry(tmp_path: Path, run: Run) -> None:
    root = directory(tmp_path, EDITED)
    args = ("add-actual", "apps", "r", "2014", "100.5", "--source", "Bulletin 4", "--replace")
    result = run(*args, "--dir", str(root))
    assert result.exit_code == 0, result.output
    text = (root / "actuals" / "r.toml").read_text(encoding="utf-8")
    assert text == EDITED.replace(
        'value = 100  # provisional, see bulletin 3\nsource = "Bulletin 3"\n',
        f'value = 100.5  # provisional, see bulletin 3\nsource = "Bulletin 4"\nrecorded = {TODAY}\n',
    )


def test_a_file_with_an_inline_array_is_edited_as_one_document(tmp_path: Path, run: Run) -> None:
    text = (
        "# figures typed by hand\n"
        "actual = [\n"
        '  {metric = "apps", region = "r", period = "2014", value = 100},  # from the yearbook\n'
        '  {metric = "apps", region = "r", period = "2018", value = 150},\n'
        "]\n"
    )
    root = directory(tmp_path, text)
    result = run("add-actual", "apps", "r", "2016", "120", "--dir", str(root))
    assert result.exit_code == 0, result.output
    written = (root / "actuals" / "r.toml").read_text(encoding="utf-8")
    assert written.startswith("# figures typed by hand\nactual = [\n")
    assert "value = 100},  # from the yearbook\n" in written
    periods = [item["period"] for item in tomllib.loads(written)["actual"]]
    assert periods == ["2014", "2016", "2018"]


def test_a_new_file_starts_with_the_schema_line_and_holds_integers(
    tmp_path: Path, run: Run
) -> None:
    root = write_dir(tmp_path / "targets", {"p": policy(FACTOR_2)})
    (root / "schema").mkdir()
    (root / "schema" / "actuals.json").write_text("{}", encoding="utf-8")
    assert run("add-actual", "apps", "r", "2014", "100.0", "--dir", str(root)).exit_code == 0
    assert run("add-actual", "apps", "r", "2013", "1.2万", "--dir", str(root)).exit_code != 0
    assert run("add-actual", "apps", "r", "2015", "120.25", "--dir", str(root)).exit_code == 0
    text = (root / "actuals" / "r.toml").read_text(encoding="utf-8")
    assert text == (
        "#:schema ../schema/actuals.json\n" + entry("2014", "100") + "\n" + entry("2015", "120.25")
    )


comment = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=20).map(
    lambda text: "# " + text
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    comments=st.lists(comment, min_size=3, max_size=3),
    blank=st.sampled_from(["", "\n", "\n\n"]),
    period=st.sampled_from(["2012", "2015", "2016-Q1", "2019", "2020-H1"]),
)
def test_no_line_of_a_file_is_lost_whatever_its_comments(
    tmp_path_factory: object, comments: list[str], blank: str, period: str
) -> None:
    """Every line of the file before an add is in the file after it, in the same order, and
    what was added is the new entry and one blank line."""
    from typer.testing import CliRunner

    from iptarget.cli import app

    base = Path(str(tmp_path_factory.mktemp("edits")))  # type: ignore[attr-defined]
    text = (
        f'{comments[0]}\n{blank}[[actual]]\nmetric = "apps"\nregion = "r"\nperiod = "2014"\n'
        f'value = 100 {comments[1]}\n{blank}{comments[2]}\n[[actual]]\nmetric = "apps"\n'
        'region = "r"\nperiod = "2018"\nvalue = 150\n'
    )
    root = directory(base, text)
    args = ["add-actual", "apps", "r", period, "125", "--force", "--dir", str(root)]
    result = CliRunner().invoke(app, args, env={"NO_COLOR": "1", "IPTARGET_DIR": None})
    assert result.exit_code == 0, result.output
    after = (root / "actuals" / "r.toml").read_text(encoding="utf-8").split("\n")
    added = entry(period, "125").split("\n")[:-1]
    remaining = iter(after)
    assert all(line in remaining for line in text.split("\n"))  # in order
    leftover = list(after)
    for line in text.split("\n"):
        leftover.remove(line)
    assert sorted(leftover) == sorted([*added, ""])


@pytest.mark.parametrize(
    ("head", "written"),
    [
        ("", "[[actual]]\n"),
        ("#:schema ../schema/actuals.json\n", "#:schema ../schema/actuals.json\n[[actual]]\n"),
        ("# a note\n", "# a note\n\n[[actual]]\n"),
        ("# a note\n\n", "# a note\n\n[[actual]]\n"),
        ("# a note", "# a note\n\n[[actual]]\n"),
        ("# a note\r\n\r\n", "# a note\r\n\r\n[[actual]]\r\n"),
    ],
)
def test_the_first_entry_of_a_file_follows_its_head(head: str, written: str) -> None:
    """A blank line after a note on the file, none after the #:schema line, no line doubled."""
    text = edit(head, 0, [("insert", 0, {"metric": "apps", "value": 1})])
    assert text.startswith(written)
