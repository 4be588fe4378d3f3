"""Three reportlab flowables that decide where pages break: headings with what they introduce,
a table that never leaves a row or two alone, and a table set in side-by-side columns of the page.

reportlab keeps a heading with the next flowable by wrapping both in ``KeepTogether``, which moves
the pair to a new page whenever the *whole* of the next flowable does not fit: a heading followed
by a long table or paragraph leaves most of a page blank. :class:`KeepWithStart` keeps headings
with the *start* of what follows them instead. :class:`ColumnFlow` sets a table in columns, read
down each, the way a glossary is printed, and balances the columns on its last page.
:class:`KeptTable` breaks a table only where at least :data:`MIN_HEAD_ROWS` rows stay above the
break and :data:`MIN_TAIL_ROWS` go on, and never leaves an empty part of a row on either side.
Only reportlab objects live in this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable
from reportlab.platypus import Table as RLTable

from doctool.render.pagination import MIN_HEAD_ROWS, MIN_START_LINES, MIN_TAIL_ROWS

#: what a flowable answers to ``wrap`` so that the frame always asks it to ``split`` instead
_ALWAYS_SPLIT = float(0xFFFFFF)
#: a heading goes with at least this much of what follows it when that is neither text nor a
#: table (which say for themselves what a start is); less looks stranded at the page foot
MIN_START = 40.0
#: a last page with less than this share of a column left to set keeps it in one column:
#: two or three entries split across two columns, each under its own header, look lost
BALANCE_FROM = 0.3


def _gap(above: Any, below: Any) -> float:
    """The space a frame leaves between two flowables: the larger of after and before."""
    return max(float(above.getSpaceAfter()), float(below.getSpaceBefore()))


class KeepWithStart(Flowable):  # type: ignore[misc]
    """Headings that go to the next page unless the start of the flowable after them fits too.

    Unlike ``KeepTogether``, the flowable after the headings may break across pages: only its
    first part has to fit below them.
    """

    def __init__(self, heads: Sequence[Any], body: Any) -> None:
        super().__init__()
        self.heads = list(heads)
        self.body = body
        # the frame leaves the first heading's space above the group, and the body's below it
        self.spaceBefore = heads[0].getSpaceBefore()
        self.spaceAfter = body.getSpaceAfter()
        for head in self.heads:
            # the group does the keeping now; left set, reportlab would group them again
            head.keepWithNext = False

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Report too tall for any frame, so that the frame asks :meth:`split` where to break."""
        return availWidth, _ALWAYS_SPLIT

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """The headings and as much of the body as fits, or nothing (next page)."""
        used = 0.0
        for index, head in enumerate(self.heads):
            used += head.wrap(availWidth, availHeight)[1]
            below = self.heads[index + 1] if index + 1 < len(self.heads) else self.body
            used += _gap(head, below)
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", False))
        rest = availHeight - used
        if rest > 0:
            height = self.body.wrap(availWidth, rest)[1]
            if height <= rest:
                return [*self.heads, self.body]
            parts = self.body.split(availWidth, rest)
            if parts and parts[0].wrap(availWidth, rest)[1] >= self._min_start(height):
                return [*self.heads, *parts]
        # at the top of a page there is nowhere better to go: let the body break as it can
        return [*self.heads, self.body] if at_top else []

    def _min_start(self, height: float) -> float:
        """How much of the body must stand under the headings: three lines of a paragraph;
        of a table, what it agrees to split off (it keeps three rows at least)."""
        if isinstance(self.body, RLTable):
            return 0.0
        leading = getattr(getattr(self.body, "style", None), "leading", None)
        if isinstance(leading, (int, float)):
            return min(MIN_START_LINES * float(leading), height)
        return min(MIN_START, height)

    def draw(self) -> None:  # pragma: no cover - always split, never drawn
        """Nothing: the frame draws the headings and the body, as :meth:`split` gave them."""


def _blank(cell: Any) -> bool:
    """True for a cell part with nothing to draw (all its text went to the other part)."""
    flowables = cell if isinstance(cell, (list, tuple)) else [cell]
    for flowable in flowables:
        if isinstance(flowable, str):
            if flowable.strip():
                return False
        elif getattr(flowable, "start", 0) < getattr(flowable, "end", 1):
            return False
    return True


