"""The page-breaking rules both writers follow, in lines and rows (reportlab and Word alike).

A page that starts with the last row or two of a table, or ends with a heading and one line
under it, looks like a mistake; these numbers say how much has to stay together instead.
"""

from __future__ import annotations

#: body rows of a table that stay above a page break
MIN_HEAD_ROWS = 3
#: body rows of a table that go on below a page break: no page starts with fewer
MIN_TAIL_ROWS = 4
#: lines of the paragraph after a heading that go with it
MIN_START_LINES = 3
#: lines of a paragraph that stay at the foot of a page, and that go on at the head of the next
MIN_PARAGRAPH_LINES = 2
#: a table row with a cell this many lines long may split across pages as a paragraph does:
#: kept whole, it would move on and leave the page above it half empty
LONG_ROW_LINES = 8


def rows_kept_with_next(rows: int) -> frozenset[int]:
    """The body rows (of ``rows``, counted from 0) that must stay on the page of the row after.

    The first :data:`MIN_HEAD_ROWS` and the last :data:`MIN_TAIL_ROWS` each form a chain; a
    table too short for both to be apart is one chain. The last row keeps with nothing.
    """
    if rows <= MIN_HEAD_ROWS + MIN_TAIL_ROWS:
        return frozenset(range(rows - 1))
    head = range(MIN_HEAD_ROWS - 1)
    tail = range(rows - MIN_TAIL_ROWS, rows - 1)
    return frozenset((*head, *tail))
