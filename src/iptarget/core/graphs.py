"""The graphs of definitions (SPEC 1): metrics computed from each other in a cycle, groups
that count a region twice or contain themselves."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from iptarget.core.dataset import Metric, Region


def ratio_cycles(metrics: Mapping[str, Metric]) -> list[list[str]]:
    """The cycles through numerator, denominator and growth_of, each as the path that repeats."""
    return _cycles({metric_id: metric.parts for metric_id, metric in metrics.items()})


def member_repeats(regions: Mapping[str, Region]) -> list[list[str]]:
    """Groups whose members, expanded, reach a region twice or the group itself, each as the
    path that reaches it the second time (SPEC 1: no double counting, no cycle)."""
    found: list[list[str]] = []
    for group in regions.values():
        if not group.members:
            continue
        reached: set[str] = set()
        pending = [[group.id, member] for member in group.members]
        while pending:
            path = pending.pop(0)
            region = path[-1]
            if region == group.id or region in reached:
                found.append(path)
                break
            reached.add(region)
            known = regions.get(region)
            pending.extend([*path, member] for member in (known.members if known else ()))
    return found


def _cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The cycles of a directed graph, each as the path that repeats."""
    done: set[str] = set()
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        if node not in edges or node in done:
            return
        if node in stack:
            cycles.append([*stack[stack.index(node) :], node])
            return
        stack.append(node)
        for after in edges[node]:
            visit(after)
        stack.pop()
        done.add(node)

    for node in edges:
        visit(node)
    return cycles
