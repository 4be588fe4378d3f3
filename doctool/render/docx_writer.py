"""Brief -> DOCX with python-docx: named styles, East Asian fonts, page furniture as fields.

The writer decides nothing about content; it maps each Brief block onto a paragraph or table
in a named style of the house style (:mod:`doctool.render.docx_styles`). Chinese needs what
python-docx does not do by itself: the East Asian font (``w:rFonts w:eastAsia``), the East Asian
language (``w:lang w:eastAsia``) and a ``w:hint`` so that quotation marks in Chinese text are
set full-width. The faces and the hint live in the styles alone: a run in the other language
than its paragraph style's, or bold Chinese (黑体), names a character style, never a face, so an
office changes the fonts of a brief in styles.xml. Borders, cell margins and the header row's
fill are the table styles'. Paragraphs keep their distance by their spacing, never by empty
paragraphs. Page numbers are PAGE / NUMPAGES fields written as XML.

Every run, of the body and of the page furniture alike, is made by :func:`_run` through
python-docx's oxml layer. The body's paragraphs and tables are made the same way, element by
element, rather than through python-docx's proxy objects, whose lookups cost more than the
writing itself on a brief of hundreds of paragraphs and table cells; property elements that
many runs or cells share are made once and copied.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, assert_never

import docx
from docx.enum.section import WD_SECTION_START
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from doctool import __version__
from doctool.fsutil import atomic_open
from doctool.model import Lang
from doctool.render import docx_front
from doctool.render.brief import (
    Block,
    Brief,
    Contents,
    Furniture,
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
from doctool.render.docx_fonts import CHARACTER_STYLES, FONTS, FontRole, register_fonts
from doctool.render.docx_styles import (
    ACCENT,
    CELL_STYLES,
    PARAGRAPH_STYLES,
    TABLE_STYLES,
    UNTRANSLATED_FILL,
    Align,
    TableKind,
    define_styles,
    drop_styles_with_effects,
    house,
    text_lang,
)
from doctool.render.kinsoku import is_cjk
from doctool.render.labels import DRAFT_MARK, PAGE_NUMBERS
from doctool.render.oxml import (
    PPR_ORDER,
    RPR_ORDER,
    TBLPR_ORDER,
    TCPR_ORDER,
    reorder,
    set_child,
    set_lang,
    shade,
    twips,
    xml_safe,
)
from doctool.render.pagination import LONG_ROW_LINES, rows_kept_with_next

Cells = tuple[tuple[Run, ...], ...]

#: the gap between the columns of a column-set table (as in the PDF)
COLUMN_GAP_MM = 5.0
#: the air between a table and the paragraph after it, in points, added to its space before
TABLE_AIR = 18.0
#: the colour of text that links to another place in the document (as in the PDF)
LINK_COLOR = "1F4E79"


# -- the walk ------------------------------------------------------------------------------------


class _Writer:
    """Walks the Brief and adds each block to the python-docx document."""

    def __init__(self, brief: Brief) -> None:
        self.brief = brief
        base = house(brief.lang)
        # the masthead's, the contents' and the 报尾's styles join the house's
        self.house = replace(base, styles=base.styles + docx_front.front_styles(brief.lang))
        self.document = docx.Document()
        #: the body's section properties, which stay its last child: blocks go in before them
        self.end = self.document.element.body.get_or_add_sectPr()
        self.page_break_pending = False
        self.bookmark_id = 0
        self.style_ids: dict[str, str] = {}
        #: the number of page columns the text is being set in
        self.columns = 1
        #: the language the paragraph styles set their faces for; runs in the other name a
        #: character style
        self.text_lang = text_lang(brief.lang)
        #: the last block was a table: the next paragraph keeps its distance by space before
        self.after_table = False
        #: each paragraph style's faces
        self.roles: dict[str, FontRole] = {spec.name: spec.font for spec in self.house.styles}
        #: the last block was the masthead: the title follows it closely
        self.after_masthead = False

    def style_id(self, name: str) -> str:
        """The id of the named style: python-docx's own lookup rescans every style."""
        if name not in self.style_ids:
            self.style_ids[name] = self.document.styles[name].style_id
        return self.style_ids[name]

    def append(self, element: Any) -> None:
        """Add a paragraph or table at the end of the body."""
        self.end.addprevious(element)

    def build(self) -> Any:
        drop_styles_with_effects(self.document)
        define_styles(self.document, self.house, self.brief.lang)
        docx_front.finish_styles(self.document, round(self.width_mm / 25.4 * 1440))
        register_fonts(self.document)
        _settings(self.document, self.brief)
        self.page_setup()
        for block in self.brief.blocks:
            self.add(block)
        if self.after_table:
            # Word ends a document (and a table cell) with a paragraph, never with a table
            self.append(_paragraph(self.style_id("Table Text")))
        return self.document

    @property
    def width_mm(self) -> float:
        _, right, _, left = self.house.margins_mm
        return 210 - left - right

    def page_setup(self) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        top, right, bottom, left = self.house.margins_mm
        section.top_margin, section.right_margin = Mm(top), Mm(right)
        section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
        section.header_distance = Mm(self.house.header_mm)
        section.footer_distance = Mm(self.house.footer_mm)
        # a cover carries no running header or page number, only the DRAFT mark if any
        section.different_first_page_header_footer = self.brief.furniture.cover
        furniture = self.brief.furniture
        self.header(section.first_page_header, furniture, running=False)
        self.header(section.header, furniture, running=True)
        if furniture.page_numbers == "zh":
            # GB/T 9704: odd page numbers on the right, even on the left, one character in
            self.header(section.even_page_header, furniture, running=True)
            self.footer(section.footer, "zh", "right")
            self.footer(section.even_page_footer, "zh", "left")
        else:
            self.footer(section.footer, "en", "center")
        _clear(section.first_page_footer)

    # -- blocks --

    def add(self, block: Block) -> None:
        self.add_block(block)
        self.after_masthead = isinstance(block, Masthead)

    def add_block(self, block: Block) -> None:
        if isinstance(block, PageBreak):
            self.page_break_pending = True
            # what follows starts a page: it needs no distance from the table above
            self.after_table = False
        elif isinstance(block, Title):
            # under a masthead the title needs none of a bare cover's drop
            before = 18 * 20 if self.after_masthead else None  # 18 pt
            self.paragraph(_phrase_lines(block.text, self.width_mm, self.title_size), "Title",
                           space_before=before)
            if block.subtitle:
                self.paragraph(block.subtitle, "Subtitle")
        elif isinstance(block, Heading):
            style = "Heading 1" if block.level <= 1 else "Heading 2"
            self.paragraph(block.text, style, anchor=block.anchor)
        elif isinstance(block, Paragraph):
            self.paragraph(block.runs, PARAGRAPH_STYLES[block.style], anchor=block.anchor)
        elif isinstance(block, Table):
            self.table(block.header, block.rows, block.widths, block.style, block.columns)
        elif isinstance(block, KeyValues):
            # label and value columns; the labels are short words
            self.table(None, block.rows, (1.0, 3.6), "keyvalues")
        elif isinstance(block, Masthead):
            docx_front.masthead(block, self.paragraph, self.brief_lang)
        elif isinstance(block, Contents):
            docx_front.contents(block, self.paragraph, self.run, self.brief_lang)
        elif isinstance(block, Imprint):
            if self.columns > 1:
                self.set_columns(1)
            if self.after_table:
                # two tables in a row would run together as one (the colophon's and this)
                self.append(_paragraph(self.style_id("Table Text"), space_after=Pt(6).twips))
            width = round(self.width_mm / 25.4 * 1440)
            self.append(docx_front.imprint(block, self.paragraph, self.brief_lang, width))
            self.after_table = True
        else:
            assert_never(block)

    @property
    def brief_lang(self) -> Lang:
        """The language of the edition's page furniture (Chinese in the bilingual one)."""
        return self.brief.furniture.page_numbers

    @property
    def title_size(self) -> float:
        return next(spec.size for spec in self.house.styles if spec.name == "Title")

    def run(self, run: Run, role: FontRole = "serif", color: str | None = None) -> Any:
        """One ``w:r`` for ``run``, naming the character style of its language if its
        paragraph style sets faces for the other, or 黑体's if it is bold Chinese text."""
        if run.lang == "zh" and run.bold and role in ("serif", "kai", "song"):
            # there is no bold 仿宋 to draw the PDF with: bold Chinese is 黑体 in both formats
            role = "sans"
            text_style: str | None = self.style_id(CHARACTER_STYLES[("zh", role)])
        elif run.lang != self.text_lang:
            text_style = self.style_id(CHARACTER_STYLES[(run.lang, role)])
        else:
            text_style = None
        return _run(run, text_style, color)

    def add_runs(self, p: Any, runs: Iterable[Run], style: str) -> None:
        """Append ``runs`` to the paragraph ``p`` in the paragraph style ``style``."""
        role = self.roles[style]
        for run in runs:
            if run.link:
                # an internal hyperlink to the bookmark on the paragraph the run points at
                link = OxmlElement("w:hyperlink", {qn("w:anchor"): docx_front.bookmark_name(run.link),
                                                   qn("w:history"): "1"})
                link.append(self.run(run, role, LINK_COLOR))
                p.append(link)
            else:
                p.append(self.run(run, role))

    def paragraph(self, runs: Iterable[Run], style: str, *, anchor: str = "",
                  space_before: int | None = None) -> Any:
        """Add a paragraph of ``runs`` in ``style``, bookmarked ``anchor`` if given, with
        ``space_before`` (twips) if given; returns it."""
        if self.columns > 1:
            self.set_columns(1)
        if self.after_table:
            spec = next(spec for spec in self.house.styles if spec.name == style)
            space_before = round((spec.before + TABLE_AIR) * 20)
            self.after_table = False
        p = _paragraph(self.style_id(style), page_break=self.page_break_pending,
                       space_before=space_before)
        self.page_break_pending = False
        if anchor:
            name = docx_front.bookmark_name(anchor)
            number = str(self.bookmark_id)
            p.append(OxmlElement("w:bookmarkStart", {qn("w:id"): number, qn("w:name"): name}))
        self.add_runs(p, runs, style)
        if anchor:
            p.append(OxmlElement("w:bookmarkEnd", {qn("w:id"): number}))
            self.bookmark_id += 1
        self.append(p)
        return p

    def set_columns(self, count: int) -> None:
        """End the section here and set what follows in ``count`` page columns."""
        sentinel = self.end
        last = sentinel.getprevious()
        if last is None or last.tag != qn("w:p"):
            # a section ends with a paragraph: after a table, an empty one closes it
            last = _paragraph(self.style_id("Table Text"))
            self.append(last)
            self.after_table = False
        # the section that ends here keeps the page furniture; the new one inherits it
        last.set_sectPr(sentinel.clone())
        for reference in sentinel.xpath("w:headerReference|w:footerReference"):
            sentinel.remove(reference)
        section = self.document.sections[-1]
        section.start_type = WD_SECTION_START.CONTINUOUS
        # the new section starts mid-page, so it has no first page of its own
        section.different_first_page_header_footer = False
        cols = set_child(sentinel, "w:cols", num=str(count), space=twips(COLUMN_GAP_MM / 25.4 * 72))
        if count == 1:
            cols.attrib.pop(qn("w:num"), None)
        self.columns = count

    def table(
        self,
        header: Cells | None,
        rows: Sequence[Cells],
        widths: Sequence[float],
        kind: TableKind,
        flow: int = 1,
    ) -> None:
        if self.page_break_pending:
            # a table cannot start a page by itself: an empty paragraph carries the break
            r = OxmlElement("w:r")
            r.append(OxmlElement("w:br", {qn("w:type"): "page"}))
            p = OxmlElement("w:p")
            p.append(r)
            self.append(p)
            self.page_break_pending = False
        if flow != self.columns:
            self.set_columns(flow)
        if self.after_table:
            # two tables in a row would run together as one: a paragraph keeps them apart
            self.append(_paragraph(self.style_id("Table Text"), space_after=Pt(6).twips))
            self.after_table = False
        total = sum(widths)
        width_mm = (self.width_mm - COLUMN_GAP_MM * (flow - 1)) / flow
        column_twips = [round(width_mm / 25.4 * 1440 * w / total) for w in widths]
        head_style, text_style = CELL_STYLES[kind]
        all_rows: list[tuple[Cells, bool]] = []
        if header:
            all_rows.append((header, True))
        all_rows.extend((row, False) for row in rows)
        tbl = OxmlElement("w:tbl")
        tbl.append(_table_properties(self.style_id(TABLE_STYLES[kind]), sum(column_twips)))
        grid = OxmlElement("w:tblGrid")
        for width in column_twips:
            grid.append(OxmlElement("w:gridCol", {qn("w:w"): str(width)}))
        tbl.append(grid)
        # Word keeps a row on the page of the next one when its paragraphs keep with the next:
        # the header with the first rows, and the last rows together (see pagination)
        kept = rows_kept_with_next(len(rows))
        size = next(spec for spec in self.house.styles if spec.name == text_style).size
        for number, (cells, is_header) in enumerate(all_rows):
            keep_next = is_header or (number - (1 if header else 0)) in kept
            if len(cells) != len(column_twips):
                # as python-docx's cell walk does: a row must have a cell for every column
                raise ValueError(f"table row has {len(cells)} cells for {len(column_twips)} columns")
            tr = OxmlElement("w:tr")
            # a paragraph of parallel text may run on over a page break, as text does, and so
            # may a row whose cell is a long paragraph
            splits = kind == "aligned" or (not is_header and _long_row(cells, column_twips, size))
            tr.append(copy.deepcopy(_row_properties(is_header and kind != "aligned",
                                                    splits=splits)))
            for index, (runs, width) in enumerate(zip(cells, column_twips, strict=True)):
                heading = is_header or (kind == "keyvalues" and index == 0)
                name = head_style if heading else text_style
                tc = OxmlElement("w:tc")
                tc.append(copy.deepcopy(_cell_properties(width)))
                p = _paragraph(self.style_id(name), keep_next=keep_next)
                self.add_runs(p, runs, name)
                tc.append(p)
                tr.append(tc)
            tbl.append(tr)
        self.append(tbl)
        self.after_table = True

    # -- page furniture --

    def header(self, header: Any, furniture: Furniture, *, running: bool) -> None:
        """The running header (or the cover's): the DRAFT mark if any, then the event and date."""
        p = _clear(header, _paragraph(self.style_id("Header")))
        main: Lang = furniture.page_numbers
        if furniture.draft:
            # the mark leads the header, in the accent colour ("DRAFT · event date", as in the PDF)
            p.append(self.run(Run(DRAFT_MARK[main], main, bold=True), "song", color=ACCENT))
            if running and furniture.header:
                p.append(self.run(Run(" · ", "en"), "song"))
            p.append(_watermark(DRAFT_MARK["en"]))
        if running:
            p.append(self.run(Run(furniture.header, main), "song"))
        else:
            # the cover's header stays empty but for the DRAFT mark, so drop its rule
            ppr = p.get_or_add_pPr()
            bdr = set_child(ppr, "w:pBdr")
            set_child(bdr, "w:bottom", val="nil")
            reorder(ppr, PPR_ORDER)

    def footer(self, footer: Any, style: Lang, align: Align) -> None:
        """The page number, in ``style``'s form, aligned to ``align``."""
        p = _clear(footer, _paragraph(self.style_id("Footer")))
        ppr = p.get_or_add_pPr()
        set_child(ppr, "w:jc", val=align)
        if align in ("left", "right"):
            # one full-width character in from the edge of the text block
            set_child(ppr, "w:ind", **{align: twips(14)})
        reorder(ppr, PPR_ORDER)
        template = PAGE_NUMBERS[style]
        for piece in re.split(r"(\{page\}|\{pages\})", template):
            if piece == "{page}":
                _field(p, "PAGE", style, self.furniture_run)
            elif piece == "{pages}":
                _field(p, "NUMPAGES", style, self.furniture_run)
            elif piece:
                p.append(self.furniture_run(Run(piece, style)))

    def furniture_run(self, run: Run) -> Any:
        """A run of the page furniture, which is 宋体 (GB/T 9704's page numbers are)."""
        return self.run(run, "song")


