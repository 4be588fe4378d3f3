"""The DOCX masthead (报头), table of contents and 报尾, and the named styles they are set in.

The contents is a real ``TOC \\o "1-2" \\h`` field whose cached result lists the headings,
each linked to its bookmark, so it reads right before Word updates it (and shows the pages
after). The 报尾, GB/T 9704's 版记, is a one-column table ruled above, between and below its
lines (LibreOffice draws the borders of a group of paragraphs twice); a line's right-hand
part, and the masthead's date, stand at a right tab stop.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from doctool.model import Lang
from doctool.render.brief import BriefLang, Contents, Imprint, Masthead, Run
from doctool.render.docx_styles import StyleSpec
from doctool.render.oxml import PPR_ORDER, TBLPR_ORDER, border, reorder, set_child, twips

Runs = tuple[Run, ...]
#: adds a paragraph of runs in a named style (the writer's ``_Writer.paragraph``)
AddParagraph = Callable[[Runs, str], Any]

MASTHEAD_RED = "C00000"
BLACK = "000000"
CONTENTS_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'


def bookmark_name(anchor: str) -> str:
    """The Word bookmark of a heading's anchor: a letter first, then letters, digits or
    underscores, 40 at most."""
    return ("b_" + re.sub(r"\W", "_", anchor, flags=re.ASCII))[:40]


def front_styles(lang: BriefLang) -> tuple[StyleSpec, ...]:
    """The paragraph styles of the masthead, the contents and the 报尾, in the PDF's sizes."""
    en = lang == "en"
    return (
        StyleSpec("Classification", font="sans", size=11 if en else 16, bold=en, after=6),
        StyleSpec("Masthead", size=28 if en else 40, bold=True, color=MASTHEAD_RED,
                  align="center", after=0),
        # the bilingual edition's English name, under the Chinese one, at the English size
        StyleSpec("Masthead Second", size=26, bold=True, color=MASTHEAD_RED, align="center",
                  after=0),
        StyleSpec("Masthead Issue", size=12 if en else 16, align="center", before=6, after=0),
        StyleSpec("Masthead Line", size=10.5 if en else 14, before=8, after=20,
                  rule_below=MASTHEAD_RED),
        # the contents is kept on one page, its title with it (it is short)
        StyleSpec("TOC Heading", font="sans", size=13 if en else 16, bold=True, align="center",
                  before=14, after=6, keep_next=True),
        StyleSpec("toc 1", font="sans", size=10.5 if en else 12, bold=True, after=0,
                  line=16 if en else 19, keep_next=True),
        StyleSpec("toc 2", size=10.5 if en else 12, after=0, line=16 if en else 19,
                  left=21 if en else 24, keep_next=True),
        # kept with the next line, so that the 报尾 stays on one page
        StyleSpec("Imprint", size=10.5 if en else 14, after=0, before=0, keep_next=True),
    )


def finish_styles(document: Any, width_twips: int) -> None:
    """What :class:`StyleSpec` does not say: tab stops, and the rules of the masthead and 报尾."""
    styles = document.styles
    _tabs(styles["Masthead Line"], [("right", width_twips, None)])
    bdr = styles["Masthead Line"].element.pPr.find(qn("w:pBdr"))
    border(bdr, "bottom", MASTHEAD_RED, size=16, space=4)
    for name in ("toc 1", "toc 2"):
        _tabs(styles[name], [("right", width_twips, "dot")])
    imprint = styles["Imprint"].element.pPr
    # GB/T 9704: one character in from each side, the office left and the date right
    set_child(imprint, "w:ind", left=twips(14), right=twips(14))
    _tabs(styles["Imprint"], [("right", width_twips - 2 * 280, None)])
    reorder(imprint, PPR_ORDER)


def _tabs(style: Any, stops: list[tuple[str, int, str | None]]) -> None:
    ppr = style.element.pPr
    tabs = set_child(ppr, "w:tabs")
    for child in list(tabs):
        tabs.remove(child)
    for align, position, leader in stops:
        tab = OxmlElement("w:tab", {qn("w:val"): align, qn("w:pos"): str(position)})
        if leader:
            tab.set(qn("w:leader"), leader)
        tabs.append(tab)
    reorder(ppr, PPR_ORDER)


