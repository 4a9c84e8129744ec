"""How each status and verdict looks to people: its word, its colour in a terminal and a
report, what it means, whether markdown puts it in bold. One table each, beside the core's
facts (``core.status``); ``tests/test_registries.py`` walks every member through them.

The English word of a status is its id (SPEC 8); the catalogue has each word in context
"status" or "verdict", so a word is translated by what it names.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from iptarget.core.status import Status, Verdict
from iptarget.i18n import N_, NP_, pgettext

Tone = Literal["good", "bad", "late", "behind", "slow", "none"]
"""A colour's meaning in the report (its CSS class), so that a colour prints as words too."""


class Look(NamedTuple):
    """How one status or verdict is shown: its ``word`` (translated in its context), the
    ``style`` of a terminal, the report's ``tone``, its ``meaning`` in a sentence, and
    whether a reviewer must not miss it (``strong``: bold in markdown)."""

    word: str
    style: str
    tone: Tone
    meaning: str
    strong: bool = False


STATUS_LOOKS: dict[Status, Look] = {
    Status.ACHIEVED: Look(
        NP_("status", "achieved"),
        "bold green",
        "good",
        N_("the deadline has passed and the figure for it meets the target"),
    ),
    Status.MISSED: Look(
        NP_("status", "missed"),
        "bold red",
        "bad",
        N_("the deadline has passed and the figure for it falls short"),
        strong=True,
    ),
    Status.UNREPORTED: Look(
        NP_("status", "unreported"),
        "magenta",
        "late",
        N_("the deadline has passed and no figure for it is known yet"),
    ),
    Status.MET: Look(
        NP_("status", "met"),
        "green",
        "good",
        N_("the latest figure already meets the target, before the deadline"),
    ),
    Status.ON_TRACK: Look(
        NP_("status", "on_track"), "green", "good", N_("pace 0.95 or more: fast enough")
    ),
    Status.AT_RISK: Look(
        NP_("status", "at_risk"),
        "yellow",
        "behind",
        N_("pace 0.6 to 0.95: progress, but not fast enough"),
    ),
    Status.OFF_TRACK: Look(
        NP_("status", "off_track"), "dark_orange", "slow", N_("pace 0 to 0.6: far too slow")
    ),
    Status.REGRESSING: Look(
        NP_("status", "regressing"),
        "red",
        "bad",
        N_("moving away from the target"),
        strong=True,
    ),
    Status.NO_TREND: Look(
        NP_("status", "no_trend"),
        "dim",
        "none",
        N_("a figure, but no pace yet (no start figure, or only one)"),
    ),
    Status.NO_BASELINE: Look(
        NP_("status", "no_baseline"),
        "dim",
        "none",
        N_("the baseline figure of a relative goal is unknown"),
    ),
    Status.NO_DATA: Look(NP_("status", "no_data"), "dim", "none", N_("no figure yet")),
}

VERDICT_LOOKS: dict[Verdict, Look] = {
    Verdict.ACHIEVED_EARLY: Look(
        NP_("verdict", "achieved early"), "green", "good", N_("the target is already met")
    ),
    Verdict.AHEAD: Look(
        NP_("verdict", "faster than expected"),
        "green",
        "good",
        N_("on track, and faster than the plan's pace for being ahead"),
    ),
    Verdict.AS_EXPECTED: Look(
        NP_("verdict", "basically as expected"),
        "green",
        "good",
        N_("on track at the pace the plan requires"),
    ),
    Verdict.LAGGING: Look(
        NP_("verdict", "lagging"),
        "yellow",
        "behind",
        N_("behind the required pace, or moving away from the target"),
        strong=True,
    ),
    Verdict.NOT_ASSESSED: Look(
        NP_("verdict", "not assessed"), "dim", "none", N_("no pace can be judged yet")
    ),
    Verdict.ACHIEVED: Look(NP_("verdict", "achieved"), "bold green", "good", N_("achieved")),
    Verdict.MISSED: Look(NP_("verdict", "missed"), "bold red", "bad", N_("missed"), strong=True),
    Verdict.UNREPORTED: Look(
        NP_("verdict", "unreported"), "magenta", "late", N_("no figure for the deadline yet")
    ),
}


def status_word(status: Status) -> str:
    """A status as people read it: its id in English, SPEC 8's word in Chinese."""
    return pgettext("status", STATUS_LOOKS[status].word)


def verdict_word(verdict: Verdict) -> str:
    """A verdict as people read it: the four words of a plan review (SPEC 4.7)."""
    return pgettext("verdict", VERDICT_LOOKS[verdict].word)