# -- elements --------------------------------------------------------------------------------------

#: what python-docx turns into elements of their own in run text: tabs, and line breaks
_RUN_BREAKS = re.compile(r"(\t|\r|\n)")


def _paragraph(
    style_id: str,
    *,
    page_break: bool = False,
    space_after: int | None = None,
    space_before: int | None = None,
    keep_next: bool = False,
) -> Any:
    """An empty ``w:p`` in the style ``style_id``, with a page break before it, or space after
    or before it (in twips), or kept on the page of the next paragraph, if asked."""
    p = OxmlElement("w:p")
    p.append(copy.deepcopy(_paragraph_properties(style_id, page_break, space_after,
                                                 space_before, keep_next)))
    return p


@functools.cache
def _paragraph_properties(
    style_id: str, page_break: bool, space_after: int | None, space_before: int | None,
    keep_next: bool = False,
) -> Any:
    """The ``w:pPr`` of :func:`_paragraph`, made once for each combination and then copied."""
    ppr = OxmlElement("w:pPr")
    set_child(ppr, "w:pStyle", val=style_id)
    if keep_next:
        set_child(ppr, "w:keepNext")
    if page_break:
        set_child(ppr, "w:pageBreakBefore")
    if space_after is not None:
        set_child(ppr, "w:spacing", after=str(space_after))
    if space_before is not None:
        set_child(ppr, "w:spacing", before=str(space_before))
    reorder(ppr, PPR_ORDER)
    return ppr


