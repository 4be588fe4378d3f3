"""Brief -> DOCX with python-docx: named styles, East Asian fonts, page furniture as fields.

The writer decides nothing about content; it maps each Brief block onto a paragraph or table
in a named style of the house style (:mod:`doctool.render.docx_styles`). Chinese needs what
python-docx does not do by itself: the East Asian font (``w:rFonts w:eastAsia``), the East Asian
language (``w:lang w:eastAsia``) and a ``w:hint`` so that quotation marks in Chinese text are
set full-width. Page numbers are PAGE / NUMPAGES fields written as XML.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, assert_never

import docx
from docx.enum.section import WD_SECTION_START
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from lxml import etree

from doctool.fsutil import atomic_open
from doctool.model import Lang
from doctool.render.brief import (
    Block,
    Brief,
    Furniture,
    Heading,
    KeyValues,
    PageBreak,
    Paragraph,
    Run,
    Table,
    Title,
)
from doctool.render.docx_styles import (
    ACCENT,
    CELL_STYLES,
    FONTS,
    HEADER_FILL,
    PARAGRAPH_STYLES,
    SANS_STYLES,
    TABLE_STYLES,
    UNTRANSLATED_FILL,
    Align,
    FontRole,
    TableKind,
    cell_margins,
    define_styles,
    drop_styles_with_effects,
    house,
    register_fonts,
    table_borders,
)
from doctool.render.kinsoku import is_cjk
from doctool.render.labels import DRAFT_MARK, PAGE_NUMBERS
from doctool.render.oxml import (
    LANG_TAGS,
    PPR_ORDER,
    RPR_ORDER,
    reorder,
    set_child,
    set_lang,
    shade,
    twips,
    xml_safe,
)

Cells = tuple[tuple[Run, ...], ...]

#: the gap between the columns of a column-set table (as in the PDF)
COLUMN_GAP_MM = 5.0


# -- the walk ------------------------------------------------------------------------------------


class _Writer:
    """Walks the Brief and adds each block to the python-docx document.

    python-docx builds a document element by element, each through several layers of Python;
    the body of a brief (hundreds of paragraphs and table cells) is written here as XML text
    instead, parsed by lxml in one go and appended to the body: the same elements, in the same
    order and with the same attributes, as python-docx would have made. Sections, headers,
    footers, styles and properties still go through python-docx.
    """

    def __init__(self, brief: Brief) -> None:
        self.brief = brief
        self.house = house(brief.lang)
        self.document = docx.Document()
        self.page_break_pending = False
        self.bookmark_id = 0
        self.style_ids: dict[str, str] = {}
        #: the number of page columns the text is being set in
        self.columns = 1
        #: body blocks written as XML and not yet appended to the document
        self.pending: list[str] = []

    def style_id(self, name: str) -> str:
        """The id of the named style: python-docx's own lookup rescans every style."""
        if name not in self.style_ids:
            self.style_ids[name] = self.document.styles[name].style_id
        return self.style_ids[name]

    def style(self, paragraph: Any, name: str) -> None:
        """Give ``paragraph`` the named style by id."""
        paragraph._p.style = self.style_id(name)

    def flush(self) -> None:
        """Append the blocks written as XML so far to the body, before its section properties."""
        if not self.pending:
            return
        sentinel = self.document.element.body.get_or_add_sectPr()
        fragment = parse_xml(f"<w:body {nsdecls('w')}>{''.join(self.pending)}</w:body>")
        for child in list(fragment):
            sentinel.addprevious(child)
        self.pending.clear()

    def build(self) -> Any:
        drop_styles_with_effects(self.document)
        define_styles(self.document, self.house, self.brief.lang)
        register_fonts(self.document)
        _settings(self.document, self.brief)
        self.page_setup()
        for block in self.brief.blocks:
            self.add(block)
        self.flush()
        _core_properties(self.document, self.brief)
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
        _fill_header(section.first_page_header, furniture, running=False)
        _fill_header(section.header, furniture, running=True)
        if furniture.page_numbers == "zh":
            # GB/T 9704: odd page numbers on the right, even on the left, one character in
            _fill_header(section.even_page_header, furniture, running=True)
            _fill_footer(section.footer, "zh", "right")
            _fill_footer(section.even_page_footer, "zh", "left")
        else:
            _fill_footer(section.footer, "en", "center")
        _clear(section.first_page_footer)

    # -- blocks --

    def add(self, block: Block) -> None:
        if isinstance(block, PageBreak):
            self.page_break_pending = True
        elif isinstance(block, Title):
            self.paragraph(_phrase_lines(block.text, self.width_mm, self.title_size), "Title")
            if block.subtitle:
                self.paragraph(block.subtitle, "Subtitle")
        elif isinstance(block, Heading):
            style = "Heading 1" if block.level <= 1 else "Heading 2"
            self.paragraph(block.text, style, anchor=block.anchor)
        elif isinstance(block, Paragraph):
            self.paragraph(block.runs, PARAGRAPH_STYLES[block.style])
        elif isinstance(block, Table):
            self.table(block.header, block.rows, block.widths, block.style, block.columns)
        elif isinstance(block, KeyValues):
            # label and value columns; the labels are short words
            self.table(None, block.rows, (1.0, 3.6), "keyvalues")
        else:
            assert_never(block)

    @property
    def title_size(self) -> float:
        return next(spec.size for spec in self.house.styles if spec.name == "Title")

    def paragraph(self, runs: Iterable[Run], style: str, *, anchor: str = "") -> None:
        if self.columns > 1:
            self.set_columns(1)
        parts = [_ppr_xml(self.style_id(style), page_break=self.page_break_pending)]
        self.page_break_pending = False
        end = ""
        if anchor:
            # Word bookmark names: a letter first, then letters, digits or underscores, 40 at most
            name = ("b_" + re.sub(r"\W", "_", anchor, flags=re.ASCII))[:40]
            parts.append(f'<w:bookmarkStart w:id="{self.bookmark_id}" w:name="{name}"/>')
            end = f'<w:bookmarkEnd w:id="{self.bookmark_id}"/>'
            self.bookmark_id += 1
        parts.append(_runs_xml(runs, "sans" if style in SANS_STYLES else "serif"))
        parts.append(end)
        self.pending.append(f"<w:p>{''.join(parts)}</w:p>")

    def set_columns(self, count: int) -> None:
        """End the section here and set what follows in ``count`` page columns."""
        self.flush()
        body = self.document.element.body
        sentinel = body.get_or_add_sectPr()
        last = sentinel.getprevious()
        if last is None or last.tag != qn("w:p"):
            # a section ends with a paragraph: after a table, an empty one closes it
            closing = self.document.add_paragraph()
            self.style(closing, "Table Text")
            last = closing._p
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
            self.pending.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
            self.page_break_pending = False
        if flow != self.columns:
            self.set_columns(flow)
        total = sum(widths)
        width_mm = (self.width_mm - COLUMN_GAP_MM * (flow - 1)) / flow
        column_twips = [round(width_mm / 25.4 * 1440 * w / total) for w in widths]
        head_style, text_style = CELL_STYLES[kind]
        all_rows: list[tuple[Cells, bool]] = []
        if header:
            all_rows.append((header, True))
        all_rows.extend((row, False) for row in rows)
        xml = [
            "<w:tbl>",
            _tblpr_xml(self.style_id(TABLE_STYLES[kind]), kind, sum(column_twips)),
            "<w:tblGrid>",
            *(f'<w:gridCol w:w="{width}"/>' for width in column_twips),
            "</w:tblGrid>",
        ]
        for cells, is_header in all_rows:
            if len(cells) != len(column_twips):
                # as python-docx's cell walk does: a row must have a cell for every column
                raise ValueError(f"table row has {len(cells)} cells for {len(column_twips)} columns")
            # a row is never split across pages; the header row repeats on every page
            xml.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if is_header
                       else "<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for index, (runs, width) in enumerate(zip(cells, column_twips, strict=True)):
                shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>' if is_header else ""
                heading = is_header or (kind == "keyvalues" and index == 0)
                name = head_style if heading else text_style
                xml.append(
                    f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>{shading}</w:tcPr>'
                    f"<w:p>{_ppr_xml(self.style_id(name))}"
                    f"{_runs_xml(runs, 'sans' if name in SANS_STYLES else 'serif')}</w:p></w:tc>"
                )
            xml.append("</w:tr>")
        xml.append("</w:tbl>")
        self.pending.append("".join(xml))
        # a little air after a table before the next heading or paragraph
        spacer = _ppr_xml(self.style_id("Table Text"), space_after=Pt(6).twips)
        self.pending.append(f"<w:p>{spacer}</w:p>")


