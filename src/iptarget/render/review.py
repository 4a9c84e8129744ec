"""``iptarget review``: the plan review (SPEC 4.7, 5.5), as a terminal table grouped by
verdict, markdown for a briefing, or JSON for scripts."""

from __future__ import annotations

import datetime
from typing import assert_never

from iptarget.choices import ReviewFormat
from iptarget.core.review import Review, binding_lagging, headline_counts
from iptarget.core.status import Verdict
from iptarget.errors import text
from iptarget.i18n import NP_
from iptarget.render.console import console, print_lines, print_text, say
from iptarget.render.json_text import json_document
from iptarget.render.looks import VERDICT_LOOKS, verdict_word
from iptarget.render.numbers import at, marks_note, pace, percent, title_of
from iptarget.render.status_data import finite, point_json
from iptarget.render.table import Column, Section, Table, markdown, terminal_lines
from iptarget.render.words import worded
from iptarget.texts import review

#: The mark of a binding target (约束性指标), before its id.
BINDING = "★"

COLUMNS = (
    Column(NP_("heading", "target")),
    Column(NP_("heading", "title")),
    Column(NP_("heading", "latest"), numeric=True),
    Column(NP_("heading", "progress"), numeric=True),
    Column(NP_("heading", "expected"), numeric=True),
    Column(NP_("heading", "elapsed"), numeric=True),
    Column(NP_("heading", "pace"), numeric=True),
)


def headline(done: Review, as_of: datetime.date) -> str:
    """``20 targets as of 2023-12-25: 4 achieved early, …, 4 lagging, 3 of them binding``, in
    Chinese as an official review writes it."""
    counts = headline_counts(done.summary)
    if not counts:
        return worded(text(review.NO_TARGET, date=as_of))
    clauses = [_clause(verdict, count, done) for verdict, count in counts]
    joined = worded(text(review.JOINT)).join(clauses)
    return worded(text(review.HEADLINE, count=len(done.evaluations), date=as_of, counts=joined))


def _clause(verdict: Verdict, count: int, done: Review) -> str:
    clause = worded(text(review.CLAUSES[verdict.value], count=count))
    binding = binding_lagging(done)
    if verdict is Verdict.LAGGING and binding:
        return worded(text(review.LAGGING_BINDING, lagging=clause, count=binding))
    return clause


def review_table(done: Review, folded: bool = True) -> Table:
    """The targets grouped by verdict, lagging first: a section heading per verdict, and
    each target's id (★ when binding) with its title, ``folded`` on a line under it (for
    a terminal) or beside it."""
    rows: list[list[str]] = []
    sections: list[Section] = []
    for index, evaluation in enumerate(done.evaluations):
        verdict = evaluation.verdict
        if index == 0 or done.evaluations[index - 1].verdict is not verdict:
            look = VERDICT_LOOKS[verdict]
            sections.append(Section(index, verdict_count(verdict, done), look.style))
        mark = f"{BINDING} " if evaluation.target.binding else ""
        rows.append(
            [
                f"{mark}{evaluation.target.id}",
                title_of(evaluation.target),
                at(evaluation.latest, evaluation.metric),
                percent(evaluation.progress_pct),
                percent(evaluation.expected_pct),
                percent(evaluation.elapsed_pct),
                pace(evaluation.pace),
            ]
        )
    if not folded:
        return Table(COLUMNS, rows, sections=sections)
    folded_rows = [[row[0], *row[2:]] for row in rows]
    titles = [row[1] for row in rows]
    return Table((COLUMNS[0], *COLUMNS[2:]), folded_rows, sections=sections, under=titles)


def verdict_count(verdict: Verdict, done: Review) -> str:
    """``lagging: 4 (3 binding)``."""
    count = done.summary[verdict]
    binding = done.binding.get(verdict, 0)
    word = verdict_word(verdict)
    if binding:
        return worded(text(review.SECTION_BINDING, verdict=word, count=count, binding=binding))
    return worded(text(review.SECTION, verdict=word, count=count))


def notes(done: Review) -> list[str]:
    """What is said under the table: the marks, and what the columns mean."""
    points = [evaluation.latest for evaluation in done.evaluations]
    marks = marks_note(points)
    said = [marks] if marks else []
    if any(evaluation.target.binding for evaluation in done.evaluations):
        said.append(worded(text(review.BINDING_NOTE)))
    return [*said, worded(text(review.COLUMNS_NOTE))]


def review_json(done: Review, as_of: datetime.date, vintage: str) -> str:
    """``review --format json`` (SPEC 5.5)."""
    document = {
        "as_of": as_of.isoformat(),
        "vintage": vintage,
        "summary": {verdict.value: count for verdict, count in done.summary.items()},
        "binding": {verdict.value: count for verdict, count in done.binding.items()},
        "targets": [
            {
                "id": e.target.id,
                "title": e.target.title,
                "binding": e.target.binding,
                "verdict": e.verdict.value,
                "status": e.status.value,
                "latest": point_json(e.latest),
                "progress_pct": finite(e.progress_pct),
                "expected_pct": finite(e.expected_pct),
                "elapsed_pct": finite(e.elapsed_pct),
                "pace": finite(e.pace),
            }
            for e in done.evaluations
        ],
    }
    return json_document(document)


def review_markdown(done: Review, as_of: datetime.date) -> str:
    """The headline, the table with a bold row per verdict, and the notes."""
    lines = markdown(review_table(done, folded=False))
    return "\n".join([headline(done, as_of), "", *lines, "", "\n\n".join(notes(done)), ""])


def print_review(done: Review, as_of: datetime.date, fmt: ReviewFormat, vintage: str) -> None:
    """The plan review in one of its formats."""
    match fmt:
        case ReviewFormat.JSON:
            print_text(review_json(done, as_of, vintage))
        case ReviewFormat.MARKDOWN:
            print_text(review_markdown(done, as_of))
        case ReviewFormat.TABLE:
            out = console()
            say(out, headline(done, as_of))
            if done.evaluations:
                say(out, "")
                if out.is_terminal:  # titles folded under the ids, wrapped to the width
                    lines = terminal_lines(review_table(done), out.width, terminal=True)
                else:  # a pipe: one line per target, its title beside its id
                    lines = terminal_lines(review_table(done, folded=False))
                print_lines(out, lines)
                for line in notes(done):
                    say(out, line)
        case _:
            assert_never(fmt)
