"""Commands that record or list figures: ``add-actual``, ``import`` and ``export``."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from iptarget.cli.command import helped
from iptarget.cli.common import (
    DEFAULT_DIR,
    DirOption,
    ForceOption,
    MetricArgument,
    RegionArgument,
    ReplaceOption,
)
from iptarget.errors import ExitCode, UserError
from iptarget.i18n import N_
from iptarget.texts import figures

if TYPE_CHECKING:
    from iptarget.store.record import Recording

PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published",
        metavar="DATE",
        help=N_("When the figure was published (YYYY-MM-DD): one vintage of the figure."),
        show_default=False,
    ),
]


@helped(
    N_(
        "Record a published figure in actuals/<region>.toml and show the targets it touches.\n"
        "\n"
        "A figure given --published is one vintage of it: a revision published later is "
        "recorded beside it, again with --published, and is used from that date on.\n"
        "\n"
        "\b\n"
        "Periods as written: 2024年  2024年3月  2024/03  2024.03  2023Q4  2023 Q4\n"
        "                    2023年第四季度  2024年上半年\n"
        "Figures as written: 1.2万 (12,000)  3.5亿 (350,000,000)  80% (a metric in %)\n"
        "                    12.99件  45家  7.2亿元 (in 亿元)  −2.0  １２０．５\n"
        "\n"
        "A figure ten times larger or smaller than the figures recorded around it is refused "
        "as a likely unit slip unless --force."
    )
)
def add_actual(
    metric: MetricArgument,
    region: RegionArgument,
    period: Annotated[
        str,
        typer.Argument(
            metavar="PERIOD",
            help=N_(
                "The period, which must have ended: 2024, 2024-H1, 2024-Q3 or 2024-03, or as "
                "written (see above)."
            ),
            show_default=False,
        ),
    ],
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help=N_(
                "The figure as published: 7812, 7,812, 12.99 or -3.5, or as written (see above)."
            ),
            show_default=False,
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="TEXT",
            help=N_("Where the figure was published (a citation or address)."),
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note",
            metavar="TEXT",
            help=N_("A remark on the figure, such as how its period was chosen."),
            show_default=False,
        ),
    ] = None,
    published: PublishedOption = None,
    flag: Annotated[
        str | None,
        typer.Option(
            "--flag",
            metavar="FLAG",
            help=N_("p if the figure is provisional, e if it is estimated."),
            show_default=False,
        ),
    ] = None,
    replace: ReplaceOption = False,
    force: ForceOption = False,
    directory: DirOption = DEFAULT_DIR,
) -> int:
    from iptarget.render.recorded import print_repeated
    from iptarget.store.new_figures import NewFigure
    from iptarget.store.record import add_figure

    today = datetime.date.today()
    figure = NewFigure(metric, region, period, value, source, note, published, flag)
    recording = add_figure(directory, figure, replace, today, force)
    if not recording.changes:
        print_repeated(metric, region, period)
        return ExitCode.OK
    _report(recording, today)
    return ExitCode.OK


@helped(
    N_(
        "Remove one recorded figure: its only vintage, or the one named, and show the targets "
        "it touches.\n"
        "\n"
        "A figure with several vintages needs --published DATE or --undated to say which."
    )
)
def remove_actual(
    metric: MetricArgument,
    region: RegionArgument,
    period: Annotated[
        str,
        typer.Argument(
            metavar="PERIOD", help=N_("The period of the figure to remove."), show_default=False
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="DATE",
            help=N_("Remove the vintage published on this date (YYYY-MM-DD)."),
            show_default=False,
        ),
    ] = None,
    undated: Annotated[
        bool, typer.Option("--undated", help=N_("Remove the vintage without a published date."))
    ] = False,
    directory: DirOption = DEFAULT_DIR,
) -> int:
    from iptarget.store.record import remove_figure

    if published is not None and undated:
        raise UserError.single("--undated", figures.BOTH)
    recording = remove_figure(directory, metric, region, period, published, undated)
    _report(recording, datetime.date.today())
    return ExitCode.OK


def _report(recording: Recording, today: datetime.date) -> None:
    """What add-actual or remove-actual changed: the figure, the value used, the statuses."""
    from iptarget.core.compare import revision, status_changes
    from iptarget.render.recorded import print_added

    (change,) = recording.changes
    before, after = recording.before, recording.after
    figure = (change.metric, change.region, change.new, change.old if change.new is None else None)
    revised = revision(before, after, figure, today)
    changes = status_changes(before, after, [(change.metric, change.region)], today)
    print_added(change, after, changes, revised)
