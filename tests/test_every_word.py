"""Every word of every error goes through the catalogue (issue 21): validate's problems and
warnings, add-actual's, import's and remove-actual's refusals, the commands' own refusals,
Click's usage errors and TOML's syntax errors.

Run in the pseudo-language (IPTARGET_LANG=pseudo), each text that passes the catalogue comes
out wrapped in ⟦ ⟧: a line with words outside the brackets holds a text that did not pass.
Run in Chinese, no English word may be left beside the ids, file names, keys and numbers.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from helpers import METRICS, REGIONS, Run, actuals, write_dir

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "targets"

# -- broken directories, each of them a way files go wrong -------------------------------------


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


def readme_broken(root: Path) -> None:
    """The README's broken example."""
    append(root / "policies" / "qinghai-2016.toml", "unti = 5\n")
    append(
        root / "actuals" / "china.toml",
        '[[actual]]\nmetric = "patent_aplications"\nregion = "qinghai"\nperiod = "2020-13"\n'
        'value = "n/a"\n',
    )


TOML_ERRORS = (
    "a = b\n",
    "[x\n",
    "a = 1\na = 2\n",
    'a = "x\n',
    "a = [1,\n",
    "a = 1 b = 2\n",
    "a = 1.\n",
    "a = 0x\n",
    "= 1\n",
    'a = "\\q"\n',
    "a = 2019-13-01\n",
    "a = tru\n",
    "a = 01\n",
    "a = 1__2\n",
    "a = 1，\n",
)


def toml_broken(root: Path) -> None:
    """One policy file for each TOML syntax error toml-rs words."""
    for number, text in enumerate(TOML_ERRORS):
        (root / "policies" / f"syntax-{number:02d}.toml").write_text(text, encoding="utf-8")
    (root / "policies" / "deep.toml").write_text("a = " + "[" * 40 + "]" * 40 + "\n", "utf-8")
    (root / "policies" / "binary.toml").write_bytes(b"title = \xff\xfe\n")


