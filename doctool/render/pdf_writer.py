"""Write a Brief as an A4 PDF with reportlab: Chinese house style after GB/T 9704, English serif.

The writer maps Brief blocks onto flowables and decides nothing about content. Text is set by
:mod:`doctool.render.pdf_text` (kinsoku line breaking, per-character font fallback, no markup
parsing); every font is one of the bundled TrueType fonts and is embedded. The file is written
atomically: a killed run leaves the previous file or none, never half of one.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Table as RLTable
from reportlab.platypus.doctemplate import LayoutError

from doctool.errors import OutputError, RenderError
from doctool.fsutil import atomic_open
from doctool.model import Lang
from doctool.render import fonts
from doctool.render.brief import (
    Block,
    Brief,
    Heading,
    KeyValues,
    PageBreak,
    Paragraph,
    Run,
    Table,
    Title,
    plain,
)
from doctool.render.pdf_text import Outline, Piece, StyledText, TextFlowable, TextStyle

# ------------------------------------------------------------------------------ page geometry

PAGE_WIDTH, PAGE_HEIGHT = A4
#: GB/T 9704 margins: top 37 mm, binding (left) 28 mm, text block 156 x 225 mm
MARGIN_TOP = 37 * mm
MARGIN_LEFT = 28 * mm
MARGIN_RIGHT = 26 * mm
MARGIN_BOTTOM = 35 * mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

GREY = "#555555"
RULE = HexColor("#9CA3AF")
WATERMARK = HexColor("#E5E7EB")

# ------------------------------------------------------------------------------ styles

Kind = Literal[
    "title", "subtitle", "h1", "h2", "h3", "body", "small", "untranslated", "cell", "label", "value"
]
Role = Literal["body", "heading", "title"]

#: Chinese: 2号 (22 pt) title, 三号 (16 pt) Hei headings, 四号 (14 pt) Song body with a line
#: pitch near the standard's 1.8, 五号 (10.5 pt) for notes and tables
ZH_STYLES: dict[Kind, TextStyle] = {
    "title": TextStyle(22, 34, "center", space_after=6, keep_with_next=True, prefer_spaces=True),
    "subtitle": TextStyle(16, 26, "center", space_after=6, prefer_spaces=True),
    "h1": TextStyle(16, 28, "left", space_before=14, space_after=6, keep_with_next=True, prefer_spaces=True),
    "h2": TextStyle(14, 26, "left", space_before=10, space_after=4, keep_with_next=True, prefer_spaces=True),
    "h3": TextStyle(14, 26, "left", space_before=6, space_after=2, keep_with_next=True, prefer_spaces=True),
    "body": TextStyle(14, 26, "justify", first_indent=2, space_after=2),
    "small": TextStyle(10.5, 18, "left", space_after=4, color=GREY),
    "untranslated": TextStyle(14, 26, "justify", first_indent=2, space_after=2, bar=True),
    "cell": TextStyle(10.5, 17, "justify"),
    "label": TextStyle(12, 20, "left"),
    "value": TextStyle(12, 20, "left"),
}

#: English: 20 pt title, 14/12 pt bold headings, 11 pt body on 15.5 pt leading
EN_STYLES: dict[Kind, TextStyle] = {
    "title": TextStyle(20, 26, "center", space_after=6, keep_with_next=True, prefer_spaces=True),
    "subtitle": TextStyle(13, 18, "center", space_after=6, prefer_spaces=True),
    "h1": TextStyle(14, 19, "left", space_before=14, space_after=5, keep_with_next=True, prefer_spaces=True),
    "h2": TextStyle(12, 16, "left", space_before=10, space_after=4, keep_with_next=True, prefer_spaces=True),
    "h3": TextStyle(11, 15, "left", space_before=6, space_after=2, keep_with_next=True, prefer_spaces=True),
    "body": TextStyle(11, 15.5, "justify", space_after=6),
    "small": TextStyle(9, 12, "left", space_after=4, color=GREY),
    "untranslated": TextStyle(11, 15.5, "justify", space_after=6, bar=True),
    "cell": TextStyle(9.5, 13, "justify"),
    "label": TextStyle(10.5, 14, "left"),
    "value": TextStyle(10.5, 14, "left"),
}

STYLES: dict[Lang, dict[Kind, TextStyle]] = {"zh": ZH_STYLES, "en": EN_STYLES}

_PARAGRAPH_KINDS: dict[str, Kind] = {
    "body": "body",
    "lead": "body",
    "statement": "body",
    "caption": "small",
    "byline": "small",
    "note": "small",
    "untranslated": "untranslated",
}

#: space after the title block, before the first block of the document
TITLE_GAP = 18.0
#: inner padding of table cells
CELL_PAD = 4.0
#: the smallest part of a table row left at a page foot or carried over (points)
_MIN_ROW_PART = 24


def run_font(run: Run, role: Role, *, bold: bool = False) -> str:
    """The bundled font a run is drawn in: Song/Hei for Chinese, Noto Serif for English."""
    strong = bold or run.bold
    if run.lang == "zh":
        if role == "heading":
            return fonts.SANS_SC_BOLD
        return fonts.SERIF_SC_BOLD if role == "title" or strong else fonts.SERIF_SC
    if role != "body" or strong:
        return fonts.SERIF_BOLD_ITALIC if run.italic else fonts.SERIF_BOLD
    return fonts.SERIF_ITALIC if run.italic else fonts.SERIF


def _text_lang(runs: tuple[Run, ...], fallback: Lang) -> Lang:
    """The language that sets a block's size: that of its first translated run."""
    for run in runs:
        if run.text.strip() and not run.untranslated:
            return run.lang
    return fallback