def _run(run: Run, text_style: str | None = None, color: str | None = None) -> Any:
    """One ``w:r`` in the character style ``text_style`` if any: its properties, then its
    text, with tabs and line breaks as python-docx's own ``Run.text`` makes them."""
    r = OxmlElement("w:r")
    r.append(copy.deepcopy(_run_properties(run.lang, run.bold, run.italic, run.untranslated,
                                           text_style, color)))
    for piece in _RUN_BREAKS.split(xml_safe(run.text)):
        if piece == "\t":
            r.add_tab()
        elif piece in ("\r", "\n"):
            r.add_br()
        elif piece:
            r.add_t(piece)
    return r


@functools.cache
def _run_properties(
    lang: Lang,
    bold: bool,
    italic: bool,
    untranslated: bool,
    text_style: str | None,
    color: str | None,
) -> Any:
    """The ``w:rPr`` of a run, made once for each combination and then copied: the faces are
    the styles', a run names none.

    Nor does a run carry a ``w:hint``: the styles set Chinese text in its CJK face in every
    slot (ascii, hAnsi, eastAsia) and hint it East Asian, and English text hinted ``default``,
    so a shared character (“ ” — … ·) comes out in the same face with or without a hint on
    the run.
    """
    rpr = OxmlElement("w:rPr")
    if text_style is not None:
        set_child(rpr, "w:rStyle", val=text_style)
    if bold:
        set_child(rpr, "w:b")
    if italic and lang == "en":
        # Han characters have no italic; slanting them is a misprint, so only Latin text leans
        set_child(rpr, "w:i")
    if color is not None:
        set_child(rpr, "w:color", val=color)
    if untranslated:
        set_child(rpr, "w:highlight", val="yellow")
        shade(rpr, UNTRANSLATED_FILL)
    set_lang(rpr, lang)
    reorder(rpr, RPR_ORDER)
    return rpr