def definitions_broken(root: Path) -> None:
    """Metrics, regions and targets that break every rule of their own and across files."""
    append(
        root / "metrics.toml",
        '\n[metric.Bad]\nname = "B"\n'
        '\n[metric.both]\nname = "B"\nnumerator = "patent_grants"\ngrowth_of = "patent_grants"\n'
        '\n[metric.half]\nname = "H"\nnumerator = "patent_grants"\nscale = 0\n'
        '\n[metric.loose]\nname = "L"\ndenominator_region = "china"\naggregate = "sum"\n'
        '\n[metric.bounds]\nname = "B"\nmin = 5\nmax = 1\ndecimals = "two"\ntrend = "up"\n'
        '\n[metric.growth2]\nname = "G"\ngrowth_of = "invention_patents_owned_yoy"\n'
        '\n[metric.cycle_a]\nname = "A"\nnumerator = "cycle_b"\ndenominator = "population"\n'
        '\n[metric.cycle_b]\nname = "B"\nnumerator = "cycle_a"\ndenominator = "nowhere"\n'
        '\n[metric.ratio_g]\nname = "R"\nnumerator = "population"\ndenominator = "population"\n'
        'aggregate = "none"\ndenominator_region = "atlantis"\n',
    )
    append(
        root / "regions.toml",
        '\n[region.parent]\nname = "P"\n'
        '\n[region.loop]\nname = "L"\nparent = "loop2"\n'
        '\n[region.loop2]\nname = "L2"\nparent = "loop"\n'
        '\n[region.selfish]\nname = "S"\nmembers = ["selfish", "jilin", "jilin", "nowhere"]\n'
        '\n[region.orphan]\nname = "O"\nparent = "atlantis"\n',
    )
    (root / "policies" / "broken.toml").write_text(
        '[policy]\ntitle = "Broken"\nregion = "atlantis"\nissued = "2020-01-01"\n'
        '\n[[target]]\nid = "no-goal"\ntitle = "T"\nmetric = "patent_grants"\ndeadline = 2020\n'
        '\n[[target]]\nid = "two-goals"\ntitle = "T"\nmetric = "patent_grants"\n'
        "deadline = 2020\nat_least = 5\nat_most = 7\n"
        '\n[[target]]\nid = "no-baseline"\ntitle = "T"\nmetric = "patent_grants"\n'
        "deadline = 2020\nfactor = 2\nstart = 2019\n"
        '\n[[target]]\nid = "baseline-with-at-least"\ntitle = "T"\nmetric = "patent_grants"\n'
        "deadline = 2020\nat_least = 5\nbaseline = 2015\nbaseline_value = 3\n"
        '\n[[target]]\nid = "start-value"\ntitle = "T"\nmetric = "patent_grants"\n'
        "deadline = 2020\nat_least = -5\nstart_value = 3\n"
        '\n[[target]]\nid = "late-start"\ntitle = "T"\nmetric = "patent_grants"\n'
        'deadline = "2020-Q1"\nat_least = 5\nstart = 2021\n'
        '\n[[target]]\nid = "qh-2020-grants"\ntitle = "T"\nmetric = "nothing"\n'
        'region = "qinghai"\ndeadline = "2020-13"\ndecrease_pct = 120\nstrict = "yes"\n'
        '\n[[target]]\ntitle = "no id"\nmetric = "patent_grants"\ndeadline = 2020\n'
        "annual_growth_pct = -100\nbaseline = 2015\n"
        '\n[[target]]\nid = "Upper Case"\ntitle = 5\nmetric = "patent_grants"\n'
        'deadline = 2020\nat_least = 5\nacknowledged = ""\n',
        encoding="utf-8",
    )
    (root / "policies" / "no-policy.toml").write_text('[[target]]\nid = "x"\n', "utf-8")
    (root / "policies" / "shape.toml").write_text(
        'policy = "x"\ntarget = 5\nextra = 1\n', encoding="utf-8"
    )
    append(
        root / "actuals" / "china.toml",
        '\n[[actual]]\nmetric = "patent_grants"\nregion = "china"\nperiod = 2019\nvalue = -3\n'
        'flag = "x"\npublished = 2099-01-01\n'
        '\n[[actual]]\nmetric = "patent_grants"\nregion = "china"\nperiod = 2019\nvalue = 3\n'
        'published = "soon"\n'
        '\n[[actual]]\nmetric = "patent_grants"\nregion = "china"\nperiod = 2020\nvalue = 3\n'
        "published = 2019-01-01\n"
        '\n[[actual]]\nmetric = "patent_grants"\nregion = "china"\nperiod = 2020\nvalue = 3\n'
        "published = 2019-01-01\n"
        '\n[[actual]]\nmetric = "patent_grants"\nregion = "china"\nperiod = 2021\nvalue = 3\n'
        '\n[[actual]]\nmetric = "patent_grants"\nregion = "china"\nperiod = 2021\nvalue = 4\n'
        '\n[[actual]]\nmetric = "patent_grants"\nregion = "atlantis"\nperiod = 2021\nvalue = nan\n'
        '\n[[actual]]\nregion = "china"\nperiod = 2021.5\nvalue = true\nrecorded = 2021-01-01T10:00:00\n',
    )
    (root / "actuals" / "shape.toml").write_text("actual = 5\n", encoding="utf-8")


def missing_files(root: Path) -> None:
    """A directory without its definitions and its policies."""
    (root / "metrics.toml").unlink()
    (root / "regions.toml").write_text('region = "x"\n', encoding="utf-8")
    shutil.rmtree(root / "policies")


def warned(root: Path) -> None:
    """Figures that do not quite agree, and a target that can never have a value."""
    write_dir(
        root,
        metrics=METRICS
        + '\n[metric.apps_yoy]\nname = "Growth"\nunit = "%"\ngrowth_of = "apps"\n'
        + '\n[metric.summed]\nname = "Summed"\naggregate = "sum"\n',
        regions=REGIONS + '\n[region.g]\nname = "G"\nmembers = ["r", "s"]\n',
        actuals={
            "more": actuals("owned", "r", {"2018": 2_000_000})
            + actuals("people", "r", {"2018": 10_000})
            + actuals("apps", "s", {"2017": 100, "2018": 110})
            + actuals("apps_yoy", "s", {"2018": 12.0})
            + actuals("summed", "r", {"2018": 1.2})
            + actuals("summed", "s", {"2018": 2})
            + actuals("summed", "g", {"2018": 3.25})
            + actuals("per_10k", "r", {"2018": 5})
        },
        policies={
            "g": '[policy]\ntitle = "G"\nregion = "g"\n\n[[target]]\nid = "tg"\ntitle = "T"\n'
            'metric = "apps"\ndeadline = 2020\nat_least = 5\n'
        },
    )


