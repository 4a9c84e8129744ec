"""The parts of ``iptarget diff``'s report in words: each cause of a change, each figure
edited, and the acknowledgements a change adds, rewords or removes."""

from __future__ import annotations

from iptarget.core.dataset import Amount
from iptarget.core.diff import Cause, Diff, FigureEdit
from iptarget.core.status import Bands
from iptarget.errors import exact
from iptarget.i18n import _, ngettext, pgettext
from iptarget.periods import Period
from iptarget.render.escape import clean
from iptarget.render.numbers import amount
from iptarget.render.words import date_words, metric_ref, period_words, region_ref, shown


def acknowledgement_rows(found: Diff) -> list[list[str]]:
    """Each acknowledgement added, reworded or removed: the target, what changed (and what
    that does to ``check``), the acknowledgement."""
    rows = []
    for edit in found.acknowledgements:
        if edit.before is None:
            change = (
                _("added: check no longer fails on it")
                if edit.fails
                else pgettext("acknowledgement", "added")
            )
            said = clean(edit.after or "")
        elif edit.after is None:
            change = (
                _("removed: check fails on it again")
                if edit.fails
                else pgettext("acknowledgement", "removed")
            )
            said = clean(edit.before)
        else:
            change = _("reworded")
            said = _("{before} → {after}").format(
                before=clean(edit.before), after=clean(edit.after)
            )
        rows.append([edit.target, change, said])
    return rows


def acknowledgement_line(found: Diff) -> str | None:
    """What the change does to ``check`` through acknowledgements, in one sentence: ``2
    targets newly acknowledged: check no longer fails on them``; None when it does nothing."""
    edits = found.acknowledgements
    added = sum(edit.fails and edit.before is None for edit in edits)
    removed = sum(edit.fails and edit.after is None for edit in edits)
    said = []
    if added:
        said.append(
            ngettext(
                "{count} target newly acknowledged: check no longer fails on it",
                "{count} targets newly acknowledged: check no longer fails on them",
                added,
            ).format(count=added)
        )
    if removed:
        said.append(
            ngettext(
                "{count} acknowledgement removed: check fails on its target again",
                "{count} acknowledgements removed: check fails on their targets again",
                removed,
            ).format(count=removed)
        )
    return pgettext("list", "; ").join(said) if said else None


def cause_text(found: Diff, cause: Cause, target: str) -> str:
    """A cause in words; the target's own keys without its id (``at_least: 3.3 → 7``)."""
    if isinstance(cause, FigureEdit):
        return _("{figure} {change}").format(
            figure=_figure_name(found, cause), change=_figure_change(found, cause)
        )
    change = _("{key}: {before} → {after}").format(
        key=cause.key, before=_shown(cause.before), after=_shown(cause.after)
    )
    if cause.kind == "target" and cause.id == target:
        return change
    return _("{kind} {id} {change}").format(
        kind=pgettext("kind", cause.kind), id=cause.id, change=change
    )


def _figure_name(found: Diff, edit: FigureEdit) -> str:
    """A figure as a cause names it: metric, region and period (by their Chinese names in
    Chinese), and its date."""
    metric, region = found.metrics.get(edit.metric), found.regions.get(edit.region)
    name = _("{metric} {region} {period}").format(
        metric=edit.metric if metric is None else metric_ref(metric),
        region=edit.region if region is None else region_ref(region),
        period=period_words(edit.period),
    )
    if edit.published is None:
        return name
    return _("{what} (published {date})").format(what=name, date=date_words(edit.published))


def _figure_change(found: Diff, edit: FigureEdit) -> str:
    metric = found.metrics.get(edit.metric)

    def stored(value: float) -> str:
        return exact(value) if metric is None else amount(Amount(value, metric))

    if edit.before is None:
        assert edit.after is not None
        return _("added {value}").format(value=stored(edit.after.value))
    if edit.after is None:
        return _("removed {value}").format(value=stored(edit.before.value))
    return _("{before} → {after}").format(
        before=exact(edit.before.value), after=exact(edit.after.value)
    )


def figure_row(found: Diff, edit: FigureEdit) -> list[str]:
    before = "-" if edit.before is None else exact(edit.before.value) + (edit.before.flag or "")
    after = "-" if edit.after is None else exact(edit.after.value) + (edit.after.flag or "")
    return [_figure_name(found, edit), before, after]


def _shown(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return exact(value)
    if isinstance(value, Period):
        return period_words(value)
    if isinstance(value, Bands):
        return shown([f"{key} = {exact(bound)}" for key, bound in value._asdict().items()])
    if isinstance(value, tuple):
        return shown(list(value)) or _("(none)")
    return clean(str(value))
