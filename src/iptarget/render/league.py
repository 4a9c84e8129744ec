"""``iptarget compare`` (SPEC 5.5): a league table as a terminal table, markdown for a
briefing, CSV, or JSON for scripts; the report's regions section uses its table too."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, NamedTuple, assert_never

from iptarget.choices import CompareFormat
from iptarget.core.dataset import Metric, Region
from iptarget.core.evaluate import Point
from iptarget.core.league import League, Standing
from iptarget.errors import exact, text
from iptarget.i18n import NP_, pgettext
from iptarget.render.console import console, print_lines, print_text, say
from iptarget.render.json_text import json_document
from iptarget.render.looks import STATUS_LOOKS, status_word
from iptarget.render.numbers import UNKNOWN, marks, marks_note, metric_name, number, region_name
from iptarget.render.status_data import finite, point_json
from iptarget.render.table import Column, Table, csv_text, fitted_lines, markdown
from iptarget.render.words import period_words, region_ref, worded
from iptarget.texts import league as texts

COLUMNS = (
    Column(NP_("heading", "rank"), numeric=True),
    Column(NP_("heading", "region")),
    Column(NP_("heading", "value"), numeric=True),
    Column(NP_("heading", "growth"), numeric=True),
    Column(NP_("heading", "a year before"), numeric=True),
    Column(NP_("heading", "change"), numeric=True),
    Column(NP_("heading", "targets")),
)
CSV_FIELDS = (
    "region", "rank", "period", "value", "derived", "published", "flag", "growth_pct",
    "rank_before", "rank_change", "targets",
)  # fmt: skip


class Compared(NamedTuple):
    """A league table with what its words need: the metric, the regions by id, and the
    region it is among (None: every region with a value)."""

    league: League
    metric: Metric
    regions: Mapping[str, Region]
    among: str | None = None


def change_mark(standing: Standing) -> str:
    """``▲3`` for three places gained, ``▼1`` for one lost, ``=`` for none, else ``-``."""
    change = standing.change
    if change is None:
        return UNKNOWN
    return "=" if change == 0 else f"▲{change}" if change > 0 else f"▼{-change}"


def _growth(value: float | None) -> str:
    return UNKNOWN if value is None else f"{value:+.1f}%"


def _rank(rank: int | None) -> str:
    return UNKNOWN if rank is None else str(rank)


def _targets(standing: Standing) -> str:
    """Each target on the metric in the region, with its status: ``qh-apps on_track``."""
    return pgettext("list", "; ").join(
        f"{id} {status_word(status)}" for id, status in standing.targets
    )


def league_table(compared: Compared, names: bool = False) -> Table:
    """One row a region, best first, named by its id (its Chinese name in Chinese) or, with
    ``names``, by its name; the targets column coloured by the first's status."""
    metric, regions = compared.metric, compared.regions
    rows, styles = [], []
    for standing in compared.league.standings:
        point = standing.point
        known = regions.get(standing.region)
        value = UNKNOWN if point is None else number(point.value, metric) + marks(point)
        rows.append(
            [
                _rank(standing.rank),
                _region(standing.region, known, names),
                value,
                _growth(standing.growth_pct),
                _rank(standing.rank_before),
                change_mark(standing),
                _targets(standing),
            ]
        )
        first = standing.targets[0][1] if standing.targets else None
        styles.append("" if first is None else STATUS_LOOKS[first].style)
    return Table(COLUMNS, rows, styles=styles, flexible=6)


def _region(region: str, known: Region | None, names: bool) -> str:
    if known is None:
        return region
    return region_name(known) if names else region_ref(known)


