"""Vintages (SPEC 3.1, v2): every published figure kept, the value as of a date replayed from
what was published by then. Pinned with hand-made vintages."""

from __future__ import annotations

import datetime
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from helpers import ENV, Run, load, policy, snapshot, write_dir
from iptarget.cli import app
from iptarget.core.dataset import Value
from iptarget.core.values import Values, Vintage
from iptarget.periods import parse_period

D = datetime.date


def vintage(
    metric: str,
    period: str,
    value: float,
    published: str | None = None,
    flag: str | None = None,
    region: str = "r",
    source: str | None = None,
) -> str:
    """One ``[[actual]]`` entry, dated when ``published`` is given."""
    lines = [
        "[[actual]]",
        f'metric = "{metric}"',
        f'region = "{region}"',
        f'period = "{period}"',
        f"value = {value!r}",
    ]
    lines += [f'source = "{source}"'] if source else []
    lines += [f"published = {published}"] if published else []
    lines += [f'flag = "{flag}"'] if flag else []
    return "\n".join(lines) + "\n"


def value_of(
    root: Path,
    metric: str,
    period: str,
    as_of: D | None,
    chosen: Vintage = "latest",
) -> Value | None:
    return Values(load(root), as_of, chosen).get(metric, "r", parse_period(period))


@pytest.fixture
def revised(tmp_path: Path) -> Path:
    """2022's 12.71 first published on 2023-12-29, revised to 12.60 on 2025-01-07."""
    entries = vintage("lin", "2022", 12.71, "2023-12-29") + vintage(
        "lin", "2022", 12.60, "2025-01-07", "p"
    )
    return write_dir(tmp_path / "t", actuals={"r": entries})


@pytest.mark.parametrize(
    ("as_of", "chosen", "expected"),
    [
        (D(2023, 12, 28), "latest", None),  # before the first publication: not known
        (D(2023, 12, 29), "latest", 12.71),  # on the day it is published
        (D(2024, 6, 30), "latest", 12.71),  # between the two: the first
        (D(2025, 1, 7), "latest", 12.60),  # on the revision's day: the revision
        (D(2026, 1, 1), "latest", 12.60),  # after both: the second
        (None, "latest", 12.60),  # every figure: the latest
        (D(2023, 12, 28), "first", None),
        (D(2024, 6, 30), "first", 12.71),
        (D(2026, 1, 1), "first", 12.71),  # --vintage first: as first published
        (None, "first", 12.71),
    ],
)
def test_the_value_as_of_a_date_is_the_latest_vintage_published_by_then(
    revised: Path, as_of: D | None, chosen: Vintage, expected: float | None
) -> None:
    found = value_of(revised, "lin", "2022", as_of, chosen)
    assert (None if found is None else found.value) == expected


def test_a_vintage_keeps_its_date_and_flag(revised: Path) -> None:
    latest = value_of(revised, "lin", "2022", D(2026, 1, 1))
    assert latest is not None
    assert (latest.published, latest.flag) == (D(2025, 1, 7), "p")
    first = value_of(revised, "lin", "2022", D(2026, 1, 1), "first")
    assert first is not None
    assert (first.published, first.flag) == (D(2023, 12, 29), None)


def test_an_undated_figure_is_the_oldest_vintage(tmp_path: Path) -> None:
    """Known from its period's end; replaced by a dated vintage from that one's date on;
    --vintage first takes it whenever it exists."""
    entries = vintage("lin", "2022", 5.0) + vintage("lin", "2022", 6.0, "2023-03-01")
    root = write_dir(tmp_path / "t", actuals={"r": entries})
    assert value_of(root, "lin", "2022", D(2022, 12, 30)) is None  # the period has not ended
    assert value_of(root, "lin", "2022", D(2022, 12, 31)) == Value(parse_period("2022"), 5.0)
    shown = value_of(root, "lin", "2022", D(2023, 2, 28))
    assert shown is not None
    assert shown.value == 5.0
    later = value_of(root, "lin", "2022", D(2023, 3, 1))
    assert later is not None
    assert later.value == 6.0
    first = value_of(root, "lin", "2022", D(2024, 1, 1), "first")
    assert first is not None
    assert (first.value, first.published) == (5.0, None)


def test_a_figure_published_before_its_period_ended_is_known_from_the_end(tmp_path: Path) -> None:
    root = write_dir(tmp_path / "t", actuals={"r": vintage("lin", "2022", 7.0, "2022-12-20")})
    assert value_of(root, "lin", "2022", D(2022, 12, 25)) is None
    assert value_of(root, "lin", "2022", D(2022, 12, 31)) is not None


