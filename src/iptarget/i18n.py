"""The interface's language (SPEC 8): chosen by ``--lang``, else ``IPTARGET_LANG``, else the
locale variables; English by default. Texts are looked up with the standard library's
gettext in the catalogue shipped in ``iptarget/locale``; the English text is the key, so a
text without a translation reads in English.

Machine interfaces never pass through here: JSON keys, status ids, CSV headers, JUnit,
annotation syntax and exit codes are the same in every language.
"""

from __future__ import annotations

import contextlib
import gettext
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

LANGUAGES = ("en", "zh")
DOMAIN = "iptarget"
LOCALE_DIR = Path(__file__).parent / "locale"
#: The locale variables, in the order that decides (SPEC 8).
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

#: The status words of SPEC 8, exactly.
STATUS_ZH = {
    "achieved": "已达成",
    "missed": "未达成",
    "unreported": "逾期未报",
    "met": "已提前达标",
    "on_track": "进展顺利",
    "at_risk": "需加快",
    "off_track": "进展不足",
    "regressing": "倒退",
    "no_trend": "无法判断趋势",
    "no_baseline": "缺少基期值",
    "no_data": "暂无数据",
}

#: IPTARGET_LANG=pseudo wraps every text that passes the catalogue in ⟦ ⟧, so that a run
#: shows at a glance which texts do not (and would stay English in Chinese).
PSEUDO = "pseudo"


class _Pseudo(gettext.NullTranslations):
    """The pseudo-language: every text as it is, marked."""

    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def pgettext(self, context: str, message: str) -> str:
        return f"⟦{message}⟧"


_state: dict[str, object] = {"language": "en", "catalogue": gettext.NullTranslations()}


def language_from(option: str | None, environ: Mapping[str, str]) -> str:
    """The language to use: the option, else ``IPTARGET_LANG``, else the first locale
    variable that is set: Chinese when it starts with ``zh``, else English."""
    if option:
        return option
    chosen = environ.get("IPTARGET_LANG", "").strip().lower()
    if chosen == PSEUDO:  # for developers: marks every text that passes the catalogue
        return PSEUDO
    if chosen:
        return "zh" if chosen.startswith("zh") else "en"
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if name == "LANGUAGE":
            value = value.split(":")[0]
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def use(language: str) -> None:
    """Speak ``language`` from now on; Typer's own texts too (it asks gettext for them)."""
    catalogue: gettext.NullTranslations = gettext.NullTranslations()
    if language == PSEUDO:
        catalogue = _Pseudo()
    elif language == "zh":
        catalogue = gettext.translation(
            DOMAIN, localedir=LOCALE_DIR, languages=["zh"], fallback=True
        )
    _state["language"], _state["catalogue"] = language, catalogue
    typer_core = sys.modules.get("typer.core")
    if typer_core is not None:  # Typer says "Options", "Arguments", "required"… through _
        setattr(typer_core, "_", _typer)  # noqa: B010 (Typer's module-level gettext alias)


@contextlib.contextmanager
def speaking(chosen: str) -> Iterator[None]:
    """Another language for a while: English for what machines read (JUnit)."""
    before = language()
    use(chosen)
    try:
        yield
    finally:
        use(before)


def language() -> str:
    """The language in use: "en" or "zh"."""
    return str(_state["language"])


def _(text: str) -> str:
    """A text for people, in the language in use (an empty text stays empty: gettext would
    give the catalogue's header for it)."""
    if not text:
        return text
    catalogue = _state["catalogue"]
    assert isinstance(catalogue, gettext.NullTranslations)
    return catalogue.gettext(text)


def _typer(text: str) -> str:
    """Typer's own words ("Options", "required"…), in their own context of the catalogue."""
    return _p("typer", text)


def _p(context: str, text: str) -> str:
    """A text for people whose translation depends on where it stands (gettext's msgctxt):
    "required" is a rate in ``show`` and a mark in the help."""
    catalogue = _state["catalogue"]
    assert isinstance(catalogue, gettext.NullTranslations)
    return catalogue.pgettext(context, text)


def in_language(text: str, zh: str | None, en: str | None) -> str:
    """A title or name in the interface's language: its ``_zh`` or ``_en`` form when the
    file gives one, else as written."""
    return (zh if language() == "zh" else en) or text


def status_word(status: str) -> str:
    """A status as people read it: the id in English, SPEC 8's word in Chinese."""
    return STATUS_ZH.get(status, status) if language() == "zh" else status
