"""The graphs of definitions (SPEC 1): metrics computed from each other in a cycle, groups
that count a region twice or contain themselves, and chains too deep to follow (SPEC 6).

Every walk here is iterative and visits each definition once: a chain of 3,000 ratios or
regions costs what 3,000 definitions cost, and never Python's recursion limit."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from iptarget.core.dataset import Metric, Region

#: How many steps a chain of definitions may take (SPEC 6): a ratio of a ratio of …, a
#: group whose member is a group whose member is …, a region in a region in …. The
#: evaluation follows chains by recursion; a longer one is refused with its length said.
MAX_CHAIN = 64


def ratio_chains(metrics: Mapping[str, Metric]) -> tuple[list[list[str]], dict[str, int]]:
    """The cycles through numerator, denominator and growth_of, each as the path that
    repeats; and for each metric, the longest chain of metrics it is computed from (0:
    recorded)."""
    return _walk({metric_id: metric.parts for metric_id, metric in metrics.items()})


def group_depths(regions: Mapping[str, Region]) -> dict[str, int]:
    """For each region, how deep groups nest in it (0: not a group)."""
    return _walk({region.id: region.members for region in regions.values()})[1]


def too_deep(depths: Mapping[str, int], parts: Mapping[str, Iterable[str]]) -> list[str]:
    """The definitions whose chains are longer than MAX_CHAIN and that no such definition
    is built on: the top of each chain too deep, named once (not each of its 3,000 steps)."""
    deep = {node for node, depth in depths.items() if depth > MAX_CHAIN}
    below = {part for node in deep for part in parts[node]}
    return [node for node in depths if node in deep and node not in below]


def parent_cycles(regions: Mapping[str, Region]) -> dict[str, list[str]]:
    """For each region that lies in itself through ``parent``, the cycle from it back to it;
    each region is walked once (a region has one parent, so each walk is one line)."""
    state: dict[str, bool] = {}  # False while its walk goes on, True once done
    cycles: dict[str, list[str]] = {}
    for start in regions:
        walk: list[str] = []
        node: str | None = start
        while node is not None and node in regions and node not in state:
            state[node] = False
            walk.append(node)
            node = regions[node].parent
        if node is not None and state.get(node) is False:  # this walk closed a cycle
            cycle = walk[walk.index(node) :]
            for index, member in enumerate(cycle):
                cycles[member] = [*cycle[index:], *cycle[:index], member]
        state.update(dict.fromkeys(walk, True))
    return cycles


def member_repeats(
    regions: Mapping[str, Region], leave_out: Collection[str] = ()
) -> list[list[str]]:
    """Groups whose members, expanded, reach a region twice or the group itself, each as the
    path that reaches it the second time (SPEC 1: no double counting, no cycle); the groups
    ``leave_out`` (nested too deep) are not expanded."""
    found: list[list[str]] = []
    for group in regions.values():
        if not group.members or group.id in leave_out:
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


def _walk(edges: Mapping[str, Iterable[str]]) -> tuple[list[list[str]], dict[str, int]]:
    """The cycles of a directed graph, each as the path that repeats, and the length of the
    longest path from each node (an edge that closes a cycle left out): one depth-first
    walk with its own stack, each node and edge visited once."""
    depths: dict[str, int] = {}
    cycles: list[list[str]] = []
    for start in edges:
        if start in depths:
            continue
        path, steps, on_path = [start], [iter(edges[start])], {start}
        while path:
            for after in steps[-1]:
                if after not in edges or after in depths:
                    continue
                if after in on_path:
                    cycles.append([*path[path.index(after) :], after])
                    continue
                path.append(after)
                steps.append(iter(edges[after]))
                on_path.add(after)
                break
            else:
                node = path.pop()
                steps.pop()
                on_path.discard(node)
                reached = [depths[after] for after in edges[node] if after in depths]
                depths[node] = 1 + max(reached) if reached else 0
    return cycles, depths