def test_a_derived_ratio_takes_each_input_in_its_own_vintage(tmp_path: Path) -> None:
    """per_10k = owned / people × 10,000: the numerator revised in 2024, the denominator
    (a census) in 2023; as of each date, each input's own vintage, and the ratio carries the
    latest date of the two and the flag of the provisional one."""
    entries = (
        vintage("owned", "2020", 1000.0, "2021-02-28", "p")
        + vintage("owned", "2020", 1100.0, "2024-05-01")
        + vintage("people", "2020", 1_000_000.0, "2021-01-15")
        + vintage("people", "2020", 800_000.0, "2023-06-30", "e")
    )
    root = write_dir(tmp_path / "t", actuals={"r": entries})
    expected = {
        D(2021, 1, 31): None,  # the numerator is not published yet
        D(2021, 3, 1): (10.0, D(2021, 2, 28), "p"),  # 1000 / 1,000,000
        D(2023, 7, 1): (12.5, D(2023, 6, 30), "p"),  # 1000 / 800,000: p beats e
        D(2024, 5, 1): (13.75, D(2024, 5, 1), "e"),  # 1100 / 800,000
    }
    for as_of, wanted in expected.items():
        found = value_of(root, "per_10k", "2020", as_of)
        got = None if found is None else (round(found.value, 9), found.published, found.flag)
        assert got == wanted, as_of
        assert found is None or found.derived
    first = value_of(root, "per_10k", "2020", D(2024, 5, 1), "first")
    assert first is not None
    assert (first.value, first.published, first.flag) == (10.0, D(2021, 2, 28), "p")


def test_status_json_points_carry_published_and_flag(revised: Path, run: Run) -> None:
    target = policy(
        """
        id = "t"
        title = "T"
        metric = "lin"
        deadline = 2025
        at_least = 20
        start = 2022
        start_value = 10
        """
    )
    write_dir(revised, policies={"p": target})
    for as_of, chosen, latest in [
        ("2024-01-01", "latest", {"value": 12.71, "published": "2023-12-29", "flag": None}),
        ("2025-02-01", "latest", {"value": 12.6, "published": "2025-01-07", "flag": "p"}),
        ("2025-02-01", "first", {"value": 12.71, "published": "2023-12-29", "flag": None}),
    ]:
        args = ("--as-of", as_of, "--vintage", chosen, "--format", "json")
        result = run("status", "--dir", str(revised), *args)
        assert result.exit_code == 0, result.output
        document = json.loads(result.stdout)
        assert document["vintage"] == chosen
        point = document["targets"][0]["latest"]
        assert {key: point[key] for key in ("value", "published", "flag")} == latest


def test_the_status_table_marks_a_provisional_latest_value(revised: Path, run: Run) -> None:
    target = policy(
        'id = "t"\ntitle = "T"\nmetric = "lin"\ndeadline = 2025\nat_least = 20\nstart = 2021'
    )
    write_dir(revised, policies={"p": target})
    result = run("status", "--dir", str(revised), "--as-of", "2025-02-01")
    assert "12.60p (2022)" in result.stdout, result.stdout
    assert "p provisional" in result.stdout
    first = run("status", "--dir", str(revised), "--as-of", "2025-02-01", "--vintage", "first")
    assert "12.71 (2022)" in first.stdout
    assert "figures as first published" in first.stdout


def test_show_lists_every_vintage_known(revised: Path, run: Run) -> None:
    target = policy(
        'id = "t"\ntitle = "T"\nmetric = "lin"\ndeadline = 2025\nat_least = 20\nstart = 2021'
    )
    write_dir(revised, policies={"p": target})
    result = run("show", "t", "--dir", str(revised), "--as-of", "2025-02-01")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    row = next(index for index, line in enumerate(lines) if line.startswith("2022"))
    assert "12.60p" in lines[row]
    assert "published 2025-01-07, provisional, 2 vintages" in lines[row]
    assert "12.71" in lines[row + 1]
    assert "not used, published 2023-12-29" in lines[row + 1]
    before = run("show", "t", "--dir", str(revised), "--as-of", "2024-02-01")
    assert "2 vintages" not in before.stdout
    assert "not used" not in before.stdout


