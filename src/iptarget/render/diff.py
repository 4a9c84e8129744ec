"""``iptarget diff``: what a change does to the verdicts, as a terminal table, markdown for a
pull-request comment, or JSON (SPEC 9)."""

from __future__ import annotations

from typing import assert_never

from iptarget.choices import DiffFormat
from iptarget.core.diff import Diff, TargetDiff
from iptarget.i18n import N_, NP_, _, ngettext, pgettext
from iptarget.render.console import console, print_lines, print_text, say
from iptarget.render.diff_parts import (
    acknowledgement_line,
    acknowledgement_rows,
    cause_text,
    figure_row,
)
from iptarget.render.escape import clean, markdown_code
from iptarget.render.recorded import what_changed
from iptarget.render.status import counts_words, status_cell
from iptarget.render.table import Column, Table, fitted_lines, markdown
from iptarget.render.words import date_words

#: The first line of the markdown, by which a CI job finds its comment to update.
MARKER = "<!-- iptarget diff -->"
#: GitHub refuses comments over 65,536 characters; the markdown stays under this.
MARKDOWN_LIMIT = 60_000
#: Lists longer than this go into a <details> element in markdown.
FOLD_ROWS = 10
#: The side of a diff that is the files on disk (store.revisions names it so).
WORKING_TREE = N_("working tree")


def print_diff(found: Diff, base: str, head: str, fmt: DiffFormat) -> None:
    """``iptarget diff`` in one of its formats (JSON names the sides as given, the others in
    the interface's language)."""
    match fmt:
        case DiffFormat.JSON:
            from iptarget.render.diff_json import diff_json

            print_text(diff_json(found, base, head))
        case DiffFormat.MARKDOWN:
            print_text(diff_markdown(found, base, _side(head)))
        case DiffFormat.TABLE:
            _print_table(found, base, _side(head))
        case _:
            assert_never(fmt)


def _side(name: str) -> str:
    return _(WORKING_TREE) if name == WORKING_TREE else name


def _print_table(found: Diff, base: str, head: str) -> None:
    out = console()
    title = _("iptarget diff {base} → {head}, as of {date}")
    say(out, title.format(base=clean(base), head=clean(head), date=date_words(found.as_of)))
    if not found.targets and not found.figures and not found.acknowledgements:
        say(out, "")
        say(out, _("no target and no figure changed"))
    if line := acknowledgement_line(found):
        say(out, "")
        say(out, line)
    for heading, table in _sections(found):
        say(out, "")
        say(out, heading, "bold")
        print_lines(out, fitted_lines(table, out.is_terminal, out.width))
    say(out, "")
    say(out, summary_line(found))


def summary_line(found: Diff) -> str:
    """``targets per status: 3 achieved, 12 unreported → 4 achieved, 11 unreported``."""
    before, after = (
        counts_words(dict(counts)) or _("none") for counts in (found.before, found.after)
    )
    return _("targets per status: {before} → {after}").format(before=before, after=after)


def headline(found: Diff) -> str:
    """``2 targets changed status (1 worse), 1 added, 1 removed; 3 figures changed no status``."""
    moved = found.transitions
    worse = sum(item.change.worse for item in moved)
    added = sum(item.change.before is None for item in found.targets)
    removed = sum(item.change.after is None for item in found.targets)
    figures = len(found.quiet)
    changed = ngettext(
        "{count} target changed status", "{count} targets changed status", len(moved)
    ).format(count=len(moved))
    if worse:
        changed = _("{changed} ({worse} worse)").format(changed=changed, worse=worse)
    quiet = ngettext(
        "{count} figure changed no status", "{count} figures changed no status", figures
    ).format(count=figures)
    return _("{changed}, {added} added, {removed} removed; {quiet}").format(
        changed=changed, added=added, removed=removed, quiet=quiet
    )


