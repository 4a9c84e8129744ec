"""A JUnit XML report of ``check``: one test case per target, a failure per failing target,
a skipped case per acknowledged one."""

from __future__ import annotations

import datetime
import json

from iptarget.cells import xml_text
from iptarget.core.check import CheckResult
from iptarget.i18n import speaking
from iptarget.render.check import failure_reason
from iptarget.render.status_data import evaluation_json


def junit_xml(found: CheckResult, as_of: datetime.date) -> str:
    """The report as XML text, in English whatever the interface's language (SPEC 8)."""
    with speaking("en"):
        return _junit_xml(found, as_of)


def _junit_xml(found: CheckResult, as_of: datetime.date) -> str:
    """The report as XML text; each test case carries the target's JSON figures.

    Every text from the data passes through ``xml_text``: XML cannot hold some characters
    at all (U+0001, U+FFFF), and a report that does not parse is worse than a shorter title.
    """
    from xml.etree import ElementTree

    failed = {item.evaluation.target.id: item for item in found.failing}
    skipped = {item.evaluation.target.id: item for item in found.acknowledged}
    counts = {
        "tests": str(len(found.evaluations)),
        "failures": str(len(failed)),
        "errors": "0",
        "skipped": str(len(skipped)),
    }
    suites = ElementTree.Element("testsuites", {"name": "iptarget", **counts})
    suite = ElementTree.SubElement(
        suites, "testsuite", {"name": "iptarget check", "timestamp": as_of.isoformat(), **counts}
    )
    for evaluation in found.evaluations:
        target = evaluation.target
        case = ElementTree.SubElement(
            suite,
            "testcase",
            classname=xml_text(evaluation.policy.file),
            name=target.id,
            file=xml_text(evaluation.policy.path),
        )
        figures = xml_text(json.dumps(evaluation_json(evaluation), ensure_ascii=False, indent=2))
        if target.id in failed:
            element = ElementTree.SubElement(
                case,
                "failure",
                message=xml_text(failure_reason(failed[target.id])),
                type=evaluation.status.value,
            )
            element.text = figures
        elif target.id in skipped:
            reason = (
                f"acknowledged: {evaluation.acknowledged}; {failure_reason(skipped[target.id])}"
            )
            ElementTree.SubElement(case, "skipped", message=xml_text(reason))
            ElementTree.SubElement(case, "system-out").text = figures
        else:
            ElementTree.SubElement(case, "system-out").text = figures
    ElementTree.indent(suites)
    return ElementTree.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
