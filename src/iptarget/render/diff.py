"""``iptarget diff``: what a change does to the verdicts, as a terminal table, markdown for a
pull-request comment, or JSON (SPEC 9)."""

from __future__ import annotations

from iptarget.core.diff import Cause, Diff, FigureEdit, TargetDiff
from iptarget.errors import exact
from iptarget.i18n import _, language, status_word
from iptarget.render.console import console, print_lines, print_text, say
from iptarget.render.escape import clean
from iptarget.render.numbers import at
from iptarget.render.status import word
from iptarget.render.table import Column, Table, fitted_lines, markdown

#: The first line of the markdown, by which a CI job finds its comment to update.
MARKER = "<!-- iptarget diff -->"
#: GitHub refuses comments over 65,536 characters; the markdown stays under this.
MARKDOWN_LIMIT = 60_000
#: Lists longer than this go into a <details> element in markdown.
FOLD_ROWS = 10


def print_diff(found: Diff, base: str, head: str, fmt: str) -> None:
    """``iptarget diff`` in one of its formats (JSON names the sides as given, the others in
    the interface's language)."""
    if fmt != "json" and head == "working tree":
        head = _("working tree")
    if fmt == "json":
        from iptarget.render.diff_json import diff_json

        print_text(diff_json(found, base, head))
    elif fmt == "markdown":
        print_text(diff_markdown(found, base, head))
    else:
        out = console()
        say(
            out,
            _("iptarget diff {base} → {head}, as of {date}").format(
                base=clean(base), head=clean(head), date=found.as_of
            ),
        )
        if not found.targets and not found.figures:
            say(out, "")
            say(out, _("no target and no figure changed"))
        for title, table in _sections(found):
            say(out, "")
            say(out, title, "bold")
            print_lines(out, fitted_lines(table, out.is_terminal, out.width))
        say(out, "")
        say(out, summary_line(found))


def summary_line(found: Diff) -> str:
    """``targets per status: 3 achieved, 12 unreported → 4 achieved, 11 unreported``."""
    before, after = (
        ", ".join(f"{count} {status_word(status)}" for status, count in counts.items()) or _("none")
        for counts in (found.before, found.after)
    )
    return _("targets per status: {before} → {after}").format(before=before, after=after)


def headline(found: Diff) -> str:
    """``2 targets changed status (1 worse), 1 added, 1 removed; 3 figures changed no status``."""
    moved = found.transitions
    worse = sum(item.change.worse for item in moved)
    added = sum(item.change.before is None for item in found.targets)
    removed = sum(item.change.after is None for item in found.targets)
    figures = len(found.quiet)
    if language() == "zh":
        text = f"{len(moved)} 个目标状态改变" + (f"（{worse} 个变差）" if worse else "")
        return text + f"，新增 {added} 个，删除 {removed} 个；{figures} 个数据未改变任何状态"
    parts = [f"{len(moved)} {'target' if len(moved) == 1 else 'targets'} changed status"]
    parts[0] += f" ({worse} worse)" if worse else ""
    parts += [f"{added} added", f"{removed} removed"]
    return (
        ", ".join(parts)
        + f"; {figures} {'figure' if figures == 1 else 'figures'} changed no status"
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
    sections: list[tuple[str, list[list[str]], tuple[Column, ...]]] = [
        (
            _("status changed"),
            [
                [
                    item.change.target,
                    word(item.change.before),
                    word(item.change.after) + (_(" (worse)") if item.change.worse else ""),
                    _because(item),
                ]
                for item in moved
            ],
            (Column("target"), Column("before"), Column("after"), Column("because")),
        ),
        (
            _("added"),
            [_brief(item) for item in added],
            (Column("target"), Column("status"), Column("title")),
        ),
        (
            _("removed"),
            [_brief(item) for item in removed],
            (Column("target"), Column("was"), Column("title")),
        ),
        (
            _("values changed, status the same"),
            [[item.change.target, word(item.change.after), _moved(item)] for item in other],
            (Column("target"), Column("status"), Column("what moved")),
        ),
        (
            _("figures that changed no status"),
            [_figure_row(edit) for edit in found.quiet],
            (Column("figure"), Column("before"), Column("after")),
        ),
    ]
    tables = []
    for title, rows, columns in sections:
        if not rows:
            continue
        shown = rows if limit is None else rows[:limit]
        table = Table(columns, shown, flexible=len(columns) - 1)
        tables.append((f"{title} ({len(rows)})", table))
    return tables


def _brief(item: TargetDiff) -> list[str]:
    status = item.change.after if item.change.after is not None else item.change.before
    return [item.change.target, word(status), clean(item.title)]


def _moved(item: TargetDiff) -> str:
    metric = item.change.metric
    if metric is None:
        return ""
    return "; ".join(
        f"{_(name)} {at(old, metric)} → {at(new, metric)}" for name, old, new in item.change.moves
    )


def _because(item: TargetDiff) -> str:
    """The causes of a change in words, the first few and how many more."""
    words = [_cause_text(cause, item.change.target) for cause in item.causes]
    if not words:
        return "-"
    more = _("and {count} more").format(count=len(words) - 3)
    shown = words[:3] + ([more] if len(words) > 3 else [])
    return "; ".join(shown)


def _cause_text(cause: Cause, target: str) -> str:
    """A cause in words; the target's own keys without its id (``at_least: 3.3 → 7``)."""
    if isinstance(cause, FigureEdit):
        return f"{_figure_name(cause)} {_figure_change(cause)}"
    change = f"{cause.key}: {_shown(cause.before)} → {_shown(cause.after)}"
    return (
        change
        if cause.kind == "target" and cause.id == target
        else f"{cause.kind} {cause.id} {change}"
    )


def _figure_name(edit: FigureEdit) -> str:
    date = "" if edit.published is None else _(" (published {date})").format(date=edit.published)
    return f"{edit.metric} {edit.region} {edit.period}{date}"


def _figure_change(edit: FigureEdit) -> str:
    if edit.before is None:
        assert edit.after is not None
        return _("added {value}").format(value=exact(edit.after.value))
    if edit.after is None:
        return _("removed {value}").format(value=exact(edit.before.value))
    return f"{exact(edit.before.value)} → {exact(edit.after.value)}"


def _figure_row(edit: FigureEdit) -> list[str]:
    before = "-" if edit.before is None else exact(edit.before.value) + (edit.before.flag or "")
    after = "-" if edit.after is None else exact(edit.after.value) + (edit.after.flag or "")
    return [_figure_name(edit), before, after]


def _shown(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return exact(value)
    if isinstance(value, tuple):
        return ", ".join(str(part) for part in value) or "(none)"
    return clean(str(value))


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
            base=f"`{clean(base)}`", head=f"`{clean(head)}`", date=found.as_of
        ),
        "",
        headline(found) + _("."),
    ]
    left_out = 0
    for (title, table), (__, whole) in zip(_sections(found, limit), _sections(found), strict=True):
        rows = markdown(table)
        left_out += len(whole.rows) - len(table.rows)
        if len(whole.rows) > FOLD_ROWS:
            lines += ["", f"<details><summary>{title}</summary>", "", *rows, "", "</details>"]
        else:
            lines += ["", f"**{title}**", "", *rows]
    lines += ["", summary_line(found) + _(".")]
    if left_out:
        lines += [
            "",
            _(
                "{count} rows left out to keep this comment under {limit} characters; run "
                "`iptarget diff` for all of them."
            ).format(count=left_out, limit=f"{MARKDOWN_LIMIT:,}"),
        ]
    return "\n".join(lines) + "\n"
