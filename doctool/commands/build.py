"""``doctool build SOURCE...``: the whole pipeline, one folder of outputs per source."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from doctool import pipeline
from doctool.commands.engine_options import add_engine_options
from doctool.commands.extract import parse_date
from doctool.commands.render import add_settings_option
from doctool.commands.translate import add_fuzzy_option, add_place_option
from doctool.ui import UI


def add_parser(sub: Any, name: str, parents: list[argparse.ArgumentParser]) -> None:
    """Register ``build``."""
    p = sub.add_parser(
        name, parents=parents, help="build the briefing pack of one or more reports",
        description="Extract, translate, check and render each report into OUT/<slug>/.",
    )
    p.add_argument("sources", type=Path, nargs="+", metavar="SOURCE", help="report files")
    p.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build)")
    p.add_argument("--date", type=parse_date, help="the meeting date, when the text lacks the year")
    p.add_argument("--glossary", type=Path, help="glossary folder (default: ./glossary or a parent's)")
    add_settings_option(p)
    add_engine_options(p, "machine translation for what the memory lacks (default: auto)")
    p.add_argument("--models-dir", type=Path, help="where Argos models are installed")
    p.add_argument("--strict", action="store_true", help="exit 1 if QA finds errors or gaps")
    p.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    add_fuzzy_option(p)
    add_place_option(p)


def run(args: argparse.Namespace, ui: UI) -> int:
    """Build every source; exit 1 under --strict if any build has errors."""
    status = 0
    for source in args.sources:
        result = pipeline.build(
            source,
            out_dir=args.out,
            options=pipeline.BuildOptions(
                date=args.date, glossary=args.glossary, engine=args.engine,
                models_dir=args.models_dir, strict=args.strict, force=args.force,
                fuzzy=args.fuzzy,
                llm_url=args.llm_url, llm_model=args.llm_model,
                place=args.place, settings=args.settings,
            ),
            ui=ui,
        )
        if args.strict and not result.clean:
            status = 1
    return status
