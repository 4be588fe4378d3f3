"""``doctool omegat BUILD -o PROJECT`` and ``doctool omegat --import PROJECT``: an OmegaT round trip."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Any

from doctool.commands.translate import add_glossary_option
from doctool.commands.xliff import add_build_option, build_folder, export_xliff, import_units, load_build
from doctool.errors import ExchangeError
from doctool.glossary.memory import Memory, normalize_key
from doctool.omegat import (
    GlossaryRow,
    check_new_project,
    glossary_text,
    project_files,
    translated_files,
    write_project,
)
from doctool.translate.translator import open_glossary
from doctool.ui import UI
from doctool.xliff import TransUnit, check_languages, parse_xliff, to_xliff, units_of


def add_parser(sub: Any, name: str, parents: list[argparse.ArgumentParser]) -> None:
    """Register ``omegat``."""
    p = sub.add_parser(
        name, parents=parents, help="make an OmegaT project for a build, or import its translation",
        description="Write a ready OmegaT project for a build: the report's XLIFF in source/, "
        "its approved translations in tm/auto/ (OmegaT fills them in), machine drafts in tm/ "
        "as reference matches, the term base in glossary/. After translating, create the "
        "translated documents in OmegaT and import the project's target/ with --import: every "
        "target the translator changed that passes the term, number and placeholder checks "
        "is approved into the translation memory.",
    )
    p.add_argument("folder", type=Path, metavar="BUILD|PROJECT",
                   help="the build folder to export, or with --import the OmegaT project")
    p.add_argument("-o", "--output", type=Path, metavar="PROJECT",
                   help="the project folder to write (new or an earlier project of this build)")
    p.add_argument("--import", dest="do_import", action="store_true",
                   help="import the translated files in the project's target/")
    add_build_option(p)
    add_glossary_option(p)


def changed_by_translator(unit: TransUnit) -> bool:
    """OmegaT leaves the state as exported: a target it changed from the source is translated."""
    return bool(unit.target.strip()) and normalize_key(unit.target) != normalize_key(unit.source)


def run(args: argparse.Namespace, ui: UI) -> int:
    """Export a project or import its target/."""
    if args.do_import:
        refused = 0
        for path in translated_files(args.folder):
            name = str(path)
            files = parse_xliff(path.read_bytes(), name)
            check_languages(files, name)
            folder = build_folder(args.build, files[0].original, name)
            plan = import_units(
                load_build(folder), units_of(files), args.glossary, name, changed_by_translator, ui
            )
            refused += len(plan.refused)
        return 1 if refused else 0
    if args.output is None:
        raise ExchangeError("doctool omegat: give the project folder to write with -o PROJECT")
    build: Path = args.folder
    content = load_build(build)
    check_new_project(args.output)
    glossary = open_glossary(args.glossary)
    document = export_xliff(content, build, args.glossary)
    # approved English goes where OmegaT fills it in, drafts where it offers them as matches
    approved, drafts = Memory(), Memory()
    for unit in document.units:
        if unit.target:
            (approved if unit.state == "final" else drafts).set(unit.source, unit.target)
    rows = [GlossaryRow(t.zh, t.en, f"{t.kind}: {t.note}" if t.note else t.kind)
            for t in glossary.termbase.terms]
    slug = build.resolve().name
    # OmegaT 3.6's XLIFF filter translates the text it finds in <target>, not <source>: every
    # target carries the Chinese, and the approved English comes back from tm/auto/
    units = tuple(replace(unit, target=unit.source) for unit in document.units)
    xliff = to_xliff(replace(document, units=units))
    project = project_files(slug, xliff, approved.to_tmx(), drafts.to_tmx(), glossary_text(rows))
    write_project(args.output, project)
    ui.info(
        f"wrote OmegaT project {args.output}: {xliff.count(b'<trans-unit ')} segments, "
        f"{len(approved)} approved in tm/auto/, {len(drafts)} machine drafts in tm/, "
        f"{len(rows)} glossary terms"
    )
    ui.info(f"after translating, import it with: doctool omegat --import {args.output}")
    return 0

