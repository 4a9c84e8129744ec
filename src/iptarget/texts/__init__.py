"""The catalogue of texts for people that are held as values: problems, words, rules.

Each text is a ``Template`` declared once, with a stable code for scripts and its English
wording, which is the catalogue's key (Babel extracts ``message``, ``plural`` and ``word``
calls as it does ``_``, ``ngettext`` and ``pgettext``). ``render.words`` words a text in the
interface's language; nothing else does.
"""