@functools.cache
def _row_properties(header: bool, splits: bool = False) -> Any:
    """A row's ``w:trPr``: never split across pages unless ``splits``; a header row repeats."""
    trpr = OxmlElement("w:trPr")
    if not splits:
        set_child(trpr, "w:cantSplit")
    if header:
        set_child(trpr, "w:tblHeader")
    return trpr


@functools.cache
def _cell_properties(width: int) -> Any:
    """A cell's ``w:tcPr``: its width in twips (its borders and fill are the table style's)."""
    tcpr = OxmlElement("w:tcPr")
    set_child(tcpr, "w:tcW", type="dxa", w=str(width))
    reorder(tcpr, TCPR_ORDER)
    return tcpr


def _table_properties(style_id: str, width: int) -> Any:
    """Table properties: the named style, which has the borders, cell margins and header row
    fill, fixed column widths, and the first row looked up as the header."""
    tblpr = OxmlElement("w:tblPr")
    set_child(tblpr, "w:tblStyle", val=style_id)
    set_child(tblpr, "w:tblW", type="dxa", w=str(width))
    set_child(tblpr, "w:tblLayout", type="fixed")
    set_child(tblpr, "w:tblLook", firstColumn="0", firstRow="1", lastColumn="0", lastRow="0",
              noHBand="1", noVBand="1", val="0420")
    reorder(tblpr, TBLPR_ORDER)
    return tblpr


