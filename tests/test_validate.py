"""`iptarget validate`: every broken input is named by file, entry and field, and exits 2."""

from __future__ import annotations

import gc
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import METRICS, REGIONS, Run, actuals, policy, snapshot, write_dir
from iptarget.store import series_checks
from iptarget.store.read import read_directory

TARGET = """
id = "t1"
title = "Double 2014 by 2020"
metric = "apps"
deadline = 2020
baseline = 2014
factor = 2
"""
GOOD_POLICY = policy(TARGET)
GOOD_ACTUALS = actuals("apps", "r", {"2014": 100, "2018": 150})


def replace_target(old: str, new: str) -> str:
    assert old in TARGET
    return policy(TARGET.replace(old, new))


# (case id, files to write over the good directory, file named, entry named, message part)
CASES: list[tuple[str, dict[str, str | bytes], str, str, str]] = [
    (
        "broken TOML",
        {"metrics.toml": "[metric.apps\nname = 1"},
        "metrics.toml",
        "",
        "invalid TOML at line 1, column 13: unclosed table, expected `]`",
    ),
    (
        "a key given twice",
        {"metrics.toml": METRICS + '\n[metric.x]\nname = "X"\nname = "Y"\n'},
        "metrics.toml",
        "",
        "invalid TOML at line ",
    ),
    (
        "TOML 1.1 syntax (tomllib and most editors read TOML 1.0)",
        {"metrics.toml": METRICS + '\n[metric.x]\nname = "\\e"\n'},
        "metrics.toml",
        "",
        "invalid TOML",
    ),
    ("not UTF-8", {"policies/p.toml": b"[policy]\ntitle = '\xff'"}, "p.toml", "", "not UTF-8"),
    (
        "unknown key in a metric",
        {"metrics.toml": METRICS + '\n[metric.x]\nname = "X"\nunti = "y"\n'},
        "metrics.toml",
        'metric "x"',
        'unknown key "unti" (did you mean "unit"?)',
    ),
    (
        "unknown key in a target",
        {"policies/p.toml": policy(TARGET + "dedline = 2021\n")},
        "p.toml",
        'target "t1"',
        'unknown key "dedline"',
    ),
    (
        "unknown table in a policy file",
        {"policies/p.toml": GOOD_POLICY + "\n[polcy]\nx = 1\n"},
        "p.toml",
        "",
        'unknown table "polcy"',
    ),
    (
        "unknown metric",
        {"policies/p.toml": replace_target('metric = "apps"', 'metric = "aps"')},
        "p.toml",
        'target "t1"',
        'metric: unknown metric "aps" (did you mean "apps"?)',
    ),
    (
        "unknown region",
        {"policies/p.toml": policy(TARGET + 'region = "q"\n')},
        "p.toml",
        'target "t1"',
        'region: unknown region "q"',
    ),
    (
        "two goals",
        {"policies/p.toml": policy(TARGET + "at_least = 5\n")},
        "p.toml",
        'target "t1"',
        "more than one goal (at_least, factor)",
    ),
    (
        "no goal",
        {"policies/p.toml": replace_target("factor = 2", "")},
        "p.toml",
        'target "t1"',
        "no goal",
    ),
    (
        "bad period",
        {"policies/p.toml": replace_target("deadline = 2020", 'deadline = "2020-13"')},
        "p.toml",
        'target "t1"',
        "deadline: not a period: '2020-13'",
    ),
    (
        "period as a float",
        {"policies/p.toml": replace_target("deadline = 2020", "deadline = 2020.0")},
        "p.toml",
        'target "t1"',
        "deadline: not a period",
    ),
    (
        "deadline before baseline",
        {"policies/p.toml": replace_target("deadline = 2020", "deadline = 2013")},
        "p.toml",
        'target "t1"',
        "deadline: 2013 must end after the baseline 2014",
    ),
    (
        "deadline at start",
        {
            "policies/p.toml": policy(
                'id = "t1"\ntitle = "T"\nmetric = "apps"\ndeadline = 2020\nstart = 2020\nat_least = 5'
            )
        },
        "p.toml",
        'target "t1"',
        "deadline: 2020 must end after the start 2020",
    ),
    (
        "relative goal without baseline",
        {"policies/p.toml": replace_target("baseline = 2014", "")},
        "p.toml",
        'target "t1"',
        "baseline: required by factor",
    ),
    (
        "baseline on an at_least goal",
        {"policies/p.toml": replace_target("factor = 2", "at_least = 5")},
        "p.toml",
        'target "t1"',
        "an at_least goal has no baseline",
    ),
    (
        "start on a relative goal",
        {"policies/p.toml": policy(TARGET + "start = 2015\n")},
        "p.toml",
        'target "t1"',
        "start: a factor goal starts at its baseline",
    ),
    (
        "factor of zero",
        {"policies/p.toml": replace_target("factor = 2", "factor = 0")},
        "p.toml",
        'target "t1"',
        "factor: should be greater than 0",
    ),
    (
        "strict as a string",
        {"policies/p.toml": policy(TARGET + 'strict = "yes"\n')},
        "p.toml",
        'target "t1"',
        "strict: should be a valid boolean",
    ),
    (
        "title missing",
        {"policies/p.toml": replace_target('title = "Double 2014 by 2020"', "")},
        "p.toml",
        'target "t1"',
        "title: required, but missing",
    ),
    (
        "invalid target id",
        {"policies/p.toml": replace_target('id = "t1"', 'id = "T 1"')},
        "p.toml",
        'target "T 1"',
        "id: 'T 1' is not a valid id",
    ),
    (
        "duplicate target ids across files",
        {"policies/q.toml": GOOD_POLICY},
        "q.toml",
        'target "t1"',
        "id: already used by a target in",
    ),
    (
        "no region for a target",
        {"policies/p.toml": policy(TARGET, header='title = "P"')},
        "p.toml",
        'target "t1"',
        "region: required",
    ),
    (
        "unknown policy region",
        {"policies/p.toml": policy(TARGET, header='title = "P"\nregion = "rr"')},
        "p.toml",
        "policy",
        'region: unknown region "rr"',
    ),
    (
        "issued as a date-time",
        {
            "policies/p.toml": policy(
                TARGET, header='title = "P"\nregion = "r"\nissued = 2016-06-01T10:00:00'
            )
        },
        "p.toml",
        "policy",
        "issued: should be a valid date",
    ),
    (
        "no [policy] table",
        {"policies/p.toml": GOOD_POLICY.replace('[policy]\ntitle = "P"\nregion = "r"\n', "")},
        "p.toml",
        "",
        "the [policy] table is missing",
    ),
    (
        "NaN value",
        {
            "actuals/r.toml": actuals("apps", "r", {"2018": float("nan")}).replace(
                "value = nan", "value = nan"
            )
        },
        "r.toml",
        "actual (apps, r, 2018)",
        "value: should be a finite number",
    ),
    (
        "infinite value",
        {"actuals/r.toml": actuals("apps", "r", {"2018": 1}).replace("value = 1", "value = inf")},
        "r.toml",
        "actual (apps, r, 2018)",
        "value: should be a finite number",
    ),
    (
        "value as text",
        {
            "actuals/r.toml": actuals("apps", "r", {"2018": 1}).replace(
                "value = 1", 'value = "7,812"'
            )
        },
        "r.toml",
        "actual (apps, r, 2018)",
        "value: should be a valid number",
    ),
    (
        "a recorded value above the metric's max",
        {"actuals/r.toml": GOOD_ACTUALS + "\n" + actuals("per_10k", "s", {"2018": 5000})},
        "r.toml",
        "actual (per_10k, s, 2018)",
        "value: 5,000 is above the metric's max 1,000",
    ),
    (
        "value below min",
        {"actuals/r.toml": actuals("apps", "r", {"2018": -5})},
        "r.toml",
        "actual (apps, r, 2018)",
        "value: -5 is below the metric's min 0",
    ),
    (
        "duplicate actuals across files",
        {"actuals/other.toml": actuals("apps", "r", {"2018": 151})},
        "r.toml",
        "actual (apps, r, 2018)",
        "recorded twice: already in",
    ),
    (
        "duplicate actuals in one file, spelled differently",
        {
            "actuals/r.toml": GOOD_ACTUALS
            + actuals("apps", "r", {"2014": 1}).replace('"2014"', "2014")
        },
        "r.toml",
        "actual (apps, r, 2014)",
        "recorded twice: already in this file",
    ),
    (
        "actual of an unknown metric",
        {"actuals/r.toml": actuals("app", "r", {"2018": 1})},
        "r.toml",
        "actual (app, r, 2018)",
        'metric: unknown metric "app" (did you mean "apps"?)',
    ),
    (
        "actual of an unknown region",
        {"actuals/r.toml": actuals("apps", "x", {"2018": 1})},
        "r.toml",
        "actual (apps, x, 2018)",
        'region: unknown region "x"',
    ),
    (
        "actual with a bad period",
        {"actuals/r.toml": actuals("apps", "r", {"2018-Q5": 1})},
        "r.toml",
        "actual (apps, r, 2018-Q5)",
        "period: not a period",
    ),
    (
        "actuals as a table, not an array",
        {"actuals/r.toml": '[actual]\nmetric = "apps"\n'},
        "r.toml",
        "",
        "actual: should be an array of tables",
    ),
    (
        "ratio cycle",
        {
            "metrics.toml": METRICS
            + '\n[metric.x]\nname = "X"\nnumerator = "y"\ndenominator = "apps"\n'
            + '\n[metric.y]\nname = "Y"\nnumerator = "x"\ndenominator = "apps"\n'
        },
        "metrics.toml",
        'metric "x"',
        "cycle: x -> y -> x",
    ),
    (
        "numerator without denominator",
        {"metrics.toml": METRICS + '\n[metric.x]\nname = "X"\nnumerator = "apps"\n'},
        "metrics.toml",
        'metric "x"',
        "denominator: a ratio metric with a numerator needs a denominator too",
    ),
    (
        "unknown numerator",
        {
            "metrics.toml": METRICS
            + '\n[metric.x]\nname = "X"\nnumerator = "ap"\ndenominator = "apps"\n'
        },
        "metrics.toml",
        'metric "x"',
        'numerator: unknown metric "ap"',
    ),
    (
        "scale on a plain metric",
        {"metrics.toml": METRICS + '\n[metric.x]\nname = "X"\nscale = 100\n'},
        "metrics.toml",
        'metric "x"',
        "scale: only a ratio metric",
    ),
    (
        "min above max",
        {"metrics.toml": METRICS + '\n[metric.x]\nname = "X"\nmin = 5\nmax = 1\n'},
        "metrics.toml",
        'metric "x"',
        "min: min 5 is above max 1",
    ),
    (
        "unknown trend",
        {"metrics.toml": METRICS + '\n[metric.x]\nname = "X"\ntrend = "exponential"\n'},
        "metrics.toml",
        'metric "x"',
        "trend: should be 'compound' or 'linear'",
    ),
    (
        "negative decimals",
        {"metrics.toml": METRICS + '\n[metric.x]\nname = "X"\ndecimals = -1\n'},
        "metrics.toml",
        'metric "x"',
        "decimals: should be greater than or equal to 0",
    ),
    (
        "invalid metric id",
        {"metrics.toml": METRICS + '\n[metric.Apps]\nname = "X"\n'},
        "metrics.toml",
        'metric "Apps"',
        "not a valid id",
    ),
    (
        "unknown parent region",
        {"regions.toml": REGIONS + '\n[region.t]\nname = "T"\nparent = "rr"\n'},
        "regions.toml",
        'region "t"',
        'parent: unknown region "rr"',
    ),
    (
        "regions that are each other's parents",
        {
            "regions.toml": '[region.r]\nname = "R"\nparent = "s"\n[region.s]\nname = "S"\nparent = "r"\n'
        },
        "regions.toml",
        'region "r"',
        "parent: regions are each other's parents: r -> s -> r",
    ),
    (
        "target goal outside the metric's bounds",
        {
            "policies/p.toml": policy(
                'id = "t1"\ntitle = "T"\nmetric = "per_10k"\ndeadline = 2020\nat_least = 5000'
            )
        },
        "p.toml",
        'target "t1"',
        "at_least: 5,000 is above the metric's max 1,000",
    ),
    # SPEC 1 (v2): metric kinds, groups, the new goals
    (
        "a member that is no region",
        {"regions.toml": REGIONS + '\n[region.g]\nname = "G"\nmembers = ["r", "q"]\n'},
        "regions.toml",
        'region "g"',
        'members: unknown region "q"',
    ),
    (
        "a region counted twice through a nested group",
        {
            "regions.toml": REGIONS
            + '\n[region.g]\nname = "G"\nmembers = ["r", "h"]\n'
            + '\n[region.h]\nname = "H"\nmembers = ["s", "r"]\n'
        },
        "regions.toml",
        'region "g"',
        "members: g → h → r: r is reached twice (a sum would count it twice)",
    ),
    (
        "a group that contains itself",
        {"regions.toml": REGIONS + '\n[region.g]\nname = "G"\nmembers = ["r", "g"]\n'},
        "regions.toml",
        'region "g"',
        "members: g → g: the group contains itself",
    ),
    (
        "denominator_region on a plain metric",
        {"metrics.toml": METRICS + '\n[metric.x]\nname = "X"\ndenominator_region = "parent"\n'},
        "metrics.toml",
        'metric "x"',
        "denominator_region: only a ratio metric has a denominator_region",
    ),
    (
        "denominator_region naming no region",
        {
            "metrics.toml": METRICS
            + '\n[metric.x]\nname = "X"\nnumerator = "apps"\ndenominator = "apps"\n'
            + 'denominator_region = "chinaa"\n'
        },
        "metrics.toml",
        'metric "x"',
        'denominator_region: unknown region "chinaa" (or "parent")',
    ),
    (
        "growth of a growth metric",
        {
            "metrics.toml": METRICS
            + '\n[metric.g1]\nname = "G1"\ngrowth_of = "apps"\n'
            + '\n[metric.g2]\nname = "G2"\ngrowth_of = "g1"\n'
        },
        "metrics.toml",
        'metric "g2"',
        'growth_of: "g1" is a growth metric; a growth of a growth is refused',
    ),
    (
        "growth of an unknown metric",
        {"metrics.toml": METRICS + '\n[metric.g1]\nname = "G1"\ngrowth_of = "aps"\n'},
        "metrics.toml",
        'metric "g1"',
        'growth_of: unknown metric "aps"',
    ),
    (
        "growth of itself",
        {"metrics.toml": METRICS + '\n[metric.g1]\nname = "G1"\ngrowth_of = "g1"\n'},
        "metrics.toml",
        'metric "g1"',
        "metrics are computed from each other in a cycle: g1 -> g1",
    ),
    (
        "aggregate on a ratio metric",
        {
            "metrics.toml": METRICS
            + '\n[metric.x]\nname = "X"\nnumerator = "apps"\ndenominator = "apps"\n'
            + 'aggregate = "sum"\n'
        },
        "metrics.toml",
        'metric "x"',
        "aggregate: only a plain metric has aggregate",
    ),
    (
        "annual growth of -100% or less",
        {
            "policies/p.toml": policy(
                'id = "t1"\ntitle = "T"\nmetric = "apps"\ndeadline = 2020\nbaseline = 2014\n'
                "annual_growth_pct = -100"
            )
        },
        "p.toml",
        'target "t1"',
        "annual_growth_pct: should be greater than -100",
    ),
    (
        "start_value without start",
        {
            "policies/p.toml": policy(
                'id = "t1"\ntitle = "T"\nmetric = "apps"\ndeadline = 2020\nat_least = 5\n'
                "start_value = 3"
            )
        },
        "p.toml",
        'target "t1"',
        "start_value: needs start: the period whose value it is",
    ),
]


