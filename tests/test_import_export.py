"""`iptarget import FILE.csv` and `iptarget export`: spreadsheets in, spreadsheets out."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import Run, actuals, load, snapshot, write_dir
from helpers import values as every_value

EXAMPLE = Path(__file__).parent.parent / "targets"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_import_records_every_row(root: Path, tmp_path: Path, run: Run) -> None:
    data = write(
        tmp_path / "figures.csv",
        'metric,region,period,value,source\napps,r,2014,"7,812",Yearbook 2015\n'
        "apps,s,2014,1.2万,Bulletin\nowned,r,2019-Q4,3,\n",
    )
    result = run("import", str(data), "--force", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert "3 added, 0 replaced in 2 files" in result.stdout
    values = every_value(root)
    assert values["apps", "r"][next(iter(sorted(values["apps", "r"])))].value == 7812
    assert [value.value for value in values["apps", "s"].values()] == [12000]
    assert values["apps", "r"][min(values["apps", "r"])].source == "Yearbook 2015"
    assert len(values["owned", "r"]) == 1


@pytest.mark.parametrize(
    ("encoding", "separator"), [("utf-8", ","), ("utf-8-sig", ","), ("utf-8-sig", ";")]
)
def test_bom_and_semicolons(
    root: Path, tmp_path: Path, run: Run, encoding: str, separator: str
) -> None:
    text = "metric;region;period;value;note\napps;r;2014;7,812;按年\n"
    if separator == ",":
        text = 'metric,region,period,value,note\napps,r,2014,"7,812",按年\n'
    data = write(tmp_path / "figures.csv", text, encoding)
    result = run("import", str(data), "--force", "--dir", str(root))
    assert result.exit_code == 0, result.output
    recorded = [v for v in every_value(root)["apps", "r"].values() if v.value == 7812]
    assert [value.note for value in recorded] == ["按年"]


def test_every_bad_row_is_named_by_line_and_nothing_is_written(
    root: Path, tmp_path: Path, run: Run
) -> None:
    data = write(
        tmp_path / "bad.csv",
        "metric,region,period,value\n"
        "apps,r,2014,100\n"  # good
        "aps,r,2015,1\n"  # unknown metric
        "apps,r,2099,1\n"  # not ended
        "apps,r,2016,abc\n"  # not a number
        "apps,r,2014,5\n"  # twice in the file
        "apps,r\n"  # wrong shape
        "apps,r,2018,200\n",  # already recorded
    )
    before = snapshot(root)
    result = run("import", str(data), "--dir", str(root))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f'{data}: line 3: metric: unknown metric "aps" (did you mean "apps"?)',
        f"{data}: line 4: period: 2099 ends after today"
        f" ({__import__('datetime').date.today()}); record it once it has ended",
        f"{data}: line 5: value: abc: not a number (give a figure such as 7812, 7,812, "
        "12.99, -3.5, 1.2万 or 3.5亿, optionally followed by the metric's unit)",
        f"{data}: line 6: period: 2014 is also on line 2",
        f"{data}: line 7: 2 cells where the header has 4 columns",
        f"{data}: line 8: period: 2018 is already recorded (150); give a published date to keep both as vintages, or --replace to correct a typo",
    ]
    assert snapshot(root) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("metric,region,period,vlaue\n", 'line 1: unknown column "vlaue" (did you mean "value"?)'),
        ("metric,region,period\n", 'line 1: the column "value" is missing'),
        ("metric,region,period,value\n", "no rows under the header"),
        ("", "line 1: no header row: above the figures, a row must name the columns"),
    ],
)
def test_a_bad_header_is_refused(
    root: Path, tmp_path: Path, run: Run, text: str, message: str
) -> None:
    data = write(tmp_path / "bad.csv", text)
    result = run("import", str(data), "--dir", str(root))
    assert result.exit_code == 2
    assert message in result.stderr


def test_not_utf8_and_missing_files(root: Path, tmp_path: Path, run: Run) -> None:
    data = tmp_path / "binary.csv"
    data.write_bytes(b"metric,region,period,value\napps,r,2014,\xff\xfe\n")
    result = run("import", str(data), "--dir", str(root))
    assert (
        result.stderr == f"{data}: neither UTF-8 nor GB18030 text (byte 39); save it as CSV UTF-8\n"
    )
    assert "file not found" in run("import", str(tmp_path / "no.csv"), "--dir", str(root)).stderr


def test_replace_and_dry_run(root: Path, tmp_path: Path, run: Run) -> None:
    data = write(tmp_path / "new.csv", "metric,region,period,value\napps,r,2018,175\n")
    before = snapshot(root)
    result = run("import", str(data), "--replace", "--dry-run", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert "would replace apps r 2018: 150 → 175 applications" in result.stdout
    assert "0 added, 1 replaced in 1 file; nothing written (--dry-run)" in result.stdout
    assert snapshot(root) == before
    result = run("import", str(data), "--replace", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert [value.value for value in every_value(root)["apps", "r"].values()] == [175]


def test_import_takes_the_same_safe_path_as_add_actual(
    root: Path, tmp_path: Path, run: Run
) -> None:
    (root / "actuals" / "r.toml").write_text("[[actual]\n", encoding="utf-8")
    data = write(tmp_path / "new.csv", "metric,region,period,value\napps,r,2014,1\n")
    result = run("import", str(data), "--dir", str(root))
    assert result.exit_code == 2
    assert "does not validate; fix these first" in result.stderr


def test_export_lists_recorded_and_derived_values(tmp_path: Path, run: Run) -> None:
    root = write_dir(
        tmp_path,
        actuals={"r": actuals("owned", "r", {"2018": 50}) + actuals("people", "r", {"2018": 1e6})},
    )
    result = run("export", "--dir", str(root))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows == [
        {"metric": "owned", "region": "r", "period": "2018", "value": "50", "derived": "false",
         "source": "", "note": "", "published": "", "flag": "", "rule": ""},
        {"metric": "people", "region": "r", "period": "2018", "value": "1000000",
         "derived": "false", "source": "", "note": "", "published": "", "flag": "", "rule": ""},
        {"metric": "per_10k", "region": "r", "period": "2018", "value": "0.5",
         "derived": "true", "source": "", "note": "", "published": "", "flag": "",
         "rule": "ratio"},
    ]  # fmt: skip
    out = tmp_path / "values.csv"
    assert run("export", "--output", str(out), "--dir", str(root)).exit_code == 0
    # A file gets a byte-order mark so that Excel reads it as UTF-8; the pipe gets none.
    assert out.read_bytes().startswith(b"\xef\xbb\xbfmetric,")
    assert out.read_text(encoding="utf-8-sig") == result.stdout
    assert not result.stdout.startswith("\ufeff")


def test_exporting_the_example_and_importing_it_into_an_empty_copy_gives_the_same_values(
    tmp_path: Path, run: Run
) -> None:
    empty = tmp_path / "empty"
    shutil.copytree(EXAMPLE, empty)
    shutil.rmtree(empty / "actuals")
    exported = write(tmp_path / "values.csv", run("export", "--dir", str(EXAMPLE)).stdout)
    # --force: the YRD's patent transfers grew 99-fold from 2011 to 2022 (358 to 35,504), a
    # real growth that the unit-slip guard asks to confirm (SPEC 5.1)
    result = run("import", str(exported), "--force", "--dir", str(empty))
    assert result.exit_code == 0, result.output
    assert every_value(empty) == every_value(EXAMPLE)


@settings(
    max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(
    figures=st.dictionaries(
        st.tuples(st.sampled_from(["owned", "people", "lin"]), st.sampled_from(["r", "s"])),
        st.floats(0, 1e18, allow_nan=False, allow_infinity=False).filter(lambda v: v > 1e-300),
        min_size=1,
    ),
    note=st.text(max_size=20),
)
def test_export_then_import_round_trips(
    tmp_path_factory: pytest.TempPathFactory,
    run: Run,
    figures: dict[tuple[str, str], float],
    note: str,
) -> None:
    first = write_dir(tmp_path_factory.mktemp("a"), metrics=METRICS_NO_BOUNDS)
    rows = "".join(
        f"{metric},{region},2019,{store_value(value)},,{note_cell(note)}\n"
        for (metric, region), value in figures.items()
    )
    data = write(
        tmp_path_factory.mktemp("csv") / "in.csv", "metric,region,period,value,source,note\n" + rows
    )
    assert run("import", str(data), "--dir", str(first)).exit_code == 0
    # the bytes: Click's Result.stdout turns "\r\n" into "\n", inside a quoted note too
    exported = data.parent / "out.csv"
    exported.write_bytes(run("export", "--dir", str(first)).stdout_bytes)
    second = write_dir(tmp_path_factory.mktemp("b"), metrics=METRICS_NO_BOUNDS)
    result = run("import", str(exported), "--dir", str(second))
    assert result.exit_code == 0, result.output
    assert every_value(second) == every_value(first)


METRICS_NO_BOUNDS = """
[metric.owned]
name = "Owned"

