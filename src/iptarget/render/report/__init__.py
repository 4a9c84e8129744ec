"""``iptarget report`` (SPEC 10): one self-contained HTML file for people who do not use a
terminal. Jinja2 lays out what the core evaluated; charts are inline SVG; the status JSON
rides along as a data block. Nothing is loaded from anywhere and nothing runs."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markupsafe import Markup

from iptarget.core.dataset import Dataset
from iptarget.core.evaluate import Evaluation
from iptarget.core.league import Split
from iptarget.core.status import Status
from iptarget.i18n import _, chinese, ngettext, pgettext
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
from iptarget.render.report.chart import chart_svg
from iptarget.render.report.regions import SIDE, regions_sections
from iptarget.render.report.review import review_section
from iptarget.render.status_data import status_json, summary
from iptarget.render.totals import total_words
from iptarget.render.words import date_words, period_words


def report_html(
    evaluations: Sequence[Evaluation],
    dataset: Dataset,
    as_of: datetime.date,
    vintage: str,
    title: str | None = None,
    split: Sequence[Split] = (),
) -> str:
    """The report of these evaluations as one HTML document, under ``title`` if given, with a
    regions section for each target ``split`` among regions."""
    from importlib.resources import files

    import jinja2
    from markupsafe import Markup

    template_text = files("iptarget.render.report").joinpath("report.html.j2").read_text("utf-8")
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    environment.globals.update(_=_, ngettext=ngettext, pgettext=pgettext, counted=_counted)
    template = environment.from_string(template_text)
    data = status_json(evaluations, as_of, vintage)
    embedded = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return template.render(
        tone=lambda status: STATUS_LOOKS[Status(status)].tone,
        lang="zh-CN" if chinese() else "en",
        title=title or _("Targets as of {date}").format(date=date_words(as_of)),
        as_of=date_words(as_of),
        first=vintage == "first",
        counts=summary(evaluations),
        total=len(evaluations),
        policies=_policies(evaluations),
        review=review_section(evaluations, as_of),
        regions=regions_sections(split, dataset),
        side=SIDE,
        cards=[_card(evaluation, dataset) for evaluation in evaluations],
        marks=marks_note(point for e in evaluations for point in (e.baseline, e.latest)),
        data=Markup(embedded.rstrip("\n")),
    )


def _policies(evaluations: Sequence[Evaluation]) -> list[dict[str, Any]]:
    """A line per policy: its title and file, and its targets per status."""
    order: dict[str, dict[str, Any]] = {}
    for evaluation in evaluations:
        policy = evaluation.policy
        entry = order.setdefault(
            policy.file, {"title": title_of(policy), "file": policy.file, "counts": Counter()}
        )
        entry["counts"][evaluation.status] += 1
    return [
        {
            **entry,
            "counts": [
                (status.value, entry["counts"][status])
                for status in Status
                if entry["counts"][status]
            ],
        }
        for entry in order.values()
    ]


def _card(evaluation: Evaluation, dataset: Dataset) -> dict[str, Any]:
    """One target's card: every figure as it is shown, and its chart."""
    from markupsafe import Markup

    target, metric, policy = evaluation.target, evaluation.metric, evaluation.policy
    region = dataset.regions.get(evaluation.region)
    source = policy.source or ""
    return {
        "id": target.id,
        "title": title_of(target),
        "policy": title_of(policy),
        "file": policy.file,
        "source": source,
        "metric": metric_label(metric),
        "region": region_name(region) if region else evaluation.region,
        "goal": goal_words(evaluation, dataset.regions),
        "status": evaluation.status.value,
        "tone": STATUS_LOOKS[evaluation.status].tone,
        "meaning": _(STATUS_LOOKS[evaluation.status].meaning),
        "word": status_word(evaluation.status),
        "sentence": _sentence(evaluation, dataset),
        "origin": _origin(title_of(policy), source),
        "latest": at(evaluation.latest, metric) if evaluation.latest else UNKNOWN,
        "progress": UNKNOWN if _beyond(evaluation) else percent(evaluation.progress_pct),
        "beyond": _beyond(evaluation),
        "numbers": _numbers(evaluation),
        "pace": pace(evaluation.pace),
        "projected": number(evaluation.projected, metric, unit=True),
        "verdict": verdict_word(evaluation.verdict),
        "verdict_tone": VERDICT_LOOKS[evaluation.verdict].tone,
        "binding": target.binding,
        "expected": percent(evaluation.expected_pct),
        "elapsed": percent(evaluation.elapsed_pct),
        "in_year": in_year_words(evaluation) or "",
        "total": total_words(evaluation) or "",
        "acknowledged": evaluation.acknowledged or "",
        "chart": Markup(chart_svg(evaluation)),
    }


def _counted(count: int, status: str) -> str:
    """``3 achieved``: a count of targets with a status."""
    return pgettext("count", "{count} {status}").format(
        count=count, status=status_word(Status(status))
    )


def _sentence(evaluation: Evaluation, dataset: Dataset) -> Markup:
    """What a card says in one sentence: the metric and region, the goal, the status and
    what it means, the status word coloured."""
    from markupsafe import Markup, escape

    region = dataset.regions.get(evaluation.region)
    look = STATUS_LOOKS[evaluation.status]
    status = Markup('<span class="tone-{tone}">{word}</span>').format(
        tone=look.tone, word=status_word(evaluation.status)
    )
    template = _("{metric}, {region}: {goal}. {status}: {meaning}.")
    return Markup(escape(template)).format(
        metric=metric_label(evaluation.metric),
        region=region_name(region) if region else evaluation.region,
        goal=goal_words(evaluation, dataset.regions),
        status=status,
        meaning=_(look.meaning),
    )


def _origin(policy: str, source: str) -> Markup:
    """Where a target comes from: its policy and source, the source a link when it is an
    address (the file is on the card's details line)."""
    from markupsafe import Markup, escape

    if not source:
        return Markup(escape(policy))
    shown = (
        Markup('<a href="{0}">{0}</a>').format(source)
        if source.startswith(("https://", "http://"))
        else source
    )
    return Markup(escape(_("{policy}: {source}"))).format(policy=policy, source=shown)


#: Progress outside this range, in percent, is not shown as a number (``_beyond``).
PROGRESS_SHOWN = (-100.0, 200.0)


def _beyond(evaluation: Evaluation) -> str:
    """Why a progress is not shown: far outside 0–100%, it measures a distance so short
    (the start next to the target) that it says little; empty when it is shown."""
    progress = evaluation.progress_pct
    low, high = PROGRESS_SHOWN
    if progress is None or low <= progress <= high:
        return ""
    return _(
        "progress not shown: {value} is beyond −100% to 200%, because the start was already "
        "close to the target value, so the distance it measures is short"
    ).format(value=percent(progress))


def _numbers(evaluation: Evaluation) -> list[tuple[str, str, str]]:
    """The chart's numbers, period by period: the figure and the required path's value."""
    metric = evaluation.metric
    figures = {
        value.period: number(value.value, metric) + marks(value) for value in evaluation.series
    }
    required = {period: number(value, metric) for period, value in evaluation.path}
    return [
        (period_words(period), figures.get(period, ""), required.get(period, ""))
        for period in sorted(set(figures) | set(required))
    ]
