"""``doctool render content.yaml --lang zh|en|bilingual --format docx|pdf [-o FILE]``: one document."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any, get_args

from doctool import content_io
from doctool.errors import GlossaryError
from doctool.glossary.folder import find_glossary_dir, glossary_layers, terms_path
from doctool.glossary.layers import load_glossary
from doctool.glossary.scope import report_place
from doctool.glossary.terms import Term
from doctool.render import pinyin
from doctool.render.brief import BriefLang
from doctool.render.layout import layout, translation_status, untranslated_passages
from doctool.render.writers import WRITERS, document_time, writers
from doctool.settings import SETTINGS_FILE, find_settings, load_settings
from doctool.ui import UI

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
    add_settings_option(p)


def add_settings_option(p: argparse.ArgumentParser) -> None:
    """``--settings FILE``: the house settings (masthead, compiling office, 报尾)."""
    p.add_argument(
        "--settings", type=Path, metavar="FILE",
        help=f"house settings (default: {SETTINGS_FILE} in the folder that holds glossary/)",
    )


def output_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for, else the one the output file's suffix names, else docx."""
    if fmt is not None:
        return fmt
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return suffix if suffix in WRITERS else "docx"


def annex_terms(ui: UI, override: Path | None, place: str | None = None) -> Sequence[Term]:
    """The terms of ``place`` for the annex; none, with a warning, when there is no glossary."""
    try:
        folder = find_glossary_dir(override=override)
    except GlossaryError as exc:
        if override is not None:
            raise
        ui.warn(f"{exc}; the annex will list no glossary terms")
        return ()
    layers = [layer for layer in glossary_layers(folder) if layer.path.is_file()]
    if not layers:
        ui.warn(f"{terms_path(folder)} does not exist; the annex will list no glossary terms")
        return ()
    return load_glossary(folder).for_place(place).terms


def run(args: argparse.Namespace, ui: UI) -> int:
    """Lay out and write one document."""
    house = load_settings(find_settings(args.settings, args.glossary))
    content = content_io.load(args.content)
    fmt = output_format(args.format, args.output)
    output: Path = args.output or args.content.parent / f"brief.{args.lang}.{fmt}"
    if args.output is not None and output.suffix.lower() != f".{fmt}":
        ui.warn(f"writing {fmt.upper()} to {output}, whose name does not end in .{fmt}")
    readings = pinyin.load()
    created = document_time()
    brief = layout(content, args.lang, annex_terms(ui, args.glossary, report_place(content)),
                   readings=readings.readings, house=house.dated(created.date()),
                   generated=created.date())
    readings.save()
    writers(created)[fmt](brief, output)
    ui.info(f"wrote {output}")
    if untranslated_passages(brief):
        # the count the cover, the colophon and qa.json give: sentences without English
        missing = translation_status(content).none
        what = f"{missing} sentences have" if missing else "some headings or names have"
        ui.warn(
            f"{output} is marked DRAFT: {what} no English and are shown in "
            "Chinese; add them to glossary/memory.tmx or install a model, then run "
            "doctool translate again"
        )
    return 0
