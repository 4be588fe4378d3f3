"""Reading PDFs in tests with pip-installed tools only: PDFium for text and positions, pypdf for fonts.

``make test`` installs both, so no test of what a PDF says depends on a system package. PDFium
orders the text as a reader sees it (LibreOffice's PDFs included, where pypdf returns quotes out of
order), and reports each character's box, from which words and their positions follow.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2 as pdfium


@dataclass(frozen=True)
class Word:
    """A run of characters without a space or a wide gap, with its box (points, origin top left)."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str


def _plain(text: str) -> str:
    # PDFium reports a hyphen drawn at a line end as U+FFFE; it is on the page, so it is text
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-")


def page_texts(path: Path) -> list[str]:
    """The text of every page, lines separated by newlines."""
    document = pdfium.PdfDocument(str(path))
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(_plain(textpage.get_text_range()))
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    """The text of pages ``first`` to ``last`` (1-based, inclusive), a form feed after each page."""
    pages = page_texts(path)
    start = (first or 1) - 1
    end = last or len(pages)
    return "".join(text + "\n\f" for text in pages[start:end])


def region_text(path: Path, left: float, right: float) -> str:
    """The text of every page between two distances from the left edge (points)."""
    document = pdfium.PdfDocument(str(path))
    try:
        out = []
        for page in document:
            width, height = page.get_size()
            textpage = page.get_textpage()
            out.append(_plain(textpage.get_text_bounded(left, 0, min(right, width), height)))
            textpage.close()
            page.close()
        return "\n".join(out)
    finally:
        document.close()


Box = tuple[float, float, float, float]


def _word(page: int, height: float, chars: list[tuple[str, Box]]) -> Word:
    boxes = [box for _, box in chars]
    return Word(page, min(b[0] for b in boxes), height - max(b[3] for b in boxes),
                max(b[2] for b in boxes), height - min(b[1] for b in boxes), "".join(c for c, _ in chars))


def _page_words(number: int, page: Any, loose: bool = False) -> Iterator[Word]:
    height = page.get_height()
    textpage = page.get_textpage()
    current: list[tuple[str, Box]] = []
    for index, char in enumerate(textpage.get_text_range()):
        box = textpage.get_charbox(index, loose=loose)
        if current and not char.isspace():
            last = current[-1][1]
            size = max(last[3] - last[1], box[3] - box[1], 1.0)
            same_line = abs((box[1] + box[3]) / 2 - (last[1] + last[3]) / 2) < size / 2
            if not same_line or box[0] - last[2] > 0.3 * size:
                yield _word(number, height, current)
                current = []
        if char.isspace():
            if current:
                yield _word(number, height, current)
            current = []
        else:
            current.append((char, box))
    if current:
        yield _word(number, height, current)
    textpage.close()


def words(path: Path, *, loose: bool = False) -> Iterator[Word]:
    """Every word of every page: characters split at spaces, line changes and gaps wider than 0.3 em.

    ``loose`` measures each character by its font's ascent and descent rather than its ink, so
    that a quote mark, drawn high, and a comma, drawn low, still share their line.
    """
    document = pdfium.PdfDocument(str(path))
    try:
        for number, page in enumerate(document, start=1):
            yield from _page_words(number, page, loose)
            page.close()
    finally:
        document.close()


@dataclass(frozen=True)
class Font:
    """A font a page uses, as a PDF inspector lists it."""

    name: str
    subtype: str
    embedded: bool


def fonts(path: Path) -> list[Font]:
    """Every font of every page, form XObjects included, with whether its program is embedded."""
    found: dict[str, Font] = {}

    def walk(resources: Any) -> None:
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            name = str(font["/BaseFont"]).lstrip("/")
            found[name] = Font(name, str(font["/Subtype"]), embedded)
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if "/Resources" in xobject:
                walk(xobject["/Resources"].get_object())

    for page in pypdf.PdfReader(path).pages:
        walk(page["/Resources"].get_object())
    return list(found.values())


@dataclass(frozen=True)
class Line:
    """Words of one page that share a baseline, left to right."""

    page: int
    top: float
    x0: float
    x1: float
    height: float
    text: str


def lines(path: Path, *, loose: bool = False) -> list[Line]:
    """Every line of text of the PDF, page by page and top to bottom, page furniture left out."""
    out: list[Line] = []
    by_page: dict[int, list[Word]] = {}
    for word in words(path, loose=loose):
        by_page.setdefault(word.page, []).append(word)
    for page, found in sorted(by_page.items()):
        found.sort(key=lambda w: w.bottom)
        rows: list[list[Word]] = []
        for word in found:
            if rows and word.bottom - rows[-1][0].bottom < 2:
                rows[-1].append(word)
            else:
                rows.append([word])
        groups: list[list[Word]] = []
        for row in rows:
            row.sort(key=lambda w: w.x0)
            groups.append([row[0]])
            for word in row[1:]:
                # a gap of two characters or more parts the columns of a table or an edition
                # (a word of punctuation alone is short: measure by the taller of the two)
                size = max(word.bottom - word.top, max(w.bottom - w.top for w in groups[-1]))
                if word.x0 - groups[-1][-1].x1 > 2 * size:
                    groups.append([word])
                else:
                    groups[-1].append(word)
        groups.sort(key=lambda g: (g[0].bottom, g[0].x0))
        for group in groups:
            text = " ".join(w.text for w in group)
            # the running header sits above the text block, the page number below it
            if group[0].bottom < 105 or group[0].top > 842 - 95:
                continue
            heights = sorted(w.bottom - w.top for w in group)
            out.append(Line(page, min(w.top for w in group), group[0].x0, group[-1].x1,
                            heights[len(heights) // 2], text))
    return out