def masthead(block: Masthead, add: AddParagraph, lang: Lang) -> None:
    """The masthead: classification, the name, the issue, then office and date over a rule."""
    if block.classification:
        add(block.classification, "Classification")
    # each language of the name on a paragraph of its own, the second smaller
    parts: list[list[Run]] = [[]]
    for run in block.name:
        if run.text == "\n":
            parts.append([])
        else:
            parts[-1].append(run)
    for index, part in enumerate(parts):
        add(tuple(part), "Masthead" if index == 0 else "Masthead Second")
    if block.issue:
        add(block.issue, "Masthead Issue")
    if block.office or block.date:
        tab = (Run("\t", lang),) if block.date else ()
        add((*block.office, *tab, *block.date), "Masthead Line")


def contents(block: Contents, add: AddParagraph, make_run: Callable[[Run], Any], lang: Lang) -> None:
    """The contents: its title, then a TOC field whose cached result lists the headings."""
    if not block.entries:
        return
    add(block.title, "TOC Heading")
    last = len(block.entries) - 1
    for index, entry in enumerate(block.entries):
        p = add((), "toc 1" if entry.level <= 1 else "toc 2")
        if index == 0:
            _field_start(p, make_run, lang)
        link = OxmlElement("w:hyperlink", {qn("w:anchor"): bookmark_name(entry.anchor),
                                           qn("w:history"): "1"})
        for run in entry.text:
            link.append(make_run(run))
        p.append(link)
        if index == last:
            end = make_run(Run("", lang))
            end.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "end"}))
            p.append(end)


def _field_start(p: Any, make_run: Callable[[Run], Any], lang: Lang) -> None:
    begin = make_run(Run("", lang))
    begin.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "begin"}))
    instr = make_run(Run("", lang))
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {CONTENTS_INSTRUCTION} "
    instr.append(text)
    separate = make_run(Run("", lang))
    separate.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): "separate"}))
    for r in (begin, instr, separate):
        p.append(r)


def imprint(block: Imprint, add: AddParagraph, lang: Lang, width_twips: int) -> Any:
    """The 报尾 as a table of one column, a line a row, firmer rules above and below; the
    paragraphs are made by ``add`` and moved into its cells. Returns the table."""
    tbl = OxmlElement("w:tbl")
    tblpr = OxmlElement("w:tblPr")
    set_child(tblpr, "w:tblW", type="dxa", w=str(width_twips))
    borders = set_child(tblpr, "w:tblBorders")
    border(borders, "top", BLACK, size=8, space=0)
    border(borders, "bottom", BLACK, size=8, space=0)
    border(borders, "insideH", BLACK, size=4, space=0)
    set_child(tblpr, "w:tblLayout", type="fixed")
    margins = set_child(tblpr, "w:tblCellMar")
    for side in ("top", "bottom"):
        set_child(margins, f"w:{side}", w="40", type="dxa")
    for side in ("left", "right"):
        set_child(margins, f"w:{side}", w="0", type="dxa")
    reorder(tblpr, TBLPR_ORDER)
    tbl.append(tblpr)
    grid = OxmlElement("w:tblGrid")
    grid.append(OxmlElement("w:gridCol", {qn("w:w"): str(width_twips)}))
    tbl.append(grid)
    for left, right in block.lines:
        tab = (Run("\t", lang),) if right else ()
        p = add((*left, *tab, *right), "Imprint")
        p.getparent().remove(p)
        tr = OxmlElement("w:tr")
        trpr = OxmlElement("w:trPr")
        set_child(trpr, "w:cantSplit")
        tr.append(trpr)
        tc = OxmlElement("w:tc")
        tcpr = OxmlElement("w:tcPr")
        set_child(tcpr, "w:tcW", type="dxa", w=str(width_twips))
        tc.append(tcpr)
        tc.append(p)
        tr.append(tc)
        tbl.append(tr)
    return tbl