# ------------------------------------------------------------------------------ story


@dataclass
class _Story:
    """Turns Brief blocks into flowables; remembers outline state between headings."""

    brief: Brief
    outline_depth: int = -1
    headings: int = 0

    @property
    def default_lang(self) -> Lang:
        return "en" if self.brief.lang == "en" else "zh"

    def text(
        self,
        runs: tuple[Run, ...],
        kind: Kind,
        role: Role = "body",
        *,
        bold: bool = False,
        outline: Outline | None = None,
    ) -> TextFlowable:
        lang = _text_lang(runs, self.default_lang)
        style = STYLES[lang][kind]
        pieces = [Piece(r.text, run_font(r, role, bold=bold), r.untranslated) for r in runs]
        return TextFlowable(StyledText(pieces, style.size), style, outline=outline)

    def outline_for(self, heading: Heading) -> Outline | None:
        if heading.level > 2:
            return None
        # an outline level may go at most one deeper than the entry before it
        level = min(heading.level - 1, self.outline_depth + 1)
        self.outline_depth = level
        self.headings += 1
        # destination names are PDF names: keep the anchor readable but only its safe characters
        safe = re.sub(r"[^A-Za-z0-9_.-]", "", heading.anchor)
        key = f"h{self.headings}-{safe}" if safe else f"h{self.headings}"
        return Outline(plain(heading.text).strip() or key, key, level)

    def blocks(self) -> Iterator[Any]:
        for block in self.brief.blocks:
            yield from self.block(block)

    def block(self, block: Block) -> Iterator[Any]:
        if isinstance(block, Title):
            yield self.text(block.text, "title", "title")
            if block.subtitle:
                yield self.text(block.subtitle, "subtitle")
            yield Spacer(0, TITLE_GAP)
        elif isinstance(block, Heading):
            kind: Kind = "h1" if block.level <= 1 else "h2" if block.level == 2 else "h3"
            role: Role = "heading" if block.level <= 2 else "body"
            yield self.text(block.text, kind, role, bold=block.level > 2, outline=self.outline_for(block))
        elif isinstance(block, Paragraph):
            yield self.text(block.runs, _PARAGRAPH_KINDS.get(block.style, "body"))
        elif isinstance(block, Table):
            yield self.table(block)
        elif isinstance(block, KeyValues):
            yield self.key_values(block)
        elif isinstance(block, PageBreak):
            yield RLPageBreak()
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"unknown block {block!r}")

    def table(self, table: Table) -> RLTable:
        columns = len(table.widths)
        if columns == 0 or any(w <= 0 for w in table.widths):
            raise ValueError(f"table needs positive column widths, got {table.widths}")
        for row in (table.header, *table.rows):
            if row and len(row) != columns:
                raise ValueError(f"table row has {len(row)} cells for {columns} columns")
        total = sum(table.widths)
        col_widths = [TEXT_WIDTH * w / total for w in table.widths]
        data = []
        if table.header:
            data.append([[self.text(cell, "cell", bold=True)] for cell in table.header])
        data.extend([[self.text(cell, "cell")] for cell in row] for row in table.rows)
        if not data:
            data.append([[] for _ in range(columns)])
        header_rows = 1 if table.header else 0
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD + 1),
            # reportlab's default cell font is Helvetica; no cell holds a string, but the
            # default must still not name a font that would not be embedded
            ("FONTNAME", (0, 0), (-1, -1), fonts.SERIF),
        ]
        if table.style == "aligned":
            commands += [
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, HexColor("#374151")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, HexColor("#374151")),
                ("LINEAFTER", (0, 0), (-2, -1), 0.3, RULE),
            ]
            if header_rows:
                commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.6, HexColor("#374151")))
        else:
            commands.append(("GRID", (0, 0), (-1, -1), 0.5, RULE))
            if header_rows:
                commands.append(("BACKGROUND", (0, 0), (-1, 0), HexColor("#F3F4F6")))
        result = RLTable(
            data,
            colWidths=col_widths,
            repeatRows=header_rows,
            # split a row that crosses the page foot inside the row first; reportlab's default
            # (between rows first) leaves a gap that the rest of the table then fills with a
            # repeated header row in mid-page
            splitByRow=0,
            splitInRow=_MIN_ROW_PART,
            style=commands,
            hAlign="LEFT",
        )
        result.spaceBefore = 6
        result.spaceAfter = 10
        return result

    def key_values(self, kv: KeyValues) -> RLTable:
        data = [
            [[self.text(label, "label", bold=True)], [self.text(value, "value")]] for label, value in kv.rows
        ] or [[[], []]]
        result = RLTable(
            data,
            colWidths=[TEXT_WIDTH * 0.28, TEXT_WIDTH * 0.72],
            splitByRow=0,
            splitInRow=_MIN_ROW_PART,
            style=[
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("FONTNAME", (0, 0), (-1, -1), fonts.SERIF),
                ("LINEABOVE", (0, 0), (-1, 0), 0.5, RULE),
                ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE),
            ],
            hAlign="LEFT",
        )
        result.spaceBefore = 6
        result.spaceAfter = 12
        return result


