"""The interface's language (SPEC 8): how it is chosen, what turns Chinese, what never
changes, and a catalogue, run by Babel, with a translation for every text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import Run
from iptarget.core.status import Status
from iptarget.i18n import language_from

ROOT = Path(__file__).parent.parent
TARGETS = ROOT / "targets"
AS_OF = "2024-06-01"
CHINESE = {"LANG": "zh_CN.UTF-8"}


@pytest.mark.parametrize(
    ("option", "environ", "expected"),
    [
        (None, {}, "en"),
        (None, {"LANG": "zh_CN.UTF-8"}, "zh"),
        (None, {"LANG": "C"}, "en"),
        (None, {"LANG": "POSIX"}, "en"),
        (None, {"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        (None, {"LC_MESSAGES": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        (None, {"LANGUAGE": "zh_CN:en", "LC_ALL": "en_US.UTF-8"}, "zh"),
        (None, {"LANGUAGE": "", "LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "zh"),
        (None, {"IPTARGET_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
        (None, {"IPTARGET_LANG": "zh"}, "zh"),
        ("en", {"IPTARGET_LANG": "zh", "LANG": "zh_CN.UTF-8"}, "en"),
        ("zh", {"LANG": "en_US.UTF-8"}, "zh"),
    ],
)
def test_the_language_is_chosen_as_spec_8_says(
    option: str | None, environ: dict[str, str], expected: str
) -> None:
    assert language_from(option, environ) == expected


def test_status_in_chinese_from_the_locale_and_english_with_lang_en(run: Run) -> None:
    args = ("status", "--dir", str(TARGETS), "--as-of", AS_OF)
    chinese = run(*args, env=CHINESE)
    assert chinese.exit_code == 0, chinese.output
    lines = chinese.stdout.splitlines()
    assert lines[0].split()[:3] == ["目标", "地区", "指标"]
    for word in ("已达成", "逾期未报", "进展顺利", "进展不足", "已提前达标", "缺少基期值"):
        assert word in chinese.stdout, word
    assert "截至2024年6月1日，共26个目标：" in chinese.stdout
    english = run("--lang", "en", *args, env=CHINESE)
    assert english.stdout.splitlines()[0].split()[:3] == ["target", "region", "metric"]
    assert "26 targets as of 2024-06-01" in english.stdout
    assert run("--lang", "zh", *args).stdout == chinese.stdout


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_machine_formats_are_the_same_in_every_language(run: Run, fmt: str) -> None:
    args = ("status", "--dir", str(TARGETS), "--as-of", AS_OF, "--format", fmt)
    english = run(*args)
    chinese = run("--lang", "zh", *args)
    assert english.stdout_bytes == chinese.stdout_bytes
    if fmt == "json":
        statuses = {target["status"] for target in json.loads(chinese.stdout)["targets"]}
        assert statuses <= set(Status)


@pytest.mark.parametrize(
    "args",
    [
        ("series", "invention_patents_owned", "--as-of", AS_OF, "--format", "json"),
        ("series", "invention_patents_owned", "--as-of", AS_OF, "--format", "csv"),
        ("export",),
        ("validate", "--format", "json"),
    ],
)
def test_every_machine_output_is_english_whatever_the_language(
    run: Run, args: tuple[str, ...]
) -> None:
    english = run(*args, "--dir", str(TARGETS))
    chinese = run("--lang", "zh", *args, "--dir", str(TARGETS))
    assert english.stdout == chinese.stdout


def test_help_of_every_command_is_chinese_and_fits_80_columns(run: Run) -> None:
    from rich.cells import cell_len
    from typer.main import get_command

    from iptarget.cli import app

    commands = sorted(get_command(app).commands)  # type: ignore[attr-defined]
    for command in ["", *commands]:
        args = [command] if command else []
        result = run("--lang", "zh", *args, "--help", env={"COLUMNS": "80"})
        assert result.exit_code == 0, (command, result.output)
        lines = result.stdout.splitlines()
        assert lines[0].startswith("用法："), command
        assert "显示此帮助并退出。" in result.stdout, command
        assert max(cell_len(line) for line in lines) <= 80, (command, result.stdout)
        assert "Usage" not in result.stdout
        assert "选项:" not in result.stdout  # a full-width colon, as Chinese writes it
        english = re.findall(r"[A-Za-z]+ [a-z]+ [a-z]+ [a-z]+", result.stdout)
        assert not english, (command, english)  # no English sentence left
    status = run("--lang", "zh", "status", "--help", env={"COLUMNS": "80"}).stdout
    assert "选项：" in status
    assert "输出所有目标的进展表" in status
    assert "on_track     进展顺利：进度比不低于0.95" in status


def test_show_and_check_in_chinese(run: Run, tmp_path: Path) -> None:
    show = run("--lang", "zh", "show", "cn-2025-patent-industries", "--dir", str(TARGETS),
               "--as-of", AS_OF)  # fmt: skip
    assert show.exit_code == 0, show.output
    for text in ("政策      “十四五”国家知识产权保护和运用规划", "目标      2025年不低于13.00%",
                 "进展顺利  截至2024年6月1日", "要求      需年均增长1.9%", "进度比    1.61",
                 "实际值（█）与要求路径（|）"):  # fmt: skip
        assert text in show.stdout, text
    junit = tmp_path / "report.xml"
    check = run("--lang", "zh", "check", "--dir", str(TARGETS), "--as-of", "2026-11-22",
                "--junit", str(junit))  # fmt: skip
    assert check.exit_code == 1
    assert "逾期未报：2020年已结束2152天，仍无数据" in check.stdout
    assert "未通过原因" in check.stdout
    # JUnit is for machines: English whatever the language
    report = junit.read_text(encoding="utf-8")
    assert "unreported: no figure for 2020" in report
    assert "逾期未报" not in report


def test_the_catalogue_is_current_translated_and_compiled() -> None:
    """Babel finds every text of the source and the template in catalogue/zh.po, each with
    a translation whose placeholders fit, and the .mo that ships is compiled from it."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "catalogue.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_translations_use_the_placeholders_of_their_text() -> None:
    """A translation may leave a placeholder out (Chinese says less), never add one."""
    from babel.messages.pofile import read_po

    with (ROOT / "catalogue" / "zh.po").open("rb") as file:
        catalogue = read_po(file)
    placeholder = re.compile(r"\{(\w+)")
    for message in catalogue:
        if not message.id:
            continue
        texts = [
            str(text) for text in (message.id if isinstance(message.id, tuple) else [message.id])
        ]
        given = set().union(*(placeholder.findall(text) for text in texts))
        found = message.string
        strings = [str(string) for string in (found if isinstance(found, tuple) else [found])]
        for string in strings:
            # the few values passed for Chinese word order only: a status's word beside its
            # meaning, a rate without its sign, a comparison's verb, choices listed
            extra = {"word", "amount", "choices", "reach"}
            assert set(placeholder.findall(string)) <= given | extra, message.id


