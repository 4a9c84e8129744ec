"""The report's regions section (SPEC 10 v3): for a target split among at least three
regions, a tile map, each region's square at its ``tile`` coloured and labelled by its
target's status (squares of regions without one drawn blank), and the league table of the
target's metric. Colour is never the only mark: each square says its status in words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from iptarget.core.dataset import Dataset, Region
from iptarget.core.evaluate import Evaluation
from iptarget.core.league import Split
from iptarget.core.links import short_zh
from iptarget.i18n import chinese
from iptarget.render.league import Compared, league_table, title
from iptarget.render.looks import STATUS_LOOKS, status_word
from iptarget.render.numbers import region_name, title_of
from iptarget.render.table import heading

#: A square's side and the gap between squares, in the map's SVG units.
SIDE, GAP = 64, 4
#: The font sizes of a square's name and status, in the same units.
NAME_SIZE, WORD_SIZE = 15, 12
#: An English name's administrative ending, which a square leaves out.
_ENDING = re.compile(
    r"\s+((Zhuang|Hui|Uygur|Uyghur)\s+)?(Autonomous Region|Special Administrative Region)$"
)


def regions_sections(found: Sequence[Split], dataset: Dataset) -> list[dict[str, Any]]:
    """A section per split target: its heading, its tile map and its league table."""
    regions = dataset.regions
    placed = [region for region in regions.values() if region.tile is not None]
    sections = []
    for split in found:
        first = split.evaluations[0]
        compared = Compared(split.league, dataset.metrics[split.league.metric], regions)
        table = league_table(compared, names=True)
        statuses = {evaluation.region: evaluation for evaluation in split.evaluations}
        tiles = [_square(region, statuses.get(region.id)) for region in placed]
        columns = max((region.tile[0] for region in placed if region.tile), default=0) + 1
        rows = max((region.tile[1] for region in placed if region.tile), default=0) + 1
        sections.append(
            {
                "id": split.template,
                "title": title_of(first.target),
                "tiles": tiles,
                "width": columns * (SIDE + GAP) - GAP,
                "height": rows * (SIDE + GAP) - GAP,
                "caption": title(compared),
                "headings": [(heading(column), column.numeric) for column in table.columns],
                "rows": table.rows,
            }
        )
    return sections


def _square(region: Region, evaluation: Evaluation | None) -> dict[str, Any]:
    """One region's square: where it stands, its name and status in words, its tone."""
    assert region.tile is not None
    column, row = region.tile
    name = _short(region)
    status = "" if evaluation is None else evaluation.status.value
    word = "" if evaluation is None else status_word(evaluation.status)
    return {
        "region": region.id,
        "x": column * (SIDE + GAP),
        "y": row * (SIDE + GAP),
        "name": name,
        "name_fit": _fit(name, NAME_SIZE),
        "status": status,
        "word": word,
        "word_fit": _fit(word, WORD_SIZE),
        "tone": "blank" if evaluation is None else STATUS_LOOKS[evaluation.status].tone,
        "said": region_name(region) if not word else f"{region_name(region)}: {word}",
    }


def _short(region: Region) -> str:
    """A region's name as a map square prints it: without its administrative ending."""
    name = region_name(region)
    return short_zh(name) or name if chinese() else _ENDING.sub("", name)


def _fit(text: str, size: int) -> int | None:
    """The length a text is squeezed to when it would not fit in a square (a Chinese
    character is about as wide as its size, a Latin letter six tenths; a text that may just
    fit is left as it is, not stretched), else None."""
    wide = sum(1.0 if ord(char) >= 0x2E80 else 0.6 for char in text) * size
    room = SIDE - 6
    return room if wide > room + 6 else None
