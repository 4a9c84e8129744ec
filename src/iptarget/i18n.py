"""The interface's language (SPEC 8): chosen by ``--lang``, else ``IPTARGET_LANG``, else the
locale variables; English by default.

Texts are looked up with the standard library's gettext in the catalogue shipped in
``iptarget/locale``, compiled by Babel from ``locale/zh/LC_MESSAGES/iptarget.po`` (see
``tools/catalogue.py``); the English text is the key, so a text without a translation reads in
English. Call sites use ``_``, ``ngettext`` and ``pgettext``; texts held in tables are marked
with the no-op ``N_`` and ``NP_`` and translated where they are shown.

Machine interfaces never pass through here: JSON keys and messages, status ids, CSV headers,
JUnit, annotation syntax and exit codes are the same in every language.
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
#: IPTARGET_LANG=pseudo wraps every text that passes the catalogue in ⟦ ⟧, so that a run
#: shows at a glance which texts do not (and would stay English in Chinese).
PSEUDO = "pseudo"


class _Pseudo(gettext.NullTranslations):
    """The pseudo-language: every text as it is, marked."""

    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"⟦{msgid1 if n == 1 else msgid2}⟧"

    def pgettext(self, context: str, message: str) -> str:
        return f"⟦{message}⟧"

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return f"⟦{msgid1 if n == 1 else msgid2}⟧"


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
    """Another language for a while: English for what machines read (JUnit, JSON)."""
    before = language()
    use(chosen)
    try:
        yield
    finally:
        use(before)


def language() -> str:
    """The language in use: "en", "zh" (or "pseudo", which words as English does)."""
    return str(_state["language"])


def chinese() -> bool:
    """Whether the interface speaks Chinese: periods, dates and lists are written its way."""
    return _state["language"] == "zh"


def _catalogue() -> gettext.NullTranslations:
    catalogue = _state["catalogue"]
    assert isinstance(catalogue, gettext.NullTranslations)
    return catalogue


def _(text: str) -> str:
    """A text for people, in the language in use (an empty text stays empty: gettext would
    give the catalogue's header for it)."""
    return _catalogue().gettext(text) if text else text


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a text for ``count`` things ("1 target", "2 targets"; one form in Chinese)."""
    return _catalogue().ngettext(singular, plural, count)


def pgettext(context: str, text: str) -> str:
    """A text whose translation depends on where it stands (gettext's msgctxt): "required" is
    a rate in ``show`` and a mark in the help."""
    return _catalogue().pgettext(context, text)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    """``ngettext`` in a context."""
    return _catalogue().npgettext(context, singular, plural, count)


def N_(text: str) -> str:
    """Mark a text held in a table for the catalogue; it is translated where it is shown."""
    return text


def NP_(context: str, text: str) -> str:
    """Mark a text with its context for the catalogue; translated with ``pgettext``."""
    return text


def _typer(text: str) -> str:
    """Typer's own words ("Options", "required"…), in their own context of the catalogue."""
    return pgettext("typer", text)


#: The words Typer asks gettext for (typer/core.py), in the context "typer".
TYPER_TEXTS = (
    NP_("typer", "Arguments"),
    NP_("typer", "Options"),
    NP_("typer", "Commands"),
    NP_("typer", "required"),
    NP_("typer", "default: {default}"),
    NP_("typer", "env var: {var}"),
    NP_("typer", "(dynamic)"),
    NP_("typer", "Aborted!"),
)


#: The help of Typer's own options, translated as every help text is.
TYPER_HELP = (
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)


def in_language(text: str, zh: str | None, en: str | None) -> str:
    """A title or name in the interface's language: its ``_zh`` or ``_en`` form when the
    file gives one, else as written."""
    return (zh if chinese() else en) or text
