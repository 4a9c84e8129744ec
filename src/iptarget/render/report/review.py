"""The report's opening section (SPEC 10 v3): the plan review a director takes to a meeting.
The headline, the count per verdict (binding ones apart), and one bar per target: its length
the progress, a tick where the target should be by its latest figure, a dashed line at the
share of the plan's time gone by; lagging targets first. The bars' numbers are in a table too.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from iptarget.core.evaluate import Evaluation
from iptarget.core.review import review
from iptarget.i18n import _
from iptarget.render.looks import VERDICT_LOOKS, verdict_word
from iptarget.render.numbers import pace, percent, title_of
from iptarget.render.review import BINDING, headline, verdict_count


def review_section(evaluations: Sequence[Evaluation], as_of: datetime.date) -> dict[str, Any]:
    """What the review section shows: its headline, the counts, a bar per target."""
    done = review(evaluations)
    return {
        "headline": headline(done, as_of),
        "counts": [
            (VERDICT_LOOKS[verdict].tone, verdict_count(verdict, done)) for verdict in done.summary
        ],
        "bars": [_bar(evaluation) for evaluation in done.evaluations],
    }


def _bar(evaluation: Evaluation) -> dict[str, Any]:
    """One target's bar: the progress drawn within 0-100 (beyond marked), the expected tick
    and the elapsed line where they are known, the verdict as word and colour."""
    progress = evaluation.progress_pct
    drawn = None if progress is None else min(100.0, max(0.0, progress))
    look = VERDICT_LOOKS[evaluation.verdict]
    beyond = ""
    if progress is not None and progress > 100:
        beyond = _("beyond 100%")
    elif progress is not None and progress < 0:
        beyond = _("below 0%: moving away")
    return {
        "id": evaluation.target.id,
        "title": title_of(evaluation.target),
        "binding": BINDING if evaluation.target.binding else "",
        "verdict": evaluation.verdict.value,
        "word": verdict_word(evaluation.verdict),
        "tone": look.tone,
        "drawn": _coordinate(drawn),
        "expected": _coordinate(_within(evaluation.expected_pct)),
        "elapsed": _coordinate(_within(evaluation.elapsed_pct)),
        "progress": percent(progress),
        "beyond": beyond,
        "expected_shown": percent(evaluation.expected_pct),
        "elapsed_shown": percent(evaluation.elapsed_pct),
        "pace": pace(evaluation.pace),
    }


def _within(share: float | None) -> float | None:
    """A share drawn on the bar, which runs from 0 to 100 (the expected share lies within
    it but for rounding)."""
    return None if share is None else min(100.0, max(0.0, share))


def _coordinate(share: float | None) -> str | None:
    """A share as an SVG coordinate on a bar 100 wide, to 0.01."""
    return None if share is None else f"{share:.2f}"
