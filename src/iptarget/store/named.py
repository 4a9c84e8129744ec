"""Metrics and regions as people name them in a table or an option (SPEC 5.3): a metric by
its id, else its ``code``; a region by its id, ``code`` or name."""

from __future__ import annotations

from collections.abc import Mapping

from iptarget.core.dataset import Metric
from iptarget.core.links import RegionNames
from iptarget.errors import Text, text
from iptarget.store.messages import ID, bad_id
from iptarget.texts import usage
from iptarget.texts.rules import unknown
from iptarget.texts.words import KIND_METRIC


def metric_named(given: str, metrics: Mapping[str, Metric]) -> tuple[str, Text | None]:
    """The id of the metric ``given`` names (its id, else its ``code``), or what is wrong."""
    if given in metrics:
        return given, None
    coded = [metric.id for metric in metrics.values() if given in metric.code]
    if coded:  # codes are unique across metrics
        return coded[0], None
    if not ID.match(given):
        return given, bad_id(given)
    return given, unknown(given, metrics, KIND_METRIC)


def region_named(given: str, names: RegionNames) -> tuple[str, Text | None]:
    """The id of the region ``given`` names (its id, code or name), or what is wrong."""
    found = names.find(given)
    if len(found) == 1:
        return found[0], None
    if found:
        return given, text(usage.NAME_OF_SEVERAL, name=given, ids=", ".join(found))
    return given, names.unknown(given)
