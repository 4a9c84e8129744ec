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
from iptarget.core.status import Status
from iptarget.i18n import _, chinese, ngettext, pgettext
from iptarget.render.goals import goal_words
from iptarget.render.looks import STATUS_LOOKS, status_word
from iptarget.render.numbers import (
    UNKNOWN,
    at,
    marks_note,
    metric_label,
    number,
    pace,
    percent,
    region_name,
    title_of,
)
from iptarget.render.report.chart import chart_svg
from iptarget.render.status_data import status_json, summary
from iptarget.render.words import date_words


def report_html(
    evaluations: Sequence[Evaluation],
    dataset: Dataset,
    as_of: datetime.date,
    vintage: str,
    directory: str,
) -> str:
    """The report of these evaluations as one HTML document."""
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
        directory=directory,
        as_of=date_words(as_of),
        first=vintage == "first",
        counts=summary(evaluations),
        total=len(evaluations),
        policies=_policies(evaluations),
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
        "goal": goal_words(evaluation),
        "status": evaluation.status.value,
        "tone": STATUS_LOOKS[evaluation.status].tone,
        "meaning": _(STATUS_LOOKS[evaluation.status].meaning),
        "word": status_word(evaluation.status),
        "sentence": _sentence(evaluation, dataset),
        "origin": _origin(title_of(policy), policy.file, source),
        "latest": at(evaluation.latest, metric) if evaluation.latest else UNKNOWN,
        "progress": percent(evaluation.progress_pct),
        "pace": pace(evaluation.pace),
        "projected": number(evaluation.projected, metric, unit=True),
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
        goal=goal_words(evaluation),
        status=status,
        meaning=_(look.meaning),
    )


def _origin(policy: str, file: str, source: str) -> Markup:
    """Where a target comes from: its policy, file and source, the source a link when it is
    an address."""
    from markupsafe import Markup, escape

    if source.startswith(("https://", "http://")):
        link = Markup('<a href="{0}">{0}</a>').format(source)
        return Markup(escape(_("{policy} ({file}): {source}"))).format(
            policy=policy, file=file, source=link
        )
    if source:
        return Markup(escape(_("{policy} ({file}): {source}"))).format(
            policy=policy, file=file, source=source
        )
    return Markup(escape(_("{policy} ({file})"))).format(policy=policy, file=file)