def _long_row(cells: Cells, widths: Sequence[int], size: float) -> bool:
    """True when a cell of the row runs to :data:`LONG_ROW_LINES` lines or more, near enough."""
    for runs, width in zip(cells, widths, strict=True):
        per_line = width / 20 / size  # ems: twips to points, points to the cell text's size
        lines = sum(math.ceil(_em_width(part) / per_line) for part in plain(runs).split("\n")
                    if part)
        if lines >= LONG_ROW_LINES:
            return True
    return False


def _em_width(text: str) -> float:
    """The width of ``text`` in ems, near enough to choose line breaks by."""
    # a Han character is one em; Latin letters average about half of one
    return sum(1.0 if is_cjk(c) else 0.55 for c in text)


def _phrase_lines(runs: Iterable[Run], width_mm: float, size: float) -> list[Run]:
    """A Chinese title broken into lines at the spaces between its phrases, not mid-phrase.

    Chinese headlines separate phrases with spaces ("攻坚克难 唯实争先 奋力谱写…"); Word would
    break the last phrase wherever the line is full. A space that a phrase would not fit after
    becomes a line break (the PDF writer breaks at the same places).
    """
    width = width_mm / 25.4 * 72 / size  # in ems
    out: list[Run] = []
    used = 0.0
    for run in runs:
        if run.lang != "zh" or " " not in run.text.strip():
            out.append(run)
            used += _em_width(run.text)
            continue
        text = ""
        for index, phrase in enumerate(run.text.split(" ")):
            needed = _em_width(phrase)
            if index and used + 0.5 + needed > width:
                text += "\n" + phrase
                used = needed
            else:
                text += (" " if index else "") + phrase
                used += (0.5 if index else 0.0) + needed
        out.append(replace(run, text=text))
    return out