def test_series_lists_the_vintages_of_a_figure(revised: Path, run: Run) -> None:
    result = run("series", "lin", "--dir", str(revised), "--as-of", "2025-02-01")
    assert "vintages 12.71 (2023-12-29), 12.6 (2025-01-07, provisional)" in result.stdout
    document = json.loads(run("series", "lin", "--dir", str(revised), "--format", "json").stdout)
    point = document["series"][0]["values"][0]
    assert (point["value"], point["published"], point["flag"]) == (12.6, "2025-01-07", "p")
    assert [entry["published"] for entry in point["vintages"]] == ["2023-12-29", "2025-01-07"]


def test_check_spells_out_the_flag_of_the_figure_that_decides(tmp_path: Path, run: Run) -> None:
    target = policy('id = "t"\ntitle = "T"\nmetric = "lin"\ndeadline = 2022\nat_least = 20')
    root = write_dir(
        tmp_path / "t",
        policies={"p": target},
        actuals={"r": vintage("lin", "2022", 12.0, "2023-02-01", "p")},
    )
    result = run("check", "--dir", str(root), "--as-of", "2023-06-01")
    assert result.exit_code == 1
    assert "missed: 12 (provisional) in 2022" in result.stdout


def test_validate_refuses_bad_vintages_with_file_entry_and_field(tmp_path: Path, run: Run) -> None:
    entries = (
        vintage("lin", "2020", 1.0, "2021-01-01")
        + vintage("lin", "2020", 2.0, "2021-01-01")  # the same date twice
        + vintage("lin", "2021", 1.0, "2099-01-01")  # after today
        + vintage("lin", "2019", 1.0, "2018-12-31")  # before the period began
        + vintage("lin", "2018", 1.0, flag="x")  # no such flag
        + vintage("lin", "2017", 1.0)
        + 'published = "2018-01-02"\n'  # a string, not a TOML date
        + vintage("lin", "2016", 1.0)
        + vintage("lin", "2016", 2.0)  # two undated vintages
    )
    root = write_dir(tmp_path / "t", actuals={"r": entries})
    result = run("validate", "--dir", str(root))
    assert result.exit_code == 2
    path = root / "actuals" / "r.toml"
    lines = result.stderr.splitlines()
    expected = [
        f"{path}: actual (lin, r, 2020): published: the vintage of 2021-01-01 is recorded "
        "twice: already in this file",
        f"{path}: actual (lin, r, 2021): published: 2099-01-01 is after today",
        f"{path}: actual (lin, r, 2019): published: 2018-12-31 is before the period 2019 "
        "began (2019-01-01)",
        f"{path}: actual (lin, r, 2018): flag:",
        f"{path}: actual (lin, r, 2017): published:",
        f"{path}: actual (lin, r, 2016): recorded twice: already in this file",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in lines), (start, result.stderr)


def test_files_with_vintages_validate_and_count_every_entry(revised: Path, run: Run) -> None:
    result = run("validate", "--dir", str(revised))
    assert result.exit_code == 0, result.output
    assert "2 actuals" in result.stdout


def add(run: Run, root: Path, *args: str) -> tuple[int, str, str]:
    result = run("add-actual", "lin", "r", *args, "--dir", str(root))
    return result.exit_code, result.stdout, result.stderr


