"""What recording figures did (add-actual, import), every value as CSV (export), the counts
``validate`` read."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from iptarget.core.compare import Revision, StatusChange
from iptarget.core.dataset import Dataset, FigureChange, Key, Series, Value, Vintages
from iptarget.errors import exact
from iptarget.i18n import _
from iptarget.render.console import console, print_lines, say
from iptarget.render.numbers import UNKNOWN, at
from iptarget.render.status import style, word
from iptarget.render.table import Column, Table, csv_text, fitted_lines


def print_added(
    figure: FigureChange,
    dataset: Dataset,
    changes: Sequence[StatusChange],
    revised: Revision,
) -> None:
    """What ``add-actual`` wrote or ``remove-actual`` removed, how the value used for the
    figure changed, and the statuses of the targets it touches."""
    out = console()
    new, old = figure.new, figure.old
    unit = dataset.metrics[figure.metric].unit
    some = new or old
    assert some is not None
    what = f"{figure.metric} {figure.region} {some.period}"
    if new is None:
        assert old is not None
        message = _("removed {what} = {figure} from {path}")
        say(out, message.format(what=what, figure=_stored(old, unit), path=figure.path))
    elif old is None:
        message = _("recorded {what} = {figure} in {path}")
        say(out, message.format(what=what, figure=_stored(new, unit), path=figure.path))
    else:
        message = _("replaced {what} in {path}: {old} → {new}")
        say(
            out,
            message.format(
                what=what, path=figure.path, old=exact(old.value), new=_stored(new, unit)
            ),
        )
        say(out, "  " + _("old source: {source}").format(source=old.source or UNKNOWN))
        say(out, "  " + _("new source: {source}").format(source=new.source or UNKNOWN))
    for line in revision_lines(revised, replaced=old is not None and new is not None):
        say(out, line)
    if not changes:
        message = _("no target uses {metric} in {region}")
        say(out, message.format(metric=figure.metric, region=figure.region))
        return
    rows = [[change.target, _what_changed(change), word(change.after)] for change in changes]
    columns = (Column("target"), Column(""), Column("status"))
    table = Table(columns, rows, styles=[style(change.after) for change in changes], flexible=1)
    print_lines(out, fitted_lines(table, out.is_terminal, out.width))


def _what_changed(change: StatusChange) -> str:
    """``changed from on_track; latest 12.71 (2022) → 12.60 (2022)``."""
    said = [_("changed from {status}").format(status=word(change.before))] if change.changed else []
    if change.metric is not None:
        for name, before, after in change.moves:
            said.append(f"{_(name)} {at(before, change.metric)} → {at(after, change.metric)}")
    return "; ".join(said)


def _stored(value: Value, unit: str | None) -> str:
    """A figure as stored: exact, with its unit, publication date and flag."""
    shown = f"{exact(value.value)} {unit}" if unit else exact(value.value)
    if value.published is not None:
        shown += ", " + _("published {date}").format(date=value.published)
    if value.flag is not None:
        shown += ", " + (_("provisional") if value.flag == "p" else _("estimated"))
    return shown


def revision_lines(revised: Revision, replaced: bool) -> list[str]:
    """How the value used for the figure today changed (SPEC 5.1): revised, or an earlier
    vintage added; nothing for a first figure or for a replacement, which says it already."""
    if revised.earlier:
        assert revised.added is not None
        assert revised.after is not None
        message = _("added the earlier vintage {added}; the latest is still {latest}")
        return [message.format(added=revised.added.label, latest=revised.after.label)]
    if not revised.changed or revised.before is None or replaced:
        return []
    after = _("no value") if revised.after is None else revised.after.label
    line = _("revised {before} → {after}").format(before=revised.before.label, after=after)
    if revised.change_pct is not None:
        line += f", {signed_pct(revised.change_pct)}"
    return [line]


def signed_pct(value: float) -> str:
    """A change in percent with its sign, the minus sign U+2212: ``+1.2%``, ``−0.9%``."""
    return f"{value:+.1f}%".replace("-", "−")


def print_repeated(metric: str, region: str, period: str) -> None:
    """What ``add-actual`` says of a figure that repeats the recorded one exactly."""
    message = _(
        "{metric} {region} {period} is already recorded with this value, source and note; "
        "nothing changed"
    )
    say(console(), message.format(metric=metric, region=region, period=period))


def print_imported(
    figures: Sequence[FigureChange],
    unchanged: int,
    dataset: Dataset,
    skipped: int,
    dry_run: bool,
    read_as: str | None = None,
) -> None:
    """What ``import`` wrote (or would write): counts per file, and every replaced figure.

    ``read_as`` says how a file that was not UTF-8 was read.
    """
    out = console()
    if read_as:
        say(out, read_as)
    files: dict[str, list[int]] = {}
    for figure in figures:
        assert figure.new is not None
        counts = files.setdefault(figure.path, [0, 0])
        counts[figure.old is not None] += 1
        if figure.old is not None:
            unit = dataset.metrics[figure.metric].unit
            new = f"{exact(figure.new.value)} {unit}" if unit else exact(figure.new.value)
            what = f"{figure.metric} {figure.region} {figure.new.period}"
            if figure.new.published is not None:
                what += _(" (published {date})").format(date=figure.new.published)
            message = (
                _("would replace {what}: {old} → {new}")
                if dry_run
                else _("replaced {what}: {old} → {new}")
            )
            say(out, message.format(what=what, old=exact(figure.old.value), new=new))
    for path, (added, replaced) in files.items():
        message = _("{path}: {added} added, {replaced} replaced")
        say(out, message.format(path=path, added=added, replaced=replaced))
    added = sum(counts[0] for counts in files.values())
    replaced = sum(counts[1] for counts in files.values())
    message = _("{added} added, {replaced} replaced in {files} files")
    summary = message.format(added=added, replaced=replaced, files=len(files))
    if unchanged:
        summary += _("; {count} already recorded as given").format(count=unchanged)
    if skipped:
        summary += _("; {count} derived rows skipped").format(count=skipped)
    say(out, summary + (_("; nothing written (--dry-run)") if dry_run else ""))


Vintages_ = Mapping[Key, Vintages] | None
"""By (metric, region), the figures with several vintages."""
EXPORT_COLUMNS = tuple(
    Column(name)
    for name in (
        "metric", "region", "period", "value", "derived", "source", "note", "published", "flag",
        "rule",
    )
)  # fmt: skip


def values_csv(values: Iterable[tuple[Key, Series]], vintages: Vintages_ = None) -> str:
    """Every value as CSV (``values_table``)."""
    return csv_text(values_table(values, vintages))


def values_table(values: Iterable[tuple[Key, Series]], vintages: Vintages_ = None) -> Table:
    """Every value, recorded and derived, one row each (a recorded figure one row per
    vintage, oldest first), for spreadsheets and pandas; the last column says how a derived
    value was derived. ``vintages`` gives, by (metric, region), the figures with several."""
    rows = [
        [
            metric,
            region,
            str(period),
            exact(vintage.value, grouped=False),
            "true" if vintage.derived else "false",
            vintage.source or "",
            vintage.note or "",
            "" if vintage.published is None else vintage.published.isoformat(),
            vintage.flag or "",
            vintage.rule or "",
        ]
        for (metric, region), series in values
        for period, value in sorted(series.items())
        for vintage in (vintages or {}).get((metric, region), {}).get(period, (value,))
    ]
    return Table(EXPORT_COLUMNS, rows)


def print_counts(root: Path, dataset: Dataset, derived: int) -> None:
    """What ``validate`` read, in one line."""
    targets = sum(len(policy.targets) for policy in dataset.policies)
    message = _(
        "{root}: {metrics} metrics, {regions} regions, {policies} policies with {targets} "
        "targets, {actuals} actuals and {derived} derived values; no problems"
    )
    counts = {
        "metrics": len(dataset.metrics),
        "regions": len(dataset.regions),
        "policies": len(dataset.policies),
        "targets": targets,
        "actuals": dataset.figure_count,
        "derived": derived,
    }
    say(console(), message.format(root=root, **counts))
