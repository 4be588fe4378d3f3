"""``doctool check content.yaml [--json]``: consistency findings on translated content."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from doctool import content_io
from doctool.check import CHECKS, check, qa_report, title
from doctool.commands.translate import add_glossary_option
from doctool.pipeline import glossary_for_place
from doctool.translate.translator import open_glossary
from doctool.ui import UI


def add_parser(sub: Any, name: str, parents: list[argparse.ArgumentParser]) -> None:
    """Register ``check``."""
    checks = "; ".join(f"{n}: {title(n)}" for n in CHECKS)
    p = sub.add_parser(
        name, parents=parents, help="check terms, numbers and gaps in translated content",
        description=f"Check a translated content file against the glossary. Checks: {checks}. "
        "Findings are listed on standard output (or the qa.json report with --json) and a "
        "summary on standard error. Exit status 1 when any error is found (untranslated "
        "pieces are warnings unless --strict).",
    )
    p.add_argument("content", type=Path, help="a translated content.yaml")
    p.add_argument(
        "--json", action="store_true",
        help="print the qa.json report (counts and findings) on standard output",
    )
    add_glossary_option(p)
    p.add_argument(
        "--strict", action="store_true", help="count untranslated pieces as errors, not warnings"
    )


def run(args: argparse.Namespace, ui: UI) -> int:
    """Check and report; 1 when there are errors."""
    content = content_io.load(args.content)
    glossary = glossary_for_place(open_glossary(args.glossary), content)
    findings = check(content, glossary.termbase, strict=args.strict)
    report = qa_report(content, findings)
    if args.json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        for finding in findings:
            sys.stdout.write(f"{finding}\n")
    ui.info(
        f"{args.content}: {report['segments']} segments, {report['untranslated']} untranslated, "
        f"{report['errors']} errors, {report['warnings']} warnings"
    )
    return 1 if report["errors"] else 0
