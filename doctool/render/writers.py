"""The writers by output format: to a file (``WRITERS``) or to bytes (``RENDERERS``).

Each loads its library (python-docx, reportlab and the fonts) only when asked for, so a command
that writes one format never pays for the other.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from doctool.render.brief import Brief

Writer = Callable[[Brief, Path], None]
Renderer = Callable[[Brief], bytes]


def write_docx(brief: Brief, path: Path, created: dt.datetime | None = None) -> None:
    """Write ``brief`` as DOCX; the DOCX writer (python-docx) is loaded only when asked for."""
    from doctool.render.docx_writer import write_docx as write

    write(brief, path, created)


def render_docx(brief: Brief, created: dt.datetime | None = None) -> bytes:
    """``brief`` as DOCX bytes; the DOCX writer is loaded only when asked for."""
    from doctool.render.docx_writer import render_docx as render

    return render(brief, created)


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


def writers(created: dt.datetime) -> dict[str, Writer]:
    """:data:`WRITERS`, the DOCX one dating its documents ``created`` (a PDF records no date)."""
    return {**WRITERS, "docx": functools.partial(write_docx, created=created)}


def renderers(created: dt.datetime) -> dict[str, Renderer]:
    """:data:`RENDERERS`, the DOCX one dating its documents ``created`` (a PDF records no date)."""
    return {**RENDERERS, "docx": functools.partial(render_docx, created=created)}


def document_time(environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """When documents made now are created, in naive UTC: ``$SOURCE_DATE_EPOCH`` for a
    reproducible build, else the clock (read here, by the caller, never inside a writer)."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(tz=dt.UTC).replace(tzinfo=None)