def test_add_actual_records_a_revision_and_says_what_changed(revised: Path, run: Run) -> None:
    code, out, _ = add(run, revised, "2022", "12.5", "--published", "2025-06-01", "--flag", "e")
    assert code == 0
    assert "= 12.5, published 2025-06-01, estimated in" in out
    assert "revised 12.6 (2025-01-07) → 12.5 (2025-06-01), −0.8%" in out
    code, out, _ = add(run, revised, "2022", "12.8", "--published", "2024-01-05")
    assert code == 0
    assert (
        "added the earlier vintage 12.8 (2024-01-05); the latest is still 12.5 (2025-06-01)" in out
    )
    assert "revised" not in out
    dataset = load(revised)
    assert [v.published for v in dataset.vintages_of("lin", "r", parse_period("2022"))] == [
        D(2023, 12, 29),
        D(2024, 1, 5),
        D(2025, 1, 7),
        D(2025, 6, 1),
    ]
    text = (revised / "actuals" / "r.toml").read_text(encoding="utf-8")
    dates = [line for line in text.splitlines() if line.startswith("published")]
    assert dates == [  # sorted by date, each new entry after the last one before it
        "published = 2023-12-29",
        "published = 2024-01-05",
        "published = 2025-01-07",
        "published = 2025-06-01",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("2022", "13", "--published", "2025-01-07"), "already recorded: 12.6 (2025-01-07)"),
        (
            ("2022", "13"),
            "--published: 2022 already has vintages published 2023-12-29, 2025-01-07: give this ",
        ),
        (("2022", "13", "--published", "2099-01-01"), "--published: 2099-01-01 is after today"),
        (("2022", "13", "--published", "2021-12-31"), "is before the period 2022 began"),
        (("2022", "13", "--published", "2025-02-30"), "--published: 2025-02-30: no such day"),
        (("2022", "13", "--published", "8 Jan"), "--published: '8 Jan' is not a date"),
        (("2022", "13", "--published", "2025-02-01", "--flag", "x"), "--flag: 'x' is not"),
        (("2022", "1.2", "--published", "2025-02-01"), "than 12.71 in the vintage of 2023-12-29"),
    ],
)
def test_add_actual_refuses_and_writes_nothing(
    revised: Path, run: Run, args: tuple[str, ...], message: str
) -> None:
    before = snapshot(revised)
    code, _, err = add(run, revised, *args)
    assert code == 2
    assert message.replace(": no such day", ": there is no such day") in err, err
    assert snapshot(revised) == before


def test_replace_changes_one_vintage_only(revised: Path, run: Run) -> None:
    code, out, _ = add(run, revised, "2022", "12.61", "--published", "2025-01-07", "--replace")
    assert code == 0, out
    assert "replaced lin r 2022" in out
    found = load(revised).vintages_of("lin", "r", parse_period("2022"))
    assert [(v.value, v.published) for v in found] == [
        (12.71, D(2023, 12, 29)),
        (12.61, D(2025, 1, 7)),
    ]


def remove(run: Run, root: Path, *args: str) -> tuple[int, str, str]:
    result = run("remove-actual", "lin", "r", *args, "--dir", str(root))
    return result.exit_code, result.stdout, result.stderr


def test_remove_actual_needs_to_be_told_which_vintage(revised: Path, run: Run) -> None:
    before = snapshot(revised)
    code, _, err = remove(run, revised, "2022")
    assert code == 2
    assert "has 2 vintages (12.71 (2023-12-29), 12.6 (2025-01-07)): give --published" in err
    code, _, err = remove(run, revised, "2022", "--undated")
    assert code == 2
    assert "no vintage undated; recorded: 12.71 (2023-12-29), 12.6 (2025-01-07)" in err
    code, _, err = remove(run, revised, "2021")
    assert code == 2
    assert "no figure is recorded for this period" in err
    code, _, err = remove(run, revised, "2022", "--published", "2025-01-07", "--undated")
    assert code == 2
    assert snapshot(revised) == before


def test_remove_actual_takes_out_one_vintage_and_keeps_every_other_byte(
    tmp_path: Path, run: Run
) -> None:
    """The entry goes with the comments directly above it; every other byte stays."""
    text = (
        "# Figures of R, by hand\n\n"
        + vintage("lin", "2022", 12.71, "2023-12-29")
        + "\n# the census revision\n"
        + vintage("lin", "2022", 12.6, "2025-01-07")
        + "\n# first released with the 2023 figures\n"
        + vintage("lin", "2023", 13.04, "2025-01-07")
    )
    root = write_dir(tmp_path / "t", actuals={"r": text})
    code, out, _ = remove(run, root, "2022", "--published", "2025-01-07")
    assert code == 0, out
    assert "removed lin r 2022 = 12.6, published 2025-01-07 from" in out
    assert "revised 12.6 (2025-01-07) → 12.71 (2023-12-29), +0.9%" in out
    expected = (
        "# Figures of R, by hand\n\n"
        + vintage("lin", "2022", 12.71, "2023-12-29")
        + "\n# first released with the 2023 figures\n"
        + vintage("lin", "2023", 13.04, "2025-01-07")
    )
    assert (root / "actuals" / "r.toml").read_text(encoding="utf-8") == expected
    code, out, _ = remove(run, root, "2023")  # the only vintage needs no date
    assert code == 0, out
    assert "revised 13.04 (2025-01-07) → no value" in out
    assert (root / "actuals" / "r.toml").read_text(encoding="utf-8") == (
        "# Figures of R, by hand\n\n" + vintage("lin", "2022", 12.71, "2023-12-29")
    )
    code, out, _ = remove(run, root, "2022")
    assert code == 0, out
    assert (root / "actuals" / "r.toml").read_text(encoding="utf-8") == (
        "# Figures of R, by hand\n\n"
    )
    assert run("validate", "--dir", str(root)).exit_code == 0


