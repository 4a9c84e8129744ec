"""A template of the catalogue: a code, the English text, its plural and its context."""

from __future__ import annotations

from dataclasses import dataclass

#: Every template by its code: codes are unique, so that scripts can key on them.
TEMPLATES: dict[str, Template] = {}


@dataclass(frozen=True, slots=True)
class Template:
    """One text of the catalogue. ``plural`` is the English plural of ``text``, chosen by the
    parameter ``count``; ``context`` tells apart texts that read alike (gettext's msgctxt)."""

    code: str
    text: str
    plural: str | None = None
    context: str | None = None

    def __post_init__(self) -> None:
        if TEMPLATES.setdefault(self.code, self) is not self:
            raise ValueError(f"the code {self.code!r} is declared twice")


def message(code: str, text: str) -> Template:
    """A sentence, worded with ``gettext``."""
    return Template(code, text)


def plural(code: str, singular: str, plural: str) -> Template:
    """A sentence about ``count`` things, worded with ``ngettext``."""
    return Template(code, singular, plural=plural)


def term(code: str, context: str, text: str) -> Template:
    """A word or phrase that reads differently by context, worded with ``pgettext``."""
    return Template(code, text, context=context)
