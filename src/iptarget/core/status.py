"""The statuses of SPEC 4.2: a module of its own, so that the command line can offer them
as choices without loading the evaluation."""

from __future__ import annotations

import enum


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