# -- page furniture --------------------------------------------------------------------------------


def _clear(part: Any, paragraph: Any = None) -> Any:
    """Empty a header or footer part but for one paragraph (``paragraph``, else an empty one)."""
    part.is_linked_to_previous = False
    element = part._element
    for child in list(element):
        element.remove(child)
    p = OxmlElement("w:p") if paragraph is None else paragraph
    element.append(p)
    return p


def _field(p: Any, instruction: str, lang: Lang, make_run: Callable[[Run], Any]) -> None:
    """A simple field as begin / instrText / separate / cached result / end runs, each made by
    ``make_run``."""
    for kind in ("begin", "instr", "separate", "result", "end"):
        r = make_run(Run("1" if kind == "result" else "", lang))
        if kind == "instr":
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = f" {instruction} "
            r.append(text)
        elif kind != "result":
            r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))
        p.append(r)


_VML_NAMESPACES = (
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)


def _watermark(text: str) -> Any:
    """Word's own watermark: a pale diagonal WordArt shape, as a run to anchor in the header.

    VML is outside python-docx's oxml layer (its namespaces are not even registered), and the
    shape is fixed but for its text, so it is parsed from Word's own markup.
    """
    return parse_xml(
        f"<w:r {nsdecls('w')} {_VML_NAMESPACES}><w:pict>"
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
        '<v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>'
        '<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>'
        '<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>'
        '<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>'
        '<v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>'
        '<v:path textpathok="t" o:connecttype="custom" '
        'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
        'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
        '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
        '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
        '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" '
        'style="position:absolute;margin-left:0;margin-top:0;width:380pt;height:110pt;'
        "rotation:315;z-index:-251657216;mso-position-horizontal:center;"
        "mso-position-horizontal-relative:margin;mso-position-vertical:center;"
        'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#e4e4e4" '
        'stroked="f"><v:fill opacity=".5"/>'
        f'<v:textpath style="font-family:&quot;{FONTS["sans"][0]}&quot;;font-size:1pt" '
        f'string="{text}"/><w10:wrap anchorx="margin" anchory="margin"/></v:shape>'
        "</w:pict></w:r>"
    )


