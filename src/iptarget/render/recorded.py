"""What recording figures did (add-actual, remove-actual, import), and the counts ``validate``
read."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from iptarget.core.compare import Revision, StatusChange
from iptarget.core.dataset import Amount, Dataset, FigureChange, Metric, Value
from iptarget.errors import exact
from iptarget.i18n import NP_, _, ngettext, pgettext
from iptarget.render.console import console, print_lines, say
from iptarget.render.numbers import UNKNOWN, amount, at, number
from iptarget.render.status import status_cell, style
from iptarget.render.table import Column, Table, fitted_lines
from iptarget.render.words import (
    date_words,
    flag_words,
    metric_ref,
    period_words,
    region_ref,
)
from iptarget.render.words import vintage_words as named_vintage

if TYPE_CHECKING:
    from rich.text import Text


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
    metric = dataset.metrics[figure.metric]
    some = new or old
    assert some is not None
    what = _("{metric} {region} {period}").format(
        metric=metric_ref(metric),
        region=region_in_text(dataset, figure.region),
        period=period_words(some.period),
    )
    if new is None:
        assert old is not None
        message = _("removed {what} = {figure} from {path}")
        say(out, message.format(what=what, figure=stored(old, metric), path=figure.path))
    elif old is None:
        message = _("recorded {what} = {figure} in {path}")
        say(out, message.format(what=what, figure=stored(new, metric), path=figure.path))
    else:
        message = _("replaced {what} in {path}: {old} → {new}")
        say(
            out,
            message.format(
                what=what, path=figure.path, old=exact(old.value), new=stored(new, metric)
            ),
        )
        say(out, "  " + _("old source: {source}").format(source=old.source or UNKNOWN))
        say(out, "  " + _("new source: {source}").format(source=new.source or UNKNOWN))
    for line in revision_lines(revised, old is not None and new is not None, metric):
        say(out, line)
    if not changes:
        message = _("no target uses {metric} in {region}")
        say(out, message.format(metric=figure.metric, region=figure.region))
        return
    print_lines(out, status_lines(changes))


def status_lines(changes: Sequence[StatusChange]) -> list[Text]:
    """The targets a change touches: what moved, and each status after it."""
    out = console()
    rows = [[change.target, what_changed(change), status_cell(change.after)] for change in changes]
    columns = (Column(NP_("heading", "target")), Column(""), Column(NP_("heading", "status")))
    table = Table(columns, rows, styles=[style(change.after) for change in changes], flexible=1)
    return fitted_lines(table, out.is_terminal, out.width)


#: What a change can move in a target, as ``core.compare.moves`` names it.
MOVED = (NP_("moved", "target value"), NP_("moved", "start"), NP_("moved", "latest"))


def region_in_text(dataset: Dataset, region: str) -> str:
    """A region as running text names it (its Chinese name in Chinese)."""
    known = dataset.regions.get(region)
    return region if known is None else region_ref(known)


def what_changed(change: StatusChange) -> str:
    """``changed from on_track; latest 12.71 (2022) → 12.60 (2022)``."""
    said = (
        [_("changed from {status}").format(status=status_cell(change.before))]
        if change.changed
        else []
    )
    if change.metric is not None:
        for name, before, after in change.moves:
            said.append(
                _("{what} {before} → {after}").format(
                    what=pgettext("moved", name),
                    before=at(before, change.metric),
                    after=at(after, change.metric),
                )
            )
    return pgettext("list", "; ").join(said)


def stored(value: Value, metric: object) -> str:
    """A figure as stored: exact, with its unit, publication date and flag."""
    from iptarget.core.dataset import Metric

    assert isinstance(metric, Metric)
    parts = [amount(Amount(value.value, metric))]
    if value.published is not None:
        parts.append(_("published {date}").format(date=date_words(value.published)))
    if value.flag is not None:
        parts.append(flag_words(value.flag))
    return pgettext("list", ", ").join(parts)


def revision_lines(revised: Revision, replaced: bool, metric: Metric) -> list[str]:
    """How the value used for the figure today changed (SPEC 5.1): revised, or an earlier
    vintage added; nothing for a first figure or for a replacement, which says it already.
    A derived value is shown with the metric's decimals, a recorded one exactly."""

    def vintage_words(value: Value) -> str:
        return named_vintage(value, number(value.value, metric) if value.derived else None)

    if revised.earlier:
        assert revised.added is not None
        assert revised.after is not None
        message = _("added the earlier vintage {added}; the latest is still {latest}")
        return [
            message.format(added=vintage_words(revised.added), latest=vintage_words(revised.after))
        ]
    if not revised.changed or revised.before is None or replaced:
        return []
    after = _("no value") if revised.after is None else vintage_words(revised.after)
    before = vintage_words(revised.before)
    if revised.change_pct is None:
        return [_("revised {before} → {after}").format(before=before, after=after)]
    line = _("revised {before} → {after}, {change}")
    return [line.format(before=before, after=after, change=signed_pct(revised.change_pct))]


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


def print_counts(root: Path, dataset: Dataset, derived: int) -> None:
    """What ``validate`` read, in one line."""
    targets = sum(len(policy.targets) for policy in dataset.policies)
    metrics, regions = len(dataset.metrics), len(dataset.regions)
    policies, actuals = len(dataset.policies), dataset.figure_count
    parts = {
        "metrics": ngettext("{count} metric", "{count} metrics", metrics).format(count=metrics),
        "regions": ngettext("{count} region", "{count} regions", regions).format(count=regions),
        "policies": ngettext(
            "{count} policy with {targets}", "{count} policies with {targets}", policies
        ).format(
            count=policies,
            targets=ngettext("{count} target", "{count} targets", targets).format(count=targets),
        ),
        "actuals": ngettext("{count} actual", "{count} actuals", actuals).format(count=actuals),
        "derived": ngettext("{count} derived value", "{count} derived values", derived).format(
            count=derived
        ),
    }
    message = _("{root}: {metrics}, {regions}, {policies}, {actuals} and {derived}; no problems")
    say(console(), message.format(root=root, **parts))
