"""The Brief: a renderer-neutral document that the DOCX and PDF writers walk.

Layout (:mod:`doctool.render.layout`) decides everything about content and wording; writers
only map these blocks onto their library, so both formats carry the same content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from doctool.model import Lang

BriefLang = Literal["zh", "en", "bilingual"]
ParagraphStyle = Literal[
    "body", "lead", "statement", "caption", "byline", "note", "untranslated", "speaker",
]
TableStyle = Literal["grid", "aligned", "compact"]


@dataclass(frozen=True)
class Run:
    """A stretch of text with one look; ``lang`` is the language it is written in.

    A line feed in ``text`` is a line break within the paragraph or cell.
    """

    text: str
    lang: Lang
    bold: bool = False
    italic: bool = False
    #: set on text that stands in for a missing translation (shown marked, in the source language)
    untranslated: bool = False
    #: the anchor of a heading or paragraph this text links to ("" for none)
    link: str = ""


@dataclass(frozen=True)
class Title:
    """The document title with an optional subtitle line."""

    text: tuple[Run, ...]
    subtitle: tuple[Run, ...] = ()


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is a part of the brief, level 2 a section of the report."""

    level: int
    text: tuple[Run, ...]
    #: stable id for bookmarks and outline entries
    anchor: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text."""

    runs: tuple[Run, ...]
    style: ParagraphStyle = "body"
    #: stable id that links (``Run.link``) point at; "" for none
    anchor: str = ""


@dataclass(frozen=True)
class Table:
    """A table with a header row that repeats on every page; cells are runs.

    Style "grid" is a ruled table, "aligned" parallel text (no rules), "compact" a reference list
    in smaller type with tight rows. A table of ``columns`` > 1 is set in that many side-by-side
    columns of the page, read down each (as a dictionary is), the header atop every column.
    """

    header: tuple[tuple[Run, ...], ...]
    rows: tuple[tuple[tuple[Run, ...], ...], ...]
    #: relative column widths, one per column
    widths: tuple[float, ...]
    style: TableStyle = "grid"
    columns: int = 1


@dataclass(frozen=True)
class KeyValues:
    """Label / value rows, as on a cover page."""

    rows: tuple[tuple[tuple[Run, ...], tuple[Run, ...]], ...]


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""


@dataclass(frozen=True)
class Masthead:
    """The 报头 atop the first page: the brief's name large, its issue, then the compiling
    office (left) and the date of issue (right) over a rule; the classification line, if
    any, above them all at the left."""

    name: tuple[Run, ...]
    issue: tuple[Run, ...] = ()
    office: tuple[Run, ...] = ()
    date: tuple[Run, ...] = ()
    classification: tuple[Run, ...] = ()


@dataclass(frozen=True)
class ContentsEntry:
    """One line of a table of contents: a heading's text, level and anchor."""

    level: int
    text: tuple[Run, ...]
    #: the anchor of the :class:`Heading` it points to
    anchor: str


@dataclass(frozen=True)
class Contents:
    """A table of contents of the level-1 and level-2 headings; writers add page numbers."""

    title: tuple[Run, ...]
    entries: tuple[ContentsEntry, ...]


@dataclass(frozen=True)
class Imprint:
    """The 报尾 (版记) closing the brief: lines between rules, each with a left and a right
    part (报送：… / 抄送：…, and the compiling office with the date of issue)."""

    lines: tuple[tuple[tuple[Run, ...], tuple[Run, ...]], ...]


Block = Title | Heading | Paragraph | Table | KeyValues | PageBreak | Masthead | Contents | Imprint


@dataclass(frozen=True)
class Metadata:
    """Document properties: title, author, subject, keywords and language (e.g. zh-CN)."""

    title: str
    author: str
    subject: str
    language: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Furniture:
    """What appears on every page: the running header, page-number style, a DRAFT mark."""

    header: str
    #: "zh": "— 3 —" style; "en": "Page 3 of 12"
    page_numbers: Lang
    draft: bool = False
    #: the first page is a cover: it counts as page 1 but shows no running header or number
    cover: bool = False


@dataclass(frozen=True)
class Brief:
    """A whole briefing document in one language (or both, for the bilingual edition)."""

    lang: BriefLang
    metadata: Metadata
    furniture: Furniture
    blocks: tuple[Block, ...] = field(default_factory=tuple)


def plain(runs: tuple[Run, ...]) -> str:
    """The text of some runs, without formatting."""
    return "".join(r.text for r in runs)