def test_import_reads_published_and_flag_and_export_round_trips(
    revised: Path, run: Run, tmp_path: Path
) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "metric,region,period,value,published,flag\n"
        "lin,r,2021,11,2022-03-01,p\n"
        "lin,r,2021,11.2,2023-03-01,\n"
        "lin,r,2021,11.3,,\n",
        encoding="utf-8",
    )
    result = run("import", str(rows), "--dir", str(revised))
    assert result.exit_code == 2
    assert f"{rows}: line 4: published: 2021 has dated rows above: give" in result.stderr
    rows.write_text(
        "metric,region,period,value,published,flag\n"
        "lin,r,2021,11,2022-03-01,p\n"
        "lin,r,2021,11.2,2023-03-01,\n",
        encoding="utf-8",
    )
    result = run("import", str(rows), "--dir", str(revised))
    assert result.exit_code == 0, result.output
    found = load(revised).vintages_of("lin", "r", parse_period("2021"))
    assert [(v.value, v.published, v.flag) for v in found] == [
        (11.0, D(2022, 3, 1), "p"),
        (11.2, D(2023, 3, 1), None),
    ]
    exported = tmp_path / "every.csv"
    assert run("export", "--dir", str(revised), "--output", str(exported)).exit_code == 0
    lines = exported.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "metric,region,period,value,derived,source,note,published,flag,rule"
    assert "lin,r,2021,11,false,,,2022-03-01,p," in lines
    assert "lin,r,2022,12.71,false,,,2023-12-29,," in lines
    before = snapshot(revised)
    again = run("import", str(exported), "--replace", "--dir", str(revised))
    assert again.exit_code == 0, again.output
    assert "4 already recorded as given" in again.stdout
    assert snapshot(revised) == before


def test_a_figure_is_removed_from_a_file_laid_out_as_an_inline_array(
    tmp_path: Path, run: Run
) -> None:
    text = (
        "# by hand\n"
        "actual = [\n"
        '  {metric = "lin", region = "r", period = "2021", value = 1},\n'
        '  {metric = "lin", region = "r", period = "2022", value = 2},\n'
        "]\n"
    )
    root = write_dir(tmp_path / "t", actuals={"r": text})
    code, out, _ = remove(run, root, "2021")
    assert code == 0, out
    left = (root / "actuals" / "r.toml").read_text(encoding="utf-8")
    assert left.startswith("# by hand\n")
    assert '"2021"' not in left
    assert '"2022"' in left
    assert run("validate", "--dir", str(root)).exit_code == 0


# -- the replay is exact --------------------------------------------------------------------

REPLAY_POLICY = policy(
    'id = "ratio"\ntitle = "R"\nmetric = "per_10k"\ndeadline = 2024\nat_least = 30',
    'id = "level"\ntitle = "L"\nmetric = "lin"\ndeadline = 2021\nbaseline = 2016\nfactor = 2',
    'id = "owned"\ntitle = "O"\nmetric = "owned"\ndeadline = 2026\nat_least = 5000',
)
DAYS = (D(2026, 11, 1) - D(2014, 1, 1)).days

figure_vintages = st.lists(
    st.tuples(
        st.one_of(st.none(), st.integers(0, 365 * 3)),  # days after the period began
        st.integers(1, 5000),
        st.sampled_from([None, "p", "e"]),
    ),
    min_size=1,
    max_size=3,
    unique_by=lambda entry: entry[0],
)
directories = st.dictionaries(
    st.tuples(st.sampled_from(["lin", "owned", "people"]), st.integers(2014, 2024)),
    figure_vintages,
    max_size=25,
)


def replay_entries(
    figures: dict[tuple[str, int], list[tuple[int | None, int, str | None]]],
    as_of: D | None,
) -> str:
    """The actuals file of the random figures; with ``as_of``, without the vintages
    published after it."""
    entries = []
    for (metric, year), several in sorted(figures.items()):
        for days, value, flag in several:
            published = None if days is None else D(year, 1, 1) + datetime.timedelta(days)
            if as_of is not None and published is not None and published > as_of:
                continue
            amount = value * 1000 if metric == "people" else value
            date = None if published is None else str(published)
            entries.append(vintage(metric, str(year), float(amount), date, flag))
    return "".join(entries)


