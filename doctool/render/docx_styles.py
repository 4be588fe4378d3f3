"""The house style of the DOCX briefs: page geometry, named styles, fonts and table looks.

GB/T 9704 gives the Chinese conventions (A4, 37/26/35/28 mm margins, 三号 仿宋 body text, 二号
小标宋 title, 黑体 and 楷体 headings; the faces are in :mod:`doctool.render.docx_fonts`); the
English and bilingual editions keep the geometry with sizes suited to Latin text. Styles are
real named styles, so an office that edits a brief restyles it in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from doctool.model import Lang
from doctool.render.brief import BriefLang, ParagraphStyle
from doctool.render.docx_fonts import CHARACTER_STYLES, FontRole, set_fonts
from doctool.render.oxml import (
    PPR_ORDER,
    RPR_ORDER,
    TBLPR_ORDER,
    TCPR_ORDER,
    border,
    reorder,
    set_child,
    set_lang,
    shade,
    twips,
)

Align = Literal["left", "center", "right", "both"]

ACCENT = "A50021"  # the dark red of a Chinese official document's rule under the masthead
RULE = "7F7F7F"
HEADER_FILL = "EDEDED"
UNTRANSLATED_FILL = "FFF2A8"


@dataclass(frozen=True)
class StyleSpec:
    """One named paragraph style: font, size (pt), spacing (pt) and paragraph layout."""

    name: str
    font: FontRole = "serif"
    size: float = 11
    bold: bool = False
    italic: bool = False
    color: str | None = None
    align: Align | None = None
    #: exact line height in points; None for single spacing
    line: float | None = None
    before: float = 0
    after: float = 0
    #: first-line indent in characters (Chinese body text is indented two)
    first_line_chars: int = 0
    left: float = 0
    keep_next: bool = False
    outline: int | None = None
    rule_below: str | None = None
    base: str | None = "Normal"


@dataclass(frozen=True)
class House:
    """Page geometry and the styles of one edition."""

    margins_mm: tuple[float, float, float, float]  # top, right, bottom, left
    header_mm: float
    footer_mm: float
    styles: tuple[StyleSpec, ...]


def house(lang: BriefLang) -> House:
    """GB/T 9704 geometry for every edition; type sizes per language (三号 body in Chinese)."""
    # compact: the type of reference lists (the annex), smaller than the tables' (五号 is 10.5 pt)
    if lang == "en":
        body, line, table, compact, h1, h2, small = 11.5, 16.5, 9.5, 8.5, 14.0, 12.0, 9.0
        indent = 0
        after = 6.0
    elif lang == "zh":
        body, line, table, compact, h1, h2, small = 16.0, 28.0, 10.5, 9.0, 16.0, 16.0, 10.5
        indent = 2
        after = 0.0
    else:
        body, line, table, compact, h1, h2, small = 12.0, 20.0, 10.5, 9.0, 15.0, 13.0, 9.0
        indent = 0
        after = 4.0
    # Chinese is justified, as Han text sets evenly; English justified leaves rivers: ragged right
    justify: Align = "left" if lang == "en" else "both"
    styles = (
        StyleSpec("Normal", size=body, base=None),
        # 二号 (22 pt) for a Chinese title; a long English one reads better a little smaller
        # 小标宋 is a display face, never made bold
        StyleSpec("Title", font="title", size=20 if lang == "en" else 22, bold=lang != "zh",
                  align="center", before=96, after=12, line=None),
        StyleSpec("Subtitle", size=h2, align="center", after=24,
                  rule_below=ACCENT),
        StyleSpec("Heading 1", font="sans", size=h1, bold=True, before=18, after=10,
                  keep_next=True, outline=0),
        # GB/T 9704's second level is 楷体, not bold; an English one is bold serif
        StyleSpec("Heading 2", font="kai", size=h2, bold=lang != "zh", before=12, after=6,
                  keep_next=True, outline=1),
        StyleSpec("Body Text", size=body, line=line, after=after, align=justify,
                  first_line_chars=indent),
        StyleSpec("Lead", size=body, line=line, after=after, align=justify,
                  first_line_chars=indent, base="Body Text"),
        # a statement reads as body text: its own words say who speaks, or a Speaker Label above
        StyleSpec("Statement", size=body, line=line, after=after, align=justify,
                  first_line_chars=indent, base="Body Text"),
        # a photo caption with no photo reads as a note: flush left, its label in bold
        StyleSpec("Caption", size=table, color="404040", before=2, after=10),
        StyleSpec("Byline", size=table + 1, align="right", before=6, after=12),
        StyleSpec("Note", size=table + 0.5, color="404040", before=6, after=6),
        # who speaks, above a statement whose text does not name them: small, grey, in the
        # heading face, kept with the statement, so it reads as a label and not as the text
        StyleSpec("Speaker Label", font="sans", size=table, color="595959", before=6, after=2,
                  keep_next=True),
        StyleSpec("Untranslated", size=body, line=line, after=after, base="Body Text"),
        StyleSpec("Table Text", size=table, after=0),
        StyleSpec("Table Heading", font="sans", size=table, bold=True, after=0,
                  base="Table Text"),
        # an exact pitch, as in the PDF: the CJK faces' own line gap would open the list up
        StyleSpec("Compact Text", size=compact, line=round(compact * 1.4, 1), after=0),
        # the cover rows, in the PDF's sizes: 小四 (12 pt) in Chinese
        StyleSpec("Cover Text", size=10.5 if lang == "en" else 12, after=0),
        StyleSpec("Cover Label", font="sans", size=10.5 if lang == "en" else 12, bold=True,
                  after=0, base="Cover Text"),
        StyleSpec("Compact Heading", font="sans", size=compact, bold=True, after=0,
                  base="Compact Text"),
        StyleSpec("Header", font="song", size=small, color="404040", align="center",
                  rule_below=RULE),
        # "— 3 —" numbers are 4号 (14 pt) 宋体 wherever they are used, the bilingual edition too
        StyleSpec("Footer", font="song", size=small if lang == "en" else 14),
    )
    return House((37, 26, 35, 28), header_mm=18, footer_mm=24, styles=styles)


PARAGRAPH_STYLES: dict[ParagraphStyle, str] = {
    "body": "Body Text",
    "lead": "Lead",
    "statement": "Statement",
    "caption": "Caption",
    "byline": "Byline",
    "note": "Note",
    "untranslated": "Untranslated",
    "speaker": "Speaker Label",
}
TableKind = Literal["grid", "aligned", "compact", "keyvalues"]
TABLE_STYLES: dict[TableKind, str] = {
    "grid": "Brief Grid", "aligned": "Brief Aligned", "compact": "Brief Compact",
    "keyvalues": "Brief Key Values",
}
#: the paragraph styles of a table kind's cells: (header row and labels, other cells)
CELL_STYLES: dict[TableKind, tuple[str, str]] = {
    "grid": ("Table Heading", "Table Text"),
    "aligned": ("Table Heading", "Table Text"),
    "compact": ("Compact Heading", "Compact Text"),
    "keyvalues": ("Cover Label", "Cover Text"),
}
#: cell margins in points (top and bottom, left and right): reference lists are set tight
CELL_MARGINS: dict[TableKind, tuple[float, float]] = {
    "grid": (2.5, 5), "aligned": (2.5, 5), "compact": (1, 3), "keyvalues": (3, 0),
}

def text_lang(lang: BriefLang) -> Lang:
    """The language the paragraph styles of edition ``lang`` set their faces for."""
    return "zh" if lang == "zh" else "en"


# -- styles ----------------------------------------------------------------------------------------


def define_styles(document: Any, house: House, lang: BriefLang) -> None:
    """Define (or redefine) every paragraph and table style of ``house`` in the document."""
    styles = document.styles
    _document_defaults(styles, house, lang)
    for spec in house.styles:
        try:
            style = styles[spec.name]
        except KeyError:
            style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        if spec.base is not None:
            style.base_style = styles[spec.base]
        _apply_spec(style, spec, lang)
    _character_styles(styles)
    _table_styles(styles)


def _character_styles(styles: Any) -> None:
    """The character styles of :data:`CHARACTER_STYLES`: faces only, all else inherited, but
    that Chinese 楷体 and 小标宋 are never bold (an English heading of the bilingual edition
    is; its Chinese, as in the PDF, is not)."""
    for (lang, role), name in CHARACTER_STYLES.items():
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.quick_style = False
        style.hidden = False
        element = style.element
        for child in element.findall(qn("w:rPr")):
            element.remove(child)
        rpr = OxmlElement("w:rPr")
        element.append(rpr)
        set_fonts(rpr, role, lang)
        if lang == "zh" and role in ("kai", "title"):
            set_child(rpr, "w:b", val="0")
            set_child(rpr, "w:bCs", val="0")
        reorder(rpr, RPR_ORDER)


def _document_defaults(styles: Any, house: House, lang: BriefLang) -> None:
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    set_fonts(rpr, "serif")
    body = house.styles[0].size
    set_child(rpr, "w:sz", val=str(round(body * 2)))
    set_child(rpr, "w:szCs", val=str(round(body * 2)))
    set_lang(rpr, "en" if lang == "en" else "zh")
    reorder(rpr, RPR_ORDER)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    # no paragraph leaves a single line at the foot or the head of a page
    set_child(ppr, "w:widowControl")
    set_child(ppr, "w:spacing", after="0", line="240", lineRule="auto")


def _apply_spec(style: Any, spec: StyleSpec, lang: BriefLang) -> None:
    element = style.element
    # the template's built-in looks (theme fonts, blue headings, a rule under Title) are replaced
    for tag in ("w:pPr", "w:rPr", "w:link", "w:rsid"):
        for child in element.findall(qn(tag)):
            element.remove(child)
    style.quick_style = True
    style.hidden = False
    ppr = OxmlElement("w:pPr")
    rpr = OxmlElement("w:rPr")
    element.append(ppr)
    element.append(rpr)
    if spec.keep_next:
        set_child(ppr, "w:keepNext")
        set_child(ppr, "w:keepLines")
    if spec.rule_below:
        bdr = set_child(ppr, "w:pBdr")
        border(bdr, "bottom", spec.rule_below, size=12 if spec.name == "Subtitle" else 4)
    spacing = set_child(ppr, "w:spacing", before=twips(spec.before), after=twips(spec.after))
    if spec.line is not None:
        spacing.set(qn("w:line"), twips(spec.line))
        spacing.set(qn("w:lineRule"), "exact")
    else:
        spacing.set(qn("w:line"), "240")
        spacing.set(qn("w:lineRule"), "auto")
    if spec.first_line_chars or spec.left:
        ind = set_child(ppr, "w:ind")
        if spec.left:
            ind.set(qn("w:left"), twips(spec.left))
        if spec.first_line_chars:
            # firstLineChars is in hundredths of a character: 200 is the two-character indent
            ind.set(qn("w:firstLineChars"), str(spec.first_line_chars * 100))
            ind.set(qn("w:firstLine"), twips(spec.first_line_chars * spec.size))
    if lang != "en":
        # keep line-end punctuation inside the text block (no hanging punctuation)
        set_child(ppr, "w:overflowPunct", val="0")
        # no automatic gap between Han characters and digits or Latin: "2025年", not "2025 年"
        set_child(ppr, "w:autoSpaceDE", val="0")
        set_child(ppr, "w:autoSpaceDN", val="0")
    if spec.align:
        # LibreOffice drops a comma or full stop that ends a justified CJK line (with or
        # without overflowPunct); full-width characters leave an almost even right edge when
        # set flush left anyway
        align = "left" if lang != "en" and spec.align == "both" else spec.align
        set_child(ppr, "w:jc", val=align)
    if spec.outline is not None:
        set_child(ppr, "w:outlineLvl", val=str(spec.outline))
    reorder(ppr, PPR_ORDER)
    set_fonts(rpr, spec.font, text_lang(lang))
    set_child(rpr, "w:b", val="1" if spec.bold else "0")
    set_child(rpr, "w:bCs", val="1" if spec.bold else "0")
    set_child(rpr, "w:i", val="1" if spec.italic else "0")
    set_child(rpr, "w:color", val=spec.color or "000000")
    set_child(rpr, "w:sz", val=str(round(spec.size * 2)))
    set_child(rpr, "w:szCs", val=str(round(spec.size * 2)))
    set_lang(rpr, "en" if lang == "en" else "zh")
    reorder(rpr, RPR_ORDER)


def _table_styles(styles: Any) -> None:
    """Named table styles, so the tables are restyled in one place in Word."""
    for kind, name in TABLE_STYLES.items():
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.TABLE)
        style.quick_style = True
        element = style.element
        tblpr = element.find(qn("w:tblPr"))
        if tblpr is None:
            tblpr = OxmlElement("w:tblPr")
            element.append(tblpr)
        table_borders(tblpr, kind)
        cell_margins(tblpr, kind)
        reorder(tblpr, TBLPR_ORDER)
        if kind not in ("keyvalues", "aligned"):
            # parallel text has column heads, not a header row to shade
            _header_row_look(element)


def _header_row_look(style: Any) -> None:
    """The header row's fill, as the table style's first-row look (tables turn it on with
    ``w:tblLook firstRow``), so no cell carries its own."""
    for child in style.findall(qn("w:tblStylePr")):
        style.remove(child)
    first = OxmlElement("w:tblStylePr", {qn("w:type"): "firstRow"})
    tcpr = OxmlElement("w:tcPr")
    shade(tcpr, HEADER_FILL)
    reorder(tcpr, TCPR_ORDER)
    first.append(tcpr)
    style.append(first)


def cell_margins(tblpr: Any, kind: TableKind) -> None:
    """The inner margins of the cells of a table of ``kind``."""
    vertical, horizontal = CELL_MARGINS[kind]
    margins = set_child(tblpr, "w:tblCellMar")
    for side, points in (("top", vertical), ("left", horizontal), ("bottom", vertical),
                         ("right", horizontal)):
        set_child(margins, f"w:{side}", w=twips(points), type="dxa")


def table_borders(tblpr: Any, kind: TableKind) -> None:
    """The borders of a table of ``kind``: a grid, rules between rows (aligned, compact), or
    cover rows."""
    borders = set_child(tblpr, "w:tblBorders")
    for child in list(borders):
        borders.remove(child)
    if kind == "keyvalues":
        # the red rule is the title block's, under the subtitle; the cover rows are quieter
        sides = {"bottom": (6, "404040"), "insideH": (2, "BFBFBF")}
    elif kind == "compact":
        sides = {"top": (6, "000000"), "bottom": (6, "000000"), "insideH": (2, "BFBFBF")}
    elif kind == "aligned":
        # parallel text reads as two columns of a page, not as a grid: no rules at all
        sides = {}
    else:
        sides = {side: (4, RULE) for side in ("top", "left", "bottom", "right",
                                              "insideH", "insideV")}
        sides["top"] = sides["bottom"] = (8, "000000")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side in sides:
            size, color = sides[side]
            set_child(borders, f"w:{side}", val="single", sz=str(size), space="0", color=color)
        else:
            set_child(borders, f"w:{side}", val="nil")


def drop_styles_with_effects(document: Any) -> None:
    """Drop the template's Word 2010 copy of its styles, so ours are the only definition."""
    # python-docx's template carries a second, Word 2010 copy of its styles in the old blue
    # theme; dropping it leaves styles.xml, which we rewrite, as the only definition
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)
