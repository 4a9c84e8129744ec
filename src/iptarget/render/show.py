"""``iptarget show``: one target in full, with its values, its required path and a chart."""

from __future__ import annotations

import datetime
import math
from typing import TYPE_CHECKING

from iptarget.core.dataset import Dataset, Metric, Value
from iptarget.core.evaluate import Evaluation
from iptarget.errors import Text
from iptarget.i18n import NP_, _, ngettext, pgettext
from iptarget.periods import Granularity
from iptarget.render.console import console, print_lines
from iptarget.render.escape import clean
from iptarget.render.goals import goal_words
from iptarget.render.in_year import in_year_words
from iptarget.render.looks import STATUS_LOOKS, VERDICT_LOOKS, status_word, verdict_word
from iptarget.render.numbers import (
    UNKNOWN,
    at,
    marks,
    marks_note,
    metric_label,
    number,
    pace,
    percent,
    region_name,
    title_of,
)
from iptarget.render.table import Column, Table, terminal_lines, wrap
from iptarget.render.totals import rank_words, rate_words, total_table, total_words
from iptarget.render.words import (
    date_words,
    flag_words,
    period_words,
    rule_words,
    worded,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.text import Text as RichText

    from iptarget.periods import Period

VALUE_COLUMNS = (
    Column(NP_("heading", "period")),
    Column(NP_("heading", "value"), numeric=True),
    Column(NP_("heading", "required"), numeric=True),
    Column(""),
)
#: What show says of a figure of another granularity than the deadline's.
NOT_COMPARED: dict[Granularity, str] = {
    "year": NP_("granularity", "yearly figure, not compared"),
    "half": NP_("granularity", "half-yearly figure, not compared"),
    "quarter": NP_("granularity", "quarterly figure, not compared"),
    "month": NP_("granularity", "monthly figure, not compared"),
    "ytd": NP_("granularity", "year-to-date figure, not compared"),
}
CHART_WIDTH = 40


def print_show(
    evaluation: Evaluation,
    dataset: Dataset,
    as_of: datetime.date,
    never: Text | None = None,
    vintages: Mapping[Period, tuple[Value, ...]] | None = None,
) -> None:
    """``iptarget show``: one target in full; ``never`` says why it can never have a value,
    ``vintages`` holds the figures with several vintages known, to list each."""
    from rich.cells import cell_len
    from rich.text import Text as RichText

    out = console()
    target, metric, policy = evaluation.target, evaluation.metric, evaluation.policy
    region = dataset.regions[evaluation.region]
    facts: list[tuple[str, str | RichText]] = [
        (pgettext("show", "policy"), _policy_line(evaluation)),
        (pgettext("show", "file"), policy.path),
        (pgettext("show", "source"), policy.source or UNKNOWN),
        (pgettext("show", "metric"), f"{metric_label(metric)} [{target.metric}]"),
        (pgettext("show", "region"), f"{region_name(region)} [{evaluation.region}]"),
        (pgettext("show", "goal"), goal_words(evaluation, dataset.regions)),
        (pgettext("show", "start"), at(evaluation.start, metric)),
        (pgettext("show", "latest"), at(evaluation.latest, metric)),
        (pgettext("show", "progress"), percent(evaluation.progress_pct)),
        (pgettext("show", "required"), rate_words(evaluation.required_rate, evaluation, True)),
        (pgettext("show", "actual"), rate_words(evaluation.actual_rate, evaluation)),
        (pgettext("show", "pace"), pace(evaluation.pace)),
        (pgettext("show", "projected"), number(evaluation.projected, metric, unit=True)),
        (
            pgettext("show", "status"),
            RichText.assemble(
                (status_word(evaluation.status), STATUS_LOOKS[evaluation.status].style),
                "  " + _("as of {date}").format(date=date_words(as_of)),
            ),
        ),
        (
            pgettext("show", "review"),
            RichText.assemble(
                (verdict_word(evaluation.verdict), VERDICT_LOOKS[evaluation.verdict].style),
                "  " + review_words(evaluation),
            ),
        ),
    ]
    within, total = in_year_words(evaluation), total_words(evaluation)
    if within is not None:
        facts.append((pgettext("show", "this year"), within))
    if total is not None:
        facts.insert(9, (pgettext("show", "total"), total))
    if (rank := rank_words(evaluation)) is not None:
        facts.insert(8, (pgettext("show", "rank"), rank))
    if never is not None:
        facts.append(
            (
                pgettext("show", "why"),
                _("it can never have a value: {reason}").format(reason=worded(never)),
            )
        )
    width = out.width if out.is_terminal else None
    title = _hanging(clean(title_of(target)), len(target.id) + 2, width)
    lines = [RichText.assemble((target.id, "bold"), "  ", title)]
    lines += [
        RichText.assemble(
            ("  " + label + " " * max(1, 10 - cell_len(label)), "bold"),
            _hanging(clean(value), 12, width) if isinstance(value, str) else value,
        )
        for label, value in facts
    ]
    print_lines(out, lines)
    out.print()
    table = (
        known_values_table(evaluation, vintages or {}) if total is None else total_table(evaluation)
    )
    if table.rows:
        print_lines(out, terminal_lines(table, terminal=out.is_terminal))
        note = marks_note(evaluation.known)
        if note:
            print_lines(out, [RichText(note)])
    else:
        missing = _("no values of {metric} known for {region}").format(
            metric=evaluation.target.metric, region=evaluation.region
        )
        print_lines(out, [RichText(missing)])
    chart = chart_lines(evaluation)
    if chart:
        out.print()
        said = (
            _("actual (█) against the required path (|)")
            if total is None
            else _("running total (█) against the straight line to the target (|)")
        )
        out.print(RichText(said, style="bold"))
        print_lines(out, (RichText(line) for line in chart))


def review_words(evaluation: Evaluation) -> str:
    """Beside a verdict: binding or not, the progress expected by the latest figure's period
    and the share of the plan's time gone by (SPEC 4.7)."""
    elapsed = percent(evaluation.elapsed_pct)
    latest = evaluation.latest
    if evaluation.expected_pct is None or latest is None:
        said = _("time elapsed {elapsed}").format(elapsed=elapsed)
    else:
        said = _("expected {expected} by {period}; time elapsed {elapsed}").format(
            expected=percent(evaluation.expected_pct),
            period=period_words(latest.period),
            elapsed=elapsed,
        )
    return _("binding target; {said}").format(said=said) if evaluation.target.binding else said


def _policy_line(evaluation: Evaluation) -> str:
    """The policy's title, with its issuer and date when the file gives them."""
    policy = evaluation.policy
    title = title_of(policy)
    if policy.issuer and policy.issued:
        template = _("{title} ({issuer}), issued {date}")
    elif policy.issuer:
        template = _("{title} ({issuer})")
    elif policy.issued:
        template = _("{title}, issued {date}")
    else:
        return title
    issued = None if policy.issued is None else date_words(policy.issued)
    return template.format(title=title, issuer=policy.issuer, date=issued)


def _hanging(text: str, indent: int, width: int | None) -> str:
    """Text that follows ``indent`` cells of a line, wrapped at spaces to a terminal's width,
    its later lines indented as far; whole in a pipe."""
    if width is None:
        return text
    return wrap(" " * indent + text, width)[indent:]


def known_values_table(
    evaluation: Evaluation, vintages: Mapping[Period, tuple[Value, ...]] | None = None
) -> Table:
    """Every known value of the metric in the region beside the required path; under a
    figure with several vintages, the vintages not used."""
    metric, deadline = evaluation.metric, evaluation.target.deadline
    values = {value.period: value for value in evaluation.known}
    path = dict(evaluation.path)
    start = None if evaluation.start is None else evaluation.start.period
    rows = []
    for period in sorted(set(values) | set(path)):
        value = values.get(period)
        notes = [] if value is None else _vintage_notes(value)
        if value is not None and value.derived:
            notes.append(_("derived: {rule}").format(rule=rule_words(value)))
        several = (vintages or {}).get(period, ())
        if several:
            notes.append(
                ngettext("{count} vintage", "{count} vintages", len(several)).format(
                    count=len(several)
                )
            )
        if period.granularity != deadline.granularity:
            notes.append(pgettext("granularity", NOT_COMPARED[period.granularity]))
        if period == start:
            notes.append(pgettext("show", "start"))
        if period == deadline:
            notes.append(pgettext("heading", "deadline"))
        rows.append(
            [
                period_words(period),
                "" if value is None else _marked(value, metric),
                number(path[period], metric) if period in path else "",
                _listed(notes),
            ]
        )
        rows += [
            ["", _marked(other, metric), "", _listed([_("not used"), *_vintage_notes(other)])]
            for other in several
            if other != value
        ]
    return Table(VALUE_COLUMNS, rows)


def _listed(notes: list[str]) -> str:
    """Notes on one value, one after the other."""
    return pgettext("list", ", ").join(notes)


def _marked(value: Value, metric: Metric) -> str:
    """A value with its marks: ``*`` derived, ``p`` provisional, ``e`` estimated."""
    return number(value.value, metric) + marks(value)


def _vintage_notes(value: Value) -> list[str]:
    """When a vintage was published, and its flag in words."""
    notes = []
    if value.published is not None:
        notes.append(_("published {date}").format(date=date_words(value.published)))
    return notes + ([flag_words(value.flag)] if value.flag else [])


def chart_lines(evaluation: Evaluation) -> list[str]:
    """A small bar chart, one line a period: the actual value as a bar, the required as ``|``."""
    path = evaluation.path
    if not path:
        return []
    actual = {value.period: value.value for value in evaluation.series}
    numbers = [value for _, value in path] + [
        value for period, value in actual.items() if path[0][0] <= period <= path[-1][0]
    ]
    top = max(numbers)
    if min(numbers) < 0 or top <= 0 or not math.isfinite(top):
        return []
    lines = []
    width = max(_cells(period_words(period)) for period, _ in path)
    for period, required in path:
        value = actual.get(period)
        cells = [" "] * (CHART_WIDTH + 1)
        if value is not None:
            for index in range(round(value / top * CHART_WIDTH)):
                cells[index] = "█"
        cells[round(required / top * CHART_WIDTH)] = "|"
        shown = "" if value is None else number(value, evaluation.metric)
        lines.append(f"{_padded(period_words(period), width)}  {''.join(cells)} {shown}".rstrip())
    return lines


def _cells(shown: str) -> int:
    from rich.cells import cell_len

    return cell_len(shown)


def _padded(shown: str, width: int) -> str:
    return shown + " " * (width - _cells(shown))