class KeptTable(RLTable):  # type: ignore[misc]
    """A table that breaks across pages only where both parts look like a table.

    At least :data:`MIN_HEAD_ROWS` body rows stay above a break and :data:`MIN_TAIL_ROWS` go
    on below it, or, where rows are long paragraphs, as many lines (``line`` is the pitch of a
    cell's lines); neither part ends or starts with a row whose cells are all empty. A table
    too short for that moves on whole, unless it already stands at the top of a page, where
    there is nowhere better to go.
    """

    #: the pitch of a line of cell text, in points
    line: float = 0.0

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """The two parts, the break moved up to leave enough below it; or nothing."""
        parts = self._split_once(availWidth, availHeight)
        if len(parts) == 2 and not self._passes(*parts):
            # break before the lowest row that leaves enough below: rows of long paragraphs
            # are enough in one or two, so try those before moving the last four rows on and
            # leaving half a page blank (a few splits: each measures every cell again)
            total = len(self._cellvalues)
            for cut in range(min(len(parts[0]._cellvalues), total - 1), total - MIN_TAIL_ROWS - 1, -1):
                height = min(availHeight, sum(self._rowHeights[:cut]) + 1e-3)
                parts = self._between_rows(availWidth, height)
                if len(parts) == 2 and self._passes(*parts):
                    break
            if not (len(parts) == 2 and self._passes(*parts)):
                # rows too long for that: leave enough lines below, inside a row if need be
                parts = self._split_once(availWidth, self._leaving_lines(availHeight))
        if len(parts) == 2 and self._passes(*parts):
            return parts
        frame = getattr(self, "_frame", None)
        if getattr(frame, "_atTop", False):
            # at the top of a page there is nowhere better to go: break where it can
            parts = self._split_once(availWidth, self._leaving_lines(availHeight))
            return parts or self._split_once(availWidth, availHeight)
        return []

    def _leaving_lines(self, availHeight: float) -> float:
        """A height to split at that leaves :data:`MIN_TAIL_ROWS` lines of the table below."""
        rest = float(self._height) - (MIN_TAIL_ROWS + 2) * self.line
        return max(0.0, min(availHeight, rest))

    def _split_once(self, availWidth: float, availHeight: float) -> list[Any]:
        """reportlab's split, made between rows where its split inside one leaves it empty."""
        parts = list(super().split(availWidth, availHeight))
        if len(parts) == 2 and self._blank_edge(*parts):
            # a row "split" whose text all fits above, only its padding not: the part below
            # would be an empty row. Break before the row instead.
            parts = self._between_rows(availWidth, availHeight)
        for part in parts:
            # reportlab makes the parts of our class: a later page splits them by these rules
            part.line = self.line
        return parts

    def _repeated(self) -> int:
        rows = self.repeatRows
        return rows if isinstance(rows, int) else int(max(rows)) + 1

    def _between_rows(self, availWidth: float, availHeight: float) -> list[Any]:
        """The split reportlab makes between rows only, the parts keeping our split settings."""
        settings = self.splitByRow, self.splitInRow  # type: ignore[has-type]
        self.splitByRow, self.splitInRow = 1, 0
        try:
            parts = super().split(availWidth, availHeight)
        finally:
            self.splitByRow, self.splitInRow = settings
        for part in parts:
            part.splitByRow, part.splitInRow = settings
        return list(parts)

    def _blank_edge(self, head: RLTable, tail: RLTable) -> bool:
        """True when the row above the break or the row below it has nothing in any cell."""
        below = tail._cellvalues[self._repeated()] if len(tail._cellvalues) > self._repeated() else []
        return all(_blank(cell) for cell in head._cellvalues[-1]) or all(_blank(c) for c in below)

    def _enough(self, part: RLTable, rows: int) -> bool:
        """True when ``part`` has ``rows`` body rows, or body lines as tall as that many lines."""
        repeated = self._repeated()
        if len(part._cellvalues) - repeated >= rows:
            return True
        if not self.line:
            return False
        part.wrap(self._width, _ALWAYS_SPLIT)
        # a line's pitch and the padding of a row: what a row of one line takes
        return float(sum(part._rowHeights[repeated:])) >= (rows + 2) * self.line

    def _passes(self, head: RLTable, tail: RLTable) -> bool:
        """Enough on each side of the break, and no empty row part on either side of it."""
        if not (self._enough(head, MIN_HEAD_ROWS) and self._enough(tail, MIN_TAIL_ROWS)):
            return False
        return not self._blank_edge(head, tail)



