"""One fact, one place (STYLE 12): every status, verdict, goal kind, output format and kind of
subject walked through every table and renderer that must know it, so that a new member that
misses one fails here, naming the table; and each file key declared once, in its model."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest

from helpers import METRICS, Run, actuals, policy, write_dir
from iptarget.choices import (
    CompareFormat,
    DiffFormat,
    DueFormat,
    ReviewFormat,
    SeriesFormat,
    StatusFormat,
    ValidateFormat,
)
from iptarget.core.goals import GOAL_FACTS, GOAL_KEYS, Goal, goal_value
from iptarget.core.status import STATUS_FACTS, VERDICT_ORDER, Status, Verdict, verdict
from iptarget.errors import Kind
from iptarget.i18n import speaking
from iptarget.render.looks import STATUS_LOOKS, VERDICT_LOOKS, status_word, verdict_word

ROOT = Path(__file__).parent.parent
TEMPLATE = ROOT / "src" / "iptarget" / "render" / "report" / "report.html.j2"


@pytest.mark.parametrize("status", list(Status), ids=str)
def test_every_status_is_in_every_table(status: Status, run: Run) -> None:
    assert status in STATUS_FACTS, f"{status} is missing from core.status.STATUS_FACTS"
    assert status in STATUS_LOOKS, f"{status} is missing from render.looks.STATUS_LOOKS"
    look = STATUS_LOOKS[status]
    assert f".tone-{look.tone} " in TEMPLATE.read_text(encoding="utf-8"), (
        f"{status}: the report's template has no colour for the tone {look.tone!r}"
    )
    with speaking("zh"):
        word = status_word(status)
        assert word != status.value, f"{status}: no Chinese word in the catalogue"
    assert verdict(status, 1.0) in VERDICT_LOOKS, f"{status}: core.status.verdict gives none"
    help_text = run("status", "--help", env={"COLUMNS": "200"}).stdout
    assert re.search(rf"^\s+{status.value}\s+\S", help_text, re.M), f"{status}: not in --help"


@pytest.mark.parametrize("verdict_", list(Verdict), ids=str)
def test_every_verdict_is_in_every_table(verdict_: Verdict) -> None:
    assert verdict_ in VERDICT_LOOKS, f"{verdict_} is missing from render.looks.VERDICT_LOOKS"
    assert verdict_ in VERDICT_ORDER, f"{verdict_} is missing from core.status.VERDICT_ORDER"
    reached = {verdict(status, pace) for status in Status for pace in (None, 1.0, 2.0)}
    assert verdict_ in reached, f"{verdict_}: no status leads to it in core.status.verdict"
    with speaking("zh"):
        assert verdict_word(verdict_) != VERDICT_LOOKS[verdict_].word, f"{verdict_}: no Chinese"


def test_the_verdicts_of_spec_4_7() -> None:
    assert verdict(Status.ON_TRACK, 1.6) is Verdict.AHEAD
    assert verdict(Status.ON_TRACK, 1.2) is Verdict.AS_EXPECTED
    assert verdict(Status.ON_TRACK, 1.3, ahead=1.2) is Verdict.AHEAD  # a plan's own bands
    assert verdict(Status.REGRESSING, -1.0) is Verdict.LAGGING
    assert verdict(Status.MET, None) is Verdict.ACHIEVED_EARLY
    with speaking("zh"):
        assert [verdict_word(v) for v in VERDICT_ORDER[:4]] == [
            "滞后", "基本符合预期", "快于预期", "提前实现",
        ]  # fmt: skip


GOAL_TARGETS = {
    Goal.AT_LEAST: "at_least = 200",
    Goal.AT_MOST: "at_most = 50",
    Goal.FACTOR: "baseline = 2014\nfactor = 2",
    Goal.INCREASE: "baseline = 2014\nincrease = 30",
    Goal.INCREASE_PCT: "baseline = 2014\nincrease_pct = 25",
    Goal.DECREASE: "baseline = 2014\ndecrease = 30",
    Goal.DECREASE_PCT: "baseline = 2014\ndecrease_pct = 25",
    Goal.ANNUAL_GROWTH_PCT: "baseline = 2014\nannual_growth_pct = 8",
    Goal.TOTAL_AT_LEAST: "from = 2017\ntotal_at_least = 500",
    Goal.RANK_AT_MOST: 'region = "s"\namong = "r"\nrank_at_most = 1',
}


@pytest.mark.parametrize("goal", list(Goal), ids=str)
def test_every_goal_kind_is_in_every_table(goal: Goal, run: Run, tmp_path: Path) -> None:
    from iptarget.models.files import Target
    from iptarget.models.schema import json_schema

    assert goal in GOAL_FACTS, f"{goal} is missing from core.goals.GOAL_FACTS"
    assert goal.value in Target.model_fields, f"{goal} is not a key of models.files.Target"
    assert goal.value in json_schema("policy")["$defs"]["Target"]["properties"]
    value, direction = goal_value(goal, 10.0, 100.0, 6.0)
    assert value is not None, f"{goal}: core.goals.goal_value gives no target value"
    assert direction in ("up", "down")
    assert goal in GOAL_TARGETS, f"{goal}: add a target of it to GOAL_TARGETS here"
    body = f'id = "t"\ntitle = "T"\nmetric = "apps"\ndeadline = 2020\n{GOAL_TARGETS[goal]}\n'
    flows = METRICS.replace(
        'unit = "applications"\n', 'unit = "applications"\nmeasure = "flow"\n', 1
    )
    root = write_dir(
        tmp_path / "t",
        {"p": policy(body)},
        {"r": actuals("apps", "r", {"2014": 100, "2018": 150})},
        metrics=flows if goal is Goal.TOTAL_AT_LEAST else METRICS,
    )
    for language in ("en", "zh"):
        shown = run("--lang", language, "show", "t", "--dir", str(root), "--as-of", "2019-06-01")
        assert shown.exit_code == 0, shown.output
        goal_line = next(line for line in shown.stdout.splitlines() if line.startswith("  "))
        assert goal_line, f"{goal}: render.goals.goal_template has no sentence ({language})"


@pytest.mark.parametrize(
    ("command", "member"),
    [
        *((("status",), member) for member in StatusFormat),
        *((("series", "apps"), member) for member in SeriesFormat),
        *((("validate",), member) for member in ValidateFormat),
        *((("review",), member) for member in ReviewFormat),
        *((("compare", "apps"), member) for member in CompareFormat),
        *((("due",), member) for member in DueFormat),
    ],
    ids=str,
)
def test_every_format_renders(command: tuple[str, ...], member: Any, run: Run, root: Path) -> None:
    if member.value == "xlsx":  # a workbook goes to a file
        path = root.parent / "status.xlsx"
        result = run(*command, "--dir", str(root), "--format", "xlsx", "--output", str(path))
        assert result.exit_code == 0, result.output
        assert path.read_bytes().startswith(b"PK")  # a zip, as every .xlsx is
        return
    result = run(*command, "--dir", str(root), "--format", member.value)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip(), f"{command[0]} --format {member.value} prints nothing"
    if member.value == "json":
        json.loads(result.stdout)


@pytest.mark.parametrize("member", list(DiffFormat), ids=str)
def test_every_diff_format_renders(member: DiffFormat, capsys: pytest.CaptureFixture[str]) -> None:
    import datetime

    from helpers import dataset_of
    from iptarget.core.diff import diff
    from iptarget.render.diff import print_diff

    before = dataset_of(figures={("apps", "r"): {"2018": 150}})
    after = dataset_of(figures={("apps", "r"): {"2018": 160}})
    print_diff(diff(before, after, datetime.date(2026, 11, 22)), "BASE", "HEAD", member)
    assert capsys.readouterr().out.strip(), f"diff --format {member.value} prints nothing"


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_every_kind_of_subject_is_worded(kind: Kind) -> None:
    from iptarget.errors import Subject
    from iptarget.render.words import (
        SUBJECTS_ALONE,
        SUBJECTS_BY_ID,
        SUBJECTS_BY_PLACE,
        subject_words,
    )

    tables = (SUBJECTS_BY_ID, SUBJECTS_BY_PLACE, SUBJECTS_ALONE)
    assert any(kind in table for table in tables), f"{kind}: no template in render.words"
    names = SUBJECTS_BY_ID[kind][1] if kind in SUBJECTS_BY_ID else ()
    subject = Subject(kind, tuple(f"x{index}" for index in range(len(names))), number=3)
    assert subject_words(subject)


# -- one declaration per entity: the model is the one place a file key is declared ----------------


def _fields(cls: Any) -> set[str]:
    return {field.name for field in dataclasses.fields(cls)}


def test_the_core_values_have_exactly_the_keys_of_the_files() -> None:
    """A key added to a model and not to the core value, or the other way round, is named."""
    from iptarget.core import dataset as core
    from iptarget.models import files

    def same(model: Any, kept: set[str], value: set[str], what: str) -> None:
        declared = set(model.model_fields)
        if "from_" in declared:  # the file's ``from``, a total's first period in the core;
            # a split target's regions and quotas make core targets of each region's own
            declared = declared - {"from_", "regions", "quota"} | {"first", "template"}
        assert declared - kept == value - kept, (
            f"{what}: only in the model {sorted(declared - value - kept)}, "
            f"only in the core {sorted(value - declared - kept)}"
        )

    same(files.Metric, set(), _fields(core.Metric) - {"id"}, "metric")
    same(files.Region, set(), _fields(core.Region) - {"id"}, "region")
    same(files.Policy, set(), _fields(core.Policy) - {"path", "file", "stem", "targets"}, "policy")
    same(files.Target, set(GOAL_KEYS), _fields(core.Target) - {"goal", "amount"}, "target")
    actual = set(core.Value._fields) - {"derived", "rule"}
    same(files.Actual, {"metric", "region", "recorded"}, actual, "actual")
    assert set(GOAL_KEYS) <= set(files.Target.model_fields)
