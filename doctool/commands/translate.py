"""``doctool translate content.yaml [-o out.yaml]``: fill the English, record each origin."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from doctool import content_io
from doctool.check import check
from doctool.translate.engines import default_models_dir, make_engine
from doctool.translate.fuzzy import DEFAULT_THRESHOLD
from doctool.translate.translator import TranslationResult, open_glossary, translate
from doctool.ui import UI

HOW_TO_FIX = (
    "add them to glossary/memory.tmx, or install a model with "
    "doctool models install FILE.argosmodel and translate again"
)


def add_parser(sub: Any, name: str, parents: list[argparse.ArgumentParser]) -> None:
    """Register ``translate``."""
    p = sub.add_parser(
        name, parents=parents, help="fill in the English of a content file",
        description="Translate each segment from the translation memory, else by offline "
        "machine translation with glossary terms enforced, and record where each came from. "
        "The English is recomputed on every run from the current glossary, memory and engine.",
    )
    p.add_argument("content", type=Path, help="a content.yaml made by doctool extract")
    p.add_argument(
        "-o", "--output", type=Path,
        help="where to write the translated content (default: overwrite CONTENT in place)",
    )
    add_glossary_option(p)
    p.add_argument(
        "--engine", choices=("auto", "memory", "argos"), default="auto",
        help="machine translation for what the memory lacks: auto uses Argos when a model is "
        "installed, memory never translates by machine, argos requires a model (default: auto)",
    )
    p.add_argument(
        "--models-dir", type=Path,
        help="where Argos models are installed (default: $DOCTOOL_MODELS_DIR or "
        "$XDG_DATA_HOME/doctool/models)",
    )
    add_fuzzy_option(p)
    p.add_argument(
        "--strict", action="store_true",
        help="exit 1 if a segment is left untranslated or the checks find errors",
    )


def add_glossary_option(p: argparse.ArgumentParser) -> None:
    """The --glossary option shared by translate and check."""
    p.add_argument(
        "--glossary", type=Path, metavar="DIR",
        help="glossary folder (default: ./glossary or the nearest parent's)",
    )


def summary(result: TranslationResult) -> str:
    """One line: how many segments came from where, and how to fix any gaps."""
    engine = f" ({result.engine})" if result.engine else ""
    line = (
        f"translated {result.segments} segments: {result.from_memory} from memory, "
        + (f"{result.from_fuzzy} from fuzzy memory matches (to review), " if result.from_fuzzy else "")
        + f"{result.from_mt} by machine translation{engine}, {result.untranslated} untranslated"
    )
    if result.texts_untranslated:
        line += f"; {result.texts_untranslated} headings or names without English"
    if result.untranslated or result.texts_untranslated:
        line += f"; {HOW_TO_FIX}"
    return line


def add_fuzzy_option(p: argparse.ArgumentParser) -> None:
    """``--fuzzy PERCENT``: the lowest similarity of a memory match used for a new segment."""
    p.add_argument(
        "--fuzzy", type=fuzzy_percent, default=DEFAULT_THRESHOLD, metavar="PERCENT",
        help="use the best memory match at least this similar (50-100) for a segment the memory "
        f"lacks, with its figures and terms put right, marked for review; 0 turns it off "
        f"(default: {DEFAULT_THRESHOLD})",
    )


def fuzzy_percent(value: str) -> int | None:
    """A ``--fuzzy`` value: 50 to 100, or 0 for none (None)."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number from 50 to 100, or 0") from None
    if number == 0:
        return None
    if not 50 <= number <= 100:
        raise argparse.ArgumentTypeError(f"{number} is out of range; give 50 to 100, or 0 for none")
    return number


def run(args: argparse.Namespace, ui: UI) -> int:
    """Translate, write, report; 1 under --strict when something is missing or wrong."""
    content = content_io.load(args.content)
    glossary = open_glossary(args.glossary)
    engine = make_engine(args.engine, args.models_dir or default_models_dir())
    result = translate(content, glossary.termbase, glossary.memory, engine, fuzzy_threshold=args.fuzzy)
    output = args.output or args.content
    content_io.save(result.content, output)
    findings = check(result.content, glossary.termbase, strict=args.strict)
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    ui.info(summary(result))
    ui.info(f"wrote {output}; checks: {errors} errors, {warnings} warnings"
            + (" (doctool check lists them)" if findings else ""))
    for finding in findings:
        ui.detail(str(finding))
    if args.strict and (errors or result.untranslated):
        return 1
    return 0