def good_dir(root: Path) -> Path:
    return write_dir(root, {"p": GOOD_POLICY}, {"r": GOOD_ACTUALS})


def test_the_good_directory_validates(tmp_path: Path, run: Run) -> None:
    result = run("validate", "--dir", str(good_dir(tmp_path)))
    assert result.exit_code == 0, result.output
    assert "5 metrics, 2 regions, 1 policy with 1 target, 2 actuals" in result.stdout


@pytest.mark.parametrize(
    ("case", "files", "path", "where", "message"), CASES, ids=[c[0] for c in CASES]
)
def test_broken_input_is_reported_and_exits_2(
    tmp_path: Path,
    run: Run,
    case: str,
    files: dict[str, str | bytes],
    path: str,
    where: str,
    message: str,
) -> None:
    root = good_dir(tmp_path)
    for name, content in files.items():
        target = root / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    before = snapshot(root)
    for command in (["validate"], ["status"], ["show", "t1"]):
        result = run(*command, "--dir", str(root))
        assert result.exit_code == 2, (case, command, result.output)
        assert "Traceback" not in result.output
        assert result.stdout == ""
        lines = [line for line in result.stderr.splitlines() if message in line]
        assert lines, (case, result.stderr)
        assert any(path in line.split(": ")[0] for line in lines), (case, result.stderr)
        assert all(line.startswith(str(root)) for line in result.stderr.splitlines()), result.stderr
        if where:
            assert any(f": {where}: " in line for line in lines), (case, result.stderr)
    assert snapshot(root) == before


