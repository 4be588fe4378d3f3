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
from typing import Protocol

from doctool.render.brief import Brief

Writer = Callable[[Brief, Path], None]
Renderer = Callable[[Brief], bytes]


class DatedWriter(Protocol):
    """Writes a brief to a file, its documents created ``created`` (None: undated)."""

    def __call__(self, brief: Brief, path: Path, created: dt.datetime | None = None) -> None:
        """Write ``brief`` to ``path``."""


class DatedRenderer(Protocol):
    """Renders a brief to bytes, its documents created ``created`` (None: undated)."""

    def __call__(self, brief: Brief, created: dt.datetime | None = None) -> bytes:
        """``brief`` as bytes."""


def write_docx(brief: Brief, path: Path, created: dt.datetime | None = None) -> None:
    """Write ``brief`` as DOCX; the DOCX writer (python-docx) is loaded only when asked for."""
    from doctool.render.docx_writer import write_docx as write

    write(brief, path, created)


def render_docx(brief: Brief, created: dt.datetime | None = None) -> bytes:
    """``brief`` as DOCX bytes; the DOCX writer is loaded only when asked for."""
    from doctool.render.docx_writer import render_docx as render

    return render(brief, created)


def write_pdf(brief: Brief, path: Path, created: dt.datetime | None = None) -> None:
    """Write ``brief`` as PDF; the PDF writer (reportlab, fonts) is loaded only when asked for."""
    from doctool.render.pdf_writer import write_pdf as write

    write(brief, path, created)


def render_pdf(brief: Brief, created: dt.datetime | None = None) -> bytes:
    """``brief`` as PDF bytes; the PDF writer is loaded only when asked for."""
    from doctool.render.pdf_writer import render_pdf as render

    return render(brief, created)


#: output format (the --format value and file suffix) -> writer
WRITERS: dict[str, DatedWriter] = {"docx": write_docx, "pdf": write_pdf}
#: output format -> renderer to bytes, for writing a whole pack only once all of it is ready
RENDERERS: dict[str, DatedRenderer] = {"docx": render_docx, "pdf": render_pdf}


def writers(created: dt.datetime) -> dict[str, Writer]:
    """:data:`WRITERS`, each dating its documents ``created``."""
    return {fmt: functools.partial(write, created=created) for fmt, write in WRITERS.items()}


def renderers(created: dt.datetime) -> dict[str, Renderer]:
    """:data:`RENDERERS`, each dating its documents ``created``."""
    return {fmt: functools.partial(render, created=created) for fmt, render in RENDERERS.items()}


def document_time(environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """When documents made now are created, in naive UTC: ``$SOURCE_DATE_EPOCH`` for a
    reproducible build, else the clock (read here, by the caller, never inside a writer)."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(tz=dt.UTC).replace(tzinfo=None)
