"""A template of the catalogue: a code, the English text, its plural and its context."""

from __future__ import annotations

from typing import NamedTuple

#: Every template by its code: codes are unique, so that scripts can key on them.
TEMPLATES: dict[str, Template] = {}


class Template(NamedTuple):
    """One text of the catalogue. ``plural`` is the English plural of ``text``, chosen by the
    parameter ``count``; ``context`` tells apart texts that read alike (gettext's msgctxt)."""

    code: str
    text: str
    plural: str | None = None
    context: str | None = None


def _declared(template: Template) -> Template:
    """``template``, entered in ``TEMPLATES`` under its code, which must be new."""
    if TEMPLATES.setdefault(template.code, template) is not template:
        raise ValueError(f"the code {template.code!r} is declared twice")
    return template


def message(code: str, text: str) -> Template:
    """A sentence, worded with ``gettext``."""
    return _declared(Template(code, text))


def plural(code: str, singular: str, plural: str) -> Template:
    """A sentence about ``count`` things, worded with ``ngettext``."""
    return _declared(Template(code, singular, plural=plural))


def term(code: str, context: str, text: str) -> Template:
    """A word or phrase that reads differently by context, worded with ``pgettext``."""
    return _declared(Template(code, text, context=context))
