"""The PDF's masthead (报头), table of contents and 报尾: flowables for the front and back blocks.

The contents lists page numbers, which are known only once the brief is laid out: the writer
lays it out once to count (see :class:`PageMap`), and the entries of the real pass draw the
pages the count found. Entries are one line each, at a fixed height, so the numbers they
carry never move a page break between the two passes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus import Table as RLTable

from doctool.model import Lang
from doctool.render import fonts
from doctool.render.brief import Contents, ContentsEntry, Imprint, Masthead, Run, plain
from doctool.render.pdf_text import TextFlowable, TextStyle

Runs = tuple[Run, ...]
#: the faces a text is set in, as the writer's roles: body text, headings (黑体), titles
Role = Literal["body", "heading", "title"]
#: sets runs in the given style per language and font role (the writer's ``_Story.styled``)
SetText = Callable[[Runs, dict[Lang, TextStyle], Role], list[TextFlowable]]

#: the red of a masthead (红头): the brief's name and the rule under the masthead
MASTHEAD_RED = "#C00000"
BLACK = HexColor("#000000")

#: the masthead's looks per language: name, issue, the office/date line, classification
MASTHEAD: dict[str, dict[Lang, TextStyle]] = {
    "classification": {"zh": TextStyle(16, 24, "left", space_after=6),
                       "en": TextStyle(11, 15, "left", space_after=6)},
    "name": {"zh": TextStyle(40, 50, "center", color=MASTHEAD_RED, prefer_spaces=True),
             "en": TextStyle(28, 34, "center", color=MASTHEAD_RED, prefer_spaces=True)},
    "issue": {"zh": TextStyle(16, 24, "center", space_before=6),
              "en": TextStyle(12, 16, "center", space_before=6)},
    "left": {"zh": TextStyle(14, 20, "left"), "en": TextStyle(10.5, 14, "left")},
    "right": {"zh": TextStyle(14, 20, "right"), "en": TextStyle(10.5, 14, "right")},
}
CONTENTS_TITLE: dict[Lang, TextStyle] = {
    "zh": TextStyle(16, 24, "center", space_before=14, space_after=6),
    "en": TextStyle(13, 18, "center", space_before=14, space_after=6),
}
#: size and line height of a contents entry, per language
CONTENTS_LINE: dict[Lang, tuple[float, float]] = {"zh": (12.0, 19.0), "en": (10.5, 16.0)}
#: the 报尾 is set in 四号 (14 pt) in Chinese, as GB/T 9704's 版记
IMPRINT: dict[str, dict[Lang, TextStyle]] = {
    "left": {"zh": TextStyle(14, 22, "left"), "en": TextStyle(10.5, 14, "left")},
    "right": {"zh": TextStyle(14, 22, "right"), "en": TextStyle(10.5, 14, "right")},
}


@dataclass
class PageMap:
    """Where each heading is: its anchor's bookmark key, and the page the count pass found."""

    keys: dict[str, str] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)

    def page(self, anchor: str) -> int | None:
        """The page of the heading ``anchor``, once counted."""
        key = self.keys.get(anchor)
        return self.pages.get(key) if key is not None else None


def masthead(block: Masthead, text: SetText, width: float) -> list[Any]:
    """The masthead's flowables: classification, name, issue, office and date over a red rule."""
    out: list[Any] = []
    if block.classification:
        out += text(block.classification, MASTHEAD["classification"], "heading")
    out += text(block.name, MASTHEAD["name"], "title")
    if block.issue:
        out += text(block.issue, MASTHEAD["issue"], "body")
    left = text(block.office, MASTHEAD["left"], "body") if block.office else []
    right = text(block.date, MASTHEAD["right"], "body") if block.date else []
    line = RLTable(
        [[left, right]], colWidths=[width * 0.62, width * 0.38],
        style=[
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("FONTNAME", (0, 0), (-1, -1), fonts.SERIF),
            ("LINEBELOW", (0, 0), (-1, -1), 2, HexColor(MASTHEAD_RED)),
        ],
        hAlign="LEFT",
    )
    line.spaceAfter = 20
    out.append(line)
    return out


def contents(block: Contents, text: SetText, lang: Lang, pages: PageMap) -> list[Any]:
    """The table of contents: its title, then one linked line per entry with its page."""
    if not block.entries:
        return []
    lines: list[Any] = text(block.title, CONTENTS_TITLE, "heading")
    lines += [ContentsLine(entry, lang, pages) for entry in block.entries]
    # a short list read at a glance: kept on one page with its title. A page break follows it,
    # so no space after: a spacer that no longer fits at the page foot would open a blank page
    return [KeepTogether(lines)]