def test_every_problem_is_reported_at_once(tmp_path: Path, run: Run) -> None:
    root = good_dir(tmp_path)
    (root / "policies" / "p.toml").write_text(
        policy(
            TARGET.replace('metric = "apps"', 'metric = "nope"'),
            TARGET.replace('id = "t1"', 'id = "t2"').replace("factor = 2", ""),
            TARGET.replace('id = "t1"', 'id = "t3"').replace("deadline = 2020", 'deadline = "x"'),
        ),
        encoding="utf-8",
    )
    (root / "actuals" / "r.toml").write_text(actuals("apps", "nowhere", {"2018": -1}))
    result = run("validate", "--dir", str(root))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 5, result.stderr
    for part in (
        'target "t1": metric',
        'target "t2": goal',
        'target "t3": deadline',
        "value: -1",
        "region",
    ):
        assert part in result.stderr


def test_a_missing_directory_exits_2(tmp_path: Path, run: Run) -> None:
    result = run("status", "--dir", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "no target directory here" in result.stderr


def test_a_byte_order_mark_is_accepted(tmp_path: Path, run: Run) -> None:
    root = good_dir(tmp_path)
    path = root / "metrics.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # as Windows Notepad saves UTF-8
    result = run("validate", "--dir", str(root))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_leaves_the_cycle_collector_as_it_was(tmp_path: Path, enabled: bool) -> None:
    root = good_dir(tmp_path)
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        read_directory(root)
        assert gc.isenabled() is enabled
        (root / "metrics.toml").write_text("[metric.apps\n", encoding="utf-8")
        assert read_directory(root)[1]
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


actual_rows = st.lists(
    st.tuples(
        st.sampled_from(["apps", "per_10k", "lin", "nope"]),
        st.sampled_from(["r", "s", "x"]),
        st.sampled_from(["2014", "2018", "2018-Q4"]),
        st.sampled_from([-5, 0, 150, 5000]),
        st.sampled_from(["r", "s"]),
    ),
    max_size=8,
)


@settings(max_examples=80, deadline=None)
@given(rows=actual_rows)
def test_the_quick_check_of_actuals_misses_nothing(
    rows: list[tuple[str, str, str, int, str]],
) -> None:
    """Judging actuals a series at a time finds a problem whenever the figure-by-figure check does."""
    with tempfile.TemporaryDirectory() as work:
        root = write_dir(Path(work), {"p": GOOD_POLICY})
        files: dict[str, list[str]] = {}
        for metric, region, period, value, file in rows:
            files.setdefault(file, []).append(actuals(metric, region, {period: value}))
        for file, parts in files.items():
            (root / "actuals" / f"{file}.toml").write_text("\n".join(parts), encoding="utf-8")
        quick = read_directory(root)[1]
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(series_checks, "actuals_look_right", lambda *args: False)
            thorough = read_directory(root)[1]
        assert quick == thorough


def test_consistency_warnings_fail_only_with_strict(tmp_path: Path, run: Run) -> None:
    """SPEC 3.4: a derived value outside its bounds, a group figure that is not its members'
    sum and a recorded growth that its levels do not give are warnings."""
    root = good_dir(tmp_path)
    (root / "metrics.toml").write_text(
        METRICS
        + '\n[metric.apps_yoy]\nname = "Growth"\nunit = "%"\ngrowth_of = "apps"\n'
        + '\n[metric.summed]\nname = "Summed"\naggregate = "sum"\n',
        encoding="utf-8",
    )
    (root / "regions.toml").write_text(
        REGIONS + '\n[region.g]\nname = "G"\nmembers = ["r", "s"]\n', encoding="utf-8"
    )
    (root / "actuals" / "more.toml").write_text(
        actuals("owned", "r", {"2018": 2_000_000})
        + actuals("people", "r", {"2018": 10_000})
        + actuals("apps", "s", {"2017": 100, "2018": 110})
        + actuals("apps_yoy", "s", {"2018": 12.0})  # the levels give +10%
        + actuals("summed", "r", {"2018": 1.2})
        + actuals("summed", "s", {"2018": 2})
        + actuals("summed", "g", {"2018": 3.25}),  # 3.2: more than half a unit of 0.01 off
        encoding="utf-8",
    )
    result = run("validate", "--dir", str(root))
    assert result.exit_code == 0, result.output
    actuals_dir = f"{root / 'actuals'}"
    assert result.stderr.splitlines() == [
        f"{actuals_dir}: actual (summed, g, 2018): warning: 3.25 recorded, but its members' "
        "figures add up to 3.2",
        f"{actuals_dir}: actual (apps_yoy, s, 2018): warning: 12% recorded, but apps gives "
        "+10.00%, from 100 in 2017 to 110 in 2018",
        f'{root / "metrics.toml"}: metric "per_10k": warning: the value derived for r 2018 '
        "(ratio): 2,000,000 is above the metric's max 1,000",
    ]
    assert "no problems" in result.stdout
    strict = run("validate", "--strict", "--dir", str(root))
    assert strict.exit_code == 2
    assert strict.stderr == result.stderr
    assert run("status", "--dir", str(root)).exit_code == 0  # warnings stop nothing


def test_a_target_that_can_never_have_a_value_is_warned(tmp_path: Path, run: Run) -> None:
    root = good_dir(tmp_path)
    (root / "regions.toml").write_text(
        REGIONS + '\n[region.g]\nname = "G"\nmembers = ["r", "s"]\n', encoding="utf-8"
    )
    (root / "policies" / "g.toml").write_text(
        '[policy]\ntitle = "G"\nregion = "g"\n\n[[target]]\nid = "tg"\ntitle = "T"\n'
        'metric = "apps"\ndeadline = 2020\nat_least = 5\n',
        encoding="utf-8",
    )
    result = run("validate", "--dir", str(root))
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == (
        f'{root / "policies" / "g.toml"}: target "tg": warning: it can never have a value: '
        'apps is not summed (no aggregate = "sum") and g is a group without figures of it'
    )
    shown = run("show", "tg", "--dir", str(root)).stdout
    assert "  why       it can never have a value: apps is not summed" in shown
