"""The four file kinds as pydantic models (extra keys forbidden): the one place each key is
declared, with its type, its bounds and its description (for the JSON Schema).

A valid file is read without them (``iptarget.store.plain``); they check what the plain
reading leaves to them, and say what is wrong, field by field. The rules that no field type
can say are in ``iptarget.models.entries``.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator
from pydantic.json_schema import WithJsonSchema

from iptarget.models.bands import Bands
from iptarget.models.entries import ID_PATTERN
from iptarget.periods import Period, parse_period

Id = Annotated[str, Field(pattern=ID_PATTERN)]
Code = Annotated[str, Field(min_length=1)]
Tile = Annotated[list[Annotated[int, Field(ge=0, le=30)]], Field(min_length=2, max_length=2)]
PeriodField = Annotated[
    Period,
    PlainValidator(parse_period),
    PlainSerializer(str),
    WithJsonSchema(
        {
            "type": ["integer", "string"],
            "pattern": r"^\d{4}(-([Hh][12]|[Qq][1-4]|0[1-9]|1[0-2]"
            r"|[Yy][Tt][Dd](0[245789]|1[01])))?$",
            "description": "A year (2019 or '2019'), half ('2019-H1'), quarter ('2019-Q3'), "
            "month ('2019-03') or, for a flow, year to date ('2019-YTD10', January-October).",
        }
    ),
]


class _Model(BaseModel):
    # Validators are built on first use (see store.files.quiet_reading), not at import: a
    # command that reads no file, or one file kind, pays for no more than it uses.
    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, allow_inf_nan=False, defer_build=True
    )


class Metric(_Model):
    """What is measured (``[metric.<id>]`` in metrics.toml)."""

    name: str = Field(description="What is measured, in any language.")
    name_zh: str | None = Field(None, description="The name in Chinese, for --lang zh.")
    name_en: str | None = Field(None, description="The name in English, for --lang en.")
    unit: str | None = Field(None, description="Shown beside values, such as 'applications'.")
    unit_zh: str | None = Field(None, description="The unit in Chinese, for --lang zh.")
    unit_en: str | None = Field(None, description="The unit in English, for --lang en.")
    decimals: int | None = Field(
        None, ge=0, le=12, description="Display precision (default: 0 for whole numbers, else 2)."
    )
    min: float | None = Field(None, description="The lowest value allowed; below it is an error.")
    max: float | None = Field(None, description="The highest value allowed; above it is an error.")
    trend: Literal["compound", "linear"] | None = Field(
        None,
        description="How the metric grows: by a rate (compound) or by steps (linear); default "
        "compound, linear for a growth metric.",
    )
    numerator: Id | None = Field(
        None, description="For a ratio metric: the metric divided (needs denominator)."
    )
    denominator: Id | None = Field(
        None, description="For a ratio metric: the metric divided by (needs numerator)."
    )
    scale: float | None = Field(
        None, gt=0, description="For a ratio: value = numerator / denominator * scale (default 1)."
    )
    denominator_region: Id | None = Field(
        None,
        description="For a ratio: the region of the denominator, an id or 'parent' (a share of "
        "another region's figure).",
    )
    growth_of: Id | None = Field(
        None, description="A growth metric: the growth of this metric on a year before, in %."
    )
    aggregate: Literal["sum", "none"] = Field(
        "none", description="For a plain metric: 'sum' derives a group's value from its members."
    )
    measure: Literal["flow", "stock"] | None = Field(
        None,
        description="For a plain metric: 'flow' when a period's figure is a total over the "
        "period (applications filed), 'stock' when it is a level at the period's end (valid "
        "patents owned); a ratio's follows from its parts.",
    )
    code: Code | list[Code] | None = Field(
        None, description="The codes other systems publish it under (SDMX 'IP.PAT.RESD')."
    )
    release_lag_days: int | None = Field(
        None, gt=0, description="Days from a period's end to its figure's publication."
    )
    owner: str | None = Field(None, description="Who records its figures, for 'due'.")


class MetricsFile(_Model):
    """metrics.toml."""

    metric: dict[Id, Metric] = Field({}, description="One [metric.<id>] table per metric.")


class Region(_Model):
    """Where a metric is measured (``[region.<id>]`` in regions.toml)."""

    name: str = Field(description="The region's name, in any language.")
    name_zh: str | None = Field(None, description="The name in Chinese, for --lang zh.")
    name_en: str | None = Field(None, description="The name in English, for --lang en.")
    parent: Id | None = Field(None, description="The id of the region this one lies in.")
    members: list[Id] | None = Field(
        None,
        description="A group's regions: metrics with aggregate = 'sum' add up their values.",
    )
    code: Code | list[Code] | None = Field(
        None,
        description="The codes other systems give the region (SDMX REF_AREA 'CN', a division "
        "code '230000'): commands and imports find it by them too.",
    )
    tile: Tile | None = Field(
        None,
        description="[column, row], 0 to 30: its square on the report's tile map, [0, 0] "
        "at the top left; no two regions share one.",
    )


class RegionsFile(_Model):
    """regions.toml."""

    region: dict[Id, Region] = Field({}, description="One [region.<id>] table per region.")


class Policy(_Model):
    """The ``[policy]`` table of a policy file: the document the targets come from."""

    title: str = Field(description="The policy document's title.")
    title_zh: str | None = Field(None, description="The title in Chinese, for --lang zh.")
    title_en: str | None = Field(None, description="The title in English, for --lang en.")
    issuer: str | None = Field(None, description="Who issued the document.")
    issued: datetime.date | None = Field(None, description="When it was issued (a TOML date).")
    source: str | None = Field(None, description="Where it was published: a citation or address.")
    region: Id | None = Field(None, description="The region of targets that name none.")
    bands: Bands | None = Field(
        None,
        description="The pace thresholds of its targets: on_track (default 0.95) and at_risk "
        "(0.6) for the statuses, ahead (1.5) for a review's 'faster than expected'; ahead > "
        "on_track > at_risk >= 0.",
    )


class Target(_Model):
    """One ``[[target]]`` of a policy file."""

    id: Id = Field(description="Unique across the whole target directory.")
    title: str = Field(description="The target as the policy words it.")
    title_zh: str | None = Field(None, description="The title in Chinese, for --lang zh.")
    title_en: str | None = Field(None, description="The title in English, for --lang en.")
    metric: Id = Field(description="The id of the metric in metrics.toml.")
    region: Id | None = Field(None, description="The region's id (default: the policy's).")
    deadline: PeriodField = Field(description="The period by which the goal is to be reached.")
    baseline: PeriodField | None = Field(
        None, description="The period a relative goal (factor, increase...) is relative to."
    )
    baseline_value: float | None = Field(
        None, description="The baseline value when the policy states it."
    )
    start: PeriodField | None = Field(
        None, description="For at_least/at_most: the period progress is measured from."
    )
    start_value: float | None = Field(
        None, description="The value at start when the policy states it (needs start)."
    )
    acknowledged: str | None = Field(
        None,
        min_length=1,
        description="Why a missed or overdue target is known and accepted; check stops failing "
        "on it.",
    )
    acknowledged_on: datetime.date | None = Field(
        None,
        description="When the acknowledgement was made: before this date it does not apply "
        "(a report as of an earlier date shows the target as it stood).",
    )
    strict: bool = Field(
        False, description="True for 'more than' / 'less than': the target value itself fails."
    )
    binding: bool = Field(
        False,
        description="True for a binding target of the plan; reviews count binding targets apart.",
    )
    at_least: float | None = Field(None, description="Goal: reach at least this value.")
    at_most: float | None = Field(None, description="Goal: stay at or below this value.")
    factor: float | None = Field(None, gt=0, description="Goal: the baseline value times this.")
    increase: float | None = Field(
        None, gt=0, description="Goal: the baseline value plus this amount."
    )
    increase_pct: float | None = Field(
        None, gt=0, description="Goal: the baseline value plus this percentage."
    )
    decrease: float | None = Field(
        None, gt=0, description="Goal: the baseline value minus this amount."
    )
    decrease_pct: float | None = Field(
        None, gt=0, le=100, description="Goal: the baseline value minus this percentage."
    )
    annual_growth_pct: float | None = Field(
        None,
        gt=-100,
        description="Goal: the baseline value grown by this percentage a year until the "
        "deadline (年均增长).",
    )
    total_at_least: float | None = Field(
        None,
        gt=0,
        description="Goal: a total of at least this over the periods from `from` to the "
        "deadline, for a flow.",
    )
    from_: PeriodField | None = Field(
        None,
        alias="from",
        description="For total_at_least: the first period of the total, of the deadline's "
        "granularity.",
    )
    rank_at_most: int | None = Field(
        None,
        gt=0,
        description="Goal: a rank of at most this among the regions of `among` (1 the best).",
    )
    among: Id | None = Field(
        None,
        description="For rank_at_most: the region whose members (a group) or children are ranked.",
    )
    rank_by: Literal["highest", "lowest"] | None = Field(
        None, description="For rank_at_most: rank 1 is the highest value (default) or the lowest."
    )
    regions: list[Id] | None = Field(
        None,
        min_length=1,
        description="Instead of region: one target for each of these regions (a goal split "
        "among them), each with the id ID@REGION.",
    )
    quota: dict[Id, float] | None = Field(
        None,
        description="With regions: some regions' own amount of the goal key, by region id.",
    )


class PolicyFile(_Model):
    """policies/<name>.toml."""

    policy: Policy = Field(description="The document the targets come from.")
    target: list[Target] = Field([], description="The targets, each a [[target]] table.")


class Actual(_Model):
    """One ``[[actual]]``: a published figure."""

    metric: Id = Field(description="The id of the metric in metrics.toml.")
    region: Id = Field(description="The id of the region in regions.toml.")
    period: PeriodField = Field(description="The period the figure is for.")
    value: float = Field(description="The figure as published, a finite number.")
    source: str | None = Field(None, description="Where it was published: a citation or address.")
    note: str | None = Field(None, description="A remark, such as how the period was chosen.")
    published: datetime.date | None = Field(
        None,
        description="When this figure was published (a TOML date): one vintage of the figure; "
        "a revision is another entry with a later date.",
    )
    flag: Literal["p", "e"] | None = Field(
        None, description="'p' for a provisional figure, 'e' for an estimated one."
    )
    recorded: datetime.date | None = Field(
        None, description="When it was recorded (set by add-actual)."
    )


class ActualsFile(_Model):
    """actuals/<region>.toml."""

    actual: list[Actual] = Field([], description="The figures, each an [[actual]] table.")
