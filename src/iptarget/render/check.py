"""``iptarget check``: the failing targets, each with why it fails."""

from __future__ import annotations

import datetime

from iptarget.core.check import CheckResult, Failure
from iptarget.core.evaluate import Evaluation
from iptarget.core.status import Status
from iptarget.i18n import NP_, _, ngettext
from iptarget.render.console import console, print_lines, say
from iptarget.render.escape import clean
from iptarget.render.looks import status_word
from iptarget.render.numbers import at, number, pace, sign
from iptarget.render.status import summary_line
from iptarget.render.table import Column, Table, fitted_lines
from iptarget.render.words import date_words, flag_words, period_words

TARGET, WHY = Column(NP_("heading", "target")), Column(NP_("heading", "why it fails"))
COLUMNS = (TARGET, Column(NP_("heading", "policy")), WHY)
FOLDED = (TARGET, WHY)
WOULD_FAIL = Column(NP_("heading", "would fail as"))
ACKNOWLEDGED = (TARGET, Column(NP_("heading", "acknowledged")), WOULD_FAIL)


def failure_reason(failure: Failure) -> str:
    """Why a target fails ``check``, with its numbers."""
    evaluation = failure.evaluation
    metric, deadline = evaluation.metric, evaluation.target.deadline
    goal = f"{sign(evaluation)} {number(evaluation.target_value, metric, unit=True)}"
    if evaluation.status is Status.MISSED and evaluation.latest is not None:
        value = number(evaluation.latest.value, metric, unit=True)
        flag = evaluation.latest.flag
        if flag:
            value = _("{value} ({flag})").format(value=value, flag=flag_words(flag))
        return _("{status}: {value} in {deadline}, against {goal}").format(
            status=status_word(Status.MISSED),
            value=value,
            deadline=period_words(deadline),
            goal=goal,
        )
    if failure.days_late is not None:
        return ngettext(
            "{status}: no figure for {deadline}, {days} day after it ended",
            "{status}: no figure for {deadline}, {days} days after it ended",
            failure.days_late,
        ).format(
            status=status_word(Status.UNREPORTED),
            deadline=period_words(deadline),
            days=failure.days_late,
        )
    return _behind(evaluation, goal)


def _behind(evaluation: Evaluation, goal: str) -> str:
    """A target behind its path: its latest point (with its flag spelt out) and pace."""
    latest = at(evaluation.latest, evaluation.metric)
    flag = evaluation.latest.flag if evaluation.latest else None
    if flag:
        latest = _("{latest}, {flag}").format(latest=latest, flag=flag_words(flag))
    return _("{status}: latest {latest}, pace {pace}, needs {goal} by {deadline}").format(
        status=status_word(evaluation.status),
        latest=latest,
        pace=pace(evaluation.pace),
        goal=goal,
        deadline=period_words(evaluation.target.deadline),
    )


def warning_reason(evaluation: Evaluation) -> str:
    """Why a target gets a warning in CI, with its numbers."""
    metric, deadline = evaluation.metric, evaluation.target.deadline
    if evaluation.status is Status.UNREPORTED:
        return _("{status}: no figure for {deadline} yet").format(
            status=status_word(Status.UNREPORTED), deadline=period_words(deadline)
        )
    if evaluation.status is Status.NO_BASELINE:
        return _("{status}: no value for the baseline, and {deadline} has passed").format(
            status=status_word(Status.NO_BASELINE), deadline=period_words(deadline)
        )
    goal = f"{sign(evaluation)} {number(evaluation.target_value, metric, unit=True)}"
    return _behind(evaluation, goal)


def print_check(found: CheckResult, as_of: datetime.date) -> None:
    """The failing targets with their reasons, the acknowledged ones, then one summary line."""
    out = console()
    failing = found.failing
    if failing:
        rows = [
            [item.evaluation.target.id, clean(item.evaluation.policy.file), failure_reason(item)]
            for item in failing
        ]
        folded = Table(
            FOLDED, [[f"{row[0]}\n  {row[1]}", row[2]] for row in rows], flexible=1, below=True
        )
        wide = Table(COLUMNS, rows, flexible=2)
        print_lines(out, fitted_lines(wide, out.is_terminal, out.width, [folded]))
    if found.acknowledged:
        if failing:
            say(out, "")
        say(out, _("acknowledged, so not failing:"))
        rows = [
            [item.evaluation.target.id, item.evaluation.acknowledged or "", reason]
            for item, reason in ((item, failure_reason(item)) for item in found.acknowledged)
        ]
        table = Table(ACKNOWLEDGED, rows, flexible=2)
        under = [
            [target, f"{reason}\n" + _("acknowledged: {reason}").format(reason=because)]
            for target, because, reason in rows
        ]
        narrow = Table((TARGET, WOULD_FAIL), under, flexible=1)
        print_lines(out, fitted_lines(table, out.is_terminal, out.width, [narrow]))
    for evaluation in found.needless:
        message = _(
            "{id}: acknowledged, but it does not fail ({status}); the acknowledgement can be "
            "removed"
        )
        say(out, message.format(id=evaluation.target.id, status=status_word(evaluation.status)))
    say(out, check_line(found, as_of))


def check_line(found: CheckResult, as_of: datetime.date) -> str:
    """The last line of ``check``: how many fail, or none; how many are acknowledged."""
    total, failing = len(found.evaluations), len(found.failing)
    date = date_words(as_of)
    if failing and total == 1:
        line = _("1 of 1 target fails as of {date}").format(date=date)
    elif failing:
        line = ngettext(
            "{failing} of {total} targets fails as of {date}",
            "{failing} of {total} targets fail as of {date}",
            failing,
        ).format(failing=failing, total=total, date=date)
    else:
        line = _("{summary}; none fails").format(summary=summary_line(found.evaluations, as_of))
    acknowledged = len(found.acknowledged)
    if acknowledged:
        line = ngettext(
            "{line}; {count} acknowledged", "{line}; {count} acknowledged", acknowledged
        ).format(line=line, count=acknowledged)
    return line
