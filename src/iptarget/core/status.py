"""The statuses of SPEC 4.2 and the verdicts of SPEC 4.7, each with the facts the core knows
about it in one table beside it. A module of its own, so that the command line can offer
statuses as choices without loading the evaluation.

What people read about a status or a verdict (its word, colour, meaning) lives in one table
in ``render.looks``; ``tests/test_registries.py`` walks every member through every table.
"""

from __future__ import annotations

import enum
from typing import Literal, NamedTuple, assert_never


class Status(enum.StrEnum):
    """The statuses of SPEC 4.2, in the order the spec lists them."""

    ACHIEVED = "achieved"
    MISSED = "missed"
    UNREPORTED = "unreported"
    MET = "met"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    REGRESSING = "regressing"
    NO_TREND = "no_trend"
    NO_BASELINE = "no_baseline"
    NO_DATA = "no_data"


Phase = Literal["after", "before", "any"]
"""When a status can occur: once the deadline has passed, before it, or either."""


class StatusFacts(NamedTuple):
    """What the core knows about a status.

    ``order`` places it from best to worst for ``diff --fail-on-worse`` (SPEC 9; None:
    outside the order); ``failing`` statuses make a target newly missed or overdue, worse
    whatever it was; ``warns`` gets a warning annotation in CI (unreported only within its
    grace period, when ``check`` does not fail on it).
    """

    phase: Phase
    order: int | None
    failing: bool = False
    warns: bool = False


STATUS_FACTS: dict[Status, StatusFacts] = {
    Status.ACHIEVED: StatusFacts("after", order=0),
    Status.MISSED: StatusFacts("after", order=5, failing=True),
    Status.UNREPORTED: StatusFacts("after", order=None, failing=True, warns=True),
    Status.MET: StatusFacts("before", order=0),
    Status.ON_TRACK: StatusFacts("before", order=1),
    Status.AT_RISK: StatusFacts("before", order=2, warns=True),
    Status.OFF_TRACK: StatusFacts("before", order=3, warns=True),
    Status.REGRESSING: StatusFacts("before", order=4, warns=True),
    Status.NO_TREND: StatusFacts("before", order=None),
    Status.NO_BASELINE: StatusFacts("any", order=None),
    Status.NO_DATA: StatusFacts("before", order=None),
}


class Verdict(enum.StrEnum):
    """The four words of a mid-term plan review, and what the others get (SPEC 4.7)."""

    ACHIEVED_EARLY = "achieved_early"
    AHEAD = "ahead"
    AS_EXPECTED = "as_expected"
    LAGGING = "lagging"
    NOT_ASSESSED = "not_assessed"
    ACHIEVED = "achieved"
    MISSED = "missed"
    UNREPORTED = "unreported"


#: The verdicts in the order a review lists them: lagging first (SPEC 5.5).
VERDICT_ORDER: tuple[Verdict, ...] = (
    Verdict.LAGGING,
    Verdict.AS_EXPECTED,
    Verdict.AHEAD,
    Verdict.ACHIEVED_EARLY,
    Verdict.NOT_ASSESSED,
    Verdict.UNREPORTED,
    Verdict.MISSED,
    Verdict.ACHIEVED,
)
#: The pace from which an on-track target is faster than expected (SPEC 4.7's default).
AHEAD_PACE = 1.5


class Bands(NamedTuple):
    """The pace thresholds of a policy (SPEC 1 ``bands``): from ``on_track`` a target is
    on track, from ``at_risk`` at risk (below it off track), and an on-track one from
    ``ahead`` faster than expected. The defaults are Eurostat's and Statistics Canada's."""

    ahead: float = AHEAD_PACE
    on_track: float = 0.95
    at_risk: float = 0.6


DEFAULT_BANDS = Bands()


def pace_band(pace: float | None, bands: Bands = DEFAULT_BANDS) -> Status:
    """The status a pace gives before the deadline (SPEC 4.2's bands)."""
    if pace is None:
        return Status.NO_TREND
    if pace < 0:
        return Status.REGRESSING
    if pace < bands.at_risk:
        return Status.OFF_TRACK
    if pace < bands.on_track:
        return Status.AT_RISK
    return Status.ON_TRACK


def verdict(status: Status, pace: float | None, ahead: float = AHEAD_PACE) -> Verdict:
    """A target's verdict from its status and pace (SPEC 4.7)."""
    match status:
        case Status.MET:
            return Verdict.ACHIEVED_EARLY
        case Status.ON_TRACK:
            return Verdict.AHEAD if pace is not None and pace >= ahead else Verdict.AS_EXPECTED
        case Status.AT_RISK | Status.OFF_TRACK | Status.REGRESSING:
            return Verdict.LAGGING
        case Status.NO_TREND | Status.NO_DATA | Status.NO_BASELINE:
            return Verdict.NOT_ASSESSED
        case Status.ACHIEVED:
            return Verdict.ACHIEVED
        case Status.MISSED:
            return Verdict.MISSED
        case Status.UNREPORTED:
            return Verdict.UNREPORTED
        case _:
            assert_never(status)


#: Days after an unreported target's deadline before ``check`` fails on it (``--grace-days``).
GRACE_DAYS = 365
