"""Write a Brief as an A4 PDF with reportlab: Chinese house style after GB/T 9704, English serif.

The writer maps Brief blocks onto flowables and decides nothing about content. Text is set by
:mod:`doctool.render.pdf_text` (kinsoku line breaking, per-character font fallback, no markup
parsing); headings stay with the start of what follows them and column-set tables flow down
their columns (:mod:`doctool.render.pdf_flow`); every font is one of the bundled TrueType fonts
and is embedded. The file is written atomically: a killed run leaves the previous file or none,
never half of one.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Literal

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Table as RLTable
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.flowables import HRFlowable

from doctool.errors import OutputError, RenderError
from doctool.fsutil import atomic_open
from doctool.model import Lang
from doctool.render import fonts, pdf_front, pdf_meta
from doctool.render.brief import (
    Block,
    Brief,
    Contents,
    Heading,
    Imprint,
    KeyValues,
    Masthead,
    PageBreak,
    Paragraph,
    Run,
    Table,
    Title,
    plain,
)
from doctool.render.labels import DRAFT_MARK
from doctool.render.pdf_flow import ColumnFlow, KeepWithStart, KeptTable
from doctool.render.pdf_front import PageMap
from doctool.render.pdf_text import Outline, Piece, StyledText, TextFlowable, TextStyle, baseline

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
#: rules inside compact tables and between cover rows: lighter than a grid's
HAIRLINE = HexColor("#D1D5DB")
#: the rule above and below a table
FRAME_RULE = HexColor("#374151")
HEADER_FILL = HexColor("#F3F4F6")
#: the dark red of the rule under a Chinese official document's masthead (as in the DOCX)
ACCENT = HexColor("#A50021")
WATERMARK = HexColor("#E5E7EB")

# ------------------------------------------------------------------------------ styles

Kind = Literal[
    "title", "subtitle", "h1", "h2", "h3", "body", "small", "caption", "byline", "untranslated",
    "cell", "compact", "label", "value", "speaker",
]
Role = Literal["body", "heading", "subheading", "title"]

#: Chinese, as the DOCX: 2号 (22 pt) title, 三号 (16 pt) headings (Hei for parts, bold Song for
#: sections) and Song body on a fixed 28 pt pitch (GB/T 9704: 28 characters a line), 五号
#: (10.5 pt) for notes and tables. Headings are set closer: two lines at body pitch fall apart.
ZH_STYLES: dict[Kind, TextStyle] = {
    "title": TextStyle(22, 34, "center", space_after=6, keep_with_next=True, prefer_spaces=True),
    "subtitle": TextStyle(16, 26, "center", space_after=6, prefer_spaces=True),
    "h1": TextStyle(16, 24, "left", space_before=16, space_after=8, keep_with_next=True, prefer_spaces=True),
    "h2": TextStyle(16, 24, "left", space_before=12, space_after=6, keep_with_next=True, prefer_spaces=True),
    "h3": TextStyle(16, 24, "left", space_before=6, space_after=2, keep_with_next=True, prefer_spaces=True),
    "body": TextStyle(16, 28, "justify", first_indent=2),
    "small": TextStyle(10.5, 18, "left", space_after=4, color=GREY),
    "caption": TextStyle(10.5, 18, "left", space_before=2, space_after=8, color=GREY),
    "byline": TextStyle(10.5, 18, "right", space_before=4, space_after=10, color=GREY, spaces_only=True),
    "untranslated": TextStyle(16, 28, "justify", first_indent=2, bar=True),
    "cell": TextStyle(10.5, 17, "justify"),
    # a narrow glossary cell justified would space its few characters apart
    "compact": TextStyle(9.5, 13.5, "left"),
    "label": TextStyle(12, 20, "left"),
    "value": TextStyle(12, 20, "left"),
    # who speaks, above a statement whose text does not name them: a label, not the text
    "speaker": TextStyle(10.5, 16, "left", space_before=6, space_after=2, color=GREY,
                         keep_with_next=True),
}

#: English, as the DOCX: 20 pt title, 14/12 pt bold headings, 11.5 pt body on 16.5 pt leading.
#: English is set ragged right: without hyphenation, justified lines open rivers.
EN_STYLES: dict[Kind, TextStyle] = {
    "title": TextStyle(20, 26, "center", space_after=6, keep_with_next=True, prefer_spaces=True),
    "subtitle": TextStyle(13, 18, "center", space_after=6, prefer_spaces=True),
    "h1": TextStyle(14, 19, "left", space_before=16, space_after=6, keep_with_next=True, prefer_spaces=True),
    "h2": TextStyle(12, 16, "left", space_before=12, space_after=5, keep_with_next=True, prefer_spaces=True),
    "h3": TextStyle(11, 15, "left", space_before=6, space_after=2, keep_with_next=True, prefer_spaces=True),
    "body": TextStyle(11.5, 16.5, "left", space_after=6),
    "small": TextStyle(9, 12, "left", space_after=4, color=GREY),
    "caption": TextStyle(9, 12, "left", space_before=2, space_after=8, color=GREY),
    "byline": TextStyle(9, 12, "right", space_before=4, space_after=10, color=GREY, spaces_only=True),
    "untranslated": TextStyle(11.5, 16.5, "left", space_after=6, bar=True),
    "cell": TextStyle(9.5, 13, "left"),
    "compact": TextStyle(8.5, 11, "left"),
    "label": TextStyle(10.5, 14, "left"),
    "value": TextStyle(10.5, 14, "left"),
    "speaker": TextStyle(9, 12, "left", space_before=4, space_after=2, color=GREY,
                         keep_with_next=True),
}

STYLES: dict[Lang, dict[Kind, TextStyle]] = {"zh": ZH_STYLES, "en": EN_STYLES}

_PARAGRAPH_KINDS: dict[str, Kind] = {
    "body": "body",
    "lead": "body",
    "statement": "body",
    "caption": "caption",
    "byline": "byline",
    "note": "small",
    "untranslated": "untranslated",
    "speaker": "speaker",
}

#: space after the title block, before the first block of the document
TITLE_GAP = 18.0
#: how far down a cover page its title starts (the DOCX Title style has the same space before)
COVER_DROP = 96.0
#: inner padding of table cells
CELL_PAD = 4.0
#: inner padding of compact (reference list) table cells, vertical and horizontal
COMPACT_PAD = (1.5, 3.0)
#: the gap between the columns of a column-set table
COLUMN_GAP = 5 * mm
#: the label column of cover rows, as a share of the text width (as in the DOCX)
LABEL_SHARE = 1.0 / 4.6
#: the smallest part of a table row left at a page foot or carried over (points)
_MIN_ROW_PART = 24


def run_font(run: Run, role: Role, *, bold: bool = False) -> str:
    """The bundled font a run is drawn in: GB/T 9704's faces for Chinese, Noto Serif for English.

    Chinese text is 仿宋, first-level headings 黑体, second-level headings 楷体 and the title a
    bold Song in place of 小标宋. There is no bold 仿宋: bold Chinese text (labels, table
    headings, a speaker's name) is 黑体, as emphasis in Chinese official documents is.
    """
    strong = bold or run.bold
    if run.lang == "zh":
        if role == "heading" or (strong and role != "title"):
            return fonts.SANS_SC_BOLD
        if role == "title":
            return fonts.SERIF_SC_BOLD
        return fonts.KAI_SC if role == "subheading" else fonts.FANG_SC
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
    #: set texts by their pieces and size, shared by the passes over one brief: measured
    #: once, and broken into lines once for each width (see ``StyledText.layouts``)
    texts: dict[tuple[tuple[Piece, ...], float], StyledText] = field(default_factory=dict)
    outline_depth: int = -1
    headings: int = 0
    #: the headings' bookmarks and pages, for the table of contents
    pages: PageMap = field(default_factory=PageMap)

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
        styles: dict[Lang, TextStyle] | None = None,
        anchor: str = "",
    ) -> list[TextFlowable]:
        """Flowables for ``runs``: one per line-broken part, each in its own language's style
        (``kind``'s, or the one ``styles`` gives).

        The bilingual edition puts the Chinese and the English of a cell or heading on lines of
        their own; each is set at its language's size and leading, as in a cell of its own.
        """
        parts: list[list[Run]] = [[]]
        for run in runs:
            if run.text == "\n":
                parts.append([])
            else:
                parts[-1].append(run)
        out: list[TextFlowable] = []
        for index, part in enumerate(parts):
            lang = _text_lang(tuple(part), self.default_lang)
            style = styles[lang] if styles is not None else STYLES[lang][kind]
            if index:
                # the parts read as one block: no space and no indent between them
                style = replace(style, space_before=0.0, first_indent=0.0)
            if index < len(parts) - 1:
                style = replace(style, space_after=0.0)
            pieces = tuple(Piece(r.text, run_font(r, role, bold=bold), r.untranslated, r.link)
                           for r in part)
            styled = self.texts.get((pieces, style.size))
            if styled is None:
                styled = self.texts[pieces, style.size] = StyledText(pieces, style.size)
            out.append(TextFlowable(styled, style, outline=outline if index == 0 else None,
                                    anchor=anchor if index == 0 else ""))
        return out

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
        # the outline is one line: the languages of a bilingual heading go side by side
        title = " ".join(plain(heading.text).split())
        if heading.anchor:
            self.pages.keys[heading.anchor] = key
        return Outline(title or key, key, level)

    def styled(self, runs: tuple[Run, ...], styles: dict[Lang, TextStyle], role: Role) -> list[TextFlowable]:
        """Flowables for ``runs`` in ``styles`` (the front and back blocks' own looks)."""
        return self.text(runs, "body", role, styles=styles)

    def blocks(self) -> Iterator[Any]:
        for index, block in enumerate(self.brief.blocks):
            if index == 0 and isinstance(block, Title) and self.brief.furniture.cover:
                # a cover sets its title a good way down the page, not hard under the margin
                yield Spacer(0, COVER_DROP)
            yield from self.block(block)

    def block(self, block: Block) -> Iterator[Any]:
        if isinstance(block, Title):
            yield from self.text(block.text, "title", "title")
            if block.subtitle:
                yield from self.text(block.subtitle, "subtitle")
                # the masthead rule of Chinese official documents, under the title block
                yield HRFlowable(width="100%", thickness=1.2, color=ACCENT, spaceBefore=4,
                                 spaceAfter=0)
            yield Spacer(0, TITLE_GAP)
        elif isinstance(block, Heading):
            kind: Kind = "h1" if block.level <= 1 else "h2" if block.level == 2 else "h3"
            # GB/T 9704: 一、 in 黑体, （一） in 楷体 (not bold), lower levels in bold text;
            # English headings are bold serif at every level
            role: Role = "heading" if block.level <= 1 else "subheading" if block.level == 2 else "body"
            outline = self.outline_for(block)
            yield from self.text(block.text, kind, role, bold=block.level > 2, outline=outline,
                                 anchor=block.anchor)
        elif isinstance(block, Paragraph):
            # a speaker label is set in the heading face, as a label and not as the text
            face: Role = "heading" if block.style == "speaker" else "body"
            yield from self.text(block.runs, _PARAGRAPH_KINDS.get(block.style, "body"), face,
                                 anchor=block.anchor)
        elif isinstance(block, Table):
            yield self.table(block)
        elif isinstance(block, KeyValues):
            yield self.key_values(block)
        elif isinstance(block, PageBreak):
            yield RLPageBreak()
        elif isinstance(block, Masthead):
            yield from pdf_front.masthead(block, self.styled, TEXT_WIDTH)
        elif isinstance(block, Contents):
            yield from pdf_front.contents(block, self.styled, self.default_lang, self.pages)
        elif isinstance(block, Imprint):
            yield pdf_front.imprint(block, self.styled)
        else:  # pragma: no cover - the Block union is closed
            raise TypeError(f"unknown block {block!r}")

    def table(self, table: Table) -> Any:
        columns = len(table.widths)
        if columns == 0 or any(w <= 0 for w in table.widths):
            raise ValueError(f"table needs positive column widths, got {table.widths}")
        for row in (table.header, *table.rows):
            if row and len(row) != columns:
                raise ValueError(f"table row has {len(row)} cells for {columns} columns")
        flow = max(1, table.columns)
        width = (TEXT_WIDTH - COLUMN_GAP * (flow - 1)) / flow
        total = sum(table.widths)
        col_widths = [width * w / total for w in table.widths]
        compact = table.style == "compact"
        kind: Kind = "compact" if compact else "cell"
        pad_y, pad_x = COMPACT_PAD if compact else (CELL_PAD, CELL_PAD)
        data: list[list[list[TextFlowable]]] = []
        if table.header:
            data.append([self.text(cell, kind, bold=True) for cell in table.header])
        data.extend([self.text(cell, kind) for cell in row] for row in table.rows)
        header_rows = 1 if table.header else 0
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad_x),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
            ("TOPPADDING", (0, 0), (-1, -1), pad_y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad_y + 1),
            # reportlab's default cell font is Helvetica; no cell holds a string, but the
            # default must still not name a font that would not be embedded
            ("FONTNAME", (0, 0), (-1, -1), fonts.SERIF),
        ]
        commands += _aligned_baselines(data, pad_y)
        if not data:
            data.append([[] for _ in range(columns)])
        if table.style == "aligned":
            # parallel text reads as two columns of a page, not as a grid: no rules at all,
            # the gutter and a paragraph's space apart carry the structure
            commands += [("BOTTOMPADDING", (0, 0), (-1, -1), pad_y + 4)]
        elif compact:
            commands += [
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, HAIRLINE),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, FRAME_RULE),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, FRAME_RULE),
            ]
            if header_rows:
                commands += [
                    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.5, FRAME_RULE),
                ]
        else:
            commands += [
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                # a firmer rule above and below, as the DOCX tables have
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, FRAME_RULE),
                ("LINEBELOW", (0, -1), (-1, -1), 0.8, FRAME_RULE),
            ]
            if header_rows:
                commands.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
        result = KeptTable(
            data,
            colWidths=col_widths,
            # parallel text has its column heads once, over its start, as a book's would
            repeatRows=0 if table.style == "aligned" else header_rows,
            # split a row that crosses the page foot inside the row first; reportlab's default
            # (between rows first) leaves a gap that the rest of the table then fills with a
            # repeated header row in mid-page. A reference list keeps its entries whole.
            splitByRow=1 if compact else 0,
            splitInRow=0 if compact else _MIN_ROW_PART,
            style=commands,
            hAlign="LEFT",
        )
        # the pitch of the longest lines a cell may hold, for how much of a table is enough
        result.line = max(STYLES[lang][kind].leading for lang in STYLES)
        result.spaceBefore = 6
        result.spaceAfter = 10
        if flow > 1:
            return ColumnFlow(result, flow, width, COLUMN_GAP)
        return result

    def key_values(self, kv: KeyValues) -> RLTable:
        data = [
            [self.text(label, "label", bold=True), self.text(value, "value")] for label, value in kv.rows
        ]
        commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("FONTNAME", (0, 0), (-1, -1), fonts.SERIF),
            # the red rule above belongs to the title block; the rows close with a rule below
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, HAIRLINE),
            ("LINEBELOW", (0, -1), (-1, -1), 0.6, FRAME_RULE),
            *_aligned_baselines(data, 4),
        ]
        result = KeptTable(
            data or [[[], []]],
            colWidths=[TEXT_WIDTH * LABEL_SHARE, TEXT_WIDTH * (1 - LABEL_SHARE)],
            splitByRow=0,
            splitInRow=_MIN_ROW_PART,
            style=commands,
            hAlign="LEFT",
        )
        result.spaceBefore = 6
        result.spaceAfter = 12
        return result