class _Slab(Flowable):  # type: ignore[misc]
    """One page's worth of a column-set table: its parts side by side."""

    def __init__(self, parts: Sequence[RLTable], column_width: float, gap: float) -> None:
        super().__init__()
        self.parts = list(parts)
        self.column_width = column_width
        self.gap = gap

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """The width given and the height of the tallest column."""
        self.heights = [part.wrap(self.column_width, availHeight)[1] for part in self.parts]
        self.width = availWidth
        self.height = max(self.heights, default=0.0)
        return self.width, self.height

    def draw(self) -> None:
        """Each part at the top of its column."""
        for index, (part, height) in enumerate(zip(self.parts, self.heights, strict=True)):
            x = index * (self.column_width + self.gap)
            part.drawOn(self.canv, x, self.height - height)


class ColumnFlow(Flowable):  # type: ignore[misc]
    """A table set in ``columns`` side-by-side columns, read down each, page after page.

    The table must be made for the width of one column and repeat its header row, so that each
    column starts with it. On the last page the columns are balanced, unless what is left is
    short enough to stand in the first column alone.
    """

    def __init__(self, table: RLTable, columns: int, column_width: float, gap: float) -> None:
        super().__init__()
        self.table = table
        self.columns = columns
        self.column_width = column_width
        self.gap = gap
        self.spaceBefore = table.getSpaceBefore()
        self.spaceAfter = table.getSpaceAfter()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Report too tall for any frame, so that the frame asks :meth:`split` where to break."""
        return availWidth, _ALWAYS_SPLIT

    def _fill(self, height: float) -> tuple[list[RLTable], RLTable | None]:
        """The parts that fill the columns to ``height``, and what is left over (or None)."""
        parts: list[RLTable] = []
        rest: RLTable | None = self.table
        for _ in range(self.columns):
            if rest is None:
                break
            if rest.wrap(self.column_width, height)[1] <= height:
                parts.append(rest)
                rest = None
                break
            pieces = rest.split(self.column_width, height)
            if len(pieces) < 2:
                break
            parts.append(pieces[0])
            rest = pieces[1]
        return parts, rest

    def _balanced(self, height: float) -> list[RLTable]:
        """Parts that end the table in columns of about even height, no taller than ``height``."""
        total = self.table.wrap(self.column_width, _ALWAYS_SPLIT)[1]
        low, high = total / self.columns, height
        best, _ = self._fill(height)
        # the shortest column height that still takes every row: a few halvings are plenty
        for _ in range(8):
            if high - low < 4:
                break
            middle = (low + high) / 2
            parts, rest = self._fill(middle)
            if rest is None:
                best, high = parts, middle
            else:
                low = middle
        return best

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """This page's columns, then the rest of the table for the next page (or nothing)."""
        parts, rest = self._fill(availHeight)
        if not parts:
            return []
        if rest is None:
            if parts[0].wrap(self.column_width, availHeight)[1] > BALANCE_FROM * availHeight:
                parts = self._balanced(availHeight)
            slab = _Slab(parts, self.column_width, self.gap)
            slab.spaceBefore, slab.spaceAfter = self.spaceBefore, self.spaceAfter
            return [slab]
        slab = _Slab(parts, self.column_width, self.gap)
        slab.spaceBefore = self.spaceBefore
        following = ColumnFlow(rest, self.columns, self.column_width, self.gap)
        following.spaceBefore = 0.0
        return [slab, following]

    def draw(self) -> None:  # pragma: no cover - always split, never drawn
        """Nothing: the frame draws the slabs that :meth:`split` gives."""
