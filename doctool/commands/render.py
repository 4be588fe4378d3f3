"""``doctool render content.yaml --lang zh|en|bilingual --format docx|pdf [-o FILE]``: one document."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, get_args

from doctool import content_io
from doctool.errors import GlossaryError
from doctool.glossary.folder import find_glossary_dir, terms_path
from doctool.glossary.terms import Term
from doctool.glossary.validation import load_termbase
from doctool.render.brief import Brief, BriefLang
from doctool.render.layout import layout, untranslated_passages
from doctool.ui import UI

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
BRIEF_LANGS: tuple[BriefLang, ...] = get_args(BriefLang)


def add_parser(sub: Any, name: str, parents: list[argparse.ArgumentParser]) -> None:
    """Register ``render``."""
    p = sub.add_parser(
        name, parents=parents, help="render one briefing document (DOCX or PDF)",
        description="Lay out a content file as a briefing pack in Chinese, English or both "
        "side by side, and write it as a Word document or a PDF.",
    )
    p.add_argument("content", type=Path, help="a content.yaml (translated for en/bilingual)")
    p.add_argument("--lang", required=True, choices=BRIEF_LANGS, help="the edition to render")
    p.add_argument(
        "--format", choices=tuple(WRITERS),
        help="docx or pdf (default: from the -o suffix, else docx)",
    )
    p.add_argument(
        "-o", "--output", type=Path,
        help="where to write (default: brief.LANG.FORMAT next to the content file)",
    )
    p.add_argument(
        "--glossary", type=Path, metavar="DIR",
        help="glossary folder for the annex (default: ./glossary or the nearest parent's)",
    )


def output_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for, else the one the output file's suffix names, else docx."""
    if fmt is not None:
        return fmt
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return suffix if suffix in WRITERS else "docx"


def annex_terms(ui: UI, override: Path | None) -> Sequence[Term]:
    """The term base's terms for the annex; none, with a warning, when there is no glossary."""
    try:
        folder = find_glossary_dir(override=override)
    except GlossaryError as exc:
        if override is not None:
            raise
        ui.warn(f"{exc}; the annex will list no glossary terms")
        return ()
    path = terms_path(folder)
    if not path.is_file():
        ui.warn(f"{path} does not exist; the annex will list no glossary terms")
        return ()
    return load_termbase(path).terms


def run(args: argparse.Namespace, ui: UI) -> int:
    """Lay out and write one document."""
    content = content_io.load(args.content)
    fmt = output_format(args.format, args.output)
    output: Path = args.output or args.content.parent / f"brief.{args.lang}.{fmt}"
    if args.output is not None and output.suffix.lower() != f".{fmt}":
        ui.warn(f"writing {fmt.upper()} to {output}, whose name does not end in .{fmt}")
    brief = layout(content, args.lang, annex_terms(ui, args.glossary))
    WRITERS[fmt](brief, output)
    ui.info(f"wrote {output}")
    missing = untranslated_passages(brief)
    if missing:
        ui.warn(
            f"{output} is marked DRAFT: {missing} passages have no English and are shown in "
            "Chinese; add them to glossary/memory.tmx or install a model, then run "
            "doctool translate again"
        )
    return 0
