"""``doctool xliff export|import``: a build's segments to a CAT tool as XLIFF 1.2, and back."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from doctool import content_io
from doctool.check import check
from doctool.commands.translate import add_glossary_option
from doctool.errors import ExchangeError
from doctool.exchange import (
    ImportPlan,
    approve_units,
    check_belong,
    export_document,
    finished_by_state,
)
from doctool.fsutil import atomic_write_bytes
from doctool.glossary.folder import display_path
from doctool.glossary.memory import memory_path
from doctool.model import Content
from doctool.pipeline import glossary_for_place
from doctool.translate.translator import open_glossary
from doctool.ui import UI
from doctool.xliff import TransUnit, XliffFile, check_languages, parse_xliff, to_xliff, units_of

CONTENT_FILE = "content.yaml"


def add_parser(sub: Any, name: str, parents: list[argparse.ArgumentParser]) -> None:
    """Register ``xliff`` and its two actions."""
    p = sub.add_parser(
        name, parents=parents, help="export a build's segments to XLIFF 1.2, or import a translated one",
        description="Hand a build to a translator in any CAT tool (OmegaT, Trados, memoQ, Phrase) "
        "as XLIFF 1.2, one unit per segment, and import their finished targets into the "
        "translation memory. A target is approved only in state translated, final or signed-off "
        "and only if the term, forbidden, number and placeholder checks pass on it.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    export = actions.add_parser("export", parents=parents, help="write the build's segments as XLIFF")
    export.add_argument("build", type=Path, metavar="BUILD", help="a build folder (build/<slug>/)")
    export.add_argument(
        "-o", "--output", type=Path, help="the XLIFF file to write (default: BUILD/<slug>.xlf)"
    )
    add_glossary_option(export)
    imp = actions.add_parser("import", parents=parents, help="approve a translated XLIFF's targets")
    imp.add_argument("file", type=Path, metavar="FILE.xlf")
    add_build_option(imp)
    add_glossary_option(imp)


def add_build_option(p: argparse.ArgumentParser) -> None:
    """``--build DIR``: the build a returned file belongs to."""
    p.add_argument(
        "--build", type=Path, metavar="DIR",
        help="the build folder the file was exported from (default: build/<slug>/, the slug "
        "being the name recorded in the file)",
    )


def load_build(folder: Path) -> Content:
    """The content of a build folder; ExchangeError naming what to do when there is none."""
    if not (folder / CONTENT_FILE).is_file():
        raise ExchangeError(
            f"{folder}: holds no {CONTENT_FILE}; give a folder written by doctool build "
            "(build/<slug>/)"
        )
    return content_io.load(folder / CONTENT_FILE)


def build_folder(given: Path | None, original: str, name: str) -> Path:
    """The build a returned file belongs to: as given, or ``build/<slug>/`` from the file."""
    if given is not None:
        return given
    guess = Path("build") / original
    if original and (guess / CONTENT_FILE).is_file():
        return guess
    raise ExchangeError(
        f"{name}: no build/{original or '<slug>'}/ here to import into; give --build DIR, "
        "the build folder the file was exported from"
    )


def run(args: argparse.Namespace, ui: UI) -> int:
    """Export or import."""
    if args.action == "export":
        folder: Path = args.build
        content = load_build(folder)
        output = args.output or folder / f"{folder.resolve().name}.xlf"
        raw = to_xliff(export_xliff(content, folder, args.glossary))
        atomic_write_bytes(output, raw)
        ui.info(f"wrote {output}: {raw.count(b'<trans-unit ')} segments for translation")
        return 0
    name = str(args.file)
    try:
        raw = args.file.read_bytes()
    except OSError as exc:
        raise ExchangeError(f"{name}: cannot be read ({exc.strerror}); check the path") from None
    files = parse_xliff(raw, name)
    check_languages(files, name)
    folder = build_folder(args.build, files[0].original, name)
    plan = import_units(load_build(folder), units_of(files), args.glossary, name, finished_by_state, ui)
    return 1 if plan.refused else 0


def export_xliff(content: Content, folder: Path, glossary_dir: Path | None) -> XliffFile:
    """The units of a build, with notes from the current glossary and a fresh check run."""
    glossary = glossary_for_place(open_glossary(glossary_dir), content)
    findings = check(content, glossary.termbase)
    return export_document(content, glossary.termbase, glossary.memory, findings, folder.resolve().name)


def import_units(
    content: Content,
    units: list[TransUnit],
    glossary_dir: Path | None,
    name: str,
    finished: Callable[[TransUnit], bool],
    ui: UI,
) -> ImportPlan:
    """Gate the returned units and approve the good ones into the memory, locked and atomic."""
    check_belong(content, units, name)  # before opening the glossary: fail fast
    glossary = glossary_for_place(open_glossary(glossary_dir), content)
    path = memory_path(glossary.folder)
    plan = approve_units(content, units, glossary, name, finished)
    for refusal in plan.refused:
        sys.stdout.write(f"{refusal.id}\t{refusal.finding}\n")
    ui.info(
        f"{name}: {len(plan.approve)} approved into {display_path(path)}, "
        f"{len(plan.refused)} refused by the checks, {plan.unchanged} already approved, "
        f"{plan.unfinished} not finished"
    )
    if plan.approve:
        ui.info("rebuild to use them: doctool build SOURCE")
    if plan.refused:
        ui.warn("fix the refused targets in the CAT tool and import again")
    return plan
