"""The commands' JSON writer writes what ``json.dumps(..., indent=2)`` writes, byte for byte."""

from __future__ import annotations

import enum
import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iptarget.render.json_text import json_document

_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


def _standard(document: dict[str, Any]) -> str:
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return text.replace("##[", "#\\u0023[") + "\n"


@given(st.dictionaries(st.text(), _values, max_size=6))
def test_as_the_standard_library_writes(document: dict[str, Any]) -> None:
    assert json_document(document) == _standard(document)


class Colour(enum.StrEnum):
    RED = "red"


class Count(enum.IntEnum):
    ONE = 1


def test_what_it_does_not_know_goes_to_the_standard_library() -> None:
    document: dict[str, Any] = {"colour": Colour.RED, "n": Count.ONE}
    assert json_document(document) == _standard(document)
    assert (
        json_document({"##[x": ["##[error]"]})
        == '{\n  "#\\u0023[x": [\n    "#\\u0023[error]"\n  ]\n}\n'
    )


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_a_number_that_is_not_finite_is_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        json_document({"value": [1, {"x": bad}]})
