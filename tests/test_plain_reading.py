"""Valid files are read without pydantic, and exactly as the models would read them.

The plain reading (iptarget.store.plain) may leave an entry to its model whenever it likes,
but when it reads one, it must give what the model gives: these tests hold its keys to the
models' and compare the two on generated entries, valid and not.
"""

from __future__ import annotations

import datetime
import math
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from iptarget.core.dataset import Key, Value
from iptarget.models import files as models
from iptarget.models.entries import ActualEntry
from iptarget.periods import Period
from iptarget.store import plain
from iptarget.store.convert import record_figures
from iptarget.store.one_pass import merge, read_figures

ROOT = Path(__file__).parent.parent
KINDS = {name: (spec, getattr(models, model)) for name, (spec, model, _) in plain.ENTRIES.items()}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_reads_exactly_the_keys_of_its_model(kind: str) -> None:
    spec, model = KINDS[kind]
    keys = {field.alias or name: field for name, field in model.model_fields.items()}
    assert list(spec) == list(keys), f"{kind}: the keys differ from the model's"
    for key, (required, default, _) in spec.items():
        field = keys[key]
        assert required == field.is_required(), f"{kind}.{key}: required or not"
        if not required:
            assert default == field.default, f"{kind}.{key}: default"


def test_an_actual_entry_has_the_keys_and_defaults_of_the_model() -> None:
    fields = models.Actual.model_fields
    assert ActualEntry._fields == tuple(fields)
    for key, default in ActualEntry._field_defaults.items():
        assert default == fields[key].default


# -- generated entries ---------------------------------------------------------------------

GOOD_IDS = st.sampled_from(["china", "m01", "a-b_c", "x", "9"])
IDS = GOOD_IDS | st.sampled_from(["Bad", "-no", "no\n", "", "中国", "a b"])
GOOD_PERIODS = st.sampled_from(["2019", "2019-H1", "2019-h2", "2019-Q3", "2019-10"]) | st.integers(
    min_value=1000, max_value=9999
)
PERIODS = (
    GOOD_PERIODS
    | st.sampled_from(["2019-13", "2019-Q5", "19", "x", "2019-Q0"])
    | st.integers(min_value=990, max_value=10_010)
)
FINITE = st.integers(min_value=-(10**6), max_value=10**6) | st.floats(
    allow_nan=False, allow_infinity=False
)
NUMBERS = (
    st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([0, 0.0, -0.0, 100, 100.0, 12, 13, -1, -100, -100.0])
)
DATES = st.dates() | st.datetimes() | st.times()
ANY_VALUE = (
    st.booleans()
    | st.text(max_size=5)
    | NUMBERS
    | DATES
    | IDS
    | PERIODS
    | st.lists(IDS, max_size=3)
    | st.lists(NUMBERS, max_size=2)
    | st.dictionaries(IDS, IDS, max_size=2)
    | st.sampled_from(["p", "e", "P", "sum", "none", "linear", "compound", "Sum"])
)