def _aligned_baselines(data: list[list[list[TextFlowable]]], padding: float) -> list[tuple[Any, ...]]:
    """Top paddings that put the first lines of a row's cells on one baseline.

    Chinese and English cells have different sizes and leadings, so their first baselines sit
    at different depths; a row reads as one line only if they are level.
    """
    commands: list[tuple[Any, ...]] = []
    for r, row in enumerate(data):
        depths = [baseline(cell[0].style) if cell else 0.0 for cell in row]
        deepest = max(depths, default=0.0)
        for c, depth in enumerate(depths):
            if deepest - depth > 0.05:
                commands.append(("TOPPADDING", (c, r), (c, r), padding + deepest - depth))
    return commands


def _keep_headings(flowables: list[Any]) -> list[Any]:
    """The story with each run of headings grouped with the start of what follows it."""
    out: list[Any] = []
    heads: list[Any] = []
    for flowable in flowables:
        if isinstance(flowable, TextFlowable) and flowable.keepWithNext:
            heads.append(flowable)
            continue
        if heads and not isinstance(flowable, (RLPageBreak, Spacer)):
            out.append(KeepWithStart(heads, flowable))
        else:
            out.extend(heads)
            out.append(flowable)
        heads = []
    out.extend(heads)
    return out


# ------------------------------------------------------------------------------ page furniture


