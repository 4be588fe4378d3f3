"""The writers by output format: to a file (``WRITERS``) or to bytes (``RENDERERS``).

Each loads its library (python-docx, reportlab and the fonts) only when asked for, so a command
that writes one format never pays for the other.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from doctool.render.brief import Brief

Writer = Callable[[Brief, Path], None]
Renderer = Callable[[Brief], bytes]


def write_docx(brief: Brief, path: Path) -> None:
    """Write ``brief`` as DOCX; the DOCX writer (python-docx) is loaded only when asked for."""
    from doctool.render.docx_writer import write_docx as write

    write(brief, path)


def render_docx(brief: Brief) -> bytes:
    """``brief`` as DOCX bytes; the DOCX writer is loaded only when asked for."""
    from doctool.render.docx_writer import render_docx as render

    return render(brief)


def write_pdf(brief: Brief, path: Path) -> None:
    """Write ``brief`` as PDF; the PDF writer (reportlab, fonts) is loaded only when asked for."""
    from doctool.render.pdf_writer import write_pdf as write

    write(brief, path)


def render_pdf(brief: Brief) -> bytes:
    """``brief`` as PDF bytes; the PDF writer is loaded only when asked for."""
    from doctool.render.pdf_writer import render_pdf as render

    return render(brief)


#: output format (the --format value and file suffix) -> writer
WRITERS: dict[str, Writer] = {"docx": write_docx, "pdf": write_pdf}
#: output format -> renderer to bytes, for writing a whole pack only once all of it is ready
RENDERERS: dict[str, Renderer] = {"docx": render_docx, "pdf": render_pdf}