#: characters that XML text must escape, and attribute values the quote as well
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_XML_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
#: what python-docx turns into elements of their own in run text: tabs, and line breaks
_RUN_BREAKS = re.compile(r"(\t|\r|\n)")


def _ppr_xml(style_id: str, *, page_break: bool = False, space_after: int | None = None) -> str:
    """Paragraph properties: the style, a page break before, space after (in twips)."""
    extra = "<w:pageBreakBefore/>" if page_break else ""
    if space_after is not None:
        extra += f'<w:spacing w:after="{space_after}"/>'
    return f'<w:pPr><w:pStyle w:val="{style_id.translate(_XML_ATTRIBUTE)}"/>{extra}</w:pPr>'


def _runs_xml(runs: Iterable[Run], role: FontRole) -> str:
    """The runs as ``w:r`` elements, as :func:`_add_run` makes them."""
    return "".join(_run_xml(run, role) for run in runs)


def _run_xml(run: Run, role: FontRole) -> str:
    """One run: its properties in schema order, then its text, tabs and line breaks."""
    props: list[str] = []
    if run.lang == "zh":
        # see _add_run: Chinese text is set wholly in the CJK face
        face = FONTS[role][1].translate(_XML_ATTRIBUTE)
        props.append(f'<w:rFonts w:ascii="{face}" w:hAnsi="{face}" w:eastAsia="{face}" w:hint="eastAsia"/>')
    if run.bold:
        props.append("<w:b/>")
    if run.italic and run.lang == "en":
        props.append("<w:i/>")
    if run.untranslated:
        props.append('<w:highlight w:val="yellow"/>')
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{UNTRANSLATED_FILL}"/>')
    props.append(f'<w:lang w:val="{LANG_TAGS[run.lang]}" w:eastAsia="zh-CN" w:bidi="ar-SA"/>')
    content: list[str] = []
    for piece in _RUN_BREAKS.split(xml_safe(run.text)):
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            content.append("<w:br/>")
        elif piece:
            # python-docx keeps leading and trailing white space the same way
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            content.append(f"<w:t{space}>{piece.translate(_XML_TEXT)}</w:t>")
    return f"<w:r><w:rPr>{''.join(props)}</w:rPr>{''.join(content)}</w:r>"