BROKEN: dict[str, Callable[[Path], None]] = {
    "readme": readme_broken,
    "toml": toml_broken,
    "definitions": definitions_broken,
    "missing": missing_files,
}

# -- refused figures, tables and commands ------------------------------------------------------

ADD_ACTUAL = (
    ("patent_aplications", "qinghai", "2015", "5"),
    ("patent_applications", "atlantis", "2015", "5"),
    ("Bad Id", "qinghai", "2015", "5"),
    *(
        ("patent_applications", "qinghai", period, "5")
        for period in (
            "2024-13",
            "2024.1",
            "2024年7-12月",
            "2024年1-9月",  # a year to date of a metric that is no flow
            "Q4 2023",
            "2023-4Q",
            "2024-03-15",
            "24",
            "FY2024",
            "",
            "2099",
            "2024年第五季度",
            "2024-H3",
        )
    ),
    *(
        ("patent_applications", "qinghai", "2015", value)
        for value in ("80%", "1e5", "12,5", "1 234", "abc", "", "-5", "12 apples", "1" * 400)
    ),
    ("enterprise_patent_share", "qinghai", "2015", "7.2亿"),
    ("patent_applications", "qinghai", "2015", "5", "--published", "2015/13/01"),
    ("patent_applications", "qinghai", "2015", "5", "--published", "2099-01-01"),
    ("patent_applications", "qinghai", "2015", "5", "--published", "2014-01-01"),
    ("patent_applications", "qinghai", "2015", "5", "--flag", "x"),
    ("patent_applications", "qinghai", "2013", "1,200"),
    ("patent_intensive_industries_share", "china", "2022", "12.5"),
    ("copyright_industries_share", "china", "2023", "0.0741"),
    ("patent_intensive_industries_share", "china", "2022", "126", "--published", "2025-02-01"),
)
REMOVE_ACTUAL = (
    ("patent_aplications", "qinghai", "2015"),
    ("patent_applications", "qinghai", "2015-13", "--published", "someday"),
    ("patent_applications", "qinghai", "2015"),
    ("patent_intensive_industries_share", "china", "2022"),
    ("patent_intensive_industries_share", "china", "2022", "--published", "2020-01-01"),
    ("patent_intensive_industries_share", "china", "2022", "--undated"),
    (
        "patent_intensive_industries_share",
        "china",
        "2022",
        "--undated",
        "--published",
        "2020-01-01",
    ),
)
CSV_FILES = {
    "columns.csv": "metric,region,period,valeu,colour,metric\n",
    "rows.csv": (
        "metric,region,period,value,published,flag\n"
        "patent_applications,qinghai,2015,5,,\n"
        "patent_applications,qinghai,2015,6,,\n"
        "patent_applications,qinghai,2015,5,2016-01-01,\n"
        "patent_applications,qinghai,2015\n"
        "patent_applications,qinghai,2099,abc,someday,x\n"
        "patent_applications,qinghai,2013,1,,\n"
        'patent_applications,qinghai,"2016,5\n'
    ),
    "empty.csv": "metric,region,period,value\n",
    "extra.csv": "metric,region,period,value,\npatent_applications,qinghai,2015,5,oops\n",
}
COMMANDS = (
    ("show", "nosuch-target"),
    ("series", "nosuch_metric"),
    ("status", "--region", "atlantis", "--policy", "nosuch"),
    ("check", "--region", "huizhou", "--policy", "china-12th-fyp"),
    ("diff", "HEAD"),
    ("init",),
    ("init", "elsewhere", "--dir", "somewhere"),
    ("import", "missing.csv"),
    ("import", "binary.csv"),
    ("import", "sheet.xlsx"),
    ("import", "fake.xlsx"),
    ("report", "-o", "no/such/folder/report.html"),
    ("status", "--dir", "nowhere"),
)
USAGE = (
    ("status", "--format", "x"),
    ("status", "--as-of", "2024-13-01"),
    ("status", "--bogus"),
    ("status", "--staus", "met"),
    ("add-actual",),
    ("stat",),
    ("nothing",),
    ("status", "--grace-days", "-1"),
    ("status", "--region"),
    ("--lang", "fr", "status"),
    ("status", "extra"),
    ("validate", "--strict=1"),
    ("status", "--vintage", "x"),
    ("status", "--status", "on-track"),
    ("check", "--fail-on", "bogus"),
    ("schema", "bogus"),
    ("diff",),
    ("export", "--as-of", "yesterday"),
)


