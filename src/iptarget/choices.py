"""The closed sets of values the command line offers: each command's output formats, the file
kinds of `schema`, the vintages. One enum each, so that the command line offers them as
choices and every renderer dispatches on them with ``match`` (``tests/test_registries.py``
walks every member through its renderer). A module of its own, light enough for start-up."""

from __future__ import annotations

import enum


class StatusFormat(enum.StrEnum):
    """``status --format``: json is the stable one for scripts."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    XLSX = "xlsx"


class ImportLayout(enum.StrEnum):
    """``import --layout``: how the table's figures are laid out."""

    LONG = "long"
    WIDE = "wide"
    CNIPA = "cnipa"
    SDMX = "sdmx"


class ExportFormat(enum.StrEnum):
    """``export --format``: csv for spreadsheets and pandas, xlsx for people, sdmx for
    statistical systems."""

    CSV = "csv"
    XLSX = "xlsx"
    SDMX = "sdmx"


class ReviewFormat(enum.StrEnum):
    """``review --format``: json is the stable one for scripts."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"


class DueFormat(enum.StrEnum):
    """``due --format``: ics for a calendar to subscribe to, markdown for a CI summary."""

    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    ICS = "ics"


class CompareFormat(enum.StrEnum):
    """``compare --format``: json is the stable one for scripts."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


class CompareBy(enum.StrEnum):
    """``compare --by``: what the regions are ranked by."""

    VALUE = "value"
    GROWTH = "growth"


class SeriesFormat(enum.StrEnum):
    """``series --format``."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class DiffFormat(enum.StrEnum):
    """``diff --format``: markdown for a pull-request comment."""

    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"


class ValidateFormat(enum.StrEnum):
    """``validate --format``: json lists the problems and warnings as objects for scripts."""

    TEXT = "text"
    JSON = "json"


class SchemaKind(enum.StrEnum):
    """The file kinds ``schema`` describes."""

    METRICS = "metrics"
    REGIONS = "regions"
    POLICY = "policy"
    ACTUALS = "actuals"


class Vintage(enum.StrEnum):
    """Which vintage of each figure is used (SPEC 3.1)."""

    LATEST = "latest"
    FIRST = "first"