@settings(max_examples=60, deadline=None)
@given(figures=directories, day=st.integers(0, DAYS), chosen=st.sampled_from(["latest", "first"]))
def test_status_as_of_a_date_is_status_without_the_vintages_published_after_it(
    figures: dict[tuple[str, int], list[tuple[int | None, int, str | None]]],
    day: int,
    chosen: str,
) -> None:
    """A vintage published after D changes nothing as of D: status --as-of D on the full
    directory is status --as-of D on a copy from which every such vintage is deleted."""
    as_of = D(2014, 1, 1) + datetime.timedelta(day)
    for (_, year), several in figures.items():  # no figure published after today
        last = (D(2026, 11, 1) - D(year, 1, 1)).days
        assume(all(days is None or days <= last for days, _, _ in several))
    runner = CliRunner()
    outputs = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, cut in (("full", None), ("cut", as_of)):
            root = write_dir(
                Path(scratch) / name,
                policies={"p": REPLAY_POLICY},
                actuals={"r": replay_entries(figures, cut)},
            )
            args = ["status", "--dir", str(root), "--as-of", str(as_of), "--vintage", chosen]
            result = runner.invoke(app, [*args, "--format", "json"], env=ENV)
            assert result.exit_code == 0, result.output
            outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1]


def test_add_actual_lists_the_points_a_revision_moves(revised: Path, run: Run) -> None:
    target = policy(
        'id = "t"\ntitle = "T"\nmetric = "lin"\ndeadline = 2027\nat_least = 13\nstart = 2021'
    )
    (revised / "actuals" / "s.toml").write_text(vintage("lin", "2021", 12.0), encoding="utf-8")
    write_dir(revised, policies={"p": target})
    code, out, _ = add(run, revised, "2022", "13.5", "--published", "2025-06-01")
    assert code == 0, out
    row = next(line for line in out.splitlines() if line.startswith("t "))
    assert "changed from on_track; latest 12.60p (2022) → 13.50 (2022)" in row, out
    assert row.endswith("met")


def test_a_figure_in_another_file_is_replaced_and_removed_where_it_is(
    tmp_path: Path, run: Run
) -> None:
    """SPEC 1: --replace and remove-actual edit the file that holds the entry, which need
    not be the region's own."""
    root = write_dir(
        tmp_path / "t",
        actuals={"r": vintage("lin", "2020", 1.0), "others": vintage("lin", "2021", 2.0)},
    )
    code, out, _ = add(run, root, "2021", "2.5", "--replace")
    assert code == 0, out
    assert f"replaced lin r 2021 in {root / 'actuals' / 'others.toml'}" in out
    assert "value = 2.5" in (root / "actuals" / "others.toml").read_text(encoding="utf-8")
    code, out, _ = remove(run, root, "2021")
    assert code == 0, out
    assert "2021" not in (root / "actuals" / "others.toml").read_text(encoding="utf-8")
    assert "2020" in (root / "actuals" / "r.toml").read_text(encoding="utf-8")


@settings(max_examples=60, deadline=None)
@given(figures=directories, day=st.integers(0, DAYS + 400))
def test_the_recorded_figures_stand_as_they_are_once_every_one_is_known(
    figures: dict[tuple[str, int], list[tuple[int | None, int, str | None]]], day: int
) -> None:
    """As of the date by which every figure is known (its period ended, each vintage
    published), or later, the values are the recorded figures as they are: the same as
    choosing each vintage as of the date, which is done before it."""
    from dataclasses import replace

    as_of = D(2014, 1, 1) + datetime.timedelta(day)
    for (_, year), several in figures.items():  # no figure published after today
        last = (D(2026, 11, 1) - D(year, 1, 1)).days
        assume(all(days is None or days <= last for days, _, _ in several))
    with tempfile.TemporaryDirectory() as scratch:
        root = write_dir(Path(scratch) / "t", actuals={"r": replay_entries(figures, None)})
        dataset = load(root)
    assert dataset.known_by is not None
    every = [
        [value.published for value in series.values()] + [period.end for period in series]
        for series in dataset.recorded.values()
    ]
    assert dataset.known_by == max((day for days in every for day in days if day), default=D.min)
    chosen = Values(replace(dataset, known_by=None), as_of)
    quick = Values(dataset, as_of)
    for key in dataset.recorded:
        assert quick.recorded(*key) == chosen.recorded(*key)
