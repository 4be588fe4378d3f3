"""A reportlab flowable that sets mixed Chinese and Latin text line by line, by the kinsoku rules.

reportlab's own Paragraph is not used for any text: it parses its input as markup (``x<y``
crashes it, ``<img src=...>`` reads local files) and its ``wordWrap='CJK'`` breaks lines against
the rules. Here every character is drawn literally with ``textOut``; lines come from
:func:`doctool.render.kinsoku.break_spans`; each character is drawn in the first bundled font
that has it, all at one size on one baseline. Only reportlab objects live in this module.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Literal

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from doctool.render import fonts
from doctool.render.kinsoku import BREAKING_SPACES, break_spans, is_cjk
from doctool.render.pagination import MIN_PARAGRAPH_LINES

Align = Literal["left", "center", "right", "justify"]

#: where the baseline sits in a line box, as a fraction of the font size above the em-box
#: bottom; the CJK em box runs from -0.12 em to 0.88 em, so this centres ideographs
_ASCENT = 0.88
#: justification never widens a gap between Chinese characters by more than this (in ems):
#: wider gaps look letter-spaced, and from about 0.4 em pdftotext reads them as spaces
_MAX_CJK_STRETCH = 0.25
#: nor a word space by more than this
_MAX_SPACE_STRETCH = 0.6

#: how text that stands in for a missing translation is marked
MARK_FILL = HexColor("#FDE68A")
MARK_TEXT = HexColor("#7C2D12")
#: the colour of text that links to another place in the document
LINK_TEXT = HexColor("#1F4E79")


def destination(anchor: str) -> str:
    """The PDF destination name of a Brief anchor: only the characters a PDF name keeps."""
    return "a-" + re.sub(r"[^A-Za-z0-9_.-]", "_", anchor)


@dataclass(frozen=True)
class TextStyle:
    """How a block of text looks: size and leading in points, alignment, spacing, colour."""

    size: float
    leading: float
    align: Align = "left"
    #: indent of the first line, in ems (Chinese body text indents two characters)
    first_indent: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    color: str = "#000000"
    keep_with_next: bool = False
    #: a bar in the left margin, for paragraphs that stand in for a missing translation
    bar: bool = False
    #: break at spaces between phrases where possible (titles and headings)
    prefer_spaces: bool = False
    #: break only at spaces (a byline's names are never split)
    spaces_only: bool = False


@functools.cache
def _color(hex_color: str) -> Color:
    """A reportlab colour for ``#RRGGBB``, made once for every line drawn in it."""
    return HexColor(hex_color)


def baseline(style: TextStyle) -> float:
    """How far below the top of a text block its first baseline lies."""
    # the em box is centred in the line box: half the extra leading above it
    return (style.leading - style.size) / 2 + _ASCENT * style.size


@dataclass(frozen=True)
class Piece:
    """Text to draw in ``font`` (falling back per character); ``marked`` draws it highlighted."""

    text: str
    font: str
    marked: bool = False
    #: the anchor this text links to ("" for none)
    link: str = ""


@dataclass(frozen=True)
class Outline:
    """A bookmark and outline entry to place where a flowable is drawn."""

    title: str
    key: str
    level: int


#: (font, size) -> character -> advance width in points; reportlab measures a character in
#: Python, and a brief asks for the same few thousand characters over and over
_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}


def _char_widths(text: str, font: str, size: float) -> list[float]:
    """The advance width of each character of ``text`` in ``font`` at ``size``."""
    table = _WIDTHS.get((font, size))
    if table is None:
        # the first text in this font: reportlab measures only fonts registered with it
        fonts.register(font)
        table = _WIDTHS[font, size] = {}
    try:
        return [table[c] for c in text]
    except KeyError:
        for c in text:
            if c not in table:
                table[c] = stringWidth(c, font, size)
        return [table[c] for c in text]


class StyledText:
    """Characters with, for each, the font that draws it, its width and whether it is marked."""

    def __init__(self, pieces: Sequence[Piece], size: float) -> None:
        chars: list[str] = []
        self.fonts: list[str] = []
        self.marked: list[bool] = []
        self.links: list[str] = []
        self.widths: list[float] = []
        for piece in pieces:
            # tabs are spaces here; line feeds are hard breaks and carry no font
            for index, segment in enumerate(piece.text.replace("\t", " ").split("\n")):
                if index:
                    chars.append("\n")
                    self.fonts.append("")
                    self.marked.append(False)
                    self.links.append("")
                    self.widths.append(0.0)
                for run in fonts.font_runs(segment, piece.font):
                    chars.append(run.text)
                    self.fonts.extend([run.font] * len(run.text))
                    self.marked.extend([piece.marked] * len(run.text))
                    self.links.extend([piece.link] * len(run.text))
                    self.widths.extend(_char_widths(run.text, run.font, size))
        self.text = "".join(chars)
        self.size = size
        #: lines already broken, by the flowable's span, ends and width: a PDF with "Page 3
        #: of 12" is laid out twice, and its second pass reuses the first one's line breaks
        self.layouts: dict[tuple[int, int, bool, bool, float, TextStyle], list[_Line]] = {}


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    indent: float
    justify: bool


