"""Everything users read: tables, JSON, CSV, markdown, XML. The only code that imports rich.

Renderers format what the core hands them; they never decide a status or compute a value.
rich is imported inside the functions that draw for a terminal: JSON, CSV and markdown
output, the formats scripts read, start without it.
"""
