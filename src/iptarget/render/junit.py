"""A JUnit XML report of ``check``: one test case per target, a failure per failing target."""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence

from iptarget.core.check import Failure
from iptarget.core.evaluate import Evaluation
from iptarget.render.check import failure_reason
from iptarget.render.status import evaluation_json


def junit_xml(
    evaluations: Sequence[Evaluation], failing: Sequence[Failure], as_of: datetime.date
) -> str:
    """The report as XML text; each test case carries the target's JSON figures."""
    from xml.etree import ElementTree

    failed = {failure.evaluation.target.id: failure for failure in failing}
    counts = {"tests": str(len(evaluations)), "failures": str(len(failing)), "errors": "0"}
    suites = ElementTree.Element("testsuites", {"name": "iptarget", **counts})
    suite = ElementTree.SubElement(
        suites, "testsuite", {"name": "iptarget check", "timestamp": as_of.isoformat(), **counts}
    )
    for evaluation in evaluations:
        case = ElementTree.SubElement(
            suite,
            "testcase",
            classname=evaluation.policy.file,
            name=evaluation.target.id,
            file=evaluation.policy.path,
        )
        figures = json.dumps(evaluation_json(evaluation), ensure_ascii=False, indent=2)
        failure = failed.get(evaluation.target.id)
        if failure is None:
            ElementTree.SubElement(case, "system-out").text = figures
        else:
            element = ElementTree.SubElement(
                case, "failure", message=failure_reason(failure), type=evaluation.status.value
            )
            element.text = figures
    ElementTree.indent(suites)
    return ElementTree.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