# -- document parts --------------------------------------------------------------------------------

def _settings(document: Any, brief: Brief) -> None:
    settings = document.settings
    settings.odd_and_even_pages_header_footer = brief.furniture.page_numbers == "zh"
    element = settings.element
    theme = element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:eastAsia"), "zh-CN")


def _core_properties(document: Any, brief: Brief, created: dt.datetime | None) -> None:
    props = document.core_properties
    meta = brief.metadata
    props.title = _fit(meta.title)
    props.subject = _fit(meta.subject)
    props.author = _fit(meta.author)
    props.language = _fit(meta.language)
    keywords: list[str] = []
    for keyword in meta.keywords:
        # whole keywords only: a cut one would be a wrong keyword
        if len("; ".join([*keywords, keyword])) > CORE_PROPERTY_LIMIT:
            break
        keywords.append(keyword)
    props.keywords = xml_safe("; ".join(keywords))
    props.category = "Meeting brief"
    props.last_modified_by = "doctool"
    props.comments = ""
    props.revision = 1
    if created is not None:
        props.created = created
        props.modified = created


_EXTENDED_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def app_version(version: str = __version__) -> str:
    """doctool's version in the form Office reads an AppVersion in ("0.0001" for 0.1.x)."""
    major, minor = (int(part) for part in [*version.split("."), "0"][:2])
    return f"{major}.{minor:04d}"


def _extended_properties(document: Any, brief: Brief) -> None:
    """docProps/app.xml as it is: made by doctool, for the publication; not by Word on a Mac
    from Normal.dotm, as python-docx's template says. Counts of pages and words are left to
    the office program, which knows them after laying the document out."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            # the template's picture of a blank page is no thumbnail of this document
            del package.rels[rel_id]
    part = next(rel.target_part for rel in package.rels.values()
                if rel.reltype == RELATIONSHIP_TYPE.EXTENDED_PROPERTIES)
    root = parse_xml(f'<Properties xmlns="{_EXTENDED_PROPERTIES}"/>')
    # the author of a brief is its compiling office (the house settings'), else its source
    for tag, value in (("Application", "doctool"), ("DocSecurity", "0"),
                       ("Company", _fit(brief.metadata.author)),
                       ("AppVersion", app_version())):
        child = root.makeelement(f"{{{_EXTENDED_PROPERTIES}}}{tag}")
        child.text = value
        root.append(child)
    part._blob = serialize_part_xml(root)


#: python-docx refuses core properties longer than this
CORE_PROPERTY_LIMIT = 255


def _fit(text: str) -> str:
    text = xml_safe(text)
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    return text[: CORE_PROPERTY_LIMIT - 1] + "…"


def render_docx(brief: Brief, created: dt.datetime | None = None) -> bytes:
    """The Word document for ``brief`` as bytes, created and last modified at ``created``
    (naive UTC; without it, at the fixed date of python-docx's template)."""
    document = _Writer(brief).build()
    _core_properties(document, brief, created)
    _extended_properties(document, brief)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_docx(brief: Brief, path: Path, created: dt.datetime | None = None) -> None:
    """Write ``brief`` as a Word document at ``path``, atomically (``created`` as in
    :func:`render_docx`)."""
    data = render_docx(brief, created)
    with atomic_open(Path(path)) as handle:
        handle.write(data)
