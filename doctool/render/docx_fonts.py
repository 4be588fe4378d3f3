"""The faces of the DOCX briefs: which face each role names, and the font table's alternates.

A DOCX names its faces and embeds none, so the Chinese styles name the faces GB/T 9704 asks for
by the names the PCs of government offices know them by: 仿宋_GB2312 for text, 黑体 for
first-level headings and emphasis, 楷体_GB2312 for second-level headings, 方正小标宋简体 for
the title. The font table (``word/fontTable.xml``) gives each its alternates, in order: the
face's name on a current Windows (仿宋, 楷体; their English names FangSong, KaiTi, SimHei),
then the open faces doctool draws the PDF with (FandolFang; LXGW WenKai, of which doctool
bundles a cut named Doctool Kai; Noto CJK), so a machine that has installed those can show the
DOCX as the PDF looks.

ECMA-376 (§17.8.3.1) has an application that cannot find a style's face try each alternate name
in turn before choosing a face by the charset and family the table gives. Word writes such
alternates itself to pair a face's Chinese and English names (宋体 / SimSun), and without a face
or its alternates substitutes one of the same charset (GB 2312) and family: a Chinese face,
never a Latin one. LibreOffice 7.4 ignores the alternates and asks fontconfig for the primary
name, which settles on the system's default Chinese face. Neither downloads or embeds anything.
"""

from __future__ import annotations

from typing import Any, Literal

from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from doctool.model import Lang
from doctool.render.oxml import set_child

#: what a face is for: text (仿宋 / Noto Serif), heading (黑体), subheading (楷体), title
#: (小标宋) and song (宋体, for the page furniture, as GB/T 9704's page numbers are)
FontRole = Literal["serif", "sans", "kai", "title", "song"]

#: font names per role: (Latin, East Asian). English text is Noto Serif in every role: the PDF
#: bundles no Latin sans, and English headings are bold serif
FONTS: dict[FontRole, tuple[str, str]] = {
    "serif": ("Noto Serif", "仿宋_GB2312"),
    "sans": ("Noto Serif", "黑体"),
    "kai": ("Noto Serif", "楷体_GB2312"),
    "title": ("Noto Serif", "方正小标宋简体"),
    "song": ("Noto Serif", "Noto Serif CJK SC"),
}

#: fontTable entries: name -> (altName, family, charset); charset 86 is GB 2312
FONT_ALTERNATIVES: dict[str, tuple[str, str, str]] = {
    "Noto Serif": ("Times New Roman", "roman", "00"),
    "仿宋_GB2312": ("仿宋,FangSong,FandolFang", "modern", "86"),
    "黑体": ("SimHei,Noto Sans CJK SC", "modern", "86"),
    "楷体_GB2312": ("楷体,KaiTi,LXGW WenKai,Doctool Kai", "modern", "86"),
    "方正小标宋简体": ("FZXiaoBiaoSong-B05S,Noto Serif CJK SC", "roman", "86"),
    "Noto Serif CJK SC": ("宋体,SimSun", "roman", "86"),
}

#: character styles for the runs in the other language than their paragraph style's, and for
#: bold Chinese (黑体): a run names one of these, never a face, so the faces are changed in
#: styles.xml alone
CHARACTER_STYLES: dict[tuple[Lang, FontRole], str] = {
    ("zh", "serif"): "Chinese Text",
    ("zh", "sans"): "Chinese Heading Text",
    ("zh", "kai"): "Chinese Subheading Text",
    ("zh", "title"): "Chinese Title Text",
    ("zh", "song"): "Chinese Song Text",
    ("en", "serif"): "Latin Text",
    ("en", "sans"): "Latin Heading Text",
    ("en", "kai"): "Latin Subheading Text",
    ("en", "title"): "Latin Title Text",
    ("en", "song"): "Latin Song Text",
}


def set_fonts(rpr: Any, role: FontRole, lang: Lang = "en") -> None:
    """Set the faces of ``role`` for text in ``lang`` on run properties.

    Chinese text is set wholly in the CJK face, and hinted East Asian: quotation marks (“ ”),
    which Word and LibreOffice otherwise take from the Latin font, come out full-width, and
    digits match. English text is hinted ``default``, so that its quotation marks stay Latin
    inside a Chinese paragraph, whose style hints East Asian.
    """
    latin, east_asian = FONTS[role]
    if lang == "zh":
        set_child(rpr, "w:rFonts", ascii=east_asian, hAnsi=east_asian, eastAsia=east_asian,
                  cs=latin, hint="eastAsia")
    else:
        set_child(rpr, "w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asian, cs=latin,
                  hint="default")


def register_fonts(document: Any) -> None:
    """Declare the faces in the font table with their alternates (:data:`FONT_ALTERNATIVES`)."""
    part = next(
        rel.target_part for rel in document.part.rels.values()
        if rel.reltype.endswith("/fontTable")
    )
    # python-docx keeps the font table as bytes, with no element classes of its own
    root = parse_xml(part.blob)
    known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, (alternative, family, charset) in FONT_ALTERNATIVES.items():
        if name in known:
            continue
        font = OxmlElement("w:font", {qn("w:name"): name})
        for tag, value in (("w:altName", alternative), ("w:charset", charset),
                           ("w:family", family), ("w:pitch", "variable")):
            set_child(font, tag, val=value)
        root.append(font)
    part._blob = serialize_part_xml(root)
