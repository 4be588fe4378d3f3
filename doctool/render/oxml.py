"""WordprocessingML by hand: the few elements python-docx has no API for, in schema order.

Word refuses a document whose property elements are out of the order its schema gives, and
lxml refuses text with characters XML 1.0 forbids; these helpers take care of both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from doctool.model import Lang

LANG_TAGS: dict[Lang, str] = {"zh": "zh-CN", "en": "en-US"}
#: w:val, the language of the Latin letters and digits of a run, in text of each language. In
#: Chinese text they are not Chinese, as Word itself writes it: tagged zh-CN, LibreOffice breaks
#: a number such as 2024 inside it, as it may between Han characters
LATIN_TAGS: dict[Lang, str] = {"zh": "en-US", "en": "en-US"}

# XML 1.0 forbids these code points; lxml refuses them, so they are made visible instead
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def xml_safe(text: str) -> str:
    """``text`` with characters illegal in XML 1.0 replaced by a visible U+FFFD, never dropped."""
    return _ILLEGAL_XML.sub(REPLACEMENT, text)


# schema order of the children we write; Word rejects a file whose children are out of order
PPR_ORDER: tuple[str, ...] = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
    "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
    "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
    "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)
RPR_ORDER: tuple[str, ...] = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath",
)
TBLPR_ORDER: tuple[str, ...] = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook",
)
TCPR_ORDER: tuple[str, ...] = (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark",
)


def reorder(element: Any, order: Sequence[str]) -> None:
    """Put the children of ``element`` in ``order`` (by local name); unknown ones go last."""
    rank = {qn(f"w:{name}"): i for i, name in enumerate(order)}
    children = sorted(element, key=lambda c: rank.get(c.tag, len(rank)))
    for child in children:
        element.remove(child)
        element.append(child)


def set_child(parent: Any, tag: str, **attrs: str) -> Any:
    """The child ``tag`` of ``parent`` (created if missing) with ``attrs`` set."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.append(child)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), value)
    return child


def twips(points: float) -> str:
    """Points as twentieths of a point, the unit of most WordprocessingML lengths."""
    return str(round(points * 20))


def set_lang(rpr: Any, lang: Lang) -> None:
    """Tag run properties for text in ``lang``; the East Asian language is always Chinese."""
    # the East Asian language stays zh-CN throughout: it selects Chinese glyph forms and breaking
    set_child(rpr, "w:lang", val=LATIN_TAGS[lang], eastAsia="zh-CN", bidi="ar-SA")


def border(parent: Any, side: str, color: str, size: int = 6, space: int = 4) -> None:
    """A single-line border on ``side``; ``size`` in eighths of a point, ``space`` in points."""
    set_child(parent, f"w:{side}", val="single", sz=str(size), space=str(space), color=color)


def shade(parent: Any, fill: str) -> None:
    """A solid background of colour ``fill`` (hex RGB)."""
    set_child(parent, "w:shd", val="clear", color="auto", fill=fill)