[metric.people]
name = "People"

[metric.ratio]
name = "Ratio"
numerator = "owned"
denominator = "people"

[metric.lin]
name = "Linear"
"""


def store_value(value: float) -> str:
    from iptarget.errors import exact

    return exact(value, grouped=False)


def note_cell(note: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([note])  # quotes a note with \r or \n in it
    return buffer.getvalue().removesuffix("\r\n")


def test_ten_thousand_rows_all_or_nothing_and_a_no_op_round_trip(tmp_path: Path, run: Run) -> None:
    from test_benchmark_data import benchmark

    root = tmp_path / "targets"
    benchmark().generate(root, regions=100, metrics=10, years=10, targets=20)
    keys = [
        (f"m0{metric}", "china" if region == 0 else f"r{region:03d}", year)
        for region in range(100)
        for metric in range(9)  # m09 is a ratio of m07 and m08
        for year in range(2000, 2012)
    ][:10_000]
    lines = [f"{metric},{region},{year},{1000 + index}" for index, (metric, region, year) in
             enumerate(keys)]  # fmt: skip
    bad = lines.copy()
    bad[4999] = bad[4999].rsplit(",", 1)[0] + ",abc"  # line 5001 of the file
    data = write(tmp_path / "bad.csv", "metric,region,period,value\n" + "\n".join(bad) + "\n")
    before, before_count = snapshot(root), load(root).figure_count
    result = run("import", str(data), "--force", "--dir", str(root))
    assert result.exit_code == 2
    assert [line.split(": ")[1] for line in result.stderr.splitlines()] == ["line 5001"]
    assert snapshot(root) == before

    good = write(tmp_path / "good.csv", "metric,region,period,value\n" + "\n".join(lines) + "\n")
    result = run("import", str(good), "--force", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert "10000 added, 0 replaced in 93 files" in result.stdout  # 108 rows a region
    assert load(root).figure_count == before_count + 10_000

    exported = write(tmp_path / "all.csv", run("export", "--dir", str(root)).stdout)
    after_import = snapshot(root)
    result = run("import", str(exported), "--replace", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert "0 added, 0 replaced in 0 files" in result.stdout
    assert snapshot(root) == after_import