def title(compared: Compared) -> str:
    """``pct_applications, 2023: 4 of the 4 regions of yrd ranked by value``, or why there is
    no table."""
    league, metric = compared.league, compared.metric
    count = len(league.standings)
    name = metric_name(metric)
    if not count:
        return worded(text(texts.NO_REGION, metric=name))
    if league.period is None:
        return worded(text(texts.NO_PERIOD, metric=name, count=count))
    by = worded(text(texts.BY_GROWTH if league.by_growth else texts.BY_VALUE))
    said = {"metric": name, "period": period_words(league.period), "ranked": league.ranked}
    said["by"] = by
    among = compared.regions.get(compared.among or "")
    if among is None:
        return worded(text(texts.TITLE, count=count, **said))
    return worded(text(texts.TITLE_AMONG, count=count, among=region_name(among), **said))


def notes(compared: Compared) -> list[str]:
    """The marks of derived and flagged values, and what the year-before columns mean."""
    league = compared.league
    if league.period is None:
        return []
    marked = marks_note(standing.point for standing in league.standings)
    change = worded(text(texts.CHANGE_NOTE, period=period_words(league.period.year_before())))
    return [marked, change] if marked else [change]


def league_json(compared: Compared, as_of: datetime.date, vintage: str) -> str:
    """``compare --format json``: the league's facts, numbers as computed."""
    league = compared.league
    document = {
        "metric": league.metric,
        "among": compared.among,
        "period": None if league.period is None else str(league.period),
        "by": "growth" if league.by_growth else "value",
        "as_of": as_of.isoformat(),
        "vintage": vintage,
        "ranked": league.ranked,
        "regions": [_standing_json(standing) for standing in league.standings],
    }
    return json_document(document)


def _standing_json(standing: Standing) -> dict[str, Any]:
    return {
        "region": standing.region,
        "rank": standing.rank,
        "value": point_json(standing.point),
        "growth_pct": finite(standing.growth_pct),
        "rank_before": standing.rank_before,
        "rank_change": standing.change,
        "targets": [{"id": id, "status": status.value} for id, status in standing.targets],
    }


def league_csv(compared: Compared) -> str:
    """One row a region, numbers as computed, the targets as ``id:status`` joined by ``;``."""
    rows = []
    for standing in compared.league.standings:
        point = point_json(standing.point)
        rows.append(
            [
                standing.region,
                "" if standing.rank is None else str(standing.rank),
                "" if point is None else point["period"],
                _exact(standing.point),
                "" if point is None else str(point["derived"]).lower(),
                "" if point is None else point["published"] or "",
                "" if point is None else point["flag"] or "",
                "" if standing.growth_pct is None else repr(standing.growth_pct),
                "" if standing.rank_before is None else str(standing.rank_before),
                "" if standing.change is None else str(standing.change),
                ";".join(f"{id}:{status.value}" for id, status in standing.targets),
            ]
        )
    return csv_text(Table([Column(name) for name in CSV_FIELDS], rows))


def _exact(point: Point | None) -> str:
    """A value as computed, for CSV; empty when unknown."""
    return "" if point is None or point.value is None else exact(point.value, grouped=False)


def league_markdown(compared: Compared) -> str:
    """The title, the table and the notes."""
    said = [title(compared)]
    if compared.league.period is not None:
        said += ["", *markdown(league_table(compared)), "", "\n\n".join(notes(compared))]
    return "\n".join([*said, ""])


def print_league(
    compared: Compared, as_of: datetime.date, fmt: CompareFormat, vintage: str
) -> None:
    """``iptarget compare`` in one of its formats."""
    match fmt:
        case CompareFormat.JSON:
            print_text(league_json(compared, as_of, vintage))
        case CompareFormat.CSV:
            print_text(league_csv(compared))
        case CompareFormat.MARKDOWN:
            print_text(league_markdown(compared))
        case CompareFormat.TABLE:
            out = console()
            say(out, title(compared))
            if compared.league.period is not None:
                say(out, "")
                print_lines(out, fitted_lines(league_table(compared), out.is_terminal, out.width))
                for line in notes(compared):
                    say(out, line)
        case _:
            assert_never(fmt)
