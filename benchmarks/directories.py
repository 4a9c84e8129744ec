"""The directories the benchmarks time: generated deterministically, at any size, with
every goal kind, ratio metrics, quarterly figures, vintages (a third of the figures revised
once), and, for the grouped one, what SPEC v2 derives (groups, growth, shares)."""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

GOALS = ("at_least", "at_most", "factor", "increase", "increase_pct", "decrease", "decrease_pct")
AMOUNTS = {
    "at_least": 50_000,
    "at_most": 500,
    "factor": 1.8,
    "increase": 5_000,
    "increase_pct": 40,
    "decrease": 10,
    "decrease_pct": 10,
}
FIRST_YEAR = 2015


def generate(
    root: Path,
    regions: int,
    metrics: int,
    years: int,
    targets: int,
    grouped: bool = False,
    vintages: bool = False,
    flows: bool = False,
) -> dict[str, int]:
    """A target directory of the given size; the same arguments always give the same files.

    ``grouped`` adds what SPEC v2 derives (see ``_add_groups``) to the same directory;
    ``vintages`` dates every figure and revises about a third of them once (SPEC 3.1);
    ``flows`` adds flows within the year and totals over them (see ``_add_flows``), and
    targets split among regions (see ``_add_splits``): the work of SPEC v3.
    """
    rng = random.Random(20261122)
    root.mkdir(parents=True)
    (root / "policies").mkdir()
    (root / "actuals").mkdir()
    ratio_every = 10  # every 10th metric is the ratio of the two before it
    metric_ids = [f"m{index:02d}" for index in range(metrics)]
    ratios = {
        metric_ids[index]: (metric_ids[index - 2], metric_ids[index - 1])
        for index in range(ratio_every - 1, metrics, ratio_every)
    }
    _write_metrics(root, rng, metric_ids, ratios)
    region_ids = ["china"] + [f"r{index:03d}" for index in range(1, regions)]
    region_lines = ['[region.china]\nname = "China 中国"\n']
    for index, region_id in enumerate(region_ids[1:]):
        square = f"tile = [{index % 31}, {index // 31}]\n" if index < 31 * 31 else ""
        region_lines.append(
            f'[region.{region_id}]\nname = "Region {region_id} 地区"\nparent = "china"\n{square}'
        )
    (root / "regions.toml").write_text("\n".join(region_lines), encoding="utf-8")
    plain = [metric_id for metric_id in metric_ids if metric_id not in ratios]
    actual_count = sum(
        _write_actuals(root, rng, region_id, plain, years, vintages) for region_id in region_ids
    )
    _write_policies(root, rng, targets, metric_ids, region_ids, years)
    size = {"regions": regions, "metrics": metrics, "actuals": actual_count, "targets": targets}
    if vintages:
        size["revised"] = sum(
            text.count("revised: ")
            for text in (path.read_text(encoding="utf-8") for path in (root / "actuals").iterdir())
        )
    if grouped:
        size = _add_groups(root, size, region_ids[1:], plain, years)
    if flows:
        size = _add_flows(root, size, region_ids, years)
        size = _add_splits(root, size, region_ids[1:], plain, years)
    return size


#: The split targets ``_add_splits`` adds: templates, and the regions each is split among.
SPLITS, SPLIT_REGIONS = 10, 10


def _add_splits(
    root: Path, size: dict[str, int], regions: list[str], plain: list[str], years: int
) -> dict[str, int]:
    """Targets split among regions (SPEC 1, v3): ten templates, each over ten regions with a
    quota for every other one, so that a tenth of the directory's targets are made so; and
    ten ranks among every region below China (SPEC 4.6)."""
    rng = random.Random(20261205)
    parts = ['[policy]\ntitle = "Goals split among regions"\n']
    count = min(SPLIT_REGIONS, len(regions))
    for index in range(SPLITS):
        chosen = rng.sample(regions, count)
        quota = ", ".join(f"{region} = {rng.randint(100, 900)}" for region in chosen[::2])
        parts.append(
            f'[[target]]\nid = "split{index:02d}"\ntitle = "Split {index}"\n'
            f'metric = "{plain[index % len(plain)]}"\nregions = {json.dumps(chosen)}\n'
            f"deadline = {FIRST_YEAR + years}\nat_least = {rng.randint(100, 900)}\n"
            f"quota = {{ {quota} }}\n"
        )
    for index in range(RANKS):  # ranks among every province (SPEC 4.6)
        parts.append(
            f'[[target]]\nid = "rank{index:02d}"\ntitle = "Rank {index}"\n'
            f'metric = "{plain[index % len(plain)]}"\nregion = "{rng.choice(regions)}"\n'
            f'among = "china"\ndeadline = {FIRST_YEAR + years}\n'
            f"rank_at_most = {rng.randint(1, len(regions))}\n"
        )
    (root / "policies" / "policy-splits.toml").write_text("\n".join(parts), encoding="utf-8")
    return {**size, "targets": size["targets"] + SPLITS * count + RANKS}