def _tblpr_xml(style_id: str, kind: TableKind, width: int) -> str:
    """Table properties: the named style, fixed column widths, and direct borders and margins
    as well as the style's (LibreOffice reads table styles only in part)."""
    return (
        f'<w:tblPr><w:tblStyle w:val="{style_id.translate(_XML_ATTRIBUTE)}"/>'
        f'<w:tblW w:type="dxa" w:w="{width}"/>{_inner_xml(table_borders, kind)}'
        f'<w:tblLayout w:type="fixed"/>{_inner_xml(cell_margins, kind)}'
        '<w:tblLook w:firstColumn="0" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
        'w:noHBand="1" w:noVBand="1" w:val="0420"/></w:tblPr>'
    )


@functools.cache
def _inner_xml(make: Callable[[Any, TableKind], None], kind: TableKind) -> str:
    """What ``make`` adds to an empty ``w:tblPr`` for ``kind``, as XML (the same helpers write
    the table styles)."""
    tblpr = OxmlElement("w:tblPr")
    make(tblpr, kind)
    xml = str(etree.tostring(tblpr, encoding="unicode"))
    return xml[xml.index(">") + 1 : xml.rindex("<")]


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


def _add_runs(paragraph: Any, runs: Iterable[Run], role: FontRole) -> None:
    for run in runs:
        _add_run(paragraph, run, role)


def _add_run(paragraph: Any, run: Run, role: FontRole = "serif") -> Any:
    r = paragraph.add_run(xml_safe(run.text))
    if run.bold:
        r.bold = True
    if run.italic and run.lang == "en":
        # Han characters have no italic; slanting them is a misprint, so only Latin text leans
        r.italic = True
    rpr = r._r.get_or_add_rPr()
    if run.lang == "zh":
        # Chinese text is set wholly in the CJK face: quotation marks (“ ”), which Word and
        # LibreOffice otherwise take from the Latin font, come out full-width, and digits match
        east_asian = FONTS[role][1]
        set_child(rpr, "w:rFonts", ascii=east_asian, hAnsi=east_asian, eastAsia=east_asian,
                  hint="eastAsia")
    set_lang(rpr, run.lang)
    if run.untranslated:
        shade(rpr, UNTRANSLATED_FILL)
        set_child(rpr, "w:highlight", val="yellow")
    reorder(rpr, RPR_ORDER)
    return r


