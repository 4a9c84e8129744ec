"""The sentences of a plan review (SPEC 4.7, 5.5): its headline, clause by clause, as an
official review writes it ("20项主要指标中，4项提前实现，…，4项滞后（其中约束性指标3项）")."""

from __future__ import annotations

from iptarget.texts.template import message, plural

HEADLINE = plural(
    "review.headline",
    "{count} target as of {date}: {counts}",
    "{count} targets as of {date}: {counts}",
)
NO_TARGET = message("review.none", "No target as of {date}")
#: Between the clauses of the headline.
JOINT = message("review.joint", ", ")
#: Each verdict's clause, by the verdict's id: ``4 lagging``.
CLAUSES = {
    "achieved_early": plural(
        "review.achieved_early", "{count} achieved early", "{count} achieved early"
    ),
    "ahead": plural("review.ahead", "{count} faster than expected", "{count} faster than expected"),
    "as_expected": plural(
        "review.as_expected", "{count} basically as expected", "{count} basically as expected"
    ),
    "lagging": plural("review.lagging", "{count} lagging", "{count} lagging"),
    "not_assessed": plural("review.not_assessed", "{count} not assessed", "{count} not assessed"),
    "achieved": plural("review.achieved", "{count} achieved", "{count} achieved"),
    "missed": plural("review.missed", "{count} missed", "{count} missed"),
    "unreported": plural("review.unreported", "{count} unreported", "{count} unreported"),
}
LAGGING_BINDING = plural(
    "review.lagging_binding",
    "{lagging}, {count} of them binding",
    "{lagging}, {count} of them binding",
)
SECTION = message("review.section", "{verdict}: {count}")
SECTION_BINDING = message("review.section_binding", "{verdict}: {count} ({binding} binding)")
BINDING_NOTE = message("review.binding_note", "★ binding target")
COLUMNS_NOTE = message(
    "review.columns",
    "expected: the progress the required path gives at the latest figure's period; elapsed: "
    "the share of the plan's time gone by",
)
