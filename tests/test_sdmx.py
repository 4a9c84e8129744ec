"""SDMX-CSV in and out (SPEC 5.3): ``import --layout sdmx`` in the World Bank's and Eurostat's
column layouts (``tests/tables``, sources in its README), SDMX's period spellings, statuses
and comments, every refusal pinned; and ``export --format sdmx``, which the import reads back
to the same figures (a property test)."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import Run, load, snapshot, write_dir
from iptarget.periods import Period, from_sdmx, parse_period, sdmx_spelling

TABLES = Path(__file__).parent / "tables"
METRICS = """
[metric.pct]
name = "PCT applications received from domestic applicants"
unit = "applications"
decimals = 0
min = 0
measure = "flow"
code = ["CN.PCT.DOM", "PCT"]

[metric.owned]
name = "Valid invention patents"
decimals = 0
min = 0
measure = "stock"
code = "OWNED"
"""
REGIONS = """
[region.china]
name = "China"
code = ["CN", "CHN"]

[region.jilin]
name = "Jilin 吉林省"
name_zh = "吉林省"
"""
CHINA = {"2018": 51893.0, "2022": 69115.0, "2023": 68780.0}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_dir(tmp_path / "targets", metrics=METRICS, regions=REGIONS)


def sdmx_import(run: Run, root: Path, path: Path, *args: str) -> Any:
    return run("import", str(path), "--layout", "sdmx", "--dir", str(root), *args)


def figures(root: Path) -> dict[tuple[str, str, str], tuple[float, str | None, str | None]]:
    """Every recorded vintage: its value, flag and note, by metric, region and period (and
    its publication date, when it has one)."""
    dataset = load(root)
    found = {}
    for (metric, region), series in dataset.recorded.items():
        for period, value in series.items():
            for vintage in dataset.vintages.get((metric, region), {}).get(period, (value,)):
                dated = "" if vintage.published is None else vintage.published.isoformat()
                found[(metric, region, f"{period}@{dated}")] = (
                    vintage.value,
                    vintage.flag,
                    vintage.note,
                )
    return found


@pytest.mark.parametrize("table", ["sdmx-worldbank.csv", "sdmx-eurostat.csv"])
def test_the_world_banks_and_eurostats_layouts(root: Path, run: Run, table: Path) -> None:
    result = sdmx_import(run, root, TABLES / table, "--source", "CNIPA yearbook 2023, table 6-4")
    assert result.exit_code == 0, result.output
    assert {
        period.split("@")[0]: value[0] for (_, _, period), value in figures(root).items()
    } == CHINA
    assert {key[:2] for key in figures(root)} == {("pct", "china")}


def test_periods_statuses_comments_and_dates(root: Path, run: Run, tmp_path: Path) -> None:
    table = tmp_path / "obs.csv"
    table.write_text(
        "STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS,"
        "COMMENT_OBS,PUBLICATION_DATE\n"
        "dataflow,TEST:PCT(1.0),I,PCT,CN,2024-S1,30000,P,first half,2024-08-01\n"
        "dataflow,TEST:PCT(1.0),I,PCT,CN,2024-01-01/P10M,52000,E,,\n"
        "dataflow,TEST:PCT(1.0),I,PCT,CN,2024-M03,5000,A,,\n"
        "dataflow,TEST:PCT(1.0),I,PCT,CN,2024-01-01/P3M,14000,,,\n"
        "dataflow,TEST:PCT(1.0),I,OWNED,jilin,2023-A1,21000,,,\n"
        "dataflow,TEST:PCT(1.0),I,OWNED,jilin,2024-Q2,NaN,,,\n",
        encoding="utf-8",
    )
    result = sdmx_import(run, root, table)
    assert result.exit_code == 0, result.output
    assert "1 cell empty or marked not available (— … x /), skipped" in result.stdout
    assert figures(root) == {
        ("pct", "china", "2024-H1@2024-08-01"): (30000.0, "p", "first half"),
        ("pct", "china", "2024-YTD10@"): (52000.0, "e", None),
        ("pct", "china", "2024-03@"): (5000.0, None, None),
        ("pct", "china", "2024-Q1@"): (14000.0, None, None),
        ("owned", "jilin", "2023@"): (21000.0, None, None),
    }


def test_every_refusal_is_pinned(root: Path, run: Run, tmp_path: Path) -> None:
    before = snapshot(root)
    table = tmp_path / "bad.csv"
    table.write_text("area,year,value\nCN,2024,1\n", encoding="utf-8")
    result = sdmx_import(run, root, table)
    assert (result.exit_code, result.stderr) == (
        2,
        f"{table}: line 1: no SDMX-CSV header: a row must name the columns REF_AREA (or geo), "
        "TIME_PERIOD and OBS_VALUE\n",
    )
    table.write_text(
        "SERIES,UNIT,REF_AREA,TIME_PERIOD,OBS_VALUE\n"
        "PCT,A,CN,2024-W01,1\n"
        "XX,A,CN,2024,1\n"
        "PCT,OWNED,CN,2024,1\n"
        "PCT,A,ZZ,2024,1\n",
        encoding="utf-8",
    )
    result = sdmx_import(run, root, table)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{table}: line 2: TIME_PERIOD: 2024-W01: not a period iptarget keeps (2024, 2024-S1, "
        "2024-Q3, 2024-M03, 2024-03 or 2024-01-01/P10M)",
        f"{table}: line 3: no metric has the code of any of this row's dimensions (SERIES=XX, "
        "UNIT=A)",
        f"{table}: line 4: the row's dimensions (SERIES=PCT, UNIT=OWNED) are the codes of "
        "several metrics (owned, pct): ambiguous",
        f'{table}: line 5: REF_AREA: unknown region "ZZ"',
    ]
    result = sdmx_import(run, root, table, "--skip-unknown")
    assert result.exit_code == 2  # the period and the ambiguous row are still refused
    assert len(result.stderr.splitlines()) == 2
    assert snapshot(root) == before
    table.write_text(
        "SERIES,REF_AREA,TIME_PERIOD,OBS_VALUE\nXX,CN,2024,1\nPCT,CN,2024,7\n", "utf-8"
    )
    result = sdmx_import(run, root, table, "--skip-unknown")
    assert result.exit_code == 0, result.output
    assert "1 row whose metric or region is none of the directory's skipped" in result.stdout


def test_sdmx_spellings_of_every_period() -> None:
    for written, canonical in (
        ("2024", "2024"), ("2024-A1", "2024"), ("2024-S2", "2024-H2"), ("2024-Q3", "2024-Q3"),
        ("2024-M03", "2024-03"), ("2024-03", "2024-03"), ("2024-01-01/P10M", "2024-YTD10"),
        ("2024-01-01/P1M", "2024-01"), ("2024-01-01/P6M", "2024-H1"),
        ("2024-01-01/P12M", "2024"),
    ):  # fmt: skip
        found = from_sdmx(written)
        assert str(found) == canonical, written
    for refused in ("2024-M13", "2024-Q5", "2024-01-01/P13M", "2024-W01", "24"):
        assert from_sdmx(refused) is None, refused
    assert sdmx_spelling(Period(2024, "ytd", 10)) == "2024-01-01/P10M"
    assert sdmx_spelling(Period(2024, "half", 1)) == "2024-S1"


#: The figures a property test records: some periods of each kind, for a flow and a stock.
FLOW_PERIODS = ["2019", "2020-H1", "2020-Q3", "2021-02", "2021-YTD10"]
STOCK_PERIODS = ["2019", "2020-H2", "2021-Q1", "2022-07"]
figure = st.tuples(
    st.integers(0, 10**7) | st.floats(0, 1e6, allow_nan=False).map(lambda x: round(x, 3)),
    st.sampled_from([None, "p", "e"]),
    st.sampled_from([None, "a note", "备注，含逗号"]),
    st.sampled_from([None, 30, 400]),  # days after the period's end it was published
)


def _actual(metric: str, region: str, period: str, drawn: tuple[Any, ...]) -> dict[str, Any]:
    value, flag, note, days = drawn
    entry: dict[str, Any] = {"metric": metric, "region": region, "period": period, "value": value}
    if flag:
        entry["flag"] = flag
    if note:
        entry["note"] = note
    if days is not None:
        entry["published"] = parse_period(period).end + datetime.timedelta(days=days)
    return entry


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.dictionaries(
        st.tuples(
            st.sampled_from(["china", "jilin"]),
            st.sampled_from(["pct", "owned"]),
            st.integers(0, 4),
        ),
        figure,
        min_size=1,
        max_size=12,
    )
)
def test_export_then_import_gives_the_same_figures(
    run: Run, drawn: dict[tuple[str, str, int], tuple[Any, ...]]
) -> None:
    with tempfile.TemporaryDirectory() as work:
        first = write_dir(Path(work) / "a", metrics=METRICS, regions=REGIONS)
        by_region: dict[str, list[dict[str, Any]]] = {}
        for (region, metric, index), values in drawn.items():
            periods = FLOW_PERIODS if metric == "pct" else STOCK_PERIODS
            period = periods[index % len(periods)]
            by_region.setdefault(region, []).append(_actual(metric, region, period, values))
        for region, entries in by_region.items():
            unique = {(e["metric"], e["period"], e.get("published")): e for e in entries}
            (first / "actuals" / f"{region}.toml").write_text(
                tomli_w.dumps({"actual": list(unique.values())}), encoding="utf-8"
            )
        exported = run("export", "--format", "sdmx", "--dir", str(first))
        assert exported.exit_code == 0, exported.output
        table = Path(work) / "figures.csv"
        table.write_text(exported.stdout, encoding="utf-8")
        second = write_dir(Path(work) / "b", metrics=METRICS, regions=REGIONS)
        result = sdmx_import(run, second, table, "--force")
        assert result.exit_code == 0, result.output
        assert figures(second) == figures(first)


def test_export_names_the_format_it_writes(root: Path, run: Run) -> None:
    result = run("export", "--format", "xlsx", "--dir", str(root))
    assert (result.exit_code, result.stderr) == (
        2,
        "--format: xlsx is a workbook, not text: give --output FILE.xlsx\n",
    )
    result = run("export", "--format", "sdmx", "--dir", str(root))
    assert result.stdout.splitlines() == [
        "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,OBS_STATUS,COMMENT_OBS,PUBLICATION_DATE"
    ]


def test_a_workbook_and_a_dry_run(root: Path, run: Run, tmp_path: Path) -> None:
    """The World Bank's layout saved as a workbook; --dry-run writes nothing."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    lines = (TABLES / "sdmx-worldbank.csv").read_text(encoding="utf-8").splitlines()
    for line in lines:
        sheet.append([int(cell) if cell.isdigit() else cell for cell in line.split(",")])
    path = tmp_path / "wdi.xlsx"
    book.save(path)
    before = snapshot(root)
    result = sdmx_import(run, root, path, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "3 added, 0 replaced in 1 file; nothing written (--dry-run)" in result.stdout
    assert snapshot(root) == before
    result = sdmx_import(run, root, path)
    assert result.exit_code == 0, result.output
    assert {key[2].split("@")[0]: value[0] for key, value in figures(root).items()} == CHINA
