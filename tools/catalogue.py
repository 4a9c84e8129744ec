"""The Chinese catalogue (SPEC 8), run by Babel: extract every text for people from the source
and the report's template, update ``catalogue/zh.po`` with them, and compile the ``.mo`` that
ships in the package (iptarget reads it with the standard library's gettext; Babel is a test
and development dependency only).

    python tools/catalogue.py            # extract, update the .po (new texts untranslated), compile
    python tools/catalogue.py --check    # exit 1 if a text is missing or untranslated, or the
                                         # .mo is not compiled from the .po

Translators edit ``catalogue/zh.po``; Babel checks each translation's placeholders as it
compiles, and a text left empty is not translated until someone translates it.
"""

from __future__ import annotations

import gettext
import re
import sys
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).parent.parent
MAPPING = ROOT / "tools" / "babel.cfg"
PO = ROOT / "catalogue" / "zh.po"
MO = ROOT / "src" / "iptarget" / "locale" / "zh" / "LC_MESSAGES" / "iptarget.mo"
#: The functions that mark texts, besides gettext's own (_ ngettext pgettext N_): the
#: templates of ``iptarget.texts`` and the marker of a text with its context.
KEYWORDS = ("message:2", "plural:2,3", "term:2c,3", "NP_:1c,2")
#: The .po file's header, the same at every update, so that a diff shows only translations.
HEADER = """\
# The Chinese catalogue of iptarget (SPEC 8). Edit the translations here; run
# python tools/catalogue.py to add new texts and compile the .mo that ships.
msgid ""
msgstr ""
"Project-Id-Version: iptarget\\n"
"POT-Creation-Date: 2026-12-04 00:00+0000\\n"
"PO-Revision-Date: 2026-12-04 00:00+0000\\n"
"Language: zh\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"""


def babel(*args: str) -> int:
    """Run one pybabel command; its exit status."""
    try:
        CommandLineInterface().run(["pybabel", "--quiet", *args])  # type: ignore[no-untyped-call]
    except SystemExit as stop:
        return int(stop.code or 0)
    return 0


def extract(pot: Path) -> None:
    """Every text for people, in a template file."""
    keywords = [part for keyword in KEYWORDS for part in ("-k", keyword)]
    options = ["--no-location", "--sort-output", "--omit-header", "--no-wrap"]
    babel("extract", "-F", str(MAPPING), *keywords, *options, "-o", str(pot), str(ROOT))


def update(pot: Path) -> None:
    """The .po file with the template's texts: new ones added, gone ones dropped."""
    options = ["--no-wrap", "--ignore-obsolete", "--no-fuzzy-matching"]
    babel("update", "-i", str(pot), "-o", str(PO), "-l", "zh", *options)
    text = PO.read_text(encoding="utf-8")
    body = re.split(r"\n\n", text, maxsplit=1)[1]  # the entries after Babel's header
    PO.write_text(HEADER + "\n" + body, encoding="utf-8")


def compile_mo(output: Path = MO) -> int:
    """The .mo file that ships, from the .po; 1 when a translation's placeholders do not fit."""
    return babel("compile", "-i", str(PO), "-o", str(output), "-l", "zh")


def keys(catalog: Catalog) -> set[tuple[str | None, str]]:
    """Each text of a catalogue by its context and (singular) text."""
    return {
        (message.context, message.id if isinstance(message.id, str) else message.id[0])
        for message in catalog
        if message.id
    }


def problems(pot: Path) -> list[str]:
    """What is wrong with the .po and the .mo: texts missing or left over, translations
    missing, a stale .mo."""
    with pot.open("rb") as file:
        wanted = keys(read_po(file))
    with PO.open("rb") as file:
        catalog = read_po(file)
    found: list[str] = []
    have = keys(catalog)
    found += [f"not in {PO.name}: {key}" for key in sorted(wanted - have, key=str)]
    found += [f"no longer used: {key}" for key in sorted(have - wanted, key=str)]
    found += [
        f"no translation: {message.id!r}"
        for message in catalog
        if message.id and (not message.string or message.fuzzy or not any(message.string))
    ]
    fresh = pot.with_suffix(".mo")
    if compile_mo(fresh) != 0 or not fresh.exists():
        found.append(f"{PO} does not compile")
    elif translations(fresh) != translations(MO):
        found.append(f"{MO} is not compiled from {PO}")
    return found


def translations(mo: Path) -> dict[object, str]:
    """What a compiled catalogue translates, as gettext reads it (the bytes differ from one
    Babel version to another; the translations may not)."""
    with mo.open("rb") as file:
        catalogue = gettext.GNUTranslations(file)
    found: dict[object, str] = catalogue._catalog  # type: ignore[attr-defined]
    return {key: value for key, value in found.items() if key != ""}


def main(check: bool) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        pot = Path(scratch) / "iptarget.pot"
        extract(pot)
        if check:
            found = problems(pot)
            for problem in found:
                print(problem)
            if found:
                print("run python tools/catalogue.py, and translate what it leaves empty")
            return 1 if found else 0
        update(pot)
        return compile_mo()


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