def _draw_string(
    canv: Any, x: float, y: float, text: str, font: str, size: float, align: str = "left"
) -> float:
    """Draw ``text`` in ``font`` with per-character fallback; returns its width."""
    runs = fonts.font_runs(text, font)
    width = _width(runs, size)
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


def _width(runs: list[fonts.FontRun], size: float) -> float:
    """The width of ``runs`` set at ``size``."""
    fonts.register(*{run.font for run in runs})
    return float(sum(stringWidth(r.text, r.font, size) for r in runs))


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis so that it fits ``width``."""

    def measure(s: str) -> float:
        return _width(fonts.font_runs(s, font), size)

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


def _header(canv: Any, text: str, font: str, *, mark: str = "", rule: bool = True) -> None:
    """The running header, centred above the text block, with a rule under it.

    A DRAFT ``mark`` leads it in bold and in the accent colour, as in the DOCX.
    """
    size = 9.0
    top = PAGE_HEIGHT - MARGIN_TOP
    bold = fonts.SERIF_BOLD
    lead = f"{mark} · " if mark and text else mark
    lead_width = _width(fonts.font_runs(lead, bold), size)
    text = _fit(text, font, size, TEXT_WIDTH - lead_width) if text else ""
    width = lead_width + _width(fonts.font_runs(text, font), size)
    x = MARGIN_LEFT + (TEXT_WIDTH - width) / 2
    if lead:
        canv.setFillColor(ACCENT)
        x += _draw_string(canv, x, top + 14, lead, bold, size)
        canv.setFillColor(HexColor("#000000"))
    if text:
        _draw_string(canv, x, top + 14, text, font, size)
    if rule:
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN_LEFT, top + 9, MARGIN_LEFT + TEXT_WIDTH, top + 9)


def _page_number(canv: Any, page: int, style: Lang, total: int | None) -> None:
    """The page number: "— 3 —" on alternate sides (Chinese), or "Page 3 of 12" (English)."""
    if style == "zh":
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


def _furniture(brief: Brief, total: int | None) -> Callable[[Any, Any], None]:
    """The function that draws header, page number and DRAFT mark on each page."""
    furniture = brief.furniture
    zh = brief.lang != "en"
    header_font = fonts.SERIF_SC if zh else fonts.SERIF
    header = furniture.header.strip()
    mark = DRAFT_MARK[furniture.page_numbers] if furniture.draft else ""

    def draw(canv: Any, doc: Any) -> None:
        canv.saveState()
        if furniture.draft:
            _watermark(canv)
        page = canv.getPageNumber()
        if furniture.cover and page == 1:
            # the cover counts as page 1 but shows neither running header nor number (as in
            # the DOCX); a draft still says so at the head of it
            if mark:
                _header(canv, "", header_font, mark=mark, rule=False)
        else:
            if header or mark:
                _header(canv, header, header_font, mark=mark)
            _page_number(canv, page, furniture.page_numbers, total)
        canv.restoreState()

    return draw


# ------------------------------------------------------------------------------ building


class _NullText:
    """A text object that draws nothing."""

    # reportlab's method names
    def setFont(self, *args: Any) -> None:
        """Nothing."""

    def setCharSpace(self, *args: Any) -> None:
        """Nothing."""

    def setFillColor(self, *args: Any) -> None:
        """Nothing."""

    def textOut(self, *args: Any) -> None:
        """Nothing."""


class _PageCounter(Canvas):  # type: ignore[misc]
    """A canvas for a pass that only counts pages: text takes no part in where pages break,
    so none is set, encoded or subset. It notes the page of each bookmark, for the contents."""

    def __init__(self, *args: Any, pages: PageMap | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pages = pages if pages is not None else PageMap()

    def bookmarkPage(self, key: str, **kwargs: Any) -> Any:
        """Note the page of ``key``."""
        self.pages.pages[key] = self.getPageNumber()
        return super().bookmarkPage(key, **kwargs)

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> Any:
        """A text object that draws nothing."""
        return _NullText()

    def drawText(self, aTextObject: Any) -> None:
        """Nothing."""

    def save(self) -> None:
        """Nothing: the pass only counts the pages, and the document is not wanted."""


class _Document(BaseDocTemplate):  # type: ignore[misc]
    """A document template that gives the PDF its metadata, language and opening view."""

    def __init__(self, out: IO[bytes], brief: Brief, created: dt.datetime, story: _Story,
                 **kwargs: Any) -> None:
        super().__init__(out, **kwargs)
        self._doctool = (brief, created, story)

    def beforeDocument(self) -> None:
        """Set the document-level entries once the canvas exists, before the first page."""
        brief, created, story = self._doctool
        fallback = "en-US" if brief.lang == "en" else "zh-CN"
        pdf_meta.apply(self.canv, brief.metadata, created, fallback, outline=story.headings > 0)


def _build(
    brief: Brief, out: IO[bytes], total: int | None, story: _Story, created: dt.datetime, *,
    count_only: bool = False,
) -> int:
    """Lay the brief out into ``out``, dated ``created``; returns the number of pages.

    ``count_only`` lays it out without drawing text or writing the file, to count the pages.
    """
    meta = brief.metadata
    initial = fonts.SERIF if brief.lang == "en" else fonts.SERIF_SC
    doc = _Document(
        out,
        brief,
        created,
        story,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        keywords=", ".join(meta.keywords),
        creator=pdf_meta.CREATOR,
        producer=pdf_meta.PRODUCER,
        # the window shows the title, not the file name
        displayDocTitle=1,
        # the canvas otherwise starts in Helvetica, a font that is never embedded
        initialFontName=initial,
        # no clock and no random IDs: the same brief and date give the same bytes
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
    story.outline_depth, story.headings = -1, 0
    flowables = _keep_headings(list(story.blocks()))
    if not flowables:
        flowables = [Spacer(0, 0)]
    try:
        counter = functools.partial(_PageCounter, pages=story.pages)
        doc.build(flowables, canvasmaker=counter if count_only else Canvas)
    except LayoutError as exc:
        raise RenderError(f"the brief cannot be laid out on A4 pages: {exc}") from None
    return int(doc.page)


def render_pdf(brief: Brief, created: dt.datetime | None = None) -> bytes:
    """The PDF for ``brief`` as bytes, created and last modified at ``created`` (naive UTC;
    None records :data:`~doctool.render.pdf_meta.UNDATED`)."""
    when = created or pdf_meta.UNDATED
    # the page's initial font and the tables' default; the faces the text needs are
    # registered as it is measured
    fonts.register(fonts.SERIF, fonts.SERIF if brief.lang == "en" else fonts.SERIF_SC)
    story = _Story(brief)
    total = None
    contents = any(isinstance(b, Contents) and b.entries for b in brief.blocks)
    if brief.furniture.page_numbers == "en" or contents:
        # "Page 3 of 12" and the contents' page numbers need the pages before the first page
        # is drawn: lay out once to count (page furniture and the numbers never change the
        # text flow), then again for real
        total = _build(brief, io.BytesIO(), None, story, when, count_only=True)
    out = io.BytesIO()
    _build(brief, out, total, story, when)
    return out.getvalue()


def write_pdf(brief: Brief, path: Path, created: dt.datetime | None = None) -> None:
    """Write ``brief`` to ``path`` as a PDF, atomically (``created`` as in :func:`render_pdf`)."""
    data = render_pdf(brief, created)
    try:
        with atomic_open(Path(path)) as handle:
            handle.write(data)
    except OSError as exc:
        raise OutputError(
            f"cannot write {path}: {exc.strerror or exc}; free space or choose another path"
        ) from None
