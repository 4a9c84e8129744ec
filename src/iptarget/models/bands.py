"""A policy's pace thresholds as a pydantic type (SPEC 1 ``bands``)."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field, with_config
from typing_extensions import TypedDict  # pydantic needs it before Python 3.12

NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]


@with_config(ConfigDict(extra="forbid", strict=True))
class Bands(TypedDict, total=False):
    """A policy's pace thresholds (SPEC 1), each optional: the defaults fill in the rest."""

    ahead: Annotated[
        NonNegative,
        Field(
            description="From this pace an on-track target is 'faster than "
            "expected' in a review (default 1.5)."
        ),
    ]
    on_track: Annotated[
        NonNegative, Field(description="From this pace a target is on track (default 0.95).")
    ]
    at_risk: Annotated[
        NonNegative,
        Field(description="From this pace a target is at risk; below it, off track (default 0.6)."),
    ]
