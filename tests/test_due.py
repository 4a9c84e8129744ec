"""``iptarget due`` (SPEC 5.4), pinned on a fixture worked out by hand: a lag set on the
metric and one learned from published dates, an overdue figure and a coming one, a derived
value listed as the recorded input it lacks, a figure whose date cannot be told, a closed
target left out, and a deadline coming up; the iCalendar file parsed back with icalendar."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import icalendar
import pytest

from helpers import Run, policy, write_dir

METRICS = """
[metric.apps]
name = "Patent applications"
decimals = 0
release_lag_days = 45
owner = "Statistics section"

[metric.owned]
name = "Valid invention patents"
decimals = 0
owner = "IP office"

[metric.pop]
name = "Population"
decimals = 0

[metric.per_10k]
name = "Invention patents per 10,000 people"
numerator = "owned"
denominator = "pop"
scale = 10000
"""
REGIONS = '[region.r1]\nname = "Region one"\n\n[region.r2]\nname = "Region two"\n'
TARGETS = (
    # a lag set on the metric: 2022 known, 2023 expected 2023-12-31 + 45 days, overdue
    'id = "apps-2025"\ntitle = "Applications"\nmetric = "apps"\nregion = "r1"\n'
    "start = 2021\ndeadline = 2025\nat_least = 500",
    # a lag learned from the quarters' dates (30 and 31 days): 2024-Q2 due on 2024-07-30
    'id = "owned-q4"\ntitle = "Owned by the fourth quarter"\nmetric = "owned"\nregion = "r2"\n'
    'start = "2023-Q4"\ndeadline = "2024-Q4"\nat_least = 900',
    # derived: 2022 needs the population, which has no dates to learn from
    'id = "density"\ntitle = "Per 10,000 people"\nmetric = "per_10k"\nregion = "r1"\n'
    "start = 2021\ndeadline = 2026\nat_least = 50",
    # a deadline within the window; a monthly figure no monthly figure's date tells the lag of
    'id = "owned-july"\ntitle = "Owned in July"\nmetric = "owned"\nregion = "r2"\n'
    'deadline = "2024-07"\nat_least = 100',
    # closed: achieved
    'id = "apps-2020"\ntitle = "Done"\nmetric = "apps"\nregion = "r1"\ndeadline = 2020\n'
    "at_least = 10",
)
ACTUALS = {
    "r1": """
[[actual]]
metric = "apps"
region = "r1"
period = 2020
value = 90
[[actual]]
metric = "apps"
region = "r1"
period = 2021
value = 100
[[actual]]
metric = "apps"
region = "r1"
period = 2022
value = 120
[[actual]]
metric = "owned"
region = "r1"
period = 2021
value = 40
published = 2022-03-31
[[actual]]
metric = "owned"
region = "r1"
period = 2022
value = 50
published = 2023-04-10
[[actual]]
metric = "pop"
region = "r1"
period = 2021
value = 10000
""",
    "r2": """
[[actual]]
metric = "owned"
region = "r2"
period = "2023-Q4"
value = 800
published = 2024-01-30
[[actual]]
metric = "owned"
region = "r2"
period = "2024-Q1"
value = 820
published = 2024-05-01
""",
}
AS_OF = ("--as-of", "2024-06-30", "--within", "60")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_dir(
        tmp_path / "targets",
        {"p": policy(*TARGETS, header='title = "P"')},
        ACTUALS,
        metrics=METRICS,
        regions=REGIONS,
    )


def due(run: Run, root: Path, *args: str) -> str:
    result = run("due", "--dir", str(root), *AS_OF, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_calendar_as_pinned(root: Path, run: Run) -> None:
    assert due(run, root).splitlines() == [
        "Figures due by 2024-08-29 (as of 2024-06-30): 1 overdue, 1 coming, 2 with no expected date",
        "",
        "expected on  when           figure                                        date from    owner               waiting",
        "2024-02-14   137 days late  Patent applications, Region one, 2023         set          Statistics section  apps-2025",
        "2024-07-30   in 30 days     Valid invention patents, Region two, 2024-Q2  learned (2)  IP office           owned-q4",
        "-            -              Valid invention patents, Region two, 2024-07  unknown      IP office           owned-july",
        "-            -              Population, Region one, 2022                  unknown      -                   density",
        "",
        "Deadlines by 2024-08-29:",
        "deadline    target      status",
        "2024-07-31  owned-july  no_data",
    ]


def test_the_json(root: Path, run: Run) -> None:
    document = json.loads(due(run, root, "--format", "json"))
    assert document["as_of"] == "2024-06-30"
    assert document["until"] == "2024-08-29"
    figure = {"days_late": None, "date_from": None, "learned_from": None}
    assert document["figures"] == [
        {
            "metric": "apps", "region": "r1", "period": "2023", "expected": "2024-02-14",
            **figure, "days_late": 137, "date_from": "set", "owner": "Statistics section",
            "targets": ["apps-2025"],
        },
        {
            "metric": "owned", "region": "r2", "period": "2024-Q2", "expected": "2024-07-30",
            **figure, "date_from": "learned", "learned_from": 2, "owner": "IP office",
            "targets": ["owned-q4"],
        },
        {
            "metric": "owned", "region": "r2", "period": "2024-07", "expected": None,
            **figure, "owner": "IP office", "targets": ["owned-july"],
        },
        {
            "metric": "pop", "region": "r1", "period": "2022", "expected": None, **figure,
            "owner": None, "targets": ["density"],
        },
    ]  # fmt: skip
    assert document["deadlines"] == [
        {"id": "owned-july", "deadline": "2024-07", "ends": "2024-07-31", "status": "no_data"}
    ]


def test_the_ics_parses_back_with_its_events(root: Path, run: Run) -> None:
    calendar = icalendar.Calendar.from_ical(due(run, root, "--format", "ics"))
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {
        "apps.r1.2023@iptarget",
        "owned.r2.2024-Q2@iptarget",
        "owned-july.deadline@iptarget",
    }
    starts = {uid: event.decoded("DTSTART") for uid, event in events.items()}
    assert starts == {
        "apps.r1.2023@iptarget": datetime.date(2024, 2, 14),
        "owned.r2.2024-Q2@iptarget": datetime.date(2024, 7, 30),
        "owned-july.deadline@iptarget": datetime.date(2024, 7, 31),
    }
    assert str(events["apps.r1.2023@iptarget"]["SUMMARY"]) == (
        "Figure due: Patent applications, Region one, 2023"
    )
    assert str(events["apps.r1.2023@iptarget"]["DESCRIPTION"]) == "apps-2025"
    again = icalendar.Calendar.from_ical(due(run, root, "--format", "ics"))
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == list(events)  # stable
