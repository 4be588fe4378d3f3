"""Mending a paragraph whose last line holds one Chinese character (孤字).

A last line of one character, or one character and its closing marks (展。), reads as a stray;
Chinese typesetting pulls a character down from the line above instead, so that the last line
holds two. The new break must be one the kinsoku rules allow (the caller says which are).
Pure functions over the units :mod:`doctool.render.kinsoku` breaks lines between.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Protocol

from doctool.cjk import HAN_CHAR


class Unit(Protocol):
    """A piece of text that is never split: where it starts and ends, and whether it is a space."""

    @property
    def start(self) -> int:
        """Index of its first character in the text."""

    @property
    def end(self) -> int:
        """Index just past its last character."""

    @property
    def space(self) -> bool:
        """True for a space, at which a line may end and which neither line keeps."""


def _solid(clusters: Sequence[Unit], start: int, end: int) -> list[int]:
    """The clusters from ``start`` to ``end`` that are not spaces."""
    return [k for k in range(start, end) if not clusters[k].space]


def _lone(text: str, clusters: Sequence[Unit], start: int, end: int) -> bool:
    """True for a line of one Han character and nothing but punctuation (“好”。)."""
    solid = [text[clusters[k].start : clusters[k].end] for k in _solid(clusters, start, end)]
    han = sum(1 for piece in solid if HAN_CHAR.match(piece))
    return han == 1 and all(
        HAN_CHAR.match(piece) or unicodedata.category(piece[0]).startswith("P") for piece in solid
    )


def mend_last_line(
    text: str,
    clusters: Sequence[Unit],
    good: Sequence[bool],
    widths: Sequence[float],
    limit: float,
    above: tuple[int, int],
    last: tuple[int, int],
) -> list[tuple[int, int]]:
    """The last two lines, with characters pulled down from ``above`` when ``last`` holds one.

    The new break is the latest one the rules allow that gives the last line two Han
    characters, and it must leave the line above at least half of what it had: a paragraph
    that cannot be mended without a gaping line is left as it was.
    """
    if not _lone(text, clusters, *last):
        return [above, last]
    start, end = above
    held = len(_solid(clusters, start, end))
    for k in range(end - 1, start, -1):
        if not good[k]:
            continue
        if len(_solid(clusters, start, k)) * 2 < held:
            break
        # a break at a space: the space goes with neither line
        head = k
        while clusters[head].space:
            head += 1
        moved = _solid(clusters, head, last[1])
        han = sum(1 for m in moved if HAN_CHAR.match(text[clusters[m].start]))
        if han < 2:
            continue
        if sum(widths[m] for m in range(head, last[1])) > limit:
            break
        return [(start, k), (head, last[1])]
    return [above, last]
