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


def _page_words(number: int, page: Any) -> Iterator[Word]:
    height = page.get_height()
    textpage = page.get_textpage()
    current: list[tuple[str, Box]] = []
    for index, char in enumerate(textpage.get_text_range()):
        box = textpage.get_charbox(index)
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


def words(path: Path) -> Iterator[Word]:
    """Every word of every page: characters split at spaces, line changes and gaps wider than 0.3 em."""
    document = pdfium.PdfDocument(str(path))
    try:
        for number, page in enumerate(document, start=1):
            yield from _page_words(number, page)
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
