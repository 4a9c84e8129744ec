"""Where a line of mixed Chinese and Latin text may break (the terminal's tables and messages,
and the help): at spaces, and beside a Chinese character, as Chinese text breaks; never
before closing punctuation or after opening punctuation; never inside a number or a Latin
word, nor between a number and the word after it (``18个``, ``2019年`` stay whole)."""

from __future__ import annotations

import itertools
import unicodedata

#: Characters a line may not start with (closing punctuation) or end with (opening), so that
#: a wrapped Chinese line never begins with "，" nor ends with "（".
CLOSING = frozenset("，。、：；！？）」』”’》〉%…·")
OPENING = frozenset("（「『“‘《〈")


def wide(char: str) -> bool:
    """Whether a character takes two columns of a terminal (Chinese, full-width forms)."""
    return unicodedata.east_asian_width(char) in "WF"


def pieces(chunk: str) -> list[str]:
    """A run of text without spaces, cut where a line may break inside it."""
    found = [chunk[:1]]
    for before, char in itertools.pairwise(chunk):
        if breaks_between(before, char):
            found.append(char)
        else:
            found[-1] += char
    return found


def breaks_between(before: str, char: str) -> bool:
    """Whether a line may break between two characters that no space separates."""
    if char in CLOSING or before in OPENING:
        return False
    if before.isascii() and before.isdigit():
        return False  # a number stays with the word after it: 18个, 2019年, 457（2018年）
    if before in CLOSING or char in OPENING:
        return True
    return wide(char) or wide(before)