# -- page furniture --------------------------------------------------------------------------------


def _clear(part: Any) -> None:
    part.is_linked_to_previous = False
    element = part._element
    for child in list(element):
        element.remove(child)
    element.append(OxmlElement("w:p"))


def _fill_header(header: Any, furniture: Furniture, *, running: bool) -> None:
    _clear(header)
    paragraph = header.paragraphs[0]
    paragraph.style = "Header"
    main: Lang = furniture.page_numbers
    if furniture.draft:
        # the mark leads the header, in the accent colour ("DRAFT · event date", as in the PDF)
        mark = _add_run(paragraph, Run(DRAFT_MARK[main], main, bold=True))
        rpr = mark._r.get_or_add_rPr()
        set_child(rpr, "w:color", val=ACCENT)
        reorder(rpr, RPR_ORDER)
        if running and furniture.header:
            _add_run(paragraph, Run(" · ", "en"))
        _watermark(paragraph, DRAFT_MARK["en"])
    if running:
        _add_run(paragraph, Run(furniture.header, main))
    else:
        # the cover's header stays empty but for the DRAFT mark, so drop its rule
        ppr = paragraph._p.get_or_add_pPr()
        bdr = set_child(ppr, "w:pBdr")
        set_child(bdr, "w:bottom", val="nil")
        reorder(ppr, PPR_ORDER)


def _fill_footer(footer: Any, style: Lang, align: Align) -> None:
    _clear(footer)
    paragraph = footer.paragraphs[0]
    paragraph.style = "Footer"
    ppr = paragraph._p.get_or_add_pPr()
    set_child(ppr, "w:jc", val=align)
    if align in ("left", "right"):
        # one full-width character in from the edge of the text block
        set_child(ppr, "w:ind", **{align: twips(14)})
    reorder(ppr, PPR_ORDER)
    template = PAGE_NUMBERS[style]
    for piece in re.split(r"(\{page\}|\{pages\})", template):
        if piece == "{page}":
            _field(paragraph, "PAGE", style)
        elif piece == "{pages}":
            _field(paragraph, "NUMPAGES", style)
        elif piece:
            _add_run(paragraph, Run(piece, style))


def _field(paragraph: Any, instruction: str, lang: Lang) -> None:
    """A simple field as begin / instrText / separate / cached result / end runs."""
    for kind in ("begin", "instr", "separate", "result", "end"):
        r = _add_run(paragraph, Run("1" if kind == "result" else "", lang))
        if kind == "instr":
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = f" {instruction} "
            r._r.append(text)
        elif kind != "result":
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            r._r.append(char)


_VML_NAMESPACES = (
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word"'
)


def _watermark(paragraph: Any, text: str) -> None:
    """Word's own watermark: a pale diagonal WordArt shape anchored in the header."""
    shape = parse_xml(
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
    paragraph._p.append(shape)


# -- document parts --------------------------------------------------------------------------------

def _settings(document: Any, brief: Brief) -> None:
    settings = document.settings
    settings.odd_and_even_pages_header_footer = brief.furniture.page_numbers == "zh"
    element = settings.element
    theme = element.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:eastAsia"), "zh-CN")


def _core_properties(document: Any, brief: Brief) -> None:
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
    now = _now()
    props.created = now
    props.modified = now


#: python-docx refuses core properties longer than this
CORE_PROPERTY_LIMIT = 255


def _fit(text: str) -> str:
    text = xml_safe(text)
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    return text[: CORE_PROPERTY_LIMIT - 1] + "…"


def _now() -> dt.datetime:
    # reproducible builds set SOURCE_DATE_EPOCH; otherwise the document is stamped now
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(tz=dt.UTC).replace(tzinfo=None)


def render_docx(brief: Brief) -> bytes:
    """The Word document for ``brief`` as bytes."""
    document = _Writer(brief).build()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_docx(brief: Brief, path: Path) -> None:
    """Write ``brief`` as a Word document at ``path``, atomically."""
    data = render_docx(brief)
    with atomic_open(Path(path)) as handle:
        handle.write(data)