def _sections(found: Diff, limit: int | None = None) -> list[tuple[str, Table]]:
    """The report's tables in SPEC 9's order, each cut to ``limit`` rows when given."""
    moved = found.transitions
    added = [item for item in found.targets if item.change.before is None]
    removed = [item for item in found.targets if item.change.after is None]
    other = [
        item
        for item in found.targets
        if item not in moved and item not in added and item not in removed
    ]
    target, title = Column(NP_("heading", "target")), Column(NP_("heading", "title"))
    sections: list[tuple[str, list[list[str]], tuple[Column, ...]]] = [
        (
            _("status changed"),
            [
                [
                    item.change.target,
                    status_cell(item.change.before),
                    _worse(item),
                    _because(found, item),
                ]
                for item in moved
            ],
            (
                target,
                Column(NP_("heading", "before")),
                Column(NP_("heading", "after")),
                Column(NP_("heading", "because")),
            ),
        ),
        (
            _("added"),
            [_brief(item) for item in added],
            (target, Column(NP_("heading", "status")), title),
        ),
        (
            _("removed"),
            [_brief(item) for item in removed],
            (target, Column(NP_("heading", "was")), title),
        ),
        (
            _("values changed, status the same"),
            [[item.change.target, status_cell(item.change.after), _moved(item)] for item in other],
            (target, Column(NP_("heading", "status")), Column(NP_("heading", "what moved"))),
        ),
        (
            _("acknowledgements"),
            acknowledgement_rows(found),
            (target, Column(NP_("heading", "change")), Column(NP_("heading", "acknowledged"))),
        ),
        (
            _("figures that changed no status"),
            [figure_row(found, edit) for edit in found.quiet],
            (
                Column(NP_("heading", "figure")),
                Column(NP_("heading", "before")),
                Column(NP_("heading", "after")),
            ),
        ),
    ]
    tables = []
    for heading, rows, columns in sections:
        if not rows:
            continue
        shown_rows = rows if limit is None else rows[:limit]
        table = Table(columns, shown_rows, flexible=len(columns) - 1)
        tables.append((_("{section} ({count})").format(section=heading, count=len(rows)), table))
    return tables


def _worse(item: TargetDiff) -> str:
    after = status_cell(item.change.after)
    return _("{status} (worse)").format(status=after) if item.change.worse else after


def _brief(item: TargetDiff) -> list[str]:
    status = item.change.after if item.change.after is not None else item.change.before
    return [item.change.target, status_cell(status), clean(item.title)]


def _moved(item: TargetDiff) -> str:
    return what_changed(item.change)  # the status is the same: only what moved is said


def _because(found: Diff, item: TargetDiff) -> str:
    """The causes of a change in words, the first few and how many more."""
    said = [cause_text(found, cause, item.change.target) for cause in item.causes]
    if not said:
        return "-"
    more = ngettext("and {count} more", "and {count} more", len(said) - 3)
    kept = said[:3] + ([more.format(count=len(said) - 3)] if len(said) > 3 else [])
    return pgettext("list", "; ").join(kept)


# -- markdown ----------------------------------------------------------------------------------


def diff_markdown(found: Diff, base: str, head: str) -> str:
    """The report for a pull-request comment: the marker line first, long lists folded, under
    60,000 characters (rows are left out, and said to be, when it would be longer)."""
    limit: int | None = None
    while True:
        text = _markdown(found, base, head, limit)
        if len(text) <= MARKDOWN_LIMIT or limit == 1:
            return text
        longest = max(len(table.rows) for _, table in _sections(found, limit))
        limit = max(1, longest // 2)


def _markdown(found: Diff, base: str, head: str, limit: int | None) -> str:
    lines = [
        MARKER,
        "### "
        + _("iptarget diff: {base} → {head}, as of {date}").format(
            base=markdown_code(base), head=markdown_code(head), date=date_words(found.as_of)
        ),
        "",
        _("{sentence}.").format(sentence=headline(found)),
    ]
    if line := acknowledgement_line(found):
        lines += ["", _("{sentence}.").format(sentence=line)]
    left_out = 0
    for (title, table), (__, whole) in zip(_sections(found, limit), _sections(found), strict=True):
        rows = markdown(table)
        left_out += len(whole.rows) - len(table.rows)
        if len(whole.rows) > FOLD_ROWS:
            lines += ["", f"<details><summary>{title}</summary>", "", *rows, "", "</details>"]
        else:
            lines += ["", f"**{title}**", "", *rows]
    lines += ["", _("{sentence}.").format(sentence=summary_line(found))]
    if left_out:
        lines += [
            "",
            _(
                "{count} rows left out to keep this comment under {limit} characters; run "
                "`iptarget diff` for all of them."
            ).format(count=left_out, limit=f"{MARKDOWN_LIMIT:,}"),
        ]
    return "\n".join(lines) + "\n"