#: The rank targets ``_add_splits`` adds, each among every region below China.
RANKS = 10


#: The flow metrics ``_add_flows`` adds: with the others' series, a tenth of all series.
FLOWS = ("f00", "f01", "f02")


def _add_flows(root: Path, size: dict[str, int], regions: list[str], years: int) -> dict[str, int]:
    """Flows within the year (SPEC 2, 3.2, 4.4, v3): three flow metrics in every region,
    each year's total and its January-October until two years before the last, then the
    months (the last year's up to October, so that its total is unknown); 100 annual
    targets for the last year, judged by the year to date that the months add up to, and
    50 totals over the last five years, the year before the last one derived from its
    months."""
    rng = random.Random(20261204)
    last = FIRST_YEAR + years - 1
    with (root / "metrics.toml").open("a", encoding="utf-8") as metrics:
        for metric_id in FLOWS:
            metrics.write(
                f'\n[metric.{metric_id}]\nname = "Flow {metric_id}"\nunit = "applications"\n'
                'measure = "flow"\nmin = 0\n'
            )
    added = 0
    for region_id in regions:
        entries = []
        for metric_id in FLOWS:
            level = rng.randint(500, 5000)
            for year in range(FIRST_YEAR, last + 1):
                months = [rng.randint(level // 24, level // 8) for _ in range(12)]
                if year < last - 1:
                    spans = {str(year): sum(months), f"{year}-YTD10": sum(months[:10])}
                else:
                    count = 10 if year == last else 12
                    spans = {f"{year}-{m + 1:02d}": months[m] for m in range(count)}
                entries += [
                    f'[[actual]]\nmetric = "{metric_id}"\nregion = "{region_id}"\n'
                    f'period = "{period}"\nvalue = {value}\n'
                    for period, value in spans.items()
                ]
        with (root / "actuals" / f"{region_id}.toml").open("a", encoding="utf-8") as file:
            file.write("\n" + "\n".join(entries))
        added += len(entries)
    targets = [
        f'[[target]]\nid = "f{index:04d}"\ntitle = "Flow target {index}"\n'
        f'metric = "{FLOWS[index % len(FLOWS)]}"\nregion = "{rng.choice(regions)}"\n'
        f"deadline = {last}\nat_least = {rng.randint(1000, 30000)}\n"
        for index in range(100)
    ]
    targets += [  # totals over the last five years (SPEC 4.5), the last one under way
        f'[[target]]\nid = "s{index:04d}"\ntitle = "Total {index}"\n'
        f'metric = "{FLOWS[index % len(FLOWS)]}"\nregion = "{rng.choice(regions)}"\n'
        f"deadline = {last}\nfrom = {max(FIRST_YEAR, last - 4)}\n"
        f"total_at_least = {rng.randint(5000, 150000)}\n"
        for index in range(TOTALS)
    ]
    policy = '[policy]\ntitle = "Flows within the year"\n\n' + "\n".join(targets)
    (root / "policies" / "policy-flows.toml").write_text(policy, encoding="utf-8")
    count = size["targets"] + 100 + TOTALS
    return {**size, "actuals": size["actuals"] + added, "targets": count}


#: The totals over a plan period ``_add_flows`` adds.
TOTALS = 50


def _add_groups(
    root: Path, size: dict[str, int], regions: list[str], plain: list[str], years: int
) -> dict[str, int]:
    """The regions grouped into 31 provinces and those into 7 areas, every plain metric
    summed, growth metrics of the first two metrics with recorded growth figures, a share of
    the parent, and targets on groups, growth and shares (SPEC 3.2 and 3.3)."""
    rng = random.Random(20261125)
    metrics = (root / "metrics.toml").read_text(encoding="utf-8")
    for metric_id in plain:
        metrics = metrics.replace(
            f'[metric.{metric_id}]\nname = "Metric {metric_id}"\n',
            f'[metric.{metric_id}]\nname = "Metric {metric_id}"\naggregate = "sum"\n',
        )
    metrics += "".join(
        f'\n[metric.g{metric_id}]\nname = "Growth of {metric_id}"\nunit = "%"\n'
        f'growth_of = "{metric_id}"\n'
        for metric_id in plain[:2]
    )
    metrics += (
        f'\n[metric.share]\nname = "Share of the parent\'s {plain[0]}"\nunit = "%"\n'
        f'numerator = "{plain[0]}"\ndenominator = "{plain[0]}"\ndenominator_region = "parent"\n'
        "scale = 100\n"
    )
    (root / "metrics.toml").write_text(metrics, encoding="utf-8")
    provinces = [f"p{index:02d}" for index in range(1, 32)]
    areas = [f"a{index}" for index in range(1, 8)]
    lines = [
        f'\n[region.{group}]\nname = "Group {group}"\nparent = "china"\n'
        f"members = {json.dumps(members)}\n"
        for groups, parts in ((provinces, regions), (areas, provinces))
        for group, members in zip(
            groups, (parts[i :: len(groups)] for i in range(len(groups))), strict=True
        )
    ]
    with (root / "regions.toml").open("a", encoding="utf-8") as file:
        file.write("".join(lines))
    last = FIRST_YEAR + years - 1
    figures = [
        f'[[actual]]\nmetric = "g{metric_id}"\nregion = "{group}"\nperiod = "{year}"\n'
        f"value = {round(rng.uniform(-3, 12), 1)!r}\n\n"
        for group in provinces + areas
        for metric_id in plain[:2]
        for year in (FIRST_YEAR, last)  # the first: carried back a year before the levels
    ]
    (root / "actuals" / "groups.toml").write_text("".join(figures), encoding="utf-8")
    targets = [
        f'[[target]]\nid = "g{index:03d}"\ntitle = "Group target {index}"\n'
        + (
            f'metric = "{plain[0]}"\nregion = "{provinces[index % 31]}"\n'
            f"deadline = {last + 2}\nbaseline = {FIRST_YEAR}\nannual_growth_pct = 8\n"
            if index % 3 == 0
            else f'metric = "g{plain[1]}"\nregion = "{areas[index % 7]}"\n'
            f"deadline = {last + 2}\nat_least = 5\n"
            if index % 3 == 1
            else f'metric = "share"\nregion = "{regions[index % len(regions)]}"\n'
            f"deadline = {last + 2}\nat_least = 1\n"
        )
        for index in range(100)
    ]
    policy = '[policy]\ntitle = "Grouped policy"\n\n' + "\n".join(targets)
    (root / "policies" / "grouped.toml").write_text(policy, encoding="utf-8")
    return {
        **size,
        "groups": len(provinces) + len(areas),
        "actuals": size["actuals"] + len(figures),
        "targets": size["targets"] + len(targets),
    }


def _write_metrics(
    root: Path, rng: random.Random, metric_ids: list[str], ratios: dict[str, tuple[str, str]]
) -> None:
    lines = []
    for metric_id in metric_ids:
        lines.append(f'[metric.{metric_id}]\nname = "Metric {metric_id}"\nunit = "units"\nmin = 0')
        if metric_id in ratios:
            numerator, denominator = ratios[metric_id]
            lines.append(f'numerator = "{numerator}"\ndenominator = "{denominator}"\nscale = 100')
        if rng.random() < 0.2:
            lines.append('trend = "linear"')
        lines.append("")
    (root / "metrics.toml").write_text("\n".join(lines), encoding="utf-8")


def _write_actuals(
    root: Path,
    rng: random.Random,
    region_id: str,
    plain: list[str],
    years: int,
    vintages: bool = False,
) -> int:
    """One region's actuals file: yearly figures of every plain metric, some quarterly ones.

    With ``vintages``, each figure is published in March of the year after its period, and
    about a third of them are revised in January of the year after that, the first release
    then provisional.
    """
    entries = []
    for metric_id in plain:
        level = rng.uniform(100, 100_000)
        for year in range(FIRST_YEAR, FIRST_YEAR + years):
            level *= rng.uniform(0.95, 1.15)
            entries.append((metric_id, str(year), round(level, 2)))
        if rng.random() < 0.35:  # some quarterly figures
            for quarter in range(1, 5):
                entries.append(
                    (metric_id, f"{FIRST_YEAR + years - 1}-Q{quarter}", round(level / 4, 2))
                )
    entries.sort()
    if not vintages:
        text = "".join(
            f'[[actual]]\nmetric = "{metric_id}"\nregion = "{region_id}"\nperiod = "{period}"\n'
            f'value = {value!r}\nsource = "Statistical yearbook {period[:4]}"\n\n'
            for metric_id, period, value in entries
        )
    else:
        parts = []
        for metric_id, period, value in entries:
            year = int(period[:4])
            head = (
                f'[[actual]]\nmetric = "{metric_id}"\nregion = "{region_id}"\nperiod = "{period}"\n'
            )
            revised = rng.random() < 1 / 3
            first = round(value * rng.uniform(0.97, 1.03), 2) if revised else value
            parts.append(
                f'{head}value = {first!r}\nsource = "Statistical yearbook {year + 1}"\n'
                f"published = {year + 1}-03-15\n" + ('flag = "p"\n' if revised else "") + "\n"
            )
            if revised:
                parts.append(
                    f'{head}value = {value!r}\nsource = "Statistical yearbook {year + 2}"\n'
                    f'note = "revised: census"\npublished = {year + 2}-01-10\n\n'
                )
        text = "".join(parts)
    (root / "actuals" / f"{region_id}.toml").write_text(text, encoding="utf-8")
    return text.count("[[actual]]")


def _write_policies(
    root: Path,
    rng: random.Random,
    targets: int,
    metric_ids: list[str],
    region_ids: list[str],
    years: int,
) -> None:
    """Policy files of 20 targets each, every goal kind in turn; every third policy judges
    pace by its own bands, and every seventh target is binding (the plan review's work)."""
    per_policy = 20
    for policy_index in range((targets + per_policy - 1) // per_policy):
        parts = [f'[policy]\ntitle = "Policy {policy_index}"\nissued = {FIRST_YEAR + 1}-03-01\n']
        if policy_index % 3 == 0:
            parts.append("bands = { ahead = 1.2, on_track = 0.9, at_risk = 0.5 }\n")
        for index in range(
            policy_index * per_policy, min(targets, (policy_index + 1) * per_policy)
        ):
            goal = GOALS[index % len(GOALS)]
            metric_id = metric_ids[index % len(metric_ids)]
            relative = goal not in ("at_least", "at_most")
            parts.append(
                f'[[target]]\nid = "t{index:04d}"\ntitle = "Target {index}"\n'
                f'metric = "{metric_id}"\nregion = "{rng.choice(region_ids)}"\n'
                f"deadline = {FIRST_YEAR + years + rng.choice((-3, -1, 0, 2))}\n"
                + (f"baseline = {FIRST_YEAR}\n" if relative else "")
                + ("binding = true\n" if index % 7 == 0 else "")
                + f"{goal} = {AMOUNTS[goal]}\n"
            )
        (root / "policies" / f"policy-{policy_index:03d}.toml").write_text(
            "\n".join(parts), encoding="utf-8"
        )


def revised_figure(root: Path) -> None:
    """Make ``root`` a git repository of two commits: the directory, then the directory with
    one figure revised (the first value of actuals/r001.toml)."""

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args],
            cwd=root,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "the directory")
    path = root / "actuals" / "r001.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("value = ") + len("value = ")
    end = text.index("\n", start)
    path.write_text(text[:start] + "12345.6" + text[end:], encoding="utf-8")
    git("commit", "-q", "-a", "-m", "one figure revised")