def _bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved inwards past spaces and line feeds."""
    while start < end and (text[start] in BREAKING_SPACES or text[start] == "\n"):
        start += 1
    while end > start and (text[end - 1] in BREAKING_SPACES or text[end - 1] == "\n"):
        end -= 1
    return start, end


class TextFlowable(Flowable):  # type: ignore[misc]
    """A paragraph (or a part of one, after a page break) set line by line."""

    def __init__(
        self,
        text: StyledText,
        style: TextStyle,
        *,
        outline: Outline | None = None,
        span: tuple[int, int] | None = None,
        first: bool = True,
        last: bool = True,
        anchor: str = "",
    ) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.outline = outline
        #: a destination that links elsewhere in the document jump to
        self.anchor = anchor
        self.start, self.end = _bounds(text.text, *(span or (0, len(text.text))))
        self.first = first
        self.last = last
        self.spaceBefore = style.space_before if first else 0.0
        self.spaceAfter = style.space_after if last else 0.0
        self.keepWithNext = style.keep_with_next
        self._cache: tuple[float, list[_Line]] | None = None
        self._lines: list[_Line] = []

    def __repr__(self) -> str:
        return f"TextFlowable({self.text.text[self.start : self.start + 30]!r})"

    # ------------------------------------------------------------------------- layout

    def _layout(self, width: float) -> list[_Line]:
        if self._cache is not None and abs(self._cache[0] - width) < 1e-6:
            return self._cache[1]
        key = (self.start, self.end, self.first, self.last, width, self.style)
        lines = self.text.layouts.get(key)
        if lines is None:
            lines = self.text.layouts[key] = self._break(width)
        self._cache = (width, lines)
        return lines

    def _break(self, width: float) -> list[_Line]:
        """The lines of this flowable's span at ``width``, broken afresh."""
        text, widths = self.text.text, self.text.widths
        indent = self.style.first_indent * self.text.size if self.first else 0.0
        lines: list[_Line] = []
        segment_start = self.start
        while segment_start < self.end:
            newline = text.find("\n", segment_start, self.end)
            segment_end = self.end if newline < 0 else newline
            first_line_indent = indent if segment_start == self.start else 0.0
            base = segment_start

            def measure(s: int, e: int, base: int = base, extra: float = first_line_indent) -> float:
                return sum(widths[base + s : base + e]) + (extra if s == 0 else 0.0)

            spans = break_spans(
                text[segment_start:segment_end], width, measure, prefer_spaces=self.style.prefer_spaces,
                spaces_only=self.style.spaces_only,
            )
            for k, (s, e) in enumerate(spans):
                final = k == len(spans) - 1
                # the last line of a paragraph is not justified; a line that ends only
                # because the page ended (a split part) is
                justify = not final or (newline < 0 and not self.last)
                lines.append(
                    _Line(base + s, base + e, first_line_indent if k == 0 and s == 0 else 0.0, justify)
                )
            segment_start = segment_end + 1
        return lines

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Break into lines for ``availWidth``; the height is the lines times the leading."""
        self._lines = self._layout(availWidth)
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split after as many lines as fit, keeping at least two lines at each end."""
        if self._cache is not None:
            # reportlab's table wraps a cell's flowables at the column width less the padding
            # but splits them at the full column width: keep the width the lines were made for
            availWidth = min(availWidth, self._cache[0])
        lines = self._layout(availWidth)
        fit = int((availHeight + 1e-6) // self.style.leading)
        total = len(lines)
        if fit >= total:
            return []
        # no orphan and no widow: at least two lines stay behind and two go on; a paragraph
        # too short for that moves on whole
        fit = min(fit, total - MIN_PARAGRAPH_LINES)
        if fit < MIN_PARAGRAPH_LINES:
            return []
        head = TextFlowable(
            self.text,
            self.style,
            outline=self.outline,
            span=(self.start, lines[fit - 1].end),
            first=self.first,
            last=False,
            anchor=self.anchor,
        )
        head._cache = (availWidth, lines[:fit])
        tail = TextFlowable(
            self.text, self.style, span=(lines[fit].start, self.end), first=False, last=self.last
        )
        # the tail's lines are the rest of ours (greedy breaking from a break point gives the
        # same lines); laying it out afresh would make a paragraph of many pages quadratic
        tail._cache = (availWidth, lines[fit:])
        return [head, tail]

    # ------------------------------------------------------------------------- drawing

    def _stretches(self, line: _Line) -> tuple[list[bool], bool]:
        """Where justification may add space, and whether the line is set the Chinese way.

        A line with Chinese in it is justified between every pair of characters as Chinese
        typesetting does, except inside a Latin word or number: "GDP" and "2025" stay solid
        rather than letter-spaced. The gaps stay even, which is also what lets text extractors
        read them as spacing rather than as word breaks. A Latin line is not justified at all
        (see :meth:`_extras`).
        """
        text = self.text.text
        chinese = any(is_cjk(c) for c in text[line.start : line.end])
        out = []
        for i in range(line.start, line.end - 1):
            a, b = text[i], text[i + 1]
            if chinese:
                out.append(
                    unicodedata.combining(b) == 0
                    and (is_cjk(a) or is_cjk(b) or a in BREAKING_SPACES)
                )
            else:
                out.append(a in BREAKING_SPACES)
        out.append(False)
        return out, chinese

    def _extras(self, line: _Line, free: float) -> list[float]:
        """Space added after each character of ``line`` to justify it (zeros if it may not)."""
        count = line.end - line.start
        if self.style.align != "justify" or not line.justify or free <= 0:
            return [0.0] * count
        stretch, chinese = self._stretches(line)
        points = sum(stretch)
        if not points or not chinese:
            # English is set ragged right: without hyphenation, justified lines open rivers
            return [0.0] * count
        per = free / points
        limit = (_MAX_CJK_STRETCH if chinese else _MAX_SPACE_STRETCH) * self.text.size
        if per > limit:
            return [0.0] * count
        return [per if s else 0.0 for s in stretch]

    def draw(self) -> None:
        """Draw the lines; place the outline entry first, if any."""
        canv = self.canv
        style, size = self.style, self.text.size
        if self.outline is not None and self.first:
            _, top = canv.absolutePosition(0, self.height)
            canv.bookmarkPage(self.outline.key, fit="XYZ", left=0, top=top + size)
            canv.addOutlineEntry(self.outline.title, self.outline.key, self.outline.level)
        if self.anchor and self.first:
            _, top = canv.absolutePosition(0, self.height)
            canv.bookmarkPage(destination(self.anchor), fit="XYZ", left=0, top=top + size)
        if style.bar and self._lines:
            canv.saveState()
            canv.setFillColor(MARK_TEXT)
            canv.rect(-7, 0, 2, self.height, stroke=0, fill=1)
            canv.restoreState()
        below_top = baseline(style)
        for n, line in enumerate(self._lines):
            self._draw_line(line, self.height - n * style.leading - below_top)

    def _draw_line(self, line: _Line, y: float) -> None:
        canv, style, data = self.canv, self.style, self.text
        widths = data.widths[line.start : line.end]
        natural = sum(widths)
        free = self.width - line.indent - natural
        x = line.indent
        if style.align == "center":
            x += free / 2
        elif style.align == "right":
            x += free
        extras = self._extras(line, free)

        # highlight marked characters first, so that the text is drawn over it
        if any(data.marked[line.start : line.end]):
            position = x
            canv.saveState()
            canv.setFillColor(MARK_FILL)
            for i, (w, e) in enumerate(zip(widths, extras, strict=True)):
                if data.marked[line.start + i]:
                    canv.rect(position, y - 0.22 * data.size, w + e, 1.16 * data.size, stroke=0, fill=1)
                position += w + e
            canv.restoreState()

        links = data.links[line.start : line.end]
        if any(links):
            self._link_rects(links, widths, extras, x, y)

        normal = _color(style.color)
        tx = canv.beginText(x, y)
        state: tuple[str, float, bool, bool] | None = None
        text = data.text[line.start : line.end]
        position = 0
        # one chunk of text per stretch of characters alike in font, spacing, marking and link
        for key, same in groupby(zip(data.fonts[line.start : line.end], extras,
                                     data.marked[line.start : line.end], map(bool, links),
                                     strict=True)):
            if state is None or key[0] != state[0]:
                tx.setFont(key[0], data.size)
            if state is None or key[1] != state[1]:
                tx.setCharSpace(key[1])
            if state is None or key[2:] != state[2:]:
                tx.setFillColor(MARK_TEXT if key[2] else LINK_TEXT if key[3] else normal)
            state = key
            count = sum(1 for _ in same)
            tx.textOut(text[position : position + count])
            position += count
        canv.drawText(tx)


    def _link_rects(
        self, links: list[str], widths: list[float], extras: list[float], x: float, y: float
    ) -> None:
        """A link annotation over each stretch of the line that links to one anchor."""
        size = self.text.size
        position = x
        index = 0
        for anchor, same in groupby(links):
            count = sum(1 for _ in same)
            width = sum(widths[index : index + count]) + sum(extras[index : index + count])
            if anchor:
                rect = (position, y - 0.22 * size, position + width, y + 0.94 * size)
                self.canv.linkRect("", destination(anchor), rect, relative=1, thickness=0)
            position += width
            index += count
