"""Texts worded in the interface's language: the one place a ``Text`` becomes words.

Each placeholder's value is written as its kind is written in that language: a period as
2019-Q3 or 2019年第三季度, a date as 2025-01-08 or 2025年1月8日, a number exactly as stored, a
list with commas or 、, a vintage by its value and date, another text worded in turn.
"""

from __future__ import annotations

import datetime
from typing import assert_never

from iptarget.core.dataset import Amount, Metric, Named, Region, Value
from iptarget.errors import Kind, Problem, Subject, Text, exact, text
from iptarget.i18n import _, chinese, in_language, ngettext, npgettext, pgettext
from iptarget.periods import Period
from iptarget.texts import words
from iptarget.texts.template import Template

_CHINESE_NUMBERS = "一二三四"


def worded(message: Text) -> str:
    """A text in the interface's language, its placeholders filled."""
    template = message.template
    values = dict(message.params)
    if template.plural is not None:
        count = values.get("count", 0)
        assert isinstance(count, int)
        form = (
            npgettext(template.context, template.text, template.plural, count)
            if template.context
            else ngettext(template.text, template.plural, count)
        )
    elif template.context:
        form = pgettext(template.context, template.text)
    else:
        form = _(template.text)
    return form.format(**{name: shown(value) for name, value in values.items()})


def shown(value: object) -> str:
    """One placeholder's value as people read it in the interface's language."""
    match value:
        case Text():
            return worded(value)
        case Period():
            return period_words(value)
        case datetime.date():
            return date_words(value)
        case bool():
            return str(value).lower()
        case float():
            return exact(value)
        case Value():
            return vintage_words(value)
        case Amount():
            return with_unit(exact(value.value), value.metric)
        case Region() | Named():
            return region_ref(value) if isinstance(value, Region) else named_region(value)
        case list() | tuple():
            return ("、" if chinese() else ", ").join(shown(item) for item in value)
        case _:
            return str(value)


#: The months as English writes them in a span (Jan-Oct 2019).
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def period_words(period: Period) -> str:
    """A period as people write it: 2019-H1 in English, 2019年上半年 in Chinese (SPEC 8); a
    year to date Jan-Oct 2019, 2019年1-10月."""
    if not chinese():
        if period.granularity == "ytd":
            return f"Jan-{_MONTH_NAMES[period.number - 1]} {period.year}"
        return str(period)
    match period.granularity:
        case "year":
            return f"{period.year}年"
        case "half":
            return f"{period.year}年{'上' if period.number == 1 else '下'}半年"
        case "quarter":
            return f"{period.year}年第{_CHINESE_NUMBERS[period.number - 1]}季度"
        case "month":
            return f"{period.year}年{period.number}月"
        case "ytd":
            return f"{period.year}年1-{period.number}月"
        case _:
            assert_never(period.granularity)


def date_words(day: datetime.date) -> str:
    """A date: 2025-01-08 in English, 2025年1月8日 in Chinese."""
    return f"{day.year}年{day.month}月{day.day}日" if chinese() else day.isoformat()


def metric_ref(metric: Metric) -> str:
    """A metric as running text names it: its Chinese name in Chinese, where it has one, else
    its id (the word analysts type)."""
    return metric.name_zh if chinese() and metric.name_zh else metric.id


def named_region(named: Named) -> str:
    """``heilongjiang (黑龙江省)``: a region's id, and the name that was nearest to what was
    typed, else its name, when that says more than the id."""
    region = named.region
    name = named.nearest
    if name is None or name.lower() == region.id.lower():
        name = in_language(region.name, region.name_zh, region.name_en)
    if name.lower() == region.id.lower():
        return _('"{id}"').format(id=region.id)
    return _('"{id}" ({name})').format(id=region.id, name=name)


def region_ref(region: Region) -> str:
    """A region as running text names it: its Chinese name in Chinese, else its id."""
    return region.name_zh if chinese() and region.name_zh else region.id


def unit_of(metric: Metric) -> str | None:
    """The metric's unit in the interface's language."""
    if metric.unit is None:
        return None
    return in_language(metric.unit, metric.unit_zh, metric.unit_en)


