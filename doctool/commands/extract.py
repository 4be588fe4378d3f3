"""``doctool extract SOURCE [-o content.yaml]``: source text to structured content."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from doctool.errors import DoctoolError
from doctool.ui import UI


class UsageError(DoctoolError):
    """A command-line value is malformed."""

    exit_code = 2


def parse_date(value: str) -> dt.date:
    """A --date value in ISO form (2024-12-23)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-12-23"
        ) from None


def add_parser(sub: Any, name: str, parents: list[argparse.ArgumentParser]) -> None:
    """Register ``extract``."""
    p = sub.add_parser(
        name, parents=parents, help="extract structured content from a report (Chinese only)",
        description="Read a Chinese meeting report and write its structured content as YAML.",
    )
    p.add_argument("source", type=Path, help="the report, a plain-text file")
    p.add_argument("-o", "--output", type=Path, help="where to write (default: standard output)")
    p.add_argument("--date", type=parse_date, help="the meeting date, when the text lacks the year")


def known_program_names(ui: UI, glossary: Path | None = None) -> tuple[str, ...]:
    """Program names from the term base, if one is found; the extractor recognises them."""
    try:
        from doctool.glossary.folder import find_glossary_dir, terms_path
        from doctool.glossary.validation import load_termbase
    except ImportError:  # pragma: no cover - the glossary module is part of the package
        return ()
    try:
        termbase = load_termbase(terms_path(find_glossary_dir(override=glossary)))
    except DoctoolError as exc:
        ui.detail(f"no term base used for program names: {exc}")
        return ()
    return tuple(t.zh for t in termbase.by_kind("program"))


def run(args: argparse.Namespace, ui: UI) -> int:
    """Extract and write the content."""
    # imported here: ``doctool build`` imports this module for parse_date alone
    from doctool import content_io
    from doctool.extract import extract_with_repairs
    from doctool.extract.reader import read_source

    text = read_source(args.source)
    extraction = extract_with_repairs(
        text, date=args.date, known_programs=known_program_names(ui, getattr(args, "glossary", None))
    )
    content = extraction.content
    for repair in extraction.repairs:
        ui.detail(f"{args.source}:{repair.line}: joined a paragraph broken at {repair}")
    if args.output is None:
        print(content_io.dumps(content), end="")
    else:
        content_io.save(content, args.output)
    ui.info(
        f"extracted {sum(1 for _ in content.segments())} segments, {len(content.speakers)} "
        f"speakers, {len(content.targets)} targets, {len(content.programs)} programs"
        + (f" to {args.output}" if args.output else "")
    )
    return 0