def failures(run: Run, tmp_path: Path, env: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Every error line of every fixture: (what was run, the line)."""
    for name, breaking in BROKEN.items():
        root = tmp_path / name / "targets"
        shutil.copytree(EXAMPLE, root)
        breaking(root)
        yield from _lines(run("validate", "--dir", str(root), env=env), f"validate {name}")
    root = tmp_path / "warned"
    warned(root)
    yield from _lines(run("validate", "--dir", str(root), env=env), "validate warned")
    work = tmp_path / "work"
    shutil.copytree(EXAMPLE, work / "targets")
    _tables(work)
    for args in (
        *(("add-actual", *a) for a in ADD_ACTUAL),
        *(("remove-actual", *a) for a in REMOVE_ACTUAL),
    ):
        yield from _lines(run(*args, "--dir", str(work / "targets"), env=env), " ".join(args))
    for name in CSV_FILES:
        args = ("import", str(work / name), "--dir", str(work / "targets"))
        yield from _lines(run(*args, env=env), f"import {name}")
    for args in COMMANDS:
        directory = () if "--dir" in args or args[0] == "init" else ("--dir", str(work / "targets"))
        fixed = tuple(
            str(work / arg) if arg.endswith((".csv", ".xlsx", ".html")) else arg for arg in args
        )
        fixed = tuple(
            str(work / arg) if arg in ("elsewhere", "somewhere", "nowhere") else arg
            for arg in fixed
        )
        if args[0] == "init" and len(args) == 1:
            fixed = ("init", str(work / "targets"))
        yield from _lines(run(*fixed, *directory, env=env), " ".join(args))
    for args in USAGE:
        yield from _lines(run(*args, env=env), " ".join(args))


def _tables(work: Path) -> None:
    """The CSV files and workbooks import refuses."""
    from openpyxl import Workbook

    for name, text in CSV_FILES.items():
        (work / name).write_text(text, encoding="utf-8")
    (work / "binary.csv").write_bytes(b"metric,region\n\x81\xff\xfe\x00\x80\n")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["metric", "region", "period", "value"])
    sheet.append(["patent_applications", "qinghai", "2015", 5])
    sheet.merge_cells("A2:B2")
    book.save(work / "sheet.xlsx")
    (work / "fake.xlsx").write_text("not a workbook", encoding="utf-8")


def _lines(result: object, what: str) -> Iterator[tuple[str, str]]:
    stderr = getattr(result, "stderr", "")
    code = getattr(result, "exit_code", 0)
    assert stderr.strip(), f"{what}: no error (exit {code})"
    for line in stderr.splitlines():
        yield what, line


# -- the checks --------------------------------------------------------------------------------

BRACKETED = re.compile(r"⟦[^⟦⟧]*⟧")


def outside_brackets(line: str) -> str:
    """What a line holds outside every ⟦ ⟧ (brackets nest: the innermost go first)."""
    while True:
        shorter = BRACKETED.sub("", line)
        if shorter == line:
            return line
        line = shorter


def test_every_error_line_passed_the_catalogue(run: Run, tmp_path: Path) -> None:
    """In the pseudo-language each line is a file or argument, then texts of the catalogue
    only; Click's usage line keeps the command's name and its [OPTIONS]."""
    seen = 0
    for what, line in failures(run, tmp_path, {"IPTARGET_LANG": "pseudo"}):
        seen += 1
        rest = outside_brackets(line)
        if not rest.strip() or line.startswith("⟦Usage: ⟧"):
            continue
        origin, separator, after = rest.partition(": ")
        assert separator, f"{what}: {line}"
        assert not after.strip(), f"{what}: {line}"
        assert "⟦" in line, f"{what}: {line}"
        assert " " not in origin.strip() or origin.startswith(("git ", "--region/")), (what, line)
    assert seen > 100


def allowed_words(tmp_path: Path) -> set[str]:
    """The words that are not English sentences: ids of the example and the fixtures, keys
    and columns of the files, options, and the names of formats, tools and encodings."""
    words: set[str] = set()
    for path in EXAMPLE.rglob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for table in ("metric", "region"):
            words |= set(data.get(table, {}))
        words |= {target["id"] for target in data.get("target", [])}
        for table in (*data.get("metric", {}).values(), *data.get("region", {}).values()):
            words |= {word for value in table.values() if isinstance(value, str)
                      for word in re.findall(r"[A-Za-z]+", value)}  # fmt: skip
    from iptarget.core.status import Status
    from iptarget.models.files import Actual, Metric, Policy, Region, Target
    from iptarget.store.long_layout import CSV_COLUMNS

    for model in (Actual, Metric, Policy, Region, Target):
        words |= set(model.model_fields)
    words |= set(Status) | set(CSV_COLUMNS)
    words |= {
        "actual", "target", "policy", "metric", "region", "toml", "csv", "xlsx", "html",
        "TOML", "UTF", "UTF-8", "GB18030", "CSV", "Excel", "JSON", "YYYY", "MM", "DD", "iptarget",
        "git", "OPTIONS", "ARGS", "COMMAND", "METRIC", "REGION", "PERIOD", "VALUE", "FILE",
        "TARGET_ID", "KIND", "DIR", "BASE", "HEAD", "help", "Sheet", "targets", "actuals",
        "policies", "schema", "id", "ids", "regions", "metrics", "Bad", "Id", "Upper", "Case",
        "nosuch", "atlantis", "nowhere", "somewhere", "elsewhere", "FY", "Q4", "Q", "H",
        "yes", "soon", "someday", "abc", "apples", "oops", "colour", "valeu", "unti",
        "patent_aplications", "aggregate", "sum", "none", "compound", "linear", "up", "two",
        "nan", "true", "false", "tru", "fr", "en", "zh", "table", "json", "markdown", "text",
        "latest", "first", "fatal", "not", "a", "repository", "or", "any", "of", "the",
        "parent", "directories", "bogus", "stat", "staus", "extra", "nothing", "yesterday",
        "missing", "binary", "sheet", "fake", "workbook", "report", "folder", "no", "such",
        "py", "status", "add-actual", "remove-actual", "import", "export", "diff",
        "validate", "check", "init", "series", "show", "qx", "x", "b", "loop", "loop2",
        "selfish", "orphan", "both", "half", "loose", "bounds", "growth2", "cycle_a",
        "cycle_b", "ratio_g", "broken", "shape", "deep", "syntax", "xff", "xfe",
        "T", "B", "L", "P", "G", "S", "O", "R", "A", "t", "q", "uncommitted", "goal", "True",
        "datetime", "summed", "g", "r", "s", "owned", "people", "apps", "p", "e",
        "IPTARGET_DIR", "YYYY-MM-DD",
    }  # fmt: skip
    return words


def test_chinese_errors_hold_no_english(run: Run, tmp_path: Path) -> None:
    """In Chinese, nothing of an error is English but ids, file names, keys and numbers
    (git's own words aside, which git says in English whatever the language)."""
    allowed = allowed_words(tmp_path)
    for what, line in failures(run, tmp_path, {"IPTARGET_LANG": "zh"}):
        if line.startswith(("git ", "用法：")):
            continue
        text = re.sub(r"'[^']*'|\"[^\"]*\"|“[^”]*”|`[^`]*`", " ", line)  # quoted values
        text = re.sub(r"(/[^\s:：，、（）]+)+", " ", text)  # file paths
        text = re.sub(r"--[a-z-]+", " ", text)  # options
        english = [
            word
            for word in re.findall(r"[A-Za-z][A-Za-z0-9_\-]*", text)
            if word not in allowed
            and not re.fullmatch(r"[a-z0-9]+([_-][a-z0-9]+)+", word)  # an id
            and not re.search(r"\d", word)  # a typed form: 2024-H1, FY2024, 1e5, A2
        ]
        assert not english, f"{what}: {line}"


@pytest.mark.parametrize("args", USAGE[:3])
def test_usage_errors_exit_2_in_every_language(run: Run, args: tuple[str, ...]) -> None:
    for language in ("en", "zh", "pseudo"):
        result = run(*args, env={"IPTARGET_LANG": language})
        assert result.exit_code == 2, result.output