def with_unit(shown: str, metric: Metric) -> str:
    """A number followed by the metric's unit: ``45.6%`` and ``12件`` close up, ``7,812
    applications`` with a space."""
    unit = unit_of(metric)
    if not unit:
        return shown
    close = unit.startswith("%") or (chinese() and not unit[0].isascii())
    return f"{shown}{unit}" if close else f"{shown} {unit}"


def rule_words(value: Value) -> str:
    """How a derived value was derived, in words."""
    return worded(value.rule or text(words.RULE_DERIVED))


def vintage_words(value: Value, rounded: str | None = None) -> str:
    """A value as messages name it: ``12.71 (2023-12-29)``, ``12.71 (undated)`` or
    ``derived 12.58 (ratio)``, exact (SPEC 5.1), or a derived one as ``rounded`` shows it."""
    if value.derived:
        shown_value = value.value if rounded is None else rounded
        return worded(text(words.VINTAGE_DERIVED, value=shown_value, rule=rule_words(value)))
    if value.published is None:
        return worded(text(words.VINTAGE_UNDATED, value=value.value))
    return worded(text(words.VINTAGE_DATED, value=value.value, date=value.published))


def flag_words(flag: str) -> str:
    """A figure's flag in words: provisional or estimated."""
    return worded(text(words.PROVISIONAL if flag == "p" else words.ESTIMATED))


#: How a problem names its subject, by kind: by its id (the names of the id's parts), by its
#: place (the Nth entry, line or row), or by its kind alone.
SUBJECTS_BY_ID: dict[Kind, tuple[Template, tuple[str, ...]]] = {
    Kind.TARGET: (words.SUBJECT_TARGET, ("id",)),
    Kind.ACTUAL: (words.SUBJECT_ACTUAL, ("metric", "region", "period")),
    Kind.METRIC: (words.SUBJECT_METRIC, ("id",)),
    Kind.REGION: (words.SUBJECT_REGION, ("id",)),
    Kind.ROW: (words.SUBJECT_SHEET_ROW, ("sheet",)),
    Kind.SHEET: (words.SUBJECT_SHEET, ("sheet",)),
    Kind.CELL: (words.SUBJECT_CELL, ("cell",)),
}
SUBJECTS_BY_PLACE: dict[Kind, Template] = {
    Kind.TARGET: words.SUBJECT_TARGET_AT,
    Kind.ACTUAL: words.SUBJECT_ACTUAL_AT,
    Kind.LINE: words.SUBJECT_LINE,
    Kind.ROW: words.SUBJECT_ROW,
}
SUBJECTS_ALONE: dict[Kind, Template] = {Kind.POLICY: words.SUBJECT_POLICY}


def subject_words(subject: Subject | None) -> str:
    """What a problem is about, as a problem line names it; empty for a whole file."""
    if subject is None:
        return ""
    kind = subject.kind
    if subject.id and kind in SUBJECTS_BY_ID:
        template, names = SUBJECTS_BY_ID[kind]
        return worded(
            text(template, index=subject.number, **dict(zip(names, subject.id, strict=True)))
        )
    if kind in SUBJECTS_BY_PLACE:
        return worded(text(SUBJECTS_BY_PLACE[kind], index=subject.number))
    return worded(text(SUBJECTS_ALONE[kind]))


def problem_words(problem: Problem) -> str:
    """A problem without its origin: ``where: field: message`` in the interface's language."""
    said = worded(problem.text)
    subject = problem.subject
    if subject is not None and subject.field:
        field = subject.field
        if subject.kind in (Kind.LINE, Kind.ROW) and field in words.COLUMNS:
            field = worded(text(words.COLUMNS[field]))  # a column as its heading reads
        said = worded(text(words.FIELD, field=field, message=said))
    if problem.warning:
        said = worded(text(words.WARNING, message=said))
    where = subject_words(subject)
    return worded(text(words.WHERE, where=where, message=said)) if where else said


def problem_line(problem: Problem) -> str:
    """A problem as ``origin: where: message`` (SPEC 6)."""
    return f"{problem.origin}: {problem_words(problem)}"