class ContentsLine(Flowable):  # type: ignore[misc]
    """One entry of the contents: the heading's text, a dotted leader, its page, a link."""

    def __init__(self, entry: ContentsEntry, lang: Lang, pages: PageMap) -> None:
        super().__init__()
        self.entry = entry
        self.size, self.leading = CONTENTS_LINE[lang]
        self.pages = pages
        strong = entry.level <= 1
        if lang == "en":
            self.font = fonts.SERIF_BOLD if strong else fonts.SERIF
        else:
            self.font = fonts.SANS_SC_BOLD if strong else fonts.SERIF_SC
        self.number_font = fonts.SERIF_BOLD if strong else fonts.SERIF
        self.indent = 0.0 if strong else 2 * self.size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """One line, the full width."""
        self.width = availWidth
        return availWidth, self.leading

    def draw(self) -> None:
        """The entry; its page and link only once the count pass has found the heading."""
        canv = self.canv
        page = self.pages.page(self.entry.anchor)
        number = str(page) if page is not None else ""
        y = (self.leading - self.size) / 2 + self.size * 0.12
        number_width = _width(number, self.number_font, self.size)
        reserve = _width("0000", self.number_font, self.size)
        title = _fit(" ".join(plain(self.entry.text).split()), self.font, self.size,
                     self.width - self.indent - reserve)
        end = self.indent + _draw(canv, self.indent, y, title, self.font, self.size)
        if number:
            _draw(canv, self.width - number_width, y, number, self.number_font, self.size)
            # the leader is drawn, not typed: the contents copies out as "heading page", and
            # its dots sit on a grid of their own, so the columns of dots line up
            pitch = self.size / 3
            start = (int((end + pitch) / pitch) + 1) * pitch
            stop = self.width - number_width - pitch
            if stop > start:
                canv.saveState()
                canv.setLineCap(1)
                canv.setLineWidth(self.size / 12)
                canv.setDash([0, pitch])
                canv.line(start, y + self.size * 0.08, stop, y + self.size * 0.08)
                canv.restoreState()
            key = self.pages.keys.get(self.entry.anchor)
            if key:
                canv.linkRect("", key, (0, 0, self.width, self.leading), relative=1, thickness=0)


def imprint(block: Imprint, text: SetText) -> Any:
    """The 报尾 at the foot of the last page: its lines between rules, firmer above and below."""
    data = [[text(left, IMPRINT["left"], "body") if left else [],
             text(right, IMPRINT["right"], "body") if right else []] for left, right in block.lines]
    table = RLTable(
        data or [[[], []]], colWidths=["50%", "50%"],
        style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            # GB/T 9704: one character in from each side
            ("LEFTPADDING", (0, 0), (-1, -1), 12), ("RIGHTPADDING", (0, 0), (-1, -1), 12),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("FONTNAME", (0, 0), (-1, -1), fonts.SERIF),
            ("LINEABOVE", (0, 0), (-1, 0), 1, BLACK),
            ("LINEBELOW", (0, 0), (-1, -2), 0.5, BLACK),
            ("LINEBELOW", (0, -1), (-1, -1), 1, BLACK),
            # a line with no right-hand part (a distribution list) has the whole width
            *(("SPAN", (0, i), (1, i)) for i, (_, right) in enumerate(block.lines) if not right),
        ],
        hAlign="LEFT",
    )
    return AtFoot(table)


class AtFoot(Flowable):  # type: ignore[misc]
    """A flowable set at the foot of the page it lands on: it takes the rest of the frame."""

    def __init__(self, body: Any) -> None:
        super().__init__()
        self.body = body
        self.need = 0.0
        self.height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """All the height left when it fits there; else its own, so it goes to the next page."""
        self.width = availWidth
        self.need = float(self.body.wrap(availWidth, availHeight)[1])
        self.height = max(self.need, availHeight - 1)
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        """Never split: the 报尾 stays whole."""
        return []

    def draw(self) -> None:
        """The body at the foot of the space it took."""
        self.body.drawOn(self.canv, 0, 0)


def _width(text: str, font: str, size: float) -> float:
    runs = fonts.font_runs(text, font)
    fonts.register(*{run.font for run in runs})
    return float(sum(stringWidth(r.text, r.font, size) for r in runs))


def _fit(text: str, font: str, size: float, width: float) -> str:
    if _width(text, font, size) <= width:
        return text
    while text and _width(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _draw(canv: Any, x: float, y: float, text: str, font: str, size: float) -> float:
    """Draw ``text`` at ``x``, ``y`` with per-character font fallback; returns its width."""
    runs = fonts.font_runs(text, font)
    fonts.register(*{run.font for run in runs})
    tx = canv.beginText(x, y)
    for run in runs:
        tx.setFont(run.font, size)
        tx.textOut(run.text)
    canv.drawText(tx)
    return float(sum(stringWidth(r.text, r.font, size) for r in runs))