def test_no_chinese_sentence_in_the_python_source() -> None:
    """Chinese reaches people through the catalogue only: the source holds no Chinese
    sentence (the words people type, 万 亿 件 年 季度, parse figures and periods; the endings
    of regions' names, 省 自治区, are left out as tables leave them out)."""
    allowed = re.compile(
        r"[万亿元件个项家人次年月日上下半第季度一二三四五六七八九十两前至到～—–均增长]+"
        r"|(省|市|壮族|回族|维吾尔|自治区|特别行政区)+"
    )
    for path in sorted((ROOT / "src" / "iptarget").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith("#") or '"""' in line:
                continue
            for run_ in re.findall(r"[\u4e00-\u9fff]{2,}", line):
                assert allowed.fullmatch(run_), f"{path.name}:{number}: {line.strip()}"


def test_diff_markdown_and_the_report_in_chinese(run: Run, tmp_path: Path) -> None:
    from test_diff import commit, diff_json, git

    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    shutil.copytree(TARGETS, root / "targets")
    commit(root, "the example")
    added = run(
        *("add-actual", "patent_intensive_industries_share", "china", "2022", "12.15"),
        *("--published", "2024-05-01", "--dir", str(root / "targets")),
    )
    assert added.exit_code == 0, added.output
    args = ("diff", "HEAD", "--dir", str(root / "targets"), "--as-of", AS_OF)
    markdown = run("--lang", "zh", *args, "--format", "markdown").stdout
    assert markdown.startswith("<!-- iptarget diff -->\n### iptarget diff：")
    assert "| cn-2025-patent-industries | 进展顺利 | 需加快（变差） |" in markdown
    assert "1个目标状态改变（1个变差）" in markdown
    # JSON is the same in every language
    assert (
        run("--lang", "zh", *args, "--format", "json").stdout
        == run(*args, "--format", "json").stdout
    )
    assert diff_json(run, root, "HEAD", as_of=AS_OF)["head"] == "working tree"
    out = tmp_path / "zh.html"
    result = run("--lang", "zh", "report", "--dir", str(TARGETS), "--as-of", AS_OF, "-o", str(out))
    assert result.stdout == f"已写入 {out}\n"
    page = out.read_text(encoding="utf-8")
    for text in ('<html lang="zh-CN">', "截至2024年6月1日的目标", "进展顺利", "期限已过"):
        assert text in page, text
    english = tmp_path / "en.html"
    run("report", "--dir", str(TARGETS), "--as-of", AS_OF, "-o", str(english))
    block = re.compile(r'<script type="application/json" id="iptarget-status">(.*?)</script>', re.S)
    found_zh, found_en = block.search(page), block.search(english.read_text(encoding="utf-8"))
    assert found_zh is not None
    assert found_en is not None
    assert found_zh[1] == found_en[1]  # the embedded JSON does not change with the language


def test_a_refused_figure_is_explained_in_chinese(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "targets"
    shutil.copytree(TARGETS, root)
    cases = [
        (("patent_applications", "huizhou", "2019", "80%"), "VALUE: 80%：请去掉“%”：该指标的单位是"),
        (("enterprise_patent_applications", "heilongjiang", "2018年7-12月", "3,900"),
         "PERIOD: 2018年7-12月：如果该数据覆盖整个半年，请写作 2018-H2"),
        (("enterprise_patent_applications", "heilongjiang", "2018年1-9月", "3,900"),
         "PERIOD: 年初至今的数据是自1月起的累计值：如果指标“enterprise_patent_applications”"),
        (("patent_aplications", "huizhou", "2019", "5"),
         "METRIC: 未知指标“patent_aplications”（是否指“patent_applications”？）"),
        (("copyright_industries_share", "china", "2023", "0.0741"),
         "VALUE: 0.0741%仅为2022年（7.41%）的约1/100：是否单位写错？"),
    ]  # fmt: skip
    for args, message in cases:
        result = run("--lang", "zh", "add-actual", *args, "--dir", str(root))
        assert result.exit_code == 2
        assert message in result.stderr, result.stderr


def test_titles_and_names_in_two_languages(run: Run, tmp_path: Path) -> None:
    from helpers import FACTOR_2, actuals, policy, write_dir

    target = FACTOR_2 + 'title_zh = "2020 年比 2014 年翻一番"\n'
    root = write_dir(
        tmp_path / "t",
        policies={"p": policy(target, header='title = "P"\ntitle_zh = "政策甲"\nregion = "r"')},
        actuals={"r": actuals("apps", "r", {"2014": 100, "2018": 150})},
        metrics='[metric.apps]\nname = "Patent applications"\nname_zh = "专利申请量"\n'
        'name_en = "Applications for patents"\nunit = "applications"\nunit_zh = "件"\n',
        regions='[region.r]\nname = "Region R"\nname_zh = "甲地区"\n',
    )
    shown = run("--lang", "zh", "show", "t", "--dir", str(root), "--as-of", "2019-06-01").stdout
    for text in ("t  2020 年比 2014 年翻一番", "政策      政策甲", "指标      专利申请量（件） [apps]",
                 "地区      甲地区 [r]", "目标      2020年达到2014年（100件）的2倍，即不低于200件"):  # fmt: skip
        assert text in shown, (text, shown)
    english = run("show", "t", "--dir", str(root), "--as-of", "2019-06-01").stdout
    assert "t  Double 2014 by 2020" in english
    assert "Applications for patents [apps]" in english  # name_en wins
    assert "Region R [r]" in english
    data = run("--lang", "zh", "status", "--dir", str(root), "--as-of", "2019-06-01",
               "--format", "json").stdout  # fmt: skip
    assert json.loads(data)["targets"][0]["title"] == "Double 2014 by 2020"  # JSON: as written