@st.composite
def entries(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    """An entry of ``kind`` as TOML could hold it: each key of the model or not, with values
    of every type (mostly the right one), and sometimes a key the model does not know."""
    spec, _ = KINDS[kind]
    entry: dict[str, Any] = {}
    for key, (required, _, _) in spec.items():
        if draw(st.floats(0, 1)) < (0.97 if required else 0.4):
            entry[key] = draw(_likely(key) if draw(st.integers(0, 15)) else ANY_VALUE)
    if draw(st.integers(0, 30)) == 0:
        entry[draw(st.sampled_from(["unit", "nmae", "value", "x"]))] = 1
    return entry


#: The values each key most likely holds (and near misses), so that most entries are valid.
LIKELY: dict[str, st.SearchStrategy[Any]] = {
    **dict.fromkeys(("deadline", "baseline", "start", "period"), GOOD_PERIODS),
    **dict.fromkeys(("published", "recorded", "issued"), st.dates()),
    **dict.fromkeys(
        (
            "metric",
            "region",
            "id",
            "parent",
            "numerator",
            "denominator",
            "denominator_region",
            "growth_of",
        ),
        GOOD_IDS,
    ),
    "members": st.lists(GOOD_IDS, max_size=3),
    "release_lag_days": st.integers(-1, 400) | st.sampled_from([True, 1.5]),
    "owner": st.text(max_size=5) | st.integers(),
    "tile": st.lists(st.integers(-1, 31) | st.sampled_from([True, 1.0]), min_size=1, max_size=3),
    "strict": st.booleans(),
    "binding": st.booleans(),
    "bands": st.dictionaries(
        st.sampled_from(["ahead", "on_track", "at_risk", "ahed"]),
        st.integers(-1, 3) | st.floats(-1, 3) | st.sampled_from(["1", True, math.inf]),
        max_size=3,
    ),
    "decimals": st.integers(-1, 13),
    "trend": st.sampled_from(["compound", "linear", "Linear"]),
    "aggregate": st.sampled_from(["sum", "none", "x"]),
    "measure": st.sampled_from(["flow", "stock", "Flow", None]),
    "flag": st.sampled_from(["p", "e", "x"]),
    **dict.fromkeys(
        ("scale", "factor", "increase", "increase_pct", "decrease", "decrease_pct"),
        st.integers(0, 101) | st.floats(0, 101),
    ),
    "annual_growth_pct": st.integers(-101, 20) | st.floats(-101, 20),
}


def _likely(key: str) -> st.SearchStrategy[Any]:
    if key in LIKELY:
        return LIKELY[key]
    if key in ("name", "title", "source", "note", "issuer", "acknowledged") or "unit" in key:
        return st.text(max_size=3)
    if key.endswith(("_zh", "_en")):
        return st.text(max_size=3)
    return FINITE


def _same(left: object, right: object) -> bool:
    """Equal and of the same type (5 and 5.0 are not the same reading), NaN aside."""
    if type(left) is not type(right):
        return False
    if isinstance(left, float) and isinstance(right, float) and math.isnan(left):
        return math.isnan(right)
    return left == right


def _model_values(model: type[BaseModel], entry: dict[str, Any]) -> dict[str, Any] | None:
    try:
        read = model.model_validate(entry)
    except ValidationError:
        return None
    return {field.alias or key: getattr(read, key) for key, field in model.model_fields.items()}


@pytest.mark.parametrize("kind", sorted(KINDS))
@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_what_the_plain_reading_reads_the_model_reads_alike(kind: str, data: st.DataObject) -> None:
    entry = data.draw(entries(kind))
    spec, model = KINDS[kind]
    read = plain.plain_entry(spec, entry)
    if read is None:
        return  # left to the model, which says what is wrong, or reads it
    expected = _model_values(model, entry)
    assert expected is not None, f"the plain reading accepts what the model refuses: {entry}"
    for key in spec:
        assert _same(read[key], expected[key]), f"{key}: {read[key]!r} != {expected[key]!r}"


TODAY = datetime.date(2026, 12, 4)


def quick_entries(array: list[dict[str, Any]]) -> list[ActualEntry] | None:
    figures = read_figures(array, TODAY, entries=True)
    return None if figures is None else figures.entries


@settings(max_examples=600, deadline=None)
@given(entry=entries("actual"))
def test_the_quick_reading_of_actuals_is_the_reading_of_each(entry: dict[str, Any]) -> None:
    """read_figures, written out for speed, reads an entry exactly when plain_entry does,
    and alike."""
    quick = quick_entries([entry])
    each = plain.plain_entry(plain.ACTUAL, entry)
    assert (quick is None) == (each is None), f"read by one and not the other: {entry}"
    if quick is not None and each is not None:
        for key in ActualEntry._fields:
            assert _same(getattr(quick[0], key), each[key]), key


@settings(max_examples=300, deadline=None)
@given(array=st.lists(entries("actual"), max_size=4))
def test_a_file_of_actuals_is_read_as_the_model_reads_it(array: list[dict[str, Any]]) -> None:
    read = quick_entries(array)
    if read is None:
        return
    for entry, actual in zip(array, read, strict=True):
        expected = _model_values(models.Actual, entry)
        assert expected is not None, f"the plain reading accepts what the model refuses: {entry}"
        for key in ActualEntry._fields:
            value = getattr(actual, key)
            assert _same(value, expected[key]), f"{key}: {value!r} != {expected[key]!r}"


FIGURES = st.fixed_dictionaries(
    {
        "metric": st.sampled_from(["m", "n"]),
        "region": st.sampled_from(["r", "s"]),
        "period": st.sampled_from(["2019", "2020", "2020-Q1"]),
        "value": st.integers(0, 9),
    },
    optional={
        "published": st.dates(datetime.date(2018, 1, 1), datetime.date(2027, 1, 1)),
        "source": st.sampled_from(["a", "b"]),
    },
)


@settings(max_examples=300, deadline=None)
@given(files=st.lists(st.lists(FIGURES, max_size=6), max_size=3))
def test_files_recorded_in_one_pass_are_recorded_as_one_by_one(
    files: list[list[dict[str, Any]]],
) -> None:
    """The same figures filed, the same repeats (other vintages) in the same order for each
    figure, the same dates found out of place, as recording the entries one by one."""
    quick: tuple[dict[Key, dict[Period, Value]], list[tuple[Key, Value]]] = ({}, [])
    slow: tuple[defaultdict[Key, dict[Period, Value]], list[tuple[Key, Value]]] = (
        defaultdict(dict),
        [],
    )
    quick_dated = slow_dated = True
    for array in files:
        figures = read_figures(array, TODAY, entries=True)
        assert figures is not None
        assert figures.entries is not None
        merge(figures, *quick)
        quick_dated = quick_dated and figures.dated
        slow_dated = record_figures(figures.entries, *slow, TODAY) and slow_dated
    assert quick[0] == dict(slow[0])
    assert quick_dated == slow_dated

    def each_figure(repeats: list[tuple[Key, Value]]) -> dict[tuple[Key, Period], list[Value]]:
        grouped: dict[tuple[Key, Period], list[Value]] = defaultdict(list)
        for key, value in repeats:
            grouped[key, value.period].append(value)
        return grouped

    assert each_figure(quick[1]) == each_figure(slow[1])


def test_valid_entries_are_read_plainly() -> None:
    """The plain reading does read what valid files hold (else it is only slow)."""
    actual = {
        "metric": "m01",
        "region": "china",
        "period": "2019-Q3",
        "value": 12,
        "source": "Yearbook",
        "note": "n",
        "published": datetime.date(2020, 3, 1),
        "flag": "p",
        "recorded": datetime.date(2020, 3, 2),
    }
    assert quick_entries([actual, {**actual, "period": 2019, "value": 1.5}]) is not None
    target = {"id": "t", "title": "T", "metric": "m", "deadline": 2020, "at_least": 5}
    assert plain.plain_entry(plain.TARGET, target) is not None
    metric = {"name": "M", "unit": "件", "decimals": 1, "min": 0, "aggregate": "sum"}
    assert plain.plain_entry(plain.METRIC, metric) is not None


# -- whole commands ------------------------------------------------------------------------

WITHOUT_PYDANTIC = """
import sys
from iptarget.cli import run
sys.argv = ["iptarget", *sys.argv[1:]]
try:
    run()
except SystemExit as exit:
    assert not exit.code, exit.code
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("pydantic", "rich"))
assert not loaded, loaded
"""


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--format", "json"],
        ["validate", "--format", "json"],
        ["series", "patent_applications", "--region", "qinghai", "--format", "csv"],
    ],
    ids=" ".join,
)
def test_a_command_on_valid_files_loads_neither_pydantic_nor_rich(args: list[str]) -> None:
    """Typer's parameters and the files are read without pydantic; JSON and CSV output
    without rich (start-up is most of a command on the example directory)."""
    command = [sys.executable, "-c", WITHOUT_PYDANTIC, *args, "--dir", str(ROOT / "targets")]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