# ------------------------------------------------------------------------------ page furniture


def _draw_string(
    canv: Any, x: float, y: float, text: str, font: str, size: float, align: str = "left"
) -> float:
    """Draw ``text`` in ``font`` with per-character fallback; returns its width."""
    runs = fonts.font_runs(text, font)
    width = float(sum(stringWidth(r.text, r.font, size) for r in runs))
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    tx = canv.beginText(x, y)
    for run in runs:
        tx.setFont(run.font, size)
        tx.textOut(run.text)
    canv.drawText(tx)
    return width


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis so that it fits ``width``."""

    def measure(s: str) -> float:
        return float(sum(stringWidth(r.text, r.font, size) for r in fonts.font_runs(s, font)))

    if measure(text) <= width:
        return text
    while text and measure(text + "…") > width:
        text = text[:-1]
    return text + "…"


#: the letters of the DRAFT watermark as strokes in a 0.6 x 1 box; drawn as paths, not text,
#: so that it shows on every page without getting into the extracted text
_LETTERS: dict[str, list[list[tuple[float, ...]]]] = {
    "D": [[(0, 0), (0, 1), (0.22, 1), (0.62, 1, 0.62, 0, 0.22, 0), (0, 0)]],
    "R": [[(0, 0), (0, 1), (0.27, 1), (0.6, 1, 0.6, 0.5, 0.27, 0.5), (0, 0.5)], [(0.27, 0.5), (0.58, 0)]],
    "A": [[(0, 0), (0.3, 1), (0.6, 0)], [(0.1, 0.33), (0.5, 0.33)]],
    "F": [[(0.55, 1), (0, 1), (0, 0)], [(0, 0.52), (0.45, 0.52)]],
    "T": [[(0, 1), (0.6, 1)], [(0.3, 1), (0.3, 0)]],
}


def _watermark(canv: Any, word: str = "DRAFT") -> None:
    """A large light diagonal word across the page, under the text."""
    unit, gap = 110.0, 0.28
    width = len(word) * 0.6 + (len(word) - 1) * gap
    canv.saveState()
    canv.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canv.rotate(math.degrees(math.atan2(PAGE_HEIGHT, PAGE_WIDTH)))
    canv.scale(unit, unit)
    canv.translate(-width / 2, -0.5)
    canv.setStrokeColor(WATERMARK)
    canv.setLineWidth(0.1)
    canv.setLineCap(1)
    canv.setLineJoin(1)
    path = canv.beginPath()
    for index, letter in enumerate(word):
        dx = index * (0.6 + gap)
        for stroke in _LETTERS[letter]:
            path.moveTo(stroke[0][0] + dx, stroke[0][1])
            for point in stroke[1:]:
                if len(point) == 2:
                    path.lineTo(point[0] + dx, point[1])
                else:
                    path.curveTo(point[0] + dx, point[1], point[2] + dx, point[3], point[4] + dx, point[5])
    canv.drawPath(path, stroke=1, fill=0)
    canv.restoreState()


def _furniture(brief: Brief, total: int | None) -> Callable[[Any, Any], None]:
    """The function that draws header, page number and DRAFT mark on each page."""
    furniture = brief.furniture
    zh = brief.lang != "en"
    header_font = fonts.SERIF_SC if zh else fonts.SERIF
    header = furniture.header.strip()
    if furniture.draft:
        header = f"DRAFT · {header}" if header else "DRAFT"

    def draw(canv: Any, doc: Any) -> None:
        canv.saveState()
        if furniture.draft:
            _watermark(canv)
        top = PAGE_HEIGHT - MARGIN_TOP
        if header:
            size = 9.0
            text = _fit(header, header_font, size, TEXT_WIDTH)
            _draw_string(canv, MARGIN_LEFT + TEXT_WIDTH / 2, top + 14, text, header_font, size, "center")
            canv.setStrokeColor(RULE)
            canv.setLineWidth(0.5)
            canv.line(MARGIN_LEFT, top + 9, MARGIN_LEFT + TEXT_WIDTH, top + 9)
        page = canv.getPageNumber()
        if furniture.page_numbers == "zh":
            # GB/T 9704: 4号 numerals between em dashes, 7 mm below the text block, odd pages
            # on the right and even pages on the left, one character in from the edge
            size = 14.0
            y = MARGIN_BOTTOM - 7 * mm - size * 0.88
            if page % 2:
                x, align = MARGIN_LEFT + TEXT_WIDTH - size, "right"
            else:
                x, align = MARGIN_LEFT + size, "left"
            _draw_string(canv, x, y, f"— {page} —", fonts.SERIF_SC, size, align)
        else:
            label = f"Page {page} of {total}" if total else f"Page {page}"
            y = MARGIN_BOTTOM - 12 * mm
            _draw_string(canv, MARGIN_LEFT + TEXT_WIDTH / 2, y, label, fonts.SERIF, 9, "center")
        canv.restoreState()

    return draw


# ------------------------------------------------------------------------------ building


def _build(brief: Brief, out: IO[bytes], total: int | None) -> int:
    """Lay the brief out into ``out``; returns the number of pages."""
    meta = brief.metadata
    initial = fonts.SERIF if brief.lang == "en" else fonts.SERIF_SC
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        keywords=", ".join(meta.keywords),
        creator="doctool",
        lang=meta.language,
        # the canvas otherwise starts in Helvetica, a font that is never embedded
        initialFontName=initial,
        # no timestamps or random IDs: the same brief gives the same bytes
        invariant=1,
    )
    frame = Frame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        TEXT_WIDTH,
        TEXT_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="text",
    )
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=_furniture(brief, total))])
    story = list(_Story(brief).blocks())
    if not story:
        story = [Spacer(0, 0)]
    try:
        doc.build(story)
    except LayoutError as exc:
        raise RenderError(f"the brief cannot be laid out on A4 pages: {exc}") from None
    return int(doc.page)


def render_pdf(brief: Brief) -> bytes:
    """The PDF for ``brief`` as bytes."""
    fonts.register_fonts()
    total = None
    if brief.furniture.page_numbers == "en":
        # "Page 3 of 12" needs the page count before the first page is drawn: lay out once
        # to count (page furniture never changes the text flow), then again for real
        total = _build(brief, io.BytesIO(), None)
    out = io.BytesIO()
    _build(brief, out, total)
    return out.getvalue()


def write_pdf(brief: Brief, path: Path) -> None:
    """Write ``brief`` to ``path`` as a PDF, atomically."""
    data = render_pdf(brief)
    try:
        with atomic_open(Path(path)) as handle:
            handle.write(data)
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}; free space or choose another path"
        ) from None
